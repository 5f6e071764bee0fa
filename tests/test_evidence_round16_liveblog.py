"""Issue 15, sixteenth round, live blogs and dates: a live blog's summary box (its "Key points"
bullets restate the entries in headline form) is no date line: "after Thursday's runoff" there
names an event, not the day the blog's entries were written. Written for the test on invented
text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract

SUMMARY_BOX_WEEKDAY = (
    "Tarvania runoff count: live\n\n"
    "All times local.\n\n"
    "Key points\n"
    "- Counting goes on after Thursday's presidential runoff\n"
    "- The Green League says ballots from Oskava are missing\n\n"
    "8.20am Good morning. The head of the Central Election Commission, Marta Lindqvist, told "
    "reporters in Velna that 900 ballot boxes had been counted overnight.\n\n"
    "9.45am Green League chair Oren Pakkala said the party would not accept a result "
    "\u201cbuilt on missing boxes.\u201d\n"
)


def test_a_summary_box_weekday_is_no_date_line(ex):
    # published on a Friday (2025-04-11): the runoff was Thursday, the entries are Friday's
    e = extract(ex, SUMMARY_BOX_WEEKDAY, dt.date(2025, 4, 11))
    assert by_content(e, "900 ballot boxes").date == "2025-04-11"
    assert by_content(e, "would not accept").date == "2025-04-11"


DAY_HEADINGS = (
    "Storm Hallad in the Frisian islands: live\n\n"
    "Friday 14 March\n\n"
    "18.40 The coastguard's duty officer, Lene Marstrand, said 14 boats were still at sea.\n\n"
    "21.15 Mayor Piet Oosterbroek said the dikes at Harling had held so far.\n\n"
    "Saturday 15 March\n\n"
    "08.20 The weather service said the wind would ease by the afternoon.\n\n"
    "09.05 Marstrand said all 14 crews were safe.\n"
)


def test_entries_after_a_day_heading_take_its_day(ex):
    e = extract(ex, DAY_HEADINGS, dt.date(2025, 3, 15))
    assert by_content(e, "14 boats were still at sea").date == "2025-03-14"
    assert by_content(e, "dikes at Harling").date == "2025-03-14"
    assert by_content(e, "wind would ease").date == "2025-03-15"
    assert by_content(e, "crews were safe").date == "2025-03-15"


PAST_MIDNIGHT = (
    "Varnel city council vote: live\n\n"
    "All times CET.\n\n"
    "22.40 Council speaker Edda Rosquist said the debate would run \u201cas long as it takes.\u201d\n\n"
    "23.35 Opposition leader Joran Vesik said his group had 19 of 37 votes.\n\n"
    "00.20 Council clerk Ansa Merivel said the vote had been adjourned to the morning.\n\n"
    "01.05 Rosquist said the chamber would reopen at nine.\n"
)


def test_entries_after_the_times_wrap_past_midnight_take_the_next_day(ex):
    e = extract(ex, PAST_MIDNIGHT, dt.date(2025, 5, 6))
    assert by_content(e, "as long as it takes").date == "2025-05-06"
    assert by_content(e, "19 of 37 votes").date == "2025-05-06"
    assert by_content(e, "adjourned to the morning").date == "2025-05-07"
    assert by_content(e, "reopen at nine").date == "2025-05-07"


NEWEST_FIRST = (
    "Varnel city council vote: live\n\n"
    "14.10 Council speaker Edda Rosquist said the vote would be held at four.\n\n"
    "12.35 Opposition leader Joran Vesik said his group had 19 of 37 votes.\n\n"
    "09.20 The council clerk said the session had opened with 36 members present.\n"
)


def test_a_newest_first_blog_keeps_the_blog_day(ex):
    e = extract(ex, NEWEST_FIRST, dt.date(2025, 5, 6))
    assert {s.date for s in e.statements} == {"2025-05-06"}


CHANNELS = (
    "Harbour strike in Velna: live\n\n"
    "09.10 Transport Minister Aldo Ferrante, speaking at the Palazzo Reale, said the government "
    "would not send in the army.\n\n"
    "09.40 Late last night, speaking on TVK, dockers' leader Mira Sandvik said the strike could "
    "last \u201cuntil the cranes rust.\u201d\n\n"
    "10.15 Harbour master Ivo Brenner, speaking at the Velna Maritime Conference, said 40 ships "
    "were waiting offshore.\n"
)


def test_speaking_at_a_place_names_no_channel_and_on_a_broadcaster_an_interview(ex):
    e = extract(ex, CHANNELS)
    assert by_content(e, "send in the army").channel is None
    assert by_content(e, "until the cranes rust").channel == "interview"
    assert by_content(e, "40 ships").channel == "speech"


OTHERS_INTERVIEW = (
    "Marta Oslund, a hydrologist at the University of Velna, puts the flow nearer 270 cubic metres "
    "per second. \u201cThe numbers are very different,\u201d she says.\n\n"
    "In the south, farmers suffer. Ivo Dalen, who heads the farmers' union, said by telephone that 60 "
    "percent of the farmland had gone uncultivated. Minister Petr Holm had put the share at 45 "
    "percent in a television interview in July. His office did not respond.\n\n"
    "For Oslund, the deal solved the wrong problem. \u201cWe signed a deal for pipes,\u201d she said. "
    "\u201cWe needed a deal for water.\u201d\n"
)


def test_an_interview_that_dates_a_statement_in_its_own_sentence_dates_no_words_after_it(ex):
    e = extract(ex, OTHERS_INTERVIEW, dt.date(2025, 8, 20))
    assert by_content(e, "45 percent").date == "2025-07"
    assert by_content(e, "deal for pipes").date == "2025-08-20"
    assert by_content(e, "deal for water").date == "2025-08-20"


PRESENT_CUE_THEN_CLAUSE = (
    "The coast guard says crossings have fallen sharply since Velmark closed the northern ferry "
    "route in 2024: it counted 8,300 crossings in the first nine months of this year, against "
    "21,400 in the same period of 2024. Captain Iris Holm said her crews had rescued 40 people "
    "this year.\n"
)


def test_a_year_after_the_words_of_a_present_tense_cue_is_no_date_of_saying(ex):
    e = extract(ex, PRESENT_CUE_THEN_CLAUSE, dt.date(2025, 11, 3))
    assert by_content(e, "fallen sharply").date == "2025-11-03"


PERCENT_BEFORE_ACCORDING = (
    "Tarvania runoff count: live\n\n"
    "07.30 Provisional results from most polling stations give the Green League 41% and the "
    "Farmers' Union 36%, according to the Tarvanian Election Commission.\n\n"
    "08.10 Turnout stood at 61%, according to the commission.\n"
)


def test_a_percentage_closing_the_words_before_according_to_keeps_its_sign(ex):
    e = extract(ex, PERCENT_BEFORE_ACCORDING)
    assert by_content(e, "Provisional results").content.endswith("Farmers' Union 36%")
    assert by_content(e, "Turnout").content.endswith("61%")


RESULTS_APP = (
    "Tarvania runoff count: live\n\n"
    "07.30 Good morning. Provisional results from most polling stations give the Green League 41% "
    "and the Farmers' Union 36%, according to the Tarvanian Election Commission's results app.\n\n"
    "08.10 Turnout stood at 61%, according to the commission's live dashboard.\n"
)


def test_according_to_a_bodys_results_app_is_the_bodys_claim(ex):
    e = extract(ex, RESULTS_APP)
    assert by_content(e, "Provisional results").speaker == "Tarvanian Election Commission"


TOLD_AS_SHE_LEFT = (
    "Harbour strike in Velna: live\n\n"
    "16.05 Transport Minister Ana Petrov told reporters as she left the ministry that the two sides "
    "had agreed to meet again on Wednesday morning.\n"
)


def test_told_reporters_as_she_left_that_is_what_she_told_them(ex):
    e = extract(ex, TOLD_AS_SHE_LEFT)
    s = by_content(e, "agreed to meet again")
    assert s.speaker == "Ana Petrov"
    assert s.channel == "told reporters"
