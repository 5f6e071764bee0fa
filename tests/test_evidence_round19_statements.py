"""Issue 15, nineteenth round, statements: an "according to" phrase set in the middle of a
sentence, between the main clause (subject and verb) and a circumstance added after it ("...,
according to X, after heavy rain upstream"), attributes the main clause, not the trailing
adjunct. Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import extract

TRAILING_ADJUNCT = (
    "The Marrow river rose by more than three metres in 20 hours on Sunday night, according to the "
    "Dunmore Flood Agency, after heavy rain in the hills and the opening of all 12 gates of the "
    "Kestle dam upstream.\n"
)


def test_according_to_in_mid_sentence_attributes_the_main_clause_not_the_trailing_adjunct(ex):
    e = extract(ex, TRAILING_ADJUNCT)
    agency = [s for s in e.statements if s.speaker == "Dunmore Flood Agency"]
    assert len(agency) == 1
    assert agency[0].content.startswith("The Marrow river rose by more than three metres")
    assert "heavy rain" not in agency[0].content


# A release whose issuer goes by the initials of the words before an "and" inside its name
# ("International Federation of Red Cross and Red Crescent Societies" -> "IFRC"): the
# release's sentences on what the issuer warns are its own words, the 'statement'.
INITIALS_BEFORE_AND = (
    "International Alliance of Sea Rescue and Coast Guard Services\n"
    "PRESS RELEASE\n\n"
    "Corvania: IASR launches emergency appeal as storms on the Ostrel coast close ports and drive "
    "thousands of fishing families from their homes\n\n"
    "Ostrel/Geneva, 9 October 2026 \u2013 Storms on the Ostrel coast have closed four ports since "
    "Sunday. The IASR today launched an appeal for 2.1 million Swiss francs.\n\n"
    "In Tarnby, Olek Vasquez-Hume, a ferry captain, told Sea Rescue volunteers that his boat had "
    "\u201cnothing left but the mast\u201d.\n\n"
    "The IASR warns that the risk of collisions is rising as wrecks drift into the channels. More "
    "than 300 volunteers are clearing debris.\n"
)


def test_issuer_known_by_the_initials_before_an_and_speaks_in_a_statement(ex):
    import datetime as dt
    e = extract(ex, INITIALS_BEFORE_AND, date=dt.date(2026, 10, 9))
    warn = next(s for s in e.statements if "risk of collisions" in s.content)
    assert warn.channel == "statement"


# A briefing whose turn labels hold abbreviated titles in capitals ("DEPSEC. ORLANDO-VISTE:"):
# what the briefer reports of another body in a later paragraph of her turn was said elsewhere,
# no remark at the press conference.
ABBREVIATED_LABELS = (
    "Office of the Government Spokesperson\n"
    "PRESS BRIEFING OF DEPUTY SECRETARY MARISOL ORLANDO-VISTE\n"
    "Government House, Port Serrel\n"
    "November 12, 2026\n\n"
    "DEPSEC. ORLANDO-VISTE: Good morning. We start with the storm. As of six this morning, the "
    "welfare office has delivered 9,000 food packs to the islands of the north.\n\n"
    "The Serrel Disaster Council reports 14 dead and five missing in the Varne district. The "
    "Premier extends his condolences to the families.\n\n"
    "Q (Tomas Brell, Serrel Daily): Will more packs go out this week?\n\n"
    "DEPSEC. ORLANDO-VISTE: Another 4,000 are on the way.\n"
)


def test_a_report_in_a_turn_with_an_abbreviated_label_has_no_press_conference_channel(ex):
    import datetime as dt
    e = extract(ex, ABBREVIATED_LABELS, date=dt.date(2026, 11, 12))
    rep = next(s for s in e.statements if "14 dead" in s.content)
    assert rep.channel is None


# "Reached by telephone on Monday, he said ...": the participle opening the sentence makes the
# words an interview, whatever channel an earlier sentence of the paragraph named.
REACHED_BY_PHONE = (
    "The head of the regional water board, Osric Penhallow, told reporters in Dunmere in August "
    "that the board had found \u201cno fault\u201d at the plant. Reached by telephone on Monday, he "
    "said the board would publish its results \u201cbefore the spring.\u201d He did not say why.\n"
)


def test_reached_by_telephone_opening_the_sentence_is_an_interview(ex):
    import datetime as dt
    e = extract(ex, REACHED_BY_PHONE, date=dt.date(2026, 12, 1))
    st = next(s for s in e.statements if "before the spring" in s.content)
    assert st.channel == "interview"


# A feature's visit dated in one paragraph; in the next, "“My grandmother used to say, ‘...’”
# he says. “...”": a present-tense cue, its quotation and the one after it, are said as the
# piece is written (the dateline), not on the visit.
SAYS_AFTER_VISIT = (
    "When I first met Borislav Ketterhune in March, on the shore below the Vell cliffs, he had 40 "
    "boats in the harbour. \u201cI stopped counting them in winter,\u201d he told me that morning.\n\n"
    "Ketterhune is 61 and has fished since he was a boy. \u201cMy grandmother used to say, \u2018When "
    "the gulls sit on the water in May, stay ashore,\u2019\u201d he says. \u201cThat year the gulls sat "
    "and I went out anyway.\u201d\n"
)


def test_present_tense_quotation_in_the_paragraph_after_a_dated_visit_takes_the_dateline(ex):
    import datetime as dt
    e = extract(ex, SAYS_AFTER_VISIT, date=dt.date(2026, 11, 30))
    told = next(s for s in e.statements if "stopped counting" in s.content)
    assert told.date == "2026-03"
    for part in ("grandmother used to say", "went out anyway"):
        st = next(s for s in e.statements if part in s.content)
        assert st.date == "2026-11-30", (part, st.date)
