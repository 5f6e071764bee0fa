"""Figures, channels and dates on unseen news text, round 5 of issue 15: which numbers are
figures, which figure disputes which, who claims a figure, which channel a sentence names and
when a statement was made.

Every sentence here is written for the test (invented people and places, not taken from
bench/evidence_devset).
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.evidence.figures import find_figures
from evidence_helpers import by_content, extract, figure


def figs(ex, text):
    return [(f.text, f.value, f.unit) for f in find_figures(ex.nlp(text))]


# -- which numbers are figures ------------------------------------------------------------------

def test_how_long_a_claimed_state_lasted_is_the_speakers_figure(ex):
    e = extract(ex, "“Our neighbours have held back the water we were promised, for forty years,” "
                    "said Ilse Varandottir, the irrigation board's chair.")
    f = figure(e, "forty years")
    assert (f.text, f.value, f.unit, f.claimed_by) == ("forty years", 40.0, "years", "Ilse Varandottir")


@pytest.mark.parametrize("text", [
    "Mr Obradel served as harbour master for twelve years before he retired to Varno.",
    "The bridge at Kessmark was closed for three months last winter.",
])
def test_how_long_something_lasted_in_the_articles_own_voice_is_no_figure(ex, text):
    assert extract(ex, text).figures == []


@pytest.mark.parametrize("text,expected", [
    ("The harbour office said only two Valdrian trawlers had entered the bay.", ("two", 2.0, "trawlers")),
    ("She said just two foreign inspectors were allowed on the site.", ("two", 2.0, "inspectors")),
])
def test_a_small_spelled_out_count_said_to_be_small_is_a_figure(ex, text, expected):
    assert figs(ex, text) == [expected]


@pytest.mark.parametrize("text", [
    "The two Valdrian trawlers left the bay at dawn.",  # things already known
    "Two patrol boats followed the ferry.",  # one or two of anything but people, weapons ...
    "Only one route was open.",
])
def test_other_small_spelled_out_numbers_are_not_figures(ex, text):
    assert figs(ex, text) == []


@pytest.mark.parametrize("text,expected", [
    ("The clinic said at least 31 villagers were killed and 212 wounded in the shelling.",
     [("at least 31", 31.0, "villagers"), ("212", 212.0, "wounded")]),
    ("Medics counted 9 dead and 46 injured after the landslide.",
     [("9", 9.0, "deaths"), ("46", 46.0, "wounded")]),
])
def test_the_second_conjunct_of_a_casualty_count_is_a_figure(ex, text, expected):
    assert figs(ex, text) == expected


# -- which figure disputes which ----------------------------------------------------------------

def test_a_count_in_times_is_answered_by_a_count_of_incidents(ex):
    e = extract(ex, "The fishermen's union of Porto Alvar said last month that coastguard cutters had "
                    "chased its boats 63 times this year. The Navy of Esterra says it has logged only "
                    "four incidents, all of them involving smugglers.")
    times, incidents = figure(e, "63"), figure(e, "four")
    assert incidents.unit == "incidents" and times.unit == "times"
    assert times.disputed_by == incidents.claimed_by and times.dispute_span == (incidents.start, incidents.end)


def test_an_answer_that_names_whose_figures_it_answers_is_linked_to_them(ex):
    e = extract(ex, "09:10 The International Grain Monitoring Board said in its monthly report that "
                    "Norvask had stored 612.5 tonnes of seed wheat.\n\n"
                    "10:40 Talia Rensholt, a farm lobbyist, wrote on X that the IGMB's figures were "
                    "\"stale\" and that the stores held \"well over 900 tonnes\".")
    board = figure(e, "612.5")
    assert board.claimed_by == "International Grain Monitoring Board"
    assert board.disputed_by == "Talia Rensholt"
    assert e.article.text[board.dispute_span[0]:board.dispute_span[1]] == "well over 900"


def test_a_late_answer_about_the_very_same_things_is_linked_across_a_live_blog(ex):
    text = ("07:05 Harbour police spokesman Orrin Vasquel posted on X that 14 Kestrian barges were "
            "blocking the canal.\n\n"
            "08:20 Traffic on the ring road is slow.\n\n"
            "09:30 Schools in the north will open late.\n\n"
            "10:45 The ferry to Lusk is cancelled.\n\n"
            "11:50 Rain is expected in the afternoon.\n\n"
            "13:15 Kestrian transport official Mira Dobrenko said on Telegram that only two Kestrian "
            "barges were in the canal, both on scheduled runs.")
    e = extract(ex, text)
    fourteen, two = figure(e, "14"), figure(e, "two")
    assert fourteen.claimed_by == "Orrin Vasquel" and two.claimed_by == "Mira Dobrenko"
    assert fourteen.disputed_by == "Mira Dobrenko"


def test_far_apart_figures_of_other_things_are_not_linked(ex):
    text = ("07:05 Harbour police spokesman Orrin Vasquel posted on X that 14 Kestrian barges were "
            "blocking the canal.\n\n"
            "08:20 Traffic on the ring road is slow.\n\n"
            "09:30 Schools in the north will open late.\n\n"
            "10:45 The ferry to Lusk is cancelled.\n\n"
            "11:50 Rain is expected in the afternoon.\n\n"
            "13:15 Kestrian transport official Mira Dobrenko said on Telegram that only two ferries "
            "were running.")
    e = extract(ex, text)
    assert all(f.disputed_by is None for f in e.figures), [(f.text, f.disputed_by) for f in e.figures]


def test_naming_another_partys_figures_does_not_link_this_one(ex):
    e = extract(ex, "The Audit Office of Belmarra said road repairs had cost 40 million dollars. "
                    "Erno Haskel, a contractor, said the ministry's figures were out of date and that "
                    "tolls had brought in 70 million dollars.")
    assert all(f.disputed_by is None for f in e.figures), [(f.text, f.disputed_by) for f in e.figures]


# -- who claims a figure ------------------------------------------------------------------------

def test_a_figure_in_what_a_report_said_is_the_source_of_the_sentence(ex):
    # (the parser hangs the reported clause on "report", and no statement holds the figure)
    e = extract(ex, "UNMOV, the UN mission that has watched the 1991 ceasefire line in the Orsk valley, "
                    "told the Security Council in a report in March that Tarvian units had built "
                    "seven outposts inside the buffer zone.")
    assert figure(e, "seven").claimed_by == "UNMOV"


def test_a_figure_in_a_quotation_after_a_colon_is_the_subject_of_the_clause_before(ex):
    e = extract(ex, "09:20 Navy spokeswoman Ilka Sorvanen said the tanker had been turned back.\n\n"
                    "10:05 Sorvanen, at a briefing in Tallen, was having none of it: \"Nobody asked "
                    "for a permit. The reef is 86 nautical miles from our coast and more than 900 "
                    "kilometres from theirs.\"")
    assert figure(e, "86").claimed_by == "Ilka Sorvanen"
    assert figure(e, "more than 900").claimed_by == "Ilka Sorvanen"


@pytest.mark.parametrize("text", [
    "The ministry did not say that 40 soldiers had been moved to the border.",
    "The river rose by 3 metres overnight: \"The water reached 120 houses in Pell.\"",
])
def test_no_named_source_leaves_a_figure_to_the_article(ex, text):
    e = extract(ex, text)
    assert e.figures and all(f.claimed_by is None for f in e.figures), \
        [(f.text, f.claimed_by) for f in e.figures]


# -- channels -----------------------------------------------------------------------------------

BRIEFING = """DAILY PRESS BRIEFING BY THE SPOKESPERSON FOR THE COUNCIL OF ELDERS
3 June 2025

The following is a near-verbatim transcript of today's briefing by Anneke Vollrath, Spokesperson for the Council of Elders.

Spokesperson: Good morning. The Council's envoy for the Tarn valley, Pieter Osgood, has just finished three days of meetings in Lessing with both delegations.

He tells us that the two sides have agreed to reopen the river crossing at Melk by the end of July. In his words, "a bridge is only useful if both ends are open."

Our colleagues at the refugee agency tell us that some 40,000 people are still sheltering in schools. The appeal for the valley is only 20 per cent funded.

Question: Thank you, Anneke. Is the envoy going back?

Spokesperson: He will return next week. I have nothing further on his schedule.
"""


def test_what_a_spokesperson_reports_of_others_names_no_channel(ex):
    e = extract(ex, BRIEFING, date=dt.date(2025, 6, 3))
    assert by_content(e, "reopen the river crossing").channel is None
    assert by_content(e, "only useful if both ends").channel is None
    assert by_content(e, "still sheltering in schools").channel is None
    # (the spokesperson's own words are remarks at the briefing)
    assert by_content(e, "He will return next week").channel == "press conference"


RELEASE = """MINISTRY OF FOREIGN AFFAIRS OF VALDRIA

PRESS RELEASE

Neighbours agree to share fishing data

Tallen, 12 March 2025 – The Joint Lake Commission today concluded its spring session in Tallen.

“We have counted the same fish twice for too long,” said the commission's chair, Ambassador Oksa Lindqvist. “From now on we count them once, together.”

Ambassador Lindqvist also called on both governments to fund the new survey vessel, which she said would cost 4 million euros.

The Harbour Authority of Esterra has said that it will not share its catch records.
"""


def test_a_release_reports_the_speakers_it_quotes_as_its_own_statement(ex):
    e = extract(ex, RELEASE, date=dt.date(2025, 3, 12))
    assert by_content(e, "counted the same fish twice").channel == "statement"
    assert by_content(e, "would cost 4 million euros").channel == "statement"
    # (what the release reports of a party it does not quote was said elsewhere)
    assert by_content(e, "will not share its catch records").channel is None


LONGFORM = """Jon Tavander keeps a box of notebooks from his years as a mediator. The Danish diplomat, who spent three years trying to bring the valley's farmers and the mining company to one table, opens it on the kitchen table of his flat in Aarhus.

“Every page is a meeting that nearly worked,” he says.

The mediator’s first meeting with the farmers took place in a barn outside Oster. He remembers one of them, a retired teacher from Melk, standing up before the tea had been served. “She said to me, ‘Mr Tavander, you are the first man from the city who has come to ask us what we want instead of telling us,’” Tavander recalls.
"""


def test_words_said_to_the_speaker_inside_his_quotation_are_no_interview(ex):
    # (the quotation names him and "said to me", but it is his own words, not an occasion)
    e = extract(ex, LONGFORM, date=dt.date(2025, 11, 2))
    assert by_content(e, "first man from the city").channel is None


@pytest.mark.parametrize("sentence,detail", [
    ("“The border stays shut,” Ormeño told Onda Sur Radio.", "Onda Sur Radio"),
    ("“The border stays shut,” Ormeño told Canal Norte Television.", "Canal Norte Television"),
])
def test_a_named_radio_or_television_station_is_an_interview(ex, sentence, detail):
    e = extract(ex, "Defence minister Lucas Ormeño spoke on Monday. " + sentence)
    st = by_content(e, "The border stays shut")
    assert (st.channel, st.channel_detail) == ("interview", detail)


def test_a_figure_named_again_is_no_new_figure_and_no_answer_to_another(ex):
    e = extract(ex, "The fighting has killed more than 4,000 people and driven some 300,000 people from "
                    "their homes, according to the Tarn Valley Observatory. Interior minister Paulo "
                    "Mendrik said the figure of 4,000 dead was “inflated by activists” and that about "
                    "1,500 people had died.")
    assert [f.text for f in e.figures] == ["more than 4,000", "some 300,000", "about 1,500"]
    killed, displaced = figure(e, "more than 4,000"), figure(e, "some 300,000")
    assert killed.disputed_by == "Paulo Mendrik" and displaced.disputed_by is None


# -- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("second", [
    "At the time, the Esterran Water Board said the closure was “scheduled maintenance”.",
    "The water board in Esterra said at the time that the closure was “scheduled maintenance” and that "
    "the level had dropped by no more than 20 centimetres.",
])
def test_said_at_the_time_is_when_the_event_dated_before_it_happened(ex, second):
    e = extract(ex, "Fishermen in Pell say the river fell by as much as a metre for several days in "
                    "March, when the upstream dam closed its gates. " + second, date=dt.date(2025, 8, 20))
    st = by_content(e, "scheduled maintenance")
    assert (st.date, st.date_granularity) == ("2025-03", "month")
    # (the statement in the present tense is dated by the article)
    assert by_content(e, "the river fell").date == "2025-08-20"


def test_said_at_the_time_with_nothing_dated_before_keeps_the_articles_date(ex):
    e = extract(ex, "The dam at Pell was closed for repairs.\n\nThe mayor, Ivo Sarn, said at the time "
                    "that the town would cope.", date=dt.date(2025, 8, 20))
    assert by_content(e, "the town would cope").date == "2025-08-20"
