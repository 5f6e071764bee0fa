"""Resolved speakers, failure classes of issue 15's seventh round (held-out part 6, now
development material). Each test is written on sentences invented for it (not taken from
bench/evidence_devset) and checks the resolved speaker a user sees."""

from __future__ import annotations

import pytest

from evidence_helpers import by_content, doc_with_entities, extract, person_names


_BRIEFING = (
    "Joint press conference of Governor Tomasina Varga Lindqvist and Secretary Oskar Dahl Mørch, "
    "Nuuvik, 4 March 2026\n\n"
    "GOVERNOR VARGA LINDQVIST: Thank you. Welcome, everyone.\n\n"
    "GOVERNOR VARGA LINDQVIST: We have agreed to open the northern harbour to fishing boats from "
    "both countries next spring.\n\n"
    "SECRETARY DAHL MØRCH: The harbour agreement does not change who owns the islands, and it "
    "was never meant to.\n\n"
    "QUESTION: Will the treaty be signed this year?\n\n"
    "GOVERNOR VARGA LINDQVIST: The treaty will be signed when both parliaments have read it.\n\n"
    "SECRETARY DAHL MØRCH: Our government has set aside money for the new pier already.\n"
)


@pytest.mark.parametrize("content, name", [
    ("open the northern harbour", "Tomasina Varga Lindqvist"),
    ("does not change who owns the islands", "Oskar Dahl Mørch"),
    ("signed when both parliaments", "Tomasina Varga Lindqvist"),
    ("set aside money for the new pier", "Oskar Dahl Mørch"),
])
def test_a_turn_label_of_a_title_and_several_surnames_is_the_full_name(ex, content, name):
    e = extract(ex, _BRIEFING)
    assert by_content(e, content).speaker == name


def test_a_turn_that_only_greets_is_no_statement(ex):
    e = extract(ex, _BRIEFING)
    assert not any("Welcome, everyone" in s.content for s in e.statements)


def test_a_turn_label_with_an_honorific_and_one_surname(ex):
    text = (
        "Press briefing by Ambassador Ruth Okonkwo-Baines and Mr. Petr Halvorsen, 9 May 2026\n\n"
        "AMBASSADOR OKONKWO-BAINES: The convoy will cross the border on Friday morning.\n\n"
        "MR. HALVORSEN: The inspectors will travel with the convoy.\n"
    )
    e = extract(ex, text)
    assert by_content(e, "convoy will cross").speaker == "Ruth Okonkwo-Baines"
    assert by_content(e, "inspectors will travel").speaker == "Petr Halvorsen"


@pytest.mark.parametrize("label, tagged, full", [
    # the full name tagged as a person: the label's surnames end it
    ("SECRETARY DAHL MØRCH", "PERSON", "Oskar Dahl Mørch"),
    # the full name taken for a facility: the label still names the person the text writes in full
    ("SECRETARY DAHL MØRCH", "FAC", "Oskar Dahl Mørch"),
    ("MR. MØRCH", "FAC", "Oskar Dahl Mørch"),
    # a label naming no one in the text stays unresolved to a person
    ("SECRETARY HALVORSEN", "FAC", None),
])
def test_a_turn_label_resolves_whatever_the_tagger_made_of_the_name(label, tagged, full):
    from detente.evidence.entities import build_entities, resolve_speaker
    text = ("Speakers: Oskar Dahl Mørch, Secretary for Fisheries\n\n"
            f"{label}: The harbour will open in spring.\n\n"
            f"{label}: The boats are ready.\n")
    doc = doc_with_entities(text, [("Oskar Dahl Mørch", tagged)])
    start = text.index(label + ":")
    span = doc.char_span(start, start + len(label))
    sp = resolve_speaker(doc, build_entities(doc), span[-1].i, (span.start, span.end))
    if full is None:
        assert sp.name != "Oskar Dahl Mørch"
    else:
        assert sp.name == full


# -- surnames with particles or of several words, cut by the tagger to their last word

@pytest.mark.parametrize("text, labels, full", [
    # a particle the tagger left out between a cut name and its surname
    ("In Rotterdam, port authority spokesman Pieter Van den Brink said the terminal would reopen.",
     [("Pieter Van", "PERSON"), ("Brink", "ORG")], "Pieter Van den Brink"),
    ("Harbour master Anneke Ter der Molen said the lock was closed.",
     [("Anneke Ter", "PERSON"), ("Molen", "PERSON")], "Anneke Ter der Molen"),
    # a last surname the tagger took for a place of its own
    ("Energy ministry spokesman Emre Aksoy Karataş told a weekly briefing that the pipeline was safe.",
     [("Emre Aksoy", "PERSON"), ("Karataş", "GPE")], "Emre Aksoy Karataş"),
])
def test_a_surname_cut_off_by_the_tagger_belongs_to_the_name(text, labels, full):
    assert full in person_names(doc_with_entities(text, labels))


def test_a_capital_after_a_name_is_no_surname():
    doc = doc_with_entities("Spokesman Emre Aksoy Ankara officials said the pipeline was safe.",
               [("Emre Aksoy", "PERSON"), ("Ankara", "GPE")])
    assert "Emre Aksoy Ankara" not in person_names(doc)


def test_a_speaker_with_a_particle_in_the_surname_is_named_in_full(ex):
    e = extract(ex, "In Rotterdam, port authority spokesman Pieter Van den Brink said at a briefing "
                    "that the terminal would reopen on Monday.")
    assert by_content(e, "terminal would reopen").speaker == "Pieter Van den Brink"
