"""Figures on unseen news text, round 9 of issue 15: which rival figure a counter-figure answers,
chosen by what the two count (the same measure, the same words around them) rather than by
which came last; the signals of a contradiction (a verdict on the claims before, "X disputes
that", a correction "..., not a fall", a reporter putting the other side's figure); amounts in
named dollars; a death toll counted by any noun.

Every sentence here is written for the test (invented people, bodies and places, not taken
from bench/evidence_devset).
"""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract, figure


def linked(e, a, b):
    fa, fb = figure(e, a), figure(e, b)
    return fa.dispute_span == (fb.start, fb.end) or fb.dispute_span == (fa.start, fa.end)


def links(e):
    """Every dispute link of ``e`` as (disputed figure, counter-figure) texts."""
    text = e.article.text
    return [(f.text, text[f.dispute_span[0]:f.dispute_span[1]]) for f in e.figures if f.dispute_span]


# -- which figure an answer disputes ------------------------------------------------------------

def test_an_estimate_answers_the_figure_that_counts_the_same_thing_not_the_nearest(ex):
    e = extract(ex, "Minister Tovald Brenn said on Monday that 40 million euros would be paid in grants "
                    "and that the remaining 25 million euros would be lent to farmers.\n\n"
                    "The island's tax office holds reserves of about 90 million euros, its director Ilse "
                    "Marquand said.\n\n"
                    "Economist Pia Lorrens said the grants would end up closer to 15 million euros "
                    "once fees were taken off.")
    assert linked(e, "closer to 15 million", "40 million")
    assert not linked(e, "closer to 15 million", "about 90 million")


def test_an_answer_to_a_toll_disputes_the_deaths_not_the_wounded(ex):
    e = extract(ex, "The interior ministry says 14 people were killed in the clashes. More than 300 "
                    "people were injured, according to ministry spokesman Arlo Venn.\n\n"
                    "Protest leaders dispute that toll. Their spokeswoman, Mira Tosk, said that at least "
                    "31 of our friends had died.")
    assert figure(e, "at least 31").unit == "deaths"
    assert linked(e, "at least 31", "14")
    assert not linked(e, "at least 31", "More than 300")


def test_x_disputes_that_links_a_count_of_the_same_people_by_another_noun(ex):
    e = extract(ex, "A border agency spokesman, Dorian Hale, said only 12 of the Veshan nationals had "
                    "valid work permits.\n\n"
                    "Vesh disputes that. Its labour minister, Anka Rool, said about 180 of the Veshans held "
                    "permits that allowed the work.")
    assert linked(e, "about 180", "12")


def test_a_correction_after_a_figure_disputes_the_same_measure(ex):
    e = extract(ex, "The transport ministry said in May that road deaths had fallen 6 percent compared "
                    "with last year. Analyst Kemal Durr calls that wishful. By his count, the roads saw "
                    "more than 900 deaths up to May, \"a 12 percent rise, not a fall.\"")
    assert linked(e, "12 percent", "6 percent")


def test_a_reporter_putting_the_other_sides_figure_links_it(ex):
    e = extract(ex, "ROSK: At the closest point the drones were about 8 kilometres inside our border.\n\n"
                    "Q: The Varnian army says the drones stayed over open sea, more than 20 kilometres from "
                    "the coast. What do you say to that?\n\n"
                    "ROSK: I say look at the radar.")
    assert linked(e, "more than 20 kilometres", "about 8 kilometres")


def test_a_verdict_on_the_claims_before_links_the_count_after_it(ex):
    e = extract(ex, "The Ministry notes a post by the opposition MP Ruan Delk claiming that the accord "
                    "will bring \"up to 4,000 foreign soldiers\" to the islands. These claims are false. "
                    "The number of foreign personnel will not exceed 200 personnel, the Ministry said.")
    assert linked(e, "200 personnel", "up to 4,000")


def test_amounts_in_named_dollars_are_money_and_answer_each_other(ex):
    e = extract(ex, "Opposition leader Tama Roiri said the government had spent about 3 million New "
                    "Zealand dollars on the project.\n\n"
                    "The premier's office rejected that figure, saying the spending came to \"under "
                    "700,000 dollars\" this year.")
    assert figure(e, "about 3 million").unit == "NZD"
    assert linked(e, "under 700,000", "about 3 million")


# -- precision: no link without a contradiction ---------------------------------------------------

def test_two_parties_figures_of_one_kind_without_any_contradiction_are_not_linked(ex):
    e = extract(ex, "The ministry said 40 million euros would go to roads. The regional council said "
                    "it would add 15 million euros for bridges.")
    assert links(e) == []


def test_after_a_lead_saying_the_numbers_differ_the_figures_answer_each_other_not_one_before(ex):
    e = extract(ex, "Analyst Joren Sael estimates that Velmark has already spent more than $300 million "
                    "on its own northern harbour.\n\n"
                    "The numbers themselves are disputed. According to Osterra's port authority, the "
                    "southern terminal has cost $1.9 billion so far. An audit seen by this newspaper puts "
                    "the figure at closer to $1.1 billion.")
    assert linked(e, "closer to $1.1 billion", "$1.9 billion")
    assert not linked(e, "$1.9 billion", "more than $300 million")


def test_a_bound_alone_answers_no_amount_of_another_thing(ex):
    e = extract(ex, "The trade office said on Friday that the pact would bring \"$90 billion in orders\" "
                    "to the region.\n\n"
                    "Deputy minister Lotte Vanrijn told reporters that the buyers would pay in tranches of "
                    "no more than $6 billion a year.")
    assert links(e) == []


def test_two_tolls_by_the_same_verb_of_different_people_are_not_rival_counts(ex):
    e = extract(ex, "The army says it lost 12 soldiers in the clashes. Commander Ferro Halm said on Sunday "
                    "that just four rebel fighters had been killed.\n\n"
                    "The Red Cross said in a report that at least 40 civilians were killed in the fighting.")
    assert not linked(e, "at least 40", "four")


def test_a_body_that_counts_differently_answers_the_figure_before(ex):
    e = extract(ex, "Minister Ravi Ostrand said in March that 2.4 million people had fled their homes.\n\n"
                    "The relief agency counts differently. Its director, Hanna Leck, said the agency's survey "
                    "put the number at roughly 1.9 million.")
    assert linked(e, "roughly 1.9 million", "2.4 million")


# -- claimants and figures: 'put X at N', people counted by where they are from, bounded time --

def test_put_the_thing_a_clause_describes_at_a_figure_claims_the_figure(ex):
    e = extract(ex, "The port authority said the tanker had drifted nearly 40 kilometres. Harbour inspector "
                    "Maren Koll disagreed. She put the distance the tanker drifted inside Norland's fishing "
                    "zone at \"less than 12 kilometres\".")
    assert claimant_of(e, "less than 12") == "Maren Koll"


def test_people_counted_by_a_two_word_origin_are_a_figure(ex):
    e = extract(ex, "Foreign minister Ilka Vornas said on Tuesday that 214 North Koreans were still "
                    "waiting at the border post.")
    assert figure(e, "214").unit == "koreans"
    assert claimant_of(e, "214") == "Ilka Vornas"


def test_people_counted_by_a_plural_proper_noun_are_no_part_of_a_name(ex):
    e = extract(ex, "Defence minister Tarja Ellum said that all 27 Allies had signed the pledge.")
    assert claimant_of(e, "27") == "Tarja Ellum"


def test_a_bounded_amount_of_time_someone_claims_is_a_figure(ex):
    e = extract(ex, "The energy agency's director, Olli Varpe, said the country held fuel reserves for at "
                    "least 60 days. Analyst Dena Hoss said the stocks would last no more than 18 days.")
    assert claimant_of(e, "at least 60 days") == "Olli Varpe"
    assert claimant_of(e, "no more than 18 days") == "Dena Hoss"


def test_a_bounded_time_ago_or_the_articles_own_is_no_figure(ex):
    e = extract(ex, "The talks in Kessa lasted at least three days. More than two weeks ago the envoys "
                    "first met in the port.")
    assert not [f for f in e.figures if "days" in f.text or "weeks" in f.text]


# -- claimants: "according to its report", "the company" after "the oil company Velta" ------------

def test_according_to_its_report_is_the_claim_of_the_body_the_clause_speaks_of(ex):
    e = extract(ex, "Ostmark Rail employs about 4,000 people across the region, according to its latest "
                    "annual report.")
    assert claimant_of(e, "about 4,000") == "Ostmark Rail"


def test_the_company_is_the_body_the_text_called_a_company_before(ex):
    e = extract(ex, "Sanctions on Norland's state oil company Velta took effect on Monday. Velta supplies "
                    "most of the fuel sold in Norland.\n\n"
                    "A Velta engineer said staff had been told to prepare for a shutdown. The company "
                    "employs about 4,000 people across the region, according to its latest annual report.")
    assert claimant_of(e, "about 4,000") == "Velta"


def test_the_company_said_speaks_for_the_body_called_a_company(ex):
    e = extract(ex, "Sanctions on Norland's state oil company Velta took effect on Monday. The company "
                    "said it would appeal.")
    assert by_content(e, "it would appeal").speaker == "Velta"


def test_the_diplomat_is_no_place_named_after_a_diplomat(ex):
    e = extract(ex, "A Western diplomat in Velna said the talks had stalled. The diplomat said that "
                    "nobody wanted the border on the agenda.")
    assert by_content(e, "nobody wanted").speaker != "Velna"
