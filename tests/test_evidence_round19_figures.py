"""Issue 15, nineteenth round, figures found.

- Lesotho's loti written "M" before an amount with thousands ("M4,000", "at most M2,800") is
  money (LSL) where the text names the loti or Lesotho; elsewhere such an "M" is no currency;
- a toll's missing after its dead ("14 dead and five missing") is a figure;
- a part of a group whose noun has an adverb before its adjective ("45,000 of the most affected
  people") counts that noun.

Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import extract, figure

LOTI = (
    "Tessa Molari, who leads the Garment Union of Kessia, said on Tuesday the union would not accept "
    "\"a single loti less than M4,000\" a month. The employers' council said members could pay \"at most "
    "M2,800\".\n"
)


def test_an_m_before_thousands_is_the_loti_where_the_text_names_it(ex):
    e = extract(ex, LOTI, dt.date(2026, 5, 4))
    assert figure(e, "M4,000").unit == "LSL"
    assert figure(e, "M4,000").value == 4000
    assert figure(e, "M2,800").unit == "LSL"


def test_an_m_before_thousands_is_no_money_where_no_loti_is_named(ex):
    e = extract(ex, "The Varn team said on Monday the new engine, the M4,000, would ship in June.\n",
                dt.date(2026, 5, 4))
    assert not [f for f in e.figures if f.unit == "LSL"]


TOLL = "The Civil Protection Office reports 14 dead and five missing in the Varn district.\n"


def test_the_missing_after_the_dead_of_a_toll_are_a_figure(ex):
    e = extract(ex, TOLL, dt.date(2026, 5, 4))
    f = figure(e, "five")
    assert f.unit == "missing" and f.value == 5


APPEAL = (
    "Korvath/Geneva, 3 May 2026 – Storms on the Ilsen river have displaced more than 80,000 people in the "
    "western districts of Arn, Vell and Tosk since Friday. The Norland Relief Federation today launched an "
    "emergency appeal for 3.1 million Swiss francs to support the Kessian Red Cross in reaching 45,000 of the "
    "most affected people over the next six months.\n"
)


def test_a_part_of_a_group_with_an_adverb_before_its_adjective_counts_the_group(ex):
    e = extract(ex, APPEAL, dt.date(2026, 5, 3))
    f = figure(e, "45,000")
    assert f.unit == "people" and f.value == 45000


BLOG = (
    "Dock strike in Varnholm, day three – as it happened\n\n"
    "9.10am Ilse Marrow, who chairs the port operators' council, told reporters that the operators could "
    "pay \"at most $2,400\" a month now that shipping lines were cutting calls. She said 700 jobs had "
    "already gone this year.\n\n"
    "9.50am Police spokesman Inspector Pell Aranda said at a briefing that six people had been arrested "
    "outside the container terminal. He urged strikers to \"keep clear of the gates\".\n\n"
    "10.30am The dockers' union says the number is far higher. In a post on its website, it said more "
    "than 30 of its members had been arrested since Sunday.\n\n"
    "11.20am Transport Minister Oskar Lind told parliament that the Pay Review Board had recommended a "
    "minimum of $2,700 a month and that the government would adopt it \"soon\".\n"
)


def test_a_lead_of_a_live_blog_entry_before_announces_no_answer_in_the_next_entry(ex):
    e = extract(ex, BLOG, dt.date(2026, 5, 4))
    assert figure(e, "$2,400").dispute_text is None
    # (the lead still announces the answer in its own entry)
    assert figure(e, "six").dispute_text is not None


PUT_ABOUT = (
    "7:30am Nurses across Tarsovia have stayed away from wards for a second day. The Tarsovian Nurses' "
    "Guild says more than 70% of its members in public hospitals have joined the strike.\n\n"
    "8:05am Health Minister Arla Venkova told Radio Tars this morning that staffing reports showed 38% of "
    "nurses had stayed away, \"not the numbers being put about.\"\n"
)


def test_a_figure_set_against_the_numbers_being_put_about_answers_the_rival_figure(ex):
    e = extract(ex, PUT_ABOUT, dt.date(2026, 5, 4))
    assert figure(e, "more than 70%").dispute_text == "38%"


WIRE = (
    "TARSK, May 4 (Reuters) - Tarsovia has frozen its investor-visa programme. Some applicants say they "
    "have heard nothing. A Brazilian engineer in Lisbon who paid $120,000 in 2024 told Reuters by phone "
    "that he had received \"no answer at all\" since his file was frozen.\n"
)


def test_a_figure_in_a_restrictive_relative_clause_on_the_speaker_is_the_speakers(ex):
    e = extract(ex, WIRE, dt.date(2026, 5, 4))
    assert figure(e, "$120,000").claimed_by is not None
    assert "engineer" in figure(e, "$120,000").claimed_by
