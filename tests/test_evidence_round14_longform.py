"""Issue 15, fourteenth round, channels of an occasion: words told to a rally, a plenary or a
hearing are a speech, not remarks at a meeting; words said by someone who "spoke at a news
conference" were said at a press conference. Written for the test on invented text, not taken
from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, doc_with_entities, extract, person_names

RALLY = (
    "Fishermen in the delta have blocked the river road since June.\n\n"
    "Tovah Renquist, who leads the Delta Fishers' League, says the league is not against the port. "
    "\u201cThe river feeds us. We feed the city,\u201d she told a rally in Marrowby last week. "
    "She said the league would accept nothing short of \u201cnets for nets.\u201d\n"
)


def test_words_told_to_a_rally_are_a_speech(ex):
    e = extract(ex, RALLY)
    assert by_content(e, "We feed the city").channel == "speech"
    assert by_content(e, "nothing short of").channel == "speech"


PLENARY = (
    "The conference on river treaties ended on Friday without a vote.\n\n"
    "The head of one delegation, Osric Vellamere, told the plenary that the draft had been "
    "\u201cwritten in a hurry\u201d and would cost the smaller states dearly.\n"
)


def test_words_told_to_the_plenary_are_a_speech(ex):
    e = extract(ex, PLENARY)
    assert by_content(e, "written in a hurry").channel == "speech"


NEWS_CONFERENCE = (
    "4.15pm\nThe mayor, Ondine Halvarsen, has now spoken, at a news conference in Westerby. "
    "\u201cI am not asking anyone to trust the polls. I am asking them to vote,\u201d she said. "
    "She said she would accept the result.\n"
)


def test_words_after_speaking_at_a_news_conference_are_a_press_conference(ex):
    e = extract(ex, NEWS_CONFERENCE)
    assert by_content(e, "trust the polls").channel == "press conference"


MANAGER = (
    "The tannery stands two kilometres up the river from the village.\n\n"
    "The tannery's operations manager, Ousmane Kebbeh Ndaw, received me in a cool office in "
    "June. He said the tannery used only hides \u201cthat nobody else will buy\u201d and drew "
    "about 30 cubic metres of water a day.\n"
)


def test_a_name_in_apposition_to_a_job_is_a_person():
    # (whatever the tagger made of the name: here an organisation's label)
    doc = doc_with_entities(MANAGER, [("Ousmane Kebbeh Ndaw", "ORG")])
    assert "Ousmane Kebbeh Ndaw" in person_names(doc)
