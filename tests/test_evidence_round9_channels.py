"""Failure classes of issue 15's ninth round (held-out part 8, now development material):
channels and precision. Each test is written for the test on invented sentences, not taken
from bench/evidence_devset, and checks what a user sees."""

from __future__ import annotations

import datetime as dt

from detente.evidence.extract import document_channel
from evidence_helpers import by_content, extract


def test_a_release_with_a_genre_line_and_a_release_line_is_a_statement(ex):
    # "MEDIA STATEMENT" alone on its line and "For immediate release — <place>, <date>"
    text = ("MINISTRY OF FISHERIES\n"
            "REPUBLIC OF ORSINIA\n\n"
            "MEDIA STATEMENT\n"
            "For immediate release — Velna, 4 March 2025\n\n"
            "NEW QUOTA AGREEMENT SIGNED\n\n"
            "The Minister of Fisheries, Anselm Korvik-Dane, today signed a quota agreement with the "
            "neighbouring states at the harbour office in Velna, ending two years of dispute over the northern banks.\n\n"
            "\"This agreement gives our fishing families certainty for the next decade,\" Minister Korvik-Dane said. "
            "\"Nobody lost today.\"\n")
    assert document_channel(text) == "statement"
    e = extract(ex, text, dt.date(2025, 3, 4))
    assert by_content(e, "This agreement gives our fishing families").channel == "statement"
    assert by_content(e, "Nobody lost today").channel == "statement"


_BLOG = "Orsinia crisis - live\n\nThursday 10 April 2025\n\n"


def test_a_label_opening_with_its_platform_names_the_poster_not_what_it_is(ex):
    # "On X, <name>, the collective that ...: “...”": the name after the platform posts
    text = _BLOG + ("14h10 Crowds are still outside the ministry.\n\n"
                    "15h40 On X, Free Velna Youth, the collective that called the first marches: "
                    "\"The street has spoken. We are not going home tonight.\"\n")
    s = by_content(extract(ex, text), "The street has spoken")
    assert s.speaker == "Free Velna Youth"
    assert s.channel == "social-media post"


def test_the_post_reads_is_the_posters_post(ex):
    text = _BLOG + ("16h10 The student union has posted on Discord that it will vote tonight on its delegates. "
                    "\"No flags, no leaders, no deals,\" the post reads.\n")
    s = by_content(extract(ex, text), "No flags, no leaders")
    assert s.speaker == "student union"
    assert s.channel == "social-media post"


def test_quoted_fragments_in_a_posters_clause_are_one_statement(ex):
    text = _BLOG + ("11h48 The council has voted to suspend the mayor. The mayor's office, on Facebook: "
                    "the vote \"has no basis in law\" and its outcome is \"void\".\n")
    e = extract(ex, text)
    s = by_content(e, "has no basis in law")
    assert "its outcome is" in s.content
    assert not [x for x in e.statements if x.content.strip('"') == "void"]


_TRANSCRIPT = ("ORSINIAN MINISTRY OF DEFENCE\n"
               "Transcript of the press briefing on the border incident\n"
               "Velna, 10 April 2025\n\n"
               "KORVIK: Good morning. The minister will give a brief statement, then the chief of staff, "
               "and then we will take your questions.\n\n"
               "DANE: Thank you. Two drones crossed the border last night. We shot both of them down.\n\n"
               "Q (Imre Falk, Velna Radio): The neighbours say the drones were lost. What do you say to that?\n\n"
               "DANE: I say they were armed, and we have the wreckage.\n\n"
               "KORVIK: Thank you all. This concludes today's briefing.\n")


def test_a_moderators_procedure_turns_are_no_statements(ex):
    e = extract(ex, _TRANSCRIPT)
    assert by_content(e, "Two drones crossed").channel == "press conference"
    contents = [s.content for s in e.statements]
    assert not [c for c in contents if "take your questions" in c], contents
    assert not [c for c in contents if "concludes today's briefing" in c], contents


def test_a_question_pointing_at_what_was_said_is_no_statement(ex):
    e = extract(ex, _TRANSCRIPT)
    assert not [(s.speaker, s.content) for s in e.statements if s.content.strip() == "that"]


def test_words_to_a_court_are_a_speech(ex):
    text = ("VELNA - Orsinia's chief prosecutor, Mira Telk-Haavisto, told the court in March that the captain "
            "\"must have known\" the cable was there. \"Nobody drags an anchor for fifty kilometres by mistake,\" she said.")
    e = extract(ex, text)
    assert by_content(e, "must have known").channel == "speech"
    assert by_content(e, "Nobody drags an anchor").channel == "speech"


def test_recalled_when_we_met_is_an_interview(ex):
    text = ("VELNA - The harbour master, Aune Kross, was at home when the call came. "
            "\"They told me the cable was cut,\" she recalled when we met in May, in a cafe on the quay.")
    assert by_content(extract(ex, text), "They told me the cable").channel == "interview"


def test_a_video_message_without_a_platform_is_a_statement(ex):
    text = "VELNA - The army spokesman, Colonel Ivo Rand, said in a video message that troops would stay in the barracks."
    assert by_content(extract(ex, text), "troops would stay").channel == "statement"


def test_words_in_a_letter_to_someone_are_a_statement(ex):
    text = ("VELNA - Prime Minister Aldo Veik has resigned. In a three-line letter to the king, released by his office, "
            "he said he was leaving \"to spare the country a long crisis\".")
    assert by_content(extract(ex, text), "he was leaving").channel == "statement"


def test_a_vote_and_what_footage_shows_are_no_statements(ex):
    text = ("Orsinia crisis - live\n\nThursday 10 April 2025\n\n"
            "12h05 Smoke is rising from the ministry. Footage on TikTok shows the ministry building on fire.\n\n"
            "12h30 The city council has voted to dismiss the mayor. The mayor said the vote was \"illegal\".\n")
    e = extract(ex, text)
    assert by_content(e, "the vote was").speaker == "mayor"
    assert not [(s.speaker, s.content) for s in e.statements if "ministry building" in s.content or "dismiss" in s.content]


def test_a_turn_read_on_keeps_what_it_predicts_others_will_say(ex):
    text = ("ORSINIAN MINISTRY OF DEFENCE\n"
            "Transcript of the press briefing on the border incident\n"
            "Velna, 10 April 2025\n\n"
            "KORVIK: Good morning.\n\n"
            "DANE: Thank you. Two drones crossed the border last night. We shot both of them down.\n\n"
            "We called this briefing because it was the third incursion this month. Tarvo will say that its "
            "drones were lost. Our radar shows otherwise, and we have shared the tracks with our allies.\n\n"
            "Q (Imre Falk, Velna Radio): Will you close the border?\n\n"
            "DANE: No. The border stays open.\n")
    e = extract(ex, text)
    s = by_content(e, "We called this briefing")
    assert s.speaker == "DANE" and s.channel == "press conference"
    assert not [x for x in e.statements if x.content.startswith("that its drones")]


def test_we_are_told_and_rejected_claims_by_someone_are_no_statements(ex):
    text = ("Orsinia crisis - live\n\nThursday 10 April 2025\n\n"
            "11h05 Deputies are meeting in the old palace. We are told the gates were opened by the guards.\n\n"
            "11h30 The president also rejected claims by the head of the opposition, Mr Aldo Veik, who told "
            "parliament on Monday that the deal \"sells the harbour\".\n")
    e = extract(ex, text)
    assert not [(s.speaker, s.content) for s in e.statements
                if "gates were opened" in s.content or s.content.startswith("claims by")]
