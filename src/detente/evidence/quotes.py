"""Quotation marks: where the quoted passages of a text are.

Works on characters, before and independently of parsing. Handles curly quotes (“ ”),
straight double quotes (paired left to right within a paragraph), Penn-Treebank quotes
(`` ''), and the news convention for quotations running over several paragraphs: each
paragraph opens with a quotation mark and only the last one closes it.

Single quotation marks are not read as quotations: in English news text they are nearly
always apostrophes or quotes inside quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = {"“", "„", "«", "``"}
CLOSING = {"”", "»", "''"}
STRAIGHT = '"'

_MARK = re.compile(r"``|''|[“”„«»\"]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]*[“\"«`])")


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``start``/``end`` include the quotation marks; ``closed`` is False
    when the paragraph ended before a closing mark (a quotation continued in the next one)."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _opens(text: str, i: int, mark: str) -> bool:
    """Decide whether a straight double quote at ``i`` opens a quotation."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if before.isspace() or before in "([{—–-/:":
        return True
    if after.isspace() or after in ".,;:!?)]}—–-":
        return False
    return not before.isalnum()


def find_quotes(text: str) -> list[Quote]:
    """All quoted passages of ``text``, in order, not nested."""
    quotes: list[Quote] = []
    for p_start, p_end in _paragraphs(text):
        open_at: int | None = None
        for m in _MARK.finditer(text, p_start, p_end):
            mark, i = m.group(), m.start()
            if mark in OPENING:
                is_open = True
            elif mark in CLOSING:
                # a closing mark with nothing open, at the start of a word, is a mistyped opener
                is_open = open_at is None and (i == p_start or text[i - 1].isspace()) \
                    and i + len(mark) < len(text) and text[i + len(mark)].isalnum()
            else:  # straight quote: alternate, but let the context decide a dangling one
                is_open = open_at is None and _opens(text, i, mark)
                if open_at is None and not is_open:
                    continue  # a stray closing mark (e.g. inches) with nothing open
            if is_open:
                if open_at is None:
                    open_at = i
                # an opening mark inside an open quotation: nested or a typo; keep the outer
            elif open_at is not None:
                if m.end() - open_at > 2:
                    quotes.append(Quote(open_at, m.end(), True))
                open_at = None
        if open_at is not None:
            end = p_end
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end - open_at > 2:
                quotes.append(Quote(open_at, end, False))
    return quotes


def quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    """The quotation containing character ``pos``, if any (binary search)."""
    lo, hi = 0, len(quotes)
    while lo < hi:
        mid = (lo + hi) // 2
        if quotes[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(quotes) and quotes[lo].start <= pos < quotes[lo].end:
        return quotes[lo]
    return None
