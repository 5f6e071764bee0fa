"""The built wheel works on its own: every source and data file is in it, and installed (not
editable) into a fresh virtualenv it runs the flagship report and serves the web app.

The fresh virtualenv reuses the test environment's dependencies through a ``.pth`` line (no
download, no editable finder: ``.pth`` files inside that directory are not processed), and
the wheel itself is installed with ``--no-deps``, so whatever the wheel lacks fails here.
Building uses ``python -m build``: in this environment when its setuptools is as new as
pyproject.toml's build-system asks (the lock pins one), else isolated (fetching setuptools).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

import detente

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "detente"

pytestmark = pytest.mark.slow


def _package_files() -> set[str]:
    """Every file the package is made of, as wheel paths (the scenarios link is followed)."""
    out = set()
    for path in PKG.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            out.add("detente/" + path.relative_to(PKG).as_posix())
    return out


def _setuptools_major() -> int:
    try:
        from importlib.metadata import version
        return int(version("setuptools").split(".")[0])
    except Exception:  # noqa: BLE001 - not installed or odd version: build in isolation
        return 0


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    pytest.importorskip("build", reason="the 'build' package is in the dev extra")
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # Build from a copy of the source tree: setuptools writes build/ and *.egg-info next to
    # the sources, and pytest-xdist may run this fixture in two workers at once (each one
    # removing the other's scratch folders), which made the build fail now and then.
    source = tmp_path_factory.mktemp("source") / "detente"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis",
        ".pytest_cache", "site", "out", "test-artifacts", "*.sqlite", "*.db"))
    # With the pinned setuptools (requirements/lock.txt) build in this environment, offline;
    # with an older one, let build fetch what pyproject.toml's build-system asks for.
    isolation = ["--no-isolation"] if _setuptools_major() >= 77 else []
    proc = subprocess.run([sys.executable, "-m", "build", *isolation, "--outdir", str(out),
                           str(source)],
                          capture_output=True, text=True, timeout=300, env=env, cwd=out)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def test_wheel_and_sdist_hold_everything(dist):
    wheel = next(dist.glob("detente-*.whl"))
    assert wheel.name.startswith(f"detente-{detente.__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _package_files() - names
    assert not missing, f"files missing from the wheel: {sorted(missing)}"
    for required in ("detente/store/migrations/versions/0001_evidence.py",
                     "detente/web/templates/base.html", "detente/web/static/app.js",
                     "detente/report/templates/report.html.j2",
                     "detente/scenarios/settlement-talks-2025-02.yaml"):
        assert required in names
    sdist = next(dist.glob("detente-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        members = {m.split("/", 1)[1] for m in tar.getnames() if "/" in m}
    for required in ("CHANGELOG.md", "README.md", "mkdocs.yml", "docs/model-format.md",
                     "scenarios/settlement-talks-2025-02.yaml", "tests/fixtures/gmcr/elmira.yaml",
                     "requirements/lock.txt", "src/detente/web/static/app.css"):
        assert required in members, required


@pytest.fixture(scope="module")
def venv(dist, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    py = venv / "bin" / "python"
    wheel = next(dist.glob("detente-*.whl"))
    # Install before the dependencies are linked in: pip would otherwise find the test
    # environment's (editable) detente and skip the wheel.
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install",
                           "--no-deps", "--no-index", "--ignore-installed", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=300, env=_env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True, env=_env()).stdout.strip()
    parents = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site, "_test_dependencies.pth").write_text("\n".join(sorted(parents)) + "\n")
    return venv


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DETENTE_DB")}
    env["HOME"] = env.get("HOME", "/tmp")
    return env


def test_installed_wheel_is_used_and_knows_its_version(venv, tmp_path):
    py = venv / "bin" / "python"
    where = subprocess.run([str(py), "-c", "import detente; print(detente.__file__)"],
                           capture_output=True, text=True, env=_env(), cwd=tmp_path)
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr[-2000:]
    ver = subprocess.run([str(venv / "bin" / "detente"), "--version"], capture_output=True,
                         text=True, env=_env(), cwd=tmp_path, timeout=60)
    assert ver.returncode == 0 and ver.stdout.strip() == f"detente {detente.__version__}"


def test_installed_wheel_writes_the_flagship_report(venv, tmp_path):
    py = venv / "bin" / "python"
    scenario = subprocess.run(
        [str(py), "-c", "import importlib.resources as r; "
         "print(r.files('detente') / 'scenarios' / 'settlement-talks-2025-02.yaml')"],
        capture_output=True, text=True, env=_env(), cwd=tmp_path, check=True).stdout.strip()
    assert scenario.startswith(str(venv))
    out = tmp_path / "report.html"
    proc = subprocess.run([str(venv / "bin" / "detente"), "report", scenario, "-o", str(out)],
                          capture_output=True, text=True, env=_env(), cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = out.read_text()
    assert "<svg" in html and "Hegseth" in html  # the state graph and the cited quotes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - loopback only
        return resp.status, resp.read()


def test_installed_wheel_serves_the_web_app(venv, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(venv / "bin" / "detente"), "serve", "--port", str(port),
                             "--db", str(tmp_path / "web.sqlite")], env=_env(), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _ = _get(base + "/api/health")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail("detente serve did not start:\n" + (proc.stdout.read() or "")[-3000:])
                time.sleep(0.5)
        assert status == 200
        status, page = _get(base + "/")
        assert status == 200 and b"<html" in page.lower()
        for asset in ("/static/app.js", "/static/app.css"):
            status, body = _get(base + asset)
            assert status == 200 and len(body) > 100, asset
        status, body = _get(base + "/api/scenarios")
        assert status == 200 and body.strip().startswith(b"[")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
