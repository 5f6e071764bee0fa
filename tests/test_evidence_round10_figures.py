"""Issue 15 round 10: a document named as a figure's source stands for the body that made it
("Statistics Office data", "a survey ... by the Polling Institute"): the body is the claimant,
and the statement's speaker; on invented sentences."""

from __future__ import annotations

from evidence_helpers import claimant_of, extract


def test_data_named_after_the_body_that_published_it(ex):
    e = extract(ex, 'Migration rose sharply. According to Norwegian Statistics Office data, 12,000 people '
                    'moved north last year.')
    assert claimant_of(e, "12,000") == "Norwegian Statistics Office"


def test_survey_carried_out_by_an_institute(ex):
    e = extract(ex, 'A survey published in May by the Baltic Polling Institute found that 48 percent of '
                    'Latvians backed the plan.')
    assert claimant_of(e, "48 percent") == "Baltic Polling Institute"


def test_poll_conducted_by_an_institute(ex):
    e = extract(ex, 'A poll conducted by the Baltic Polling Institute showed 48 percent of Latvians backed '
                    'the plan.')
    assert claimant_of(e, "48 percent") == "Baltic Polling Institute"
