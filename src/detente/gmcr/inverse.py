"""Inverse GMCR: which preference rankings make a chosen state an equilibrium.

Given a state s, a solution concept and some decision makers whose preferences are unknown,
enumerate every strict ranking of the feasible states for each of them (the other DMs keep the
model's preferences), optionally within bounds (pairwise orders fixed by the analyst), and count
the profiles under which s is an equilibrium (Kinsara, Petersons, Hipel & Kilgour 2015,
"Advanced decision support for the graph model for conflict resolution", J. Decision Systems;
Wang, Hipel, Fang & Dang 2018, "Matrix representations of the inverse problem in the graph
model"). Each profile is checked by the standard definitions of
``../shared/design/gmcr-definitions.md`` (Fang, Hipel & Kilgour 1993): *every* unilateral
improvement of a DM from s must be sanctioned, not only the last one examined — an older tool
let the last improvement decide, which inflates counts (Syria–Iraq 1975, all 720 Syrian
rankings with state 2 desired: Nash 240, SEQ 384, not 420).

The result states the conditions as preference constraints:

* exact necessary-and-sufficient conditions per DM where the sanctions do not depend on the
  varying rankings — Nash: s must be preferred to each of the DM's unilateral moves from s;
  GMR (and SEQ when the opponents' preferences are fixed): for each move s1, s preferred to s1
  or to one of the opponents' (improving) responses from s1; SMR likewise with i's
  counter-responses;
* the pairwise orders common to every successful ranking ("Syria must prefer X to Y").

Profiles are numbered (mixed radix over the DMs, permutations in lexicographic order), so the
enumeration splits into index ranges that run on local processes or a Dask cluster
(:mod:`detente.gmcr.parallel`) with identical results.

Example
-------
>>> import detente
>>> from detente.gmcr.inverse import inverse
>>> c = detente.load("tests/fixtures/gmcr/syria-iraq-1975.yaml")  # doctest: +SKIP
>>> inverse(c, state="2", dms=["Syria"], concept="Nash").successes  # doctest: +SKIP
240
"""

from __future__ import annotations

import math
import re
import time
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from detente.errors import DetenteError, Problem, TooLargeError
from detente.gmcr.moves import build_move_tables
from detente.model.preferences import all_ranks
from detente.model.states import StateSpace
from detente.model.conflict import Conflict

SCHEMA = "detente.inverse/1"
MAX_STATES = 12  # 12! = 479 million rankings of one DM
DEFAULT_MAX_HOURS = 4.0
BATCH = 20_000
CONCEPTS = ("Nash", "GMR", "SMR", "SEQ")


def fmt_count(n: int) -> str:
    """``1,234`` for readable counts, ``1.859e+430`` style for astronomical ones."""
    digits = str(n)
    if len(digits) <= 15:
        return f"{n:,}"
    return f"{digits[0]}.{digits[1:4]}e+{len(digits) - 1}"


# --- permutations by number -------------------------------------------------------------------

def unrank_permutations(indices: np.ndarray, n: int) -> np.ndarray:
    """Permutations of ``range(n)`` with the given lexicographic numbers, as rows.

    >>> unrank_permutations(np.array([0, 1, 5]), 3).tolist()
    [[0, 1, 2], [0, 2, 1], [2, 1, 0]]
    """
    idx = np.asarray(indices, dtype=np.int64).copy()
    B = idx.shape[0]
    out = np.empty((B, n), dtype=np.int64)
    available = np.ones((B, n), dtype=bool)
    rows = np.arange(B)
    for j in range(n):
        f = math.factorial(n - 1 - j)
        d = idx // f
        idx %= f
        cum = np.cumsum(available, axis=1)
        chosen = np.argmax((cum == (d + 1)[:, None]) & available, axis=1)
        out[:, j] = chosen
        available[rows, chosen] = False
    return out


def ranks_of_permutations(perms: np.ndarray) -> np.ndarray:
    """Rows of states best first -> ranks (higher = preferred)."""
    B, n = perms.shape
    ranks = np.empty_like(perms)
    ranks[np.arange(B)[:, None], perms] = np.arange(n - 1, -1, -1)[None, :]
    return ranks


# --- the plan -----------------------------------------------------------------------------------

@dataclass
class InversePlan:
    n: int
    target: int
    concept: str
    dms: list[str]
    varying: list[str]
    fixed_ranks: dict[str, np.ndarray]
    moves: dict[str, list[np.ndarray]]  # dm -> per state, targets of its unilateral moves
    reach: dict[str, dict[int, np.ndarray]]  # i -> s1 -> R_H(s1) (all moves; GMR, SMR)
    bounds: dict[str, list[tuple[int, int]]]  # dm -> [(a, b)]: a must be preferred to b
    per_dm: int  # rankings enumerated per varying DM: n!, or k! over `keep`
    keep: dict[str, np.ndarray] = field(default_factory=dict)  # dm -> the k states ranked (reduction)
    check: list[str] | None = None  # DMs whose stability is checked (default all)

    @property
    def total(self) -> int:
        return self.per_dm ** len(self.varying)


def _group_reach(moves: dict[str, list[np.ndarray]], H: list[str], start: int) -> np.ndarray:
    """R_H(start): states reachable by legal sequences of H's moves (no DM twice in a row)."""
    seen: set[tuple[int, str]] = set()
    stack = [(int(u), l) for l in H for u in moves[l][start]]
    while stack:
        t, l = stack.pop()
        if (t, l) in seen:
            continue
        seen.add((t, l))
        for k in H:
            if k != l:
                stack.extend((int(u), k) for u in moves[k][t])
    return np.array(sorted({t for t, _ in seen}), dtype=np.int64)


def _improving_reach(plan: InversePlan, i: str, s1: int, R: dict[str, np.ndarray]) -> np.ndarray:
    """R_H+(s1) for a batch of profiles: (B, n) bool, every move an improvement for its mover."""
    H = [d for d in plan.dms if d != i]
    B = R[i].shape[0]
    reached = {l: np.zeros((B, plan.n), dtype=bool) for l in H}
    for l in H:
        for u in plan.moves[l][s1]:
            reached[l][:, u] |= R[l][:, u] > R[l][:, s1]
    changed = len(H) > 1
    while changed:
        changed = False
        for l in H:
            other = np.zeros((B, plan.n), dtype=bool)
            for k in H:
                if k != l:
                    other |= reached[k]
            for t in range(plan.n):
                mask = other[:, t]
                if not mask.any():
                    continue
                for u in plan.moves[l][t]:
                    new = mask & (R[l][:, u] > R[l][:, t]) & ~reached[l][:, u]
                    if new.any():
                        reached[l][:, u] |= new
                        changed = True
    out = np.zeros((B, plan.n), dtype=bool)
    for l in H:
        out |= reached[l]
    return out


def stable_at(plan: InversePlan, i: str, R: dict[str, np.ndarray]) -> np.ndarray:
    """Whether the target state is stable for DM ``i`` under each profile of the batch.

    Every unilateral improvement s1 of i from s is examined, and s is stable only if each one
    is sanctioned (standard definitions; ties count as sanctions).
    """
    s = plan.target
    ri = R[i]
    rs = ri[:, s]
    ok = np.ones(ri.shape[0], dtype=bool)
    for s1 in plan.moves[i][s]:
        improving = ri[:, s1] > rs
        if not improving.any():
            continue
        if plan.concept == "Nash":
            sanctioned = np.zeros_like(ok)
        elif plan.concept == "GMR":
            cands = plan.reach[i][int(s1)]
            sanctioned = (ri[:, cands] <= rs[:, None]).any(axis=1) if cands.size else np.zeros_like(ok)
        elif plan.concept == "SMR":
            sanctioned = np.zeros_like(ok)
            for s2 in plan.reach[i][int(s1)]:
                cond = ri[:, s2] <= rs
                for s3 in plan.moves[i][s2]:
                    cond &= ri[:, s3] <= rs
                sanctioned |= cond
        elif plan.concept == "SEQ":
            reached = _improving_reach(plan, i, int(s1), R)
            sanctioned = (reached & (ri <= rs[:, None])).any(axis=1)
        else:  # pragma: no cover - checked before
            raise ValueError(plan.concept)
        ok &= ~improving | sanctioned
    return ok


@dataclass
class InverseChunk:
    admissible: int
    successes: int
    pair_counts: dict[str, np.ndarray]  # dm -> (n, n): successes where a is preferred to b
    examples: list[int]
    seconds: float


def inverse_chunk(plan: InversePlan, start: int, stop: int) -> InverseChunk:
    """Check profiles ``start .. stop-1``."""
    t0 = time.perf_counter()
    n = plan.n
    pair_counts = {d: np.zeros((n, n), dtype=np.int64) for d in plan.varying}
    admissible = successes = 0
    examples: list[int] = []
    for a in range(start, stop, BATCH):
        b = min(a + BATCH, stop)
        idx = np.arange(a, b, dtype=np.int64)
        B = idx.shape[0]
        R: dict[str, np.ndarray] = {}
        ok = np.ones(B, dtype=bool)
        rem = idx.copy()
        for d in reversed(plan.varying):  # the first varying DM is the most significant digit
            digit = rem % plan.per_dm
            rem //= plan.per_dm
            keep = plan.keep.get(d)
            if keep is None:
                R[d] = ranks_of_permutations(unrank_permutations(digit, n))
            else:  # only the relative order of the relevant states; the rest is never read
                R[d] = np.full((B, n), -1, dtype=np.int64)
                R[d][:, keep] = ranks_of_permutations(unrank_permutations(digit, len(keep)))
            for x, y in plan.bounds.get(d, []):
                ok &= R[d][:, x] > R[d][:, y]
        for d, r in plan.fixed_ranks.items():
            R[d] = np.broadcast_to(r, (B, n))
        admissible += int(ok.sum())
        for d in plan.check or plan.dms:
            if not ok.any():
                break
            ok &= stable_at(plan, d, R)
        successes += int(ok.sum())
        if ok.any():
            for d in plan.varying:
                keep = plan.keep.get(d)
                r = R[d][ok] if keep is None else R[d][ok][:, keep]
                counts = (r[:, :, None] > r[:, None, :]).sum(axis=0)
                if keep is None:
                    pair_counts[d] += counts
                else:
                    pair_counts[d][np.ix_(keep, keep)] += counts
            if len(examples) < 5:
                examples.extend(int(x) for x in idx[ok][:5 - len(examples)])
    return InverseChunk(admissible, successes, pair_counts, examples, time.perf_counter() - t0)


# --- conditions ------------------------------------------------------------------------------

@dataclass
class Condition:
    """A readable preference condition for one DM: all of ``clauses`` must hold; a clause is a
    set of alternatives "prefer s to x" (any one suffices)."""

    dm: str
    kind: str  # "exact" | "common"
    text: str
    clauses: list[list[int]] = field(default_factory=list)  # states s must be preferred to

    def to_dict(self) -> dict[str, Any]:
        return {"dm": self.dm, "kind": self.kind, "text": self.text}


@dataclass
class InverseResult:
    """Profiles of the varying DMs' rankings that make ``state`` an equilibrium."""

    conflict: Conflict
    space: StateSpace
    state: int  # position
    concept: str
    varying: list[str]
    bounds: dict[str, list[tuple[int, int]]]
    total: int
    admissible: int
    successes: int
    pair_counts: dict[str, np.ndarray]  # dm -> (n, n) count of enumerated successes with a above b
    examples: list[dict[str, list[str]]]
    conditions: list[Condition]
    notes: list[str]
    seconds: float
    pair_total: dict[str, int] = field(default_factory=dict)  # dm -> the count meaning "always"
    reduced: dict[str, list[int]] = field(default_factory=dict)  # dm -> states whose order was enumerated

    def label(self, p: int) -> str:
        """Short state label ``id:YN`` (see :meth:`legend` for the options taken)."""
        from detente.model.conflict import state_label
        return state_label(self.conflict, int(self.space.codes[p]), int(p) + 1)

    def long_label(self, p: int) -> str:
        taken = self.conflict.taken(int(self.space.codes[p]))
        return f"{self.label(p)} ({', '.join(taken) if taken else 'nothing taken'})"

    @property
    def fraction(self) -> float:
        return self.successes / self.admissible if self.admissible else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "model": {"title": self.conflict.title, "file": self.conflict.file},
            "state": {"id": self.state + 1, "yn": self.conflict.yn(int(self.space.codes[self.state]))},
            "concept": self.concept, "varying": self.varying,
            "bounds": {d: [[x + 1, y + 1] for x, y in b] for d, b in self.bounds.items()},
            "profiles": self.total, "admissible": self.admissible, "successes": self.successes,
            "fraction": self.fraction,
            "conditions": [c.to_dict() for c in self.conditions],
            "always_preferred": {d: [[a + 1, b + 1] for a in range(m.shape[0]) for b in range(m.shape[0])
                                     if a != b and self.pair_total.get(d) and m[a, b] == self.pair_total[d]]
                                 for d, m in self.pair_counts.items()},
            "reduced_to": {d: [p + 1 for p in ks] for d, ks in self.reduced.items()},
            "examples": self.examples, "notes": self.notes, "seconds": round(self.seconds, 3),
        }

    def summary_lines(self) -> list[str]:
        lines = [f"{self.conflict.title or 'Conflict'}: inverse {self.concept} for state {self.label(self.state)}",
                 f"  varying: {', '.join(self.varying)} (strict rankings of {self.space.n} states each)",
                 f"  {fmt_count(self.successes)} of {fmt_count(self.admissible)} admissible profiles make it "
                 "an equilibrium" + (f" ({self.fraction:.1%})" if self.admissible else "")
                 + (f"; {fmt_count(self.total)} before bounds" if self.admissible != self.total else "")]
        for d, ks in self.reduced.items():
            lines.append(f"  {d}'s stability depends only on the order of {len(ks)} states "
                         f"({', '.join(str(p + 1) for p in ks)}): their {math.factorial(len(ks)):,} orders "
                         f"were checked, each standing for "
                         f"{fmt_count(math.factorial(self.space.n) // math.factorial(len(ks)))} full rankings")
        mentioned = sorted({self.state} | {x for c in self.conditions for cl in c.clauses for x in cl})
        lines.append("  states: " + "; ".join(self.long_label(p) for p in mentioned))
        for c in self.conditions:
            lines.append(f"  [{c.kind}] {c.text}")
        for note in self.notes:
            lines.append(f"  note: {note}")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    __repr__ = __str__


def _conditions(plan: InversePlan, label: Callable[[int], str], pair_total: dict[str, int],
                pair_counts: dict[str, np.ndarray]) -> tuple[list[Condition], list[str]]:
    s = plan.target
    conds: list[Condition] = []
    notes: list[str] = []
    for i in plan.varying:
        opponents_fixed = all(d not in plan.varying for d in plan.dms if d != i)
        clauses: list[list[int]] = []
        exact = True
        texts = []
        for s1 in plan.moves[i][s]:
            s1 = int(s1)
            if plan.concept == "Nash":
                alts = []
            elif plan.concept == "GMR":
                alts = [int(x) for x in plan.reach[i][s1]]
            elif plan.concept == "SEQ" and opponents_fixed:
                R = {d: plan.fixed_ranks[d][None, :] for d in plan.fixed_ranks}
                R[i] = np.zeros((1, plan.n), dtype=np.int64)
                alts = [int(x) for x in np.flatnonzero(_improving_reach(plan, i, s1, R)[0])]
            else:
                exact = False
                break
            if s in alts:
                continue  # the opponents can bring it back to s itself: always sanctioned
            clauses.append([s1] + alts)
            texts.append(f"{label(s)} to {label(s1)}"
                         + (" or to " + " or ".join(label(x) for x in alts) if alts else ""))
        if exact:
            why = {"Nash": "each of its unilateral moves must be worse",
                   "GMR": "each move must be worse, or answerable by a sanction that is not better",
                   "SEQ": "each move must be worse, or answerable by an improving sanction that is not better"}
            if texts:
                text = (f"{i} must prefer " + "; and ".join(texts)
                        + f"  [necessary and sufficient for {plan.concept} stability for {i}: {why[plan.concept]}]")
            else:
                text = f"{i}: no condition (every move it has from {label(s)} is always sanctioned)"
            conds.append(Condition(i, "exact", text, clauses))
        elif plan.concept == "SMR":
            notes.append(f"SMR conditions for {i} involve its counter-responses; the pairwise orders "
                         "below are necessary, not sufficient")
        else:
            notes.append(f"{plan.concept} stability for {i} depends on the other varying DMs' rankings; "
                         "the pairwise orders below are necessary, not sufficient")
    for i in plan.varying:
        m = pair_counts[i]
        successes = pair_total.get(i, 0)
        if not successes:
            continue
        pairs = [(a, b) for a in range(plan.n) for b in range(plan.n) if a != b and m[a, b] == successes]
        bound = set(plan.bounds.get(i, []))
        free = [(a, b) for a, b in pairs if (a, b) not in bound]
        # Keep the readable core: orders not implied by transitivity of the others.
        implied = set()
        for a, b in free:
            for _, c in [(x, y) for x, y in free if x == a]:
                if (c, b) in set(free):
                    implied.add((a, b))
        stated = {(plan.target, cl[0]) for c in conds if c.dm == i and c.kind == "exact"
                  for cl in c.clauses if len(cl) == 1}
        core = [p for p in free if p not in implied and p not in stated]
        for a, b in core:
            conds.append(Condition(i, "common", f"{i} must prefer {label(a)} to {label(b)} "
                                               "(in every successful ranking)", [[b]]))
    return conds, notes


# --- parsing bounds --------------------------------------------------------------------------

_BOUND_RE = re.compile(r"^\s*(?:(?P<dm>[^:<>]+?)\s*:\s*)?(?P<a>[^<>]+?)\s*(?P<op>[<>])\s*(?P<b>[^<>]+?)\s*$")


def parse_bounds(space: StateSpace, specs: Iterable[str], varying: list[str]) -> dict[str, list[tuple[int, int]]]:
    """``["Syria: 2>1", "NNN>YNN"]`` -> per DM, (a, b) position pairs with a preferred to b.

    Without ``DM:`` a bound applies to the only varying DM (an error when there are several).
    Contradictory bounds (a cycle such as 1>2, 2>1) are refused.
    """
    out: dict[str, list[tuple[int, int]]] = {d: [] for d in varying}
    for spec in specs:
        m = _BOUND_RE.match(spec or "")
        if not m:
            raise DetenteError(f"cannot read the bound {spec!r}",
                               hint="write it as 'A>B' or 'DM: A>B' with states as ids, Y/N strings "
                                    "or taken options, e.g. 'Syria: 2>1'")
        dm = m.group("dm")
        if dm is None:
            if len(varying) != 1:
                raise DetenteError(f"the bound {spec!r} does not say whose ranking it bounds",
                                   hint=f"prefix it with the decision maker, e.g. '{varying[0]}: {spec}'")
            dm = varying[0]
        dm = dm.strip()
        if dm not in varying:
            raise DetenteError(f"the bound {spec!r} is about {dm!r}, whose ranking is not varied",
                               hint="varying: " + ", ".join(varying) + " (add it with --dm)")
        a = int(space.index_of(np.uint64(space.parse_state(m.group("a")))))
        b = int(space.index_of(np.uint64(space.parse_state(m.group("b")))))
        if m.group("op") == "<":
            a, b = b, a
        if a == b:
            raise DetenteError(f"the bound {spec!r} compares a state with itself")
        out[dm].append((a, b))
    for dm, pairs in out.items():
        cycle = _find_cycle(pairs)
        if cycle:
            raise DetenteError(f"the bounds for {dm} contradict each other: "
                               + " > ".join(str(p + 1) for p in cycle) + " (a cycle)",
                               hint="a strict ranking cannot prefer a state to itself; drop one of them")
    return out


def _find_cycle(pairs: list[tuple[int, int]]) -> list[int] | None:
    graph: dict[int, list[int]] = {}
    for a, b in pairs:
        graph.setdefault(a, []).append(b)
    state: dict[int, int] = {}
    stack_path: list[int] = []

    def visit(u: int) -> list[int] | None:
        state[u] = 1
        stack_path.append(u)
        for v in graph.get(u, []):
            if state.get(v) == 1:
                return stack_path[stack_path.index(v):] + [v]
            if state.get(v) is None:
                found = visit(v)
                if found:
                    return found
        state[u] = 2
        stack_path.pop()
        return None

    for u in list(graph):
        if state.get(u) is None:
            found = visit(u)
            if found:
                return found
    return None


# --- entry point ------------------------------------------------------------------------------

def make_plan(conflict: Conflict, space: StateSpace, target: int, dms: list[str], concept: str,
              bounds: dict[str, list[tuple[int, int]]]) -> InversePlan:
    tables = build_move_tables(space)
    ranks = all_ranks(space)
    moves = {d: [tables[d].targets(p).astype(np.int64) for p in range(space.n)] for d in conflict.dm_names}
    names = conflict.dm_names
    reach: dict[str, dict[int, np.ndarray]] = {}
    if concept in ("GMR", "SMR", "SEQ"):
        for i in names:
            H = [d for d in names if d != i]
            reach[i] = {int(s1): _group_reach(moves, H, int(s1)) for s1 in moves[i][target]}
    fixed = {d: ranks[d].astype(np.int64) for d in names if d not in dms}
    return InversePlan(space.n, target, concept, names, list(dms), fixed, moves, reach, bounds,
                       math.factorial(space.n))


def inverse(conflict: Conflict | str, *, state: int | str, dms: Iterable[str], concept: str = "Nash",
            bounds: Iterable[str] = (), workers: int | None = None, scheduler: Any = None,
            timeout: float = 10.0, max_hours: float = DEFAULT_MAX_HOURS, reduce: bool | None = None,
            progress: Callable[[int, int], None] | None = None) -> InverseResult:
    """Count the rankings of ``dms`` that make ``state`` an equilibrium under ``concept``.

    Parameters
    ----------
    conflict
        A model or a path; the DMs not in ``dms`` keep their preferences.
    state
        The desired state as text: id (GMCR+ numbering), Y/N string or taken options; an
        ``int`` is a state code (bit k = option k taken), as elsewhere in the engine.
    dms
        Decision makers whose strict rankings of the feasible states vary (all n! each).
    concept
        Nash, GMR, SMR or SEQ.
    bounds
        Fixed pairwise orders, ``"A>B"`` or ``"DM: A>B"`` (see :func:`parse_bounds`).
    workers, scheduler, timeout, progress
        Where and how to run (see :func:`detente.gmcr.parallel.map_chunks`).
    max_hours
        Refuse (with the estimate) an enumeration that would take longer.
    reduce
        Nash, GMR, SMR: enumerate only the relative orders of the states that decide each DM's
        stability (exact; counts are scaled to full rankings). Default: when the full
        enumeration has more than a million profiles. SEQ always enumerates full rankings.

    Returns
    -------
    InverseResult
    """
    from detente.gmcr.analysis import normalise_concepts
    from detente.gmcr.parallel import check_scheduler

    check_scheduler(scheduler, timeout)
    if not isinstance(conflict, Conflict):
        from detente.model.load import load
        conflict = load(conflict)
    t0 = time.perf_counter()
    concept = normalise_concepts([concept])[0]
    if len(normalise_concepts([concept])) != 1 or concept not in CONCEPTS:
        raise DetenteError(f"inverse analysis supports {', '.join(CONCEPTS)}, not {concept}")
    dms = list(dict.fromkeys(dms))
    if not dms:
        raise DetenteError("name at least one decision maker whose ranking varies (--dm)")
    for d in dms:
        conflict.dm(d)  # raises a helpful error for unknown names
    space = StateSpace.build(conflict)
    n = space.n
    if concept == "SEQ" and reduce:
        raise DetenteError("the reduction to relevant states applies to Nash, GMR and SMR only",
                           hint="SEQ sanctions depend on the other DMs' improvements everywhere")
    code = space.parse_state(str(state)) if not isinstance(state, (int, np.integer)) else int(state)
    target = int(space.index_of(np.uint64(code)))
    if target < 0:
        raise DetenteError(f"state {conflict.yn(code)} is infeasible")
    bound_map = parse_bounds(space, bounds, dms)
    plan = make_plan(conflict, space, target, dms, concept, bound_map)
    full_total = math.factorial(n) ** len(dms)
    if reduce is None:
        reduce = concept in ("Nash", "GMR", "SMR") and full_total > REDUCE_ABOVE
    if not reduce and n > MAX_STATES:
        raise TooLargeError(Problem(
            f"{n} feasible states give {n}! = {math.factorial(n):.3g} rankings per DM; "
            f"exact enumeration of {concept} stops at {MAX_STATES} states", file=conflict.file,
            hint="Nash, GMR and SMR reduce to the states that matter (try --concept Nash); otherwise "
                 "cut states with constraints or sample uncertain preferences with `detente robustness`"))
    kw = dict(workers=workers, scheduler=scheduler, timeout=timeout, max_hours=max_hours,
              progress=progress, file=conflict.file)
    result = InverseResult(conflict, space, target, concept, dms, bound_map, full_total, 0, 0,
                           {}, [], [], [], 0.0)
    if not reduce:
        run = _enumerate(plan, **kw)
        result.admissible, result.successes = run.admissible, run.successes
        result.pair_counts = run.pair_counts
        result.pair_total = {d: run.successes for d in dms}
        result.examples = [_example(plan, e, result.label) for e in run.examples[:3]]
    else:
        # Nash, GMR and SMR stability of a DM depend only on its own ranking, and only on the
        # relative order of a few states (the target, its moves, their sanctions): enumerate those
        # orders per DM, each standing for n!/k! full rankings, and multiply.
        fixed_ok = _fixed_dms_stable(plan)
        admissible, successes = 1, 1
        for d in dms:
            keep = _relevant_states(plan, d)
            sub = dataclasses.replace(plan, varying=[d], keep={d: np.array(keep, dtype=np.int64)}, check=[d],
                                      per_dm=math.factorial(len(keep)))
            run = _enumerate(sub, **kw)
            factor = math.factorial(n) // math.factorial(len(keep))
            admissible *= run.admissible * factor
            successes *= run.successes * factor
            result.pair_counts[d] = run.pair_counts[d]
            result.pair_total[d] = run.successes
            result.reduced[d] = keep
            if run.examples:
                result.examples.append(_example(sub, run.examples[0], result.label))
        result.admissible = admissible
        result.successes = successes if fixed_ok else 0
        if not fixed_ok:
            result.pair_total = {}
    result.conditions, result.notes = _conditions(plan, result.label, result.pair_total, result.pair_counts)
    if concept in ("Nash", "GMR", "SMR") and not _fixed_dms_stable(plan):
        for d in plan.fixed_ranks:
            if not _fixed_dms_stable(plan, [d]):
                result.notes.append(f"{result.label(target)} is not {concept}-stable for {d} (whose preferences "
                                    f"are fixed), so no ranking of {', '.join(dms)} can make it an equilibrium")
    result.seconds = time.perf_counter() - t0
    return result


REDUCE_ABOVE = 1_000_000  # full profiles beyond which Nash/GMR/SMR enumerate relevant states only


def _relevant_states(plan: InversePlan, i: str) -> list[int]:
    """The states whose relative order (for DM i) decides i's Nash/GMR/SMR stability at the
    target: the target, i's moves from it, the opponents' responses (GMR, SMR) and i's moves
    from those (SMR); plus the states named in i's bounds."""
    s = plan.target
    keep = {s}
    for s1 in plan.moves[i][s]:
        keep.add(int(s1))
        if plan.concept in ("GMR", "SMR"):
            for s2 in plan.reach[i][int(s1)]:
                keep.add(int(s2))
                if plan.concept == "SMR":
                    keep.update(int(x) for x in plan.moves[i][int(s2)])
    for a, b in plan.bounds.get(i, []):
        keep.update((a, b))
    return sorted(keep)


def _fixed_dms_stable(plan: InversePlan, which: list[str] | None = None) -> bool:
    """Nash/GMR/SMR stability at the target of the DMs whose preferences are fixed (their own
    ranking alone decides it)."""
    R = {d: r[None, :] for d, r in plan.fixed_ranks.items()}
    for v in plan.varying:
        R[v] = np.zeros((1, plan.n), dtype=np.int64)  # not read for the fixed DMs' stability
    return all(bool(stable_at(plan, d, R)[0]) for d in (which or list(plan.fixed_ranks)))


@dataclass
class _Run:
    admissible: int
    successes: int
    pair_counts: dict[str, np.ndarray]
    examples: list[int]


def _enumerate(plan: InversePlan, *, workers, scheduler, timeout, max_hours, progress, file) -> _Run:
    """Check every profile of ``plan`` (a timed pilot here, the rest in chunks, maybe elsewhere)."""
    from detente.gmcr.parallel import default_workers, map_chunks, split_range

    total = plan.total
    if total > 2**62:  # beyond int64 indices, and beyond any machine anyway
        what = "; ".join(f"{d}: {len(plan.keep[d]) if d in plan.keep else plan.n} states to order"
                         for d in plan.varying)
        raise TooLargeError(Problem(
            f"{fmt_count(total)} ranking profiles to check ({what})", file=file,
            hint="vary fewer decision makers; for large models Nash (whose condition involves only the "
                 "target and the DM's own moves) stays small; or cut states with constraints"))
    nworkers = default_workers() if workers is None else max(1, int(workers))
    pilot = min(total, 2000)
    head = inverse_chunk(plan, 0, pilot)
    if progress:
        progress(pilot, total)
    rest = total - pilot
    parts = []
    if rest > 0:
        per = head.seconds / pilot
        estimate = per * rest / nworkers
        if estimate > max_hours * 3600:
            from detente.gmcr.robustness import _fmt_duration
            raise TooLargeError(Problem(
                f"{fmt_count(total)} ranking profiles would take about {_fmt_duration(estimate)} to check "
                f"({per * 1e6:.0f} µs each, {nworkers} worker(s)); the limit is {max_hours:g} hours",
                file=file,
                hint="vary fewer decision makers, cut states with constraints, use more workers or a "
                     "Dask cluster (--scheduler), or raise --max-hours"))
        if workers is None and scheduler is None and per * rest < 2.0:
            nworkers = 1  # starting processes would cost more than it saves
        size = max(BATCH, min(2_000_000, rest // (4 * nworkers) + 1))
        parts = map_chunks(inverse_chunk, plan, split_range(total, size, start=pilot), workers=nworkers,
                           scheduler=scheduler, timeout=timeout, progress=progress, done_before=pilot)
    chunks = [head] + parts
    return _Run(sum(c.admissible for c in chunks), sum(c.successes for c in chunks),
                {d: sum(c.pair_counts[d] for c in chunks) for d in plan.varying},
                [e for c in chunks for e in c.examples])


def _example(plan: InversePlan, index: int, label: Callable[[int], str]) -> dict[str, list[str]]:
    """One successful profile: per varying DM, its ranking (or the order of its relevant states)."""
    out = {}
    rem = index
    for d in reversed(plan.varying):
        keep = plan.keep.get(d)
        k = plan.n if keep is None else len(keep)
        perm = unrank_permutations(np.array([rem % plan.per_dm]), k)[0]
        rem //= plan.per_dm
        states = perm if keep is None else keep[perm]
        out[d] = [label(int(p)) for p in states]
    return dict(reversed(list(out.items())))
