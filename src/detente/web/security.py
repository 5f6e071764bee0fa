"""What a browser may be tricked into sending: the checks made before any route runs.

A page on another site can make the browser of someone running ``detente serve`` send
requests to it (a form, ``fetch`` in ``no-cors`` mode, a sandboxed frame), and with DNS
rebinding it can even read the answers, under a name of its own that resolves to 127.0.0.1.
:class:`RequestGuard` (pure ASGI, in front of the app) refuses, for every request:

* a ``Host`` that is not one of the server's names: the loopback names (``localhost``,
  ``127.0.0.1``, ``[::1]``), the address it listens on, and the names given with
  ``--allowed-host`` / ``DETENTE_ALLOWED_HOSTS`` (421);

and for every request that may change something (any method but GET, HEAD and OPTIONS):

* one the browser marks as coming from another site (``Sec-Fetch-Site: cross-site`` or
  ``same-site``), or whose ``Origin`` is ``null`` (a sandboxed frame, a ``file:`` or ``data:``
  page) or not this server's own origin (403);
* a body whose ``Content-Type`` is not JSON or YAML (the types a cross-site form cannot send
  without the browser asking first); ``multipart/form-data`` only for the upload route, which
  then needs the token header or a same-origin ``Origin`` / ``Sec-Fetch-Site`` (400, 403).

Requests without ``Origin`` or ``Sec-Fetch-Site`` (curl, scripts) pass the origin check:
browsers send ``Origin`` on every cross-origin write. :func:`check_request` is the decision
alone, for tests; the token itself is checked by the routes (:func:`detente.web.app.check_write`).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from detente.errors import DetenteError, Problem

ENV_ALLOWED_HOSTS = "DETENTE_ALLOWED_HOSTS"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
JSON_TYPES = frozenset({"application/json"})
YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
UPLOAD_PATHS = frozenset({"/api/evidence/files"})
DEFAULT_PORTS = {"http": 80, "https": 443}

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_NAME = re.compile(rf"^(?:\*\.)?{_LABEL}(?:\.{_LABEL})*$")


class HostNotAllowed(DetenteError):
    """A request for a host name the server does not answer for (DNS rebinding)."""


class CrossSiteRequest(DetenteError):
    """A write that a page on another site made the browser send."""


class UnsupportedContentType(DetenteError):
    """A write whose body is not JSON or YAML (or an upload sent to another route)."""


STATUS = {HostNotAllowed: 421, CrossSiteRequest: 403, UnsupportedContentType: 400}


# --- host names ------------------------------------------------------------------------------

def split_host(value: str) -> tuple[str, int | None] | None:
    """``Host`` header (or ``Origin``'s authority) -> (lower-case name without brackets or a
    final dot, port or None); None when it cannot be read."""
    value = value.strip().lower()
    if not value or any(c in value for c in "/@?#\\ \t"):
        return None
    port: str | None = None
    if value.startswith("["):  # [v6] or [v6]:port
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1:]
        if rest:
            if not rest.startswith(":"):
                return None
            port = rest[1:]
    elif value.count(":") == 1:
        name, port = value.split(":")
    elif ":" in value:  # a bare IPv6 address is not a valid Host, but read it as written
        name = value
    else:
        name = value
    name = name.rstrip(".")
    if port is not None:
        if not port.isdigit() or not 0 < int(port) < 65536:
            return None
        return name, int(port)
    return (name, None) if name else None


def normalise_host(value: str) -> str:
    """One allowed-host entry as given by a user -> the name compared with ``Host``.

    Accepts a DNS name, ``*.domain`` (any name under it), an IPv4 or IPv6 address (with or
    without brackets); a port is dropped (the check is on names). Raises DetenteError with a
    hint for anything else (a URL, a path, ``*`` alone)."""
    raw = value.strip()
    text = raw.lower()
    if text == "*":
        raise DetenteError(Problem("allowed host '*' would turn the host check off",
                                   hint="name the host names clients use, e.g. "
                                        "--allowed-host detente.example.org"))
    try:
        return str(ipaddress.ip_address(text.strip("[]")))
    except ValueError:
        pass
    parts = split_host(text) if "://" not in text else None
    if parts is not None:
        name = parts[0]
        try:
            return str(ipaddress.ip_address(name))
        except ValueError:
            if _NAME.match(name):
                return name
    raise DetenteError(Problem(f"{raw!r} is not a host name", field="allowed host",
                               hint="give a name or address as clients write it in the URL, "
                                    "without scheme or path: e.g. detente.example.org, "
                                    "*.example.org or 10.0.0.5"))


def parse_hosts(values: Iterable[str] | str | None) -> list[str]:
    """Comma- or space-separated lists (``--allowed-host a,b``, ``DETENTE_ALLOWED_HOSTS``) ->
    normalised names, in order, without repeats."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        for item in re.split(r"[,\s]+", value or ""):
            if item:
                name = normalise_host(item)
                if name not in out:
                    out.append(name)
    return out


def listen_host_names(host: str | None) -> list[str]:
    """The address ``detente serve --host`` listens on, as a name clients may use; nothing
    for the wildcard addresses (0.0.0.0, ::), which are not a name anyone browses to."""
    if not host:
        return []
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return parse_hosts(host)
    return [] if ip.is_unspecified else [str(ip)]


@dataclass(frozen=True)
class HostPolicy:
    """The names the server answers for: loopback plus ``extra`` (names or ``*.domain``)."""

    extra: tuple[str, ...] = ()
    names: frozenset[str] = field(init=False)
    suffixes: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        every = [*LOOPBACK_NAMES, *self.extra]
        object.__setattr__(self, "names", frozenset(n for n in every if not n.startswith("*.")))
        object.__setattr__(self, "suffixes", tuple(n[1:] for n in every if n.startswith("*.")))

    @classmethod
    def of(cls, hosts: Iterable[str] | str | None) -> HostPolicy:
        return cls(tuple(parse_hosts(hosts)))

    def allows(self, name: str) -> bool:
        try:  # 127.000.000.001 and the like are not what anyone types; compare the address
            name = str(ipaddress.ip_address(name))
        except ValueError:
            pass
        return name in self.names or any(name.endswith(s) and len(name) > len(s)
                                         for s in self.suffixes)

    def describe(self) -> str:
        shown = ["[::1]" if n == "::1" else (f"[{n}]" if ":" in n else n)
                 for n in [*LOOPBACK_NAMES, *self.extra]]
        return ", ".join(dict.fromkeys(shown))


# --- the decision ----------------------------------------------------------------------------

def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _same_origin(origin: str, host: tuple[str, int | None]) -> bool:
    """``Origin: scheme://name[:port]`` names the server the request was sent to (``Host``).
    A ``Host`` without a port is taken as the origin's default port (a TLS proxy in front)."""
    m = re.fullmatch(r"([a-z][a-z0-9+.-]*)://([^/]+)", origin.strip().lower())
    if not m or m.group(1) not in DEFAULT_PORTS:
        return False
    parts = split_host(m.group(2))
    if parts is None:
        return False
    default = DEFAULT_PORTS[m.group(1)]
    o_name, o_port = parts[0], parts[1] or default
    h_name, h_port = host[0], host[1] or default
    return o_name == h_name and o_port == h_port


def check_request(method: str, path: str, headers: Mapping[str, str], policy: HostPolicy
                  ) -> DetenteError | None:
    """The error to answer with, or None when the request may go on to the app.

    ``headers``: lower-case names. The token is not checked here (the routes do), only
    whether an upload carries the token header at all."""
    host_value = headers.get("host")
    host = split_host(host_value) if host_value is not None else None
    if host is None:
        return HostNotAllowed(Problem(
            "the request has no readable Host header" if not host_value
            else f"the Host header {host_value!r} cannot be read",
            hint="send the server's name in the Host header (HTTP/1.1 clients do)"))
    if not policy.allows(host[0]):
        shown = f"[{host[0]}]" if ":" in host[0] else host[0]
        return HostNotAllowed(Problem(
            f"this server does not answer for the host {shown!r} (it answers for "
            f"{policy.describe()})",
            hint=f"if {shown} is a name of this server, start it with "
                 f"'detente serve --allowed-host {shown}' or set {ENV_ALLOWED_HOSTS}={shown} "
                 "(comma-separated for several); this check stops other sites from reaching "
                 "the server through DNS rebinding"))
    if method.upper() in SAFE_METHODS:
        return None

    site = headers.get("sec-fetch-site", "").strip().lower()
    origin = headers.get("origin")
    if site in ("cross-site", "same-site"):
        return CrossSiteRequest(Problem(
            f"cross-site write refused (the browser says the request comes from a {site} page"
            + (f", {origin}" if origin else "") + ")",
            hint="change the workspace from this server's own pages, or from a script "
                 "(curl, Python) which sends no Origin"))
    if origin is not None:
        if origin.strip().lower() == "null":
            return CrossSiteRequest(Problem(
                "cross-site write refused (Origin: null: a sandboxed frame, a file: or data: "
                "page)", hint="change the workspace from this server's own pages"))
        if not _same_origin(origin, host):
            return CrossSiteRequest(Problem(
                f"cross-site write from {origin} refused (this is {host_value})",
                hint="use the API from the same origin, or without an Origin header (curl, "
                     "scripts); behind a reverse proxy, pass the Host header on unchanged "
                     "(nginx: proxy_set_header Host $http_host)"))

    ctype = _media_type(headers.get("content-type"))
    has_body = (headers.get("content-length", "0").strip() not in ("", "0")
                or "transfer-encoding" in headers)
    if ctype == "multipart/form-data" and path in UPLOAD_PATHS:
        auth = headers.get("authorization", "").strip().lower()
        if not ("x-detente-token" in headers or auth.startswith("bearer ")
                or origin is not None or site == "same-origin"):
            return CrossSiteRequest(Problem(
                "an upload must show it comes from this server's page or from a client that "
                "knows the token",
                hint="send the X-Detente-Token header (the server's DETENTE_TOKEN; any value "
                     "when the server has none), or the server's own Origin header"))
        return None
    if ctype in JSON_TYPES or ctype in YAML_TYPES:
        return None
    if ctype == "multipart/form-data":
        return UnsupportedContentType(Problem(
            f"unsupported Content-Type {ctype!r} for {path}",
            hint="multipart uploads go to " + ", ".join(sorted(UPLOAD_PATHS)) + "; send JSON "
                 "as application/json (or a model as application/yaml)"))
    if ctype:
        return UnsupportedContentType(Problem(
            f"unsupported Content-Type {ctype!r}",
            hint="send JSON as application/json, or a model file as application/yaml"))
    if has_body:
        return UnsupportedContentType(Problem(
            "a request body without a Content-Type",
            hint="send JSON as application/json, or a model file as application/yaml"))
    return None


class RequestGuard:
    """ASGI middleware applying :func:`check_request` before the app sees the request;
    refusals are the app's usual error JSON (``{error, problems: [{message, hint}]}``)."""

    def __init__(self, app, policy: HostPolicy) -> None:
        self.app, self.policy = app, policy

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers: dict[str, str] = {}
        for k, v in scope.get("headers") or []:
            name = k.decode("latin-1").lower()
            value = v.decode("latin-1")
            # a repeated Host/Origin is ambiguous: keep them all so that it cannot match
            headers[name] = headers[name] + "," + value if name in headers else value
        method = scope.get("method", "GET") if scope["type"] == "http" else "GET"
        error = check_request(method, scope.get("path", ""), headers, self.policy)
        if error is None:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps(error.to_dict()).encode()
        await send({"type": "http.response.start", "status": STATUS[type(error)],
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"vary", b"Origin, Sec-Fetch-Site")]})
        await send({"type": "http.response.body", "body": body})
