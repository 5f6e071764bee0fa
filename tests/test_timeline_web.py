"""The timeline through the REST API (and the report section): the same answers as the CLI,
bounded work and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.web.app import create_app
from detente.web.services import Limits

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"

TOY = {"title": "toy", "date": "2025-01-01", "status_quo": "NN", "decision_makers": [
    {"name": "A", "options": ["a"], "preferences": ["a"]},
    {"name": "B", "options": ["b"], "preferences": ["not b"]}],
    "timeline": {"until": "2025-03-01", "persisted_days": 30, "events": [
        {"date": "2025-01-11", "move": {"by": "A", "take": ["a"]}, "evidence": {"record": "A took a"}},
        {"date": "2025-02-01", "move": {"by": "B", "take": ["b"]}, "evidence": {"record": "B took b"}}]}}


@pytest.fixture
def client(tmp_path):
    from detente.store.db import dispose_all
    app = create_app(f"sqlite:///{tmp_path / 'ws.sqlite'}", jobs="thread")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
    dispose_all()


def create(client, text: str) -> int:
    r = client.post("/api/scenarios", json={"text": text})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_timeline_endpoint_scores_by_hand(client):
    sid = create(client, json.dumps(TOY))
    r = client.get(f"/api/scenarios/{sid}/timeline", params={"concept": "Nash", "robustness": "false"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["schema"] == "detente.timeline/1" and d["scenario_id"] == sid and d["version"] == 1
    # A's move improves A (NN -> YN); B's takes b against 'not b': a surprise, never fixed.
    assert [(m["mover"], m["kind"], m["from"], m["to"]) for m in d["moves"]] == [
        ("A", "improvement", "NN", "YN"), ("B", "surprise", "YN", "YY")]
    assert d["moves"][1]["statement"] == "not b" and d["moves"][1]["fixed_by"] is None
    assert d["scores"]["share_anticipated"] == 0.5
    assert [(s["state"], s["days"], s["persisted"]) for s in d["spells"]] == [
        ("NN", 10, False), ("YN", 21, False), ("YY", 28, None)]
    assert d["scores"]["brier"]["analysis"] == pytest.approx(0.5)
    assert d["scores"]["brier"]["robustness"] is None  # robustness off
    assert "Anticipated: 1 of 2 moves" in d["text"]
    # N = 10 days: three known outcomes (hand-computed in tests/test_timeline.py)
    r10 = client.get(f"/api/scenarios/{sid}/timeline",
                     params={"concept": "Nash", "robustness": "false", "persisted_days": 10}).json()
    assert r10["persisted_days"] == 10 and r10["scores"]["brier"]["n"] == 3
    assert r10["scores"]["brier"]["analysis"] == pytest.approx(2 / 3)
    # robustness on: no uncertainty, so p is 0 or 1 and equals the plain analysis
    rr = client.get(f"/api/scenarios/{sid}/timeline", params={"concept": "Nash"}).json()
    assert rr["scores"]["brier"]["robustness"] == pytest.approx(0.5)


def test_timeline_endpoint_matches_the_cli_on_the_flagship(client):
    from detente.gmcr.timeline import timeline
    sid = create(client, FLAGSHIP.read_text())
    d = client.get(f"/api/scenarios/{sid}/timeline").json()
    cli = timeline(str(FLAGSHIP)).to_dict()
    for key in ("moves", "spells", "scores", "versions"):
        assert d[key] == cli[key], key
    pic = client.get(f"/api/scenarios/{sid}/timeline/picture")
    assert pic.status_code == 200 and pic.headers["content-type"].startswith("image/svg+xml")
    assert pic.text.startswith("<svg") and "model 1" in pic.text
    assert "default-src 'none'" in pic.headers["content-security-policy"]


def test_timeline_errors_are_problems(client):
    no_tl = create(client, json.dumps({k: v for k, v in TOY.items() if k != "timeline"}))
    r = client.get(f"/api/scenarios/{no_tl}/timeline")
    assert r.status_code == 422 and "no timeline" in r.json()["problems"][0]["message"]
    assert client.get("/api/scenarios/9999/timeline").status_code == 404
    sid = create(client, json.dumps(TOY))
    r = client.get(f"/api/scenarios/{sid}/timeline", params={"concept": "bogus"})
    assert r.status_code == 422 and r.json()["problems"]
    r = client.get(f"/api/scenarios/{sid}/timeline", params={"persisted_days": 0})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "persisted_days"
    # a bad event is saved (the model itself loads) but its timeline is refused, located
    bad = dict(TOY, timeline={"events": [{"date": "2025-01-05", "state": {"zz": True},
                                          "evidence": {"record": "x"}}]})
    sid = create(client, json.dumps(bad))
    r = client.get(f"/api/scenarios/{sid}/timeline")
    assert r.status_code == 422
    p = r.json()["problems"][0]
    assert "'zz' is not an option" in p["message"] and p["field"].startswith("timeline.events[0]")


def test_timeline_work_is_bounded(tmp_path):
    from detente.store.db import dispose_all
    app = create_app(f"sqlite:///{tmp_path / 'ws.sqlite'}", jobs="thread",
                     limits=Limits(max_timeline_events=1, max_timeline_combinations=2 ** 3))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        sid = create(c, json.dumps(TOY))
        r = c.get(f"/api/scenarios/{sid}/timeline")
        assert r.status_code == 422 and "2 events" in r.json()["problems"][0]["message"]
        grow = dict(TOY, timeline={"events": [
            {"date": "2025-01-05", "revision": {"add_options": {"B": ["c", "d"]}},
             "evidence": {"assumption": "x"}}]})
        sid = create(c, json.dumps(grow))
        r = c.get(f"/api/scenarios/{sid}/timeline")
        p = r.json()["problems"][0]
        # 2^2 + 2^4 = 20 combinations over the two versions, over the limit of 8
        assert r.status_code == 422 and "20 option combinations" in p["message"], p
        # The report is still made, and says why its timeline section is empty.
        r = c.get(f"/api/scenarios/{sid}/report", params={"download": "false"})
        assert r.status_code == 200 and "Not shown: the timeline&#x27;s 2 model version(s)" in r.text
    dispose_all()


def test_timeline_in_openapi(client):
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/scenarios/{scenario_id}/timeline"]["get"]
    names = {p["name"] for p in op["parameters"]}
    assert {"concept", "persisted_days", "robustness", "version"} <= names
    assert "422" in op["responses"] and "TimelineOut" in json.dumps(op["responses"]["200"])
    assert "/api/scenarios/{scenario_id}/timeline/picture" in spec["paths"]


# --- the report's timeline section ------------------------------------------------------------

def _section(page: str) -> str:
    import re
    start = page.index('<h2 id="timeline">')
    # The section ends where the next one begins (sections are collapsed <details>, issue 13).
    ends = [i for i in (page.find('<details class="sec', start), page.find("<footer>", start)) if i >= 0]
    return re.sub(r"\s+", " ", page[start:min(ends)])


def test_report_section_from_results(tmp_path, capsys):
    import detente
    from detente.cli import main
    from detente.report import render_report
    from detente.report.timeline import timeline_report_sections

    f = tmp_path / "toy.json"
    f.write_text(json.dumps(TOY))
    code = main(["report", str(f), "-o", str(tmp_path / "r.html"), "--no-summary"])
    assert code == 0, capsys.readouterr().err
    sec = _section((tmp_path / "r.html").read_text())
    assert 'href="#timeline"' in (tmp_path / "r.html").read_text()  # in the table of contents
    assert "1 of 2 (50%)" in sec and "data:image/svg+xml;base64," in sec
    anticipated = sec[sec.index("What the model of 2025-01-01 anticipated"):sec.index("What it missed")]
    missed = sec[sec.index("What it missed"):sec.index("Observed moves")]
    assert "2025-01-11, A takes a: improvement" in anticipated and "B takes b" not in anticipated
    assert "2025-02-01, B takes b" in missed and "&#x27;not b&#x27;" in missed
    assert "no later revision anticipates it" in missed
    # A revision that fixes the surprise is named in the section.
    fixed = detente.load(dict(TOY, timeline=dict(TOY["timeline"], events=TOY["timeline"]["events"] + [
        {"date": "2025-02-01", "revision": {"preferences": {"B": ["b"]}}, "why": "B changed its mind",
         "evidence": {"assumption": "x"}}])))
    page = render_report(fixed, extra_sections=timeline_report_sections(fixed, concept="Nash"))
    sec = _section(page)
    assert "fixed by model 1 (revision of 2025-02-01)" in sec and "why: B changed its mind" in sec
    # No timeline, no section.
    assert timeline_report_sections(detente.load({k: v for k, v in TOY.items() if k != "timeline"})) == []


def test_report_section_on_the_flagship_and_through_the_api(client):
    sid = create(client, FLAGSHIP.read_text())
    r = client.get(f"/api/scenarios/{sid}/report", params={"download": "false"})
    assert r.status_code == 200, r.text
    sec = _section(r.text)
    missed = sec[sec.index("What it missed"):sec.index("Observed moves")]
    assert "2025-04-30, Ukraine takes ua_minerals" in missed and "ua-keep-minerals" in missed
    assert "2025-03-11, Ukraine takes ua_ceasefire" in missed and "fixed by model 1" in missed
    from detente.gmcr.timeline import timeline
    sc = timeline(str(FLAGSHIP)).scores  # the section shows the engine's scores
    assert f"{sc['anticipated']} of {sc['moves']} ({sc['share_anticipated']:.0%})" in sec
    assert f"robustness {sc['brier']['robustness']:.3f}" in sec
