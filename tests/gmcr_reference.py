"""A deliberately simple GMCR reference implementation, straight from the definitions.

Used only by the tests to check the fast engine. Everything is explicit: a list of states (as
tuples of option values), lists of moves, breadth-first search over legal sequences with the
last mover in the search state. Slow by design; clarity over speed.

Definitions: ../shared/design/gmcr-definitions.md (Fang, Hipel & Kilgour 1993).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass
class RefConflict:
    """dms: names; owner[k]: DM of option k; direction[k]: both/take_only/drop_only;
    feasible: list of states (tuples of 0/1); pref[dm][state] -> number (higher = preferred)."""

    dms: list[str]
    owner: list[str]
    direction: list[str]
    feasible: list[tuple[int, ...]]
    pref: dict[str, dict[tuple[int, ...], float]]


def moves(c: RefConflict, dm: str, s: tuple[int, ...]) -> list[tuple[int, ...]]:
    """R_dm(s): states reachable by one unilateral move of dm (changing >= 1 own option)."""
    # Cached on the conflict itself: a module-level cache keyed by id(c) returned another,
    # garbage-collected conflict's moves when Python reused its id (flaky property tests).
    cache = c.__dict__.setdefault("_moves_cache", {})
    key = (dm, s)
    if key not in cache:
        cache[key] = _moves(c, dm, s)
    return cache[key]


def _moves(c: RefConflict, dm: str, s: tuple[int, ...]) -> list[tuple[int, ...]]:
    out = []
    feasible = set(c.feasible)
    for t in c.feasible:
        if t == s:
            continue
        ok = True
        for k, (a, b) in enumerate(zip(s, t)):
            if a == b:
                continue
            if c.owner[k] != dm:
                ok = False
                break
            if c.direction[k] == "take_only" and a == 1 and b == 0:
                ok = False
                break
            if c.direction[k] == "drop_only" and a == 0 and b == 1:
                ok = False
                break
        if ok and t in feasible:
            out.append(t)
    return out


def improvements(c: RefConflict, dm: str, s):
    return [t for t in moves(c, dm, s) if c.pref[dm][t] > c.pref[dm][s]]


def group_reach(c: RefConflict, H: list[str], s1, improving: bool) -> set:
    """R_H(s1) (or R_H+): every state reachable by a legal sequence of >= 1 moves by members
    of H, no DM moving twice in succession."""
    reached = set()
    seen = set()
    stack = [(s1, None)]
    while stack:
        s, last = stack.pop()
        for j in H:
            if j == last:
                continue
            nxt = improvements(c, j, s) if improving else moves(c, j, s)
            for t in nxt:
                reached.add(t)
                if (t, j) not in seen:
                    seen.add((t, j))
                    stack.append((t, j))
    return reached


def stable(c: RefConflict, dm: str, s, concept: str) -> bool:
    H = [d for d in c.dms if d != dm]
    p = c.pref[dm]
    uis = improvements(c, dm, s)
    if concept == "Nash":
        return not uis
    for s1 in uis:
        if concept == "GMR":
            ok = any(p[s2] <= p[s] for s2 in group_reach(c, H, s1, False))
        elif concept == "SMR":
            ok = any(p[s2] <= p[s] and all(p[s3] <= p[s] for s3 in moves(c, dm, s2))
                     for s2 in group_reach(c, H, s1, False))
        elif concept == "SEQ":
            ok = any(p[s2] <= p[s] for s2 in group_reach(c, H, s1, True))
        elif concept == "SIM":
            ok = _sim_sanctioned(c, dm, s, s1)
        else:
            raise ValueError(concept)
        if not ok:
            return False
    return True


def _sim_sanctioned(c: RefConflict, dm: str, s, s1) -> bool:
    H = [d for d in c.dms if d != dm]
    feasible = set(c.feasible)
    options = [[None] + improvements(c, j, s) for j in H]
    for combo in itertools.product(*options):
        state = list(s1)
        for j, t in zip(H, combo):
            if t is None:
                continue
            for k in range(len(state)):
                if c.owner[k] == j:
                    state[k] = t[k]
        state = tuple(state)
        if state in feasible and c.pref[dm][state] <= c.pref[dm][s]:
            return True
    return False


def from_conflict(conflict) -> RefConflict:
    """Build a RefConflict from a detente Conflict, evaluating feasibility and preferences
    independently of the engine (plain Python over every combination)."""
    m = conflict.n_options
    names = conflict.option_names
    states = list(itertools.product([0, 1], repeat=m))

    def env(s):
        vals = {names[k]: s[k] for k in range(m)}
        return lambda name: bool(vals[name])

    def holds(expr, s) -> bool:
        import numpy as np
        return bool(np.asarray(expr.evaluate(env(s))))

    feasible = [s for s in states if not any(holds(c.expr, s) for c in conflict.constraints)]
    pref = {}
    for d in conflict.decision_makers:
        if d.ranking is not None:
            levels = d.ranking
            score = {}
            for li, level in enumerate(levels):
                for code in level:
                    score[tuple((code >> k) & 1 for k in range(m))] = len(levels) - li
            pref[d.name] = score
        else:
            L = len(d.preferences)
            pref[d.name] = {s: sum(2 ** (L - 1 - k) for k, st in enumerate(d.preferences) if holds(st.expr, s))
                            for s in feasible}
    return RefConflict(conflict.dm_names, [o.dm for o in conflict.options],
                       [o.direction for o in conflict.options], feasible, pref)


def code_of(state) -> int:
    return sum(1 << k for k, v in enumerate(state) if v)


def analyse(conflict, concepts=("Nash", "GMR", "SMR", "SEQ", "SIM")) -> dict:
    """{concept: {dm: set of stable state codes}}"""
    rc = from_conflict(conflict)
    return {con: {dm: {code_of(s) for s in rc.feasible if stable(rc, dm, s, con)} for dm in rc.dms}
            for con in concepts}
