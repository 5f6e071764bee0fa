"""The ``issues:`` section of a scenario file: issues with continuous positions.

A scenario file may hold a GMCR conflict model and an ``issues:`` section, or only
``title``/``description``/``date`` and ``issues``. Each issue is a scale with labelled ends and
units, and actors with a position, a salience and a capability (each number optionally with an
uncertainty range), an optional status quo, and evidence entries::

    issues:
      - name: territory
        description: Share of the occupied territory returned to Ukraine.
        scale:
          low: {value: 0, label: "none returned"}
          high: {value: 100, label: "all returned"}
          units: "% of occupied territory"
        salience_scale: percent        # "unit" (0-1), "percent" (0-100) or "auto" (default)
        status_quo: 0
        actors:
          - name: Russia
            position: {value: 5, range: [0, 15]}
            salience: 95
            capability: 60
            evidence: {assumption: "analyst's reading of public statements"}
          - name: Ukraine
            position: 90
            position_range: [70, 100]
            salience: 100
            capability: 25

``issues`` may also be a mapping from issue name to its body. Salience: ``salience_scale:
auto`` (the default) reads the saliences of an issue as 0-1 when all are <= 1 and as 0-100
when some exceed 1 and none is a fraction strictly between 0 and 1; a mix of the two is an
error naming the actors and lines (:func:`infer_salience_scale`). Internally saliences are
always 0-1; ``Issue.salience_scale`` says how they were read. Capabilities are relative weights (any
non-negative unit; only ratios matter to the models).

Every problem is reported with the file, line, issue, actor and field.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from detente.errors import ModelError, Problem
from detente.model.evidence import Evidence, evidence_list
from detente.model.yamlio import Positions, did_you_mean, read_document


class ScaleEnd(BaseModel):
    """One labelled end of an issue scale."""

    model_config = ConfigDict(frozen=True)
    value: float
    label: str = ""


class Scale(BaseModel):
    """The issue's continuum: ``low`` and ``high`` ends (value + label) and units."""

    model_config = ConfigDict(frozen=True)
    low: ScaleEnd
    high: ScaleEnd
    units: str = ""

    @property
    def span(self) -> float:
        return self.high.value - self.low.value

    def contains(self, v: float) -> bool:
        return self.low.value - 1e-9 <= v <= self.high.value + 1e-9


class Estimate(BaseModel):
    """A number with an optional uncertainty range ``[low, high]`` (low <= value <= high)."""

    model_config = ConfigDict(frozen=True)
    value: float
    low: float | None = None
    high: float | None = None

    @property
    def uncertain(self) -> bool:
        return self.low is not None and (self.low != self.value or self.high != self.value)

    def bounds(self) -> tuple[float, float]:
        return (self.value if self.low is None else self.low,
                self.value if self.high is None else self.high)

    def scaled(self, k: float) -> "Estimate":
        return Estimate(value=self.value * k, low=None if self.low is None else self.low * k,
                        high=None if self.high is None else self.high * k)


class Actor(BaseModel):
    """An actor on one issue. ``salience`` is stored on 0-1."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    name: str
    position: Estimate
    salience: Estimate
    capability: Estimate
    evidence: list[Evidence] = []
    # fields filled in by an importer rather than read from the source (e.g. a blank DEU
    # salience read as 50); written as ``assumed: [salience]`` and counted in the output
    assumed: list[str] = []


class Issue(BaseModel):
    """One bargaining issue (see the module docstring for the YAML form)."""

    model_config = ConfigDict(frozen=True)
    name: str
    description: str = ""
    scale: Scale
    actors: list[Actor]
    status_quo: Estimate | None = None
    # the observed outcome, when known (DEU data): ``forecast`` scores every model against it
    outcome: float | None = None
    evidence: list[Evidence] = []
    source: str | None = None  # file (and line) the issue was read from, for messages
    # how the file's saliences were read ("unit" 0-1 or "percent" 0-100) and whether that was
    # inferred (salience_scale: auto) rather than stated; printed with every forecast
    salience_scale: str = "unit"
    salience_scale_inferred: bool = False

    # -- tables (pandas, optional) ---------------------------------------------------------
    def to_frame(self):
        """The actors as a pandas DataFrame (see :func:`detente.frames.issue_frame`)."""
        from detente.frames import issue_frame
        return issue_frame(self)

    @classmethod
    def from_frame(cls, df, name: str, **kwargs) -> "Issue":
        """An issue from a table of actors (see :func:`detente.frames.issue_from_frame`)."""
        from detente.frames import issue_from_frame
        return issue_from_frame(df, name, **kwargs)

    # -- arrays for the models ------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        return [a.name for a in self.actors]

    @property
    def x(self) -> np.ndarray:
        """Positions (n,)."""
        return np.array([a.position.value for a in self.actors], dtype=float)

    @property
    def s(self) -> np.ndarray:
        """Saliences on 0-1 (n,)."""
        return np.array([a.salience.value for a in self.actors], dtype=float)

    @property
    def c(self) -> np.ndarray:
        """Capabilities (n,)."""
        return np.array([a.capability.value for a in self.actors], dtype=float)

    @property
    def uncertain(self) -> bool:
        return any(a.position.uncertain or a.salience.uncertain or a.capability.uncertain
                   for a in self.actors) or bool(self.status_quo and self.status_quo.uncertain)

    def __str__(self) -> str:
        sc = self.scale

        def end(e: ScaleEnd) -> str:
            return f"{e.value:g}" + (f" ({e.label})" if e.label else "")

        lines = [f"issue {self.name!r}: {end(sc.low)} .. {end(sc.high)} {sc.units}".rstrip()]
        for a in self.actors:
            lines.append(f"  {a.name:20s} position {a.position.value:8.4g}  salience "
                         f"{a.salience.value:5.3g}  capability {a.capability.value:8.4g}")
        return "\n".join(lines)


def make_issue(name: str, positions, saliences, capabilities, *, actors=None, low=None,
               high=None, units: str = "", status_quo: float | None = None,
               description: str = "") -> Issue:
    """Build an :class:`Issue` from plain lists (saliences on 0-1).

    Example
    -------
    >>> iss = make_issue("dates", [4, 10], [0.8, 0.6], [0.16, 0.16], actors=["DE", "FR"])
    >>> iss.x.tolist()
    [4.0, 10.0]
    """
    x = [float(v) for v in positions]
    names = list(actors) if actors is not None else [f"actor {i + 1}" for i in range(len(x))]
    lo = min(x) if low is None else low
    hi = max(x) if high is None else high
    return Issue(
        name=name, description=description,
        scale=Scale(low=ScaleEnd(value=lo), high=ScaleEnd(value=hi), units=units),
        actors=[Actor(name=n, position=Estimate(value=p), salience=Estimate(value=float(s)),
                      capability=Estimate(value=float(c)))
                for n, p, s, c in zip(names, x, saliences, capabilities)],
        status_quo=None if status_quo is None else Estimate(value=float(status_quo)),
    )


SALIENCE_SCALE_HINT = ("say which scale the saliences are on with salience_scale: unit (0-1) or "
                       "salience_scale: percent (0-100), and correct the value that is on the "
                       "other scale")


def infer_salience_scale(found) -> tuple[str, str | None]:
    """Infer whether saliences are on 0-1 or 0-100, refusing to guess when they disagree.

    Parameters
    ----------
    found : iterable of ``(actor, value, line)`` (line may be None), every salience and
        salience range end of one issue.

    Returns
    -------
    ``(scale, problem)``: ``scale`` is ``"unit"`` when every value is at most 1 and
    ``"percent"`` when some value exceeds 1 and none lies strictly between 0 and 1 (0 and 1
    fit both scales). When values above 1 and fractions below 1 are mixed, one of them is a
    typo (1.5 among 0-1 values would otherwise turn the whole issue into percentages);
    ``problem`` then names the actors (and lines) on each side and ``scale`` is meaningless.

    Example
    -------
    >>> infer_salience_scale([("A", 0.8, 3), ("B", 0.6, 4)])
    ('unit', None)
    >>> infer_salience_scale([("A", 80, 3), ("B", 1, 4)])
    ('percent', None)
    >>> print(infer_salience_scale([("A", 0.8, 3), ("B", 1.5, 4)])[1])
    saliences mix the 0-1 scale (A 0.8 (line 3)) and the 0-100 scale (B 1.5 (line 4))
    """
    found = list(found)
    big = [(a, v, ln) for a, v, ln in found if v > 1.0]
    frac = [(a, v, ln) for a, v, ln in found if 0.0 < v < 1.0]
    if not big:
        return "unit", None
    if not frac:
        return "percent", None

    def show(items):
        seen, out = set(), []
        for a, v, ln in items:
            if a not in seen:
                seen.add(a)
                out.append(f"{a} {v:g}" + (f" (line {ln})" if ln else ""))
        return ", ".join(out[:4]) + (f" and {len(out) - 4} more" if len(out) > 4 else "")

    return "percent", (f"saliences mix the 0-1 scale ({show(frac)}) and the 0-100 scale "
                       f"({show(big)})")


# ----------------------------------------------------------------------------------------
# Loader with located errors
# ----------------------------------------------------------------------------------------

_ISSUE_KEYS = {"name", "description", "scale", "actors", "status_quo", "status_quo_range",
               "outcome", "salience_scale", "evidence", "notes"}
_ACTOR_KEYS = {"name", "position", "salience", "capability", "position_range",
               "salience_range", "capability_range", "assumed", "evidence", "notes"}
_NUMBER_FIELDS = ("position", "salience", "capability")


class _Ctx:
    """Collects located problems for one document."""

    def __init__(self, pos: Positions) -> None:
        self.pos = pos
        self.problems: list[Problem] = []

    def add(self, path, msg, hint=None) -> None:
        self.problems.append(self.pos.problem(tuple(path), msg, hint))


# Sizes checked before any model runs: the expected-utility model costs about actors^2 per
# round (30 s for 1,000 actors), so a file cannot ask for hours.
MAX_ACTORS = 250  # per issue
MAX_ISSUES = 1000  # per file
MAX_MAGNITUDE = 1e12  # positions, scale ends, saliences, capabilities, utilities, weights


def _is_num(v) -> bool:
    return (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
            and abs(v) <= MAX_MAGNITUDE)


def _not_a_number(v) -> str:
    """Why ``v`` is refused where a number is expected (for messages)."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
        return f"{v:g} is too large (numbers are at most {MAX_MAGNITUDE:g} in absolute value)"
    return f"must be a number, not {v!r}"


def _estimate(ctx: _Ctx, raw, rng, path, range_path, what: str) -> Estimate | None:
    """``40`` or ``{value: 40, range: [30, 55]}``, plus an optional separate ``*_range``."""
    value, r, rpath = raw, rng, range_path
    if isinstance(raw, dict):
        extra = set(raw) - {"value", "range"}
        if extra:
            ctx.add(path + (sorted(extra)[0],), f"unknown key {sorted(extra)[0]!r} in {what}",
                    "write a number, or {value: NUMBER, range: [LOW, HIGH]}")
            return None
        if "value" not in raw:
            ctx.add(path, f"{what} has no 'value'", "write {value: NUMBER, range: [LOW, HIGH]}")
            return None
        value = raw["value"]
        if "range" in raw:
            if rng is not None:
                ctx.add(range_path, f"{what} has a range twice (inside and as *_range)",
                        "keep one of them")
                return None
            r, rpath = raw["range"], path + ("range",)
    if not _is_num(value):
        ctx.add(path, f"{what} {_not_a_number(value)}",
                "write a number, or {value: NUMBER, range: [LOW, HIGH]}")
        return None
    if r is None:
        return Estimate(value=float(value))
    if not (isinstance(r, list) and len(r) == 2 and all(_is_num(v) for v in r)):
        ctx.add(rpath, f"the range of {what} must be two numbers [low, high], not {r!r}",
                "write e.g. range: [30, 55]")
        return None
    lo, hi = float(r[0]), float(r[1])
    if not lo <= float(value) <= hi:
        ctx.add(rpath, f"the range [{lo:g}, {hi:g}] of {what} does not contain its value "
                       f"{float(value):g}", "the range must satisfy low <= value <= high")
        return None
    return Estimate(value=float(value), low=lo, high=hi)


def _evidence(ctx: _Ctx, raw, path) -> list[Evidence]:
    out = []
    items = evidence_list(raw)
    if not isinstance(items, list):
        ctx.add(path, "evidence must be a mapping or a list of mappings")
        return out
    for k, item in enumerate(items):
        p = path + (k,) if isinstance(raw, list) else path
        if not isinstance(item, dict):
            ctx.add(p, f"an evidence entry must be a mapping, not {item!r}",
                    "e.g. {speaker: ..., quote: ...} or {assumption: ...}")
            continue
        try:
            out.append(Evidence.model_validate(item))
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(str(x) for x in err.get("loc", ()) if x != "__root__")
                msg = err.get("msg", "invalid").removeprefix("Value error, ")
                ctx.add(p + loc, f"evidence: {msg}")
    return out


def _scale(ctx: _Ctx, raw, path, issue: str) -> Scale | None:
    if not isinstance(raw, dict):
        ctx.add(path, f"issue {issue!r}: 'scale' must be a mapping with 'low' and 'high'",
                'e.g. scale: {low: {value: 0, label: "none"}, high: {value: 100, label: "all"}, units: "%"}')
        return None
    ends = {}
    for end in ("low", "high"):
        v = raw.get(end)
        if isinstance(v, dict):
            if not _is_num(v.get("value")):
                ctx.add(path + (end,), f"issue {issue!r}: scale.{end} needs a numeric 'value'")
                return None
            ends[end] = ScaleEnd(value=float(v["value"]), label=str(v.get("label", "")))
        elif _is_num(v):
            ends[end] = ScaleEnd(value=float(v))
        else:
            ctx.add(path + ((end,) if end in raw else ()),
                    f"issue {issue!r}: scale.{end} is missing or not a number",
                    f'write {end}: {{value: NUMBER, label: "what this end means"}}')
            return None
    extra = set(raw) - {"low", "high", "units"}
    if extra:
        k = sorted(extra)[0]
        ctx.add(path + (k,), f"issue {issue!r}: unknown scale key {k!r}",
                did_you_mean(k, ["low", "high", "units"]))
    if ends["high"].value <= ends["low"].value:
        ctx.add(path, f"issue {issue!r}: scale.high ({ends['high'].value:g}) must be greater "
                      f"than scale.low ({ends['low'].value:g})")
        return None
    return Scale(low=ends["low"], high=ends["high"], units=str(raw.get("units", "") or ""))


def _issue(ctx: _Ctx, raw, path, default_name: str | None,
           decision_makers: list[str] | None = None) -> Issue | None:
    n_before = len(ctx.problems)
    if not isinstance(raw, dict):
        ctx.add(path, "an issue must be a mapping (name, scale, actors, ...)")
        return None
    name = raw.get("name", default_name)
    if not isinstance(name, str) or not name.strip():
        ctx.add(path, "issue has no 'name'", "add name: SHORT_NAME")
        name = f"#{path[-1]}"
    for k in sorted(set(raw) - _ISSUE_KEYS):
        ctx.add(path + (k,), f"issue {name!r}: unknown key {k!r}",
                did_you_mean(k, sorted(_ISSUE_KEYS)))
    scale = _scale(ctx, raw.get("scale"), path + ("scale",), name) if "scale" in raw else None
    if "scale" not in raw:
        ctx.add(path, f"issue {name!r} has no 'scale'",
                'add scale: {low: {value: 0, label: "..."}, high: {value: 100, label: "..."}, units: "..."}')
    sal_scale = raw.get("salience_scale", "auto")
    if sal_scale not in ("auto", "unit", "percent"):
        ctx.add(path + ("salience_scale",), f"issue {name!r}: salience_scale must be auto, "
                "unit (0-1) or percent (0-100)", did_you_mean(str(sal_scale), ["auto", "unit", "percent"]))
        sal_scale = "auto"
    actors_raw = raw.get("actors")
    if not isinstance(actors_raw, list):
        ctx.add(path + (("actors",) if "actors" in raw else ()),
                f"issue {name!r}: 'actors' must be a list of actors",
                "each actor: {name: ..., position: ..., salience: ..., capability: ...}")
        actors_raw = []
    elif len(actors_raw) < 2:
        ctx.add(path + ("actors",), f"issue {name!r} has {len(actors_raw)} actor(s); a "
                "bargaining issue needs at least two", "add the other parties")
    elif len(actors_raw) > MAX_ACTORS:
        ctx.add(path + ("actors",), f"issue {name!r} has {len(actors_raw):,} actors; the limit "
                f"is {MAX_ACTORS}", "merge minor actors into blocs (capabilities add up)")
        return None
    parsed = []  # (name, {field: Estimate}, evidence, path, assumed fields)
    seen: dict[str, int] = {}
    for i, a in enumerate(actors_raw):
        ap = path + ("actors", i)
        if not isinstance(a, dict):
            ctx.add(ap, f"issue {name!r}: actor #{i + 1} must be a mapping")
            continue
        aname = a.get("name")
        if not isinstance(aname, str) or not aname.strip():
            ctx.add(ap, f"issue {name!r}: actor #{i + 1} has no 'name'")
            aname = f"#{i + 1}"
        if aname in seen:
            ctx.add(ap + ("name",), f"issue {name!r}: actor {aname!r} is listed twice")
        seen[aname] = i
        if decision_makers is not None and aname not in decision_makers:
            ctx.add(ap + ("name",), f"issue {name!r}: actor {aname!r} is not one of the "
                    "scenario's decision makers (" + ", ".join(decision_makers) + ")",
                    did_you_mean(aname, decision_makers)
                    or "use a decision maker's name, or add the actor to decision_makers")
        for k in sorted(set(a) - _ACTOR_KEYS):
            ctx.add(ap + (k,), f"issue {name!r}, actor {aname!r}: unknown key {k!r}",
                    did_you_mean(k, sorted(_ACTOR_KEYS)))
        vals = {}
        for f in _NUMBER_FIELDS:
            if f not in a:
                ctx.add(ap, f"issue {name!r}, actor {aname!r}: missing {f!r}")
                continue
            est = _estimate(ctx, a[f], a.get(f + "_range"), ap + (f,), ap + (f + "_range",),
                            f"issue {name!r}, actor {aname!r}, {f}")
            if est is not None:
                vals[f] = est
        ev = _evidence(ctx, a["evidence"], ap + ("evidence",)) if "evidence" in a else []
        assumed = a.get("assumed", [])
        if not (isinstance(assumed, list) and all(v in _NUMBER_FIELDS for v in assumed)):
            ctx.add(ap + ("assumed",), f"issue {name!r}, actor {aname!r}: 'assumed' must list "
                    "the fields that were filled in, out of " + ", ".join(_NUMBER_FIELDS),
                    "e.g. assumed: [salience]")
            assumed = []
        parsed.append((aname, vals, ev, ap, assumed))

    # salience scale: explicit, or inferred only when the values leave no doubt
    inferred = sal_scale == "auto"
    if inferred:
        found = [(aname, v, ctx.pos.get(ap + ("salience",))[0])
                 for aname, vals, _, ap, _ in parsed if "salience" in vals
                 for v in (vals["salience"].value, *vals["salience"].bounds())]
        sal_scale, problem = infer_salience_scale(found)
        if problem:
            ctx.add(path + ("salience_scale",) if "salience_scale" in raw else path + ("actors",),
                    f"issue {name!r}: {problem}", SALIENCE_SCALE_HINT)
            sal_scale = "percent"
    top = 1.0 if sal_scale == "unit" else 100.0
    actors = []
    for aname, vals, ev, ap, assumed in parsed:
        who = f"issue {name!r}, actor {aname!r}"
        if "position" in vals and scale is not None:
            lo, hi = vals["position"].bounds()
            for v, what in ((vals["position"].value, "position"), (lo, "position range low"),
                            (hi, "position range high")):
                if not scale.contains(v):
                    ctx.add(ap + ("position",), f"{who}: {what} {v:g} is outside the scale "
                            f"[{scale.low.value:g}, {scale.high.value:g}]",
                            "move the position onto the scale or widen scale.low/scale.high")
                    break
        if "salience" in vals:
            lo, hi = vals["salience"].bounds()
            if min(lo, vals["salience"].value) < 0 or max(hi, vals["salience"].value) > top:
                ctx.add(ap + ("salience",), f"{who}: salience {vals['salience'].value:g} is out "
                        f"of range 0-{top:g} ({sal_scale})",
                        "saliences are 0-1 or 0-100; set salience_scale on the issue to say which")
        if "capability" in vals:
            lo, _ = vals["capability"].bounds()
            if min(lo, vals["capability"].value) < 0:
                ctx.add(ap + ("capability",), f"{who}: capability {vals['capability'].value:g} is "
                        "negative", "capabilities are non-negative weights")
        if len(vals) == 3:
            actors.append(Actor(name=aname, position=vals["position"],
                                salience=vals["salience"].scaled(1.0 / top),
                                capability=vals["capability"], evidence=ev,
                                assumed=assumed))
    if (parsed and len(actors) == len(parsed) and all(a.capability.value >= 0 for a in actors)
            and sum(a.capability.value * a.salience.value for a in actors) <= 0):
        ctx.add(path + ("actors",), f"issue {name!r}: every actor has zero capability or zero "
                "salience, so no model can weigh them", "give at least one actor weight")
    sq = None
    if "status_quo" in raw:
        sq = _estimate(ctx, raw["status_quo"], raw.get("status_quo_range"),
                       path + ("status_quo",), path + ("status_quo_range",),
                       f"issue {name!r}, status_quo")
        if sq is not None and scale is not None and not all(scale.contains(v) for v in
                                                             (sq.value, *sq.bounds())):
            ctx.add(path + ("status_quo",), f"issue {name!r}: status_quo {sq.value:g} is outside "
                    f"the scale [{scale.low.value:g}, {scale.high.value:g}]")
    outcome = raw.get("outcome")
    if outcome is not None and not (_is_num(outcome) and scale is not None
                                    and scale.contains(float(outcome))):
        ctx.add(path + ("outcome",), f"issue {name!r}: outcome must be a number on the scale, "
                f"not {outcome!r}", "the observed outcome is one position on the issue's scale")
    ev = _evidence(ctx, raw["evidence"], path + ("evidence",)) if "evidence" in raw else []
    if len(ctx.problems) > n_before or scale is None:
        return None
    line, _ = ctx.pos.get(path)
    src = f"{ctx.pos.file}:{line}" if ctx.pos.file and line else ctx.pos.file
    desc = raw.get("description", "")
    return Issue(name=name, description=str(desc or ""), scale=scale, actors=actors,
                 status_quo=sq, outcome=None if outcome is None else float(outcome),
                 evidence=ev, source=src, salience_scale=sal_scale,
                 salience_scale_inferred=inferred)


def load_issues(data: dict, positions: Positions | None = None) -> list[Issue]:
    """Parse the ``issues:`` section of a whole scenario document.

    Parameters
    ----------
    data : the whole plain document from :func:`detente.model.yamlio.read_document`.
    positions : its :class:`~detente.model.yamlio.Positions` (for located errors).

    Returns
    -------
    The issues, in file order (an empty list when there is no ``issues`` key).

    Raises
    ------
    ModelError
        Listing every problem found, each naming the file, line, issue, actor and field.

    Example
    -------
    >>> from detente.model.yamlio import parse_text
    >>> doc, pos = parse_text('''
    ... issues:
    ...   - name: date
    ...     scale: {low: 0, high: 10, units: years}
    ...     actors:
    ...       - {name: A, position: 4, salience: 0.8, capability: 1}
    ...       - {name: B, position: 10, salience: 0.6, capability: 2}
    ... ''')
    >>> [i.name for i in load_issues(doc, pos)]
    ['date']
    """
    positions = positions or Positions()
    items = _section_items(data, positions)
    ctx = _Ctx(positions)
    issues: list[Issue] = []
    names = _other_names(items, discrete=True)
    dms = _decision_maker_names(data)
    for sub, body, default in items:
        if _is_discrete(body):
            continue  # read by load_discrete_issues
        iss = _issue(ctx, body, ("issues",) + sub, default, dms)
        if iss is not None:
            if iss.name in names:
                ctx.add(("issues",) + sub, f"issue name {iss.name!r} is used twice")
            names.add(iss.name)
            issues.append(iss)
    if ctx.problems:
        raise ModelError(ctx.problems)
    return issues


def _decision_maker_names(data) -> list[str] | None:
    """Names of the GMCR decision makers when the file has any: issue actors must be among
    them (a misspelt name would otherwise become a new, unrelated actor)."""
    dms = data.get("decision_makers") if isinstance(data, dict) else None
    if isinstance(dms, list):
        names = [d["name"] for d in dms if isinstance(d, dict) and isinstance(d.get("name"), str)]
    elif isinstance(dms, dict):
        names = [str(k) for k in dms]
    else:
        return None
    return names or None


def _section_items(data, positions: Positions) -> list:
    if not isinstance(data, dict) or "issues" not in data:
        return []
    raw = data["issues"]
    if isinstance(raw, dict):
        items = [((k,), v, k) for k, v in raw.items()]
    elif isinstance(raw, list):
        items = [((i,), v, None) for i, v in enumerate(raw)]
    else:
        raise positions.error(("issues",), "'issues' must be a list of issues (or a mapping "
                              "from issue name to issue)")
    if not items:
        raise positions.error(("issues",), "'issues' is empty", "add at least one issue or "
                              "remove the key")
    if len(items) > MAX_ISSUES:
        raise positions.error(("issues",), f"{len(items):,} issues; the limit is {MAX_ISSUES:,} "
                              "per file", "split the file")
    return items


def _is_discrete(body) -> bool:
    return isinstance(body, dict) and "levels" in body


def _other_names(items, discrete: bool) -> set[str]:
    """Names of the issues of the other kind (names are unique across both kinds)."""
    return {str(b.get("name", d)) for _, b, d in items
            if isinstance(b, dict) and _is_discrete(b) == discrete}


# ----------------------------------------------------------------------------------------
# Discrete issues (levels + stated utilities), for package analysis
# ----------------------------------------------------------------------------------------

class DiscreteActor(BaseModel):
    """An actor's stated utility for each level of a discrete issue, and the issue's weight."""

    model_config = ConfigDict(frozen=True)
    name: str
    utilities: dict[str, float]
    weight: float = 1.0
    evidence: list[Evidence] = []


class DiscreteIssue(BaseModel):
    """An issue with discrete levels (``levels:`` instead of ``scale:``)::

        - name: sanctions
          levels: [keep, ease, lift]
          status_quo: keep
          actors:
            - {name: Russia, utilities: {keep: 0, ease: 60, lift: 100}, weight: 2}
            - {name: Ukraine, utilities: {keep: 100, ease: 40, lift: 0}}
    """

    model_config = ConfigDict(frozen=True)
    name: str
    description: str = ""
    levels: list[str]
    status_quo: str | None = None
    actors: list[DiscreteActor]
    evidence: list[Evidence] = []


_DISCRETE_KEYS = {"name", "description", "levels", "status_quo", "actors", "evidence", "notes"}
_DACTOR_KEYS = {"name", "utilities", "weight", "evidence", "notes"}


def _discrete_issue(ctx: _Ctx, raw, path, default_name,
                    decision_makers: list[str] | None = None) -> DiscreteIssue | None:
    n0 = len(ctx.problems)
    name = raw.get("name", default_name)
    if not isinstance(name, str) or not name.strip():
        ctx.add(path, "issue has no 'name'", "add name: SHORT_NAME")
        name = f"#{path[-1]}"
    for k in sorted(set(raw) - _DISCRETE_KEYS):
        ctx.add(path + (k,), f"discrete issue {name!r}: unknown key {k!r}",
                did_you_mean(k, sorted(_DISCRETE_KEYS)))
    levels = raw.get("levels")
    if not (isinstance(levels, list) and len(levels) >= 2
            and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in levels)):
        ctx.add(path + ("levels",), f"issue {name!r}: 'levels' must be a list of at least two "
                "level names", "e.g. levels: [keep, ease, lift]")
        return None
    levels = [str(v) for v in levels]
    if len(set(levels)) != len(levels):
        ctx.add(path + ("levels",), f"issue {name!r}: a level is listed twice")
    sq = raw.get("status_quo")
    if sq is not None and str(sq) not in levels:
        ctx.add(path + ("status_quo",), f"issue {name!r}: status_quo {sq!r} is not one of the "
                "levels", did_you_mean(str(sq), levels))
    acts_raw = raw.get("actors")
    if isinstance(acts_raw, list) and len(acts_raw) > MAX_ACTORS:
        ctx.add(path + ("actors",), f"issue {name!r} has {len(acts_raw):,} actors; the limit is "
                f"{MAX_ACTORS}", "merge minor actors into blocs")
        return None
    if not isinstance(acts_raw, list) or len(acts_raw) < 2:
        ctx.add(path + (("actors",) if "actors" in raw else ()),
                f"issue {name!r} needs a list of at least two actors")
        acts_raw = acts_raw if isinstance(acts_raw, list) else []
    actors, seen = [], set()
    for i, a in enumerate(acts_raw):
        ap = path + ("actors", i)
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            ctx.add(ap, f"issue {name!r}: actor #{i + 1} must be a mapping with a name")
            continue
        an = a["name"]
        if an in seen:
            ctx.add(ap + ("name",), f"issue {name!r}: actor {an!r} is listed twice")
        seen.add(an)
        if decision_makers is not None and an not in decision_makers:
            ctx.add(ap + ("name",), f"issue {name!r}: actor {an!r} is not one of the "
                    "scenario's decision makers (" + ", ".join(decision_makers) + ")",
                    did_you_mean(an, decision_makers)
                    or "use a decision maker's name, or add the actor to decision_makers")
        for k in sorted(set(a) - _DACTOR_KEYS):
            ctx.add(ap + (k,), f"issue {name!r}, actor {an!r}: unknown key {k!r}",
                    did_you_mean(k, sorted(_DACTOR_KEYS)))
        u = a.get("utilities")
        if not isinstance(u, dict):
            ctx.add(ap + (("utilities",) if "utilities" in a else ()),
                    f"issue {name!r}, actor {an!r}: 'utilities' must map every level to a number",
                    "e.g. utilities: {" + ", ".join(f"{lv}: 0" for lv in levels) + "}")
            continue
        for lv in levels:
            if lv not in {str(k) for k in u}:
                ctx.add(ap + ("utilities",), f"issue {name!r}, actor {an!r}: no utility for "
                        f"level {lv!r}")
        for k, v in u.items():
            if str(k) not in levels:
                ctx.add(ap + ("utilities", str(k)), f"issue {name!r}, actor {an!r}: {k!r} is "
                        "not a level of this issue", did_you_mean(str(k), levels))
            elif not _is_num(v):
                ctx.add(ap + ("utilities", str(k)), f"issue {name!r}, actor {an!r}: utility of "
                        f"{k!r} {_not_a_number(v)}")
        wgt = a.get("weight", 1.0)
        if not _is_num(wgt) or wgt < 0:
            ctx.add(ap + ("weight",), f"issue {name!r}, actor {an!r}: weight must be a "
                    f"non-negative number, not {wgt!r}")
            wgt = 1.0
        ev = _evidence(ctx, a["evidence"], ap + ("evidence",)) if "evidence" in a else []
        if len(ctx.problems) == n0:
            actors.append(DiscreteActor(name=an, utilities={str(k): float(v) for k, v in u.items()},
                                        weight=float(wgt), evidence=ev))
    ev = _evidence(ctx, raw["evidence"], path + ("evidence",)) if "evidence" in raw else []
    if len(ctx.problems) > n0:
        return None
    return DiscreteIssue(name=name, description=str(raw.get("description", "") or ""),
                         levels=levels, status_quo=None if sq is None else str(sq),
                         actors=actors, evidence=ev)


def load_discrete_issues(data: dict, positions: Positions | None = None) -> list[DiscreteIssue]:
    """Parse the discrete issues (those with ``levels:``) of the ``issues:`` section.

    Errors name the file, line, issue, actor and level, like :func:`load_issues`.
    """
    positions = positions or Positions()
    items = _section_items(data, positions)
    ctx = _Ctx(positions)
    out: list[DiscreteIssue] = []
    names = _other_names(items, discrete=False)
    for sub, body, default in items:
        if not _is_discrete(body):
            continue
        d = _discrete_issue(ctx, body, ("issues",) + sub, default, _decision_maker_names(data))
        if d is not None:
            if d.name in names:
                ctx.add(("issues",) + sub, f"issue name {d.name!r} is used twice")
            names.add(d.name)
            out.append(d)
    if ctx.problems:
        raise ModelError(ctx.problems)
    return out


def load_bargaining_scenario(path: str | Path) -> tuple[dict, list[Issue]]:
    """Read a scenario file and return ``(header, issues)`` (the continuous issues).

    ``header`` holds ``title``, ``description`` and ``date`` when present. Raises
    :class:`ModelError` when the file has no ``issues`` section. Use
    :func:`load_bargaining_file` to get the discrete issues too.
    """
    header, issues, discrete = load_bargaining_file(path)
    if not issues:
        raise ModelError(Problem("this file has no continuous issue (with a scale) to "
                                 "forecast", file=str(path),
                                 hint="see docs/bargaining.md for the issues section"))
    return header, issues


def load_bargaining_file(path: str | Path) -> tuple[dict, list[Issue], list[DiscreteIssue]]:
    """Read a scenario file: ``(header, continuous issues, discrete issues)``.

    Raises :class:`ModelError` when there is no issue of either kind.
    """
    data, pos = read_document(path)
    if not isinstance(data, dict):
        raise ModelError(Problem("a scenario file must be a mapping at the top level",
                                 file=str(path)))
    issues = load_issues(data, pos)
    discrete = load_discrete_issues(data, pos)
    if not issues and not discrete:
        raise ModelError(Problem("this file has no 'issues:' section, so there is nothing "
                                 "to forecast", file=str(path),
                                 hint="see docs/bargaining.md for the issues section"))
    header = {k: data[k] for k in ("title", "description", "date") if k in data}
    return header, issues, discrete


def issue_to_dict(issue: Issue) -> dict:
    """The YAML/JSON form of an issue (saliences written on 0-100, ``salience_scale: percent``)."""
    def est(e: Estimate, k: float = 1.0):
        if e.low is None:
            return _clean(e.value * k)
        return {"value": _clean(e.value * k), "range": [_clean(e.low * k), _clean(e.high * k)]}

    def end(e: ScaleEnd):
        return {"value": _clean(e.value), "label": e.label} if e.label else _clean(e.value)

    d: dict[str, Any] = {"name": issue.name}
    if issue.description:
        d["description"] = issue.description
    d["scale"] = {"low": end(issue.scale.low), "high": end(issue.scale.high)}
    if issue.scale.units:
        d["scale"]["units"] = issue.scale.units
    d["salience_scale"] = "percent"
    if issue.status_quo is not None:
        d["status_quo"] = est(issue.status_quo)
    if issue.outcome is not None:
        d["outcome"] = _clean(issue.outcome)
    d["actors"] = []
    for a in issue.actors:
        ad = {"name": a.name, "position": est(a.position), "salience": est(a.salience, 100.0),
              "capability": est(a.capability)}
        if a.assumed:
            ad["assumed"] = list(a.assumed)
        if a.evidence:
            ad["evidence"] = [e.model_dump(exclude_none=True, mode="json") for e in a.evidence]
        d["actors"].append(ad)
    if issue.evidence:
        d["evidence"] = [e.model_dump(exclude_none=True, mode="json") for e in issue.evidence]
    return d


def _clean(v: float):
    v = round(float(v), 10)
    return int(v) if v.is_integer() else v

