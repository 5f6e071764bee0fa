"""Issue 15 round 11: wrong speaker and claimant names a reader would see: a military, naval or
police rank kept in a person's name; on invented sentences."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

_BRIEFING = """NAVY BRIEFING
Transcript, Port of Lirana

PRESENT: Commodore Tomas Okonkwo-Valdez, Navy Spokesperson; Colonel Ana Brightwater, Marine Corps. Moderator: Major Felix Darrow.

DARROW: Welcome, everyone. Commodore Okonkwo-Valdez will start, then Colonel Brightwater.

OKONKWO-VALDEZ: Our patrol boat was rammed at dawn about 12 miles off the coast. Nobody was hurt.

BRIGHTWATER: We have deployed 40 marines to the island.

Q (Jan Mole, Daily Herald): Admiral, can you confirm there were casualties on the other vessel?

OKONKWO-VALDEZ: We cannot confirm that.
"""


def test_a_rank_is_no_part_of_a_name_and_the_surname_finds_the_full_name(ex):
    e = extract(ex, _BRIEFING)
    assert by_content(e, "patrol boat was rammed").speaker == "Tomas Okonkwo-Valdez"
    assert by_content(e, "cannot confirm that").speaker == "Tomas Okonkwo-Valdez"
    assert claimant_of(e, "about 12") == "Tomas Okonkwo-Valdez"
    assert by_content(e, "Welcome, everyone").speaker == "Felix Darrow"


def test_a_rank_before_a_name_in_running_text(ex):
    e = extract(ex, 'A tanker ran aground off the cape. Commodore Helga Brunswick-Moy said the crew was '
                    '"safe and accounted for." Brunswick-Moy added that salvage would take weeks. '
                    'Major Ilse Corbyn-Haas said the beach would stay closed.')
    assert by_content(e, "safe and accounted for").speaker == "Helga Brunswick-Moy"
    assert by_content(e, "salvage would take weeks").speaker == "Helga Brunswick-Moy"
    assert by_content(e, "beach would stay closed").speaker == "Ilse Corbyn-Haas"


def test_an_attendee_list_and_a_question_put_to_you_are_no_statements(ex):
    e = extract(ex, _BRIEFING)
    speakers = [s.speaker for s in e.statements]
    assert "PRESENT" not in speakers and "you" not in speakers, speakers
    assert not [s for s in e.statements if "casualties on the other vessel" in s.content]


_RELEASE = """REPUBLIC OF KORVANIA
MINISTRY OF TRADE

PRESS RELEASE

Korvania signs fisheries pact

Nova Aramis, 15 January 2026 — The Ministry of Trade today announced that the Government of Korvania has signed a fisheries agreement worth US$400 million with its northern neighbour.

The pact caps the annual catch at 90,000 tonnes, the Ministry said.
"""


def test_a_press_release_dateline_city_is_no_speaker_or_claimant(ex):
    e = extract(ex, _RELEASE)
    s = by_content(e, "has signed a fisheries agreement")
    assert s.speaker is not None and "ministry of trade" in s.speaker.lower(), s.speaker
    assert claimant_of(e, "US$400 million") == s.speaker
    assert "Nova Aramis" not in [f.claimed_by for f in e.figures]


def test_a_body_s_own_calculations_stand_for_the_body(ex):
    e = extract(ex, "The Fisheries Board of Korvania published new quotas on Monday. Critics said the cuts "
                    "went too far. According to the board's own calculations, the catch will fall by "
                    "12 percent next year.")
    s = by_content(e, "catch will fall")
    assert s.speaker == "Fisheries Board of Korvania", s.speaker
    assert claimant_of(e, "12 percent") == "Fisheries Board of Korvania"


def test_a_body_s_capitalised_short_form_is_its_full_name(ex):
    e = extract(ex, "The Ministry of Fisheries of Korvania published new rules on Monday. The Ministry said "
                    "the quota would fall by a fifth.")
    assert by_content(e, "quota would fall").speaker == "Ministry of Fisheries of Korvania"


def test_a_letterhead_in_capitals_and_the_short_form_give_the_name_as_written(ex):
    e = extract(ex, _RELEASE)
    assert by_content(e, "has signed a fisheries agreement").speaker == "Ministry of Trade"
    assert by_content(e, "caps the annual catch").speaker == "Ministry of Trade"
    assert claimant_of(e, "90,000") == "Ministry of Trade"


def test_his_government_is_the_government_of_the_country_he_serves(ex):
    e = extract(ex, "Hungary's farm minister, Bence Szabó-Lakatos, said on Thursday that the levy was "
                    "\u201ca blow to farmers.\u201d His government has said it will take the levy to court.")
    assert by_content(e, "take the levy to court").speaker == "Hungarian government"
    e = extract(ex, "Slovakia's economy minister, Gergely Horváth-Kiss, said on Friday that the plan was "
                    "\u201ca crime against workers.\u201d His government has said it will challenge the plan.")
    assert by_content(e, "challenge the plan").speaker == "Slovak government"


def test_a_given_name_the_parser_misread_still_opens_the_name():
    from evidence_helpers import doc_with_entities, person_names
    text = ("Slovakia's economy minister, Gergely Horváth-Kiss, said in a video that the plan was unfair.")
    doc = doc_with_entities(text, [("Slovakia", "GPE"), ("Gergely Horváth-Kiss", "ORG")])
    g = next(t for t in doc if t.text == "Gergely")
    g.pos_, g.dep_ = "ADV", "advmod"
    assert "Gergely Horváth-Kiss" in person_names(doc), person_names(doc)


def test_the_statement_is_the_word_of_who_issued_it_not_a_speaker_named_statement(ex):
    e = extract(ex, "Live: floods in the north\n\n9.10am\nThe Delta Rescue Corps said late on Monday that it had "
                    "reached the stranded villages.\n\n9.40am\nThe statement, posted on Telegram late on Monday, "
                    "said the corps was ready to \u201cstart evacuations at once\u201d and thanked volunteers.")
    assert by_content(e, "start evacuations at once").speaker == "Delta Rescue Corps"
    e = extract(ex, "Rain fell all night over the valley.\n\nThe statement, read out on local radio, said the dam "
                    "was \u201cunder control\u201d and roads would reopen.")
    assert [s.speaker for s in e.statements if "under control" in s.content] in ([], [None])


def test_a_turn_read_on_that_opens_with_the_speakers_own_colon(ex):
    text = _BRIEFING.replace("Nobody was hurt.\n", "Nobody was hurt.\n\nLet me be clear: 20 fishing boats got "
                                                   "fuel and water yesterday. The mission was completed.\n", 1)
    e = extract(ex, text)
    assert by_content(e, "20 fishing boats got fuel").speaker == "Tomas Okonkwo-Valdez"
    assert claimant_of(e, "20") == "Tomas Okonkwo-Valdez"


def test_sources_described_by_who_asked_them_keep_that_description(ex):
    e = extract(ex, "Fuel is scarce in the capital. A litre of diesel is selling for up to 2,000 francs, according "
                    "to traders interviewed by our correspondent in the Kolo district. Shops have closed early.")
    want = "traders interviewed by our correspondent in the Kolo district"
    assert by_content(e, "litre of diesel").speaker == want
    assert claimant_of(e, "2,000") == want


def test_he_after_a_described_source_in_the_same_entry_is_that_source(ex):
    e = extract(ex, "Live: fuel crisis\n\n12:40 Kenya's energy minister, Daniel Mwangi-Otieno, said at a press "
                    "conference in Nairobi that the shortage was \"a crisis for the whole region\".\n\n13:55 The "
                    "manager of a clinic in Kisumu, who asked us not to name him, says the generators that keep "
                    "his wards running have fuel \"for two more days\". \"After that, we decide which lights stay "
                    "on,\" he said.")
    assert by_content(e, "which lights stay on").speaker == "manager of a clinic in Kisumu"


def test_a_figure_in_a_clause_on_claims_by_others_is_theirs_not_the_reporters(ex):
    e = extract(ex, "The port reopened on Monday. Recent claims by a group of shipowners outside the association, "
                    "which put the losses at 30 percent, do not reflect the facts, the Authority said.")
    assert (claimant_of(e, "30 percent") or "").startswith("group of shipowners"), claimant_of(e, "30 percent")
