"""Figures on unseen news text, round 7 of issue 15: who claims a figure when the claim's cue
comes after it or the parser lost the claim verb's subject, which figures answer which, and
numbers that count what the figure beside them counts.

Every sentence here is written for the test (invented people, bodies and places, not taken
from bench/evidence_devset).
"""

from __future__ import annotations

import pytest

from evidence_helpers import claimant_of, extract, figure


# -- who claims a figure ------------------------------------------------------------------------

def test_a_speech_cue_set_off_by_commas_after_the_figure_names_its_claimant(ex):
    e = extract(ex, "The Varno Tourism Agency's commissioner, Ada Brisk Nolte, has just told reporters "
                    "that the estimate is \"far too high\". Cancellations through local agencies and "
                    "hotels came to about 20,000, she said, \"and many of them have been moved to May\".")
    assert claimant_of(e, "20,000") == "Ada Brisk Nolte"


def test_a_body_that_puts_the_number_at_a_figure_claims_it_when_the_parser_lost_the_subject(ex):
    e = extract(ex, "In a statement posted on Telegram, Cyprus’ Coast Guard put the number at no more "
                    "than 1,100 and said the boats were “in secure moorings.”")
    assert claimant_of(e, "1,100") == "Cyprus’ Coast Guard"



@pytest.mark.parametrize("text,part,who", [
    ("Greta Holmvik, the ministry's spokeswoman, defended the scheme. Compensation, she wrote in "
     "response to questions, was \"a matter for the courts,\" and the ministry had already paid grants "
     "to 85 households.", "85", "Greta Holmvik"),
    ("The deeper problem is that there is less water, says Tarek Olander Vim, a former adviser to the "
     "water board. \"The treaty was written for another river,\" he said. Northern farms, he pointed "
     "out, now take far more for irrigation, and the port needs about 30,000 cusecs to stay open.",
     "30,000", "Tarek Olander Vim"),
])
def test_a_sentence_whose_opening_sets_off_a_speech_cue_is_the_speakers_in_every_clause(ex, text, part, who):
    assert claimant_of(extract(ex, text), part) == who


# -- which figure answers which -----------------------------------------------------------------

def test_a_sentence_before_that_rejects_something_else_links_no_figure_of_another_noun(ex):
    e = extract(ex, "Crisis Watch, a monitoring group, says at least 210 people were killed during the "
                    "protests.\n\nThe curfew was lifted in May.\n\nThe ministry's spokeswoman, Greta "
                    "Holmvik, rejected the suggestion that the talks had ignored the victims. The ministry "
                    "had already paid grants to 85 households, she said.")
    assert figure(e, "at least 210").disputed_by is None


# -- which numbers are figures ------------------------------------------------------------------

def test_a_part_of_a_counted_whole_counts_what_the_whole_counts(ex):
    e = extract(ex, "In June, Ostmark's interior ministry told Veldan that it had checked 42,000 of the "
                    "roughly 300,000 names Varno had sent over the years.")
    f = figure(e, "42,000")
    assert (f.text, f.value, f.unit) == ("42,000", 42000.0, "names")


def test_a_hedged_count_described_by_a_relative_clause_counts_what_the_figure_before_counted(ex):
    e = extract(ex, "Greta Holmvik, the ministry's spokeswoman, said the ministry had already paid grants "
                    "to 85 households. Crisis Watch said it knew of \"fewer than 30\" that had received "
                    "anything at all.")
    f = figure(e, "fewer than 30")
    assert (f.value, f.unit, f.claimed_by) == (30.0, "households", "Crisis Watch")


def test_a_verdict_on_the_figure_in_the_sentence_before_announces_the_answer(ex):
    e = extract(ex, "Coastal lines have cancelled about 80,000 tickets to Varno, according to Pel Hansa, "
                    "an analyst.\n\nThe Varno Tourism Agency's commissioner, Ada Brisk Nolte, told reporters "
                    "that figure is \"far too high\". Cancellations through local agencies came to about "
                    "20,000, she said.")
    f = figure(e, "about 80,000")
    assert (f.disputed_by, f.dispute_text) == ("Ada Brisk Nolte", "about 20,000")


def test_an_answer_in_another_currency_disputes_a_sum_of_money(ex):
    e = extract(ex, "Senator Ilse Brandvik said on Friday that Ostmark has spent \"under a billion dollars "
                    "in a decade\" on the island's defence.\n\nThe defence minister, Karl Moen Havdal, spoke "
                    "on Monday. \"The number is wrong. This year alone we agreed a package of 9.2 billion "
                    "kroner,\" he said.")
    f = figure(e, "under a billion")
    assert (f.disputed_by, f.dispute_text) == ("Karl Moen Havdal", "9.2 billion")


def test_another_sources_toll_in_the_next_sentence_disputes_the_first(ex):
    e = extract(ex, "The shelling of the old town killed at least three people, according to the regional "
                    "health office. The Varno Red Cross said on its Telegram channel that eight civilians "
                    "had died.")
    f = figure(e, "at least three")
    assert (f.disputed_by, f.dispute_text) == ("Varno Red Cross", "eight")


@pytest.mark.parametrize("text", [
    "Shelling killed at least three people in Varno, according to the regional health office. The mayor "
    "of Kessmark said eight civilians had died there.",
    "The regional health office said 40 people were killed in the floods. Separately, the army said four "
    "soldiers died in a crash.",
])
def test_a_toll_of_another_event_in_the_next_sentence_disputes_nothing(ex, text):
    assert all(f.disputed_by is None for f in extract(ex, text).figures)


def test_a_name_in_apposition_before_a_subjectless_speech_verb_claims_the_figure_it_reports(ex):
    # (the parser leaves "told" without subject and the statement without speaker)
    e = extract(ex, "The number of dead is still contested. Crisis Watch, a monitoring group, says at "
                    "least 210 people were killed between May and June. The interior ministry has never "
                    "published a full count; in January the then police commander-general, Bernardino "
                    "Vasco Mutola, told a parliamentary committee that 96 people had died.")
    assert claimant_of(e, "96") == "Bernardino Vasco Mutola"
    f = figure(e, "at least 210")
    assert (f.disputed_by, f.dispute_text) == ("Bernardino Vasco Mutola", "96")


def test_according_to_information_received_by_a_body_the_body_claims_the_figure(ex):
    e = extract(ex, "According to information received by the Ostmark Red Cross, at least 40 Veldan "
                    "citizens were detained in the raids.")
    assert claimant_of(e, "at least 40") == "Ostmark Red Cross"


def test_a_body_the_tagger_ended_on_a_preposition_is_named_without_it(ex):
    # ("the Embassy of" is what the tagger makes of the body before a country it tags alone)
    e = extract(ex, "According to information received by the Embassy of Norway in Varno, at least 40 "
                    "Veldan citizens were detained in the raids.")
    assert claimant_of(e, "at least 40") in ("Embassy of Norway", "Embassy")


def test_according_to_figures_compiled_by_a_group_the_group_claims_the_figure(ex):
    e = extract(ex, "According to figures compiled by Crisis Watch, more than 300 people were detained.")
    assert claimant_of(e, "more than 300") == "Crisis Watch"


@pytest.mark.parametrize("text", [
    "Martin Solberg, the mayor, spoke at length about the town budget. \"We have done what we could,\" "
    "he said. A survey in May found that 62 percent of residents want the old bridge rebuilt.",
    "QUESTION (Varno Post): Mayor, a poll in May found that 62 percent of residents want the old bridge "
    "rebuilt. Has anything changed?\n\nMAYOR SOLBERG: If anything, that number is higher today.",
])
def test_a_share_an_unnamed_poll_found_is_the_articles_own(ex, text):
    assert claimant_of(extract(ex, text), "62 percent") is None
