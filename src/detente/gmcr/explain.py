"""Why is a state stable, or not, for a decision maker?

For a state s, a DM i and a concept, :func:`explain` lists each of i's unilateral improvements
s1 and, for each, the sanction that deters it: the shortest legal sequence of opponents' moves
from s1 to a state s2 that i does not prefer to s (for SMR, one from which i cannot escape to a
state it prefers to s; for SEQ, every move an improvement for its mover; for SIM, the
opponents' simultaneous improvements). Each move says who moves, which options change, how i
ranks the state reached, and whether the move is an improvement for the DM making it — a
sanction whose moves all improve their movers is *credible*. An improvement that nothing deters
makes s unstable (definitions: Fang, Hipel & Kilgour 1993; Xu et al. 2018).

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
>>> r = detente.analyze(c, concepts=["GMR"])
>>> e = explain(r, r.position_of("NN"), "A", "GMR")
>>> e.stable, e.improvements[0].sanctioned
(True, True)
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.errors import DetenteError

if False:  # typing only
    from detente.gmcr.analysis import AnalysisResult


@dataclass
class Move:
    """One unilateral move in a sequence."""

    dm: str
    source: int  # state position
    target: int
    changes: dict[str, bool]  # option -> new value
    improves_mover: bool
    focal_rank: int  # 1 = the focal DM's most preferred level

    def describe(self, result: "AnalysisResult") -> str:
        ch = ", ".join(("takes " if v else "drops ") + k for k, v in self.changes.items())
        cred = "an improvement for it" if self.improves_mover else "NOT an improvement for it"
        return (f"{self.dm} {ch}: {result.label(self.source)} -> "
                f"{result.label(self.target)} ({cred})")

    def to_dict(self, result: "AnalysisResult") -> dict[str, Any]:
        return {"dm": self.dm, "from": result.state_dict(self.source),
                "to": result.state_dict(self.target), "changes": self.changes,
                "improves_mover": self.improves_mover, "focal_rank": self.focal_rank}


@dataclass
class ImprovementCheck:
    """One unilateral improvement of the focal DM and what (if anything) deters it."""

    move: Move
    sanction: list[Move] | None  # None: nothing deters it
    note: str = ""

    @property
    def sanctioned(self) -> bool:
        return self.sanction is not None

    @property
    def credible(self) -> bool | None:
        """Whether every sanctioning move is an improvement for its mover (None if unsanctioned)."""
        if self.sanction is None:
            return None
        return all(m.improves_mover for m in self.sanction)


@dataclass
class Explanation:
    """Why a state is or is not stable for one DM under one concept."""

    position: int
    dm: str
    concept: str
    stable: bool
    improvements: list[ImprovementCheck] = field(default_factory=list)
    rank: int = 0  # focal DM's level of the state (1 = best)
    levels: int = 0
    result: "AnalysisResult | None" = field(default=None, repr=False)

    def lines(self) -> list[str]:
        r = self.result
        s = f"{r.label(self.position)}"
        out = [f"State {s} is {'STABLE' if self.stable else 'NOT stable'} for {self.dm} under "
               f"{self.concept} ({self.dm} ranks it {self.rank} of {self.levels}, 1 = best)."]
        if not self.improvements:
            out.append(f"  {self.dm} has no unilateral improvement from {s}.")
        for chk in self.improvements:
            out.append(f"  Improvement: {chk.move.describe(r)}; {self.dm} ranks it {chk.move.focal_rank}.")
            if self.concept == "Nash":
                out.append("    Under Nash any improvement makes the state unstable.")
                continue
            if chk.sanction is None:
                out.append("    Nothing deters it" + (f": {chk.note}" if chk.note else "."))
                continue
            if not chk.sanction:
                out.append(f"    Deterred: {chk.note}")
                continue
            out.append("    Deterred by" + ("" if len(chk.sanction) == 1 else f" {len(chk.sanction)} moves") + ":")
            for m in chk.sanction:
                out.append(f"      {m.describe(r)}; {self.dm} ranks it {m.focal_rank}")
            out.append("      credible: " + ("yes, every sanctioning move improves its mover" if chk.credible
                                             else "no, at least one sanctioning move hurts its mover"))
            if chk.note:
                out.append(f"      {chk.note}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from detente.notebook import explanation_html
        return explanation_html(self)

    def to_dict(self, result=None) -> dict[str, Any]:
        r = self.result
        return {
            "state": r.state_dict(self.position), "dm": self.dm, "concept": self.concept,
            "stable": self.stable, "rank": self.rank, "levels": self.levels,
            "improvements": [{
                "move": chk.move.to_dict(r),
                "sanctioned": chk.sanctioned,
                "credible": chk.credible,
                "sanction": [m.to_dict(r) for m in chk.sanction] if chk.sanction is not None else None,
                "note": chk.note,
            } for chk in self.improvements],
        }


def _levels(ranks: np.ndarray) -> tuple[np.ndarray, int]:
    """Rank -> level (1 = best) for display."""
    uniq = np.unique(ranks)
    level_of = {int(v): len(uniq) - i for i, v in enumerate(uniq)}
    return np.array([level_of[int(v)] for v in ranks], dtype=np.int32), len(uniq)


def _changes(result, a: int, b: int) -> dict[str, bool]:
    ca, cb = int(result.space.codes[a]), int(result.space.codes[b])
    diff = ca ^ cb
    return {o.name: bool((cb >> o.index) & 1) for o in result.conflict.options if (diff >> o.index) & 1}


def _move(result, dm, a, b, levels) -> Move:
    r = result.ranks[dm]
    return Move(dm, int(a), int(b), _changes(result, a, b), bool(r[b] > r[a]), int(levels[b]))


def sanction_floor(result, dm: str, concept: str) -> np.ndarray:
    """m_H for ``dm``: for every state s1, the least value (for ``dm``) that its opponents can
    force from s1 (GMR: any legal sequence; SEQ: improvements only; SMR: valued by ``dm``'s best
    counter-response). An improvement s -> s1 is sanctioned exactly when
    ``min(rank(s1), floor[s1]) <= rank(s)``. Computed once per (DM, concept) and cached on the
    result, so explaining many states costs one engine pass plus a search per *sanctioned* move.
    """
    from detente.gmcr.stability import _least_reachable
    cache = result.__dict__.setdefault("_sanction_floors", {})
    key = (dm, concept)
    if key not in cache:
        v = result.ranks[dm]
        values = result.tables[dm].reach_max(v) if concept == "SMR" else v
        m, _ = _least_reachable(dm, values, result.tables, result.ranks,
                                improvements_only=(concept == "SEQ"))
        cache[key] = np.minimum(m, v)
    return cache[key]


def find_sanction(result, position: int, s1: int, dm: str, concept: str, levels: np.ndarray,
                  max_nodes: int = 2_000_000) -> tuple[list[Move] | None, str]:
    """Shortest opponents' sequence from s1 that sanctions dm's move from ``position``."""
    v = result.ranks[dm]
    threshold = v[position]
    if sanction_floor(result, dm, concept)[s1] > threshold:
        return None, ""  # nothing reachable deters it: no need to search
    tables = result.tables
    opponents = [d for d in result.conflict.dm_names if d != dm]
    if concept == "SMR":
        escape = tables[dm].reach_max(v)  # best i can reach from each state (incl. staying)

    def goal(p: int) -> bool:
        if v[p] > threshold:
            return False
        return concept != "SMR" or escape[p] <= threshold

    start = (int(s1), dm)
    parent: dict[tuple[int, str], tuple[int, str] | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        p, last = node
        for l in opponents:
            if l == last:
                continue
            targets = tables[l].targets(p)
            if concept == "SEQ":
                targets = targets[result.ranks[l][targets] > result.ranks[l][p]]
            for t in targets:
                nxt = (int(t), l)
                if nxt in parent:
                    continue
                parent[nxt] = node
                if goal(int(t)):
                    path = []
                    cur = nxt
                    while parent[cur] is not None:
                        prev = parent[cur]
                        path.append(_move(result, cur[1], prev[0], cur[0], levels))
                        cur = prev
                    return path[::-1], ""
                queue.append(nxt)
                if len(parent) > max_nodes:
                    return None, "search for a sanction stopped after 2 million states"
    return None, ""


def _sim_sanction(result, position: int, s1: int, dm: str, levels) -> tuple[list[Move] | None, str]:
    space, tables, ranks = result.space, result.tables, result.ranks
    opponents = [d for d in result.conflict.dm_names if d != dm]
    v = ranks[dm]
    code_s = int(space.codes[position])
    code_1 = int(space.codes[s1])
    choices = []
    for j in opponents:
        t = tables[j].targets(position)
        uis = [int(x) for x in t if ranks[j][x] > ranks[j][position]]
        choices.append([None] + uis)
    mask_i = result.conflict.dm_mask(dm)
    for combo in itertools.product(*choices):
        code = (code_s & ~mask_i) | (code_1 & mask_i)
        for j, c in zip(opponents, combo):
            if c is None:
                continue
            mj = result.conflict.dm_mask(j)
            code = (code & ~mj) | (int(space.codes[c]) & mj)
        pos = int(space.index_of(np.uint64(code)))
        if pos >= 0 and v[pos] <= v[position]:
            moves = [_move(result, j, position, c, levels) for j, c in zip(opponents, combo) if c is not None]
            note = (f"simultaneously with {dm}'s move the conflict lands in {result.label(pos)}, "
                    f"which {dm} ranks {levels[pos]}")
            return moves, note
    return None, "no combination of the opponents' simultaneous improvements (or staying) hurts it"


def explain(result: "AnalysisResult", position: int, dm: str, concept: str) -> Explanation:
    """Explain the stability of the state at ``position`` for ``dm`` under ``concept``.

    Parameters
    ----------
    result
        An :class:`~detente.gmcr.analysis.AnalysisResult` (any concepts).
    position
        State position (``id - 1``); see :meth:`AnalysisResult.position_of`.
    dm, concept
        Decision maker name; Nash, GMR, SMR, SEQ or SIM.
    """
    from detente.gmcr.analysis import normalise_concepts
    concept = normalise_concepts([concept])[0]
    # Limited-move / non-myopic and coalition concepts have their own explanations.
    if concept == "NM" or (concept[:1] == "L" and concept[1:].isdigit()):
        from detente.gmcr.limited_move import explain as explain_limited_move
        return explain_limited_move(result, position, dm, None if concept == "NM" else int(concept[1:]))
    if concept in ("CNash", "CGMR", "CSMR", "CSEQ"):
        from detente.gmcr.coalitions import explain_for_dm
        return explain_for_dm(result, position, dm, concept)
    if concept not in ("Nash", "GMR", "SMR", "SEQ", "SIM"):
        raise DetenteError(f"explanations are available for Nash, GMR, SMR, SEQ and SIM, not {concept}")
    result.conflict.dm(dm)  # raises a clear error for an unknown DM
    v = result.ranks[dm]
    levels, n_levels = _levels(v)
    targets = result.tables[dm].targets(position)
    uis = sorted((int(t) for t in targets if v[t] > v[position]), key=lambda t: (-v[t], t))
    checks = []
    for s1 in uis:
        mv = _move(result, dm, position, s1, levels)
        if concept == "Nash":
            checks.append(ImprovementCheck(mv, None, "Nash stability allows no improvement"))
            continue
        if concept == "SIM":
            sanction, note = _sim_sanction(result, position, s1, dm, levels)
        else:
            sanction, note = find_sanction(result, position, s1, dm, concept, levels)
            if sanction is None and not note:
                who = "improvements of" if concept == "SEQ" else "moves by"
                note = f"no sequence of {who} {', '.join(d for d in result.conflict.dm_names if d != dm)} " \
                       f"leads to a state {dm} does not prefer to {result.label(position)}"
                if concept == "SMR":
                    note += f" without {dm} being able to escape to a better one"
        checks.append(ImprovementCheck(mv, sanction, note))
    stable = all(c.sanctioned for c in checks) if concept != "Nash" else not checks
    return Explanation(position, dm, concept, stable, checks, int(levels[position]), n_levels, result)
