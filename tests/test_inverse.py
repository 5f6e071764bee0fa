"""Inverse GMCR: exact counts by the standard definitions, checked against the explicit
reference implementation (tests/gmcr_reference.py), conditions, bounds and bad input."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest

import gmcr_reference as ref
from detente.errors import DetenteError, TooLargeError
from detente.gmcr.inverse import (inverse, make_plan, ranks_of_permutations, stable_at,
                                  unrank_permutations)
from detente.model.states import StateSpace
from detente.model.load import load

GMCR = Path(__file__).parent / "fixtures" / "gmcr"
SYRIA = GMCR / "syria-iraq-1975.yaml"
CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


def _ref_state(space, p):
    code = int(space.codes[p])
    return tuple((code >> k) & 1 for k in range(space.m))


def _reference_counts(path, state_pos, dm, concepts):
    """Count, with the explicit reference, the strict rankings of ``dm`` under which the state
    is an equilibrium."""
    conflict = load(path)
    space = StateSpace.build(conflict)
    rc = ref.from_conflict(conflict)
    states = [_ref_state(space, p) for p in range(space.n)]
    s = states[state_pos]
    counts = {c: 0 for c in concepts}
    stable_dm = {c: [] for c in concepts}
    for perm in itertools.permutations(range(space.n)):
        rc.pref[dm] = {states[p]: space.n - 1 - j for j, p in enumerate(perm)}
        for c in concepts:
            ok = all(ref.stable(rc, d, s, c) for d in rc.dms)
            counts[c] += ok
            stable_dm[c].append(ref.stable(rc, dm, s, c))
    return counts, stable_dm


@pytest.fixture(scope="module")
def syria_reference():
    return _reference_counts(SYRIA, 1, "Syria", CONCEPTS)


def test_syria_iraq_published_counts():
    # 720 Syrian rankings, Iraq fixed, desired state 2 (GMCR+ numbering): Nash 240, SEQ 384.
    assert inverse(SYRIA, state="2", dms=["Syria"], concept="Nash", workers=1).successes == 240
    seq = inverse(SYRIA, state="2", dms=["Syria"], concept="SEQ", workers=1)
    assert seq.total == 720 and seq.admissible == 720
    assert seq.successes == 384  # not 420: every improvement is checked, not the last one


def test_all_concepts_match_the_reference(syria_reference):
    counts, _ = syria_reference
    assert counts["Nash"] == 240 and counts["SEQ"] == 384
    for c in CONCEPTS:
        assert inverse(SYRIA, state="YNN", dms=["Syria"], concept=c, workers=1).successes == counts[c], c


def test_exact_conditions_are_necessary_and_sufficient(syria_reference):
    _, stable_dm = syria_reference
    n = 6
    for concept in ("Nash", "GMR", "SEQ"):
        r = inverse(SYRIA, state="2", dms=["Syria"], concept=concept, workers=1)
        exact = [c for c in r.conditions if c.kind == "exact" and c.dm == "Syria"]
        assert len(exact) == 1
        clauses = exact[0].clauses
        assert clauses, concept
        for k, perm in enumerate(itertools.permutations(range(n))):
            rank = {p: n - 1 - j for j, p in enumerate(perm)}
            holds = all(any(rank[r.state] > rank[x] for x in clause) for clause in clauses)
            assert holds == stable_dm[concept][k], (concept, perm)
    nash = inverse(SYRIA, state="2", dms=["Syria"], concept="Nash", workers=1)
    text = str(nash)
    assert "Syria must prefer 2:YNN to 1:NNN; and 2:YNN to 3:NYN" in text


def test_bounds_restrict_the_rankings():
    r = inverse(SYRIA, state="2", dms=["Syria"], concept="Nash", bounds=["2>1"], workers=1)
    assert r.admissible == 360 and r.successes == 240
    r = inverse(SYRIA, state="2", dms=["Syria"], concept="Nash", bounds=["Syria: NNN>YNN"], workers=1)
    assert r.admissible == 360 and r.successes == 0
    # A bound written with '<' is the same as the reversed '>'.
    a = inverse(SYRIA, state="2", dms=["Syria"], concept="SEQ", bounds=["6>4"], workers=1)
    b = inverse(SYRIA, state="2", dms=["Syria"], concept="SEQ", bounds=["4<6"], workers=1)
    assert (a.admissible, a.successes) == (b.admissible, b.successes) == (360, a.successes)


def test_common_pairwise_orders_hold_in_every_success():
    r = inverse(SYRIA, state="2", dms=["Syria", "Iraq"], concept="Nash", workers=1)
    # Nash for two varying DMs: the count factorises (each DM's stability depends on its own
    # ranking only): 240 Syrian rankings x 360 Iraqi ones (2 above Iraq's only move from 2, to 5).
    assert r.total == 720 * 720
    assert r.successes == 240 * 360
    iraq_alone = inverse(load(SYRIA), state="2", dms=["Iraq"], concept="Nash", workers=1)
    assert iraq_alone.successes == 0  # Syria's own ranking makes 2 unstable for Syria
    assert any("not Nash-stable for Syria" in n for n in iraq_alone.notes)
    m = r.pair_counts["Syria"]
    assert m[1, 0] == r.successes and m[1, 2] == r.successes
    common = [c.text for c in r.conditions if c.kind == "common"]
    assert all("must prefer" in t for t in common)


def _check_against_reference(path, varying, concept, target, n_samples, seed):
    conflict = load(path)
    space = StateSpace.build(conflict)
    plan = make_plan(conflict, space, target, varying, concept, {})
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, math.factorial(space.n), size=(n_samples, len(varying)))
    R = {}
    for j, d in enumerate(varying):
        R[d] = ranks_of_permutations(unrank_permutations(idx[:, j], space.n))
    for d, r in plan.fixed_ranks.items():
        R[d] = np.broadcast_to(r, (n_samples, space.n))
    rc = ref.from_conflict(conflict)
    states = [_ref_state(space, p) for p in range(space.n)]
    ours = {d: stable_at(plan, d, R) for d in conflict.dm_names}
    for b in range(n_samples):
        for d in varying:
            rc.pref[d] = {states[p]: int(R[d][b, p]) for p in range(space.n)}
        for d in conflict.dm_names:
            assert bool(ours[d][b]) == ref.stable(rc, d, states[target], concept), (concept, target, d, b)


@pytest.mark.parametrize("concept", CONCEPTS)
def test_three_dms_batch_check_matches_reference(concept):
    # Elmira: 3 DMs, irreversible options; one and two varying DMs (SEQ couples them).
    for target in (0, 4, 7):
        _check_against_reference(GMCR / "elmira.yaml", ["Uniroyal"], concept, target, 40, 1)
        _check_against_reference(GMCR / "elmira.yaml", ["MoE", "Local Government"], concept, target, 40, 2)


def test_unrank_is_lexicographic_and_bijective():
    perms = unrank_permutations(np.arange(720), 6)
    assert [tuple(p) for p in perms.tolist()] == list(itertools.permutations(range(6)))
    ranks = ranks_of_permutations(perms[:3])
    assert ranks[0].tolist() == [5, 4, 3, 2, 1, 0]


def test_bad_input():
    with pytest.raises(DetenteError, match="contradict each other"):
        inverse(SYRIA, state="2", dms=["Syria"], bounds=["1>2", "2>3", "3>1"], workers=1)
    with pytest.raises(DetenteError, match="not varied"):
        inverse(SYRIA, state="2", dms=["Syria"], bounds=["Iraq: 1>2"], workers=1)
    with pytest.raises(DetenteError, match="does not say whose"):
        inverse(SYRIA, state="2", dms=["Syria", "Iraq"], bounds=["1>2"], workers=1)
    with pytest.raises(DetenteError, match="no decision maker named 'Syri'"):
        inverse(SYRIA, state="2", dms=["Syri"], workers=1)
    with pytest.raises(DetenteError, match="out of range"):
        inverse(SYRIA, state="9", dms=["Syria"], workers=1)
    with pytest.raises(DetenteError, match="supports"):
        inverse(SYRIA, state="2", dms=["Syria"], concept="SIM", workers=1)
    with pytest.raises(DetenteError, match="cannot read the bound"):
        inverse(SYRIA, state="2", dms=["Syria"], bounds=["1 2"], workers=1)


def test_refuses_too_many_states_and_too_long():
    doc = {"decision_makers": [{"name": "A", "options": ["a1", "a2"], "preferences": ["a1"]},
                               {"name": "B", "options": ["b1", "b2"], "preferences": ["b1"]}]}
    doc["decision_makers"][1]["options"].append("b3")
    doc["decision_makers"][1]["options"].append("b4")  # 64 states
    with pytest.raises(TooLargeError, match="exact enumeration of SEQ stops"):
        inverse(load(doc), state="1", dms=["A"], concept="SEQ", workers=1)
    with pytest.raises(TooLargeError, match="would take about"):
        inverse(SYRIA, state="2", dms=["Syria", "Iraq"], concept="SEQ", workers=1, max_hours=1e-7)


def test_cli_inverse(capsys):
    from detente.cli import main
    code = main(["inverse", str(SYRIA), "--state", "2", "--dm", "Syria", "--concept", "SEQ",
                 "--format", "json", "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 0
    d = json.loads(out)
    assert d["successes"] == 384 and d["profiles"] == 720 and d["state"]["yn"] == "YNN"
    code = main(["inverse", str(SYRIA), "--state", "2", "--dm", "Syria", "--fix", "2>1", "--fix", "1>2"])
    err = capsys.readouterr().err
    assert code == 2 and "contradict" in err


SMALL3 = {"decision_makers": [
    {"name": "A", "options": ["a"], "preferences": ["not b", "a if c1"]},
    {"name": "B", "options": ["b"], "preferences": ["b iff a", "not c2"]},
    {"name": "C", "options": ["c1", "c2"], "preferences": ["c1 or c2", "not (a and b)", "c2"]}],
    "infeasible": ["c1 and c2", "a and b and c2", "not a and not b and c1", "a and not b and c2",
                   "b and c2 and not a"]}


def test_reduction_to_relevant_states_is_exact():
    # Syria-Iraq, one and two varying DMs, with a bound on an irrelevant state.
    for concept in ("Nash", "GMR", "SMR"):
        for dms in (["Syria"], ["Syria", "Iraq"]):
            for bounds in ([], ["Syria: 2>5"]):
                full = inverse(SYRIA, state="2", dms=dms, concept=concept, bounds=bounds, reduce=False, workers=1)
                red = inverse(SYRIA, state="2", dms=dms, concept=concept, bounds=bounds, reduce=True, workers=1)
                assert (red.successes, red.admissible, red.total) == (full.successes, full.admissible, full.total)
                assert ([c.text for c in red.conditions] == [c.text for c in full.conditions]), (concept, dms)
    # Three DMs, a DM with two options.
    c = load(SMALL3)
    assert StateSpace.build(c).n == 8
    for concept in ("Nash", "GMR", "SMR"):
        for state in ("1", "4", "7"):
            full = inverse(c, state=state, dms=["C"], concept=concept, reduce=False, workers=1)
            red = inverse(c, state=state, dms=["C"], concept=concept, reduce=True, workers=1)
            assert red.successes == full.successes and len(red.reduced["C"]) <= 8


def test_reduction_makes_large_nash_questions_answerable():
    doc = {"decision_makers": [{"name": "A", "options": ["a1", "a2"], "preferences": ["a1"]},
                               {"name": "B", "options": ["b1", "b2", "b3", "b4"], "preferences": ["b1"]}]}
    r = inverse(load(doc), state="NNYNNN", dms=["A"], concept="Nash", workers=1)
    # 64 states; A has 3 moves from the target, so exactly 1/4 of the 64! rankings put it on top.
    assert r.total == math.factorial(64) and r.successes == math.factorial(64) // 4
    assert r.reduced == {"A": sorted(r.reduced["A"])} and len(r.reduced["A"]) == 4
