"""First-level hypergames in graph form: each DM analyses the conflict it perceives.

Definitions (docs/hypergames.md; Wang, Hipel & Fraser 1988, 1989; Aljefri, Fang & Hipel 2014;
Aljefri, Hipel & Fang 2018). Reality is the model G with the DMs' true preferences. DM i's view
G_i (:func:`detente.model.perception.perceived_conflict`) has the states S_i it can see, the
moves it believes each DM has among them, its true preferences and its beliefs about the others'.

* s is **stable for i in its own view** under a concept when the usual definition holds inside
  G_i (i's improvements by ≻_i; sanctions by the moves of G_i; SEQ credibility by i's beliefs).
* s is an **equilibrium in i's view** (i expects it) when it is stable in G_i for every DM j,
  each judged by ≻_i^j.
* s is a **hypergame equilibrium** when s is feasible, every DM can see it, and it is stable for
  each DM in that DM's own view.

:func:`hypergame` analyses reality and every view with the ordinary engine (a DM without a
perception sees reality, whose analysis is reused) and combines the results over the union of
all states any of them contains, so that each state keeps one code everywhere.

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["a"]},
...     {"name": "B", "options": ["b"], "preferences": ["b", "not a"],
...      "perception": {"preferences_of": {"A": {"preferences": ["not a"]}}}}]})
>>> h = hypergame(c, ["Nash"])
>>> [h.yn(p) for p in h.equilibria("Nash", "B")]     # B expects A to stay out
['NY']
>>> [h.yn(p) for p in h.hypergame_equilibria("Nash")]
['YY']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from detente.errors import DetenteError
from detente.gmcr.analysis import AnalysisResult, analyze, normalise_concepts
from detente.model.conflict import Conflict, Statement
from detente.model.perception import perceived_conflict

SCHEMA = "detente.hypergame/1"
HYPERGAME_CONCEPTS = ("Nash", "GMR", "SMR", "SEQ")

# The classes of states computed for every concept, in the order they are reported.
CLASSES = ("real_equilibrium", "hypergame_equilibrium", "steady", "unsteady", "stealthy")


def hypergame_concepts(concepts: Iterable[str] | None) -> list[str]:
    """Canonical concept names among Nash, GMR, SMR, SEQ (default all four)."""
    if concepts is None:
        return list(HYPERGAME_CONCEPTS)
    out = normalise_concepts(concepts)
    bad = [c for c in out if c not in HYPERGAME_CONCEPTS]
    if bad:
        raise DetenteError(f"hypergame analysis covers Nash, GMR, SMR and SEQ, not {', '.join(bad)}",
                           hint="choose among Nash, GMR, SMR, SEQ (the concepts the hypergame papers define)")
    return out


@dataclass
class HypergameResult:
    """Reality, each DM's view, and how they combine (first-level hypergame).

    Every array is over :attr:`universe`, the sorted union of the state codes feasible in
    reality or in some DM's view; a state that is not in a view counts as not stable there.

    Attributes
    ----------
    conflict : Conflict
    concepts : list of str
    reality : AnalysisResult
        The conflict with every DM's true preferences and the real feasible states.
    views : dict[str, AnalysisResult]
        Per DM, the analysis of its perceived game (``reality`` itself for a DM that has no
        perception).
    universe : ndarray of uint64
    real : ndarray of bool
        Feasible in reality.
    visible : dict[str, ndarray of bool]
        In DM i's view (S_i).
    own_stable : dict[str, dict[str, ndarray]]
        ``own_stable[concept][i]``: stable for i in its own view.
    expected : dict[str, dict[str, ndarray]]
        ``expected[concept][i]``: an equilibrium in i's view.
    """

    conflict: Conflict
    concepts: list[str]
    reality: AnalysisResult
    views: dict[str, AnalysisResult]
    universe: np.ndarray
    real: np.ndarray
    visible: dict[str, np.ndarray]
    own_stable: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    expected: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    real_equilibrium: dict[str, np.ndarray] = field(default_factory=dict)
    # Second level: per DM with 'views_of', its model of this hypergame (its view as reality,
    # each other DM perceiving it as it believes; docs/hypergames.md).
    second_level: dict[str, "HypergameResult"] = field(default_factory=dict)

    # -- lookups -------------------------------------------------------------------------
    @property
    def dms(self) -> list[str]:
        return self.conflict.dm_names

    @property
    def perceivers(self) -> list[str]:
        """DMs whose view differs from reality (they have a perception)."""
        return [d.name for d in self.conflict.decision_makers if d.perception is not None]

    def yn(self, position: int) -> str:
        return self.conflict.yn(int(self.universe[position]))

    def label(self, position: int) -> str:
        """``YN`` and the state's names (:func:`detente.model.conflict.state_label`; no id: the
        universe of views has states reality does not number)."""
        return self.conflict.state_label(int(self.universe[position]))

    def position_of(self, state: int | str) -> int:
        """Position in :attr:`universe` of a state given by code, Y/N text or taken options.

        Numeric ids are reality's state ids (``detente states``)."""
        if isinstance(state, str):
            text = state.strip()
            if len(text) == self.conflict.n_options and set(text.upper()) <= set("YN"):
                code = sum(1 << k for k, ch in enumerate(text.upper()) if ch == "Y")
            else:
                code = self.reality.space.parse_state(text)
        else:
            code = int(state)
        pos = int(np.searchsorted(self.universe, np.uint64(code)))
        if pos >= self.universe.shape[0] or int(self.universe[pos]) != code:
            raise DetenteError(f"state {self.conflict.yn(code)} is infeasible in reality and in every DM's view",
                               hint="`detente states MODEL` lists the feasible states")
        return pos

    def state_dict(self, position: int) -> dict[str, Any]:
        code = int(self.universe[position])
        real_id = int(self.reality.space.index_of(np.uint64(code)))
        return {"id": real_id + 1 if real_id >= 0 else None, "yn": self.conflict.yn(code),
                "taken": self.conflict.taken(code), "names": self.conflict.state_names(code),
                "real": bool(self.real[position]),
                "invisible_to": [d for d in self.dms if not self.visible[d][position]]}

    # -- the sets the papers compare -----------------------------------------------------
    def hypergame_mask(self, concept: str) -> np.ndarray:
        """Feasible, seen by every DM, stable for each DM in its own view."""
        out = self.real.copy()
        for d in self.dms:
            out &= self.visible[d] & self.own_stable[concept][d]
        return out

    def hypergame_equilibria(self, concept: str) -> np.ndarray:
        return np.flatnonzero(self.hypergame_mask(concept))

    def equilibria(self, concept: str, viewer: str | None = None) -> np.ndarray:
        """Equilibria of reality (``viewer=None``) or in one DM's view (the states it expects)."""
        if viewer is None:
            return np.flatnonzero(self.real_equilibrium[concept])
        self.conflict.dm(viewer)
        return np.flatnonzero(self.expected[concept][viewer])

    def classes(self, concept: str) -> dict[str, np.ndarray]:
        """Boolean masks of the classes of docs/hypergames.md for one concept.

        ``steady``: a hypergame equilibrium every DM expects; ``unsteady``: seen by every DM and
        expected by some, but not a hypergame equilibrium; ``stealthy``: an equilibrium of reality that some DM
        cannot see (our readings of Aljefri, Fang & Hipel 2014's three sets; see the docs).
        """
        hyper = self.hypergame_mask(concept)
        all_expect = np.ones_like(hyper)
        some_expect = np.zeros_like(hyper)
        unseen = np.zeros_like(hyper)
        for d in self.dms:
            all_expect &= self.expected[concept][d]
            some_expect |= self.expected[concept][d]
            unseen |= ~self.visible[d]
        return {"real_equilibrium": self.real_equilibrium[concept], "hypergame_equilibrium": hyper,
                "steady": hyper & all_expect, "unsteady": some_expect & ~hyper & ~unseen,
                "stealthy": self.real_equilibrium[concept] & unseen}

    def per_dm(self, concept: str, dm: str) -> dict[str, np.ndarray]:
        """What one DM gets right and wrong, as masks over :attr:`universe`.

        ``expected`` (equilibria in its view), ``not_real`` (expected, not an equilibrium of
        reality), ``not_hypergame`` (expected, not a hypergame equilibrium: a strategic
        surprise for it), ``unexpected`` (hypergame equilibria it does not expect),
        ``invisible`` (feasible states it cannot see), ``imagined`` (states it sees that are
        infeasible).
        """
        exp = self.expected[concept][dm]
        hyper = self.hypergame_mask(concept)
        return {"expected": exp, "not_real": exp & ~self.real_equilibrium[concept],
                "not_hypergame": exp & ~hyper, "unexpected": hyper & ~exp,
                "invisible": self.real & ~self.visible[dm], "imagined": self.visible[dm] & ~self.real}

    # -- output --------------------------------------------------------------------------
    def _states(self, mask: np.ndarray) -> list[dict[str, Any]]:
        return [self.state_dict(p) for p in np.flatnonzero(mask)]

    def to_dict(self) -> dict[str, Any]:
        """The ``hypergame`` part of the JSON output (docs/json-schema.md)."""
        c = self.conflict
        views = {}
        for d in c.decision_makers:
            per = d.perception
            views[d.name] = {
                "differs_from_reality": per is not None,
                "n_states": int(self.visible[d.name].sum()),
                "unknown_options": per.unknown_option_names if per else [],
                "believes_infeasible": [k.text for k in per.believes_infeasible] if per else [],
                "believes_feasible": [k.text for k in per.believes_feasible] if per else [],
                "beliefs_about": sorted(per.preferences_of) if per else [],
            }
        results = {}
        for concept in self.concepts:
            cls = self.classes(concept)
            results[concept] = {
                **{name: self._states(mask) for name, mask in cls.items()},
                "by_dm": {d: {
                    "stable_in_own_view": [self.yn(p) for p in np.flatnonzero(self.own_stable[concept][d])],
                    **{k: [self.yn(p) for p in np.flatnonzero(v)] for k, v in self.per_dm(concept, d).items()},
                } for d in self.dms},
            }
        out = {"schema": SCHEMA, "views": views, "concepts": self.concepts, "results": results}
        if self.second_level:
            out["second_level"] = {i: {
                "views_of": sorted(h2.perceivers),
                "results": {k: {"hypergame_equilibrium": [h2.yn(p) for p in h2.hypergame_equilibria(k)],
                                "expected": {j: [h2.yn(p) for p in h2.equilibria(k, j)] for j in h2.perceivers}}
                            for k in h2.concepts}} for i, h2 in self.second_level.items()}
        return out

    def summary_lines(self) -> list[str]:
        lines = ["Hypergame (first level): " + (", ".join(f"{d} sees its own game" for d in self.perceivers)
                                                 or "every DM sees reality")]
        for concept in self.concepts:
            cls = self.classes(concept)
            show = lambda m: ", ".join(f"{self.label(p)}" for p in np.flatnonzero(m)[:10]) or "-"  # noqa: E731
            lines.append(f"  {concept:5s} reality: {show(cls['real_equilibrium'])}; "
                         f"hypergame equilibria: {show(cls['hypergame_equilibrium'])}")
            for d in self.perceivers:
                pd = self.per_dm(concept, d)
                lines.append(f"        {d} expects: {show(pd['expected'])}"
                             + (f" (not equilibria in reality: {show(pd['not_real'])})" if pd["not_real"].any() else ""))
        return lines

    def second_level_lines(self) -> list[str]:
        """What each DM with 'views_of' expects the others to expect (second level)."""
        lines = []
        for i, h2 in self.second_level.items():
            show = lambda arr: ", ".join(h2.label(p) for p in arr[:10]) or "-"  # noqa: E731
            for k in h2.concepts:
                lines.append(f"  {k:5s} as {i} sees the hypergame: "
                             + "; ".join(f"{j} expects {show(h2.equilibria(k, j))}" for j in h2.perceivers)
                             + f"; hypergame equilibria {show(h2.hypergame_equilibria(k))}")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines() + self.second_level_lines())

    __repr__ = __str__


def _require_memory_for_views(reality: AnalysisResult, n_views: int) -> None:
    """Refuse up front when reality and every view analysed would not fit in memory together."""
    from detente.errors import Problem, TooLargeError
    from detente.model.states import _fmt_bytes, estimate_analysis_bytes, memory_budget_bytes
    need = estimate_analysis_bytes(reality.space) * (1 + n_views)
    budget = memory_budget_bytes()
    if n_views and need > budget:
        raise TooLargeError(Problem(
            f"the hypergame analysis keeps reality and {n_views} perceived game(s) of about "
            f"{reality.n_states:,} states each: about {_fmt_bytes(need)} of memory, more than the "
            f"{_fmt_bytes(budget)} allowed", file=reality.conflict.file,
            hint="give fewer DMs a perception, add constraints, or raise DETENTE_MAX_MEMORY_GB"))


def _mask(universe: np.ndarray, codes: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
    """Spread a per-state array of one state space over the universe (False elsewhere)."""
    out = np.zeros(universe.shape[0], dtype=bool)
    pos = np.searchsorted(universe, codes)
    out[pos] = True if values is None else values
    return out


def hypergame(conflict: Conflict | str, concepts: Iterable[str] | None = None, *,
              reality: AnalysisResult | None = None,
              progress: Callable[[str, int, int], None] | None = None,
              views: dict[str, AnalysisResult] | None = None) -> HypergameResult:
    """First-level hypergame analysis: reality, each DM's view, and their combination.

    Parameters
    ----------
    conflict
        A loaded :class:`~detente.model.conflict.Conflict` (DMs may have a ``perception``) or a
        path to a model file.
    concepts
        Among Nash, GMR, SMR, SEQ (default all four).
    reality
        An analysis of ``conflict`` already made with at least these concepts (reused).
    progress
        Called as ``progress(task, done, total)`` once per analysed game.
    views
        Analyses of some DMs' perceived games already made (reused; used by
        :func:`perception_robustness`).

    Returns
    -------
    HypergameResult

    Examples
    --------
    >>> import detente
    >>> c = detente.load("tests/fixtures/hypergame/unknown-option.yaml")  # doctest: +SKIP
    >>> hypergame(c).hypergame_equilibria("GMR")                        # doctest: +SKIP
    """
    if not isinstance(conflict, Conflict):
        from detente.model.load import load
        conflict = load(conflict)
    concepts = hypergame_concepts(concepts)
    perceivers = [d.name for d in conflict.decision_makers if d.perception is not None]
    total = 1 + len(perceivers)
    if reality is None or any(c not in reality.stable for c in concepts):
        reality = analyze(conflict, concepts)
    _require_memory_for_views(reality, len([d for d in perceivers if d not in (views or {})]))
    if progress:
        progress("reality", 1, total)
    given = views or {}
    views = {}
    for d in conflict.dm_names:
        if d in given:
            views[d] = given[d]
        elif d in perceivers:
            views[d] = analyze(perceived_conflict(conflict, d), concepts)
            if progress:
                progress(f"{d}'s view", 2 + perceivers.index(d), total)
        else:
            views[d] = reality
    universe = reality.space.codes
    for d in perceivers:
        universe = np.union1d(universe, views[d].space.codes)
    universe = universe.astype(np.uint64)
    result = HypergameResult(conflict, concepts, reality, views, universe,
                             real=_mask(universe, reality.space.codes),
                             visible={d: _mask(universe, views[d].space.codes) for d in conflict.dm_names})
    for concept in concepts:
        result.real_equilibrium[concept] = _mask(universe, reality.space.codes, reality.equilibrium_mask(concept))
        result.own_stable[concept] = {d: _mask(universe, views[d].space.codes, views[d].stable[concept][d])
                                      for d in conflict.dm_names}
        result.expected[concept] = {d: _mask(universe, views[d].space.codes, views[d].equilibrium_mask(concept))
                                    for d in conflict.dm_names}
    for d in perceivers:
        if conflict.dm(d).perception.views_of:
            from detente.model.perception import second_level_conflict
            result.second_level[d] = hypergame(second_level_conflict(conflict, d), concepts, reality=views[d])
    return result


# --- explanations ---------------------------------------------------------------------------

def deciding_statement(statements: list[Statement], conflict: Conflict, a: int, b: int) -> tuple[Statement, bool] | None:
    """The most important statement whose truth differs between states ``a`` and ``b`` (codes):
    under option prioritisation it alone decides which of the two the DM prefers. Returns the
    statement and whether it holds at ``b``; None when no statement tells them apart (a tie)."""
    def holds(st: Statement, code: int) -> bool:
        return bool(np.asarray(st.expr.evaluate(lambda n: np.bool_((code >> conflict.option(n).index) & 1))).reshape(-1)[0])
    for st in statements:
        hb, ha = holds(st, b), holds(st, a)
        if hb != ha:
            return st, hb
    return None


@dataclass
class Unanticipated:
    """A move that makes the state unstable in reality and that the viewer's game did not foresee."""

    dm: str
    source: int  # code
    target: int  # code
    concept: str
    reason: str  # invisible / not_an_improvement / believed_sanctioned
    text: str
    rests_on: list[dict[str, Any]] = field(default_factory=list)  # perception items with evidence

    def to_dict(self, conflict: Conflict) -> dict[str, Any]:
        return {"dm": self.dm, "from": conflict.yn(self.source), "to": conflict.yn(self.target),
                "reason": self.reason, "text": self.text, "rests_on": self.rests_on}


@dataclass
class ViewExplanation:
    """Why a DM expects a state to hold, and what actually happens there."""

    viewer: str
    position: int
    concept: str
    result: HypergameResult = field(repr=False)
    expected: bool = False
    visible: bool = True
    real_equilibrium: bool = False
    hypergame_equilibrium: bool = False
    stable_in_view: dict[str, bool] = field(default_factory=dict)
    stable_in_reality: dict[str, bool] = field(default_factory=dict)
    stable_in_own_view: dict[str, bool] = field(default_factory=dict)
    unanticipated: list[Unanticipated] = field(default_factory=list)

    def lines(self) -> list[str]:
        h = self.result
        s = h.label(self.position)
        v = self.viewer
        out = []
        if not self.visible:
            out.append(f"{v} cannot see state {s}: " + "; ".join(u.text for u in self.unanticipated[:1]))
            return out
        if self.expected:
            out.append(f"{v} expects {s} to hold under {self.concept}: in its view it is stable for "
                       + ", ".join(self.stable_in_view) + ".")
        else:
            unstable = [d for d, ok in self.stable_in_view.items() if not ok]
            out.append(f"{v} does not expect {s} to hold under {self.concept}: in its view it is not stable for "
                       + ", ".join(unstable) + ".")
        out.append(f"In reality {s} is {'an' if self.real_equilibrium else 'NOT an'} equilibrium under {self.concept}"
                   + ("" if self.real_equilibrium else
                      " (not stable for " + ", ".join(d for d, ok in self.stable_in_reality.items() if not ok) + ")")
                   + f"; it is {'a' if self.hypergame_equilibrium else 'NOT a'} hypergame equilibrium"
                   + ("" if self.hypergame_equilibrium else
                      " (not stable in their own view for "
                      + ", ".join(d for d, ok in self.stable_in_own_view.items() if not ok) + ")") + ".")
        if self.unanticipated:
            out.append(f"What {v}'s view did not anticipate:")
            for u in self.unanticipated:
                out.append(f"  - {u.text}")
                for item in u.rests_on:
                    out.append(f"      rests on: {item['what']}" + (f" — {item['evidence']}" if item.get("evidence") else ""))
        elif self.expected and not self.real_equilibrium:
            out.append("  (every DM's real improvement is one the view also sees; the difference lies in sanctions)")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        h = self.result
        return {"viewer": self.viewer, "state": h.state_dict(self.position), "concept": self.concept,
                "visible": self.visible, "expected": self.expected, "real_equilibrium": self.real_equilibrium,
                "hypergame_equilibrium": self.hypergame_equilibrium, "stable_in_view": self.stable_in_view,
                "stable_in_reality": self.stable_in_reality, "stable_in_own_view": self.stable_in_own_view,
                "unanticipated": [u.to_dict(h.conflict) for u in self.unanticipated]}


def _evidence_text(evidence) -> str:
    return "; ".join(e.summary() for e in evidence or [])


def _why_invisible(conflict: Conflict, viewer: str, code: int) -> tuple[str, list[dict[str, Any]]]:
    per = conflict.dm(viewer).perception
    values = lambda n: np.bool_((code >> conflict.option(n).index) & 1)  # noqa: E731
    reasons, items = [], []
    for u in per.unknown_options if per else []:
        if (code >> conflict.option(u.option).index) & 1:
            reasons.append(f"{viewer} does not know option {u.option!r} exists")
            items.append({"what": f"{viewer}'s perception: unknown option {u.option}", "note": u.note,
                          "evidence": _evidence_text(u.evidence)})
    for c in per.believes_infeasible if per else []:
        if bool(np.asarray(c.expr.evaluate(values)).reshape(-1)[0]):
            reasons.append(f"{viewer} believes {c.text!r} cannot happen")
            items.append({"what": f"{viewer}'s perception: believes infeasible {c.text!r}", "note": c.why,
                          "evidence": _evidence_text(c.evidence)})
    return ("; ".join(reasons) or f"{viewer} cannot see it"), items


def _why_sanction_fails(result: HypergameResult, viewer: str, moves, concept: str) -> tuple[str, list[dict[str, Any]]]:
    """The first move of a sanction seen in ``viewer``'s game that does not work in reality: a
    state that cannot happen, or (SEQ) a move its mover does not really want."""
    conflict, view, reality = result.conflict, result.views[viewer], result.reality
    per = conflict.dm(viewer).perception
    for m in moves:
        a, b = int(view.space.codes[m.source]), int(view.space.codes[m.target])
        rb = int(reality.space.index_of(np.uint64(b)))
        if rb < 0:
            return (f"but {conflict.yn(b)} cannot happen in reality ("
                    + "; ".join(reality.space.infeasibility_reasons(b)) + ")"), []
        ra = int(reality.space.index_of(np.uint64(a)))
        if concept == "SEQ" and ra >= 0 and reality.ranks[m.dm][rb] <= reality.ranks[m.dm][ra]:
            text = f"but in reality {m.dm} does not prefer {conflict.yn(b)} to {conflict.yn(a)}"
            items = []
            true = conflict.dm(m.dm).preferences
            dec = deciding_statement(true, conflict, a, b) if true else None
            if dec is not None:
                text += f" ({dec[0].text!r}" + (f" [{dec[0].id}]" if dec[0].id else "") + " decides it)"
                items.append({"what": f"{m.dm}'s statement {dec[0].text!r}" + (f" [{dec[0].id}]" if dec[0].id else ""),
                              "evidence": _evidence_text(dec[0].evidence)})
            belief = per.preferences_of.get(m.dm) if per else None
            if belief is not None:
                items.append({"what": f"{viewer}'s perception of {m.dm}'s preferences", "note": belief.note,
                              "evidence": _evidence_text(belief.evidence)})
            return text, items
    return "", []


def explain_view(result: HypergameResult, state: int | str, viewer: str, concept: str) -> ViewExplanation:
    """Why does ``viewer`` expect ``state`` to hold (or not), and what actually happens there.

    For every DM j for which the state is stable in the viewer's game but not in reality, each
    of j's real improvements that nothing deters is reported with the reason the viewer's game
    missed it: the target is invisible to the viewer (an unknown option, a combination it
    believes infeasible), the viewer believes j does not prefer it (the deciding statement of
    j's true preferences against the viewer's belief), or the viewer believes it sanctioned.

    Parameters
    ----------
    result : HypergameResult
    state : int or str
        Position in ``result.universe`` (int) or a state as text (id, Y/N, taken options).
    viewer : str
    concept : str
        Nash, GMR, SMR or SEQ.
    """
    from detente.gmcr.explain import explain

    concept = hypergame_concepts([concept])[0]
    if concept not in result.concepts:
        raise DetenteError(f"{concept} was not analysed", hint="analyse with this concept")
    conflict = result.conflict
    conflict.dm(viewer)
    pos = result.position_of(state) if isinstance(state, str) else int(state)
    code = int(result.universe[pos])
    view = result.views[viewer]
    reality = result.reality
    out = ViewExplanation(viewer, pos, concept, result)
    out.visible = bool(result.visible[viewer][pos])
    out.real_equilibrium = bool(result.real_equilibrium[concept][pos])
    out.hypergame_equilibrium = bool(result.hypergame_mask(concept)[pos])
    out.stable_in_own_view = {d: bool(result.own_stable[concept][d][pos]) for d in result.dms}
    if not out.visible:
        text, items = _why_invisible(conflict, viewer, code)
        out.unanticipated.append(Unanticipated(viewer, code, code, concept, "invisible", text, items))
        return out
    vpos = int(view.space.index_of(np.uint64(code)))
    out.stable_in_view = {d: bool(view.stable[concept][d][vpos]) for d in result.dms}
    out.expected = all(out.stable_in_view.values())
    rpos = int(reality.space.index_of(np.uint64(code)))
    if rpos < 0:
        out.stable_in_reality = {d: False for d in result.dms}
        out.unanticipated.append(Unanticipated(viewer, code, code, concept, "imagined",
                                               f"{conflict.yn(code)} cannot happen in reality: "
                                               + "; ".join(reality.space.infeasibility_reasons(code))))
        return out
    out.stable_in_reality = {d: bool(reality.stable[concept][d][rpos]) for d in result.dms}
    per = conflict.dm(viewer).perception
    for d in result.dms:
        if out.stable_in_reality[d] or not out.stable_in_view[d]:
            continue
        real_exp = explain(reality, rpos, d, concept)
        for chk in real_exp.improvements:
            if chk.sanctioned and concept != "Nash":
                continue
            target = int(reality.space.codes[chk.move.target])
            moved = ", ".join(("takes " if v else "drops ") + k for k, v in chk.move.changes.items())
            head = f"{d} {moved}: {conflict.yn(code)} -> {conflict.yn(target)}"
            tpos = int(view.space.index_of(np.uint64(target)))
            if tpos < 0:
                why, items = _why_invisible(conflict, viewer, target)
                out.unanticipated.append(Unanticipated(d, code, target, concept, "invisible",
                                                       f"{head}, a state {viewer} cannot see ({why})", items))
                continue
            if view.ranks[d][tpos] <= view.ranks[d][vpos]:
                items = []
                true = conflict.dm(d).preferences
                belief = per.preferences_of.get(d) if per else None
                text = f"{head}: an improvement for {d}, but {viewer} believes {d} does not prefer it"
                if true is not None:
                    dec = deciding_statement(true, conflict, code, target)
                    if dec is not None:
                        st, holds = dec
                        text += (f"; what decides it for {d} is {st.text!r}" + (f" [{st.id}]" if st.id else "")
                                 + f", which holds {'after' if holds else 'before'} the move")
                        items.append({"what": f"{d}'s statement {st.text!r}" + (f" [{st.id}]" if st.id else ""),
                                      "evidence": _evidence_text(st.evidence)})
                if belief is not None:
                    if belief.dropped:
                        items.append({"what": f"{viewer}'s perception of {d}: leaves out "
                                              + ", ".join(repr(s.id or s.text) for s in belief.dropped),
                                      "note": belief.note, "evidence": _evidence_text(belief.evidence)})
                    if belief.added or not belief.as_changes:
                        shown = belief.added if belief.as_changes else (belief.preferences or [])
                        bdec = deciding_statement(shown, conflict, code, target) if shown else None
                        what = (f"{viewer}'s perception of {d}: believes {bdec[0].text!r}" if bdec
                                else f"{viewer}'s perception of {d}'s preferences")
                        items.append({"what": what, "note": belief.note, "evidence": _evidence_text(belief.evidence)})
                out.unanticipated.append(Unanticipated(d, code, target, concept, "not_an_improvement", text, items))
                continue
            view_exp = explain(view, vpos, d, concept)
            sanction = next((c for c in view_exp.improvements
                             if int(view.space.codes[c.move.target]) == target), None)
            text = f"{head}: {viewer} expects it to be sanctioned"
            items = []
            if sanction is not None and sanction.sanction:
                text += " by " + "; then ".join(m.describe(view) for m in sanction.sanction)
                why, items = _why_sanction_fails(result, viewer, sanction.sanction, concept)
                if why:
                    text += f"; {why}"
            text += ", and in reality nothing deters it" + (f" ({chk.note})" if chk.note else "")
            out.unanticipated.append(Unanticipated(d, code, target, concept, "believed_sanctioned", text, items))
    return out


# --- uncertain perceptions ------------------------------------------------------------------

MAX_PERCEPTION_PROFILES = 1 << 14


def _uncertain_parts(conflict: Conflict) -> list[tuple[str, str, Any, float]]:
    """(dm, kind, key, probability) of every perception part with a probability below 1."""
    out = []
    for d in conflict.decision_makers:
        per = d.perception
        if per is None:
            continue
        for u in per.unknown_options:
            if u.probability is not None and u.probability < 1:
                out.append((d.name, "unknown_options", u.option, u.probability))
        for kind in ("believes_infeasible", "believes_feasible"):
            for i, c in enumerate(getattr(per, kind)):
                if c.probability is not None and c.probability < 1:
                    out.append((d.name, kind, i, c.probability))
        for other, b in per.preferences_of.items():
            if b.probability is not None and b.probability < 1:
                out.append((d.name, "preferences_of", other, b.probability))
    return out


def _without(conflict: Conflict, dm: str, dropped: list[tuple[str, Any]]) -> Conflict:
    """The conflict with some parts of one DM's perception left out (it perceives them correctly)."""
    import dataclasses
    d = conflict.dm(dm)
    per = d.perception
    gone = set(dropped)
    new = dataclasses.replace(
        per,
        unknown_options=[u for u in per.unknown_options if ("unknown_options", u.option) not in gone],
        believes_infeasible=[c for i, c in enumerate(per.believes_infeasible) if ("believes_infeasible", i) not in gone],
        believes_feasible=[c for i, c in enumerate(per.believes_feasible) if ("believes_feasible", i) not in gone],
        preferences_of={k: b for k, b in per.preferences_of.items() if ("preferences_of", k) not in gone})
    dms = [dataclasses.replace(x, perception=new) if x.name == dm else x for x in conflict.decision_makers]
    return dataclasses.replace(conflict, decision_makers=dms)


@dataclass
class PerceptionRobustness:
    """Probabilities over reality's states when parts of the perceptions are uncertain.

    Attributes
    ----------
    parts : list of (dm, kind, key, probability)
        The uncertain parts; each holds independently with its probability.
    profiles : int
        Combinations enumerated (exactly, with their probabilities).
    p_expected : dict[str, dict[str, ndarray]]
        ``p_expected[concept][dm]``: probability that the DM expects each real state.
    p_hypergame : dict[str, ndarray]
        Probability that each real state is a hypergame equilibrium.
    p_expected_not_real : dict[str, dict[str, ndarray]]
        Probability that the DM expects the state and it is not an equilibrium of reality.
    """

    conflict: Conflict
    concepts: list[str]
    reality: AnalysisResult
    parts: list[tuple[str, str, Any, float]]
    profiles: int
    p_expected: dict[str, dict[str, np.ndarray]]
    p_hypergame: dict[str, np.ndarray]
    p_expected_not_real: dict[str, dict[str, np.ndarray]]

    def rows(self, concept: str) -> list[dict[str, Any]]:
        """States with a non-zero probability of being expected by someone or a hypergame equilibrium."""
        r = self.reality
        out = []
        for p in range(r.n_states):
            exp = {d: float(v[p]) for d, v in self.p_expected[concept].items()}
            hyp = float(self.p_hypergame[concept][p])
            if hyp > 0 or any(exp.values()):
                out.append({**r.state_dict(p), "p_hypergame_equilibrium": hyp, "p_expected": exp,
                            "p_expected_not_real": {d: float(v[p]) for d, v in self.p_expected_not_real[concept].items()},
                            "real_equilibrium": bool(r.equilibrium_mask(concept)[p])})
        out.sort(key=lambda row: (-max([row["p_hypergame_equilibrium"], *row["p_expected"].values()]), row["id"]))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"schema": "detente.hypergame-robustness/1", "method": "exact", "profiles": self.profiles,
                "parts": [{"dm": d, "kind": k, "key": key, "probability": p} for d, k, key, p in self.parts],
                "concepts": self.concepts, "results": {k: self.rows(k) for k in self.concepts}}


def perception_robustness(conflict: Conflict, concepts: Iterable[str] | None = None, *,
                          progress: Callable[[int, int], None] | None = None) -> PerceptionRobustness:
    """Exact probabilities of the hypergame results when perception parts are uncertain.

    Each part of a perception with ``probability: p`` (an unknown option, a combination believed
    (in)feasible, a belief about another DM) holds with probability p, independently; otherwise
    the DM perceives that part correctly. Every combination is enumerated with its probability
    (at most 2^14; beyond, an error says so). Views are analysed once per DM and combination of
    its own parts, and reality once, since perceptions do not change it.

    Examples
    --------
    >>> import detente
    >>> c = detente.load({"decision_makers": [
    ...     {"name": "A", "options": ["a"], "preferences": ["a"]},
    ...     {"name": "B", "options": ["b"], "preferences": ["b", "not a"],
    ...      "perception": {"preferences_of": {"A": {"preferences": ["not a"], "probability": 0.25}}}}]})
    >>> r = perception_robustness(c, ["Nash"])
    >>> float(r.p_expected["Nash"]["B"][r.reality.position_of("NY")])
    0.25
    """
    import itertools

    from detente.errors import TooLargeError
    if not isinstance(conflict, Conflict):
        from detente.model.load import load
        conflict = load(conflict)
    concepts = hypergame_concepts(concepts)
    parts = _uncertain_parts(conflict)
    if not parts:
        raise DetenteError("no perception part has a probability below 1",
                           hint="give 'probability:' to the uncertain parts of a perception (docs/hypergames.md)")
    if (1 << len(parts)) > MAX_PERCEPTION_PROFILES:
        raise TooLargeError(f"{len(parts)} uncertain perception parts give {1 << len(parts):,} combinations; the "
                            f"limit is {MAX_PERCEPTION_PROFILES:,}",
                            hint="fix some parts (drop their probability) or merge beliefs")
    reality = analyze(conflict, concepts)
    n = reality.n_states
    p_exp = {k: {d: np.zeros(n) for d in conflict.dm_names} for k in concepts}
    p_hyp = {k: np.zeros(n) for k in concepts}
    p_nr = {k: {d: np.zeros(n) for d in conflict.dm_names} for k in concepts}
    cache: dict[tuple[str, frozenset], AnalysisResult] = {}
    total = 1 << len(parts)
    for done, bits in enumerate(itertools.product([True, False], repeat=len(parts))):
        weight = 1.0
        variant = conflict
        dropped: dict[str, list] = {}
        for (d, kind, key, p), held in zip(parts, bits):
            weight *= p if held else 1 - p
            if not held:
                dropped.setdefault(d, []).append((kind, key))
        if weight == 0:
            continue
        for d, gone in dropped.items():
            variant = _without(variant, d, gone)
        views = {}
        for d in variant.dm_names:
            if variant.dm(d).perception is None:
                continue
            key = (d, frozenset(dropped.get(d, [])))
            if key not in cache:
                cache[key] = analyze(perceived_conflict(variant, d), concepts)
            views[d] = cache[key]
        h = hypergame(variant, concepts, reality=reality, views=views)
        real_pos = np.searchsorted(h.universe, reality.space.codes)
        for k in concepts:
            p_hyp[k] += weight * h.hypergame_mask(k)[real_pos]
            for d in conflict.dm_names:
                exp = h.expected[k][d][real_pos]
                p_exp[k][d] += weight * exp
                p_nr[k][d] += weight * (exp & ~h.real_equilibrium[k][real_pos])
        if progress:
            progress(done + 1, total)
    return PerceptionRobustness(conflict, concepts, reality, parts, total, p_exp, p_hyp, p_nr)
