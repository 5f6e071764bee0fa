"""Issue 15, seventeenth round, figure disputes: a counter-figure names the figure it disputes.

- a correction that names the number it corrects ("four people in that period, not nine",
  "11.5 million kroner once tax is applied, not 18 million") answers the earlier figure of
  another claimant with that number;
- in a briefing transcript, a question that puts another's figure to the briefer ("Does the
  ministry share that assessment?", "Does Varenia accept that figure?") is answered by the
  first figure of that kind in the answer that follows;
- a party that rejects a figure and gives its own in the same sentence ("X rejected that
  figure, telling reporters that the fee was 7.2 million euros") answers with that figure, not
  with one it gave earlier;
- "called that figure 'double the reality' and said ... 230,000 tonnes", "Asked about the
  Tavarian account, X said ...": answers said in the answer's own sentence;
- and ``detente figures --disputed`` shows the link, end to end.

Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt
import json

from evidence_helpers import extract, figure

from detente.cli import main
from detente.store import db as dbmod


def _disputed(e, part: str):
    f = figure(e, part)
    return f.disputed_by, f.dispute_text


CORRECTION = (
    "VELDORA, Norland (AP) — The speaker of Norland's assembly, Oskar Brenneman, wrote on Tuesday that "
    "the neighbouring republic had sheltered nine people linked to the failed uprising since then.\n\n"
    "A Tavarian diplomat in Veldora, who spoke on condition of anonymity, said Tavaria had granted refuge "
    "to four people in that period, not nine.\n"
)

CORRECTION_SCALED = (
    "08:40 The mining company Kessel Ore said production had fallen. A company spokesman, Piet Aalders, "
    "told Radio Norte that the offer of a 18 million kroner bonus per worker was \u201cthe best in the "
    "industry.\u201d\n\n"
    "09:15 Greta Solvik, who leads the miners' union, says the offer is worth 11.5 million kroner once tax "
    "is applied, not 18 million. \u201cThey count the bonus before the state takes its share,\u201d she "
    "told reporters.\n"
)


def test_a_correction_naming_the_number_links_to_that_figure(ex):
    e = extract(ex, CORRECTION, date=dt.date(2026, 3, 4))
    assert _disputed(e, "nine people") == ("Tavarian diplomat in Veldora", "four")


def test_a_correction_in_millions_names_the_amount_it_corrects(ex):
    e = extract(ex, CORRECTION_SCALED, date=dt.date(2026, 3, 4))
    by, what = _disputed(e, "18 million kroner")
    assert by == "Greta Solvik" and what.startswith("11.5 million")


BRIEFING = (
    "Briefing by the Ministry of Foreign Affairs of Varenia, 12 March 2026\n\n"
    "SPOKESPERSON TAMSIN OKORO-VALE: Good afternoon.\n\n"
    "QUESTION (Lev Arbuzov, Radio Kestrel): The Monetary Board of Orlania said in June that trade with "
    "Varenia would fall by 6 percent this year. Does the ministry share that assessment?\n\n"
    "OKORO-VALE: According to our statistics office, exports reached 3.1 billion dollars in the first five "
    "months, 9 percent more than a year ago. I would not speak of a fall.\n\n"
    "QUESTION (Mira Holt, Daily Ledger): The Orlanian water agency said last week that the new dam already "
    "takes 5 cubic kilometres a year from the river. Does Varenia accept that figure? And when will the "
    "commission report?\n\n"
    "OKORO-VALE: We have seen that statement. Our engineers estimate the intake at under 3 cubic "
    "kilometres, because the second gate is not yet open.\n"
)


def test_a_question_putting_a_figure_is_answered_by_the_answers_figure(ex):
    e = extract(ex, BRIEFING, date=dt.date(2026, 3, 12))
    # (disputed by whoever claims the answer's figure: the briefer, or the office she cites)
    assert _disputed(e, "6 percent") == (figure(e, "9 percent").claimed_by, "9 percent")
    assert figure(e, "9 percent").claimed_by != "Monetary Board of Orlania"
    by, what = _disputed(e, "5 cubic")
    assert by == "Tamsin Okoro-Vale" and "3" in what
    # (the answer's money figure answers no percentage)
    assert figure(e, "3.1 billion").disputed_by is None


REJECTS_WITH_OWN = (
    "PORT VESNA, Kaldoria (AP) — Kaldoria's government on Tuesday defended the lease of the grain "
    "terminal at Port Vesna.\n\n"
    "Transport Minister Irena Palovska told a news conference that the operator had committed to invest "
    "160 million euros over the first decade.\n\n"
    "The opposition leader, Matej Brankov, said on Monday that the operator would pay the state 3.5 "
    "million euros a year, \u201cless than a beach bar makes in July.\u201d\n\n"
    "Palovska rejected that figure, telling reporters that the annual fee was 6.1 million euros once a "
    "share of turnover was included.\n"
)


def test_a_rejection_with_its_own_figure_answers_with_that_figure(ex):
    e = extract(ex, REJECTS_WITH_OWN, date=dt.date(2026, 5, 19))
    by, what = _disputed(e, "3.5 million")
    assert what.startswith("6.1 million"), (by, what)


CALLED = (
    "Oceanwatch Sahel said in a report published on November 3 that fishmeal plants in Velmoria had "
    "processed more than 400,000 tonnes of whole fish in 2025. The Velmorian Fishmeal Producers' "
    "Association called that figure \u201cdouble the reality\u201d and said its members had processed "
    "190,000 tonnes, mostly by-products.\n"
)


def test_called_that_figure_and_gave_its_own(ex):
    e = extract(ex, CALLED, date=dt.date(2026, 11, 10))
    by, what = _disputed(e, "400,000")
    assert what is not None and what.startswith("190,000"), (by, what)


ASKED_ABOUT_ACCOUNT = (
    "Tavarian army spokesman Colonel Ivo Radek wrote on Facebook that the Norland patrol had strayed "
    "about 400 metres into Tavarian territory.\n\n"
    "Asked about the Tavarian account, Norland's defence minister Lotte Vinter said GPS logs showed the "
    "patrol had been \u201cat least 120 metres inside Norland\u201d when the mine went off.\n"
)


def test_asked_about_the_account_answers_it(ex):
    e = extract(ex, ASKED_ABOUT_ACCOUNT, date=dt.date(2026, 6, 2))
    by, what = _disputed(e, "about 400")
    assert what is not None and "120" in what, (by, what)


def test_figures_disputed_cli_shows_the_link(tmp_path, capsys):
    """``detente figures --disputed`` lists the disputed figure with who disputes it and the
    counter-figure, from a real ingest (the real extractor, not the fake)."""
    f = tmp_path / "tavaria.txt"
    f.write_text(CORRECTION, encoding="utf-8")
    db = str(tmp_path / "cli.sqlite")
    try:
        code = main(["ingest", str(f), "--date", "2026-03-04", "--source", "Wire", "--db", db, "-q"])
        capsys.readouterr()
        assert code == 0
        code = main(["figures", "--disputed", "--format", "json", "--db", db])
        out, _ = capsys.readouterr()
        assert code == 0
        rows = json.loads(out)
        assert [(r["text"], r["disputed_by"], r["dispute_text"]) for r in rows] == \
            [("nine", "Tavarian diplomat in Veldora", "four")]
        code = main(["figures", "--undisputed", "--format", "json", "--db", db])
        out, _ = capsys.readouterr()
        assert "four" in [r["text"] for r in json.loads(out)]
    finally:
        dbmod.dispose_all()


CHANGE_NOT_SHARE = (
    "Norland's Ministry of Fisheries says fish catches in Arvel province fell by 35% in 2025. Ministry "
    "spokesman Tomas Heller told me by telephone that the matter had been raised with Tavaria.\n\n"
    "The dam's developer disputes the link. In an emailed statement, Velko Hydro said the reservoir "
    "released \u201cno less than 90% of natural dry-season flow\u201d and that catches had been declining for "
    "a decade. It said catches in the province had fallen by 10%, citing data from the river commission.\n"
)


def test_a_change_is_answered_by_a_change_not_by_a_share(ex):
    e = extract(ex, CHANGE_NOT_SHARE, date=dt.date(2026, 2, 11))
    by, what = _disputed(e, "35%")
    assert what == "10%", (by, what)


OTHER_ORDER = (
    "The Mining Chamber, which represents companies including Ferro Andino, said in a statement that the "
    "change would put at risk projects worth $38 billion.\n\n"
    "\u201cInvestment goes where it is welcome,\u201d the chamber's president, Rodrigo Salvat, told Radio "
    "Sur.\n\n"
    "The ministry's own estimate is lower. An official at the Ministry of Economy, who asked not to be "
    "named, said the additional revenue would be about $700 million in the first year.\n"
)


def test_amounts_of_other_orders_paragraphs_apart_are_no_rivals(ex):
    e = extract(ex, OTHER_ORDER, date=dt.date(2026, 4, 2))
    assert figure(e, "$38 billion").disputed_by is None


def test_does_the_arithmetic_differently_leads_the_answer(ex):
    """A sentence before the answer that says the numbers differ or that someone does not
    accept them: "does the arithmetic differently", "does not believe the jobs figure", "laughs
    at that", "shakes her head at that"."""
    arithmetic = (
        "Finance Minister Aurelio Benedetti insists the target has been met. In a radio interview on Sunday, "
        "he said net reserves stood at \u201cabout $6 billion\u201d and that the goal had been reached.\n\n"
        "Lucia Ferraro-Diaz, an economist at the University of Valmora, does the arithmetic differently. Take "
        "out the swap line and short-term loans, she says, and net reserves are \u201csomewhere around $1.5 "
        "billion.\u201d\n"
    )
    e = extract(ex, arithmetic, date=dt.date(2026, 5, 4))
    assert _disputed(e, "about $6 billion")[0] == "Lucia Ferraro-Diaz"


def test_does_not_believe_the_figure_leads_the_answer(ex):
    jobs = (
        "Its chief executive, Roland Vexby, said at the time that the mine would create \u201cat least 420 "
        "permanent jobs for local people\u201d once it reached full output.\n\n"
        "Aput Nielsen does not believe the jobs figure. He has read the company's own study, he says, and "
        "counts no more than 150 positions that would go to people who live in the valley.\n"
    )
    e = extract(ex, jobs, date=dt.date(2026, 5, 4))
    assert _disputed(e, "at least 420")[0] == "Aput Nielsen"


def test_laughs_at_that_leads_the_answer(ex):
    laughs = (
        "Arvel's governor, Tomas Brekke, did not respond to requests for comment. In a speech in May he said "
        "compensation of $2,000 per household had been paid to \u201cevery affected family.\u201d\n\n"
        "Sigrun Haldor laughs at that. She told me that only 12 households in her village had received "
        "anything and that most of them got $300.\n"
    )
    e = extract(ex, laughs, date=dt.date(2026, 5, 4))
    assert _disputed(e, "$2,000") == ("Sigrun Haldor", "$300")


SHARE_ANSWERS_SHARE = (
    "Most Norlandic exports remain protected. About 80% of them still cross the border duty-free because "
    "they comply with the trade agreement, according to Valbank chief economist Henrike Osterlund. \u201cThe "
    "headline tariff is 30%, but the tariff most companies actually pay is zero,\u201d she said in a note "
    "to clients last week.\n\n"
    "\u201cEighty per cent is the best case,\u201d said Bastian Kolberg-Rui, a former trade negotiator now at "
    "the University of Arvel. Companies that cannot document where their parts come from end up paying "
    "anyway, he argued, and by his estimate closer to 65% of exports actually enter tariff-free.\n"
)


def test_a_share_answers_a_share_not_a_rate(ex):
    e = extract(ex, SHARE_ANSWERS_SHARE, date=dt.date(2026, 3, 10))
    assert figure(e, "30%").disputed_by is None
    assert _disputed(e, "About 80%") == ("Bastian Kolberg-Rui", "closer to 65%")


EXPLAIN_DIFFERENCE = (
    "CHIEF CABINET SECRETARY HARUKA MINAMI: First, on the launch. At around 6:40 this morning, the "
    "northern republic launched one ballistic missile toward the east. The missile flew approximately 540 "
    "kilometres and fell outside our exclusive economic zone.\n\n"
    "Second, on wheat. The government will release a further 90,000 tonnes of wheat from the stockpile by "
    "the end of April.\n\n"
    "Questions and Answers\n\n"
    "REPORTER (Harbour News): On the missile, the neighbouring Joint Staff said this morning that it flew "
    "about 700 kilometres. How do you explain the difference from our figure?\n\n"
    "CHIEF CABINET SECRETARY MINAMI: We are analysing the data together with our partners.\n"
)


def test_how_do_you_explain_the_difference_puts_a_rival_figure(ex):
    e = extract(ex, EXPLAIN_DIFFERENCE, date=dt.date(2026, 3, 12))
    by, what = _disputed(e, "approximately 540")
    assert what is not None and "700" in what, (by, what)


CLOSE_EXACT_NUMBERS = (
    "Turnout. Electoral chief Ramon Valdez said 81 percent of registered voters cast a ballot. The civil "
    "society group Claridad, which ran its own quick count, put turnout at 77.5 percent in a statement this "
    "morning and warned that abstention in the north had been \u201cthe highest in years.\u201d\n"
)


def test_two_exact_numbers_a_few_percent_apart_are_rivals(ex):
    e = extract(ex, CLOSE_EXACT_NUMBERS, date=dt.date(2026, 4, 13))
    assert _disputed(e, "81 percent") == ("Claridad", "77.5 percent")
