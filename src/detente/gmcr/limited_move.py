"""Limited-move stability L_h and non-myopic stability (NM) for two-DM conflicts.

Kilgour, Hipel & Fang (1987), "The graph model for conflicts", *Automatica* 23(1), 41–55;
Fang, Hipel & Kilgour (1993), *Interactive Decision Making*, ch. 5 (limited-move and
non-myopic stability), after Brams & Wittman's (1981) non-myopic equilibria.

Definitions (two DMs i and j, r_i the ranks of i, higher = preferred; R_i(s) i's unilateral
moves from s, excluding s itself). The *anticipation* G_h(i, s) is the state at which the
conflict ends when i is about to move at s and at most h moves remain, each DM looking ahead:

* G_0(i, s) = s;
* for h >= 1, let B = {s1 ∈ R_i(s) : G_{h-1}(j, s1) ≻_i s}. If B is empty, i stays and
  G_h(i, s) = s; otherwise i makes the move whose anticipated outcome it likes best and
  G_h(i, s) = G_{h-1}(j, s1*), s1* maximising r_i(G_{h-1}(j, s1)) over B.

* **L_h** stability: s is L_h stable for i iff G_h(i, s) = s. L_1 is Nash stability.
* **NM** (non-myopic) stability: G_h depends only on G_{h-1}, so the pair of anticipation
  vectors is eventually periodic in h; s is NM stable for i iff it is L_h stable for every h
  large enough (for every h of that cycle; when the vectors settle, the limit G_∞(i, s) = s).

Ties (a choice the literature leaves open: Kilgour et al. assume strict preferences): when
the mover is indifferent between several best anticipated outcomes, the anticipation is the
one its *opponent* likes least, and among those the lowest state id. Only the outcome
G_h(i, s) depends on this rule; whether i moves at all does not.

How it is computed. For each h the whole vector G_h(i, ·) is computed at once: the mover's
best anticipated outcome over its moves is a maximum of a per-state key (a permutation of the
states ordered by the tie rule) over R_i(s) \\ {s}. "Any move but staying" is the maximum, over
the DM's options b that may flip from s, of the per-option DP of :mod:`detente.gmcr.moves` on
the other options, read at s with b flipped: O(n k^2) per level for k options, no arcs.

Example
-------
>>> import detente
>>> pd = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a_cooperates"], "ranking": ["NY", "YY", "NN", "YN"]},
...     {"name": "B", "options": ["b_cooperates"], "ranking": ["YN", "YY", "NN", "NY"]}]})
>>> r = detente.analyze(pd, ["Nash", "L2", "NM"])
>>> [r.yn(p) for p in r.equilibria("Nash")], [r.yn(p) for p in r.equilibria("L2")]
(['NN'], ['NN', 'YY'])
>>> [r.yn(p) for p in r.equilibria("NM")]
['NN', 'YY']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.gmcr.analysis import EXTRA_CONCEPTS, ConceptNotApplicable
from detente.gmcr.moves import NEG, MoveTable

DEFAULT_HORIZONS = range(2, 10)  # L2..L9 are registered; others via register_horizon(h)
MAX_NM_LEVELS = 10_000


def _dp_bit(u: np.ndarray, j: int, d: str) -> None:
    """In place: max over option j's permitted change (the per-option DP of moves.py)."""
    rows = u.shape[0]
    v = u.reshape(rows, -1, 2, 1 << j)
    lo, hi = v[:, :, 0, :], v[:, :, 1, :]
    if d == "both":
        np.maximum(lo, hi, out=lo)
        hi[...] = lo
    elif d == "take_only":
        np.maximum(lo, hi, out=lo)
    else:
        np.maximum(lo, hi, out=hi)


def strict_reach_max(table: MoveTable, values: np.ndarray) -> np.ndarray:
    """max of ``values`` over R_l(s) \\ {s} (the DM's moves, staying excluded); NEG if none.

    A move changes at least one option b (permitted from s's value of b); for each b the
    per-option DP over the *other* options, read at s with b flipped, covers exactly the moves
    that change b. The "all options but b" DPs for every b are shared by divide and conquer
    (the per-option steps commute): O(k log k) passes over the table instead of O(k^2).
    """
    t = table._gather(values.astype(np.int32, copy=False), NEG)
    rows, P = t.shape
    best = np.full((rows, P), NEG, dtype=np.int32)
    ys = np.arange(P)
    dirs = list(enumerate(table.directions))

    def flip_into(u: np.ndarray, b: int, db: str) -> None:
        bit = (ys >> b) & 1
        may_flip = np.ones(P, dtype=bool)
        if db == "take_only":
            may_flip = bit == 0
        elif db == "drop_only":
            may_flip = bit == 1
        np.maximum(best, np.where(may_flip[None, :], u[:, ys ^ (1 << b)], NEG), out=best)

    def solve(u: np.ndarray, group: list[tuple[int, str]]) -> None:
        # u already has the DP of every option outside ``group`` applied.
        if len(group) == 1:
            flip_into(u, *group[0])
            return
        half = len(group) // 2
        left, right = group[:half], group[half:]
        for part, other in ((left, right), (right, left)):
            w = u.copy()
            for j, d in other:
                _dp_bit(w, j, d)
            solve(w, part)

    if dirs:
        solve(t, dirs)
    return table._scatter(best)


def _tie_key(r_mover: np.ndarray, r_other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A permutation key: larger = better anticipated outcome for the mover (ties: worse for
    the opponent, then lower state id). Returns (key per state, state per key)."""
    n = r_mover.shape[0]
    pos = np.arange(n)
    order = np.lexsort((-pos, -r_other.astype(np.int64), r_mover.astype(np.int64)))
    key = np.empty(n, dtype=np.int32)
    key[order] = np.arange(n, dtype=np.int32)
    return key, order


@dataclass
class Anticipation:
    """Anticipation vectors of a two-DM conflict, level by level."""

    dms: tuple[str, str]
    levels: list[dict[str, np.ndarray]]  # levels[h][dm] = G_h(dm, ·) as state positions
    cycle_start: int | None = None  # first h of the eventual cycle (NM), when found


def _two_dms(result) -> tuple[str, str]:
    dms = result.conflict.dm_names
    if len(dms) != 2:
        raise ConceptNotApplicable(
            f"limited-move and non-myopic stability are defined for two decision makers; this "
            f"conflict has {len(dms)} (use GMR, SMR or SEQ, or coalitions)")
    return dms[0], dms[1]


def anticipation(result, horizon: int) -> Anticipation:
    """G_h for h = 0..horizon (cached on the result; extended as needed)."""
    i, j = _two_dms(result)
    cache = result.__dict__.setdefault("_anticipation", None)
    if cache is None:
        n = result.n_states
        pos = np.arange(n, dtype=np.int64)
        cache = Anticipation((i, j), [{i: pos, j: pos}])
        result.__dict__["_anticipation"] = cache
    tables, ranks = result.tables, result.ranks
    keys = {i: _tie_key(ranks[i], ranks[j]), j: _tie_key(ranks[j], ranks[i])}
    while len(cache.levels) <= horizon:
        prev = cache.levels[-1]
        level = {}
        for mover, other in ((i, j), (j, i)):
            key, state_of = keys[mover]
            best = strict_reach_max(tables[mover], key[prev[other]])
            has = best != NEG
            outcome = np.where(has, state_of[np.maximum(best, 0)], -1)
            r = ranks[mover]
            moves = has & (r[np.maximum(outcome, 0)] > r)
            level[mover] = np.where(moves, outcome, np.arange(result.n_states))
        cache.levels.append(level)
    return cache


def limited_move_stable(result, dm: str, horizon: int) -> np.ndarray:
    """Boolean array: L_h stability of every state for ``dm`` (two-DM conflicts).

    Parameters
    ----------
    result : AnalysisResult
    dm : str
    horizon : int
        h >= 1 (L_1 is Nash stability).
    """
    if horizon < 1:
        raise ValueError("the horizon h must be at least 1")
    a = anticipation(result, horizon)
    return a.levels[horizon][dm] == np.arange(result.n_states)


def nonmyopic_stable(result, dm: str, max_levels: int = MAX_NM_LEVELS) -> np.ndarray:
    """Boolean array: NM stability of every state for ``dm`` (two-DM conflicts).

    The anticipation vectors are computed level by level until a pair repeats; a state is NM
    stable when it is L_h stable at every level of the cycle.
    """
    i, j = _two_dms(result)
    a = anticipation(result, 1)
    if a.cycle_start is None:
        seen: dict[bytes, int] = {}
        h = 0
        while True:
            if h >= len(a.levels):
                anticipation(result, h)
            lv = a.levels[h]
            sig = lv[i].tobytes() + lv[j].tobytes()
            if sig in seen:
                a.cycle_start = seen[sig]
                a.cycle_end = h  # type: ignore[attr-defined]
                break
            seen[sig] = h
            h += 1
            if h > max_levels:
                raise ConceptNotApplicable(f"the anticipation vectors did not repeat within {max_levels} levels")
    out = np.ones(result.n_states, dtype=bool)
    pos = np.arange(result.n_states)
    for h in range(max(a.cycle_start, 1), a.cycle_end):  # type: ignore[attr-defined]
        out &= a.levels[h][dm] == pos
    if a.cycle_start == 0:  # cycle includes h = 0 (then G_h = identity at every level)
        out &= a.levels[a.cycle_end][dm] == pos  # type: ignore[attr-defined]
    return out


def register_horizon(h: int) -> str:
    """Register ``L{h}`` in :data:`detente.gmcr.analysis.EXTRA_CONCEPTS`; returns its name."""
    name = f"L{h}"

    def concept(result, dm, _h=h):
        return limited_move_stable(result, dm, _h)
    concept.__doc__ = f"Limited-move stability with horizon {h} (Kilgour, Hipel & Fang 1987)."
    EXTRA_CONCEPTS[name] = concept
    return name


def _nm(result, dm):
    return nonmyopic_stable(result, dm)


for _h in DEFAULT_HORIZONS:
    register_horizon(_h)
EXTRA_CONCEPTS["NM"] = _nm


# --- explanations -----------------------------------------------------------------------------

@dataclass
class LimitedMoveExplanation:
    """Why a state is or is not L_h stable for a DM: the anticipated line of play."""

    dm: str
    horizon: int
    start: int
    stable: bool
    line: list[tuple[str, int, int]]  # (mover, from position, to position), in order
    outcome: int
    text: list[str]

    def __str__(self) -> str:
        return "\n".join(self.text)

    def to_dict(self, result=None) -> dict:
        state = (lambda p: result.state_dict(p)) if result is not None else (lambda p: int(p) + 1)
        return {"dm": self.dm, "horizon": self.horizon, "state": state(self.start),
                "stable": self.stable, "outcome": state(self.outcome),
                "line": [{"dm": m, "from": state(a), "to": state(b)} for m, a, b in self.line]}


def _best_move(result, mover: str, other: str, position: int, h: int):
    """The move of ``mover`` at ``position`` chosen with h moves left (None: it stays)."""
    a = anticipation(result, h)
    ranks = result.ranks
    key, _ = _tie_key(ranks[mover], ranks[other])
    prev = a.levels[h - 1][other]
    best = None
    for t in result.tables[mover].targets(position):
        g = int(prev[t])
        if ranks[mover][g] > ranks[mover][position] and (best is None or key[g] > key[best[1]]):
            best = (int(t), g)
    return best


def explain(result, position: int, dm: str, horizon: int | None = None) -> LimitedMoveExplanation:
    """The anticipated line of play behind L_h (or NM, ``horizon=None``) stability of a state.

    Parameters
    ----------
    result : AnalysisResult
    position : int
        State position (id - 1).
    dm : str
        The DM about to move.
    horizon : int, optional
        h; default NM (a horizon in the eventual cycle of the anticipation vectors).

    Returns
    -------
    LimitedMoveExplanation
    """
    i, j = _two_dms(result)
    if dm not in (i, j):
        from detente.errors import DetenteError
        raise DetenteError(f"no decision maker named {dm!r}", hint=f"decision makers: {i}, {j}")
    name = f"L{horizon}" if horizon else "NM"
    if horizon is None:
        nonmyopic_stable(result, dm)
        a = result._anticipation
        horizon = max(a.cycle_start, 1)
    other = {i: j, j: i}
    line = []
    mover, pos, h = dm, int(position), int(horizon)
    while h > 0:
        choice = _best_move(result, mover, other[mover], pos, h)
        if choice is None:
            break
        line.append((mover, pos, choice[0]))
        mover, pos, h = other[mover], choice[0], h - 1
    outcome = int(anticipation(result, horizon).levels[horizon][dm][position])
    stable = outcome == position
    yn = result.yn
    text = [f"{yn(position)} is {'' if stable else 'not '}{name} stable for {dm} "
            f"(looking {horizon} move{'s' if horizon != 1 else ''} ahead)."]
    if stable:
        text.append(f"  No move of {dm} leads, with the best replies that follow, to a state {dm} "
                    f"prefers to {yn(position)}.")
    else:
        text.append(f"  {dm} moves, anticipating the line of play (each DM choosing its best "
                    "anticipated outcome, or staying):")
        for m, a_, b in line:
            text.append(f"    {m}: {result.label(a_)} -> {result.label(b)}")
        text.append(f"  ending at {result.label(outcome)}, which {dm} prefers to {yn(position)}.")
    return LimitedMoveExplanation(dm, int(horizon), int(position), stable, line, outcome, text)
