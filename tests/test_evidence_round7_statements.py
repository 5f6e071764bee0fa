"""Statements, channels and dates, failure classes of issue 15's seventh round (held-out part
6, now development material). Each test is written on sentences invented for it (not taken
from bench/evidence_devset)."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract


_COUNCIL_BLOG = (
    "Live: the Trusteeship Council debates the atoll dispute\n\n"
    "Tuesday 8 April 2025\n\n"
    "[10.05am] The session has opened. Fiji's envoy, Mereani Tuilau Vakacegu, told the Council "
    "that the dredging would stop \"before the cyclone season\". She said the islands had been "
    "\"patient for a decade\".\n\n"
    "[10.30am] The Estonian delegate, Kaarel Mänd-Ottsen, told the committee that the fisheries "
    "data were \"incomplete at best\".\n"
)


def test_words_told_to_a_council_are_remarks_at_a_meeting(ex):
    e = extract(ex, _COUNCIL_BLOG, dt.date(2025, 4, 8))
    assert by_content(e, "dredging would stop").channel == "remarks at a meeting"
    assert by_content(e, "patient for a decade").channel == "remarks at a meeting"
    assert by_content(e, "fisheries data").channel == "remarks at a meeting"


def test_words_told_to_a_national_assembly_are_a_speech(ex):
    text = ("The finance minister, Rupert Holloway-Greer, defended the levy on Tuesday. The "
            "proceeds, he told the National Assembly, would be spent on coastal roads.")
    e = extract(ex, text)
    assert by_content(e, "spent on coastal roads").channel == "speech"


def test_answers_to_a_parliamentary_committee_are_a_speech(ex):
    text = ("In March the harbour master, Ilse Brandvold-Nieminen, told a parliamentary committee "
            "that 14 ferries had been withdrawn.")
    e = extract(ex, text)
    assert by_content(e, "ferries had been withdrawn").channel == "speech"


def test_a_release_under_a_press_service_header_is_a_statement(ex):
    text = (
        "MINISTRY OF FISHERIES OF THE REPUBLIC OF VALDORIA\n"
        "Press Service\n\n"
        "Statement on the seizure of the trawler Ostrova\n\n"
        "The Ministry demanded that the coast guard of the neighbouring state release the crew "
        "of the trawler without delay and return the vessel to its owners.\n\n"
        "\"Eleven fishermen are being held without charge,\" said the Ministry's spokesperson, "
        "Tamsin Oduya-Kerr. \"We want them home.\"\n"
    )
    e = extract(ex, text)
    assert by_content(e, "release the crew").channel == "statement"
    assert by_content(e, "held without charge").channel == "statement"
    assert by_content(e, "We want them home").channel == "statement"
