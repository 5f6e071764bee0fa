"""The web application: :func:`create_app` builds the FastAPI app over one database.

Layout: :mod:`detente.web.api` (REST routes under ``/api``), :mod:`detente.web.pages` (the
server-rendered UI), :mod:`detente.web.services` (what both do with the database),
:mod:`detente.web.jobs` (background analyses). This module wires them together with the
security rules: a token for writes, body size limits, and error answers that are always
JSON a person can read (never a traceback).
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente import __version__
from detente.errors import DetenteError, ModelError, Problem, TooLargeError
from detente.web import services as svc
from detente.web.jobs import JobRunner
from detente.web.schemas import MAX_ID, NO_NUL
from detente.web.security import ENV_ALLOWED_HOSTS, SAFE_METHODS, HostPolicy, RequestGuard

log = logging.getLogger("detente.web")
HERE = Path(__file__).parent
TOKEN_HEADER = "X-Detente-Token"


@dataclass
class Workspace:
    """Everything a request handler needs: the engine, limits, token, jobs and caches."""

    engine: Any
    db_url: str
    limits: svc.Limits
    token: str | None
    runner: JobRunner
    results: svc.LRU = field(default_factory=lambda: svc.LRU(max_items=8))
    payloads: svc.LRU = field(default_factory=lambda: svc.LRU(
        max_items=64, max_weight=256 * 2**20, weigh=lambda v: len(v[0]) + len(v[1])))
    summaries: svc.LRU = field(default_factory=lambda: svc.LRU(max_items=256))
    derived: svc.LRU = field(default_factory=lambda: svc.LRU(max_items=16))  # compare, report
    # set when the server is told to stop: progress streams end so the stop is not held up
    stopping: threading.Event = field(default_factory=threading.Event)

    @property
    def token_required(self) -> bool:
        return self.token is not None

    def tx(self):
        """A session in one transaction (committed at the end of the block, else rolled back)."""
        from detente.store.db import transaction
        return transaction(self.engine)


# --- errors -> HTTP ----------------------------------------------------------------------------

class Unauthorized(DetenteError):
    """A write without the right token."""


class BadRequest(DetenteError):
    """A request that cannot be read at all (e.g. the body is not JSON)."""


STATUS = [
    (Unauthorized, 401), (svc.NotFound, 404), (svc.VersionConflict, 409), (svc.NotReady, 409),
    (svc.PayloadTooLarge, 413), (svc.TooBusy, 429), (svc.Unavailable, 501), (BadRequest, 400),
    (TooLargeError, 422), (ModelError, 422), (DetenteError, 422),
]


def status_of(exc: DetenteError) -> int:
    for cls, code in STATUS:
        if isinstance(exc, cls):
            return code
    return 422


def error_response(exc: DetenteError, status: int | None = None) -> JSONResponse:
    return JSONResponse(exc.to_dict(), status_code=status or status_of(exc))


def _loc(loc) -> str:
    out = ""
    for p in loc:
        if p in ("body", "query", "path", "header"):
            continue
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + str(p)
    return out


def _validation_problems(exc: RequestValidationError) -> tuple[int, list[Problem]]:
    problems, status = [], 422
    for e in exc.errors():
        kind, where = e.get("type", ""), _loc(e.get("loc", ()))
        if kind == "json_invalid":
            ctx = e.get("ctx") or {}
            status = 400
            problems.append(Problem(f"the request body is not valid JSON: {ctx.get('error', e.get('msg'))}",
                                    hint="send a JSON object, e.g. {\"text\": \"...\"}, with "
                                         "Content-Type: application/json"))
        elif kind == "extra_forbidden":
            problems.append(Problem(f"unknown field {where!r}", field=where,
                                    hint="remove it; GET /openapi.json lists the fields"))
        elif kind == "missing":
            problems.append(Problem(f"missing field {where!r}", field=where))
        elif kind == "string_pattern_mismatch" and (e.get("ctx") or {}).get("pattern") == NO_NUL:
            problems.append(Problem(f"{where or 'request'}: contains a NUL character", field=where or None,
                                    hint="remove it (binary data?)"))
        else:
            problems.append(Problem(f"{where or 'request'}: {e.get('msg')}", field=where or None))
    return status, problems


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DetenteError)
    async def _detente(request: Request, exc: DetenteError):
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        status, problems = _validation_problems(exc)
        name = "BadRequest" if status == 400 else "RequestError"
        return JSONResponse({"error": name, "problems": [p.to_dict() for p in problems]},
                            status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"there is no page or API route {request.url.path}"
        if exc.status_code == 405:
            msg = f"{request.method} is not allowed on {request.url.path}"
        return JSONResponse({"error": "HTTPError", "problems": [{"message": msg}]},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    from sqlalchemy.exc import DataError

    async def _out_of_range(request: Request, exc: Exception):
        # A number the database cannot hold (SQLite's OverflowError, PostgreSQL's
        # NumericValueOutOfRange): the request's fault, refused like any invalid value.
        log.info("value refused by the database on %s %s: %s", request.method,
                 request.url.path, exc)
        if "NUL" in str(exc):  # psycopg: "PostgreSQL text fields cannot contain NUL (0x00) bytes"
            problem = {"message": "a text in the request contains a NUL character",
                       "hint": "remove it (binary data?)"}
        else:
            problem = {"message": "a number in the request is out of range",
                       "hint": f"ids and version numbers are between 1 and {MAX_ID:,}"}
        return JSONResponse({"error": "RequestError", "problems": [problem]}, status_code=422)
    app.add_exception_handler(DataError, _out_of_range)
    app.add_exception_handler(OverflowError, _out_of_range)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):  # never a traceback to the client
        log.exception("internal error on %s %s", request.method, request.url.path)
        return internal_error_response()


def internal_error_response() -> JSONResponse:
    return JSONResponse({"error": "InternalError", "problems": [{
        "message": "internal error; nothing was saved by this request",
        "hint": "the server log has the details"}]}, status_code=500)


class InternalErrors:
    """A bug in a handler is answered with the JSON 500 and *not* raised on to the server
    (Starlette's outermost error middleware re-raises after answering, and uvicorn then closes
    the connection, so the client's next request on it was lost). An error after the answer
    has started cannot be answered any more: that one goes on to the server."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)
        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:
                raise
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            await internal_error_response()(scope, receive, send)


# --- request body size limit (pure ASGI, so it also stops chunked bodies) -------------------

class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 and a clear message."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(send, int(declared))
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooBig(seen)
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooBig as exc:
            if not started:
                await self._refuse(send, exc.size)

    async def _refuse(self, send, size: int) -> None:
        body = json.dumps(svc.PayloadTooLarge(Problem(
            f"the request body is over {size:,} bytes; this server accepts up to "
            f"{self.limit:,} bytes", hint="send a smaller model or fewer articles at once"))
            .to_dict()).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """No sniffing, no referrer to other sites, and for HTML pages a Content-Security-Policy
    that allows only this server's own scripts (pure ASGI: large bodies pass untouched)."""

    CSP = (b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
           b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'")

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin")]
                ctype = dict(headers).get(b"content-type", b"")
                if ctype.startswith(b"text/html"):
                    extra.append((b"content-security-policy", self.CSP))
                headers += [(k, v) for k, v in extra if k not in names]
                message = dict(message, headers=headers)
            await send(message)
        await self.app(scope, receive, send_with_headers)


class _TooBig(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


# --- security ------------------------------------------------------------------------------

def check_write(ws: Workspace, request: Request) -> None:
    """Writes need the token when one is configured. (Foreign hosts, cross-site writes and
    bodies that are not JSON or YAML never get here: :class:`detente.web.security.RequestGuard`
    refuses them before any route runs.)"""
    if not ws.token_required:
        return
    sent = request.headers.get(TOKEN_HEADER)
    auth = request.headers.get("authorization", "")
    if sent is None and auth.lower().startswith("bearer "):
        sent = auth[7:].strip()
    if not sent:
        raise Unauthorized(Problem("this server needs a token for changes",
                                   hint=f"send the DETENTE_TOKEN value in the {TOKEN_HEADER} "
                                        "header (or Authorization: Bearer ...)"))
    if not hmac.compare_digest(sent.encode(), ws.token.encode()):  # type: ignore[union-attr]
        raise Unauthorized(Problem("wrong token", hint=f"send the server's DETENTE_TOKEN in "
                                                      f"the {TOKEN_HEADER} header"))


def _enable_wal(engine) -> None:
    """SQLite files: write-ahead logging, so readers are not blocked by a job's writes."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")


def _openapi(app: FastAPI) -> dict:
    """The OpenAPI document, with FastAPI's default validation-error schema replaced by the
    error model this app really answers with (``ErrorOut``)."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi
    doc = get_openapi(title=app.title, version=app.version, description=app.description,
                      routes=app.routes, tags=app.openapi_tags)
    text = json.dumps(doc).replace("#/components/schemas/HTTPValidationError",
                                   "#/components/schemas/ErrorOut")
    doc = json.loads(text)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    # bodies parsed by hand (JSON or raw YAML) are documented with these models
    from detente.web import schemas as sch
    for model in (sch.ScenarioIn, sch.ScenarioUpdate):
        js = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(js.pop("$defs", {}))
        schemas[model.__name__] = js
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    guard = {  # answered by detente.web.security.RequestGuard before any route runs
        "421": "The Host is not a name this server answers for (see --allowed-host)",
        "403": "A write from another site (Origin, Sec-Fetch-Site), or an upload without the "
               "token header or the server's own Origin",
        "400": "The body is not JSON or YAML (multipart only for uploads), or not valid JSON"}
    for ops in doc.get("paths", {}).values():
        for method, op in ops.items():
            responses = op.setdefault("responses", {})
            r422 = responses.get("422")
            if r422 and r422.get("description") == "Validation Error":
                r422["description"] = "Invalid request or model, located (line, field)"
            codes = ["421"] + (["403", "400"] if method.upper() not in SAFE_METHODS else [])
            for code in codes:
                responses.setdefault(code, {"description": guard[code], "content": error})
    app.openapi_schema = doc
    return doc


def swagger_assets() -> Path:
    """Swagger UI's script and stylesheet for /docs, from the fastapi-offline package (a copy
    of the files FastAPI would load from a CDN, which the page's policy forbids)."""
    import fastapi_offline
    return Path(fastapi_offline.__file__).parent / "static"


# --- the factory ---------------------------------------------------------------------------

def create_app(db_url: str | None = None, token: str | None = None, *,
               limits: svc.Limits | None = None, jobs: str = "auto",
               job_workers: int | None = None, threads: int | None = None,
               allowed_hosts: Iterable[str] | str | None = None) -> FastAPI:
    """The detente web app over the database at ``db_url`` (see
    :func:`detente.store.db.resolve_url`; migrated on start).

    Parameters
    ----------
    db_url
        SQLAlchemy URL or SQLite file path; default ``$DETENTE_DB`` or the user's SQLite file.
    token
        When set, every write (POST/PUT/PATCH/DELETE except validation) must send it in the
        ``X-Detente-Token`` header. ``detente serve`` sets it from ``DETENTE_TOKEN`` and
        refuses to listen on a non-loopback address without one.
    limits
        Body, model and graph sizes (:class:`detente.web.services.Limits`).
    jobs
        ``"process"`` (worker processes), ``"thread"`` or ``"auto"`` (processes unless the
        database is in memory).
    allowed_hosts
        Host names (or ``*.domain``) the server answers for besides the loopback names
        (``localhost``, ``127.0.0.1``, ``[::1]``); default ``$DETENTE_ALLOWED_HOSTS``
        (comma-separated). Any other ``Host`` gets 421 (see :mod:`detente.web.security`).
    """
    from detente.store.db import get_engine, resolve_url, transaction
    import detente.store.workspace  # noqa: F401 - registers the workspace tables

    if allowed_hosts is None:
        allowed_hosts = os.environ.get(ENV_ALLOWED_HOSTS, "")
    policy = HostPolicy.of(allowed_hosts)  # a bad name: DetenteError, before anything starts
    url = resolve_url(db_url)
    engine = get_engine(url)  # runs the migrations (raises StoreError with a hint)
    _enable_wal(engine)
    limits = limits or svc.Limits()
    workers = job_workers or max(1, min(4, (os.cpu_count() or 2) - 1))
    runner = JobRunner(url, limits, mode=jobs, workers=workers)
    ws = Workspace(engine=engine, db_url=url, limits=limits, token=token or None, runner=runner)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        if threads:  # fewer threads than anyio's 40: less contention for the interpreter lock
            from anyio import to_thread
            to_thread.current_default_thread_limiter().total_tokens = threads
        runner.warm()
        n = runner.resume(lambda: transaction(engine))
        if n:
            log.info("resumed %d unfinished analyses", n)
        yield
        stopped = runner.shutdown()
        if stopped:
            log.info("stopped %d running analyses; they run again when the server starts",
                     len(stopped))

    app = FastAPI(
        title="detente",
        version=__version__,
        description=(
            "A shared workspace for analysing strategic conflicts: scenarios (GMCR conflict "
            "models in YAML/JSON) with version history, stability analyses as background jobs "
            "(results in the CLI's JSON schema `detente.analysis/1`), explanations, status-quo "
            "paths, variant comparison, evidence from news reports linked to model "
            "assumptions, and HTML reports.\n\n"
            f"Writes need the `{TOKEN_HEADER}` header when the server has a token "
            "(always when it listens on a non-loopback address). Requests for a host name "
            "the server does not answer for get 421, writes from another site (`Origin`, "
            "`Sec-Fetch-Site`) 403, and write bodies must be JSON or YAML (multipart only for "
            "uploads). Every error answer is "
            "`{error, problems: [{message, line, column, field, hint}]}`."),
        lifespan=lifespan,
        docs_url=None,  # served by pages.api_docs with local assets (no CDN)
        redoc_url=None,
        openapi_tags=[
            {"name": "scenarios", "description": "Conflict models and their versions"},
            {"name": "analyses", "description": "Stability analyses (background jobs) and "
                                                "what can be asked of their results"},
            {"name": "evidence", "description": "Articles, statements, links to assumptions"},
            {"name": "service", "description": "Health"},
        ],
    )
    app.state.ws = ws
    app.state.host_policy = policy
    install_error_handlers(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]

    from detente.web import api, pages
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/docs-assets", StaticFiles(directory=swagger_assets()), name="docs-assets")
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes)
    app.add_middleware(InternalErrors)  # outside BodyLimit, which answers its own 413
    # before anything else: foreign Host names, cross-site writes, bodies not JSON or YAML
    app.add_middleware(RequestGuard, policy=policy)

    app.add_middleware(SecurityHeaders)

    return app
