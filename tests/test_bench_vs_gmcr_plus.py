"""bench/vs_gmcr_plus.py without GMCR+: it must say what is needed and where to get it (exit 2),
refuse a folder that is not a gmcr-py checkout and bad sizes with a located message, never a
traceback. The comparison itself needs a gmcr-py checkout and is not run here."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "vs_gmcr_plus.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)


def test_without_gmcr_py_says_what_is_needed():
    done = _run()
    assert done.returncode == 2
    assert "--gmcr-py" in done.stderr and "https://github.com/onp/gmcr-py" in done.stderr
    assert "not on PyPI" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_folder_that_is_not_a_checkout(tmp_path):
    done = _run("--gmcr-py", str(tmp_path))
    assert done.returncode == 2
    assert "not a gmcr-py checkout" in done.stderr and "data_01_conflictModel.py" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_sizes_are_refused_before_anything_runs(tmp_path):
    for name in ("data_01_conflictModel.py", "data_02_conflictSolvers.py", "data_03_gmcrUtilities.py"):
        (tmp_path / name).write_text("raise SystemExit('must not be imported')\n")
    done = _run("--gmcr-py", str(tmp_path), "--states", "4000")
    assert done.returncode == 2
    assert "--states: 4000 is not a power of two" in done.stderr
    assert "Traceback" not in done.stderr


def test_same_ranking_compares_orders_not_numbers():
    spec = importlib.util.spec_from_file_location("vs_gmcr_plus", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    levels = {"NN": 0, "YN": 1, "NY": 1, "YY": 2}           # 0 = most preferred
    assert mod.same_ranking(levels, {"NN": 9, "YN": 5, "NY": 5, "YY": 1})
    assert not mod.same_ranking(levels, {"NN": 9, "YN": 5, "NY": 4, "YY": 1})  # a tie split
    assert not mod.same_ranking(levels, {"NN": 1, "YN": 5, "NY": 5, "YY": 9})  # reversed
