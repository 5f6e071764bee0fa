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


THAT_MONTH = (
    "The tally keepers\n\n"
    "The first time I met Kadri Mets-Allik, in March, she was standing outside the town hall "
    "with a board that read 9. That was how many houses had burned when the dam gave way on 2 "
    "December. By the time I saw her again, the board read 11.\n\n"
    "\"We stand here for nine minutes, then eleven,\" she told me that month. \"We want the "
    "inspection reports. That's all.\"\n"
)

AFTER_A_DAY = (
    "The tally keepers\n\n"
    "Kadri Mets-Allik still stands outside the town hall. When I called her after the 6 August "
    "vote, she sounded tired. \"The council did not ask us,\" she said. \"But we will rebuild it.\"\n"
)


def test_that_month_after_the_writers_meeting_is_the_meetings_month(ex):
    # (not the month of the flood told in between)
    e = extract(ex, THAT_MONTH, dt.date(2025, 7, 20))
    assert by_content(e, "We stand here for nine minutes").date == "2025-03"
    assert by_content(e, "We want the inspection reports").date == "2025-03"


def test_a_call_after_a_day_is_dated_at_that_month(ex):
    e = extract(ex, AFTER_A_DAY, dt.date(2025, 10, 12))
    assert by_content(e, "The council did not ask us").date == "2025-08"
    assert by_content(e, "But we will rebuild it").date == "2025-08"


WIRE_RELATIVE = (
    "LUMBA, March 14 (Reuters) - The army took over the electoral commission on Friday.\n\n"
    "The opposition candidate Oskari Vent-Ralla, who had claimed on Tuesday that his own count gave "
    "him a clear majority, said in a video posted on Facebook that the takeover was \"a theft in "
    "uniform\".\n"
)


def test_a_claim_recalled_in_the_speakers_relative_clause_does_not_date_his_later_words(ex):
    e = extract(ex, WIRE_RELATIVE, dt.date(2025, 3, 14))
    assert by_content(e, "the takeover was").date == "2025-03-14"


SAME_PARAGRAPH = (
    "The night marchers\n\n"
    "By the ministry's count, the marches are small. Urmas Teder-Vahi, a deputy for the governing "
    "party, told me in April that \"no more than 500 people\" had ever marched on a weekday. "
    "Volunteers who count the marchers with clickers outside the theatre put a typical night at "
    "3,000 to 4,000. When I pointed out that the police had used tear gas in the first week, he "
    "said that was \"a different matter.\"\n"
)


def test_the_speakers_later_words_in_the_paragraph_keep_the_occasions_date_after_anothers(ex):
    e = extract(ex, SAME_PARAGRAPH, dt.date(2025, 10, 12))
    assert by_content(e, "no more than 500 people").date == "2025-04"
    assert by_content(e, "a different matter").date == "2025-04"
