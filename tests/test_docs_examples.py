"""Every code block in the README and docs/ runs, so the documentation cannot drift from the code.

Each Markdown file is one test: its blocks run in order in a scratch folder (with links to the
repository's scenarios/, tests/, requirements/ and docs/, its own database and home folder), so
a later block can use what an earlier one wrote. What a block is decides how it is checked:

* ``python`` blocks run (one namespace per file); ``pycon`` blocks (``>>>``) run as doctests;
* ``sh``/``bash``/``console`` blocks, and indented or unlabelled blocks (in these docs they are
  commands), run with ``bash -e`` (``detente`` is the test environment's command);
* ``yaml`` and ``json`` blocks must parse (a JSON block showing one member, ``"key": {...}``,
  is parsed inside braces); ``text`` blocks are output, not code.

Markers, as HTML comments on the line before a block (invisible on the rendered page):

* ``<!-- not run: REASON -->`` — a block that cannot run here (installing, a long-running
  server, a cluster, placeholders); the reason is required;
* ``<!-- file: NAME -->`` — write the block's text to NAME in the scratch folder (then check it
  as its language says), for later blocks to use.

Docstring examples of the package modules are run by :func:`test_docstring_examples`.
"""

from __future__ import annotations

import doctest
import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from ruamel.yaml import YAML

import detente

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))
LINKED = ("scenarios", "tests", "requirements", "docs", "bench")
SHELL = {"sh", "bash", "console", "shell", ""}
NOT_CODE = {"text", "output"}
MARKER = re.compile(r"<!--\s*(not run|file)\s*:\s*(.*?)\s*-->", re.S)
BLOCK_TIMEOUT = 600


def blocks(path: Path) -> list[dict]:
    """The code blocks of a Markdown file: language, text, line and marker."""
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    out = []
    for i, tok in enumerate(tokens):
        if tok.type not in ("fence", "code_block"):
            continue
        lang = tok.info.strip().split()[0].lower() if tok.type == "fence" and tok.info.strip() else ""
        marker = None
        prev = tokens[i - 1] if i else None
        if prev is not None and prev.type == "html_block":
            m = MARKER.search(prev.content)
            if m:
                marker = (m.group(1), m.group(2))
        out.append({"lang": lang, "text": tok.content, "line": tok.map[0] + 1, "marker": marker})
    return out


def _scratch(tmp_path: Path) -> dict[str, str]:
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETENTE_")}
    env.update(HOME=str(tmp_path), DETENTE_DB=str(tmp_path / "detente.sqlite"),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
               NO_COLOR="1", COLUMNS="120")
    return env


@pytest.mark.slow
@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_blocks_run(path, tmp_path, monkeypatch):
    env = _scratch(tmp_path)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__docs__"}
    for b in blocks(path):
        where = f"{path.relative_to(ROOT)}:{b['line']}"
        kind, arg = b["marker"] or (None, None)
        if kind == "not run":
            assert arg, f"{where}: say why the block is not run"
            continue
        if kind == "file":
            (tmp_path / arg).write_text(b["text"], encoding="utf-8")
        lang = b["lang"]
        if lang in NOT_CODE:
            continue
        if lang in ("yaml", "yml"):
            YAML(typ="safe").load(b["text"])
        elif lang == "json":
            text = b["text"].strip()
            # A member of an object ("key": value) is shown alone: check it inside braces.
            json.loads("{" + text + "}" if text.startswith('"') and ":" in text.split("\n")[0] else text)
        elif lang in ("python", "py"):
            try:
                exec(compile(b["text"], where, "exec"), namespace)  # noqa: S102 - our own docs
            except Exception as exc:  # noqa: BLE001 - report where the docs went wrong
                pytest.fail(f"{where}: {type(exc).__name__}: {exc}")
        elif lang == "pycon":
            parser = doctest.DocTestParser()
            test = parser.get_doctest(b["text"], namespace, where, str(path), b["line"])
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test)
            assert runner.failures == 0, f"{where}: doctest failed (see output above)"
        elif lang in SHELL:
            proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", b["text"]], cwd=tmp_path,
                                  env=env, capture_output=True, text=True, timeout=BLOCK_TIMEOUT)
            assert proc.returncode == 0, (f"{where}: exit {proc.returncode}\n$ {b['text']}\n"
                                          f"{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
        else:
            pytest.fail(f"{where}: a ```{lang} block: label it python, sh, yaml, json or text, "
                        "or mark it <!-- not run: REASON -->")


def test_markers_are_well_formed():
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<!--\s*(not[ -]run|file|skip|norun)\b[^>]*-->", text):
            assert MARKER.fullmatch(m.group(0)) and MARKER.fullmatch(m.group(0)).group(2), \
                f"{path.relative_to(ROOT)}: malformed marker {m.group(0)!r}"


def _modules() -> list[str]:
    names = ["detente"]
    for info in pkgutil.walk_packages(detente.__path__, "detente."):
        if ".scenarios" in info.name or ".migrations" in info.name:
            continue
        names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name files by their path in the repository
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} docstring example(s) failed"
