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
  ``dask worker tcp://host:8786``; the workers need detente installed); an unreachable address
  fails after ``timeout`` seconds with a clear message;
* ``scheduler="local"``: a temporary :class:`dask.distributed.LocalCluster` of K processes;
* a ``distributed.Client`` or ``LocalCluster`` object (used by the tests).

Ctrl-C stops the pool or cancels the Dask futures and re-raises :class:`KeyboardInterrupt`.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import pickle
import tempfile
import signal
import sys
import warnings
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Sequence

from detente.errors import DetenteError, Problem

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


def _init_worker(plan_file: str) -> None:
    global _PLAN
    with open(plan_file, "rb") as fh:
        _PLAN = pickle.load(fh)
    # The parent handles Ctrl-C (it terminates the pool); workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_local(args: tuple[Callable, int, Chunk]) -> tuple[int, Any]:
    fn, index, (a, b) = args
    return index, fn(_PLAN, a, b)


# --- Dask ----------------------------------------------------------------------------------

def _connect(scheduler: Any, workers: int, timeout: float):
    """A (client, cleanup) pair for a scheduler address, 'local', a Client or a LocalCluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise DetenteError("dask.distributed is not installed",
                           hint="pip install 'distributed'") from exc
    if isinstance(scheduler, Client):
        return scheduler, lambda: None
    if isinstance(scheduler, LocalCluster):
        client = Client(scheduler, timeout=timeout)
        return client, client.close
    if scheduler == "local":
        # Quiet: a temporary cluster's shutdown chatter (e.g. after Ctrl-C) is not news.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.CRITICAL)
        client = Client(cluster, timeout=timeout)

        def cleanup():
            client.close()
            cluster.close()
        return client, cleanup
    address = str(scheduler)
    if "://" not in address:
        address = "tcp://" + address
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise DetenteError(Problem(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({type(exc).__name__})",
            hint="start one with `dask scheduler` and workers with `dask worker "
                 f"{address}`, check the host and port (default 8786) and firewalls, or drop "
                 "--scheduler to use local processes")) from None
    return client, client.close


def _run_dask(fn, plan, chunks, scheduler, workers, timeout, progress, units):
    from distributed import as_completed

    client, cleanup = _connect(scheduler, workers, timeout)
    futures = []
    try:
        plan_future = client.scatter(plan, broadcast=True)
        futures = [client.submit(fn, plan_future, a, b, pure=False)
                   for i, (a, b) in enumerate(chunks)]
        index = {f.key: i for i, f in enumerate(futures)}
        out: list[Any] = [None] * len(chunks)
        done = 0
        for fut in as_completed(futures):
            i = index[fut.key]
            out[i] = fut.result()
            done += units[i]
            if progress:
                progress(done, sum(units))
        return out
    except KeyboardInterrupt:
        client.cancel(futures)
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
    # The plan goes through a file, not the start-up pipe: CPython blocks for ever writing a
    # large start-up payload to a worker that died before reading it.
    fd, plan_file = tempfile.mkstemp(prefix="detente-plan-", suffix=".pickle")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(plan, fh, protocol=pickle.HIGHEST_PROTOCOL)
    executor = ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=mp.get_context("spawn"),
                                   initializer=_init_worker, initargs=(plan_file,))
    try:
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
        _kill(executor)
        raise
    finally:
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
