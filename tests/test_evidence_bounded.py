"""Bounded work on hostile articles (issue 15): a paragraph longer than ``PARAGRAPH_CAP``
characters is read as paragraphs of at most that length, so that the parse and the rules work on
bounded pieces; shorter paragraphs are read as they stand. On invented text; no timing."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.evidence import nlp
from detente.evidence.nlp import bounded_paragraphs, paragraph_chunks, text_for_parsing
from detente.evidence.types import Article

FILLER = ("Ferries between the two islands were cancelled for a third week. Fishermen in the "
          "northern harbour counted the days without a catch. The coast guard kept two boats at "
          "the mouth of the bay. Nobody in the market knew when the talks would begin again. ")

FIRST = "Transport Minister Aino Lehtovaara said on Monday that the ferry talks would resume soon. "
LAST = '"We are ready to sign the agreement tomorrow," Harbour Commissioner Teodor Vasko said.'


def long_paragraph(fillers: int) -> str:
    return FIRST + FILLER * fillers + LAST


def test_short_paragraphs_are_read_as_they_stand():
    text = "\n\n".join([FIRST + FILLER, FILLER + LAST] * 30)  # 30,000 characters, none over the cap
    assert len(text) > nlp.PARAGRAPH_CAP
    assert bounded_paragraphs(text) is text
    short = FIRST + LAST
    assert bounded_paragraphs(short) is short
    pieces = [text[a:b] for a, b in paragraph_chunks(text)]
    assert pieces == text.split("\n")


def test_long_paragraph_is_cut_at_sentence_ends_into_pieces_no_longer_than_the_cap():
    text = long_paragraph(60)  # about 18,000 characters in one paragraph
    cap = 2000
    cut = bounded_paragraphs(text, cap)
    assert len(cut) == len(text)
    changed = [i for i, (a, b) in enumerate(zip(text, cut)) if a != b]
    assert changed and all(text[i] == " " and cut[i] == "\n" for i in changed)
    pieces = cut.split("\n")
    assert len(pieces) >= len(text) // cap
    assert all(len(p) <= cap for p in pieces)
    assert all(p.rstrip().endswith((".", "”", '"')) for p in pieces)  # at sentence ends
    assert [(a, b) for a, b in paragraph_chunks(text, cap)] == \
        [(a, a + len(p)) for a, p in zip(_starts(pieces), pieces)]


def test_run_on_paragraph_is_cut_between_words():
    text = " ".join(["ferries", "fishermen", "harbour", "talks"] * 2000)  # no sentence end at all
    cut = bounded_paragraphs(text, 1000)
    assert len(cut) == len(text)
    assert all(0 < len(p) <= 1000 for p in cut.split("\n"))
    assert cut.replace("\n", " ") == text


def test_parse_and_rules_see_bounded_paragraphs(ex, monkeypatch):
    monkeypatch.setattr(nlp, "PARAGRAPH_CAP", 1500)
    text = long_paragraph(25)  # about 7,700 characters: five pieces or more
    doc = ex.nlp(text_for_parsing(bounded_paragraphs(text)))
    assert max(len(s.text) for s in doc.sents) <= 1500
    e = ex.extract(Article(text=text, date=dt.date(2025, 4, 10)))
    first = next(s for s in e.statements if "ferry talks would resume" in s.content)
    last = next(s for s in e.statements if "ready to sign" in s.content)
    assert first.speaker == "Aino Lehtovaara"
    assert last.speaker == "Teodor Vasko"
    # what the extraction quotes is the article's own text, not the line breaks it was read with
    for s in e.statements:
        assert s.content == text[s.content_span[0]:s.content_span[1]]
    for f in e.figures:
        assert f.text == text[f.start:f.end]


def test_quotation_across_a_cut_is_quoted_from_the_article(ex, monkeypatch):
    monkeypatch.setattr(nlp, "PARAGRAPH_CAP", 300)
    quote = ("“The ferries have stopped. The boats are idle. The market is empty. The harbour is "
             "closed. The fishermen are waiting. The talks have failed. The islands are cut off. "
             "Nobody knows when the ferries will sail again,” Harbour Commissioner Teodor Vasko said.")
    text = FIRST + quote
    assert "\n" in bounded_paragraphs(text)
    e = ex.extract(Article(text=text, date=dt.date(2025, 4, 10)))
    assert e.statements
    for s in e.statements:
        assert "\n" not in s.content
        assert s.content == text[s.content_span[0]:s.content_span[1]]


def _starts(pieces):
    pos = 0
    for p in pieces:
        yield pos
        pos += len(p) + 1


@pytest.mark.parametrize("cap", [50, 120])
def test_word_longer_than_the_cap_stays_whole(cap):
    word = "x" * (cap * 2)
    text = f"short words here {word} and more words after it to cut"
    pieces = bounded_paragraphs(text, cap).split("\n")
    assert word in pieces
    assert all(len(p) <= cap for p in pieces if p != word)
