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
