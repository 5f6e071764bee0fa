"""Stability of states for each decision maker: Nash, GMR, SMR, SEQ, SIM.

Definitions (Fang, Hipel & Kilgour 1993; Xu, Hipel, Kilgour & Fang 2018), for state s, DM i,
opponents H = N \\ {i}, R_i(s) i's unilateral moves, R_i+(s) its unilateral improvements:

* **Nash**: R_i+(s) is empty.
* **GMR**: every s1 in R_i+(s) is sanctioned: some s2 in R_H(s1) has s2 ⪯_i s.
* **SMR**: as GMR, and from that s2 every s3 in R_i(s2) has s3 ⪯_i s.
* **SEQ**: as GMR with s2 in R_H+(s1) (every opponent move an improvement for its mover).
* **SIM**: for every s1 in R_i+(s), some combination of opponents' simultaneous
  improvements from s (or staying) combined with s1 is feasible and ⪯_i s.

R_H(s1) holds every state reachable from s1 by a *legal sequence* of moves of H's members of
any length where no DM moves twice in succession.

How it is computed (linear memory). For each i, the least rank (for i) reachable from every
state is a fixed point over (state, last mover) pairs::

    A(s, k) = min( value(s), min_{l in H, l != k} min_{t in R_l(s)} A(t, l) )

iterated from A = value until nothing changes (values only decrease; Gauss-Seidel order). The inner minimum is
:meth:`MoveTable.reach_min` (GMR, SMR) or :meth:`MoveTable.improvement_min` (SEQ). A "null
move" t = s inside reach_min never changes the result: two moves of one DM in a row compose
into one of its moves or return to a state already reached, and s1 itself can never sanction
since s1 ≻_i s. Then s is unstable when some s1 in R_i(s) has min(rank_i(s1), m_H(s1)) >
rank_i(s), i.e. ``reach_max_i(min(rank_i, m_H))(s) > rank_i(s)``. SMR propagates
``reach_max_i(rank_i)`` (i's best counter-response) instead of rank_i.
"""

from __future__ import annotations

import itertools
import time
from typing import Callable

import numpy as np

from detente.gmcr.moves import INF, MoveTable

Progress = Callable[[str], None] | None

BASIC_CONCEPTS = ("Nash", "GMR", "SMR", "SEQ", "SIM")
CONCEPT_ALIASES = {c.lower(): c for c in BASIC_CONCEPTS} | {"r": "Nash"}

DEFAULT_SIM_BUDGET = 60.0  # CPU seconds SIM may take (estimated on the model) before it is skipped
SIM_PROBE_SECONDS = 0.25  # CPU seconds of SIM run to measure its cost on a model
SIM_FASTEST_NS = 0.5  # ns per state x combination evaluation: below the fastest measured (1.1-1.9)


def _least_reachable(i: str, values: np.ndarray, tables: dict[str, MoveTable],
                     ranks: dict[str, np.ndarray], improvements_only: bool,
                     max_iterations: int | None = None,
                     on_sweep: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, int]:
    """m_H(s1): least ``values`` over R_H(s1) (or R_H+(s1)) for every s1, H = all but i.

    ``on_sweep(sweep, changed)`` is called after every sweep with the number of (state, last
    mover) values that decreased in it (progress reporting; a KeyboardInterrupt raised there or
    anywhere between numpy calls stops the computation cleanly, nothing being half-written).
    Returns the array and the number of sweeps used.
    """
    H = [d for d in tables if d != i]
    n = values.shape[0]
    limit = max_iterations or (n * len(H) + 2)
    if H and values.dtype == np.int32 and all(tables[l]._kernels(values) is not None for l in H):
        return _least_reachable_folded(H, values, tables, ranks, improvements_only, limit, on_sweep)
    A = {k: values.copy() for k in H}

    def step(l: str) -> np.ndarray:
        if improvements_only:
            return tables[l].improvement_min(ranks[l], A[l])
        return tables[l].reach_min(A[l])

    # Gauss-Seidel order: each opponent's reduction is folded into the others' arrays at
    # once, so a sweep sees the moves found earlier in it (fewer sweeps). Same result: every
    # iterate is the value of some legal sequence, and when nothing changes none does better.
    sweeps = 0
    while True:
        sweeps += 1
        n_changed = 0
        m = None  # least over the opponents' reductions of this sweep (the answer at the end)
        for l in H:
            Ml = step(l)
            for k in H:
                if k == l:
                    continue
                lower = Ml < A[k]
                if lower.any():
                    n_changed += int(np.count_nonzero(lower)) if on_sweep is not None else 1
                    np.copyto(A[k], Ml, where=lower)
            m = Ml if m is None else np.minimum(m, Ml, out=m)
        if on_sweep is not None:
            on_sweep(sweeps, n_changed)
        if not n_changed or sweeps >= limit:
            break
    return m, sweeps


def _least_reachable_folded(H: list[str], values: np.ndarray, tables: dict[str, MoveTable],
                            ranks: dict[str, np.ndarray], improvements_only: bool, limit: int,
                            on_sweep) -> tuple[np.ndarray, int]:
    """:func:`_least_reachable` with the compiled kernels: the opponents' arrays are the rows
    of one (|H|, n) array, and each step (:meth:`MoveTable.fold`) computes an opponent's
    reduction and folds it into the others' rows in one pass.

    The same updates in the same order as the numpy loop, so the same arrays, sweeps and
    counts, with two savings that change no value:

    * a step is skipped when its mover's array has not been lowered since its last step: the
      reduction would be the one already folded in (the others' arrays only decrease), so it
      could lower nothing;
    * the answer m = min over the movers' reductions is not kept per sweep. Reductions only
      decrease as the arrays do, so a running minimum over every step taken ends at the last
      ones' minimum (improvements, SEQ); for reach (GMR, SMR) with two or more opponents it is
      not kept at all: at the fixed point each row is A[h] = min(values, reductions of the
      others), every reduction is at most its mover's row (the null move) and so at most
      values, hence m = the least of the rows.
    """
    n = values.shape[0]
    A = np.empty((len(H), n), dtype=np.int32)
    A[:] = values
    keep_m = improvements_only or len(H) < 2
    m = np.full(n, INF, dtype=np.int32) if keep_m else None
    stale = np.ones(len(H), dtype=np.uint8)  # mover's row lowered since its last step
    touched = np.zeros(len(H), dtype=np.uint8)
    sweeps = 0
    while True:
        sweeps += 1
        n_changed = 0
        for li, l in enumerate(H):
            if not stale[li]:
                continue
            stale[li] = 0
            touched[:] = 0
            n_changed += tables[l].fold(A[li], A, li, m, ranks[l] if improvements_only else None,
                                        touched)
            stale |= touched
        if on_sweep is not None:
            on_sweep(sweeps, n_changed)
        if not n_changed or sweeps >= limit:
            break
    if m is None:
        m = A.min(axis=0)
    return m, sweeps


def unstable_for(i: str, concept: str, tables: dict[str, MoveTable],
                 ranks: dict[str, np.ndarray], on_sweep: Callable[[int, int], None] | None = None,
                 **kw) -> np.ndarray:
    """Boolean array: states NOT stable for DM ``i`` under ``concept`` (Nash/GMR/SMR/SEQ).

    ``on_sweep(sweep, changed)``: optional progress callback of the fixed point (see
    :func:`_least_reachable`).
    """
    v = ranks[i]
    ti = tables[i]
    if concept == "Nash":
        return ti.reach_max(v) > v
    if concept == "GMR":
        m, _ = _least_reachable(i, v, tables, ranks, improvements_only=False, on_sweep=on_sweep)
    elif concept == "SMR":
        counter = ti.reach_max(v)  # i's best response from each state (incl. staying)
        m, _ = _least_reachable(i, counter, tables, ranks, improvements_only=False, on_sweep=on_sweep)
    elif concept == "SEQ":
        m, _ = _least_reachable(i, v, tables, ranks, improvements_only=True, on_sweep=on_sweep)
    else:
        raise ValueError(concept)
    w = np.minimum(v, m)
    return ti.reach_max(w) > v


# --- SIM ----------------------------------------------------------------------------------

def sim_cost(tables: dict[str, MoveTable], ranks: dict[str, np.ndarray]) -> int:
    """Number of (state, combination) evaluations SIM needs for all DMs (an upper bound)."""
    total = 0
    n = next(iter(ranks.values())).shape[0]
    for i in tables:
        per_state = (1 << tables[i].k)
        for j in tables:
            if j != i:
                per_state *= (1 << tables[j].k)
        total += n * per_state
    return total


class SimStopped(Exception):
    """SIM for one DM stopped at its CPU deadline; ``fraction`` of its combinations were done."""

    def __init__(self, fraction: float):
        super().__init__(fraction)
        self.fraction = fraction


def sim_unstable_for(i: str, tables: dict[str, MoveTable], ranks: dict[str, np.ndarray],
                     space, until: float | None = None) -> np.ndarray:
    """SIM instability for DM i (option form), vectorised over states.

    For each state s, each i-pattern x (a unilateral improvement of i) must be answered by a
    combination of opponents' patterns — each opponent stays or takes one of its unilateral
    improvements from s — whose combined state is feasible and not preferred by i to s.

    ``until``: a ``time.process_time()`` deadline; past it :class:`SimStopped` is raised with
    the fraction of the (pattern, combination) pairs done (to measure the cost).
    """
    n = space.n
    v = ranks[i]
    opponents = [j for j in tables if j != i]
    # For every opponent: the list of its options' patterns that it may choose from s
    # (staying, or a UI from s), as a boolean (n, 2^k_j) array.
    choice = {}
    for j in opponents:
        t = tables[j]
        r = t._gather(ranks[j], np.int32(np.iinfo(np.int32).min))
        rows, ys = t.row_of, t.pattern_of
        own = r[rows, ys][:, None]
        ok = (r[rows] > own) & t.allowed[ys]
        ok[np.arange(n), ys] = True  # staying
        choice[j] = ok
    ti = tables[i]
    ri = ti._gather(v, np.int32(np.iinfo(np.int32).min))
    i_rows, i_y = ti.row_of, ti.pattern_of
    i_ui = (ri[i_rows] > v[:, None]) & ti.allowed[i_y]  # (n, 2^k_i)
    unstable = np.zeros(n, dtype=bool)
    pattern_bits = {d: t.bits for d, t in tables.items()}

    def expand(dm: str, p: int) -> int:
        return sum(1 << b for jbit, b in enumerate(pattern_bits[dm]) if (p >> jbit) & 1)

    # Every option belongs to some DM, so the combined state depends only on the patterns.
    opp_patterns = [[(p, expand(j, p)) for p in range(1 << tables[j].k)] for j in opponents]
    per_x = 1
    for j in opponents:
        per_x <<= tables[j].k
    for x in range(1 << ti.k):
        active = i_ui[:, x]
        if not active.any():
            continue
        sanctioned = np.zeros(n, dtype=bool)
        xi = expand(i, x)
        for c_index, combo in enumerate(itertools.product(*opp_patterns)):
            if until is not None and time.process_time() > until:
                raise SimStopped((x * per_x + c_index) / float((1 << ti.k) * per_x))
            code = xi
            for _, c in combo:
                code |= c
            pos = int(space.index_of(np.uint64(code)))
            if pos < 0:
                continue
            usable = active & ~sanctioned & (v[pos] <= v)
            for j, (p, _) in zip(opponents, combo):
                if not usable.any():
                    break
                usable &= choice[j][:, p]
            sanctioned |= usable
        unstable |= active & ~sanctioned
    return unstable


def _fmt_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds:.2g} s"
    if seconds < 120:
        return f"{seconds:.1f} s" if seconds < 10 else f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.0f} days"


def sim_within_budget(tables: dict[str, MoveTable], ranks: dict[str, np.ndarray], space,
                      budget: float = DEFAULT_SIM_BUDGET,
                      dms: list[str] | None = None) -> tuple[dict[str, np.ndarray] | None, str | None]:
    """SIM instability for every DM if its estimated CPU time fits ``budget`` seconds.

    The cost is measured on the model: SIM runs for up to :data:`SIM_PROBE_SECONDS` of CPU
    (DMs it finishes meanwhile are kept), and the time of the DM it stopped in is extrapolated
    from the fraction of its combinations done. Models that could not fit even at the fastest
    rate ever measured (:data:`SIM_FASTEST_NS` per state x combination evaluation), or whose
    per-opponent choice tables would not fit the memory budget, are skipped without running.

    Returns
    -------
    (unstable, None)
        ``unstable[dm]``: boolean arrays, as :func:`sim_unstable_for`.
    (None, reason)
        SIM skipped; ``reason`` says why, the estimate, and how to raise the budget.
    """
    from detente.model.states import _fmt_bytes, memory_budget_bytes

    dms = list(tables) if dms is None else dms
    how = "raise it with --sim-budget SECONDS (CPU seconds; default 60)"
    if budget <= 0:
        return None, "turned off (a SIM budget of 0 seconds)"
    n = space.n
    evaluations = sim_cost(tables, ranks)
    floor = evaluations * SIM_FASTEST_NS * 1e-9
    if floor > budget:
        return None, (f"needs about {evaluations:,} state x combination evaluations, at least "
                      f"{_fmt_seconds(floor)} of CPU even at the fastest rate measured ({SIM_FASTEST_NS} ns "
                      f"each), over the budget of {_fmt_seconds(budget)}; {how}")
    table_bytes = max(sum(n << tables[j].k for j in tables if j != i) for i in tables)
    if table_bytes > memory_budget_bytes() // 4:
        return None, (f"its choice tables would need {_fmt_bytes(table_bytes)}, more than a quarter of the "
                      "memory budget (DETENTE_MAX_MEMORY_GB)")
    out: dict[str, np.ndarray] = {}
    start = time.process_time()
    probe_end = start + min(SIM_PROBE_SECONDS, budget)
    for k, dm in enumerate(dms):
        t_dm = time.process_time()
        # Each DM measured for a little while at least, even past the probe's end.
        until = max(probe_end, t_dm + min(0.02, budget / len(dms)))
        try:
            out[dm] = sim_unstable_for(dm, tables, ranks, space, until=until)
        except SimStopped as stop:
            now = time.process_time()
            pairs = evaluations / len(tables) / max(n, 1)  # (pattern, combination) pairs per DM
            per_dm = (now - t_dm) / max(stop.fraction, 1.0 / pairs)
            estimate = (t_dm - start) + per_dm * (len(dms) - k)
            if estimate > budget:
                return None, (f"would take about {_fmt_seconds(estimate)} of CPU (measured: "
                              f"{now - t_dm:.2f} s for {stop.fraction:.2%} of {dm}'s "
                              f"{int(pairs):,} combinations per state, "
                              f"{len(dms)} DM(s)), over the budget of {_fmt_seconds(budget)}; {how}")
            out[dm] = sim_unstable_for(dm, tables, ranks, space)
            for rest in dms[k + 1:]:
                out[rest] = sim_unstable_for(rest, tables, ranks, space)
            break
    return out, None
