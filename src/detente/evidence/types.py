"""Plain result types of evidence extraction (shared by the extractor, storage, CLI and web).

Character offsets are into ``Article.text`` (0-based, end exclusive). ``None`` means unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Literal

Granularity = Literal["day", "week", "month", "quarter", "year", "decade", "approximate"]


@dataclass
class Article:
    """One news article as read from a file, before extraction."""

    text: str
    date: dt.date | None  # the dateline (document creation time)
    source: str | None = None  # outlet or file name
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # file path (and line for JSON Lines) it came from
    # where ``date`` came from (not part of the identity): "dateline" (the file's own dateline
    # or JSON `date`), "given" (--date, an API argument), "page" (an HTML page's metadata),
    # "guessed" (a date htmldate found in an HTML article's text), None (unknown)
    date_source: str | None = None

    @property
    def content_hash(self) -> str:
        """Identity for de-duplication: the same text, date and source is the same article."""
        import hashlib
        h = hashlib.sha256()
        for part in (self.source or "", self.date.isoformat() if self.date else "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class TimeExpression:
    """A time expression and the date it refers to, resolved against the dateline."""

    text: str
    start: int
    end: int
    value: str  # ISO-like, granularity kept: "2025-02-12", "2024-09", "2022", "2023-10"
    granularity: Granularity
    approximate: bool = False  # "about", "16 months ago" counted from the dateline
    date: dt.date | None = None  # the first day of the period, for sorting and queries


@dataclass
class Entity:
    """A person, country or organisation mentioned in the article."""

    canonical: str  # "Pete Hegseth"
    kind: Literal["person", "country", "organisation", "other"]
    roles: list[str] = field(default_factory=list)  # "U.S. Defense Secretary"
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Statement:
    """Who said what, how, and when."""

    speaker: str | None  # canonical entity name
    speaker_span: tuple[int, int] | None  # the mention the speaker was read from (may be a pronoun)
    cue: str | None  # "said", "wrote", "told reporters", "explained"
    cue_span: tuple[int, int] | None
    content: str
    content_span: tuple[int, int]
    kind: Literal["direct", "indirect", "mixed", "paraphrase"]
    channel: str | None = None  # "social-media post", "remarks at a meeting", "told reporters", ...
    channel_detail: str | None = None  # "Truth Social", "Ukraine Defense Contact Group meeting at NATO headquarters"
    date: str | None = None  # resolved value (see TimeExpression.value)
    date_granularity: Granularity | None = None
    confidence: float = 1.0
    # where ``date`` came from: "text" (a time expression of the statement's own sentence),
    # "inherited" (from the statement it continues, or the meeting it was made at),
    # "dateline" (the article's dateline, or the dateline in its text), "guessed" (the
    # article's dateline, itself guessed), "none" (no date); None when the extractor did not say
    date_source: str | None = None


@dataclass
class Figure:
    """A number with its unit, as claimed by someone (or by the article itself)."""

    text: str
    start: int
    end: int
    value: float  # normalised (1.83e11 for "$183 billion")
    unit: str  # "USD", "deaths", "people", "troops", "years", ...
    qualifier: str | None = None  # "nearly", "in the region of", "at least", "vague"
    lower_bound: float | None = None  # e.g. "millions of" -> at least 2,000,000
    claimed_by: str | None = None  # canonical speaker, or None for the article's own voice
    statement_index: int | None = None  # index into Extraction.statements when quoted
    disputed_by: str | None = None  # who disputes it (e.g. "the article")
    dispute_text: str | None = None
    dispute_span: tuple[int, int] | None = None


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    statements: list[Statement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    extractor_version: str = "0"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["article"]["date"] = self.article.date.isoformat() if self.article.date else None
        for t in d["times"]:
            t["date"] = t["date"].isoformat() if t["date"] else None
        return d
