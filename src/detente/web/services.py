"""The workspace's service layer: what the web API (and anything else) does with the database.

Every function takes an open :class:`sqlalchemy.orm.Session` inside one transaction (the
caller opens it with :func:`detente.store.db.transaction`), so a request writes everything or
nothing. Models are validated by the very code the command line uses
(:func:`detente.model.load.loads`); analyses by :func:`detente.gmcr.analysis.analyze`.
Errors are :class:`~detente.errors.DetenteError` subclasses that the web layer maps to HTTP
statuses (:class:`NotFound` 404, :class:`VersionConflict` 409, :class:`NotReady` 409,
:class:`TooLargeError` / :class:`ModelError` 422, :class:`PayloadTooLarge` 413).
"""

from __future__ import annotations

import collections
import datetime as dt
import difflib
import hashlib
import io
import json
import threading
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from detente.errors import DetenteError, ModelError, Problem, TooLargeError
from detente.model.conflict import Conflict
from detente.model.yamlio import did_you_mean
from detente.store.workspace import (AnalysisRow, EvidenceLinkRow, ScenarioRow,
                                     ScenarioVersionRow)


# --- errors ----------------------------------------------------------------------------------

class NotFound(DetenteError):
    """A scenario, version, analysis, statement or link that does not exist (HTTP 404)."""


class VersionConflict(DetenteError):
    """An edit based on a version that is no longer the current one (HTTP 409)."""


class NotReady(DetenteError):
    """An analysis asked for its result before it has one (HTTP 409)."""


class PayloadTooLarge(DetenteError):
    """A request body or model text over the server's limit (HTTP 413)."""


class TooBusy(DetenteError):
    """Too many analyses waiting (HTTP 429)."""


class Unavailable(DetenteError):
    """A feature whose module is not installed in this build (HTTP 501)."""


# --- limits ----------------------------------------------------------------------------------

@dataclass
class Limits:
    """Sizes the web app accepts (the CLI has its own, larger ones)."""

    max_body_bytes: int = 2 * 1024 * 1024
    max_model_bytes: int = 1024 * 1024
    max_options: int = 24  # 2^24 combinations to scan at most per analysis
    max_graph_states: int = 512  # the state graph is drawn up to this many states
    max_articles: int = 50  # per ingest request
    max_waiting_jobs: int = 200  # queued + running analyses
    # A timeline is analysed while the request waits: every model version (the model and one
    # per revision) is scanned and analysed, so the sum of their 2^options is bounded.
    max_timeline_events: int = 500
    max_timeline_combinations: int = 2 ** 18
    max_timeline_robustness_seconds: float = 20.0  # per model version, estimated up front
    # Suggested evidence and observations rank every stored statement while the request waits
    # (TF-IDF over the whole store, as the CLI does); beyond this many the server refuses.
    max_suggest_statements: int = 20_000


# --- models (validated by the CLI's loader) --------------------------------------------------

def guess_format(text: str, fmt: str | None = None) -> str:
    if fmt:
        fmt = fmt.lower()
        if fmt in ("yml", "yaml"):
            return "yaml"
        if fmt == "json":
            return "json"
        raise ModelError(Problem(f"unknown format {fmt!r}", field="format",
                                 hint="write yaml or json"))
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def check_text(text: str, limits: Limits) -> None:
    size = len(text.encode("utf-8"))
    if size > limits.max_model_bytes:
        raise PayloadTooLarge(Problem(
            f"the model text is {size:,} bytes; this server accepts models up to "
            f"{limits.max_model_bytes:,} bytes", field="text",
            hint="split the model, or run it with the command line (detente analyze)"))
    if not text.strip():
        raise ModelError(Problem("the model text is empty", field="text",
                                 hint="paste a YAML or JSON model with decision_makers"))
    if "\x00" in text:
        raise ModelError(Problem("the model text contains NUL bytes: not YAML or JSON",
                                 field="text"))


def load_model(text: str, fmt: str | None, limits: Limits, variant: str | None = None,
               file: str | None = None) -> Conflict:
    """Validate and load a model text exactly as ``detente analyze`` would; refuse sizes over
    the server's limits with a message saying what to do."""
    from detente.model.load import apply_variant, loads

    check_text(text, limits)
    hint = "merge or drop options, or run it with the command line (detente analyze)"
    # The server's limit is applied before the feasible states are scanned.
    conflict = loads(text, file=file, fmt=guess_format(text, fmt),
                     max_options=limits.max_options, too_many_hint=hint)
    if conflict.n_options > limits.max_options:
        raise TooLargeError(Problem(
            f"the model has {conflict.n_options} options, 2^{conflict.n_options} = "
            f"{2 ** conflict.n_options:,} combinations; this server analyses up to "
            f"{limits.max_options} options", field="decision_makers",
            hint="merge or drop options, or run it with the command line (detente analyze)"))
    if variant:
        conflict = apply_variant(conflict, variant)
    return conflict


def model_summary(conflict: Conflict) -> dict[str, Any]:
    """What the editor's outline shows: DMs, options, preferences, constraints, variants, each
    with the line it is written on."""
    pos = getattr(conflict, "_positions", None)

    def line(*path) -> int | None:
        return pos.get(path)[0] if pos is not None else None

    dms = []
    for i, d in enumerate(conflict.decision_makers):
        prefs = []
        for j, st in enumerate(d.preferences or []):
            prefs.append({"text": st.text, "line": line("decision_makers", i, "preferences", j),
                          "evidence": [e.summary() for e in st.evidence]})
        dms.append({
            "name": d.name, "label": d.label, "line": line("decision_makers", i),
            "options": [{"name": o.name, "label": o.label, "direction": o.direction,
                         "line": line("decision_makers", i, "options", k)}
                        for k, o in enumerate(conflict.option(n) for n in d.options)],
            "preferences": prefs,
            "ranking_levels": len(d.ranking) if d.ranking is not None else None,
        })
    return {
        "title": conflict.title, "description": conflict.description,
        "date": conflict.date.isoformat() if conflict.date else None,
        "n_options": conflict.n_options, "decision_makers": dms,
        "constraints": [{"id": c.id, "when": c.text, "why": c.why,
                         "line": line("infeasible", k)} for k, c in enumerate(conflict.constraints)],
        "status_quo": conflict.yn(conflict.status_quo) if conflict.status_quo is not None else None,
        "variants": [{"name": v.name, "description": v.description,
                      "line": line("variants", k)} for k, v in enumerate(conflict.variants)],
    }


def validate(text: str, fmt: str | None, limits: Limits) -> dict[str, Any]:
    """``{"valid": True, "summary": ...}`` or ``{"valid": False, "problems": [...]}``; never
    raises for a bad model (the editor shows the problems at their lines)."""
    try:
        conflict = load_model(text, fmt, limits)
    except DetenteError as exc:
        return {"valid": False, "error": type(exc).__name__,
                "problems": [p.to_dict() for p in exc.problems], "summary": None}
    return {"valid": True, "error": None, "problems": [], "summary": model_summary(conflict)}



def document_of(text: str, fmt: str | None, limits: Limits) -> Any:
    """The model text as a plain document (what the YAML says, before any checking): the web
    form edits this and sends it back to :func:`yaml_of`."""
    from detente.model.yamlio import parse_text

    check_text(text, limits)
    return parse_text(text, fmt=guess_format(text, fmt))[0]


def yaml_of(document: Any, limits: Limits, base: str | None = None) -> str:
    """A plain document as readable YAML. With ``base`` (the text the document was read
    from, YAML or JSON) the document is merged into it (:func:`detente.model.yamledit.edit_text`):
    only the lines of what changed are rewritten; everything else, comments included, keeps
    its exact text (and a JSON base stays JSON)."""
    from detente.model.yamledit import edit_text
    from detente.model.yamlio import dump_yaml

    text = None
    if base:
        check_text(base, limits)
        fmt = guess_format(base)
        try:
            text = edit_text(base, fmt, lambda root: _merge_node(root, document))
        except Exception:  # noqa: BLE001 - a base that cannot be read: write the document anew
            text = None
    if text is None:
        text = dump_yaml(document)
    check_text(text, limits)
    return text


def _same_item(old: Any, new: Any) -> bool:
    """Two list items are the same entry (to merge rather than replace) when they share an id,
    name, statement or condition."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return False
    return any(k in old and k in new and old[k] == new[k] for k in ("id", "name", "statement", "when"))


def _merge_node(node: Any, new: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from detente.model.yamledit import _put_tail, _take_tail, add_key, replace_value
    from detente.model.yamlio import Positions, _plain

    old = _plain(node, (), Positions())
    if old == new:
        return node  # unchanged: keep it with its comments
    if not isinstance(node, (CommentedMap, CommentedSeq)):  # JSON: plain data, no layout to keep
        return new
    if isinstance(node, CommentedMap) and isinstance(new, dict):
        for key in [k for k in node if str(k) not in new]:
            del node[key]
        for key, value in new.items():
            if key not in node:
                add_key(node, key, value)  # before the comments that follow the mapping
                continue
            merged = _merge_node(node[key], value)
            if merged is not node[key]:
                replace_value(node, key, merged)
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list):
        olds = [_plain(x, (), Positions()) for x in node]
        if len(olds) == len(new) and all(o == n or _same_item(o, n) for o, n in zip(olds, new)):
            for i, value in enumerate(new):  # same entries in the same places: merge in place
                merged = _merge_node(node[i], value)
                if merged is not node[i]:
                    replace_value(node, i, merged)
            return node
        tail = _take_tail(node)  # the comments after the list stay after it
        used: set[int] = set()
        out = CommentedSeq()
        comments: dict[int, Any] = {}
        for value in new:  # reordered, added or removed: reuse the entries that are still there
            j = next((i for i, o in enumerate(olds) if i not in used and o == value), None)
            if j is None:
                j = next((i for i, o in enumerate(olds) if i not in used and _same_item(o, value)), None)
            if j is None:
                out.append(value)
            else:
                used.add(j)
                if j in node.ca.items:  # a comment after the entry moves with it
                    comments[len(out)] = node.ca.items[j]
                out.append(_merge_node(node[j], value))
        out.ca.items.clear()
        out.ca.items.update(comments)  # set last: append() shifts the comment indices
        _put_tail(out, tail)
        if node.fa.flow_style():
            out.fa.set_flow_style()
        return out
    return new


# --- scenarios -------------------------------------------------------------------------------

def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """Times are stored in UTC; SQLite gives them back without a zone, PostgreSQL with one."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _title_of(conflict: Conflict, fallback: str = "Untitled conflict") -> str:
    return (conflict.title or fallback)[:500]


def scenario_dict(row: ScenarioRow, n_versions: int | None = None) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "description": row.description,
            "version": row.current_version, "created_at": _utc(row.created_at),
            "updated_at": _utc(row.updated_at),
            "n_versions": n_versions if n_versions is not None else row.current_version}


def version_dict(v: ScenarioVersionRow, with_text: bool = True) -> dict[str, Any]:
    d = {"scenario_id": v.scenario_id, "version": v.version, "format": v.format,
         "sha256": v.sha256, "message": v.message, "author": v.author,
         "created_at": _utc(v.created_at), "size": len(v.text.encode("utf-8"))}
    if with_text:
        d["text"] = v.text
    return d


def create_scenario(s: Session, text: str, fmt: str | None, limits: Limits, *,
                    message: str | None = None, author: str | None = None) -> ScenarioRow:
    """A new scenario whose version 1 is ``text`` (validated first: nothing is stored for a
    model the CLI would refuse)."""
    conflict = load_model(text, fmt, limits)
    now = _now()
    row = ScenarioRow(title=_title_of(conflict), description=conflict.description,
                      current_version=1, created_at=now, updated_at=now)
    row.versions.append(ScenarioVersionRow(version=1, format=guess_format(text, fmt), text=text,
                                           sha256=_sha(text), message=message or "created",
                                           author=author, created_at=now))
    s.add(row)
    s.flush()
    return row


def _page(s: Session, q, limit: int | None, offset: int) -> list:
    """The rows of one page of an ordered query (all from ``offset`` when ``limit`` is None)."""
    q = q.offset(offset)
    return list(s.scalars(q if limit is None else q.limit(limit)))


def _count(s: Session, q) -> int:
    """How many rows the query gives (without its order and paging)."""
    return int(s.scalar(select(func.count()).select_from(q.order_by(None).subquery())) or 0)


def _scenarios_query(q: str | None = None):
    query = select(ScenarioRow).order_by(ScenarioRow.updated_at.desc(), ScenarioRow.id.desc())
    if q:  # the title contains q, case-insensitive; % and _ are literal
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(ScenarioRow.title.ilike(pattern, escape="\\"))
    return query


def list_scenarios(s: Session, limit: int | None = None, offset: int = 0,
                   q: str | None = None) -> list[dict[str, Any]]:
    """Scenarios, most recently changed first (one page of them with ``limit``/``offset``;
    with ``q`` only those whose title contains it)."""
    return [scenario_dict(r) for r in _page(s, _scenarios_query(q), limit, offset)]


def count_scenarios(s: Session, q: str | None = None) -> int:
    return _count(s, _scenarios_query(q))


def get_scenario(s: Session, scenario_id: int) -> ScenarioRow:
    row = s.get(ScenarioRow, scenario_id)
    if row is None:
        raise NotFound(Problem(f"there is no scenario {scenario_id}",
                               hint="list the scenarios with GET /api/scenarios"))
    return row


def get_version(s: Session, scenario_id: int, version: int | None = None) -> ScenarioVersionRow:
    """A version of a scenario (the current one when ``version`` is None)."""
    row = get_scenario(s, scenario_id)
    v = row.current_version if version is None else version
    out = s.scalar(select(ScenarioVersionRow).where(ScenarioVersionRow.scenario_id == scenario_id,
                                                    ScenarioVersionRow.version == v))
    if out is None:
        raise NotFound(Problem(f"scenario {scenario_id} has no version {v}",
                               hint=f"its versions are 1 to {row.current_version}"))
    return out


def _stale(scenario_id: int, base: int, current: int) -> VersionConflict:
    return VersionConflict(Problem(
        f"scenario {scenario_id} was changed by someone else: it is at version {current}, "
        f"your edit is based on version {base}", field="base_version",
        hint="reload the scenario, look at what changed (its history shows the diff) and "
             "apply your edit again"))


def update_scenario(s: Session, scenario_id: int, text: str, fmt: str | None,
                    base_version: int, limits: Limits, *, message: str | None = None,
                    author: str | None = None) -> ScenarioRow:
    """Save ``text`` as the next version, if ``base_version`` is still the current one.

    The check and the increment are one conditional UPDATE, so of two concurrent edits of the
    same version exactly one wins and the other gets :class:`VersionConflict`.
    """
    row = get_scenario(s, scenario_id)
    conflict = load_model(text, fmt, limits)
    if row.current_version != base_version:
        raise _stale(scenario_id, base_version, row.current_version)
    now = _now()
    res = s.execute(update(ScenarioRow)
                    .where(ScenarioRow.id == scenario_id,
                           ScenarioRow.current_version == base_version)
                    .values(current_version=base_version + 1, updated_at=now,
                            title=_title_of(conflict), description=conflict.description)
                    .execution_options(synchronize_session=False))
    if res.rowcount != 1:
        current = s.scalar(select(ScenarioRow.current_version).where(ScenarioRow.id == scenario_id))
        raise _stale(scenario_id, base_version, current or base_version + 1)
    s.add(ScenarioVersionRow(scenario_id=scenario_id, version=base_version + 1,
                             format=guess_format(text, fmt), text=text, sha256=_sha(text),
                             message=message, author=author, created_at=now))
    try:
        s.flush()
    except IntegrityError:  # a concurrent writer got the same number first
        raise _stale(scenario_id, base_version, base_version + 1) from None
    s.refresh(row)
    return row


def delete_scenario(s: Session, scenario_id: int, base_version: int | None = None) -> None:
    """Delete a scenario with its versions, analyses and links (optionally only if it is
    still at ``base_version``)."""
    row = get_scenario(s, scenario_id)
    if base_version is not None and row.current_version != base_version:
        raise _stale(scenario_id, base_version, row.current_version)
    s.delete(row)
    s.flush()


def _versions_query(scenario_id: int):
    return (select(ScenarioVersionRow).where(ScenarioVersionRow.scenario_id == scenario_id)
            .order_by(ScenarioVersionRow.version.desc()))


def list_versions(s: Session, scenario_id: int, limit: int | None = None,
                  offset: int = 0) -> list[dict[str, Any]]:
    """The history, newest first (without the texts)."""
    get_scenario(s, scenario_id)
    return [version_dict(v, with_text=False)
            for v in _page(s, _versions_query(scenario_id), limit, offset)]


def count_versions(s: Session, scenario_id: int) -> int:
    return _count(s, _versions_query(scenario_id))


def _names(items) -> list[str]:
    return [getattr(i, "name", None) or getattr(i, "text", None) or str(i) for i in items]


def semantic_changes(a: Conflict, b: Conflict) -> list[str]:
    """What changed between two models, in words (decision makers, options, preferences,
    constraints, status quo, variants)."""
    out: list[str] = []
    if a.title != b.title:
        out.append(f"title: {a.title!r} -> {b.title!r}")
    da, db = {d.name: d for d in a.decision_makers}, {d.name: d for d in b.decision_makers}
    out += [f"decision maker added: {n}" for n in db if n not in da]
    out += [f"decision maker removed: {n}" for n in da if n not in db]
    oa, ob = {o.name: o for o in a.options}, {o.name: o for o in b.options}
    out += [f"option added: {n} ({ob[n].dm})" for n in ob if n not in oa]
    out += [f"option removed: {n}" for n in oa if n not in ob]
    for n in ob:
        if n in oa and (oa[n].direction, oa[n].label) != (ob[n].direction, ob[n].label):
            out.append(f"option changed: {n}")
    for n in db:
        if n not in da:
            continue
        pa = [st.text for st in da[n].preferences or []]
        pb = [st.text for st in db[n].preferences or []]
        if pa != pb:
            added = [p for p in pb if p not in pa]
            removed = [p for p in pa if p not in pb]
            parts = [f"+ {p}" for p in added] + [f"- {p}" for p in removed]
            out.append(f"preferences of {n} changed" + (": " + "; ".join(parts) if parts else
                                                        " (order)"))
        if da[n].ranking != db[n].ranking and (da[n].ranking or db[n].ranking):
            out.append(f"ranking of {n} changed")
    ca, cb = [c.text for c in a.constraints], [c.text for c in b.constraints]
    out += [f"constraint added: {c}" for c in cb if c not in ca]
    out += [f"constraint removed: {c}" for c in ca if c not in cb]
    if a.status_quo != b.status_quo:
        fmt = lambda c, x: c.yn(x.status_quo) if x.status_quo is not None else "none"  # noqa: E731
        out.append(f"status quo: {fmt(a, a)} -> {fmt(b, b)}")
    va, vb = [v.name for v in a.variants], [v.name for v in b.variants]
    out += [f"variant added: {v}" for v in vb if v not in va]
    out += [f"variant removed: {v}" for v in va if v not in vb]
    return out + evidence_changes(a, b)


def _evidence_of(c: Conflict) -> dict[str, list]:
    """Every assumption that carries evidence, by a readable name."""
    out: dict[str, list] = {}
    for o in c.options:
        out[f"option {o.name}"] = o.evidence
    for d in c.decision_makers:
        if d.evidence:
            out[f"ranking of {d.name}"] = d.evidence
        for st in d.preferences or []:
            out[f"preference of {d.name} {st.text!r}"] = st.evidence
    for con in c.constraints:
        out[f"constraint {con.id or repr(con.text)}"] = con.evidence
    return out


def evidence_changes(a: Conflict, b: Conflict) -> list[str]:
    """Evidence entries added, removed or changed on the assumptions both models share
    (an assumption added or removed is reported by :func:`semantic_changes` itself).

    >>> from detente.model.load import loads
    >>> m = "decision_makers: [{name: A, options: [x], preferences: [x]}, {name: B, options: [y], preferences: [y]}]"
    >>> a = loads(m)
    >>> b = loads(m.replace("preferences: [x]", "preferences: [{statement: x, evidence: {quote: yes}}]"))
    >>> print(*evidence_changes(a, b))
    evidence added to preference of A 'x': "yes"
    """
    ea, eb = _evidence_of(a), _evidence_of(b)
    out: list[str] = []
    for name, new in eb.items():
        if name not in ea:
            continue
        old = ea[name]
        olds = [e.model_dump() for e in old]
        news = [e.model_dump() for e in new]
        removed = [e for e, d in zip(old, olds) if d not in news]
        added = [e for e, d in zip(new, news) if d not in olds]
        if len(removed) == len(added) == 1:
            out.append(f"evidence changed on {name}: {added[0].summary()}")
            continue
        out += [f"evidence added to {name}: {e.summary()}" for e in added]
        out += [f"evidence removed from {name}: {e.summary()}" for e in removed]
    return out


def diff_versions(s: Session, scenario_id: int, a: int, b: int, limits: Limits) -> dict[str, Any]:
    """Unified text diff from version ``a`` to version ``b``, and the changes in words."""
    va, vb = get_version(s, scenario_id, a), get_version(s, scenario_id, b)
    unified = "".join(difflib.unified_diff(va.text.splitlines(keepends=True),
                                           vb.text.splitlines(keepends=True),
                                           fromfile=f"version {a}", tofile=f"version {b}"))
    try:
        changes = semantic_changes(load_model(va.text, va.format, limits),
                                   load_model(vb.text, vb.format, limits))
    except DetenteError:  # an old version the current limits refuse: text diff only
        changes = []
    return {"scenario_id": scenario_id, "from_version": a, "to_version": b,
            "unified": unified, "changes": changes}


def export_version(s: Session, scenario_id: int, version: int | None, fmt: str,
                   limits: Limits) -> tuple[str, str, str]:
    """``(content, media type, file name)`` of a version as YAML, JSON or a GMCR+ file."""
    v = get_version(s, scenario_id, version)
    base = f"scenario-{scenario_id}-v{v.version}"
    fmt = fmt.lower()
    if fmt in ("yaml", "yml"):
        if v.format == "yaml":
            text = v.text
        else:
            from ruamel.yaml import YAML
            buf = io.StringIO()
            y = YAML()
            y.default_flow_style = False
            y.dump(json.loads(v.text), buf)
            text = buf.getvalue()
        return text, "application/yaml", base + ".yaml"
    if fmt == "json":
        from detente.model.yamlio import parse_text
        data, _ = parse_text(v.text, fmt=v.format)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n", "application/json", base + ".json"
    if fmt in ("gmcr", "gmcr+"):
        try:
            from detente.model import gmcrplus
        except ImportError:
            raise Unavailable("GMCR+ export is not available in this build") from None
        conflict = load_model(v.text, v.format, limits)
        out = gmcrplus.write_gmcr(conflict)
        text = out if isinstance(out, str) else json.dumps(out, indent=2)
        return text, "application/json", base + ".gmcr"
    raise ModelError(Problem(f"unknown export format {fmt!r}", field="format",
                             hint="write yaml, json or gmcr"))


# --- assumptions and evidence links ------------------------------------------------------------

def assumptions(conflict: Conflict) -> list[dict[str, Any]]:
    """Every assumption of a model that evidence can support, with a stable key:
    ``pref:<DM>:<n>`` (n-th preference statement, 1-based), ``ranking:<DM>``,
    ``constraint:<id or n>`` and ``option:<name>``."""
    out = []
    for d in conflict.decision_makers:
        for i, st in enumerate(d.preferences or []):
            out.append({"key": f"pref:{d.name}:{i + 1}", "kind": "preference", "dm": d.name,
                        "text": st.text, "evidence": [e.summary() for e in st.evidence]})
        if d.ranking is not None:
            out.append({"key": f"ranking:{d.name}", "kind": "ranking", "dm": d.name,
                        "text": f"explicit ranking of {d.name}",
                        "evidence": [e.summary() for e in d.evidence]})
    for i, c in enumerate(conflict.constraints):
        out.append({"key": f"constraint:{c.id or i + 1}", "kind": "constraint", "dm": None,
                    "text": c.text + (f" ({c.why})" if c.why else ""),
                    "evidence": [e.summary() for e in c.evidence]})
    for o in conflict.options:
        out.append({"key": f"option:{o.name}", "kind": "option", "dm": o.dm,
                    "text": o.title, "evidence": [e.summary() for e in o.evidence]})
    return out


def scenario_assumptions(s: Session, scenario_id: int, limits: Limits) -> list[dict[str, Any]]:
    """The current version's assumptions, each with the statements linked to it."""
    v = get_version(s, scenario_id)
    items = assumptions(load_model(v.text, v.format, limits))
    links = list_links(s, scenario_id)
    by_key: dict[str, list] = collections.defaultdict(list)
    for ln in links:
        by_key[ln["target"]].append(ln)
    for a in items:
        a["links"] = by_key.get(a["key"], [])
    return items


def _link_dict(row: EvidenceLinkRow, statement=None) -> dict[str, Any]:
    return {"id": row.id, "scenario_id": row.scenario_id, "statement_id": row.statement_id,
            "target": row.target, "target_text": row.target_text, "note": row.note,
            "created_at": _utc(row.created_at),
            "statement": statement.to_dict() if statement is not None else None}


def add_link(s: Session, scenario_id: int, statement_id: int | str, target: str,
             note: str | None, limits: Limits) -> dict[str, Any]:
    """Link a stored statement to an assumption of the scenario's current version."""
    from detente.store.evidence_repo import get_statement

    v = get_version(s, scenario_id)
    items = {a["key"]: a for a in assumptions(load_model(v.text, v.format, limits))}
    if target not in items:
        raise ModelError(Problem(f"the model has no assumption {target!r}", field="target",
                                 hint=did_you_mean(target, list(items)) or
                                 "targets look like pref:<DM>:<n>, constraint:<id or n>, "
                                 "option:<name>; GET .../assumptions lists them"))
    st = get_statement(s, statement_id)
    if st is None:
        raise ModelError(Problem(f"there is no stored statement {statement_id}",
                                 field="statement_id",
                                 hint="search them with GET /api/evidence/statements"))
    statement_id = st.id  # a stable id (st-...) names the same row
    existing = s.scalar(select(EvidenceLinkRow).where(
        EvidenceLinkRow.scenario_id == scenario_id, EvidenceLinkRow.statement_id == statement_id,
        EvidenceLinkRow.target == target))
    if existing is not None:
        return _link_dict(existing, st)
    row = EvidenceLinkRow(scenario_id=scenario_id, statement_id=statement_id, target=target,
                          target_text=items[target]["text"], note=note, created_at=_now())
    s.add(row)
    s.flush()
    return _link_dict(row, st)


def _links_query(scenario_id: int):
    return (select(EvidenceLinkRow).where(EvidenceLinkRow.scenario_id == scenario_id)
            .order_by(EvidenceLinkRow.id))


def list_links(s: Session, scenario_id: int, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
    from detente.store.evidence_repo import get_statements

    get_scenario(s, scenario_id)
    rows = _page(s, _links_query(scenario_id), limit, offset)
    sts = get_statements(s, [r.statement_id for r in rows]) if rows else {}
    return [_link_dict(r, sts.get(r.statement_id)) for r in rows]


def count_links(s: Session, scenario_id: int) -> int:
    return _count(s, _links_query(scenario_id))


def links_by_statement(s: Session, statement_ids: list[int]) -> dict[int, list[dict]]:
    """For the evidence panel: which scenario assumptions each statement supports."""
    if not statement_ids:
        return {}
    rows = s.execute(select(EvidenceLinkRow, ScenarioRow.title)
                     .join(ScenarioRow, ScenarioRow.id == EvidenceLinkRow.scenario_id)
                     .where(EvidenceLinkRow.statement_id.in_(statement_ids))).all()
    out: dict[int, list[dict]] = collections.defaultdict(list)
    for r, title in rows:
        out[r.statement_id].append({"id": r.id, "scenario_id": r.scenario_id,
                                    "scenario_title": title, "target": r.target,
                                    "target_text": r.target_text})
    return out


def delete_link(s: Session, link_id: int) -> None:
    row = s.get(EvidenceLinkRow, link_id)
    if row is None:
        raise NotFound(f"there is no evidence link {link_id}")
    s.delete(row)
    s.flush()


# --- analyses ----------------------------------------------------------------------------------

def analysis_dict(row: AnalysisRow) -> dict[str, Any]:
    return {"id": row.id, "scenario_id": row.scenario_id, "version": row.version,
            "variant": row.variant, "concepts": list(row.concepts or []), "status": row.status,
            "task": row.task, "done": row.done, "total": row.total,
            "progress": (row.done / row.total) if row.total else (1.0 if row.status == "done" else 0.0),
            "n_states": row.n_states, "error": row.error, "created_at": _utc(row.created_at),
            "started_at": _utc(row.started_at), "finished_at": _utc(row.finished_at)}


def create_analysis(s: Session, scenario_id: int, limits: Limits, *, concepts=None,
                    variant: str | None = None, version: int | None = None,
                    reuse: bool = True,
                    check: Callable[[ScenarioVersionRow, str | None], Any] | None = None,
                    ) -> tuple[AnalysisRow, bool]:
    """Queue an analysis of a version (default the current one) of a scenario.

    The model, the variant and the concepts are checked now, so a bad request is answered at
    once rather than by a failed job. With ``reuse``, an identical finished analysis is
    returned instead. Returns ``(row, queued)``; the caller submits queued rows to the job
    runner after committing.
    """
    from detente.gmcr.analysis import normalise_concepts

    names = normalise_concepts(concepts)
    v = get_version(s, scenario_id, version)
    if check is not None:  # e.g. a cache of versions already known to load
        check(v, variant)
    else:
        load_model(v.text, v.format, limits, variant=variant)
    if reuse:
        for row in s.scalars(select(AnalysisRow).where(
                AnalysisRow.scenario_id == scenario_id, AnalysisRow.version == v.version,
                AnalysisRow.status.in_(("done", "queued", "running")))
                .order_by(AnalysisRow.id.desc())):
            if row.variant == (variant or None) and list(row.concepts) == names:
                return row, False
    from sqlalchemy import func
    waiting = s.scalar(select(func.count()).select_from(AnalysisRow)
                       .where(AnalysisRow.status.in_(("queued", "running"))))
    if waiting >= limits.max_waiting_jobs:
        raise TooBusy(Problem(f"{waiting} analyses are waiting to run; this server queues at "
                              f"most {limits.max_waiting_jobs}",
                              hint="try again in a minute, or reuse an earlier analysis"))
    row = AnalysisRow(scenario_id=scenario_id, version=v.version, variant=variant or None,
                      concepts=names, status="queued", done=0, total=0, created_at=_now())
    s.add(row)
    s.flush()
    return row, True


def get_analysis(s: Session, analysis_id: int) -> AnalysisRow:
    row = s.get(AnalysisRow, analysis_id)
    if row is None:
        raise NotFound(Problem(f"there is no analysis {analysis_id}",
                               hint="start one with POST /api/scenarios/{id}/analyses"))
    return row


def _analyses_query(scenario_id: int):
    return (select(AnalysisRow).where(AnalysisRow.scenario_id == scenario_id)
            .order_by(AnalysisRow.id.desc()))


def list_analyses(s: Session, scenario_id: int, limit: int | None = None,
                  offset: int = 0) -> list[dict[str, Any]]:
    """A scenario's analyses, newest first."""
    get_scenario(s, scenario_id)
    return [analysis_dict(r) for r in _page(s, _analyses_query(scenario_id), limit, offset)]


def count_analyses(s: Session, scenario_id: int) -> int:
    return _count(s, _analyses_query(scenario_id))


def result_text(s: Session, analysis_id: int) -> str:
    """The finished analysis in the CLI's JSON schema, as stored (text)."""
    row = get_analysis(s, analysis_id)
    if row.status == "failed":
        problems = (row.error or {}).get("problems") or [{"message": "the analysis failed"}]
        raise NotReady([Problem(**{k: p.get(k) for k in ("message", "file", "line", "column",
                                                          "field", "hint")})
                        for p in problems])
    if row.status != "done" or row.result is None:
        raise NotReady(Problem(f"analysis {analysis_id} is {row.status} "
                               f"({row.done} of {row.total or '?'} steps)",
                               hint=f"poll GET /api/analyses/{analysis_id} or stream "
                                    f"GET /api/analyses/{analysis_id}/events until it is done"))
    return row.result


def analysis_source(s: Session, analysis_id: int) -> tuple[AnalysisRow, ScenarioVersionRow]:
    row = get_analysis(s, analysis_id)
    if row.status != "done":
        result_text(s, analysis_id)  # raises the right NotReady
    return row, get_version(s, row.scenario_id, row.version)


def run_analysis_row(s_factory: Callable[[], Any], analysis_id: int, limits: Limits,
                     progress_every: float = 0.25) -> None:
    """Run one queued analysis, writing progress and the result (each write one transaction).

    ``s_factory()`` returns a context manager yielding a session in a transaction
    (:func:`detente.store.db.transaction` bound to an engine). A model error, a size refusal
    or a crash marks the job ``failed`` with a message; nothing else is left half-written.
    """
    import time

    from detente.gmcr.analysis import analyze

    with s_factory() as s:
        row = s.get(AnalysisRow, analysis_id)
        if row is None or row.status not in ("queued", "running"):
            return
        v = get_version(s, row.scenario_id, row.version)
        text, fmt, variant, concepts = v.text, v.format, row.variant, list(row.concepts)
        row.status, row.started_at, row.task = "running", _now(), "states"
    last = [0.0]

    def progress(task: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < progress_every and done < total:
            return
        last[0] = now
        with s_factory() as s:
            s.execute(update(AnalysisRow).where(AnalysisRow.id == analysis_id)
                      .values(task=task, done=done, total=total))

    try:
        conflict = load_model(text, fmt, limits, variant=variant)
        result = analyze(conflict, concepts, progress=progress)
        # The CLI's form: readable (detente.analysis/1) up to 4,096 states, compact
        # (detente.analysis/2: sets as ranges or bitsets) beyond, which the page reads too.
        out = result.to_dict()
        if conflict.has_perceptions:  # each DM's view beside reality (docs/hypergames.md)
            from detente.gmcr.hypergame import HYPERGAME_CONCEPTS, hypergame
            hk = [k for k in result.concepts if k in HYPERGAME_CONCEPTS and k in result.stable]
            if hk:
                out["hypergame"] = hypergame(conflict, hk, reality=result).to_dict()
        payload = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
        values = dict(status="done", result=payload, n_states=result.n_states,
                      finished_at=_now(), task="done")
    except DetenteError as exc:
        values = dict(status="failed", error=exc.to_dict(), finished_at=_now(), task="failed")
    except MemoryError:
        values = dict(status="failed", finished_at=_now(), task="failed",
                      error=TooLargeError("the analysis ran out of memory",
                                          hint="add constraints or drop options").to_dict())
    except Exception as exc:  # noqa: BLE001 - a bug must not leave the job 'running' forever
        values = dict(status="failed", finished_at=_now(), task="failed",
                      error=DetenteError(f"internal error while analysing: {type(exc).__name__}",
                                         hint="please report this with the model").to_dict())
    with s_factory() as s:
        total = s.scalar(select(AnalysisRow.total).where(AnalysisRow.id == analysis_id)) or 0
        if values["status"] == "done":
            values["done"] = values["total"] = max(total, 1)
        s.execute(update(AnalysisRow).where(AnalysisRow.id == analysis_id).values(**values))


# --- in-memory caches (results are immutable once done) -------------------------------------

class LRU:
    """A small thread-safe LRU cache with per-key computation locks (one computation of a
    key at a time; concurrent requests for it wait for the first)."""

    def __init__(self, max_items: int = 16, max_weight: int | None = None,
                 weigh: Callable[[Any], int] | None = None) -> None:
        self.max_items, self.max_weight, self.weigh = max_items, max_weight, weigh
        self._data: collections.OrderedDict = collections.OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()
        self._key_locks: dict[Any, threading.Lock] = {}

    def get_or_compute(self, key, compute: Callable[[], Any]):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
            klock = self._key_locks.setdefault(key, threading.Lock())
        with klock:
            with self._lock:
                if key in self._data:
                    return self._data[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._key_locks.pop(key, None)
            with self._lock:
                self._data[key] = value
                self._weight += self.weigh(value) if self.weigh else 0
                while len(self._data) > self.max_items or (
                        self.max_weight is not None and self._weight > self.max_weight
                        and len(self._data) > 1):
                    _, old = self._data.popitem(last=False)
                    self._weight -= self.weigh(old) if self.weigh else 0
            return value

    def peek(self, key):
        """The cached value or None, without computing (safe on the event loop)."""
        with self._lock:
            return self._data.get(key)

    def discard(self, match: Callable[[Any], bool]) -> None:
        """Forget the entries whose key matches (e.g. the analyses of a deleted scenario,
        whose ids a SQLite database may give to new analyses)."""
        with self._lock:
            for key in [k for k in self._data if match(k)]:
                old = self._data.pop(key)
                self._weight -= self.weigh(old) if self.weigh else 0

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._weight = 0


def hypergame_of(result):
    """Each DM's view beside reality for a finished analysis (docs/hypergames.md): the
    first-level hypergame over the hypergame concepts (Nash, GMR, SMR, SEQ) it analysed,
    reusing its analysis as reality. Refused, with the reason, for a model without perceptions.
    """
    from detente.gmcr.hypergame import HYPERGAME_CONCEPTS, hypergame

    conflict = result.conflict
    if not conflict.has_perceptions:
        raise DetenteError("no decision maker in this model has a perception, so every DM's view "
                           "is reality", hint="add a 'perception' to a decision maker "
                                              "(docs/model-format.md#perceptions-hypergames)")
    concepts = [k for k in result.concepts if k in HYPERGAME_CONCEPTS and k in result.stable]
    if not concepts:
        raise DetenteError("this analysis has none of Nash, GMR, SMR, SEQ, the concepts each DM's "
                           "view is analysed under", hint="run an analysis with one of them")
    return hypergame(conflict, concepts, reality=result)


def view_explanation(h, state: str, viewer: str, concept: str) -> dict[str, Any]:
    """Why ``viewer`` expects ``state`` to hold (or not) under ``concept``, and what actually
    happens there: :func:`detente.gmcr.hypergame.explain_view` as JSON, with the text that
    ``detente explain MODEL STATE --view DM`` prints.

    Examples
    --------
    >>> import detente
    >>> from detente.web.services import view_explanation
    >>> h = detente.hypergame(detente.load("tests/fixtures/hypergame/backstop.yaml"), ["SEQ"])
    >>> ex = view_explanation(h, "NYY", "US", "SEQ")
    >>> ex["expected"], ex["real_equilibrium"], sorted({u["dm"] for u in ex["unanticipated"]})
    (True, False, ['Europe', 'Russia'])
    """
    from detente.gmcr.hypergame import explain_view

    h.conflict.dm(viewer)  # a located error naming the DMs
    ex = explain_view(h, h.position_of(state.strip()), viewer, concept)
    return ex.to_dict() | {"text": str(ex),
                           "has_perception": h.conflict.dm(viewer).perception is not None}


def graph_data(result, limits: Limits) -> dict[str, Any]:
    """States, every DM's unilateral moves, the status quo and the equilibria per concept, for
    drawing the state graph (refused beyond ``limits.max_graph_states`` states)."""
    n = result.n_states
    if n > limits.max_graph_states:
        raise TooLargeError(Problem(
            f"the model has {n:,} feasible states; the graph is drawn for up to "
            f"{limits.max_graph_states:,}", hint="use the equilibria table and the status-quo "
                                                 "paths, or add constraints"))
    nodes = []
    for p in range(n):
        d = result.state_dict(p)
        nodes.append({"id": d["id"], "yn": d["yn"], "taken": d["taken"], "names": d["names"]})
    edges = []
    for dm, table in result.tables.items():
        rk = result.ranks[dm]
        for p in range(n):
            for t in table.targets(p):
                edges.append({"from": p + 1, "to": int(t) + 1, "dm": dm,
                              "improvement": bool(rk[t] > rk[p])})
    sq = result.status_quo_position
    return {"n_states": n, "dms": result.conflict.dm_names, "nodes": nodes, "edges": edges,
            "status_quo": sq + 1 if sq is not None else None,
            "equilibria": {c: [int(p) + 1 for p in result.equilibria(c)] for c in result.stable}}


# --- timelines ---------------------------------------------------------------------------------

_plot_lock = threading.Lock()  # matplotlib's pyplot is not thread-safe


def check_timeline_size(conflict: Conflict, limits: Limits) -> None:
    """Refuse, before anything is scanned, a timeline whose work is over the server's bounds:
    more than ``max_timeline_events`` events, or model versions (the model, then one per
    revision, each with the options added so far) whose 2^options add up to more than
    ``max_timeline_combinations``. The timeline itself is checked later by its loader."""
    from detente.model.timeline import has_timeline

    if not has_timeline(conflict):
        raise DetenteError("this model has no timeline",
                           hint="add a 'timeline:' section with dated events "
                                "(docs/model-format.md#timeline-following-a-negotiation-over-time)")
    raw = conflict.document["timeline"]
    events = raw.get("events") if isinstance(raw, dict) else None
    if not isinstance(events, list):
        return  # the loader says what is wrong, with the line
    hint = "split the timeline, or run it with the command line (detente timeline)"
    if len(events) > limits.max_timeline_events:
        raise TooLargeError(Problem(f"the timeline has {len(events):,} events; this server follows up "
                                    f"to {limits.max_timeline_events:,}", field="timeline.events",
                                    hint=hint))
    revisions = sorted((str(e.get("date")), i) for i, e in enumerate(events)
                       if isinstance(e, dict) and isinstance(e.get("revision"), dict))
    n = conflict.n_options
    total = 2 ** n
    for _, i in revisions:
        adds = events[i]["revision"].get("add_options")
        if isinstance(adds, dict):
            n += sum(len(v) for v in adds.values() if isinstance(v, list))
        if n > limits.max_options:
            raise TooLargeError(Problem(f"after the revision of events[{i}] the model has {n} options; "
                                        f"this server analyses up to {limits.max_options}",
                                        field=f"timeline.events[{i}].revision", hint=hint))
        total += 2 ** n
    if total > limits.max_timeline_combinations:
        raise TooLargeError(Problem(
            f"the timeline's {len(revisions) + 1} model version(s) have {total:,} option combinations "
            f"in all; this server follows timelines up to {limits.max_timeline_combinations:,}",
            field="timeline", hint=hint))


def timeline_of(conflict: Conflict, limits: Limits, *, concept: str = "SEQ",
                persisted_days: int | None = None, robust: bool = True):
    """A model's timeline analysis (:func:`detente.gmcr.timeline.timeline`, as ``detente
    timeline``), within the server's bounds (:func:`check_timeline_size`; a version whose
    robustness would take longer than ``max_timeline_robustness_seconds`` gets no
    probability, and ``robustness_notes`` says why)."""
    from detente.gmcr.timeline import timeline

    check_timeline_size(conflict, limits)
    return timeline(conflict, concept=concept, persisted_days=persisted_days, robust=robust,
                    max_hours=limits.max_timeline_robustness_seconds / 3600)


def timeline_dict(result) -> dict[str, Any]:
    """The timeline analysis as JSON (``detente timeline --format json``) with the text that
    ``detente timeline`` prints."""
    return result.to_dict() | {"text": str(result)}


def timeline_svg(result) -> str:
    """The timeline picture (:func:`detente.gmcr.timeline.plot_timeline`) as SVG text."""
    with _plot_lock:
        return result.plot()


# --- variants, reports, evidence ingestion (engines written elsewhere) ------------------------

def compare_variants(conflict: Conflict, concepts: list[str]) -> dict[str, Any]:
    """The base model and each variant side by side (:func:`detente.gmcr.compare.compare`)."""
    from detente.gmcr.compare import compare
    return compare(conflict, concepts=concepts).to_dict()


def report_robustness(conflict: Conflict, concepts: list[str] | None,
                      limits: Limits) -> tuple[Any, str | None]:
    """The robustness analysis the web report's summary takes "how sure" from, when it is cheap:
    only exact enumeration (as ``detente report`` would choose it, ``method="auto"``), in this
    process, estimated within ``max_timeline_robustness_seconds`` (as a timeline version).
    Returns ``(result, None)``, ``(None, why it is absent)``, or ``(None, None)`` for a model
    that declares no uncertainty (nothing to be unsure of, as on the command line)."""
    from detente.gmcr.robustness import parse_uncertainty, robustness
    if parse_uncertainty(conflict).is_certain:
        return None, None
    from detente.gmcr.analysis import normalise_concepts
    wanted = [k for k in normalise_concepts(concepts or ["Nash", "GMR", "SMR", "SEQ"])
              if k in ("Nash", "GMR", "SMR", "SEQ")]
    if not wanted:
        return None, None
    try:
        return robustness(conflict, concepts=wanted, method="auto", sample=False, workers=1,
                          max_hours=limits.max_timeline_robustness_seconds / 3600), None
    except DetenteError as exc:
        why = exc.problems[0].message if exc.problems else str(exc)
        return None, f"not computed on this server: {why}; detente report on the command line computes it"


def render_report(conflict: Conflict, concepts: list[str] | None = None,
                  limits: Limits | None = None) -> tuple[str, dict[str, Any]]:
    """The self-contained HTML report of a model (as ``detente report``; a timeline within
    ``limits``, as ``GET .../timeline``) and its summary cards as JSON data (schema
    ``detente.summary/1``, as ``detente report --json``), built from the same analysis."""
    try:
        from detente.report import render_report as _render
    except ImportError:
        raise Unavailable("the HTML report is not available in this build",
                          hint="use detente report on the command line") from None
    from detente.report import build_report
    from detente.report.hypergame import hypergame_report_sections
    from detente.report.questions import embedded_questions
    limits = limits or Limits()
    # as detente report: the questions and state notes the scenario embeds
    questions, notes = embedded_questions(conflict)
    rob, rob_absent = report_robustness(conflict, concepts, limits)
    data = build_report(conflict, concepts=concepts, questions=questions,
                        robustness=rob if rob is not None else False, state_notes=notes)
    data.context["robust_absent"] = rob_absent
    sections = hypergame_report_sections(conflict, data.result, hyper=data.hypergame)
    if rob is not None:
        from detente.gmcr.sensitivity import robustness_report_sections
        sections += robustness_report_sections(conflict, result=rob, state_notes=notes or [])
    from detente.model.timeline import has_timeline
    if has_timeline(conflict):  # bounded as GET .../timeline is
        from detente.report.timeline import TITLE, timeline_report_sections
        try:
            sections += timeline_report_sections(conflict, result=timeline_of(conflict, limits))
        except TooLargeError as exc:  # the rest of the report is still worth having
            import html
            sections.append((TITLE, f"<p>Not shown: {html.escape(exc.problems[0].message)}. "
                                    "<code>detente report</code> on the command line includes it.</p>"))
    from detente.report.summary import summary_document
    return _render(data=data, extra_sections=sections), summary_document(data)


_extractor_lock = threading.Lock()
_extractor = None


def extractor():
    """The evidence extractor, loaded once per process (loading spaCy takes seconds)."""
    global _extractor
    with _extractor_lock:
        if _extractor is None:
            from detente.evidence.ingest import make_extractor
            _extractor = make_extractor()
        return _extractor


def store_article(tx: Callable[[], Any], art, index: int,
                  extract: Callable | None = None) -> dict[str, Any]:
    """Extract one article and store it in its own transaction (whole or not at all)."""
    from detente.evidence.ingest import _complete, date_warning
    from detente.store.evidence_repo import store_extraction

    try:
        for name in ("text", "source", "title", "url", "origin"):
            if "\x00" in (getattr(art, name, None) or ""):  # PostgreSQL cannot store it
                raise DetenteError(Problem(f"the article's {name} contains a NUL character",
                                           field=name, hint="remove it (binary data?)"))
        try:
            ext = _complete((extract or extractor().extract)(art))
        except DetenteError:
            raise
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the rest
            raise DetenteError(f"the extractor failed on this article: {type(exc).__name__}",
                               hint="the other articles were stored; report this article") from None
        res = store_extraction(tx, ext)  # another writer may store it at the same moment
    except DetenteError as exc:
        return {"index": index, "ok": False, "problems": [p.to_dict() for p in exc.problems]}
    warning = date_warning(art)
    return {"index": index, "ok": True, "article_id": res.article_id, "created": res.created,
            "statements": res.statements, "figures": res.figures, "problems": [],
            "date_source": getattr(art, "date_source", None),
            "warnings": [warning.to_dict()] if warning is not None else []}


def ingest_articles(tx: Callable[[], Any], articles: list[dict[str, Any]],
                    extract: Callable | None = None) -> list[dict[str, Any]]:
    """Extract and store articles given as text, one transaction each (stored whole or not at
    all; an article already stored is not stored again). A bad article gets its problems and
    the others go on."""
    from detente.evidence.ingest import article_from_text

    out = []
    for i, a in enumerate(articles):
        try:
            art = article_from_text(a["text"], date=a.get("date"), source=a.get("source"),
                                    title=a.get("title"), url=a.get("url"),
                                    origin=f"web article {i + 1}")
        except DetenteError as exc:
            out.append({"index": i, "ok": False, "problems": [p.to_dict() for p in exc.problems]})
            continue
        out.append(store_article(tx, art, i, extract))
    return out


def ingest_files(tx: Callable[[], Any], files: list[tuple[str, bytes]], *, format: str = "auto",
                 date: str | None = None, source: str | None = None,
                 extract: Callable | None = None) -> list[dict[str, Any]]:
    """Read uploaded files exactly as ``detente ingest FILE...`` does (dateline text, plain
    text with ``date``, HTML, JSON Lines; by extension, then content) and store each article.
    A file's problems (not UTF-8, no date, a bad JSON line, ...) are reported per item."""
    import os
    import tempfile
    from pathlib import Path

    from detente.errors import Problem as _Problem
    from detente.evidence.ingest import read_articles

    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="detente-upload-") as tmp:
        paths = []
        for k, (name, data) in enumerate(files):
            safe = os.path.basename(name or "").replace("\x00", "") or f"upload-{k + 1}.txt"
            p = Path(tmp) / f"{k + 1:03d}-{safe}"
            p.write_bytes(data)
            paths.append(p)
        for item in read_articles(paths, format=format, date=date or None, source=source or None):
            i = len(out)
            if isinstance(item, _Problem):
                if item.file:  # the upload's own name, not the temporary path
                    item.file = Path(item.file).name.split("-", 1)[-1]
                out.append({"index": i, "ok": False, "problems": [item.to_dict()]})
                continue
            item.origin = Path(item.origin).name.split("-", 1)[-1] if item.origin else None
            out.append(store_article(tx, item, i, extract))
    return out


# --- writing workspace links into the model ------------------------------------------------------

def _evidence_entry(st, dates: bool = False) -> dict[str, Any]:
    """A model evidence entry citing a stored statement (fields of detente.model.evidence);
    with ``dates`` the date is a date object (YAML writes it unquoted, like a person would)."""
    import re as _re
    # the stable id when there is one: the citation then holds in any database (issue 15)
    entry: dict[str, Any] = {"statement_id": getattr(st, "uid", None) or st.id}
    if st.speaker:
        entry["speaker"] = st.speaker
    if st.channel:
        entry["channel"] = st.channel + (f" ({st.channel_detail})" if st.channel_detail else "")
    if st.date and _re.fullmatch(r"\d{4}-\d{2}-\d{2}", st.date):
        try:
            entry["date"] = dt.date.fromisoformat(st.date) if dates else st.date
        except ValueError:  # not a calendar date: leave it out rather than cite a wrong one
            pass
    entry["quote"] = st.content.strip().strip('"“”')[:400]
    if st.article_source or st.article_title:
        entry["source"] = st.article_source or st.article_title
    if st.article_url:
        entry["url"] = st.article_url
    return entry


def _cited(ev, statement_id, *also) -> bool:
    """Whether ``ev`` cites the statement by any of its ids (integer or stable)."""
    items = ev if isinstance(ev, list) else [ev]
    ids = {str(x).lower() for x in (statement_id, *also) if x is not None}
    return any(isinstance(e, dict) and e.get("statement_id") is not None
               and str(e.get("statement_id")).strip().lower() in ids for e in items)


def _add_evidence(node: Any, entry: dict, seq_type, also=()) -> bool:
    """Add ``entry`` to the ``evidence`` of the mapping ``node`` (a single entry becomes a
    list of two). False if that statement is cited there already."""
    from detente.model.yamledit import add_key, append_item

    ev = node.get("evidence")
    if ev is None:
        if seq_type is list:
            node["evidence"] = [entry]
        else:
            add_key(node, "evidence", seq_type([entry]))
        return True
    if _cited(ev, entry["statement_id"], *also):
        return False
    if isinstance(ev, list):
        ev.append(entry) if seq_type is list else append_item(ev, entry)
    elif seq_type is list:
        node["evidence"] = [ev, entry]
    else:
        seq = seq_type([ev])
        node["evidence"] = seq
        append_item(seq, entry)
    return True


def _cite(node_parent, key, entry: dict, wrap_key: str, mapping_type, seq_type, also=()) -> bool:
    """Add ``entry`` to the evidence of ``node_parent[key]`` (turning a plain string item into
    a mapping ``{wrap_key: string, evidence: [...]}``). False if it was cited already."""
    node = node_parent[key]
    if isinstance(node, str):
        new = mapping_type()
        new[wrap_key] = node
        new["evidence"] = seq_type([entry])
        node_parent[key] = new
        return True
    return _add_evidence(node, entry, seq_type, also)


def cite_links_in_text(text: str, fmt: str, links: list[dict[str, Any]]) -> tuple[str, int]:
    """The model text with every linked statement cited as evidence of its assumption.
    Only the lines of the added entries change: the rest of the text, comments and layout
    included, is kept as written (:func:`detente.model.yamledit.edit_text`).
    Returns (text, number of entries added)."""
    from detente.model.yamledit import edit_text

    if fmt == "json":
        mapping_type: Any = dict
        seq_type: Any = list
    else:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq
        mapping_type, seq_type = CommentedMap, CommentedSeq
    added = 0

    def cite(doc) -> None:
        nonlocal added
        dms = {d.get("name"): d for d in doc.get("decision_makers", []) if isinstance(d, dict)}
        for ln in links:
            st = ln["statement_obj"]
            entry = mapping_type(_evidence_entry(st, dates=fmt != "json"))
            also = (st.id,)  # a model citing the integer id already cites this statement
            kind, _, rest = ln["target"].partition(":")
            if kind == "pref":
                dm_name, _, n = rest.rpartition(":")
                prefs = dms.get(dm_name, {}).get("preferences") or []
                i = int(n) - 1 if n.isdigit() else -1
                if 0 <= i < len(prefs):
                    added += _cite(prefs, i, entry, "statement", mapping_type, seq_type, also)
            elif kind == "ranking" and rest in dms:
                added += _add_evidence(dms[rest], entry, seq_type, also)
            elif kind == "constraint":
                items = doc.get("infeasible") or []
                idx = next((k for k, c in enumerate(items)
                            if isinstance(c, dict) and c.get("id") == rest), None)
                if idx is None and rest.isdigit() and 0 < int(rest) <= len(items):
                    idx = int(rest) - 1
                if idx is not None:
                    added += _cite(items, idx, entry, "when", mapping_type, seq_type, also)
            elif kind == "option":
                for dm in dms.values():
                    opts = dm.get("options") or []
                    for k, o in enumerate(opts):
                        if (o if isinstance(o, str) else o.get("name")) == rest:
                            added += _cite(opts, k, entry, "name", mapping_type, seq_type, also)

    new_text = edit_text(text, "json" if fmt == "json" else "yaml", cite)
    return new_text, added


def cite_links(s: Session, scenario_id: int, base_version: int, limits: Limits, *,
               author: str | None = None) -> tuple[ScenarioRow | None, int]:
    """Save a new version in which every statement linked in the workspace is cited as
    evidence of its assumption in the model itself (``statement_id``, speaker, channel, date,
    quote, source), so the CLI and the report show it. Returns (row or None if nothing was
    new, number of citations added)."""
    from detente.store.evidence_repo import get_statements

    v = get_version(s, scenario_id)
    if v.version != base_version:
        raise _stale(scenario_id, base_version, v.version)
    rows = s.scalars(select(EvidenceLinkRow).where(EvidenceLinkRow.scenario_id == scenario_id)
                     .order_by(EvidenceLinkRow.id)).all()
    sts = get_statements(s, [r.statement_id for r in rows]) if rows else {}
    links = [{"target": r.target, "statement_obj": sts[r.statement_id]}
             for r in rows if r.statement_id in sts]
    text, added = cite_links_in_text(v.text, v.format, links)
    if not added:
        return None, 0
    row = update_scenario(s, scenario_id, text, v.format, base_version, limits,
                          message=f"cite {added} linked statement(s) as evidence", author=author)
    return row, added


# --- suggestions: stored statements for a model's assumptions and its timeline ------------------

def statements_stamp(s: Session, limits: Limits) -> tuple[int, int]:
    """``(how many statements are stored, the largest id)``: what a ranking over the whole
    store depends on (statements are only ever added). Refuses a store over
    ``limits.max_suggest_statements`` before anything is read."""
    from detente.store.schema import StatementRow

    n, top = s.execute(select(func.count(StatementRow.id), func.max(StatementRow.id))).one()
    n = int(n or 0)
    if n > limits.max_suggest_statements:
        raise TooLargeError(Problem(
            f"the database holds {n:,} statements; this server ranks up to "
            f"{limits.max_suggest_statements:,} while a request waits",
            hint="run detente suggest-evidence / detente suggest-observations on the command line"))
    return n, int(top or 0)


def assumption_key(where: str, conflict: Conflict | None, document: Any = None) -> str | None:
    """The web app's key (``pref:<DM>:<n>``, ``constraint:<id or n>``, as
    :func:`assumptions` gives) of a suggestion's ``where`` (``decision_makers[i].preferences[j]``,
    ``infeasible[k]``): what ``POST .../links`` takes as ``target``."""
    import re as _re

    m = _re.fullmatch(r"decision_makers\[(\d+)\]\.preferences\[(\d+)\]", where)
    if m:
        i, j = int(m.group(1)), int(m.group(2))
        if conflict is not None:
            name = conflict.decision_makers[i].name
        else:
            dm = (document.get("decision_makers") or [])[i]
            name = dm.get("name") if isinstance(dm, dict) else None
        return f"pref:{name}:{j + 1}" if name else None
    m = _re.fullmatch(r"infeasible\[(\d+)\]", where)
    if m:
        k = int(m.group(1))
        if conflict is not None:
            cid = conflict.constraints[k].id
        else:
            c = (document.get("infeasible") or [])[k]
            cid = c.get("id") if isinstance(c, dict) else None
        return f"constraint:{cid or k + 1}"
    return None


def suggested_evidence(s: Session, text: str, fmt: str, limits: Limits, *, top: int = 3,
                       min_score: float = 0.05) -> tuple[list[dict[str, Any]], int]:
    """Stored statements ranked as evidence for each preference statement and constraint of
    a model text, exactly as ``detente suggest-evidence MODEL --format json`` ranks them (its
    ``suggestions``), each with the assumption's ``key`` for ``POST .../links`` and the
    statement ids it cites that are not stored (``missing``). Returns (items, statements
    searched)."""
    from detente.evidence.link import assumptions_from_document, assumptions_of, suggest_evidence
    from detente.store.evidence_repo import find_statements, get_statements

    statements_stamp(s, limits)
    conflict, document = None, None
    try:
        conflict = load_model(text, fmt, limits)
        found = assumptions_of(conflict)
    except DetenteError:  # as the CLI: a model that does not load is read as a document
        document = document_of(text, fmt, limits)
        if not isinstance(document, dict):
            raise ModelError(Problem("a model must be a mapping with decision_makers")) from None
        found = assumptions_from_document(document)
    statements = find_statements(s)
    cited_ids = sorted({i for a in found for i in a.cited},
                       key=lambda i: (isinstance(i, str), str(i).zfill(12)))
    cited = get_statements(s, cited_ids) if cited_ids else {}
    items = []
    for sug in suggest_evidence(found, statements, top=top, min_score=min_score):
        d = sug.to_dict()
        d["key"] = assumption_key(d["where"], conflict, document)
        d["missing"] = [i for i in d["cited"] if i not in cited]
        items.append(d)
    return items, len(statements)


def suggested_observations(s: Session, text: str, fmt: str, limits: Limits, *, top: int = 5,
                           min_score: float = 0.1) -> tuple[list[dict[str, Any]], int]:
    """Stored statements proposed as observations for a model's ``timeline:``, exactly as
    ``detente suggest-observations MODEL --format json`` proposes them (its ``candidates``).
    Returns (candidates, statements searched)."""
    from detente.evidence.observations import suggest_observations
    from detente.store.evidence_repo import find_statements

    statements_stamp(s, limits)
    conflict = load_model(text, fmt, limits)
    statements = find_statements(s)
    found = suggest_observations(conflict, statements, top=top, min_score=min_score)
    return [c.to_dict() for c in found], len(statements)


def _flow(value: Any, fmt: str) -> Any:
    """Round-trip YAML nodes for ``value`` written in flow style (``{by: US, take: [x]}``),
    as a person writes an event's parts; plain data for JSON."""
    if fmt == "json":
        return value
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    if isinstance(value, dict):
        out: Any = CommentedMap((k, _flow(v, fmt)) for k, v in value.items())
    elif isinstance(value, list):
        out = CommentedSeq(_flow(v, fmt) for v in value)
    else:
        return value
    out.fa.set_flow_style()
    return out


def append_event_in_text(text: str, fmt: str, event: dict[str, Any]) -> str:
    """The model text with ``event`` appended to its ``timeline: events:`` (the section made
    when the model has none). Only the added lines change; comments and layout are kept
    (:func:`detente.model.yamledit.edit_text`)."""
    from detente.model.yamledit import add_key, append_item, edit_text

    if fmt == "json":
        entry: Any = dict(event, date=event["date"].isoformat())
    else:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq
        entry = CommentedMap((k, v if k in ("date", "event") else _flow(v, fmt))
                             for k, v in event.items())

    def add(doc) -> None:
        seq = list if fmt == "json" else CommentedSeq
        mapping = dict if fmt == "json" else CommentedMap
        tl = doc.get("timeline")
        if tl is None:
            new = mapping()
            new["events"] = seq([entry])
            if fmt == "json":
                doc["timeline"] = new
            else:
                add_key(doc, "timeline", new)
            return
        if not isinstance(tl, dict):
            raise ModelError(Problem("'timeline' is not a mapping", field="timeline",
                                     hint="fix the model's timeline first"))
        events = tl.get("events")
        if events is None:
            if fmt == "json":
                tl["events"] = [entry]
            else:
                add_key(tl, "events", seq([entry]))
        elif isinstance(events, list):
            events.append(entry) if fmt == "json" else append_item(events, entry)
        else:
            raise ModelError(Problem("'timeline.events' is not a list", field="timeline.events",
                                     hint="fix the model's timeline first"))

    return edit_text(text, "json" if fmt == "json" else "yaml", add)


def add_observation(s: Session, scenario_id: int, base_version: int, statement_id: int | str,
                    option: str, value: bool, limits: Limits, *,
                    author: str | None = None) -> tuple[ScenarioRow | None, dict[str, Any]]:
    """Save a new version whose ``timeline: events:`` ends with the observation a stored
    statement reports (``option`` taken or not, on the statement's date): a ``move`` by the
    option's owner when it changes the option's value before that date, else a ``state``,
    as ``suggest-observations`` writes it, citing the statement. Only the added lines change.

    Refused: a stale ``base_version`` (:class:`VersionConflict`), a statement not stored, an
    undated one, an option the model (or its timeline's revisions) does not have, a date
    before the model's, or a timeline that would not load (located). Returns (the scenario, or
    None when the timeline cites that statement already and nothing was saved; the event)."""
    from detente.evidence.observations import (Candidate, _cited_ids, _value_before,
                                               option_targets)
    from detente.model.timeline import load_timeline
    from detente.store.evidence_repo import get_statement

    v = get_version(s, scenario_id)
    if v.version != base_version:
        raise _stale(scenario_id, base_version, v.version)
    st = get_statement(s, statement_id)
    if st is None:
        raise ModelError(Problem(f"there is no stored statement {statement_id}",
                                 field="statement_id",
                                 hint="it may have been removed; find statements with "
                                      "GET /api/scenarios/{id}/suggested-observations"))
    conflict = load_model(v.text, v.format, limits)
    if conflict.date is None:
        raise ModelError(Problem("the model has no date, so no observation can be placed after it",
                                 field="date", hint="add 'date: YYYY-MM-DD' at the top of the model"))
    date = st.date_start or st.article_date
    if date is None:
        raise ModelError(Problem(f"statement {statement_id} has no date", field="statement_id"))
    if date < conflict.date:
        raise ModelError(Problem(f"statement {statement_id} is dated {date.isoformat()}, before the "
                                 f"model's date {conflict.date.isoformat()}", field="statement_id"))
    targets, tl = option_targets(conflict)
    target = next((t for t in targets if t.name == option), None)
    if target is None:
        raise ModelError(Problem(f"the model has no option {option!r}", field="option",
                                 hint=did_you_mean(option, [t.name for t in targets]) or None))
    if target.since is not None and date < target.since:
        raise ModelError(Problem(f"option {option} is added by the revision of "
                                 f"{target.since.isoformat()}, after the statement's date "
                                 f"{date.isoformat()}", field="option"))
    before = _value_before(conflict, tl, option, date)
    kind = "move" if before is not None and before != value else "state"
    cand = Candidate(st, option, target.owner, value, "", date, 0.0, kind, before)
    event = cand.event()
    shown = dict(event, date=date.isoformat())
    if st.id in _cited_ids(conflict) or st.uid in _cited_ids(conflict):
        return None, shown
    text = append_event_in_text(v.text, v.format, event)
    load_timeline(load_model(text, v.format, limits))  # located problems, nothing saved
    row = update_scenario(s, scenario_id, text, v.format, base_version, limits, author=author,
                          message=f"timeline: {kind} of {option} on {date.isoformat()} "
                                  f"(statement {st.uid or st.id})")
    return row, shown
