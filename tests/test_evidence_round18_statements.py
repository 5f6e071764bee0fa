"""Issue 15, eighteenth round, statements: a bare "Others" or "Some" before a speech or belief
verb ("Others think the levy is a pretext", "Some say the target is unrealistic") stands for no
one the text names and is no statement; ... Written for the test on invented text, not taken
from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract

BARE_OTHERS = (
    "The port authority of Velmora says the new levy will pay for dredging the harbour. "
    "Others think the levy is a pretext. Tomasz Relling, a shipping analyst in Gdynia, argues "
    "that the levy is \u201cabout the budget in Velmora, not the silt in the harbour.\u201d\n\n"
    "Some say the target of 9 million tonnes is unrealistic. The authority insists it is not.\n"
)


def test_a_bare_others_or_some_is_no_speaker(ex):
    e = extract(ex, BARE_OTHERS)
    assert not [s for s in e.statements if "levy is a pretext" in s.content]
    assert not [s for s in e.statements if "is unrealistic" in s.content]
    assert by_content(e, "about the budget in Velmora").speaker == "Tomasz Relling"


TWO_THAT_CLAUSES = (
    "Velmoran government spokesman Anders Kolbe told The Associated Press by phone that the figure "
    "was \u201cnot what was signed\u201d and that the rate agreed in Tarvik was 0.71 dollars.\n"
)


def test_a_second_that_clause_of_one_verb_is_the_same_statement(ex):
    e = extract(ex, TWO_THAT_CLAUSES)
    st = by_content(e, "not what was signed")
    assert "the rate agreed in Tarvik was 0.71 dollars" in st.content
    assert st.speaker == "Anders Kolbe"
    assert len([s for s in e.statements if "0.71" in s.content]) == 1


REASON_AFTER_QUOTATION = (
    "At a news conference in Oslo, Nordic Council spokeswoman Ilse Marten said the bloc was "
    "\u201cfollowing closely\u201d because the line carries some 9 billion cubic metres a year "
    "towards Nordic buyers. She said the council had not been asked to mediate.\n"
)


def test_the_speakers_reason_after_a_quoted_phrase_goes_with_the_statement(ex):
    e = extract(ex, REASON_AFTER_QUOTATION)
    st = by_content(e, "following closely")
    assert "because the line carries some 9 billion cubic metres a year" in st.content
    assert st.speaker == "Ilse Marten"


ESTIMATED_AT = (
    "Halvard Stenberg, an analyst at the Bergen Institute, said the gap was \u201cclosable if both "
    "sides stop posturing.\u201d He estimated the difference between the two offers at $25 million "
    "a year.\n\n"
    "Kaja Morlund, an economist in Tromsø, estimated the cost of the delay at $30 million.\n"
)


def test_an_estimate_of_a_thing_at_a_figure_is_a_statement(ex):
    e = extract(ex, ESTIMATED_AT)
    st = by_content(e, "the difference between the two offers at $25 million a year")
    assert st.speaker == "Halvard Stenberg"
    assert by_content(e, "the cost of the delay at $30 million").speaker == "Kaja Morlund"



WISH = (
    "Norland wants the shelters closed. In May, the Norland Interior Ministry announced that 4,000 "
    "of the roughly 11,000 people in the shelters would be moved by the end of the year.\n"
)


def test_a_wish_the_writer_ascribes_is_no_statement(ex):
    e = extract(ex, WISH)
    assert not [s for s in e.statements if "shelters closed" in s.content]
    assert by_content(e, "4,000 of the roughly 11,000").speaker == "Norland Interior Ministry"


TIME_CLAUSE = (
    "Three weeks after Velmora and Tarvik announced, through Omani mediators, a six-month pause in "
    "the tariff war, the question of what Tarvik can actually export is turning into its own "
    "negotiation.\n"
)


def test_the_main_clause_after_a_time_clause_is_not_what_was_announced(ex):
    e = extract(ex, TIME_CLAUSE)
    assert not [s for s in e.statements if "turning into its own negotiation" in s.content]


CALLED_ME_ON_A_DAY = (
    "Fishing village votes on the quota\n\n"
    "TROMSVIK, Norland \u2014 Ole Halvorsen has fished these waters for 30 years. When I met him in "
    "August, he showed me the empty nets.\n\n"
    "By October the mood had changed. Halvorsen called me on the second of the month. \u201cWe "
    "voted,\u201d he told me. \u201cNinety percent against the quota.\u201d\n"
)


def test_words_on_the_writers_call_take_the_day_of_the_month_named(ex):
    e = extract(ex, CALLED_ME_ON_A_DAY, date=dt.date(2026, 10, 6))
    assert by_content(e, "We voted").date == "2026-10-02"
    assert by_content(e, "Ninety percent against").date == "2026-10-02"


LETTERS = (
    "In a letter to employees in March, the company's chief executive, Jens Aalto, wrote that the "
    "copper price \u201ccannot carry\u201d the union's demand and that 900 jobs would be at risk.\n\n"
    "In a one-page letter to the king, released by his office, the prime minister said he was "
    "resigning \u201cto spare the country a long crisis.\u201d\n"
)


def test_a_letter_to_its_addressees_names_no_channel_but_a_letter_made_public_is_a_statement(ex):
    e = extract(ex, LETTERS, date=dt.date(2026, 4, 2))
    assert by_content(e, "cannot carry").channel is None
    assert by_content(e, "to spare the country").channel == "statement"


RELEASE_WITH_A_CAMPAIGNER = (
    "NORDIC OCEANS COUNCIL\n"
    "MEDIA RELEASE\n\n"
    "Member states reject a cut in herring access fees as talks with distant-water fleets stall in Tromsø today\n\n"
    "TROMSØ, 3 June 2026\n\n"
    "Members of the Nordic Oceans Council today rejected a proposal to cut the fee for a herring "
    "fishing day, after two days of talks ended without agreement.\n\n"
    "\u201cOur herring is not on sale at a discount,\u201d said Council Secretary-General Britt Aasen.\n\n"
    "Mikkel Sandvik, a campaigner with Friends of the Nordic Seas, which attended as an observer, "
    "said the talks had once again ignored crew safety. He said inspectors had found faults on 22 "
    "percent of the vessels they boarded.\n\n"
    "ENDS\n"
)


def test_a_third_party_whose_body_shares_one_word_with_the_issuer_is_not_the_release(ex):
    e = extract(ex, RELEASE_WITH_A_CAMPAIGNER, date=dt.date(2026, 6, 3))
    assert by_content(e, "not on sale at a discount").channel == "statement"
    assert by_content(e, "ignored crew safety").channel is None
    assert by_content(e, "faults on 22").channel is None


POST_AFTER_PLATFORM = (
    "Tarvik election count \u2013 live\n\n"
    "9:25am\n"
    "Opposition leader Marit Solheim has responded on Facebook. She wrote:\n\n"
    "> The commission\u2019s number is a fiction. Our observers counted 800 missing votes in Tarvik alone.\n\n"
    "Her party needs two more seats to form a government.\n"
)


def test_words_written_after_a_sentence_naming_the_platform_are_a_post(ex):
    e = extract(ex, POST_AFTER_PLATFORM, date=dt.date(2026, 11, 5))
    st = by_content(e, "number is a fiction")
    assert st.speaker == "Marit Solheim"
    assert st.channel == "social-media post"


READ_TO_ME_ON_A_VISIT = (
    "A camp on the border\n\n"
    "MAE KHALA, Thailand \u2014 The camp has stood for thirty years.\n\n"
    "When I went back in June, Naw Paw Lah had a form from the district office. She read it aloud "
    "to me. \u201cIt says I can go home,\u201d she said. \u201cIt does not say whether my home is still "
    "standing.\u201d\n\n"
    "When I returned in July, Ko Min Thein was mending a roof. \u201cWe wait,\u201d he said.\n"
)


def test_words_addressed_to_the_writer_on_a_visit_are_an_interview(ex):
    e = extract(ex, READ_TO_ME_ON_A_VISIT, date=dt.date(2025, 10, 14))
    assert by_content(e, "I can go home").channel == "interview"
    assert by_content(e, "I can go home").date == "2025-06"
    assert by_content(e, "We wait").channel is None


NUMBERED_ANNOUNCEMENTS = (
    "Ministry of Foreign Affairs of the Republic of Velmora\n"
    "Transcript of the weekly briefing by Spokesperson Ilse Marten\n"
    "Tarvik, 21 May 2026\n\n"
    "MARTEN: Good afternoon. First, the water commissions of Velmora and Norland met in Kessel on "
    "Tuesday and agreed on the sharing of a further 12 kilometres of the river. That brings the "
    "agreed length to 40 kilometres. Second, the Minister will travel to Geneva next week for the "
    "partnership council.\n\n"
    "QUESTION (Jonas Berg, Tarvik Daily): Is there a date for the treaty to be signed?\n\n"
    "MARTEN: The text has been agreed, as you know. Signing depends on the other side. That "
    "position has not changed.\n"
)


def test_a_spokespersons_numbered_announcements_are_one_statement_each(ex):
    e = extract(ex, NUMBERED_ANNOUNCEMENTS, date=dt.date(2026, 5, 21))
    first = by_content(e, "agreed length to 40 kilometres")
    second = by_content(e, "the Minister will travel to Geneva")
    assert first is not second
    assert "Second," not in first.content
    assert second.speaker == "Ilse Marten"
    assert second.channel == "press conference"


RELEASE_WITH_A_FUND_OFFICIAL = (
    "MINISTRY OF FINANCE OF THE REPUBLIC OF NORLAND\n\n"
    "PRESS RELEASE\n\n"
    "Norland reaches agreement with its bondholders\n\n"
    "TARVIK, 30 July 2026 \u2014 The Ministry of Finance is pleased to announce that the Government has "
    "reached an agreement in principle with its bondholders on the restructuring of its loans.\n\n"
    "The Baltic Development Bank's mission chief for Norland, Ms. Ingrid Solberg, welcomed the "
    "agreement during the Bank's visit to Tarvik last week, saying it was \u201cconsistent with the "
    "programme's targets.\u201d\n"
)


def test_an_official_of_another_body_for_the_issuers_country_is_a_third_party(ex):
    e = extract(ex, RELEASE_WITH_A_FUND_OFFICIAL, date=dt.date(2026, 7, 30))
    assert by_content(e, "consistent with the").channel is None
