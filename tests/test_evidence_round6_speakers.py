"""Resolved speakers, failure classes of issue 15's sixth round (held-out part 5, now
development material). Each test is written on sentences invented for it (not taken from
bench/evidence_devset) and checks the resolved speaker a user sees."""

from __future__ import annotations

import pytest

from detente.evidence.extract import Extractor
from evidence_helpers import by_content, extract


@pytest.fixture(scope="module")
def ex():
    return Extractor()


@pytest.mark.parametrize("text, later, full", [
    # the tagger labels only "Rangi Pohatu": the capitalised words before it belong to the name
    ("Enter Angus Te Rangi Pohatu, a former Australian judge who was appointed this year as an "
     "independent moderator. What Pohatu has told both sides, he says, is that the map will not change.",
     "map will not change", "Angus Te Rangi Pohatu"),
    # two PERSON spans side by side ("[Duncan] Te [Whetu Karaka]") are one name
    ("Enter Duncan Te Whetu Karaka, a retired Samoan judge named this year as the independent "
     "moderator. Karaka said the vote would be held in March.",
     "vote would be held", "Duncan Te Whetu Karaka"),
    # a given name after a title's head noun, the tagger labelling only the two surnames
    ("Ruritania's Water Secretary Eusebio Marchena Ortuño told a news conference at the palace that "
     "the reservoirs would be opened. \"We will not let the valley go dry,\" Marchena said.",
     "valley go dry", "Eusebio Marchena Ortuño"),
])
def test_a_later_part_of_a_long_name_is_the_full_name(ex, text, later, full):
    e = extract(ex, text)
    assert by_content(e, later).speaker == full


@pytest.mark.parametrize("text, content, name", [
    # "Foreign" before "Affairs" is inside the title, so "Affairs" is not a given name
    ("\u201cThe talks will go on,\u201d said Minister of Foreign Affairs Ingeborg Lysne.",
     "talks will go on", "Ingeborg Lysne"),
    # a title ending "of" and a capitalised word
    ("Today, Deputy Prime Minister and Minister of Energy Halyna Voronko signed the accord. "
     "\u201cThis is a fair deal,\u201d Voronko said.", "fair deal", "Halyna Voronko"),
])
def test_a_title_of_several_words_is_no_part_of_the_name(ex, text, content, name):
    e = extract(ex, text)
    assert by_content(e, content).speaker == name
