"""Forecasts that cannot mislead (issue 16): salience scales, direction of the scale,
convergence, backtesting against outcomes, errors for silent options, plots."""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.bargaining import compromise, expected_utility, median, nash
from detente.bargaining.expected_utility import EUOptions, find_cycle
from detente.bargaining.formats import load_external, read_actor_table
from detente.bargaining.plots import plot_distribution, plot_forecasts
from detente.bargaining.montecarlo import monte_carlo
from detente.bargaining.scenario import load_issues, make_issue
from detente.cli import main
from detente.errors import ModelError
from detente.model.yamlio import parse_text

FIX = Path(__file__).parent / "fixtures" / "bargaining"
EXAMPLES = Path(__file__).resolve().parents[1] / "scenarios" / "examples"
EMISSION = EXAMPLES / "emission_standards_1994.yaml"

ISSUE = """\
issues:
  - name: date
    scale: {low: 4, high: 10, units: years}
    actors:
      - {name: Netherlands, position: 4, salience: 0.8, capability: 0.08}
      - {name: Belgium, position: 7, salience: SAL, capability: 0.08}
      - {name: France, position: 10, salience: 0.6, capability: 0.16}
"""


def load(text):
    doc, pos = parse_text(text, file="s.yaml")
    return load_issues(doc, pos)


# -- salience scale -------------------------------------------------------------------------

def test_one_salience_on_the_other_scale_is_an_error_naming_actor_and_line():
    with pytest.raises(ModelError) as exc:
        load(ISSUE.replace("SAL", "1.5"))
    msg = str(exc.value)
    assert "Belgium 1.5 (line 6)" in msg and "Netherlands 0.8 (line 5)" in msg
    assert "salience_scale" in msg


def test_unambiguous_scales_are_inferred_and_say_so():
    (iss,) = load(ISSUE.replace("SAL", "0.4"))
    assert iss.salience_scale == "unit" and iss.salience_scale_inferred
    (iss,) = load(ISSUE.replace("0.8", "80").replace("SAL", "1").replace("0.6", "60"))
    assert iss.salience_scale == "percent" and iss.s.tolist() == [0.8, 0.01, 0.6]
    (iss,) = load(ISSUE.replace("SAL", "1.5").replace("    actors:", "    salience_scale: percent\n    actors:"))
    assert not iss.salience_scale_inferred and iss.s[1] == 0.015


def test_actor_table_with_mixed_saliences_is_refused(tmp_path):
    bad = tmp_path / "t.csv"
    bad.write_text("actor,capability,position,salience\nA,1,4,0.8\nB,1,7,1.5\nC,2,10,0.6\n")
    with pytest.raises(ModelError, match="B 1.5 \\(line 3\\)"):
        read_actor_table(bad)
    assert read_actor_table(bad, salience_scale="percent").s[1] == 0.015


def test_cli_prints_the_salience_scale_used(capsys):
    assert main(["forecast", str(EMISSION), "-m", "compromise"]) == 0
    assert "saliences read on 0-100" in capsys.readouterr().out
    assert main(["forecast", str(FIX / "emission_1994.csv"), "-m", "compromise"]) == 0
    assert "saliences read on 0-100 (inferred" in capsys.readouterr().out


# -- direction of the scale -----------------------------------------------------------------

def mirrored(iss):
    return make_issue(iss.name, 100 - iss.x, iss.s, iss.c, actors=iss.names, low=0, high=100)


issues_st = st.lists(st.tuples(st.integers(0, 10).map(lambda v: v * 10.0),
                               st.sampled_from([0.2, 0.5, 0.8, 1.0]),
                               st.sampled_from([1.0, 3.0, 7.0, 29.0])),
                     min_size=3, max_size=12)


@settings(max_examples=80, deadline=None)
@given(issues_st, st.sampled_from([5, 10]))
def test_every_default_forecast_mirrors_with_the_scale(acts, rounds):
    x, s, c = (list(v) for v in zip(*acts))
    iss = make_issue("i", x, s, c, low=0, high=100)
    mir = mirrored(iss)
    for model in (compromise, median, nash):
        assert model(iss).value == pytest.approx(100 - model(mir).value, abs=1e-6)
    a, b = expected_utility(iss, rounds=rounds), expected_utility(mir, rounds=rounds)
    assert np.allclose(a.positions, 100 - b.positions, atol=1e-6)
    assert a.value == pytest.approx(100 - b.value, abs=1e-6)


def test_scholz_offer_rule_depends_on_the_direction_of_the_scale():
    # found by search: the published rule picks the compromise with the smallest key,
    # i.e. the one nearest the low end, so the mirror image ends elsewhere
    rng = np.random.default_rng(3)
    for _ in range(500):
        n = 6
        iss = make_issue("i", rng.integers(0, 11, n) * 10.0, rng.choice([0.2, 0.5, 0.8], n),
                         rng.choice([1.0, 3.0, 7.0], n), low=0, high=100)
        o = EUOptions(offer_selection="scholz")
        a, b = expected_utility(iss, options=o), expected_utility(mirrored(iss), options=o)
        if abs(a.value - (100 - b.value)) > 1:
            return
    pytest.fail("no direction-dependent case found")


# -- convergence ----------------------------------------------------------------------------

def test_find_cycle():
    h = np.array([[0.0], [1.0], [2.0], [1.0], [2.0], [1.0]])
    assert find_cycle(h) == (2, 1)
    assert find_cycle(np.array([[0.0], [1.0], [2.0], [3.0]])) is None


def test_emission_case_reports_rounds_and_convergence(capsys):
    (iss,) = load_external(FIX / "emission_1994.csv")[1]
    res = expected_utility(iss)
    assert res.rounds_used == 5 and not res.converged
    # Scholz et al. (2011): 8.4 after round 1, 9.9 in rounds 2-5
    assert abs(res.medians[1] - 8.4) < 0.5 and all(abs(m - 9.9) < 0.5 for m in res.medians[2:6])
    assert "NOT converged" in res.status and res.to_dict()["status"] == res.status
    long = expected_utility(iss, rounds=40)
    assert not long.converged and "NOT converged" in long.status
    still = make_issue("t", [0, 0, 100], [1, 1, 1], [1, 1, 1])
    assert "converged: no actor moved" in expected_utility(still).status
    assert main(["forecast", str(EMISSION), "-m", "eu"]) == 0
    out = capsys.readouterr().out
    assert "5 rounds" in out and "NOT converged" in out


# -- backtesting ----------------------------------------------------------------------------

def test_deu_import_keeps_outcomes_reference_points_names_and_assumed_saliences(tmp_path, capsys):
    tsv = tmp_path / "toy.tsv"
    text = (FIX / "toy_deu.tsv").read_text()
    assert text.count("\t50\t30\t0\t") == 1
    tsv.write_text(text.replace("\t50\t30\t0\t", "\t50\t\t0\t"))  # d1i2: snl blank
    dst = tmp_path / "deu.yaml"
    assert main(["forecast-import", str(tsv), "-o", str(dst)]) == 0
    text = dst.read_text()
    assert "outcome: 60" in text and "status_quo: 0" in text
    assert "Commission" in text and "Netherlands" in text
    assert text.count("assumed: [salience]") == 1
    capsys.readouterr()
    for src in (dst, tsv):
        assert main(["forecast", str(src), "-f", "json"]) == 0
        out = json.loads(capsys.readouterr().out)
        scored = [i for i in out["issues"] if i["outcome"] is not None]
        assert len(scored) == 2 and out["scores"]["n_issues"] == 2
        for m in ("compromise", "median", "nash", "eu"):
            errs = [abs(f["value"] - i["outcome"]) for i in scored for f in i["forecasts"]
                    if f["model"] == m]
            assert out["scores"]["mae"][m] == pytest.approx(sum(errs) / 2)
        assert any("assumed 50" in n for i in out["issues"] for n in i["notes"])
    assert main(["forecast", str(dst)]) == 0
    assert "Mean absolute error over the 2 issue(s)" in " ".join(capsys.readouterr().out.split())


# -- errors instead of silences -------------------------------------------------------------

def test_silent_options_and_bad_values_are_errors(tmp_path, capsys):
    f = tmp_path / "file.txt"
    f.write_text("x")
    assert main(["forecast", str(EMISSION), "--plot", str(f)]) == 2
    assert "--plot takes a directory" in capsys.readouterr().err
    assert main(["forecast", str(EXAMPLES / "russia_ukraine_bargaining.yaml"), "--draws", "5",
                 "--seed", "-1"]) == 2
    assert "--seed must be" in capsys.readouterr().err
    assert main(["forecast", str(EMISSION), "--capabilities", "equal"]) == 2
    assert "DEU files only" in capsys.readouterr().err
    assert main(["forecast", str(EMISSION), "--draws", "100"]) == 2
    err = capsys.readouterr().err
    assert "nothing to sample" in err and "Traceback" not in err


def test_plot_with_a_single_model_writes_the_forecast_plot(tmp_path, capsys):
    assert main(["forecast", str(EMISSION), "-m", "compromise", "--plot", str(tmp_path)]) == 0
    assert (tmp_path / "emission-date_forecasts.png").exists()
    assert "wrote" in capsys.readouterr().out


def test_issue_actor_must_be_a_decision_maker():
    doc = """\
decision_makers:
  - {name: Russia, options: [{name: a}]}
  - {name: Ukraine, options: [{name: b}]}
issues:
  - name: t
    scale: {low: 0, high: 100}
    actors:
      - {name: Russia, position: 0, salience: 90, capability: 1}
      - {name: Ukrane, position: 90, salience: 90, capability: 1}
"""
    with pytest.raises(ModelError) as exc:
        load(doc)
    assert "'Ukrane' is not one of the scenario's decision makers" in str(exc.value)
    assert "Ukraine" in str(exc.value) and "line 9" in str(exc.value)
    assert [i.names for i in load(doc.replace("Ukrane", "Ukraine"))] == [["Russia", "Ukraine"]]


# -- plots ----------------------------------------------------------------------------------

def test_forecast_plot_labels_every_coinciding_actor():
    (iss,) = load_external(FIX / "emission_1994.csv")[1]
    svg = plot_forecasts(iss, [compromise(iss), median(iss), nash(iss)])
    for name in iss.names:  # four actors share 4, three 7, three 10: all named
        assert name in svg
    assert "median, nash 7" in svg  # coinciding forecasts share one label


def test_distribution_has_one_panel_per_model_and_says_when_there_is_no_spread():
    (iss,) = load(ISSUE.replace("SAL", "0.4").replace("position: 7,", "position: {value: 7, range: [5, 9]},"))
    mc = monte_carlo(iss, draws=50, seed=1, models=["compromise", "median", "nash"])
    svg = plot_distribution(mc)
    assert svg.count('<g id="axes_') == 3
    mc.draws["nash"] = np.full(50, 7.0)
    assert "no spread" in plot_distribution(mc)


def test_salience_scale_option_only_for_actor_tables(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("actor,capability,position,salience\nA,1,4,0.8\nB,1,7,1.5\nC,2,10,0.6\n")
    assert main(["forecast", str(table), "-m", "compromise"]) == 2
    assert "B 1.5 (line 3)" in capsys.readouterr().err
    assert main(["forecast", str(table), "-m", "compromise", "--salience-scale", "percent"]) == 0
    assert "saliences read on 0-100" in capsys.readouterr().out
    assert main(["forecast", str(EMISSION), "--salience-scale", "unit"]) == 2
    assert "actor-table CSV files only" in capsys.readouterr().err
    assert main(["forecast-import", str(EMISSION), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "already a scenario file" in capsys.readouterr().err


def test_committed_deu_split_is_two_disjoint_halves():
    split = json.loads((Path(__file__).resolve().parents[1] / "bench" / "deu_split.json").read_text())
    sel, hold = set(split["selection"]), set(split["holdout"])
    assert split["seed"] == 20261206 and not sel & hold
    assert abs(len(sel) - len(hold)) <= 1 and len(sel) + len(hold) == 137
