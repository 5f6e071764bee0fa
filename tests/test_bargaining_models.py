"""Bargaining models: compromise, weighted median, Nash, expected utility, packages."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.bargaining.compromise import compromise, compromise_position
from detente.bargaining.expected_utility import EUOptions, expected_utility, simulate
from detente.bargaining.formats import read_actor_table
from detente.bargaining.median import median, median_position, weighted_median
from detente.bargaining.nash import nash, nash_position
from detente.bargaining.packages import analyse_packages, pareto_frontier
from detente.bargaining.scenario import make_issue
from detente.errors import DetenteError

FIX = Path(__file__).parent / "fixtures" / "bargaining"

actors_st = st.lists(
    st.tuples(st.floats(0, 100), st.floats(0.05, 1), st.floats(0.05, 10)), min_size=2, max_size=12)


def emission():
    return read_actor_table(FIX / "emission_1994.csv", issue="emission")


def test_compromise_by_hand():
    iss = make_issue("t", [0, 50, 100], [1, 0.5, 0.25], [1, 2, 4])
    # weights 1, 1, 1
    assert compromise(iss).value == pytest.approx(50.0)
    assert compromise(emission()).value == pytest.approx(7.39, abs=0.005)  # published: 7.39


def test_compromise_ignores_capability_units_and_zero_weights():
    x, s, c = [10, 40, 90], [0.5, 1, 0.2], [3, 1, 7]
    a = float(compromise_position(x, s, c))
    assert float(compromise_position(x, s, np.array(c) * 1000)) == pytest.approx(a)
    assert float(compromise_position(x + [0], s + [0], c + [5])) == pytest.approx(a)


def test_all_zero_weights_is_a_user_error():
    with pytest.raises(DetenteError):
        compromise(make_issue("t", [0, 10], [0, 0], [1, 1]))


def test_weighted_median_emission_case():
    assert median(emission()).value == 7.0  # Scholz et al.: initial median 7


@settings(max_examples=60, deadline=None)
@given(actors_st)
def test_weighted_median_is_condorcet_winner(acts):
    x, s, c = (np.array(v) for v in zip(*acts))
    w = s * c
    m = float(median_position(x, s, c))
    # a position, or on an exact half the midpoint of two neighbouring positions
    assert m in x or any(np.isclose(m, (a + b) / 2) for a in x for b in x)
    for p in x:  # m beats or ties every other position in a weighted pairwise vote
        assert np.sum(w * (np.abs(x - p) - np.abs(x - m))) >= -1e-9


def test_weighted_median_vectorised_matches_rows():
    rng = np.random.default_rng(3)
    x, w = rng.uniform(0, 100, (50, 7)), rng.uniform(0.1, 1, (50, 7))
    rows = [float(weighted_median(x[i], w[i])) for i in range(50)]
    assert np.allclose(weighted_median(x, w), rows)


def test_nash_two_actors_linear_closed_form():
    # max w1 log(100 - x) + w2 log(x)  ->  x = 100 w2 / (w1 + w2)
    v = float(nash_position([0, 100], [1, 1], [1, 3], 0, 100, power=1))
    assert v == pytest.approx(75.0, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(actors_st, st.sampled_from([1.0, 1.5, 2.0]))
def test_nash_beats_every_grid_point(acts, power):
    x, s, c = (np.array(v) for v in zip(*acts))
    w = s * c
    ud = -np.maximum(x, 100 - x) ** power

    def neg(p):  # minus the log Nash product, vectorised over candidate points p
        p = np.asarray(p, dtype=float)[..., None]
        return -np.sum(w * np.log(np.maximum(-np.abs(p - x) ** power - ud, 1e-300)), axis=-1)

    ours = float(nash_position(x, s, c, 0, 100, power=power))
    grid = np.linspace(0, 100, 20001)
    assert neg(ours) <= neg(grid).min() + 1e-9


def test_nash_status_quo_gridlock_and_one_sided():
    # actors on both sides of the status quo: nothing beats it for everyone
    assert float(nash_position([0, 30, 100], [1] * 3, [1] * 3, 0, 100, disagreement=20)) == 20.0
    # all to the right of the status quo: the solution moves right but not past the nearest
    # actor's mirror image of q
    v = float(nash_position([40, 30, 100], [1] * 3, [1] * 3, 0, 100, disagreement=20))
    assert 30 <= v <= 40
    iss = make_issue("t", [40, 30, 100], [1] * 3, [1] * 3, low=0, high=100)
    with pytest.raises(DetenteError, match="status_quo"):
        nash(iss, disagreement="status_quo")
    with pytest.raises(DetenteError, match="at least 1"):
        nash_position([0, 1], [1, 1], [1, 1], 0, 1, power=0.5)


def test_eu_emission_case_reproduces_scholz_first_rounds():
    res = expected_utility(emission(), rounds=5)
    assert res.medians[0] == 7.0
    # Scholz, Calbert & Smith (2011): median 8.4 after round 1, 9.9 in rounds 2-5
    assert abs(res.medians[1] - 8.4) < 0.5
    assert all(abs(m - 9.9) < 0.5 for m in res.medians[2:6])
    assert res.positions.shape == (6, 10)
    first = {a: (k, f) for a, k, f, _, _ in res.moves[0]}
    assert first["Belgium"] == ("compromise", "France")


def test_eu_compromise_move_follows_the_formula():
    res = expected_utility(emission(), rounds=1)
    (actor, kind, toward, old, new), = [m for m in res.moves[0] if m[0] == "Belgium"]
    # a compromise moves part of the way toward the partner, never past it
    assert kind == "compromise" and old == 7.0 and 7.0 < new < 10.0


def test_eu_batch_equals_single_runs():
    rng = np.random.default_rng(0)
    x, s, c = rng.uniform(0, 100, (6, 8)), rng.uniform(0.1, 1, (6, 8)), rng.uniform(1, 5, (6, 8))
    batch = simulate(x, s, c, rounds=4, stop_when_stable=False)
    for b in range(6):
        one = simulate(x[b], s[b], c[b], rounds=4, stop_when_stable=False)
        assert np.allclose(one["positions"][0], batch["positions"][b])


def test_eu_positions_stay_within_initial_hull():
    rng = np.random.default_rng(1)
    x, s, c = rng.uniform(0, 100, (5, 9)), rng.uniform(0.1, 1, (5, 9)), rng.uniform(1, 5, (5, 9))
    for opts in (EUOptions(), EUOptions(offer_selection="least_move", capitulation=True),
                 EUOptions(q=0.5, probability="bdm", perspective="own")):
        out = simulate(x, s, c, rounds=6, options=opts)
        assert np.all(out["positions"] >= x.min(axis=1, keepdims=True) - 1e-9)
        assert np.all(out["positions"] <= x.max(axis=1, keepdims=True) + 1e-9)


def test_eu_options_matter_and_are_validated():
    base = expected_utility(emission(), rounds=3)
    other = expected_utility(emission(), rounds=3, risk="neutral")
    assert not np.allclose(base.positions, other.positions)
    with pytest.raises(DetenteError, match="offer_selection"):
        EUOptions(offer_selection="best")
    with pytest.raises(DetenteError):
        EUOptions(q=2)


def test_eu_result_is_printable_and_serialisable():
    import json
    res = expected_utility(emission(), rounds=2)
    assert "round" in str(res)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["model"] == "eu" and len(d["positions"]) == 3 and len(d["moves"]) == 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
                min_size=1, max_size=25))
def test_pareto_frontier_brute_force(rows):
    u = np.array(rows, dtype=float)
    front = set(pareto_frontier(u))
    for i in range(len(u)):
        dominated = any(np.all(u[j] >= u[i]) and np.any(u[j] > u[i]) for j in range(len(u)))
        assert (i in front) == (not dominated)


def test_packages_logroll():
    levels = {"a": ["x", "y"], "b": ["x", "y"]}
    util = {"P": {"a": {"x": 3, "y": 0}, "b": {"x": 0, "y": 1}},
            "Q": {"a": {"x": 0, "y": 1}, "b": {"x": 3, "y": 0}}}
    r = analyse_packages(levels, util, disagreement={"a": "y", "b": "y"})
    assert r.packages[r.nash] == ("x", "x")
    assert r.packages[r.kalai_smorodinsky] == ("x", "x")
    assert {r.packages[i] for i in r.frontier} == {("x", "x"), ("x", "y"), ("y", "x")}
    # powers tilt the Nash package, here between two frontier packages with positive gains
    r2 = analyse_packages(levels, util, disagreement={"P": 0, "Q": 0}, power={"P": 10, "Q": 1})
    assert r2.packages[r2.nash] in {("x", "x"), ("x", "y")}
    assert "Nash" in str(r) and r.to_dict()["nash"]["levels"] == {"a": "x", "b": "x"}
    with pytest.raises(DetenteError, match="level"):
        analyse_packages(levels, {"P": util["P"], "Q": {"a": {"x": 0}, "b": {"x": 1, "y": 0}}})


def test_fast_vote_sums_equal_direct_sums():
    from detente.bargaining.expected_utility import _probabilities, _probabilities_direct
    rng = np.random.default_rng(0)
    for B, n in ((4, 7), (2, 12), (1, 2)):
        x = rng.integers(0, 6, (B, n)).astype(float)  # many ties and midpoints on voters
        w, r = rng.uniform(0, 1, (B, n)), rng.uniform(0.5, 2, (B, n))
        R = np.full((B, 1), 5.0)
        for mode in ("scholz", "bdm"):
            direct = _probabilities_direct(x, w, r, R, mode)
            for kernel in (True, False):
                assert np.allclose(_probabilities(x, w, r, R, mode, kernel), direct,
                                   atol=1e-12)


@pytest.mark.slow
def test_compiled_round_equals_numpy_round():
    from detente.bargaining._kernels import HAVE_NUMBA
    if not HAVE_NUMBA:
        pytest.skip("numba not installed")
    rng = np.random.default_rng(0)
    x, s, c = rng.uniform(0, 100, (30, 8)), rng.uniform(0.1, 1, (30, 8)), rng.uniform(1, 9, (30, 8))
    x[:10] = np.round(x[:10] / 20) * 20  # ties
    for kw in ({}, {"offer_selection": "scholz"}, {"capitulation": True},
               {"q": 0.4, "probability": "bdm", "perspective": "own"},
               {"conflict": "expected", "vote_risk": False, "t_rule": "half", "q": 0.8}):
        o = EUOptions(**kw)
        a = simulate(x, s, c, rounds=5, options=o, record=True, stop_when_stable=False,
                     compiled=True)
        b = simulate(x, s, c, rounds=5, options=o, record=True, stop_when_stable=False,
                     compiled=False)
        assert np.allclose(a["history"], b["history"], atol=1e-9)
        assert np.array_equal(a["kinds"], b["kinds"])
