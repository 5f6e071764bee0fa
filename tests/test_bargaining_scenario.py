"""The issues: section loader, the data-format loaders and converters, Monte Carlo, plots."""

from pathlib import Path

import numpy as np
import pytest

from detente.bargaining.formats import (deu_capabilities, deu_to_issue, issues_to_yaml,
                                        load_external, read_actor_table, read_deu, read_ktab)
from detente.bargaining.montecarlo import monte_carlo
from detente.bargaining.scenario import load_bargaining_scenario, load_issues
from detente.errors import ModelError
from detente.model.yamlio import parse_text

FIX = Path(__file__).parent / "fixtures" / "bargaining"
EXAMPLES = Path(__file__).resolve().parents[1] / "scenarios" / "examples"

GOOD = """\
title: test
issues:
  - name: territory
    description: share returned
    scale:
      low: {value: 0, label: none}
      high: {value: 100, label: all}
      units: "%"
    status_quo: {value: 0, range: [0, 5]}
    actors:
      - name: R
        position: {value: 10, range: [0, 20]}
        salience: 90
        capability: 50
        evidence: {assumption: "analyst's reading"}
      - name: U
        position: 90
        position_range: [70, 100]
        salience: 100
        capability: {value: 20, range: [10, 30]}
        evidence:
          - {speaker: "Someone", quote: "all of it", date: 2025-01-02}
"""


def load(text):
    doc, pos = parse_text(text, file="s.yaml")
    return load_issues(doc, pos)


def test_good_section_loads_with_ranges_and_percent_salience():
    (iss,) = load(GOOD)
    assert iss.names == ["R", "U"]
    assert iss.s.tolist() == [0.9, 1.0]  # 0-100 inferred and stored on 0-1
    assert iss.actors[0].position.bounds() == (0, 20)
    assert iss.actors[1].position.bounds() == (70, 100)
    assert iss.status_quo.value == 0 and iss.uncertain
    assert iss.actors[1].evidence[0].quote == "all of it"
    assert iss.scale.low.label == "none"


def test_no_issues_key_means_no_issues():
    doc, pos = parse_text("title: x\ndecision_makers: []\n")
    assert load_issues(doc, pos) == []


@pytest.mark.parametrize("old,new,words", [
    ("position: {value: 10, range: [0, 20]}", "position: 120",
     ["'territory'", "'R'", "outside the scale", "line 12", "actors[0].position"]),
    ("capability: 50", "capability: -5", ["'R'", "negative", "capability"]),
    ("salience: 100", "salience: 140", ["'U'", "salience", "out of range"]),
    ("position_range: [70, 100]", "position_range: [95, 100]", ["does not contain"]),
    ("salience: 90", "salience: high", ["must be a number"]),
    ("      units: \"%\"\n", "      unit: \"%\"\n", ["unknown scale key", "did you mean"]),
    ("evidence: {assumption: \"analyst's reading\"}", "evidence: {speaker: X}", ["evidence"]),
])
def test_bad_input_names_issue_actor_field_and_line(old, new, words):
    assert old in GOOD
    with pytest.raises(ModelError) as exc:
        load(GOOD.replace(old, new, 1))
    text = str(exc.value)
    assert "s.yaml" in text and "line" in text
    for w in words:
        assert w in text


def test_issue_with_one_actor_is_rejected():
    one = GOOD[: GOOD.index("      - name: U")]
    with pytest.raises(ModelError, match="at least two"):
        load(one)


def test_salience_unit_scale_enforced():
    with pytest.raises(ModelError, match="0-1"):
        load(GOOD.replace("    status_quo", "    salience_scale: unit\n    status_quo"))


def test_examples_load():
    for name in ("emission_standards_1994.yaml", "russia_ukraine_bargaining.yaml"):
        header, issues = load_bargaining_scenario(EXAMPLES / name)
        assert header["title"] and issues


def test_file_without_issues_is_an_error(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("title: only gmcr\n")
    with pytest.raises(ModelError, match="no 'issues:'"):
        load_bargaining_scenario(p)


def test_ktab_reader():
    header, issues = read_ktab(FIX / "toy_ktab.csv")
    assert header["title"] == "Toy reform; hand-made"
    assert [i.name for i in issues] == ["Tax", "Trade"]
    assert issues[0].names == ["Alpha", "Beta", "Gamma", "Delta"]
    assert issues[1].x.tolist() == [80, 10, 50, 90] and issues[1].s.tolist()[1] == 0.9
    assert issues[0].c.tolist() == [100, 50, 25, 25]


def test_ktab_malformed_row_is_located():
    with pytest.raises(ModelError) as exc:
        read_ktab(FIX / "bad_ktab.csv")
    text = str(exc.value)
    assert "line 4" in text and "'Beta'" in text and "Influence" in text


def test_deu_reader_skips_capability_row_and_blank_cells():
    d = read_deu(FIX / "toy_deu.tsv")
    assert d.capability_row == {"com": 2, "ep": 2, "de": 4, "fr": 3, "nl": 1}
    assert [i.issue for i in d.issues] == ["d1i1", "d1i2", "d2i1"]
    first = d.issues[0]
    assert first.actors == ["com", "ep", "de", "fr"] and first.outcome == 60
    assert d.issues[1].outcome is None and d.issues[2].reference is None
    # council votes: states by Nice weights, Commission = mean state weight, EP 0 under CNS
    assert deu_capabilities(d, first, "council").tolist() == [29, 29, 29, 29]
    assert deu_capabilities(d, d.issues[2], "council").tolist() == [29, 0, 29]
    assert deu_capabilities(d, first, "gdp").tolist() == [0.5, 0.5, 1.0, 0.75]
    iss = deu_to_issue(d, first)
    assert iss.status_quo.value == 0 and iss.scale.high.value == 100


def test_deu_bad_cell_is_located(tmp_path):
    text = (FIX / "toy_deu.tsv").read_text().replace("\t80\t0\t50", "\t80\tabc\t50", 1)
    p = tmp_path / "bad.tsv"
    p.write_text(text)
    with pytest.raises(ModelError) as exc:
        read_deu(p)
    assert "line 3" in str(exc.value) and "'de'" in str(exc.value)


def test_yaml_round_trip_of_converted_files():
    for path in (FIX / "toy_ktab.csv", FIX / "toy_deu.tsv", FIX / "emission_1994.csv"):
        header, issues = load_external(path)
        again = load(issues_to_yaml(header, issues))
        assert [i.name for i in again] == [i.name for i in issues]
        for a, b in zip(again, issues):
            assert np.allclose(a.x, b.x) and np.allclose(a.s, b.s) and np.allclose(a.c, b.c)


def test_actor_table_reads_percent_salience():
    iss = read_actor_table(FIX / "emission_1994.csv")
    assert iss.s.max() == 1.0 and iss.scale.low.value == 4 and iss.scale.units == "years"


def test_monte_carlo_reproducible_and_within_ranges():
    (iss,) = load(GOOD)
    a = monte_carlo(iss, draws=300, seed=5, models=["compromise", "median", "nash", "eu"],
                    rounds=3)
    b = monte_carlo(iss, draws=300, seed=5, models=["compromise", "median", "nash", "eu"],
                    rounds=3)
    for m in a.draws:
        assert np.array_equal(a.draws[m], b.draws[m])
        assert a.draws[m].min() >= 0 and a.draws[m].max() <= 100
    assert a.draws["compromise"].std() > 0
    s = a.summary("median")
    assert s["p5"] <= s["p50"] <= s["p95"]


def test_monte_carlo_without_ranges_is_the_point_forecast():
    _, issues = load_external(FIX / "toy_ktab.csv")
    from detente.bargaining.compromise import compromise
    mc = monte_carlo(issues[0], draws=20, seed=1, models=["compromise"])
    assert np.allclose(mc.draws["compromise"], compromise(issues[0]).value)


def test_plots_return_svg_and_write_files(tmp_path):
    from detente.bargaining.expected_utility import expected_utility
    from detente.bargaining.plots import plot_distribution, plot_trajectory
    (iss,) = load(GOOD)
    svg = plot_trajectory(expected_utility(iss, rounds=3), tmp_path / "t.png")
    assert svg.startswith("<svg") and (tmp_path / "t.png").stat().st_size > 1000
    svg = plot_distribution(monte_carlo(iss, draws=100, seed=1), tmp_path / "d.svg")
    assert svg.startswith("<svg") and (tmp_path / "d.svg").read_text().count("<svg") == 1


DISCRETE = """\
issues:
  - name: a
    levels: [x, y]
    status_quo: y
    actors:
      - {name: P, utilities: {x: 3, y: 0}}
      - {name: Q, utilities: {x: 0, y: 1}}
  - name: b
    levels: [x, y]
    status_quo: y
    actors:
      - {name: P, utilities: {x: 0, y: 1}}
      - {name: Q, utilities: {x: 3, y: 0}, weight: 1}
  - name: c
    scale: {low: 0, high: 1}
    actors:
      - {name: P, position: 0, salience: 1, capability: 1}
      - {name: Q, position: 1, salience: 1, capability: 1}
"""


def test_discrete_and_continuous_issues_coexist():
    from detente.bargaining.packages import analyse_issue_packages
    from detente.bargaining.scenario import load_discrete_issues
    doc, pos = parse_text(DISCRETE, file="d.yaml")
    assert [i.name for i in load_issues(doc, pos)] == ["c"]
    disc = load_discrete_issues(doc, pos)
    assert [d.name for d in disc] == ["a", "b"]
    res = analyse_issue_packages(disc)
    assert res.packages[res.nash] == ("x", "x")  # the logroll beats the status quo (y, y)
    assert res.disagreement.tolist() == [1.0, 1.0]


@pytest.mark.parametrize("old,new,words", [
    ("{name: Q, utilities: {x: 0, y: 1}}", "{name: Q, utilities: {x: 0}}", ["'Q'", "no utility", "'y'"]),
    ("status_quo: y\n    actors:\n      - {name: P, utilities: {x: 3",
     "status_quo: z\n    actors:\n      - {name: P, utilities: {x: 3", ["status_quo", "'z'"]),
    ("weight: 1", "weight: -1", ["weight", "'Q'"]),
    ("levels: [x, y]", "levels: [x]", ["at least two"]),
])
def test_discrete_issue_errors_are_located(old, new, words):
    from detente.bargaining.scenario import load_discrete_issues
    assert old in DISCRETE
    doc, pos = parse_text(DISCRETE.replace(old, new, 1), file="d.yaml")
    with pytest.raises(ModelError) as exc:
        load_discrete_issues(doc, pos)
    text = str(exc.value)
    assert "d.yaml" in text and "line" in text
    for w in words:
        assert w in text


def test_issue_names_unique_across_kinds():
    doc, pos = parse_text(DISCRETE.replace("  - name: c\n", "  - name: a\n"), file="d.yaml")
    with pytest.raises(ModelError, match="used twice"):
        load_issues(doc, pos)
