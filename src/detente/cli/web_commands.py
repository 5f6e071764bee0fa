"""``detente serve``: the web app and REST API (FastAPI served by uvicorn)."""

from __future__ import annotations

import ipaddress
import os

import typer

from detente.cli import app, console
from detente.errors import DetenteError, Problem


GRACEFUL_STOP_SECONDS = 5


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost' (the only hosts that need no token)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but "
                             "loopback needs DETENTE_TOKEN set (every write must send it)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    db: str = typer.Option(None, "--db", help="Database URL (sqlite:///file.sqlite or "
                           "postgresql+psycopg://user:pw@host/db) or SQLite file; default "
                           "$DETENTE_DB or ~/.local/share/detente/detente.sqlite."),
    workers: int = typer.Option(None, "--jobs", help="Processes for background analyses "
                                "(default: cores - 1, between 1 and 4)."),
    threads: int = typer.Option(None, "--threads", help="Threads answering requests "
                                "(default 40)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level"),
    allowed_host: list[str] = typer.Option(None, "--allowed-host", help="A host name clients "
                                           "use to reach the server (repeat, or separate with "
                                           "commas; '*.example.org' for any name under it), "
                                           "besides localhost, 127.0.0.1, [::1] and --host. "
                                           "Also $DETENTE_ALLOWED_HOSTS. Requests for other "
                                           "names are refused (DNS rebinding)."),
) -> None:
    """Serve the web app and REST API (migrations run on start; API docs at /docs)."""
    import uvicorn

    from detente.store.db import describe, resolve_url
    from detente.web.app import create_app

    token = os.environ.get("DETENTE_TOKEN") or None
    if not is_loopback(host) and not token:
        raise DetenteError(Problem(
            f"refusing to listen on {host} without a token: anyone who can reach it could "
            "change the workspace",
            hint="set DETENTE_TOKEN to a long random value (e.g. export DETENTE_TOKEN=$(python "
                 "-c 'import secrets; print(secrets.token_urlsafe(32))')), or use --host 127.0.0.1"))
    if token and len(token) < 16:
        raise DetenteError("DETENTE_TOKEN is too short", hint="use at least 16 random characters")
    from detente.web.security import ENV_ALLOWED_HOSTS, listen_host_names, parse_hosts
    hosts = list(dict.fromkeys(listen_host_names(host) + parse_hosts(allowed_host or [])
                               + parse_hosts(os.environ.get(ENV_ALLOWED_HOSTS, ""))))
    url = resolve_url(db)
    web = create_app(url, token, job_workers=workers, threads=threads, allowed_hosts=hosts)
    console.print(f"detente web app on http://{host}:{port}/  (database {describe(url)}"
                  + (", writes need the X-Detente-Token header" if token else "") + ")",
                  markup=False, highlight=False, soft_wrap=True)
    console.print(f"answers for the host names {web.state.host_policy.describe()}"
                  + ("" if hosts or is_loopback(host) else
                     f"; add --allowed-host NAME for the name others use to reach {host}"),
                  markup=False, highlight=False, soft_wrap=True)
    # On SIGTERM or Ctrl-C: answer the requests in progress for a few seconds (an open progress
    # stream would otherwise hold the stop), then stop; unfinished analyses stay queued and
    # run when the server starts again (docker kills after 10 s, systemd after 90 s).
    server = uvicorn.Server(uvicorn.Config(web, host=host, port=port, log_level=log_level,
                                           proxy_headers=False,
                                           timeout_graceful_shutdown=GRACEFUL_STOP_SECONDS))
    handle_exit = server.handle_exit

    def stop(sig, frame):  # progress streams end at once instead of holding the stop
        web.state.ws.stopping.set()
        handle_exit(sig, frame)
    server.handle_exit = stop  # type: ignore[method-assign]
    server.run()
