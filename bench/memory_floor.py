"""The physical floor of the GMCR engine (issue 17): memory bandwidth of this machine against
the move-table traffic of an analysis.

1. Memory bandwidth, measured with numpy on arrays larger than the caches (1 GB by default,
   beyond the 480 MB last-level cache this VM reports): streaming copy (``np.copyto``: read +
   write), sum of float64 (read only), and the engine's own access, a gather
   ``values.take(index)`` with a move table's index (read index + values, write result).
   GB/s = bytes moved / CPU seconds, median of 7 repetitions.
2. One analysis (random conflict of bench/scale.py: 2^t feasible states, d DMs, Nash GMR SMR
   SEQ) with every move-table reduction counted: for each call of ``MoveTable.reach`` (Nash,
   GMR, SMR; and ``reach_max`` at the end of every concept) and ``MoveTable.improvement_min``
   (SEQ), the bytes it must stream at least (each array it reads or writes, once per pass; no
   cache reuse counted), and the bytes of the move tables' own index arrays it reads. It prints,
   per concept: CPU seconds, sweeps of the fixed point, calls, bytes of move tables touched per
   sweep, modelled bytes streamed and the GB/s that represents against the measured bandwidth.
3. With ``--profile``: cProfile of the analysis, functions by own time (where the time goes).

    .venv/bin/python bench/memory_floor.py                        # 2^20 states x 4 DMs
    .venv/bin/python bench/memory_floor.py --log2-states 24       # 2^24 (about 5 GB, minutes)
    .venv/bin/python bench/memory_floor.py --profile

From 2^18 states the engine runs compiled kernels (numba; ``DETENTE_KERNELS=numpy`` measures
the numpy path instead): they read each table cell and each state's values once, in runs, and
write each result once, so their bytes are counted that way (table 4 bytes a cell, values and
results 4 bytes a state and array; nothing is gathered with ``take``).

The byte counts are a model (documented in docs/scale.md, "The physical floor"), not hardware
counters: a kernel at 100% of the streaming bandwidth by this count could still be improved
only by touching fewer bytes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import time

import numpy as np


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time: robust to other load, and these loops are single-threaded
        fn()
        times.append(time.process_time() - t0)
    return sorted(times)[len(times) // 2]


def bandwidth(mb: int = 256, repeat: int = 7) -> dict[str, float]:
    """GB/s of streaming copy, sum and gather on ``mb`` MB arrays (wall time, median)."""
    n = mb * (1 << 20) // 4
    a = np.ones(n, dtype=np.int32)
    b = np.empty_like(a)
    a.sum()
    np.copyto(b, a)
    copy = _median_time(lambda: np.copyto(b, a), repeat)
    f = np.ones(n // 2, dtype=np.float64)  # float sums are vectorised: a read-only stream
    total = _median_time(lambda: f.sum(), repeat)
    # A gather shaped like a move table's: positions of the states in row-major table order
    # (mostly increasing, strided by the DM's pattern bits).
    rng = np.random.default_rng(0)
    idx = np.arange(n, dtype=np.int32).reshape(-1, 64)[:, rng.permutation(64)].reshape(-1)
    out = np.empty_like(a)
    gather = _median_time(lambda: a.take(idx, out=out), repeat)
    return {"copy": 2 * a.nbytes / copy / 1e9, "sum": f.nbytes / total / 1e9,
            "gather": 3 * a.nbytes / gather / 1e9, "mb": mb}


class Traffic:
    """Counts calls and modelled bytes of the move-table reductions, per phase."""

    def __init__(self) -> None:
        self.phase = "build"
        self.calls: dict[str, int] = {}
        self.bytes: dict[str, float] = {}
        self.table_bytes: dict[str, float] = {}
        self.gathered: dict[str, float] = {}

    def add(self, streamed: float, table: float, gathered: float) -> None:
        """``streamed``: all modelled bytes; ``gathered``: the part moved by take() (gathers)."""
        p = self.phase
        self.calls[p] = self.calls.get(p, 0) + 1
        self.bytes[p] = self.bytes.get(p, 0.0) + streamed
        self.table_bytes[p] = self.table_bytes.get(p, 0.0) + table
        self.gathered[p] = self.gathered.get(p, 0.0) + gathered


def instrument(traffic: Traffic) -> None:
    """Count the reductions' bytes. The numpy path (small models, or DETENTE_KERNELS=numpy)
    gathers into table layout and back; the compiled kernels (large models) read every table
    cell once and each state's values once, in runs (counted as streamed, none gathered)."""
    from detente.gmcr.moves import MoveTable

    reach, improvement_min = MoveTable.reach, MoveTable.improvement_min
    fold, kernel_order = MoveTable.fold, MoveTable._kernel_order

    def counted_reach(self, values, op):
        C, n, k = self.table.size, self.n_states, self.k
        if self._kernels(values) is not None:
            # table 4C, values 4n, result 4n
            traffic.add(4 * C + 8 * n, 4 * C, 0)
            return reach(self, values, op)
        holes = 1 if self._gather_index[1] is not None else 0
        # gather: index 4C + values 4C + result 4C (+ hole mask); k DP passes: read 4C, write 4C;
        # scatter: flat index 4n + table 4n + result 4n.
        traffic.add(12 * C + holes * C + 8 * k * C + 12 * n, 4 * C + holes * C + 4 * n, 12 * C + 12 * n)
        return reach(self, values, op)

    def counted_improvement_min(self, mover_ranks, values):
        kern = self._kernels(values)
        if kern is not None and self.k <= kern.MAX_ORDER_BITS:
            return improvement_min(self, mover_ranks, values)  # counted as a fold
        C, n = self.table.size, self.n_states
        z = 1 << self._lock_bits
        holes = 1 if self._gather_index[1] is not None else 0
        # take(sp_clip) 12C (+ holes); per lock pattern: prefix minimum 8C (+ the where() 9C when
        # there are one-way options), take(gflat) 12C, minimum into res 12C; take(inv) 12n.
        per_z = 8 * C + 12 * C + (21 * C if z > 1 else 0)
        traffic.add(12 * C + holes * C + z * per_z + 12 * n, 4 * C + holes * C + z * 4 * C + 4 * n,
                    12 * C + z * 12 * C + 12 * n)
        return improvement_min(self, mover_ranks, values)

    def counted_fold(self, src, A, skip, m, mover_ranks=None, touched=None):
        kern = self._kernels(src)
        if kern is not None and (mover_ranks is None or self.k <= kern.MAX_ORDER_BITS):
            C, n = self.table.size, self.n_states
            others = A.shape[0] - (1 if 0 <= skip < A.shape[0] else 0)
            # table 4C (+ the uint16 rank order 2C for SEQ), the mover's values 4n, each other
            # row read and written 8n, the running minimum m read and written 8n.
            order = 2 * C if mover_ranks is not None else 0
            traffic.add(4 * C + order + 4 * n + 8 * n * others + (8 * n if m is not None else 0),
                        4 * C + order, 0)
        return fold(self, src, A, skip, m, mover_ranks, touched)  # numpy: counted by the calls

    def counted_kernel_order(self, kern, mover_ranks):
        cache = self.__dict__.get("_kernel_order_cache")
        if cache is None or cache[0] is not mover_ranks:
            C, n = self.table.size, self.n_states
            traffic.add(4 * C + 4 * n + 2 * C, 4 * C, 0)  # table, ranks, the order written
        return kernel_order(self, kern, mover_ranks)

    MoveTable.reach = counted_reach
    MoveTable.improvement_min = counted_improvement_min
    MoveTable.fold = counted_fold
    MoveTable._kernel_order = counted_kernel_order


def analysis(t: int, d: int, seed: int, profile: bool) -> dict:
    from detente.gmcr import stability
    from detente.gmcr.analysis import EXTRA_CONCEPTS, analyze
    from detente.gmcr.random_conflict import random_conflict

    traffic = Traffic()
    instrument(traffic)
    sweeps: dict[str, int] = {}
    least = stability._least_reachable

    def counted_least(*a, **k):
        m, s = least(*a, **k)
        sweeps[traffic.phase] = sweeps.get(traffic.phase, 0) + s
        return m, s

    stability._least_reachable = counted_least
    if t + 1 > 24:  # 2^24 feasible states need 25 options here (two form an exactly-one pair)
        os.environ.setdefault("DETENTE_MAX_OPTIONS", str(t + 1))
    conflict = random_conflict(t + 1, d, seed=seed, exclusive_pairs=1, irreversible=0.2)
    EXTRA_CONCEPTS["_mark"] = lambda result, dm: np.ones(result.n_states, dtype=bool)
    cpu: dict[str, float] = {}
    order = ["_mark", "Nash", "GMR", "SMR", "SEQ"]
    last = [time.process_time()]

    def progress(concept, done, total):
        # Called after every (concept, DM) and every sweep; the phase is the concept being run.
        now = time.process_time()
        name = concept.split(" for ")[0] if " for " in concept else concept
        if name in order:
            cpu[traffic.phase] = cpu.get(traffic.phase, 0.0) + now - last[0]
            last[0] = now
            nxt = order.index(name) + (0 if " for " in concept else 0)
            if done and done % d == 0 and " for " not in concept and nxt + 1 < len(order):
                traffic.phase = order[nxt + 1]

    prof = cProfile.Profile() if profile else None
    c0, w0 = time.process_time(), time.perf_counter()
    if prof:
        prof.enable()
    result = analyze(conflict, order, sim_budget=0, progress=progress)
    if prof:
        prof.disable()
    out = {"states": result.n_states, "dms": d, "cpu_s": time.process_time() - c0,
           "wall_s": time.perf_counter() - w0, "concepts": {},
           "table_cells": {dm: int(result.tables[dm].table.size) for dm in conflict.dm_names},
           "dm_options": [result.tables[x].k for x in conflict.dm_names]}
    for c in order[1:]:
        out["concepts"][c] = {"cpu_s": cpu.get(c, 0.0), "calls": traffic.calls.get(c, 0),
                              "sweeps": sweeps.get(c, 0), "bytes": traffic.bytes.get(c, 0.0),
                              "table_bytes": traffic.table_bytes.get(c, 0.0),
                              "gathered": traffic.gathered.get(c, 0.0)}
    if prof:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(14)
        out["profile"] = buf.getvalue()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--log2-states", type=int, default=20)
    ap.add_argument("--dms", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mb", type=int, default=1024,
                    help="array size of the bandwidth test (beyond the last-level cache)")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} (the machine is shared: every figure below is per "
          "CPU second)")
    bw = bandwidth(args.mb)
    print(f"memory bandwidth ({bw['mb']} MB int32 arrays, median of 7): copy {bw['copy']:.1f} GB/s "
          f"(read + write), sum {bw['sum']:.1f} GB/s (read), gather along a move table "
          f"{bw['gather']:.1f} GB/s (index + values + result)")
    r = analysis(args.log2_states, args.dms, args.seed, args.profile)
    cells = sum(r["table_cells"].values())
    print(f"analysis: {r['states']:,} states x {r['dms']} DMs (options per DM {r['dm_options']}, "
          f"{cells:,} move-table cells, {cells * 4 / 1e6:.0f} MB of int32 positions); "
          f"{r['cpu_s']:.2f} CPU-s, {r['wall_s']:.2f} s wall in all; peak RSS of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (with the bandwidth test's arrays)")
    print(f"{'concept':7s} {'CPU s':>7s} {'sweeps':>6s} {'calls':>6s} {'table MB/sweep':>14s} "
          f"{'streamed GB':>11s} {'GB/s':>6s} {'of copy bw':>10s}")
    for c, v in r["concepts"].items():
        per_sweep = v["table_bytes"] / max(v["sweeps"], 1) / 1e6 if v["sweeps"] else float("nan")
        gbs = v["bytes"] / v["cpu_s"] / 1e9 if v["cpu_s"] > 0 else float("nan")
        print(f"{c:7s} {v['cpu_s']:7.2f} {v['sweeps']:6d} {v['calls']:6d} {per_sweep:14.0f} "
              f"{v['bytes'] / 1e9:11.2f} {gbs:6.2f} {gbs / bw['copy']:10.0%}")
    total_b = sum(v["bytes"] for v in r["concepts"].values())
    total_s = sum(v["cpu_s"] for v in r["concepts"].values())
    print(f"all     {total_s:7.2f} {'':6s} {'':6s} {'':14s} {total_b / 1e9:11.2f} "
          f"{total_b / total_s / 1e9:6.2f} {total_b / total_s / 1e9 / bw['copy']:10.0%}")
    gath = sum(v["gathered"] for v in r["concepts"].values())
    print(f"floor: the modelled bytes at the copy bandwidth take {total_b / (bw['copy'] * 1e9):.2f} s; "
          f"with the {gath / 1e9:.2f} GB moved by gathers (take) at the gather rate and the rest at the "
          f"copy rate, {gath / (bw['gather'] * 1e9) + (total_b - gath) / (bw['copy'] * 1e9):.2f} s; "
          f"measured {total_s:.2f} CPU-s")
    if args.profile:
        print(r["profile"])


if __name__ == "__main__":
    main()
