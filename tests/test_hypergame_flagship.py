"""The flagship with Washington's view as a perception (issue 12's check). Lieven's critique read
formally: the US leaves out Europe's condition (troops only with a US backstop) and Russia's
(only neutral troops)."""

from pathlib import Path

import numpy as np
import pytest

import detente

SCENARIO = Path(__file__).parent.parent / "scenarios" / "settlement-talks-2025-02.yaml"


@pytest.fixture(scope="module")
def flagship_hypergame():
    c = detente.load(SCENARIO)
    beliefs = c.dm("US").perception.preferences_of
    assert [s.id for s in beliefs["Europe"].dropped] == ["eu-only-with-backstop"]
    assert [s.id for s in beliefs["Russia"].dropped] == ["ru-only-neutral-peacekeepers", "ru-no-nato-troops"]
    return detente.hypergame(c)


def _arrangement(h, p) -> bool:
    """Hegseth's arrangement: a settlement, European troops, no US troops, no US backstop."""
    v = h.conflict.values(int(h.universe[p]))
    return v["ru_settle"] and v["ua_accept"] and v["eu_deploy"] and not v["us_troops"] and not v["us_backstop"]


def test_arrangement_is_expected_by_washington_and_fails_in_reality(flagship_hypergame):
    h = flagship_hypergame
    for concept in ("Nash", "GMR", "SMR", "SEQ"):
        expected = [p for p in np.flatnonzero(h.expected[concept]["US"]) if _arrangement(h, p)]
        assert expected, concept  # an equilibrium in Washington's view ...
        assert not any(_arrangement(h, p) for p in np.flatnonzero(h.real_equilibrium[concept]))  # ... not in reality
        assert not any(_arrangement(h, p) for p in np.flatnonzero(h.hypergame_mask(concept)))
        assert all(h.per_dm(concept, "US")["not_real"][p] for p in expected)


def test_the_explanation_names_europe_and_russia_and_their_statements(flagship_hypergame):
    h = flagship_hypergame
    p = next(p for p in np.flatnonzero(h.expected["SEQ"]["US"]) if _arrangement(h, p))
    e = detente.explain_view(h, int(p), "US", "SEQ")
    movers = {u.dm for u in e.unanticipated}
    assert movers <= {"Europe", "Russia"} and movers
    text = str(e)
    assert "eu-only-with-backstop" in text or "ru-only-neutral-peacekeepers" in text
    assert "Lieven" in text  # the evidence the statements rest on
