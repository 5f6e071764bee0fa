"""Figures on unseen news text, round 8 of issue 15: measures written as hyphenated adjectives or
spelled out, rates and bare numbers whose noun was named before, who claims a body's count
inside a speaker's words, and which rival figures answer which.

Every sentence here is written for the test (invented people, bodies and places, not taken
from bench/evidence_devset).
"""

from __future__ import annotations

import pytest

from evidence_helpers import claimant_of, extract, figure


def linked(e, a, b):
    fa, fb = figure(e, a), figure(e, b)
    return fa.dispute_span == (fb.start, fb.end) or fb.dispute_span == (fa.start, fa.end)


# -- figures found -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,part,unit", [
    ("The two states agreed to fence their 480-km frontier, the ministry said.", "480-km", "kilometres"),
    ("A patrol boat crossed the line by two kilometres, the navy said.", "two", "kilometres"),
    ("Two Brazilian nationals were detained at the crossing, police said.", "Two", "nationals"),
    ("The union says the plant has cut more than 300 French-speaking technicians since May.", "300",
     "technicians"),
])
def test_measures_and_counts_with_a_hyphen_or_spelled_out_are_figures(ex, text, part, unit):
    assert figure(extract(ex, text), part).unit == unit


def test_a_rate_and_the_other_end_of_its_change_count_what_was_counted_before(ex):
    e = extract(ex, "The ferry company said the route carries about 30 ferries a week.\n\n"
                    "Crossings had fallen to three a week from 9 before the strike, the company said.")
    assert figure(e, "three a week").unit == "ferries"
    assert figure(e, "9").unit == "ferries"


def test_a_count_coordinated_with_the_figure_of_its_sentence_counts_the_same(ex):
    e = extract(ex, "The monitor said 20 people were killed in the north and six in the south.")
    assert figure(e, "six").unit == "deaths"


def test_a_verb_object_after_a_count_of_things_counts_those_things(ex):
    e = extract(ex, "The clerk said the council had received 85 petitions. It has accepted 14 so far, "
                    "the clerk said.")
    assert figure(e, "14").unit == "petitions"


def test_bare_numbers_with_thousands_separators_count_what_was_counted_before(ex):
    e = extract(ex, "The ministry says about 8,000 guards serve in the region, of whom it says 2,500 "
                    "are armed.")
    assert figure(e, "2,500").unit == "guards"


def test_a_bare_number_counts_the_things_before_not_the_distance_after_them(ex):
    e = extract(ex, "An official told us about 4,000 Korean engineers work within 30 kilometres of the "
                    "dam. Seoul's own figure, in a notice last year, was \"more than 1,500.\"")
    assert figure(e, "1,500").unit == "engineers"


# -- who claims a figure -------------------------------------------------------------------------

@pytest.mark.parametrize("text,part,who", [
    ("Mirela Costa Vand, the deputy minister, recalled that, according to the Port of Varno, transit "
     "cargo has fallen by 2.4 million tonnes a year.", "2.4 million", "Mirela Costa Vand"),
    ("Mirela Costa Vand, the deputy minister, said that according to the Ministry of Health, 48 "
     "clinics in the province had closed.", "48", "Mirela Costa Vand"),
])
def test_a_source_a_statement_opens_with_leaves_the_claim_to_the_speaker(ex, text, part, who):
    assert claimant_of(extract(ex, text), part) == who


@pytest.mark.parametrize("text", [
    "Marta Kovalenko-Reyes, who runs a housing charity, said the national land registry counts about "
    "9,000 empty flats, but her own estimate is nearer 20,000.",
    "For Marta Kovalenko-Reyes, who runs a housing charity in Lviv, the real problem is empty homes. "
    "She points to the data: the national land registry, she says, counts about 9,000 empty flats; her "
    "own estimate, based on meter readings, is nearer 20,000.\n\n\"Nobody counts the meters,\" she said.",
])
def test_a_bodys_count_the_speaker_sets_her_own_estimate_against_is_the_bodys(ex, text):
    e = extract(ex, text)
    assert claimant_of(e, "9,000") == "national land registry"
    if claimant_of(e, "20,000") is not None:  # (the speaker's own estimate answers the body's count)
        assert linked(e, "9,000", "20,000")


def test_a_claim_verb_the_tagger_takes_for_a_noun_still_gives_its_subject_the_figure(ex):
    e = extract(ex, "How many guards does the agency have? The interior ministry says about 7,000 "
                    "officers, of whom it says 2,500 are armed. A European diplomat we spoke to puts "
                    "the number of armed guards nearer 1,100 and says the rest are clerks.")
    assert claimant_of(e, "1,100") == "European diplomat"
    assert linked(e, "2,500", "1,100")


# -- which figure answers which ------------------------------------------------------------------

def test_rival_claims_in_the_clauses_of_one_sentence_are_linked(ex):
    e = extract(ex, "Our reporter Ana Lima says several hundred people have gathered. Police put the "
                    "crowd at 3,000; organisers claim 15,000.")
    assert linked(e, "3,000", "15,000")


def test_a_distance_in_the_next_sentence_that_denies_the_claim_answers_it(ex):
    e = extract(ex, "The army said the jet entered its airspace by three kilometres. The neighbouring "
                    "government says the jet never crossed the line and came down 12 kilometres to "
                    "the south.")
    assert linked(e, "three", "12")


def test_a_count_corrected_right_after_it_answers_the_count_it_names(ex):
    e = extract(ex, "The shelter said 12 people were killed in the blast. A monitoring group said 19 "
                    "people had died in the town, not 12 as the shelter says, and five in the villages.")
    assert linked(e, "12 people", "19")
    assert figure(e, "five").dispute_span is None
    assert not any(f.dispute_text == "five" for f in e.figures)


def test_an_answer_asked_about_the_figure_counts_the_same_things_by_another_noun(ex):
    e = extract(ex, "An official said the city had filed more than 60 requests. A spokesman for the "
                    "ministry, asked about the figure, said it had received 31 applications.")
    assert linked(e, "more than 60", "31")


def test_a_rival_estimate_answers_the_claim_not_another_rival_estimate(ex):
    e = extract(ex, "The ministry claimed that more than 900 families had left. Local officials say "
                    "the true number is closer to 300. Ida Morn, a researcher, said her own estimate "
                    "is that about 450 families left.")
    assert not linked(e, "closer to 300", "about 450")
