"""Issue 15, tenth round: a press release's own paragraphs whose subject is the issuing body
("The Authority condemns ...", "the Authority has documented 14 deaths ...") are statements of the
issuer, whole sentences, and their figures the issuer's claims; in news copy the same sentence is
the reporter's. Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

RELEASE = (
    "VALDORIAN WATER SAFETY AUTHORITY\n\n"
    "PRESS RELEASE\n\n"
    "Tarn, 3 March 2025\n\n"
    "STATEMENT ON THE FLOODING IN THE NORTHERN PROVINCES\n\n"
    "As of 3 March 2025 at noon, the Authority has documented 14 deaths, 260 evacuations and "
    "9 damaged dams in the northern provinces.\n\n"
    "The regional governor's office said this morning that only 6 people had died. The Authority "
    "firmly disagrees with this count, which leaves out the villages its inspectors reached on foot.\n\n"
    "The Authority condemns the theft of rescue equipment from two depots and reminds residents "
    "that sandbags are free at every town hall.\n"
)

NEWS = (
    "TARN (Reuters) - Floods in the north of Valdoria have killed at least 14 people, officials "
    "said on Monday.\n\n"
    "The Water Safety Authority has documented 260 evacuations since Friday. The Authority "
    "condemns looting in flooded towns each spring.\n"
)


def test_the_issuers_own_paragraphs_in_a_release_are_its_statements(ex):
    e = extract(ex, RELEASE)
    st = by_content(e, "the Authority has documented 14 deaths")
    assert st.content.startswith("As of 3 March 2025 at noon, the Authority has documented")
    assert (st.speaker, st.channel) == ("Authority", "statement")
    st = by_content(e, "firmly disagrees with this count")
    assert (st.speaker, st.channel) == ("Authority", "statement")
    # one statement, the whole sentence: not the object and the clause as two
    st = by_content(e, "condemns the theft")
    assert st.content.startswith("The Authority condemns the theft") and "sandbags are free" in st.content
    assert [s for s in e.statements if "sandbags" in s.content] == [st]


def test_the_figures_of_the_issuers_paragraphs_are_its_claims(ex):
    e = extract(ex, RELEASE)
    assert claimant_of(e, "14") == "Authority"
    assert claimant_of(e, "260") == "Authority"


def test_the_same_sentences_in_news_copy_are_the_reporters(ex):
    e = extract(ex, NEWS)
    assert not [s for s in e.statements if "has documented 260" in s.content or "looting" in s.content], \
        [(s.speaker, s.content) for s in e.statements]


def test_what_the_release_tells_of_a_past_act_is_left_as_it_was(ex):
    # "The Director today welcomed ..." tells of an act the release reports, not its own stance
    text = RELEASE + "\nThe Authority welcomed the arrival of two army helicopters on Sunday.\n"
    e = extract(ex, text)
    assert not [s for s in e.statements if s.content.startswith("The Authority welcomed")]
