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


FEATURE = (
    "The ferry workers who stayed\n\n"
    "Liisa Rand-Kallas keeps a tin of her parking tickets. \"I have paid none of them,\" she said "
    "when I first met her, in March, on the pier. \"If I paid them all I would sell the car.\"\n\n"
    "Her colleague Aare Pihl-Sepp is unmoved. \"We did not choose the strike,\" he said when we "
    "last spoke. \"The strike chose us.\"\n\n"
    "Rand-Kallas still comes to the pier. When I called her in July, she sounded tired. \"The "
    "owners did not ask us,\" she said. \"But we will pay for it.\"\n\n"
    "Peeter Lauri-Saar, a port clerk who spent the strike running the ticket office, laughed when "
    "I read him the company's figure in May. \"Forty ships? They counted the rowing boats.\"\n"
)

WIRE = (
    "TALLINN, April 9 (Reuters) - A spokeswoman for the port authority, reached by telephone, said "
    "the harbour had been closed on Tuesday afternoon. \"We cannot load what we cannot reach,\" said "
    "the spokeswoman, who asked not to be named.\n"
)


def test_the_writers_meeting_named_after_the_cue_is_an_interview(ex):
    e = extract(ex, FEATURE)
    assert by_content(e, "I have paid none of them").channel == "interview"
    assert by_content(e, "I would sell the car").channel == "interview"
    assert by_content(e, "We did not choose the strike").channel == "interview"
    assert by_content(e, "The strike chose us").channel == "interview"


def test_the_writers_time_clause_is_no_content(ex):
    e = extract(ex, FEATURE)
    assert not [s for s in e.statements if s.content.startswith("when we")], \
        [(s.speaker, s.content) for s in e.statements]


def test_the_writers_call_names_the_occasion_of_the_words_after_it(ex):
    e = extract(ex, FEATURE)
    assert by_content(e, "The owners did not ask us").channel == "interview"
    assert by_content(e, "But we will pay for it").channel == "interview"
    assert by_content(e, "Forty ships?").channel == "interview"


def test_a_source_reached_by_telephone_speaks_in_an_interview(ex):
    e = extract(ex, WIRE)
    assert by_content(e, "the harbour had been closed").channel == "interview"
    assert by_content(e, "We cannot load what we cannot reach").channel == "interview"


BRIEFED = (
    "RIGA, April 9 (Reuters) - A senior defence official, who briefed reporters in Riga on "
    "condition of anonymity, said the drone had been \"followed for hours\" and that it was shot "
    "down over the sea.\n"
)


def test_a_source_who_briefed_reporters_on_background_told_reporters(ex):
    # (round 11's convention: a background briefing is no press conference)
    e = extract(ex, BRIEFED)
    assert by_content(e, "followed for hours").channel == "told reporters"
