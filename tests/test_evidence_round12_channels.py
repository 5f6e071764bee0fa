"""Issue 15, twelfth round: channels come from the text, not from a guess.

A press release's channel ('statement') belongs to the release's own words: its issuer's, its
staff's (also when the release calls the issuer by its initials, "NRF teams" under a header
naming the "Northern Relief Fund") and the people it quotes. What it reports of others was said
elsewhere, through no channel the release names: an indirect statement of a third party that the
release does not quote, and a phrase it quotes from such a report ("X has described the plan as
“...”", "claims according to which “...”"). Written for the test on invented text, not taken
from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

RELEASE = (
    "PRESS RELEASE\n"
    "Northern Relief Fund\n\n"
    "Valdoria: Families leave the river camps\n\n"
    "Ostrava/Lenk, 9 April 2025 – More than 12,000 people have left the river camps since March, "
    "the Northern Relief Fund (NRF) warned today.\n\n"
    "NRF teams in the camps report that families are walking for three days to reach the border "
    "posts.\n\n"
    "\"We see grandmothers carrying children across the ford,\" said Ilse Marrow-Tandt, NRF's "
    "director for the region.\n\n"
    "The Valdorian Ministry of Transport has described the departures as \"orderly and safe\" and "
    "said that only people without permits were being moved. According to the ministry, some "
    "40,000 people have left the camps since last year.\n"
)


def test_a_release_reports_a_third_partys_indirect_words_without_its_channel(ex):
    e = extract(ex, RELEASE)
    assert by_content(e, "only people without permits").channel is None
    assert by_content(e, "some 40,000 people").channel is None


def test_a_phrase_quoted_from_a_reported_description_has_no_channel(ex):
    e = extract(ex, RELEASE)
    assert by_content(e, "orderly and safe").channel is None


def test_the_release_and_its_staff_by_the_issuers_initials_speak_in_the_statement(ex):
    e = extract(ex, RELEASE)
    assert by_content(e, "More than 12,000 people").channel == "statement"
    assert by_content(e, "families are walking").channel == "statement"
    assert by_content(e, "grandmothers carrying").channel == "statement"


NOTE = (
    "Harbour fees rise again\n\n"
    "For Odile Framboisier-Kent, head of shipping research at Lantern Capital, the rise was "
    "expected. \"Every port on the coast has raised its fees this year,\" she wrote in a note to "
    "clients on Tuesday. \"This one simply waited longest.\"\n"
)


def test_words_written_in_a_note_to_clients_are_a_report(ex):
    # a research firm's note to its clients is its written research, not an article it published
    e = extract(ex, NOTE)
    assert by_content(e, "Every port on the coast").channel == "report"
    assert by_content(e, "This one simply waited longest").channel == "report"
