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

The literature varies on two points; this module picks, and tests, the following:
(1) the sanction needs to hurt *one* member of C (Inohara & Hipel's reading of a coalition that
moves only by unanimity), not all of them; (2) sanctions come from the complement H moving as
individuals (legal sequences of H's members, unilateral improvements for CSEQ), not from
rival coalitions. For C = {i} all four concepts coincide with Nash, GMR, SMR and SEQ.

A state is stable *for DM i* when it is stable for every analysed coalition containing i, and a
*coalitional equilibrium* when it is stable for every analysed coalition (Inohara & Hipel's
coalitional stability requires stability against every coalition, singletons included; the
singletons are always analysed).

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
DEFAULT_COALITION_BUDGET = 4_000_000_000  # element operations per coalition before skipping
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


def coalition_reach_dominates(rows: CoalitionRows, w: dict[str, np.ndarray],
                              r: dict[str, np.ndarray]) -> np.ndarray:
    """For every state s: does some t ∈ R_C(s) have ``w[j][t] > r[j][s]`` for every member j?

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


def coalition_cost(rows_or_bits: int, n: int, size: int) -> int:
    """Element operations of :func:`coalition_reach_dominates` (estimate)."""
    P = 1 << rows_or_bits
    return n * P * (size + 3) * (rows_or_bits + 2) * 3


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
            shown = ", ".join(f"{p + 1}:{r.yn(p)}" for p in eq[:limit]) + (" ..." if len(eq) > limit else "")
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
        for concept in concepts:
            if concept == "CNash":
                w = {j: ranks[j] for j in c}
            else:
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
            if len(c) == 1:
                j = c[0]
                unstable = tables[j].reach_max(w[j]) > ranks[j]
            else:
                unstable = coalition_reach_dominates(rows, w, ranks)
            out.stable[concept][c] = ~unstable
            done += 1
            if progress:
                progress(f"{concept} {_key(c)}", done, total)
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
