"""Issue 15, sixteenth round, names: a person whose given name is two parts joined by a hyphen
("Min-jun", "Ji-yeon"), introduced in full and later called by the surname alone, is the person
in full, whether the tagger labelled the surname alone or the given name and the surname apart.
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract


def _feature(name: str, pronoun: str) -> str:
    return ("Mining royalties: who pays?\n\n"
            "The copper tax has split economists. "
            f"{name}, who covers Africa for Daiwa in Seoul, is doubtful. "
            f"{pronoun} estimates that the treasury could lose about $400 million next year. "
            f"\u201cTaxes chase miners away,\u201d {name.split()[-1]} told me on Friday.\n")


def test_a_hyphenated_given_name_before_a_surname_tagged_alone(ex):
    # (the tagger labels "Seo" alone a person)
    e = extract(ex, _feature("Min-jun Seo", "He"))
    assert by_content(e, "Taxes chase miners").speaker == "Min-jun Seo"


def test_a_hyphenated_given_name_and_a_surname_tagged_apart(ex):
    # (the tagger labels "Ji-yeon" a person and "Choi" an organisation)
    e = extract(ex, _feature("Ji-yeon Choi", "She"))
    assert by_content(e, "treasury could lose").speaker == "Ji-yeon Choi"
    assert by_content(e, "Taxes chase miners").speaker == "Ji-yeon Choi"
    assert claimant_of(e, "$400 million") == "Ji-yeon Choi"
