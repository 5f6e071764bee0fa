"""Failure classes of issue 15's fifth round (held-out part 4, now development material) in
which statements are found or not: extras (a negated or doubting subject, an act that is not
speech) and misses (a second reporting verb the parser hung inside the first one's clause, an
"according to" that closes a coordination or stands on a verb that reports nothing).
Each test is written for the test, not taken from bench/evidence_devset."""

from __future__ import annotations

import pytest

from detente.evidence.extract import Extractor
from evidence_helpers import by_content, extract


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _contents(e) -> list[str]:
    return [s.content for s in e.statements]


# -- extras -----------------------------------------------------------------------------------

def test_a_subject_that_is_no_one_says_nothing(ex):
    e = extract(ex, "Neither ministry calls the arrangement a treaty. No diplomat said the "
                    "border would reopen. Ines Varga said the two sides would meet again in May.")
    assert not any("treaty" in c or "reopen" in c for c in _contents(e)), _contents(e)
    assert by_content(e, "meet again in May").speaker == "Ines Varga"


def test_a_doubt_is_not_a_claim(ex):
    e = extract(ex, "Tomas Helgren, a former envoy, said the ministry wanted a deal by spring, "
                    "but doubted that either capital was willing to pay for it.")
    assert not any("willing to pay" in c for c in _contents(e)), _contents(e)
    assert by_content(e, "wanted a deal").speaker == "Tomas Helgren"


def test_posting_a_picture_is_not_a_statement(ex):
    e = extract(ex, "The Zembian trade minister, Alma Oduya, has posted a photograph on X of "
                    "herself at the new border post.")
    assert not any("photograph" in c for c in _contents(e)), _contents(e)


# -- a second reporting verb hung inside the first one's clause --------------------------------

def test_a_second_cue_with_a_quotation_is_a_statement_of_its_own(ex):
    e = extract(ex, "Colonel Rhea Montal told reporters in Velmar that nine soldiers had been "
                    "wounded in the shelling and called the rival account \"a story for the "
                    "evening news.\"")
    first = by_content(e, "nine soldiers")
    assert "evening news" not in first.content
    second = by_content(e, "evening news")
    assert second.speaker == "Rhea Montal" and second.cue == "called"


def test_an_appeal_after_a_noted_figure_keeps_its_quotation_and_speaker(ex):
    e = extract(ex, "Envoy Pavel Drozd noted that more than 900 people had been displaced in "
                    "March, and urged both sides to respect the truce \"in the villages and not "
                    "only on paper.\"")
    assert "urged" not in by_content(e, "900 people").content
    st = by_content(e, "not only on paper")
    assert st.speaker == "Pavel Drozd"


def test_a_verb_with_an_auxiliary_stays_in_the_reported_clause(ex):
    # "and would resume after lunch" continues what was said; it is no second cue
    e = extract(ex, "The mediator's spokeswoman, Ada Kovic, said the talks were \"useful\" and "
                    "would resume after lunch.")
    st = by_content(e, "were \"useful\"")
    assert "resume after lunch" in st.content
    assert len(e.statements) == 1, _contents(e)


# -- "according to" --------------------------------------------------------------------------

def test_according_to_closing_a_coordination_covers_both_verbs(ex):
    e = extract(ex, "The drought, which began in 2021, has killed 40,000 cattle and forced some "
                    "12,000 herders to move south, according to the Lowland Pastoral Council.")
    st = by_content(e, "forced some")
    assert "killed 40,000 cattle" in st.content
    assert st.speaker == "Lowland Pastoral Council"


def test_according_to_on_a_verb_that_reports_nothing_is_the_sources(ex):
    # "proposed" has no clause or quotation of its own: the sentence is the source's account
    e = extract(ex, "According to an aide briefed on the meeting, the Freedonian side proposed "
                    "splitting the valley into four sectors.")
    st = by_content(e, "splitting the valley")
    assert st.speaker is not None and "aide" in st.speaker
