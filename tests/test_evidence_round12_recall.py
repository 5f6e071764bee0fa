"""Issue 15, twelfth round (continued), statement recall and content spans: classes of missed
statements paired with a wrong span. Written for the tests on invented text, not taken from
bench/evidence_devset.

- "A, according to X, and B": the phrase in the middle closes A's clause; the clause the
  conjunction adds after it is not X's, even when it is the longer side.
- "By her count, A" / "By the board's count, A" opening a sentence: A (a count, with a number)
  is the owner's statement, without a participle phrase saying what the count rests on."""

from __future__ import annotations

from evidence_helpers import by_content, extract

ACCORDING = (
    "The harbour is busy again\n\n"
    "About 4,100 registered fishing boats work the two bays, according to the Coastal Fisheries "
    "Board, and many of them sell their catch, and some of their ice, across the border.\n\n"
    "The river has dropped by half since 2012, according to the Basin Authority, and herders who "
    "once watered cattle near the town now walk for days to find water.\n"
)


def test_according_to_in_the_middle_before_a_conjunction_covers_the_clause_before(ex):
    e = extract(ex, ACCORDING)
    st = by_content(e, "About 4,100 registered fishing boats")
    assert st.speaker == "Coastal Fisheries Board"
    assert "sell their catch" not in st.content
    st = by_content(e, "The river has dropped by half")
    assert st.speaker == "Basin Authority"
    assert "herders" not in st.content


COUNT = (
    "Rents keep climbing\n\n"
    "Tomasz Wielgosz-Brand, an economist at the Harbour Institute, said the bank had moved too "
    "late. By his count, based on market surveys, rents in the capital rose more than 14 percent "
    "between May and August, \"the fastest rise in a decade.\"\n\n"
    "The Lantern Group keeps a register of detained reporters. By the Lantern Group's count, 230 "
    "journalists were still in detention on Friday, and at least 40 have been arrested since "
    "June.\n\n"
    "By the mayor's count, the strike is the work of a few agitators.\n"
)


def test_by_his_count_opens_a_statement_of_the_owner(ex):
    e = extract(ex, COUNT)
    st = by_content(e, "rents in the capital rose more than 14 percent")
    assert st.speaker == "Tomasz Wielgosz-Brand"
    assert "market surveys" not in st.content
    assert st.content.startswith("rents")


def test_by_a_bodys_count_opens_a_statement_of_the_body(ex):
    e = extract(ex, COUNT)
    st = by_content(e, "230 journalists were still in detention")
    assert st.speaker == "Lantern Group"
    assert "arrested since June" in st.content
    # (a "count" without a number is an idiom for a view, not a count)
    assert not any("work of a few agitators" in s.content for s in e.statements)


PUT = (
    "The cable case\n\n"
    "Marten Volkov-Saar, a lawyer for the crew, argued in May that the barge had been outside the "
    "port limits. He put the length of cable the barge cut inside the harbour zone at \"less than "
    "3 kilometres\".\n\n"
    "The grid operator Eltrans said in a statement that it would cut power to the smelter on "
    "Monday. It put the smelter's reserves at no more than 12 days of normal output, a figure the "
    "ministry later called \"absurd.\"\n\n"
    "The Refugee Council, which counts people at the border posts, puts arrivals from the north "
    "over the same months at a little under 400,000, and says that most of them came on foot.\n\n"
    "Ilse Marrow-Quint, an engineer on the river commission, said the water released at the weir "
    "had \"never once\" dropped below the agreed level and put the lowest reading at 2,100 cubic "
    "metres, \"well inside the margin.\"\n"
)


def test_a_pronoun_that_puts_a_figure_somewhere_states_an_estimate(ex):
    e = extract(ex, PUT)
    assert by_content(e, "the length of cable the barge cut").speaker == "Marten Volkov-Saar"
    assert by_content(e, "the smelter's reserves at no more than 12 days").speaker == "Eltrans"


def test_an_estimate_whose_number_hangs_on_a_preposition_after_at(ex):
    e = extract(ex, PUT)
    st = by_content(e, "arrivals from the north")
    assert st.speaker == "Refugee Council"
    assert "400,000" in st.content


def test_said_a_and_put_b_at_a_number_is_two_statements(ex):
    e = extract(ex, PUT)
    said = by_content(e, "the water released at the weir")
    assert "lowest reading" not in said.content
    put = by_content(e, "put the lowest reading at 2,100 cubic metres")
    assert put.speaker == "Ilse Marrow-Quint"
    assert "well inside the margin" in put.content


LABELS = (
    "Live: the harbour vote\n\n"
    "10:52 The council's deputy chair, Ruslan Verkhovets-Lind, explaining his abstention: a \"blank "
    "cheque for a dredging plan whose costs nobody in this chamber has seen\".\n\n"
    "11:10 Is there a way out? Asked, Verkhovets-Lind laughs: \"My students ask me that every "
    "spring. I tell them what my teacher told me: 'In this city, the way out is usually a new "
    "council.'\"\n\n"
    "11:40 A Czech commenter on Instagram, under a repost of the council notice that has been "
    "shared more than 9,000 times: \"We dredge their harbour and their canals, and we are the ones "
    "who pay.\"\n\n"
    "12:05 Harbour-based reporter Milena Osterhaus-Kraal, who has covered every council vote since "
    "2004, posts on TikTok: \"I have never seen the quay like this on vote day. The cafes are shut "
    "and nobody is talking.\"\n\n"
    "12:30 Verkhovets-Lind again, this time on Facebook: \"They want you to believe the harbour is "
    "finished. The harbour is not finished. The harbour is working.\"\n\n"
    "12:45 Big news. Port Secretary Arvind Kale Bhosle, in a two-minute statement read to cameras: "
    "\"The two pilots' unions agreed at 12:35 this afternoon. Both will return to work at 17:00.\"\n"
)


def test_a_label_before_a_quotation_that_ends_with_a_quotation_inside_it(ex):
    text = ("The old port\n\n"
            "Is there a way out? Asked, Halvorsen-Dimitrov grins: \u201cMy students ask me that "
            "every year. I tell them what my teacher told me: \u2018In this port, the way out is "
            "usually the next ferry.\u2019\u201d\n")
    assert by_content(extract(ex, text), "My students ask me").speaker == "Halvorsen-Dimitrov"


def test_a_named_label_with_a_participle_before_a_colon_gives_the_quotation_its_speaker(ex):
    e = extract(ex, LABELS)
    st = by_content(e, "blank cheque for a dredging plan")
    assert st.speaker == "Ruslan Verkhovets-Lind"
    assert st.content.startswith("a ")


def test_a_label_whose_verb_the_tagger_missed_gives_the_quotation_its_speaker(ex):
    e = extract(ex, LABELS)
    assert by_content(e, "My students ask me that every spring").speaker == "Ruslan Verkhovets-Lind"
    assert by_content(e, "I have never seen the quay").speaker == "Milena Osterhaus-Kraal"


def test_a_label_of_a_person_noun_on_a_platform_is_the_description(ex):
    e = extract(ex, LABELS)
    st = by_content(e, "We dredge their harbour")
    assert st.speaker == "Czech commenter on Instagram"
    assert st.channel == "social-media post"


def test_a_surname_again_on_a_platform_is_the_person_not_the_platform(ex):
    e = extract(ex, LABELS)
    st = by_content(e, "The harbour is not finished")
    assert st.speaker == "Ruslan Verkhovets-Lind"
    assert st.channel == "social-media post"


def test_a_statement_of_a_hyphenated_length_names_its_channel(ex):
    e = extract(ex, LABELS)
    st = by_content(e, "The two pilots' unions agreed")
    assert st.speaker == "Arvind Kale Bhosle"
    assert st.channel == "statement"


SPLIT = (
    "The church and the ballot\n\n"
    "A survey published in June found that 51 percent of voters trusted the church. Anna "
    "Varosyan-Melik dismissed the poll. \"Trust is measured at elections,\" she said, \"and we will "
    "see in June next year.\"\n\n"
    "\"The harbour is not for sale,\" Tomas Brenner-Lux said, \"and it never was.\"\n"
)


def test_a_quotation_the_cue_interrupts_before_a_lower_case_half_is_a_statement_too(ex):
    e = extract(ex, SPLIT)
    assert by_content(e, "Trust is measured at elections").speaker == "Anna Varosyan-Melik"
    assert by_content(e, "and we will see in June next year").speaker == "Anna Varosyan-Melik"
    assert by_content(e, "The harbour is not for sale").speaker == "Tomas Brenner-Lux"
    assert by_content(e, "and it never was").speaker == "Tomas Brenner-Lux"
