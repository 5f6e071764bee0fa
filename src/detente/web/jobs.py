"""Background analyses: a small pool that runs queued analyses and records their progress.

Jobs run in worker *processes* by default (``mode="process"``), so a long analysis never
holds the web server's interpreter while it answers reads; each worker opens the same
database by URL and writes progress and the result itself. An in-memory SQLite database
cannot be shared between processes, so there (and when asked, ``mode="thread"``) jobs run in
threads of the server process instead.
"""

from __future__ import annotations

import concurrent.futures as cf
from concurrent.futures.process import BrokenProcessPool
import multiprocessing
import threading

from sqlalchemy import select, update

from detente.web.services import Limits, run_analysis_row

_worker_limits: Limits | None = None


def _session_factory(db_url: str):
    from detente.store.db import get_engine, transaction

    engine = get_engine(db_url)
    return lambda: transaction(engine)


def _run(db_url: str, analysis_id: int, limits: Limits) -> None:
    """Entry point in the worker (module-level, so it can be sent to a process)."""
    run_analysis_row(_session_factory(db_url), analysis_id, limits)


def _noop() -> None:
    return None


WORKER_NICENESS = 10


def _init_worker() -> None:  # pragma: no cover - runs in the child
    import os
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server handles Ctrl-C and stops us
    try:  # background work yields the CPU to the requests people are waiting for
        os.nice(WORKER_NICENESS)
    except OSError:
        pass


class JobRunner:
    """Runs analyses by id; ``submit`` after the row is committed as ``queued``."""

    def __init__(self, db_url: str, limits: Limits, mode: str = "auto", workers: int = 1) -> None:
        in_memory = db_url.startswith("sqlite") and (":memory:" in db_url or db_url.rstrip("/") in ("sqlite:", "sqlite://"))
        if mode == "auto":
            mode = "thread" if in_memory else "process"
        if mode == "process" and in_memory:
            mode = "thread"
        self.db_url, self.limits, self.mode = db_url, limits, mode
        self.workers = max(1, workers)
        self._pool: cf.Executor | None = None
        self._lock = threading.Lock()
        self._futures: set[cf.Future] = set()

    def _executor(self) -> cf.Executor:
        with self._lock:
            if self._pool is None:
                if self.mode == "process":
                    self._pool = cf.ProcessPoolExecutor(
                        max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_worker)
                else:
                    self._pool = cf.ThreadPoolExecutor(max_workers=self.workers,
                                                       thread_name_prefix="detente-job")
            return self._pool

    def submit(self, analysis_id: int) -> cf.Future:
        fut = self._executor().submit(_run, self.db_url, analysis_id, self.limits)
        fut.analysis_id = analysis_id  # type: ignore[attr-defined]
        with self._lock:
            self._futures.add(fut)
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut: cf.Future) -> None:
        with self._lock:
            self._futures.discard(fut)
        if fut.cancelled():
            return
        exc = fut.exception()
        if exc is not None:  # the worker died (killed, out of memory): record it
            if isinstance(exc, BrokenProcessPool):
                with self._lock:
                    self._pool = None  # start a fresh pool for the next job
            self._mark_lost(fut.analysis_id, exc)  # type: ignore[attr-defined]

    def _mark_lost(self, analysis_id: int, exc: BaseException) -> None:
        from detente.errors import DetenteError
        from detente.store.db import get_engine, transaction
        from detente.store.workspace import AnalysisRow

        err = DetenteError(f"the analysis worker stopped: {type(exc).__name__}",
                           hint="the model may need more memory than the server has; "
                                "try the command line").to_dict()
        try:
            with transaction(get_engine(self.db_url)) as s:
                s.execute(update(AnalysisRow).where(AnalysisRow.id == analysis_id,
                                                    AnalysisRow.status.in_(("queued", "running")))
                          .values(status="failed", error=err, task="failed"))
        except Exception:  # noqa: BLE001 - best effort while shutting down
            pass

    def resume(self, session_factory) -> int:
        """Queue again the analyses a previous server left queued or running."""
        from detente.store.workspace import AnalysisRow

        with session_factory() as s:
            ids = list(s.scalars(select(AnalysisRow.id)
                                 .where(AnalysisRow.status.in_(("queued", "running")))))
            if ids:
                s.execute(update(AnalysisRow).where(AnalysisRow.id.in_(ids))
                          .values(status="queued"))
        for i in ids:
            self.submit(i)
        return len(ids)

    def warm(self) -> None:
        """Start the worker processes now, so the first analysis does not wait for them."""
        if self.mode == "process":
            ex = self._executor()
            for _ in range(self.workers):
                ex.submit(_noop)

    def wait_idle(self, timeout: float | None = None) -> None:
        """Block until the submitted jobs are finished (tests, shutdown)."""
        with self._lock:
            futs = list(self._futures)
        cf.wait(futs, timeout=timeout)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
