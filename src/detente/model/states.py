"""Feasible states of a conflict in option form.

A state is an integer whose bit k says whether option k is taken (see
:mod:`detente.model.conflict`). :class:`StateSpace` enumerates the feasible states in
increasing code order, which is also the numbering of the GMCR+ tool (state ``id`` = position
+ 1, Fang, Hipel & Kilgour 1993), and maps codes back to positions.

Memory grows with the number of states: the option space is scanned in chunks, and code ->
position lookups use a dense table only when it is small relative to the feasible set.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import numpy as np

from detente.errors import DetenteError, Problem, TooLargeError
from detente.model.conflict import Conflict
from detente.settings import malloc_tuning, max_memory_gb

CHUNK_BITS = 22
MAX_SCAN_BITS = 32  # 4 billion combinations is the most we are willing to scan
DEFAULT_MAX_OPTIONS = 24  # 16.8 million combinations: seconds to scan, the largest benchmarked


def max_options() -> int:
    """Most options a model may have (env ``DETENTE_MAX_OPTIONS``, default 24, at most 32).

    The feasible states are found by scanning all 2^options combinations against the
    constraints, so each option doubles the work whatever the constraints leave; the limit is
    checked before any scan. A value that is not a whole number from 1 to 32 is an error.
    """
    raw = os.environ.get("DETENTE_MAX_OPTIONS")
    if raw is None or not raw.strip():
        return DEFAULT_MAX_OPTIONS
    try:
        value = int(raw.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_SCAN_BITS:
        raise DetenteError(Problem(f"DETENTE_MAX_OPTIONS must be a whole number from 1 to "
                                   f"{MAX_SCAN_BITS}, not {raw!r}",
                                   hint=f"unset it for the default of {DEFAULT_MAX_OPTIONS}"))
    return value


def memory_budget_bytes() -> int:
    """Memory the analysis may plan to use (env ``DETENTE_MAX_MEMORY_GB``, default 8 GB)."""
    return int(max_memory_gb() * 2**30)


_ALLOCATOR_TUNED = False
TUNE_ALLOCATOR_FROM = 1 << 18  # states


def tune_allocator() -> bool:
    """Let glibc keep large freed blocks for reuse instead of returning them to the system.

    The analysis allocates and frees arrays of n values thousands of times; by default glibc
    serves each block over 128 KB with a fresh mmap, so every array costs page faults on first
    touch (28% of the wall time at 2^22 states, measured). Raising the mmap and trim thresholds
    (to 1 GB) makes the heap reuse them. Process-wide and harmless elsewhere; applied once, only
    for large state spaces, on glibc; ``DETENTE_MALLOC_TUNING=0`` turns it off.
    """
    global _ALLOCATOR_TUNED
    if _ALLOCATOR_TUNED or not malloc_tuning():
        return _ALLOCATOR_TUNED
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    ok = bool(mallopt(M_MMAP_THRESHOLD, 1 << 30)) and bool(mallopt(M_TRIM_THRESHOLD, 1 << 30))
    _ALLOCATOR_TUNED = ok
    return ok


def release_free_memory() -> None:
    """Return the allocator's free memory to the system (after a large analysis, so that a
    long-running process, e.g. a web worker, does not keep its peak; see :func:`tune_allocator`)."""
    if not _ALLOCATOR_TUNED:
        return
    try:
        import ctypes
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _option_values(codes: np.ndarray, conflict: Conflict):
    index = {o.name: o.index for o in conflict.options}
    cache: dict[str, np.ndarray] = {}

    # Little-endian uint64 codes: option b is bit b % 8 of byte b // 8, read through a byte
    # view (one byte per state instead of shifting and masking all eight).
    as_bytes = (codes.view(np.uint8).reshape(-1, 8)
                if codes.dtype == np.uint64 and codes.ndim == 1 and codes.flags.c_contiguous
                and sys.byteorder == "little" else None)

    def value_of(name: str) -> np.ndarray:
        if name not in cache:
            b = index[name]
            if as_bytes is not None:
                cache[name] = (as_bytes[:, b >> 3] & np.uint8(1 << (b & 7))).astype(bool)
            else:
                cache[name] = ((codes >> np.uint64(b)) & np.uint64(1)).astype(bool)
        return cache[name]
    return value_of


def _fmt_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if n < 1024 or unit == "PB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} PB"


@dataclass
class StateSpace:
    """The feasible states of a conflict.

    Attributes
    ----------
    conflict : Conflict
    codes : numpy.ndarray of uint64
        Feasible state codes in increasing order; state id = position + 1.
    """

    conflict: Conflict
    codes: np.ndarray
    _dense: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return int(self.codes.shape[0])

    @property
    def m(self) -> int:
        return self.conflict.n_options

    # -- construction --------------------------------------------------------------------
    @classmethod
    def build(cls, conflict: Conflict, *, check_size: bool = True, positions=None,
              progress=None) -> "StateSpace":
        """Enumerate feasible states (refusing up front what cannot fit in memory)."""
        m = conflict.n_options
        if check_size:
            check_option_space(conflict, positions)
        total = 1 << m
        exprs = [c.expr for c in conflict.constraints]
        kept = []
        n_kept = 0
        budget = memory_budget_bytes() if check_size else None
        per_state = analysis_bytes_per_state(len(conflict.decision_makers))
        chunk = 1 << min(CHUNK_BITS, m)
        for start in range(0, total, chunk):
            codes = np.arange(start, min(start + chunk, total), dtype=np.uint64)
            if exprs:
                value_of = _option_values(codes, conflict)
                bad = np.zeros(codes.shape[0], dtype=bool)
                for e in exprs:
                    bad |= np.broadcast_to(np.asarray(e.evaluate(value_of), dtype=bool), bad.shape)
                codes = codes[~bad]
            kept.append(codes)
            n_kept += codes.shape[0]
            if budget is not None and n_kept * per_state > budget:
                # Certain already (a lower bound): stop scanning instead of collecting the rest.
                end = min(start + chunk, total)
                share = n_kept / end
                raise TooLargeError(Problem(
                    f"{m} options: at least {n_kept:,} feasible states (after scanning {end:,} of "
                    f"{total:,} combinations, {share:.0%} of them feasible, so about "
                    f"{int(share * total):,} in all); analysing them needs more than "
                    f"{_fmt_bytes(n_kept * per_state)} of memory, more than the "
                    f"{_fmt_bytes(budget)} allowed", file=conflict.file,
                    line=(positions.get(("decision_makers",))[0] if positions else None),
                    hint="add 'infeasible' constraints for combinations that cannot happen, merge "
                         "or drop options, or raise DETENTE_MAX_MEMORY_GB if this machine has the "
                         "memory"))
            if progress is not None:
                progress(min(start + chunk, total), total)
        codes = np.concatenate(kept) if kept else np.zeros(0, dtype=np.uint64)
        if codes.shape[0] == 0:
            file = conflict.file
            from detente.errors import ModelError
            raise ModelError(Problem("every state is infeasible: the constraints exclude all "
                                     f"{total} combinations of the {m} options",
                                     file=file, field="infeasible",
                                     line=(positions.get(("infeasible",))[0] if positions else None),
                                     hint="check the 'infeasible' expressions: each one lists "
                                          "combinations that cannot happen, not ones that must"))
        space = cls(conflict, codes)
        if space.n >= TUNE_ALLOCATOR_FROM:
            tune_allocator()
        if m <= 26 and (1 << m) <= max(16 * space.n, 1 << 16):
            dense = np.full(1 << m, -1, dtype=np.int64 if space.n >= 2**31 else np.int32)
            dense[codes.astype(np.int64)] = np.arange(space.n, dtype=dense.dtype)
            space._dense = dense
        return space

    # -- lookups -------------------------------------------------------------------------
    def index_of(self, codes: np.ndarray | int) -> np.ndarray:
        """Positions of codes in :attr:`codes` (``-1`` where infeasible)."""
        arr = np.asarray(codes, dtype=np.uint64)
        if self._dense is not None:
            return self._dense[arr.astype(np.int64)]
        pos = np.searchsorted(self.codes, arr)
        pos_c = np.minimum(pos, self.n - 1)
        found = self.codes[pos_c] == arr
        return np.where(found, pos_c, -1)

    def is_feasible(self, code: int) -> bool:
        return bool(self.index_of(np.uint64(code)) >= 0)

    def id_of(self, code: int) -> int:
        """1-based state id (GMCR+ numbering) of a feasible code."""
        i = int(self.index_of(np.uint64(code)))
        if i < 0:
            raise KeyError(code)
        return i + 1

    def code_of_id(self, state_id: int) -> int:
        return int(self.codes[state_id - 1])

    def infeasibility_reasons(self, code: int) -> list[str]:
        """Which constraints make a combination infeasible (their ``why`` or text)."""
        value_of = _option_values(np.array([code], dtype=np.uint64), self.conflict)
        out = []
        for c in self.conflict.constraints:
            if bool(np.asarray(c.expr.evaluate(value_of)).reshape(-1)[0]):
                out.append(f"{c.title}" + (f": {c.why}" if c.why and c.id else (f" ({c.why})" if c.why else "")))
        return out

    def yn(self, code: int) -> str:
        return self.conflict.yn(int(code))

    def named_codes(self, name: str) -> np.ndarray:
        """The feasible codes carrying the state name ``name`` (``states:`` of the model)."""
        ns = self.conflict.named_state(name)
        if ns is None:
            raise KeyError(name)
        if ns.code is not None:
            return np.array([ns.code] if self.is_feasible(ns.code) else [], dtype=np.uint64)
        hit = np.asarray(ns.expr.evaluate(_option_values(self.codes, self.conflict)), dtype=bool)
        return self.codes[np.broadcast_to(hit, self.codes.shape)]

    def parse_states(self, text: str) -> list[int]:
        """Like :meth:`parse_state`, but the name of a set of states gives all its feasible states."""
        t = text.strip()
        if self.conflict.named_state(t) is not None:
            codes = self.named_codes(t)
            if codes.shape[0] == 0:
                return [self.parse_state(t)]  # the error
            return [int(c) for c in codes]
        return [self.parse_state(t)]

    def parse_state(self, text: str) -> int:
        """A state given as id, Y/N string, comma-separated taken options, or a name from the
        model's ``states:`` -> code."""
        from detente.errors import DetenteError
        t = text.strip()
        ns = self.conflict.named_state(t)
        if ns is not None:
            codes = self.named_codes(t)
            if codes.shape[0] == 1:
                return int(codes[0])
            if codes.shape[0] == 0:
                raise DetenteError(f"the state named {t!r} ({ns.text}) is infeasible in this model"
                                   + (f" (variant {self.conflict.variant_name})" if self.conflict.variant_name else ""),
                                   hint="`detente states MODEL` lists the feasible states")
            shown = ", ".join(f"{self.id_of(int(c))}:{self.conflict.yn(int(c))}" for c in codes[:8])
            raise DetenteError(f"{t!r} names {codes.shape[0]} states ({ns.text}): {shown}"
                               + (" ..." if codes.shape[0] > 8 else ""),
                               hint="give one of them (by id or Y/N string)")
        if t.isdigit():
            i = int(t)
            if not 1 <= i <= self.n:
                raise DetenteError(f"state id {i} is out of range: there are {self.n} feasible states",
                                   hint="state ids are 1..n; `detente states MODEL` lists them")
            return self.code_of_id(i)
        c = self.conflict
        if len(t) == c.n_options and set(t.upper()) <= set("YN"):
            code = sum(1 << k for k, ch in enumerate(t.upper()) if ch == "Y")
        else:
            names = [p.strip() for p in t.replace("+", ",").split(",") if p.strip() and p.strip() != "-"]
            code = 0
            for name in names:
                if name not in c.option_names:
                    from detente.model.yamlio import did_you_mean
                    raise DetenteError(f"{name!r} is neither a state nor an option",
                                       hint=did_you_mean(name, c.option_names + [ns.name for ns in c.named_states])
                                       or f"give a state id, a {c.n_options}-letter Y/N string, "
                                          "the taken options separated by commas ('-' for none)"
                                          + (", or a state name: " + ", ".join(ns.name for ns in c.named_states)
                                             if c.named_states else ""))
                code |= 1 << c.option(name).index
        if not self.is_feasible(code):
            reasons = self.infeasibility_reasons(code)
            raise DetenteError(f"state {c.yn(code)} is infeasible ({'; '.join(reasons)})",
                               hint="`detente states MODEL` lists the feasible states")
        return code


def analysis_bytes_per_state(n_dms: int) -> int:
    """Peak memory of a full analysis (Nash, GMR, SMR, SEQ) per feasible state, in bytes.

    Calibrated on bench/scale.py (docs/scale.md) with a margin of about 15%: measured peaks of
    244, 305 and 393 bytes per state for 3, 4 and 6 DMs at 2^20 states, 301 for 4 DMs at 2^24
    (codes and ranks, each DM's move table and index arrays, the rank-sorted SEQ kernel's
    cache, and the fixed point's working arrays).
    """
    return 96 + 64 * max(n_dms, 2)


def check_option_space(conflict: Conflict, positions=None) -> None:
    """Refuse up front a model whose state space cannot be scanned or held in memory."""
    m = conflict.n_options
    file = conflict.file
    line = positions.get(("decision_makers",))[0] if positions else None
    limit = max_options()
    if m > limit:
        raise TooLargeError(too_many_options(m, limit, file=file, line=line))
    n_dms = max(len(conflict.decision_makers), 2)
    # Worst case, when no constraint removes anything.
    need = (1 << m) * analysis_bytes_per_state(n_dms)
    budget = memory_budget_bytes()
    if need > budget and not conflict.constraints:
        raise TooLargeError(Problem(
            f"{m} options give {2**m:,} states; analysing them needs about {_fmt_bytes(need)} of "
            f"memory, more than the {_fmt_bytes(budget)} allowed", file=file, line=line,
            hint="add 'infeasible' constraints for combinations that cannot happen, merge or drop "
                 "options, or raise DETENTE_MAX_MEMORY_GB if this machine has the memory"))


def too_many_options(m: int, limit: int, *, file=None, line=None, field=None,
                     hint: str | None = None) -> Problem:
    """The refusal of a model with ``m`` options over ``limit`` (before anything is scanned)."""
    return Problem(f"{m} options give 2^{m} = {2**m:,} combinations to scan; the limit is "
                   f"{limit} options", file=file, line=line, field=field,
                   hint=hint or "merge options that always go together, or split the conflict; "
                                "to scan more (each option doubles the time), set "
                                f"DETENTE_MAX_OPTIONS (at most {MAX_SCAN_BITS})")


# Resident memory of numba and LLVM once the compiled kernels are loaded (measured: 120 MB).
KERNEL_FIXED_BYTES = 160 << 20
# From this many feasible states on, the GMCR engine's reductions run as compiled kernels
# (numba, see detente.gmcr._kernels): below it the numpy path is fast enough and importing
# numba (about half a second, with the kernels' cache) would cost more than it saves.
KERNEL_MIN_STATES = 1 << 18


def kernels_expected(n_states: int) -> bool:
    """Whether a model of ``n_states`` states will use the compiled kernels
    (``DETENTE_KERNELS`` and :data:`KERNEL_MIN_STATES`), without importing numba."""
    from detente.settings import kernel_mode

    mode = kernel_mode()
    if mode == "numpy" or (mode == "auto" and n_states < KERNEL_MIN_STATES):
        return False
    import importlib.util
    return importlib.util.find_spec("numba") is not None


def estimate_analysis_bytes(space: StateSpace) -> int:
    """Rough peak memory of a full analysis of ``space`` (used to refuse early).

    The per-state figure is the numpy path's (:func:`analysis_bytes_per_state`), also true,
    with room to spare, for the compiled kernels that large models use (about 110-200 bytes
    per state for 3-6 DMs at 2^22-2^24 states); those add numba's own memory once."""
    n_dms = len(space.conflict.decision_makers)
    dense = space._dense.nbytes if space._dense is not None else 0
    fixed = KERNEL_FIXED_BYTES if kernels_expected(space.n) else 0
    return space.n * analysis_bytes_per_state(n_dms) + dense + fixed


def require_memory(space: StateSpace, output_bytes: int = 0) -> None:
    """Refuse (TooLargeError) before any work when the analysis of ``space``, plus
    ``output_bytes`` for writing its output, would need more than the memory budget."""
    need = estimate_analysis_bytes(space) + output_bytes
    budget = memory_budget_bytes()
    if need > budget:
        raise TooLargeError(Problem(
            f"{space.n:,} feasible states over {space.m} options need about {_fmt_bytes(need)} "
            f"for the analysis" + (f" and its output ({_fmt_bytes(output_bytes)})" if output_bytes else "")
            + f", more than the {_fmt_bytes(budget)} allowed",
            file=space.conflict.file,
            hint="add constraints, merge options, or raise DETENTE_MAX_MEMORY_GB"))
