"""The cluster path under faults: every bad --scheduler is one clear message (exit 2) within the
timeout, and a run whose worker is killed mid-run finishes once the nanny restarts it.

Everything runs on loopback: local Dask clusters, and small servers that are not Dask.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from detente.cli import main
from detente.errors import DetenteError
from detente.gmcr.parallel import map_chunks, scheduler_address, split_range
from detente.gmcr.robustness import robustness

distributed = pytest.importorskip("distributed")

THREE = Path(__file__).parent / "fixtures" / "robustness" / "three-parties.yaml"


# --- addresses ---------------------------------------------------------------------------------

@pytest.mark.parametrize("given, expected", [
    ("127.0.0.1:8786", "tcp://127.0.0.1:8786"),
    ("sched.example", "tcp://sched.example:8786"),
    ("TCP://sched.example:9000", "tcp://sched.example:9000"),
    ("tls://sched.example:8786", "tls://sched.example:8786"),
    ("tcp://[::1]:8786", "tcp://[::1]:8786"),
])
def test_scheduler_addresses_that_are_taken(given, expected):
    assert scheduler_address(given) == expected


@pytest.mark.parametrize("given, says", [
    ("http://127.0.0.1:8787", "http:// is not a Dask scheduler address"),
    ("https://sched.example", "https:// is not a Dask scheduler address"),
    ("inproc://10.0.0.1/1234/1", "inproc:// is not a Dask scheduler address"),
    ("ws://sched.example:8786", "ws:// is not a Dask scheduler address"),
    ("tcp://sched.example:http", "is not a valid address"),
    ("tcp://sched.example:0", "port outside 1-65535"),
    ("tcp://sched.example:70000", "port outside 1-65535"),
    ("tcp://sched.example:8786/status", "is not a valid address"),
    ("tcp://", "is not a valid address"),
    ("tcp://a:b:c", "is not a valid address"),
])
def test_scheduler_addresses_that_are_refused(given, says):
    with pytest.raises(DetenteError) as exc:
        scheduler_address(given)
    assert says in str(exc.value)
    assert "tcp://HOST:PORT" in str(exc.value)  # the hint says what is allowed


def _run_cli(capsys, *args) -> tuple[int, str]:
    code = main(["robustness", str(THREE), "--draws", "200", "-q", *args])
    return code, capsys.readouterr().err


def test_an_http_scheduler_address_is_one_message_in_the_cli(capsys):
    code, err = _run_cli(capsys, "--scheduler", "http://127.0.0.1:8787", "--timeout", "2")
    assert code == 2
    assert "http:// is not a Dask scheduler address" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2  # the error and its hint


def test_a_bad_address_is_refused_even_when_no_chunk_would_go_to_the_cluster(capsys):
    # One draw is done by the timing pilot in this process: the address is still checked.
    code, err = _run_cli(capsys, "--scheduler", "https://x", "--draws", "1")
    assert code == 2 and "https:// is not a Dask scheduler address" in err


# --- services that are not a scheduler -----------------------------------------------------------

@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never says anything (a typo'd port)."""
    srv = socket.create_server(("127.0.0.1", 0))
    held = []
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])
            except OSError:
                pass
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield f"tcp://127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join()
    for c in held:
        c.close()
    srv.close()


@pytest.fixture
def http_server():
    """A plain HTTP server (what a web port answers)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    srv.timeout = 0.2
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    t.start()
    yield f"tcp://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def empty_cluster():
    """A scheduler without workers, with its dashboard's HTTP server on another port."""
    cl = distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0")
    yield cl
    cl.close()


def _fails_within(address: str, timeout: float, says: str, limit: float):
    t0 = time.monotonic()
    with pytest.raises(DetenteError) as exc:
        robustness(THREE, draws=100, seed=1, scheduler=address, timeout=timeout)
    took = time.monotonic() - t0
    assert says in str(exc.value)
    # The deadline holds (with room for a loaded machine); before, these hung for ever.
    assert took < limit, took
    return str(exc.value)


def test_a_silent_server_is_not_a_scheduler_and_the_timeout_holds(silent_server):
    text = _fails_within(silent_server, 2, "is not a Dask scheduler", limit=45)
    assert "no Dask handshake within 2 s" in text


def test_an_http_server_is_not_a_scheduler(http_server):
    _fails_within(http_server, 2, "is not a Dask scheduler", limit=45)


def test_the_dashboard_port_is_not_a_scheduler(empty_cluster):
    port = empty_cluster.scheduler.http_server.port
    text = _fails_within(f"tcp://127.0.0.1:{port}", 2, "is not a Dask scheduler", limit=45)
    assert "8787 is its dashboard" in text


def test_a_refused_port_says_so_at_once():
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]  # closed again: nothing listens there now
    text = _fails_within(f"tcp://127.0.0.1:{port}", 5, "cannot reach the Dask scheduler", limit=45)
    assert "refused" in text.lower()


def test_a_scheduler_without_workers_is_one_message(empty_cluster, capsys):
    _fails_within(empty_cluster.scheduler_address, 1, "has no workers (waited 1 s)", limit=45)
    code, err = _run_cli(capsys, "--scheduler", empty_cluster.scheduler_address, "--timeout", "1")
    assert code == 2 and "has no workers" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 2


def test_a_worker_address_is_not_a_scheduler():
    with distributed.LocalCluster(n_workers=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as cl:
        worker = next(iter(cl.scheduler.workers))
        _fails_within(worker, 3, "is not a Dask scheduler", limit=45)


# --- workers lost during a run -------------------------------------------------------------------

def _slow_weighted_sum(plan, a, b):
    time.sleep(0.25)
    return sum(plan["weight"] * i for i in range(a, b))


def test_killing_the_only_worker_mid_run_still_finishes_the_run():
    """The nanny restarts the worker; the plan (a task, not scattered data) is recomputed."""
    plan = {"weight": 3, "padding": b"x" * 200_000}
    chunks = split_range(48, 2)
    expected = [sum(3 * i for i in range(a, b)) for a, b in chunks]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None, worker_dashboard_address=None,
                                  memory_limit="1GiB") as cl, \
            distributed.Client(cl) as client:
        first_pid = next(iter(client.run(os.getpid).values()))
        killed = []

        def progress(done, total):
            if not killed and done >= 4:
                os.kill(first_pid, signal.SIGKILL)  # as the OOM killer would
                killed.append(done)
        out = map_chunks(_slow_weighted_sum, plan, chunks, scheduler=cl, timeout=60, progress=progress)
        assert killed, "the worker was never killed"
        assert out == expected
        client.wait_for_workers(1, timeout=60)
        assert next(iter(client.run(os.getpid).values())) != first_pid  # really a new process


def test_a_cluster_that_loses_all_its_workers_is_one_message():
    chunks = split_range(60, 2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None, worker_dashboard_address=None) as cl:
        def progress(done, total):
            if done >= 2:
                cl.scale(0)
        t0 = time.monotonic()
        with pytest.raises(DetenteError, match="has had no workers for 2 s"):
            map_chunks(_slow_weighted_sum, {"weight": 1}, chunks, scheduler=cl, timeout=2, progress=progress)
        assert time.monotonic() - t0 < 60


def _crash(plan, a, b):
    os._exit(3)  # the worker process dies, as under the OOM killer


def test_a_chunk_that_keeps_killing_its_worker_is_one_message():
    import dask
    # Dask gives up on a task after it has killed allowed-failures + 1 workers (default 3 + 1);
    # 0 keeps the test short.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                     dashboard_address=None, worker_dashboard_address=None,
                                     memory_limit="1GiB") as cl:
        with pytest.raises(DetenteError, match="died 1 time running the same chunk"):
            map_chunks(_crash, {}, split_range(4, 2), scheduler=cl, timeout=60)


def test_losing_the_scheduler_mid_run_is_one_message():
    chunks = split_range(60, 2)
    cl = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                                  host="127.0.0.1", dashboard_address=None, worker_dashboard_address=None)
    try:
        closing = []

        def progress(done, total):
            if done >= 2 and not closing:
                closing.append(done)
                cl.loop.add_callback(cl.scheduler.close)
        t0 = time.monotonic()
        with pytest.raises(DetenteError) as exc:
            map_chunks(_slow_weighted_sum, {"weight": 1}, chunks, scheduler=cl.scheduler_address, timeout=3,
                       progress=progress)
        assert time.monotonic() - t0 < 60
    finally:
        with contextlib.suppress(Exception):
            cl.close(timeout=2)  # its scheduler is gone: do not wait for it
    assert "the connection to the scheduler was lost" in str(exc.value) or \
        "lost the connection to the scheduler" in str(exc.value)


@pytest.mark.parametrize("bad", ["-1", "0", "nan", "inf"])
def test_a_bad_timeout_is_refused(capsys, bad):
    code, err = _run_cli(capsys, "--scheduler", "tcp://127.0.0.1:9", "--timeout", bad)
    assert code == 2 and "--timeout" in err and "Traceback" not in err
