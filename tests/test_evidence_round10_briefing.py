"""Issue 15, tenth round: official briefing transcripts and headlines. A transcript whose title
line is long ("Press briefing by the Minister of ..., following ...") or whose editor's note says
it is one is a press conference; a named speaker's turn read on in a paragraph that opens with
emphasis ("Let me be clear ...") is still the speaker's; a journalist's question ("Is the
ministry asking ...?") claims nothing; a story's headline is no statement. Written for the test
on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from detente.evidence.extract import document_channel
from evidence_helpers import by_content, extract

BRIEFING = (
    "Office of the Prime Minister — Republic of Orsinia\n"
    "Press briefing by the Minister of Transport, Ilse Varnholm-Dekker, after the weekly meeting of the cabinet\n\n"
    "Velna, Thursday, 10 April 2025\n\n"
    "MINISTER VARNHOLM-DEKKER: Good morning. The cabinet today approved the plan to rebuild the "
    "northern rail bridge, with the exception of the toll, on which two ministers recorded reservations.\n\n"
    "Let me be clear about what this means. The bridge will be open to freight before the winter, "
    "and the works will not close the river to barges.\n\n"
    "Q (Tomas Reiner, Velna Radio): The port authority says the works will cost 40 million crowns more "
    "than planned. Is the ministry asking the port to pay the difference?\n\n"
    "MINISTER VARNHOLM-DEKKER: The port authority has its figures and we have ours. The contract "
    "was signed at a fixed price, and the difference is the builder's risk.\n\n"
    "Q (Anja Lind, Orsinian Times): When will the tenders open?\n\n"
    "MINISTER VARNHOLM-DEKKER: The tenders open in May. Thank you.\n"
)


def test_a_briefing_titled_on_a_long_line_is_a_press_conference_and_so_are_its_turns(ex):
    # the title line is longer than a header's line: the header stops before it
    assert document_channel(BRIEFING) == "press conference"
    e = extract(ex, BRIEFING)
    assert by_content(e, "The cabinet today approved the plan").channel == "press conference"
    assert by_content(e, "The contract was signed at a fixed price").channel == "press conference"
    # what the question reports of another is said elsewhere, through no channel of the briefing
    assert by_content(e, "the works will cost 40 million crowns").channel is None


def test_an_editors_note_that_calls_the_text_a_transcript_makes_it_a_press_conference():
    text = ("Ministry of Health\n\n"
            "[Transcript prepared by the press office of the Ministry of Health. Translated from Orsinian "
            "by the ministry.]\n\n"
            "SPOKESPERSON HALDEN: The vaccination campaign starts on Monday in all regions.\n\n"
            "Q: How many doses have arrived?\n\n"
            "SPOKESPERSON HALDEN: Two million so far.\n")
    assert document_channel(text) == "press conference"
    # an editor's note that is no transcript's leaves a news story as it was
    assert document_channel("[Editor's note: this story was updated on Friday.]\n\n"
                            "VELNA (Reuters) - The minister said on Monday that talks would resume.") is None


def test_a_named_turn_read_on_in_a_paragraph_that_opens_with_emphasis_is_the_speakers(ex):
    e = extract(ex, BRIEFING)
    st = by_content(e, "The bridge will be open to freight before the winter")
    assert st.speaker in ("Ilse Varnholm-Dekker", "VARNHOLM-DEKKER", "MINISTER VARNHOLM-DEKKER")
    assert st.content.startswith("Let me be clear about what this means.")


def test_a_journalists_question_claims_nothing_for_the_body_it_asks_about(ex):
    e = extract(ex, BRIEFING)
    assert not [s for s in e.statements if "the port to pay the difference" in s.content], \
        [(s.speaker, s.content) for s in e.statements]
    # a question that asks whether someone said something is no statement of theirs either
    e = extract(ex, "Reporters pressed the mayor on the budget.\n\n"
                    "Did the council say that the tram line would close in June? The mayor would not say.")
    assert not [s for s in e.statements if "tram line would close" in s.content], \
        [(s.speaker, s.content) for s in e.statements]


def test_a_headline_is_no_statement(ex):
    text = ("Orsinian army says supply convoys are reaching the besieged port of Kessa\n\n"
            "By Lena Marsk\n\n"
            "VELNA, April 10 (Reuters) - Orsinia's army said on Thursday that 40 supply trucks had reached "
            "the port of Kessa since the weekend.\n")
    e = extract(ex, text)
    assert not [s for s in e.statements if "supply convoys are reaching" in s.content], \
        [(s.speaker, s.content) for s in e.statements]
    assert by_content(e, "40 supply trucks had reached").speaker is not None
    # a first paragraph that is a sentence is no headline
    e = extract(ex, "The coast guard said on Wednesday that two patrol boats had collided near Kessa.\n\n"
                    "Nobody was hurt, it said.\n")
    assert by_content(e, "two patrol boats had collided").speaker is not None
    # a headline that names its source at its end ("..., Velna says") is none either
    text = ("Two patrol boats collide while chasing a trawler near Kessa, Velna says\n\n"
            "VELNA, April 10 (AFP) — Two Orsinian patrol boats collided on Wednesday, the coast guard said.\n")
    e = extract(ex, text)
    assert not [s for s in e.statements if "collide while chasing" in s.content], \
        [(s.speaker, s.content) for s in e.statements]



TURNS = (
    "Transcript of the weekly briefing by the spokesperson of the Orsinian Ministry of Agriculture\n\n"
    "HALVORSEN: Good afternoon, colleagues. I will begin with the harvest. The grain harvest has "
    "started in all northern provinces and will end before the first frost.\n\n"
    "Q (Mira Tallis, Velna Daily): The farmers' union says a third of the crop was lost to the floods. "
    "Is that right?\n\n"
    "HALVORSEN: That is not our figure. According to the regional inspectors, 12 percent of the crop "
    "was lost, mostly in the river valleys. We have offered the union our data many times.\n\n"
    "Q (Mira Tallis, Velna Daily): Will farmers be compensated?\n\n"
    "HALVORSEN: The cabinet will decide on Thursday, according to plan. Thank you.\n"
)


def test_a_turn_is_cut_before_a_sentence_that_opens_with_the_source_it_cites(ex):
    e = extract(ex, TURNS)
    st = by_content(e, "That is not our figure")
    assert "regional inspectors" not in st.content
    st = by_content(e, "According to the regional inspectors, 12 percent")
    assert st.content.startswith("According to the regional inspectors")
    assert "We have offered the union our data" in st.content  # the turn reads on in it
    assert st.speaker == "HALVORSEN" and st.channel == "press conference"
    # "according to plan" sets off no source: the turn stays one
    assert by_content(e, "The cabinet will decide on Thursday").content.startswith("The cabinet will decide")


def test_a_turns_opening_procedure_is_no_part_of_its_words(ex):
    e = extract(ex, TURNS)
    assert by_content(e, "The grain harvest has started").content.startswith("The grain harvest has started")


REPORTS = (
    "Transcript of the daily briefing by the spokesperson of the Orsinian Foreign Ministry\n\n"
    "MS. ALDERN: I would not call it a breakthrough. I would call it a beginning. The Foreign Minister "
    "has said from the start that the talks would take months, and this is the first month.\n\n"
    "QUESTION: Has the minister spoken to her Velnian counterpart?\n\n"
    "MS. ALDERN: She has. She told him that the border crossings must stay open through the winter.\n\n"
    "QUESTION: And the fishing quotas?\n\n"
    "MS. ALDERN: Those are for the commission. We have told the Velnians that we are ready to meet "
    "them there. Velna will say that nothing has been offered, and that is not true.\n"
)


def test_a_turn_is_cut_before_a_sentence_that_tells_what_someone_else_has_said(ex):
    e = extract(ex, REPORTS)
    st = by_content(e, "I would call it a beginning")
    assert "Foreign Minister" not in st.content
    st = by_content(e, "has said from the start that the talks would take months")
    assert st.content.startswith("The Foreign Minister has said") and st.speaker.lower().endswith("aldern")
    # a reply of two words before it is no statement of its own
    st = by_content(e, "She told him that the border crossings")
    assert st.content.startswith("She told him")
    assert not [s for s in e.statements if s.content.strip(" .") == "She has"]
    # what the speaker's side has said, and what someone will say, are the turn read on
    st = by_content(e, "We have told the Velnians")
    assert st.content.startswith("Those are for the commission") and "Velna will say" in st.content


OPENING = (
    "Presidency of the Council of Ministers — Republic of Orsinia\n"
    "Press briefing by the Minister of Information, Petra Lindqvist-Avar, following the session of the Council of Ministers\n\n"
    "Velna — Thursday, 10 April 2025\n\n"
    "[Transcript prepared by the Ministry of Information. Translated from Orsinian.]\n\n"
    "Minister Lindqvist-Avar answered questions from journalists after the session.\n\n"
    "Good evening. The Council of Ministers today approved the plan to rebuild the northern bridge, with "
    "the exception of the reservations recorded by two ministers.\n\n"
    "Let me be clear about what this means. The bridge will be open to freight before the winter, and no "
    "village will be cut off while it is built.\n\n"
    "Q (Anton Reis, Velna Daily): Two ministers left the session. Is the government still united?\n\n"
    "MINISTER LINDQVIST-AVAR: The session was legal from beginning to end. Eighteen ministers were present.\n\n"
    "Q (Anton Reis, Velna Daily): And the cost?\n\n"
    "MINISTER LINDQVIST-AVAR: The cost is fixed in the contract.\n"
)


def test_a_briefings_opening_statement_before_any_label_is_the_speakers(ex):
    e = extract(ex, OPENING)
    st = by_content(e, "The Council of Ministers today approved the plan")
    assert st.content.startswith("The Council of Ministers")  # the greeting left out
    assert st.speaker == "Petra Lindqvist-Avar" and st.channel == "press conference"
    st = by_content(e, "The bridge will be open to freight")
    assert st.speaker == "Petra Lindqvist-Avar" and st.content.startswith("Let me be clear")
    # the editor's note and the sentence about the speaker are nobody's statement
    assert not [s for s in e.statements if "answered questions" in s.content or "Transcript" in s.content], \
        [(s.speaker, s.content) for s in e.statements]


ROLE_BRIEFING = (
    "Ministry of Foreign Affairs of Orsinia\n"
    "Weekly press briefing by the Spokesperson of the Ministry of Foreign Affairs, Jonas Heller-Brandt, "
    "on the northern border\n\n"
    "Velna, 10 April 2025\n\n"
    "Good afternoon. The ministry has summoned the Velnian ambassador over the closure of the northern "
    "crossings, which has stranded 400 lorries since Monday.\n\n"
    "Question (Ana Brum, Velna Radio): Will the crossings reopen this week?\n\n"
    "Spokesperson: We expect them to reopen on Friday. The ambassador was told that clearly.\n\n"
    "Question (Ana Brum, Velna Radio): And the drivers?\n\n"
    "Spokesperson: Our consul is with them at the border and they have water and food.\n"
)


def test_a_role_labelled_briefing_opens_with_the_spokespersons_statement(ex):
    e = extract(ex, ROLE_BRIEFING)
    st = by_content(e, "The ministry has summoned the Velnian ambassador")
    assert st.speaker == "Jonas Heller-Brandt" and st.channel == "press conference"


def test_the_spokespersons_own_we_and_a_passive_told_stay_in_the_role_turn(ex):
    e = extract(ex, ROLE_BRIEFING)
    st = by_content(e, "We expect them to reopen on Friday")
    assert st.speaker == "Jonas Heller-Brandt" and st.channel == "press conference"
    assert "The ambassador was told that clearly" in st.content
    assert all(s.speaker for s in e.statements), [(s.speaker, s.content) for s in e.statements]


def test_a_briefings_date_line_after_a_long_title_is_when_its_turns_were_said(ex):
    # published the day after the briefing: the date line under the long title is the day
    e = extract(ex, OPENING, date=dt.date(2025, 4, 11))
    assert by_content(e, "The session was legal").date == "2025-04-10"
    assert by_content(e, "The Council of Ministers today approved").date == "2025-04-10"
    # a news story's short headline is no date line ("... on Thursday" is not the story's day)
    e = extract(ex, "Velna ministers meet on Thursday\n\n"
                    "VELNA (Reuters) - The minister said the talks would resume, officials said.\n",
                date=dt.date(2025, 4, 11))
    assert by_content(e, "the talks would resume").date == "2025-04-11"


def test_a_headline_with_its_standfirst_right_under_it_is_no_statement(ex):
    text = ("Velna port authority says the harbour will reopen within a week\n"
            "The storm closed the harbour on Monday, stranding 30 ships.\n\n"
            "VELNA (AFP) — The harbour will reopen by next Tuesday, the port authority's director said.\n")
    e = extract(ex, text)
    assert not [s for s in e.statements if "the harbour will reopen within a week" in s.content], \
        [(s.speaker, s.content) for s in e.statements]
    assert by_content(e, "The harbour will reopen by next Tuesday").speaker is not None
