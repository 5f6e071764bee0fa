"""Issue 15, nineteenth round, bodies' names: a union's name that lists its trades before its
head ("the Federated Mining, Metal and Allied Trades Union"), and a mission or delegation named
by the country it is sent to ("the European Union Delegation in Georgia"). Written for the test
on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

UNION_OF_TRADES = (
    "The strike called by the Federated Mining, Metal and Allied Trades Union over pay enters its "
    "third day.\n\n"
    "The union said on Facebook that more than 60 of its members had been detained since Friday.\n"
)


def test_a_union_s_name_may_list_its_trades_before_its_head(ex):
    e = extract(ex, UNION_OF_TRADES)
    name = "Federated Mining, Metal and Allied Trades Union"
    assert by_content(e, "detained since Friday").speaker == name
    assert claimant_of(e, "more than 60") == name


LIST_OF_BODIES = (
    "Officials from Zambia, Malawi and the African Union met in Lusaka on Monday. The African Union "
    "said 14 countries had signed the accord.\n"
)


def test_a_list_ending_in_and_the_is_no_union_s_name(ex):
    e = extract(ex, LIST_OF_BODIES)
    assert by_content(e, "14 countries").speaker == "African Union"


MISSION_IN_A_COUNTRY = (
    "The European Union Delegation in Georgia said on Facebook that its observers had made 140 "
    "visits along the Kvemo section since May.\n"
)


def test_a_mission_is_named_by_the_country_it_is_sent_to(ex):
    e = extract(ex, MISSION_IN_A_COUNTRY)
    assert by_content(e, "140 visits").speaker == "European Union Delegation in Georgia"
    assert claimant_of(e, "140") == "European Union Delegation in Georgia"


BANK_OF_A_COUNTRY = (
    "The scheme brought in 2.7 billion pa'anga last year, according to the Central Bank of Tonga.\n\n"
    "In a statement on Monday, the Central Bank said the change could cut exports by 9 percent next "
    "year.\n"
)


def test_a_body_named_again_without_its_country_is_the_one_named_with_it(ex):
    e = extract(ex, BANK_OF_A_COUNTRY)
    assert by_content(e, "cut exports").speaker == "Central Bank of Tonga"
    assert claimant_of(e, "9 percent") == "Central Bank of Tonga"


BODY_OF_HOLDERS = (
    "The Ad Hoc Committee of Eurobond Holders met on Monday. The Ad Hoc Committee said 41 percent "
    "of the notes had been tendered.\n"
)


def test_a_body_of_members_is_no_body_of_a_place(ex):
    e = extract(ex, BODY_OF_HOLDERS)
    assert by_content(e, "41 percent").speaker == "Ad Hoc Committee"
