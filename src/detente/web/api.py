"""REST routes under ``/api``: thin wrappers over :mod:`detente.web.services`.

Each write runs in one transaction; the analyses it queues are handed to the job runner only
after that transaction has committed.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from fastapi.security import APIKeyHeader

from detente import __version__
from detente.errors import DetenteError, ModelError, Problem
from detente.web import schemas as sch
from detente.web import services as svc

router = APIRouter(prefix="/api")
_token_scheme = APIKeyHeader(name="X-Detente-Token", auto_error=False,
                             description="The server's DETENTE_TOKEN (needed for writes when "
                                         "the server has one)")


def ws_of(request: Request):
    return request.app.state.ws


def writer(request: Request, _token: str | None = Depends(_token_scheme)):
    """Dependency of every write: checks the token (and refuses cross-site writes)."""
    from detente.web.app import check_write
    ws = ws_of(request)
    check_write(ws, request)
    return ws


def reader(request: Request):
    return ws_of(request)


class Paging:
    """``limit`` and ``offset`` of every list (a dependency)."""

    def __init__(self, limit: int = Query(100, ge=1, le=sch.MAX_PAGE,
                                          description=f"At most this many items (1..{sch.MAX_PAGE})"),
                 offset: int = Query(0, ge=0, le=sch.MAX_ID,
                                     description="How many items to skip")) -> None:
        self.limit, self.offset = limit, offset


def paged(request: Request, response: Response, items: list, total: int, page: Paging) -> list:
    """One page of a list: the items in the body, the total in ``X-Total-Count`` and the
    neighbouring pages in ``Link`` (relative URLs with this request's other parameters)."""
    def url(offset: int) -> str:
        u = request.url.include_query_params(offset=offset, limit=page.limit)
        return f"{u.path}?{u.query}"
    links = []
    if page.offset + len(items) < total:
        links.append(f'<{url(page.offset + page.limit)}>; rel="next"')
    if page.offset > 0:
        links.append(f'<{url(max(0, min(page.offset, total) - page.limit))}>; rel="prev"')
    response.headers["X-Total-Count"] = str(total)
    if links:
        response.headers["Link"] = ", ".join(links)
    return items


YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
MODEL_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/ScenarioIn"}},
    "application/yaml": {"schema": {"type": "string", "description": "The model file itself"}},
}}}


async def _model_body(request: Request, update: bool = False) -> sch.ScenarioIn:
    """A JSON wrapper ``{text, format, message}`` or the raw model file as YAML."""
    from fastapi.exceptions import RequestValidationError
    from pydantic import ValidationError

    from detente.web.app import BadRequest

    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    if ctype in YAML_TYPES:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ModelError(Problem(f"the body is not UTF-8 text (byte {exc.start})")) from None
        data: Any = {"text": text, "format": "yaml",
                     "message": request.headers.get("x-detente-message")}
        if update:
            base = request.headers.get("if-match", "").strip('"W/ ')
            if not base.isdigit():
                raise ModelError(Problem("a raw YAML update needs the version it is based on",
                                         hint='send it as the If-Match header, e.g. If-Match: "3"'))
            data["base_version"] = int(base)
    elif ctype and ctype != "application/json":
        raise BadRequest(Problem(f"unsupported Content-Type {ctype!r}",
                                 hint="send JSON ({\"text\": ...}) as application/json, or the "
                                      "model file as application/yaml"))
    else:
        try:
            data = json.loads(raw or b"null")
        except RecursionError:
            raise BadRequest(Problem("the request body is nested too deeply",
                                     hint='send {"text": "<the model as YAML or JSON>"}')) from None
        except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError, 4,300-digit integers
            raise BadRequest(Problem(f"the request body is not valid JSON: {exc}",
                                     hint='send {"text": "<the model as YAML or JSON>"}')) from None
    try:
        return (sch.ScenarioUpdate if update else sch.ScenarioIn).model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


# --- service ----------------------------------------------------------------------------------

@router.get("/health", response_model=sch.HealthOut, tags=["service"])
def health(ws=Depends(reader)):
    """The server is up; which database (password hidden) and schema revision it uses."""
    from detente.store.db import current_revision, describe
    return {"status": "ok", "version": __version__, "database": describe(ws.db_url),
            "revision": current_revision(ws.engine), "token_required": ws.token_required}


@router.post("/validate", response_model=sch.ValidateOut, tags=["scenarios"],
             responses=sch.errors(400, 413))
def validate(body: sch.ValidateIn, ws=Depends(reader)):
    """Check a model text exactly as the CLI does, without saving it: the problems with their
    lines and fields, or the model's outline. (Not a write: no token needed.)"""
    return svc.validate(body.text, body.format, ws.limits)


@router.post("/document", response_model=sch.DocumentOut, tags=["scenarios"],
             responses=sch.errors(400, 413, 422))
def document(body: sch.ValidateIn, ws=Depends(reader)):
    """The model text parsed into plain JSON data, without checking the model (only the YAML or
    JSON syntax): what the web form edits. (Not a write: no token needed.)"""
    return {"document": svc.document_of(body.text, body.format, ws.limits)}


@router.post("/document/yaml", response_model=sch.YamlOut, tags=["scenarios"],
             responses=sch.errors(400, 413, 422))
def document_yaml(body: sch.YamlIn, ws=Depends(reader)):
    """A model given as plain JSON data written out as YAML (the form's way back to the text).
    With ``text``, the YAML it was read from, unchanged parts keep their comments; the edited
    entries lose theirs. Nothing is saved or checked."""
    return {"text": svc.yaml_of(body.document, ws.limits, body.text)}


# --- scenarios ------------------------------------------------------------------------------

def _detail(ws, s, row) -> dict[str, Any]:
    """A scenario with its current text and outline (the outline cached by text hash: parsing
    YAML is the slow part of a read)."""
    v = svc.get_version(s, row.id)
    stored = svc.Limits(max_model_bytes=10**9, max_options=64)  # show what is stored

    def outline():
        try:
            return svc.model_summary(svc.load_model(v.text, v.format, stored))
        except DetenteError:
            return {}
    summary = ws.summaries.get_or_compute(v.sha256, outline)
    return svc.scenario_dict(row) | {"format": v.format, "text": v.text, "summary": summary}


@router.get("/scenarios", response_model=list[sch.ScenarioOut], tags=["scenarios"],
            responses=sch.PAGED)
def list_scenarios(request: Request, response: Response, page: Paging = Depends(),
                   q: str | None = Query(None, max_length=200, pattern=sch.NO_NUL,
                                         description="Only scenarios whose title contains this "
                                                     "(case-insensitive)"),
                   ws=Depends(reader)):
    """The scenarios, most recently changed first, a page at a time (with ``q``: those whose
    title contains it)."""
    with ws.tx() as s:
        return paged(request, response, svc.list_scenarios(s, page.limit, page.offset, q),
                     svc.count_scenarios(s, q), page)


@router.post("/scenarios", status_code=201, response_model=sch.ScenarioDetail,
             tags=["scenarios"], openapi_extra=MODEL_BODY,
             responses=sch.errors(400, 401, 413, 422))
async def create_scenario(request: Request, ws=Depends(writer)):
    """Create a scenario from a model (YAML or JSON text). The model is validated by the CLI's
    loader; an invalid one is refused (422, with line and field) and nothing is stored."""
    body = await _model_body(request)

    def work():
        with ws.tx() as s:
            row = svc.create_scenario(s, body.text, body.format, ws.limits,
                                      message=body.message, author=body.author)
            return _detail(ws, s, row)
    return await to_thread.run_sync(work)


@router.get("/scenarios/{scenario_id}", response_model=sch.ScenarioDetail, tags=["scenarios"],
            responses=sch.errors(404))
def get_scenario(scenario_id: sch.ScenarioId, response: Response, ws=Depends(reader)):
    """A scenario with its current text and outline. The ETag is its version."""
    with ws.tx() as s:
        row = svc.get_scenario(s, scenario_id)
        response.headers["ETag"] = f'"{row.current_version}"'
        return _detail(ws, s, row)


@router.put("/scenarios/{scenario_id}", response_model=sch.ScenarioDetail, tags=["scenarios"],
            openapi_extra={"requestBody": {"required": True, "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ScenarioUpdate"}},
                "application/yaml": {"schema": {"type": "string"}}}}},
            responses=sch.errors(400, 401, 404, 413, 422) | {
                409: {"model": sch.ErrorOut, "description": "Someone saved a newer version "
                                                            "(base_version is stale)"}})
async def update_scenario(scenario_id: sch.ScenarioId, request: Request, ws=Depends(writer)):
    """Save a new version. ``base_version`` (or, for a raw YAML body, the ``If-Match``
    header) must be the current version; otherwise 409 and nothing is saved."""
    body = await _model_body(request, update=True)

    def work():
        with ws.tx() as s:
            row = svc.update_scenario(s, scenario_id, body.text, body.format, body.base_version,
                                      ws.limits, message=body.message, author=body.author)
            return _detail(ws, s, row)
    return await to_thread.run_sync(work)


@router.delete("/scenarios/{scenario_id}", status_code=204, tags=["scenarios"],
               responses=sch.errors(401, 404) | {409: {"model": sch.ErrorOut}})
def delete_scenario(scenario_id: sch.ScenarioId, base_version: sch.VersionQuery = None, ws=Depends(writer)):
    """Delete a scenario with its versions, analyses and evidence links (if ``base_version``
    is given, only when it is still the current version)."""
    from sqlalchemy import select
    from detente.store.workspace import AnalysisRow
    with ws.tx() as s:
        ids = set(s.scalars(select(AnalysisRow.id).where(AnalysisRow.scenario_id == scenario_id)))
        svc.delete_scenario(s, scenario_id, base_version)
    ws.payloads.discard(lambda k: k[0] in ids)
    ws.results.discard(lambda k: k in ids)
    return Response(status_code=204)


@router.get("/scenarios/{scenario_id}/versions", response_model=list[sch.VersionOut],
            tags=["scenarios"], responses=sch.errors(404) | sch.PAGED)
def list_versions(scenario_id: sch.ScenarioId, request: Request, response: Response,
                  page: Paging = Depends(), ws=Depends(reader)):
    """The version history, newest first (without the texts), a page at a time."""
    with ws.tx() as s:
        return paged(request, response, svc.list_versions(s, scenario_id, page.limit, page.offset),
                     svc.count_versions(s, scenario_id), page)


@router.get("/scenarios/{scenario_id}/versions/{version}", response_model=sch.VersionOut,
            tags=["scenarios"], responses=sch.errors(404))
def get_version(scenario_id: sch.ScenarioId, version: sch.VersionNo, ws=Depends(reader)):
    """One version with its text."""
    with ws.tx() as s:
        return svc.version_dict(svc.get_version(s, scenario_id, version))


@router.get("/scenarios/{scenario_id}/diff", response_model=sch.DiffOut, tags=["scenarios"],
            responses=sch.errors(404))
def diff(scenario_id: sch.ScenarioId, from_version: int = Query(..., alias="from", ge=1, le=sch.MAX_ID),
         to_version: int | None = Query(None, alias="to", ge=1, le=sch.MAX_ID), ws=Depends(reader)):
    """What changed from one version to another (default: to the current one)."""
    with ws.tx() as s:
        to_v = to_version or svc.get_scenario(s, scenario_id).current_version
        return svc.diff_versions(s, scenario_id, from_version, to_v, ws.limits)


@router.get("/scenarios/{scenario_id}/export", tags=["scenarios"],
            responses={200: {"content": {"application/yaml": {}, "application/json": {}},
                             "description": "The model file"}} | sch.errors(404, 422))
def export(scenario_id: sch.ScenarioId, format: str = Query("yaml", pattern="^(yaml|yml|json|gmcr)$"),
           version: sch.VersionQuery = None, ws=Depends(reader)):
    """Download a version as YAML (the text as written), JSON or a GMCR+ ``.gmcr`` file."""
    with ws.tx() as s:
        text, media, name = svc.export_version(s, scenario_id, version, format, ws.limits)
    return Response(text, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# --- analyses -------------------------------------------------------------------------------

@router.post("/scenarios/{scenario_id}/analyses", status_code=202, response_model=sch.AnalysisOut,
             tags=["analyses"], responses=sch.errors(400, 401, 404, 422) | {
                 429: {"model": sch.ErrorOut, "description": "Too many analyses waiting"}})
def start_analysis(scenario_id: sch.ScenarioId, body: sch.AnalysisIn | None = None, ws=Depends(writer)):
    """Start an analysis of a version (default: current) with the chosen concepts, as a
    background job. Poll ``GET /api/analyses/{id}`` or stream ``.../events``; the result is at
    ``.../result``. An identical earlier analysis is returned when ``reuse`` is true."""
    body = body or sch.AnalysisIn()
    with ws.tx() as s:
        row, queued = svc.create_analysis(s, scenario_id, ws.limits, concepts=body.concepts,
                                          variant=body.variant, version=body.version,
                                          reuse=body.reuse, check=lambda v, var: _checked(ws, v, var))
        out = svc.analysis_dict(row)
    if queued:
        ws.runner.submit(out["id"])
    return out


def _checked(ws, v, variant) -> None:
    """Validate a version (with a variant) once; later analyses of it skip the YAML parse.
    Errors are not cached, so the answer is always the loader's own."""
    key = (v.sha256, v.format, variant or None, ws.limits.max_options, ws.limits.max_model_bytes)
    ws.summaries.get_or_compute(("valid",) + key,
                                lambda: bool(svc.load_model(v.text, v.format, ws.limits,
                                                            variant=variant)))


@router.get("/scenarios/{scenario_id}/analyses", response_model=list[sch.AnalysisOut],
            tags=["analyses"], responses=sch.errors(404) | sch.PAGED)
def list_analyses(scenario_id: sch.ScenarioId, request: Request, response: Response,
                  page: Paging = Depends(), ws=Depends(reader)):
    """A scenario's analyses, newest first, a page at a time."""
    with ws.tx() as s:
        return paged(request, response, svc.list_analyses(s, scenario_id, page.limit, page.offset),
                     svc.count_analyses(s, scenario_id), page)


@router.get("/analyses/{analysis_id}", response_model=sch.AnalysisOut, tags=["analyses"],
            responses=sch.errors(404))
def get_analysis(analysis_id: sch.AnalysisId, ws=Depends(reader)):
    """Status and progress of an analysis job."""
    with ws.tx() as s:
        return svc.analysis_dict(svc.get_analysis(s, analysis_id))


def _iso(value) -> str:
    """Times in events as in every other answer (ISO 8601)."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@router.get("/analyses/{analysis_id}/events", tags=["analyses"],
            responses={200: {"content": {"text/event-stream": {}},
                             "description": "Server-sent events: `progress` (AnalysisOut as "
                                            "JSON) until a final `done` or `failed`"}}
            | sch.errors(404))
async def analysis_events(analysis_id: sch.AnalysisId, request: Request, ws=Depends(reader)):
    """Stream the job's progress as server-sent events until it finishes."""
    def snapshot():
        with ws.tx() as s:
            return svc.analysis_dict(svc.get_analysis(s, analysis_id))
    first = await to_thread.run_sync(snapshot)  # 404 before the stream starts

    async def stream():
        cur, last = first, None
        for _ in range(4 * 3600):  # at most an hour of polling
            payload = json.dumps(cur, default=_iso)
            if payload != last:
                yield f"event: progress\ndata: {payload}\n\n"
                last = payload
            if cur["status"] in ("done", "failed"):
                yield f"event: {cur['status']}\ndata: {payload}\n\n"
                return
            if ws.stopping.is_set() or await request.is_disconnected():
                return
            await asyncio.sleep(0.25)
            cur = await to_thread.run_sync(snapshot)
    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _payload(ws, analysis_id: int, states: bool) -> tuple[bytes, bytes]:
    """The stored result (immutable once done) as JSON bytes and gzip-compressed, cached:
    results of large models are megabytes of very repetitive JSON."""
    import gzip

    def compute():
        with ws.tx() as s:
            text = svc.result_text(s, analysis_id)
        if not states:
            d = json.loads(text)
            for key in ("states", "rankings", "state_codes", "ranks"):  # every state's data
                d.pop(key, None)
            text = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
        raw = text.encode("utf-8")
        return raw, gzip.compress(raw, compresslevel=6, mtime=0)
    return ws.payloads.get_or_compute((analysis_id, states), compute)


@router.get("/analyses/{analysis_id}/result", response_model=sch.AnalysisResultOut,
            tags=["analyses"], responses=sch.errors(404) | {
                409: {"model": sch.ErrorOut, "description": "Not finished yet, or failed"}})
async def analysis_result(analysis_id: sch.AnalysisId, request: Request, states: bool = Query(
        True, description="Include every state and the rankings (false: equilibria and "
                          "stable sets only)"), ws=Depends(reader)):
    """The result in the CLI's JSON schema (``detente analyze --format json``)."""
    cached = ws.payloads.peek((analysis_id, states))  # finished results never change
    if cached is None:
        cached = await to_thread.run_sync(_payload, ws, analysis_id, states)
    raw, packed = cached
    headers = {"Vary": "Accept-Encoding", "Cache-Control": "private, max-age=3600"}
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type="application/json", headers=headers)
    return Response(raw, media_type="application/json", headers=headers)


def _result_object(ws, analysis_id: int):
    """The engine's :class:`AnalysisResult` for a finished analysis (recomputed once from
    its version and kept in a small cache), for explanations, paths and the graph."""
    from detente.gmcr.analysis import analyze

    def compute():
        with ws.tx() as s:
            row, v = svc.analysis_source(s, analysis_id)
            text, fmt, variant, concepts = v.text, v.format, row.variant, list(row.concepts)
        return analyze(svc.load_model(text, fmt, ws.limits, variant=variant), concepts)
    return ws.results.get_or_compute(analysis_id, compute)


@router.get("/analyses/{analysis_id}/explain", response_model=sch.ExplanationOut,
            tags=["analyses"], responses=sch.errors(404, 422) | {409: {"model": sch.ErrorOut}})
def explain(analysis_id: sch.AnalysisId, state: str = Query(..., description="State id, Y/N string, "
                                                                  "taken options or a state name"),
            dm: str = Query(...), concept: str = Query("Nash"), ws=Depends(reader)):
    """Why a state is or is not stable for a DM under a concept: each unilateral improvement
    and the sanction that deters it (with its credibility), or what nothing deters."""
    from detente.gmcr.explain import explain as _explain

    result = _result_object(ws, analysis_id)
    pos = result.position_of(state.strip())
    ex = _explain(result, pos, dm, concept)
    return ex.to_dict() | {"text": str(ex)}


def _hypergame_object(ws, analysis_id: int):
    """Each DM's view beside reality for a finished analysis (cached beside its result)."""
    return ws.results.get_or_compute(("hypergame", analysis_id),
                                     lambda: svc.hypergame_of(_result_object(ws, analysis_id)))


@router.get("/analyses/{analysis_id}/explain-view", response_model=sch.ViewExplanationOut,
            tags=["analyses"], responses=sch.errors(404, 422) | {409: {"model": sch.ErrorOut}})
def explain_view(analysis_id: sch.AnalysisId, state: str = Query(..., description="State id, Y/N string, "
                                                                        "taken options or a state name"),
                 view: str = Query(..., description="The DM whose view to explain"),
                 concept: str = Query("GMR", description="Nash, GMR, SMR or SEQ"),
                 ws=Depends(reader)):
    """Why a DM expects a state to hold (or not), and what actually happens there: the state's
    stability for every DM in that DM's view, in reality and in each DM's own view, and each
    move its view did not anticipate (by whom, why, and the statement and evidence it rests
    on). Models with perceptions only (docs/hypergames.md)."""
    return svc.view_explanation(_hypergame_object(ws, analysis_id), state, view, concept)


@router.get("/analyses/{analysis_id}/paths", response_model=sch.PathsOut, tags=["analyses"],
            responses=sch.errors(404, 422) | {409: {"model": sch.ErrorOut}})
def paths(analysis_id: sch.AnalysisId, concept: str | None = Query(None, description="Targets: this "
                                                                            "concept's equilibria"),
          to: str | None = Query(None, description="Target state instead (id, Y/N, options, or a "
                                                    "state name; a set's name: all its states)"),
          improvements_only: bool = False, ws=Depends(reader)):
    """Shortest sequences of moves from the status quo to each equilibrium (or to ``to``)."""
    from detente.gmcr.analysis import normalise_concepts
    from detente.gmcr.status_quo import reachable

    result = _result_object(ws, analysis_id)
    targets = ([result.position_of(code) for code in result.space.parse_states(to.strip())]
               if to else None)  # a set's name: all its states
    if concept is None and targets is None:
        concept = "SEQ" if "SEQ" in result.stable else next(iter(result.stable), None)
    elif concept is not None:
        concept = normalise_concepts([concept])[0]
    return reachable(result, concept, to=targets, improvements_only=improvements_only).to_dict()


@router.get("/analyses/{analysis_id}/graph", response_model=sch.GraphOut, tags=["analyses"],
            responses=sch.errors(404, 422) | {409: {"model": sch.ErrorOut}})
def graph(analysis_id: sch.AnalysisId, ws=Depends(reader)):
    """The state graph: feasible states, every DM's unilateral moves (marked when they are
    improvements for the mover), the status quo and the equilibria per concept."""
    result = _result_object(ws, analysis_id)
    return svc.graph_data(result, ws.limits)


# --- variants and reports ---------------------------------------------------------------------

@router.get("/scenarios/{scenario_id}/compare", response_model=sch.CompareOut,
            tags=["analyses"], responses=sch.errors(404, 422, 501))
def compare(scenario_id: sch.ScenarioId, concepts: list[str] | None = Query(None),
            version: sch.VersionQuery = None, ws=Depends(reader)):
    """The equilibria of the base model and of each declared variant side by side, and what
    each variant changes (as ``detente compare``)."""
    from detente.gmcr.analysis import normalise_concepts

    names = normalise_concepts(concepts)
    with ws.tx() as s:
        v = svc.get_version(s, scenario_id, version)
        text, fmt, number = v.text, v.format, v.version
    key = ("compare", svc._sha(text), fmt, tuple(names))  # same text, same answer
    comparison = ws.derived.get_or_compute(
        key, lambda: svc.compare_variants(svc.load_model(text, fmt, ws.limits), names))
    return {"scenario_id": scenario_id, "version": number, "concepts": names,
            "comparison": comparison}


def _report_and_summary(ws, text: str, fmt: str, concepts: list[str] | None):
    """The HTML report and its summary document for a version's text (built once, cached)."""
    from detente.gmcr.analysis import normalise_concepts
    names = normalise_concepts(concepts) if concepts else None
    return ws.derived.get_or_compute(
        ("report", svc._sha(text), fmt, tuple(names or ())),
        lambda: svc.render_report(svc.load_model(text, fmt, ws.limits), names, ws.limits))


@router.get("/scenarios/{scenario_id}/summary", response_model=sch.SummaryOut, tags=["scenarios"],
            responses=sch.errors(404, 422, 501))
def summary(scenario_id: sch.ScenarioId, version: sch.VersionQuery = None,
            concepts: list[str] | None = Query(None), ws=Depends(reader)):
    """The report's summary cards as JSON (as ``detente report --json``; schema
    ``detente.summary/1``, docs/json-schema.md): for each question the scenario embeds, the
    verdict, whether it restates an input, who leaves and why, how sure, what would change it."""
    with ws.tx() as s:
        v = svc.get_version(s, scenario_id, version)
        text, fmt, number = v.text, v.format, v.version
    _, doc = _report_and_summary(ws, text, fmt, concepts)
    return {"scenario_id": scenario_id, "version": number, **doc}


@router.get("/scenarios/{scenario_id}/report", tags=["scenarios"],
            responses={200: {"content": {"text/html": {}},
                             "description": "One self-contained HTML page"}}
            | sch.errors(404, 422, 501))
def report(scenario_id: sch.ScenarioId, version: sch.VersionQuery = None, download: bool = True,
           concepts: list[str] | None = Query(None), ws=Depends(reader)):
    """The HTML report of a version (as ``detente report``): model, evidence, stability,
    equilibria, status-quo paths, variants and the state graph; no network needed to open it."""
    with ws.tx() as s:
        v = svc.get_version(s, scenario_id, version)
        text, fmt, number = v.text, v.format, v.version
    html, _ = _report_and_summary(ws, text, fmt, concepts)
    from detente.report.html import REPORT_CSP
    # No script (the report has none), and a sandbox: the page gets an origin of its own, so
    # even a link that slipped through could not read this app's storage or call its API.
    headers = {"Content-Security-Policy": REPORT_CSP + "; frame-ancestors 'none'; sandbox"}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="scenario-{scenario_id}-v{number}.html"'
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


# --- timelines --------------------------------------------------------------------------------

TIMELINE_CONCEPT = Query("SEQ", description="Concept of equilibria, paths and instability "
                                            "(Nash, GMR, SMR or SEQ)")
TIMELINE_DAYS = Query(None, ge=1, le=36500, description="N of 'persisted at least N days' "
                                                        "(default: the model's, else 30)")
TIMELINE_ROBUST = Query(True, description="Robustness probabilities for the Brier score "
                                          "(false: the plain analysis only)")


def _timeline_object(ws, scenario_id: int, version: int | None, concept: str,
                     persisted_days: int | None, robustness: bool):
    """The engine's timeline result for a version (cached by text and parameters)."""
    from detente.gmcr.analysis import normalise_concepts

    with ws.tx() as s:
        v = svc.get_version(s, scenario_id, version)
        text, fmt, number = v.text, v.format, v.version
    (concept,) = normalise_concepts([concept])
    key = ("timeline", svc._sha(text), fmt, concept, persisted_days, robustness)
    result = ws.derived.get_or_compute(key, lambda: svc.timeline_of(
        svc.load_model(text, fmt, ws.limits), ws.limits, concept=concept,
        persisted_days=persisted_days, robust=robustness))
    return result, number, key


@router.get("/scenarios/{scenario_id}/timeline", response_model=sch.TimelineOut,
            tags=["analyses"], responses=sch.errors(404, 422))
def timeline(scenario_id: sch.ScenarioId, concept: str = TIMELINE_CONCEPT,
             persisted_days: int | None = TIMELINE_DAYS, robustness: bool = TIMELINE_ROBUST,
             version: sch.VersionQuery = None, ws=Depends(reader)):
    """Follow the model through its ``timeline:`` (as ``detente timeline``): the observed path,
    each observed move judged against the model in force just before it (improvement, on path,
    left unstable or surprise; for a surprise the assumption it contradicts and the revision
    that fixed it), how long equilibria and other states persisted, and Brier scores. Bounded:
    events, option combinations over the model versions and robustness time (422 beyond)."""
    result, number, _ = _timeline_object(ws, scenario_id, version, concept, persisted_days,
                                         robustness)
    return {"scenario_id": scenario_id, "version": number} | svc.timeline_dict(result)


@router.get("/scenarios/{scenario_id}/timeline/picture", tags=["analyses"],
            responses={200: {"content": {"image/svg+xml": {}},
                             "description": "The timeline picture (SVG)"}} | sch.errors(404, 422))
def timeline_picture(scenario_id: sch.ScenarioId, concept: str = TIMELINE_CONCEPT,
                     persisted_days: int | None = TIMELINE_DAYS,
                     robustness: bool = TIMELINE_ROBUST, version: sch.VersionQuery = None,
                     ws=Depends(reader)):
    """The timeline picture: observed states over time (dark: an equilibrium of the model in
    force), each move marked anticipated (circle) or surprise (cross), revisions dashed."""
    result, number, key = _timeline_object(ws, scenario_id, version, concept, persisted_days,
                                           robustness)
    picture = ws.derived.get_or_compute(("timeline-svg",) + key[1:],
                                        lambda: svc.timeline_svg(result))
    return Response(picture, media_type="image/svg+xml", headers={
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        "Content-Disposition": f'inline; filename="scenario-{scenario_id}-v{number}-timeline.svg"'})


SUGGEST_TOP = Query(None, ge=1, le=100, description="Candidates per assumption (suggested "
                                                   "evidence, default 3) or per option "
                                                   "(suggested observations, default 5)")
SUGGEST_MIN = Query(None, ge=0.0, le=1.0, description="Smallest score shown (default 0.05 for "
                                                     "evidence, 0.1 for observations)")


def _suggested(ws, kind: str, scenario_id: int, version: int | None, top: int, min_score: float):
    """The whole list of suggestions for a version (cached by its text, the parameters and
    the stored statements), and how many statements were ranked."""
    fn = svc.suggested_evidence if kind == "evidence" else svc.suggested_observations
    with ws.tx() as s:
        v = svc.get_version(s, scenario_id, version)
        text, fmt = v.text, v.format
        stamp = svc.statements_stamp(s, ws.limits)

    def compute():
        with ws.tx() as s:
            return fn(s, text, fmt, ws.limits, top=top, min_score=min_score)
    return ws.derived.get_or_compute(("suggested-" + kind, svc._sha(text), fmt, top, min_score,
                                      stamp), compute)


@router.get("/scenarios/{scenario_id}/suggested-observations",
            response_model=list[sch.SuggestedObservationOut], tags=["evidence"],
            responses=sch.errors(404, 422) | sch.SUGGESTED)
def suggested_observations(scenario_id: sch.ScenarioId, request: Request, response: Response,
                           version: sch.VersionQuery = None, top: int | None = SUGGEST_TOP,
                           min_score: float | None = SUGGEST_MIN, page: Paging = Depends(),
                           ws=Depends(reader)):
    """Stored statements proposed as observations for the model's ``timeline:`` (as
    ``detente suggest-observations MODEL --format json``, its ``candidates``): a reported
    action taking or dropping an option, by its owner, dated on or after the model's date, with
    the event it would record; options in model order, best first within each. A page at a
    time; ``X-Statements-Searched`` says how many statements were ranked (422 over the server's
    limit). Add one with ``POST .../timeline/events``."""
    items, searched = _suggested(ws, "observations", scenario_id, version,
                                 5 if top is None else top, 0.1 if min_score is None else min_score)
    response.headers["X-Statements-Searched"] = str(searched)
    return paged(request, response, items[page.offset:page.offset + page.limit], len(items), page)


@router.post("/scenarios/{scenario_id}/timeline/events", response_model=sch.ObservationOut,
             tags=["evidence"], responses=sch.errors(400, 401, 404, 422) | {
                 409: {"model": sch.ErrorOut, "description": "Someone saved a newer version "
                                                             "(base_version is stale)"}})
def add_observation(scenario_id: sch.ScenarioId, body: sch.ObservationIn, ws=Depends(writer)):
    """Append the observation a stored statement reports to the model's ``timeline: events:``
    as a new version (a ``move`` by the option's owner when it changes the option's value
    before the statement's date, else a ``state``; citing the statement), as a suggested
    observation's snippet reads. Only the added lines change; YAML comments are kept. 409 when
    the scenario changed since ``base_version``; 422 when the statement is not stored."""
    with ws.tx() as s:
        row, event = svc.add_observation(s, scenario_id, body.base_version, body.statement_id,
                                         body.option, body.value, ws.limits)
        added = row is not None
        if row is None:
            row = svc.get_scenario(s, scenario_id)
        return {"added": added, "event": event, "scenario": _detail(ws, s, row)}


# --- evidence ---------------------------------------------------------------------------------

@router.post("/evidence/articles", response_model=sch.IngestOut, tags=["evidence"],
             responses=sch.errors(400, 401, 413, 422) | sch.PARTLY_STORED)
def ingest_articles(body: sch.IngestIn, response: Response, ws=Depends(writer)):
    """Read articles into attributed statements, figures and dates (as ``detente ingest``).
    Each article is stored whole or not at all; re-sending one changes nothing. Per-article
    problems are reported and the rest of the batch goes on (status 207 if any failed)."""
    if len(body.articles) > ws.limits.max_articles:
        raise svc.PayloadTooLarge(Problem(
            f"{len(body.articles)} articles in one request; the limit is {ws.limits.max_articles}",
            hint="send them in several requests"))
    results = svc.ingest_articles(ws.tx, [a.model_dump() for a in body.articles])
    failed = sum(1 for r in results if not r["ok"])
    if failed:
        response.status_code = 207
    return {"results": results, "failed": failed}


@router.post("/evidence/files", response_model=sch.IngestOut, tags=["evidence"],
             responses=sch.errors(400, 401, 413, 422) | sch.PARTLY_STORED)
async def ingest_files(response: Response, files: list[UploadFile] = File(
                           ..., description="Dateline text, plain text, HTML or JSON Lines"),
                       format: str = Form("auto", pattern="^(auto|dateline|text|html|jsonl)$"),
                       date: str | None = Form(None, description="YYYY-MM-DD, for files without "
                                                                 "a dateline", pattern=sch.NO_NUL),
                       source: str | None = Form(None, pattern=sch.NO_NUL), ws=Depends(writer)):
    """Upload report files and read them as ``detente ingest FILE...`` does: one result per
    article (a JSON Lines file may hold many), 207 if some failed."""
    if len(files) > ws.limits.max_articles:
        raise svc.PayloadTooLarge(Problem(
            f"{len(files)} files in one request; the limit is {ws.limits.max_articles}"))
    data = [(f.filename or "", await f.read()) for f in files]
    results = await to_thread.run_sync(
        lambda: svc.ingest_files(ws.tx, data, format=format, date=date, source=source))
    failed = sum(1 for r in results if not r["ok"])
    if failed:
        response.status_code = 207
    return {"results": results, "failed": failed}


@router.get("/evidence/statements", response_model=list[sch.StatementOut], tags=["evidence"],
            responses=sch.PAGED)
def statements(request: Request, response: Response,
               speaker: str | None = Query(None, pattern=sch.NO_NUL),
               text: str | None = Query(None, pattern=sch.NO_NUL),
               channel: str | None = Query(None, pattern=sch.NO_NUL),
               since: str | None = Query(None, description="YYYY-MM-DD", pattern=sch.NO_NUL),
               until: str | None = Query(None, description="YYYY-MM-DD", pattern=sch.NO_NUL),
               article_id: int | None = Query(None, ge=1, le=sch.MAX_ID),
               page: Paging = Depends(), ws=Depends(reader)):
    """Stored statements, oldest first, filtered by speaker, text, channel and date, each with
    the assumptions it is linked to, a page at a time."""
    import datetime as dt
    from detente.store.evidence_repo import count_statements, find_statements

    def day(name, value):
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ModelError(Problem(f"{value!r} is not a date", field=name,
                                     hint="write it as YYYY-MM-DD")) from None
    filters = dict(speaker=speaker, text=text, channel=channel, since=day("since", since),
                   until=day("until", until), article_id=article_id)
    with ws.tx() as s:
        rows = find_statements(s, **filters, limit=page.limit, offset=page.offset)
        links = svc.links_by_statement(s, [r.id for r in rows])
        items = [r.to_dict() | {"links": links.get(r.id, [])} for r in rows]
        return paged(request, response, items, count_statements(s, **filters), page)


@router.get("/evidence/statements/{statement_id}", response_model=sch.StatementOut,
            tags=["evidence"], responses=sch.errors(404))
def statement(statement_id: str, ws=Depends(reader)):
    """One stored statement by its integer id or its stable id (st-...)."""
    from detente.store.evidence_repo import get_statement
    with ws.tx() as s:
        st = get_statement(s, statement_id)
        if st is None:
            raise svc.NotFound(f"there is no stored statement {statement_id}")
        return st.to_dict() | {"links": svc.links_by_statement(s, [st.id]).get(st.id, [])}


@router.get("/scenarios/{scenario_id}/assumptions", response_model=list[sch.AssumptionOut],
            tags=["evidence"], responses=sch.errors(404, 422) | sch.PAGED)
def assumptions(scenario_id: sch.ScenarioId, request: Request, response: Response,
                page: Paging = Depends(), ws=Depends(reader)):
    """The assumptions of the current model (preference statements, rankings, constraints,
    options, in the model's order) with their written evidence and the stored statements
    linked to them, a page at a time."""
    with ws.tx() as s:
        items = svc.scenario_assumptions(s, scenario_id, ws.limits)
    return paged(request, response, items[page.offset:page.offset + page.limit], len(items), page)


@router.get("/scenarios/{scenario_id}/suggested-evidence",
            response_model=list[sch.SuggestedEvidenceOut], tags=["evidence"],
            responses=sch.errors(404, 422) | sch.SUGGESTED)
def suggested_evidence(scenario_id: sch.ScenarioId, request: Request, response: Response,
                       version: sch.VersionQuery = None, top: int | None = SUGGEST_TOP,
                       min_score: float | None = SUGGEST_MIN, page: Paging = Depends(),
                       ws=Depends(reader)):
    """Stored statements ranked as evidence for each preference statement and constraint (as
    ``detente suggest-evidence MODEL --format json``, its ``suggestions``: TF-IDF cosine
    between the assumption and each statement), each assumption with its ``key`` for
    ``POST .../links``. A page of assumptions at a time; ``X-Statements-Searched`` says how
    many statements were ranked (422 over the server's limit)."""
    items, searched = _suggested(ws, "evidence", scenario_id, version,
                                 3 if top is None else top, 0.05 if min_score is None else min_score)
    response.headers["X-Statements-Searched"] = str(searched)
    return paged(request, response, items[page.offset:page.offset + page.limit], len(items), page)


@router.get("/scenarios/{scenario_id}/links", response_model=list[sch.LinkOut],
            tags=["evidence"], responses=sch.errors(404) | sch.PAGED)
def list_links(scenario_id: sch.ScenarioId, request: Request, response: Response,
               page: Paging = Depends(), ws=Depends(reader)):
    """The evidence links of a scenario, oldest first, a page at a time."""
    with ws.tx() as s:
        return paged(request, response, svc.list_links(s, scenario_id, page.limit, page.offset),
                     svc.count_links(s, scenario_id), page)


@router.post("/scenarios/{scenario_id}/links", status_code=201, response_model=sch.LinkOut,
             tags=["evidence"], responses=sch.errors(400, 401, 404, 422))
def add_link(scenario_id: sch.ScenarioId, body: sch.LinkIn, ws=Depends(writer)):
    """Link a stored statement to an assumption of the scenario's current model."""
    with ws.tx() as s:
        return svc.add_link(s, scenario_id, body.statement_id, body.target, body.note, ws.limits)


@router.post("/scenarios/{scenario_id}/links/cite", response_model=sch.CiteOut, tags=["evidence"],
             responses=sch.errors(400, 401, 404, 422) | {409: {"model": sch.ErrorOut}})
def cite_links(scenario_id: sch.ScenarioId, body: sch.CiteIn, ws=Depends(writer)):
    """Write the workspace's links into the model: a new version in which each linked
    statement is cited as evidence of its assumption (``statement_id``, speaker, channel, date,
    quote, source), so ``detente analyze``/``report`` show it. YAML comments are kept."""
    with ws.tx() as s:
        row, added = svc.cite_links(s, scenario_id, body.base_version, ws.limits)
        if row is None:
            row = svc.get_scenario(s, scenario_id)
        return {"added": added, "scenario": _detail(ws, s, row)}


@router.delete("/links/{link_id}", status_code=204, tags=["evidence"],
               responses=sch.errors(401, 404))
def delete_link(link_id: sch.LinkId, ws=Depends(writer)):
    with ws.tx() as s:
        svc.delete_link(s, link_id)
    return Response(status_code=204)
