"""The server-rendered UI: pages are Jinja2 templates (autoescaped) that a little
hand-written JavaScript (``static/app.js``) fills from the REST API."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from detente import __version__
from detente.errors import Problem
from detente.web import services as svc

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.autoescape = True  # every template, whatever its extension


def _ctx(request: Request, **kw):
    ws = request.app.state.ws
    return {"request": request, "version": __version__, "token_required": ws.token_required,
            "limits": ws.limits} | kw


PAGE = 50  # scenarios per page of the list


@router.get("/", response_class=HTMLResponse)
def index(request: Request, offset: int = 0):
    from detente.web.schemas import MAX_ID
    ws = request.app.state.ws
    offset = min(max(offset, 0), MAX_ID)
    with ws.tx() as s:
        scenarios = svc.list_scenarios(s, PAGE, offset)
        total = svc.count_scenarios(s)
    page = {"offset": offset, "total": total, "first": offset + 1 if scenarios else 0,
            "last": offset + len(scenarios),
            "prev": max(0, min(offset, total) - PAGE) if offset > 0 else None,
            "next": offset + PAGE if offset + len(scenarios) < total else None}
    return templates.TemplateResponse(request, "index.html",
                                      _ctx(request, scenarios=scenarios, page=page))


@router.get("/scenarios/{scenario_id}", response_class=HTMLResponse)
def scenario_page(request: Request, scenario_id: int):
    from detente.web.schemas import MAX_ID
    ws = request.app.state.ws
    try:
        if not 1 <= scenario_id <= MAX_ID:
            raise svc.NotFound(Problem(f"there is no scenario {scenario_id}"))
        with ws.tx() as s:
            sc = svc.scenario_dict(svc.get_scenario(s, scenario_id))
    except svc.NotFound as exc:  # a page, not a JSON error, for people
        return templates.TemplateResponse(request, "not_found.html",
                                          _ctx(request, message=exc.problems[0].message),
                                          status_code=404)
    return templates.TemplateResponse(request, "scenario.html", _ctx(request, scenario=sc))


@router.get("/evidence", response_class=HTMLResponse)
def evidence_page(request: Request):
    ws = request.app.state.ws
    with ws.tx() as s:  # the first page; the search box finds the others (GET /api/scenarios?q=)
        scenarios = svc.list_scenarios(s, PAGE)
        total = svc.count_scenarios(s)
    return templates.TemplateResponse(request, "evidence.html",
                                      _ctx(request, scenarios=scenarios, total=total))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The interactive API page: Swagger UI from this server's own files (no CDN), started by
    ``static/docs.js`` (no inline script, so the page's Content-Security-Policy stays strict)."""
    root = request.scope.get("root_path", "").rstrip("/")
    return templates.TemplateResponse(request, "docs.html", {
        "request": request, "version": __version__, "root": root,
        "openapi_url": root + (request.app.openapi_url or "/openapi.json")})
