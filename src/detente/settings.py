"""Settings read from ``DETENTE_*`` environment variables, each checked where it is read.

A value that does not parse, or parses to something meaningless (``inf``, ``nan``, a negative
or zero budget), is a :class:`~detente.errors.DetenteError` naming the variable, the value
and what is allowed; it is never replaced silently by the default. An unset or empty variable
means the default.

==========================  ===============================================================
variable                    allowed values (default)
==========================  ===============================================================
``DETENTE_MAX_MEMORY_GB``   a positive, finite number of gigabytes (8)
``DETENTE_MALLOC_TUNING``   ``1`` (on) or ``0`` (off) (1)
``DETENTE_KERNELS``         ``auto``, ``numba`` or ``numpy``: the GMCR engine's compiled kernels
                            from 2^18 states on, always, or never (auto)
``DETENTE_ENGINE_THREADS``  threads of the compiled kernels, a positive integer (the usable CPUs)
``DETENTE_MAX_OPTIONS``     options a model may have, 1 to 32 (24; :func:`detente.model.states.max_options`)
``DETENTE_DB``              a SQLAlchemy URL or a SQLite file path (checked by :mod:`detente.store.db`)
``DETENTE_SPACY_MODEL``     an installed spaCy pipeline (checked by :mod:`detente.evidence.nlp`)
``DETENTE_TOKEN``           16 or more characters (checked by ``detente serve``)
==========================  ===============================================================
"""

from __future__ import annotations

import math
import os

from detente.errors import DetenteError, Problem

MAX_MEMORY_GB = "DETENTE_MAX_MEMORY_GB"
MALLOC_TUNING = "DETENTE_MALLOC_TUNING"
KERNELS = "DETENTE_KERNELS"
ENGINE_THREADS = "DETENTE_ENGINE_THREADS"
KERNEL_MODES = ("auto", "numba", "numpy")
DEFAULT_MAX_MEMORY_GB = 8.0


def _bad(name: str, value: str, what: str, allowed: str) -> DetenteError:
    return DetenteError(Problem(f"environment variable {name}={value!r}: {what}",
                                hint=f"{allowed}, or unset {name} for the default"))


def max_memory_gb() -> float:
    """The memory an analysis may plan to use, in GB (``$DETENTE_MAX_MEMORY_GB``, default 8).

    Raises
    ------
    DetenteError
        The value is not a positive, finite number.
    """
    value = os.environ.get(MAX_MEMORY_GB, "").strip()
    if not value:
        return DEFAULT_MAX_MEMORY_GB
    allowed = "set it to a positive number of gigabytes such as 8 or 0.5"
    try:
        gb = float(value)
    except ValueError:
        raise _bad(MAX_MEMORY_GB, value, "not a number", allowed) from None
    if not math.isfinite(gb):
        raise _bad(MAX_MEMORY_GB, value, "not a finite number", allowed)
    if gb <= 0:
        raise _bad(MAX_MEMORY_GB, value, "must be more than 0", allowed)
    return gb


def malloc_tuning() -> bool:
    """Whether to tune glibc's allocator for large analyses (``$DETENTE_MALLOC_TUNING``: 1 or 0).

    Raises
    ------
    DetenteError
        The value is neither ``1`` nor ``0``.
    """
    value = os.environ.get(MALLOC_TUNING, "").strip()
    if value not in ("", "0", "1"):
        raise _bad(MALLOC_TUNING, value, "must be 1 or 0", "set it to 1 (tune) or 0 (leave glibc's defaults)")
    return value != "0"


def kernel_mode() -> str:
    """How the GMCR engine runs its move-table reductions (``$DETENTE_KERNELS``): ``auto``
    (compiled kernels from :data:`detente.model.states.KERNEL_MIN_STATES` states on),
    ``numba`` (always) or ``numpy`` (never).

    Raises
    ------
    DetenteError
        Any other value.
    """
    value = os.environ.get(KERNELS, "").strip().lower()
    if not value:
        return "auto"
    if value not in KERNEL_MODES:
        raise _bad(KERNELS, value, "must be auto, numba or numpy",
                   "set it to auto (compiled kernels for large models), numba or numpy")
    return value


def engine_threads() -> int | None:
    """Threads of the GMCR engine's compiled kernels (``$DETENTE_ENGINE_THREADS``); None means
    the usable CPUs.

    Raises
    ------
    DetenteError
        The value is not a positive integer.
    """
    value = os.environ.get(ENGINE_THREADS, "").strip()
    if not value:
        return None
    try:
        threads = int(value)
    except ValueError:
        raise _bad(ENGINE_THREADS, value, "not a whole number", "set it to a number of threads such as 2") from None
    if threads < 1:
        raise _bad(ENGINE_THREADS, value, "must be 1 or more", "set it to a number of threads such as 2")
    return threads


def check_environment() -> None:
    """Check every ``DETENTE_*`` setting with a fixed syntax, so that a bad value is reported
    at the start of a command rather than (or never) in the middle of it."""
    max_memory_gb()
    malloc_tuning()
    kernel_mode()
    engine_threads()
