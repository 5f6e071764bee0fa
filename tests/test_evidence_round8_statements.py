"""Statements and dates, failure classes of issue 15's eighth round (held-out part 7, now
development material). Each test is written on sentences invented for it (not taken from
bench/evidence_devset)."""

from __future__ import annotations

import datetime as dt

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


_FLOOD_BLOG = (
    "Live: flood talks in Dhaka\n\n"
    "Tuesday 8 April 2025\n\n"
    "10:48 BST\n"
    "Bangladesh's water minister, Farhana Rahman Chowdhury, at a press conference in Dhaka: \"We "
    "will not open the gates without a written guarantee. We will wait for it, however long it "
    "takes.\"\n\n"
    "11:20 BST\n"
    "The Indian embassy in Dhaka, which handles the river commission files, on X: the claims are "
    "\"baseless\" and \"any further accusation will be answered through diplomatic channels.\"\n\n"
    "11:40 BST\n"
    "India's foreign ministry has responded. Its spokesman, Arjun Mehra Kapoor, writing on X:\n\n"
    "> India has always shared flood data with its neighbours. We are ready to hold a meeting of "
    "the commission this week.\n\n"
    "12:00 BST\n"
    "More soon.\n"
)


def test_a_label_naming_where_the_words_were_given_before_the_colon(ex):
    e = extract(ex, _FLOOD_BLOG, dt.date(2025, 4, 8))
    st = by_content(e, "written guarantee")
    assert st.speaker == "Farhana Rahman Chowdhury"
    assert st.channel == "press conference"


def test_a_post_paraphrased_after_the_label_gives_its_quotations(ex):
    e = extract(ex, _FLOOD_BLOG, dt.date(2025, 4, 8))
    assert by_content(e, "baseless").content.strip("\"") == "baseless"
    st = by_content(e, "any further accusation")
    assert "Indian embassy" in st.speaker
    assert st.channel == "social-media post"


def test_a_block_quoted_post_after_a_label_ending_in_a_colon(ex):
    e = extract(ex, _FLOOD_BLOG, dt.date(2025, 4, 8))
    st = by_content(e, "shared flood data")
    assert st.speaker == "Arjun Mehra Kapoor"
    assert st.channel == "social-media post"


def test_a_recollection_told_in_the_present_is_dated_when_told(ex):
    text = ("Lina Abela Grech has inspected ferries in Malta for twenty years. \"A hull is honest,\" "
            "she says. \"The paperwork is not.\"\n\n"
            "She sat through a hearing in Valletta in 2021 at which, she says, a maritime inspector "
            "told the owners: \"Fix the hull or stay in port.\" She repeats the line calmly. \"He "
            "was strict,\" she says, \"and he was right.\"")
    e = extract(ex, text, dt.date(2025, 10, 3))
    assert by_content(e, "He was strict").date == "2025-10-03"
    assert by_content(e, "he was right").date == "2025-10-03"


def test_a_time_in_a_clause_describing_a_place_is_not_when_the_words_were_said(ex):
    text = ("Marija Borg Camilleri has fished out of Marsaxlokk all her life.\n\n"
            "\"The harbour used to feed the whole village,\" she told me, standing beside a jetty "
            "that has been closed since March. \"Now it feeds the gulls.\"")
    e = extract(ex, text, dt.date(2025, 10, 3))
    assert by_content(e, "feed the whole village").date == "2025-10-03"
    assert by_content(e, "feeds the gulls").date == "2025-10-03"


def test_a_body_named_by_what_it_is_of_labels_a_post(ex):
    text = ("Live: the river dispute\n\nTuesday 8 April 2025\n\n09:40 CET\n"
            "The Office of the River Commissioner, which oversees the water side of the Tbilisi "
            "agreement, on X: the new dams are \"unlawful\" and \"any further construction will be "
            "referred to the tribunal.\"\n")
    e = extract(ex, text, dt.date(2025, 4, 8))
    st = by_content(e, "any further construction")
    assert st.speaker == "Office of the River Commissioner"
    assert st.channel == "social-media post"
    assert by_content(e, "unlawful").speaker == "Office of the River Commissioner"


def test_a_verb_quoted_as_the_speakers_own_word(ex):
    text = ("The Peruvian embassy, in a post on its Facebook page, \"firmly rejects\" the "
            "accusation and asks \"the authorities to clarify the facts.\"")
    e = extract(ex, text)
    st = by_content(e, "firmly rejects")
    assert st.speaker == "Peruvian embassy"
    assert "accusation" not in st.content
    assert by_content(e, "clarify the facts").speaker == "Peruvian embassy"


_GATE = ("A man who had driven down from Mosta, and who asked that only his first name, Karmenu, be "
         "used, waited by the gate.\n\n"
         "\u201cMy grandmother said to me before she died, \u2018If they ever let you go back, tell "
         "them we did not blame anyone,\u2019\u201d Karmenu said. \u201cSo I am telling you.\u201d")


def test_a_speech_verb_right_after_a_quotation_with_a_nested_one(ex):
    e = extract(ex, _GATE)
    assert by_content(e, "My grandmother said to me").speaker == "Karmenu"
    assert by_content(e, "So I am telling you").speaker == "Karmenu"


def test_a_request_on_how_someone_is_named_is_no_statement(ex):
    e = extract(ex, _GATE)
    assert not [s for s in e.statements if "first name" in s.content]


def test_a_prayer_said_is_a_rite_not_a_statement(ex):
    text = "On Sunday the mayor of Birgu said a prayer at the memorial, in Maltese and then in English."
    e = extract(ex, text)
    assert not [s for s in e.statements if "prayer" in s.content]


def test_a_headline_labelled_live_has_no_speaker(ex):
    text = ("LIVE: Second landslide on the coast road \u2014 Valletta urges Rome and Tunis to help\n\n"
            "Updated 8 April 2025\n\n"
            "7.40am GMT\n"
            "The civil protection agency says the road will stay closed until Friday.\n")
    e = extract(ex, text, dt.date(2025, 4, 8))
    assert not [s for s in e.statements if "landslide" in s.content or "Tunis" in s.content]
