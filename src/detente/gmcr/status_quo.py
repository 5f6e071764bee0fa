"""Status quo analysis: where can the conflict go from today's state, and how?

From the status quo, a breadth-first search over unilateral moves of any DM (or over unilateral
improvements only, each judged by its mover from the state it leaves) finds, for every
reachable state, the fewest moves needed and one shortest sequence. Applied to the equilibria
of a concept, this says which settlements are reachable and by which path (Li, Hipel, Kilgour &
Fang 2004, "Preference uncertainty in the graph model" / status quo analysis; Xu et al. 2018
ch. 6).

**Which shortest path.** Many shortest paths may lead to a state; the one shown has the fewest
moves *against their mover's interest* (to a state its mover ranks strictly below the state it
leaves; a move to a tied state is not an improvement, but not against the mover either). Among
those, ties are broken deterministically from the target backwards: each step comes from the
lowest-numbered state that keeps the count minimal (the least sequence of state ids read from
the target back to the status quo). The count is computed for every state by one pass over the
BFS levels (:func:`least_harm`), so when the path shown needs a move against its mover's
interest, every shortest path needs at least as many; the output says which move and whose.

The search runs level by level over the move tables of :mod:`detente.gmcr.moves`, vectorised
with numpy, so it handles million-state conflicts in memory linear in the number of states.

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}],
...     "status_quo": "NN"})
>>> r = detente.analyze(c, concepts=["Nash"])
>>> sq = reachable(r, "Nash")
>>> [(p.target_yn, len(p.moves)) for p in sq.paths]
[('YY', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.errors import DetenteError


@dataclass
class Step:
    dm: str
    source: int
    target: int
    changes: dict[str, bool]
    improves_mover: bool
    against_mover: bool = False  # the mover ranks the state it reaches strictly below the one it leaves

    def words(self) -> str:
        return f"{self.dm} " + ", ".join(("takes " if v else "drops ") + k for k, v in self.changes.items())


@dataclass
class Path:
    target: int
    target_yn: str
    moves: list[Step]

    @property
    def against_movers(self) -> list[Step]:
        """The moves against their mover's interest (the fewest any shortest path has)."""
        return [s for s in self.moves if s.against_mover]

    def describe(self, result) -> list[str]:
        return [f"{st.words()} -> {result.label(st.target)}{step_note(st)}" for st in self.moves]

    def needs_text(self) -> str | None:
        """``None``, or what the path needs against its movers' interest, in words."""
        bad = self.against_movers
        if not bad:
            return None
        which = "; ".join(f"move {self.moves.index(s) + 1}, {s.words()}" for s in bad)
        return (f"every shortest path needs at least {len(bad)} move{'s' if len(bad) > 1 else ''} "
                f"against its mover's interest; here: {which}")


def step_note(st: Step) -> str:
    """How a step's text marks a move that is not an improvement for its mover."""
    if st.against_mover:
        return f" (against {st.dm}'s interest)"
    return "" if st.improves_mover else f" (not an improvement for {st.dm}: a tie)"


@dataclass
class Reachability:
    """Distances from the status quo and shortest paths to the chosen targets."""

    result: Any = field(repr=False)
    start: int
    improvements_only: bool
    concept: str | None
    distance: np.ndarray  # -1 = unreachable
    parent: np.ndarray  # previous state position on a shortest path (-1 at start/unreached)
    mover: np.ndarray  # index of the DM making that last move
    paths: list[Path]
    unreachable: list[int]

    def __str__(self) -> str:
        r = self.result
        mode = "unilateral improvements" if self.improvements_only else "unilateral moves"
        head = (f"From the status quo {r.label(self.start)} by {mode}: "
                f"{int((self.distance >= 0).sum())} of {r.n_states} states reachable")
        lines = [head]
        for p in self.paths:
            lines.append(f"  -> {r.label(p.target)} in {len(p.moves)} move(s)")
            lines += ["       " + s for s in p.describe(r)]
            if p.needs_text():
                lines.append("       " + p.needs_text())
        for u in self.unreachable:
            lines.append(f"  -> {r.label(u)} is not reachable")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "status_quo": r.state_dict(self.start),
            "improvements_only": self.improvements_only,
            "concept": self.concept,
            "n_reachable": int((self.distance >= 0).sum()),
            "paths": [{"target": r.state_dict(p.target), "length": len(p.moves),
                       "moves_against_movers": len(p.against_movers),
                       "moves": [{"dm": s.dm, "from": r.state_dict(s.source), "to": r.state_dict(s.target),
                                  "changes": s.changes, "improves_mover": s.improves_mover,
                                  "against_mover": s.against_mover}
                                 for s in p.moves]} for p in self.paths],
            "unreachable": [r.state_dict(u) for u in self.unreachable],
        }


def _pull(t, values: np.ndarray, op: str, fill) -> np.ndarray:
    """For every state x: min/max of ``values`` over the states y with x ∈ R_l(y) ∪ {y}.

    The transpose of :meth:`MoveTable.reach`: the same per-option DP over the DM's pattern
    cube, with one-way options letting values flow towards the state they lead to.
    """
    fn = np.minimum if op == "min" else np.maximum
    tab = t.table
    cells = np.where(tab >= 0, values[np.maximum(tab, 0)], fill)
    rows = cells.shape[0]
    for j, d in enumerate(t.directions):
        v = cells.reshape(rows, -1, 2, 1 << j)
        lo, hi = v[:, :, 0, :], v[:, :, 1, :]
        if d == "both":
            both = fn(lo, hi)
            v[:, :, 0, :] = both
            v[:, :, 1, :] = both
        elif d == "take_only":  # N -> Y: a state with the option taken may come from one without
            v[:, :, 1, :] = fn(lo, hi)
        else:  # drop_only: Y -> N
            v[:, :, 0, :] = fn(lo, hi)
    return t._scatter(cells)


def _level_pull(t, frontier_mask, unvisited, ranks, improvements_only):
    """New states one move of the DM away from the frontier, and a parent for each."""
    n = frontier_mask.shape[0]
    pos = np.arange(n, dtype=np.int64)
    if improvements_only:
        big = np.iinfo(np.int64).max
        # Least (rank, position) among the frontier states that can move to x: an improving
        # move exists iff that least rank is below x's rank.
        key = np.where(frontier_mask, ranks.astype(np.int64) * n + pos, big)
        best = _pull(t, key, "min", big)
        ok = unvisited & (best != big)
        ok &= (np.where(ok, best, 0) // n) < ranks
        tgt = np.flatnonzero(ok)
        return tgt, best[tgt] % n
    src = _pull(t, np.where(frontier_mask, pos, -1), "max", np.int64(-1))
    tgt = np.flatnonzero(unvisited & (src >= 0))
    return tgt, src[tgt]


def bfs(result, start: int, improvements_only: bool = False):
    """Distances, parents and movers of a BFS over all DMs' moves from ``start``.

    Each level and DM is expanded the cheaper way: from a small frontier by listing its moves
    (frontier x 2^k cells), from a large one by a per-option DP over the whole move table
    (which states can some frontier state reach), so memory stays linear in the states.
    """
    n = result.space.n
    dist = np.full(n, -1, dtype=np.int32)
    parent = np.full(n, -1, dtype=np.int64)
    mover = np.full(n, -1, dtype=np.int16)
    dist[start] = 0
    frontier = np.array([start], dtype=np.int64)
    dms = result.conflict.dm_names
    level = 0
    while frontier.size:
        level += 1
        new_parts = []
        frontier_mask = None
        for di, dm in enumerate(dms):
            t = result.tables[dm]
            cells = t.table.size
            if frontier.size * (1 << t.k) > cells:
                if frontier_mask is None:
                    frontier_mask = np.zeros(n, dtype=bool)
                    frontier_mask[frontier] = True
                tgt, src = _level_pull(t, frontier_mask, dist < 0, result.ranks[dm], improvements_only)
                if tgt.size == 0:
                    continue
                dist[tgt] = level
                parent[tgt] = src
                mover[tgt] = di
                new_parts.append(tgt)
                continue
            rows = t.row_of[frontier]
            pats = t.pattern_of[frontier]
            cand = t.table[rows]  # (F, 2^k) positions
            ok = (cand >= 0) & t.allowed[pats]
            if improvements_only:
                rk = result.ranks[dm]
                ok &= rk[np.maximum(cand, 0)] > rk[frontier][:, None]
            src_idx, col = np.nonzero(ok)
            tgt = cand[src_idx, col].astype(np.int64)
            fresh = dist[tgt] < 0
            tgt, src = tgt[fresh], frontier[src_idx[fresh]]
            if tgt.size == 0:
                continue
            tgt, first = np.unique(tgt, return_index=True)
            src = src[first]
            still = dist[tgt] < 0  # another DM may have reached it at this level already
            tgt, src = tgt[still], src[still]
            dist[tgt] = level
            parent[tgt] = src
            mover[tgt] = di
            new_parts.append(tgt)
        frontier = np.concatenate(new_parts) if new_parts else np.zeros(0, dtype=np.int64)
    return dist, parent, mover


def least_harm(result, dist: np.ndarray, method: str | None = None) -> np.ndarray:
    """For every state reached by the BFS (``dist`` from :func:`bfs` over all moves), the fewest
    moves against their mover's interest on a shortest path from the start (-1 where unreached).

    Level by level: a state x at distance L takes the least, over its predecessors y at L-1 and
    the DM l moving y -> x, of harm[y] + (rank_l[x] < rank_l[y]). Each DM is done the cheaper
    way, as in :func:`bfs`: by listing the moves of a small frontier, or for a large one by a pull
    over the whole move table of the least (harm, rank) among the frontier states that can move
    to x. That pair decides: if its rank is not above x's, x costs its harm; otherwise every
    predecessor either adds a move against its mover or starts with more harm, so x costs one more.
    ``method`` forces one way for every level (``"list"`` or ``"pull"``; for tests).
    """
    n = dist.shape[0]
    harm = np.full(n, -1, dtype=np.int64)
    reached = dist >= 0
    if not reached.any():
        return harm
    harm[dist == 0] = 0
    order = np.argsort(np.where(reached, dist, np.iinfo(np.int32).max), kind="stable")
    counts = np.bincount(dist[reached])
    offsets = np.concatenate(([0], np.cumsum(counts)))
    big = np.iinfo(np.int64).max
    for level in range(1, counts.shape[0]):
        frontier = order[offsets[level - 1]: offsets[level]]
        targets = order[offsets[level]: offsets[level + 1]]
        best = np.full(n, big, dtype=np.int64)
        at_level = dist == level
        frontier_mask = None
        for dm in result.conflict.dm_names:
            t = result.tables[dm]
            rk = result.ranks[dm].astype(np.int64)
            pull = frontier.size * (1 << t.k) > t.table.size if method is None else method == "pull"
            if pull:
                if frontier_mask is None:
                    frontier_mask = np.zeros(n, dtype=bool)
                    frontier_mask[frontier] = True
                width = int(rk.max()) + 1
                key = np.where(frontier_mask, harm * width + rk, big)
                pulled = _pull(t, key, "min", big)
                ok = np.flatnonzero(at_level & (pulled != big))
                h, r = pulled[ok] // width, pulled[ok] % width
                np.minimum.at(best, ok, h + (r > rk[ok]))
                continue
            chunk = max(1, (1 << 20) >> t.k)
            for i in range(0, frontier.size, chunk):
                src = frontier[i:i + chunk]
                cand = t.table[t.row_of[src]].astype(np.int64)
                ok = (cand >= 0) & t.allowed[t.pattern_of[src]]
                ok &= at_level[np.maximum(cand, 0)]
                si, col = np.nonzero(ok)
                y, x = src[si], cand[si, col]
                np.minimum.at(best, x, harm[y] + (rk[x] < rk[y]))
        harm[targets] = best[targets]
    return harm


def _predecessor(result, cur: int, dist: np.ndarray, harm: np.ndarray,
                 improvements_only: bool) -> tuple[int, int]:
    """The lowest-numbered state y one move before ``cur`` on a shortest path with the least
    harm (by improvements only: on a shortest path of improvements), and the DM moving y -> cur."""
    found = None
    for di, dm in enumerate(result.conflict.dm_names):
        t = result.tables[dm]
        cand = t.table[t.row_of[cur]].astype(np.int64)
        cand = cand[(cand >= 0) & (cand != cur)]
        cand = cand[dist[cand] == dist[cur] - 1]
        cand = cand[t.allowed[t.pattern_of[cand], t.pattern_of[cur]]]
        rk = result.ranks[dm]
        if improvements_only:
            cand = cand[rk[cand] < rk[cur]]
        else:
            cand = cand[harm[cand] + (rk[cur] < rk[cand]) == harm[cur]]
        if cand.size and (found is None or int(cand.min()) < found[0]):
            found = (int(cand.min()), di)
    if found is None:  # cannot happen: dist and harm come from the same moves
        raise AssertionError(f"no predecessor of state {cur + 1} on a shortest path")
    return found


def reachable(result, concept: str | None = None, *, to: list[int] | None = None,
              improvements_only: bool = False, start: int | None = None) -> Reachability:
    """Shortest paths from the status quo to each equilibrium of ``concept`` (or to ``to``).

    Parameters
    ----------
    result
        An :class:`~detente.gmcr.analysis.AnalysisResult`.
    concept
        Targets are this concept's equilibria (ignored when ``to`` is given).
    to
        Target state positions.
    improvements_only
        Only moves that are unilateral improvements for the DM making them.
    start
        Start position; default the model's status quo.
    """
    if start is None:
        start = result.status_quo_position
        if start is None:
            raise DetenteError("the model has no status_quo",
                               hint="add 'status_quo:' to the model file (a Y/N string or the list of taken options)")
    if to is None:
        if concept is None:
            raise DetenteError("say which targets: a concept's equilibria or explicit states")
        if concept not in result.stable:
            raise DetenteError(f"{concept} was not computed in this analysis")
        to = [int(p) for p in result.equilibria(concept)]
    dist, parent, mover = bfs(result, start, improvements_only)
    dms = result.conflict.dm_names
    paths, unreachable = [], []
    harm = None
    for t in sorted(to, key=lambda p: (dist[p] < 0, dist[p], p)):
        if dist[t] < 0:
            unreachable.append(int(t))
            continue
        if harm is None:  # by improvements only, no move is against its mover
            harm = np.zeros(dist.shape[0], dtype=np.int64) if improvements_only else least_harm(result, dist)
        steps = []
        cur = int(t)
        while cur != start:
            prev, di = _predecessor(result, cur, dist, harm, improvements_only)
            dm = dms[di]
            ca, cb = int(result.space.codes[prev]), int(result.space.codes[cur])
            changes = {o.name: bool((cb >> o.index) & 1) for o in result.conflict.options
                       if ((ca ^ cb) >> o.index) & 1}
            rk = result.ranks[dm]
            steps.append(Step(dm, prev, cur, changes, bool(rk[cur] > rk[prev]), bool(rk[cur] < rk[prev])))
            cur = prev
        paths.append(Path(int(t), result.yn(t), steps[::-1]))
    return Reachability(result, int(start), improvements_only, concept, dist, parent, mover,
                        paths, unreachable)
