"""The self-contained HTML report of a conflict analysis.

One page, no network needed to open it (CSS inline, the state graph as inline SVG): the model
with every preference statement and constraint, the evidence table (each statement links to
its evidence rows and back), feasibility (why each excluded combination is infeasible),
stability per DM and concept, the equilibria, the status-quo paths, the variants side by side,
a picture of the state graph, and the answers to the scenario's questions in words.

Other analyses add their own sections through ``extra_sections``: a list of
``(title, html)`` pairs or :class:`Section` objects, appended after the built-in sections and
listed in the table of contents. Their HTML is inserted as is (the caller escapes it);
everything taken from the model is escaped by the templates (jinja2 autoescape).

>>> import detente
>>> c = detente.load({"title": "Toy", "decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}], "status_quo": "NN"})
>>> page = render_report(c, extra_sections=[("Forecast", "<p>later</p>")])
>>> "<h2 id=\\"equilibria\\">" in page and "<p>later</p>" in page
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from detente.errors import DetenteError
from detente.files import write_output
from detente.gmcr.analysis import AnalysisResult, analyze
from detente.gmcr.compare import Comparison, compare, describe_state
from detente.model.preferences import ranking_levels
from detente.gmcr.status_quo import reachable
from detente.model.conflict import Conflict
from detente.model.evidence import Evidence
from detente.report.graph import dm_colours, grouped_states, relevant_states, state_graph_svg
from detente.report.questions import Answer, Question, answer_all

BUILTIN_SECTIONS = [
    ("conclusions", "Conclusions"),
    ("model", "Model"),
    ("evidence", "Evidence"),
    ("feasibility", "Feasibility"),
    ("stability", "Stability per decision maker and concept"),
    ("equilibria", "Equilibria"),
    ("paths", "From the status quo"),
    ("variants", "Variants side by side"),
    ("graph", "State graph"),
]
MAX_INFEASIBLE_LISTED = 512
MAX_STATE_ROWS = 2048
MAX_STORIES = 4  # sanctions spelled out per concept; the rest are counted
MAX_ASKED_DRAWN = 8  # the first question's states join the state graph when there are at most this many
MAX_FULL_GRAPH = 512  # beyond this many states the full graph is not drawn even on demand


@dataclass
class Section:
    """An extra report section: an anchor id, a title and trusted HTML."""

    title: str
    html: str
    id: str | None = None

    def anchor(self, used: set[str]) -> str:
        base = self.id or "x-" + "".join(ch if ch.isalnum() else "-" for ch in self.title.lower()).strip("-")
        anchor, k = base, 2
        while anchor in used:
            anchor, k = f"{base}-{k}", k + 1
        used.add(anchor)
        return anchor


@dataclass
class ReportData:
    """Everything the report shows (also usable without the HTML)."""

    conflict: Conflict
    result: AnalysisResult
    comparison: Comparison | None
    answers: list[list[Answer]] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    robustness: Any = None  # RobustnessResult when computed (build_report(robustness=True))
    hypergame: Any = None  # HypergameResult when the model has perceptions


def _env() -> Environment:
    env = Environment(loader=PackageLoader("detente.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env


#: The only schemes an evidence ``url`` becomes a link with; anything else (``javascript:``,
#: ``data:``, ``vbscript:``, ``file:``, relative paths) is shown as text.
LINK_SCHEMES = ("http", "https", "mailto")
#: The report's own Content-Security-Policy (also sent by the web app with the page): no
#: script at all (the report has none), nothing loaded from anywhere, no forms.
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'")
_C0_AND_SPACE = "".join(chr(i) for i in range(0x21))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def link_target(url: object) -> str | None:
    """The ``href`` for a URL taken from a model or an article, or None when it must not be
    a link. Read as a browser reads it (control characters and spaces around it dropped, tabs
    and line breaks inside it too), so what is checked is what the browser would follow.

    >>> link_target("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> link_target(" MailTo:desk@example.org")
    'MailTo:desk@example.org'
    >>> [link_target(u) for u in ("javascript:alert(1)", " JaVa\tScRiPt:alert(1)",
    ...                           "data:text/html,x", "vbscript:x", "/relative", "")]
    [None, None, None, None, None, None]
    """
    if not isinstance(url, str):
        return None
    text = url.strip(_C0_AND_SPACE)
    for ch in "\t\n\r":
        text = text.replace(ch, "")
    m = _SCHEME.match(text)
    if m is None or m.group(1).lower() not in LINK_SCHEMES:
        return None
    return text


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in str(text).lower())


class _EvidenceIndex:
    """Numbers every evidence entry and remembers what it supports (for links both ways)."""

    def __init__(self, sources: dict[str, dict[str, Any]]):
        self.rows: list[dict[str, Any]] = []
        self.sources = sources

    def add(self, entries: list[Evidence], target: str, anchor: str) -> list[dict[str, Any]]:
        out = []
        for ev in entries:
            n = len(self.rows) + 1
            src = ev.source
            src_title = None
            if src and src in self.sources:
                s = self.sources[src]
                src_title = s.get("title") or src
            row = {
                "n": n, "anchor": f"ev-{n}", "target": target, "target_anchor": anchor,
                "speaker": ev.speaker, "role": ev.role, "channel": ev.channel,
                "date": ev.date.isoformat() if ev.date else None, "quote": ev.quote,
                "source_key": src if src in self.sources else None,
                "source": src_title or src, "url": ev.url, "href": link_target(ev.url),
                "assumption": ev.assumption,
                "note": ev.note, "statement_id": ev.statement_id,
                "is_assumption": ev.is_assumption,
            }
            self.rows.append(row)
            out.append(row)
        return out


def _statement_rows(dm, prefix: str, evidence: _EvidenceIndex, model_label: str) -> list[dict[str, Any]]:
    rows = []
    for k, st in enumerate(dm.preferences or []):
        anchor = f"{prefix}{_slug(dm.name)}-{k + 1}"
        ev = evidence.add(st.evidence, f"{model_label}{dm.name}, statement {k + 1}", anchor)
        rows.append({"k": k + 1, "anchor": anchor, "text": st.text, "id": st.id, "evidence": ev,
                     "note": st.note, "probability": st.probability,
                     "only_assumptions": bool(ev) and all(r["is_assumption"] for r in ev),
                     "no_evidence": not ev})
    return rows


def _state_label(result: AnalysisResult, p: int, link: bool = True) -> dict[str, Any]:
    """A state for the templates; ``link`` only for states of the model whose table is shown
    (a variant numbers its states differently)."""
    code = int(result.space.codes[p])
    return {"id": p + 1, "yn": result.yn(p), "taken": describe_state(result.conflict, code),
            "names": result.names(p), "label": result.label(p),
            "anchor": f"state-{p + 1}" if link else None}


def build_report(conflict: Conflict, *, concepts: Iterable[str] | None = None,
                 questions: list[Question] | None = None, variants: Iterable[str] | None = None,
                 sim_budget: float | None = None, base: Conflict | None = None,
                 robustness: Any = False, state_notes: list[tuple[str, str]] | None = None) -> ReportData:
    """Analyse a conflict (and its variants) and collect what the report shows.

    Parameters
    ----------
    conflict
        The model to report on; may be a variant (``load(path, variant=...)``), in which case
        the side-by-side comparison still uses the base model of the same file.
    concepts
        Solution concepts (default all five).
    questions
        Questions to answer in words (:mod:`detente.report.questions`).
    variants
        Variants to compare (default all the model declares).
    sim_budget
        Passed to :func:`~detente.gmcr.analysis.analyze`.
    base
        The base model when ``conflict`` is a variant (default: reloaded from its file).
    robustness
        ``True``: when the model declares uncertainty, run the robustness analysis
        (``method="auto"``: exact when that is no dearer than sampling) so that the summary
        says how sure each answer is, and analyse each DM's view when the model has
        perceptions; or a :class:`~detente.gmcr.robustness.RobustnessResult` to reuse.
        :func:`report_sections` turns both into report sections.
    state_notes
        ``(expression, note)`` pairs (:func:`~detente.report.questions.load_state_notes`)
        attached to the matching states the robustness section discusses.
    """
    kw = {} if sim_budget is None else {"sim_budget": sim_budget}
    result = analyze(conflict, concepts, **kw)
    concept_list = result.concepts
    if base is None:
        base = conflict
        if conflict.variant_name is not None:
            if not conflict.file:
                raise DetenteError("reporting on a variant needs the base model",
                                   hint="pass base=<the conflict without the variant>")
            from detente.model.load import load
            base = load(conflict.file)
    comparison = compare(base, variants, concept_list, **kw) if base.variants else None
    model_name = conflict.variant_name or "base"
    # Questions are answered on the model reported on and on the variants they ask for.
    answers: list[list[Answer]] = []
    if questions:
        vres = dict(comparison.results) if comparison else {}
        vres.pop(model_name, None)
        answers = answer_all(questions, result, vres)
        for row in answers:
            row[0].model = model_name
    data = ReportData(conflict, result, comparison, answers)
    if robustness is not False and robustness is not None:
        if robustness is True:
            from detente.gmcr.robustness import parse_uncertainty
            from detente.gmcr.robustness import robustness as run_robustness
            if not parse_uncertainty(conflict).is_certain:
                rob_concepts = [k for k in concept_list if k in ("Nash", "GMR", "SMR", "SEQ")]
                data.robustness = run_robustness(conflict, concepts=rob_concepts or None, method="auto")
        else:
            data.robustness = robustness
        if conflict.has_perceptions:
            from detente.gmcr.hypergame import HYPERGAME_CONCEPTS, hypergame
            hc = [k for k in concept_list if k in HYPERGAME_CONCEPTS and k in result.stable]
            data.hypergame = hypergame(conflict, hc or None, reality=result)
    data.context = _context(data, base)
    if state_notes:
        from detente.report.questions import select_states
        for expr, _ in state_notes:
            select_states(result, expr)  # unknown options are a located error here, not later
        data.context["state_notes"] = list(state_notes)
    return data


def report_sections(data: ReportData) -> list[Section]:
    """The sections of the analyses besides stability: each DM's view beside reality
    (hypergames) and how robust the equilibria are, reusing what :func:`build_report` ran, and
    the timeline (what the model anticipated) for a base model with one."""
    from detente.gmcr.sensitivity import robustness_report_sections
    from detente.report.hypergame import hypergame_report_sections
    out: list[Any] = []
    if data.conflict.has_perceptions:
        out += hypergame_report_sections(data.conflict, data.result, hyper=data.hypergame)
    if data.robustness is not None:
        notes = data.context.get("state_notes") or []
        out += robustness_report_sections(data.conflict, result=data.robustness, state_notes=notes)
    if data.conflict.variant_name is None:
        # What the model anticipated over its timeline, and what it missed (issue 14): the base
        # model's timeline only (a revision rebuilds the model as written, not a variant).
        from detente.report.timeline import timeline_report_sections
        out += timeline_report_sections(data.conflict)
    return out


def _context(data: ReportData, base: Conflict) -> dict[str, Any]:
    c, r = data.conflict, data.result
    evidence = _EvidenceIndex(c.sources)
    model_label = "" if c.variant_name is None else f"[{c.variant_name}] "
    colours = dm_colours(c.dm_names)

    # --- model -------------------------------------------------------------------------
    dms = []
    for d in c.decision_makers:
        opts = []
        for name in d.options:
            o = c.option(name)
            anchor = f"opt-{_slug(o.name)}"
            opts.append({"name": o.name, "label": o.label, "description": o.description,
                         "direction": o.direction, "anchor": anchor,
                         "evidence": evidence.add(o.evidence, f"option {o.name}", anchor)})
        dm_ev = evidence.add(d.evidence, d.name, f"dm-{_slug(d.name)}")
        levels = None
        if d.ranking is not None:
            levels = [[_state_label(r, int(p)) for p in lvl] for lvl in ranking_levels(r.ranks[d.name])]
        dms.append({"name": d.name, "label": d.label, "description": d.description, "options": opts,
                    "anchor": f"dm-{_slug(d.name)}", "colour": colours[d.name], "evidence": dm_ev,
                    "statements": _statement_rows(d, "st-", evidence, model_label),
                    "ranking": levels})
    constraints = []
    from detente.report.questions import select_states  # noqa: F401  (same evaluation helpers)
    from detente.report.questions import _value_of
    m = c.n_options
    all_codes = np.arange(1 << m, dtype=np.uint64) if m <= 20 else None
    for ci, con in enumerate(c.constraints):
        anchor = f"con-{ci + 1}"
        excluded = None
        if all_codes is not None:
            excluded = int(np.broadcast_to(np.asarray(con.expr.evaluate(_value_of(c, all_codes)), dtype=bool),
                                           all_codes.shape).sum())
        constraints.append({"id": con.id, "text": con.text, "why": con.why, "anchor": anchor,
                            "excluded": excluded,
                            "evidence": evidence.add(con.evidence, f"constraint {con.id or ci + 1}", anchor)})

    # --- variants' own statements (for traceability of the variant columns) -------------
    variant_models = []
    anchor_prefix: dict[tuple[str, str], str] = {}
    model_name = c.variant_name or "base"
    for d in c.decision_makers:
        anchor_prefix[(model_name, d.name)] = "st-"
    if data.comparison is not None:
        cmp = data.comparison
        for name in cmp.names:
            if name == model_name:
                continue
            vc = cmp.results[name].conflict
            changed = []
            for d in vc.decision_makers:
                mine = c.dm(d.name)
                same = ([s.text for s in d.preferences or []] == [s.text for s in mine.preferences or []]
                        and d.ranking == mine.ranking)
                if same:
                    anchor_prefix[(name, d.name)] = "st-"
                else:
                    prefix = f"st-{_slug(name)}--"
                    anchor_prefix[(name, d.name)] = prefix
                    changed.append({"name": d.name, "colour": colours.get(d.name, "#444"),
                                    "statements": _statement_rows(d, prefix, evidence, f"[{name}] ")})
            vdesc = next((v for v in base.variants if v.name == name), None)
            v_ev = evidence.add(_variant_evidence(vdesc), f"variant {name}", f"variant-{_slug(name)}") \
                if vdesc is not None else []
            variant_models.append({"name": name, "anchor": f"variant-{_slug(name)}",
                                   "description": cmp.descriptions.get(name),
                                   "changes": cmp.changes.get(name, []),
                                   "dms": changed, "evidence": v_ev})

    def stmt_link(model: str, dm: str, k0: int) -> str:
        prefix = anchor_prefix.get((model, dm), "st-")
        return f"{prefix}{_slug(dm)}-{k0 + 1}"

    statement_evidence: dict[str, list[dict[str, Any]]] = {}
    for row in evidence.rows:
        statement_evidence.setdefault(row["target_anchor"], []).append(row)

    # --- feasibility ---------------------------------------------------------------------
    infeasible_rows = []
    n_total = 1 << m
    if m <= 20:
        feasible_mask = np.zeros(n_total, dtype=bool)
        feasible_mask[r.space.codes.astype(np.int64)] = True
        bad = np.flatnonzero(~feasible_mask)
        for code in bad[:MAX_INFEASIBLE_LISTED]:
            infeasible_rows.append({"yn": c.yn(int(code)), "taken": describe_state(c, int(code)),
                                    "reasons": r.space.infeasibility_reasons(int(code))})
    feasibility = {"n_feasible": r.n_states, "n_total": n_total, "infeasible": infeasible_rows,
                   "n_infeasible": n_total - r.n_states,
                   "listed_all": (n_total - r.n_states) <= MAX_INFEASIBLE_LISTED}

    # --- stability -----------------------------------------------------------------------
    concepts = [k for k in r.concepts if k in r.stable]
    levels = {}
    for d in c.dm_names:
        uniq = np.unique(r.ranks[d])
        level_of = {int(v): len(uniq) - i for i, v in enumerate(uniq)}
        levels[d] = ([level_of[int(v)] for v in r.ranks[d]], len(uniq))
    counts = {k: {d: int(r.stable[k][d].sum()) for d in c.dm_names} for k in concepts}
    eq_sets = {k: set(int(p) for p in r.equilibria(k)) for k in concepts}
    state_rows = []
    for p in range(min(r.n_states, MAX_STATE_ROWS)):
        row = _state_label(r, p)
        row["levels"] = [levels[d][0][p] for d in c.dm_names]
        row["stable"] = {k: [bool(r.stable[k][d][p]) for d in c.dm_names] for k in concepts}
        row["eq"] = [k for k in concepts if p in eq_sets[k]]
        row["sq"] = p == r.status_quo_position
        state_rows.append(row)

    # --- equilibria ----------------------------------------------------------------------
    equilibria = {k: [_state_label(r, p) for p in sorted(eq_sets[k])] for k in concepts}
    union_eq = sorted(set().union(*eq_sets.values())) if eq_sets else []

    # --- status quo paths ----------------------------------------------------------------
    paths = None
    path_positions: set[int] = set()
    path_moves: list[tuple[str, int, int]] = []
    sq = r.status_quo_position
    if sq is not None and union_eq:
        any_moves = reachable(r, to=union_eq)
        imp_only = reachable(r, to=union_eq, improvements_only=True)

        def steps(reach, target):
            for pth in reach.paths:
                if pth.target == target:
                    return [{"dm": s.dm, "colour": colours[s.dm],
                             "changes": ", ".join(("takes " if v else "drops ") + o for o, v in s.changes.items()),
                             "to": _state_label(r, s.target), "improves": s.improves_mover,
                             "against": s.against_mover}
                            for s in pth.moves]
            return None

        rows = []
        for t in sorted(union_eq, key=lambda t: (any_moves.distance[t] < 0, any_moves.distance[t], t)):
            a, b = steps(any_moves, t), steps(imp_only, t)
            for pth in (any_moves, imp_only):
                for p_ in pth.paths:
                    if p_.target == t:
                        path_positions.update(s.target for s in p_.moves)
                        path_moves.extend((s.dm, s.source, s.target) for s in p_.moves)
            needs = next((p_.needs_text() for p_ in any_moves.paths if p_.target == t), None)
            rows.append({"state": _state_label(r, t), "concepts": [k for k in concepts if t in eq_sets[k]],
                         "any": a, "imp": b, "is_sq": t == sq, "needs": needs})
        paths = {"sq": _state_label(r, sq), "rows": rows,
                 "n_any": int((any_moves.distance >= 0).sum()),
                 "n_imp": int((imp_only.distance >= 0).sum())}

    # --- variants side by side -----------------------------------------------------------
    side = None
    if data.comparison is not None:
        cmp = data.comparison
        side = {"names": cmp.names, "n_states": {n: cmp.n_states(n) for n in cmp.names},
                "rows": []}
        for k in cmp.concepts:
            cells = []
            for n in cmp.names:
                rr = cmp.results[n]
                skip = rr.skipped.get(k)
                eqs = [] if skip else [_state_label(rr, p) for p in rr.equilibria(k)]
                new = set(cmp.appear.get(n, {}).get(k, []))
                for e in eqs:
                    e["new"] = e["yn"] in new
                cells.append({"eqs": eqs, "skipped": skip,
                              "gone": cmp.vanish.get(n, {}).get(k, [])})
            side["rows"].append({"concept": k, "cells": cells})

    # --- graph ---------------------------------------------------------------------------
    selection = relevant_states(r, path_positions)
    gtitle = f"State graph of {c.title or 'the conflict'}"
    if selection.full:
        svg = state_graph_svg(r, selection.positions, title=gtitle, path_moves=path_moves)
        graph = {"svg": Markup(svg), "reason": selection.reason, "full": True, "n_states": r.n_states}
    else:
        # Only the states a reader needs, grouped; the whole graph on demand, collapsed.
        asked, asked_label = [], "asked about"
        if data.answers:
            from detente.report.questions import select_states
            first = data.answers[0][0]
            matching = [int(p) for p in select_states(r, first.question.states)]
            if 0 < len(matching) <= MAX_ASKED_DRAWN and first.result is r:
                asked, asked_label = matching, f"the first question's states ({first.question.states})"
        leave_moves, leave_to = _leaving_moves(data.answers[0][0], r) if asked else ([], [])
        grouped = grouped_states(r, path_positions, asked, asked_label)
        extra = [p for p in leave_to if p not in set(grouped.positions)]
        if extra:
            grouped.groups.append(("where they lead: moves nothing deters, from one of them", sorted(set(extra))))
        svg = state_graph_svg(r, [], title=gtitle, path_moves=path_moves + leave_moves, groups=grouped.groups)
        full_svg = None
        if r.n_states <= MAX_FULL_GRAPH:
            full_svg = Markup(state_graph_svg(r, list(range(r.n_states)), title=gtitle + " (every state)",
                                              path_moves=path_moves, id_prefix="full-"))
        graph = {"svg": Markup(svg), "reason": grouped.reason, "full": False, "n_states": r.n_states,
                 "full_svg": full_svg, "n_drawn": len(grouped.positions),
                 "groups": [{"label": label, "n": len(ps)} for label, ps in grouped.groups]}

    # --- answers -------------------------------------------------------------------------
    answers_ctx = []
    for row in data.answers:
        q = row[0].question
        models = []
        for ans in row:
            concepts_ctx = []
            for k, ca in ans.concepts.items():
                concepts_ctx.append({
                    "concept": k, "n_states": ca.n_states, "n_stable": ca.n_stable,
                    "skipped": ca.skipped,
                    "stable": [_state_label(ans.result, p, ans.result is r) for p in ca.stable_positions[:12]],
                    "more_stable": max(0, len(ca.stable_positions) - 12),
                    "blocking": [_blocking_ctx(b, ans, stmt_link, statement_evidence, colours, ans.result is r)
                                 for b in ca.blocking[:6]],
                    "more_blocking": max(0, len(ca.blocking) - 6),
                    "stories": [_story_ctx(s, ans, stmt_link, statement_evidence, colours, ans.result is r)
                                for s in ca.stories[:MAX_STORIES]],
                    "more_stories": max(0, ca.n_stable - MAX_STORIES) if ca.stories else 0,
                })
            models.append({"model": ans.model, "concepts": concepts_ctx, "sentences": ans.sentences(),
                           "provenance": ans.provenance(), "restates": bool(ans.restated_inputs()),
                           "groups": _group_concepts(concepts_ctx), "merged": _merge_concepts(concepts_ctx)})
        answers_ctx.append({"id": q.id, "title": q.title, "kind": q.kind, "states": q.states,
                            "dm": q.dm, "note": q.note, "models": models,
                            "anchor": f"q-{_slug(q.id)}"})

    # --- the summary at the top: one card per question -------------------------------------
    from detente.report.summary import lead_evidence, summarise_question

    def summary_reason(reason, ans):
        if reason is None:
            return None
        st = ans.result.conflict.dm(reason.dm).preferences[reason.index]
        return {"dm": reason.dm, "k": reason.index + 1, "text": reason.text, "holds": reason.holds,
                "anchor": stmt_link(ans.model, reason.dm, reason.index), "lead": lead_evidence(st.evidence)}
    descriptions = dict(data.comparison.descriptions) if data.comparison is not None else {}
    summary = [summarise_question(row, reason_ctx=summary_reason, rob=data.robustness, hyper=data.hypergame,
                                  descriptions=descriptions) for row in data.answers]
    robust_note = None
    if data.robustness is not None:
        from detente.report.summary import held_fixed
        fixed = held_fixed(c)
        robust_note = {"n_fixed": sum(d["n_fixed"] for d in fixed), "n_varies": sum(d["n_varies"] for d in fixed),
                       "n_alternatives": sum(len(d["alternatives"]) for d in fixed)}

    sources = [{"key": k, "anchor": f"src-{_slug(k)}", **{kk: str(vv) for kk, vv in v.items()}}
               for k, v in c.sources.items()]
    n_assumption = sum(1 for e in evidence.rows if e["is_assumption"])
    return {
        "title": c.title or (Path(c.file).stem if c.file else "Conflict analysis"),
        "description": c.description, "date": c.date.isoformat() if c.date else None,
        "file": c.file, "variant": c.variant_name, "sources": sources,
        "dms": dms, "dm_names": c.dm_names, "colours": colours, "options": c.option_names,
        "constraints": constraints, "status_quo": _state_label(r, sq) if sq is not None else None,
        "named_states": [{"name": ns.name, "label": ns.label, "description": ns.description,
                          "text": ns.text, "is_set": ns.is_set,
                          "states": [_state_label(r, int(p)) for p in np.flatnonzero(r.named_mask(ns.name))[:12]],
                          "n_states": int(r.named_mask(ns.name).sum())}
                         for ns in c.named_states],
        "evidence": evidence.rows, "n_assumption": n_assumption,
        "feasibility": feasibility, "concepts": concepts, "skipped": r.skipped,
        "counts": counts, "state_rows": state_rows, "n_states": r.n_states,
        "state_rows_truncated": r.n_states > MAX_STATE_ROWS,
        "level_counts": [levels[d][1] for d in c.dm_names],
        "equilibria": equilibria, "paths": paths, "side": side, "variant_models": variant_models,
        "graph": graph, "answers": answers_ctx, "summary": summary, "robust_note": robust_note,
        "has_robustness": data.robustness is not None, "has_hypergame": data.hypergame is not None,
        "generated": dt.date.today().isoformat(),
    }


def _leaving_moves(ans: Answer, r: AnalysisResult) -> tuple[list[tuple[str, int, int]], list[int]]:
    """The moves away from the first question's states that decide it: for each group of
    unsanctioned improvements that blocks every matching state (under the first concept
    computed), its example move. Returns ``(dm, source, target)`` moves and their targets."""
    from detente.report.questions import _changes_words, unsanctioned_improvements
    ca = next((x for x in ans.concepts.values() if not x.skipped and x.n_states), None)
    if ca is None:
        return [], []
    moves, targets = [], []
    for b in ca.blocking:
        if b.count != ca.n_states:
            continue
        for mv in unsanctioned_improvements(r, b.example, b.dm, ca.concept):
            if _changes_words(mv.changes) == b.changes:
                moves.append((b.dm, int(mv.source), int(mv.target)))
                targets.append(int(mv.target))
                break
    return moves, targets


def _group_concepts(concepts_ctx: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge concepts whose answers are identical (same counts, moves, reasons and sanctions)."""
    def signature(c):
        return (c["n_stable"], c["n_states"], c["skipped"], tuple(s["id"] for s in c["stable"]),
                tuple((b["dm"], b["changes"], b["count"], b["reason"]["anchor"] if b["reason"] else None)
                      for b in c["blocking"]),
                tuple(s["words"] for s in c["stories"]), c["more_stories"])
    groups: list[dict[str, Any]] = []
    for c in concepts_ctx:
        sig = signature(c)
        for g in groups:
            if g["sig"] == sig:
                g["names"].append(c["concept"])
                break
        else:
            groups.append({"sig": sig, "names": [c["concept"]], "answer": c})
    return [{"names": g["names"], **g["answer"]} for g in groups]


def _merge_concepts(concepts_ctx: list[dict[str, Any]]) -> dict[str, Any]:
    """One explanation per reason, however many concepts share it ("Nash, GMR, SMR, SEQ: same
    reason"): the counts per group of concepts with the same result, each blocking move once
    with the concepts under which nothing deters it, and the sanctions per group of concepts."""
    every = [c["concept"] for c in concepts_ctx if not c["skipped"]]
    counts: list[dict[str, Any]] = []
    for c in concepts_ctx:
        key = (c["n_stable"], c["n_states"], c["skipped"], tuple(s["id"] for s in c["stable"]))
        for g in counts:
            if g["key"] == key:
                g["names"].append(c["concept"])
                break
        else:
            counts.append({"key": key, "names": [c["concept"]], "answer": c})
    blocking: list[dict[str, Any]] = []
    for c in concepts_ctx:
        for b in c["blocking"]:
            key = (b["dm"], b["changes"], b["count"], b["reason"]["anchor"] if b["reason"] else None)
            for g in blocking:
                if g["key"] == key:
                    g["names"].append(c["concept"])
                    break
            else:
                blocking.append({"key": key, "names": [c["concept"]], "b": b, "n_states": c["n_states"]})
    for g in blocking:
        g["all"] = len(every) > 1 and g["names"] == every
    stories = [g for g in _group_concepts(concepts_ctx) if g["stories"] or g["more_stories"]]
    more_blocking = max((c["more_blocking"] for c in concepts_ctx), default=0)
    return {"counts": [{"names": g["names"], **g["answer"]} for g in counts], "blocking": blocking,
            "stories": stories, "more_blocking": more_blocking}


def _variant_evidence(v) -> list[Evidence]:
    raw = v.overrides.get("evidence") or []
    out = []
    for e in raw if isinstance(raw, list) else [raw]:
        out.append(e if isinstance(e, Evidence) else Evidence.model_validate(e))
    return out


def _reason_ctx(reason, model, stmt_link, statement_evidence):
    if reason is None:
        return None
    anchor = stmt_link(model, reason.dm, reason.index)
    ev = statement_evidence.get(anchor, [])
    quoted = next((e for e in ev if e["quote"]), None)
    assumed = next((e for e in ev if e["is_assumption"]), None)
    return {"dm": reason.dm, "k": reason.index + 1, "text": reason.text, "holds": reason.holds,
            "anchor": anchor, "evidence": ev, "first_quote": quoted, "first_assumption": assumed,
            "assumption_only": bool(ev) and all(e["is_assumption"] for e in ev),
            "has_assumption": any(e["is_assumption"] for e in ev)}


def _blocking_ctx(b, ans, stmt_link, statement_evidence, colours, link):
    return {"dm": b.dm, "colour": colours.get(b.dm, "#444"), "changes": b.changes, "count": b.count,
            "example": _state_label(ans.result, b.example, link),
            "reason": _reason_ctx(b.reason, ans.model, stmt_link, statement_evidence)}


def _story_ctx(s, ans, stmt_link, statement_evidence, colours, link):
    r = ans.result
    return {
        "state": _state_label(r, s.position, link), "dm": s.dm,
        "improvement": ", ".join(("takes " if v else "drops ") + o for o, v in s.improvement.changes.items()),
        "improvement_to": _state_label(r, s.improvement.target, link),
        "reason": _reason_ctx(s.improvement_reason, ans.model, stmt_link, statement_evidence),
        "sanction": [{"dm": m.dm, "colour": colours.get(m.dm, "#444"),
                      "changes": ", ".join(("takes " if v else "drops ") + o for o, v in m.changes.items()),
                      "to": _state_label(r, m.target, link), "improves": m.improves_mover,
                      "focal_rank": m.focal_rank} for m in s.sanction],
        "credible": s.credible,
        "costs": [{"dm": m.dm, "changes": ", ".join(("takes " if v else "drops ") + o for o, v in m.changes.items()),
                   "reason": _reason_ctx(why, ans.model, stmt_link, statement_evidence)}
                  for m, why in s.costs],
        "note": s.note, "words": s.words(r),
    }


def render_report(conflict: Conflict | None = None, *, data: ReportData | None = None,
                  extra_sections: Iterable[Section | tuple[str, str]] = (), **build_kwargs) -> str:
    """The report as one HTML string.

    Parameters
    ----------
    conflict
        The model (analysed here), or pass ``data`` from :func:`build_report`.
    extra_sections
        ``(title, html)`` pairs or :class:`Section` objects added after the built-in sections
        (e.g. bargaining forecast plots, robustness tables). Their HTML is trusted, but the
        page's policy (:data:`REPORT_CSP`) runs no script.
    **build_kwargs
        Passed to :func:`build_report` (``concepts``, ``questions``, ``variants``, ``sim_budget``).
    """
    if data is None:
        if conflict is None:
            raise DetenteError("render_report needs a conflict or report data")
        data = build_report(conflict, **build_kwargs)
    used = {sid for sid, _ in BUILTIN_SECTIONS}
    extras = []
    for sec in extra_sections:
        if not isinstance(sec, Section):
            title, html = sec
            sec = Section(str(title), str(html))
        extras.append({"id": sec.anchor(used), "title": sec.title, "html": Markup(sec.html)})
    builtin = [(sid, title) for sid, title in BUILTIN_SECTIONS
               if not (sid == "conclusions" and not data.answers)
               and not (sid == "variants" and data.comparison is None)]
    template = _env().get_template("report.html.j2")
    return template.render(**data.context, builtin=builtin, extras=extras, csp=REPORT_CSP)


def write_report(path: str | Path, conflict: Conflict | None = None, **kwargs) -> Path:
    """Render the report and write it atomically (temporary file, then rename).

    Returns the path written. Parameters as for :func:`render_report`.
    """
    return write_output(path, render_report(conflict, **kwargs))
