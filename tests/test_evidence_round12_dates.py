"""Issue 15, twelfth round: when words recalled in a feature were said.

A time in a clause that tells what was done to the speaker ("a driver who was detained in March
and released in May", "X, released in May,") dates that event, not the words: "told me in June"
dates them, and the speaker's further words in the paragraph keep that month. A clause telling
what the speaker made public ("who posted a video on Monday") still dates nothing of the words.
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract

FEATURE = (
    "The night shift at the harbour\n\n"
    "Tarmo Vihuri-Laks, a 31-year-old crane driver who was detained in January and released in "
    "March, told me in May that he spent his first week sharing a cell with nine other men. "
    "\"Nobody slept,\" he said. \"We counted the trains instead.\"\n\n"
    "Elin Paas-Oja, a teacher released in February, told me in April that she had "
    "lost her job at the port.\n"
)


def test_a_release_told_in_a_clause_about_the_speaker_does_not_date_his_words(ex):
    e = extract(ex, FEATURE, dt.date(2025, 9, 14))
    assert by_content(e, "spent his first week").date == "2025-05"
    assert by_content(e, "Nobody slept").date == "2025-05"
    assert by_content(e, "We counted the trains").date == "2025-05"


def test_a_participle_clause_about_the_speaker_does_not_date_her_words(ex):
    e = extract(ex, FEATURE, dt.date(2025, 9, 14))
    assert by_content(e, "lost her job").date == "2025-04"
