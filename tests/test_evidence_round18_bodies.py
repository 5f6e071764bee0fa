"""Issue 15, eighteenth round, bodies' names and anonymous descriptions: a body's name whose
bracketed initials leave out its first words, the tagger reading them as one body with the rest
("Coral Sea Reef Conservation Agency (RCA)"); a name opening with a compass word and "and"
("Western and Southern Atlantic Tuna Commission"); a definite description of a body named
before in apposition ("The company, Ruvani Platinum, ... The company says") or by the common
noun of a body's count ("the union's own tally"); an anonymous source known by a trade and
where they work ("a freight broker at Clarksons in Oslo"), and one an ordinal counts ("a second
diplomat": the diplomat). Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

REGION_LEFT_OUT_OF_INITIALS = (
    "Members of the Coral Sea Reef Conservation Agency (RCA) today rejected a proposal to cut the "
    "fee for a diving permit.\n\n"
    "According to the Western and Southern Atlantic Tuna Commission, the region supplied about 40 "
    "percent of the world\u2019s albacore in 2025.\n\n"
    "The RCA notes that the fee has risen by 12 percent over the same period.\n"
)


def test_initials_that_leave_out_a_region_stand_for_the_whole_name(ex):
    e = extract(ex, REGION_LEFT_OUT_OF_INITIALS)
    assert by_content(e, "risen by 12 percent").speaker == "Coral Sea Reef Conservation Agency"
    assert claimant_of(e, "12 percent") == "Coral Sea Reef Conservation Agency"


def test_a_compass_word_and_and_open_a_body_s_name(ex):
    e = extract(ex, REGION_LEFT_OUT_OF_INITIALS)
    name = "Western and Southern Atlantic Tuna Commission"
    assert by_content(e, "supplied about 40 percent").speaker == name
    assert claimant_of(e, "40 percent") == name


COMPANY_IN_APPOSITION = (
    "The union she leads wants a monthly wage of 9,000 rand. The company, Ruvani Platinum, has "
    "offered 7,400 rand.\n\n"
    "Thandiwe Khumalo, the union\u2019s organiser, says the firm paid out too much last year.\n\n"
    "The company says the dividend was 2.3 billion rand.\n"
)


def test_the_company_is_the_body_named_in_apposition_to_it_before(ex):
    e = extract(ex, COMPANY_IN_APPOSITION)
    assert by_content(e, "dividend was 2.3 billion").speaker == "Ruvani Platinum"
    assert claimant_of(e, "2.3 billion") == "Ruvani Platinum"


UNION_TALLY = (
    "The union she leads, the Alliance of Stevedores and Harbour Workers Union, wants a monthly "
    "wage of 9,000 rand.\n\n"
    "Thandiwe Khumalo, the union\u2019s organiser, says the firm paid out too much last year.\n\n"
    "Pickets went up in June.\n\n"
    "Talks failed in July.\n\n"
    "By September the mood had changed. The workers voted. The union\u2019s own tally, published "
    "on its website the same day, put the vote at 74 percent.\n"
)


def test_a_body_s_own_tally_is_the_body_s_named_earlier_in_the_text(ex):
    e = extract(ex, UNION_TALLY)
    name = "Alliance of Stevedores and Harbour Workers Union"
    assert by_content(e, "vote at 74 percent").speaker == name
    assert claimant_of(e, "74 percent") == name


ANONYMOUS_SOURCES = (
    "Ships waited off Varna on Tuesday. A freight broker at Clarksons in Oslo, who spoke on "
    "condition of anonymity, told us rates for a Baltic voyage had risen to about 7 percent of the "
    "cargo\u2019s value.\n\n"
    "A first diplomat said the Nordic group would back the text. A second diplomat said the "
    "Andean group would abstain on any draft below 9,000.\n"
)


def test_a_trade_keeps_where_the_source_works(ex):
    e = extract(ex, ANONYMOUS_SOURCES)
    assert by_content(e, "about 7 percent").speaker == "freight broker at Clarksons in Oslo"
    assert claimant_of(e, "7 percent") == "freight broker at Clarksons in Oslo"


def test_an_ordinal_that_counts_sources_is_no_part_of_the_description(ex):
    e = extract(ex, ANONYMOUS_SOURCES)
    assert by_content(e, "Nordic group").speaker == "diplomat"
    assert by_content(e, "Andean group").speaker == "diplomat"
    assert claimant_of(e, "below 9,000") == "diplomat"


GUARDS = (
    "The United Nations World Food Programme (WFP) said on Monday that 40,000 people needed aid. "
    "The WFP said prices had risen 12 percent.\n\n"
    "A second secretary at the Norwegian embassy said the talks would resume.\n"
)


def test_an_owner_body_the_initials_leave_out_and_a_rank_stay_as_they_were(ex):
    e = extract(ex, GUARDS)
    # (the initials stand for the body, not for its owner's name before it)
    assert by_content(e, "prices had risen").speaker == "World Food Programme"
    # (an ordinal that is part of a rank is kept)
    assert by_content(e, "talks would resume").speaker == "second secretary at the Norwegian embassy"


MINISTER_OF_TWO_PORTFOLIOS = (
    "The talks ended on Friday.\n\n"
    "Tuvanu\u2019s Minister of Fisheries and Marine Resources Development, Kaure Taoaba, told the "
    "closing plenary that his country earned \u201chalf its revenue\u201d from licences. He called the "
    "proposal \u201ca tax on atolls.\u201d\n"
)


def test_a_name_after_a_minister_of_two_portfolios_and_a_comma_is_who_speaks(ex):
    # (the role runs on across "and" to the second portfolio, whatever the tagger made of it,
    # so the name after it and a comma is the minister's, tagged or not)
    e = extract(ex, MINISTER_OF_TWO_PORTFOLIOS)
    assert by_content(e, "half its revenue").speaker == "Kaure Taoaba"
    assert by_content(e, "a tax on atolls").speaker == "Kaure Taoaba"


COMPANY_REPORT_FAR_AFTER = (
    "KORSVIK, Norway \u2014 The survey stakes went in two summers ago.\n\n"
    "In March, the company developing the deposit, Nordhavn Minerals, announced that a state "
    "lender had agreed to finance the first phase.\n\n"
    "Farmers in the valley are not convinced.\n\n"
    "They worry about the water.\n\n"
    "They worry about the dust.\n\n"
    "The company's own environmental report puts the share of the waste that would contain "
    "thorium at about 0.4 percent.\n"
)


def test_the_company_s_report_is_the_one_company_s_the_text_named_however_far_before(ex):
    e = extract(ex, COMPANY_REPORT_FAR_AFTER)
    assert by_content(e, "about 0.4 percent").speaker == "Nordhavn Minerals"
    assert claimant_of(e, "0.4 percent") == "Nordhavn Minerals"


COMPANY_NAMED_AFTER_A_PARTICIPLE = (
    "KORSVIK, Norway \u2014 From his farm, Eirik Solheim can see the survey stakes that a mining "
    "company hammered into the slope two summers ago.\n\n"
    "What they want to talk about is the zinc deposit under the ridge. In March, the company "
    "developing it, Nordhavn Minerals, announced that a state lender had agreed to finance the "
    "first phase.\n"
)


def test_the_company_named_after_its_participle_phrase_is_who_speaks(ex):
    # (not the company a description introduced before: "a mining company")
    e = extract(ex, COMPANY_NAMED_AFTER_A_PARTICIPLE)
    assert by_content(e, "state lender").speaker == "Nordhavn Minerals"
