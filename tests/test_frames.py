"""Data frames (pandas) and NetworkX graphs of results.

Each test skips when pandas or NetworkX is missing (both are in the dev extra, so CI runs them).
The graph is checked against the plain-Python reference's move lists (tests/gmcr_reference.py),
the frames against the engine's arrays.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import detente
import gmcr_reference as ref
from detente.errors import DetenteError, ModelError
from detente.gmcr.random_conflict import random_conflict

FIX = Path(__file__).parent / "fixtures"
CASES = sorted((FIX / "gmcr").glob("*.yaml"))


@pytest.fixture
def pd():
    return pytest.importorskip("pandas")


# --- data frames

@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_frames_match_the_result_arrays(path, pd):
    r = detente.analyze(path)
    states = r.to_frame("states")
    assert list(states.index) == list(range(1, r.n_states + 1))
    for p in range(r.n_states):
        row = states.loc[p + 1]
        assert row["yn"] == r.yn(p)
        assert [o for o in r.conflict.option_names if row[o]] == r.conflict.taken(int(r.space.codes[p]))
        for dm, ranks in r.ranks.items():  # level 1 = most preferred: order is the ranks' reversed
            better = int((np.unique(ranks) > ranks[p]).sum())
            assert row[f"level[{dm}]"] == better + 1
    assert states["status_quo"].sum() == (r.status_quo_position is not None)
    stab = r.to_frame()
    assert len(stab) == r.n_states * len(r.conflict.dm_names) * len(r.stable)
    for (concept, dm), g in stab.groupby(["concept", "dm"]):
        assert np.array_equal(g.sort_values("id")["stable"].to_numpy(), r.stable[concept][dm])
        assert np.array_equal(np.flatnonzero(g.sort_values("id")["equilibrium"].to_numpy()),
                              r.equilibria(concept))
    eq = r.to_frame("equilibria")
    for concept in r.stable:
        assert eq[eq.concept == concept]["id"].tolist() == [int(p) + 1 for p in r.equilibria(concept)]
    with pytest.raises(DetenteError, match="unknown frame kind"):
        r.to_frame("nope")


def test_robustness_frame_matches_rows(pd):
    from detente.gmcr.robustness import robustness
    rob = robustness(FIX / "robustness" / "three-parties.yaml", concepts=["SEQ"], draws=200, seed=3)
    df = rob.to_frame()
    rows = rob.rows("SEQ")
    assert df["id"].tolist() == [r["id"] for r in rows]
    assert np.allclose(df["p_equilibrium"], [r["p_equilibrium"] for r in rows])
    assert (df["low"] <= df["p_equilibrium"]).all() and (df["p_equilibrium"] <= df["high"]).all()
    for dm in rob.conflict.dm_names:
        assert np.allclose(df[f"p_stable[{dm}]"], [r["p_stable"][dm] for r in rows])


def test_bargaining_frames_and_issue_round_trip(pd):
    from detente.bargaining import compromise, expected_utility, load_bargaining_file, median
    from detente.bargaining.scenario import Issue
    _, issues, _ = load_bargaining_file("scenarios/examples/emission_standards_1994.yaml")
    iss = issues[0]
    back = Issue.from_frame(iss.to_frame(), iss.name, low=iss.scale.low.value,
                            high=iss.scale.high.value, salience_scale="unit")
    assert np.allclose(back.x, iss.x) and np.allclose(back.s, iss.s) and np.allclose(back.c, iss.c)
    assert compromise(back).value == pytest.approx(compromise(iss).value)
    eu = expected_utility(iss)
    traj = eu.to_frame()
    assert traj.shape == (eu.rounds + 1, len(eu.actors) + 2)
    assert np.allclose(traj["weighted median"], eu.medians)
    assert traj.loc[0, iss.actors[0].name] == iss.actors[0].position.value
    fr = pd.concat([compromise(iss).to_frame(), median(iss).to_frame()], ignore_index=True)
    assert fr["model"].tolist() == ["compromise", "median"]


def test_issue_from_frame_reports_the_bad_cell(pd):
    from detente.frames import issue_from_frame
    df = pd.DataFrame({"position": [4, 7], "salience": [0.8, -1], "capability": [1, 1]},
                      index=["DE", "FR"])
    with pytest.raises(ModelError, match=r"actors\[1\]\.salience"):
        issue_from_frame(df, "date")
    with pytest.raises(DetenteError, match="no column 'capability'"):
        issue_from_frame(df.drop(columns="capability"), "date")


def test_missing_pandas_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    r = detente.analyze(FIX / "gmcr" / "chicken.yaml", concepts=["Nash"])
    with pytest.raises(DetenteError) as exc:
        r.to_frame()
    assert "detente[frames]" in str(exc.value.problems[0])


# --- NetworkX ----------------------------------------------------------------------------

def _check_graph(conflict):
    pytest.importorskip("networkx")
    r = detente.analyze(conflict, concepts=["Nash", "SEQ"])
    g = r.to_networkx()
    rc = ref.from_conflict(conflict)
    pos_of = {ref.code_of(s): i for i, s in enumerate(rc.feasible)}
    id_of = {int(code): p + 1 for p, code in enumerate(r.space.codes)}
    assert sorted(g.nodes) == sorted(id_of[c] for c in pos_of)
    expected = set()
    for dm in rc.dms:
        for s in rc.feasible:
            for t in ref.moves(rc, dm, s):
                expected.add((id_of[ref.code_of(s)], id_of[ref.code_of(t)], dm,
                              rc.pref[dm][t] > rc.pref[dm][s]))
    got = {(u, v, k, d["improvement"]) for u, v, k, d in g.edges(keys=True, data=True)}
    assert got == expected
    for concept in ("Nash", "SEQ"):
        assert sorted(n for n, eq in g.nodes(data="equilibrium") if concept in eq) == \
            [int(p) + 1 for p in r.equilibria(concept)]
    sq = [n for n, v in g.nodes(data="status_quo") if v]
    assert sq == ([] if r.status_quo_position is None else [r.status_quo_position + 1])


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_networkx_graph_of_published_cases(path):
    _check_graph(detente.load(path))


@settings(max_examples=25, deadline=None)
@given(m=st.integers(2, 6), d=st.integers(2, 3), seed=st.integers(0, 10_000),
       n_cons=st.integers(0, 2), irr=st.sampled_from([0.0, 0.3, 0.7]))
def test_networkx_moves_match_the_reference(m, d, seed, n_cons, irr):
    if d > m:
        d = m
    _check_graph(random_conflict(m, d, seed=seed, n_constraints=n_cons, irreversible=irr))


def test_networkx_refuses_huge_graphs():
    pytest.importorskip("networkx")
    r = detente.analyze(FIX / "gmcr" / "elmira.yaml", concepts=["Nash"])
    with pytest.raises(DetenteError, match="more than 3"):
        r.to_networkx(max_states=3)
