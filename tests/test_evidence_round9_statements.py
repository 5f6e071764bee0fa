"""Failure classes of issue 15's ninth round (held-out parts 7 and 8, now development
material): statement boundaries, precision and recall, dates. Each test is written for the test
on invented sentences, not taken from bench/evidence_devset, and checks what a user sees."""

from __future__ import annotations

from evidence_helpers import extract


def _contents(e):
    return [s.content for s in e.statements]


def test_a_thing_named_after_a_cue_is_no_statement_however_long(ex):
    # a noun phrase with no clause in it names what was warned against, announced, discussed or
    # called for; it says nothing a model could cite as someone's claim
    text = ("Opposition leader Marta Velikova warned against complacency at a rally in Sorn.\n\n"
            "The foreign ministry also announced the suspension of all flights to the capital and the "
            "closure of its consulate in the port city.\n\n"
            "The committee discussed the German proposal for a joint naval patrol in the strait.\n\n"
            "The farmers' union called for the resumption of grain deliveries to the northern mills.\n")
    assert _contents(extract(ex, text)) == []


def test_a_thing_named_with_what_is_said_of_it_stays_a_statement(ex):
    # a characterisation ("regards X as Y") and a phrase with a clause in it still say something
    text = ("The ministry regards this figure as incomplete.\n\n"
            "The ministry reiterated its commitment to supporting the talks.\n")
    contents = _contents(extract(ex, text))
    assert "this figure as incomplete" in contents
    assert any("commitment to supporting" in c for c in contents)
