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
