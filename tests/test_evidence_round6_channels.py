"""Failure classes of issue 15's sixth round (held-out part 5, now development material):
channels, dates and figures. Each test is written for the test on invented sentences, not
taken from bench/evidence_devset, and checks the channel, date or claimant a user sees."""

from __future__ import annotations

import pytest

from detente.evidence.extract import Extractor, document_channel
from evidence_helpers import by_content, extract


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _figure(e, text: str):
    found = [f for f in e.figures if text in f.text]
    assert found, [(f.text, f.claimed_by) for f in e.figures]
    return found[0]


def test_a_transcript_with_a_long_title_line_is_a_press_conference(ex):
    # the title line is long enough to look like prose, so the header stopped before it
    text = ("ORSINIAN MONITORING OFFICE\n"
            "Transcript: Press briefing by the Head of the Orsinian Monitoring Office, Petra Valdane Korvik, "
            "on the river crossings\n"
            "Velna, 3 March 2025\n\n"
            "Head Korvik: Good afternoon. Yesterday I met both commanders at the old bridge. "
            "They agreed to keep the crossings open for another month.\n\n"
            "Question (Imre Falk, Velna Radio): Will the monitors stay?\n\n"
            "Head Korvik: We will stay as long as both sides want us there. I will not give you a date.\n")
    assert document_channel(text) == "press conference"
    e = extract(ex, text)
    assert by_content(e, "Yesterday I met both commanders").channel == "press conference"
    assert by_content(e, "We will stay as long").channel == "press conference"


def test_a_news_story_opening_with_a_long_headline_is_no_transcript():
    # a headline without a full stop is no transcript because it is long
    text = ("Minister says talks on the northern border will resume at a press conference in the capital next week\n\n"
            "VELNA (Reuters) - The minister said on Monday that talks would resume.")
    assert document_channel(text) is None
