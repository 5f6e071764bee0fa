"""Worker processes go with the command that started them: SIGTERM stops a run like Ctrl-C
(exit 143, nothing written), and even a SIGKILLed parent takes its workers with it.

Each test starts ``detente robustness`` in a subprocess, waits for its workers, signals it and
checks that no process it started survives.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import detente
from detente.processes import Terminated, sigterm_as_interrupt

psutil = pytest.importorskip("psutil")  # installed with dask.distributed

THREE = Path(__file__).parent / "fixtures" / "robustness" / "three-parties.yaml"
SRC = str(Path(detente.__file__).resolve().parents[1])
CLI = "import sys; from detente.cli import main; sys.exit(main(sys.argv[1:]))"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process semantics")


def test_sigterm_inside_the_block_raises_terminated_and_the_handler_is_restored():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated):
        with sigterm_as_interrupt():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # interrupted by the handler long before this ends
    assert signal.getsignal(signal.SIGTERM) == before
    assert isinstance(Terminated(), KeyboardInterrupt)  # so every Ctrl-C clean-up runs for it


def _start(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = tmp_path / "out.json"
    return subprocess.Popen([sys.executable, "-c", CLI, "robustness", str(THREE), "--draws", "2000000", "--max-hours", "10000",
                             "-q", "-f", "json", "-o", str(out), *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _wait_for_workers(proc: subprocess.Popen, count: int, limit: float = 120) -> list:
    """The running worker processes (python children other than multiprocessing's helpers)."""
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the command ended early ({proc.returncode}): {proc.stderr.read()}")
        kids = parent.children(recursive=True)
        workers = [k for k in kids if _is_worker(k)]
        if len(workers) >= count:
            time.sleep(1.0)  # let them get to work
            return parent.children(recursive=True)
        time.sleep(0.2)
    pytest.fail(f"no {count} workers after {limit} s")


def _is_worker(p) -> bool:
    try:
        cmd = " ".join(p.cmdline())
    except psutil.Error:
        return False
    return "resource_tracker" not in cmd and "forkserver" not in cmd


def _assert_all_gone(procs: list, limit: float = 20) -> None:
    gone, alive = psutil.wait_procs(procs, timeout=limit)
    alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    for p in alive:  # do not leave them behind for the next test
        p.kill()
    assert not alive, f"left running: {[(p.pid, p.cmdline()) for p in alive]}"


def _stop(proc: subprocess.Popen, sig: int) -> tuple[int, str]:
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the command did not stop within 60 s of the signal")
    return proc.returncode, err


def test_sigterm_stops_robustness_and_its_local_workers(tmp_path):
    proc = _start(tmp_path, "--workers", "2")
    children = _wait_for_workers(proc, 2)
    code, err = _stop(proc, signal.SIGTERM)
    assert code == 143, err
    assert "stopped (SIGTERM)" in err and "Traceback" not in err
    assert not (tmp_path / "out.json").exists()  # nothing half-written
    _assert_all_gone(children)
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob(f"detente-plan-{proc.pid}-*"))


def test_local_workers_die_with_a_sigkilled_parent(tmp_path):
    """No clean-up runs in a SIGKILLed process: the kernel kills the workers (PR_SET_PDEATHSIG)."""
    proc = _start(tmp_path, "--workers", "2")
    children = _wait_for_workers(proc, 2)
    code, _ = _stop(proc, signal.SIGKILL)
    assert code == -signal.SIGKILL
    _assert_all_gone(children)


def test_sigterm_stops_a_local_dask_cluster_and_its_processes(tmp_path):
    proc = _start(tmp_path, "--scheduler", "local", "--workers", "2", "--timeout", "60")
    children = _wait_for_workers(proc, 2, limit=180)
    code, err = _stop(proc, signal.SIGTERM)
    assert code == 143, err
    assert "stopped (SIGTERM)" in err and "Traceback" not in err
    assert not (tmp_path / "out.json").exists()
    _assert_all_gone(children)
