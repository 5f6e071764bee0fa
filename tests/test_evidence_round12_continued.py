"""Issue 15, twelfth round (continued), live blogs: a body's words reported in two sentences
("Valdoria, it says, has “met every goal of the mission.” It adds that Valdoria “will answer any
breach.”") are two statements (the full stop that closes a quotation closes the sentence of the
first), and the sentence before that names the occasion ("The Valdorian president's office has
issued a statement.") gives both their channel, the source named by a description as well.
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

BLOG = (
    "Border truce: live\n\n"
    "10.05am The Valdorian president's office has issued a statement. Valdoria, it says, has "
    "\"met every goal of the mission\" and \"removed a threat to the whole region.\" It adds that "
    "Valdoria \"will answer any breach with force.\"\n\n"
    "10.20am Marenland's defence ministry said its troops had not fired since midnight.\n"
)


def test_a_second_sentence_of_the_same_body_is_its_own_statement(ex):
    e = extract(ex, BLOG)
    first = by_content(e, "met every goal")
    assert "will answer any breach" not in first.content
    second = by_content(e, "will answer any breach")
    assert second.speaker == first.speaker


def test_the_statement_named_in_the_sentence_before_gives_the_channel(ex):
    e = extract(ex, BLOG)
    assert by_content(e, "met every goal").channel == "statement"
    assert by_content(e, "will answer any breach").channel == "statement"
