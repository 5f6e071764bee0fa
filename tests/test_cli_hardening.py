"""The command line under hostile input and an unlucky environment (issue 11).

Usage errors, output that cannot be written, special files and symlinks given as ``-o``, the
umask, missing folders, bad ``DETENTE_*`` settings and a user without a writable home: each
is one clear message and exit status 2 (or works), never a traceback or half a file.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import detente.cli as cli
from detente.cli import main
from detente.errors import DetenteError

ROOT = Path(__file__).parent.parent
GMCR = Path(__file__).parent / "fixtures" / "gmcr"
CHICKEN = GMCR / "chicken.yaml"
THREE = Path(__file__).parent / "fixtures" / "robustness" / "three-parties.yaml"
FLAGSHIP = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"
EMISSIONS = ROOT / "scenarios" / "examples" / "emission_standards_1994.yaml"
DEU = Path(__file__).parent / "fixtures" / "bargaining" / "toy_deu.tsv"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def detente_process(*args, **kwargs) -> subprocess.CompletedProcess:
    """`detente ARGS` as a separate process (the console script's entry point)."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-c", "from detente.cli import run; run()",
                           *[str(a) for a in args]], text=True, timeout=300, **kwargs)


def assert_one_line_error(code: int, err: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err


# --- usage errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv, says", [
    (["analyze", "--nonsense"], "No such option: --nonsense"),
    (["analyze"], "Missing argument"),
    (["nonsense"], "No such command 'nonsense'"),
    (["analyze", str(CHICKEN), "--format", "xml"], "'xml' is not one of"),
    (["forecast", str(EMISSIONS), "--draws", "many"], "Invalid value for '--draws'"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys, argv, says):
    code, out, err = run(capsys, *argv)
    assert_one_line_error(code, err)
    assert says in err and "--help" in err and out == ""


def test_usage_errors_from_plain_click(capsys, monkeypatch):
    """typer < 0.29 (and any plain click command) raise click's own exceptions, not
    typer._click's: the boundary recognises both."""
    click = pytest.importorskip("click")

    @click.group()
    def group():
        pass

    @group.command("analyze")
    @click.argument("model")
    @click.option("--format")
    def analyze(model, format):  # pragma: no cover - never reached with bad arguments
        pass

    cli.register_all()  # the real commands register on the real app first
    monkeypatch.setattr(cli, "app", group)
    for argv, says in [(["analyze", "x", "--nonsense"], "--nonsense"),
                       (["analyze"], "Missing argument"), (["nonsense"], "No such command")]:
        code, _, err = run(capsys, *argv)
        assert_one_line_error(code, err)
        assert says in err


def test_usage_error_in_a_real_process():
    proc = detente_process("analyze", "--nonsense")
    assert_one_line_error(proc.returncode, proc.stderr)
    assert "No such option: --nonsense" in proc.stderr


# --- write errors ---------------------------------------------------------------------------

class _FailingStdout(io.TextIOBase):
    def __init__(self, exc: OSError):
        self.exc = exc

    def writable(self):
        return True

    def write(self, text):
        raise self.exc


def test_full_stdout_is_one_line(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", _FailingStdout(OSError(errno.ENOSPC, "No space left on device")))
    code = main(["analyze", str(CHICKEN), "-f", "json"])
    err = capsys.readouterr().err
    assert_one_line_error(code, err)
    assert "standard output: No space left on device" in err


def test_closed_pipe_stops_quietly(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", _FailingStdout(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    code = main(["analyze", str(CHICKEN), "-f", "json"])
    assert code == 1 and capsys.readouterr().err == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_dev_full_in_a_real_process():
    with open("/dev/full", "w") as full:
        proc = detente_process("analyze", FLAGSHIP, "-f", "json", stdout=full, stderr=subprocess.PIPE)
    assert_one_line_error(proc.returncode, proc.stderr)
    assert "No space left on device" in proc.stderr


def test_closed_pipe_in_a_real_process():
    # The reader is gone before the command (which takes a moment to start) writes anything.
    for argv in (["analyze", CHICKEN, "-f", "json"], ["analyze", CHICKEN]):  # plain and rich
        proc = subprocess.Popen([sys.executable, "-c", "from detente.cli import run; run()",
                                 *map(str, argv)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=300) == 1 and err == ""


# Every command that writes a file, as (argv before the path, argv after it).
WRITERS = {
    "analyze": (["analyze", CHICKEN, "-f", "json", "-o"], []),
    "report": (["report", CHICKEN, "--no-summary", "-o"], []),
    "import-gmcr": (["export-gmcr", CHICKEN, "-o"], []),  # see _gmcr_file below
    "export-gmcr": (["export-gmcr", CHICKEN, "-o"], []),
    "robustness": (["robustness", THREE, "--draws", "20", "--workers", "1", "-q", "-o"], []),
    "sensitivity-plot": (["sensitivity", THREE, "--draws", "20", "--workers", "1", "-q",
                          "-f", "json", "--plot"], []),
    "inverse": (["inverse", GMCR / "syria-iraq-1975.yaml", "--state", "2", "--dm", "Syria",
                 "--workers", "1", "-q", "-o"], []),
    "forecast-plot": (["forecast", EMISSIONS, "-m", "eu", "-f", "json", "--plot"], []),
    "forecast-import": (["forecast-import", DEU, "--force", "-o"], []),
}


def _argv(name: str, path: Path, tmp_path: Path) -> list:
    before, after = WRITERS[name]
    if name == "import-gmcr":
        gmcr = tmp_path / "chicken.gmcr"
        if not gmcr.exists():
            import detente
            from detente.model.gmcrplus import write_gmcr
            gmcr.write_text(write_gmcr(detente.load(CHICKEN)))
        before = ["import-gmcr", gmcr, "-o"]
    return [*before, path, *after]


def _written(name: str, path: Path) -> list[Path]:
    """The files a command wrote for the output argument ``path``."""
    if name == "forecast-plot":
        return sorted(path.iterdir())
    return [path]


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_creates_missing_folders_and_honours_the_umask(name, tmp_path, capsys):
    target = tmp_path / "new" / "deeper" / ("plots" if name == "forecast-plot" else "out.txt")
    old = os.umask(0o027)
    try:
        code, _, err = run(capsys, *_argv(name, target, tmp_path))
    finally:
        os.umask(old)
    assert code == 0, err
    files = _written(name, target)
    assert files and all(f.stat().st_size > 0 for f in files)
    for f in files:  # 0o666 & ~0o027: not mkstemp's 0600
        assert stat.S_IMODE(f.stat().st_mode) == 0o640, (f, oct(f.stat().st_mode))
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o750
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert leftovers == []


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_reports_an_unwritable_path_in_one_line(name, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    code, _, err = run(capsys, *_argv(name, blocker / "out.txt", tmp_path))
    assert_one_line_error(code, err.replace("\n  hint:", " hint:"))
    assert "cannot write the output" in err and str(blocker) in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("name", ["analyze", "report", "export-gmcr", "robustness", "inverse",
                                  "forecast-import"])
def test_output_to_dev_full_is_one_error(name, tmp_path, capsys):
    code, _, err = run(capsys, *_argv(name, Path("/dev/full"), tmp_path))
    assert code == 2 and "Traceback" not in err
    assert "/dev/full" in err and "No space left on device" in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # written through, not replaced


def test_permission_denied_is_one_error(tmp_path, capsys, monkeypatch):
    import detente.files

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(kwargs.get("dir")))
    monkeypatch.setattr(detente.files.tempfile, "mkstemp", refuse)
    code, _, err = run(capsys, "analyze", CHICKEN, "-o", tmp_path / "out.json")
    assert code == 2 and "Permission denied" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_permission_denied_for_a_real_user(tmp_path):
    """A folder the user may not write to. Root may write anywhere, so as root the command
    runs without the capability that lets it (util-linux's setpriv)."""
    import shutil
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: every folder is writable")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    proc = subprocess.run([*prefix, sys.executable, "-c", "from detente.cli import run; run()",
                           "analyze", str(CHICKEN), "-o", str(locked / "out.json")],
                          capture_output=True, text=True, timeout=300)
    assert_one_line_error(proc.returncode, proc.stderr.replace("\n  hint:", " hint:"))
    assert "Permission denied" in proc.stderr and str(locked) in proc.stderr
    assert list(locked.iterdir()) == []


# --- special files, symlinks, atomic replacement ---------------------------------------------

def test_symlink_is_followed_and_kept(tmp_path, capsys):
    target = tmp_path / "real.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, _, err = run(capsys, "analyze", CHICKEN, "-f", "json", "-o", link)
    assert code == 0, err
    assert link.is_symlink() and json.loads(target.read_text())["schema"] == "detente.analysis/1"


def test_fifo_and_a_link_to_it_are_written_through(tmp_path, capsys):
    """Like -o /dev/stdout (a link to a pipe): never replaced by a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        code, _, err = run(capsys, "analyze", CHICKEN, "-f", "json", "-o", link)
    finally:
        # Unblock a reader still waiting for a writer (when nothing was written). The open must
        # not block: the reader may have read everything and closed its end between the check
        # and the open, and a blocking open of a FIFO with no reader waits for ever (a hang
        # seen once in a full run).
        deadline = time.monotonic() + 60
        while reader.is_alive() and not received and time.monotonic() < deadline:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError as exc:  # ENXIO: no reader has the FIFO open at this moment
                if exc.errno != errno.ENXIO:
                    raise
            reader.join(timeout=0.05)
        reader.join(timeout=60)
    assert code == 0, err
    assert json.loads(received[0])["schema"] == "detente.analysis/1"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()


def test_dev_stdout_in_a_real_process(tmp_path):
    """``-o /dev/stdout`` writes to the process's standard output (a pipe here)."""
    proc = detente_process("analyze", CHICKEN, "-f", "json", "-o", "/dev/stdout")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["schema"] == "detente.analysis/1"
    assert os.path.islink("/dev/stdout") or not stat.S_ISREG(os.stat("/dev/stdout").st_mode)


def test_a_folder_as_output_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "analyze", CHICKEN, "-o", tmp_path)
    assert code == 2 and "is a folder" in err


def test_failed_replacement_keeps_the_old_file_whole(tmp_path, capsys, monkeypatch):
    import detente.files
    out = tmp_path / "out.json"
    out.write_text("previous\n")
    out.chmod(0o604)

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(detente.files.os, "replace", disk_full)
    code, _, err = run(capsys, "analyze", CHICKEN, "-f", "json", "-o", out)
    assert code == 2 and "No space left on device" in err
    assert out.read_text() == "previous\n" and list(tmp_path.iterdir()) == [out]
    monkeypatch.undo()
    assert main(["analyze", str(CHICKEN), "-f", "json", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604  # a replaced file keeps its mode


# --- DETENTE_* settings -----------------------------------------------------------------------

@pytest.mark.parametrize("value, says", [("inf", "not a finite number"), ("nan", "not a finite number"),
                                         ("abc", "not a number"), ("-1", "must be more than 0"),
                                         ("0", "must be more than 0")])
def test_bad_max_memory_is_a_located_error(value, says, capsys, monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", value)
    code, _, err = run(capsys, "analyze", CHICKEN)
    assert code == 2 and "Traceback" not in err
    assert f"DETENTE_MAX_MEMORY_GB={value!r}" in err and says in err and "positive number" in err
    from detente.model.states import memory_budget_bytes
    with pytest.raises(DetenteError, match="DETENTE_MAX_MEMORY_GB"):
        memory_budget_bytes()  # the library refuses it too, not only the CLI


def test_good_max_memory_values(monkeypatch):
    from detente.model.states import memory_budget_bytes
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", " 0.5 ")
    assert memory_budget_bytes() == 2**29
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "")
    assert memory_budget_bytes() == 8 * 2**30


def test_bad_malloc_tuning_is_a_located_error(capsys, monkeypatch):
    monkeypatch.setenv("DETENTE_MALLOC_TUNING", "yes")
    code, _, err = run(capsys, "analyze", CHICKEN)
    assert code == 2 and "DETENTE_MALLOC_TUNING='yes'" in err and "1 or 0" in err


# --- numba's cache --------------------------------------------------------------------------

def test_forecast_without_a_writable_home(tmp_path):
    """numba caches compiled kernels next to the source or under ~/.cache; with neither
    writable (a read-only install, a user without a home) forecast still runs."""
    pytest.importorskip("numba")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    env = {k: v for k, v in os.environ.items()
           if k not in ("XDG_CACHE_HOME", "NUMBA_CACHE_DIR", "NUMBA_DISABLE_JIT")}
    # HOME under a file cannot be written even by root; keeping numba away from the source
    # tree stands in for a read-only install.
    env.update(HOME=str(not_a_folder / "home"), NUMBA_CACHE_LOCATOR_CLASSES="UserWideCacheLocator")
    proc = detente_process("forecast", EMISSIONS, "-m", "eu", "-f", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["issues"][0]["forecasts"]
