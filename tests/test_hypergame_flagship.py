"""The flagship with Washington's view as a perception (issue 12's check; the perception itself
belongs in the scenario, issue 13). Lieven's critique read formally: the US does not take into
account Europe's condition (troops only with a US backstop) nor Russia's (only neutral troops).
The perception is added to the scenario's document here, so the scenario file is unchanged."""

import copy
from pathlib import Path

import numpy as np
import pytest

import detente
from detente.model.yamlio import read_document

SCENARIO = Path(__file__).parent.parent / "scenarios" / "settlement-talks-2025-02.yaml"


@pytest.fixture(scope="module")
def flagship_hypergame():
    data, _ = read_document(SCENARIO)
    doc = copy.deepcopy(data)
    us = next(d for d in doc["decision_makers"] if d["name"] == "US")
    us["perception"] = {"preferences_of": {
        "Europe": {"drop": ["eu-only-with-backstop"]},
        "Russia": {"drop": ["ru-only-neutral-peacekeepers", "ru-no-nato-troops"]}}}
    return detente.hypergame(detente.load(doc))


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
