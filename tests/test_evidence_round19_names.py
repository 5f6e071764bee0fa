"""Issue 15, nineteenth round, people's names and transcript labels: a briefing transcript's
turn labels with an abbreviated title ("ASEC. BALTAZAR-QUIMPO:") naming the person its heading
introduces in capitals, with an abbreviated given name ("MA. LOURDES"); an abbreviated part
inside a name ("Ernesto Sta. Romana", "Sto.", "Ma."), which neither ends a sentence nor cuts the
name; a moderator's line introducing a guest ("Joining us today is ..., who will brief us"),
no statement; a Sesotho given name opening with an apostrophe ("'Mamello"), kept as written; a
later mention by the first of two surnames ("Quintana" after "Aurelio Quintana Mendieta") or by
a hyphenated surname ("Tabi-Korowa") that the tagger labelled something else: the full name; a
single name in apposition to a relative ("Her brother, Darmanto,") naming that person when the
word comes back alone; a name before a kind of place in lower case ("the Kobe river"): a place.
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

BRIEFING = (
    "Office of the Press Secretary\n"
    "PRESS BRIEFING OF ASSISTANT SECRETARY MA. LOURDES BALTAZAR-QUIMPO\n"
    "WITH NAVY SPOKESPERSON CAPTAIN ERNESTO STA. ROMANA\n"
    "March 3, 2025\n\n"
    "ASEC. BALTAZAR-QUIMPO: Good afternoon. The department has sent 12,000 water jugs to Samar, "
    "and another 5,000 are on the way.\n\n"
    "Joining us today is Captain Ernesto Sta. Romana of the Navy, who will brief us on the "
    "collision. Captain, good afternoon.\n\n"
    "CAPTAIN STA. ROMANA: Good afternoon. On Monday a fishing boat struck our patrol ship near "
    "Pag-asa Island. Nobody was hurt.\n\n"
    "Q (Liza Morales, Daily Star): Will the Navy file a report?\n\n"
    "ASEC. BALTAZAR-QUIMPO: The department will speak on that. The inquiry will continue.\n\n"
    "Q (Morales, Daily Star): Is the count wrong?\n\n"
    "CAPTAIN STA. ROMANA: We are still checking the hull of the ship.\n"
)


def test_a_label_with_an_abbreviated_title_names_the_person_the_heading_introduces(ex):
    e = extract(ex, BRIEFING)
    assert by_content(e, "12,000 water jugs").speaker == "Ma. Lourdes Baltazar-Quimpo"
    assert by_content(e, "inquiry will continue").speaker == "Ma. Lourdes Baltazar-Quimpo"
    assert claimant_of(e, "12,000") == "Ma. Lourdes Baltazar-Quimpo"


def test_an_abbreviated_part_inside_a_name_keeps_the_name_whole(ex):
    e = extract(ex, BRIEFING)
    assert by_content(e, "fishing boat struck").speaker == "Ernesto Sta. Romana"
    assert by_content(e, "hull of the ship").speaker == "Ernesto Sta. Romana"


def test_introducing_a_guest_is_no_statement(ex):
    e = extract(ex, BRIEFING)
    assert not [s for s in e.statements if "Joining us" in s.content]


def test_an_abbreviated_part_does_not_end_the_sentence(ex):
    e = extract(ex, "Senator Rodrigo Sto. Niño said on Monday that rice prices had risen by 7 percent.\n")
    s = by_content(e, "rice prices had risen")
    assert s.speaker == "Rodrigo Sto. Niño"


APOSTROPHE = (
    "8.15am The union's general secretary, 'Mamello Ntsekhe, told Radio Lesedi this morning that "
    "about 2,000 nurses had walked out, \"more than yesterday\".\n\n"
    "9.40am \"We will not go back for less,\" Ntsekhe said outside the hospital.\n"
)


def test_a_name_opening_with_an_apostrophe_keeps_it(ex):
    e = extract(ex, APOSTROPHE)
    assert by_content(e, "nurses had walked out").speaker == "'Mamello Ntsekhe"
    assert by_content(e, "go back for less").speaker == "'Mamello Ntsekhe"
    assert claimant_of(e, "2,000") == "'Mamello Ntsekhe"


def test_a_name_in_single_quotation_marks_is_not_given_one(ex):
    e = extract(ex, "Her new novel, 'Martha Quist', sold 3,000 copies, Mira Ndlovu said.\n")
    assert by_content(e, "sold 3,000 copies").speaker == "Mira Ndlovu"


def _person_at(doc, word: str, nth: int = -1) -> str | None:
    from detente.evidence.entities import build_entities
    idx = build_entities(doc)
    tok = [t for t in doc if t.text == word][nth]
    e = idx.entity_at(tok.i)
    return e.canonical if e is not None and e.kind == "person" else None


def test_the_first_of_two_surnames_alone_names_the_full_name_however_it_was_tagged():
    from evidence_helpers import doc_with_entities
    text = ("\"That is the number we were given.\" Aurelio Quintana Mendieta, a fisherman who leads the "
            "Lago Verde Fishers' Union, says the real figure is more than 3,000.\n\n"
            "\"I thought he was wrong. He was not,\" Quintana said on Radio Sur last week.\n")
    doc = doc_with_entities(text, [("Aurelio Quintana Mendieta", "WORK_OF_ART"),
                                   ("Lago Verde Fishers' Union", "ORG"), ("Quintana", "PERSON"),
                                   ("Radio Sur", "ORG")])
    assert _person_at(doc, "Quintana") == "Aurelio Quintana Mendieta"


def test_a_hyphenated_surname_alone_tagged_a_work_names_the_full_name():
    from evidence_helpers import doc_with_entities
    text = ("Solomon Islands will stop selling logging permits until June, Forestry Minister Peter "
            "Tabi-Korowa said on Wednesday.\n\n"
            "\"We cannot keep selling a forest that no longer grows back,\" Tabi-Korowa told reporters.\n")
    doc = doc_with_entities(text, [("Solomon Islands", "GPE"), ("Peter Tabi-Korowa", "PERSON"),
                                   ("Wednesday", "DATE"), ("Tabi-Korowa", "WORK_OF_ART")])
    assert _person_at(doc, "Korowa") == "Peter Tabi-Korowa"


MONONYM_AND_RIVER = (
    "Wulandari Hasibuan sells fish in the market of Lelilef. Her brother, Darmanto, goes out every "
    "night in a wooden boat. \u201cThe fish moved away from the lights,\u201d he says.\n\n"
    "Wulandari remembers when the Kobe river first ran the color of rust, in March. \u201cMy "
    "grandfather used to say the river feeds the sea,\u201d she told me. \u201cNow the river is sick.\u201d\n\n"
    "Bambang Kusuma, a spokesman for the smelter, said the company would pay for new nets.\n\n"
    "Darmanto has started taking his boat further out. \u201cMy father fished here with a paddle,\u201d he "
    "says. \u201cI fish with a motor and come home with less.\u201d\n"
)


def _tagged(labels):
    from evidence_helpers import doc_with_entities
    return doc_with_entities(MONONYM_AND_RIVER, labels)


def test_a_single_name_in_apposition_to_a_relative_names_that_person_later():
    # (the tagger takes the first mention for a person and misses the later one)
    doc = _tagged([("Wulandari Hasibuan", "PERSON"), ("Darmanto", "PERSON"), ("Bambang Kusuma", "PERSON")])
    assert _person_at(doc, "Darmanto", -1) == "Darmanto"


def test_a_name_before_a_kind_of_place_in_lower_case_is_a_place():
    from evidence_helpers import person_names
    doc = _tagged([("Wulandari Hasibuan", "PERSON"), ("Darmanto", "PERSON"), ("Kobe", "PERSON"),
                   ("Bambang Kusuma", "PERSON")])
    assert "Kobe" not in person_names(doc)
