"""Resolved speakers, failure classes of issue 15's eighth round (held-out part 7, now
development material): anonymous sources described with the words that say who or where they
are, names with particles and double-barrelled surnames, pronouns and the next speaker. Each
test is written on sentences invented for it (not taken from bench/evidence_devset) and checks
the resolved speaker a user sees."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract


def test_an_anonymous_source_keeps_where_it_works(ex):
    e = extract(ex, "Cargo flights to Juba are down to 30 a week, according to an official at Mombasa "
                    "airport who asked not to be named.")
    assert by_content(e, "Cargo flights").speaker == "official at Mombasa airport"
    assert claimant_of(e, "30") == "official at Mombasa airport"


def test_the_official_is_the_official_described_before(ex):
    e = extract(ex, "An official at Tbilisi's justice ministry, who spoke on condition of anonymity, "
                    "told me that the ministry had filed 30 appeals. Yerevan has answered seven of "
                    "them, the official said.")
    assert by_content(e, "Yerevan has answered").speaker == "official at Tbilisi's justice ministry"


def test_an_anonymous_source_keeps_a_participle_phrase_and_a_place(ex):
    e = extract(ex, "A Danish official involved in the negotiations said the quota had been halved. "
                    "A Kenyan official in Turkana told us that about 3,000 herders had crossed.")
    assert by_content(e, "quota had been halved").speaker == "Danish official involved in the negotiations"
    assert by_content(e, "herders had crossed").speaker == "Kenyan official in Turkana"
    assert claimant_of(e, "3,000") == "Kenyan official in Turkana"


def test_the_description_stops_where_it_says_how_or_when_the_source_spoke(ex):
    e = extract(ex, "A Danish official involved in the negotiations said the quota had been halved. "
                    "A Finnish diplomat speaking on condition of anonymity said the vote would slip. "
                    "An Estonian official in Tartu, who asked not to be named, said the bridge was shut.")
    assert by_content(e, "quota had been halved").speaker == "Danish official involved in the negotiations"
    assert by_content(e, "vote would slip").speaker == "Finnish diplomat"
    assert by_content(e, "bridge was shut").speaker == "Estonian official in Tartu"
