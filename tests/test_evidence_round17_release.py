"""Issue 15, seventeenth round, press releases and extra statements: a release's boilerplate at
its end ("About <issuer>:", "Notes to editors", "Media contact") and its title line under the
place and date line are no one's statements; a list of demands after "calls for:" names things
asked for, not words said; words a third party told the issuer ("told <issuer> researchers")
are an interview, and a third party's reported words with a quoted phrase carry no channel
(only the issuer's own words are the release's 'statement'). Written for the test on invented
text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract

RELEASE = (
    "HARBOUR RELIEF COUNCIL (HRC)\n"
    "PRESS RELEASE\n\n"
    "Velna, 3 March 2026\n\n"
    "Ostmark floods: HRC calls for an end to evictions from the river camps pending a review by "
    "the regional ombudsman\n\n"
    "The Harbour Relief Council (HRC) calls on the government of Ostmark to reopen the northern "
    "crossing before the rains begin in April.\n\n"
    "\u201cEvery week of delay costs lives,\u201d said Ilse Marrow-Quint, director of HRC.\n\n"
    "Ostmark's Ministry of Public Works said on 12 February that its crews \u201chave cleared "
    "every road\u201d and that 800 families had been rehoused this winter.\n\n"
    "A fisherman from Dalby, aged 51, told HRC researchers in Velna on 20 February: \u201cThe "
    "water took the boats first and then the houses.\u201d\n\n"
    "A spokesperson for the Nordlund Embassy told HRC on 25 February that its government "
    "\u201cfollows the situation closely\u201d.\n\n"
    "HRC calls for:\n"
    "1. the suspension of evictions from the river camps;\n"
    "2. an independent audit, with access for the ombudsman, of the flood fund since 2024;\n"
    "3. the publication of the damage survey the ministry says it holds.\n\n"
    "\u201cWe will take this to the regional court if we must,\u201d said Marrow-Quint.\n\n"
    "About HRC: The Harbour Relief Council is an independent charity founded in 1998.\n\n"
    "Notes to editors: The council's survey covered 14 districts and 2,300 households.\n\n"
    "Media contact: press@hrc.example\n"
)



def test_boilerplate_after_the_release_is_no_statement(ex):
    e = extract(ex, RELEASE, dt.date(2026, 3, 3))
    assert not [s for s in e.statements if "independent charity" in s.content], \
        [(s.speaker, s.content) for s in e.statements]
    assert not [s for s in e.statements if "14 districts" in s.content]
    assert not [s for s in e.statements if (s.speaker or "").startswith(("About", "Notes", "Media"))]
    # the body is still read
    assert by_content(e, "reopen the northern crossing").channel == "statement"
    assert by_content(e, "regional court").speaker == "Ilse Marrow-Quint"


def test_a_title_under_the_date_line_is_no_statement(ex):
    e = extract(ex, RELEASE, dt.date(2026, 3, 3))
    assert not [s for s in e.statements if "an end to evictions" in s.content], \
        [(s.speaker, s.content) for s in e.statements]


def test_a_list_of_things_called_for_is_no_statement(ex):
    e = extract(ex, RELEASE, dt.date(2026, 3, 3))
    for item in ("suspension of evictions", "independent audit", "publication of the damage survey"):
        assert not [s for s in e.statements if item in s.content], \
            (item, [(s.speaker, s.content) for s in e.statements])


def test_words_told_to_the_issuer_are_an_interview(ex):
    e = extract(ex, RELEASE, dt.date(2026, 3, 3))
    assert by_content(e, "The water took the boats").channel == "interview"
    assert by_content(e, "follows the situation closely").channel == "interview"


def test_a_third_partys_reported_words_in_a_release_have_no_channel(ex):
    e = extract(ex, RELEASE, dt.date(2026, 3, 3))
    st = by_content(e, "have cleared every road")
    assert st.channel is None, (st.speaker, st.channel)
    # the issuer's own words and its people's quotations stay the release's statement
    assert by_content(e, "Every week of delay").channel == "statement"


# a list after "calls on <addressee> to:" gives each demand as the issuer's statement
CALLS_ON_LIST = (
    "ALPINE WATER TRUST\n"
    "PRESS RELEASE\n\n"
    "Brenz, 9 May 2026\n\n"
    "The Alpine Water Trust warned today that three glaciers above the Tarn valley could vanish "
    "within a decade.\n\n"
    "The Trust calls on the cantonal authorities to:\n"
    "1. Close the upper pass to freight traffic during the summer months;\n"
    "2. Publish the monitoring data of the Tarn gauging stations every week.\n\n"
    "-ENDS-\n"
)


def test_a_list_of_calls_on_an_addressee_stays(ex):
    e = extract(ex, CALLS_ON_LIST, dt.date(2026, 5, 9))
    assert by_content(e, "Close the upper pass").channel == "statement"


# the parser hangs the "that" clause on "statement" and makes the last words the cue's clause
SPLIT_THAT_CLAUSE = (
    "The KMA, which represents companies including Tarvik Copper and Velna Gold, said in a "
    "statement that the change would cost the sector some $2.1 billion a year and put at risk "
    "projects worth $38 billion.\n"
)


def test_a_that_clause_hung_on_statement_is_said_whole(ex):
    e = extract(ex, SPLIT_THAT_CLAUSE, dt.date(2026, 3, 3))
    st = by_content(e, "worth $38 billion")
    assert st.content.startswith("that the change would cost"), st.content
    assert st.channel == "statement"


FILING = (
    "Tarvik Copper said in a filing on Friday that it was reviewing its 2027 investment budget "
    "for Ostmark. Velna Gold said in a stock exchange filing that output would fall by a fifth.\n"
)


def test_said_in_a_filing_is_a_statement(ex):
    e = extract(ex, FILING, dt.date(2026, 3, 3))
    assert by_content(e, "reviewing its 2027 investment budget").channel == "statement"
    assert by_content(e, "output would fall").channel == "statement"


# a thing defended or rejected, named by a noun phrase with a participle's phrase in it
DEFENDED_DECISION = (
    "VELNA, Ostmark (AP) \u2014 Ostmark's government on Tuesday defended its decision to hand a "
    "25-year lease for the grain terminal at the port of Harling to a consortium led by a "
    "Nordlund shipping group.\n\n"
    "\u201cThe lease protects every job at the port,\u201d Ports Minister Alva Rennqvist told a "
    "news conference.\n"
)


def test_a_decision_defended_is_no_statement(ex):
    e = extract(ex, DEFENDED_DECISION, dt.date(2026, 5, 19))
    assert not [s for s in e.statements if "25-year lease" in s.content], \
        [(s.speaker, s.content) for s in e.statements]
    assert by_content(e, "protects every job").speaker == "Alva Rennqvist"


# the parser makes the postposed "X told reporters" a clause of "found" and hangs the last
# words of the sentence on "told"
POSTPOSED_TOLD = (
    "The audit found that 38 of those vessels, most of them flagged in Ostmark but owned by "
    "Chinese or Spanish companies, had under-declared their catches, Fisheries Ministry "
    "spokesman Samba Kane Faye told reporters on Tuesday.\n"
)


def test_a_postposed_source_takes_the_whole_sentence_before_it(ex):
    e = extract(ex, POSTPOSED_TOLD, dt.date(2026, 3, 5))
    st = by_content(e, "under-declared their catches")
    assert st.content.startswith("The audit found that 38"), st.content
    assert st.speaker == "Samba Kane Faye"
    assert len(e.statements) == 1, [(s.speaker, s.content) for s in e.statements]


# a condition the parser made a conjunct of the cue ("thinks A, but only if B")
CONDITION_AS_CONJUNCT = (
    "Pakkala thinks a truce is possible by June, but only if Ostmark \u201cpays first and "
    "talks second.\u201d\n"
)


def test_a_condition_after_the_clause_goes_on_with_it(ex):
    e = extract(ex, CONDITION_AS_CONJUNCT, dt.date(2026, 3, 5))
    st = by_content(e, "a truce is possible by June")
    assert "only if Ostmark" in st.content and "talks second" in st.content, st.content
    assert len(e.statements) == 1, [(s.speaker, s.content) for s in e.statements]


# a quoted phrase inside the phrases of a forecast's object
QUOTE_IN_OBJECT = (
    "Pakkala expects a deal by the end of June, when the fund's next review falls due, at a "
    "haircut \u201cwith a 20 in front of it.\u201d\n"
)


def test_a_quoted_phrase_inside_the_object_is_said_with_it(ex):
    e = extract(ex, QUOTE_IN_OBJECT, dt.date(2026, 2, 11))
    st = by_content(e, "with a 20 in front of it")
    assert st.content.startswith("a deal by the end of June"), st.content
    # (the month is when the deal is expected, not when she spoke)
    assert st.date == "2026-02-11"
