"""Loading conflict models from YAML/JSON files (and plain dicts) with located errors.

A model file looks like this (JSON with the same structure is accepted)::

    title: Prisoner's dilemma
    decision_makers:
      - name: A
        options:
          - name: a_defects
            label: A defects
            direction: both            # or take_only / drop_only
        preferences:                   # most important first
          - statement: a_defects       # plain strings are accepted too
            evidence: {assumption: "textbook payoffs"}
          - not b_defects
      - name: B
        options: [b_defects]
        ranking:                       # or an explicit ranking, most preferred first
          - NY                         # Y/N per option in declaration order
          - [NN, YY]                   # a tie
          - YN
    infeasible:
      - when: a_defects and b_defects and false
        why: "..."
    status_quo: NN                     # or [taken options] or {option: true/false}
    variants:
      - name: kinder
        description: B cares about A
        preferences: {B: [not a_defects]}

Every problem is reported with file, line and field (see :mod:`detente.errors`).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from detente.errors import DetenteError, ModelError, Problem, TooLargeError
from detente.model.conflict import (Conflict, Constraint, DecisionMaker, NamedState, Option, Perception,
                                    PreferenceBelief, Statement, UnknownOption, Variant)
from detente.model.evidence import Evidence, evidence_list, parse_iso_date
from detente.model.expr import ExpressionError, parse, parse_located
from detente.model.states import StateSpace
from detente.model.states import max_options as scan_limit, too_many_options
from detente.model.yamlio import Positions, did_you_mean, format_path, parse_text, read_document

MAX_DECISION_MAKERS = 32
MAX_STATEMENTS = 500
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")

DIRECTION_ALIASES = {
    "both": "both", "reversible": "both",
    "take_only": "take_only", "take-only": "take_only", "fwd": "take_only", "irreversible": "take_only",
    "drop_only": "drop_only", "drop-only": "drop_only", "back": "drop_only",
}


# --- schema of the input document (after shorthand expansion) -------------------------------

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class OptionIn(_Strict):
    name: str
    label: str | None = None
    description: str | None = None
    direction: str = "both"
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("direction")
    @classmethod
    def _direction(cls, v: str) -> str:
        key = v.strip().lower()
        if key not in DIRECTION_ALIASES:
            raise ValueError(f"direction {v!r} is not one of both, take_only, drop_only")
        return DIRECTION_ALIASES[key]


class StatementIn(_Strict):
    statement: str
    evidence: list[Evidence] = Field(default_factory=list)
    probability: float | None = Field(None, ge=0.0, le=1.0)
    note: str | None = None
    id: str | None = None


class UnknownOptionIn(_Strict):
    option: str
    note: str | None = None
    probability: float | None = Field(None, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class PerceivedConstraintIn(_Strict):
    when: str | None = None
    constraint: str | None = None  # id of a real constraint (believes_feasible: "does not apply")
    id: str | None = None
    why: str | None = None
    probability: float | None = Field(None, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class BeliefIn(_Strict):
    preferences: list[StatementIn] | None = None
    ranking: list[list[Any]] | None = None
    drop: list[str] | None = None  # ids (or texts) of the other DM's true statements
    prepend: list[StatementIn] | None = None
    append: list[StatementIn] | None = None
    note: str | None = None
    probability: float | None = Field(None, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class PerceptionIn(_Strict):
    unknown_options: list[UnknownOptionIn] = Field(default_factory=list)
    believes_infeasible: list[PerceivedConstraintIn] = Field(default_factory=list)
    believes_feasible: list[PerceivedConstraintIn] = Field(default_factory=list)
    preferences_of: dict[str, BeliefIn] = Field(default_factory=dict)
    # Second level: how this DM believes each other DM perceives the conflict (its view of their views).
    views_of: dict[str, "PerceptionIn"] = Field(default_factory=dict)
    note: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class DecisionMakerIn(_Strict):
    name: str
    label: str | None = None
    description: str | None = None
    options: list[OptionIn]
    preferences: list[StatementIn] | None = None
    ranking: list[list[Any]] | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    # Sections read by other analyses (robustness: alternative rankings, uncertain orders).
    uncertainty: dict[str, Any] | None = None
    perception: PerceptionIn | None = None  # first-level hypergame: where its view differs


class ConstraintIn(_Strict):
    when: str
    id: str | None = None
    why: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class NamedStateIn(_Strict):
    name: str
    state: Any = None  # one state, written as the status quo is
    when: Any = None  # a set: an expression, or {option: Y/N, ...} for the options that are fixed
    label: str | None = None
    description: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class VariantIn(_Strict):
    name: str
    description: str | None = None
    preferences: dict[str, list[Any]] | None = None
    ranking: dict[str, list[Any]] | None = None
    options: dict[str, dict[str, Any]] | None = None
    add_infeasible: list[Any] | None = None
    remove_infeasible: list[str] | None = None
    status_quo: Any = None
    perception: dict[str, Any] | None = None  # DM -> its perception in this variant (null: sees reality)
    evidence: list[Evidence] = Field(default_factory=list)


class DocumentIn(_Strict):
    title: str | None = None
    description: str | None = None
    date: dt.date | None = None
    sources: dict[str, dict[str, Any]] | None = None
    decision_makers: list[DecisionMakerIn]
    infeasible: list[ConstraintIn] = Field(default_factory=list)
    status_quo: Any = None
    states: list[NamedStateIn] = Field(default_factory=list)  # names of states and sets of states
    variants: list[VariantIn] = Field(default_factory=list)
    issues: Any = None  # continuous issues: read by detente.bargaining
    uncertainty: Any = None  # model-wide uncertainty section: read by detente.gmcr.robustness
    questions: list[dict[str, Any]] | None = None  # questions the report answers (detente.report.questions)
    state_notes: list[dict[str, Any]] | None = None  # notes on odd-looking states (detente.report.questions)
    timeline: Any = None  # dated observations and revisions: read by detente.model.timeline
    schema_: str | None = Field(None, alias="schema")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v):
        return parse_iso_date(v)


# --- shorthand expansion -----------------------------------------------------------------

def _evidence_list(item: dict) -> None:
    if "evidence" in item:
        item["evidence"] = evidence_list(item["evidence"])


def _expand(data: Any) -> Any:
    """Expand shorthands so the strict schema has no unions (better error locations)."""
    if not isinstance(data, dict):
        return data
    data = copy.deepcopy(data)
    dms = data.get("decision_makers")
    for dm in dms if isinstance(dms, list) else []:  # other types: the schema says where
        if not isinstance(dm, dict):
            continue
        _evidence_list(dm)
        opts = dm.get("options")
        if isinstance(opts, list):
            for i, o in enumerate(opts):
                if isinstance(o, str):
                    opts[i] = {"name": o}
                elif isinstance(o, dict):
                    _evidence_list(o)
        prefs = dm.get("preferences")
        if isinstance(prefs, list):
            for i, p in enumerate(prefs):
                if isinstance(p, str):
                    prefs[i] = {"statement": p}
                elif isinstance(p, dict):
                    _evidence_list(p)
        rk = dm.get("ranking")
        if isinstance(rk, list):
            dm["ranking"] = [lvl if isinstance(lvl, list) else [lvl] for lvl in rk]
        if isinstance(dm.get("perception"), dict):
            _expand_perception(dm["perception"])
    inf = data.get("infeasible")
    if isinstance(inf, list):
        for i, c in enumerate(inf):
            if isinstance(c, str):
                inf[i] = {"when": c}
            elif isinstance(c, dict):
                _evidence_list(c)
    variants = data.get("variants")
    for v in variants if isinstance(variants, list) else []:
        if isinstance(v, dict):
            _evidence_list(v)
    named = data.get("states")
    for v in named if isinstance(named, list) else []:
        if isinstance(v, dict):
            _evidence_list(v)
    return data


def _expand_statements(items: Any) -> None:
    if isinstance(items, list):
        for i, p in enumerate(items):
            if isinstance(p, str):
                items[i] = {"statement": p}
            elif isinstance(p, dict):
                _evidence_list(p)


def _expand_perception(per: dict) -> None:
    _evidence_list(per)
    unknown = per.get("unknown_options")
    if isinstance(unknown, list):
        for i, u in enumerate(unknown):
            if isinstance(u, str):
                unknown[i] = {"option": u}
            elif isinstance(u, dict):
                _evidence_list(u)
    for key in ("believes_infeasible", "believes_feasible"):
        items = per.get(key)
        if isinstance(items, list):
            for i, c in enumerate(items):
                if isinstance(c, str):
                    items[i] = {"when": c}
                elif isinstance(c, dict):
                    _evidence_list(c)
    beliefs = per.get("preferences_of")
    if isinstance(beliefs, dict):
        for b in beliefs.values():
            if not isinstance(b, dict):
                continue
            _evidence_list(b)
            for key in ("preferences", "prepend", "append"):
                _expand_statements(b.get(key))
            rk = b.get("ranking")
            if isinstance(rk, list):
                b["ranking"] = [lvl if isinstance(lvl, list) else [lvl] for lvl in rk]
            if isinstance(b.get("drop"), str):
                b["drop"] = [b["drop"]]
    views = per.get("views_of")
    if isinstance(views, dict):
        for nested in views.values():
            if isinstance(nested, dict):
                _expand_perception(nested)


def _validation_problems(exc: ValidationError, positions: Positions) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, (int, str)))
        msg = err["msg"]
        hint = None
        if err["type"] == "extra_forbidden":
            hint = "remove it or check its spelling and indentation"
            msg = f"unknown field {loc[-1]!r}" if loc else msg
            parent = positions_parent_fields(loc)
            if parent:
                guess = did_you_mean(str(loc[-1]), parent)
                if guess:
                    hint = guess
        elif err["type"] == "missing":
            msg = f"missing required field {loc[-1]!r}" if loc else msg
            hint = "add it"
            loc = loc  # points at the parent mapping
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        problems.append(positions.problem(loc, msg, hint))
    return problems


_FIELDS_BY_CONTEXT = {
    0: set(DocumentIn.model_fields) | {"schema"},
    "decision_makers": set(DecisionMakerIn.model_fields),
    "options": set(OptionIn.model_fields),
    "preferences": set(StatementIn.model_fields),
    "infeasible": set(ConstraintIn.model_fields),
    "variants": set(VariantIn.model_fields),
    "states": set(NamedStateIn.model_fields),
    "evidence": set(Evidence.model_fields),
    "perception": set(PerceptionIn.model_fields),
    "unknown_options": set(UnknownOptionIn.model_fields),
    "believes_infeasible": set(PerceivedConstraintIn.model_fields),
    "believes_feasible": set(PerceivedConstraintIn.model_fields),
    "prepend": set(StatementIn.model_fields),
    "append": set(StatementIn.model_fields),
}


def positions_parent_fields(loc: tuple) -> set[str] | None:
    if len(loc) == 1:
        return _FIELDS_BY_CONTEXT[0]
    named = [p for p in loc[:-1] if isinstance(p, str)]
    return _FIELDS_BY_CONTEXT.get(named[-1]) if named else None


# --- state specifications ------------------------------------------------------------------

def parse_state_spec(spec: Any, conflict: Conflict, positions: Positions, path: tuple) -> int:
    """A state written as ``"YNNY"``, a list of taken options, or ``{option: true/false}``."""
    m = conflict.n_options
    names = conflict.option_names
    if isinstance(spec, str):
        s = spec.strip()
        if len(s) == m and set(s.upper()) <= set("YN10"):
            code = 0
            for k, ch in enumerate(s.upper()):
                if ch in "Y1":
                    code |= 1 << k
            return code
        if s in names:  # a single taken option
            return 1 << conflict.option(s).index
        raise positions.error(path, f"{spec!r} is not a state",
                              hint=f"write a state as {m} letters Y/N, one per option in the order "
                                   f"{', '.join(names)}; or as a list of the options taken")
    if isinstance(spec, list):
        code = 0
        for i, name in enumerate(spec):
            if not isinstance(name, str) or name not in names:
                raise positions.error(path + (i,), f"{name!r} is not an option",
                                      hint=did_you_mean(str(name), names) or "list the options taken in this state")
            code |= 1 << conflict.option(name).index
        return code
    if isinstance(spec, dict):
        if set(spec) == {"taken"}:
            taken = spec["taken"] or []
            if not isinstance(taken, list):
                raise positions.error(path + ("taken",), f"'taken' must be a list of options, not {taken!r}",
                                      hint="e.g. {taken: [a, b]}")
            return parse_state_spec(taken, conflict, positions, path + ("taken",))
        code = 0
        for name, value in spec.items():
            if name not in names:
                raise positions.error(path + (name,), f"{name!r} is not an option",
                                      hint=did_you_mean(name, names))
            if isinstance(value, str):
                value = value.strip().upper() in ("Y", "YES", "TRUE", "1")
            if value:
                code |= 1 << conflict.option(name).index
        return code
    if isinstance(spec, int) and not isinstance(spec, bool):
        raise positions.error(path, f"state given as the number {spec}",
                              hint="state numbers depend on the feasible set; write the state as a "
                                   "Y/N string or the list of options taken")
    raise positions.error(path, f"{spec!r} is not a state",
                          hint="write a state as a Y/N string or the list of options taken")


# --- building the Conflict -----------------------------------------------------------------

def build_conflict(data: Any, positions: Positions, file: str | None = None, *,
                   max_options: int | None = None, too_many_hint: str | None = None,
                   check_variants: bool = True) -> Conflict:
    """Validate plain data and build a :class:`Conflict` (raises :class:`ModelError`).

    ``max_options`` lowers the limit on options (``DETENTE_MAX_OPTIONS``, default 24), e.g.
    for a server; ``too_many_hint`` then says how to get past it. Every size limit is checked
    before the feasible states are enumerated. With ``check_variants`` every variant is built
    as well, so that a broken variant is refused at load with its location.
    """
    if not isinstance(data, dict):
        raise ModelError(Problem("a model file must be a mapping with at least 'decision_makers'",
                                 file=file or positions.file, line=1,
                                 hint="start the file with 'decision_makers:'"))
    if "decision_makers" not in data:
        raise ModelError(Problem("missing required field 'decision_makers'", file=file or positions.file,
                                 line=1, hint="a conflict model lists its decision makers and their options"))
    expanded = _expand(data)
    if isinstance(expanded.get("decision_makers"), list) and len(expanded["decision_makers"]) > MAX_DECISION_MAKERS:
        raise TooLargeError(positions.problem(("decision_makers",),
                            f"{len(expanded['decision_makers'])} decision makers; the limit is {MAX_DECISION_MAKERS}"))
    dm_list = expanded.get("decision_makers")
    n_opts = sum(len(d["options"]) for d in (dm_list if isinstance(dm_list, list) else [])
                 if isinstance(d, dict) and isinstance(d.get("options"), list))
    limit = scan_limit() if max_options is None else min(max_options, scan_limit())
    if n_opts > limit:  # before anything is validated or scanned
        line, col = positions.get(("decision_makers",))
        raise TooLargeError(too_many_options(n_opts, limit, file=file or positions.file, line=line,
                                             field="decision_makers", hint=too_many_hint))
    try:
        doc = DocumentIn.model_validate(expanded)
    except ValidationError as exc:
        raise ModelError(_validation_problems(exc, positions)) from None

    problems: list[Problem] = []
    options: list[Option] = []
    dms: list[DecisionMaker] = []
    owner: dict[str, tuple[str, tuple]] = {}
    dm_names: dict[str, int] = {}
    for di, d in enumerate(doc.decision_makers):
        dpath = ("decision_makers", di)
        if d.name in dm_names:
            problems.append(positions.problem(dpath + ("name",), f"decision maker {d.name!r} is declared twice",
                                              hint="give each decision maker a unique name"))
        dm_names[d.name] = di
        if not d.options:
            problems.append(positions.problem(dpath + ("options",), f"decision maker {d.name!r} has no options",
                                              hint="every decision maker must control at least one option"))
        for oi, o in enumerate(d.options):
            opath = dpath + ("options", oi)
            if not NAME_RE.match(o.name) or o.name.lower() in ("and", "or", "not", "implies", "iff", "if", "true", "false"):
                problems.append(positions.problem(opath + ("name",), f"option name {o.name!r} cannot be used in expressions",
                                                  hint="use letters, digits, _ - . (starting with a letter), e.g. "
                                                       + repr(re.sub(r'[^A-Za-z0-9_]+', '_', o.name).strip('_').lower() or 'option_1')
                                                       + ", and put the readable text in 'label'"))
            if o.name in owner:
                other_dm, other_path = owner[o.name]
                problems.append(positions.problem(opath + ("name",),
                                                  f"option {o.name!r} has two owners: {other_dm!r} "
                                                  f"(at {format_path(other_path)}) and {d.name!r}",
                                                  hint="each option is controlled by exactly one decision maker; rename one"))
                continue
            owner[o.name] = (d.name, opath)
            options.append(Option(name=o.name, dm=d.name, index=len(options), label=o.label,
                                  description=o.description, direction=o.direction, evidence=o.evidence))
        dms.append(DecisionMaker(name=d.name, options=[o.name for o in d.options if owner.get(o.name, (None,))[0] == d.name],
                                 label=d.label, description=d.description, evidence=d.evidence,
                                 extra={"uncertainty": d.uncertainty} if d.uncertainty else {}))
    if len(doc.decision_makers) < 2:
        problems.append(positions.problem(("decision_makers",), "a conflict needs at least two decision makers",
                                          hint="add the other party (or parties)"))
    if problems:
        raise ModelError(problems)

    conflict = Conflict(decision_makers=dms, options=options, title=doc.title,
                        description=doc.description, date=doc.date, sources=doc.sources or {},
                        file=file, document=data)
    names = conflict.option_names

    # Constraints.
    ids: set[str] = set()
    for ci, c in enumerate(doc.infeasible):
        path = ("infeasible", ci)
        try:
            expr = parse_located(c.when, positions, path + ("when",), names, "constraint")
        except ModelError as exc:
            problems.extend(exc.problems)
            continue
        if c.id:
            if c.id in ids:
                problems.append(positions.problem(path + ("id",), f"constraint id {c.id!r} is used twice"))
            ids.add(c.id)
        conflict.constraints.append(Constraint(text=c.when, expr=expr, id=c.id, why=c.why, evidence=c.evidence))

    # Preferences.
    for di, (d_in, dm) in enumerate(zip(doc.decision_makers, dms)):
        dpath = ("decision_makers", di)
        if d_in.preferences is not None and d_in.ranking is not None:
            problems.append(positions.problem(dpath + ("ranking",),
                                              f"{dm.name!r} has both 'preferences' and 'ranking'",
                                              hint="keep one of them"))
            continue
        if d_in.preferences is None and d_in.ranking is None:
            problems.append(positions.problem(dpath, f"decision maker {dm.name!r} has no preferences",
                                              hint="add 'preferences' (prioritised statements) or 'ranking' (states, best first)"))
            continue
        if d_in.preferences is not None:
            if len(d_in.preferences) > MAX_STATEMENTS:
                problems.append(positions.problem(dpath + ("preferences",), f"{len(d_in.preferences)} statements; "
                                                  f"the limit is {MAX_STATEMENTS}"))
                continue
            stmts = []
            for si, s in enumerate(d_in.preferences):
                try:
                    expr = parse_located(s.statement, positions, dpath + ("preferences", si, "statement"),
                                         names, "preference statement")
                except ModelError as exc:
                    problems.extend(exc.problems)
                    continue
                stmts.append(Statement(text=s.statement, expr=expr, evidence=s.evidence,
                                       probability=s.probability, note=s.note, id=s.id))
            dm.preferences = stmts
        else:
            levels = []
            for li, level in enumerate(d_in.ranking or []):
                codes = []
                for ki, spec in enumerate(level):
                    try:
                        codes.append(parse_state_spec(spec, conflict, positions, dpath + ("ranking", li, ki)))
                    except ModelError as exc:
                        problems.extend(exc.problems)
                levels.append(codes)
            dm.ranking = levels
    if problems:
        raise ModelError(problems)

    # Perceptions (first-level hypergame): after every DM's true preferences are known.
    for di, (d_in, dm) in enumerate(zip(doc.decision_makers, dms)):
        if d_in.perception is not None:
            dm.perception = _build_perception(d_in.perception, dm, conflict, positions,
                                              ("decision_makers", di, "perception"), problems)
    if problems:
        raise ModelError(problems)
    # Second level: each DM's beliefs about the others' perceptions, checked against its own view.
    for di, (d_in, dm) in enumerate(zip(doc.decision_makers, dms)):
        if d_in.perception is not None and d_in.perception.views_of:
            _build_views_of(d_in.perception, dm, conflict, positions,
                            ("decision_makers", di, "perception", "views_of"), problems)
    if problems:
        raise ModelError(problems)

    if doc.status_quo is not None:
        conflict.status_quo = parse_state_spec(doc.status_quo, conflict, positions, ("status_quo",))
    conflict.named_states = _named_states(doc.states, conflict, positions, problems)
    if problems:
        raise ModelError(problems)
    for v in doc.variants:
        conflict.variants.append(Variant(name=v.name, description=v.description,
                                         overrides=v.model_dump(exclude_none=True, exclude={"name", "description"})))
    seen_variants: set[str] = set()
    for vi, v in enumerate(doc.variants):
        if v.name in seen_variants:
            problems.append(positions.problem(("variants", vi, "name"), f"variant {v.name!r} is declared twice"))
        seen_variants.add(v.name)
    if problems:
        raise ModelError(problems)

    matched = _check_states(conflict, positions)
    conflict._names_matched = matched  # type: ignore[attr-defined]
    if check_variants:
        # Every variant must build too, so that a broken one is reported now, where it is
        # written, and not later by `compare` or `report`.
        conflict._positions = positions  # type: ignore[attr-defined]
        for v in conflict.variants:
            out = apply_variant(conflict, v.name)
            matched = matched | getattr(out, "_names_matched", set())
        for ni, ns in enumerate(conflict.named_states):
            if ns.name not in matched:
                problems.append(positions.problem(
                    ("states", ni, "state" if ns.code is not None else "when"),
                    f"state name {ns.name!r} ({ns.text}) matches no feasible state"
                    + (" of the model or any of its variants" if conflict.variants else ""),
                    hint="check it against the 'infeasible' constraints: `detente states MODEL` lists "
                         "the feasible states and what excludes each other combination"))
        if problems:
            raise ModelError(problems)
    return conflict


_TRUE_WORDS = ("Y", "YES", "TRUE", "1")
_FALSE_WORDS = ("N", "NO", "FALSE", "0")


def _named_states(items: list[NamedStateIn], conflict: Conflict, positions: Positions,
                  problems: list[Problem]) -> list[NamedState]:
    """The model's ``states:`` (names of states and of sets of states), each problem located."""
    out: list[NamedState] = []
    seen: dict[str, int] = {}
    options = conflict.option_names
    m = conflict.n_options
    for ni, item in enumerate(items):
        path = ("states", ni)
        n_before = len(problems)
        name = item.name
        if not NAME_RE.match(name) or name.lower() in ("and", "or", "not", "implies", "iff", "if", "true", "false"):
            problems.append(positions.problem(path + ("name",), f"state name {name!r} is not a usable name",
                                              hint="use letters, digits, _ - . starting with a letter, e.g. "
                                                   + repr(re.sub(r'[^A-Za-z0-9_]+', '-', name).strip('-').lower() or 'no-deal')))
        elif name in options:
            problems.append(positions.problem(path + ("name",), f"state name {name!r} is also an option's name",
                                              hint="a state given on the command line as an option's name means "
                                                   "'only that option taken'; rename the state"))
        elif len(name) == m and set(name.upper()) <= set("YN"):
            problems.append(positions.problem(path + ("name",), f"state name {name!r} reads as a Y/N state",
                                              hint="choose a name that is not a string of Y and N"))
        if name in seen:
            problems.append(positions.problem(path + ("name",), f"state name {name!r} is declared twice "
                                              f"(also at states[{seen[name]}])", hint="give each name once"))
        seen.setdefault(name, ni)
        if (item.state is None) == (item.when is None):
            problems.append(positions.problem(path, f"state name {name!r} needs either 'state' (one state) "
                                              "or 'when' (a set of states), not " + ("both" if item.state is not None else "neither"),
                                              hint="e.g. state: NNYN, or when: a and not b"))
            continue
        code = expr = None
        text = ""
        try:
            if item.state is not None:
                code = parse_state_spec(item.state, conflict, positions, path + ("state",))
                text = conflict.yn(code)
            elif isinstance(item.when, str):
                text = item.when
                expr = parse_located(item.when, positions, path + ("when",), options, "state name's condition")
            elif isinstance(item.when, dict) and item.when:
                parts = []
                for opt, value in item.when.items():
                    where = path + ("when", opt)
                    if opt not in options:
                        problems.append(positions.problem(where, f"{opt!r} is not an option",
                                                          hint=did_you_mean(str(opt), options)
                                                          or "options are declared under decision_makers[*].options"))
                        continue
                    word = str(value).strip().upper() if not isinstance(value, bool) else ("Y" if value else "N")
                    if word not in _TRUE_WORDS + _FALSE_WORDS:
                        problems.append(positions.problem(where, f"{opt}: {value!r} is not Y or N",
                                                          hint="give each option as Y (taken) or N (not taken)"))
                        continue
                    parts.append(opt if word in _TRUE_WORDS else f"not {opt}")
                text = " and ".join(parts)
                if parts:
                    expr = parse(text)
            else:
                problems.append(positions.problem(path + ("when",), f"'when' of {name!r} must be an expression or "
                                                  "a mapping of options to Y/N",
                                                  hint="e.g. when: a and not b, or when: {a: Y, b: N}"))
        except ModelError as exc:
            problems.extend(exc.problems)
        if len(problems) == n_before:
            out.append(NamedState(name=name, text=text, code=code, expr=expr, label=item.label,
                                  description=item.description, evidence=item.evidence))
    return out


def _names_matched(conflict: Conflict, space: StateSpace) -> set[str]:
    """The state names of ``conflict`` that at least one of its feasible states carries."""
    from detente.model.states import _option_values
    out = set()
    for ns in conflict.named_states:
        if ns.code is not None:
            hit = space.is_feasible(ns.code)
        else:
            hit = bool(np.asarray(ns.expr.evaluate(_option_values(space.codes, conflict))).any())
        if hit:
            out.add(ns.name)
    return out


def _statements(items, names, positions, path, what, problems) -> list[Statement]:
    out = []
    for si, s in enumerate(items):
        try:
            expr = parse_located(s.statement, positions, path + (si, "statement"), names, what)
        except ModelError as exc:
            problems.extend(exc.problems)
            continue
        out.append(Statement(text=s.statement, expr=expr, evidence=s.evidence,
                             probability=s.probability, note=s.note, id=s.id))
    return out


def _build_perception(p_in: PerceptionIn, dm: DecisionMaker, conflict: Conflict, positions: Positions,
                      path: tuple, problems: list[Problem]) -> Perception:
    """Validate one DM's perception against the real model (names, expressions, beliefs)."""
    names = conflict.option_names
    per = Perception(note=p_in.note, evidence=p_in.evidence)
    unknown: set[str] = set()
    for ui, u in enumerate(p_in.unknown_options):
        where = path + ("unknown_options", ui, "option")
        if u.option not in names:
            problems.append(positions.problem(where, f"{u.option!r} is not an option",
                                              hint=did_you_mean(u.option, names) or "name an option of another DM"))
        elif conflict.option(u.option).dm == dm.name:
            problems.append(positions.problem(where, f"{dm.name!r} controls {u.option!r}, so it knows the option exists",
                                              hint="only other DMs' options can be unknown to a DM"))
        elif u.option in unknown:
            problems.append(positions.problem(where, f"option {u.option!r} is listed twice"))
        else:
            unknown.add(u.option)
            per.unknown_options.append(UnknownOption(u.option, u.note, u.evidence, u.probability))
    # What the DM writes about the conflict cannot name options it does not know exist.
    known = [n for n in names if n not in unknown]

    def located_expr(text: str, where: tuple, what: str):
        try:
            expr = parse_located(text, positions, where, names, what)
        except ModelError as exc:
            problems.extend(exc.problems)
            return None
        hidden = sorted(expr.names() & unknown)
        if hidden:
            problems.append(positions.problem(where, f"{what} {text!r} names {', '.join(map(repr, hidden))}, "
                                              f"which {dm.name!r} does not know exists (unknown_options)",
                                              hint="a DM's beliefs can only be about options it knows"))
            return None
        return expr

    real_ids = {c.id: c for c in conflict.constraints if c.id}
    for key in ("believes_infeasible", "believes_feasible"):
        for ci, c in enumerate(getattr(p_in, key)):
            where = path + (key, ci)
            if (c.when is None) == (c.constraint is None):
                problems.append(positions.problem(where, "give either 'when' (an expression) or 'constraint' "
                                                         "(the id of a real constraint)",
                                                  hint="e.g. when: eu_deploy and not us_backstop"))
                continue
            if c.constraint is not None:
                if key == "believes_infeasible":
                    problems.append(positions.problem(where + ("constraint",), "'constraint' names a real constraint, "
                                                      "which is infeasible already",
                                                      hint="write the combination believed infeasible as 'when'"))
                    continue
                if c.constraint not in real_ids:
                    problems.append(positions.problem(where + ("constraint",), f"no constraint with id {c.constraint!r}",
                                                      hint=did_you_mean(c.constraint, list(real_ids))
                                                      or "give the constraint an 'id'"))
                    continue
                real = real_ids[c.constraint]
                per.believes_feasible.append(Constraint(text=real.text, expr=real.expr, id=c.id or c.constraint,
                                                        why=c.why, evidence=c.evidence, probability=c.probability))
                continue
            expr = located_expr(c.when, where + ("when",), "perceived constraint")
            if expr is not None:
                getattr(per, key).append(Constraint(text=c.when, expr=expr, id=c.id, why=c.why, evidence=c.evidence,
                                                    probability=c.probability))
    for other, b in p_in.preferences_of.items():
        where = path + ("preferences_of", other)
        if other not in conflict.dm_names:
            problems.append(positions.problem(where, f"{other!r} is not a decision maker",
                                              hint=did_you_mean(other, conflict.dm_names)))
            continue
        if other == dm.name:
            problems.append(positions.problem(where, f"{dm.name!r} knows its own preferences",
                                              hint="a perception holds beliefs about the other DMs only"))
            continue
        changes = b.drop is not None or b.prepend is not None or b.append is not None
        forms = [b.preferences is not None, b.ranking is not None, changes]
        if sum(forms) != 1:
            problems.append(positions.problem(where, f"the belief about {other!r} needs exactly one of 'preferences', "
                                                     "'ranking' or changes ('drop', 'prepend', 'append')",
                                              hint="write the full believed statements, a full ranking, or the "
                                                   "changes to the true statements"))
            continue
        belief = PreferenceBelief(about=other, note=b.note, evidence=b.evidence, probability=b.probability)
        n_before = len(problems)
        if b.preferences is not None:
            belief.preferences = _statements(b.preferences, names, positions, where + ("preferences",),
                                             "believed preference statement", problems)
        elif b.ranking is not None:
            levels = []
            for li, level in enumerate(b.ranking):
                codes = []
                for ki, spec in enumerate(level):
                    try:
                        codes.append(parse_state_spec(spec, conflict, positions, where + ("ranking", li, ki)))
                    except ModelError as exc:
                        problems.extend(exc.problems)
                levels.append(codes)
            belief.ranking = levels
        else:
            true = conflict.dm(other).preferences
            if true is None:
                problems.append(positions.problem(where, f"{other!r} has a ranking, not preference statements, so a "
                                                         "belief about it cannot be written as changes",
                                                  hint="give the believed 'ranking' in full"))
                continue
            dropped = []
            for ki, key in enumerate(b.drop or []):
                hit = [s for s in true if key in (s.id, s.text)]
                if not hit:
                    problems.append(positions.problem(where + ("drop", ki), f"{other!r} has no statement {key!r}",
                                                      hint=did_you_mean(key, [s.id or s.text for s in true])
                                                      or "name a statement by its id or its text"))
                dropped.extend(hit)
            pre = _statements(b.prepend or [], names, positions, where + ("prepend",),
                              "believed preference statement", problems)
            post = _statements(b.append or [], names, positions, where + ("append",),
                               "believed preference statement", problems)
            belief.dropped, belief.added = dropped, pre + post
            belief.preferences = pre + [s for s in true if all(s is not d for d in dropped)] + post
        for key in ("preferences", "prepend", "append"):
            for si, st in enumerate(getattr(b, key) or []):
                hidden = sorted(set(parse_names(st.statement)) & unknown)
                if hidden:
                    problems.append(positions.problem(where + (key, si, "statement"),
                                                      f"statement {st.statement!r} names {', '.join(map(repr, hidden))}, "
                                                      f"which {dm.name!r} does not know exists (unknown_options)",
                                                      hint="a DM's beliefs can only be about options it knows"))
        if len(problems) == n_before:
            per.preferences_of[other] = belief
    return per


def _build_views_of(p_in: PerceptionIn, dm: DecisionMaker, conflict: Conflict, positions: Positions,
                    path: tuple, problems: list[Problem]) -> None:
    """Second level: what ``dm`` believes each other DM perceives, as perceptions of ``dm``'s own
    view (so they can only name options ``dm`` knows, and 'drop' the statements ``dm`` believes
    the other holds). One level only."""
    from detente.model.perception import perceived_conflict
    base = perceived_conflict(conflict, dm.name)
    for other, nested in p_in.views_of.items():
        where = path + (other,)
        if other not in conflict.dm_names:
            problems.append(positions.problem(where, f"{other!r} is not a decision maker",
                                              hint=did_you_mean(other, conflict.dm_names)))
            continue
        if other == dm.name:
            problems.append(positions.problem(where, f"{dm.name!r}'s own view is its 'perception'",
                                              hint="views_of holds its beliefs about the other DMs' perceptions"))
            continue
        if nested.views_of:
            problems.append(positions.problem(where + ("views_of",), "only two levels are modelled: a view of a "
                                              "view cannot hold further views",
                                              hint="remove this views_of (docs/hypergames.md, second level)"))
            continue
        unsupported = [k for k in ("believes_feasible",) if getattr(nested, k)]
        unsupported += [f"preferences_of.{k}.ranking" for k, b in nested.preferences_of.items() if b.ranking is not None]
        if unsupported:
            problems.append(positions.problem(where, "a view of another DM's view supports unknown_options, "
                                                     "believes_infeasible and preferences_of as statements or changes, "
                                                     "not " + ", ".join(unsupported),
                                              hint="write the belief as statements (docs/hypergames.md, second level)"))
            continue
        n_before = len(problems)
        per = _build_perception(nested, base.dm(other), base, positions, where, problems)
        hidden = set(base.dm(dm.name).perception.unknown_option_names) if base.dm(dm.name).perception else set()
        hidden |= set(dm.perception.unknown_option_names)
        for ui, u in enumerate(per.unknown_options):
            if u.option in hidden:
                problems.append(positions.problem(where + ("unknown_options", ui, "option"),
                                                  f"{dm.name!r} does not know option {u.option!r} exists itself",
                                                  hint="a DM's beliefs can only be about options it knows"))
        if len(problems) == n_before:
            dm.perception.views_of[other] = per


def parse_names(text: str) -> set[str]:
    try:
        return parse(text).names()
    except ExpressionError:
        return set()


def _check_states(conflict: Conflict, positions: Positions) -> set[str]:
    """Checks that need the feasible set: nothing feasible, rankings, status quo, views.
    Returns the state names that some feasible state carries."""
    space = StateSpace.build(conflict, check_size=True, positions=positions)
    problems: list[Problem] = []
    if conflict.status_quo is not None and not space.is_feasible(conflict.status_quo):
        reasons = space.infeasibility_reasons(conflict.status_quo)
        problems.append(positions.problem(("status_quo",),
                                          f"the status quo {conflict.yn(conflict.status_quo)} is infeasible"
                                          f" ({'; '.join(reasons)})",
                                          hint="choose a state that no 'infeasible' constraint excludes"))
    for di, dm in enumerate(conflict.decision_makers):
        if dm.ranking is None:
            continue
        path = ("decision_makers", di, "ranking")
        seen: dict[int, tuple] = {}
        for li, level in enumerate(dm.ranking):
            for ki, code in enumerate(level):
                where = path + (li, ki)
                if not space.is_feasible(code):
                    problems.append(positions.problem(where, f"ranking of {dm.name!r} lists {conflict.yn(code)}, "
                                                      "which is not a feasible state",
                                                      hint="remove it: infeasible states are not ranked"))
                elif code in seen:
                    problems.append(positions.problem(where, f"ranking of {dm.name!r} lists {conflict.yn(code)} twice "
                                                      f"(also at {format_path(seen[code])})",
                                                      hint="list each feasible state once; put ties in one level"))
                else:
                    seen[code] = where
        missing = [int(c) for c in space.codes if int(c) not in seen]
        if missing:
            shown = ", ".join(conflict.yn(c) for c in missing[:8]) + (" ..." if len(missing) > 8 else "")
            problems.append(positions.problem(path, f"ranking of {dm.name!r} misses {len(missing)} feasible "
                                              f"state(s): {shown}",
                                              hint="every feasible state must appear exactly once"))
    if problems:
        raise ModelError(problems)
    for di, dm in enumerate(conflict.decision_makers):
        if dm.perception is not None:
            _check_view(conflict, di, space, positions)
    return _names_matched(conflict, space)


def _check_view(conflict: Conflict, di: int, real: StateSpace, positions: Positions) -> None:
    """A DM's view must contain states, and every ranking used in it must rank exactly them."""
    from detente.model.perception import perceived_conflict

    dm = conflict.decision_makers[di]
    path = ("decision_makers", di, "perception")
    view = perceived_conflict(conflict, dm.name)
    if dm.perception.views_of:
        from detente.model.perception import second_level_conflict
        level2 = second_level_conflict(conflict, dm.name)
        for other in dm.perception.views_of:
            try:
                StateSpace.build(perceived_conflict(level2, other), check_size=True, positions=positions)
            except TooLargeError:
                raise
            except ModelError:
                raise positions.error(path + ("views_of", other), f"in the view {dm.name!r} believes {other!r} has, "
                                      "no state is left", hint="check its unknown_options and believes_infeasible") from None
    try:
        space = StateSpace.build(view, check_size=True, positions=positions)
    except ModelError as exc:
        if isinstance(exc, TooLargeError):
            raise
        raise positions.error(path, f"{dm.name!r} can see no state at all: its unknown options and the "
                                    "combinations it believes infeasible exclude every feasible state",
                              hint="check 'unknown_options' and 'believes_infeasible'") from None
    problems: list[Problem] = []
    extra = [int(c) for c in space.codes if not real.is_feasible(int(c))]
    if dm.ranking is not None and extra:
        problems.append(positions.problem(path + ("believes_feasible",),
                                          f"{dm.name!r} ranks states explicitly but believes {len(extra)} infeasible "
                                          f"state(s) feasible ({', '.join(conflict.yn(c) for c in extra[:4])}), "
                                          "which its ranking does not rank",
                                          hint="use preference statements for this DM, or drop 'believes_feasible'"))
    for other, belief in dm.perception.preferences_of.items():
        if belief.ranking is None:
            continue
        where = path + ("preferences_of", other, "ranking")
        listed = [c for level in belief.ranking for c in level]
        seen: set[int] = set()
        for code in listed:
            if not space.is_feasible(code):
                problems.append(positions.problem(where, f"the ranking {dm.name!r} believes {other!r} holds lists "
                                                  f"{conflict.yn(code)}, which {dm.name!r} cannot see",
                                                  hint="rank exactly the states of this DM's view"))
            elif code in seen:
                problems.append(positions.problem(where, f"the believed ranking of {other!r} lists {conflict.yn(code)} twice"))
            seen.add(code)
        missing = [int(c) for c in space.codes if int(c) not in seen]
        if missing:
            problems.append(positions.problem(where, f"the ranking {dm.name!r} believes {other!r} holds misses "
                                              f"{len(missing)} state(s) of its view: "
                                              + ", ".join(conflict.yn(c) for c in missing[:8])
                                              + (" ..." if len(missing) > 8 else ""),
                                              hint="every state the DM can see must appear exactly once"))
    for other_dm in conflict.decision_makers:
        if other_dm.name == dm.name or other_dm.ranking is None or other_dm.name in dm.perception.preferences_of:
            continue
        if extra:
            problems.append(positions.problem(path + ("believes_feasible",),
                                              f"{dm.name!r} believes feasible state(s) that {other_dm.name!r}'s ranking "
                                              f"does not rank ({', '.join(conflict.yn(c) for c in extra[:4])})",
                                              hint=f"give {dm.name!r}'s belief about {other_dm.name!r} as a full ranking "
                                                   "under preferences_of"))
    if problems:
        raise ModelError(problems)


def load(source: str | Path | dict, *, variant: str | None = None) -> Conflict:
    """Load a conflict model from a YAML/JSON/.gmcr file or a plain dict.

    Parameters
    ----------
    source
        Path to ``.yaml``/``.yml``/``.json``/``.gmcr``, or the document as a dict.
    variant
        Name of a variant to apply (see the model's ``variants``).

    Returns
    -------
    Conflict

    Examples
    --------
    >>> import detente
    >>> c = detente.load({"decision_makers": [
    ...     {"name": "A", "options": ["a"], "preferences": ["a"]},
    ...     {"name": "B", "options": ["b"], "preferences": ["not a"]}]})
    >>> c.option_names
    ['a', 'b']
    """
    if isinstance(source, dict):
        conflict = build_conflict(source, Positions(None), None)
    else:
        path = Path(source)
        if path.suffix.lower() == ".gmcr":
            from detente.model.gmcrplus import read_gmcr
            conflict = read_gmcr(path)
        else:
            data, positions = read_document(path)
            conflict = build_conflict(data, positions, str(path))
            conflict._positions = positions  # type: ignore[attr-defined]
    if variant is not None:
        conflict = apply_variant(conflict, variant)
    return conflict


def loads(text: str, file: str | None = None, fmt: str | None = None, *,
          max_options: int | None = None, too_many_hint: str | None = None) -> Conflict:
    """Load a model from YAML or JSON text (``max_options``, ``too_many_hint``: see
    :func:`build_conflict`)."""
    data, positions = parse_text(text, file=file, fmt=fmt)
    conflict = build_conflict(data, positions, file, max_options=max_options,
                              too_many_hint=too_many_hint)
    conflict._positions = positions  # type: ignore[attr-defined]
    return conflict


def _prune_beliefs(data: dict, replaced: set[str]) -> None:
    """A variant replaced the preferences of the DMs in ``replaced``: beliefs written as changes
    to their old statements drop only the statements they still have (ids or texts); a belief
    left with no change at all is removed (the DM then perceives them as they now are)."""
    statements = {}
    for d in data.get("decision_makers") or []:
        if isinstance(d, dict) and d.get("name") in replaced:
            prefs = d.get("preferences") if isinstance(d.get("preferences"), list) else []
            keys = set()
            for p in prefs:
                if isinstance(p, str):
                    keys.add(p)
                elif isinstance(p, dict):
                    keys.update(str(p[k]) for k in ("id", "statement") if p.get(k) is not None)
            statements[d["name"]] = keys
    for d in data.get("decision_makers") or []:
        per = d.get("perception") if isinstance(d, dict) else None
        beliefs = per.get("preferences_of") if isinstance(per, dict) else None
        if not isinstance(beliefs, dict):
            continue
        for other in list(beliefs):
            b = beliefs[other]
            if other not in statements or not isinstance(b, dict) or "drop" not in b:
                continue
            drop = b["drop"] if isinstance(b["drop"], list) else [b["drop"]]
            b["drop"] = [x for x in drop if x in statements[other]]
            if not b["drop"]:
                del b["drop"]
                if not b.get("prepend") and not b.get("append"):
                    del beliefs[other]
        if not beliefs:
            del per["preferences_of"]


def apply_variant(conflict: Conflict, name: str) -> Conflict:
    """Apply a variant's overrides to the model's document and rebuild it.

    Overrides: ``preferences: {DM: [...]}`` and ``ranking: {DM: [...]}`` replace a DM's
    preferences; ``options: {option: {direction|label|description: ...}}`` change options;
    ``add_infeasible`` appends constraints; ``remove_infeasible`` drops constraints by id;
    ``status_quo`` replaces the status quo; ``perception: {DM: {...} | null}`` replaces a DM's
    perception (``null``: it sees reality). When a variant replaces a DM's preferences, other DMs'
    beliefs written as changes to them keep only the drops of statements it still has.
    """
    variant = next((v for v in conflict.variants if v.name == name), None)
    if variant is None:
        raise ModelError(Problem(f"no variant named {name!r}", file=conflict.file, field="variants",
                                 hint=did_you_mean(name, [v.name for v in conflict.variants])
                                 or ("variants: " + ", ".join(v.name for v in conflict.variants)
                                     if conflict.variants else "this model declares no variants")))
    vi = [v.name for v in conflict.variants].index(name)
    out = apply_overrides(conflict, variant.overrides, ("variants", vi), f"variant {name!r}")
    out.variant_name = name
    return out


def apply_overrides(conflict: Conflict, ov: dict[str, Any], vpath: tuple, what: str,
                    data: dict | None = None) -> Conflict:
    """Apply variant-style overrides ``ov`` (written at ``vpath``, named ``what`` in messages) to
    the model's document (or to ``data``, a changed copy of it) and rebuild the model. Used by
    variants and by the revisions of a timeline (:mod:`detente.model.timeline`)."""
    data = copy.deepcopy(conflict.document if data is None else data)
    positions = getattr(conflict, "_positions", Positions(conflict.file))
    name = what
    dm_index = {d.get("name"): i for i, d in enumerate(data.get("decision_makers", []))}
    for key in ("preferences", "ranking"):
        for dm_name, value in (ov.get(key) or {}).items():
            if dm_name not in dm_index:
                raise positions.error(vpath + (key, dm_name), f"{name}: unknown decision maker {dm_name!r}",
                                      hint=did_you_mean(dm_name, list(dm_index)))
            dm = data["decision_makers"][dm_index[dm_name]]
            dm.pop("preferences", None)
            dm.pop("ranking", None)
            dm[key] = value
    replaced = set((ov.get("preferences") or {})) | set((ov.get("ranking") or {}))
    if replaced:
        _prune_beliefs(data, replaced)
    for dm_name, value in (ov.get("perception") or {}).items():
        if dm_name not in dm_index:
            raise positions.error(vpath + ("perception", dm_name), f"{name}: unknown decision maker {dm_name!r}",
                                  hint=did_you_mean(dm_name, list(dm_index)))
        dm = data["decision_makers"][dm_index[dm_name]]
        if value is None:
            dm.pop("perception", None)
        else:
            dm["perception"] = value
    for opt_name, changes in (ov.get("options") or {}).items():
        found = False
        for dm in data.get("decision_makers", []):
            for i, o in enumerate(dm.get("options", [])):
                oname = o if isinstance(o, str) else o.get("name")
                if oname == opt_name:
                    found = True
                    base = {"name": o} if isinstance(o, str) else dict(o)
                    base.update(changes)
                    dm["options"][i] = base
        if not found:
            raise positions.error(vpath + ("options", opt_name), f"{name}: unknown option {opt_name!r}",
                                  hint=did_you_mean(opt_name, conflict.option_names))
    if ov.get("remove_infeasible"):
        existing = data.get("infeasible", [])
        ids = {c.get("id") for c in existing if isinstance(c, dict)}
        for cid in ov["remove_infeasible"]:
            if cid not in ids:
                raise positions.error(vpath + ("remove_infeasible",),
                                      f"{name}: no constraint with id {cid!r}",
                                      hint=did_you_mean(cid, [i for i in ids if i]) or "give the constraint an 'id' to remove it")
        data["infeasible"] = [c for c in existing if not (isinstance(c, dict) and c.get("id") in ov["remove_infeasible"])]
    if ov.get("add_infeasible"):
        data.setdefault("infeasible", [])
        data["infeasible"] = list(data["infeasible"]) + list(ov["add_infeasible"])
    if "status_quo" in ov:
        data["status_quo"] = ov["status_quo"]
    try:
        out = build_conflict(data, Positions(conflict.file), conflict.file, check_variants=False)
    except DetenteError as exc:  # also TooLargeError: located at the variant
        names = [d.get("name") for d in data.get("decision_makers", [])]
        for p in exc.problems:
            p.message = f"in {name}: {p.message}"
            line, col = positions.get(vpath)
            p.line, p.column = line, col
            # A field inside what the overrides replaced is shown where the overrides write it
            # (decision_makers[0].perception... -> variants[1].perception.US...).
            m = re.match(r"decision_makers\[(\d+)\]\.(perception|preferences|ranking)(.*)$", p.field or "")
            if m and int(m.group(1)) < len(names) and names[int(m.group(1))] in (ov.get(m.group(2)) or {}):
                where = vpath + (m.group(2), names[int(m.group(1))])
                p.field = format_path(where) + m.group(3)
                line, col = positions.get(where)
                if line is not None:
                    p.line, p.column = line, col
        raise
    out.variants = conflict.variants
    out._positions = positions  # type: ignore[attr-defined]
    return out
