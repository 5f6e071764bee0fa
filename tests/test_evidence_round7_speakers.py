"""Resolved speakers, failure classes of issue 15's seventh round (held-out part 6, now
development material): sources that cannot speak, anonymous sources described with a count or
a place, descriptions that the text attached to a name before, pronouns. Each test is written
on sentences invented for it (not taken from bench/evidence_devset) and checks the resolved
speaker a user sees."""

from __future__ import annotations

from evidence_helpers import by_content, extract


def test_a_count_of_anonymous_sources_is_no_part_of_their_description(ex):
    e = extract(ex, "Customs checks on Norwegian salmon were tightened overnight, three Danish "
                    "trade officials told a radio station on Monday.")
    assert by_content(e, "Customs checks").speaker == "Danish trade officials"


def test_an_anonymous_source_of_no_named_body_keeps_the_place_that_names_it(ex):
    e = extract(ex, "An Asian diplomat in Nairobi, who asked not to be identified, said the "
                    "ceasefire talks had \"stalled for lack of a venue.\"")
    assert by_content(e, "stalled for lack").speaker == "Asian diplomat in Nairobi"
    # (round 8 turned this round: an official of a named body keeps the place too, as every
    # anonymous description keeps the words that say who or where the source is)
    e = extract(ex, "A NATO official in Vilnius, who was not authorised to speak, said the "
                    "exercise would go ahead in May.")
    assert by_content(e, "exercise would go ahead").speaker == "NATO official in Vilnius"


def test_a_thing_that_cannot_speak_is_no_speaker(ex):
    e = extract(ex, "The decree that set up the fund, published in March, guarantees a seat for "
                    "every province. It says nothing about the budget.\n\n"
                    "Okafor keeps a receipt in a leather wallet that says the land was paid for "
                    "in full.")
    assert not any("a seat for every province" in s.content for s in e.statements), e.statements
    assert not any("the land was paid for" in s.content for s in e.statements), e.statements


def test_what_a_thing_received_by_a_body_says_is_the_body_s(ex):
    e = extract(ex, "According to testimony gathered by the Consulate of Peru in Santiago, at least "
                    "30 Peruvian workers were held at the border.")
    assert by_content(e, "Peruvian workers were held").speaker == "Consulate of Peru in Santiago"


def test_a_subordinate_clause_read_as_a_phrase_keeps_its_own_subject(ex):
    e = extract(ex, "The dispute deepened after Kenya's trade envoy in Kampala, Wanjiru Kamau, "
                    "wrote on Friday that \"no lorry will cross until the fees are gone\".")
    assert by_content(e, "no lorry will cross").speaker == "Wanjiru Kamau"


def test_the_company_is_the_company_named_before(ex):
    e = extract(ex, "Chief inspector Maria Lindholm said that Baltic Ferry Company had skipped two safety drills. "
                    "The company rejects this. In a statement, it said the drills had been "
                    "\"held on time and logged\".")
    assert by_content(e, "held on time").speaker == "Baltic Ferry Company"


def test_a_spokesman_who_uses_a_name_is_that_name(ex):
    e = extract(ex, "The militia's spokesman, who uses the name Tomas Ruvuga, said that the "
                    "fighters would leave the town by Sunday.")
    assert by_content(e, "fighters would leave").speaker == "Tomas Ruvuga"


def test_a_quotation_after_a_colon_is_the_named_subject_s_not_the_speaker_before(ex):
    e = extract(ex, "Rustam Bekov Tashkentov says the canal is too old. Lindqvist thinks that is a "
                    "pretext. \"Every spring the ministry finds a new excuse,\" she said. "
                    "Tashkentov, asked about that, smiled: \"She has a point. But the cracks are "
                    "real this year.\"")
    assert by_content(e, "She has a point").speaker == "Rustam Bekov Tashkentov"


def test_the_one_a_reporter_addresses_is_not_who_the_question_quotes(ex):
    text = ("Transcript: press conference of the Governor of Tarvia\n\n"
            "GOVERNOR ELENA MARKOVA HALL: Good morning. The bridge will open in June.\n\n"
            "QUESTION (Radio Tarvia): Governor, the deputy-minister said yesterday that the bridge "
            "cost \"twice what was promised\". Is that right?\n\n"
            "GOVERNOR ELENA MARKOVA HALL: It cost what the contract says.\n")
    e = extract(ex, text)
    assert by_content(e, "twice what was promised").speaker == "deputy-minister"


def test_a_place_the_tagger_took_for_a_person_is_not_who_she_is(ex):
    e = extract(ex, "The strike has not reached Ilse Varnhagen Kuss's bakery.\n\n"
                    "Her nephew Bruno was arrested at a checkpoint near the Avenida da Liberdade in May. "
                    "She keeps his jacket on a hook. \"The officer apologised to me,\" she says.\n\n"
                    "Ilse Varnhagen Kuss is one of many waiting for a hearing.")
    assert by_content(e, "The officer apologised").speaker == "Ilse Varnhagen Kuss"


def test_a_lake_before_a_parenthetical_cue_is_not_its_speaker(ex):
    e = extract(ex, "Tomas Ekdahl Brenner, who ran the dam for ten years, is the gloomiest. "
                    "\"Nobody is measuring the snow,\" he says. Kariba Lake, he points out, fell by "
                    "two metres last summer.")
    assert by_content(e, "two metres").speaker == "Tomas Ekdahl Brenner"


def test_a_person_named_in_the_question_put_to_a_speaker_is_not_he(ex):
    e = extract(ex, "At the morning briefing, spokesman Arvid Solberg Nystrom said the talks "
                    "would resume. Asked whether the minister would meet Kristian Alvik, he said "
                    "\"the invitation stands if Oslo apologises\".")
    assert by_content(e, "the invitation stands").speaker == "Arvid Solberg Nystrom"


def test_a_body_the_parser_hung_on_an_opening_phrase_is_still_the_subject(ex):
    e = extract(ex, "In a statement posted on Telegram, Lithuania’s State Border Guard Service put "
                    "the number at about 400 and said the trucks were “in guarded lots, at the "
                    "request of their owners.”")
    assert by_content(e, "in guarded lots").speaker.replace("’", "'") in (
        "Lithuania's State Border Guard Service", "State Border Guard Service")


def test_a_subject_between_commas_after_an_opening_phrase_tells(ex):
    e = extract(ex, "The defence ministry has never released a full count; in March the then army "
                    "commander-general, Osvaldo Tembe Macuácua, told a parliamentary commission that "
                    "41 people had died, \"including 9 soldiers killed by bandits.\"")
    assert by_content(e, "41 people had died").speaker == "Osvaldo Tembe Macuácua"
