"""The six published reference cases give exactly the expected stable sets (every DM, every
concept), and so does the simple reference implementation."""

import json
from pathlib import Path

import pytest

import detente
import gmcr_reference as ref

FIXTURES = Path(__file__).parent / "fixtures" / "gmcr"
CASES = sorted(p.name[:-5] for p in FIXTURES.glob("*.yaml"))


def test_all_six_cases_present():
    assert set(CASES) >= {"prisoners-dilemma", "chicken", "syria-iraq-1975",
                          "cuban-missile-crisis", "elmira", "us-north-korea-2017"}


@pytest.mark.parametrize("case", CASES)
def test_engine_matches_published_results(case):
    conflict = detente.load(FIXTURES / f"{case}.yaml")
    expected = json.loads((FIXTURES / f"{case}.expected.json").read_text())
    result = detente.analyze(conflict)
    for concept, exp in expected.items():
        for dm, states in exp["stable_for"].items():
            got = sorted(result.yn(p) for p in result.stable_states(concept, dm))
            assert got == sorted(states), (case, concept, dm)
        eq = sorted(result.yn(p) for p in result.equilibria(concept))
        assert eq == sorted(exp["equilibria"]), (case, concept)


@pytest.mark.parametrize("case", CASES)
def test_reference_matches_published_results(case):
    conflict = detente.load(FIXTURES / f"{case}.yaml")
    expected = json.loads((FIXTURES / f"{case}.expected.json").read_text())
    got = ref.analyse(conflict)
    for concept, exp in expected.items():
        for dm, states in exp["stable_for"].items():
            assert sorted(conflict.yn(c) for c in got[concept][dm]) == sorted(states), (case, concept, dm)


def test_json_output_carries_option_values():
    result = detente.analyze(FIXTURES / "elmira.yaml")
    d = result.to_dict()
    assert d["schema"] == "detente.analysis/1"
    assert d["n_states"] == 12
    state = d["states"][0]
    assert set(state) == {"id", "yn", "taken", "values", "names"} and state["names"] == []  # elmira names no state
    assert set(state["values"]) == {"modify", "delay", "accept", "abandon", "insist"}
    nash = d["results"]["Nash"]
    assert all(set(e["values"]) == set(state["values"]) for e in nash["equilibria"])
    json.dumps(d)  # serialisable


def test_state_numbering_is_gmcr_plus_order():
    # GMCR+ numbers feasible states by increasing sum of 2^k over taken options.
    result = detente.analyze(FIXTURES / "cuban-missile-crisis.yaml", concepts=["Nash"])
    codes = [int(c) for c in result.space.codes]
    assert codes == sorted(codes)
    assert result.state_dict(0)["id"] == 1
