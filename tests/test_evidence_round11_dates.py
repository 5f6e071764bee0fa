"""Issue 15, eleventh round: the DATE of a statement recalled in a feature or reported in a live
blog's entry is when the words were said, not the article's dateline or the entry's day: a
"when" clause that dates the occasion ("When X imposed sanctions in July, Y warned ..."), an
anaphoric time ("he told me that month", "In that address he said ..."), the time a statement
was posted ("The statement, posted on Telegram late on Monday, said ..."), the time of the verb
a participle cue hangs on ("resigned on Sunday evening, saying ..."), a time right after the cue
at the start of the reported words ("said on Monday it would ..."), "the next day" after a day
named earlier in the paragraph (whatever coarser time stands between), and the speaker's own
earlier clause in the sentence ("went further in a conversation last week: ..., she said, ..."),
a time on a phrasal cue inside the words found ("called on X in a statement in March to ..."); and
what does not date the words: a present-tense cue after words told before ("He estimates ..."),
a past-tense account of the occasion a "when" clause names ("said 9,000 weavers came"), a time
after the "that" of the reported clause. Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract


def test_a_when_clause_dates_the_words_it_frames(ex):
    e = extract(ex, "When Tavria raised its tariffs in March on two Ostrian exporters, Ostria's trade "
                    "ministry called the move \"a provocation\" and warned in a statement that it could "
                    "\"end a decade of trade.\"", dt.date(2025, 6, 10))
    assert by_content(e, "end a decade of trade").date == "2025-03"


def test_that_month_is_the_month_named_before(ex):
    e = extract(ex, "Mira Kostel left the camp at Dorvan in February with her two sons and a suitcase.\n\n"
                    "\"We slept in the bus station for a week,\" she told me that month, standing by the "
                    "gate. \"Nobody asked our names.\"", dt.date(2025, 5, 20))
    assert by_content(e, "We slept in the bus station").date == "2025-02"
    assert by_content(e, "Nobody asked our names").date == "2025-02"


def test_in_that_address_is_the_address_named_before(ex):
    e = extract(ex, "President Olav Brenn spoke to the nation on Sunday evening in a radio broadcast "
                    "from the capital. In that address he said the borders would stay closed and that "
                    "the army would \"hold every bridge\".", dt.date(2025, 4, 8))
    assert by_content(e, "the borders would stay closed").date == "2025-04-06"


def test_a_statement_posted_on_a_day_was_made_that_day(ex):
    e = extract(ex, "Tuesday 8 April 2025\n\n"
                    "06:40\nThe Kesh militia says it will accept the truce.\n\n"
                    "06:55\nThe statement, posted on Telegram late on Monday, said the militia was ready "
                    "to release the hostages held in Varo.", dt.date(2025, 4, 8))
    assert by_content(e, "release the hostages").date == "2025-04-07"


def test_a_participle_cue_takes_the_time_of_the_verb_it_hangs_on(ex):
    e = extract(ex, "09:20 A short summary for readers joining us: Water Minister Pavel Drozd-Kamin "
                    "resigned on Sunday evening, saying he bore \"full responsibility\" for the flooding.",
                dt.date(2025, 4, 8))
    assert by_content(e, "full responsibility").date == "2025-04-06"


def test_a_day_right_after_the_cue_is_when_it_was_said(ex):
    e = extract(ex, "The pensioners' union Senior Velm said on Monday it would not accept the offer "
                    "from the finance ministry.", dt.date(2025, 4, 9))
    assert by_content(e, "would not accept the offer").date == "2025-04-07"


def test_the_next_day_counts_from_the_day_named_before(ex):
    e = extract(ex, "The vote was held on March 2, when Kerlia chose a council for a province it created "
                    "last year. The election commission of Kerlia announced the next day that the ruling "
                    "party had won \"a clear majority\" of the seats.", dt.date(2025, 4, 10))
    assert by_content(e, "the ruling party had won").date == "2025-03-03"


def test_the_speakers_own_clause_before_the_cue_dates_the_words(ex):
    e = extract(ex, "A Danish official in Geneva went further in a conversation last week: the "
                    "proposal, she said, was \"dead on arrival,\" and no government would sign it.",
                dt.date(2025, 4, 10))
    assert by_content(e, "dead on arrival").date == "2025-W14"


def test_a_time_in_the_reported_clause_is_not_the_statements(ex):
    e = extract(ex, "The ministry rejected that figure, saying in a post on Facebook that spending on "
                    "the harbour programme this year came to \"under 2 million euros\" and had been paid "
                    "for by port fees.", dt.date(2025, 8, 12))
    assert by_content(e, "under 2 million euros").date == "2025-08-12"


def test_a_when_clause_does_not_date_a_past_account_of_the_occasion(ex):
    e = extract(ex, "When the guild called its members to Varo on a Sunday in mid-May, its officials "
                    "said 9,000 weavers came.", dt.date(2025, 7, 2))
    assert by_content(e, "9,000 weavers came").date == "2025-07-02"


def test_a_present_cue_after_words_told_before_is_said_now(ex):
    e = extract(ex, "Tomas Hrubek-Lind, who teaches law in Varo, argued in a column in Denik Varo last "
                    "week that the court had \"overreached\". He estimates that the ruling will cost the "
                    "port 40 million euros a year.", dt.date(2025, 4, 10))
    assert by_content(e, "overreached").date == "2025-W14"
    assert by_content(e, "will cost the port").date == "2025-04-10"


def test_a_time_after_the_reported_clauses_that_is_not_the_statements(ex):
    e = extract(ex, "Opposition leader Ana Rufai-Benn said the port had already spent 4 million euros.\n\n"
                    "The governor's office disputed that figure, saying in a post on Facebook that spending "
                    "on the river dredging programme this year came to \"under 3 million euros\" and had "
                    "been paid for by port fees.", dt.date(2025, 8, 12))
    assert by_content(e, "under 3 million euros").date == "2025-08-12"


def test_a_time_on_a_phrasal_cue_inside_the_words_is_the_statements(ex):
    e = extract(ex, "The Port Authority of Velm called on the ministry in a statement in March to \"act "
                    "without delay\" on the dredging.", dt.date(2025, 8, 10))
    assert by_content(e, "without delay").date == "2025-03"



def test_a_date_read_at_a_coarser_unit():
    # the one helper both "that month" and "the same week" read a date through
    from detente.evidence.dates import at_granularity

    d = dt.date(2025, 7, 16)  # a Wednesday, ISO week 29
    assert at_granularity(d, "day") == ("2025-07-16", d)
    assert at_granularity(d, "week") == ("2025-W29", dt.date(2025, 7, 14))
    assert at_granularity(d, "month") == ("2025-07", dt.date(2025, 7, 1))
    assert at_granularity(d, "year") == ("2025", dt.date(2025, 1, 1))
    # the ISO year of a week can differ from the calendar year
    assert at_granularity(dt.date(2024, 12, 31), "week") == ("2025-W01", dt.date(2024, 12, 30))
