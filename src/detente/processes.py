"""Worker processes that never outlive the command that started them.

Two rules, for every pool of worker processes detente starts (robustness, sensitivity and
inverse chunks, ``ingest --jobs``):

* **SIGTERM is handled like Ctrl-C.** ``timeout``, ``kill``, systemd and docker stop a program
  with SIGTERM, whose default action ends the process at once: no ``finally`` runs, so the
  pool is never shut down, temporary files stay and the workers run on. Inside
  :func:`sigterm_as_interrupt` SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``)
  instead, so the same clean-up as for Ctrl-C runs: workers stopped, nothing half-written.
* **Workers die with their parent.** Even a parent killed with SIGKILL (or by the OOM killer),
  which runs no clean-up at all, takes its workers with it: :func:`worker_setup`, called in each
  worker's initializer, asks Linux to send the worker SIGKILL when its parent goes
  (``prctl(PR_SET_PDEATHSIG)``). Elsewhere this is a no-op and only the first rule applies.

Examples
--------
>>> from detente.processes import sigterm_as_interrupt, Terminated
>>> with sigterm_as_interrupt():
...     pass  # long work here; SIGTERM raises Terminated
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import Iterator

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_received = False


class Terminated(KeyboardInterrupt):
    """SIGTERM was received: stop as for Ctrl-C (exit status 143 in the command line)."""


def die_with_parent(parent_pid: int | None = None) -> bool:
    """Have Linux kill this process (SIGKILL) when its parent exits.

    Parameters
    ----------
    parent_pid
        The pid the parent had when it started this process. If the parent is already gone
        (the process was re-parented before this call), exit at once.

    Returns
    -------
    bool
        Whether the kernel took the request (False off Linux or without libc).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return False
    # The parent may have died between starting us and the prctl call: then the signal will
    # never come, and we were re-parented.
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)
    return ok


def worker_setup(parent_pid: int | None = None) -> None:
    """What every worker initializer calls first.

    The worker dies with its parent (:func:`die_with_parent`), ignores Ctrl-C (the parent
    handles it and stops the pool; a terminal sends SIGINT to the whole process group) and
    takes SIGTERM with its default action (a forked worker would otherwise inherit the
    parent's :func:`sigterm_as_interrupt` handler and print a traceback).
    """
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def sigterm_received() -> bool:
    """Whether a :func:`sigterm_as_interrupt` block of this process has received SIGTERM (an
    interrupt that reaches the top of the program may since have been turned into another
    exception, e.g. click's ``Abort``)."""
    return _received


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` in the main thread.

    The first SIGTERM raises; further ones while the clean-up runs are ignored, so that a
    second signal does not cut the clean-up short (a SIGKILL still ends everything, and the
    workers go with it). Outside the main thread, or if a handler other than the default is
    already installed, nothing is changed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous not in (signal.SIG_DFL, None):
        yield
        return
    raised = False

    def on_sigterm(signum, frame):
        global _received
        nonlocal raised
        if raised:
            return
        raised = _received = True
        raise Terminated()

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back the first Ctrl-C or SIGTERM until the block ends, then raise it.

    For steps that cannot be cut short cleanly, such as starting a local Dask cluster (a
    cluster interrupted half-way can be neither used nor closed, and its processes linger):
    the caller gets the interrupt once the step is done and can clean up. A second signal is
    raised at once, so a step that hangs can still be stopped.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)

    def interrupt(signum: int) -> KeyboardInterrupt:
        global _received
        if signum == signal.SIGTERM:
            _received = True
            return Terminated()
        return KeyboardInterrupt()

    def hold(signum, frame):
        if held:
            restore()
            raise interrupt(signum)
        held.append(signum)

    for s in previous:
        signal.signal(s, hold)
    try:
        yield
    except BaseException:
        restore()
        raise
    restore()
    if held:
        raise interrupt(held[0])
