"""Regression tests for each class of loader failure found by fuzzing (issue 11): each used to
crash (TypeError, ValueError, RecursionError, OverflowError) or to pass the loader and fail
later; each is now a located error (exit status 2 in the CLI)."""

import json

import pytest

import detente
from detente.bargaining.scenario import load_bargaining_file
from detente.cli import main
from detente.errors import DetenteError
from detente.model.gmcrplus import read_gmcr

GOOD = """\
title: t
decision_makers:
  - name: A
    options: [a]
    preferences: [a]
  - name: B
    options: [b]
    preferences: [not a]
status_quo: NN
"""


def load_text(tmp_path, text, suffix=".yaml"):
    path = tmp_path / f"m{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DetenteError) as info:
        detente.load(path)
    return info.value.problems[0]


@pytest.mark.parametrize("text, field", [
    ("decision_makers: 5\n", "decision_makers"),
    (GOOD + "variants: 5\n", "variants"),
    (GOOD.replace("status_quo: NN", "status_quo: {taken: 5}"), "status_quo.taken"),
    (GOOD.replace("options: [a]", "options: 7"), "decision_makers[0].options"),
    (GOOD.replace("preferences: [a]", "preferences: {a: 1}"), "decision_makers[0].preferences"),
    (GOOD + "infeasible: yes\n", "infeasible"),
])
def test_wrong_types_are_located(tmp_path, text, field):
    p = load_text(tmp_path, text)
    assert p.line and p.field == field, p


@pytest.mark.parametrize("suffix, text, line", [
    (".yaml", GOOD.replace("title: t", "title: t\ndate: 2025-02-30"), 2),
    (".yaml", GOOD.replace("preferences: [a]", "preferences:\n      - statement: a\n"
                           "        evidence: {quote: q, date: 2025-02-30}"), 7),
    (".json", json.dumps({"date": "2025-02-30", "decision_makers": []}, indent=1), 2),
])
def test_impossible_dates_are_located(tmp_path, suffix, text, line):
    p = load_text(tmp_path, text, suffix)
    assert p.line == line and "2025-02-30" in p.message


@pytest.mark.parametrize("expr", ["(" * 170 + "a" + ")" * 170 + " and b" * 0 + " and not",
                                  " -> ".join(["a"] * 990), " or ".join(["a"] * 1000) + " or x",
                                  "not " * 1000 + "a"])
def test_deep_expressions_are_located_not_recursion_errors(tmp_path, expr):
    p = load_text(tmp_path, GOOD.replace("preferences: [not a]", f"preferences: [{json.dumps(expr)}]"))
    assert p.line == 8 and p.field == "decision_makers[1].preferences[0].statement"


def test_nested_lists_are_located(tmp_path):
    p = load_text(tmp_path, GOOD.replace("options: [b]", "options: " + "[" * 500 + "b" + "]" * 500))
    assert p.line == 7 and "nested" in p.message


@pytest.mark.parametrize("variant, message", [
    ({"name": "v", "preferences": {"Nobody": ["a"]}}, "unknown decision maker"),
    ({"name": "v", "preferences": {"B": ["no_such_option"]}}, "no_such_option"),
    ({"name": "v", "add_infeasible": ["true"]}, "every state is infeasible"),
    ({"name": "v", "status_quo": "ZZZ"}, "not a state"),
    ({"name": "v", "options": {"a": {"direction": "sideways"}}}, "sideways"),
])
def test_broken_variants_are_refused_at_load_not_in_compare(tmp_path, capsys, variant, message):
    doc = {"decision_makers": [{"name": "A", "options": ["a"], "preferences": ["a"]},
                               {"name": "B", "options": ["b"], "preferences": ["not a"]}],
           "variants": [{"name": "fine", "preferences": {"B": ["a"]}}, variant]}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(doc, indent=1))
    with pytest.raises(DetenteError) as info:
        detente.load(path)
    p = info.value.problems[0]
    assert message in p.message and p.line and "variant 'v'" in p.message
    assert main(["analyze", str(path)]) == 2  # analyze refuses what compare would fail on
    assert message in capsys.readouterr().err


def test_a_folder_is_refused_by_every_loader(tmp_path, capsys):
    for code in (main(["analyze", str(tmp_path)]), main(["forecast", str(tmp_path)]),
                 main(["import-gmcr", str(tmp_path)])):
        assert code == 2
    err = capsys.readouterr().err
    assert err.count("is a folder") == 3 and "Traceback" not in err


def test_bytes_that_are_not_text_are_located(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(GOOD.encode().replace(b"title: t", b"title: t\xff"))
    with pytest.raises(DetenteError) as info:
        detente.load(path)
    assert info.value.problems[0].line == 1 and info.value.problems[0].column == 9
    path.write_bytes(GOOD.encode().replace(b"[b]", b"[b\x00]"))
    with pytest.raises(DetenteError, match="binary") as info:
        detente.load(path)
    assert info.value.problems[0].line == 7


def test_a_file_without_decision_makers_points_at_its_first_line(tmp_path):
    p = load_text(tmp_path, "title: t\n")
    assert p.line == 1 and "decision_makers" in p.message


@pytest.mark.parametrize("text", ["position: " + "9" * 400, "capability: 1e400", "salience: .nan"])
def test_huge_and_non_finite_numbers_in_scenarios(tmp_path, text):
    body = ("issues:\n  - name: x\n    scale: {low: 0, high: 100}\n    actors:\n"
            "      - {name: A, position: 10, salience: 0.5, capability: 1}\n"
            "      - {name: B, position: 20, salience: 0.5, capability: 1}\n")
    key = text.split(":")[0]
    path = tmp_path / "s.yaml"
    path.write_text(body.replace(f"{key}: " + {"position": "10", "capability": "1",
                                                  "salience": "0.5"}[key], text, 1))
    with pytest.raises(DetenteError) as info:
        load_bargaining_file(path)
    assert info.value.problems[0].line == 5


def gmcr(**changes):
    doc = {"options": [{"name": "a"}, {"name": "b"}],
           "decisionMakers": [{"name": "A", "options": [0], "preferences": [[[0, "Y"]]]},
                              {"name": "B", "options": [1], "preferences": [[[1, "N"]]]}],
           "infeasibles": []}
    for key, value in changes.items():
        if key.startswith("dm_"):
            doc["decisionMakers"][0][key[3:]] = value
        else:
            doc[key] = value
    return doc


@pytest.mark.parametrize("changes, field", [
    ({"dm_options": 5}, "decisionMakers[0].options"),
    ({"infeasibles": 5}, "infeasibles"),
    ({"dm_preferences": 5}, "decisionMakers[0].preferences"),
    ({"dm_preferenceRanking": 5, "useManualPreferenceRanking": True}, "decisionMakers[0].preferenceRanking"),
    ({"dm_preferenceRanking": [True, 1], "useManualPreferenceRanking": True}, "decisionMakers[0].preferenceRanking[0]"),
    ({"options": [{"name": 5}]}, "options[0]"),
])
def test_gmcr_fields_of_the_wrong_type(tmp_path, changes, field):
    path = tmp_path / "m.gmcr"
    path.write_text(json.dumps(gmcr(**changes), indent=1))
    with pytest.raises(DetenteError) as info:
        read_gmcr(path)
    p = info.value.problems[0]
    assert p.field == field and p.line, p


def test_the_gmcr_fixture_is_fine(tmp_path):
    path = tmp_path / "m.gmcr"
    path.write_text(json.dumps(gmcr()))
    assert read_gmcr(path).n_options == 2
