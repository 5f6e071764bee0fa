"""What a page on another site can make a browser send to ``detente serve``, refused before
any route runs (detente.web.security): foreign Host names (DNS rebinding), cross-site and
``null`` origins, ``Sec-Fetch-Site`` cross-site/same-site, bodies that are not JSON or YAML,
uploads without the token or a same-origin proof. Each refusal leaves the workspace as it was.
The same attacks from a real browser on a second origin: tests/test_web_security_browser.py.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from detente.errors import DetenteError
from detente.web.app import create_app
from detente.web.security import HostPolicy, check_request, normalise_host, parse_hosts, split_host

BASE = "http://127.0.0.1"
SMALL = """\
title: Small
decision_makers:
  - name: A
    options: [a_attacks]
    preferences: [not a_attacks]
  - name: B
    options: [b_attacks]
    preferences: [not b_attacks]
"""


@pytest.fixture
def app(tmp_path):
    from detente.store.db import dispose_all
    yield create_app(f"sqlite:///{tmp_path / 'ws.sqlite'}", jobs="thread", allowed_hosts="")
    dispose_all()


@pytest.fixture
def client(app):
    with TestClient(app, base_url=BASE) as c:
        yield c


def scenario_count(client) -> int:
    return len(client.get("/api/scenarios").json())


def problem(r) -> str:
    body = r.json()
    assert set(body) == {"error", "problems"} and body["problems"][0]["message"], body
    return body["problems"][0]["message"] + " / " + body["problems"][0].get("hint", "")


# --- Host: DNS rebinding --------------------------------------------------------------------------

def test_a_foreign_host_is_refused_for_reads_and_writes(client):
    assert client.post("/api/scenarios", json={"text": SMALL}).status_code == 201
    for method, url, kw in (("GET", "/api/scenarios", {}), ("GET", "/", {}),
                            ("GET", "/api/scenarios/1", {}),
                            ("POST", "/api/scenarios", {"json": {"text": SMALL}}),
                            ("DELETE", "/api/scenarios/1", {})):
        r = client.request(method, url, headers={"Host": "evil.example"}, **kw)
        assert r.status_code == 421, (method, url, r.status_code)
        text = problem(r)
        assert r.json()["error"] == "HostNotAllowed"
        assert "'evil.example'" in text and "--allowed-host evil.example" in text
        assert "DETENTE_ALLOWED_HOSTS" in text
    # the same name with a port, upper case, a final dot, or a repeated Host: refused too
    for host in ("evil.example:8000", "EVIL.example", "evil.example.", "127.0.0.1.evil.example"):
        assert client.get("/api/scenarios", headers={"Host": host}).status_code == 421, host
    assert scenario_count(client) == 1


def test_the_loopback_names_are_served(client):
    for host in ("127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]:8000",
                 "[::1]", "localhost."):
        r = client.get("/api/health", headers={"Host": host})
        assert r.status_code == 200, (host, r.text)
    for host in ("", "[::1", "a b", "127.0.0.1:99999", "127.0.0.1:x", "user@127.0.0.1"):
        assert client.get("/api/health", headers={"Host": host}).status_code == 421, host


def test_allowed_hosts_from_the_argument_and_the_environment(tmp_path, monkeypatch):
    from detente.store.db import dispose_all
    try:
        app = create_app(f"sqlite:///{tmp_path / 'a.sqlite'}", jobs="thread",
                         allowed_hosts=["detente.example.org", "*.team.example"])
        with TestClient(app, base_url="http://detente.example.org") as c:
            assert c.post("/api/scenarios", json={"text": SMALL},
                          headers={"Origin": "http://detente.example.org"}).status_code == 201
            for host in ("a.team.example", "x.y.team.example:8443", "127.0.0.1"):
                assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
            for host in ("team.example", "evil.example", "detente.example.org.evil.example"):
                assert c.get("/api/health", headers={"Host": host}).status_code == 421, host
        monkeypatch.setenv("DETENTE_ALLOWED_HOSTS", "one.example, two.example")
        app = create_app(f"sqlite:///{tmp_path / 'b.sqlite'}", jobs="thread")
        c = TestClient(app, base_url=BASE)
        assert c.get("/api/health", headers={"Host": "two.example"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "three.example"}).status_code == 421
        monkeypatch.setenv("DETENTE_ALLOWED_HOSTS", "http://one.example/")
        with pytest.raises(DetenteError, match="is not a host name"):
            create_app(f"sqlite:///{tmp_path / 'c.sqlite'}", jobs="thread")
    finally:
        dispose_all()


def test_host_names_are_read_strictly():
    assert split_host("Example.ORG:80") == ("example.org", 80)
    assert split_host("[::1]:8000") == ("::1", 8000) and split_host("[::1]") == ("::1", None)
    assert split_host("a/b") is None and split_host("") is None and split_host("[::1]x") is None
    assert parse_hosts(["a.example,b.example", " [::1] ", "10.0.0.5:8000", "A.example"]) == \
        ["a.example", "b.example", "::1", "10.0.0.5"]
    assert normalise_host("*.Team.example") == "*.team.example"
    for bad in ("*", "http://x.example", "x.example/path", "-x.example", "a..b", "x_y.example"):
        with pytest.raises(DetenteError):
            normalise_host(bad)
    policy = HostPolicy.of("x.example")
    assert policy.allows("x.example") and policy.allows("127.0.0.1") and policy.allows("::1")
    assert not policy.allows("127.0.0.2") and not policy.allows("y.example")


# --- Origin and Sec-Fetch-Site -------------------------------------------------------------------

CROSS = [
    {"Origin": "null"},                                     # a sandboxed frame, file:, data:
    {"Origin": "http://evil.example"},
    {"Origin": "http://127.0.0.1:9999"},                    # another port: another origin
    {"Origin": "http://localhost"},                         # another name: another origin
    {"Origin": "https://127.0.0.1:8443"},                   # another scheme and port
    {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},                        # 127.0.0.1:other-port
    {"Origin": "http://127.0.0.1.evil.example"},
    {"Origin": "http://127.0.0.1@evil.example"},
    {"Origin": "javascript:alert(1)"},
]


@pytest.mark.parametrize("headers", CROSS, ids=lambda h: ",".join(f"{k}={v}" for k, v in h.items()))
def test_cross_site_writes_are_refused_and_change_nothing(client, headers):
    sid = client.post("/api/scenarios", json={"text": SMALL}).json()["id"]
    writes = [("POST", "/api/scenarios", {"json": {"text": SMALL}}),
              ("POST", "/api/scenarios", {"content": SMALL.encode(),
                                          "headers": {"Content-Type": "application/yaml"}}),
              ("PUT", f"/api/scenarios/{sid}", {"json": {"text": SMALL, "base_version": 1}}),
              ("DELETE", f"/api/scenarios/{sid}", {}),
              ("POST", f"/api/scenarios/{sid}/analyses", {"json": {}}),
              ("POST", "/api/evidence/articles", {"json": {"articles": [
                  {"text": "Ann Lee said no.", "date": "2025-02-12"}]}}),
              ("POST", "/api/evidence/files", {"files": [("files", ("a.txt", b"Ann said no.", "text/plain"))],
                                               "data": {"date": "2025-02-12"}}),
              ("POST", "/api/validate", {"json": {"text": SMALL}})]
    for method, url, kw in writes:
        kw = dict(kw)
        kw["headers"] = {**kw.get("headers", {}), **headers}
        r = client.request(method, url, **kw)
        assert r.status_code == 403, (method, url, r.status_code, r.text)
        assert r.json()["error"] == "CrossSiteRequest" and "cross-site" in problem(r)
    assert [s["id"] for s in client.get("/api/scenarios").json()] == [sid]
    assert client.get(f"/api/scenarios/{sid}").json()["version"] == 1
    assert client.get(f"/api/scenarios/{sid}/analyses").json() == []
    assert client.get("/api/evidence/statements").json() == []
    # reads from anywhere stay possible (the answers are not readable cross-site without CORS)
    assert client.get("/api/scenarios", headers=headers).status_code == 200


def test_same_origin_writes_pass(client):
    for headers in ({}, {"Origin": BASE}, {"Origin": "http://127.0.0.1:80"},
                    {"Origin": BASE, "Sec-Fetch-Site": "same-origin"},
                    {"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}):
        r = client.post("/api/scenarios", json={"text": SMALL}, headers=headers)
        assert r.status_code == 201, (headers, r.text)
    # through a TLS proxy: Origin https://name, Host name (port 443 on both sides)
    policy = HostPolicy.of("detente.example.org")
    ok = {"host": "detente.example.org", "origin": "https://detente.example.org",
          "content-type": "application/json", "content-length": "2"}
    assert check_request("POST", "/api/scenarios", ok, policy) is None
    assert check_request("POST", "/api/scenarios", ok | {"host": "detente.example.org:8443"},
                         policy) is not None
    assert check_request("POST", "/api/scenarios", ok | {"host": "detente.example.org:8443",
                                                         "origin": "https://detente.example.org:8443"},
                         policy) is None


# --- content types ---------------------------------------------------------------------------------

def test_writes_need_a_json_or_yaml_body(client):
    sid = client.post("/api/scenarios", json={"text": SMALL}).json()["id"]
    import json
    body = json.dumps({"text": SMALL}).encode()
    for ctype in (None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                  "text/html", "application/jsonx", "application/json, text/plain"):
        headers = {"Content-Type": ctype} if ctype else {}
        for method, url in (("POST", "/api/scenarios"), ("PUT", f"/api/scenarios/{sid}"),
                            ("POST", "/api/validate"), ("POST", "/api/evidence/articles"),
                            ("POST", f"/api/scenarios/{sid}/analyses")):
            r = client.request(method, url, content=body, headers=headers)
            assert r.status_code == 400, (ctype, method, url, r.status_code, r.text)
            assert r.json()["error"] == "UnsupportedContentType"
            assert ("Content-Type" in problem(r)) and "application/json" in problem(r)
    assert scenario_count(client) == 1
    assert client.get(f"/api/scenarios/{sid}").json()["version"] == 1
    # YAML where a model is taken; JSON with a charset; a write with no body at all
    r = client.post("/api/scenarios", content=SMALL.encode(),
                    headers={"Content-Type": "text/yaml; charset=utf-8"})
    assert r.status_code == 201
    r = client.post("/api/scenarios", content=body,
                    headers={"Content-Type": "Application/JSON; charset=utf-8"})
    assert r.status_code == 201
    assert client.post(f"/api/scenarios/{sid}/analyses").status_code == 202
    assert client.delete(f"/api/scenarios/{sid}").status_code == 204


def test_uploads_need_the_token_header_or_a_same_origin_proof(client):
    files = [("files", ("a.txt", b"Ann Lee said no neutral country had offered troops.", "text/plain"))]
    data = {"date": "2025-02-12"}
    r = client.post("/api/evidence/files", files=files, data=data)  # a plain form's request
    assert r.status_code == 403 and "X-Detente-Token" in problem(r)
    assert client.get("/api/evidence/statements").json() == []
    for headers in ({"Origin": BASE}, {"Sec-Fetch-Site": "same-origin"},
                    {"X-Detente-Token": "any value: this server has none"}):
        r = client.post("/api/evidence/files", files=files, data=data, headers=headers)
        assert r.status_code in (200, 207), (headers, r.text)
    # multipart anywhere else is refused
    r = client.post("/api/scenarios", files=files, headers={"Origin": BASE})
    assert r.status_code == 400 and "/api/evidence/files" in problem(r)


def test_uploads_to_a_server_with_a_token(tmp_path):
    from detente.store.db import dispose_all
    token = "s3cret-token-for-tests"
    files = [("files", ("a.txt", b"Ann Lee said no.", "text/plain"))]
    try:
        with TestClient(create_app(f"sqlite:///{tmp_path / 't.sqlite'}", token, jobs="thread",
                                   allowed_hosts=""), base_url=BASE) as c:
            r = c.post("/api/evidence/files", files=files, data={"date": "2025-02-12"},
                       headers={"X-Detente-Token": "wrong"})
            assert r.status_code == 401
            r = c.post("/api/evidence/files", files=files, data={"date": "2025-02-12"},
                       headers={"Origin": BASE})  # same origin, but no token: 401
            assert r.status_code == 401
            r = c.post("/api/evidence/files", files=files, data={"date": "2025-02-12"},
                       headers={"Authorization": f"Bearer {token}"})
            assert r.status_code in (200, 207), r.text
    finally:
        dispose_all()


# --- detente serve ------------------------------------------------------------------------------

def test_serve_hands_the_host_policy_to_the_app(monkeypatch, tmp_path, capsys):
    """``detente serve --allowed-host`` and DETENTE_ALLOWED_HOSTS reach the app uvicorn runs."""
    import uvicorn

    from detente.cli import main
    from detente.store.db import dispose_all

    served = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *a, **k: served.append(self.config.app))
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    monkeypatch.setenv("DETENTE_ALLOWED_HOSTS", "env.example")
    try:
        db = str(tmp_path / "serve.sqlite")
        assert main(["serve", "--port", "1", "--db", db, "--jobs", "1",
                     "--allowed-host", "detente.example.org,*.team.example",
                     "--allowed-host", "other.example"]) == 0
        out = capsys.readouterr().out
        assert "detente.example.org" in out and "env.example" in out
        c = TestClient(served[-1], base_url=BASE)
        for host in ("detente.example.org", "a.team.example", "other.example", "env.example",
                     "localhost:1"):
            assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
        assert c.get("/api/health", headers={"Host": "evil.example"}).status_code == 421
        # the address it listens on is a name it answers for; the wildcard address is not
        monkeypatch.delenv("DETENTE_ALLOWED_HOSTS")
        monkeypatch.setenv("DETENTE_TOKEN", "s3cret-token-for-tests")
        assert main(["serve", "--host", "10.1.2.3", "--port", "1", "--db", db, "--jobs", "1"]) == 0
        c = TestClient(served[-1], base_url="http://10.1.2.3")
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"Host": "evil.example"}).status_code == 421
        assert main(["serve", "--host", "0.0.0.0", "--port", "1", "--db", db, "--jobs", "1"]) == 0
        assert "add --allowed-host NAME" in capsys.readouterr().out
        c = TestClient(served[-1], base_url="http://0.0.0.0")
        assert c.get("/api/health").status_code == 421
        # a bad name: one line, exit 2, nothing served
        n = len(served)
        assert main(["serve", "--port", "1", "--db", db, "--allowed-host", "http://x.example/"]) == 2
        err = capsys.readouterr().err
        assert "is not a host name" in err and "Traceback" not in err and len(served) == n
    finally:
        dispose_all()


def test_the_openapi_document_lists_the_guards_answers(client):
    doc = client.get("/openapi.json").json()
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            codes = set(op["responses"])
            assert "421" in codes, (method, path)
            if method in ("post", "put", "delete", "patch"):
                assert {"403", "400"} <= codes, (method, path)
            assert op["responses"]["421"]["content"]["application/json"]["schema"]["$ref"] \
                == "#/components/schemas/ErrorOut"
    assert "ErrorOut" in doc["components"]["schemas"]
