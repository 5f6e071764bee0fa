"""Storing and querying evidence: the functions the command line and the web app both call.

Every function takes an open :class:`sqlalchemy.orm.Session`; the caller decides the
transaction (use :func:`detente.store.db.transaction`, one per article when ingesting, so an
article is stored whole or not at all). Query results are plain dataclasses, safe to use after
the session is closed and easy to print or turn into JSON (``.to_dict()``).

Example
-------
>>> from detente.store.db import get_engine, transaction
>>> from detente.evidence.types import Article, Extraction, Statement
>>> import datetime as dt
>>> art = Article(text='"We will talk," Ann Lee said.', date=dt.date(2025, 2, 12), source="wire")
>>> st = Statement(speaker="Ann Lee", speaker_span=(16, 23), cue="said", cue_span=(24, 28),
...                content="We will talk,", content_span=(1, 14), kind="direct")
>>> engine = get_engine("sqlite://")
>>> with transaction(engine) as s:
...     add_extraction(s, Extraction(article=art, statements=[st], extractor_version="1")).created
True
>>> with transaction(engine) as s:
...     [r.speaker for r in find_statements(s, speaker="lee")]
['Ann Lee']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from detente.evidence.dates import period_start
from detente.evidence.identity import parse_statement_ref, statement_uid
from detente.evidence.types import Extraction
from detente.store.schema import (ArticleRow, EntityRow, FigureRow, StatementRow,
                                  TimeExpressionRow)

__all__ = ["AddResult", "ArticleRecord", "StatementRecord", "FigureRecord", "add_extraction",
           "find_statements", "count_statements", "find_figures", "get_statement",
           "get_statements", "get_article", "count_articles", "article_id_by_hash",
           "all_statements", "statement_uids"]


@dataclass
class AddResult:
    """What :func:`add_extraction` did: the article's id and whether it was new."""

    article_id: int
    created: bool
    statements: int = 0
    figures: int = 0


@dataclass
class ArticleRecord:
    id: int
    source: str | None
    title: str | None
    url: str | None
    date: dt.date | None
    origin: str | None
    n_words: int
    extractor_version: str
    text: str | None = None
    date_source: str | None = None  # dateline, given, page, guessed; None: not recorded

    def to_dict(self) -> dict:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d


@dataclass
class StatementRecord:
    """A stored statement with its provenance (article, offsets, extractor version).

    ``id`` is the row number in this database; ``uid`` the stable id, the same in any database
    (:mod:`detente.evidence.identity`). Either can be cited."""

    id: int
    article_id: int
    speaker: str | None
    cue: str | None
    content: str
    kind: str
    channel: str | None
    channel_detail: str | None
    date: str | None  # resolved value, granularity kept ("2025-02-12", "2024-09")
    date_granularity: str | None
    date_start: dt.date | None  # first day of `date`, else the article's dateline
    confidence: float
    content_span: tuple[int, int]
    speaker_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    extractor_version: str
    article_date: dt.date | None = None
    article_source: str | None = None
    article_title: str | None = None
    article_url: str | None = None
    article_origin: str | None = None
    uid: str | None = None
    # where ``date`` came from: text, inherited, dateline, guessed, none (None: not recorded,
    # e.g. stored before detente recorded it); and where the article's dateline came from
    date_source: str | None = None
    article_date_source: str | None = None

    @property
    def date_guessed(self) -> bool:
        """The statement's date rests on a guessed publication date."""
        return self.date_source == "guessed" or (
            self.date_source in (None, "dateline") and self.article_date_source == "guessed")

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("date_start", "article_date"):
            d[k] = d[k].isoformat() if d[k] else None
        for k in ("content_span", "speaker_span", "cue_span"):
            d[k] = list(d[k]) if d[k] else None
        d["date_guessed"] = self.date_guessed
        return d


@dataclass
class FigureRecord:
    id: int
    article_id: int
    text: str
    value: float
    unit: str
    qualifier: str | None
    lower_bound: float | None
    claimed_by: str | None
    statement_id: int | None
    disputed_by: str | None
    dispute_text: str | None
    span: tuple[int, int]
    extractor_version: str
    article_date: dt.date | None = None
    article_source: str | None = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["article_date"] = self.article_date.isoformat() if self.article_date else None
        d["span"] = list(self.span)
        d.pop("extra")
        return d


def _span(a: int | None, b: int | None) -> tuple[int, int] | None:
    return (a, b) if a is not None and b is not None else None


def _pair(span) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def article_id_by_hash(session: Session, content_hash: str) -> int | None:
    return session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash))


def add_extraction(session: Session, extraction: Extraction) -> AddResult:
    """Store one article with everything extracted from it.

    Parameters
    ----------
    session : an open session; commit (or roll back) is the caller's.
    extraction : the extractor's result for one article.

    Returns
    -------
    :class:`AddResult`; ``created`` is False, and nothing is written, when an article with the
    same content hash (source, dateline, text) is already stored.
    """
    art = extraction.article
    h = art.content_hash
    existing = article_id_by_hash(session, h)
    if existing is not None:
        return AddResult(existing, False)
    version = extraction.extractor_version
    uids = statement_uids(h, extraction.statements)
    row = ArticleRow(content_hash=h, source=art.source, title=art.title, url=art.url,
                     date=art.date, date_source=getattr(art, "date_source", None),
                     origin=art.origin, text=art.text,
                     n_words=len(art.text.split()), extractor_version=version)
    for i, st in enumerate(extraction.statements):
        ss, se = _pair(st.speaker_span)
        cs, ce = _pair(st.cue_span)
        row.statements.append(StatementRow(
            idx=i, uid=uids[i], extractor_version=version, speaker=st.speaker, speaker_start=ss,
            speaker_end=se, cue=st.cue, cue_start=cs, cue_end=ce, content=st.content,
            content_start=st.content_span[0], content_end=st.content_span[1], kind=st.kind,
            channel=st.channel, channel_detail=st.channel_detail, date_value=st.date,
            date_granularity=st.date_granularity,
            date_start=period_start(st.date) or art.date, confidence=st.confidence,
            date_source=getattr(st, "date_source", None)))
    for i, t in enumerate(extraction.times):
        row.times.append(TimeExpressionRow(
            idx=i, extractor_version=version, text=t.text, start_char=t.start, end_char=t.end,
            value=t.value, granularity=t.granularity, approximate=t.approximate, date=t.date))
    for i, en in enumerate(extraction.entities):
        row.entities.append(EntityRow(
            idx=i, extractor_version=version, canonical=en.canonical, kind=en.kind,
            roles=list(en.roles), mentions=[list(m) for m in en.mentions]))
    session.add(row)
    session.flush()  # statement ids, for the figures that quote them
    for i, fg in enumerate(extraction.figures):
        st_id = None
        if fg.statement_index is not None and 0 <= fg.statement_index < len(row.statements):
            st_id = row.statements[fg.statement_index].id
        ds, de = _pair(fg.dispute_span)
        row.figures.append(FigureRow(
            idx=i, extractor_version=version, text=fg.text, start_char=fg.start,
            end_char=fg.end, value=fg.value, unit=fg.unit, qualifier=fg.qualifier,
            lower_bound=fg.lower_bound, claimed_by=fg.claimed_by, statement_id=st_id,
            disputed_by=fg.disputed_by, dispute_text=fg.dispute_text, dispute_start=ds,
            dispute_end=de))
    session.flush()
    return AddResult(row.id, True, len(extraction.statements), len(extraction.figures))


def statement_uids(article_hash: str, statements) -> list[str]:
    """The stable ids of an article's statements, in order (``-2``, ``-3`` appended to a
    repeated speaker and span, which the extractor never produces)."""
    out: list[str] = []
    seen: set[str] = set()
    for st in statements:
        base = uid = statement_uid(article_hash, st.speaker, st.content_span)
        n = 1
        while uid in seen:
            n += 1
            uid = f"{base}-{n}"
        seen.add(uid)
        out.append(uid)
    return out


def store_extraction(tx, extraction: Extraction) -> AddResult:
    """Store one article in its own transaction, as :func:`add_extraction`, when another
    process may be storing the same article at the same moment (parallel ``detente ingest``
    runs, the web app): if the other one commits first, the article is reported as already
    stored (``created`` False) instead of failing on the unique content hash.

    ``tx()`` opens a session in a transaction (:func:`detente.store.db.transaction` bound
    to an engine).
    """
    from sqlalchemy.exc import IntegrityError

    try:
        with tx() as session:
            return add_extraction(session, extraction)
    except IntegrityError:
        with tx() as session:
            existing = article_id_by_hash(session, extraction.article.content_hash)
        if existing is None:  # some other constraint: a real error
            raise
        return AddResult(existing, False)


def _statement_record(st: StatementRow, art: ArticleRow) -> StatementRecord:
    return StatementRecord(
        id=st.id, article_id=st.article_id, speaker=st.speaker, cue=st.cue, content=st.content,
        kind=st.kind, channel=st.channel, channel_detail=st.channel_detail, date=st.date_value,
        date_granularity=st.date_granularity, date_start=st.date_start,
        confidence=st.confidence, content_span=(st.content_start, st.content_end),
        speaker_span=_span(st.speaker_start, st.speaker_end),
        cue_span=_span(st.cue_start, st.cue_end), extractor_version=st.extractor_version,
        article_date=art.date, article_source=art.source, article_title=art.title,
        article_url=art.url, article_origin=art.origin, uid=st.uid,
        date_source=st.date_source, article_date_source=art.date_source)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _statements_query(*, speaker: str | None = None, since: dt.date | None = None,
                      until: dt.date | None = None, text: str | None = None,
                      article_id: int | None = None, channel: str | None = None):
    q = select(StatementRow, ArticleRow).join(ArticleRow, StatementRow.article_id == ArticleRow.id)
    if speaker:
        q = q.where(StatementRow.speaker.ilike(_like(speaker), escape="\\"))
    if since:
        q = q.where(StatementRow.date_start >= since)
    if until:
        q = q.where(StatementRow.date_start <= until)
    if text:
        q = q.where(StatementRow.content.ilike(_like(text), escape="\\"))
    if article_id is not None:
        q = q.where(StatementRow.article_id == article_id)
    if channel:
        q = q.where(or_(StatementRow.channel.ilike(_like(channel), escape="\\"),
                        StatementRow.channel_detail.ilike(_like(channel), escape="\\")))
    return q


def find_statements(session: Session, *, speaker: str | None = None,
                    since: dt.date | None = None, until: dt.date | None = None,
                    text: str | None = None, article_id: int | None = None,
                    channel: str | None = None, limit: int | None = None,
                    offset: int = 0) -> list[StatementRecord]:
    """Stored statements, oldest first, filtered by any of:

    Parameters
    ----------
    speaker : part of the speaker's canonical name, case-insensitive ("hegseth").
    since, until : the statement's date (its first day; the article's dateline when the
        statement is undated) is on or after ``since`` / on or before ``until``.
    text : part of the content, case-insensitive.
    article_id : only this article's statements.
    channel : part of the channel or its detail ("truth social").
    limit, offset : paging (:func:`count_statements` gives the total).
    """
    q = _statements_query(speaker=speaker, since=since, until=until, text=text,
                          article_id=article_id, channel=channel)
    # StatementRow.id last: a total order, so pages neither repeat nor skip a statement
    q = q.order_by(StatementRow.date_start.is_(None), StatementRow.date_start,
                   StatementRow.article_id, StatementRow.idx, StatementRow.id).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return [_statement_record(st, art) for st, art in session.execute(q)]


def count_statements(session: Session, **filters) -> int:
    """How many statements :func:`find_statements` finds with the same filters (no paging)."""
    q = _statements_query(**filters).with_only_columns(func.count(StatementRow.id))
    return int(session.scalar(q) or 0)


def all_statements(session: Session) -> list[StatementRecord]:
    return find_statements(session)


def get_statement(session: Session, statement_id: int | str) -> StatementRecord | None:
    """One stored statement by its integer id or its stable id ``st-...`` (as cited by
    ``statement_id`` in a model's evidence); None when not stored or not a statement id."""
    return get_statements(session, [statement_id]).get(statement_id)


def get_statements(session: Session, ids) -> dict:
    """Several statements by integer id or stable id (mixed); the result is keyed by the
    references as given. Missing ones, and values that are not statement ids, are simply absent
    from the result."""
    refs: dict = {}
    for given in ids or []:
        try:
            refs[given] = parse_statement_ref(given)
        except ValueError:
            continue
    if not refs:
        return {}
    ints = sorted({r for r in refs.values() if isinstance(r, int)})
    uids = sorted({r for r in refs.values() if isinstance(r, str)})
    conds = []
    if ints:
        conds.append(StatementRow.id.in_(ints))
    if uids:
        conds.append(StatementRow.uid.in_(uids))
    rows = session.execute(select(StatementRow, ArticleRow)
                           .join(ArticleRow, StatementRow.article_id == ArticleRow.id)
                           .where(or_(*conds)))
    found: dict = {}
    for st, art in rows:
        rec = _statement_record(st, art)
        found[st.id] = found[st.uid] = rec
    return {given: found[ref] for given, ref in refs.items() if ref in found}


def find_figures(session: Session, *, claimed_by: str | None = None, unit: str | None = None,
                 since: dt.date | None = None, text: str | None = None,
                 disputed: bool | None = None, article_id: int | None = None,
                 limit: int | None = None, offset: int = 0) -> list[FigureRecord]:
    """Stored figures, by article date then position, filtered by any of:

    Parameters
    ----------
    claimed_by : part of the claimant's name, case-insensitive.
    unit : the unit exactly, case-insensitive ("USD", "deaths").
    since : the article's dateline is on or after this date.
    text : part of the figure's text.
    disputed : only disputed (True) or undisputed (False) figures.
    """
    q = select(FigureRow, ArticleRow).join(ArticleRow, FigureRow.article_id == ArticleRow.id)
    if claimed_by:
        q = q.where(FigureRow.claimed_by.ilike(_like(claimed_by), escape="\\"))
    if unit:
        q = q.where(func.lower(FigureRow.unit) == unit.lower())
    if since:
        q = q.where(ArticleRow.date >= since)
    if text:
        q = q.where(FigureRow.text.ilike(_like(text), escape="\\"))
    if disputed is True:
        q = q.where(FigureRow.disputed_by.is_not(None))
    elif disputed is False:
        q = q.where(FigureRow.disputed_by.is_(None))
    if article_id is not None:
        q = q.where(FigureRow.article_id == article_id)
    q = q.order_by(ArticleRow.date, FigureRow.article_id, FigureRow.idx).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return [FigureRecord(
        id=f.id, article_id=f.article_id, text=f.text, value=f.value, unit=f.unit,
        qualifier=f.qualifier, lower_bound=f.lower_bound, claimed_by=f.claimed_by,
        statement_id=f.statement_id, disputed_by=f.disputed_by, dispute_text=f.dispute_text,
        span=(f.start_char, f.end_char), extractor_version=f.extractor_version,
        article_date=a.date, article_source=a.source) for f, a in session.execute(q)]


def get_article(session: Session, article_id: int, *, with_text: bool = True) -> ArticleRecord | None:
    a = session.get(ArticleRow, article_id)
    if a is None:
        return None
    return ArticleRecord(id=a.id, source=a.source, title=a.title, url=a.url, date=a.date,
                         origin=a.origin, n_words=a.n_words,
                         extractor_version=a.extractor_version,
                         text=a.text if with_text else None, date_source=a.date_source)


def count_articles(session: Session) -> int:
    return session.scalar(select(func.count(ArticleRow.id))) or 0
