"""Suggested evidence and suggested observations in the web API, and "Add to timeline".

``GET /api/scenarios/{id}/suggested-evidence`` and ``.../suggested-observations`` answer what
``detente suggest-evidence`` / ``suggest-observations MODEL --format json`` print for the same
model and database (compared item by item over every page), a page at a time, bounded (top,
min_score, the server's statement limit). ``POST .../timeline/events`` appends a candidate's
event as a new version: only the added lines change, comments survive; a stale version is a
409, a statement that is gone a 422.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from evidence_fake import FakeExtractor  # noqa: E402
from test_observations import TOY  # noqa: E402

BASE = "http://127.0.0.1"
LINK = re.compile(r'<([^>]*)>\s*;\s*rel="(\w+)"')

# Invented articles: who said what, on which dateline (the fake extractor reads "X said ...").
ARTICLES = [
    ("2025-04-30", "Yulia Svyrydenko said Ukraine signed the minerals deal with the United States. "
                   "Volodymyr Zelenskyy said Ukraine is ready to sign more agreements."),
    ("2025-03-04", "Karoline Leavitt said the United States paused military aid to Ukraine. "
                   "Marco Rubio said the aid pause would end once Ukraine signs."),
    ("2025-03-12", "Karoline Leavitt said the United States resumed military aid to Ukraine. "
                   "Andrii Yermak said Ukraine will never accept a minerals deal without guarantees."),
    ("2025-01-20", "Dmitry Peskov said Moscow signed a grain agreement with Ankara."),
]

# Cites statement 1 (stored) and 99999 (not stored): both CLI and API report the missing one.
EVIDENCE_MODEL = TOY.replace(
    "preferences: [not ua_minerals]",
    "preferences:\n      - statement: not ua_minerals\n"
    "        evidence: [{statement_id: 1}, {statement_id: 99999}]")


@pytest.fixture
def dbfile(tmp_path, monkeypatch):
    """A SQLite file holding the invented articles, ingested by ``detente ingest``."""
    from detente.cli import main
    from detente.evidence import ingest
    from detente.store import db as dbmod

    monkeypatch.setattr(ingest, "make_extractor", lambda model=None: FakeExtractor())
    path = tmp_path / "suggest.sqlite"
    for k, (date, text) in enumerate(ARTICLES):
        f = tmp_path / f"a{k}.txt"
        f.write_text(text + "\n")
        assert main(["ingest", str(f), "--date", date, "--format", "text", "--db", str(path),
                     "-q"]) == 0
    yield path
    dbmod.dispose_all()


def _client(url: str):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app
    return TestClient(create_app(url, jobs="thread"), base_url=BASE)


def _cli_json(capsys, *args) -> dict:
    from detente.cli import main
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _all_pages(c, url: str) -> tuple[list, int, int]:
    """Every item of a paged list, following rel="next"; (items, X-Total-Count, searched)."""
    items, total, searched, pages = [], None, None, 0
    while url:
        r = c.get(url)
        assert r.status_code == 200, (url, r.text)
        total = int(r.headers["x-total-count"])
        searched = int(r.headers["x-statements-searched"])
        items += r.json()
        url = dict((rel, u) for u, rel in LINK.findall(r.headers.get("link", ""))).get("next")
        pages += 1
        assert pages < 50
    assert len(items) == total
    return items, total, searched


def _without_links(statement: dict) -> dict:
    return {k: v for k, v in statement.items() if k != "links"}


def test_api_answers_what_the_cli_prints(capsys, dbfile, tmp_path):
    model = tmp_path / "toy.yaml"
    model.write_text(EVIDENCE_MODEL)
    for top, min_score in ((3, 0.05), (1, 0.0), (5, 0.3)):
        cli = _cli_json(capsys, "suggest-evidence", model, "--db", dbfile, "--format", "json",
                        "--top", top, "--min-score", min_score)
        cli_obs = _cli_json(capsys, "suggest-observations", model, "--db", dbfile,
                            "--format", "json", "--top", top, "--min-score", min_score)
        with _client(f"sqlite:///{dbfile}") as c:
            sid = c.post("/api/scenarios", json={"text": EVIDENCE_MODEL}).json()["id"]
            q = f"top={top}&min_score={min_score}"
            items, total, searched = _all_pages(
                c, f"/api/scenarios/{sid}/suggested-evidence?{q}&limit=1")
            assert searched == cli["statements_searched"] == 7
            assert total == len(cli["suggestions"]) == 3  # 2 preferences... of Ukraine and US
            got = [{k: v for k, v in it.items() if k not in ("key", "missing")}
                   | {"candidates": [_without_links(x) for x in it["candidates"]]} for it in items]
            assert got == cli["suggestions"]
            assert sorted({m for it in items for m in it["missing"]}) == cli["missing_statement_ids"] == [99999]
            assert [it["key"] for it in items] == ["pref:Ukraine:1", "pref:US:1", "pref:US:2"]

            obs, total, searched = _all_pages(
                c, f"/api/scenarios/{sid}/suggested-observations?{q}&limit=1")
            assert searched == cli_obs["statements_searched"]
            got = [it | {"statement": _without_links(it["statement"])} for it in obs]
            assert got == cli_obs["candidates"]
            if (top, min_score) == (3, 0.05):  # the defaults of the CLI's evidence command
                assert obs and c.get(f"/api/scenarios/{sid}/suggested-evidence").json() == items
            if (top, min_score) == (5, 0.3):
                # read by hand: Ukraine signed (a move), the U.S. paused aid (already dropped on
                # 03-03: a state), the U.S. resumed aid (a move back); not the wish, the grain
                assert sorted((x["option"], x["kind"], x["value"], x["date"]) for x in obs) == [
                    ("ua_minerals", "move", True, "2025-04-30"),
                    ("us_aid", "move", True, "2025-03-12"), ("us_aid", "state", False, "2025-03-04")]


def test_bad_ids_and_hostile_parameters(dbfile):
    with _client(f"sqlite:///{dbfile}") as c:
        sid = c.post("/api/scenarios", json={"text": TOY}).json()["id"]
        for kind in ("suggested-evidence", "suggested-observations"):
            assert c.get(f"/api/scenarios/{sid + 1}/{kind}").status_code == 404
            assert c.get(f"/api/scenarios/{sid}/{kind}?version=2").status_code == 404
            for bad in ("0", "-3", str(2**31), "x", "1e400"):
                r = c.get(f"/api/scenarios/{bad}/{kind}")
                assert r.status_code == 422, (bad, r.text)
            for q in ("top=0", "top=101", "top=1e9", "min_score=-0.1", "min_score=1.5",
                      "min_score=nan", "min_score=inf", "min_score=abc", "limit=0",
                      "limit=1001", "offset=-1", f"offset={2**31}", "version=0",
                      f"version={2**40}"):
                r = c.get(f"/api/scenarios/{sid}/{kind}?{q}")
                assert r.status_code == 422, (kind, q, r.status_code, r.text)
                assert r.json()["problems"][0]["field"], r.text
            r = c.get(f"/api/scenarios/{sid}/{kind}?offset=1000000")  # past the end: empty
            assert r.status_code == 200 and r.json() == [] and r.headers["x-total-count"] != "0"
        # a model without a date: no observation can be placed after it (located, as the CLI)
        nodate = c.post("/api/scenarios", json={"text": TOY.replace("date: 2025-02-12\n", "")
                                                .split("timeline:")[0]}).json()["id"]
        r = c.get(f"/api/scenarios/{nodate}/suggested-observations")
        assert r.status_code == 422 and "no date" in r.json()["problems"][0]["message"]
        assert c.get(f"/api/scenarios/{nodate}/suggested-evidence").status_code == 200


def test_the_statement_limit_is_respected(dbfile):
    with _client(f"sqlite:///{dbfile}") as c:
        sid = c.post("/api/scenarios", json={"text": TOY}).json()["id"]
        c.app.state.ws.limits.max_suggest_statements = 6  # 7 are stored
        for kind in ("suggested-evidence", "suggested-observations"):
            r = c.get(f"/api/scenarios/{sid}/{kind}")
            assert r.status_code == 422, r.text
            assert r.json()["error"] == "TooLargeError"
            p = r.json()["problems"][0]
            assert "7 statements" in p["message"] and "command line" in p["hint"]
        c.app.state.ws.limits.max_suggest_statements = 7
        assert c.get(f"/api/scenarios/{sid}/suggested-evidence").status_code == 200


def _added_lines(old: str, new: str) -> list[str]:
    """The lines ``new`` adds to ``old``; fails if it removes or changes any."""
    out = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        assert not line.startswith("- "), f"a line was changed or removed: {line!r}"
        if line.startswith("+ "):
            out.append(line[2:])
    return out


COMMENTED = "# Minerals, as the analyst keeps it\n" + TOY.replace(
    "      evidence: {record: the U.S. paused aid}\n",
    "      evidence: {record: the U.S. paused aid}   # from the wires\n"
    "    # more events go here\n") + "# end of the model\n"


def test_add_to_timeline(dbfile):
    with _client(f"sqlite:///{dbfile}") as c:
        sid = c.post("/api/scenarios", json={"text": COMMENTED}).json()["id"]
        cands = c.get(f"/api/scenarios/{sid}/suggested-observations").json()
        first = next(x for x in cands if x["option"] == "ua_minerals")
        body = {"base_version": 1, "statement_id": first["statement"]["uid"],
                "option": first["option"], "value": first["value"]}
        r = c.post(f"/api/scenarios/{sid}/timeline/events", json=body)
        assert r.status_code == 200, r.text
        d = r.json()
        assert d["added"] and d["scenario"]["version"] == 2
        new = d["scenario"]["text"]
        added = _added_lines(COMMENTED, new)
        # the lines added say what the candidate's snippet says, indented as the file's events
        from ruamel.yaml import YAML
        assert all(x.startswith("    ") for x in added) and added[0].startswith("    - date:")
        assert YAML(typ="safe").load("\n".join(x[4:] for x in added)) == \
            YAML(typ="safe").load(first["snippet"])
        # after the last event, before the comment lines that follow the list
        assert new.index("# from the wires") < new.index(added[0]) < new.index("# more events")
        assert new.rstrip().endswith("# end of the model")
        assert d["event"]["move"] == {"by": "Ukraine", "take": ["ua_minerals"]}
        # the timeline now judges that move; the candidate is no longer proposed
        moves = c.get(f"/api/scenarios/{sid}/timeline?robustness=false").json()["moves"]
        assert [(m["date"], m["mover"]) for m in moves] == [("2025-03-03", "US"), ("2025-04-30", "Ukraine")]
        left = c.get(f"/api/scenarios/{sid}/suggested-observations").json()
        assert first["statement"]["id"] not in [x["statement"]["id"] for x in left]
        assert c.get(f"/api/scenarios/{sid}/versions").headers["x-total-count"] == "2"

        # the same again on the current version: cited already, nothing saved
        r = c.post(f"/api/scenarios/{sid}/timeline/events", json=body | {"base_version": 2})
        assert r.status_code == 200 and r.json()["added"] is False
        assert r.json()["scenario"]["version"] == 2
        # a stale version: 409, nothing saved
        other = next(x for x in left if x["option"] == "us_aid")
        stale = {"base_version": 1, "statement_id": other["statement"]["id"],
                 "option": "us_aid", "value": other["value"]}
        r = c.post(f"/api/scenarios/{sid}/timeline/events", json=stale)
        assert r.status_code == 409 and r.json()["error"] == "VersionConflict", r.text
        assert "version 2" in r.json()["problems"][0]["message"]
        # the statement is gone (removed from the store meanwhile): 422, located
        from detente.store.schema import StatementRow
        with c.app.state.ws.tx() as s:
            s.delete(s.get(StatementRow, other["statement"]["id"]))
        r = c.post(f"/api/scenarios/{sid}/timeline/events", json=stale | {"base_version": 2})
        assert r.status_code == 422 and r.json()["problems"][0]["field"] == "statement_id", r.text
        for bad, field in (({"option": "us_aide"}, "option"), ({"statement_id": "st-0000"}, "statement_id"),
                           ({"statement_id": 0}, "statement_id"), ({"value": "maybe"}, "value"),
                           ({"option": "x\x00"}, "option"), ({"extra": 1}, "extra")):
            r = c.post(f"/api/scenarios/{sid}/timeline/events",
                       json={"base_version": 2, "statement_id": first["statement"]["id"],
                             "option": "us_aid", "value": True} | bad)
            assert r.status_code == 422, (bad, r.text)
            assert field in r.json()["problems"][0]["field"], (bad, r.json())
        assert "us_aid" in c.post(f"/api/scenarios/{sid}/timeline/events", json={
            "base_version": 2, "statement_id": first["statement"]["id"], "option": "us_aide",
            "value": True}).json()["problems"][0]["hint"]
        assert c.post(f"/api/scenarios/{sid + 9}/timeline/events", json=body).status_code == 404
        assert c.get(f"/api/scenarios/{sid}/versions").headers["x-total-count"] == "2"


def test_add_to_a_model_without_timeline_and_to_json(dbfile):
    bare = TOY.split("timeline:")[0]
    with _client(f"sqlite:///{dbfile}") as c:
        sid = c.post("/api/scenarios", json={"text": bare}).json()["id"]
        cand = c.get(f"/api/scenarios/{sid}/suggested-observations").json()[0]
        r = c.post(f"/api/scenarios/{sid}/timeline/events", json={
            "base_version": 1, "statement_id": cand["statement"]["id"], "option": cand["option"],
            "value": cand["value"]})
        assert r.status_code == 200, r.text
        added = _added_lines(bare, r.json()["scenario"]["text"])
        assert added[:2] == ["timeline:", "  events:"] and len(added) == 6
        # a JSON scenario stays JSON
        import detente
        doc = detente.loads(TOY).document
        doc = json.loads(json.dumps(doc, default=str))
        jid = c.post("/api/scenarios", json={"text": json.dumps(doc, indent=2),
                                             "format": "json"}).json()["id"]
        r = c.post(f"/api/scenarios/{jid}/timeline/events", json={
            "base_version": 1, "statement_id": cand["statement"]["id"], "option": cand["option"],
            "value": cand["value"]})
        assert r.status_code == 200, r.text
        out = json.loads(r.json()["scenario"]["text"])
        assert out["timeline"]["events"][-1]["date"] == cand["date"]
        assert r.json()["scenario"]["format"] == "json"


def test_scenario_search_for_the_evidence_page(tmp_path):
    """The Evidence page's scenario select is a bounded search: GET /api/scenarios?q= pages
    the titles containing q (case-insensitive; % and _ are literal), and the page itself
    lists one page of scenarios, not all of them."""
    from detente.store.db import dispose_all
    try:
        with _client(f"sqlite:///{tmp_path / 'q.sqlite'}") as c:
            titles = [f"Talks {i}" for i in range(60)] + ["Grain 100% deal", "Grain_x", "grainy"]
            for t in titles:
                assert c.post("/api/scenarios", json={"text": TOY.replace("Minerals toy", t)}).status_code == 201
            r = c.get("/api/scenarios", params={"q": "GRAIN", "limit": 2})
            assert r.headers["x-total-count"] == "3" and len(r.json()) == 2 and 'rel="next"' in r.headers["link"]
            assert "q=GRAIN" in r.headers["link"]
            assert [x["title"] for x in c.get("/api/scenarios", params={"q": "100%"}).json()] == ["Grain 100% deal"]
            assert [x["title"] for x in c.get("/api/scenarios", params={"q": "n_"}).json()] == ["Grain_x"]
            assert c.get("/api/scenarios", params={"q": "%"}).headers["x-total-count"] == "1"
            assert c.get("/api/scenarios", params={"q": ""}).headers["x-total-count"] == "63"
            for bad in ("a\x00", "x" * 201):
                assert c.get("/api/scenarios", params={"q": bad}).status_code == 422
            page = c.get("/evidence").text  # (choose) and 50 scenarios
            assert page.count("<option value=") == 51 and "50 most recent of 63" in page
    finally:
        dispose_all()
