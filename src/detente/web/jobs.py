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
# A job whose worker died while running it (killed, out of memory) gets one more try in a
# fresh pool: when one worker of a pool dies, the pool stops all of them, so the job that was
# running next to the culprit is not to blame.
MAX_ATTEMPTS = 2
# A job that had not started is not to blame, but a pool that keeps breaking (workers that
# cannot start at all) must not be restarted for ever.
MAX_POOL_STARTS = 5


def _init_worker(parent: int | None = None) -> None:  # pragma: no cover - runs in the child
    import os
    import signal

    from detente.processes import die_with_parent
    # The server decides when its workers stop: Ctrl-C and SIGTERM sent to the whole process
    # group (systemd, docker, a terminal) must not kill a worker under a running job, which
    # would break the pool and fail every queued analysis. A server killed hard (SIGKILL, the
    # OOM killer) takes its workers with it.
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:  # background work yields the CPU to the requests people are waiting for
        os.nice(WORKER_NICENESS)
    except OSError:
        pass


class JobRunner:
    """Runs analyses by id; ``submit`` after the row is committed as ``queued``.

    Stopping (:meth:`shutdown`) is not a failure: analyses still waiting stay ``queued``, the
    ones running are stopped and put back to ``queued`` (task ``interrupted``), and
    :meth:`resume` runs them all when the next server starts.
    """

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
        self._attempts: dict[int, int] = {}
        self._stopping = False

    def _executor(self) -> cf.Executor:
        with self._lock:
            if self._stopping:
                raise RuntimeError("the job runner is shut down")
            if self._pool is None:
                if self.mode == "process":
                    import os
                    self._pool = cf.ProcessPoolExecutor(
                        max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_worker, initargs=(os.getpid(),))
                else:
                    self._pool = cf.ThreadPoolExecutor(max_workers=self.workers,
                                                       thread_name_prefix="detente-job")
            return self._pool

    def submit(self, analysis_id: int) -> cf.Future | None:
        """Run the analysis in the background; ``None`` when the runner is stopping (the row
        stays ``queued`` and the next server runs it)."""
        pool = None
        for _ in range(3):
            try:
                pool = self._executor()
                fut = pool.submit(_run, self.db_url, analysis_id, self.limits)
                break
            except (RuntimeError, BrokenProcessPool):
                if self._stopping:  # shut down: it stays queued for the next start
                    return None
                with self._lock:  # the pool broke just now: start a fresh one
                    if self._pool is pool:
                        self._pool = None
        else:
            raise RuntimeError("cannot start a worker process for the analysis")
        fut.analysis_id = analysis_id  # type: ignore[attr-defined]
        fut.pool = pool  # type: ignore[attr-defined]
        with self._lock:
            self._attempts[analysis_id] = self._attempts.get(analysis_id, 0) + 1
            self._futures.add(fut)
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut: cf.Future) -> None:
        with self._lock:
            self._futures.discard(fut)
        if fut.cancelled() or self._stopping:
            return  # stopping: the row stays queued (or is put back) for the next start
        analysis_id = fut.analysis_id  # type: ignore[attr-defined]
        exc = fut.exception()
        if exc is None:
            with self._lock:
                self._attempts.pop(analysis_id, None)
            return
        if isinstance(exc, BrokenProcessPool):  # a worker died (killed, out of memory)
            with self._lock:
                if self._pool is fut.pool:  # type: ignore[attr-defined]
                    self._pool = None  # start a fresh pool (once, not per broken job)
            status = self._status(analysis_id)
            limit = {"running": MAX_ATTEMPTS, "queued": MAX_POOL_STARTS}.get(status or "", 0)
            if self._attempts.get(analysis_id, 0) < limit:
                threading.Thread(target=self._resubmit, args=(analysis_id, exc),
                                 daemon=True).start()
                return  # it had not started, or may not be the one to blame: run it again
        with self._lock:
            self._attempts.pop(analysis_id, None)
        self._mark_lost(analysis_id, exc)

    def _resubmit(self, analysis_id: int, exc: BaseException) -> None:
        try:
            self.submit(analysis_id)
        except Exception:  # noqa: BLE001 - no worker can start: say so on the job
            self._mark_lost(analysis_id, exc)

    def _status(self, analysis_id: int) -> str | None:
        from detente.store.db import get_engine, transaction
        from detente.store.workspace import AnalysisRow
        try:
            with transaction(get_engine(self.db_url)) as s:
                return s.scalar(select(AnalysisRow.status).where(AnalysisRow.id == analysis_id))
        except Exception:  # noqa: BLE001 - the database is gone too: treat as lost
            return None

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
                                 .where(AnalysisRow.status.in_(("queued", "running")))
                                 .order_by(AnalysisRow.id)))
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

    def shutdown(self, timeout: float = 5.0) -> list[int]:
        """Stop: take no more jobs, stop the worker processes (a running analysis is
        abandoned and put back to ``queued`` with task ``interrupted``), leave waiting ones
        ``queued``. Returns the ids put back. Threads cannot be stopped: in thread mode a
        running analysis is left to finish."""
        with self._lock:
            self._stopping = True
            pool, self._pool = self._pool, None
            in_flight = sorted({f.analysis_id for f in self._futures})  # type: ignore[attr-defined]
        if pool is None:
            return []
        if isinstance(pool, cf.ProcessPoolExecutor):
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in processes:  # they ignore SIGTERM (see _init_worker)
                if proc.is_alive():
                    proc.kill()
            for proc in processes:
                proc.join(timeout)
        else:
            pool.shutdown(wait=False, cancel_futures=True)
            return []
        return self._requeue(in_flight)

    def _requeue(self, ids: list[int]) -> list[int]:
        if not ids:
            return []
        from detente.store.db import get_engine, transaction
        from detente.store.workspace import AnalysisRow
        try:
            with transaction(get_engine(self.db_url)) as s:
                running = list(s.scalars(select(AnalysisRow.id).where(
                    AnalysisRow.id.in_(ids), AnalysisRow.status == "running")))
                if running:
                    s.execute(update(AnalysisRow).where(AnalysisRow.id.in_(running))
                              .values(status="queued", task="interrupted", done=0, total=0,
                                      started_at=None))
            return running
        except Exception:  # noqa: BLE001 - resume() re-queues 'running' rows anyway
            return []
