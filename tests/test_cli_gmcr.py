"""The GMCR commands end to end (through detente.cli.main, as a user runs them)."""

import csv
import io
import json
from pathlib import Path

import pytest

import detente
from detente.cli import main

FIX = Path(__file__).parent / "fixtures" / "gmcr"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_analyze_json_schema(capsys):
    code, out, err = run(capsys, "analyze", FIX / "chicken.yaml", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["schema"] == "detente.analysis/1"
    assert sorted(e["yn"] for e in d["results"]["Nash"]["equilibria"]) == ["NY", "YN"]
    assert sorted(d["results"]["GMR"]["stable_for"]["Driver 1"]) == ["NN", "NY", "YN"]


def test_analyze_concept_selection_and_csv(capsys):
    code, out, _ = run(capsys, "analyze", FIX / "prisoners-dilemma.yaml", "-c", "nash,seq", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4
    assert "Nash:equilibrium" in rows[0] and "SEQ:equilibrium" in rows[0] and "GMR:equilibrium" not in rows[0]
    eq = [r["state"] for r in rows if r["Nash:equilibrium"] == "1"]
    assert eq == ["NN"]  # mutual defection: neither cooperates


def test_analyze_table(capsys):
    code, out, _ = run(capsys, "analyze", FIX / "elmira.yaml")
    assert code == 0
    assert "Equilibria" in out and "Feasible states" in out and "Rankings" in out


def test_unknown_concept(capsys):
    code, _, err = run(capsys, "analyze", FIX / "chicken.yaml", "-c", "GRM")
    assert code == 2 and "unknown solution concept 'GRM'" in err and "GMR" in err


def test_explain_text_and_json(capsys):
    code, out, _ = run(capsys, "explain", FIX / "cuban-missile-crisis.yaml", "NYNN", "--dm", "USSR", "-c", "GMR")
    assert code == 0
    assert "STABLE for USSR under GMR" in out and "US takes air_strike" in out and "credible: no" in out
    code, out, _ = run(capsys, "explain", FIX / "cuban-missile-crisis.yaml", "3", "--dm", "USSR", "-f", "json")
    data = json.loads(out)
    assert [d["concept"] for d in data] == ["Nash", "GMR", "SMR", "SEQ", "SIM"]
    assert [d["stable"] for d in data] == [False, True, True, False, False]


def test_explain_bad_state_and_dm(capsys):
    code, _, err = run(capsys, "explain", FIX / "chicken.yaml", "99", "--dm", "Driver 1")
    assert code == 2 and "out of range" in err
    code, _, err = run(capsys, "explain", FIX / "chicken.yaml", "NN", "--dm", "Driver 3")
    assert code == 2 and "no decision maker named 'Driver 3'" in err
    code, _, err = run(capsys, "explain", FIX / "cuban-missile-crisis.yaml", "NNYY", "--dm", "US")
    assert code == 2 and "infeasible" in err


def test_states_lists_why_infeasible(capsys):
    code, out, _ = run(capsys, "states", FIX / "cuban-missile-crisis.yaml", "-f", "json")
    assert code == 0
    d = json.loads(out)
    assert d["n_feasible"] == 12 and len(d["infeasible"]) == 4
    assert all(x["because"] for x in d["infeasible"])


def test_gmcr_round_trip(tmp_path, capsys):
    for case in ("elmira", "cuban-missile-crisis", "syria-iraq-1975"):
        out = tmp_path / f"{case}.gmcr"
        assert main(["export-gmcr", str(FIX / f"{case}.yaml"), "-o", str(out)]) == 0
        saved = json.loads(out.read_text())
        assert saved["useManualPreferenceRanking"] is True
        back = tmp_path / f"{case}.yaml"
        assert main(["import-gmcr", str(out), "-o", str(back)]) == 0
        a = detente.analyze(FIX / f"{case}.yaml")
        b = detente.analyze(back)
        # analyze also accepts the .gmcr directly
        c = detente.analyze(out)
        for k in a.concepts:
            for r in (b, c):
                for dm in a.conflict.dm_names:
                    assert sorted(a.yn(p) for p in a.stable_states(k, dm)) == \
                           sorted(r.yn(p) for p in r.stable_states(k, dm)), (case, k, dm)


def test_gmcr_import_prioritised_preferences(tmp_path):
    # A hand-written GMCR+ file: "q if p" is stored as (p and q) or (not p and q) or (not p and not q).
    f = tmp_path / "pd.gmcr"
    f.write_text(json.dumps({
        "options": [{"name": "A defects", "permittedDirection": "both"},
                    {"name": "B defects", "permittedDirection": "fwd"}],
        "decisionMakers": [
            {"name": "A", "options": [0], "preferences": [[[1, "N"]], [[0, "Y"]]]},
            {"name": "B", "options": [1], "preferences": [[[0, "N"]], {"compound": True, "members": [
                [[0, "Y"], [1, "Y"]], [[0, "N"], [1, "Y"]], [[0, "N"], [1, "N"]]]}]}],
        "infeasibles": [], "useManualPreferenceRanking": False}))
    c = detente.load(f)
    assert c.option("b_defects").direction == "take_only"
    r = detente.analyze(c, ["Nash"])
    assert [r.yn(p) for p in r.equilibria("Nash")] == ["YY"]


@pytest.mark.parametrize("doc, words", [
    ({"options": [{"name": "x"}], "decisionMakers": [{"name": "A", "options": [0]}, {"name": "B", "options": [3]}]},
     "option index 3 is out of range"),
    ({"options": [{"name": "x"}, {"name": "y"}], "decisionMakers": [{"name": "A", "options": [0], "preferenceRanking": [1, 2, 9]},
                                                                    {"name": "B", "options": [1], "preferenceRanking": [1, 2, 3, 4]}],
      "useManualPreferenceRanking": True}, "state number 9 is out of range"),
    ({"options": [{"name": "x"}], "decisionMakers": [{"name": "A", "options": [0], "preferences": [[[5, "Y"]]]},
                                                     {"name": "B", "options": []}]}, "out of range"),
])
def test_gmcr_bad_indices(tmp_path, capsys, doc, words):
    f = tmp_path / "bad.gmcr"
    f.write_text(json.dumps(doc, indent=1))
    out = tmp_path / "out.yaml"
    code, _, err = run(capsys, "import-gmcr", f, "-o", out)
    assert code == 2 and words in err and "bad.gmcr" in err and "line" in err
    assert not out.exists()  # nothing half-written
