"""Hypergame output of the command line: analyze (table, JSON, CSV) and explain --view."""

import csv
import io
import json
from pathlib import Path

from detente.cli import main

FIX = Path(__file__).parent / "fixtures" / "hypergame"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_analyze_shows_each_view_beside_reality(capsys):
    code, out, err = run(capsys, "analyze", FIX / "backstop.yaml", "-c", "GMR")
    assert code == 0, err
    assert "Each decision maker's view beside reality" in out and "US expects" in out
    assert "leaves out eu-only-with-backstop" in out


def test_analyze_json_has_hypergame_section(capsys):
    code, out, err = run(capsys, "analyze", FIX / "backstop.yaml", "-f", "json")
    assert code == 0, err
    d = json.loads(out)
    hg = d["hypergame"]
    assert hg["concepts"] == ["Nash", "GMR", "SMR", "SEQ"]  # SIM is analysed for reality only
    assert [s["yn"] for s in hg["results"]["SEQ"]["unsteady"]] == ["NYY"]
    assert hg["results"]["SEQ"]["by_dm"]["US"]["expected"] == ["NYY"]


def test_analyze_csv_has_view_columns(capsys):
    code, out, _ = run(capsys, "analyze", FIX / "backstop.yaml", "-c", "Nash", "-f", "csv")
    assert code == 0
    rows = {r["state"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["NYY"]["Nash:expected_by:US"] == "1" and rows["NYY"]["Nash:equilibrium"] == "0"
    assert rows["NNY"]["Nash:hypergame_equilibrium"] == "1"


def test_explain_view_text_and_json(capsys):
    code, out, err = run(capsys, "explain", FIX / "backstop.yaml", "NYY", "--view", "US", "-c", "SEQ")
    assert code == 0, err
    assert "US expects NYY to hold under SEQ" in out and "Europe drops eu_deploy" in out
    assert "eu-only-with-backstop" in out
    code, out, err = run(capsys, "explain", FIX / "unknown-option.yaml", "YN", "--view", "Transit",
                         "-c", "Nash", "-f", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d[0]["unanticipated"][0]["reason"] == "invisible"


def test_explain_needs_dm_or_view_and_refuses_sim_views(capsys):
    code, _, err = run(capsys, "explain", FIX / "backstop.yaml", "NYY")
    assert code == 2 and "--view" in err
    code, _, err = run(capsys, "explain", FIX / "backstop.yaml", "NYY", "--view", "US", "-c", "SIM")
    assert code == 2 and "Nash, GMR, SMR and SEQ" in err
    code, _, err = run(capsys, "explain", FIX / "backstop.yaml", "NYY", "--view", "Nobody")
    assert code == 2 and "no decision maker named 'Nobody'" in err
