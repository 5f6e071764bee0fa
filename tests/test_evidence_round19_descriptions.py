"""Issue 15, nineteenth round, anonymous descriptions: a source known by a trade or a job the
lists of people did not hold ("a foreman", "a freight executive", "a businessman") keeps the
phrase that says where they work or are, with an indefinite article inside it ("at a
Korean-owned mill in Kitwe", "at a Danish carrier") but without a relative clause hung on it
("that sails the strait weekly"). Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

SOURCES_BY_WORKPLACE = (
    "A foreman at a Korean-owned mill in Kitwe, who asked not to be named, told our reporter that "
    "only 200 weavers of 900 had come to work.\n\n"
    "A freight executive at a Danish carrier that sails the strait weekly, speaking on condition "
    "of anonymity, said his firm was planning on 18 crossings a day.\n\n"
    "A Peruvian businessman in Lisbon who paid $90,000 in 2022 told Reuters by phone that he had "
    "received \"no answer at all\" since his file was closed.\n"
)


def test_a_foreman_is_known_by_the_mill_and_the_town(ex):
    e = extract(ex, SOURCES_BY_WORKPLACE)
    assert by_content(e, "200 weavers").speaker == "foreman at a Korean-owned mill in Kitwe"
    assert claimant_of(e, "200") == "foreman at a Korean-owned mill in Kitwe"


def test_an_executive_is_known_by_the_carrier_without_its_relative_clause(ex):
    e = extract(ex, SOURCES_BY_WORKPLACE)
    assert by_content(e, "18 crossings").speaker == "freight executive at a Danish carrier"
    assert claimant_of(e, "18") == "freight executive at a Danish carrier"


def test_a_businessman_is_known_by_where_he_is(ex):
    e = extract(ex, SOURCES_BY_WORKPLACE)
    assert by_content(e, "no answer at all").speaker == "Peruvian businessman in Lisbon"


FOREMAN_QUOTED_AFTER = (
    "Day three of the strike. Labour Minister Mirela Obrenko told parliament that a wage board "
    "would meet next week.\n\n"
    "A forewoman at a Korean-owned mill in Kitwe, who asked not to be named, told our reporter that "
    "only 200 weavers of 900 had come to work. \"The rest are scared of the police, not of the "
    "bosses,\" she said.\n"
)


def test_she_after_a_forewoman_known_by_her_workplace_is_the_forewoman(ex):
    e = extract(ex, FOREMAN_QUOTED_AFTER)
    assert by_content(e, "scared of the police").speaker == "forewoman at a Korean-owned mill in Kitwe"
