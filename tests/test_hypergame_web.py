"""The web app shows each DM's view beside reality: the analysis result carries the same
'hypergame' section as the CLI's JSON, and the report has the views section."""

from pathlib import Path

from test_web_api import client, create, db_url, run_analysis  # noqa: F401 (fixtures)

BACKSTOP = (Path(__file__).parent / "fixtures" / "hypergame" / "backstop.yaml").read_text()


def test_analysis_result_has_each_view(client):  # noqa: F811
    sid = create(client, text=BACKSTOP)["id"]
    job = run_analysis(client, sid, concepts=["GMR", "SEQ", "SIM"])
    assert job["status"] == "done", job
    result = client.get(f"/api/analyses/{job['id']}/result").json()
    hg = result["hypergame"]
    assert hg["concepts"] == ["GMR", "SEQ"]
    assert hg["results"]["SEQ"]["by_dm"]["US"]["expected"] == ["NYY"]
    assert [s["yn"] for s in hg["results"]["SEQ"]["hypergame_equilibrium"]] == ["NNY"]
    compact = client.get(f"/api/analyses/{job['id']}/result", params={"states": "false"}).json()
    assert compact["hypergame"] == hg


UNKNOWN = (Path(__file__).parent / "fixtures" / "hypergame" / "unknown-option.yaml").read_text()


def test_explain_view_puts_the_view_beside_reality(client):  # noqa: F811
    # backstop.yaml (derived in tests/test_hypergame.py): the US expects NYY under SEQ; in reality
    # Europe withdraws its troops (eu-only-with-backstop) and Russia its settlement
    # (ru-no-european-troops), two statements the US perception leaves out.
    sid = create(client, text=BACKSTOP)["id"]
    job = run_analysis(client, sid, concepts=["GMR", "SEQ"])
    r = client.get(f"/api/analyses/{job['id']}/explain-view",
                   params={"state": "NYY", "view": "US", "concept": "SEQ"})
    assert r.status_code == 200, r.text
    ex = r.json()
    assert ex["viewer"] == "US" and ex["has_perception"] and ex["state"]["yn"] == "NYY"
    assert ex["expected"] and not ex["real_equilibrium"] and not ex["hypergame_equilibrium"]
    assert ex["stable_in_view"] == {"US": True, "Europe": True, "Russia": True}
    assert ex["stable_in_reality"] == {"US": True, "Europe": False, "Russia": False}
    moves = {(u["dm"], u["from"], u["to"], u["reason"]) for u in ex["unanticipated"]}
    assert moves == {("Europe", "NYY", "NNY", "not_an_improvement"),
                     ("Russia", "NYY", "NYN", "not_an_improvement")}
    rests = " ".join(i["what"] for u in ex["unanticipated"] for i in u["rests_on"])
    assert "eu-only-with-backstop" in rests and "ru-no-european-troops" in rests
    assert "US expects NYY to hold under SEQ" in ex["text"]
    # A DM without a perception sees reality: the same state is not expected there.
    europe = client.get(f"/api/analyses/{job['id']}/explain-view",
                        params={"state": "NYY", "view": "Europe", "concept": "SEQ"}).json()
    assert not europe["has_perception"] and not europe["expected"] and not europe["unanticipated"]
    # The hypergame equilibrium NNY: expected by the US, and nothing it did not anticipate.
    nny = client.get(f"/api/analyses/{job['id']}/explain-view",
                     params={"state": "NNY", "view": "US", "concept": "GMR"}).json()
    assert nny["expected"] and nny["real_equilibrium"] and nny["hypergame_equilibrium"]


def test_explain_view_invisible_state_and_errors(client):  # noqa: F811
    sid = create(client, text=UNKNOWN)["id"]
    job = run_analysis(client, sid, concepts=["Nash"])
    url = f"/api/analyses/{job['id']}/explain-view"
    ex = client.get(url, params={"state": "YN", "view": "Transit", "concept": "Nash"}).json()
    assert [(u["dm"], u["reason"]) for u in ex["unanticipated"]] == [("Exporter", "invisible")]
    assert "does not know option 'shutdown' exists" in ex["unanticipated"][0]["text"]
    hidden = client.get(url, params={"state": "YY", "view": "Transit", "concept": "Nash"}).json()
    assert hidden["visible"] is False and hidden["state"]["invisible_to"] == ["Transit"]
    for params, words in (({"state": "YN", "view": "Nobody", "concept": "Nash"}, "no decision maker"),
                          ({"state": "YN", "view": "Transit", "concept": "SEQ"}, "SEQ was not analysed"),
                          ({"state": "YN", "view": "Transit", "concept": "SIM"}, "Nash, GMR, SMR and SEQ"),
                          ({"state": "QQ", "view": "Transit", "concept": "Nash"}, "")):
        r = client.get(url, params=params)
        assert r.status_code == 422, (params, r.text)
        assert words in r.json()["problems"][0]["message"], r.json()
    assert client.get("/api/analyses/999/explain-view", params={"state": "YN", "view": "Transit"}).status_code == 404


def test_explain_view_refuses_a_model_without_perceptions(client):  # noqa: F811
    sid = create(client)["id"]
    job = run_analysis(client, sid, concepts=["Nash"])
    r = client.get(f"/api/analyses/{job['id']}/explain-view", params={"state": "1", "view": "A", "concept": "Nash"})
    assert r.status_code == 422 and "has a perception" in r.json()["problems"][0]["message"]
