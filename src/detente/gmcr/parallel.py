"""Running independent chunks of work on local processes or on a Dask cluster.

Robustness sampling and inverse enumeration both split their work into chunks of *indices*
(draw numbers, profile numbers). Every chunk is computed from its indices alone — random
numbers come from a seed derived from the draw index, never from the worker — so the merged
result is the same whatever the number of workers, the chunk size or the order in which chunks
finish. :func:`map_chunks` returns the chunk results in chunk order.

Where the work runs:

* ``workers=1`` and no scheduler: in this process (no start-up cost);
* ``workers=K`` (K > 1): a pool of K local processes (``spawn``, so it is safe next to the
  threads of a progress bar), each loading the plan once from a temporary file;
* ``scheduler="tcp://host:8786"``: a running Dask cluster (``dask scheduler`` and
  ``dask worker tcp://host:8786``; the workers need detente installed). Only ``tcp://`` and
  ``tls://`` addresses are taken (:func:`scheduler_address`). Connecting has one wall-clock
  deadline, ``timeout`` seconds: an unreachable address, or one answered by some other service
  (the dashboard, a typo'd port that accepts and says nothing), fails with a clear message
  instead of hanging; so does a scheduler with no workers after ``timeout`` seconds, or one
  that loses all its workers (or the connection) for that long during the run;
* ``scheduler="local"``: a temporary :class:`dask.distributed.LocalCluster` of K processes;
* a ``distributed.Client`` or ``LocalCluster`` object (used by the tests).

On a cluster the plan is sent as a task that unpickles it (not scattered), so a worker that
dies mid-run, with its copy of the plan and its unfinished chunks, is simply recomputed on the
workers that remain or on the one its nanny restarts.

Ctrl-C, and SIGTERM (:mod:`detente.processes`), stop the pool or cancel the Dask futures and
raise :class:`KeyboardInterrupt`; local workers die with this process even if it is killed.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import pickle
import sys
import tempfile
import threading
import time
import uuid
import warnings
from asyncio import CancelledError as AsyncCancelledError
from concurrent.futures import FIRST_COMPLETED, CancelledError, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Sequence

from detente.errors import DetenteError, Problem
from detente.processes import signals_deferred, sigterm_as_interrupt, worker_setup

Chunk = tuple[int, int]  # [start, stop)
Progress = Callable[[int, int], None] | None  # progress(done_units, total_units)

DEFAULT_CONNECT_TIMEOUT = 10.0


def default_workers() -> int:
    """Local worker processes used when none are asked for: the usable CPUs."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def split_range(total: int, chunk_size: int, start: int = 0) -> list[Chunk]:
    """``[start, total)`` cut into consecutive chunks of at most ``chunk_size``."""
    chunk_size = max(1, int(chunk_size))
    return [(a, min(a + chunk_size, total)) for a in range(start, total, chunk_size)]


# --- local processes ---------------------------------------------------------------------

_PLAN: Any = None


def _init_worker(plan_file: str, parent_pid: int) -> None:
    global _PLAN
    # Die with the parent, even a SIGKILLed one; the parent handles Ctrl-C and SIGTERM (it
    # terminates the pool).
    worker_setup(parent_pid)
    with open(plan_file, "rb") as fh:
        _PLAN = pickle.load(fh)


def _run_local(args: tuple[Callable, int, Chunk]) -> tuple[int, Any]:
    fn, index, (a, b) = args
    return index, fn(_PLAN, a, b)


# --- Dask ----------------------------------------------------------------------------------

SCHEDULER_SCHEMES = ("tcp", "tls")
DEFAULT_SCHEDULER_PORT = 8786


def scheduler_address(text: str) -> str:
    """Check a ``--scheduler`` address and return it in full (``tcp://host:port``).

    Accepted: ``tcp://HOST:PORT`` and ``tls://HOST:PORT`` (the certificates come from Dask's
    configuration, ``distributed.comm.tls``); ``HOST:PORT`` means tcp, and a missing port is
    Dask's default, 8786. Anything else (``http://`` -- the dashboard, which takes no work --,
    ``inproc://``, ``ws://``, a path or a bad port) is refused with a message.

    Examples
    --------
    >>> scheduler_address("10.0.0.5")
    'tcp://10.0.0.5:8786'
    >>> scheduler_address("tls://sched.example:8786")
    'tls://sched.example:8786'
    >>> scheduler_address("http://localhost:8787")
    Traceback (most recent call last):
    ...
    detente.errors.DetenteError: --scheduler 'http://localhost:8787': http:// is not a Dask scheduler address
      hint: give tcp://HOST:PORT (the scheduler's port, 8786 by default -- not the dashboard's, 8787), tls://HOST:PORT with Dask's TLS configuration, or 'local' for a temporary cluster on this machine
    """
    from distributed.comm.addressing import parse_host_port, unparse_host_port

    given = str(text).strip()
    hint = ("give tcp://HOST:PORT (the scheduler's port, 8786 by default -- not the dashboard's, "
            "8787), tls://HOST:PORT with Dask's TLS configuration, or 'local' for a temporary "
            "cluster on this machine")
    scheme, sep, rest = given.partition("://")
    if not sep:
        scheme, rest = "tcp", given
    scheme = scheme.lower()
    if scheme not in SCHEDULER_SCHEMES:
        raise DetenteError(Problem(f"--scheduler {given!r}: {scheme}:// is not a Dask scheduler address",
                                   hint=hint))
    try:
        if not rest or "/" in rest.rstrip("/"):
            raise ValueError("not HOST:PORT")
        host, port = parse_host_port(rest.rstrip("/"), default_port=DEFAULT_SCHEDULER_PORT)
        if not host or not 0 < int(port) < 65536:
            raise ValueError("no host, or a port outside 1-65535")
    except ValueError as exc:
        raise DetenteError(Problem(f"--scheduler {given!r} is not a valid address ({exc})", hint=hint)) from None
    return f"{scheme}://{unparse_host_port(host, int(port))}"


def check_scheduler(scheduler: Any, timeout: float = DEFAULT_CONNECT_TIMEOUT) -> None:
    """Refuse a bad ``--scheduler`` address (see :func:`scheduler_address`) or ``--timeout``
    before any work is done."""
    import math
    try:
        ok = math.isfinite(float(timeout)) and 0 < float(timeout) <= 86400
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise DetenteError(f"--timeout {timeout!r}: give a number of seconds above 0 and at most 86400",
                           hint="the default is 10")
    if isinstance(scheduler, str) and scheduler != "local":
        scheduler_address(scheduler)
    elif scheduler is not None and not isinstance(scheduler, str):
        from distributed import Client, LocalCluster
        if not isinstance(scheduler, (Client, LocalCluster)):
            raise DetenteError(f"scheduler must be an address, 'local', a distributed.Client or a "
                               f"LocalCluster, not {type(scheduler).__name__}")


def _within(seconds: float, work: Callable[[], Any], on_timeout: Callable[[], DetenteError]) -> Any:
    """``work()`` with a wall-clock deadline, whatever ``work`` itself does with its timeouts.

    The work runs in a daemon thread; past the deadline it is abandoned (it can only be
    waiting on the network) and ``on_timeout()`` is raised.
    """
    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = work()
        except BaseException as exc:  # handed over to the calling thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="detente-dask-connect", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise on_timeout()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _identify(address: str, timeout: float) -> dict:
    """Ask whatever listens at ``address`` who it is (Dask's ``identity`` call), within ``timeout``.

    distributed's own ``connect(timeout=)`` bounds only the TCP connection, not the handshake
    that follows: a service that accepts and says nothing (a typo'd port) would hang it for
    ever. Here the whole exchange has one deadline.
    """
    import asyncio

    from distributed.comm import connect
    from distributed.security import Security

    async def ask():
        args = Security().get_connection_args("client")
        comm = await connect(address, timeout=timeout, **args)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    async def bounded():
        return await asyncio.wait_for(ask(), timeout)

    return asyncio.run(bounded())


def _unreachable(address: str, timeout: float, why: str) -> DetenteError:
    return DetenteError(Problem(
        f"cannot reach the Dask scheduler at {address} ({why})",
        hint="start one with `dask scheduler` and workers with `dask worker "
             f"{address}`, check the host and port (default 8786) and firewalls, raise --timeout, "
             "or drop --scheduler to use local processes"))


def _not_a_scheduler(address: str, what: str) -> DetenteError:
    return DetenteError(Problem(
        f"the service at {address} is not a Dask scheduler ({what})",
        hint="give the scheduler's address (the one `dask scheduler` prints, port 8786 by default; "
             "8787 is its dashboard, and a worker's port takes no clients)"))


def _connect_address(address: str, timeout: float):
    """A Client for a checked ``tcp://``/``tls://`` address, or a clear error within ``timeout`` s."""
    import socket

    from distributed import Client
    from distributed.comm.addressing import parse_host_port

    deadline = time.monotonic() + timeout

    def left() -> float:
        return max(0.1, deadline - time.monotonic())

    # 1. Is anything listening? (Refused or unroutable is said at once, not after retries.)
    host, port = parse_host_port(address.split("://", 1)[1])
    try:
        socket.create_connection((host, port), timeout=left()).close()
    except socket.timeout:
        raise _unreachable(address, timeout, f"no connection within {timeout:g} s") from None
    except OSError as exc:
        raise _unreachable(address, timeout, exc.strerror or type(exc).__name__) from None
    # 2. Is it a Dask scheduler? The thread's join is the wall-clock guard, with a margin.
    silent = _not_a_scheduler(address, f"it accepted the connection but sent no Dask handshake "
                                       f"within {timeout:g} s")
    try:
        who = _within(left() + 1.0, lambda: _identify(address, left()), lambda: silent)
    except DetenteError:
        raise
    except TimeoutError:
        raise silent from None
    except OSError as exc:
        # An HTTP server (the dashboard) answers the handshake with an error page and hangs up.
        raise _not_a_scheduler(address, f"it hung up without a Dask handshake: {type(exc).__name__}") from None
    except Exception as exc:  # garbage where a Dask message should be
        raise _not_a_scheduler(address, f"it answered with something that is not Dask's protocol: "
                                        f"{type(exc).__name__}") from None
    kind = who.get("type") if isinstance(who, dict) else None
    if kind != "Scheduler":
        raise _not_a_scheduler(address, f"it says it is a {kind}" if isinstance(kind, str) else
                               "it does not answer Dask's identity call")
    # 3. The client itself, under the same kind of guard.
    try:
        return _within(left() + 1.0, lambda: Client(address, timeout=left()),
                       lambda: _unreachable(address, timeout, f"the client did not connect within {timeout:g} s"))
    except DetenteError:
        raise
    except (OSError, TimeoutError) as exc:
        raise _unreachable(address, timeout, type(exc).__name__) from None


def _connect(scheduler: Any, workers: int, timeout: float):
    """A (client, cleanup, label) triple for a scheduler address, 'local', a Client or a LocalCluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise DetenteError("dask.distributed is not installed",
                           hint="pip install 'distributed'") from exc
    if isinstance(scheduler, Client):
        return scheduler, lambda: None, "the Dask cluster"
    if isinstance(scheduler, LocalCluster):
        client = Client(scheduler, timeout=timeout)
        return client, client.close, "the local Dask cluster"
    if scheduler == "local":
        # Quiet: a temporary cluster's shutdown chatter (e.g. after Ctrl-C) is not news. Its
        # worker processes watch this one and exit with it, even after a SIGKILL.
        cluster = client = None

        def cleanup():
            with contextlib.suppress(Exception):
                if client is not None:
                    client.close()
                if cluster is not None:
                    cluster.close()
        try:
            # Starting cannot be cut short cleanly (a half-started cluster can be neither used
            # nor closed): Ctrl-C or SIGTERM meanwhile takes effect once it is up.
            with signals_deferred():
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.CRITICAL + 1)
                client = Client(cluster, timeout=timeout)
        except BaseException:
            cleanup()
            raise
        return client, cleanup, "the local Dask cluster"
    address = scheduler_address(scheduler)
    client = _connect_address(address, timeout)

    def close():
        with contextlib.suppress(Exception):
            client.close(timeout=timeout)
    return client, close, f"the Dask scheduler at {address}"


def _load_plan(data: bytes) -> Any:
    return pickle.loads(data)


def _chunk_failed(exc: BaseException, label: str) -> DetenteError | None:
    """A clear error for the ways a chunk fails on a cluster that are not detente's bugs."""
    from distributed.scheduler import KilledWorker

    if isinstance(exc, KilledWorker):
        deaths = exc.allowed_failures + 1
        return DetenteError(Problem(
            f"Dask workers of {label} died {deaths} time{'s' if deaths != 1 else ''} running the "
            f"same chunk ({exc.task})",
            hint="out of memory? give the workers more memory (`dask worker --memory-limit`), run "
                 "fewer threads per worker, or use fewer draws"))
    if isinstance(exc, ImportError) and "detente" in str(exc):
        return DetenteError(Problem(f"the workers of {label} cannot import detente ({exc})",
                                    hint="install the same version of detente on every worker"))
    if isinstance(exc, RuntimeError) and "deserializ" in str(exc):
        # Since Dask 2024 the scheduler unpickles the tasks too.
        return DetenteError(Problem(f"{label} cannot read detente's tasks (its Python environment differs)",
                                    hint="install the same versions of detente, dask and distributed on the "
                                         "scheduler and every worker"))
    if isinstance(exc, (CancelledError, AsyncCancelledError)):
        lost = "connection-lost" in str(exc)
        return DetenteError(Problem(
            f"{label}: " + ("the connection to the scheduler was lost" if lost else
                            "the chunks were cancelled on the cluster") + "; nothing was written",
            hint="check that the scheduler is still running and run again" if lost else
                 "another client of the cluster cancelled them? run again"))
    return None


@contextlib.contextmanager
def _quiet_dask_logs():
    """detente reports cluster failures itself, as one message: distributed's own logging of the
    same events (reconnection attempts, lost workers, tracebacks) would bury it."""
    names = [n for n in list(logging.root.manager.loggerDict)
             if n.split(".")[0] in ("distributed", "tornado")]
    loggers = [logging.getLogger(n) for n in {"distributed", "tornado", *names}]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)  # even "CRITICAL ... Closed comm" while a stopped cluster closes
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def connect(scheduler: Any, workers: int, timeout: float = DEFAULT_CONNECT_TIMEOUT):
    """``(client, cleanup, label)`` for a scheduler address, ``"local"`` (a temporary
    LocalCluster of ``workers`` processes), a ``distributed.Client`` or a ``LocalCluster``;
    unreachable or wrong addresses fail within ``timeout`` s with a clear
    :class:`DetenteError`. Call ``cleanup()`` when done (it closes what this opened)."""
    return _connect(scheduler, workers, timeout)


quiet_dask_logs = _quiet_dask_logs
chunk_failed = _chunk_failed


def _run_dask(fn, plan, chunks, scheduler, workers, timeout, progress, units):
    with _quiet_dask_logs():
        return _run_on(fn, plan, chunks, _connect(scheduler, workers, timeout), timeout, progress, units)


def wait_for_workers(client, label: str, timeout: float) -> None:
    """At least one worker within ``timeout`` seconds, else a clear error."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        raise DetenteError(Problem(
            f"{label} has no workers (waited {timeout:g} s)",
            hint=f"start some with `dask worker {getattr(client.scheduler, 'address', '')}`, "
                 "raise --timeout, or drop --scheduler to use local processes")) from None


class HealthWatch:
    """Raises a clear error once a cluster has had no workers, or no scheduler connection, for
    ``timeout`` seconds while work is pending; call :meth:`check` about once a second."""

    def __init__(self, client, label: str, timeout: float) -> None:
        self.client, self.label, self.timeout = client, label, timeout
        self.since: float | None = None

    def check(self, pending: int, total: int, what: str = "chunks") -> None:
        client = self.client
        healthy = client.status == "running" and bool(client.scheduler_info().get("workers"))
        if healthy:
            self.since = None
        elif self.since is None:
            self.since = time.monotonic()
        elif time.monotonic() - self.since > self.timeout:
            lost = ("lost the connection to the scheduler" if client.status != "running"
                    else "has had no workers")
            raise DetenteError(Problem(
                f"{self.label} {lost} for {self.timeout:g} s; {pending} of {total} {what} unfinished",
                hint="restart the scheduler or its workers and run again, or raise --timeout"))


def _run_on(fn, plan, chunks, connection, timeout, progress, units):
    from distributed import wait as dask_wait

    client, cleanup, label = connection
    futures: list[Any] = []
    plan_future = None
    try:
        wait_for_workers(client, label, timeout)
        # The plan goes in as a task that unpickles it, not as scattered data: if the worker
        # holding it dies, the scheduler recomputes it from the task (scattered data has no
        # recipe and the run would fail though a nanny restarted the worker).
        run = uuid.uuid4().hex[:12]
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*[Ll]arge (graph|object).*")
            plan_future = client.submit(_load_plan, pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL),
                                        key=f"detente-plan-{run}")
            futures = [client.submit(fn, plan_future, a, b, key=f"detente-chunk-{run}-{i}")
                       for i, (a, b) in enumerate(chunks)]
        index = {f.key: i for i, f in enumerate(futures)}
        out: list[Any] = [None] * len(chunks)
        pending = set(futures)
        done = 0
        watch = HealthWatch(client, label, timeout)
        while pending:
            try:
                finished = dask_wait(list(pending), timeout=1.0, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                finished = set()
            except (CancelledError, AsyncCancelledError) as exc:
                raise (_chunk_failed(exc, label) or exc) from None
            for fut in finished:
                pending.discard(fut)
                i = index[fut.key]
                try:
                    out[i] = fut.result()
                except (Exception, AsyncCancelledError) as exc:
                    clear = _chunk_failed(exc, label)
                    if clear is not None:
                        raise clear from None
                    raise
                fut.release()  # nothing to recompute for a chunk whose result is here
                done += units[i]
                if progress:
                    progress(done, sum(units))
            if not pending:
                break
            watch.check(len(pending), len(chunks))
        return out
    except BaseException:
        with contextlib.suppress(Exception):
            client.cancel(futures + ([plan_future] if plan_future is not None else []))
        raise
    finally:
        cleanup()


# --- entry point --------------------------------------------------------------------------

def map_chunks(fn: Callable[[Any, int, int], Any], plan: Any, chunks: Sequence[Chunk], *,
               workers: int | None = None, scheduler: Any = None,
               timeout: float = DEFAULT_CONNECT_TIMEOUT, progress: Progress = None,
               done_before: int = 0) -> list[Any]:
    """Compute ``fn(plan, start, stop)`` for every chunk; results in chunk order.

    Parameters
    ----------
    fn
        A module-level function (it is sent to worker processes by reference).
    plan
        Everything ``fn`` needs besides the indices; picklable. Sent once per worker.
    chunks
        ``(start, stop)`` index ranges.
    workers
        Local processes (default: the usable CPUs); 1 runs in this process. With ``scheduler``
        it is the size of a ``"local"`` cluster.
    scheduler
        ``None`` (local processes), a Dask scheduler address, ``"local"``, or a
        ``distributed.Client`` / ``LocalCluster``.
    timeout
        Seconds to wait for a scheduler before giving up.
    progress
        Called as ``progress(done, total)`` in units of indices (draws, profiles).
    done_before
        Units already done before this call (added to ``done`` and ``total`` for progress).

    Returns
    -------
    list
        ``[fn(plan, a, b) for (a, b) in chunks]``, whatever ran where.

    Examples
    --------
    >>> def square_sum(plan, a, b):
    ...     return sum(plan * i * i for i in range(a, b))
    >>> map_chunks(square_sum, 1, split_range(10, 3), workers=1)
    [5, 50, 149, 81]
    """
    chunks = list(chunks)
    units = [b - a for a, b in chunks]
    total = sum(units) + done_before
    workers = default_workers() if workers is None else max(1, int(workers))
    if not chunks:
        return []

    def report(done: int) -> None:
        if progress:
            progress(done_before + done, total)

    if scheduler is not None:
        with sigterm_as_interrupt():
            return _run_dask(fn, plan, chunks, scheduler, workers, timeout,
                             (lambda d, t: report(d)) if progress else None, units)
    if workers == 1 or len(chunks) == 1:
        out = []
        done = 0
        for (a, b), u in zip(chunks, units):
            out.append(fn(plan, a, b))
            done += u
            report(done)
        return out
    if not _main_importable():
        # spawn re-imports the main script in each worker; code piped on stdin cannot be.
        warnings.warn("the main script cannot be re-imported by worker processes (code read from "
                      "stdin?); running in this process", RuntimeWarning, stacklevel=2)
        return map_chunks(fn, plan, chunks, workers=1, progress=progress, done_before=done_before)
    # SIGTERM (timeout, kill, systemd) stops the pool like Ctrl-C instead of orphaning it.
    with sigterm_as_interrupt():
        return _run_pool(fn, plan, chunks, workers, units, report)


def _run_pool(fn, plan, chunks, workers, units, report) -> list[Any]:
    # The plan goes through a file, not the start-up pipe: CPython blocks for ever writing a
    # large start-up payload to a worker that died before reading it.
    plan_file = executor = None
    try:
        fd, plan_file = tempfile.mkstemp(prefix=f"detente-plan-{os.getpid()}-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(plan, fh, protocol=pickle.HIGHEST_PROTOCOL)
        executor = ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=mp.get_context("spawn"),
                                       initializer=_init_worker, initargs=(plan_file, os.getpid()))
        pending = {executor.submit(_run_local, (fn, i, c)) for i, c in enumerate(chunks)}
        results: list[Any] = [None] * len(chunks)
        done = 0
        while pending:
            finished, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
            for fut in finished:
                i, res = fut.result()
                results[i] = res
                done += units[i]
                report(done)
            # Workers only exit when the pool shuts down; one that is gone now has crashed, and
            # the executor does not always notice a worker that dies while starting up.
            dead = [p for p in (getattr(executor, "_processes", None) or {}).values()
                    if p.exitcode is not None]
            if pending and dead:
                raise BrokenProcessPool(f"worker exited with status {dead[0].exitcode}")
        executor.shutdown(wait=True)
        return results
    except BrokenProcessPool as exc:
        _kill(executor)
        raise DetenteError(f"a worker process died ({exc})",
                           hint="out of memory? use fewer --workers, or --workers 1 to run in this process; "
                                "a script that calls detente with workers must guard its top level with "
                                "`if __name__ == '__main__':` (workers re-import it)") from exc
    except BaseException:
        if executor is not None:
            _kill(executor)
        raise
    finally:
        if plan_file is not None:
            with contextlib.suppress(OSError):
                os.unlink(plan_file)


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop a pool now: terminate the workers, then let the executor wind down."""
    processes = list((getattr(executor, "_processes", None) or {}).values())  # no public API
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
    # With its workers gone the executor's manager thread sees a broken pool and exits, so
    # this returns promptly.
    manager = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=True, cancel_futures=True)
    # Python 3.11 would still wake that (finished) thread at exit through a closed pipe and
    # print "Bad file descriptor"; forget it.
    import concurrent.futures.process as cfp
    if manager is not None:
        getattr(cfp, "_threads_wakeups", {}).pop(manager, None)


def _main_importable() -> bool:
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if path is None or getattr(getattr(main, "__spec__", None), "name", None):
        return True  # interactive, -c, or -m: nothing to re-import by path
    return os.path.exists(path)
