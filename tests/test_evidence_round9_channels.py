"""Failure classes of issue 15's ninth round (held-out part 8, now development material):
channels and precision. Each test is written for the test on invented sentences, not taken
from bench/evidence_devset, and checks what a user sees."""

from __future__ import annotations

import datetime as dt

from detente.evidence.extract import document_channel
from evidence_helpers import by_content, extract


def test_a_release_with_a_genre_line_and_a_release_line_is_a_statement(ex):
    # "MEDIA STATEMENT" alone on its line and "For immediate release — <place>, <date>"
    text = ("MINISTRY OF FISHERIES\n"
            "REPUBLIC OF ORSINIA\n\n"
            "MEDIA STATEMENT\n"
            "For immediate release — Velna, 4 March 2025\n\n"
            "NEW QUOTA AGREEMENT SIGNED\n\n"
            "The Minister of Fisheries, Anselm Korvik-Dane, today signed a quota agreement with the "
            "neighbouring states at the harbour office in Velna, ending two years of dispute over the northern banks.\n\n"
            "\"This agreement gives our fishing families certainty for the next decade,\" Minister Korvik-Dane said. "
            "\"Nobody lost today.\"\n")
    assert document_channel(text) == "statement"
    e = extract(ex, text, dt.date(2025, 3, 4))
    assert by_content(e, "This agreement gives our fishing families").channel == "statement"
    assert by_content(e, "Nobody lost today").channel == "statement"
