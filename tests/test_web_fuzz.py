"""The REST API fuzzed from its own OpenAPI document (schemathesis), and the classes of 500 it
found, each with its own regression test.

Every operation of ``/openapi.json`` gets requests generated from its schema: valid ones with
random ids, valid ones aimed at real objects (a scenario, a finished analysis, a stored
statement, a link), and invalid ones. The checks: no 5xx, the status code is one the document
lists for the operation, and the body and content type conform to it. Against SQLite and, when
one is reachable (``DETENTE_TEST_PG_URL``, see docs/web.md), PostgreSQL.

Bounded for CI: ``DETENTE_FUZZ_EXAMPLES`` examples per operation and kind (default 8, about
800 requests per database); raise it for a deeper run.
"""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from test_web_api import SMALL, db_url  # noqa: F401 - db_url: SQLite, and PostgreSQL if reachable

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (the "
                                                          "dev extra has it)")

BASE = "http://127.0.0.1"
UPLOAD = {"X-Detente-Token": "-"}  # uploads show they are not a cross-site form (no token set)
EXAMPLES = int(os.environ.get("DETENTE_FUZZ_EXAMPLES", "8"))
ARTICLE = ('The minister said: "We will not attack." Officials said the talks would go on. '
           '"We want peace," the envoy told reporters on Monday.')


def _seed(c) -> dict[str, int]:
    """One of each kind of object, so that generated requests also reach real ones."""
    r = c.post("/api/scenarios", json={"text": SMALL, "message": "first"})
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    r = c.put(f"/api/scenarios/{sid}", json={"text": SMALL.replace("Small", "Smaller"),
                                              "base_version": 1})
    assert r.status_code == 200, r.text
    r = c.post(f"/api/scenarios/{sid}/analyses", json={})
    assert r.status_code == 202, r.text
    aid = r.json()["id"]
    deadline = time.monotonic() + 30
    while c.get(f"/api/analyses/{aid}").json()["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the seed analysis did not finish"
        time.sleep(0.05)
    r = c.post("/api/evidence/articles", json={"articles": [
        {"text": ARTICLE, "date": "2025-02-12", "source": "wire"}]})
    assert r.status_code == 200, r.text
    statements = c.get("/api/evidence/statements").json()
    assert statements, "the fake extractor found no statement"
    stid = statements[0]["id"]
    r = c.post(f"/api/scenarios/{sid}/links", json={"statement_id": stid,
                                                     "target": "option:a_attacks"})
    assert r.status_code == 201, r.text
    return {"scenario_id": sid, "analysis_id": aid, "statement_id": stid,
            "link_id": r.json()["id"], "version": 1}


def _fuzz_one(strategy, label, client, checks, runs, failures) -> None:
    """Send EXAMPLES generated requests of one operation; record every failed check."""
    from hypothesis import HealthCheck, Phase, given, settings

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        runs["examples"] += 1
        try:
            response = case.call(base_url=BASE, session=client, timeout=20)
        except Exception as exc:  # noqa: BLE001 - the app raised on to the server
            failures.append(f"{label}: {type(exc).__name__}: {exc}")
            return
        try:
            case.validate_response(response, checks=checks)
        except BaseException as exc:  # noqa: BLE001 - schemathesis' FailureGroup
            failures.append(f"{label}: {str(exc)[:1500]}")
    run()


def test_the_whole_api_fuzzed_from_its_schema(db_url):  # noqa: F811
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from schemathesis.python import asgi
    from schemathesis.specs.openapi.checks import (content_type_conformance,
                                                   response_schema_conformance,
                                                   status_code_conformance)

    from detente.web import services
    from detente.web.app import create_app
    from evidence_fake import FakeExtractor

    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    app = create_app(db_url, jobs="thread")
    saved, services._extractor = services._extractor, FakeExtractor()
    client = asgi.ASGIClient(app, base_url=BASE)
    failures: list[str] = []
    runs = {"examples": 0, "operations": 0}
    started = time.monotonic()
    try:
        with client:
            known = _seed(client)
            schema = schemathesis.openapi.from_dict(app.openapi())
            schema.app = app
            for result in schema.get_all_operations():
                op = result.ok()
                runs["operations"] += 1
                names = [p.name for p in op.path_parameters]
                kinds = [("positive", GenerationMode.POSITIVE, None),
                         ("negative", GenerationMode.NEGATIVE, None)]
                if names and op.method.upper() != "DELETE":  # keep the real objects
                    kinds.append(("real objects", GenerationMode.POSITIVE,
                                  {n: known[n] for n in names}))
                for kind, mode, fixed in kinds:
                    strategy = op.as_strategy(generation_mode=mode, path_parameters=fixed)
                    try:
                        _fuzz_one(strategy, f"{op.label} [{kind}]", client, checks, runs, failures)
                    except Unsatisfiable:  # nothing to vary (e.g. GET /api/health, negative)
                        pass
    finally:
        asgi.shutdown_lifespans()
        services._extractor = saved
    seconds = time.monotonic() - started
    print(f"fuzzed {runs['operations']} operations with {runs['examples']} requests "
          f"in {seconds:.1f} s ({db_url.split(':')[0]})")
    assert runs["operations"] >= 30
    assert runs["examples"] >= runs["operations"] * min(EXAMPLES, 3)
    unique = list(dict.fromkeys(failures))
    assert not unique, f"{len(unique)} failures, first ones:\n\n" + "\n\n".join(unique[:5])


# --- the classes found, each pinned ------------------------------------------------------------

def _client(db_url):  # noqa: F811
    from fastapi.testclient import TestClient

    from detente.web.app import create_app
    return TestClient(create_app(db_url, jobs="thread"), base_url=BASE,
                      raise_server_exceptions=False)


def _paths_with_ids(client) -> list[tuple[str, str]]:
    out = []
    for path, ops in client.get("/openapi.json").json()["paths"].items():
        for method, op in ops.items():
            if any(p["in"] == "path" for p in op.get("parameters", [])):
                out.append((method, path))
    return out


@pytest.mark.parametrize("value", ["99999999999999999999999", str(2**31), str(2**63), "0", "-1"])
def test_ids_out_of_range_are_refused_by_the_schema_on_every_route(db_url, value):  # noqa: F811
    """Every path id and version outside 1..2^31-1 (the INTEGER columns of PostgreSQL) is a
    located 422, never a 500: SQLite raised OverflowError past 2^63, PostgreSQL past 2^31."""
    with _client(db_url) as c:
        routes = _paths_with_ids(c)
        assert len(routes) >= 20
        for method, path in routes:
            url = path
            for name in ("scenario_id", "analysis_id", "statement_id", "link_id", "version"):
                url = url.replace("{" + name + "}", value)
            r = c.request(method.upper(), url, json={} if method in ("post", "put") else None)
            if "{statement_id}" in path:  # an integer id or a stable id (st-...): not found
                assert r.status_code == 404, (method, url, r.status_code, r.text[:300])
                continue
            assert r.status_code == 422, (method, url, r.status_code, r.text[:300])
            problem = r.json()["problems"][0]
            assert problem["field"] in ("scenario_id", "analysis_id", "statement_id", "link_id",
                                        "version"), (url, problem)
        # query and body ids too
        sid = c.post("/api/scenarios", json={"text": SMALL}).json()["id"]
        for url in (f"/api/scenarios/{sid}/export?version={value}",
                    f"/api/scenarios/{sid}/diff?from={value}",
                    f"/api/scenarios/{sid}/report?version={value}",
                    f"/api/evidence/statements?article_id={value}"):
            assert c.get(url).status_code == 422, url
        assert c.delete(f"/api/scenarios/{sid}?base_version={value}").status_code == 422
        for url, body in ((f"/api/scenarios/{sid}", {"text": SMALL, "base_version": value}),):
            assert c.put(url, json=body).status_code == 422
        r = c.put(f"/api/scenarios/{sid}", content=SMALL.encode(),
                  headers={"Content-Type": "application/yaml", "If-Match": f'"{value}"'})
        assert r.status_code == 422, r.text
        assert c.post(f"/api/scenarios/{sid}/links",
                      json={"statement_id": int(value), "target": "option:a_attacks"}).status_code == 422
        assert c.post(f"/api/scenarios/{sid}/analyses", json={"version": int(value)}).status_code == 422
        assert c.post(f"/api/scenarios/{sid}/links/cite",
                      json={"base_version": int(value)}).status_code == 422
        # the page of a scenario says "not found" as for any missing one
        assert c.get(f"/scenarios/{value}").status_code in (404, 422)


def test_nul_characters_in_stored_or_searched_text_are_refused_alike(db_url):  # noqa: F811
    """PostgreSQL cannot store NUL (a 500 before); SQLite could. Both now refuse it, located."""
    with _client(db_url) as c:
        r = c.post("/api/scenarios", json={"text": SMALL, "message": "a\x00b"})
        assert r.status_code == 422 and r.json()["problems"][0]["field"] == "message", r.text
        assert "NUL" in r.json()["problems"][0]["message"]
        sid = c.post("/api/scenarios", json={"text": SMALL}).json()["id"]
        r = c.post("/api/evidence/articles", json={"articles": [
            {"text": ARTICLE, "date": "2025-02-12", "source": "wire\x00"}]})
        assert r.status_code == 422 and r.json()["problems"][0]["field"] == "articles[0].source"
        assert c.get("/api/evidence/statements", params={"speaker": "\x00"}).status_code == 422
        r = c.post("/api/evidence/files", files={"files": ("a.txt", b"some text")},
                   data={"date": "2025-02-12", "source": "s\x00"}, headers=UPLOAD)
        assert r.status_code == 422 and r.json()["problems"][0]["field"] == "source", r.text
        r = c.post(f"/api/scenarios/{sid}/links", json={"statement_id": 1, "target": "option:x",
                                                         "note": "\x00"})
        assert r.status_code == 422 and r.json()["problems"][0]["field"] == "note"


def test_an_article_field_with_nul_from_a_file_is_a_per_article_problem(db_url):  # noqa: F811
    """A JSON Lines upload whose ``source`` holds a NUL: that article is refused with its
    problem, the others are stored (207), on both databases."""
    import json
    from detente.web import services
    from evidence_fake import FakeExtractor

    lines = [{"text": ARTICLE, "date": "2025-02-12", "source": "bad\x00source"},
             {"text": ARTICLE, "date": "2025-02-13", "source": "good"}]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    saved, services._extractor = services._extractor, FakeExtractor()
    try:
        with _client(db_url) as c:
            r = c.post("/api/evidence/files", files={"files": ("feed.jsonl", data)},
                       headers=UPLOAD)
            assert r.status_code == 207, r.text
            res = r.json()["results"]
            assert [x["ok"] for x in res] == [False, True]
            assert "NUL" in res[0]["problems"][0]["message"]
    finally:
        services._extractor = saved


def test_a_database_overflow_is_a_422_not_a_500(tmp_path, monkeypatch):
    """The safety net under the schema's bounds: the database's own overflow errors (SQLite's
    OverflowError, PostgreSQL's NumericValueOutOfRange as DataError) are the request's fault."""
    from sqlalchemy.exc import DataError

    from detente.web import services as svc
    for exc in (OverflowError("Python int too large to convert to SQLite INTEGER"),
                DataError("SELECT", {}, Exception("integer out of range"))):
        def boom(*args, exc=exc, **kw):
            raise exc
        monkeypatch.setattr(svc, "list_scenarios", boom)
        with _client(f"sqlite:///{tmp_path / 'o.sqlite'}") as c:
            r = c.get("/api/scenarios")
        assert r.status_code == 422, r.text
        assert "out of range" in r.json()["problems"][0]["message"]


def test_a_bug_answers_500_and_keeps_the_connection(tmp_path, monkeypatch):
    """An unexpected error is answered with the JSON 500 and the server keeps the connection:
    the next request on it is answered (before, the error went on to uvicorn, which closed
    the connection, so the client's next request was lost)."""
    import uvicorn

    from detente.store.db import dispose_all
    from detente.web import services as svc
    from detente.web.app import create_app

    def boom(*args, **kw):
        raise RuntimeError("a bug")
    monkeypatch.setattr(svc, "list_scenarios", boom)
    app = create_app(f"sqlite:///{tmp_path / 'k.sqlite'}", jobs="thread")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    try:
        for _ in range(200):
            if srv.started:
                break
            time.sleep(0.05)
        assert srv.started
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            head = f"Host: 127.0.0.1:{port}\r\n"
            conn.sendall((f"GET /api/scenarios HTTP/1.1\r\n{head}\r\n"
                          f"GET /api/health HTTP/1.1\r\n{head}Connection: close\r\n\r\n").encode())
            got = b""
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                got += chunk
        text = got.decode("utf-8", "replace")
        assert text.startswith("HTTP/1.1 500"), text[:200]
        assert "internal error; nothing was saved" in text
        assert "a bug" not in text and "Traceback" not in text
        assert "HTTP/1.1 200" in text and '"status":"ok"' in text, text[-400:]
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        dispose_all()
