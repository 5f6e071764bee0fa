"""The web API, through HTTP, against a real database: a SQLite file in a temporary folder,
and the same suite against PostgreSQL when one can be reached.

PostgreSQL: set ``DETENTE_TEST_PG_URL=postgresql+psycopg://user:password@127.0.0.1/dbname``
(each test works in its own schema, dropped afterwards; nothing else in that database is
touched). Without it, ``postgresql+psycopg://detente:detente@127.0.0.1:5432/detente_test`` is
tried; if neither answers, the PostgreSQL half is skipped with a message saying this.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.gmcr.analysis import analyze
from detente.model.load import loads
from detente.web.app import create_app
from detente.web.services import Limits

FIXTURES = Path(__file__).parent / "fixtures" / "gmcr"
CHICKEN = (FIXTURES / "chicken.yaml").read_text()
CUBA = (FIXTURES / "cuban-missile-crisis.yaml").read_text()
PG_DEFAULT = "postgresql+psycopg://detente:detente@127.0.0.1:5432/detente_test"
# The server answers only for its own names (DNS rebinding): not TestClient's "testserver".
BASE = "http://127.0.0.1"

SMALL = """\
title: Small test conflict
decision_makers:
  - name: A
    options: [a_attacks]
    preferences:
      - not b_attacks
      - a_attacks
  - name: B
    options: [b_attacks]
    preferences:
      - not a_attacks
      - b_attacks
status_quo: NN
variants:
  - name: meek
    description: B would rather not attack
    preferences: {B: [not b_attacks, not a_attacks]}
"""


# --- backends ----------------------------------------------------------------------------------

def _pg_url() -> tuple[str | None, str]:
    url = os.environ.get("DETENTE_TEST_PG_URL")
    candidates = [url] if url else [PG_DEFAULT]
    for cand in candidates:
        try:
            import psycopg
            from sqlalchemy.engine import make_url
            u = make_url(cand)
            with psycopg.connect(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username,
                                 password=u.password, dbname=u.database, connect_timeout=2):
                return cand, ""
        except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
            reason = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return None, (f"PostgreSQL not reachable ({reason}); set DETENTE_TEST_PG_URL="
                  "postgresql+psycopg://user:password@127.0.0.1/dbname to run the API tests "
                  "against it (see docs/web.md)")


PG_URL, PG_SKIP = _pg_url()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database per test."""
    from detente.store.db import dispose_all
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace.sqlite'}"
        dispose_all()
        return
    if PG_URL is None:
        pytest.skip(PG_SKIP)
    import psycopg
    from sqlalchemy.engine import make_url
    schema = "web_test_" + uuid.uuid4().hex[:10]
    u = make_url(PG_URL)
    conninfo = dict(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username,
                    password=u.password, dbname=u.database)
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = u.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)
    try:
        yield url
    finally:
        dispose_all()
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def make_client(db_url, **kw) -> TestClient:
    kw.setdefault("jobs", "thread")
    return TestClient(create_app(db_url, **kw), base_url=BASE)


@pytest.fixture
def client(db_url):
    with make_client(db_url) as c:
        yield c


def create(client, text=SMALL, **kw) -> dict:
    r = client.post("/api/scenarios", json={"text": text, **kw})
    assert r.status_code == 201, r.text
    return r.json()


def run_analysis(client, sid, timeout=30.0, **body) -> dict:
    r = client.post(f"/api/scenarios/{sid}/analyses", json=body)
    assert r.status_code == 202, r.text
    aid = r.json()["id"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/analyses/{aid}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"analysis {aid} did not finish: {job}")


# --- scenarios -----------------------------------------------------------------------------------

def test_scenario_lifecycle_with_versions_and_diff(client):
    sc = create(client, message="first draft")
    sid = sc["id"]
    assert sc["version"] == 1 and sc["title"] == "Small test conflict"
    assert sc["created_at"].endswith(("Z", "+00:00"))  # UTC, on every backend
    assert [d["name"] for d in sc["summary"]["decision_makers"]] == ["A", "B"]
    assert sc["summary"]["decision_makers"][0]["line"] == 3  # the outline points into the text
    assert [s["id"] for s in client.get("/api/scenarios").json()] == [sid]

    edited = SMALL.replace("title: Small test conflict", "title: Renamed") \
                  .replace("      - a_attacks\n", "      - a_attacks\n      - b_attacks\n", 1)
    r = client.put(f"/api/scenarios/{sid}", json={"text": edited, "base_version": 1,
                                                  "message": "A also likes B attacking"})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2 and r.json()["title"] == "Renamed"
    r = client.get(f"/api/scenarios/{sid}")
    assert r.json()["text"] == edited and r.headers["etag"] == '"2"'

    versions = client.get(f"/api/scenarios/{sid}/versions").json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[1]["message"] == "first draft" and "text" not in versions[1] or versions[1]["text"] is None
    assert client.get(f"/api/scenarios/{sid}/versions/1").json()["text"] == SMALL

    d = client.get(f"/api/scenarios/{sid}/diff", params={"from": 1}).json()
    assert d["to_version"] == 2
    assert "+title: Renamed" in d["unified"] and "-title: Small test conflict" in d["unified"]
    assert "preferences of A changed: + b_attacks" in d["changes"]
    assert any(c.startswith("title:") for c in d["changes"])

    r = client.delete(f"/api/scenarios/{sid}", params={"base_version": 1})
    assert r.status_code == 409
    assert client.delete(f"/api/scenarios/{sid}").status_code == 204
    assert client.get(f"/api/scenarios/{sid}").status_code == 404
    assert client.get("/api/scenarios").json() == []


def test_create_from_raw_yaml_and_from_json(client):
    r = client.post("/api/scenarios", content=CHICKEN.encode(),
                    headers={"Content-Type": "application/yaml", "X-Detente-Message": "raw"})
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    assert r.json()["format"] == "yaml"
    doc = loads(CHICKEN).document
    r = client.post("/api/scenarios", json={"text": json.dumps(doc), "format": "json"})
    assert r.status_code == 201 and r.json()["format"] == "json"
    # a raw YAML update names its base version in If-Match
    r = client.put(f"/api/scenarios/{sid}", content=CHICKEN.encode(),
                   headers={"Content-Type": "application/yaml"})
    assert r.status_code == 422 and "If-Match" in r.json()["problems"][0]["hint"]
    r = client.put(f"/api/scenarios/{sid}", content=CHICKEN.replace("chicken", "c2").encode(),
                   headers={"Content-Type": "application/yaml", "If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["version"] == 2
    r = client.post("/api/scenarios", content=CHICKEN.encode(),
                    headers={"Content-Type": "application/yaml", "X-Detente-Message": "x" * 3000})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "message"
    r = client.post("/api/scenarios", content="caf\xe9".encode("latin-1"),
                    headers={"Content-Type": "application/yaml"})
    assert r.status_code == 422 and "UTF-8" in r.json()["problems"][0]["message"]
    r = client.post("/api/scenarios", content=b"", headers={"Content-Type": "application/json"})
    assert r.status_code == 422


def test_invalid_models_are_refused_with_their_location_and_nothing_is_stored(client):
    bad_yaml = "title: x\ndecision_makers:\n  - name: A\n    options: [a\n"
    r = client.post("/api/scenarios", json={"text": bad_yaml})
    assert r.status_code == 422
    p = r.json()["problems"][0]
    assert r.json()["error"] == "ModelError" and "YAML syntax error" in p["message"]
    assert p["line"] >= 4

    typo = SMALL.replace("- not b_attacks", "- not b_atacks")
    r = client.post("/api/scenarios", json={"text": typo})
    assert r.status_code == 422
    p = r.json()["problems"][0]
    assert "b_atacks" in p["message"] and "b_attacks" in (p.get("hint") or "")
    assert p["line"] == 6

    unknown_field = SMALL.replace("status_quo: NN", "status_quo: NN\ncolour: red")
    r = client.post("/api/scenarios", json={"text": unknown_field})
    assert r.status_code == 422 and "colour" in json.dumps(r.json())

    bad_json = '{"decision_makers": [}'
    r = client.post("/api/scenarios", json={"text": bad_json})
    assert r.status_code == 422 and "JSON syntax error" in r.json()["problems"][0]["message"]
    assert client.get("/api/scenarios").json() == []

    # an invalid edit leaves the scenario at its version
    sid = create(client)["id"]
    r = client.put(f"/api/scenarios/{sid}", json={"text": typo, "base_version": 1})
    assert r.status_code == 422
    assert client.get(f"/api/scenarios/{sid}").json()["version"] == 1
    assert len(client.get(f"/api/scenarios/{sid}/versions").json()) == 1


def test_validate_reports_problems_without_saving(client):
    r = client.post("/api/validate", json={"text": SMALL.replace("a_attacks]", "a_attacks, b_attacks]")})
    body = r.json()
    assert r.status_code == 200 and body["valid"] is False
    assert "b_attacks" in body["problems"][0]["message"] and body["problems"][0]["line"]
    ok = client.post("/api/validate", json={"text": SMALL}).json()
    assert ok["valid"] and ok["summary"]["status_quo"] == "NN"
    assert ok["summary"]["variants"][0]["name"] == "meek"
    assert client.get("/api/scenarios").json() == []


READ_ONLY_POSTS = ("/api/validate", "/api/document", "/api/document/yaml")  # no token needed


def test_document_round_trip_for_the_form_view(client):
    """The web form edits the parsed document and gets YAML back; nothing is saved or checked
    (a model error is the validator's job), only the syntax is."""
    r = client.post("/api/document", json={"text": "# note\n" + SMALL})
    assert r.status_code == 200
    doc = r.json()["document"]
    assert doc["decision_makers"][0]["options"] == ["a_attacks"]  # as written: a plain name
    doc["decision_makers"][0]["options"].append({"name": "a_talks", "label": "A talks"})
    y = client.post("/api/document/yaml", json={"document": doc})
    assert y.status_code == 200
    text = y.json()["text"]
    assert "a_talks" in text and "# note" not in text  # a fresh dump
    back = client.post("/api/document", json={"text": text}).json()["document"]
    assert back == doc
    # merged into the text it came from: untouched parts keep their comments, edited ones not
    base = "# note\n" + SMALL.replace("- not a_attacks", "- not a_attacks  # B's first").replace(
        "options: [a_attacks]", "options: [a_attacks]  # A's options")
    doc = client.post("/api/document", json={"text": base}).json()["document"]
    doc["decision_makers"][0]["options"].append("a_talks")
    doc["decision_makers"][1]["preferences"].reverse()
    text = client.post("/api/document/yaml", json={"document": doc, "text": base}).json()["text"]
    assert text.startswith("# note\n") and "- not a_attacks  # B's first" in text
    assert "options: [a_attacks, a_talks]" in text  # the edited list, still in flow style
    assert client.post("/api/document", json={"text": text}).json()["document"] == doc
    bad = client.post("/api/document", json={"text": "decision_makers: [a"})
    assert bad.status_code == 422 and "syntax" in bad.json()["problems"][0]["message"]
    assert client.post("/api/document/yaml", json={"document": "not a mapping"}).status_code == 422
    assert client.get("/api/scenarios").json() == []


def test_bad_requests_get_clear_statuses(client):
    r = client.post("/api/scenarios", content=b'{"text": ', headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "not valid JSON" in r.json()["problems"][0]["message"]
    r = client.post("/api/scenarios", json={"text": SMALL, "colour": "red"})
    assert r.status_code == 422 and r.json()["problems"][0]["message"] == "unknown field 'colour'"
    r = client.post("/api/scenarios", content=b"text=1",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "Content-Type" in r.json()["problems"][0]["message"]
    r = client.post("/api/scenarios", json={})
    assert r.status_code == 422 and "text" in r.json()["problems"][0]["message"]
    sid = create(client)["id"]
    r = client.post(f"/api/scenarios/{sid}/analyses", json={"concepts": ["Nashh"]})
    assert r.status_code == 422 and "Nash" in r.json()["problems"][0]["hint"]
    r = client.post(f"/api/scenarios/{sid}/analyses", json={"variant": "bold"})
    assert r.status_code == 422 and "meek" in r.json()["problems"][0]["hint"]
    for url in ("/api/scenarios/999", "/api/scenarios/999/versions", "/api/analyses/999",
                f"/api/scenarios/{sid}/versions/7", "/api/analyses/999/result"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert r.json()["problems"][0]["message"]
    r = client.put("/api/scenarios/999", json={"text": SMALL, "base_version": 1})
    assert r.status_code == 404
    assert client.get("/api/nothing-here").status_code == 404
    r = client.get(f"/api/scenarios/{sid}/export", params={"format": "docx"})
    assert r.status_code == 422


def test_sizes_are_limited(db_url):
    limits = Limits(max_body_bytes=20_000, max_model_bytes=10_000, max_options=6)
    with make_client(db_url, limits=limits) as c:
        huge = SMALL + "# " + "x" * 30_000 + "\n"
        r = c.post("/api/scenarios", json={"text": huge})
        assert r.status_code == 413 and "20,000 bytes" in r.json()["problems"][0]["message"]
        big = SMALL + "# " + "x" * 12_000 + "\n"
        r = c.post("/api/scenarios", json={"text": big})
        assert r.status_code == 413 and "10,000 bytes" in r.json()["problems"][0]["message"]
        many = "decision_makers:\n" + "".join(
            f"  - name: D{i}\n    options: [o{i}a, o{i}b]\n    preferences: [o{i}a]\n" for i in range(4))
        r = c.post("/api/scenarios", json={"text": many})
        assert r.status_code == 422 and r.json()["error"] == "TooLargeError"
        assert "8 options" in r.json()["problems"][0]["message"]
        # a chunked body (no Content-Length) is cut off too
        r = c.post("/api/scenarios", content=iter([b'{"text": "', b"x" * 25_000, b'"}']),
                   headers={"Content-Type": "application/json"})
        assert r.status_code == 413
        assert c.get("/api/scenarios").json() == []


def test_the_analysis_queue_is_bounded(db_url):
    with make_client(db_url, limits=Limits(max_waiting_jobs=2)) as c:
        c.app.state.ws.runner.submit = lambda aid: None  # nothing runs: the jobs stay queued
        sid = create(c)["id"]
        for _ in range(2):
            assert c.post(f"/api/scenarios/{sid}/analyses", json={"reuse": False}).status_code == 202
        r = c.post(f"/api/scenarios/{sid}/analyses", json={"reuse": False})
        assert r.status_code == 429 and "2 analyses are waiting" in r.json()["problems"][0]["message"]
        r = c.post(f"/api/scenarios/{sid}/analyses", json={"reuse": True})
        assert r.status_code == 202  # an identical queued one is returned instead


def test_concurrent_edits_are_detected(client):
    sid = create(client)["id"]
    results = []

    def edit(i):
        text = SMALL.replace("Small test conflict", f"Edit {i}")
        results.append(client.put(f"/api/scenarios/{sid}",
                                  json={"text": text, "base_version": 1}).status_code)
    threads = [threading.Thread(target=edit, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200] + [409] * 5
    sc = client.get(f"/api/scenarios/{sid}").json()
    assert sc["version"] == 2 and sc["title"].startswith("Edit ")
    assert [v["version"] for v in client.get(f"/api/scenarios/{sid}/versions").json()] == [2, 1]
    r = client.put(f"/api/scenarios/{sid}", json={"text": SMALL, "base_version": 1})
    assert r.status_code == 409 and r.json()["error"] == "VersionConflict"
    assert "version 2" in r.json()["problems"][0]["message"]


def test_export_yaml_json_and_gmcr(client, tmp_path):
    sid = create(client)["id"]
    r = client.get(f"/api/scenarios/{sid}/export")
    assert r.status_code == 200 and r.text == SMALL
    assert "attachment" in r.headers["content-disposition"]
    data = client.get(f"/api/scenarios/{sid}/export", params={"format": "json"}).json()
    assert [d["name"] for d in data["decision_makers"]] == ["A", "B"]
    r = client.get(f"/api/scenarios/{sid}/export", params={"format": "gmcr"})
    assert r.status_code == 200
    path = tmp_path / "x.gmcr"
    path.write_text(r.text)
    from detente.model.gmcrplus import read_gmcr
    back = read_gmcr(path)
    assert len(back.options) == 2 and [d.name for d in back.decision_makers] == ["A", "B"]
    # the exported GMCR+ file analyses to the same equilibria as the stored model
    assert [analyze(back, ["Nash"]).yn(p) for p in analyze(back, ["Nash"]).equilibria("Nash")] == \
        [analyze(loads(SMALL), ["Nash"]).yn(p) for p in analyze(loads(SMALL), ["Nash"]).equilibria("Nash")]


# --- security ----------------------------------------------------------------------------------

def test_writes_need_the_token_when_the_server_has_one(db_url):
    with make_client(db_url, token="s3cret-token-for-tests") as c:
        r = c.post("/api/scenarios", json={"text": SMALL})
        assert r.status_code == 401 and "X-Detente-Token" in r.json()["problems"][0]["hint"]
        r = c.post("/api/scenarios", json={"text": SMALL}, headers={"X-Detente-Token": "nope"})
        assert r.status_code == 401 and r.json()["problems"][0]["message"] == "wrong token"
        assert c.get("/api/scenarios").json() == []
        r = c.post("/api/scenarios", json={"text": SMALL},
                   headers={"X-Detente-Token": "s3cret-token-for-tests"})
        assert r.status_code == 201
        sid = r.json()["id"]
        r = c.post("/api/scenarios", json={"text": SMALL},
                   headers={"Authorization": "Bearer s3cret-token-for-tests"})
        assert r.status_code == 201
        # reads and validation need none
        assert c.get(f"/api/scenarios/{sid}").status_code == 200
        assert c.post("/api/validate", json={"text": SMALL}).status_code == 200
        for method, url in (("put", f"/api/scenarios/{sid}"), ("delete", f"/api/scenarios/{sid}"),
                            ("post", f"/api/scenarios/{sid}/analyses"),
                            ("post", f"/api/scenarios/{sid}/links"),
                            ("post", "/api/evidence/articles"), ("post", "/api/evidence/files"),
                            ("post", f"/api/scenarios/{sid}/links/cite"), ("delete", "/api/links/1")):
            r = c.request(method, url, json={})
            assert r.status_code == 401, (method, url, r.status_code)
        assert c.get("/api/health").json()["token_required"] is True


def test_cross_site_writes_are_refused(client):
    r = client.post("/api/scenarios", json={"text": SMALL},
                    headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "cross-site" in r.json()["problems"][0]["message"]
    r = client.post("/api/scenarios", json={"text": SMALL}, headers={"Origin": "http://127.0.0.1"})
    assert r.status_code == 201


def test_pages_escape_user_input(client):
    hostile = SMALL.replace("title: Small test conflict", 'title: "<script>alert(1)</script>"')
    sid = create(client, text=hostile)["id"]
    for url in ("/", f"/scenarios/{sid}", "/evidence"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/").text
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]
    r = client.get("/scenarios/999")
    assert r.status_code == 404 and "there is no scenario 999" in r.text
    assert r.headers["content-type"].startswith("text/html")


# --- analyses ------------------------------------------------------------------------------------

def test_analysis_results_are_the_cli_schema_and_the_published_answer(client):
    sid = create(client, text=CUBA)["id"]
    job = run_analysis(client, sid)
    assert job["status"] == "done" and job["progress"] == 1.0 and job["n_states"] > 0
    result = client.get(f"/api/analyses/{job['id']}/result").json()
    expected_cli = analyze(loads(CUBA)).to_dict()
    assert result == json.loads(json.dumps(expected_cli))
    assert result["schema"] == "detente.analysis/1"
    published = json.loads((FIXTURES / "cuban-missile-crisis.expected.json").read_text())
    for concept, exp in published.items():
        if concept not in result["results"]:
            continue
        assert sorted(e["yn"] for e in result["results"][concept]["equilibria"]) == sorted(exp["equilibria"])
        for dm, states in exp["stable_for"].items():
            assert sorted(result["results"][concept]["stable_for"][dm]) == sorted(states)
    r = client.get(f"/api/analyses/{job['id']}/result", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and r.json() == result  # httpx unpacks it
    r = client.get(f"/api/analyses/{job['id']}/result", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in r.headers and json.loads(r.content) == result
    compact = client.get(f"/api/analyses/{job['id']}/result", params={"states": "false"}).json()
    assert "states" not in compact and compact["results"] == result["results"]
    # the same request again reuses the finished analysis; reuse=false runs a new one
    r = client.post(f"/api/scenarios/{sid}/analyses", json={})
    assert r.status_code == 202 and r.json()["id"] == job["id"]
    job2 = run_analysis(client, sid, concepts=["nash", "seq"], reuse=False)
    assert job2["id"] != job["id"] and job2["concepts"] == ["Nash", "SEQ"]
    assert len(client.get(f"/api/scenarios/{sid}/analyses").json()) == 2


def test_large_results_are_stored_and_served_in_the_compact_form(client):
    """Beyond 4,096 states the web app keeps the CLI's compact form (detente.analysis/2: sets as
    ranges or bitsets), which decodes to the same equilibria and stable sets; small models keep
    the readable form (the test above)."""
    from detente.gmcr.output import decode_set
    from detente.gmcr.random_conflict import random_conflict_document
    doc = random_conflict_document(13, 3, seed=5)
    sid = create(client, text=json.dumps(doc))["id"]
    job = run_analysis(client, sid, concepts=["Nash", "SEQ"], timeout=120)
    assert job["status"] == "done" and job["n_states"] == 8192
    result = client.get(f"/api/analyses/{job['id']}/result").json()
    local = analyze(loads(json.dumps(doc)), ["Nash", "SEQ"])
    assert result == json.loads(json.dumps(local.to_dict()))
    assert result["schema"] == "detente.analysis/2" and result["sets"] == "compact"
    for c in ("Nash", "SEQ"):
        ids = decode_set(result["results"][c]["equilibria"])
        assert ids.tolist() == (local.equilibria(c) + 1).tolist()
        for dm in local.conflict.dm_names:
            stable = decode_set(result["results"][c]["stable_for"][dm])
            assert stable.tolist() == (local.stable_states(c, dm) + 1).tolist()
    page = client.get(f"/api/analyses/{job['id']}/result", params={"states": "false"}).json()
    assert "ranks" not in page and "state_codes" not in page and page["results"] == result["results"]


def test_variant_analysis_explain_paths_and_graph(client):
    sid = create(client)["id"]
    base = run_analysis(client, sid, concepts=["Nash", "SEQ"])
    meek = run_analysis(client, sid, concepts=["Nash", "SEQ"], variant="meek")
    eq = lambda job: [e["yn"] for e in client.get(f"/api/analyses/{job['id']}/result").json()["results"]["Nash"]["equilibria"]]  # noqa: E731
    assert eq(base) == ["YY"] and eq(meek) == ["YN"]

    r = client.get(f"/api/analyses/{base['id']}/explain", params={"state": "NN", "dm": "A", "concept": "Nash"})
    assert r.status_code == 200, r.text
    ex = r.json()
    assert ex["stable"] is False and ex["state"]["yn"] == "NN"
    assert ex["improvements"][0]["move"]["to"]["yn"] == "YN"
    assert "NOT stable" in ex["text"]
    r = client.get(f"/api/analyses/{base['id']}/explain", params={"state": "YY", "dm": "B", "concept": "SEQ"})
    assert r.json()["stable"] is True
    r = client.get(f"/api/analyses/{base['id']}/explain", params={"state": "NN", "dm": "Z"})
    assert r.status_code == 422 and "no decision maker" in r.json()["problems"][0]["message"]
    r = client.get(f"/api/analyses/{base['id']}/explain", params={"state": "QQ", "dm": "A"})
    assert r.status_code == 422

    paths = client.get(f"/api/analyses/{base['id']}/paths", params={"concept": "Nash"}).json()
    assert paths["status_quo"]["yn"] == "NN"
    assert paths["paths"][0]["target"]["yn"] == "YY" and paths["paths"][0]["length"] == 2
    assert {m["dm"] for m in paths["paths"][0]["moves"]} == {"A", "B"}

    g = client.get(f"/api/analyses/{base['id']}/graph").json()
    assert g["n_states"] == 4 and g["status_quo"] == 1 and g["equilibria"]["Nash"] == [4]
    assert {(e["from"], e["to"], e["dm"]) for e in g["edges"]} >= {(1, 2, "A"), (2, 1, "A"), (1, 3, "B")}
    assert len(g["edges"]) == 8  # each of the 4 states: one move per DM


def test_compare_variants_side_by_side(client):
    sid = create(client)["id"]
    r = client.get(f"/api/scenarios/{sid}/compare", params={"concepts": ["Nash"]})
    assert r.status_code == 200, r.text
    models = {m["name"]: m for m in r.json()["comparison"]["models"]}
    assert [e["yn"] for e in models["base"]["equilibria"]["Nash"]] == ["YY"]
    assert [e["yn"] for e in models["meek"]["equilibria"]["Nash"]] == ["YN"]
    assert models["meek"]["appear"]["Nash"] == ["YN"] and models["meek"]["vanish"]["Nash"] == ["YY"]


def test_report_download(client):
    hostile = SMALL.replace("title: Small test conflict", 'title: "<b>bold</b> & co"')
    sid = create(client, text=hostile)["id"]
    r = client.get(f"/api/scenarios/{sid}/report", params={"concepts": ["Nash", "SEQ"]})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert f'filename="scenario-{sid}-v1.html"' in r.headers["content-disposition"]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in r.text and "<b>bold</b>" not in r.text
    assert "<svg" in r.text  # the state graph picture
    assert client.get("/api/scenarios/999/report").status_code == 404


def test_progress_stream_ends_with_done(client):
    sid = create(client, text=CUBA)["id"]
    aid = client.post(f"/api/scenarios/{sid}/analyses", json={"reuse": False}).json()["id"]
    with client.stream("GET", f"/api/analyses/{aid}/events") as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = []
        last = None
        for line in r.iter_lines():
            if line.startswith("event: "):
                events.append(line[7:])
            if line.startswith("data: "):
                last = json.loads(line[6:])
                if events[-1] in ("done", "failed"):
                    break
    assert events[0] == "progress" and events[-1] == "done"
    assert "T" in last["finished_at"] and last["status"] == "done"  # ISO times, as elsewhere
    assert client.get("/api/analyses/999/events").status_code == 404


def test_a_failed_analysis_says_why(client, monkeypatch):
    from detente.errors import TooLargeError
    from detente.gmcr import analysis

    sid = create(client, text=CUBA)["id"]
    # a model the engine would refuse is refused when the analysis is asked for
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.0000001")
    r = client.post(f"/api/scenarios/{sid}/analyses", json={"reuse": False})
    assert r.status_code == 422 and r.json()["error"] == "TooLargeError"
    monkeypatch.delenv("DETENTE_MAX_MEMORY_GB")

    # a refusal during the run marks the job failed, with the engine's message
    def refuse(*a, **k):
        raise TooLargeError("the analysis needs 9 GB", hint="add constraints")
    monkeypatch.setattr(analysis, "analyze", refuse)
    job = run_analysis(client, sid, reuse=False)
    assert job["status"] == "failed" and job["error"]["error"] == "TooLargeError"
    assert job["error"]["problems"][0]["message"] == "the analysis needs 9 GB"
    r = client.get(f"/api/analyses/{job['id']}/result")
    assert r.status_code == 409 and r.json()["problems"][0]["hint"] == "add constraints"
    assert client.get(f"/api/analyses/{job['id']}/explain", params={"state": "1", "dm": "US"}).status_code == 409

    # a bug in the engine: failed, a message, no traceback, and the server goes on
    def crash(*a, **k):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(analysis, "analyze", crash)
    job = run_analysis(client, sid, reuse=False)
    assert job["status"] == "failed"
    assert "internal error while analysing: ZeroDivisionError" in job["error"]["problems"][0]["message"]
    assert "Traceback" not in json.dumps(job)
    monkeypatch.undo()
    assert run_analysis(client, sid, reuse=False)["status"] == "done"


def test_jobs_in_worker_processes(tmp_path):
    """The default job mode: analyses run in a separate process that writes to the database."""
    from detente.store.db import dispose_all
    url = f"sqlite:///{tmp_path / 'proc.sqlite'}"
    try:
        with make_client(url, jobs="process") as c:
            assert c.app.state.ws.runner.mode == "process"
            sid = create(c, text=CUBA)["id"]
            job = run_analysis(c, sid, timeout=60)
            assert job["status"] == "done", job
            assert c.get(f"/api/analyses/{job['id']}/result").json()["n_states"] == job["n_states"]
    finally:
        dispose_all()


# --- evidence --------------------------------------------------------------------------------------

ARTICLE = ("Ann Lee said the talks would start at once. Bob Stone told reporters that a deal "
           "worth $500 billion was not realistic. The weather was fine.")


@pytest.fixture
def fake_extractor(monkeypatch):
    from evidence_fake import FakeExtractor

    from detente.web import services
    fake = FakeExtractor(fail_on="EXPLODE")
    monkeypatch.setattr(services, "_extractor", fake)
    return fake


def test_evidence_ingest_search_and_link(client, fake_extractor):
    body = {"articles": [{"text": ARTICLE, "date": "2025-02-12", "source": "wire"},
                         {"text": "Cy Young said EXPLODE.", "date": "2025-02-13", "source": "wire"},
                         {"text": "   ", "date": "2025-02-13"}]}
    r = client.post("/api/evidence/articles", json=body)
    assert r.status_code == 207, r.text
    res = r.json()["results"]
    assert res[0]["ok"] and res[0]["created"] and res[0]["statements"] == 2
    assert not res[1]["ok"] and "extractor failed" in res[1]["problems"][0]["message"]
    assert not res[2]["ok"] and res[2]["problems"][0]["message"]
    assert r.json()["failed"] == 2
    again = client.post("/api/evidence/articles", json={"articles": body["articles"][:1]})
    assert again.status_code == 200 and again.json()["results"][0]["created"] is False

    # files, read as `detente ingest` reads them: a dateline file, a JSON Lines batch, a bad file
    dateline = b" date 2025-02-14 \nDee Park said the meeting went well.\n"
    jsonl = (b'{"date": "2025-02-15", "source": "wire", "text": "Eve Moss said yes."}\n'
             b'{"date": "not a date", "text": "Fay Lin said no."}\n')
    r = client.post("/api/evidence/files", files=[
        ("files", ("report.txt", dateline, "text/plain")),
        ("files", ("batch.jsonl", jsonl, "application/jsonl")),
        ("files", ("latin1.txt", "Gil said caf\xe9.".encode("latin-1"), "text/plain"))],
        data={"source": "upload"}, headers={"Origin": BASE})  # uploads: same origin or token
    assert r.status_code == 207, r.text
    res = r.json()["results"]
    assert [x["ok"] for x in res] == [True, True, False, False]
    assert "latin1.txt" in json.dumps(res[3]) or "UTF-8" in json.dumps(res[3])
    assert "batch.jsonl" in json.dumps(res[2]) and "detente-upload" not in json.dumps(res)

    sts = client.get("/api/evidence/statements", params={"until": "2025-02-12"}).json()
    assert [s["speaker"] for s in sts] == ["Ann Lee", "Bob Stone"]
    dee = client.get("/api/evidence/statements", params={"speaker": "dee"}).json()
    assert dee[0]["article_date"] == "2025-02-14" and dee[0]["article_source"] == "upload"
    assert sts[0]["article_source"] == "wire" and sts[0]["date_start"] == "2025-02-12"
    assert [s["speaker"] for s in client.get("/api/evidence/statements", params={"speaker": "stone"}).json()] == ["Bob Stone"]
    assert client.get("/api/evidence/statements", params={"text": "realistic"}).json()[0]["speaker"] == "Bob Stone"
    assert client.get("/api/evidence/statements", params={"since": "2025-02-16"}).json() == []
    assert client.get("/api/evidence/statements", params={"since": "Feb 13"}).status_code == 422

    sid = create(client, text="# keep this comment\n" + SMALL)["id"]
    keys = [a["key"] for a in client.get(f"/api/scenarios/{sid}/assumptions").json()]
    assert keys == ["pref:A:1", "pref:A:2", "pref:B:1", "pref:B:2", "option:a_attacks", "option:b_attacks"]
    st = sts[1]["id"]
    r = client.post(f"/api/scenarios/{sid}/links", json={"statement_id": st, "target": "pref:B:1",
                                                          "note": "B fears an attack"})
    assert r.status_code == 201, r.text
    link = r.json()
    assert link["target_text"] == "not a_attacks" and link["statement"]["speaker"] == "Bob Stone"
    assumptions = {a["key"]: a for a in client.get(f"/api/scenarios/{sid}/assumptions").json()}
    assert [ln["statement_id"] for ln in assumptions["pref:B:1"]["links"]] == [st]
    one = client.get(f"/api/evidence/statements/{st}").json()
    assert one["links"][0]["target"] == "pref:B:1" and one["links"][0]["scenario_id"] == sid
    uid = sts[1]["uid"]  # the stable id names the same statement (issue 15)
    assert uid.startswith("st-") and client.get(f"/api/evidence/statements/{uid}").json()["id"] == st

    # the links written into the model itself: a new version, comments kept, loadable
    r = client.post(f"/api/scenarios/{sid}/links/cite", json={"base_version": 1})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1 and r.json()["scenario"]["version"] == 2
    text = r.json()["scenario"]["text"]
    # cited by its stable id, which holds in any database that ingests the same article
    assert text.startswith("# keep this comment") and f"statement_id: {uid}" in text
    cited = loads(text).dm("B").preferences[0]
    assert cited.text == "not a_attacks" and cited.evidence[0].statement_id == uid
    assert cited.evidence[0].speaker == "Bob Stone"
    r = client.post(f"/api/scenarios/{sid}/links/cite", json={"base_version": 2})
    assert r.json()["added"] == 0 and r.json()["scenario"]["version"] == 2  # nothing new
    r = client.post(f"/api/scenarios/{sid}/links/cite", json={"base_version": 1})
    assert r.status_code == 409

    r = client.post(f"/api/scenarios/{sid}/links", json={"statement_id": st, "target": "pref:B:9"})
    assert r.status_code == 422 and "pref:B:1" in r.json()["problems"][0]["hint"]
    r = client.post(f"/api/scenarios/{sid}/links", json={"statement_id": 9999, "target": "pref:B:1"})
    assert r.status_code == 422 and "9999" in r.json()["problems"][0]["message"]
    assert client.get("/api/evidence/statements/9999").status_code == 404
    assert client.delete(f"/api/links/{link['id']}").status_code == 204
    assert client.get(f"/api/scenarios/{sid}/links").json() == []
    assert client.delete(f"/api/links/{link['id']}").status_code == 404


# --- the OpenAPI document and the service ----------------------------------------------------------

def test_openapi_document_is_complete(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for p in ("/api/scenarios", "/api/scenarios/{scenario_id}", "/api/scenarios/{scenario_id}/versions",
              "/api/scenarios/{scenario_id}/diff", "/api/scenarios/{scenario_id}/export",
              "/api/scenarios/{scenario_id}/analyses", "/api/analyses/{analysis_id}",
              "/api/analyses/{analysis_id}/result", "/api/analyses/{analysis_id}/events",
              "/api/analyses/{analysis_id}/explain", "/api/analyses/{analysis_id}/explain-view",
              "/api/analyses/{analysis_id}/paths",
              "/api/analyses/{analysis_id}/graph", "/api/scenarios/{scenario_id}/compare",
              "/api/scenarios/{scenario_id}/report", "/api/evidence/articles",
              "/api/evidence/statements", "/api/scenarios/{scenario_id}/links",
              "/api/scenarios/{scenario_id}/assumptions", "/api/validate", "/api/health"):
        assert p in paths, p
    schemas = doc["components"]["schemas"]
    assert "ErrorOut" in schemas and "AnalysisResultOut" in schemas
    assert "HTTPValidationError" not in json.dumps(doc)  # errors are documented as they are sent
    import re
    refs = set(re.findall(r"#/components/schemas/(\w+)", json.dumps(doc)))
    assert refs <= set(schemas), refs - set(schemas)  # every reference resolves
    body = paths["/api/scenarios"]["post"]["requestBody"]["content"]
    assert "application/yaml" in body and "base_version" in schemas["ScenarioUpdate"]["properties"]
    for path, ops in paths.items():
        for method, op in ops.items():
            ok = [c for c in op["responses"] if c.startswith("2")]
            assert ok, (method, path)
            assert op.get("summary") and op.get("description", "") or op.get("summary"), (method, path)
            if method in ("post", "put", "delete") and path not in READ_ONLY_POSTS:
                assert "401" in op["responses"], (method, path)
            if "{" in path:
                assert "404" in op["responses"], (method, path)
    assert "X-Detente-Token" in json.dumps(doc["components"].get("securitySchemes", {}))
    assert client.get("/docs").status_code == 200
    health = client.get("/api/health").json()
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from detente.store.db import MIGRATIONS
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()  # the latest migration
    assert health["status"] == "ok" and health["revision"] == head and health["token_required"] is False


@pytest.mark.slow
def test_ingest_with_the_real_extractor(tmp_path):
    """The default extractor (spaCy) behind POST /api/evidence/articles: speaker, cue, channel
    and the date resolved against the dateline."""
    from detente.store.db import dispose_all
    text = ('"We will not send troops," U.S. Defense Secretary Pete Hegseth told reporters at '
            'NATO headquarters on Wednesday.')
    try:
        with make_client(f"sqlite:///{tmp_path / 'ev.sqlite'}") as c:
            r = c.post("/api/evidence/articles", json={"articles": [
                {"text": text, "date": "2025-02-12", "source": "wire", "title": "NATO"}]})
            assert r.status_code == 200, r.text
            assert r.json()["results"][0]["statements"] >= 1
            st = c.get("/api/evidence/statements", params={"speaker": "hegseth"}).json()
            assert st and st[0]["speaker"] == "Pete Hegseth"
            assert st[0]["channel"] == "told reporters" and st[0]["date"] == "2025-02-12"
            assert "send troops" in st[0]["content"] and st[0]["article_title"] == "NATO"
    finally:
        dispose_all()


def test_serve_refuses_a_public_address_without_a_token(monkeypatch, capsys):
    from detente.cli import main
    from detente.cli.web_commands import is_loopback

    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert "refusing to listen on 0.0.0.0 without a token" in err and "DETENTE_TOKEN" in err
    monkeypatch.setenv("DETENTE_TOKEN", "short")
    assert main(["serve", "--host", "192.168.1.5", "--port", "1"]) == 2
    assert "too short" in capsys.readouterr().err
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.1.2.3") and not is_loopback("0.0.0.0") and not is_loopback("10.0.0.1")


def test_a_deleted_scenarios_results_are_not_served_again(client):
    """SQLite may give a new analysis the id of a deleted one: no stale cached result."""
    sid = create(client)["id"]
    job = run_analysis(client, sid, concepts=["Nash"])
    assert client.get(f"/api/analyses/{job['id']}/result").json()["model"]["title"] == "Small test conflict"
    client.get(f"/api/analyses/{job['id']}/graph")
    assert client.delete(f"/api/scenarios/{sid}").status_code == 204
    assert client.get(f"/api/analyses/{job['id']}/result").status_code == 404
    sid2 = create(client, text=CHICKEN)["id"]
    job2 = run_analysis(client, sid2, concepts=["Nash"])
    assert client.get(f"/api/analyses/{job2['id']}/result").json()["model"]["title"] == "chicken"
    assert client.get(f"/api/analyses/{job2['id']}/graph").json()["dms"] == ["Driver 1", "Driver 2"]


def test_garbage_never_gets_an_internal_error(tmp_path):
    """Every route of the OpenAPI document, with random ids, query values, bodies and content
    types: always a 4xx answer with a message (or a success), never a 500."""
    import random

    from detente.store.db import dispose_all
    url = f"sqlite:///{tmp_path / 'garbage.sqlite'}"
    vals = ["", "0", "-1", "999999999999999999999", "abc", "NN", "YY", "1", "%00", "é", "[]",
            "null", "Driver 1", "SEQ", "x" * 5000]
    bodies = [None, b"", b"{}", b"[]", b"null", b'{"text": 5}', b'{"text": ""}',
              b'{"text": "a: b"}', json.dumps({"text": CHICKEN, "base_version": "x"}).encode(),
              json.dumps({"text": CHICKEN, "base_version": 99}).encode(),
              json.dumps({"statement_id": "a", "target": 5}).encode(),
              json.dumps({"articles": [{"text": 5}]}).encode(),
              json.dumps({"articles": [{"text": "x", "date": "2025-13-45"}]}).encode(),
              json.dumps({"concepts": "Nash"}).encode(), json.dumps({"concepts": [5]}).encode(),
              json.dumps({"version": -1}).encode(), b"\xff\xfe", b'{"base_version": -5}']
    try:
        with TestClient(create_app(url, jobs="thread"), base_url=BASE, raise_server_exceptions=False) as c:
            sid = create(c, text=CHICKEN)["id"]
            aid = run_analysis(c, sid)["id"]
            rnd = random.Random(7)
            bad = []
            for path, ops in c.get("/openapi.json").json()["paths"].items():
                for method, op in ops.items():
                    for _ in range(25):
                        p = (path.replace("{scenario_id}", rnd.choice([str(sid), "999", "-1", "abc"]))
                             .replace("{analysis_id}", rnd.choice([str(aid), "999", "0"]))
                             .replace("{version}", rnd.choice(["1", "0", "99"]))
                             .replace("{link_id}", rnd.choice(["1", "x"]))
                             .replace("{statement_id}", rnd.choice(["1", "abc"])))
                        params = {q["name"]: rnd.choice(vals) for q in op.get("parameters", [])
                                  if q["in"] == "query" and rnd.random() < 0.8}
                        body = rnd.choice(bodies)
                        headers = {"Content-Type": rnd.choice(
                            ["application/json", "application/yaml", "text/plain",
                             "multipart/form-data"])} if body is not None else {}
                        r = c.request(method.upper(), p, params=params, content=body, headers=headers)
                        if r.status_code >= 500 or (r.status_code >= 400 and not r.json()["problems"][0]["message"]):
                            bad.append((method, p, params, r.status_code, r.text[:200]))
            assert not bad, bad[:5]
    finally:
        dispose_all()


def test_unfinished_analyses_are_resumed_when_the_server_starts(db_url):
    """An analysis left queued or running by a stopped server is run by the next one."""
    from sqlalchemy import update

    from detente.store.workspace import AnalysisRow
    with make_client(db_url) as c:
        sid = create(c)["id"]
        aid = run_analysis(c, sid, concepts=["Nash"])["id"]
        with c.app.state.ws.tx() as s:  # as if the server had stopped in the middle of it
            s.execute(update(AnalysisRow).where(AnalysisRow.id == aid)
                      .values(status="running", result=None, done=0, total=0))
    with make_client(db_url) as c:
        deadline = time.monotonic() + 30
        while (job := c.get(f"/api/analyses/{aid}").json())["status"] != "done":
            assert time.monotonic() < deadline, job
            time.sleep(0.05)
        assert c.get(f"/api/analyses/{aid}/result").json()["results"]["Nash"]["equilibria"][0]["yn"] == "YY"
