"""Resolved speakers, failure classes of issue 15's seventh round (held-out part 6, now
development material): sources that cannot speak, anonymous sources described with a count or
a place, descriptions that the text attached to a name before, pronouns. Each test is written
on sentences invented for it (not taken from bench/evidence_devset) and checks the resolved
speaker a user sees."""

from __future__ import annotations

from evidence_helpers import by_content, extract


def test_a_count_of_anonymous_sources_is_no_part_of_their_description(ex):
    e = extract(ex, "Customs checks on Norwegian salmon were tightened overnight, three Danish "
                    "trade officials told a radio station on Monday.")
    assert by_content(e, "Customs checks").speaker == "Danish trade officials"


def test_an_anonymous_source_of_no_named_body_keeps_the_place_that_names_it(ex):
    e = extract(ex, "An Asian diplomat in Nairobi, who asked not to be identified, said the "
                    "ceasefire talks had \"stalled for lack of a venue.\"")
    assert by_content(e, "stalled for lack").speaker == "Asian diplomat in Nairobi"
    # (an official of a named body is the body's, whatever city they are in)
    e = extract(ex, "A NATO official in Vilnius, who was not authorised to speak, said the "
                    "exercise would go ahead in May.")
    assert by_content(e, "exercise would go ahead").speaker == "NATO official"
