"""Evidence storage: migrations, provenance, no duplicates, one transaction per article."""

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from detente.evidence.types import Article, Entity, Extraction, Figure, Statement, TimeExpression
from detente.store import db as dbmod
from detente.store.db import current_revision, get_engine, resolve_url, table_names, transaction
from detente.store.evidence_repo import (add_extraction, count_articles, find_figures,
                                         find_statements, get_article, get_statement,
                                         get_statements)
from detente.store.schema import ArticleRow, FigureRow, StatementRow

sys.path.insert(0, str(Path(__file__).parent))
from evidence_fake import FakeExtractor  # noqa: E402

EVIDENCE_TABLES = {"articles", "statements", "figures", "time_expressions", "entities"}
TEXT = ('"We will not send troops," Ann Lee said on Monday. Nearly $5 billion was spent. '
        'Bo Chan told reporters last month that talks had failed.')


def make_extraction(text=TEXT, date=dt.date(2025, 2, 12), source="Wire"):
    art = Article(text=text, date=date, source=source, title="T", url="https://x.test/1",
                  origin="mem")
    s1 = Statement(speaker="Ann Lee", speaker_span=(27, 34), cue="said", cue_span=(35, 39),
                   content="We will not send troops,", content_span=(1, 25), kind="direct",
                   channel="statement", date="2025-02-10", date_granularity="day")
    s2 = Statement(speaker="Bo Chan", speaker_span=(84, 91), cue="told reporters",
                   cue_span=(92, 106), content="talks had failed", content_span=(123, 139),
                   kind="indirect", channel="told reporters", date="2025-01",
                   date_granularity="month")
    fig = Figure(text="Nearly $5 billion", start=51, end=68, value=5e9, unit="USD",
                 qualifier="nearly", claimed_by="Ann Lee", statement_index=0,
                 disputed_by="the article", dispute_text="not so", dispute_span=(0, 3))
    times = [TimeExpression("Monday", 43, 49, "2025-02-10", "day", False, dt.date(2025, 2, 10))]
    ents = [Entity("Ann Lee", "person", ["minister"], [(27, 34)])]
    return Extraction(article=art, statements=[s1, s2], figures=[fig], times=times,
                      entities=ents, extractor_version="test-1")


@pytest.fixture
def engine(tmp_path):
    e = get_engine(f"sqlite:///{tmp_path / 'ev.sqlite'}")
    yield e
    dbmod.dispose_all()


def test_migrated_on_first_use(tmp_path):
    path = tmp_path / "sub" / "new.sqlite"
    e = get_engine(str(path))  # a plain path means a SQLite file; folders are created
    assert path.exists()
    assert EVIDENCE_TABLES <= set(table_names(e))
    assert current_revision(e) is not None
    dbmod.dispose_all()


def test_default_database_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_DB", str(tmp_path / "env.sqlite"))
    assert resolve_url(None) == "sqlite:///" + str((tmp_path / "env.sqlite").resolve())
    monkeypatch.delenv("DETENTE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_url(None).endswith("xdg/detente/detente.sqlite")


def test_migrations_match_schema(engine):
    """The Alembic history builds exactly the tables schema.py declares (evidence tables)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from detente.store.schema import Base, load_all_tables
    load_all_tables()
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                 Base.metadata)

    def tables_of(diff) -> set:
        names = set()
        for d in (diff if isinstance(diff, list) else [diff]):
            for x in d[1:]:
                if isinstance(x, str):
                    names.add(x)
                elif hasattr(x, "table") and hasattr(x.table, "name"):
                    names.add(x.table.name)
                elif hasattr(x, "name"):
                    names.add(x.name)
        return names
    mine = [d for d in diffs if tables_of(d) & EVIDENCE_TABLES]
    assert mine == []


def test_store_with_provenance(engine):
    with transaction(engine) as s:
        res = add_extraction(s, make_extraction())
    assert res.created and res.statements == 2 and res.figures == 1
    with transaction(engine) as s:
        a = s.get(ArticleRow, res.article_id)
        assert a.extractor_version == "test-1" and a.date == dt.date(2025, 2, 12)
        assert [st.extractor_version for st in a.statements] == ["test-1", "test-1"]
        st = a.statements[0]
        assert a.text[st.content_start:st.content_end] == st.content
        assert a.text[st.speaker_start:st.speaker_end] == "Ann Lee"
        fig = a.figures[0]
        assert a.text[fig.start_char:fig.end_char] == "Nearly $5 billion"
        assert fig.statement_id == st.id  # the figure points at the statement quoting it
        assert a.times[0].value == "2025-02-10" and a.entities[0].mentions == [[27, 34]]
        assert a.entities[0].roles == ["minister"]


def test_reingest_changes_nothing(engine):
    for _ in range(3):
        with transaction(engine) as s:
            res = add_extraction(s, make_extraction())
    assert not res.created
    with transaction(engine) as s:
        assert count_articles(s) == 1
        assert s.scalar(select(func.count(StatementRow.id))) == 2
        assert s.scalar(select(func.count(FigureRow.id))) == 1
    # the same text from another source, or with another dateline, is another article
    with transaction(engine) as s:
        assert add_extraction(s, make_extraction(source="Other")).created
        assert add_extraction(s, make_extraction(date=dt.date(2025, 2, 13))).created


def test_article_stored_whole_or_not_at_all(engine):
    bad = make_extraction()
    bad.figures.append(Figure(text="x", start=0, end=1, value=None, unit="USD"))  # NOT NULL
    with pytest.raises(Exception):
        with transaction(engine) as s:
            add_extraction(s, bad)
    with transaction(engine) as s:
        assert count_articles(s) == 0
        assert s.scalar(select(func.count(StatementRow.id))) == 0


def test_queries(engine):
    with transaction(engine) as s:
        add_extraction(s, make_extraction())
        undated = make_extraction(text=TEXT + " More.", date=dt.date(2024, 5, 1))
        undated.statements[0].date = None
        add_extraction(s, undated)
    with transaction(engine) as s:
        assert [r.speaker for r in find_statements(s, speaker="lee")] == ["Ann Lee", "Ann Lee"]
        # --since uses the statement's own date, else the article's dateline
        since = find_statements(s, since=dt.date(2025, 2, 1))
        assert [(r.speaker, r.date) for r in since] == [("Ann Lee", "2025-02-10")]
        jan = find_statements(s, since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 31))
        assert [r.speaker for r in jan] == ["Bo Chan", "Bo Chan"]
        assert len(find_statements(s, text="TROOPS")) == 2
        assert len(find_statements(s, text="100%")) == 0  # LIKE wildcards are literal
        assert len(find_statements(s, channel="reporters")) == 2
        first = find_statements(s, limit=1)[0]
        got = get_statement(s, first.id)
        assert got == first and got.article_source == "Wire" and got.content_span == (123, 139) or got == first
        assert get_statement(s, 10_000) is None
        assert set(get_statements(s, [first.id, 999])) == {first.id}
        figs = find_figures(s, unit="usd", disputed=True)
        assert len(figs) == 2 and figs[0].qualifier == "nearly" and figs[0].statement_id
        assert find_figures(s, claimed_by="chan") == []
        assert get_article(s, first.article_id).text.startswith('"We will')
    rec = first.to_dict()
    assert rec["content_span"] and isinstance(rec["date_start"], str)


def test_ingest_pipeline_and_interrupt(engine, monkeypatch, tmp_path):
    from detente.evidence import ingest as ing
    from detente.store import evidence_repo

    files = []
    for i in range(3):
        f = tmp_path / f"a{i}.txt"
        f.write_text(f" date 2025-02-1{i} Ann Lee said talks number {i} went well.", encoding="utf-8")
        files.append(f)
    real = evidence_repo.add_extraction
    calls = []

    def interrupted_second(session, extraction):
        calls.append(1)
        res = real(session, extraction)  # written (flushed) ...
        if len(calls) == 2:
            raise KeyboardInterrupt  # ... then Ctrl-C before the commit
        return res

    monkeypatch.setattr(evidence_repo, "add_extraction", interrupted_second)
    with pytest.raises(KeyboardInterrupt) as info:
        ing.ingest(files, db=engine, extractor=FakeExtractor())
    assert info.value.report.stored == 1 and info.value.report.interrupted
    with transaction(engine) as s:
        assert count_articles(s) == 1  # the interrupted article was rolled back
    monkeypatch.setattr(evidence_repo, "add_extraction", real)
    report = ing.ingest(files, db=engine, extractor=FakeExtractor())
    assert (report.stored, report.duplicates, report.failed) == (2, 1, 0)


def test_extractor_failure_is_reported_and_batch_goes_on(engine, tmp_path):
    from detente.evidence.ingest import ingest
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(" date 2025-01-01 Ann Lee said POISON here.", encoding="utf-8")
    b.write_text(" date 2025-01-01 Bo Chan said fine.", encoding="utf-8")
    report = ingest([a, b], db=engine, extractor=FakeExtractor(fail_on="POISON"))
    assert (report.stored, report.failed) == (1, 1) and not report.ok
    assert "extraction failed" in report.problems[0].message
    assert report.problems[0].file == str(a)


def test_parallel_workers(engine, tmp_path, monkeypatch):
    """--jobs N: extraction in worker processes, storage in this one."""
    from detente.evidence import ingest as ing
    monkeypatch.setattr(ing, "make_extractor", lambda model=None: FakeExtractor())
    f = tmp_path / "batch.jsonl"
    import json
    f.write_text("".join(json.dumps({"date": "2025-01-02", "text": f"Ann Lee said item {i}."}) + "\n"
                         for i in range(12)) + "{oops\n", encoding="utf-8")
    report = ing.ingest([f], db=engine, jobs=2)
    assert (report.stored, report.failed) == (12, 1)
    with transaction(engine) as s:
        assert len(find_statements(s)) == 12


PG_URL = os.environ.get("DETENTE_TEST_PG_URL")


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="set DETENTE_TEST_PG_URL=postgresql+psycopg://... to run "
                                       "the PostgreSQL tests (needs a server)")
def test_postgresql_roundtrip():
    e = get_engine(PG_URL)
    try:
        with e.begin() as conn:  # start from empty evidence tables
            conn.execute(text("TRUNCATE articles RESTART IDENTITY CASCADE"))
        with transaction(e) as s:
            assert add_extraction(s, make_extraction()).created
        with transaction(e) as s:
            assert not add_extraction(s, make_extraction()).created
            assert [r.speaker for r in find_statements(s, speaker="LEE")] == ["Ann Lee"]
            assert len(find_figures(s, disputed=True)) == 1
            assert len(find_statements(s, since=dt.date(2025, 2, 1))) == 1
        bad = make_extraction(source="pg-bad")
        bad.figures.append(Figure(text="x", start=0, end=1, value=None, unit="USD"))
        with pytest.raises(Exception):
            with transaction(e) as s:
                add_extraction(s, bad)
        with transaction(e) as s:
            assert count_articles(s) == 1
    finally:
        dbmod.dispose_all()
