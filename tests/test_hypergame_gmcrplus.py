"""GMCR+ files: misperceptions become perceptions, and every part of a file that detente does
not import (or reads differently) is reported, on stderr and in the JSON 'warnings' field."""

import json
from pathlib import Path

import pytest

import detente
from detente.cli import main
from detente.model.gmcrplus import conflict_to_gmcr

FIX = Path(__file__).parent / "fixtures" / "hypergame"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_misperceptions_become_believed_infeasible_states():
    c = detente.load(FIX / "water-misperception.gmcr")
    per = c.dm("Upstream").perception
    assert [k.text for k in per.believes_infeasible] == ["escalate and attack"]
    assert c.dm("Downstream").perception is None
    h = detente.hypergame(c, ["GMR"])
    assert [h.yn(p) for p in (h.real & ~h.visible["Upstream"]).nonzero()[0]] == ["NYY"]


def test_every_unimported_feature_is_reported(capsys):
    code, out, err = run(capsys, "analyze", FIX / "water-misperception.gmcr", "-c", "GMR", "-f", "json")
    assert code == 0, err
    warnings = json.loads(out)["warnings"]
    fields = {w["field"] for w in warnings}
    assert fields == {"coalitionsFull", "coalitions", "decisionMakers[0].payoffs",
                      "decisionMakers[0].preferences[3]", "decisionMakers[0].misperceptions",
                      "decisionMakers[1].payoffs", "decisionMakers[1].indistinguishables",
                      "decisionMakers[1].preferenceRanking"}
    assert all(w["line"] for w in warnings)
    assert err.count("warning:") == len(warnings)
    assert "duplicate preference statement" in err and "left out, as GMCR+ does" in err


def test_duplicate_statement_is_dropped_like_gmcr_plus():
    c = detente.load(FIX / "water-misperception.gmcr")
    assert [s.text for s in c.dm("Upstream").preferences] == [
        "not escalate and not attack", "not release_water", "not attack"]


@pytest.mark.parametrize("ranking,prefs,words", [
    (None, [[[0, "Y"]]], "has none: its 1 prioritised statement(s) are used instead"),
    (None, [], "has none and no statements either"),
    ([1, [2, 3], 4], [[[0, "Y"]]], "prioritised statements are not used"),
])
def test_manual_ranking_fallbacks_are_not_silent(tmp_path, capsys, ranking, prefs, words):
    dm_b = {"name": "B", "options": [1], "preferences": prefs}
    if ranking is not None:
        dm_b["preferenceRanking"] = ranking
    doc = {"options": [{"name": "a"}, {"name": "b"}],
           "decisionMakers": [{"name": "A", "options": [0], "preferenceRanking": [1, 2, 3, 4]}, dm_b],
           "useManualPreferenceRanking": True}
    f = tmp_path / "m.gmcr"
    f.write_text(json.dumps(doc))
    code, out, err = run(capsys, "analyze", f, "-c", "Nash", "-f", "json")
    assert code == 0, err
    assert words in err
    assert any(words in w["message"] for w in json.loads(out)["warnings"])


def test_import_writes_warnings_into_the_yaml_and_round_trips_misperceptions(tmp_path, capsys):
    out = tmp_path / "m.yaml"
    code, _, err = run(capsys, "import-gmcr", FIX / "water-misperception.gmcr", "-o", out)
    assert code == 0 and "warning:" in err
    text = out.read_text()
    assert text.count("# warning:") == 8 and "believes_infeasible" in text
    back = detente.load(out)
    assert [k.text for k in back.dm("Upstream").perception.believes_infeasible] == ["escalate and attack"]
    exported = conflict_to_gmcr(back)
    assert exported["decisionMakers"][0]["misperceptions"] == [[[1, "Y"], [2, "Y"]]]


def test_export_reports_what_gmcr_plus_cannot_hold():
    c = detente.load(Path(__file__).parent / "fixtures" / "hypergame" / "backstop.yaml")
    warnings: list[str] = []
    conflict_to_gmcr(c, warnings)
    assert warnings == ["GMCR+ has no place for US's perception: beliefs about Europe's preferences; "
                        "beliefs about Russia's preferences (left out of the .gmcr file)"]


def test_options_out_of_dm_order_are_reported(tmp_path):
    doc = {"options": [{"name": "a1"}, {"name": "b"}, {"name": "a2"}],
           "decisionMakers": [{"name": "A", "options": [0, 2], "preferences": [[[0, "Y"]]]},
                              {"name": "B", "options": [1], "preferences": [[[1, "Y"]]]}]}
    f = tmp_path / "m.gmcr"
    f.write_text(json.dumps(doc))
    c = detente.load(f)
    assert c.option_names == ["a1", "a2", "b"]
    (w,) = c.import_warnings
    assert "state ids differ from GMCR+'s" in w.message and w.field == "options"
