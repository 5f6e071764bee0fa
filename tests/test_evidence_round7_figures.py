"""Figures on unseen news text, round 7 of issue 15: who claims a figure when the claim's cue
comes after it or the parser lost the claim verb's subject, which figures answer which, and
numbers that count what the figure beside them counts.

Every sentence here is written for the test (invented people, bodies and places, not taken
from bench/evidence_devset).
"""

from __future__ import annotations

from evidence_helpers import claimant_of, extract


def figure(e, part):
    found = [f for f in e.figures if part in f.text or f.text in part]
    assert found, [(f.text, f.unit, f.claimed_by) for f in e.figures]
    return found[0]


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
