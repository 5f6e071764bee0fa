"""Unilateral moves, without materialising the move graph.

For a DM l with options (bits) B_l, every state s splits into its *rest* (the bits of other
DMs) and its *pattern* (l's own bits). l's unilateral moves from s keep the rest and change the
pattern (Fang, Hipel & Kilgour 1993): so the states of one rest form a small table row, and a
move is a pair (pattern y -> pattern x) of that row, legal when every irreversible option goes
its permitted way and the target is feasible.

:class:`MoveTable` stores, per DM, the table ``rows x 2^|B_l|`` of state positions (-1 where
infeasible); memory is linear in the number of states when the feasible set is not too sparse.
All move-based reductions below work row-wise on that table with numpy:

* :meth:`MoveTable.reach_min` / :meth:`reach_max` — min/max of a value over
  ``R_l(s) ∪ {s}``, by a per-option dynamic programme (a one-way option only lets values flow
  from the state where it may still be changed);
* :meth:`MoveTable.improvement_min` — min of a value over l's unilateral *improvements*
  ``R_l+(s)``, pair by pair of patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.errors import Problem, TooLargeError
from detente.model.states import (KERNEL_MIN_STATES, StateSpace, _fmt_bytes,  # noqa: F401
                                  kernels_expected, memory_budget_bytes)

INF = np.int32(np.iinfo(np.int32).max)
NEG = np.int32(np.iinfo(np.int32).min)

# Compiled kernels from KERNEL_MIN_STATES states on (defined with the memory estimate in
# detente.model.states, which counts numba's memory for them).


def kernel_mode() -> str:
    """``DETENTE_KERNELS`` (:func:`detente.settings.kernel_mode`): ``auto`` (compiled kernels
    from :data:`KERNEL_MIN_STATES` states on, if numba imports), ``numba`` or ``numpy``."""
    from detente.settings import kernel_mode as setting
    return setting()


def kernels_for(n_states: int):
    """The compiled kernel module for a model of ``n_states`` states, or None for numpy."""
    mode = kernel_mode()
    if mode == "numpy" or (mode == "auto" and n_states < KERNEL_MIN_STATES):
        return None
    try:
        from detente.gmcr import _kernels
    except ImportError:  # pragma: no cover - numba is a dependency, but may fail to import
        if mode == "numba":
            raise
        return None
    return _kernels


@dataclass
class MoveTable:
    """The moves of one decision maker."""

    dm: str
    mask: int
    bits: list[int]  # option indices of the DM, in increasing order (pattern bit j = bits[j])
    directions: list[str]  # per pattern bit: both / take_only / drop_only
    table: np.ndarray  # (rows, 2^k) int32/int64 state positions, -1 = infeasible
    # (n,) row and pattern of each feasible state (:attr:`row_of`, :attr:`pattern_of`); None
    # until first asked for when the table was built by the compiled kernels, which never
    # need them (537 MB at 2^24 states x 4 DMs)
    _row_of: np.ndarray | None
    _pattern_of: np.ndarray | None
    allowed: np.ndarray  # (2^k, 2^k) bool: y -> x is a legal move direction-wise (x != y)
    n_states: int = -1  # number of feasible states (-1: the length of row_of)

    def __post_init__(self) -> None:
        if self.n_states < 0:
            self.n_states = int(self._row_of.shape[0])

    def __getstate__(self) -> dict:
        # Pickled into worker processes (robustness plans): without the cached kernel module
        # (a module does not pickle; it is looked up again on first use).
        state = dict(self.__dict__)
        state.pop("_kernel_module", None)
        return state

    @property
    def row_of(self) -> np.ndarray:
        """(n,) row of each feasible state in :attr:`table`."""
        if self._row_of is None:
            self._index_states()
        return self._row_of

    @property
    def pattern_of(self) -> np.ndarray:
        """(n,) pattern (the DM's own options) of each feasible state."""
        if self._pattern_of is None:
            self._index_states()
        return self._pattern_of

    def _index_states(self) -> None:
        """row_of and pattern_of from the table (each state is in exactly one cell)."""
        flat = self.table.reshape(-1)
        cells = np.flatnonzero(flat >= 0)
        positions = flat[cells]
        idx = np.int32 if self.table.size < 2**31 else np.int64
        row_of = np.empty(self.n_states, dtype=idx)
        pattern_of = np.empty(self.n_states, dtype=idx)
        row_of[positions] = cells >> self.k
        pattern_of[positions] = cells & ((1 << self.k) - 1)
        self._row_of, self._pattern_of = row_of, pattern_of

    @property
    def k(self) -> int:
        return len(self.bits)

    @classmethod
    def build(cls, space: StateSpace, dm_name: str) -> "MoveTable":
        conflict = space.conflict
        opts = sorted((o for o in conflict.options if o.dm == dm_name), key=lambda o: o.index)
        bits = [o.index for o in opts]
        directions = [o.direction for o in opts]
        mask = 0
        for b in bits:
            mask |= 1 << b
        k = len(bits)
        codes = space.codes
        kern = kernels_for(space.n)
        rest_bits = [b for b in range(space.m) if not (mask >> b) & 1]
        if kern is not None and space.n < 2**31 and (1 << len(rest_bits)) <= max(8 * space.n, 1 << 20):
            # Compiled: rows numbered by a direct-address count of the rests (no sort), then
            # every state's pattern and row in one pass; the same rows in the same order as
            # np.unique below.
            dm_bits = np.array(bits, dtype=np.int64)
            row_ids, rows = kern.number_rows(codes.view(np.int64), dm_bits, 1 << len(rest_bits))
            rows = int(rows)
        else:
            kern = None
            pattern = np.zeros(space.n, dtype=np.int64)
            for j, b in enumerate(bits):
                pattern |= ((codes >> np.uint64(b)) & np.uint64(1)).astype(np.int64) << j
            rest = codes & np.uint64(~mask & ((1 << 64) - 1))
            keys, row_of = np.unique(rest, return_inverse=True)
            rows = keys.shape[0]
            del keys, rest
        cells = rows * (1 << k)
        limit = max(16 * space.n, 1 << 22)
        if cells > limit or cells * 4 > memory_budget_bytes() // 4:
            raise TooLargeError(Problem(
                f"decision maker {dm_name!r} controls {k} options but few of their combinations "
                f"are feasible: its move table would need {cells:,} cells "
                f"({_fmt_bytes(cells * 4)}) for {space.n:,} states",
                file=conflict.file,
                hint="split the DM's options into fewer, independent ones (e.g. one option per "
                     "level of a multi-level choice is better encoded with exactly_one over fewer "
                     "options), or remove options that are never chosen"))
        dtype = np.int32 if space.n < 2**31 else np.int64
        table = np.full((rows, 1 << k), -1, dtype=dtype)
        if kern is not None:
            # Every state written into its cell straight from its code: the per-state row and
            # pattern arrays are not made (see _row_of).
            kern.fill_table(codes.view(np.int64), dm_bits, row_ids, table)
            del row_ids
        else:
            table[row_of, pattern] = np.arange(space.n, dtype=dtype)
        ys = np.arange(1 << k)[:, None]
        xs = np.arange(1 << k)[None, :]
        allowed = ys != xs
        for j, d in enumerate(directions):
            yb = (ys >> j) & 1
            xb = (xs >> j) & 1
            if d == "take_only":
                allowed &= ~((yb == 1) & (xb == 0))
            elif d == "drop_only":
                allowed &= ~((yb == 0) & (xb == 1))
        # int32 positions halve the per-state memory of the index arrays (rows < 2^31 here).
        idx = np.int32 if cells < 2**31 else np.int64
        if kern is not None:
            return cls(dm_name, mask, bits, directions, table, None, None, allowed, space.n)
        return cls(dm_name, mask, bits, directions, table, row_of.reshape(-1).astype(idx, copy=False),
                   pattern.astype(idx, copy=False), allowed, space.n)

    # -- helpers -------------------------------------------------------------------------
    def _gather(self, values: np.ndarray, fill) -> np.ndarray:
        """values over states -> (rows, 2^k) table, ``fill`` where infeasible."""
        clip, holes = self._gather_index
        out = values.take(clip)
        if holes is not None:
            out[holes] = fill
        return out

    @property
    def _gather_index(self):
        """Table positions clipped to valid indices, and the infeasible cells (None if none)."""
        cached = self.__dict__.get("_gather_cache")
        if cached is None:
            holes = self.table < 0
            cached = (np.maximum(self.table, 0), holes if holes.any() else None)
            self.__dict__["_gather_cache"] = cached
        return cached

    def _scatter(self, table_values: np.ndarray) -> np.ndarray:
        flat = self.__dict__.get("_flat")
        if flat is None:
            flat = self.row_of.astype(np.int64) * (1 << self.k) + self.pattern_of
            if self.table.size < 2**31:
                flat = flat.astype(np.int32)
            self.__dict__["_flat"] = flat
        return table_values.reshape(-1).take(flat)

    # -- reductions ----------------------------------------------------------------------
    def reach(self, values: np.ndarray, op: str) -> np.ndarray:
        """min (``op='min'``) or max of ``values`` over R_l(s) ∪ {s} for every state s.

        Values of infeasible cells are neutral, so they never count; the per-option DP runs
        over the full pattern cube, infeasible cells only carrying partial results.
        """
        kern = self._kernels(values)
        if kern is not None:
            out = np.empty(self.n_states, dtype=np.int32)
            kern.run_rows(kern.reach_rows, self.table.shape[0], self.table.shape[1], self._block, self.table,
                          self._dirs, values, out, np.int32(0 if op == "min" else -1))
            return out
        fill = INF if op == "min" else NEG
        fn = np.minimum if op == "min" else np.maximum
        t = self._gather(values, fill)
        rows = t.shape[0]
        for j, d in enumerate(self.directions):
            v = t.reshape(rows, -1, 2, 1 << j)
            lo, hi = v[:, :, 0, :], v[:, :, 1, :]
            if d == "both":
                fn(lo, hi, out=lo)
                hi[...] = lo
            elif d == "take_only":  # from N the option may still be taken: N sees Y
                fn(lo, hi, out=lo)
            else:  # drop_only: from Y it may still be dropped
                fn(lo, hi, out=hi)
        return self._scatter(t)

    def reach_min(self, values: np.ndarray) -> np.ndarray:
        return self.reach(values, "min")

    def reach_max(self, values: np.ndarray) -> np.ndarray:
        return self.reach(values, "max")

    def improvement_min(self, mover_ranks: np.ndarray, values: np.ndarray) -> np.ndarray:
        """min of ``values`` over the mover's unilateral improvements from each state (INF if none).

        Works per row on the patterns sorted by the mover's rank (best first): the improvements
        of pattern y are the patterns ranked strictly above y that y may move to, so the answer
        is an exclusive prefix minimum up to the start of y's tie group — O(cells) per call
        instead of O(cells x 2^k) pair by pair. One-way options restrict the targets to a
        sub-cube (the "locked" bits of y must stay), handled by one prefix minimum per lock
        pattern z and a superset test (2^q passes for q one-way options of this DM).
        """
        kern = self._kernels(values)
        if kern is not None and self.k <= kern.MAX_ORDER_BITS:
            out = np.full(self.n_states, INF, dtype=np.int32)
            self.fold(values, np.empty((0, out.shape[0]), dtype=np.int32), -1, out, mover_ranks)
            return out
        sp_clip, holes, gflat, inv, lk_sorted = self._rank_order(mover_ranks)
        vs = values.astype(np.int32, copy=False).take(sp_clip)
        if holes is not None:
            vs[holes] = INF
        rows, P = vs.shape
        q = self._lock_bits
        pm = np.empty((rows, P + 1), dtype=np.int32)
        pm[:, 0] = INF
        if q == 0:
            np.minimum.accumulate(vs, axis=1, out=pm[:, 1:])
            res = pm.reshape(-1).take(gflat)
        else:
            res = np.full((rows, P), INF, dtype=np.int32)
            for z in range(1 << q):
                in_z = lk_sorted == z
                if not in_z.any():
                    continue
                np.minimum.accumulate(np.where(in_z, vs, INF), axis=1, out=pm[:, 1:])
                # Patterns y whose locked bits are a subset of z may move into sub-cube z.
                applies = (lk_sorted & ~np.int32(z)) == 0
                np.minimum(res, np.where(applies, pm.reshape(-1).take(gflat), INF), out=res)
        return res.reshape(-1).take(inv)

    # -- compiled kernels (large models) -------------------------------------------------
    def _kernels(self, values: np.ndarray):
        """The kernel module if this table's reductions of ``values`` run compiled."""
        kern = self.__dict__.get("_kernel_module", False)
        if kern is False:
            kern = kernels_for(self.n_states)
            if kern is not None and self.table.dtype != np.int32:
                kern = None
            self.__dict__["_kernel_module"] = kern
        if kern is None or values.dtype != np.int32 or not values.flags.c_contiguous:
            return None
        return kern

    @property
    def _block(self) -> int:
        """Rows per block of the compiled kernels (see :func:`detente.gmcr._kernels.block_rows`)."""
        block = self.__dict__.get("_block_rows")
        if block is None:
            from detente.gmcr._kernels import block_rows
            block = self.__dict__["_block_rows"] = block_rows(self.table)
        return block

    @property
    def _dirs(self) -> np.ndarray:
        codes = {"both": 0, "take_only": 1, "drop_only": 2}
        return np.array([codes[d] for d in self.directions], dtype=np.int8)

    def fold(self, src: np.ndarray, A: np.ndarray, skip: int, m: np.ndarray | None,
             mover_ranks: np.ndarray | None = None, touched: np.ndarray | None = None) -> int:
        """One step of the fixed point of :func:`detente.gmcr.stability._least_reachable`:
        M = :meth:`reach_min` of ``src`` (or :meth:`improvement_min` with ``mover_ranks``),
        then ``A[h] = min(A[h], M)`` for every row h != ``skip`` and ``m = min(m, M)`` (unless
        m is None), in place; ``touched[h]`` set to 1 for every row h lowered. Returns the
        number of values of A lowered. One pass per block of table rows with the compiled
        kernels, no array of n values made; the numpy reductions otherwise."""
        if touched is None:
            touched = np.zeros(A.shape[0], dtype=np.uint8)
        kern = self._kernels(src)
        if kern is not None and (mover_ranks is None or self.k <= kern.MAX_ORDER_BITS):
            rows, P = self.table.shape
            mm = src if m is None else m  # a typed placeholder when m is not wanted
            if mover_ranks is None:
                return kern.run_rows(kern.reach_fold_rows, rows, P, self._block, self.table, self._dirs,
                                     src, A, skip, mm, m is not None, touched)
            order = self._kernel_order(kern, mover_ranks)
            lock = self._lock_index.astype(np.int32)
            return kern.run_rows(kern.improve_fold_rows, rows, P, self._block, self.table, order, lock,
                                 1 << self._lock_bits, src, A, skip, mm, m is not None, touched)
        M = self.reach_min(src) if mover_ranks is None else self.improvement_min(mover_ranks, src)
        lowered = 0
        for h in range(A.shape[0]):
            if h == skip:
                continue
            lower = M < A[h]
            count = int(np.count_nonzero(lower))
            if count:
                lowered += count
                touched[h] = 1
                np.copyto(A[h], M, where=lower)
        if m is not None:
            np.minimum(m, M, out=m)
        return lowered

    def _kernel_order(self, kern, mover_ranks: np.ndarray) -> np.ndarray:
        """Per row, the patterns sorted by the mover's rank (best first; uint16, tie-group
        starts flagged), cached per rank array like :meth:`_rank_order` (2 bytes a cell)."""
        cache = self.__dict__.get("_kernel_order_cache")
        if cache is not None and cache[0] is mover_ranks:
            return cache[1]
        self.__dict__.pop("_kernel_order_cache", None)
        rows, P = self.table.shape
        order = np.empty((rows, P), dtype=np.uint16)
        kern.run_rows(kern.rank_order_rows, rows, P, self.table,
                      np.ascontiguousarray(mover_ranks, dtype=np.int32), order)
        self.__dict__["_kernel_order_cache"] = (mover_ranks, order)
        return order

    def _rank_order(self, mover_ranks: np.ndarray):
        """Per row, the states sorted by the mover's rank (best first), cached per rank array.

        Returns the sorted state positions (clipped; infeasible cells sort last) and the mask
        of infeasible cells (None if none), for each sorted cell the flat index of its tie
        group's start in the prefix-minimum array, the sorted cell of every state, and the
        lock pattern of each sorted cell (None without one-way options).
        """
        cache = self.__dict__.get("_order_cache")
        if cache is not None and cache[0] is mover_ranks:
            return cache[1]
        r = self._gather(mover_ranks.astype(np.int32, copy=False), NEG)
        rows, P = r.shape
        order = np.argsort(r, axis=1, kind="stable")[:, ::-1]
        sp = np.take_along_axis(self.table, order, axis=1)
        rs = np.take_along_axis(r, order, axis=1)
        start = np.ones((rows, P), dtype=bool)
        start[:, 1:] = rs[:, 1:] != rs[:, :-1]
        del rs, r
        idx_dtype = np.int32 if rows * (P + 1) < 2**31 else np.int64
        # Index of each sorted cell's tie-group start in the (rows, P + 1) prefix-min array.
        g = np.where(start, np.arange(P, dtype=idx_dtype), idx_dtype(0))
        np.maximum.accumulate(g, axis=1, out=g)
        g += (np.arange(rows, dtype=idx_dtype) * (P + 1))[:, None]
        del start
        lk_sorted = self._lock_index[order].astype(np.int32) if self._lock_bits else None
        del order
        holes = sp < 0
        flat_ok = np.flatnonzero(~holes)
        inv = np.empty(self.n_states, dtype=idx_dtype)
        inv[sp.reshape(-1)[flat_ok]] = flat_ok  # sorted cell of every state
        result = (np.maximum(sp, 0), holes if holes.any() else None, g, inv, lk_sorted)
        self.__dict__["_order_cache"] = (mover_ranks, result)
        return result

    @property
    def _lock_bits(self) -> int:
        return sum(d != "both" for d in self.directions)

    @property
    def _lock_index(self) -> np.ndarray:
        """For each pattern, its one-way bits (flipped for drop_only so that 1 = locked),
        compressed to 0..2^q-1: a move y -> x is direction-legal iff lock(x) ⊇ lock(y)."""
        P = 1 << self.k
        xs = np.arange(P)
        out = np.zeros(P, dtype=np.int64)
        q = 0
        for j, d in enumerate(self.directions):
            if d == "both":
                continue
            bit = (xs >> j) & 1
            if d == "drop_only":
                bit = 1 - bit
            out |= bit << q
            q += 1
        return out

    def _improvement_min_pairs(self, mover_ranks: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Straightforward pair-by-pair version of :meth:`improvement_min` (kept for tests)."""
        r = self._gather(mover_ranks.astype(np.int32, copy=False), NEG)
        v = self._gather(values.astype(np.int32, copy=False), INF)
        out = np.full_like(v, INF)
        P = 1 << self.k
        for y in range(P):
            xs = np.flatnonzero(self.allowed[y])
            if xs.size == 0:
                continue
            ry = r[:, y:y + 1]
            cand = np.where(r[:, xs] > ry, v[:, xs], INF)
            out[:, y] = cand.min(axis=1)
        return self._scatter(out)

    def targets(self, position: int) -> np.ndarray:
        """Positions of the states the DM can reach from one state in one move (R_l(s))."""
        row = self.row_of[position]
        y = self.pattern_of[position]
        xs = np.flatnonzero(self.allowed[y])
        t = self.table[row, xs]
        return t[t >= 0]


def build_move_tables(space: StateSpace) -> dict[str, MoveTable]:
    names = [dm.name for dm in space.conflict.decision_makers]
    kern = kernels_for(space.n)
    workers = kern.threads() if kern is not None else 1
    if workers < 2 or len(names) < 2:
        return {name: MoveTable.build(space, name) for name in names}
    # Large models: the DMs' tables are built on the kernels' threads (the compiled passes
    # and numpy's fills release the GIL).
    futures = [kern.pool(workers).submit(MoveTable.build, space, name) for name in names]
    try:
        return {name: f.result() for name, f in zip(names, futures)}
    except BaseException:
        for f in futures:
            f.cancel()
        raise
