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


def test_report_has_each_view_beside_reality(tmp_path, capsys):
    out = tmp_path / "r.html"
    code, _, err = run(capsys, "report", FIX / "backstop.yaml", "-o", out, "--no-summary")
    assert code == 0, err
    html = out.read_text()
    assert 'id="hypergame"' in html and "How US sees the conflict" in html
    # Identical explanations under several concepts are merged into one block.
    assert "Nash, GMR, SMR, SEQ: why US expects NYY" in html
    assert "eu-only-with-backstop" in html


def test_report_without_perceptions_has_no_view_section():
    import detente
    from detente.report.hypergame import hypergame_report_sections
    assert hypergame_report_sections(detente.load(Path(__file__).parent / "fixtures" / "gmcr" / "chicken.yaml")) == []


def test_compare_shows_views_per_variant(capsys):
    code, out, err = run(capsys, "compare", FIX / "backstop.yaml", "-c", "SEQ", "-f", "json")
    assert code == 0, err
    models = {m["name"]: m for m in json.loads(out)["models"]}
    assert models["base"]["hypergame"]["SEQ"]["expected"]["US"] == ["NYY"]
    assert "hypergame" not in models["us-sees-reality"]  # perception removed by the variant
    assert models["us-sees-reality"]["changes"] == ["perception of US: removed (it sees reality)"]
    # Misjudging Europe alone: the US no longer expects NYY (Russia would pull out, it knows).
    assert "NYY" not in models["us-misjudges-europe-only"]["hypergame"]["SEQ"]["expected"]["US"]
    code, out, err = run(capsys, "compare", FIX / "backstop.yaml", "-c", "SEQ")
    assert code == 0 and "US expects: NYY" in out


def test_variant_perception_of_unknown_dm_is_located(tmp_path, capsys):
    text = (FIX / "backstop.yaml").read_text().replace("perception: {US: null}", "perception: {UZ: null}")
    f = tmp_path / "m.yaml"
    f.write_text(text)
    code, _, err = run(capsys, "analyze", f, "--variant", "us-sees-reality")
    assert code == 2 and "unknown decision maker 'UZ'" in err and "variants[0].perception.UZ" in err


def test_robustness_over_perceptions(capsys):
    code, out, err = run(capsys, "robustness", FIX / "backstop.yaml", "--perceptions", "-c", "SEQ", "-f", "json")
    assert code == 0, err
    d = json.loads(out)
    rows = {row["yn"]: row for row in d["results"]["SEQ"]}
    assert d["method"] == "exact" and d["profiles"] == 4
    assert rows["NYY"]["p_expected"]["US"] == 0.4 and rows["NNY"]["p_hypergame_equilibrium"] == 1.0
    code, out, err = run(capsys, "robustness", FIX / "backstop.yaml", "--perceptions", "-c", "SEQ")
    assert code == 0 and "US expects" in out


def test_analyze_prints_the_second_level(tmp_path, capsys):
    text = (FIX / "backstop.yaml").read_text().replace(
        "      preferences_of:\n        Europe:\n",
        "      views_of:\n        Europe:\n          preferences_of: {Russia: {preferences: [ru_settle]}}\n"
        "      preferences_of:\n        Europe:\n", 1)
    f = tmp_path / "m.yaml"
    f.write_text(text)
    code, out, err = run(capsys, "analyze", f, "-c", "SEQ")
    assert code == 0, err
    assert "Second level:" in out and "as US sees the hypergame: Europe expects" in out
    code, out, err = run(capsys, "analyze", f, "-c", "SEQ", "-f", "json")
    assert json.loads(out)["hypergame"]["second_level"]["US"]["views_of"] == ["Europe"]
