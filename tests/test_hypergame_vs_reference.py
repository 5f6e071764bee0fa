"""The hypergame analysis (detente.gmcr.hypergame) agrees with the reference by construction
(tests/hypergame_reference.py: each view written out as its own model, unknown options removed,
feasible states by brute force) on random hypergames."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import detente
import hypergame_reference as ref
from detente.errors import ModelError
from detente.gmcr.hypergame import hypergame
from detente.gmcr.random_conflict import random_hypergame_document

CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


def _codes(h, mask):
    return {int(h.universe[p]) for p in np.flatnonzero(mask)}


def check(doc):
    try:
        conflict = detente.load(doc)
    except ModelError as exc:  # e.g. a view with no state at all: refused, and said why
        assert any("can see no state" in p.message or "ranking" in p.message for p in exc.problems), exc
        return False
    h = hypergame(conflict, CONCEPTS)
    r = ref.reference_hypergame(conflict, CONCEPTS)
    for d in conflict.dm_names:
        assert _codes(h, h.visible[d]) == r["visible"][d], d
    for c in CONCEPTS:
        assert _codes(h, h.real_equilibrium[c]) == r["real_eq"][c]
        for d in conflict.dm_names:
            assert _codes(h, h.own_stable[c][d]) == r["own_stable"][c][d], (c, d)
            assert _codes(h, h.expected[c][d]) == r["expected"][c][d], (c, d)
        cls = h.classes(c)
        assert _codes(h, cls["hypergame_equilibrium"]) == r["hyper"][c], c
        assert _codes(h, cls["steady"]) == r["steady"][c]
        assert _codes(h, cls["unsteady"]) == r["unsteady"][c]
        assert _codes(h, cls["stealthy"]) == r["stealthy"][c]
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=st.integers(3, 6), d=st.integers(2, 3), seed=st.integers(0, 10**6), n_cons=st.integers(0, 2),
       irr=st.sampled_from([0.0, 0.3]))
def test_hypergame_matches_reference(m, d, seed, n_cons, irr):
    assume(m >= d)
    doc = random_hypergame_document(m, d, seed=seed, n_constraints=n_cons, irreversible=irr)
    check(doc)


@pytest.mark.parametrize("seed", range(12))
def test_hypergame_matches_reference_fixed_seeds(seed):
    """Fixed seeds with 3-4 DMs; most of them must actually produce perceptions and differences."""
    doc = random_hypergame_document(7, 3 + seed % 2, seed=seed, n_constraints=seed % 3, irreversible=0.2)
    check(doc)


def test_random_hypergames_are_not_trivial():
    """The generator produces views that differ from reality, and classes that are not empty."""
    differing = unsteady = invisible = 0
    for seed in range(30):
        try:
            c = detente.load(random_hypergame_document(6, 3, seed=seed, n_constraints=1))
        except ModelError:
            continue
        h = hypergame(c, ["GMR"])
        differing += any(not np.array_equal(h.expected["GMR"][d], h.real_equilibrium["GMR"]) for d in h.dms)
        unsteady += bool(h.classes("GMR")["unsteady"].any())
        invisible += any((h.real & ~h.visible[d]).any() for d in h.dms)
    assert differing >= 10 and unsteady >= 5 and invisible >= 5, (differing, unsteady, invisible)
