"""A negotiation followed over time: dated observations and model revisions.

A model file may carry a ``timeline:`` section (docs/model-format.md, "Timeline")::

    timeline:
      until: 2025-12-31          # the last day the record covers (default: the last event)
      persisted_days: 30         # N of "persisted at least N days" (scores; default 30)
      events:
        - date: 2025-03-03
          event: the U.S. pauses military aid    # what happened, in the analyst's words
          move: {by: US, drop: [us_aid]}         # a move by one DM ...
          evidence: {record: "...", source: "..."}
        - date: 2025-03-18
          state: {ru_settle: false}              # ... or the state of some (or all) options
          evidence: {statement_id: 12}
        - date: 2025-03-11
          revision:                              # ... or a revision of the model as of that date
            add_options: {Russia: [{name: ru_ceasefire}]}
            preferences: {Russia: [...]}         # as in variants: preferences, ranking, options,
          why: a ceasefire is not a settlement   #   add_infeasible, remove_infeasible, perception
          evidence: {assumption: "..."}

This module reads and checks the section (every problem located by file, line and field) and
builds the observed path of states and the model in force on each date. What the model made of
the path (anticipated moves, persistence, scores) is computed in :mod:`detente.gmcr.timeline`.

Order of events: events are sorted by date (stable, so file order within a day); on one date
the revisions apply first, then the observations. The state before the first event is the
model's status quo on the model's date. An option an observation does not mention keeps its
last value (a partial observation); an option a revision adds starts not taken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from detente.errors import DetenteError, ModelError, Problem
from detente.model.conflict import Conflict
from detente.model.evidence import Evidence, evidence_list, parse_iso_date
from detente.model.yamlio import Positions, did_you_mean

DEFAULT_PERSISTED_DAYS = 30
MAX_EVENTS = 2000
TRUE_WORDS = {"y", "yes", "true", "taken", "1"}
FALSE_WORDS = {"n", "no", "false", "not taken", "0"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MoveIn(_Strict):
    by: str
    take: list[str] = Field(default_factory=list)
    drop: list[str] = Field(default_factory=list)


class RevisionIn(_Strict):
    add_options: dict[str, list[Any]] | None = None
    preferences: dict[str, list[Any]] | None = None
    ranking: dict[str, list[Any]] | None = None
    options: dict[str, dict[str, Any]] | None = None
    add_infeasible: list[Any] | None = None
    remove_infeasible: list[str] | None = None
    perception: dict[str, Any] | None = None


class EventIn(_Strict):
    date: dt.date
    event: str | None = None
    state: dict[str, Any] | None = None
    move: MoveIn | None = None
    revision: RevisionIn | None = None
    why: str | None = None
    note: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v):
        return parse_iso_date(v)


class TimelineIn(_Strict):
    until: dt.date | None = None
    persisted_days: int = Field(DEFAULT_PERSISTED_DAYS, ge=1, le=36500)
    events: list[EventIn]

    @field_validator("until", mode="before")
    @classmethod
    def _until(cls, v):
        return parse_iso_date(v)


@dataclass
class Event:
    """One dated entry of the timeline as written (``kind``: state, move or revision)."""

    index: int  # position in the file's events list
    date: dt.date
    kind: str
    text: str | None  # what happened, in the analyst's words
    evidence: list[Evidence]
    values: dict[str, bool] = field(default_factory=dict)  # state: the options observed
    by: str | None = None  # move: the mover and its changes (option -> taken after the move)
    revision: dict[str, Any] | None = None
    why: str | None = None
    note: str | None = None
    line: int | None = None

    @property
    def label(self) -> str:
        return f"{self.date.isoformat()} {self.text or self.kind}"

    @property
    def is_record(self) -> bool:
        """Rests only on the analyst's record of events (no stored statement, no quote)."""
        return bool(self.evidence) and all(e.is_record or e.is_assumption for e in self.evidence)


@dataclass
class ModelVersion:
    """The model in force from ``date`` on (until the next version)."""

    date: dt.date
    conflict: Conflict
    revision: Event | None = None  # None: the model as written (its own date)

    @property
    def label(self) -> str:
        return (f"revision of {self.date.isoformat()}" + (f" ({self.revision.text})" if self.revision.text else "")
                if self.revision else f"model of {self.date.isoformat()}")


@dataclass
class PathPoint:
    """The observed state at the end of one date with observations."""

    date: dt.date
    values: dict[str, bool]  # every option known on that date
    observed: set[str]  # the options observed on that date (others carried forward)
    events: list[Event]  # the observations of that date
    version: int  # index of the model in force (after that date's revisions)


@dataclass
class Timeline:
    """A conflict's timeline: model versions and the observed path (checked)."""

    conflict: Conflict
    events: list[Event]
    versions: list[ModelVersion]
    path: list[PathPoint]  # first point: the status quo on the model's date
    until: dt.date
    persisted_days: int

    def version_at(self, date: dt.date) -> int:
        """Index of the model in force on ``date`` (revisions of that date applied)."""
        k = 0
        for i, v in enumerate(self.versions):
            if v.date <= date:
                k = i
        return k

    def version_before(self, date: dt.date) -> int:
        """Index of the model in force just before ``date`` (revisions of earlier dates only)."""
        k = 0
        for i, v in enumerate(self.versions):
            if v.date < date or i == 0:
                k = i
        return k

    @property
    def revisions(self) -> list[ModelVersion]:
        return self.versions[1:]


def has_timeline(conflict: Conflict) -> bool:
    return isinstance(conflict.document, dict) and conflict.document.get("timeline") is not None


def _truth(value: Any) -> bool | None:
    """An observed option value: True/False, or None (explicitly not observed)."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    if isinstance(value, str):
        key = value.strip().lower()
        if key in TRUE_WORDS:
            return True
        if key in FALSE_WORDS:
            return False
        if key in ("unknown", "?", ""):
            return None
    raise ValueError


def _added_names(revision: dict[str, Any]) -> set[str]:
    out = set()
    for opts in (revision.get("add_options") or {}).values():
        for o in opts or []:
            out.add(o if isinstance(o, str) else str(o.get("name")) if isinstance(o, dict) else str(o))
    return out


def code_in(conflict: Conflict, values: dict[str, bool]) -> int | None:
    """State code of option values in ``conflict`` (None when a taken option is not in it).
    Options of the model missing from ``values`` are read as not taken."""
    names = set(conflict.option_names)
    code = 0
    for name, v in values.items():
        if not v:
            continue
        if name not in names:
            return None
        code |= 1 << conflict.option(name).index
    return code


def load_timeline(conflict: Conflict) -> Timeline:
    """Read and check the model's ``timeline:`` section.

    Parameters
    ----------
    conflict
        A model loaded by :func:`detente.model.load.load` whose document has ``timeline:``.

    Returns
    -------
    Timeline
        The model versions (the model as written, then one per revision) and the observed
        path. Raises :class:`~detente.errors.ModelError` with file, line and field for an
        unknown option or decision maker, a date before the model's date or after ``until``,
        a move that changes nothing or an option its mover does not control, an observed
        state the model in force excludes, or a revision that does not build.

    Examples
    --------
    >>> import detente
    >>> c = detente.load({"date": "2025-01-01", "status_quo": "NN", "decision_makers": [
    ...     {"name": "A", "options": ["a"], "preferences": ["a"]},
    ...     {"name": "B", "options": ["b"], "preferences": ["not a"]}],
    ...     "timeline": {"events": [{"date": "2025-01-05", "move": {"by": "A", "take": ["a"]},
    ...                              "evidence": {"record": "A took a"}}]}})
    >>> tl = load_timeline(c)
    >>> [(p.date.isoformat(), c.yn(code_in(c, p.values))) for p in tl.path]
    [('2025-01-01', 'NN'), ('2025-01-05', 'YN')]
    """
    from detente.model.load import _validation_problems, apply_overrides
    from detente.model.states import StateSpace

    positions: Positions = getattr(conflict, "_positions", Positions(conflict.file))
    raw = conflict.document.get("timeline") if isinstance(conflict.document, dict) else None
    root = ("timeline",)
    if raw is None:
        raise DetenteError(Problem("the model has no timeline", file=conflict.file,
                                   hint="add a 'timeline:' section with dated events (docs/model-format.md)"))
    if not isinstance(raw, dict):
        raise positions.error(root, "'timeline' must be a mapping with 'events' (and optionally 'until', "
                                    "'persisted_days')", hint="timeline: {events: [{date: ..., state: ...}]}")
    events_raw = raw.get("events")
    if isinstance(events_raw, list):
        if len(events_raw) > MAX_EVENTS:
            raise positions.error(root + ("events",), f"{len(events_raw)} events; the limit is {MAX_EVENTS}")
        expanded = dict(raw, events=[dict(e, evidence=evidence_list(e.get("evidence"))) if isinstance(e, dict) else e
                                     for e in events_raw])
    else:
        expanded = raw
    try:
        doc = TimelineIn.model_validate(expanded)
    except ValidationError as exc:
        problems = _validation_problems(exc, positions)
        for p, err in zip(problems, exc.errors()):
            loc = root + tuple(x for x in err["loc"] if isinstance(x, (int, str)))
            line, col = positions.get(loc)
            from detente.model.yamlio import format_path
            p.line, p.column, p.field = line, col, format_path(loc)
        raise ModelError(problems) from None
    if conflict.date is None:
        raise positions.error(root, "a timeline needs the model's own date (the day its status quo describes)",
                              hint="add 'date: YYYY-MM-DD' at the top of the model")
    if conflict.status_quo is None:
        raise positions.error(root, "a timeline starts from the model's status quo, and the model has none",
                              hint="add 'status_quo:' (the state on the model's date)")

    problems: list[Problem] = []
    events: list[Event] = []
    for i, e in enumerate(doc.events):
        path = root + ("events", i)
        line = positions.get(path)[0]
        kinds = [k for k in ("state", "move", "revision") if getattr(e, k) is not None]
        if len(kinds) != 1:
            problems.append(positions.problem(path, "an event needs exactly one of 'state' (options observed), "
                                                    "'move' (a move by one decision maker) or 'revision'"
                                                    + (f"; it has {', '.join(kinds)}" if kinds else ""),
                                              hint="split it into one event per kind, on the same date"))
            continue
        if e.date < conflict.date:
            problems.append(positions.problem(path + ("date",), f"{e.date.isoformat()} is before the model's date "
                                              f"{conflict.date.isoformat()}",
                                              hint="the timeline follows the model from its date on; record earlier "
                                                   "facts in the model itself"))
        if doc.until is not None and e.date > doc.until:
            problems.append(positions.problem(path + ("date",), f"{e.date.isoformat()} is after the timeline's end "
                                              f"(until: {doc.until.isoformat()})",
                                              hint="move 'until' later or drop the event"))
        if not e.evidence:
            problems.append(positions.problem(path, "an event needs evidence: a stored statement (statement_id), a "
                                                    "quote, or the analyst's record of events (record: ...)",
                                              hint="e.g. evidence: {record: \"what happened, in your words\", "
                                                   "source: \"where it was reported\"}"))
        ev = Event(index=i, date=e.date, kind=kinds[0], text=e.event, evidence=e.evidence, why=e.why,
                   note=e.note, line=line)
        if e.state is not None:
            if not e.state:
                problems.append(positions.problem(path + ("state",), "the state observes no option",
                                                  hint="write {option: true/false, ...}"))
            for name, value in e.state.items():
                try:
                    truth = _truth(value)
                except ValueError:
                    problems.append(positions.problem(path + ("state", name), f"{value!r} is not an option value",
                                                      hint="write true (taken), false (not taken) or unknown"))
                    continue
                if truth is not None:
                    ev.values[str(name)] = truth
        elif e.move is not None:
            ev.by = e.move.by
            if not e.move.take and not e.move.drop:
                problems.append(positions.problem(path + ("move",), "the move takes and drops nothing",
                                                  hint="list the options it takes ('take') or drops ('drop')"))
            both = set(e.move.take) & set(e.move.drop)
            if both:
                problems.append(positions.problem(path + ("move",), f"the move both takes and drops {sorted(both)}"))
            ev.values = {**{o: True for o in e.move.take}, **{o: False for o in e.move.drop}}
        else:
            ev.revision = e.revision.model_dump(exclude_none=True)
            if not ev.revision:
                problems.append(positions.problem(path + ("revision",), "the revision changes nothing",
                                                  hint="add_options, preferences, ranking, options, add_infeasible, "
                                                       "remove_infeasible or perception"))
        events.append(ev)
    if problems:
        raise ModelError(problems)

    order = sorted(events, key=lambda ev: (ev.date, ev.kind != "revision", ev.index))
    versions = [ModelVersion(conflict.date, conflict)]
    values = conflict.values(conflict.status_quo)
    path = [PathPoint(conflict.date, dict(values), set(conflict.option_names), [], 0)]
    since: dict[str, dt.date] = {name: conflict.date for name in values}
    by_date: dict[dt.date, list[Event]] = {}
    for ev in order:
        by_date.setdefault(ev.date, []).append(ev)
    spaces: dict[int, StateSpace] = {}

    def space_of(k: int) -> StateSpace:
        # One scan of the feasible states per model version, not one per observed date.
        if k not in spaces:
            spaces[k] = StateSpace.build(versions[k].conflict, check_size=True, positions=positions)
        return spaces[k]
    for date, day in by_date.items():
        for ev in day:
            epath = root + ("events", ev.index)
            if ev.kind != "revision":
                continue
            current = versions[-1].conflict
            import copy
            data = copy.deepcopy(current.document)
            # The status quo as the options taken: a Y/N string would not fit added options.
            data["status_quo"] = current.taken(current.status_quo)
            adds = ev.revision.get("add_options") or {}
            if adds:
                dm_index = {d.get("name"): i for i, d in enumerate(data.get("decision_makers", []))}
                for dm_name, opts in adds.items():
                    if dm_name not in dm_index:
                        raise positions.error(epath + ("revision", "add_options", dm_name),
                                              f"unknown decision maker {dm_name!r}",
                                              hint=did_you_mean(dm_name, list(dm_index)))
                    data["decision_makers"][dm_index[dm_name]]["options"] = list(
                        data["decision_makers"][dm_index[dm_name]].get("options") or []) + list(opts)
            overrides = {k: v for k, v in ev.revision.items() if k != "add_options"}
            revised = apply_overrides(current, overrides, epath + ("revision",),
                                      f"the revision of {date.isoformat()}", data=data)
            revised._positions = positions  # type: ignore[attr-defined]
            revised.variants = []
            for name in revised.option_names:
                if name not in values:
                    values[name] = False
                    since[name] = date
            versions.append(ModelVersion(date, revised, ev))
        model = versions[-1].conflict
        observed_today: list[Event] = []
        seen: set[str] = set()
        for ev in day:
            if ev.kind == "revision":
                continue
            epath = root + ("events", ev.index)
            where = epath + ("state",) if ev.kind == "state" else epath + ("move",)
            names = model.option_names
            if ev.kind == "move" and ev.by not in model.dm_names:
                raise positions.error(where + ("by",), f"{ev.by!r} is not a decision maker",
                                      hint=did_you_mean(ev.by, model.dm_names))
            for name, truth in ev.values.items():
                if name not in names:
                    added_later = any(name in _added_names(e.revision) for e in order
                                      if e.kind == "revision" and e.date > date)
                    raise positions.error(where + ((name,) if ev.kind == "state" else ()),
                                          f"{name!r} is not an option of the model in force on {date.isoformat()}",
                                          hint=(f"it is added by a later revision; date this event on or after it"
                                                if added_later else did_you_mean(name, names)
                                                or "options: " + ", ".join(names)))
                if ev.kind == "move":
                    owner = model.option(name).dm
                    if owner != ev.by:
                        raise positions.error(where, f"{ev.by!r} does not control {name!r} ({owner!r} does)",
                                              hint="a move changes only its mover's options; record the others' "
                                                   "changes as their own moves or as a state")
                    if values[name] == truth:
                        raise positions.error(where, f"{name!r} is already {'taken' if truth else 'not taken'} on "
                                              f"{date.isoformat()} (since {since[name].isoformat()}), so {ev.by!r} "
                                              f"cannot {'take' if truth else 'drop'} it",
                                              hint="record the state instead, or correct the earlier events")
                if values[name] != truth:
                    since[name] = date
                values[name] = truth
                seen.add(name)
            observed_today.append(ev)
        if observed_today:
            code = code_in(model, values)
            space = space_of(len(versions) - 1)
            if not space.is_feasible(code):
                last = observed_today[-1]
                reasons = space.infeasibility_reasons(code)
                raise positions.error(root + ("events", last.index),
                                      f"on {date.isoformat()} the observed state {model.yn(code)} is infeasible in the "
                                      f"model in force ({'; '.join(reasons)})",
                                      hint="correct the observation (unlisted options keep their last value), or "
                                           "revise the model as of this date (remove_infeasible) and say why")
            path.append(PathPoint(date, dict(values), seen, observed_today, len(versions) - 1))
        else:
            # A revision without observations on its date: the state carried forward must still be feasible.
            model = versions[-1].conflict
            space = space_of(len(versions) - 1)
            code = code_in(model, values)
            if not space.is_feasible(code):
                rev = day[-1]
                raise positions.error(root + ("events", rev.index),
                                      f"after the revision of {date.isoformat()} the current state {model.yn(code)} "
                                      f"is infeasible ({'; '.join(space.infeasibility_reasons(code))})",
                                      hint="observe the state on the same date, or change the revision")
    until = doc.until or max([conflict.date] + [e.date for e in events])
    return Timeline(conflict, order, versions, path, until, doc.persisted_days)
