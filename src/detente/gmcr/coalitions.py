"""Coalition analysis: coalitional moves, coalitional improvements, CNash, CGMR, CSMR, CSEQ.

After Inohara & Hipel (2008), "Coalition analysis in the graph model for conflict resolution",
*Systems Engineering* 11(4), 343–359 (see also Kilgour, Hipel, Fang & Peng 2001, "Coalition
analysis in group decision support", *Group Decision and Negotiation* 10, 159–175, and Xu,
Hipel, Kilgour & Fang 2018, ch. on coalitions).

Definitions implemented (N the DMs, C a non-empty coalition, H = N \\ C its opponents, r_j the
ranks of DM j, higher = preferred):

* **Coalitional moves** R_C(s): every state reachable from s by a *legal sequence* of one or
  more unilateral moves by members of C, no member moving twice in succession (for C = {i}
  this is R_i(s)).
* **Coalitional improvements** R_C⁺⁺(s) = {t ∈ R_C(s) : t ≻_j s for every j ∈ C}: intermediate
  states need not improve anything; the end state makes every member strictly better off.
* **CNash** for C: R_C⁺⁺(s) is empty.
* **CGMR** for C: every s1 ∈ R_C⁺⁺(s) is sanctioned: some s2 ∈ R_H(s1) has s2 ⪯_j s for *some*
  member j ∈ C (a coalition moves only when all its members gain, so hurting any one member
  deters it). With H empty nothing can be sanctioned.
* **CSMR** for C: as CGMR, and for that s2 and member j every s3 ∈ R_C(s2) has s3 ⪯_j s (the
  coalition cannot escape the sanction on j's behalf).
* **CSEQ** for C: as CGMR with s2 ∈ R_H⁺(s1): each opponent's move is a unilateral improvement
  for the opponent making it.

Formulations in the literature differ; this module picks, documents and tests these choices
(they are ours where the sources leave room): (1) a sanction needs to leave *one* member of C
no better off — a coalition moves only when all its members gain, so hurting one deters it —
rather than every member (the stricter reading, not implemented); (2) sanctions come from the
complement H moving as individuals (legal sequences of H's members, unilateral improvements for
CSEQ), not from rival coalitions. For C = {i} all four concepts coincide with Nash, GMR, SMR and
SEQ (tested on the six reference cases).

Following the per-DM formulation of coalitional stability, a state is stable *for DM i* when it
is stable for every analysed coalition containing i, and a *coalitional equilibrium* when it is
stable for every analysed coalition (the singletons are always analysed, so a coalitional
equilibrium is also an equilibrium of the corresponding basic concept).

How it is computed. The sanctions reuse the linear fixed point of :mod:`detente.gmcr.stability`
over (state, last mover) pairs, with the opponents H and, per member j, the values r_j (CGMR,
CSEQ) or j's best state reachable by C from s2 (CSMR). With w_j(s1) = min(r_j(s1), least
sanction value for j from s1), s is unstable for C iff some s1 ∈ R_C(s) has w_j(s1) > r_j(s)
for every j ∈ C. For |C| = 1 that is a row-wise maximum (linear). For |C| ≥ 2 the coalition's
moves keep every non-member option, so R_C(s) lies in the *row* of s (the states that share
the non-members' options): the closure over (pattern, last mover) is computed for every source
pattern of a row at once by a per-option dynamic programme, and the componentwise test is
made against every reachable pattern. This costs about n x 2^b x |C| operations for a
coalition whose members control b options in total; beyond ``budget`` the coalition is skipped
with the reason (grand coalitions of big conflicts are), never run for hours.

Example
-------
>>> import detente
>>> from detente.gmcr.coalitions import coalition_analysis
>>> pd = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a_defects"], "ranking": ["YN", "NN", "YY", "NY"]},
...     {"name": "B", "options": ["b_defects"], "ranking": ["NY", "NN", "YY", "YN"]}]})
>>> r = coalition_analysis(pd, concepts=["CNash"])
>>> [r.yn(p) for p in r.equilibria("CNash")]   # Nash YY is upset by the coalition {A, B}
[]
>>> [r.yn(p) for p in r.stable_states("CNash", ("A", "B"))]
['NN', 'YN', 'NY']
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from detente.errors import DetenteError
from detente.gmcr.moves import INF, MoveTable

COALITION_CONCEPTS = ("CNash", "CGMR", "CSMR", "CSEQ")
DEFAULT_COALITION_BUDGET = 4_000_000_000  # word operations per coalition (about 10 s) before skipping
_CHUNK_ELEMENTS = 1 << 24  # working-set size of one chunk of rows (booleans)

Coalition = tuple[str, ...]


# --- moves of a group of DMs: least value over legal sequences --------------------------------

def least_reachable(group: Sequence[str], values: np.ndarray, tables: dict[str, MoveTable],
                    ranks: dict[str, np.ndarray] | None = None, improvements_only: bool = False
                    ) -> np.ndarray:
    """Least ``values`` over R_G(s) (or R_G⁺(s)) for every state s, G = ``group``.

    The fixed point over (state, last mover) pairs of :mod:`detente.gmcr.stability`, for any
    group of DMs: ``A(s, k) = min(values(s), min_{l in G, l != k} min_{t in R_l(s)} A(t, l))``.
    Returns INF where the group has no move (and everywhere when the group is empty).

    Parameters
    ----------
    group : sequence of DM names
    values : int32 array over states
    tables : move tables of every DM
    ranks : ranks of every DM (needed when ``improvements_only``)
    improvements_only : bool
        Every move must be a unilateral improvement for the DM making it (R_G⁺).
    """
    G = list(group)
    n = values.shape[0]
    if not G:
        return np.full(n, INF, dtype=np.int32)
    values = values.astype(np.int32, copy=False)

    def step(l: str, a: np.ndarray) -> np.ndarray:
        if improvements_only:
            return tables[l].improvement_min(ranks[l], a)
        return tables[l].reach_min(a)

    if len(G) == 1:
        return step(G[0], values)
    A = {k: values.copy() for k in G}
    while True:
        M = {l: step(l, A[l]) for l in G}
        changed = False
        for k in G:
            best = np.minimum.reduce([M[l] for l in G if l != k])
            new = np.minimum(A[k], best)
            if not changed and (new < A[k]).any():
                changed = True
            A[k] = new
        if not changed:
            return np.minimum.reduce([M[l] for l in G])


# --- the coalition's own moves, row by row ----------------------------------------------------

@dataclass
class CoalitionRows:
    """States grouped by the options of the non-members (a coalition's moves stay in a row).

    ``table[row, pattern]`` is a state position (-1 infeasible); pattern bit ``b`` is the
    coalition's option ``bits[b]``; ``member_bits[j]`` lists the pattern bits of member j.
    """

    members: Coalition
    bits: list[int]
    directions: list[str]
    member_bits: dict[str, list[int]]
    table: np.ndarray

    @property
    def size(self) -> int:
        return 1 << len(self.bits)

    @classmethod
    def build(cls, space, members: Coalition) -> "CoalitionRows":
        conflict = space.conflict
        opts = sorted((o for o in conflict.options if o.dm in members), key=lambda o: o.index)
        bits = [o.index for o in opts]
        mask = 0
        for b in bits:
            mask |= 1 << b
        codes = space.codes
        pattern = np.zeros(space.n, dtype=np.int64)
        for j, b in enumerate(bits):
            pattern |= ((codes >> np.uint64(b)) & np.uint64(1)).astype(np.int64) << j
        rest = codes & np.uint64(~mask & ((1 << 64) - 1))
        _, row_of = np.unique(rest, return_inverse=True)
        rows = int(row_of.max()) + 1 if space.n else 0
        table = np.full((rows, 1 << len(bits)), -1, dtype=np.int64)
        table[row_of.reshape(-1), pattern] = np.arange(space.n)
        member_bits = {m: [j for j, o in enumerate(opts) if o.dm == m] for m in members}
        return cls(members, bits, [o.direction for o in opts], member_bits, table)


def _propagate(reached: np.ndarray, bit_dirs: list[tuple[int, str]]) -> np.ndarray:
    """One unilateral move of one member on a boolean array (..., P): every pattern reachable
    by changing any of its bits the permitted way (or none; see the module notes)."""
    out = reached.copy()
    lead = out.shape[:-1]
    for j, d in bit_dirs:
        v = out.reshape(lead + (-1, 2, 1 << j))
        lo, hi = v[..., 0, :], v[..., 1, :]
        if d == "both":
            both = lo | hi
            v[..., 0, :] = both
            v[..., 1, :] = both
        elif d == "take_only":  # N -> Y only
            v[..., 1, :] = lo | hi
        else:  # drop_only: Y -> N only
            v[..., 0, :] = lo | hi
    return out


def _coalition_reach_dominates_bool(rows: CoalitionRows, w: dict[str, np.ndarray],
                                    r: dict[str, np.ndarray]) -> np.ndarray:
    """Unpacked (one byte per pair) version of :func:`coalition_reach_dominates`, kept as a
    cross-check in the tests. For every state s: does some t ∈ R_C(s) have
    ``w[j][t] > r[j][s]`` for every member j?

    Null moves are allowed inside the closure: a path that uses them reduces, by merging a
    member's consecutive moves into one, to a legal sequence or back to s, and s itself never
    passes the test because ``w <= r`` there for the values used here (documented at
    :func:`coalition_analysis`).
    """
    members = list(rows.members)
    table = rows.table
    R, P = table.shape
    n = w[members[0]].shape[0]
    out = np.zeros(n, dtype=bool)
    dirs = {m: [(b, rows.directions[b]) for b in rows.member_bits[m]] for m in members}
    per_row = P * P * (len(members) + 3)
    chunk = max(1, _CHUNK_ELEMENTS // max(per_row, 1))
    eye = np.eye(P, dtype=bool)
    for lo in range(0, R, chunk):
        t = table[lo:lo + chunk]
        feas = t >= 0
        tc = np.maximum(t, 0)
        rc = t.shape[0]
        # reached[k][row, source, target]: target reached from source with k the last mover.
        start = np.broadcast_to(eye, (rc, P, P))
        fe = feas[:, None, :]
        reached = {k: _propagate(start, dirs[k]) & fe for k in members}
        while True:
            changed = False
            for k in members:
                src = np.zeros((rc, P, P), dtype=bool)
                for j in members:
                    if j != k:
                        src |= reached[j]
                new = _propagate(src, dirs[k]) & fe
                if (new & ~reached[k]).any():
                    changed = True
                    reached[k] |= new
            if not changed:
                break
        any_reached = np.zeros((rc, P, P), dtype=bool)
        for k in members:
            any_reached |= reached[k]
        good = any_reached
        for j in members:
            wt = np.where(feas, w[j][tc], np.iinfo(np.int32).min)  # (rc, P) targets
            rs = r[j][tc]  # (rc, P) sources
            good = good & (wt[:, None, :] > rs[:, :, None])
        hit = good.any(axis=2) & feas
        out[t[hit]] = True
    return out


_WORD = 64
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


def _low_mask(j: int) -> np.uint64:
    """Bits of a 64-bit word whose position has bit j (< 6) clear."""
    m = 0
    for pos in range(_WORD):
        if not (pos >> j) & 1:
            m |= 1 << pos
    return np.uint64(m)


def _propagate_packed(x: np.ndarray, bit_dirs: list[tuple[int, str]]) -> np.ndarray:
    """:func:`_propagate` on bit-packed target sets (..., W) of uint64 words, target
    pattern p at bit p % 64 of word p // 64."""
    out = x.copy()
    lead = out.shape[:-1]
    W = out.shape[-1]
    tmp = np.empty_like(out)
    tmp2 = np.empty_like(out) if any(j < 6 and d == "both" for j, d in bit_dirs) else None
    for j, d in bit_dirs:
        if j < 6:
            s = np.uint64(1 << j)
            m0 = _low_mask(j)
            m1 = m0 ^ _ALL
            # In place: these arrays are the working set, temporaries would double it.
            if d in ("both", "take_only"):
                np.bitwise_and(out, m0, out=tmp)
                np.left_shift(tmp, s, out=tmp)
            if d in ("both", "drop_only"):
                t2 = tmp2 if d == "both" else tmp
                np.bitwise_and(out, m1, out=t2)
                np.right_shift(t2, s, out=t2)
                if d == "both":
                    out |= tmp2
            out |= tmp
        else:
            v = out.reshape(lead + (W >> (j - 5), 2, 1 << (j - 6)))
            lo, hi = v[..., 0, :], v[..., 1, :]
            if d == "both":
                lo |= hi
                hi[...] = lo
            elif d == "take_only":
                hi |= lo
            else:
                lo |= hi
    return out


def _pack_onehot(idx: np.ndarray, W: int) -> np.ndarray:
    """Bit-packed one-hot sets: (..., W) uint64 with bit ``idx`` set (idx < 0: empty)."""
    out = np.zeros(idx.shape + (W,), dtype=np.uint64)
    ok = idx >= 0
    safe = np.where(ok, idx, 0)
    word = safe // _WORD
    bit = np.left_shift(np.uint64(1), (safe % _WORD).astype(np.uint64))
    np.put_along_axis(out, word[..., None], np.where(ok, bit, np.uint64(0))[..., None], axis=-1)
    return out


def coalition_reach_dominates(rows: CoalitionRows, w, r: dict[str, np.ndarray]):
    """For every state s: does some t ∈ R_C(s) have ``w[j][t] > r[j][s]`` for every member j?

    ``w`` is a dict (member -> values) or a list of such dicts, one per concept, answered
    from one computation of the closure (then a list of boolean arrays is returned).

    Per row of the coalition (states sharing the non-members' options), for all source
    patterns at once, with the target sets packed 64 to a word:

    * the closure of legal sequences over (pattern, last mover): each member's move is a
      per-option DP on the packed sets (shifts within a word, word swaps beyond), repeated
      until nothing new is reached;
    * for each member j, the targets with ``w_j(t) > r_j(s)`` are a prefix of the row sorted by
      w_j: the packed prefix unions are built once per row and looked up per source.

    Null moves are allowed inside the closure: a path that uses them reduces, by merging a
    member's consecutive moves into one, to a legal sequence or back to s, and s itself never
    passes the test because ``w <= r`` there for the values used here.
    """
    single = isinstance(w, dict)
    ws = [w] if single else list(w)
    members = list(rows.members)
    table = rows.table
    R, P = table.shape
    n = r[members[0]].shape[0]
    outs = [np.zeros(n, dtype=bool) for _ in ws]
    W = max(1, P // _WORD)
    dirs = {m: [(b, rows.directions[b]) for b in rows.member_bits[m]] for m in members}
    per_row = P * W * (2 * len(members) + 4)
    chunk = max(1, (_CHUNK_ELEMENTS // 8) // max(per_row, 1))
    src_idx = np.arange(P)
    for lo in range(0, R, chunk):
        t = table[lo:lo + chunk]
        rc = t.shape[0]
        feas = t >= 0
        tc = np.maximum(t, 0)
        feas_packed = _pack_onehot(np.where(feas, src_idx, -1), W)  # (rc, P, W) one bit each
        feas_set = np.bitwise_or.reduce(feas_packed, axis=1)[:, None, :]  # (rc, 1, W)
        start = _pack_onehot(np.broadcast_to(src_idx, (rc, P)), W)
        reached = {k: _propagate_packed(start, dirs[k]) & feas_set for k in members}
        while True:
            changed = False
            for k in members:
                others = [reached[j] for j in members if j != k]
                src = others[0] if len(others) == 1 else np.bitwise_or.reduce(others)
                new = _propagate_packed(src, dirs[k])
                new &= feas_set
                if (new & ~reached[k]).any():
                    changed = True
                    reached[k] |= new
            if not changed:
                break
        any_reached = reached[members[0]]
        for k in members[1:]:
            any_reached = any_reached | reached[k]
        del reached
        for w, out in zip(ws, outs):
            _dominance_hits(any_reached, w, r, members, t, tc, feas, W, out)
    return outs[0] if single else outs


def _dominance_hits(any_reached, w, r, members, t, tc, feas, W, out) -> None:
    """Mark in ``out`` the sources of these rows with a reached target dominating them."""
    rc, P = t.shape
    good = any_reached.copy()
    for j in members:
        wt = np.where(feas, w[j][tc], np.iinfo(np.int32).min).astype(np.int64)
        order = np.argsort(-wt, axis=1, kind="stable")  # best w_j first
        # prefix[:, i] = set of the i + 1 best targets; prefix_0 (none) prepended.
        prefix = np.zeros((rc, P + 1, W), dtype=np.uint64)
        prefix[:, 1:] = _pack_onehot(order, W)
        np.bitwise_or.accumulate(prefix, axis=1, out=prefix)
        # Number of targets with w_j(t) > r_j(s), for every source s of the row.
        w_sorted = np.take_along_axis(wt, order, axis=1)  # descending
        rs = r[j][tc].astype(np.int64)
        count = (w_sorted[:, None, :] > rs[:, :, None]).sum(axis=2) if P <= 64 else \
            _count_greater(w_sorted, rs)
        good &= np.take_along_axis(prefix, count[:, :, None].astype(np.int64), axis=1)
    hit = (good != 0).any(axis=2) & feas
    out[t[hit]] = True


def _count_greater(desc: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Per row: how many entries of the descending row ``desc`` exceed each query in ``q``."""
    rows, P = desc.shape
    # One global ascending sort key: row offset plus value, so a single searchsorted serves all.
    span = np.int64(1) << np.int64(34)
    base = np.arange(rows, dtype=np.int64)[:, None] * span
    asc = (desc[:, ::-1] + np.int64(1) * (1 << 33)) + base  # shift values to be non-negative
    keys = (q + (1 << 33)) + base
    pos = np.searchsorted(asc.reshape(-1), keys.reshape(-1), side="right").reshape(q.shape)
    return (np.arange(1, rows + 1, dtype=np.int64)[:, None] * P) - pos


def coalition_cost(bits: int, n: int, size: int) -> int:
    """Word operations of :func:`coalition_reach_dominates` for a coalition of ``size``
    members controlling ``bits`` options, over ``n`` states (an estimate: three rounds of the
    closure, each member's DP over every bit)."""
    W = max(1, (1 << bits) // _WORD)
    return n * W * (3 * size * (bits + 3) + 6 * size) + n * 64


# --- results ----------------------------------------------------------------------------------

def _key(c: Coalition) -> str:
    return "+".join(c)


@dataclass
class CoalitionResult:
    """Coalitional stability of every state for every analysed coalition.

    Attributes
    ----------
    result : AnalysisResult
        The analysis whose states, ranks and move tables were used.
    coalitions : list of tuples of DM names
    concepts : list of str
    stable : dict
        ``stable[concept][coalition]`` boolean array over states.
    skipped : dict
        ``skipped[coalition]`` reason a coalition was not analysed.
    """

    result: Any = field(repr=False)
    coalitions: list[Coalition]
    concepts: list[str]
    stable: dict[str, dict[Coalition, np.ndarray]] = field(default_factory=dict)
    skipped: dict[Coalition, str] = field(default_factory=dict)

    def yn(self, position: int) -> str:
        return self.result.yn(position)

    def label(self, position: int) -> str:
        return self.result.label(position)

    @property
    def analysed(self) -> list[Coalition]:
        return [c for c in self.coalitions if c not in self.skipped]

    def stable_states(self, concept: str, coalition: Iterable[str]) -> np.ndarray:
        return np.flatnonzero(self.stable[concept][_normalise_one(self.result, coalition)])

    def stable_for_dm(self, concept: str, dm: str) -> np.ndarray:
        """States stable for every analysed coalition containing ``dm``."""
        out = np.ones(self.result.n_states, dtype=bool)
        for c in self.analysed:
            if dm in c:
                out &= self.stable[concept][c]
        return out

    def equilibrium_mask(self, concept: str) -> np.ndarray:
        out = np.ones(self.result.n_states, dtype=bool)
        for c in self.analysed:
            out &= self.stable[concept][c]
        return out

    def equilibria(self, concept: str) -> np.ndarray:
        """Positions of the states stable for every analysed coalition."""
        return np.flatnonzero(self.equilibrium_mask(concept))

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "coalitions": [list(c) for c in self.coalitions],
            "concepts": list(self.concepts),
            "skipped": {_key(c): why for c, why in self.skipped.items()},
            "results": {
                concept: {
                    "stable_for_coalition": {_key(c): [r.yn(p) for p in np.flatnonzero(a)]
                                             for c, a in self.stable[concept].items()},
                    "stable_for_dm": {dm: [r.yn(p) for p in np.flatnonzero(self.stable_for_dm(concept, dm))]
                                      for dm in r.conflict.dm_names},
                    "equilibria": [r.state_dict(p) for p in self.equilibria(concept)],
                } for concept in self.concepts},
        }

    def summary_lines(self, limit: int = 10) -> list[str]:
        r = self.result
        lines = [f"Coalition analysis: {r.n_states} states, {len(self.analysed)} of "
                 f"{len(self.coalitions)} coalitions analysed"]
        for c, why in self.skipped.items():
            lines.append(f"  skipped {{{', '.join(c)}}}: {why}")
        for concept in self.concepts:
            eq = self.equilibria(concept)
            shown = ", ".join(f"{r.label(p)}" for p in eq[:limit]) + (" ..." if len(eq) > limit else "")
            lines.append(f"  {concept:5s} {len(eq)} coalitional equilibria: {shown or '-'}")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    __repr__ = __str__


def _normalise_one(result, coalition: Iterable[str] | str) -> Coalition:
    names = result.conflict.dm_names
    items = coalition.split(",") if isinstance(coalition, str) else list(coalition)
    members = []
    for m in items:
        m = str(m).strip()
        if not m:
            continue
        if m not in names:
            from detente.model.yamlio import did_you_mean
            raise DetenteError(f"{m!r} is not a decision maker of this conflict",
                               hint=did_you_mean(m, names) or "decision makers: " + ", ".join(names))
        if m not in members:
            members.append(m)
    if not members:
        raise DetenteError("an empty coalition", hint="name at least one decision maker, e.g. --coalition A,B")
    return tuple(sorted(members, key=names.index))


def all_coalitions(dms: Sequence[str], min_size: int = 1) -> list[Coalition]:
    """Every coalition (non-empty subset) of ``dms``, smallest first."""
    out = []
    for size in range(min_size, len(dms) + 1):
        out.extend(itertools.combinations(dms, size))
    return out


def coalition_analysis(conflict_or_result, coalitions: Iterable[Iterable[str] | str] | None = None,
                       concepts: Iterable[str] | None = None, *,
                       include_singletons: bool = True,
                       budget: int = DEFAULT_COALITION_BUDGET,
                       progress=None) -> CoalitionResult:
    """Coalitional stability (CNash, CGMR, CSMR, CSEQ) of every state for coalitions of DMs.

    Parameters
    ----------
    conflict_or_result
        A :class:`~detente.model.conflict.Conflict`, a model path, or an
        :class:`~detente.gmcr.analysis.AnalysisResult` (its states and move tables are reused).
    coalitions
        Coalitions to analyse (each an iterable of DM names or a comma-separated string);
        default every non-empty subset of the DMs.
    concepts
        Any of CNash, CGMR, CSMR, CSEQ (case-insensitive); default all four.
    include_singletons
        Also analyse every single DM (needed for coalitional *equilibria*; default True).
    budget
        Skip a coalition whose row-wise closure would need more element operations than this.
    progress
        Called as ``progress(task, done, total)``.

    Returns
    -------
    CoalitionResult
    """
    from detente.gmcr.analysis import AnalysisResult, analyze
    result = conflict_or_result
    if not isinstance(result, AnalysisResult):
        result = analyze(result, concepts=["Nash"])
    concepts = _normalise_concepts(concepts)
    names = result.conflict.dm_names
    if coalitions is None:
        chosen = all_coalitions(names)
    else:
        if isinstance(coalitions, str):
            coalitions = [coalitions]
        chosen = [_normalise_one(result, c) for c in coalitions]
        if include_singletons:
            chosen = [(d,) for d in names] + chosen
    seen: list[Coalition] = []
    for c in chosen:
        if c not in seen:
            seen.append(c)
    out = CoalitionResult(result, seen, concepts)
    for concept in concepts:
        out.stable[concept] = {}
    tables, ranks, space = result.tables, result.ranks, result.space
    n = space.n
    total = len(seen) * len(concepts)
    done = 0
    for c in seen:
        opponents = [d for d in names if d not in c]
        if len(c) >= 2:
            b = sum(tables[m].k for m in c)
            cost = coalition_cost(b, n, len(c))
            if cost > budget:
                out.skipped[c] = (f"its members control {b} options: the closure of its moves needs "
                                  f"about {cost:,} operations, over the budget of {budget:,}")
                done += len(concepts)
                if progress:
                    progress(f"coalition {_key(c)}", done, total)
                continue
            rows = CoalitionRows.build(space, c)
        ws = {}
        for concept in concepts:
            if concept == "CNash":
                ws[concept] = {j: ranks[j] for j in c}
                continue
            w = {}
            for j in c:
                if concept == "CSMR":
                    # j's best outcome the coalition can reach from s2 (or s2 itself).
                    if len(c) == 1:
                        counter = tables[j].reach_max(ranks[j])
                    else:
                        neg = least_reachable(c, -ranks[j].astype(np.int32), tables)
                        counter = np.maximum(ranks[j], np.where(neg == INF, ranks[j], -neg))
                    m = least_reachable(opponents, counter, tables)
                elif concept == "CSEQ":
                    m = least_reachable(opponents, ranks[j], tables, ranks, improvements_only=True)
                else:  # CGMR
                    m = least_reachable(opponents, ranks[j], tables)
                w[j] = np.minimum(ranks[j], m)
            ws[concept] = w
        if len(c) == 1:
            j = c[0]
            unstable = [tables[j].reach_max(ws[k][j]) > ranks[j] for k in concepts]
        else:
            # One closure of the coalition's moves answers every concept.
            unstable = coalition_reach_dominates(rows, [ws[k] for k in concepts], ranks)
        for concept, u in zip(concepts, unstable):
            out.stable[concept][c] = ~u
        done += len(concepts)
        if progress:
            progress(f"coalition {_key(c)}", done, total)
    from detente.model.states import release_free_memory
    release_free_memory()
    return out


def _normalise_concepts(concepts) -> list[str]:
    if concepts is None:
        return list(COALITION_CONCEPTS)
    known = {c.lower(): c for c in COALITION_CONCEPTS}
    known |= {c[1:].lower(): c for c in COALITION_CONCEPTS}  # "nash" -> CNash
    out = []
    for item in concepts:
        for part in str(item).split(","):
            key = part.strip().lower()
            if not key:
                continue
            if key == "all":
                out.extend(c for c in COALITION_CONCEPTS if c not in out)
                continue
            if key not in known:
                raise DetenteError(f"unknown coalition concept {part.strip()!r}",
                                   hint="coalition concepts: " + ", ".join(COALITION_CONCEPTS))
            if known[key] not in out:
                out.append(known[key])
    return out


# --- explanations -----------------------------------------------------------------------------

class SearchCapped(Exception):
    """An explicit sequence search went beyond its node limit."""


def _legal_bfs(result, group: Sequence[str], start: int, improving: bool = False,
               stop=None, limit: int = 500_000):
    """Breadth-first search over legal sequences of ``group`` from ``start`` (nodes are
    (state, last mover)). Returns (the first node whose state satisfies ``stop`` or None, the
    parent map)."""
    from collections import deque
    tables, ranks = result.tables, result.ranks
    first = (int(start), None)
    parent = {first: None}
    queue = deque([first])
    while queue:
        node = queue.popleft()
        pos, last = node
        for l in group:
            if l == last:
                continue
            for t in tables[l].targets(pos):
                t = int(t)
                if improving and ranks[l][t] <= ranks[l][pos]:
                    continue
                nxt = (t, l)
                if nxt in parent:
                    continue
                parent[nxt] = node
                if stop is not None and stop(t):
                    return nxt, parent
                if len(parent) > limit:
                    raise SearchCapped(f"more than {limit:,} (state, last mover) pairs")
                queue.append(nxt)
    return None, parent


def _sequence(parent, node) -> list[tuple[str, int, int]]:
    out = []
    while parent[node] is not None:
        prev = parent[node]
        out.append((node[1], prev[0], node[0]))
        node = prev
    return out[::-1]


@dataclass
class CoalitionExplanation:
    """Why a state is or is not stable for a coalition under a coalitional concept.

    ``improvements`` lists each coalitional improvement (the shortest legal sequence of the
    coalition's members reaching it) with the sanction that deters it (the shortest sequence
    of the other DMs, and the member it hurts) or None when nothing deters it.
    """

    coalition: Coalition
    concept: str
    state: int
    stable: bool
    improvements: list[dict]
    text: list[str]

    def __str__(self) -> str:
        return "\n".join(self.text)

    def to_dict(self, result) -> dict:
        sd = result.state_dict

        def seq(moves):
            return [{"dm": m, "from": sd(a), "to": sd(b)} for m, a, b in moves]
        return {"coalition": list(self.coalition), "concept": self.concept, "state": sd(self.state),
                "stable": self.stable,
                "improvements": [{"target": sd(x["target"]), "moves": seq(x["moves"]),
                                  "sanction": None if x["sanction"] is None else
                                  {"hurts": x["hurts"], "moves": seq(x["sanction"])}}
                                 for x in self.improvements]}


def explain_coalition(result, position: int, coalition, concept: str = "CGMR", *,
                      limit: int = 500_000) -> CoalitionExplanation:
    """Explain the coalitional stability of one state (explicit shortest sequences).

    Parameters
    ----------
    result : AnalysisResult
    position : int
        State position (id - 1).
    coalition : iterable of DM names or comma-separated string
    concept : CNash, CGMR, CSMR or CSEQ
    limit : int
        Node limit of each explicit search (:class:`SearchCapped` beyond it).
    """
    (concept,) = _normalise_concepts([concept])
    C = _normalise_one(result, coalition)
    names = result.conflict.dm_names
    H = [d for d in names if d not in C]
    r = result.ranks
    s = int(position)
    _, parent = _legal_bfs(result, C, s, limit=limit)
    firsts: dict[int, tuple] = {}
    for node in parent:  # insertion order = BFS order: the first node of a state is the closest
        if node[1] is not None and node[0] not in firsts:
            firsts[node[0]] = node
    improvements = [t for t in firsts if all(r[j][t] > r[j][s] for j in C)]
    counter = None
    if concept == "CSMR":
        counter = {}
        for j in C:
            if len(C) == 1:
                counter[j] = result.tables[j].reach_max(r[j])
            else:
                neg = least_reachable(C, -r[j].astype(np.int32), result.tables)
                counter[j] = np.maximum(r[j], np.where(neg == INF, r[j], -neg))
    items = []
    for t in sorted(improvements, key=lambda t: (len(_sequence(parent, firsts[t])), t)):
        item = {"target": t, "moves": _sequence(parent, firsts[t]), "sanction": None, "hurts": None}
        if concept != "CNash" and H:
            def hurts(x):
                for j in C:
                    if r[j][x] <= r[j][s] and (counter is None or counter[j][x] <= r[j][s]):
                        return j
                return None
            found, par = _legal_bfs(result, H, t, improving=concept == "CSEQ",
                                    stop=lambda x: hurts(x) is not None, limit=limit)
            if found is not None:
                item["sanction"] = _sequence(par, found)
                item["hurts"] = hurts(found[0])
        items.append(item)
    stable = all(x["sanction"] is not None for x in items)
    yn, lab = result.yn, result.label
    who = "{" + ", ".join(C) + "}"
    text = [f"{lab(s)} is {'' if stable else 'not '}{concept} stable for the coalition {who}."]
    if not items:
        text.append(f"  No state reachable by {who} makes every member better off.")
    for x in items:
        path = "; ".join(f"{m}: {lab(a)} -> {lab(b)}" for m, a, b in x["moves"])
        text.append(f"  coalitional improvement to {lab(x['target'])} ({path})")
        if x["sanction"] is not None:
            sp = "; ".join(f"{m}: {lab(a)} -> {lab(b)}" for m, a, b in x["sanction"])
            text.append(f"    deterred: {sp} leaves {x['hurts']} no better off than at {yn(s)}")
        elif concept != "CNash":
            text.append("    not deterred: "
                        + ("no other DM is left to respond" if not H else
                           "no sequence of the other DMs leaves a member no better off"
                           + (" (moving by improvements only)" if concept == "CSEQ" else "")))
    return CoalitionExplanation(C, concept, s, stable, items, text)


@dataclass
class CoalitionDMExplanation:
    """Coalitional stability of a state for one DM: one explanation per coalition containing
    it (the state is stable for the DM iff it is stable for all of them)."""

    dm: str
    concept: str
    state: int
    stable: bool
    parts: list[CoalitionExplanation]

    def __str__(self) -> str:
        head = (f"{self.concept}: the state is {'' if self.stable else 'not '}stable for {self.dm} "
                f"({'every' if self.stable else 'not every'} coalition containing {self.dm} is deterred).")
        return "\n".join([head] + [line for p in self.parts for line in p.text])

    def to_dict(self, result) -> dict:
        return {"dm": self.dm, "concept": self.concept, "state": result.state_dict(self.state),
                "stable": self.stable, "coalitions": [p.to_dict(result) for p in self.parts]}


def explain_for_dm(result, position: int, dm: str, concept: str = "CGMR") -> CoalitionDMExplanation:
    """Explain coalitional stability for a DM: every coalition containing ``dm``, the ones
    that upset the state first."""
    names = result.conflict.dm_names
    if dm not in names:
        raise DetenteError(f"no decision maker named {dm!r}", hint="decision makers: " + ", ".join(names))
    parts = [explain_coalition(result, position, c, concept)
             for c in all_coalitions(names) if dm in c]
    parts.sort(key=lambda p: (p.stable, len(p.coalition)))
    (concept,) = _normalise_concepts([concept])
    return CoalitionDMExplanation(dm, concept, int(position), all(p.stable for p in parts), parts)


# --- registry: coalitional stability per DM in analyze() ----------------------------------------

def _register() -> None:
    """CNash, CGMR, CSMR, CSEQ as concepts of :func:`detente.gmcr.analysis.analyze`.

    Per DM, as Inohara & Hipel define it: a state is stable for DM i when it is stable for
    every coalition containing i (all coalitions are analysed, singletons included), so the
    equilibria are the coalitional equilibria. When some coalition is over the budget, the
    concept is skipped with the reason rather than reported on a subset of coalitions.
    """
    from detente.gmcr.analysis import EXTRA_CONCEPTS, ConceptNotApplicable

    def make(concept):
        def per_dm(result, dm):
            cache = result.__dict__.setdefault("_coalition_results", {})
            if concept not in cache:
                # Refuse before any work when some coalition is over the budget.
                n = result.n_states
                for co in all_coalitions(result.conflict.dm_names, min_size=2):
                    b = sum(result.tables[m].k for m in co)
                    cost = coalition_cost(b, n, len(co))
                    if cost > DEFAULT_COALITION_BUDGET:
                        raise ConceptNotApplicable(
                            f"the coalition {{{', '.join(co)}}} controls {b} options: the closure of "
                            f"its moves needs about {cost:,} operations, over the budget of "
                            f"{DEFAULT_COALITION_BUDGET:,}; `detente coalitions MODEL --coalition ...` "
                            "analyses chosen coalitions")
                # Every coalition concept this analysis asks for, from one closure per coalition.
                wanted = [k for k in result.concepts if k in COALITION_CONCEPTS and k not in cache]
                cr_all = coalition_analysis(result, concepts=wanted or [concept])
                for k in cr_all.concepts:
                    cache[k] = cr_all
            cr = cache[concept]
            if cr.skipped:
                co, why = next(iter(cr.skipped.items()))
                raise ConceptNotApplicable(
                    f"{len(cr.skipped)} coalition(s) over the budget, e.g. {{{', '.join(co)}}}: {why}; "
                    "`detente coalitions MODEL --coalition ...` analyses chosen coalitions")
            return cr.stable_for_dm(concept, dm)
        per_dm.__doc__ = f"{concept}: stable for every coalition containing the DM (Inohara & Hipel 2008)."
        return per_dm

    for concept in COALITION_CONCEPTS:
        EXTRA_CONCEPTS[concept] = make(concept)


_register()
