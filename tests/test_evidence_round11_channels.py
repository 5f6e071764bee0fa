"""Issue 15, eleventh round: channels. The occasion named by a listener with an indefinite
article or a broadcast's programme ("told a radio station", "told a television talk show",
"told the BBC's World Tonight programme") is an interview; words told to a crowd or an audience
are a speech; "when I visited the camp" (a place, not the speaker) names no interview. Written
for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

TEXT = (
    "KASVEL, March 3 (AFP) - Velnia opened its new bridge on Tuesday, with Prime Minister Otto Rask "
    "telling a crowd at the river that the project was \"a promise kept to every Velnian.\"\n\n"
    "Orsinian Transport Minister Hanna Lidd told a television talk show on Monday evening that the "
    "bridge had already cost Orsinia \"more than 2 billion crowns\" in lost trade.\n\n"
    "The port's director, Ilse Varn, was guarded. \"We have agreed to meet, and we are meeting,\" she "
    "told a radio station in Kasvel last week. \"The study will say what it says.\"\n\n"
    "From Tarn, the relief agency's field coordinator, Anna Pelkonen-Varga, told the BBC's World "
    "Tonight programme that her staff had counted \"two hundred families on the road\".\n"
)


def test_a_listener_named_with_an_indefinite_article_or_a_programme_is_an_interview(ex):
    e = extract(ex, TEXT)
    assert by_content(e, "the bridge had already cost Orsinia").channel == "interview"
    assert by_content(e, "We have agreed to meet").channel == "interview"
    assert by_content(e, "The study will say what it says.").channel == "interview"
    assert by_content(e, "her staff had counted").channel == "interview"


def test_words_told_to_a_crowd_are_a_speech(ex):
    e = extract(ex, TEXT)
    assert by_content(e, "the project was").channel == "speech"


def test_a_visit_to_a_place_names_no_interview(ex):
    text = ("On the border, that means Captain Mara Lint and her men. \"We watch them, they watch us,\" "
            "she said when I visited the camp in June. \"That is all.\"\n\n"
            "The trader Oskar Vell was blunt. \"Nobody buys,\" he said when I visited him in May.\n")
    e = extract(ex, text)
    assert by_content(e, "We watch them").channel is None
    assert by_content(e, "That is all.").channel is None
    assert by_content(e, "Nobody buys").channel == "interview"


def test_an_occasion_named_after_the_reported_clause_is_its_channel(ex):
    text = ("The Velna Medical Union now says \"more than 300\" people died in the district, in a post on "
            "Facebook citing nurses at the clinic.\n\n"
            "The harbour board said the dredging would start in May, as planned.\n")
    e = extract(ex, text)
    assert by_content(e, "people died in the district").channel == "social-media post"
    assert by_content(e, "the dredging would start").channel is None


def test_an_occasion_noun_read_as_the_first_word_of_the_clause_names_the_channel(ex):
    text = ("14:30 The UN's relief office, UNRO, said in its latest situation report that about 40,000 "
            "people in the north of Orsinia were cut off by the floods.\n")
    e = extract(ex, text)
    st = by_content(e, "about 40,000 people in the north of Orsinia")
    assert st.channel == "report"
    assert st.content.startswith("about 40,000 people")


def test_sources_sought_out_for_the_story_name_no_interview(ex):
    text = ("12:05 A sack of rice, officially 20,000 crowns, is selling for up to 45,000 crowns in the markets "
            "of Kasvel, according to traders interviewed by our correspondent in the old town.\n\n"
            "12:30 The harbour master, Jon Rask, told our correspondent that the port had been closed for "
            "\"nine days\".\n")
    e = extract(ex, text)
    assert by_content(e, "A sack of rice").channel is None
    assert by_content(e, "the port had been closed").channel == "interview"


def test_a_speaker_named_again_by_the_head_of_its_name_keeps_the_channel_in_the_paragraph(ex):
    text = ("Velna, 10 April 2025 — The harbour board said on Thursday that the dredging would start in May.\n\n"
            "The Grain Committee of the millers, in a statement issued through its lawyers, said that it "
            "\"welcomes the swift conclusion of the talks\" and that the agreed prices \"give a fair return to "
            "farmers and mills alike.\" The Committee said its members buy more than 60 percent of the "
            "national harvest.\n")
    e = extract(ex, text)
    assert by_content(e, "welcomes the swift conclusion").channel == "statement"
    assert by_content(e, "its members buy more than 60 percent").channel == "statement"
