"""Answers say whether they restate an input (a DM's first statement decides every matching
state under every concept) or are derived from the analysis."""

import detente
from detente.report.questions import Question, answer


def _result():
    c = detente.load({"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a"]},
        {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
    return detente.analyze(c)


def test_a_question_answered_by_a_first_statement_restates_it():
    r = _result()
    ans = answer(Question(id="q", title="Is not taking a stable for A?", kind="stability",
                          states="not a", dm="A"), r)
    assert [(x.dm, x.index, x.text) for x in ans.restated_inputs()] == [("A", 0, "a")]
    assert ans.provenance().startswith("Restates an input")


def test_an_answer_with_stable_states_or_lower_statements_is_derived():
    r = _result()
    # B leaves 'not b' by its second statement: not read off a first statement.
    ans = answer(Question(id="q", title="Is not b an equilibrium?", kind="equilibria", states="not b"), r)
    assert all(ca.n_stable == 0 for ca in ans.concepts.values())
    assert ans.restated_inputs() == [] and ans.provenance().startswith("Derived")
    # 'a and b' is an equilibrium: derived, whatever the statements.
    ans = answer(Question(id="q", title="Is a and b an equilibrium?", kind="equilibria", states="a and b"), r)
    assert any(ca.n_stable for ca in ans.concepts.values())
    assert ans.restated_inputs() == [] and ans.provenance().startswith("Derived")
