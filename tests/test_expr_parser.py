"""The expression parser: the same meaning as the old recursive parser on ordinary input, and
any nesting refused at the documented limit with the character where it happens, never a
RecursionError (issue 11)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from detente.model.expr import MAX_DEPTH, ExpressionError, _depth, parse
from expr_reference import reference_parse

NAMES = ["a", "b", "c"]


def truth_table(expr) -> tuple:
    rows = []
    for bits in itertools.product([False, True], repeat=len(NAMES)):
        value = dict(zip(NAMES, bits))
        rows.append(bool(np.asarray(expr.evaluate(lambda n: np.bool_(value[n])))))
    return tuple(rows)


def expressions(max_leaves=12):
    """Random expression text over a, b, c in every syntax the language has."""
    leaf = st.sampled_from(NAMES + ["true", "false", "`a`"])

    def extend(inner):
        return st.one_of(
            st.tuples(st.sampled_from(["not ", "!", "~", "not not "]), inner).map(lambda t: t[0] + t[1]),
            st.tuples(inner, st.sampled_from([" and ", " & ", " or ", " | ", " -> ", " implies ",
                                              " <-> ", " iff "]), inner).map("".join),
            inner.map(lambda e: f"({e})"),
            st.tuples(st.sampled_from(["at_most_one", "exactly_one", "at_least_one", "all_of",
                                       "none_of"]), st.lists(inner, min_size=1, max_size=3))
            .map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        )
    return st.recursive(leaf, extend, max_leaves=max_leaves)


@settings(max_examples=300, deadline=None)
@given(expressions(), st.one_of(st.none(), expressions(4)))
def test_same_meaning_as_the_reference_parser(text, condition):
    if condition is not None:
        text = f"{text} if {condition}"
    assert truth_table(parse(text)) == truth_table(reference_parse(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAMES + ["and", "or", "not", "->", "<->", "(", ")", ",", "if",
                                        "at_most_one(", "true", "foo("]), max_size=10))
def test_errors_where_the_reference_errs(tokens):
    text = " ".join(tokens)
    try:
        expected = truth_table(reference_parse(text))
    except ExpressionError:
        with pytest.raises(ExpressionError):
            parse(text)
    else:
        assert truth_table(parse(text)) == expected


@pytest.mark.parametrize("text, what", [
    ("(" * 170 + "a" + ")" * 170, None),  # was a RecursionError
    ("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1), "parentheses"),
    (" -> ".join(["a"] * 990), "levels"),
    ("not " * 1000 + "a", "levels"),
    ("at_most_one(" * 300 + "a" + ")" * 300, "parentheses"),
])
def test_deep_nesting_is_refused_at_the_limit_not_by_recursion(text, what):
    if what is None:
        assert _depth(parse(text)) == 1
        return
    with pytest.raises(ExpressionError, match="nested too deeply") as info:
        parse(text)
    assert 0 < info.value.offset < len(text)


def test_the_documented_limit_is_the_real_one():
    chain = " -> ".join(["a"] * MAX_DEPTH)  # MAX_DEPTH - 1 links: depth MAX_DEPTH
    assert _depth(parse(chain)) == MAX_DEPTH
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse(chain + " -> a")
    assert _depth(parse("not " * (MAX_DEPTH - 1) + "a")) == MAX_DEPTH
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("not " * MAX_DEPTH + "a")


def test_long_and_or_lists_are_balanced_and_evaluate():
    text = " or ".join(["a"] * 1000) + " and " + " and ".join(["b"] * 600)  # was a RecursionError
    e = parse(text)
    assert _depth(e) <= 2 + 2 * 11
    assert truth_table(e) == truth_table(parse("a or (a and b)"))
    assert str(e).count("a") >= 1000
