"""The database schema: SQLAlchemy 2 declarative tables.

One schema for SQLite and PostgreSQL. The evidence tables (``articles``, ``statements``,
``figures``, ``time_expressions``, ``entities``) hold what ``detente ingest`` extracted, each
row with its provenance: the article it came from, character offsets into the article text
(0-based, end exclusive, as in :mod:`detente.evidence.types`) and the version of the extractor
that produced it.

Changing the schema: edit the classes here **and** add a migration under
``detente/store/migrations/versions/`` (``0002_...py`` with ``down_revision = "0001"``);
``tests/test_store_evidence.py`` checks that the migrated database matches these classes.
Later parts of detente (scenarios, model versions, analyses) add their tables the same way,
on the same :class:`Base`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer,
                        MetaData, String, Text, func)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ArticleRow(Base):
    """One ingested article; ``content_hash`` (source, dateline, text) makes re-ingesting a no-op."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str | None] = mapped_column(String(500))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)  # the dateline
    # where the dateline came from: dateline, given, page, guessed (Article.date_source)
    date_source: Mapped[str | None] = mapped_column(String(20))
    origin: Mapped[str | None] = mapped_column(Text)  # file (and line) it was read from
    text: Mapped[str] = mapped_column(Text)
    n_words: Mapped[int] = mapped_column(Integer, default=0)
    extractor_version: Mapped[str] = mapped_column(String(100))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                     server_default=func.now())

    statements: Mapped[list["StatementRow"]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        order_by="StatementRow.idx")
    figures: Mapped[list["FigureRow"]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        order_by="FigureRow.idx")
    times: Mapped[list["TimeExpressionRow"]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        order_by="TimeExpressionRow.start_char")
    entities: Mapped[list["EntityRow"]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EntityRow.idx")


class _FromArticle:
    """Provenance columns shared by every extracted item."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idx: Mapped[int] = mapped_column(Integer)  # position in the extraction's list
    extractor_version: Mapped[str] = mapped_column(String(100))


class StatementRow(_FromArticle, Base):
    """Who said what, how and when (:class:`detente.evidence.types.Statement`)."""

    __tablename__ = "statements"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    # Stable identity, the same in every database (detente.evidence.identity.statement_uid:
    # hash of the article's content hash, the speaker and the content span); citable like id.
    uid: Mapped[str | None] = mapped_column(String(40), unique=True, index=True)
    speaker: Mapped[str | None] = mapped_column(String(300), index=True)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(200))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str | None] = mapped_column(String(100))
    channel_detail: Mapped[str | None] = mapped_column(Text)
    date_value: Mapped[str | None] = mapped_column(String(40))  # "2025-02-12", "2024-09", ...
    date_granularity: Mapped[str | None] = mapped_column(String(20))
    # First day of the statement's date, or the article's dateline when the statement is
    # undated: what ``--since`` filters on.
    date_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    # where date_value came from: text, inherited, dateline, guessed, none (Statement.date_source)
    date_source: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)

    article: Mapped[ArticleRow] = relationship(back_populates="statements")


class FigureRow(_FromArticle, Base):
    """A number with unit and qualifier, and who claims or disputes it."""

    __tablename__ = "figures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(100), index=True)
    qualifier: Mapped[str | None] = mapped_column(String(100))
    lower_bound: Mapped[float | None] = mapped_column(Float)
    claimed_by: Mapped[str | None] = mapped_column(String(300), index=True)
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), index=True)
    disputed_by: Mapped[str | None] = mapped_column(String(300))
    dispute_text: Mapped[str | None] = mapped_column(Text)
    dispute_start: Mapped[int | None] = mapped_column(Integer)
    dispute_end: Mapped[int | None] = mapped_column(Integer)

    article: Mapped[ArticleRow] = relationship(back_populates="figures")


class TimeExpressionRow(_FromArticle, Base):
    """A time expression resolved against the dateline (:mod:`detente.evidence.dates`)."""

    __tablename__ = "time_expressions"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(String(40))
    granularity: Mapped[str] = mapped_column(String(20))
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    date: Mapped[dt.date | None] = mapped_column(Date)

    article: Mapped[ArticleRow] = relationship(back_populates="times")


class EntityRow(_FromArticle, Base):
    """A person, country or organisation; ``mentions`` is a list of [start, end] offsets."""

    __tablename__ = "entities"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    canonical: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    roles: Mapped[list] = mapped_column(JSON, default=list)
    mentions: Mapped[list] = mapped_column(JSON, default=list)

    article: Mapped[ArticleRow] = relationship(back_populates="entities")




# Modules that declare further tables on Base (added by later parts of detente). Importing
# them all gives Alembic's autogenerate and the schema test the complete metadata.
TABLE_MODULES = ("detente.store.workspace",)


def load_all_tables() -> None:
    """Import every module in :data:`TABLE_MODULES` that is installed."""
    import importlib
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
