"""Bad model input gets a located, actionable message and never a traceback."""

import json

import pytest

import detente
from detente.cli import main
from detente.errors import ModelError, TooLargeError
from detente.model.expr import ExpressionError, parse

GOOD = """\
title: small
decision_makers:
  - name: A
    options: [a]
    preferences: [a, not b]
  - name: B
    options: [b]
    preferences: [b]
"""


def write(tmp_path, text, name="m.yaml"):
    p = tmp_path / name
    p.write_text(text)
    return p


def problems(path):
    with pytest.raises(ModelError) as exc:
        detente.load(path)
    return exc.value.problems


def test_good_model_loads(tmp_path):
    c = detente.load(write(tmp_path, GOOD))
    assert c.option_names == ["a", "b"]
    assert c.dm("A").preferences[1].text == "not b"


@pytest.mark.parametrize("bad, line, field, words, hint", [
    (GOOD.replace("not b]", "not bb]"), 5, "decision_makers[0].preferences[1].statement", "unknown option 'bb'", "did you mean 'b'"),
    (GOOD.replace("preferences: [b]", 'preferences: ["b and (a"]'), 8, "decision_makers[1].preferences[0].statement", "does not parse", "close the '('"),
    (GOOD.replace("    preferences: [a, not b]", "    prefernces: [a, not b]"), 5, "decision_makers[0].prefernces", "unknown field", "did you mean 'preferences'"),
    (GOOD.replace("options: [b]", "options: []"), 7, "decision_makers[1].options", "has no options", "at least one option"),
    (GOOD.replace("options: [b]", "options: [a]"), 7, "decision_makers[1].options[0].name", "two owners", "exactly one"),
    (GOOD + "status_quo: YY\ninfeasible: [a and b]\n", 9, "status_quo", "infeasible", "no 'infeasible' constraint"),
    (GOOD + "infeasible: [a or not a]\n", None, "infeasible", "every state is infeasible", "not ones that must"),
    (GOOD.replace("preferences: [b]", "ranking: [NY, [NN, YY], NY]"), 8, "decision_makers[1].ranking[2][0]", "twice", "once"),
    (GOOD.replace("preferences: [b]", "ranking: [NY, NN]"), 8, "decision_makers[1].ranking", "misses 2 feasible", "exactly once"),
    (GOOD.replace("preferences: [b]", "ranking: [NY, NN, YY, YN, YX]"), 8, "decision_makers[1].ranking[4][0]", "is not a state", "Y/N"),
    (GOOD.replace("preferences: [b]", "ranking: [NY, NN, YY, YN]") + "infeasible: [a and b]\n", 8, "decision_makers[1].ranking[2][0]", "not a feasible state", "remove it"),
    (GOOD.replace("  - name: B\n    options: [b]\n    preferences: [b]\n", ""), 2, "decision_makers", "at least two", "add the other"),
    (GOOD.replace("options: [a]", "options: [\"a b\"]"), 4, "decision_makers[0].options[0].name", "cannot be used in expressions", "'a_b'"),
])
def test_located_errors(tmp_path, bad, line, field, words, hint):
    probs = problems(write(tmp_path, bad))
    match = [p for p in probs if words in p.message]
    assert match, [str(p) for p in probs]
    p = match[0]
    assert p.file.endswith("m.yaml")
    if line is not None:
        assert p.line == line, str(p)
    assert p.field == field, str(p)
    assert hint in (p.hint or ""), str(p)


def test_yaml_syntax_error(tmp_path):
    probs = problems(write(tmp_path, "decision_makers:\n  - name: A\n   options: [a]\n"))
    assert probs[0].line == 3 and "YAML syntax error" in probs[0].message


def test_json_syntax_error(tmp_path):
    probs = problems(write(tmp_path, '{"decision_makers": [\n {"name": "A",}\n]}', "m.json"))
    assert probs[0].line == 2 and "JSON syntax error" in probs[0].message


def test_json_model_with_positions(tmp_path):
    doc = json.loads(json.dumps({"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a"]},
        {"name": "B", "options": ["b"], "preferences": ["c"]}]}))
    p = tmp_path / "m.json"
    p.write_text(json.dumps(doc, indent=1))
    probs = problems(p)
    assert probs[0].field == "decision_makers[1].preferences[0].statement"
    assert probs[0].line is not None and "unknown option 'c'" in probs[0].message


def test_binary_and_missing_files(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_bytes(b"\x00\x01\x02")
    assert "binary" in problems(p)[0].message
    assert "not found" in problems(tmp_path / "nope.yaml")[0].message
    p.write_bytes(b"\xff\xfe\xfa not utf8")
    assert "UTF-8" in problems(p)[0].message


def test_thousands_of_options_refused_quickly(tmp_path):
    opts = ", ".join(f"o{i}" for i in range(3000))
    text = f"decision_makers:\n  - name: A\n    options: [{opts}]\n    preferences: [o1]\n" \
           f"  - name: B\n    options: [b]\n    preferences: [b]\n"
    with pytest.raises(TooLargeError) as exc:
        detente.load(write(tmp_path, text))
    msg = str(exc.value)
    assert "3001 options" in msg and "hint" in msg


def test_large_unconstrained_space_refused_with_size(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.01")
    opts = ", ".join(f"o{i}" for i in range(20))
    text = f"decision_makers:\n  - name: A\n    options: [{opts}]\n    preferences: [o1]\n" \
           f"  - name: B\n    options: [b]\n    preferences: [b]\n"
    with pytest.raises(TooLargeError) as exc:
        detente.load(write(tmp_path, text))
    assert "needs about" in str(exc.value) and "DETENTE_MAX_MEMORY_GB" in str(exc.value)


def test_cli_exit_status_2_without_traceback(tmp_path, capsys):
    p = write(tmp_path, GOOD.replace("not b]", "not bb]"))
    assert main(["analyze", str(p)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unknown option 'bb'" in err and "line 5" in err


@pytest.mark.parametrize("text", [
    "__import__('os').system('echo hacked')", "a; b", "a and", "(a", "a b", "", "not", "f(a)",
    "at_most_one()", "a ->", "a == b",
])
def test_parser_rejects_garbage(text):
    with pytest.raises(ExpressionError):
        parse(text)


def test_expression_semantics():
    import numpy as np
    vals = {"a": np.array([0, 0, 1, 1], bool), "b": np.array([0, 1, 0, 1], bool),
            "c": np.array([1, 1, 1, 0], bool)}
    ev = lambda t: list(parse(t).evaluate(vals.__getitem__).astype(int))  # noqa: E731
    assert ev("a and not b") == [0, 0, 1, 0]
    assert ev("a implies b") == [1, 1, 0, 1]
    assert ev("a if b") == [1, 0, 1, 1]  # b -> a
    assert ev("a iff b") == [1, 0, 0, 1]
    assert ev("a or b and c") == [0, 1, 1, 1]  # and binds tighter
    assert ev("exactly_one(a, b, c)") == [1, 0, 0, 0]
    assert ev("at_most_one(a, b)") == [1, 1, 1, 0]
    assert ev("not (a or b)") == [1, 0, 0, 0]
    assert ev("`a` -> b") == [1, 1, 0, 1]
