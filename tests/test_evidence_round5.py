"""Failure classes of issue 15's fifth round (held-out part 4, now development material):
institutions and anonymous groups as speakers when no person is named, with their full name,
and the figures of their statements. Each test is written for the test, not taken from
bench/evidence_devset, and checks the resolved speaker or claimant a user sees."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of as _claimant, extract


def test_an_authority_named_with_and_keeps_its_whole_name(ex):
    # the tagger cuts the name at "and" and the last words looked like a person's name
    e = extract(ex, "The Wakanda Shipping and Inland Waterways Authority said on Tuesday that "
                    "river traffic had fallen by 40 per cent since January.")
    st = by_content(e, "river traffic")
    assert st.speaker == "Wakanda Shipping and Inland Waterways Authority"
    assert _claimant(e, "40 per cent") == st.speaker


def test_two_bodies_joined_by_and_stay_two(ex):
    # a conjunction of two organisations is not one name
    e = extract(ex, "Hamas and Islamic Jihad said in a joint statement that the truce would hold.")
    assert by_content(e, "truce would hold").speaker != "Hamas and Islamic Jihad"


def test_an_anonymous_group_keeps_where_it_is(ex):
    e = extract(ex, "Diplomats in Nairobi said the two sides had agreed to meet again within ten days.")
    assert by_content(e, "agreed to meet again").speaker == "Diplomats in Nairobi"


def test_a_single_official_does_not_take_the_place(ex):
    # a person described by role and place keeps the place (round 8's convention: the
    # description keeps the words that say who or where the source is); the place is no speaker
    e = extract(ex, "A senior EU official in Brussels said the sanctions package was ready.")
    assert by_content(e, "sanctions package").speaker == "senior EU official in Brussels"


def test_a_mission_keeps_its_country_but_not_its_acronym(ex):
    e = extract(ex, "The United Nations mission in Freedonia, UNMIF, said the monitors had counted "
                    "twelve new checkpoints near the border.")
    st = by_content(e, "twelve new checkpoints")
    assert st.speaker == "United Nations mission in Freedonia"
    assert _claimant(e, "twelve") == st.speaker


def test_a_body_disputing_then_saying_is_the_speaker(ex):
    # "X disputes that, saying ...": the parser reads "that" as the participle's subject
    e = extract(ex, "Analysts put the annual loss at 2 billion dollars. The Freedonia Water and Power "
                    "Development Authority disputes that, saying the loss is \"closer to 200 million "
                    "dollars\".")
    st = by_content(e, "the loss is")
    assert st.speaker == "Freedonia Water and Power Development Authority"
    assert _claimant(e, "200 million") == st.speaker


_BRIEFING = """DAILY PRESS BRIEFING BY THE OFFICE OF THE HIGH COMMISSIONER

The following is a near-verbatim transcript of today's briefing by Ingrid Solberg-Haaland, Spokesperson for the High Commissioner.

Spokesperson: Good morning. I will start with Sudan. The High Commissioner's Special Adviser, Tomas Berglund, has just returned from three days in Port Sudan, where he met the authorities and aid groups.

He tells us that the two sides have agreed to open two more crossings for aid convoys.

Our colleagues at UNICEF tell us that some 4 million children are out of school. The appeal for this year is only 18 per cent funded, with $90 million received out of the $500 million requested.

Questions, please. Yes?

Question: Thank you. The army's spokesman said yesterday that only 200,000 people had fled. What is your response?

Spokesperson: We stand by the figures collected by our partners on the ground. Those numbers are checked twice.

Question: Did the Special Adviser meet the army chief?

Spokesperson: Let me just finish this, and I will come back to you.
"""


def test_a_turn_labelled_by_a_role_is_the_person_with_that_role(ex):
    e = extract(ex, _BRIEFING)
    st = by_content(e, "We stand by the figures")
    assert st.speaker == "Ingrid Solberg-Haaland"
    assert st.channel == "press conference"
    assert by_content(e, "has just returned from three days").speaker == "Ingrid Solberg-Haaland"
    # the briefing's procedure is no statement
    assert not [s for s in e.statements if "Let me just finish" in s.content or "Good morning" in s.content]


def test_a_turn_read_on_in_paragraphs_without_a_label(ex):
    e = extract(ex, _BRIEFING)
    st = by_content(e, "The appeal for this year")
    assert st.speaker == "Ingrid Solberg-Haaland"
    assert _claimant(e, "18 per cent") == "Ingrid Solberg-Haaland"
    assert _claimant(e, "$90 million") == "Ingrid Solberg-Haaland"
    # what the turn reports of others stays theirs, and "he" is the adviser it named
    assert by_content(e, "two more crossings").speaker == "Tomas Berglund"
    assert _claimant(e, "some 4 million") != "Ingrid Solberg-Haaland"
    # a paragraph without a verb ("Questions, please. Yes?") is no statement
    assert not [s for s in e.statements if "Questions, please" in s.content]


def test_a_colon_in_a_news_story_is_no_turn(ex):
    # one line with a role and a colon, in a story that is no transcript
    e = extract(ex, "In Oslo, a new biography of the foreign ministry's longest-serving press officer "
                    "went on sale on Monday.\n\nSpokesperson: a life in four thousand briefings is "
                    "already sold out.\n\nThe publisher said it would print more copies.")
    assert not [s for s in e.statements if "four thousand briefings" in s.content]


_PROFILE = """The Keepers of the Dam

For nineteen years, Tahir Mehboob Solangi's job was to know how much water left the reservoir. As the water board's chief engineer, he met his counterpart across the border twice a year.

“We argued about every sluice gate,” Solangi says now, on the porch of his house in Quetta. “But we argued with numbers.”

His old counterpart, Vikram Das Menon, remembers those meetings differently. Menon, who retired in 2020, received me in a flat full of river charts. “They used the agreement to stall every project we proposed,” he says.

The capital has since named a special envoy, the former diplomat Nadia Karim Baloch. She says any diversion will be treated as “a hostile act”. “We are only describing our survival,” she told me by phone in August.

Solangi, walking me to the gate, will not go that far. “The agreement has no exit clause,” he says. “You can only ignore it.”
"""


def test_a_surname_maps_to_a_full_name_given_with_a_possessive(ex):
    # (the tagger reads the full name and its "'s" as a facility)
    e = extract(ex, _PROFILE)
    assert by_content(e, "every sluice gate").speaker == "Tahir Mehboob Solangi"


def test_a_profile_returns_to_its_man_after_another_speaker(ex):
    # the last speaker before was a woman; the man named just before "he" is the speaker
    e = extract(ex, _PROFILE)
    assert by_content(e, "no exit clause").speaker == "Tahir Mehboob Solangi"


def test_he_after_a_counterpart_named_again_is_the_counterpart(ex):
    # "His old counterpart, X" introduces X, whom the paragraph names again: "he" is X, not the
    # owner of "his"
    e = extract(ex, _PROFILE)
    assert by_content(e, "stall every project").speaker == "Vikram Das Menon"


def test_according_to_closing_a_sentence_covers_the_clause_before_the_participle(ex):
    e = extract(ex, "The southern bridge has been closed since 3 March, stranding some 2,400 "
                    "lorries on both banks, according to the Wakanda Hauliers Federation.")
    st = by_content(e, "The southern bridge has been closed")
    assert "2,400 lorries" in st.content
    assert st.speaker == "Wakanda Hauliers Federation"
    assert _claimant(e, "2,400") == st.speaker


def test_according_to_a_participle_in_the_middle_keeps_its_clause(ex):
    # the phrase does not close the sentence: it reports the participle's clause only
    e = extract(ex, "Prices rose again in May, reaching a record high according to the statistics "
                    "office, before falling in June as fuel subsidies returned.")
    assert all("Prices rose again" not in s.content for s in e.statements if s.cue == "according to")


def test_an_organisation_keeps_the_hyphenated_places_before_it():
    # in a longer story the tagger labelled only "Chamber" and the first place: the words
    # hung on the name before it are part of it
    from spacy.tokens import Span

    from detente.evidence.entities import build_entities
    from detente.evidence.nlp import load_nlp
    doc = load_nlp()("Trade fell by a third, according to the Kenya-Uganda Joint Chamber of Commerce.")
    words = [t.text for t in doc]
    k, c = words.index("Kenya"), words.index("Chamber")
    assert doc[c - 1].dep_ == "compound" and doc[c - 1].head.i == c  # the parse this test is about
    doc.set_ents([Span(doc, k, k + 1, "GPE"), Span(doc, c, c + 1, "ORG")], default="outside")
    idx = build_entities(doc)
    assert idx.entity_at(c).canonical == "Kenya-Uganda Joint Chamber"


def test_said_in_a_report_that_is_the_content_with_both_conjuncts(ex):
    e = extract(ex, "The United Nations mission in Freedonia, UNMIF, said in a report last week that "
                    "at least 30 civilians were killed and 120 wounded.")
    st = by_content(e, "at least 30 civilians were killed and 120 wounded")
    assert st.speaker == "United Nations mission in Freedonia"
    assert _claimant(e, "at least 30") == st.speaker


def test_a_relative_clause_on_the_report_is_not_the_content(ex):
    # "that" here is the relative pronoun of the report, not the mark of what was said
    e = extract(ex, "The ministry said in a report that was published on Monday that exports had doubled.")
    st = by_content(e, "exports had doubled")
    assert "published on Monday" not in st.content
