"""Issue 15, twelfth round (continued), press releases: a numbered or bulleted list after "calls
on X to:", "urges the ministry to:", "calls upon:" holds the issuer's demands, one statement per
item, the issuer as speaker and the introducing verb as cue (figures in an item are the
issuer's); and a title's topic before its colon ("Norland: Flood victims face ...") is no
speaker. Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

URGES = (
    "MEDIA RELEASE\n"
    "Coastal Fishers Union\n\n"
    "Norland: Fishing towns face \"a winter without boats\"\n\n"
    "Sundby, 3 March 2025 – The Coastal Fishers Union said today that the new quota rules would "
    "close half of the harbours on the northern coast within a year.\n\n"
    "The Union urges the Ministry of Fisheries and the regional councils to:\n\n"
    "1. Suspend the quota cut until an independent survey of the stocks is published;\n"
    "2. Compensate crews who lose more than 40 days at sea;\n"
    "3. Publish the data behind the 2024 stock estimate.\n\n"
    "\"We are not asking for charity,\" said Ove Brandtzaeg, the Union's chair.\n\n"
    "ENDS\n\n"
    "Notes to editors:\n"
    "• The Union represents about 3,000 fishers.\n"
)

CALLS_UPON = (
    "PRESS STATEMENT\n"
    "Valdoria Lawyers Association\n\n"
    "The Valdoria Lawyers Association has followed the trials held this week in the capital.\n\n"
    "The Association calls upon:\n"
    "• The Attorney General to publish the charges against every detained lawyer;\n"
    "• The prison service to allow lawyers to meet their clients within 48 hours;\n"
    "• Parliament to reject the draft law on public assemblies.\n\n"
    "The Association will publish a full report within 30 days.\n"
)

TOPIC_TITLE = (
    "ASEAN-Gulf: Oslo bets that a new levy will split the coalition of fishing states\n\n"
    "The coalition of fishing states has held together for a decade. Ingrid Solhaug, an "
    "economist in Bergen, said the levy would change that.\n"
)


def test_each_numbered_demand_is_a_statement_of_the_issuer(ex):
    e = extract(ex, URGES)
    for part in ("Suspend the quota cut", "Compensate crews", "Publish the data behind"):
        st = by_content(e, part)
        assert st.speaker == "Coastal Fishers Union"
        assert st.cue == "urges"
        assert not st.content.startswith(("1", "2", "3"))
    # one statement per item, not the whole list in one
    assert len([s for s in e.statements if "Compensate crews" in s.content]) == 1
    assert "Publish the data" not in by_content(e, "Compensate crews").content
    assert claimant_of(e, "40 days") == "Coastal Fishers Union"
    # (the notes to editors' bullets follow no speech verb: no statements)
    assert not [s for s in e.statements if "represents about 3,000" in s.content]


def test_bulleted_demands_after_calls_upon_are_statements_each(ex):
    e = extract(ex, CALLS_UPON)
    items = [s for s in e.statements if s.cue and s.cue.startswith("calls")]
    assert len(items) == 3, [(s.speaker, s.content) for s in e.statements]
    assert by_content(e, "Parliament to reject").content.startswith("Parliament")
    assert by_content(e, "prison service").content.startswith("The prison service")


def test_a_release_title_topic_before_its_colon_is_no_speaker(ex):
    e = extract(ex, URGES)
    assert not [s for s in e.statements if "a winter without boats" in s.content]
    assert not [s for s in e.statements if s.speaker == "Norland"]


def test_a_news_title_topic_before_its_colon_is_no_speaker(ex):
    e = extract(ex, TOPIC_TITLE)
    assert not [s for s in e.statements if "Oslo bets" in s.content]
    assert by_content(e, "the levy would change that").speaker == "Ingrid Solhaug"


INITIALS = URGES.replace("The Coastal Fishers Union said today", "The Coastal Fishers Union (CFU) said today") \
    .replace("The Union urges", "CFU urges")


def test_the_issuers_initials_given_in_brackets_resolve_to_its_name(ex):
    e = extract(ex, INITIALS)
    assert by_content(e, "Compensate crews").speaker == "Coastal Fishers Union"
    assert claimant_of(e, "40 days") == "Coastal Fishers Union"
