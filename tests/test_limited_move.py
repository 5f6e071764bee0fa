"""Limited-move (L_h) and non-myopic (NM) stability: textbook cases by hand, and the vectorised
recursion against a direct recursive implementation of the definition on random conflicts."""

from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

import detente
import gmcr_reference as ref
from detente.gmcr.analysis import EXTRA_CONCEPTS
from detente.gmcr.limited_move import (limited_move_stable, nonmyopic_stable, register_horizon,
                                       strict_reach_max)
from detente.gmcr.moves import NEG
from detente.gmcr.random_conflict import random_conflict

FIX = Path(__file__).parent / "fixtures" / "gmcr"


def eq(r, concept):
    return sorted(r.yn(p) for p in r.equilibria(concept))


def stable_for(r, concept, dm):
    return sorted(r.yn(p) for p in np.flatnonzero(r.stable[concept][dm]))


def test_registered():
    assert {"L2", "L3", "NM"} <= set(EXTRA_CONCEPTS)
    assert register_horizon(12) == "L12" and "L12" in EXTRA_CONCEPTS


def test_prisoners_dilemma_by_hand():
    # Option: cooperate. Prisoner One: NY > YY > NN > YN (mirror for prisoner 2).
    r = detente.analyze(detente.load(FIX / "prisoners-dilemma.yaml"), ["Nash", "L2", "L3", "NM"])
    assert eq(r, "Nash") == ["NN"]
    # At YY, defecting to NY invites prisoner 2's defection to NN, worse than YY: L2 stable.
    assert stable_for(r, "L2", "Prisoner One") == ["NN", "NY", "YY"]
    assert eq(r, "L2") == ["NN", "YY"]
    assert eq(r, "L3") == ["NN", "YY"]
    assert eq(r, "NM") == ["NN", "YY"]


def test_chicken_by_hand():
    # Option: go straight. Driver 1: YN > NN > NY > YY.
    r = detente.analyze(detente.load(FIX / "chicken.yaml"), ["Nash", "L2", "L3", "NM"])
    assert eq(r, "Nash") == ["NY", "YN"]
    # L2: from NN driver 1 goes straight (YN) and driver 2 will not crash into it; from NY
    # driver 1 goes straight too, anticipating that driver 2 swerves out of the crash YY;
    # from the crash YY driver 1 swerves.
    assert stable_for(r, "L2", "Driver 1") == ["YN"]
    assert eq(r, "L2") == []
    # Looking further ahead, mutual swerving is the non-myopic outcome (Brams & Wittman 1981).
    assert eq(r, "L3") == ["NN"]
    assert eq(r, "NM") == ["NN"]


def test_more_than_two_dms_is_skipped_with_reason():
    r = detente.analyze(detente.load(FIX / "elmira.yaml"), ["Nash", "L2", "NM"])
    assert "two decision makers" in r.skipped["L2"] and "NM" in r.skipped
    assert "L2" not in r.stable


# --- direct implementation of the definition ----------------------------------------------

def brute_anticipation(rc, h_max):
    i, j = rc.dms
    other = {i: j, j: i}
    p = rc.pref

    @lru_cache(maxsize=None)
    def G(dm, s, h):
        if h == 0:
            return s
        o = other[dm]
        outcomes = [G(o, s1, h - 1) for s1 in ref.moves(rc, dm, s)]
        better = [t for t in outcomes if p[dm][t] > p[dm][s]]
        if not better:
            return s
        top = max(p[dm][t] for t in better)
        tied = [t for t in better if p[dm][t] == top]
        # Tie rule: the opponent's least preferred, then the lowest state id (= lowest code).
        low = min(p[o][t] for t in tied)
        return min((t for t in tied if p[o][t] == low), key=ref.code_of)

    return G


@pytest.mark.parametrize("seed", range(8))
def test_against_definition(seed):
    c = random_conflict(3 + seed % 4, 2, seed=seed, n_constraints=seed % 3, irreversible=0.3,
                        n_statements=(1, 3))
    r = detente.analyze(c, ["Nash"])
    rc = ref.from_conflict(c)
    G = brute_anticipation(rc, 6)
    for h in range(1, 7):
        for dm in c.dm_names:
            got = {int(r.space.codes[q]) for q in np.flatnonzero(limited_move_stable(r, dm, h))}
            want = {ref.code_of(s) for s in rc.feasible if G(dm, s, h) == s}
            assert got == want, (h, dm)
    for dm in c.dm_names:
        assert (limited_move_stable(r, dm, 1) == r.stable["Nash"][dm]).all()
        # NM: stable at every horizon of the eventual cycle (here: all of 30..40 suffice).
        want = {ref.code_of(s) for s in rc.feasible if all(G(dm, s, h) == s for h in range(30, 41))}
        got = {int(r.space.codes[q]) for q in np.flatnonzero(nonmyopic_stable(r, dm))}
        assert got == want


def test_strict_reach_max_excludes_staying():
    c = random_conflict(7, 2, seed=11, irreversible=0.5, n_constraints=2)
    r = detente.analyze(c, ["Nash"])
    rc = ref.from_conflict(c)
    rng = np.random.default_rng(0)
    vals = rng.integers(0, 50, r.n_states).astype(np.int32)
    for dm in c.dm_names:
        got = strict_reach_max(r.tables[dm], vals)
        for p in range(r.n_states):
            s = tuple((int(r.space.codes[p]) >> k) & 1 for k in range(c.n_options))
            targets = [int(r.space.index_of(np.uint64(ref.code_of(t)))) for t in ref.moves(rc, dm, s)]
            want = max((vals[t] for t in targets), default=NEG)
            assert got[p] == want


def test_explain_line_of_play():
    from detente.gmcr.limited_move import explain
    r = detente.analyze(detente.load(FIX / "chicken.yaml"), ["Nash"])
    ex = explain(r, r.position_of("NY"), "Driver 1", 2)
    assert not ex.stable
    assert [(m, r.yn(a), r.yn(b)) for m, a, b in ex.line] == [("Driver 1", "NY", "YY"), ("Driver 2", "YY", "YN")]
    assert r.yn(ex.outcome) == "YN" and "prefers" in str(ex)
    ok = explain(r, r.position_of("YN"), "Driver 1", 2)
    assert ok.stable and ok.line == [] and ok.to_dict(r)["stable"] is True


@pytest.mark.parametrize("seed", range(4))
def test_explain_is_consistent(seed):
    from detente.gmcr.limited_move import anticipation, explain
    c = random_conflict(6, 2, seed=seed, irreversible=0.3, n_constraints=1)
    r = detente.analyze(c, ["Nash"])
    for h in (1, 2, 3, 5):
        for dm in c.dm_names:
            G = anticipation(r, h).levels[h][dm]
            for p in range(r.n_states):
                ex = explain(r, p, dm, h)
                assert ex.stable == (G[p] == p) and ex.outcome == G[p]
                assert len(ex.line) <= h
                for m, a, b in ex.line:
                    assert b in set(r.tables[m].targets(a))
                if ex.line:
                    # The line ends where no one moves any more: its last state is the outcome.
                    assert ex.line[-1][2] == ex.outcome


def test_cli_analyze_json(capsys):
    import json

    from detente.cli import main
    code = main(["analyze", str(FIX / "chicken.yaml"), "-c", "Nash,L3,NM", "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    d = json.loads(out.out)
    assert [e["yn"] for e in d["results"]["NM"]["equilibria"]] == ["NN"]
    assert [e["yn"] for e in d["results"]["L3"]["equilibria"]] == ["NN"]
    code = main(["analyze", str(FIX / "elmira.yaml"), "-c", "Nash,NM", "--format", "json"])
    d = json.loads(capsys.readouterr().out)
    assert code == 0 and "two decision makers" in d["skipped"]["NM"] and "NM" not in d["results"]


def test_any_horizon_by_name():
    r = detente.analyze(detente.load(FIX / "chicken.yaml"), ["L12", "l3"])
    assert r.concepts == ["L12", "L3"]
    assert eq(r, "L3") == ["NN"] and "L12" in r.stable
