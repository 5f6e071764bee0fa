"""Start-up stays light: analysing a model (and listing the commands) must not import the
heavy libraries that only other commands need (issue 17). Checked on ``sys.modules`` in a
fresh interpreter, so it is a property of the import graph, not a timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHICKEN = ROOT / "tests" / "fixtures" / "gmcr" / "chicken.yaml"
HEAVY = ("spacy", "matplotlib", "dask", "distributed", "fastapi", "pandas", "sqlalchemy")

PROBE = """
import contextlib, io, json, sys
from detente.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(json.loads(sys.argv[1]))
loaded = sorted({name.split('.')[0] for name in sys.modules})
print(json.dumps({"status": status, "loaded": loaded, "output": out.getvalue()}))
"""


def _run(argv: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True,
                          text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [
    ["analyze", str(CHICKEN)],
    ["analyze", str(CHICKEN), "--format", "json"],
    ["--help"],
    ["analyze", "--help"],
])
def test_small_analysis_imports_no_heavy_library(argv):
    probe = _run(argv)
    assert probe["status"] == 0
    if argv[0] == "analyze" and "--help" not in argv:
        assert "Nash" in probe["output"]  # the analysis really ran
    heavy = sorted(set(HEAVY) & set(probe["loaded"]))
    assert heavy == [], f"`detente {' '.join(argv)}` imported {heavy}"



def test_command_table_names_the_module_of_every_command():
    """``COMMAND_MODULE_OF`` (which module to import for a command) matches what the modules
    register: every command is listed, with the module whose function it runs."""
    from detente import cli
    cli.register_all()
    registered = {info.name: info.callback.__module__ for info in cli.app.registered_commands}
    assert registered == cli.COMMAND_MODULE_OF


def test_running_one_command_imports_only_its_module():
    probe = _run(["analyze", str(CHICKEN)])
    assert "Nash" in probe["output"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    code = ("import sys, contextlib, io\nfrom detente.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['analyze', {str(CHICKEN)!r}])\n"
            "print(sorted(m for m in sys.modules if m.startswith('detente.cli.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == str(["detente.cli.about_commands", "detente.cli.gmcr_commands"])
