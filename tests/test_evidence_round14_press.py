"""Issue 15, round 14: press releases and press-conference transcripts.

A release with no genre line in its header is known by its trailer (the end mark "# # #",
"Notes to editors", "For more information, please contact"); its lede ("CITY, date – The X
(XY) warned today that ...") speaks for its issuer, also later by its initials ("XY said ...").
Written for the tests on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

RELEASE = (
    "Alpine Water Trust says glacier lakes in the Varnet valley could burst before the autumn rains\n\n"
    "LENKBURG, 4 May 2026 – The Northern Alpine Water Trust (AWT) warned today that 14 glacier "
    "lakes above the Varnet valley have grown by a third since last summer and could burst before "
    "the autumn rains.\n\n"
    "\"We are draining the two largest lakes by pump, but the others are beyond our reach,\" said "
    "Oda Brenstal, AWT's head of field operations.\n\n"
    "AWT said it had moved 300 families out of the lower villages in April.\n\n"
    "#  #  #\n\n"
    "For more information please contact: Pim Voller, AWT/Lenkburg\n"
)


def test_a_release_known_by_its_trailer_gives_its_own_words_the_statement_channel(ex):
    e = extract(ex, RELEASE)
    assert by_content(e, "draining the two largest lakes").channel == "statement"


def test_a_releases_lede_speaks_for_its_issuer_also_by_its_initials(ex):
    e = extract(ex, RELEASE)
    assert by_content(e, "14 glacier lakes").channel == "statement"
    assert by_content(e, "moved 300 families").channel == "statement"


BRIEFING = (
    "Press Conference by the Harbour Commissioner\n\n"
    "COMMISSIONER ANSELM VODRAK: The new ferry timetable starts on Monday.\n\n"
    "REPORTER (Daily Courier): The fare rose to 9 crowns last week according to the operator's "
    "own price list. Some councillors say the timetable is unworkable.\n\n"
    "COMMISSIONER VODRAK: The timetable was agreed with the operator.\n"
)


def test_a_reporters_turn_without_a_question_mark_is_a_question_not_a_statement(ex):
    e = extract(ex, BRIEFING)
    for s in e.statements:
        assert "REPORTER" not in s.content
        assert "Daily Courier" not in s.content
    assert by_content(e, "the timetable is unworkable").channel is None


def test_the_minister_is_the_person_named_just_before_after_that_title(ex):
    text = (
        "Aldovia's Minister of Ports and Inland Waterways, Tessa Morrow-Valk, said the government "
        "was dredging the northern channel. \"The barges have waited long enough,\" the minister "
        "said.\n"
    )
    e = extract(ex, text)
    assert by_content(e, "barges have waited").speaker == "Tessa Morrow-Valk"
