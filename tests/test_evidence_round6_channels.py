"""Failure classes of issue 15's sixth round (held-out part 5, now development material):
channels, dates and figures. Each test is written for the test on invented sentences, not
taken from bench/evidence_devset, and checks the channel, date or claimant a user sees."""

from __future__ import annotations

import datetime as dt


from detente.evidence.extract import Extractor, document_channel
from evidence_helpers import by_content, extract


def _figure(e, text: str):
    found = [f for f in e.figures if text in f.text]
    assert found, [(f.text, f.claimed_by) for f in e.figures]
    return found[0]


def test_a_transcript_with_a_long_title_line_is_a_press_conference(ex):
    # the title line is long enough to look like prose, so the header stopped before it
    text = ("ORSINIAN MONITORING OFFICE\n"
            "Transcript: Press briefing by the Head of the Orsinian Monitoring Office, Petra Valdane Korvik, "
            "on the river crossings\n"
            "Velna, 3 March 2025\n\n"
            "Head Korvik: Good afternoon. Yesterday I met both commanders at the old bridge. "
            "They agreed to keep the crossings open for another month.\n\n"
            "Question (Imre Falk, Velna Radio): Will the monitors stay?\n\n"
            "Head Korvik: We will stay as long as both sides want us there. I will not give you a date.\n")
    assert document_channel(text) == "press conference"
    e = extract(ex, text)
    assert by_content(e, "Yesterday I met both commanders").channel == "press conference"
    assert by_content(e, "We will stay as long").channel == "press conference"


def test_a_news_story_opening_with_a_long_headline_is_no_transcript():
    # a headline without a full stop is no transcript because it is long
    text = ("Minister says talks on the northern border will resume at a press conference in the capital next week\n\n"
            "VELNA (Reuters) - The minister said on Monday that talks would resume.")
    assert document_channel(text) is None


def test_questions_put_by_the_paper_are_an_interview(ex):
    e = extract(ex, "A spokesman for the Orsinian railways, asked about the delays by this newspaper, "
                    "said the new timetable was \"a matter of weeks\".\n\n"
                    "Minister Tarven Olsk, who rarely speaks to the press, said in a written reply to "
                    "questions that the line would reopen in June.")
    assert by_content(e, "new timetable").channel == "interview"
    assert by_content(e, "line would reopen").channel == "interview"


def test_a_research_note_is_a_report_and_her_quotations_follow_it(ex):
    e = extract(ex, "Marit Skovhald, an economist at a Velna bank, said in a research note on Monday that "
                    "grain exports could fall by a third. \"The harvest is not the problem,\" she wrote, "
                    "\"the river is.\"")
    assert by_content(e, "grain exports").channel == "report"
    assert by_content(e, "The harvest is not the problem").channel == "report"


def test_the_papers_reporter_speaking_to_someone_is_an_interview_for_all_her_words(ex):
    e = extract(ex, "Our reporter in the valley, Ines Torvald, has spoken to one of the returning farmers. "
                    "Jorun Velde Amsak, 51, told her he had lost two harvests to the floods. "
                    "\"We plant again because we have nothing else,\" he said. "
                    "\"The water will come back, and so will we.\"")
    for part in ("lost two harvests", "We plant again", "The water will come back"):
        assert by_content(e, part).channel == "interview", part


def test_a_year_in_a_clause_that_is_no_statement_is_not_the_next_quotations_date(ex):
    # "has refused to let anyone ..." is no statement: its "in 1994" is no date to inherit
    e = extract(ex, "The first thing Halvard Brenn shows a guest is the shell casing on his desk. It was "
                    "fired at the harbour in 1994, and he has refused to let anyone take it away.\n\n"
                    "\"It reminds me what we are arguing about,\" said Brenn, who has chaired the "
                    "harbour board for twelve years.")
    st = by_content(e, "It reminds me")
    assert st.date == "2025-04-10" and st.date_source == "dateline"


def test_another_speakers_time_in_the_same_sentence_is_not_the_statements_date(ex):
    # the dateline is Thursday 10 April 2025; "last week" and "in March" belong to other clauses
    e = extract(ex, "The Orsinian interior ministry says that about 900 families live on the island, "
                    "while the governor of Velna, Brannoc Halsey, said last week on local radio that "
                    "the figure was \"made up\".\n\n"
                    "The port authority has since said repeatedly that the tariff \"changes nothing\", "
                    "and the regional council called on Velna in a letter in March to lower it.")
    assert by_content(e, "about 900 families").date == "2025-04-10"
    assert by_content(e, "figure was").date == "2025-W14"
    assert by_content(e, "changes nothing").date == "2025-04-10"


def test_a_source_quoted_last_month_was_quoted_then(ex):
    e = extract(ex, "The movement has never given a number, but an officer quoted by the rebel-run Velna "
                    "Courier agency last month claimed \"more than 3,000\" fighters were still in the hills.")
    assert by_content(e, "fighters were still").date == "2025-03"


def test_a_quoted_number_counts_the_noun_after_the_quotation_and_answers_the_figure_before(ex):
    e = extract(ex, "Orsinia is roughly 2.4 million cubic metres short, according to the Joint River "
                    "Commission.\n\n"
                    "Halvard Brenn, who has farmed near the weir for thirty years, said the canals were dry.\n\n"
                    "The farmers' union said in a post on Facebook that Orsinia owed \"no more than 900,000\" "
                    "cubic metres once the drought was taken into account.")
    low = _figure(e, "no more than 900,000")
    assert low.unit == _figure(e, "roughly 2.4 million").unit
    assert _figure(e, "roughly 2.4 million").dispute_text == "no more than 900,000"


def test_estimates_that_vary_make_the_figures_after_them_answers(ex):
    e = extract(ex, "How many rebels are still in the hills? Estimates vary widely. A senior army officer, "
                    "speaking on condition of anonymity, put the number of armed rebels at around 1,200. "
                    "The movement has never given a number, but a commander quoted by its radio station "
                    "claimed \"more than 4,000\" fighters were ready.")
    assert _figure(e, "around 1,200").dispute_text == "more than 4,000"


def test_a_participle_after_a_relative_clause_is_its_subjects_estimate(ex):
    e = extract(ex, "The militia rejects that. Its brigade, it says, now has 4,000 fighters ready to "
                    "move — a number that a Western military attaché in Velna described as \"wishful\", "
                    "estimating the fighters actually available at closer to 1,100.")
    low = _figure(e, "closer to 1,100")
    assert low.claimed_by and low.claimed_by.startswith("Western military attaché")


def test_another_subjects_clause_names_no_channel_for_the_statement(ex):
    e = extract(ex, "The port authority has since said repeatedly that the tariff \"changes nothing\", "
                    "and the regional council called on Velna in a statement in March to lower it.")
    assert by_content(e, "changes nothing").channel is None


def test_a_range_ahead_is_a_figure_of_the_speakers(ex):
    e = extract(ex, "The mission head said on Monday: \"We believe the roadmap can take Orsinia to "
                    "elections within 12 to 18 months.\"")
    f = _figure(e, "12 to 18 months")
    assert (f.value, f.unit, f.claimed_by) == (12, "months", "mission head")


def test_by_the_count_of_a_body_the_figure_is_that_bodys(ex):
    e = extract(ex, "They agreed in 2023 to open the crossing to diplomatic passport holders, a step that "
                    "has been used, by the count of Velna's State Customs Office, by fewer than 400 people.")
    f = _figure(e, "fewer than 400")
    assert f.claimed_by and f.claimed_by.endswith("State Customs Office")


def test_the_same_month_is_the_month_given_before(ex):
    e = extract(ex, "The Velna Commission has tried to keep things calm. It said in January that old "
                    "passports would remain valid. The northern league answered in kind the same month, "
                    "saying on national television that visitors would be treated \"as neighbours\".",
                date=dt.date(2025, 5, 20))
    assert by_content(e, "visitors would be treated").date == "2025-01"


def test_an_order_of_magnitude_is_an_estimate_of_what_the_figure_before_counted(ex):
    e = extract(ex, "The port authority expects the new line to bring trade worth at least $300 million a "
                    "year. Economists at the Velna Institute have been more cautious, estimating the gain "
                    "at \"tens of millions, not hundreds\".")
    f = _figure(e, "tens of millions")
    assert (f.value, f.unit) == (10_000_000, "USD")
    assert not any(g.text.startswith("tens of millions") for g in e.figures if g is not f)


def test_it_in_a_relative_clause_that_puts_a_figure_is_the_subject_it_stands_for(ex):
    e = extract(ex, "According to two diplomats who attended the last round of talks in Velna, the "
                    "Commission has asked the three states to repay arrears to the community budget that "
                    "it puts at around 60 million dollars.")
    assert _figure(e, "around 60 million").claimed_by == "Commission"
