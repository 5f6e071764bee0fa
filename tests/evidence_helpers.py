"""Helpers shared by the extraction tests written on invented text (issue 15's failure
classes): extract a text as an article of a given day, and find a statement by its content."""

from __future__ import annotations

import datetime as dt

from detente.evidence.types import Article


def extract(ex, text: str, date: dt.date = dt.date(2025, 4, 10)):
    """The extraction of ``text`` as one article dated ``date`` by the extractor ``ex``."""
    return ex.extract(Article(text=text, date=date))


def by_content(e, part: str):
    """The first statement of extraction ``e`` whose content contains ``part`` (the assertion
    lists every statement when none does)."""
    found = [s for s in e.statements if part in s.content]
    assert found, [(s.speaker, s.content) for s in e.statements]
    return found[0]


def claimant_of(e, text: str):
    """Who claims the first figure of extraction ``e`` whose text contains ``text`` (the
    assertion lists every figure when none does)."""
    found = [f for f in e.figures if text in f.text]
    assert found, [(f.text, f.claimed_by) for f in e.figures]
    return found[0].claimed_by


def figure(e, part: str):
    """The first figure of extraction ``e`` whose text contains ``part`` or lies inside it (the
    assertion lists every figure when none does)."""
    found = [f for f in e.figures if part in f.text or f.text in part]
    assert found, [(f.text, f.unit, f.claimed_by) for f in e.figures]
    return found[0]


def doc_with_entities(text: str, labels: list[tuple[str, str]]):
    """``text`` parsed, its named entities replaced by ``labels`` ((words, label), in order):
    for rules that must hold whatever the tagger made of a name."""
    from detente.evidence.nlp import load_nlp
    doc = load_nlp()(text)
    ents, at = [], 0
    for words, label in labels:
        start = text.index(words, at)
        span = doc.char_span(start, start + len(words), label=label)
        assert span is not None, words
        ents.append(span)
        at = start + len(words)
    doc.ents = ents
    return doc


def person_names(doc):
    """The canonical names of the people the entity rules find in ``doc``."""
    from detente.evidence.entities import build_entities
    return [e.canonical for e in build_entities(doc).entities if e.kind == "person"]
