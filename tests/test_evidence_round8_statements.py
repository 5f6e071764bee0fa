"""Statements and dates, failure classes of issue 15's eighth round (held-out part 7, now
development material). Each test is written on sentences invented for it (not taken from
bench/evidence_devset)."""

from __future__ import annotations

from evidence_helpers import by_content, extract


def test_an_estimate_whose_at_the_parser_hung_inside_the_object(ex):
    text = ("The question is how many. Dutch economists have long put the number of Dutch sailors "
            "lost in the North Sea between 1940 and 1945 at about 4,000. Some Belgian historians "
            "say the figure is closer to 2,500.")
    e = extract(ex, text)
    st = by_content(e, "Dutch sailors lost")
    assert st.speaker == "Dutch economists"
    assert "about 4,000" in st.content


def test_an_estimate_put_nearer_or_closer_to_a_number(ex):
    text = ("Fishery inspectors say about 400 boats were working the bay. A European diplomat we "
            "spoke to puts the number of boats nearer 250 and says the rest \"were never "
            "registered.\"\n\nA customs officer puts the daily traffic closer to 3,000 trucks, "
            "most of them empty.")
    e = extract(ex, text)
    assert by_content(e, "nearer 250").speaker == "European diplomat"
    assert by_content(e, "closer to 3,000").speaker == "customs officer"


def test_a_verdict_in_a_statement_someone_issued(ex):
    text = ("From Santiago, the Chilean ministry has issued a statement calling the decision \"a "
            "grave diplomatic error\" that \"undermines the treaty of 1984.\" Chile signed the "
            "treaty.")
    e = extract(ex, text)
    first = by_content(e, "grave diplomatic error")
    assert first.speaker == "Chilean ministry"
    assert first.channel == "statement"
    assert "issued" not in first.content
    assert by_content(e, "undermines the treaty").speaker == "Chilean ministry"
