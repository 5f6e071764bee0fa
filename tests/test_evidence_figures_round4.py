"""Figures on unseen news text, round 4 of issue 15: which numbers are figures, who claims them,
and which figure disputes which.

Every sentence here is written for the test (not taken from bench/evidence_devset).
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.evidence.extract import Extractor
from detente.evidence.figures import find_figures
from detente.evidence.types import Article


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def extract(ex, text, date=dt.date(2025, 4, 10)):
    return ex.extract(Article(text=text, date=date))


def figs(ex, text):
    return [(f.text, f.value, f.unit) for f in find_figures(ex.nlp(text))]


@pytest.mark.parametrize("text,expected", [
    ("The border posts will reopen within forty days, the minister said.", ("forty days", 40.0, "days")),
    ("Exports could triple within five years if the port stays open.", ("five years", 5.0, "years")),
    ("The bank will lend to farmers for the next twelve years.", ("twelve years", 12.0, "years")),
    ("A second meeting will be held within about 90 days.", ("about 90 days", 90.0, "days")),
    ("Inspectors must report over the coming six months.", ("six months", 6.0, "months")),
])
def test_a_deadline_or_horizon_ahead_is_a_figure(ex, text, expected):
    assert figs(ex, text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("Drones crossed the line 38 times in March.", ("38", 38.0, "times")),
    ("In March alone, drones crossed the line 38 times.", ("38", 38.0, "times")),
    ("The envoys have held 19 rounds of talks since 2011.", ("19", 19.0, "rounds")),
])
def test_a_count_of_events_in_digits_is_a_figure(ex, text, expected):
    assert figs(ex, text) == [expected]


@pytest.mark.parametrize("text", [
    "The war began four years ago.",  # a time ago
    "She has spent three years negotiating with insurers.",  # a span behind, background
    "It was the second visit in five months.",
    "The pause lasts 30 days.",  # a span that is no deadline
    "Prices are now 12 times higher than in May.",  # a multiplier
    "Imports grew four times as fast.",
    "He knocked three times on the door.",  # a small spelled-out count of no claim
    "Within a year the mine had closed.",  # no number
])
def test_durations_behind_multipliers_and_small_counts_are_not_figures(ex, text):
    assert figs(ex, text) == []


def test_live_blog_clock_times_are_not_counts_of_the_next_noun(ex):
    text = ("Border talks: live\n\n"
            "08:40 Morning session opens with the delegations of both sides.\n\n"
            "11:15 Context: the crossing has been closed since May.\n\n"
            "16:05 Head of mission Tomas Lind said 200 monitors would be deployed.")
    e = extract(ex, text)
    assert [(f.text, f.unit) for f in e.figures] == [("200", "monitors")]
    assert e.figures[0].claimed_by == "Tomas Lind"
