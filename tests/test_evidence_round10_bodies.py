"""Issue 15 round 10: the resolved NAME of a speaker or claimant when the statement is found: a
descriptor before a body's proper name is no part of it, a short form of a body stands for the
full name introduced before (by its modifier when two bodies share it), a body's document stands
for the body, a place named inside quoted words or a dateline is never the speaker, and a word
of a name the tagger read as a verb still names the speaker; a man the story has since made the
subject of a sentence, not the speaker of an earlier statement, is whom a later "he" refers to;
on invented sentences."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract


# -- a descriptor before a body's proper name ---------------------------------------------------

def test_descriptor_before_a_body_name_is_not_the_name(ex):
    e = extract(ex, "The cocoa growers' council Cacau\u00e9 says in a note to members that about a third "
                    "of the crop is already sold.")
    assert by_content(e, "already sold").speaker == "Cacau\u00e9"
    assert claimant_of(e, "a third") == "Cacau\u00e9"


def test_descriptor_before_a_body_name_for_its_figure(ex):
    e = extract(ex, "The state shipping regulator Portmar said on Monday that 40 vessels were waiting "
                    "outside the harbour.")
    assert by_content(e, "vessels were waiting").speaker == "Portmar"
    assert claimant_of(e, "40") == "Portmar"


# -- a short form of a body for its full name ---------------------------------------------------

def test_the_short_form_of_a_body_named_before(ex):
    e = extract(ex, "The National Federation of Fishermen has published an estimate: the ban could "
                    "cost 8,000 jobs. The federation says the estimate assumes no compensation.")
    assert by_content(e, "assumes no compensation").speaker == "National Federation of Fishermen"


def test_a_generic_body_keeps_its_owner(ex):
    e = extract(ex, "A fishing boat from Vietnam ran aground near the reef on Sunday, the Malaysian "
                    "Coast Guard said.\n\nVietnam's coast guard gave another account. It said its ships "
                    "had \u201cacted lawfully\u201d near the reef.")
    assert by_content(e, "acted lawfully").speaker == "Vietnam's coast guard"


def test_a_generic_body_with_its_owner_for_the_full_name(ex):
    e = extract(ex, "The Vietnam Coast Guard escorted the fishing fleet on Monday.\n\n"
                    "Vietnam's coast guard said the fleet had been \u201charassed for hours.\u201d")
    assert by_content(e, "harassed for hours").speaker == "Vietnam Coast Guard"


def test_the_definite_short_form_after_the_full_name(ex):
    e = extract(ex, "Ships of the Vietnam Coast Guard sailed into the bay on Monday.\n\n"
                    "The coast guard said the bay was \u201cclosed to foreign boats.\u201d")
    assert by_content(e, "closed to foreign boats").speaker == "Vietnam Coast Guard"


def test_the_short_form_left_alone_when_two_bodies_share_it(ex):
    e = extract(ex, "The Vietnam Coast Guard and the Malaysian Coast Guard both sent ships.\n\n"
                    "The coast guard said the bay was \u201cclosed to foreign boats.\u201d")
    assert by_content(e, "closed to foreign boats").speaker not in (
        "Vietnam Coast Guard", "Malaysian Coast Guard")


# -- a document of a body for the body ---------------------------------------------------------

def test_a_body_document_stands_for_the_body(ex):
    e = extract(ex, "Rebels attacked a convoy on the northern road. An army communiqu\u00e9 on Sunday "
                    "put the losses at 37 trucks.")
    assert claimant_of(e, "37") == "army"


# -- a place is never the speaker ----------------------------------------------------------------

def test_a_place_inside_the_quoted_words_is_not_the_speaker(ex):
    e = extract(ex, "For Marie-Anne Kabor\u00e9, a historian at the Sahel Institute in Niamey, the siege "
                    "is \u201ca war of hunger rather than arms.\u201d\n\n"
                    "\u201cThe rebels do not need to take Gao. They need Gao to stop believing the "
                    "government can protect it,\u201d she said.")
    assert by_content(e, "need to take Gao").speaker == "Marie-Anne Kabor\u00e9"


def test_a_city_after_a_body_is_a_place_not_a_person(ex):
    e = extract(ex, "For Awa Diallo-Sow, an economist at the Segou Institute in Dakar, the plan is "
                    "\u201ca gamble.\u201d\n\n"
                    "\u201cPrices will not fall before the rains,\u201d she said.")
    assert by_content(e, "Prices will not fall").speaker == "Awa Diallo-Sow"


def test_the_dateline_city_is_never_the_speaker(ex):
    e = extract(ex, "KAYESVILLE, Oct 3 (Reuters) - Fuel ran short in the city again on Friday.\n\n"
                    "For Awa Diallo-Sow, an economist, the blockade is \u201ca slow siege.\u201d\n\n"
                    "\u201cThey want Kayesville to give up. Kayesville will not give up,\u201d she said.")
    assert by_content(e, "will not give up").speaker == "Awa Diallo-Sow"


# -- a word of a body's name read as a verb ------------------------------------------------------

def test_a_name_word_read_as_a_verb_still_names_the_speaker(ex):
    e = extract(ex, "The brotherhood sees persecution. Its Mother See in Ostrava said in a letter that "
                    "the arrests were unjust.")
    assert by_content(e, "the arrests were unjust").speaker == "Mother See"


# -- a person the story has just made its subject ----------------------------------------------

def test_he_after_another_man_became_the_subject(ex):
    e = extract(ex, "Tomas Arvidsson-Lind lost his shop in the flood and moved to Kiruna with his "
                    "son.\n\n"
                    "At a news conference in May, a deputy minister, Pelle Grahn-Osterberg, said the "
                    "state had done \u201ceverything possible.\u201d\n\n"
                    "By October, Arvidsson-Lind had found work at a sawmill. His son, who is twelve, "
                    "still asks about the old house.\n\n"
                    "\u201cIn the old town she had friends,\u201d he said, speaking of his sister.")
    assert by_content(e, "In the old town she had friends").speaker == "Tomas Arvidsson-Lind"


def test_gender_from_the_pronoun_opening_the_next_sentence(ex):
    e = extract(ex, "Joaquim Ferreira-Lund got off the ferry in June.\n\n"
                    "Ferreira-Lund, 41, was a fisherman in Vigo. He sold the boat in March.\n\n"
                    "A regional official, Anders Bakke-Holm, said the quotas were \u201cfair.\u201d\n\n"
                    "In August, Ferreira-Lund started work at a cannery near the port.\n\n"
                    "\u201cThe sea was all I knew,\u201d he said.")
    assert by_content(e, "The sea was all I knew").speaker == "Joaquim Ferreira-Lund"


def test_a_she_after_a_sentence_about_a_man_stays_with_the_speaker(ex):
    e = extract(ex, "Lena Marsh, an economist who left the central bank in 2021, said the summit had "
                    "given the president \u201ca photo opportunity.\u201d In her view, Okonjo needs to "
                    "show voters that he is in charge. She estimated that the reforms would not come "
                    "before the spring.")
    assert by_content(e, "reforms would not come").speaker == "Lena Marsh"


# -- a participle after another reporter's clause -------------------------------------------------

def test_a_participle_after_a_reporting_clause_is_that_reporters(ex):
    e = extract(ex, 'The junta rejects that. Its new brigade, it says, now has 4,000 soldiers ready to '
                    'fight \u2014 a number that a European diplomat in Accra described as "hopeful at most", '
                    'estimating the soldiers really available at closer to 1,200.')
    assert by_content(e, "soldiers really available").speaker == "European diplomat in Accra"
    assert claimant_of(e, "1,200") == "European diplomat in Accra"


def test_it_after_a_body_described_by_a_group_noun(ex):
    e = extract(ex, "The junta rejects that. Its new brigade, it says, now has 4,000 soldiers ready to "
                    "fight.")
    assert by_content(e, "4,000 soldiers").speaker == "junta"


# -- a figure measured by a body's own yardstick ------------------------------------------------

def test_a_figure_by_a_bodys_own_yardstick_is_that_bodys(ex):
    e = extract(ex, "The Atomic Commission was asked. Its stockpile was about 200 kilograms, enough for "
                    "roughly five weapons by the commission's own measure.")
    assert claimant_of(e, "roughly five") == "Atomic Commission"


def test_a_figure_in_a_bodys_notice_is_that_bodys(ex):
    e = extract(ex, 'Turkey\'s consulate in Erbil said in a post that the attack was "cowardly".\n\n'
                    "A ministry official tells us about 9,000 Turkish workers are on the sites. Ankara's "
                    "own figure, in a consulate notice last month, was \u201cfewer than 3,000.\u201d")
    assert claimant_of(e, "fewer than 3,000") == "Turkey's consulate in Erbil"
