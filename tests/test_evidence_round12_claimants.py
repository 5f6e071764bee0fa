"""Issue 15, round 12: who claims a figure a document states in its own voice. A press release's
or statement's own figures are the issuing body's; a briefing spokesperson's figures in her own
turn are hers; a news article's own figures stay unclaimed (the newsroom is not a party).
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import claimant_of, extract

RELEASE = (
    "MINISTRY OF FISHERIES OF VALDORIA\n"
    "PRESS RELEASE\n"
    "4 May 2025\n\n"
    "Valdoria and Marenland sign an agreement on the northern fishing grounds\n\n"
    "Tarn, 4 May 2025 – Today, Minister of Fisheries Aldo Brennik and his Marenland counterpart "
    "signed the Agreement on the Northern Fishing Grounds.\n\n"
    "Under the agreement, the two countries will share the catch of the northern grounds, and "
    "Valdoria will receive 40 percent of the quota for cod.\n\n"
    "“This is a fair deal for our coastal towns,” said Aldo Brennik.\n"
)

CALLS = (
    "PRESS RELEASE\n"
    "Harbour Relief Council\n\n"
    "Tarn, 9 May 2025 – More than 3,000 families have left the flooded coast since Sunday, the "
    "Harbour Relief Council (HRC) warned today.\n\n"
    "The relief effort on the coast has received less than 20% of the 12 million euros "
    "requested, and families are being moved on from the shelters.\n\n"
    "“We need boats, not promises,” said Mira Olsund, the council's coordinator.\n"
)

BRIEFING = (
    "Daily Press Briefing by the Office of the Spokesperson for the Valdorian Government\n\n"
    "The following is a near-verbatim transcript of today's briefing by Ines Lorvald, Deputy "
    "Spokesperson.\n\n"
    "Deputy Spokesperson: Good afternoon. I will start with the floods in the north, where "
    "rescue teams are still at work.\n\n"
    "The Government has released 8 million euros from its reserve fund for the relief effort. "
    "The Red Cross has sent four tonnes of blankets to the shelters on the coast.\n\n"
    "Question (Per Almqvist, Tarn Daily): Thank you, Ines. The opposition said yesterday that "
    "2,000 homes were lost. Do you accept that figure?\n\n"
    "Deputy Spokesperson: We are still counting. I have nothing more for you on that.\n"
)

NEWS = (
    "TARN (Reuters) - Valdoria and Marenland signed an agreement on Sunday to share the catch of "
    "the northern fishing grounds, with Valdoria receiving 40 percent of the quota for cod.\n\n"
    "“This is a fair deal for our coastal towns,” said Aldo Brennik, the fisheries minister.\n"
)


def test_a_releases_own_figure_is_the_issuers_and_the_same_in_news_copy_nobodys(ex):
    # the header names the body, and no statement of the release gives it a shorter name
    assert claimant_of(extract(ex, RELEASE), "40 percent") == "Ministry of Fisheries of Valdoria"
    assert claimant_of(extract(ex, NEWS), "40 percent") is None


def test_a_releases_figures_take_the_name_its_statements_give_the_issuer(ex):
    e = extract(ex, CALLS)
    assert claimant_of(e, "less than 20%") == "Harbour Relief Council"
    assert claimant_of(e, "12 million") == "Harbour Relief Council"
    # a figure it quotes stays the speaker's
    text = CALLS.replace("We need boats, not promises", "We need 40 boats, not promises")
    assert claimant_of(extract(ex, text), "40") == "Mira Olsund"


def test_a_briefers_own_figures_are_the_briefers_not_a_journalists_question(ex):
    e = extract(ex, BRIEFING)
    assert claimant_of(e, "8 million") == "Ines Lorvald"
    assert claimant_of(e, "four") == "Ines Lorvald"
    assert claimant_of(e, "2,000") != "Ines Lorvald"


def test_a_bounded_time_in_a_releases_own_words_is_the_issuers_figure(ex):
    # ("at least N days" counts only in someone's claim: the release's own words are the issuer's)
    text = CALLS.replace("families are being moved on from the shelters",
                         "families must be given at least 60 days to leave the shelters")
    assert claimant_of(extract(ex, text), "at least 60 days") == "Harbour Relief Council"
