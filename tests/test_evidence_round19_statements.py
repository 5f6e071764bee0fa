"""Issue 15, nineteenth round, statements: an "according to" phrase set in the middle of a
sentence, between the main clause (subject and verb) and a circumstance added after it ("...,
according to X, after heavy rain upstream"), attributes the main clause, not the trailing
adjunct. Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import extract

TRAILING_ADJUNCT = (
    "The Marrow river rose by more than three metres in 20 hours on Sunday night, according to the "
    "Dunmore Flood Agency, after heavy rain in the hills and the opening of all 12 gates of the "
    "Kestle dam upstream.\n"
)


def test_according_to_in_mid_sentence_attributes_the_main_clause_not_the_trailing_adjunct(ex):
    e = extract(ex, TRAILING_ADJUNCT)
    agency = [s for s in e.statements if s.speaker == "Dunmore Flood Agency"]
    assert len(agency) == 1
    assert agency[0].content.startswith("The Marrow river rose by more than three metres")
    assert "heavy rain" not in agency[0].content
