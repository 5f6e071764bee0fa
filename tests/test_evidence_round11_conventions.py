"""Issue 15, eleventh round: the channel conventions written in bench/evidence_devset/README.md
where the parts' gold had disagreed: "said on state television", "saying on national television",
"speaking on local radio" is an interview, as "told state television" is; and, as guards of what
the extractor already did: words to journalists with no conference named are "told reporters", a
named briefing a press conference, and no channel reaches across a paragraph break. Written for the test
on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract


def test_saying_on_national_television_is_an_interview(ex):
    e = extract(ex, "The Sahel confederation answered the same week, saying on national television in "
                    "Niamey that traders from the coast would be \"welcome as brothers\".", dt.date(2025, 4, 10))
    assert by_content(e, "welcome as brothers").channel == "interview"


def test_speaking_on_local_radio_is_an_interview(ex):
    e = extract(ex, "The mayor of Tarsk, Ilse Marr-Osei, speaking on local radio, said the ferry would run "
                    "again from Monday.", dt.date(2025, 4, 10))
    assert by_content(e, "the ferry would run").channel == "interview"


# (guards: the extractor already followed these conventions when they were written down)

def test_words_to_journalists_with_no_conference_named_are_told_reporters(ex):
    e = extract(ex, "A senior Velnian official, briefing reporters on condition of anonymity, said the "
                    "convoy had turned back at the border.\n\nSpeaking to journalists after the vote, the "
                    "council's deputy chair, Anja Toivo-Reyes, said the count would be \"checked twice\".",
                dt.date(2025, 4, 10))
    assert by_content(e, "the convoy had turned back").channel == "told reporters"
    assert by_content(e, "checked twice").channel == "told reporters"


def test_a_named_briefing_is_a_press_conference(ex):
    e = extract(ex, "At her weekly briefing in Kasvel, foreign ministry spokeswoman Lira Moss said the "
                    "ambassador had been summoned.", dt.date(2025, 4, 10))
    assert by_content(e, "the ambassador had been summoned").channel == "press conference"


def test_no_channel_across_a_paragraph_break(ex):
    e = extract(ex, "Velnian Trade Minister Otto Rask-Lemmet told a news conference in Kasvel that the "
                    "tariffs would stay.\n\n\"We are not going to pay twice for the same bridge,\" Rask-Lemmet "
                    "said. \"Not this year.\"", dt.date(2025, 4, 10))
    assert by_content(e, "the tariffs would stay").channel == "press conference"
    assert by_content(e, "pay twice for the same bridge").channel is None


def test_said_on_local_radio_with_a_time_between_is_an_interview(ex):
    e = extract(ex, "About 900 people live on the island, the port authority says; the mayor of Tarsk, "
                    "Ilse Marr-Osei, said last week on local radio that the number was \"made up\".",
                dt.date(2025, 4, 10))
    assert by_content(e, "the number was").channel == "interview"
    # (the clause before the semicolon names no channel of its own: the mayor's radio is not its)
    assert by_content(e, "About 900 people live on the island").channel is None
