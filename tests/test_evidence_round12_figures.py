"""Issue 15, round 12: figures missed (the length of each of several things, "14-hour shifts"; a
spelled-out part of what someone owns, "three of its depots") and counter-figures linked where
the two figures measure different things (a bare number whose claim names the count, "puts the
number of dead at 880"; a part of the count just given, "300 of them"; a yearly rate beside an
amount; things of different owners). Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import claimant_of, extract, figure


def _figure_or_none(e, part: str):
    return next((f for f in e.figures if part in f.text or f.text in part), None)


def test_the_length_of_each_of_several_things_is_a_figure_in_a_claim(ex):
    e = extract(ex, "“Our nurses are working 14-hour shifts, and nobody relieves them,” said Anja Morrow, "
                    "the hospital's director.\n\nThe town's firefighters signed a 72-hour truce with the "
                    "council. Most of the volunteers are 20-year-olds from the valley.\n")
    f = figure(e, "14-hour shifts")
    assert (f.text, f.value, f.unit, f.claimed_by) == ("14-hour shifts", 14, "hours", "Anja Morrow")
    assert _figure_or_none(e, "72-hour") is None and _figure_or_none(e, "20-year") is None
    # the article's own "12-hour shifts" is no claim
    e = extract(ex, "The crews in Tarn work 12-hour shifts through the winter.\n")
    assert _figure_or_none(e, "12-hour") is None


def test_a_spelled_out_part_of_what_someone_owns_is_a_figure(ex):
    e = extract(ex, "The army said on Monday that the rebels had destroyed three of its depots overnight.\n")
    f = figure(e, "three")
    assert (f.value, f.unit, f.claimed_by) == (3, "depots", "army")


DEAD_AND_WOUNDED = (
    "The health ministry of Valdoria says 410 people have been killed in nine days of air strikes, "
    "most of them civilians, and more than 2,900 wounded.\n\n"
    "The Tarn Monitoring Centre, a group based abroad, puts the number of dead far higher, at 880, and "
    "says at least 300 of them were civilians.\n"
)


def test_a_bare_number_counts_what_its_claim_names_and_a_part_of_it_answers_nothing(ex):
    e = extract(ex, DEAD_AND_WOUNDED)
    assert figure(e, "880").unit == "deaths"
    killed, wounded = figure(e, "410"), figure(e, "2,900")
    assert killed.dispute_text == "880", [(f.text, f.unit, f.dispute_text) for f in e.figures]
    assert wounded.dispute_text is None


RATE_AND_AMOUNT = (
    "The trade ministry said the buyers had agreed to take 6 million tonnes of grain by the end of the "
    "year and at least 15 million tonnes a year from 2027. Tomas Verhoeven, an analyst at the Tarn "
    "Institute, said a realistic figure for this year was \"closer to 3 million tonnes.\"\n"
)


def test_an_amount_answers_the_amount_not_the_yearly_rate_beside_it(ex):
    e = extract(ex, RATE_AND_AMOUNT)
    assert figure(e, "6 million").dispute_text == "closer to 3 million", \
        [(f.text, f.claimed_by, f.dispute_text) for f in e.figures]
    assert figure(e, "15 million").dispute_text is None


OWNERS = (
    "Valdoria's military spokesman, General Piet Rademaker, told a press conference: \"We have hit 30 "
    "military targets. This was a measured response.\"\n\n"
    "He said Valdoria had acted because Marenland had struck three of its air bases earlier in the night.\n\n"
    "Colonel Ilse Brandt, briefing in Tarn, says the Valdorian claims are \"false from beginning to end.\" "
    "Damage at four Marenland bases was \"limited\", she says.\n"
)


def test_counts_of_different_owners_things_are_no_rivals(ex):
    e = extract(ex, OWNERS)
    assert claimant_of(e, "four") == "Ilse Brandt"
    assert figure(e, "three").dispute_text is None, [(f.text, f.claimed_by, f.dispute_text) for f in e.figures]


NAMED_AND_BORROWED = (
    "An official at Valdoria's interior ministry, who spoke on condition of anonymity, told me that Tarn "
    "has now submitted “more than 200 requests” for further permits. Marenland has approved 15 so far, "
    "the official said. A spokesman for Marenland's Ministry of Housing, asked about the figure, said the "
    "ministry had received 80 applications and had approved “every one that was complete.”\n"
)


def test_an_answer_naming_its_noun_answers_a_claim_that_named_one(ex):
    e = extract(ex, NAMED_AND_BORROWED)
    assert figure(e, "more than 200").dispute_text == "80", [(f.text, f.unit, f.dispute_text) for f in e.figures]
    assert figure(e, "15").dispute_text is None
