"""The examples in the bargaining docstrings run and give the printed results."""

import doctest
import importlib

import pytest

MODULES = ["__init__", "compromise", "median", "nash", "expected_utility", "montecarlo",
           "packages", "scenario"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    mod = importlib.import_module("detente.bargaining" + ("" if name == "__init__" else "." + name))
    result = doctest.testmod(mod)
    assert result.attempted > 0 and result.failed == 0
