"""Issue 15, eighteenth round, figures: their claimants and disputes.

- a briefing turn that hands a matter over to a body it names and then relays that body's
  account in a sentence of its own ("... is handling the payments. According to the agency,
  58 households have been paid.") gives the figure to the body; a citation that backs the
  briefer's own answer ("The figure is wrong. According to the Ministry of X, ...") stays the
  briefer's;
- a correction that names the claimant of the number it rejects ("fell by a quarter, not by
  half as Norvish officials claim") gives that number to them, and links the two;
- "Her own forecast is ..." is the person's figure, and a rival of the figure before it;
- a figure compared right after it with another party's figure it restates ("— higher than
  the agency's 410,000") disputes that party's figure where it was first given;
- a reason the speaker gives in the same sentence ("said the bloc was "following closely" because
  the line carries some 9 billion cubic metres a year") is the speaker's;
- a bare number whose noun was named just before ("pledged to free 35 detainees; ... say 9
  have been freed", "We found twelve in the wrong crate") is a count of those things; "put the
  number of unsealed ballots at 212" counts ballots; a target is no rival of the progress
  towards it;
- another party's number for the thing the figure before named ("exports had fallen 22
  percent" / "the fall was 7 percent", "an offer he put at $3.20" / "its offer, which it put at
  $4.10") disputes it.

Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import extract, figure

BRIEFING = (
    "Ministry of Foreign Affairs of the Republic of Velnia\n"
    "Transcript of the weekly briefing by Spokesperson Irena Talvik\n"
    "Tarsk, 4 June 2026\n\n"
    "TALVIK: Good afternoon.\n\n"
    "QUESTION (Pavel Orsen, Radio Tarsk): Farmers in Dolny say they have lost their fields. What "
    "compensation will they get?\n\n"
    "TALVIK: The cabinet decided in May on compensation, and the Land Restitution Agency is handling the "
    "payments. According to the agency, 58 households have already been paid. I do not have the total "
    "with me.\n\n"
    "QUESTION (Mira Holt, Tarsk Daily): The harbour union says 900 dockers have lost their jobs.\n\n"
    "TALVIK: The figure is wrong. According to the Ministry of Labour, 340 dockers were laid off, and "
    "most have been rehired.\n"
)


def test_a_briefing_turn_relaying_the_body_it_handed_over_to_gives_the_body_the_figure(ex):
    e = extract(ex, BRIEFING, dt.date(2026, 6, 4))
    assert figure(e, "58").claimed_by == "Land Restitution Agency"
    # (a citation backing the briefer's own answer to a figure stays the briefer's)
    assert figure(e, "340").claimed_by == "Irena Talvik"


CORRECTION_AS_CLAIMED = (
    "ORVIK, Norland — The Norvish government wants the border camps closed by winter.\n\n"
    "The UN refugee agency disputes its account. Its representative in Orvik, Helga Brandvold, said by "
    "telephone that aid to the camps had fallen by a quarter, not by half as Norvish officials claim, and "
    "that nobody should be sent back yet.\n"
)


def test_a_correction_naming_who_claims_the_rejected_number_gives_it_to_them(ex):
    e = extract(ex, CORRECTION_AS_CLAIMED)
    half = figure(e, "half")
    assert half.claimed_by == "Norvish officials"
    assert figure(e, "a quarter").claimed_by == "Helga Brandvold"
    assert half.dispute_text is not None and "quarter" in half.dispute_text


OWN_FORECAST = (
    "How much copper can Tarsk really mine?\n\n"
    "TARSK — The mining minister, Olek Varga, told a conference of investors on Tuesday that output would "
    "reach 640,000 tonnes a year by 2028, up from about 410,000 now.\n\n"
    "Few outside the ministry believe it. Ines Castellano, an analyst at the Baltic Metals Institute, says "
    "the mines need at least $3 billion in new equipment. Her own forecast is 520,000 tonnes a year by "
    "2028.\n\n"
    "The Metals Council's survey for March, published last week, put Tarsk's output at 372,000 tonnes a "
    "year — lower than the ministry's 410,000.\n\n"
    "Varga has promised to reopen 35 shafts before then; the miners' union says 9 have been reopened so far.\n"
)


def test_her_own_forecast_is_hers_and_a_rival_of_the_ministers(ex):
    e = extract(ex, OWN_FORECAST, dt.date(2026, 3, 12))
    assert figure(e, "520,000").claimed_by == "Ines Castellano"
    by = figure(e, "640,000")
    assert by.dispute_text is not None and "520,000" in by.dispute_text


def test_a_comparison_with_a_restated_figure_disputes_that_figure_where_first_given(ex):
    e = extract(ex, OWN_FORECAST, dt.date(2026, 3, 12))
    first = figure(e, "about 410,000")
    assert first.dispute_text is not None and "372,000" in first.dispute_text
    assert figure(e, "640,000").dispute_text is None or "372,000" not in figure(e, "640,000").dispute_text


def test_a_bare_count_after_a_pledge_counts_its_things_and_is_no_rival_of_it(ex):
    e = extract(ex, OWN_FORECAST, dt.date(2026, 3, 12))
    nine = figure(e, "9")
    assert nine.unit == "shafts" and nine.claimed_by is not None
    assert figure(e, "35").disputed_by is None


BECAUSE = (
    "RIGA, May 4 (Reuters) - Talks on the timber levy ended without agreement on Monday.\n\n"
    "At a news conference in Brussels, European Commission spokesman Pieter Hulst said the bloc was "
    "\u201cfollowing closely\u201d because the line carries some 9 billion cubic metres a year towards Nordic "
    "buyers. He said the "
    "Commission had not been asked to mediate.\n"
)


def test_a_reason_given_after_the_content_in_its_sentence_is_the_speakers(ex):
    e = extract(ex, BECAUSE, dt.date(2026, 5, 4))
    assert figure(e, "9 billion").claimed_by == "Pieter Hulst"


RECOUNT = (
    "Harbour county recount: live updates\n\n"
    "9:10am\n"
    "The chair of the county board, Edwin Marlow, told a news conference that 240 ballots could not be "
    "matched to the register.\n\n"
    "11:30am\n"
    "Opposition organiser Della Finch posted a photograph on X, writing that the board had \u201cleft 30 "
    "crates in a basement.\u201d\n\n"
    "1:45pm\n"
    "Marlow, in a second briefing, put the number of unsealed ballots at 212 after a first check. \u201cWe "
    "found twelve in the wrong crate,\u201d he said.\n"
)


def test_a_spelled_out_count_of_things_named_before_and_a_count_named_by_its_noun(ex):
    e = extract(ex, RECOUNT, dt.date(2026, 11, 5))
    assert figure(e, "212").unit == "ballots"
    twelve = figure(e, "twelve")
    assert twelve.unit == "ballots" and twelve.claimed_by == "Edwin Marlow"
    # (crates are no ballots)
    assert figure(e, "30").disputed_by is None


SAME_THING = (
    "VILNA, April 9 (AP) - Norland and Tavaria ended a third round of talks on rail fees without a deal "
    "on Thursday.\n\n"
    "Transport Minister Aksel Rude said Norland was seeking $5.80 per wagon, against an offer he put at "
    "$3.20.\n\n"
    "The Tavarian Transport Ministry said in a statement that its offer, which it put at $4.10, had been "
    "misrepresented.\n\n"
    "Kaja Leme, an opposition member of Norland's parliament, wrote on Facebook that rail exports had fallen "
    "22 percent since 2023. The Trade Ministry said on Wednesday that the fall was 7 percent.\n"
)


def test_another_partys_number_for_the_thing_named_before_disputes_it(ex):
    e = extract(ex, SAME_THING, dt.date(2026, 4, 9))
    offer = figure(e, "$3.20")
    assert offer.dispute_text is not None and "4.10" in offer.dispute_text
    fall = figure(e, "22 percent")
    assert fall.dispute_text is not None and "7 percent" in fall.dispute_text
    assert figure(e, "$5.80").disputed_by is None


CEILING = (
    "The draft circulated by Norland last week would cut the police ceiling from 9,400 to 7,250. Tavaria, "
    "diplomats say, would prefer something closer to 6,000.\n"
)


def test_a_count_a_change_takes_from_one_number_to_another_is_one_figure(ex):
    e = extract(ex, CEILING)
    f = figure(e, "from 9,400 to 7,250")
    assert f.text == "from 9,400 to 7,250" and f.value == 7250 and f.claimed_by is None


FICTION = (
    "Harbour county recount: live updates\n\n"
    "9:10am\n"
    "The chair of the county board, Edwin Marlow, has just told a news conference that 240 ballots from "
    "two polling stations could not be matched to the register. \u201cThat is not fraud,\u201d he said. "
    "\u201cWe will count every one of them.\u201d\n\n"
    "He added that the recount would finish by Friday.\n\n"
    "10:25am\n"
    "Opposition organiser Della Finch has responded on Facebook. She wrote:\n\n"
    "> The board\u2019s number is a fiction. Our observers counted 950 missing votes in Harbour alone.\n"
)


def test_a_lead_calling_the_number_a_fiction_announces_the_rival_count(ex):
    e = extract(ex, FICTION, dt.date(2026, 11, 5))
    f = figure(e, "240")
    assert f.dispute_text is not None and "950" in f.dispute_text


RAND = (
    "CAPE TOWN (AP) — The Treasury said on Monday that the summit had cost R412 million, and the "
    "opposition's finance spokeswoman, Thandi Mokoena, put the bill at more than R1.3 billion. A road "
    "sign on the R2 was damaged by the motorcade.\n"
)


def test_a_south_african_rand_amount_is_money(ex):
    e = extract(ex, RAND)
    assert figure(e, "R412 million").unit == "ZAR"
    assert figure(e, "R1.3 billion").value == 1.3e9
    assert not any(f.text.startswith("R2") for f in e.figures)
