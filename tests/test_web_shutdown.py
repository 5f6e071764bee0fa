"""Stopping the server is not a failure: a real ``detente serve`` process, stopped the way
systemd and docker stop it (SIGTERM to its whole process group, worker processes included),
leaves its unfinished analyses queued, and the next server runs them to the end.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process groups")

FIXTURES = Path(__file__).parent / "fixtures" / "gmcr"
CHICKEN = (FIXTURES / "chicken.yaml").read_text()
SRC = str(Path(__file__).resolve().parents[1] / "src")


def slow_model(sizes=(5, 5, 4)) -> str:
    """Three decision makers and 14 options: an analysis of all concepts takes seconds, long
    enough to be stopped in the middle."""
    opts = [[f"o{d}_{k}" for k in range(n)] for d, n in enumerate(sizes)]
    lines = ["title: Slow test conflict", "decision_makers:"]
    for d, mine in enumerate(opts):
        others = [o for dd, theirs in enumerate(opts) if dd != d for o in theirs]
        lines += [f"  - name: D{d}", f"    options: [{', '.join(mine)}]", "    preferences:"]
        lines += [f"      - not {o}" for o in others[:4]] + [f"      - {o}" for o in mine[:2]]
    return "\n".join(lines) + "\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("DETENTE_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from detente.cli import run; sys.exit(run())",
         "serve", "--db", str(db), "--port", str(port), "--jobs", "1", "--log-level", "warning"],
        env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True)  # its own process group, as under systemd or docker
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    stop_group(proc, signal.SIGKILL)
    pytest.fail(f"the server did not start:\n{log.read_text()}")


def stop_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def children_of(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def status(api: str, ids: list[int]) -> list[str]:
    return [httpx.get(f"{api}/analyses/{i}", timeout=10).json()["status"] for i in ids]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_sigterm_to_the_process_group_leaves_analyses_queued_and_they_resume(tmp_path):
    db, log = tmp_path / "ws.sqlite", tmp_path / "server.log"
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    proc = start_server(db, port, log)
    try:
        slow = httpx.post(f"{api}/scenarios", json={"text": slow_model()}, timeout=30).json()["id"]
        small = httpx.post(f"{api}/scenarios", json={"text": CHICKEN}, timeout=30).json()["id"]
        ids = [httpx.post(f"{api}/scenarios/{slow}/analyses", json={}, timeout=30).json()["id"]]
        for concepts in (["Nash"], ["GMR"], ["SMR"]):
            ids.append(httpx.post(f"{api}/scenarios/{small}/analyses",
                                  json={"concepts": concepts}, timeout=30).json()["id"])
        deadline = time.monotonic() + 60
        while status(api, ids[:1]) != ["running"]:
            assert time.monotonic() < deadline, "the first analysis never started"
            time.sleep(0.05)
        assert status(api, ids[1:]) == ["queued"] * 3  # one worker: the others wait
        workers = children_of(proc.pid)
        assert workers, "the server runs analyses in worker processes"

        # someone watches the progress stream: it must not hold the stop for ever
        def watch():
            try:
                with httpx.stream("GET", f"{api}/analyses/{ids[0]}/events", timeout=60) as r:
                    for _ in r.iter_lines():
                        pass
            except httpx.HTTPError:
                pass
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        time.sleep(0.3)

        stop_group(proc, signal.SIGTERM)  # what systemd and docker send
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers):
            assert time.monotonic() < deadline, "worker processes outlived the server"
            time.sleep(0.1)
    finally:
        stop_group(proc, signal.SIGKILL)
        proc.wait(timeout=30)

    import sqlite3
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT id, status FROM analyses").fetchall())
        tasks = dict(conn.execute("SELECT id, task FROM analyses").fetchall())
    assert [rows[i] for i in ids] == ["queued"] * 4, (rows, log.read_text())
    assert tasks[ids[0]] == "interrupted"
    assert "BrokenProcessPool" not in log.read_text()

    proc = start_server(db, port, log)  # the next start runs all four to the end
    try:
        deadline = time.monotonic() + 120
        while (now := status(api, ids)) != ["done"] * 4:
            assert "failed" not in now, now
            assert time.monotonic() < deadline, now
            time.sleep(0.2)
        result = httpx.get(f"{api}/analyses/{ids[1]}/result", timeout=30).json()
        assert [e["yn"] for e in result["results"]["Nash"]["equilibria"]]
    finally:
        stop_group(proc, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_workers_do_not_outlive_a_server_killed_hard(tmp_path):
    """SIGKILL to the server alone (the OOM killer, kill -9): its workers exit by themselves
    rather than running on, orphaned."""
    db, log = tmp_path / "ws.sqlite", tmp_path / "server.log"
    port = free_port()
    proc = start_server(db, port, log)
    try:
        deadline = time.monotonic() + 30
        while not (workers := children_of(proc.pid)):
            assert time.monotonic() < deadline, "no worker process started"
            time.sleep(0.1)
        time.sleep(1.0)  # the worker's start-up (spawn, imports) is done
        workers = children_of(proc.pid)
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(alive(w) for w in workers):
            assert time.monotonic() < deadline, "worker processes outlived the server"
            time.sleep(0.2)
    finally:
        stop_group(proc, signal.SIGKILL)


def pool_workers(pid: int) -> list[int]:
    return [c for c in children_of(pid)
            if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_a_worker_killed_under_a_job_fails_that_job_only(tmp_path):
    """A worker killed while it runs an analysis (out of memory, kill -9): that analysis is
    tried once more and then marked failed with a message; the analyses waiting behind it are
    not failed with it but run."""
    db, log = tmp_path / "ws.sqlite", tmp_path / "server.log"
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    proc = start_server(db, port, log)
    try:
        slow = httpx.post(f"{api}/scenarios", json={"text": slow_model()}, timeout=30).json()["id"]
        small = httpx.post(f"{api}/scenarios", json={"text": CHICKEN}, timeout=30).json()["id"]
        ids = [httpx.post(f"{api}/scenarios/{slow}/analyses", json={}, timeout=30).json()["id"]]
        for concepts in (["Nash"], ["GMR"]):
            ids.append(httpx.post(f"{api}/scenarios/{small}/analyses",
                                  json={"concepts": concepts}, timeout=30).json()["id"])
        started = set()
        for attempt in range(2):  # the first kill gets a second try, the second is final
            deadline = time.monotonic() + 60
            while True:  # this attempt has started (a new start time) in a live worker
                job = httpx.get(f"{api}/analyses/{ids[0]}", timeout=10).json()
                if job["status"] == "running" and job["started_at"] not in started \
                        and (workers := [w for w in pool_workers(proc.pid) if alive(w)]):
                    break
                assert time.monotonic() < deadline, (attempt, job)
                time.sleep(0.05)
            started.add(job["started_at"])
            for w in workers:
                os.kill(w, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while (now := status(api, ids)) != ["failed", "done", "done"]:
            assert time.monotonic() < deadline, now
            time.sleep(0.1)
        job = httpx.get(f"{api}/analyses/{ids[0]}", timeout=10).json()
        assert "the analysis worker stopped" in job["error"]["problems"][0]["message"]
        assert httpx.get(f"{api}/health", timeout=10).status_code == 200
    finally:
        stop_group(proc, signal.SIGTERM)
        proc.wait(timeout=30)
