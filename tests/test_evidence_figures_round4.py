"""Figures on unseen news text, round 4 of issue 15: which numbers are figures, who claims them,
and which figure disputes which.

Every sentence here is written for the test (not taken from bench/evidence_devset).
"""

from __future__ import annotations

import pytest

from detente.evidence.figures import find_figures
from evidence_helpers import extract


def figs(ex, text):
    return [(f.text, f.value, f.unit) for f in find_figures(ex.nlp(text))]


@pytest.mark.parametrize("text,expected", [
    ("The border posts will reopen within forty days, the minister said.", ("forty days", 40.0, "days")),
    ("Exports could triple within five years if the port stays open.", ("five years", 5.0, "years")),
    ("The bank will lend to farmers for the next twelve years.", ("twelve years", 12.0, "years")),
    ("A second meeting will be held within about 90 days.", ("about 90 days", 90.0, "days")),
    ("Inspectors must report over the coming six months.", ("six months", 6.0, "months")),
])
def test_a_deadline_or_horizon_ahead_is_a_figure(ex, text, expected):
    assert figs(ex, text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("Drones crossed the line 38 times in March.", ("38", 38.0, "times")),
    ("In March alone, drones crossed the line 38 times.", ("38", 38.0, "times")),
    ("The envoys have held 19 rounds of talks since 2011.", ("19", 19.0, "rounds")),
])
def test_a_count_of_events_in_digits_is_a_figure(ex, text, expected):
    assert figs(ex, text) == [expected]


@pytest.mark.parametrize("text", [
    "The war began four years ago.",  # a time ago
    "She has spent three years negotiating with insurers.",  # a span behind, background
    "It was the second visit in five months.",
    "The pause lasts 30 days.",  # a span that is no deadline
    "Prices are now 12 times higher than in May.",  # a multiplier
    "Imports grew four times as fast.",
    "He knocked three times on the door.",  # a small spelled-out count of no claim
    "Within a year the mine had closed.",  # no number
])
def test_durations_behind_multipliers_and_small_counts_are_not_figures(ex, text):
    assert figs(ex, text) == []


def test_live_blog_clock_times_are_not_counts_of_the_next_noun(ex):
    text = ("Border talks: live\n\n"
            "08:40 Morning session opens with the delegations of both sides.\n\n"
            "11:15 Context: the crossing has been closed since May.\n\n"
            "16:05 Head of mission Tomas Lind said 200 monitors would be deployed.")
    e = extract(ex, text)
    assert [(f.text, f.unit) for f in e.figures] == [("200", "monitors")]
    assert e.figures[0].claimed_by == "Tomas Lind"


def disputes(e):
    return {(f.text, f.claimed_by): (f.dispute_text, f.disputed_by) for f in e.figures if f.disputed_by}


def test_a_descriptor_and_the_name_after_it_claim_as_the_name(ex):
    e = extract(ex, "The press-freedom group Libre Prensa counts 40 jailed reporters; the ministry "
                    "says there are none.")
    assert [(f.text, f.claimed_by) for f in e.figures] == [("40", "Libre Prensa")]


@pytest.mark.parametrize("lead", [
    "The interior ministry puts the number much higher.",
    "The interior ministry tells a different story.",
    "The interior ministry disputes that count.",
    "The numbers are contested.",
])
def test_a_sentence_announcing_the_answer_links_the_counter_figure(ex, lead):
    text = ("Observers from the mission said they had recorded 14 arrests along the border since May.\n\n"
            f"{lead} Its spokesman, Tamaz Beridze, said 61 villagers had been detained this year.")
    e = extract(ex, text)
    assert [(f.text, f.disputed_by, f.dispute_text) for f in e.figures if f.disputed_by] == [
        ("14", "Tamaz Beridze", "61")], disputes(e)


def test_two_claimants_in_one_contested_sentence(ex):
    text = ("The size of the camps is contested. Rabat says some 40,000 people live in them; the "
            "front says 95,000 refugees live there.")
    e = extract(ex, text)
    assert [(f.text, f.disputed_by, f.dispute_text) for f in e.figures if f.disputed_by] == [
        ("some 40,000", "front", "95,000")]


def test_the_same_claim_with_another_number_is_a_dispute(ex):
    text = ("Marta Silva, an economist in Lisbon, estimates that the fishing licences brought the "
            "islands no more than 30 million euros a year.\n\n"
            "The fisheries ministry said in May that the licences had brought in 85 million euros a year.")
    e = extract(ex, text)
    assert [(f.text, f.claimed_by, f.disputed_by) for f in e.figures if f.disputed_by] == [
        ("no more than 30 million", "Marta Silva", "fisheries ministry")]


@pytest.mark.parametrize("text", [
    # different things counted by the same verb: different subjects
    "Kyiv said Ukraine has 300 tanks in the region. Moscow said Russia has 900 tanks there.",
    "Kyiv said its forces destroyed 300 drones in May. Moscow said its forces destroyed 900 drones.",
    "Kyiv said Ukrainian forces destroyed 300 drones in May. Moscow said Russian forces destroyed 900 drones.",
    # different events: a count of times and a count of violations
    "Athens said Turkish jets entered its airspace 31 times in May. Ankara says Greek jets "
    "committed 140 violations over the same month.",
    # an answer in another clause of the sentence is not this figure's
    "Anna Berg said 300 people had gathered. Organisers say 20,000 people will march on "
    "Saturday; police put the expected turnout at under 5,000.",
])
def test_figures_that_do_not_answer_each_other_are_not_linked(ex, text):
    e = extract(ex, text)
    d = disputes(e)
    assert not any(k[0] == "300" or k[0] == "31" or k[0].startswith("300") for k in d), d
    if "police" in text:
        assert list(d.values()) == [("under 5,000", "police")], d


def test_an_answer_naming_the_figure_it_answers_after_it(ex):
    text = ("The fund will cost about 4 billion euros in all, Commissioner Lena Holm said.\n\n"
            "Petra Novak, the finance minister, put the cost for her country at 700 million euros, "
            "against the Commission's estimate of 200 million.")
    e = extract(ex, text)
    d = {f.text: (f.dispute_text, f.disputed_by) for f in e.figures if f.disputed_by}
    assert d == {"200 million": ("700 million", "Petra Novak")}, d


def claims(e):
    return {f.text: f.claimed_by for f in e.figures}


def test_according_to_in_a_statement_names_the_claimant_unless_it_is_evidence(ex):
    e = extract(ex, "Sofia Brandt said the tribunal had listed at least 900 missing people by name, "
                    "a figure that rose to 4,000 by June according to Croatian prosecutors.")
    assert claims(e) == {"at least 900": "Sofia Brandt", "4,000": "Croatian prosecutors"}
    e = extract(ex, "Pavel Marek, an analyst in Prague, said the army had moved about 3,000 troops "
                    "to the border, according to satellite images his team examined.")
    assert claims(e) == {"about 3,000": "Pavel Marek"}


def test_a_figure_between_the_cue_and_what_it_reports_is_the_speakers(ex):
    e = extract(ex, "A Greek official, speaking on condition of anonymity, said the talks had ended. "
                    "The official said about 80 million euros, the sum Ankara had first asked for, "
                    "had “never been discussed”.")
    assert claims(e) == {"about 80 million": "Greek official"}


def test_a_figure_in_an_adverbial_of_the_cue_stays_the_articles(ex):
    e = extract(ex, "Foreign Minister Ilse Vogt told reporters after more than six hours of talks "
                    "that “the door is still open”.")
    assert claims(e) == {"more than six hours": None}


def test_a_parenthetical_speech_verb_claims_the_figure(ex):
    e = extract(ex, "The envoy, Maria Lenz, arrived late. About 300 people, she said, were still missing.")
    assert claims(e) == {"About 300": "Maria Lenz"}


def test_a_relative_clause_on_what_a_figure_counts_shares_its_claimant(ex):
    e = extract(ex, "Lena Holm estimates that about 2 million Syrians now live in Turkey, of whom "
                    "perhaps 300,000 would go home if they could.")
    assert claims(e) == {"about 2 million": "Lena Holm", "perhaps 300,000": "Lena Holm"}


def test_a_number_followed_by_who_counts_people(ex):
    e = extract(ex, "Officials said the freed sailors included 17 who had been held since 2021.")
    assert [(f.text, f.unit, f.claimed_by) for f in e.figures] == [("17", "people", "Officials")]


@pytest.mark.parametrize("text", [
    "10.42am GMT The delegations have arrived.",  # a clock time with a point and am/pm
    "4.15pm GMT Talks have ended for the day.",
    "She had heard the same from two European diplomats.",  # "European" is no euro
    "The estimates differ by hundreds of thousands.",  # a vague amount of nothing counted
    "The plan is dead, according to two people who were in the room.",  # anonymous sources
    "Three officials familiar with the talks said the plan was dead.",
])
def test_clock_times_sources_and_lookalikes_are_not_figures(ex, text):
    assert figs(ex, text) == []


def test_counts_next_to_those_lookalikes_still_are(ex):
    assert figs(ex, "It will cost 40 million euros, according to two officials.") == [
        ("40 million", 4e7, "EUR")]
    assert figs(ex, "Hundreds of thousands of people fled.") == [("Hundreds of thousands of", 2e5, "people")]


def test_fractions_hedged_or_of_the_figure_before(ex):
    assert figs(ex, "The rebels hold about a fifth of the province.") == [("about a fifth", 0.2, "share")]
    assert figs(ex, "Nearly two-thirds of the villages lack water.") == [("Nearly two-thirds", 2 / 3, "share")]
    e = extract(ex, "Kenya says 18 million litres of fuel crossed the border in May. An Ugandan "
                    "official, Moses Okello, said the real figure was at most a third of that.")
    f = e.figures[-1]
    assert (f.text, f.value, f.unit, f.claimed_by) == ("at most a third of that", 6e6, "litres", "Moses Okello")
    assert e.figures[0].disputed_by == "Moses Okello"
    # parts of a time, and a plain share that is a plan, are not figures
    for t in ("Talks resume in the second half of the year.", "Half of the session was lost.",
              "Norway will fund half of the costs."):
        assert figs(ex, t) == [], t


@pytest.mark.parametrize("text,answer", [
    ("Kyiv said 12,000 soldiers had been killed. Western estimates are far higher. A U.S. official, "
     "Mark Dale, said about 45,000 Ukrainian troops had died.", ("12,000", "about 45,000", "Mark Dale")),
    ("The ministry said 150 people were arrested at the rally. Opposition leader Ana Ruiz said the "
     "true figure was above 600.", ("150", "above 600", "Ana Ruiz")),
    ("The governor said 85 people were killed. Hospital officials gave a lower toll of 60.",
     ("85", "60", "Hospital officials")),
    ("The UN says 2.4 million people need food aid. The government disagrees. Its spokesman, Ali "
     "Nur, said 700,000 people needed help.", ("2.4 million", "700,000", "Ali Nur")),
])
def test_counter_figures_announced_or_named_as_the_true_count(ex, text, answer):
    e = extract(ex, text)
    assert [(f.text, f.dispute_text, f.disputed_by) for f in e.figures if f.disputed_by] == [answer]


def test_a_contrast_alone_does_not_make_a_dispute(ex):
    e = extract(ex, "Police said 2,000 people attended the march. However, 300 people were arrested, "
                    "the interior ministry said.")
    assert [f.disputed_by for f in e.figures] == [None, None]


def test_shares_said_as_one_in_five(ex):
    assert figs(ex, "One in four Moldovans now works abroad.") == [("One in four", 0.25, "share")]
    assert figs(ex, "Nearly two out of three voters backed the treaty.") == [
        ("Nearly two out of three", 2 / 3, "share")]
    for t in ("The team won three in a row.", "It happens one in a million times.", "They met 300 in 2024."):
        assert figs(ex, t) == [], t


def test_a_parenthetical_speech_verb_the_parser_made_the_root(ex):
    e = extract(ex, "Her colleague, Tomas Varga, said he read the same survey another way: 41 percent, "
                    "he pointed out, still trusted the mediators.")
    assert claims(e)["41 percent"] == "Tomas Varga"


def test_the_two_sides_of_one_poll_are_not_a_dispute(ex):
    e = extract(ex, "Irena Kos cited a survey in which 58 percent of respondents opposed the deal. "
                    "Her colleague, Tomas Varga, read it differently: 42 percent, he pointed out, "
                    "still supported it.")
    assert [f.disputed_by for f in e.figures] == [None, None]


def test_another_claimants_figure_for_the_same_thing_inside_a_statement(ex):
    e = extract(ex, "Lars Berg said the war had cost 40 billion dollars, a figure the central bank "
                    "estimated at 25 billion.")
    assert [(f.text, f.claimed_by, f.disputed_by) for f in e.figures] == [
        ("40 billion", "Lars Berg", "central bank"), ("25 billion", "central bank", None)]
