"""Issue 15, twelfth round: an interviewee in a long-form feature whose name the tagger reads as
places ("Given Surname-Surname" with each word tagged a place) is still a person when the text
treats the name as one: the subject of a clause whose object "her"/"his" owns ("X keeps a box of
her receipts"), or a name with an age set off by commas ("X, 41, ..."). Her words later ("...,"
she said; "she told me") then have her as speaker, in later paragraphs too, after other people
have spoken. Words of the writer ("I") stay the writer's. Written for the test on invented text,
not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

TEXT = (
    "Four hundred mornings at the ferry gate\n\n"
    "Since March, a few dozen dockers have stood at the ferry gate in Varkotsi every morning.\n\n"
    "Nestan Chokhatauri-Lanchkhuti keeps a shoebox of her court summonses. There are nine of them. "
    "\"I have answered none of them,\" she said when I first met her, in May, on the quay. "
    "\"If I answered them all I would never work again.\"\n\n"
    "She is a nurse. Her brother, she told me, had warned her at the start: \"He said, 'They will "
    "not stop at the gate.' I told him it was a port, not a border.\"\n\n"
    "Revaz Okujava-Lomidze, a harbour official, told me in June that \"no more than 300 dockers\" "
    "had ever come to the gate. Volunteers at the gate put the number at 900. When I pointed out "
    "that the dockers' union had counted 700 on one morning alone, he said that was \"a union "
    "number.\"\n\n"
    "Chokhatauri-Lanchkhuti still comes every morning. When I called her in September, she sounded "
    "tired. \"The men who burned the crane did not ask us,\" she said. \"But we will pay for it.\"\n"
)

AGE_TEXT = (
    "The last bakery on the hill\n\n"
    "Manana Poti-Senaki, 58, bakes bread for a village that has almost emptied. "
    "\"We were forty families when I came,\" she said in April. \"Now we are eleven.\"\n\n"
    "The mayor, Zurab Dolidze, said the road would be repaired next year.\n\n"
    "\"They say that every spring,\" she said. \"I will believe it when I drive on it.\"\n"
)


def test_a_name_tagged_as_places_whose_owner_pronoun_follows_is_a_person(ex):
    e = extract(ex, TEXT)
    assert by_content(e, "I have answered none of them").speaker == "Nestan Chokhatauri-Lanchkhuti"
    assert by_content(e, "If I answered them all").speaker == "Nestan Chokhatauri-Lanchkhuti"


def test_the_interviewee_named_by_her_surname_later_speaks_again_after_others(ex):
    e = extract(ex, TEXT)
    assert by_content(e, "The men who burned the crane").speaker == "Nestan Chokhatauri-Lanchkhuti"
    assert by_content(e, "But we will pay for it.").speaker == "Nestan Chokhatauri-Lanchkhuti"


def test_a_name_with_an_age_set_off_by_commas_is_a_person(ex):
    e = extract(ex, AGE_TEXT)
    assert by_content(e, "We were forty families").speaker == "Manana Poti-Senaki"
    assert by_content(e, "They say that every spring").speaker == "Manana Poti-Senaki"


def test_the_writers_own_words_stay_the_writers(ex):
    e = extract(ex, TEXT)
    assert all(st.speaker != "Nestan Chokhatauri-Lanchkhuti" or "I first met her" not in st.content
               for st in e.statements)


def test_words_told_me_in_a_later_paragraph_take_no_time_from_the_paragraph_before(ex):
    # (the first meeting was in May; when she told the writer about her brother, the text does
    # not say: the dateline, not May)
    e = extract(ex, TEXT)
    st = by_content(e, "He said, 'They will not stop at the gate.'")
    assert st.speaker == "Nestan Chokhatauri-Lanchkhuti"
    assert str(st.date) == "2025-04-10"


def test_the_writers_own_point_is_no_statement(ex):
    e = extract(ex, TEXT)
    assert not any("union had counted 700" in st.content for st in e.statements)
    assert by_content(e, "a union").speaker == "Revaz Okujava-Lomidze"
