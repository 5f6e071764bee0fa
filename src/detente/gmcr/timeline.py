"""How well a model anticipated a negotiation it is followed through: observed moves and scores.

The model's ``timeline:`` (read and checked by :mod:`detente.model.timeline`) gives the
observed states on each date and the model in force on each date. This module judges every
observed move against the model in force *just before* it, and scores the model.

Moves. Between two consecutive observed states, each decision maker whose options changed made
one move: its own changes, applied to the state before (when several DMs moved on one date, the
order is unknown, so each part is judged from the state before, as a unilateral move). A move by
DM *i* from state *s* to state *t* is classified, under the model in force before its date, as
the first that applies of:

``improvement``
    *t* is a unilateral improvement for *i* from *s* (``rank_i(t) > rank_i(s)``; Fang, Hipel &
    Kilgour 1993, the graph model's unilateral improvement).
``on path``
    *t* is on a shortest path of unilateral moves from *s* to an equilibrium of the concept
    (``dist(t, e) = dist(s, e) - 1`` for an equilibrium *e*; the status quo analysis of Li,
    Hipel, Kilgour & Fang 2004 started at *s*, as ``detente paths`` does from the status quo).
``left unstable``
    *s* was unstable for *i* under the concept: the model expected *i* to leave *s*, though not
    necessarily by this move.
``surprise``
    none of these, or the move is not a move of the model at all (an option the model did not
    have, a target state it calls infeasible, an option reversed against its direction). For a
    surprise, ``contradicts`` names the assumption it runs against (for a move its mover ranks
    lower: the mover's highest-priority statement that *s* satisfies and *t* does not, whether
    dropping that statement would make the move an improvement, and the probability robustness
    gives it) and ``fixed_by`` the first later revision (on or after the move's date) under
    which the same move is anticipated.

A move is *anticipated* when its kind is not ``surprise``.

Persistence. The observed path is cut into *spells*: the days a state held, from the date it
was observed until the date it was left, or until the timeline's ``until`` (then the spell is
*censored*: it lasted at least that long). Each spell is judged under the model in force on its
first day: an equilibrium of the concept or not, and its robustness probability P(equilibrium)
(:func:`detente.gmcr.robustness.robustness`, exact enumeration when it visits no more profiles
than the draws; a model without uncertainty gives 0 or 1).

Scores.

* share of moves anticipated: anticipated moves / moves;
* persistence: the mean length in days of equilibrium spells and of the others (censored
  spells count with their observed length, a lower bound; the number censored is given);
* Brier score (Brier 1950) of the forecast "this state is an equilibrium" against the outcome
  "the state persisted at least N days" (N = ``persisted_days``): mean of (p - o)^2 over spells
  whose outcome is known (a censored spell shorter than N days is left out), with p the
  robustness probability, and, beside it, the same score of the plain analysis (p = 1 for an
  equilibrium, else 0). 0 is perfect; always saying 0.5 scores 0.25. N says how long "stable"
  has to last to count: a GMCR equilibrium claims no duration, so N is the analyst's reading of
  "the conflict stayed there".

>>> import detente
>>> c = detente.load({"date": "2025-01-01", "status_quo": "NN", "decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not b"]}],
...     "timeline": {"until": "2025-03-01", "events": [
...         {"date": "2025-01-11", "move": {"by": "A", "take": ["a"]}, "evidence": {"record": "A took a"}},
...         {"date": "2025-02-01", "move": {"by": "B", "take": ["b"]}, "evidence": {"record": "B took b"}}]}})
>>> r = timeline(c, concept="Nash", robust=False)
>>> [(m.mover, m.kind) for m in r.moves]
[('A', 'improvement'), ('B', 'surprise')]
>>> r.scores["share_anticipated"]
0.5
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from detente.errors import DetenteError
from detente.gmcr.analysis import AnalysisResult, analyze, normalise_concepts
from detente.model.conflict import Conflict, with_names
from detente.model.timeline import Event, Timeline, code_in, has_timeline, load_timeline

SCHEMA = "detente.timeline/1"
KINDS = ("improvement", "on path", "left unstable", "surprise")
REPORTED_CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


@dataclass
class Move:
    """One observed move, judged under the model in force just before its date."""

    date: dt.date
    mover: str
    changes: dict[str, bool]  # option -> taken after the move
    before: dict[str, bool]
    after: dict[str, bool]
    events: list[Event]
    version: int  # the model it is judged under (index into TimelineResult.versions)
    kind: str = "surprise"
    before_yn: str | None = None
    after_yn: str | None = None
    before_names: list[str] = field(default_factory=list)  # the model's names of the states (``states:``)
    after_names: list[str] = field(default_factory=list)
    improvement: bool | None = None
    on_path: bool | None = None
    path_target: str | None = None  # the equilibrium the move heads for (Y/N)
    left_unstable: bool | None = None
    unstable_for: dict[str, list[str]] = field(default_factory=dict)  # concept -> DMs s was unstable for
    contradicts: list[str] = field(default_factory=list)
    statement: str | None = None  # id or text of the statement the move contradicts
    without_it: str | None = None  # what the move would be without that statement
    fixed_by: int | None = None  # index of the first later version that anticipates it

    @property
    def anticipated(self) -> bool:
        return self.kind != "surprise"

    @property
    def text(self) -> str:
        return ", ".join(("takes " if v else "drops ") + k for k, v in self.changes.items())


@dataclass
class Spell:
    """The days one observed state held."""

    start: dt.date
    end: dt.date | None  # the date it was left; None: still held on `until` (censored)
    days: int
    values: dict[str, bool]
    version: int
    yn: str
    equilibrium: bool
    p_equilibrium: float | None
    persisted: bool | None  # held at least N days (None: censored before N days)
    names: list[str] = field(default_factory=list)  # the model's names of the state (``states:``)

    @property
    def censored(self) -> bool:
        return self.end is None


@dataclass
class TimelineResult:
    """The observed path, the model in force on each date, each move judged, and the scores.

    Attributes
    ----------
    timeline : Timeline
        The checked timeline (events, model versions, observed path).
    concept : str
        The solution concept of equilibria, paths and instability.
    analyses : list[AnalysisResult]
        One per model version.
    moves : list[Move]
    spells : list[Spell]
    scores : dict
        ``share_anticipated``, ``by_kind``, persistence and Brier scores (module docstring).
    robustness_notes : dict[int, str]
        Versions for which no robustness probability could be computed, with the reason.
    """

    timeline: Timeline
    concept: str
    persisted_days: int
    analyses: list[AnalysisResult]
    moves: list[Move]
    spells: list[Spell]
    scores: dict[str, Any]
    robustness_notes: dict[int, str] = field(default_factory=dict)

    @property
    def conflict(self) -> Conflict:
        return self.timeline.conflict

    @property
    def versions(self):
        return self.timeline.versions

    def version_label(self, k: int) -> str:
        return self.versions[k].label

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON (``detente.timeline/1``, docs/json-schema.md)."""
        tl = self.timeline

        def ev(e: Event) -> dict[str, Any]:
            return {"index": e.index, "date": e.date.isoformat(), "kind": e.kind, "event": e.text,
                    "record_only": e.is_record,
                    "evidence": [x.model_dump(mode="json", exclude_none=True) for x in e.evidence]}

        return {
            "schema": SCHEMA,
            "model": {"title": self.conflict.title, "file": self.conflict.file,
                      "date": self.conflict.date.isoformat()},
            "concept": self.concept,
            "persisted_days": self.persisted_days,
            "until": tl.until.isoformat(),
            "versions": [{"index": k, "date": v.date.isoformat(), "label": v.label,
                          "options": v.conflict.option_names,
                          "why": v.revision.why if v.revision else None,
                          "revision": ev(v.revision) if v.revision else None,
                          "equilibria": [self.analyses[k].yn(p) for p in self.analyses[k].equilibria(self.concept)]}
                         for k, v in enumerate(tl.versions)],
            "path": [{"date": p.date.isoformat(), "taken": sorted(k for k, v in p.values.items() if v),
                      "observed": sorted(p.observed), "version": p.version,
                      "yn": self.versions[p.version].conflict.yn(code_in(self.versions[p.version].conflict, p.values)),
                      "names": self.versions[p.version].conflict.state_names(
                          code_in(self.versions[p.version].conflict, p.values)),
                      "events": [ev(e) for e in p.events]} for p in tl.path],
            "moves": [{"date": m.date.isoformat(), "mover": m.mover, "changes": m.changes,
                       "version": m.version, "from": m.before_yn, "to": m.after_yn,
                       "from_names": m.before_names, "to_names": m.after_names, "kind": m.kind,
                       "anticipated": m.anticipated, "improvement": m.improvement, "on_path": m.on_path,
                       "path_target": m.path_target, "left_unstable": m.left_unstable,
                       "unstable_for": m.unstable_for, "contradicts": m.contradicts,
                       "statement": m.statement, "without_it": m.without_it,
                       "fixed_by": m.fixed_by,
                       "events": [e.index for e in m.events]} for m in self.moves],
            "spells": [{"start": s.start.isoformat(), "end": s.end.isoformat() if s.end else None,
                        "days": s.days, "censored": s.censored, "state": s.yn, "names": s.names,
                        "version": s.version,
                        "taken": sorted(k for k, v in s.values.items() if v),
                        "equilibrium": s.equilibrium, "p_equilibrium": s.p_equilibrium,
                        "persisted": s.persisted} for s in self.spells],
            "scores": self.scores,
            "robustness_notes": {str(k): v for k, v in self.robustness_notes.items()},
        }

    def summary_lines(self) -> list[str]:
        c = self.conflict
        sc = self.scores
        tl = self.timeline
        lines = [f"{c.title or 'Conflict'}: timeline {c.date.isoformat()} .. {tl.until.isoformat()}, "
                 f"{len(tl.events)} events, {len(tl.revisions)} revision(s), concept {self.concept}"]
        for k, v in enumerate(tl.versions):
            eq = ", ".join(with_names(self.analyses[k].yn(p), self.analyses[k].names(p))
                           for p in self.analyses[k].equilibria(self.concept)) or "-"
            lines.append(f"  model {k}: {v.label}; {self.concept} equilibria: {eq}")
        lines.append("Moves (judged under the model in force just before):")
        for m in self.moves:
            head = f"  {m.date.isoformat()} {m.mover} {m.text}: {m.kind}"
            if m.before_yn and m.after_yn:
                head += (f" ({with_names(m.before_yn, m.before_names)} -> {with_names(m.after_yn, m.after_names)}, "
                         f"model {m.version})")
            lines.append(head)
            for why in m.contradicts:
                lines.append(f"      contradicts: {why}")
            if m.without_it:
                lines.append(f"      {m.without_it}")
            if m.kind == "surprise":
                lines.append("      " + (f"fixed by model {m.fixed_by} ({self.version_label(m.fixed_by)})"
                                         if m.fixed_by is not None else "no later revision anticipates it"))
        lines.append(f"Spells (persisted = held at least {self.persisted_days} days):")
        for s in self.spells:
            p = "-" if s.p_equilibrium is None else f"{s.p_equilibrium:.2f}"
            lines.append(f"  {s.start.isoformat()} {with_names(s.yn, s.names)} {s.days:4d} days{'+' if s.censored else ' '} "
                         f"{'equilibrium' if s.equilibrium else 'not an equilibrium'} (P={p}), "
                         f"persisted: {'-' if s.persisted is None else 'yes' if s.persisted else 'no'}")
        n = sc["moves"]
        lines.append(f"Anticipated: {sc['anticipated']} of {n} moves"
                     + (f" ({sc['share_anticipated']:.0%})" if n else "")
                     + "; " + ", ".join(f"{k}: {v}" for k, v in sc["by_kind"].items()))
        for key, what in (("equilibrium_spells", "equilibria"), ("other_spells", "non-equilibria")):
            s = sc[key]
            mean = "-" if s["mean_days"] is None else f"{s['mean_days']:.1f}"
            lines.append(f"Persistence of {what}: {s['n']} spell(s), mean {mean} days ({s['censored']} still held at the end)")
        b = sc["brier"]
        if b["n"]:
            rob = "-" if b["robustness"] is None else f"{b['robustness']:.3f}"
            lines.append(f"Brier (P equilibrium vs persisted >= {self.persisted_days} days, {b['n']} spells): "
                         f"robustness {rob}, plain analysis {b['analysis']:.3f}")
        else:
            lines.append(f"Brier: no spell with a known outcome (persisted >= {self.persisted_days} days)")
        for k, why in self.robustness_notes.items():
            lines.append(f"  (no robustness for model {k}: {why})")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    __repr__ = __str__

    def plot(self, path: str | Path | None = None) -> str:
        """The picture (see :func:`plot_timeline`)."""
        return plot_timeline(self, path)


# --- judging one move ---------------------------------------------------------------------

def _statement_name(st) -> str:
    return st.id or st.text


def _explain_not_improvement(result: AnalysisResult, mover: str, s: int, t: int, move: Move) -> None:
    """Which of the mover's assumptions the move runs against (it ranks t no higher than s)."""
    c = result.conflict
    dm = c.dm(mover)
    if dm.ranking is not None:
        rk = result.ranks[mover]
        move.contradicts.append(f"{mover}'s ranking puts {result.yn(s)} "
                                f"{'above' if rk[s] > rk[t] else 'level with'} {result.yn(t)}")
        return
    from detente.model.preferences import statement_truth
    truth = statement_truth(result.space, dm.preferences or [])
    ts, tt = truth[s], truth[t]
    diff = np.flatnonzero(ts != tt)
    if diff.size == 0:
        move.contradicts.append(f"no statement of {mover}'s tells {result.yn(s)} from {result.yn(t)} (a tie): "
                                "the model gives it no reason to move")
        return
    k = int(diff[0])  # ts[k] True, tt[k] False: otherwise t would rank higher
    st = dm.preferences[k]
    ev = "; ".join(e.summary() for e in st.evidence[:2]) or "no evidence"
    prob = f", P(holds)={st.probability:g} in robustness" if st.probability is not None else ""
    move.contradicts.append(f"{mover}'s statement {k + 1} {_statement_name(st)!r} ({st.text}){prob} [{ev}]")
    move.statement = _statement_name(st)
    rest = diff[1:]
    if rest.size == 0:
        move.without_it = f"without {move.statement!r} the move would be a tie for {mover}, not an improvement"
    else:
        better = bool(tt[int(rest[0])])
        move.without_it = (f"without {move.statement!r} the move would be an improvement for {mover}" if better
                           else f"dropping {move.statement!r} alone would not make it an improvement for {mover}")


def _judge(result: AnalysisResult, concept: str, move: Move, *, explain: bool) -> str:
    """Classify ``move`` under the model of ``result``; fills the move's fields when ``explain``."""
    c = result.conflict
    s_code = code_in(c, move.before)
    t_code = code_in(c, move.after)
    missing = [o for o in move.changes if o not in c.option_names]
    if missing:
        if explain:
            move.contradicts.append(f"the model has no option {', '.join(map(repr, missing))}")
        return "surprise"
    s = int(result.space.index_of(np.uint64(s_code)))
    t = int(result.space.index_of(np.uint64(t_code)))
    if explain:
        move.before_yn, move.after_yn = c.yn(s_code), c.yn(t_code)
        move.before_names, move.after_names = c.state_names(s_code), c.state_names(t_code)
    if s < 0:  # the observed state before is outside this model (only for later versions)
        return "surprise"
    if explain:
        move.unstable_for = {k: [dm for dm in c.dm_names if not result.stable[k][dm][s]]
                             for k in result.concepts if k in result.stable}
    if t < 0:
        if explain:
            reasons = result.space.infeasibility_reasons(t_code)
            move.contradicts.append(f"the model calls {c.yn(t_code)} infeasible ({'; '.join(reasons)})")
        return "surprise"
    against = [o for o, v in move.changes.items()
               if (c.option(o).direction == "take_only" and not v) or (c.option(o).direction == "drop_only" and v)]
    if against:
        if explain:
            move.contradicts.append("against the option's direction: " + ", ".join(
                f"{o} is {c.option(o).direction}" for o in against))
        return "surprise"
    rk = result.ranks[move.mover]
    improvement = bool(rk[t] > rk[s])
    from detente.gmcr.status_quo import bfs
    eq = result.equilibria(concept)
    dist_s = bfs(result, s)[0]
    dist_t = bfs(result, t)[0]
    heads = [int(e) for e in eq if dist_s[e] >= 1 and dist_t[e] >= 0 and dist_t[e] == dist_s[e] - 1]
    on_path = bool(heads)
    left_unstable = not bool(result.stable[concept][move.mover][s])
    kind = ("improvement" if improvement else "on path" if on_path else
            "left unstable" if left_unstable else "surprise")
    if explain:
        move.improvement, move.on_path, move.left_unstable = improvement, on_path, left_unstable
        move.path_target = result.yn(heads[0]) if heads else None
        if kind == "surprise" or not improvement:
            _explain_not_improvement(result, move.mover, s, t, move)
    return kind


def _moves(tl: Timeline) -> list[Move]:
    out = []
    for prev, cur in zip(tl.path, tl.path[1:]):
        changed = {k: v for k, v in cur.values.items() if prev.values.get(k, False) != v}
        if not changed:
            continue
        version = tl.version_before(cur.date)
        model = tl.versions[tl.version_at(cur.date)].conflict
        by_dm: dict[str, dict[str, bool]] = {}
        for name, v in changed.items():
            by_dm.setdefault(model.option(name).dm, {})[name] = v
        before = {k: prev.values.get(k, False) for k in cur.values}
        for dm in model.dm_names:  # file order of the DMs
            if dm not in by_dm:
                continue
            after = dict(before, **by_dm[dm])
            events = [e for e in cur.events if (e.kind == "move" and e.by == dm)
                      or (e.kind == "state" and set(e.values) & set(by_dm[dm]))]
            out.append(Move(cur.date, dm, by_dm[dm], before, after, events, version))
    return out


def _spells(tl: Timeline) -> list[tuple[dt.date, dt.date | None, dict[str, bool], int]]:
    out: list[list] = []
    for p in tl.path:
        taken = frozenset(k for k, v in p.values.items() if v)
        if out and out[-1][4] == taken:
            continue
        if out:
            out[-1][1] = p.date
        out.append([p.date, None, dict(p.values), p.version, taken])
    return [(a, b, v, k) for a, b, v, k, _ in out]


def _mean(xs: list[int]) -> float | None:
    return float(np.mean(xs)) if xs else None


def timeline(conflict: Conflict | str, *, concept: str = "SEQ", persisted_days: int | None = None,
             robust: bool = True, draws: int | None = None, seed: int | None = None,
             max_hours: float | None = None,
             progress: Callable[[str], None] | None = None) -> TimelineResult:
    """Follow a conflict through its ``timeline:``: observed path, each move judged, scores.

    Parameters
    ----------
    conflict
        A model (or a path to one) with a ``timeline:`` section (docs/model-format.md).
    concept
        The solution concept of equilibria, paths and instability (default SEQ).
    persisted_days
        N of "persisted at least N days" in the Brier score (default: the timeline's
        ``persisted_days``, else 30).
    robust
        Compute robustness probabilities P(equilibrium) per model version (for the Brier score);
        ``False`` uses only the plain analysis.
    draws, seed
        Passed to :func:`detente.gmcr.robustness.robustness` (defaults: the model's).
    max_hours
        Refuse a version's robustness estimated to take longer (passed to
        :func:`~detente.gmcr.robustness.robustness`; the refusal is kept in
        ``robustness_notes`` and that version's spells get no probability). Default: its own.
    progress
        Called with a short message per step.

    Returns
    -------
    TimelineResult

    Examples
    --------
    See the module docstring; ``detente timeline SCENARIO`` prints the same result.
    """
    if not isinstance(conflict, Conflict):
        from detente.model.load import load
        conflict = load(conflict)
    if not has_timeline(conflict):
        raise DetenteError(f"{conflict.file or 'the model'} has no timeline",
                           hint="add a 'timeline:' section with dated events (docs/model-format.md, Timeline)")
    (concept,) = normalise_concepts([concept])
    if concept == "SIM":
        raise DetenteError("SIM is not supported for timelines", hint="use Nash, GMR, SMR or SEQ")
    tl = load_timeline(conflict)
    n_days = int(persisted_days if persisted_days is not None else tl.persisted_days)
    if n_days < 1:
        raise DetenteError("persisted_days must be at least 1")
    concepts = list(dict.fromkeys(REPORTED_CONCEPTS + [concept]))
    analyses = []
    for k, v in enumerate(tl.versions):
        if progress:
            progress(f"analysing model {k} ({v.label})")
        analyses.append(analyze(v.conflict, concepts))
    moves = _moves(tl)
    for m in moves:
        m.kind = _judge(analyses[m.version], concept, m, explain=True)
        if m.kind == "surprise":
            for k in range(m.version + 1, len(tl.versions)):
                if tl.versions[k].date >= m.date and _judge(analyses[k], concept, m, explain=False) != "surprise":
                    m.fixed_by = k
                    break
    probs: dict[int, Any] = {}
    notes: dict[int, str] = {}
    spells = []
    for start, end, values, version in _spells(tl):
        res = analyses[version]
        code = code_in(res.conflict, values)
        pos = int(res.space.index_of(np.uint64(code)))
        is_eq = bool(res.equilibrium_mask(concept)[pos])
        p = None
        if robust:
            if version not in probs and version not in notes:
                if progress:
                    progress(f"robustness of model {version}")
                try:
                    from detente.gmcr.robustness import robustness
                    limit = {} if max_hours is None else {"max_hours": max_hours}
                    probs[version] = robustness(tl.versions[version].conflict, concepts=[concept], method="auto",
                                                draws=draws, seed=seed, workers=1, **limit)
                except DetenteError as exc:
                    notes[version] = str(exc.problems[0].message if exc.problems else exc)
            if version in probs:
                rr = probs[version]
                p = float(rr.probability(concept, rr.position_of(code)))
        days = ((end or tl.until) - start).days
        persisted = True if days >= n_days else (False if end is not None else None)
        spells.append(Spell(start, end, days, values, version, res.conflict.yn(code), is_eq, p, persisted,
                            names=res.conflict.state_names(code)))
    by_kind = {k: sum(1 for m in moves if m.kind == k) for k in KINDS}
    anticipated = sum(1 for m in moves if m.anticipated)
    known = [s for s in spells if s.persisted is not None]
    rob = [s for s in known if s.p_equilibrium is not None]
    scores = {
        "moves": len(moves),
        "anticipated": anticipated,
        "share_anticipated": anticipated / len(moves) if moves else None,
        "by_kind": by_kind,
        "surprises_fixed_later": sum(1 for m in moves if m.kind == "surprise" and m.fixed_by is not None),
        "equilibrium_spells": {"n": sum(s.equilibrium for s in spells),
                               "mean_days": _mean([s.days for s in spells if s.equilibrium]),
                               "censored": sum(s.censored for s in spells if s.equilibrium)},
        "other_spells": {"n": sum(not s.equilibrium for s in spells),
                         "mean_days": _mean([s.days for s in spells if not s.equilibrium]),
                         "censored": sum(s.censored for s in spells if not s.equilibrium)},
        "brier": {"persisted_days": n_days, "n": len(known),
                  "robustness": (float(np.mean([(s.p_equilibrium - float(s.persisted)) ** 2 for s in rob]))
                                 if rob and len(rob) == len(known) else None),
                  "analysis": (float(np.mean([(float(s.equilibrium) - float(s.persisted)) ** 2 for s in known]))
                               if known else None)},
    }
    return TimelineResult(tl, concept, n_days, analyses, moves, spells, scores, notes)


# --- the picture ---------------------------------------------------------------------------

def plot_timeline(result: TimelineResult, path: str | Path | None = None) -> str:
    """States over time: one row per observed state, a bar per spell (dark: an equilibrium of
    the model in force when it began), each move marked (circle: anticipated, cross: surprise),
    each revision a dashed vertical line. Returns SVG text; writes ``path`` (.svg/.png) too."""
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    tl = result.timeline
    rows: list[frozenset] = []
    labels: list[str] = []
    for s in result.spells:
        key = frozenset(k for k, v in s.values.items() if v)
        if key not in rows:
            rows.append(key)
            labels.append(", ".join(sorted(key)) or "(nothing taken)")
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.55 * len(rows)))
    for s in result.spells:
        y = rows.index(frozenset(k for k, v in s.values.items() if v))
        end = s.end or tl.until
        ax.barh(y, max((end - s.start).days, 1), left=mdates.date2num(s.start), height=0.5,
                color="#35618f" if s.equilibrium else "#b9c7d6", edgecolor="#35618f",
                hatch="//" if s.censored else None)
    drawn = set()
    for m in result.moves:
        key = frozenset(k for k, v in m.after.items() if v)
        y = rows.index(key) if key in rows else None
        if y is None:  # a part of a joint move that was never a state of its own
            key = frozenset(k for k, v in next(s.values for s in result.spells if s.start == m.date).items() if v)
            y = rows.index(key)
        x = mdates.date2num(m.date)
        style = dict(marker="o", color="#2e7d32", markersize=9) if m.anticipated else \
            dict(marker="X", color="#c62828", markersize=10)
        kind = "anticipated" if m.anticipated else "surprise"
        ax.plot([x], [y], linestyle="none", label=None if kind in drawn else f"move: {kind}", **style)
        drawn.add(kind)
        ax.annotate(f"{m.mover}: {m.text}", (x, y), textcoords="offset points", xytext=(4, 8), fontsize=7)
    for k, v in enumerate(tl.revisions, start=1):
        x = mdates.date2num(v.date)
        ax.axvline(x, color="#8e24aa", linestyle="--", linewidth=1,
                   label=None if "revision" in drawn else "model revised")
        drawn.add("revision")
        ax.annotate(f"model {k}", (x, len(rows) - 0.4), fontsize=7, color="#8e24aa", rotation=90,
                    va="top", ha="right")
    from matplotlib.patches import Patch
    handles, _ = ax.get_legend_handles_labels()
    handles += [Patch(color="#35618f", label=f"{result.concept} equilibrium (model in force)"),
                Patch(facecolor="#b9c7d6", edgecolor="#35618f", label="not an equilibrium")]
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.set_ylim(-0.6, len(rows) - 0.3)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_xlim(mdates.date2num(tl.conflict.date) - 3, mdates.date2num(tl.until) + 3)
    ax.set_title(f"{tl.conflict.title or 'Timeline'}: observed states (options taken); hatched: held at the end",
                 fontsize=9)
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(axis="x", alpha=0.3)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    if path is not None:
        from detente.files import write_output
        path = Path(path)
        image = io.BytesIO()
        fig.savefig(image, format=path.suffix.lstrip(".").lower() or "svg", bbox_inches="tight", dpi=150)
        write_output(path, image.getvalue())
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):] if "<svg" in svg else svg
