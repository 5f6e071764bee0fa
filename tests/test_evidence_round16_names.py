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


# Two coordinated speech verbs with one subject are two statements, one per cue (round 15's
# convention), when the second is in the past after a reported clause in the present or under a
# modal: it cannot be a verb of that clause.

def test_said_a_present_clause_and_urged_is_two_statements(ex):
    e = extract(ex, "Border row\n\nDeputy envoy Mireille Kostandi said that Arvelia \u201cstands with Tomsk's "
                    "borders\u201d and urged both sides to respect the ruling of the tribunal.\n")
    said = by_content(e, "stands with Tomsk")
    urged = by_content(e, "both sides to respect")
    assert said is not urged and "urged" not in said.content
    assert said.speaker == urged.speaker == "Mireille Kostandi"


def test_said_a_modal_clause_and_called_on_someone_is_two_statements(ex):
    e = extract(ex, "Mining pause\n\nPremier Aroha Tane-Whitu defended the deal on Monday.\n\n"
                    "Opposition leader Rawiri Kaipara-Hohepa said the pause would hurt \"the farmers and the "
                    "fishers, not the people who made this mess,\" and called on Tane-Whitu to publish the full "
                    "text of the deal. He said the government had already spent about 3 million dollars on "
                    "consultants.\n")
    called = by_content(e, "to publish the full text")
    assert "would hurt" not in called.content and called.content.startswith("Tane-Whitu")
    assert called.speaker == "Rawiri Kaipara-Hohepa"
    # (the one called on is no later "he")
    assert by_content(e, "3 million dollars").speaker == "Rawiri Kaipara-Hohepa"


def test_said_that_it_and_urged_stays_one_statement(ex):
    # (the clause's subject is the speaker's own pronoun: the second verb may be the clause's)
    e = extract(ex, "Coup attempt\n\nThe Sahel Union said in a statement that it \"rejects any attempt at a "
                    "coup\" and urged the soldiers to return to barracks.\n")
    assert "return to barracks" in by_content(e, "rejects any attempt").content


def test_a_bodys_name_before_its_description_is_the_speaker(ex):
    # (the parser hangs "UGT" on "Argentina", inside the description "Argentina's largest labour
    # federation" that is the verb's subject)
    e = extract(ex, "Wages\n\nOutside the ministries, the numbers that matter are jobs. The UGT, Argentina's "
                    "largest labour federation, said in a statement that 300,000 formal jobs had been lost "
                    "since the program began.\n")
    assert by_content(e, "300,000 formal jobs").speaker == "UGT"
    assert claimant_of(e, "300,000") == "UGT"


def test_a_countrys_high_commission_keeps_its_city(ex):
    # (a Commonwealth country's "High Commission", tagged an organisation by name, is a post
    # abroad named by its city like an embassy, whatever the tagger made of the city)
    e = extract(ex, "Vote count: live\n\n1.10pm Japan's High Commission in Apia said in a statement that the "
                    "vote had been orderly.\n")
    assert by_content(e, "vote had been orderly").speaker == "Japan's High Commission in Apia"
    e = extract(ex, "Vote count: live\n\nAustralia's High Commission in Honiara said in a statement that the "
                    "count was \u201cclean\u201d.\n")
    assert by_content(e, "count was").speaker == "Australia's High Commission in Honiara"


def test_a_guards_name_is_a_body_not_a_person(ex):
    # ("The Coast Guard says", tagged an organisation: no person named "Coast Guard", whom a
    # later "she" could stand for)
    e = extract(ex, "At the edge of the sea\n\nThe Coast Guard says crossings have fallen sharply since Velnia "
                    "closed the strait in 2024: it counted 3,100 boats in the first half of this year. Lt. Marta "
                    "Kowalczyk, a spokeswoman for the northern division of the Coast Guard, told me the patrols "
                    "had \u201ctaken away the smugglers' business.\u201d She said her service had found the bodies "
                    "of 9 people at sea this year.\n")
    assert by_content(e, "bodies of 9 people").speaker == "Marta Kowalczyk"
    assert claimant_of(e, "3,100") == "Coast Guard"


def test_a_region_before_a_bodys_division_is_no_person(ex):
    # ("the [Mazury] division", the region tagged a person: no one a later "she" stands for)
    e = extract(ex, "At the edge of the sea\n\nLt. Marta Kowalczyk, a spokeswoman for the Mazury division "
                    "of the Coast Guard, told me the patrols had \u201ctaken away the smugglers' business.\u201d "
                    "She said her service had found the bodies of 9 people at sea this year.\n")
    assert by_content(e, "bodies of 9 people").speaker == "Marta Kowalczyk"
