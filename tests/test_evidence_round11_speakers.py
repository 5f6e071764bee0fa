"""Issue 15 round 11: statement and speaker classes seen on the development parts: a briefing
moderator's procedure (greeting the press, announcing who speaks next, asking reporters to
name themselves) is no statement. Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

_HARBOUR = """MARITIME AUTHORITY OF VELNORA
Office of the Harbour Master

TRANSCRIPT: Press briefing on the grounding at Kessel Sound
Authority Headquarters, Old Quay, Lirana
3 March 2025, 11:00 AM

PRESENT: Captain Ines Kolbrandt-Aue, Chief of Operations; Commander Matteo Ruvalcaba-Strand, Salvage Unit. Moderator: Officer Dana Quilligan-Moss, Press Office.

QUILLIGAN-MOSS: Welcome to the colleagues from the press. Captain Kolbrandt-Aue will give a summary of Sunday's grounding, then Commander Ruvalcaba-Strand, and after that we open the floor.

KOLBRANDT-AUE: Thank you. On Sunday night the bulk carrier Orla Wind ran aground on the sandbar at the mouth of the sound. All 19 crew members were taken off by our pilot boats before dawn.

RUVALCABA-STRAND: The hull is intact. We expect to refloat the ship at high tide on Thursday.

QUILLIGAN-MOSS: We will now take questions. Kindly state your name and your outlet.

Q (Pieter Anholm, Lirana Courier): Will the channel stay closed?

KOLBRANDT-AUE: The channel stays closed to ships over 5,000 tonnes until the refloating.

QUILLIGAN-MOSS: Thank you all. This concludes the briefing.
"""


def test_a_moderators_procedural_turns_are_no_statements(ex):
    e = extract(ex, _HARBOUR)
    said = [(s.speaker, s.content) for s in e.statements]
    for words in ("colleagues from the press", "will give a summary", "take questions",
                  "state your name", "concludes the briefing"):
        assert not [c for _, c in said if words in c], said
    # the turns that say something are still statements of their speakers
    assert by_content(e, "ran aground on the sandbar").speaker == "Ines Kolbrandt-Aue"
    assert by_content(e, "We expect to refloat the ship").speaker == "Matteo Ruvalcaba-Strand"
    assert by_content(e, "The channel stays closed").speaker == "Ines Kolbrandt-Aue"


def test_a_turn_that_says_something_after_a_greeting_is_still_a_statement(ex):
    text = ("Transcript of the weekly briefing of the Orsinian Ministry of Fisheries\n\n"
            "BRANDVOLD: Good afternoon to everyone here. The cod quota for next year will be cut by a fifth.\n\n"
            "Q: Why?\n\n"
            "BRANDVOLD: Please look at the stock survey: the spawning stock has fallen for four years in a row.\n")
    e = extract(ex, text)
    assert by_content(e, "The cod quota for next year").speaker == "BRANDVOLD"
    assert by_content(e, "the spawning stock has fallen").speaker == "BRANDVOLD"


def test_a_body_and_where_it_is_after_an_opening_clause_is_the_speaker_of_both_verbs(ex):
    # the parser hangs "Velnia's consulate in Tarsk" on the clause before the comma; the verb
    # right after it has no subject of its own
    text = ("The dispute is older than the pipeline. When Orsinia closed the border in March to two Velnian "
            "haulage firms, Dravik Freight and Ostra Lines, Velnia's consulate in Tarsk called the decision "
            "\"an act of economic war\" and warned on its Telegram channel that it could \"end twenty years "
            "of transit trade.\"\n")
    e = extract(ex, text)
    st = by_content(e, "end twenty years")
    assert st.speaker is not None and "consulate" in st.speaker.lower(), st.speaker
    assert st.channel == "social-media post"
    st = by_content(e, "an act of economic war")
    assert st.speaker is not None and "consulate" in st.speaker.lower(), st.speaker
    # the channel named for the verb coordinated after it is that verb's, not the first one's
    assert st.channel is None


def test_said_that_a_and_that_b_is_one_statement_with_both_clauses(ex):
    # the first "that" clause hung on the participle of the cue's phrase ("a video posted on ...
    # that ..."), the second read as a conjunct of the cue, its "that" the determiner of its subject
    text = ("Orsinia's energy minister, Laszlo Vendel-Kiss, said in a video posted on Facebook on Thursday "
            "that the embargo was \"a crime against Orsinian workers\" and that household energy bills could "
            "rise by up to 300 percent if Orsinia lost access to Velnian pipeline gas.\n")
    e = extract(ex, text)
    st = by_content(e, "a crime against Orsinian workers")
    assert "household energy bills could rise" in st.content, st.content
    assert st.speaker == "Laszlo Vendel-Kiss"
    assert len([s for s in e.statements if "household energy bills" in s.content]) == 1


def test_a_report_ends_at_a_semicolon_before_another_subjects_clause(ex):
    # the parser hangs the first country's clause on the second's verb across the semicolon
    text = ("The islet of Skarn is a bare rock with a lighthouse and a jetty. Orsinia says a joint commission "
            "in 2011 placed it about 300 metres inside Orsinian waters; Velnia, which has kept soldiers on the "
            "islet ever since, has never accepted the finding, and says the reefs around it are Velnian even "
            "if the rock is not.\n")
    e = extract(ex, text)
    st = by_content(e, "placed it about 300 metres")
    assert st.speaker == "Orsinia" and "Velnia" not in st.content, (st.speaker, st.content)
    st = by_content(e, "the reefs around it are Velnian")
    assert st.speaker == "Velnia", st.speaker


def test_a_quotation_after_a_sentence_in_which_someone_reacts_is_their_answer(ex):
    text = ("The ferry to Skarn leaves twice a week, when the weather allows.\n\n"
            "When I asked Tomasz Lindqvist-Obi what he would do if the ferry stopped for good, he shrugged. "
            "\"Where would I sell the fish? The boat is here. My nets are here.\"\n\n"
            "The harbour office says each skipper pays a mooring fee of 40 crowns a month. Lindqvist-Obi "
            "laughed when I passed that on. \"Pay it to whom? To the same inspector?\"\n")
    e = extract(ex, text)
    assert by_content(e, "Where would I sell the fish?").speaker == "Tomasz Lindqvist-Obi"
    assert by_content(e, "Pay it to whom?").speaker == "Tomasz Lindqvist-Obi"
    # a reaction with an object of its own ("shook hands with ...") or a quotation that does not
    # open a sentence after it is no answer
    e = extract(ex, "The envoy smiled at the \"historic\" result, the agency reported.\n")
    assert not [s for s in e.statements if s.content.strip('"') == "historic"]
