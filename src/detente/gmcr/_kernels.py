"""Compiled move-table reductions for large conflicts (numba), imported only above a size.

The numpy path of :class:`detente.gmcr.moves.MoveTable` gathers a value array into the DM's
table layout (``rows x 2^k``), runs the per-option dynamic programme as k whole-table passes and
gathers the result back: two gathers and k streaming passes per call, each over arrays far
larger than the caches on big models. The kernels here do the same work one table row at a
time: the row's values are read straight from the state array into a buffer of 2^k values
(in the first-level cache), the DP runs on that buffer, and the results are written straight
back to the states of the row. For the fixed point of GMR/SMR/SEQ (``stability``) the result
is moreover folded into the other opponents' arrays and the running minimum in the same pass
(``*_fold``), so no intermediate array of n values is made. Same arithmetic, same order of
minima: results are identical to the numpy path (tests compare them on random conflicts).

Threads: every kernel releases the GIL (``nogil``) and works on a range of table rows; rows
hold disjoint states, so :func:`run_rows` runs chunks of about :data:`CHUNK_CELLS` cells on
a small thread pool (one thread per usable CPU, ``DETENTE_ENGINE_THREADS`` to change it).
Chunks also keep Ctrl-C prompt: the interpreter handles a KeyboardInterrupt between chunks
(a few milliseconds each), whatever the size of the model.

Importing this module imports numba (about half a second), which is why
:mod:`detente.gmcr.moves` only does so for models of at least ``KERNEL_MIN_STATES`` states.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numba import njit

INF32 = np.iinfo(np.int32).max
START = 0x8000  # flag bit of a sorted cell that starts a tie group (uint16 order entries)
PATTERN = 0x7FFF
MAX_ORDER_BITS = 15  # DMs with more options than this use the numpy path for SEQ

CHUNK_CELLS = 1 << 18  # table cells per kernel call (a few ms; Ctrl-C is seen between calls)


def _compiled(func):
    """``njit(nogil=True)`` with an on-disk cache when numba finds a writable place for one
    (next to this file, ``$NUMBA_CACHE_DIR`` or the user's cache folder); compiled in memory
    at each run otherwise (numba raises RuntimeError at decoration when nothing is writable)."""
    try:
        return njit(cache=True, nogil=True, boundscheck=False)(func)
    except RuntimeError:  # pragma: no cover - depends on the install
        return njit(cache=False, nogil=True, boundscheck=False)(func)


# Cells of a block of rows worked on together. A DM whose options are the low bits of the
# state code has rows of nearly consecutive states: a small block (16 KB of values, in the
# first-level cache) is best. Otherwise a row's states lie far apart and the block's reads are
# 2^k runs, one per pattern, of one state per row: long runs (256 KB blocks, in the
# second-level cache) let the prefetcher follow them (measured at 2^22 states: 13.8 -> 5.9
# ns per cell for a DM holding the top bits, 6.2 for one holding the low bits either way).
SMALL_BLOCK_CELLS = 1 << 12
LARGE_BLOCK_CELLS = 1 << 16


def block_rows(table: np.ndarray) -> int:
    """Rows per block for a move table: small blocks when a row's first two patterns are
    states at most 16 positions apart (median over the rows where both are feasible)."""
    rows, P = table.shape
    cells = LARGE_BLOCK_CELLS
    if P > 1:
        a, b = table[:, 0], table[:, 1]
        ok = (a >= 0) & (b >= 0)
        if ok.any() and np.median((b[ok] - a[ok])[:: max(1, int(ok.sum()) // 4096)]) <= 16:
            cells = SMALL_BLOCK_CELLS
    return max(8, cells // P)


@_compiled
def _dp_min(buf, nb, dirs):  # pragma: no cover - compiled
    """In place, for each of the nb rows of a block (buf[pattern, row]): buf[y] = min of buf
    over the sub-cube of patterns y may move to (y included).

    dirs[j]: 0 = option j may change both ways, 1 = take only (N sees Y), 2 = drop only
    (Y sees N); the same passes as ``MoveTable.reach``'s numpy DP, in the same order. The
    innermost loop runs over the block's rows (contiguous, vectorised).
    """
    P = buf.shape[0]
    for j in range(dirs.shape[0]):
        h = 1 << j
        d = dirs[j]
        for base in range(0, P, 2 * h):
            for i in range(base, base + h):
                lo = buf[i]
                hi = buf[i + h]
                if d == 0:
                    for b in range(nb):
                        x = min(lo[b], hi[b])
                        lo[b] = x
                        hi[b] = x
                elif d == 1:
                    for b in range(nb):
                        lo[b] = min(lo[b], hi[b])
                else:
                    for b in range(nb):
                        hi[b] = min(lo[b], hi[b])


@_compiled
def _gather_block(buf, table, rb, nb, src, flip):  # pragma: no cover - compiled
    """buf[p, b] = src[table[rb + b, p]] ^ flip (INF where infeasible). Pattern by pattern,
    the block's rows are consecutive states (rows are sorted by the other DMs' bits), so the
    reads of src are short runs instead of one scattered read per cell."""
    P = table.shape[1]
    for p in range(P):
        row = buf[p]
        for b in range(nb):
            pos = table[rb + b, p]
            row[b] = (src[pos] ^ flip) if pos >= 0 else INF32


@_compiled
def reach_rows(r0, r1, B, table, dirs, src, out, flip):  # pragma: no cover - compiled
    """out[s] = min of src over R_l(s) ∪ {s} for the states s of rows [r0, r1).

    ``flip`` = 0 for the minimum, -1 for the maximum (computed as ~min(~v): ``~`` maps the
    int32 range onto itself in reverse order, the neutral INT_MIN onto INT_MAX).
    """
    P = table.shape[1]
    buf = np.empty((P, B), np.int32)
    for rb in range(r0, r1, B):
        nb = min(B, r1 - rb)
        _gather_block(buf, table, rb, nb, src, flip)
        _dp_min(buf, nb, dirs)
        for p in range(P):
            row = buf[p]
            for b in range(nb):
                pos = table[rb + b, p]
                if pos >= 0:
                    out[pos] = row[b] ^ flip
    return 0


@_compiled
def reach_fold_rows(r0, r1, B, table, dirs, src, A, skip, m, with_m, touched):  # pragma: no cover - compiled
    """One Gauss-Seidel step of the fixed point over rows [r0, r1): M = reach-min of ``src``
    (A[skip], the mover's array); A[h] = min(A[h], M) for every h != skip, m = min(m, M).
    Returns the number of (state, h) values lowered, and sets touched[h] = 1 for every row h
    lowered (several threads may write 1 to the same flag). m is left alone unless ``with_m``.
    With an A of no rows, m = min(m, M) only (the plain reduction, m starting at INF)."""
    P = table.shape[1]
    H = A.shape[0]
    buf = np.empty((P, B), np.int32)
    lowered = 0
    for rb in range(r0, r1, B):
        nb = min(B, r1 - rb)
        _gather_block(buf, table, rb, nb, src, np.int32(0))
        _dp_min(buf, nb, dirs)
        for p in range(P):
            row = buf[p]
            for b in range(nb):
                pos = table[rb + b, p]
                if pos >= 0:
                    v = row[b]
                    # (the fold is written out here and in improve_fold_rows: as a compiled
                    # helper called per cell it made GMR/SMR/SEQ 2-3x slower at 2^22 states)
                    for h in range(H):
                        if h != skip and v < A[h, pos]:
                            A[h, pos] = v
                            lowered += 1
                            touched[h] = 1
                    if with_m and v < m[pos]:
                        m[pos] = v
    return lowered


@_compiled
def rank_order_rows(r0, r1, table, ranks, order):  # pragma: no cover - compiled
    """order[r, c]: pattern of row r's c-th cell by the mover's rank, best first (infeasible
    cells last), with :data:`START` set on the first cell of every group of equal ranks."""
    P = table.shape[1]
    key = np.empty(P, np.int64)
    for r in range(r0, r1):
        for p in range(P):
            pos = table[r, p]
            key[p] = -np.int64(ranks[pos]) if pos >= 0 else np.int64(1) << 40
        o = np.argsort(key, kind="mergesort")
        prev = np.int64(-1) << 50
        for c in range(P):
            p = o[c]
            flag = START if key[p] != prev else 0
            prev = key[p]
            order[r, c] = np.uint16(p | flag)
    return 0


@_compiled
def improve_fold_rows(r0, r1, B, table, order, lock, nz, src, A, skip, m, with_m, touched):  # pragma: no cover
    """min of ``src`` over the mover's unilateral improvements, for the states of rows
    [r0, r1), folded like :func:`reach_fold_rows` (into A[h] for h != skip, and m).

    Cells are visited best first (``order``); the answer for a cell is the minimum over the
    cells of strictly better rank (before its tie group) whose lock pattern contains its own
    (one-way options), kept as one running minimum per lock pattern (``nz`` = 2^q of them),
    as the numpy path's one prefix minimum per lock pattern. Values are gathered and results
    written a block of rows at a time, as in :func:`reach_rows`.
    """
    P = table.shape[1]
    H = A.shape[0]
    # Row-major blocks here (bt[b, p]): the sorted walk reads a row's cells in rank order.
    bt = np.empty((B, P), np.int32)
    rt = np.empty((B, P), np.int32)
    cur = np.empty(nz, np.int32)
    gp = np.empty(nz, np.int32)
    lowered = 0
    for rb in range(r0, r1, B):
        nb = min(B, r1 - rb)
        for p in range(P):  # pattern by pattern: runs of consecutive states, as _gather_block
            for b in range(nb):
                pos = table[rb + b, p]
                bt[b, p] = src[pos] if pos >= 0 else INF32
        for b in range(nb):
            r = rb + b
            vals = bt[b]
            outs = rt[b]
            ordr = order[r]
            # Branch-free walk (selects, no jumps): tie-group starts and new minima come in
            # no predictable order, and mispredicted branches cost more than the work.
            if nz == 1:  # no one-way option: one running minimum
                cur0 = INF32
                gp0 = INF32
                for c in range(P):
                    o = ordr[c]
                    p = o & PATTERN
                    gp0 = cur0 if o & START else gp0
                    outs[p] = gp0
                    cur0 = min(cur0, vals[p])
                continue
            for z in range(nz):
                cur[z] = INF32
                gp[z] = INF32
            for c in range(P):
                o = ordr[c]
                p = o & PATTERN
                start = (o & START) != 0
                L = lock[p]
                v = INF32
                for z in range(nz):
                    g = cur[z] if start else gp[z]
                    gp[z] = g
                    v = min(v, g if (L & ~z) == 0 else INF32)
                outs[p] = v
                cur[L] = min(cur[L], vals[p])
        for p in range(P):
            for b in range(nb):
                pos = table[rb + b, p]
                if pos >= 0:
                    v = rt[b, p]
                    for h in range(H):
                        if h != skip and v < A[h, pos]:
                            A[h, pos] = v
                            lowered += 1
                            touched[h] = 1
                    if with_m and v < m[pos]:
                        m[pos] = v
    return lowered


# --- building move tables ------------------------------------------------------------------

@_compiled
def _rest(c, dm_bits):  # pragma: no cover - compiled
    """The code with the DM's bits removed, the higher bits shifted down (order-preserving, so
    rows numbered by rest come out sorted as np.unique's)."""
    r = c
    for j in range(dm_bits.shape[0] - 1, -1, -1):  # highest bit first: lower ones stay put
        b = dm_bits[j]
        r = (r & ((np.int64(1) << b) - 1)) | ((r >> (b + 1)) << b)
    return r


@_compiled
def number_rows(codes, dm_bits, n_rest):  # pragma: no cover - compiled
    """For every possible rest (< n_rest), its row: the number of distinct rests of the states
    (int64 view of the sorted codes) below it. A direct-address count instead of np.unique's
    sort; no array of n rests is made (each rest is computed again in fill_table)."""
    seen = np.zeros(n_rest, np.int32)
    for s in range(codes.shape[0]):
        seen[_rest(codes[s], dm_bits)] = 1
    rows = 0
    for x in range(n_rest):
        if seen[x]:
            seen[x] = rows
            rows += 1
    return seen, rows


@_compiled
def fill_table(codes, dm_bits, row_ids, table):  # pragma: no cover - compiled
    """table[row of s, pattern of s] = s for every state s: its pattern is the DM's own bits
    compacted (pattern bit j = code bit dm_bits[j]), its row ``row_ids`` of its rest (from
    :func:`number_rows`)."""
    k = dm_bits.shape[0]
    for s in range(codes.shape[0]):
        c = codes[s]
        p = 0
        for j in range(k):
            p |= ((c >> dm_bits[j]) & 1) << j
        table[row_ids[_rest(c, dm_bits)], p] = s


# --- running kernels on row chunks ---------------------------------------------------------

_POOL: tuple[int, ThreadPoolExecutor] | None = None
_POOL_LOCK = threading.Lock()


def threads() -> int:
    """Threads for the kernels: ``DETENTE_ENGINE_THREADS`` if set (a positive integer), else
    the usable CPUs."""
    from detente.settings import engine_threads
    value = engine_threads()
    if value is not None:
        return value
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def pool(workers: int) -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        # Per process (a forked child gets a fresh pool) and per thread count.
        key = (os.getpid(), workers)
        if _POOL is None or _POOL[0] != key:
            if _POOL is not None and _POOL[0][0] == key[0]:
                _POOL[1].shutdown(wait=False)
            _POOL = (key, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="detente-engine"))
        return _POOL[1]


def run_rows(kernel, rows: int, cells_per_row: int, *args) -> int:
    """``kernel(r0, r1, *args)`` over [0, rows) in chunks of about :data:`CHUNK_CELLS` cells,
    on :func:`threads` threads; returns the sum of the kernel's results."""
    chunk = max(1, CHUNK_CELLS // max(1, cells_per_row))
    bounds = [(r, min(r + chunk, rows)) for r in range(0, rows, chunk)]
    workers = min(threads(), len(bounds))
    if workers <= 1:
        total = 0
        for r0, r1 in bounds:
            total += kernel(r0, r1, *args)
        return total
    futures = [pool(workers).submit(kernel, r0, r1, *args) for r0, r1 in bounds]
    try:
        return sum(f.result() for f in futures)
    except BaseException:  # Ctrl-C: drop the chunks not started (running ones end in ms)
        for f in futures:
            f.cancel()
        raise
