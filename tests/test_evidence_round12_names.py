"""Issue 15, twelfth round: names. A place of several words named in a person's description
("a former deputy mayor of Stara Lipa") or after "in" elsewhere is no person: neither the
speaker of a later quotation nor the antecedent of "he"/"she", even where the tagger takes it
for a person's name. Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

import pytest

from evidence_helpers import by_content, extract

FEATURE = (
    "The quiet mills: how the weavers of Orlavia learned to wait\n\n"
    "For a year the weavers have kept the looms still. Our correspondent followed two of them "
    "from the first picket in {town} to the square in the capital.\n\n"
    "The first time I met Mirela Vukanić-Orsi, in February, she was standing in the rain outside "
    "the School of Textile Design in {town}, holding a card with one word on it. By the time I "
    "saw her again, the card had gone.\n\n"
    "\"We stand at the gate for an hour, then two, one for each month without pay,\" she told me "
    "that month. \"We want the ledgers. That's all.\"\n\n"
    "Not everyone admires the picket. Radu Ciobanu-Verdes, a former deputy mayor of {town} from "
    "the ruling Orlavian Union, told me in May that the weavers had \"won the argument and then "
    "lost the room.\" \"They had a whole valley behind them in winter. Now they close the roads, "
    "and people who work are tired,\" he said. Asked whether the pay ledgers had all been "
    "released, he hesitated. \"Some of them. Not every one.\"\n"
)


@pytest.mark.parametrize("town", ["Stara Lipa", "Nova Gorana", "Gornji Vakuf", "Novo Selo"])
def test_a_place_of_several_words_is_no_speaker(ex, town):
    e = extract(ex, FEATURE.format(town=town))
    for words, who in (("We stand at the gate", "Mirela Vukanić-Orsi"),
                       ("We want the ledgers", "Mirela Vukanić-Orsi"),
                       ("They had a whole valley behind them", "Radu Ciobanu-Verdes"),
                       ("Some of them. Not every one.", "Radu Ciobanu-Verdes")):
        assert by_content(e, words).speaker == who, (town, words, by_content(e, words).speaker)
    assert all(st.speaker != town for st in e.statements)


def test_a_person_named_after_in_stays_a_person(ex):
    # (a person's name after "in" the tagger reads as a person's stays one: "confidence in ...")
    text = ("Voters have lost confidence in Tomas Brevik-Lund, the transport minister. \"The trains "
            "will run on time by spring,\" Brevik-Lund said on Monday.\n")
    e = extract(ex, text)
    assert by_content(e, "The trains will run on time").speaker == "Tomas Brevik-Lund"


BLOCS = (
    "VELNA, March 3 (Reuters) - Officers who seized power in Orlavia named an interim leader on "
    "Thursday.\n\n"
    "The Economic Partnership of North Atlantic Islands condemned \"in the strongest terms\" what it "
    "called an unlawful seizure of power and said a delegation of foreign ministers would travel "
    "to the capital.\n\n"
    "The Monetary Community of Southern Coastal States condemned the takeover and said its envoys "
    "would travel to the capital.\n\n"
    "The Trade Alliance of Eastern Lowland Republics said on Friday that the borders would be "
    "reopened.\n"
)


def test_a_bodys_name_is_not_cut_at_of(ex):
    # ("[Economic Community] of West African States": the whole name, never the words before "of")
    e = extract(ex, BLOCS)
    assert by_content(e, "a delegation of foreign ministers").speaker == \
        "Economic Partnership of North Atlantic Islands"
    assert by_content(e, "its envoys would travel").speaker == "Monetary Community of Southern Coastal States"
    assert by_content(e, "the borders would be reopened").speaker == "Trade Alliance of Eastern Lowland Republics"


def test_a_person_of_a_body_keeps_the_name(ex):
    text = ("Maria Lindqvist of Coastal Fishermens Associations said on Monday that the quota was "
            "\"far too low.\" \"We will appeal,\" Lindqvist said.\n")
    e = extract(ex, text)
    assert by_content(e, "We will appeal").speaker == "Maria Lindqvist"


def test_a_country_of_two_names_joined_by_and_stays_whole(ex):
    # ("[Trinidad] and Tobago's prime minister": the parser makes the first name the subject)
    text = ("The ferry operators blamed the weather for the delays.\n\n"
            "Trinidad and Tobago's transport minister, for his part, wrote on Facebook that he had "
            "\"no patience for excuses\" and that the operators should \"pay every passenger back.\"\n")
    e = extract(ex, text)
    sp = by_content(e, "no patience for excuses").speaker
    assert sp is not None and sp.startswith("Trinidad and Tobago"), sp


def test_a_name_in_apposition_to_a_plain_persons_noun_is_a_person(ex):
    # ("The third student, [Ana-Marija Šimić] from ...," tagged an organisation: a person, so
    # that her "she told me" is hers, not the man named before her)
    text = (FEATURE.format(town="Stara Lipa") + "\n"
            "The third student, Ivana-Lucija Brezovački from Donja Mlaka, says she has been called in by "
            "the police twice since March. \"The first time, the officer asked about my uncle,\" she told "
            "me on the phone last week. \"He did not need to ask anything else.\"\n")
    e = extract(ex, text)
    assert by_content(e, "the officer asked about my uncle").speaker == "Ivana-Lucija Brezovački"
    assert by_content(e, "He did not need to ask anything else").speaker == "Ivana-Lucija Brezovački"
