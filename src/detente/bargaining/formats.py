"""Loaders and converters for published bargaining data formats.

* **KTAB SMP CSV** (KAPSARC Toolkit for Behavioral Analysis, ``examples/smp/doc/*.csv``):
  line 1 ``name, description, #actors, #dimensions``; line 2 the header
  ``Actor,Description,Influence,<dim> Position,<dim> Salience,...``; then one row per actor.
  Positions and saliences are on 0-100; influence is the capability. One issue per dimension.
* **DEU TSV** (Decision-making in the European Union, DEU I-III; Thomson et al. 2006,
  Arregui & Perarnaud 2021), as the tab-separated derived file with quoted header:
  ``prnr``, ``isnr``, ``proc``, ``counvte``, ... then ``p<actor>`` positions and ``s<actor>``
  saliences for the Commission (``com``), the Parliament (``ep``) and the member states,
  ``rp`` (reference point, the status quo) and ``out`` (the outcome), all on 0-100. A row
  without issue id whose actor cells hold numbers (line 2 of the blksv/predictioneers_game copy
  holds GDPs) is read as a capability row, not as an issue.
* **Actor table CSV**: a header naming ``actor`` (or ``name``), ``capability`` (or
  ``influence``/``power``), ``position*`` and ``salience*`` columns, one actor per row: the
  form in which Bueno de Mesquita's cases are usually transcribed (one issue per file).

Every malformed row is reported with the file, line, actor and field.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from detente.bargaining.scenario import (Actor, Estimate, Issue, Scale, ScaleEnd,
                                         infer_salience_scale, issue_to_dict)
from detente.errors import DetenteError, ModelError, Problem

MAX_BYTES = 50 * 1024 * 1024

# Council votes under the Treaty of Nice (QMV weights, 2004-2014; Croatia 7 from 2013) -
# published facts, keyed by the DEU actor codes.
NICE_VOTES = {
    "de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13,
    "be": 12, "cz": 12, "el": 12, "hu": 12, "pt": 12, "at": 10, "bu": 10, "se": 10,
    "dk": 7, "ie": 7, "lt": 7, "sk": 7, "fi": 7, "cr": 7, "cy": 4, "ee": 4, "lv": 4,
    "lu": 4, "si": 4, "mt": 3,
}


# Names of the DEU actor codes (the Commission, the Parliament and the member states).
DEU_ACTOR_NAMES = {
    "com": "Commission", "ep": "Parliament", "at": "Austria", "be": "Belgium",
    "bu": "Bulgaria", "cr": "Croatia", "cy": "Cyprus", "cz": "Czech Republic", "dk": "Denmark",
    "ee": "Estonia", "fi": "Finland", "fr": "France", "de": "Germany", "el": "Greece",
    "hu": "Hungary", "ie": "Ireland", "it": "Italy", "lv": "Latvia", "lt": "Lithuania",
    "lu": "Luxembourg", "mt": "Malta", "nl": "Netherlands", "pl": "Poland", "pt": "Portugal",
    "ro": "Romania", "si": "Slovenia", "sk": "Slovakia", "es": "Spain", "se": "Sweden",
    "uk": "United Kingdom",
}


def _read_text(path: str | Path) -> str:
    from detente.model.yamlio import decode_text, read_limited
    path = Path(path)
    # bounded read; folders, devices and files that are not UTF-8 text are refused (located)
    return decode_text(read_limited(path, MAX_BYTES, what="data file"), str(path))


def _number(cell: str, *, file, line, actor, fld, allow_blank=False) -> float | None:
    cell = (cell or "").strip()
    if cell == "" and allow_blank:
        return None
    try:
        v = float(cell)
    except ValueError:
        v = math.nan
    if not math.isfinite(v):
        raise ModelError(Problem(f"actor {actor!r}: {fld} must be a number, not {cell!r}",
                                 file=file, line=line, field=fld,
                                 hint="fix or remove this row"))
    return v


# ----------------------------------------------------------------------------------------
# KTAB
# ----------------------------------------------------------------------------------------

def read_ktab(path: str | Path) -> tuple[dict, list[Issue]]:
    """Read a KTAB SMP CSV file: one :class:`Issue` per dimension, scale 0-100.

    Returns ``(header, issues)`` with ``header = {"title": ..., "description": ...}``.

    Example
    -------
    ``header, issues = read_ktab("SOE-Policy.csv")``
    """
    name = str(path)
    text = _read_text(path)
    rows = list(csv.reader(io.StringIO(text)))
    rows = [[c.strip() for c in r] for r in rows]
    if len(rows) < 3:
        raise ModelError(Problem("a KTAB file needs a title line, a header line and actor rows",
                                 file=name))
    first = [c for c in rows[0]]
    while first and first[-1] == "":
        first.pop()
    try:
        n_dims = int(first[-1])
        n_actors = int(first[-2])
    except (ValueError, IndexError):
        raise ModelError(Problem("line 1 must end with the number of actors and of dimensions",
                                 file=name, line=1, hint="e.g. 'Scenario,Description,26,1'"))
    title = first[0]
    description = ",".join(first[1:-2]).strip()
    header = rows[1]
    need = 3 + 2 * n_dims
    if len(header) < need or header[0].lower() != "actor":
        raise ModelError(Problem(f"line 2 must be the header Actor,Description,Influence and a "
                                 f"Position and Salience column for each of {n_dims} dimension(s)",
                                 file=name, line=2))
    dims = []
    for d in range(n_dims):
        col = header[3 + 2 * d]
        dims.append(col[: -len(" Position")] if col.endswith(" Position") else col)
    if n_actors < 2:
        raise ModelError(Problem(f"line 1 announces {n_actors} actor(s); a bargaining issue needs "
                                 "at least two", file=name, line=1))
    body = [(i + 3, r) for i, r in enumerate(rows[2:]) if any(c for c in r)]
    if len(body) != n_actors:
        raise ModelError(Problem(f"line 1 announces {n_actors} actors but the file has "
                                 f"{len(body)} actor rows", file=name, line=1))
    per_dim: list[list[Actor]] = [[] for _ in dims]
    descs = [r[1] if len(r) > 1 else "" for _, r in body]
    unique = len(set(descs)) == len(descs) and all(descs)
    for line, r in body:
        code = r[0] if r else ""
        if len(r) < need:
            raise ModelError(Problem(f"actor {code!r}: the row has {len(r)} cells, {need} needed",
                                     file=name, line=line, hint="every row needs influence, "
                                     "then position and salience per dimension"))
        actor = r[1] if unique else code
        cap = _number(r[2], file=name, line=line, actor=actor, fld="Influence")
        if cap < 0:
            raise ModelError(Problem(f"actor {actor!r}: Influence {cap:g} is negative",
                                     file=name, line=line, field="Influence"))
        for d, dim in enumerate(dims):
            pos = _number(r[3 + 2 * d], file=name, line=line, actor=actor, fld=f"{dim} Position")
            sal = _number(r[4 + 2 * d], file=name, line=line, actor=actor, fld=f"{dim} Salience")
            if not 0 <= pos <= 100:
                raise ModelError(Problem(f"issue {dim!r}, actor {actor!r}: position {pos:g} is "
                                         "outside the scale 0-100", file=name, line=line,
                                         field=f"{dim} Position"))
            if not 0 <= sal <= 100:
                raise ModelError(Problem(f"issue {dim!r}, actor {actor!r}: salience {sal:g} is "
                                         "out of range 0-100", file=name, line=line,
                                         field=f"{dim} Salience"))
            per_dim[d].append(Actor(name=actor, position=Estimate(value=pos),
                                    salience=Estimate(value=sal / 100.0),
                                    capability=Estimate(value=cap)))
    issues = [Issue(name=dim, description=description,
                    scale=Scale(low=ScaleEnd(value=0), high=ScaleEnd(value=100), units="0-100"),
                    actors=actors, source=name, salience_scale="percent")
              for dim, actors in zip(dims, per_dim)]
    return {"title": title, "description": description}, issues


# ----------------------------------------------------------------------------------------
# Actor table (BDM-style transcriptions)
# ----------------------------------------------------------------------------------------

def read_actor_table(path: str | Path, *, issue: str | None = None,
                     salience_scale: str = "auto") -> Issue:
    """Read a one-issue actor table CSV (``actor, capability, position, salience`` columns).

    The scale is the span of the positions (the file has no scale); saliences are read as
    ``salience_scale`` says (``"unit"`` 0-1, ``"percent"`` 0-100) or, with ``"auto"``, as
    :func:`~detente.bargaining.scenario.infer_salience_scale` infers (a mix of fractions and
    values above 1 is an error naming the actors and lines).
    """
    name = str(path)
    text = _read_text(path)
    rows = [r for r in csv.reader(io.StringIO(text))]
    if not rows:
        raise ModelError(Problem("empty file", file=name))
    hdr = [h.strip().lower() for h in rows[0]]

    def find(*prefixes):
        for i, h in enumerate(hdr):
            if any(h.startswith(p) for p in prefixes):
                return i
        raise ModelError(Problem(f"the header has no {prefixes[0]!r} column", file=name, line=1,
                                 hint="the header must name actor, capability, position and "
                                      "salience columns"))

    ia, ic, ip, isal = find("actor", "name"), find("capab", "influence", "power"), \
        find("position"), find("salience")
    recs = []
    for ln, r in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in r):
            continue
        if len(r) <= max(ia, ic, ip, isal):
            raise ModelError(Problem(f"row has {len(r)} cells; {len(hdr)} expected", file=name,
                                     line=ln))
        actor = r[ia].strip()
        vals = [_number(r[k], file=name, line=ln, actor=actor, fld=hdr[k]) for k in (ic, ip, isal)]
        if vals[0] < 0:
            raise ModelError(Problem(f"actor {actor!r}: capability {vals[0]:g} is negative",
                                     file=name, line=ln, field=hdr[ic]))
        recs.append((actor, *vals, ln))
    if len(recs) < 2:
        raise ModelError(Problem(f"an issue needs at least two actors; this file has {len(recs)}",
                                 file=name))
    inferred = salience_scale == "auto"
    if inferred:
        salience_scale, problem = infer_salience_scale((a, s, ln) for a, _, _, s, ln in recs)
        if problem:
            raise ModelError(Problem(problem, file=name, field=hdr[isal],
                                     hint="correct the value that is on the other scale, or "
                                          "say which scale the file uses with --salience-scale "
                                          "unit (0-1) or percent (0-100)"))
    if salience_scale not in ("unit", "percent"):
        raise DetenteError(Problem(f"salience_scale must be auto, unit or percent, not "
                                   f"{salience_scale!r}"))
    top = 1.0 if salience_scale == "unit" else 100.0
    for actor, _, _, s, ln in recs:
        if not 0 <= s <= top:
            raise ModelError(Problem(f"actor {actor!r}: salience {s:g} is out of range 0-{top:g}",
                                     file=name, line=ln, field=hdr[isal]))
    xs = [r[2] for r in recs]
    units = hdr[ip].removeprefix("position").strip("_ ") or ""
    return Issue(name=issue or Path(path).stem, scale=Scale(low=ScaleEnd(value=min(xs)),
                                                             high=ScaleEnd(value=max(xs)),
                                                             units=units),
                 actors=[Actor(name=a, position=Estimate(value=p),
                               salience=Estimate(value=s / top), capability=Estimate(value=c))
                         for a, c, p, s, _ in recs], source=name,
                 salience_scale=salience_scale, salience_scale_inferred=inferred)


# ----------------------------------------------------------------------------------------
# DEU
# ----------------------------------------------------------------------------------------

@dataclass
class DEUIssue:
    """One DEU controversy: placed actors only (blank cells = actor not placed).

    ``actors`` are DEU codes (``com``, ``ep``, ``de``, ...; :data:`DEU_ACTOR_NAMES`);
    ``positions``/``saliences`` on 0-100 (a blank salience of a placed actor is read as 50,
    the DEU neutral default, and listed in ``assumed_salience``); ``reference`` the reference
    point (status quo) or None; ``outcome`` or None.
    """

    proposal: str
    issue: str
    procedure: str
    voting: str
    actors: list[str]
    positions: np.ndarray
    saliences: np.ndarray
    reference: float | None
    outcome: float | None
    line: int
    fields: dict = field(default_factory=dict)
    assumed_salience: list[str] = field(default_factory=list)


@dataclass
class DEUData:
    """A DEU file: the issues and the optional capability row (e.g. GDP)."""

    issues: list[DEUIssue]
    actor_codes: list[str]
    capability_row: dict[str, float] | None
    file: str


def read_deu(path: str | Path) -> DEUData:
    """Read a DEU tab-separated file (see the module docstring).

    Raises :class:`ModelError` naming the line, issue, actor and field of a malformed cell.
    """
    name = str(path)
    text = _read_text(path)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"'))
    if not rows:
        raise ModelError(Problem("empty file", file=name))
    hdr = [h.strip() for h in rows[0]]
    col = {h: i for i, h in enumerate(hdr)}
    for need in ("isnr", "out"):
        if need not in col:
            raise ModelError(Problem(f"the header has no {need!r} column; is this a DEU file?",
                                     file=name, line=1))
    codes = [h[1:] for h in hdr if h.startswith("p") and "s" + h[1:] in col
             and h not in ("prnr", "prname", "proc", "proccde", "prnrnmc")]
    cap_row = None
    issues = []
    for ln, r in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in r):
            continue
        r = r + [""] * (len(hdr) - len(r))
        get = lambda k: r[col[k]].strip() if k in col else ""  # noqa: E731
        isnr = get("isnr")
        if not isnr:
            vals = {c: get("p" + c) for c in codes}
            if any(vals.values()) and cap_row is None:
                cap_row = {c: _number(v, file=name, line=ln, actor=c, fld="p" + c)
                           for c, v in vals.items() if v}
                continue
            raise ModelError(Problem("row has no issue id (isnr)", file=name, line=ln,
                                     field="isnr"))
        acts, xs, ss, blank = [], [], [], []
        for c in codes:
            p = _number(get("p" + c), file=name, line=ln, actor=c, fld=f"issue {isnr}, p{c}",
                        allow_blank=True)
            if p is None:
                continue
            s = _number(get("s" + c), file=name, line=ln, actor=c, fld=f"issue {isnr}, s{c}",
                        allow_blank=True)
            for v, f in ((p, "p"), (s, "s")):
                if v is not None and not 0 <= v <= 100:
                    raise ModelError(Problem(f"issue {isnr!r}, actor {c!r}: {f}{c} = {v:g} is "
                                             "outside 0-100", file=name, line=ln, field=f + c))
            acts.append(c)
            xs.append(p)
            ss.append(50.0 if s is None else s)
            if s is None:
                blank.append(c)
        rp = _number(get("rp"), file=name, line=ln, actor="-", fld=f"issue {isnr}, rp",
                     allow_blank=True)
        out = _number(get("out"), file=name, line=ln, actor="-", fld=f"issue {isnr}, out",
                      allow_blank=True)
        issues.append(DEUIssue(proposal=get("prnr"), issue=isnr, procedure=get("proc"),
                               voting=get("counvte"), actors=acts, positions=np.array(xs),
                               saliences=np.array(ss), reference=rp, outcome=out, line=ln,
                               fields={k: get(k) for k in ("prname", "type", "council", "intro",
                                                           "finact") if k in col},
                               assumed_salience=blank))
    return DEUData(issues=issues, actor_codes=codes, capability_row=cap_row, file=name)


def deu_capabilities(data: DEUData, iss: DEUIssue, scheme: str = "council") -> np.ndarray:
    """Capabilities of the placed actors of a DEU issue under a stated scheme.

    * ``"equal"``: every placed actor 1.
    * ``"council"``: member states their Council votes under the Treaty of Nice
      (:data:`NICE_VOTES`); the Commission and, under co-decision (COD), the Parliament the
      mean weight of the member states placed on the issue; under consultation (CNS) the
      Parliament 0 (it has no veto there).
    * ``"council_equal_institutions"``: as ``"council"`` but the Parliament keeps the mean
      weight under every procedure.
    * ``"gdp"``: the file's capability row (GDP in the blksv copy), scaled to max 1; the
      Commission and Parliament take that row's values.
    """
    if scheme == "equal":
        return np.ones(len(iss.actors))
    if scheme == "gdp":
        if not data.capability_row:
            raise DetenteError(Problem("this DEU file has no capability (GDP) row", file=data.file))
        top = max(data.capability_row.values())
        return np.array([data.capability_row.get(a, 0.0) / top for a in iss.actors])
    if scheme not in ("council", "council_equal_institutions"):
        raise DetenteError(Problem(f"unknown DEU capability scheme {scheme!r}",
                                   hint="use equal, council, council_equal_institutions or gdp"))
    states = [NICE_VOTES[a] for a in iss.actors if a in NICE_VOTES]
    mean = float(np.mean(states)) if states else 1.0
    out = []
    for a in iss.actors:
        if a in NICE_VOTES:
            out.append(NICE_VOTES[a])
        elif a == "ep" and scheme == "council" and iss.procedure.upper() == "CNS":
            out.append(0.0)
        else:
            out.append(mean)
    return np.array(out, dtype=float)


def deu_to_issue(data: DEUData, iss: DEUIssue, scheme: str = "council") -> Issue:
    """One DEU controversy as an :class:`Issue`.

    Scale 0-100; status quo = the DEU reference point (``rp``); ``outcome`` = the coded
    outcome (``out``), so forecasts can be scored; actors named by :data:`DEU_ACTOR_NAMES`;
    a blank salience read as 50 is listed in the actor's ``assumed`` fields.
    """
    caps = deu_capabilities(data, iss, scheme)
    blank = set(iss.assumed_salience)
    return Issue(
        name=f"{iss.proposal or 'proposal'} {iss.issue}",
        description=str(iss.fields.get("prname", "")),
        scale=Scale(low=ScaleEnd(value=0), high=ScaleEnd(value=100), units="0-100"),
        actors=[Actor(name=DEU_ACTOR_NAMES.get(a, a), position=Estimate(value=float(x)),
                      salience=Estimate(value=float(s) / 100.0), capability=Estimate(value=float(c)),
                      assumed=["salience"] if a in blank else [])
                for a, x, s, c in zip(iss.actors, iss.positions, iss.saliences, caps)],
        status_quo=None if iss.reference is None else Estimate(value=float(iss.reference)),
        outcome=iss.outcome, source=f"{data.file}:{iss.line}", salience_scale="percent")


# ----------------------------------------------------------------------------------------
# Dispatch and YAML output
# ----------------------------------------------------------------------------------------

def detect_format(path: str | Path) -> str:
    """``"deu"``, ``"ktab"``, ``"table"`` or ``"scenario"`` (YAML/JSON) from name and content."""
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml", ".json"):
        return "scenario"
    head = _read_text(p)[:4000].splitlines()
    if head and "\t" in head[0] and "isnr" in head[0]:
        return "deu"
    if len(head) > 1 and head[1].lower().startswith("actor,description,influence"):
        return "ktab"
    return "table"


def load_external(path: str | Path, fmt: str = "auto", *, scheme: str = "council",
                  limit: int | None = None,
                  salience_scale: str = "auto") -> tuple[dict, list[Issue]]:
    """Load a KTAB, DEU or actor-table file as ``(header, issues)``.

    ``scheme`` is the DEU capability scheme (:func:`deu_capabilities`); ``limit`` keeps the
    first N DEU issues with at least two placed actors; ``salience_scale`` is that of an actor
    table (:func:`read_actor_table`).
    """
    header, issues = _load_external(path, fmt, scheme, limit, salience_scale)
    from detente.bargaining.scenario import MAX_ACTORS, MAX_ISSUES
    if len(issues) > MAX_ISSUES:
        raise DetenteError(Problem(f"{len(issues):,} issues; the limit is {MAX_ISSUES:,} per file",
                                   file=str(path), hint="keep fewer (--limit N for DEU files)"))
    for iss in issues:
        if len(iss.actors) > MAX_ACTORS:
            raise DetenteError(Problem(f"issue {iss.name!r} has {len(iss.actors):,} actors; the "
                                       f"limit is {MAX_ACTORS}", file=str(path),
                                       hint="merge minor actors into blocs (capabilities add up)"))
    return header, issues


def _load_external(path, fmt: str, scheme: str, limit: int | None,
                   salience_scale) -> tuple[dict, list[Issue]]:
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt == "ktab":
        return read_ktab(path)
    if fmt == "table":
        return {"title": Path(path).stem}, [read_actor_table(path, salience_scale=salience_scale)]
    if fmt == "deu":
        data = read_deu(path)
        out = []
        for iss in data.issues:
            if len(iss.actors) < 2:
                continue
            out.append(deu_to_issue(data, iss, scheme))
            if limit and len(out) >= limit:
                break
        return {"title": f"DEU issues from {Path(path).name}",
                "description": f"capabilities: {scheme} (see docs/bargaining.md)"}, out
    raise DetenteError(Problem(f"unknown input format {fmt!r}", hint="use ktab, deu or table"))


def issues_to_yaml(header: dict, issues: list[Issue]) -> str:
    """Scenario YAML text for ``issues`` (round-trips through :func:`load_issues`)."""
    from ruamel.yaml import YAML

    doc = {k: v for k, v in header.items() if v}
    doc["issues"] = [issue_to_dict(i) for i in issues]
    # the safe dumper uses libyaml's emitter when ruamel.yaml.clib is installed (a DEU file:
    # about 1 s instead of 25 s with the pure-Python round-trip emitter)
    yaml = YAML(typ="safe", pure=False)
    yaml.sort_base_mapping_type_on_output = False  # keep name, scale, actors in reading order
    yaml.default_flow_style = None
    yaml.width = 100
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()
