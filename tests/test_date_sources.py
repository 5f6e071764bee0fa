"""Where each date came from (issue 15): an HTML page's publication date is taken from its
metadata, or guessed (and said to be) from the article itself, never from a related link or a
copyright year; each article and statement records the source of its date, the store keeps it,
``detente statements`` / JSON / the web API show it and warn when it was guessed."""

import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from detente.cli import main
from detente.errors import Problem
from detente.evidence.ingest import article_from_text, read_articles
from detente.evidence.types import Article
from detente.store import db as dbmod
from detente.store.db import get_engine, transaction, upgrade

sys.path.insert(0, str(Path(__file__).parent))
from evidence_fake import FakeExtractor  # noqa: E402
from test_statement_identity import PG_URL, _alembic, in_pg_schema  # noqa: E402

FIX = Path(__file__).parent / "fixtures" / "evidence"


def one(path, **kw):
    (item,) = list(read_articles([path], **kw))
    return item


def test_page_metadata_is_the_publication_date():
    art = one(FIX / "page.html")
    assert (art.date, art.date_source) == (dt.date(2024, 6, 5), "page")
    # published 5 June, modified 7 June: the original date
    art = one(FIX / "page_modified.html")
    assert (art.date, art.date_source) == (dt.date(2024, 6, 5), "page")


def test_related_link_date_is_refused_with_a_located_problem():
    p = one(FIX / "page_related_dates.html")
    assert isinstance(p, Problem) and p.file.endswith("page_related_dates.html") and p.field == "date"
    assert "no publication date" in p.message and "2023-03-14" in p.message  # the refused guess
    assert "--date" in p.hint
    art = one(FIX / "page_related_dates.html", date="2024-06-05")
    assert (art.date, art.date_source) == (dt.date(2024, 6, 5), "given")


def test_copyright_year_is_not_a_date():
    p = one(FIX / "page_copyright.html")
    assert isinstance(p, Problem) and "no publication date" in p.message
    assert "2021" not in p.message


def test_byline_date_is_a_guess():
    art = one(FIX / "page_byline.html")  # also has a related link (2023) and a copyright (2021)
    assert (art.date, art.date_source) == (dt.date(2024, 6, 5), "guessed")


def test_date_sources_of_the_other_formats(tmp_path):
    assert one(FIX / "talks.txt").date_source == "dateline"
    plain = tmp_path / "p.txt"
    plain.write_text("Talks went on.", encoding="utf-8")
    assert one(plain, date="2024-01-02").date_source == "given"
    arts = [a for a in read_articles([FIX / "batch.jsonl"], date="2024-01-02") if isinstance(a, Article)]
    by_line = {a.origin.rsplit(":", 1)[1]: a.date_source for a in arts}
    assert by_line == {"1": "dateline", "5": "given", "6": "dateline"}  # line 5 has no `date`
    nodate = tmp_path / "b.jsonl"
    nodate.write_text('{"text": "Talks went on."}\n', encoding="utf-8")
    assert one(nodate, date="2024-01-02").date_source == "given"
    assert article_from_text(" date 2024-01-02 Hi.", fmt="dateline").date_source == "dateline"
    assert article_from_text("Hi.", date="2024-01-02").date_source == "given"


@pytest.fixture(scope="module")
def extractor():
    from detente.evidence.extract import Extractor
    return Extractor()


TEXT = ('Jane Doe, the mayor, told reporters on Friday that the talks would go on.\n\n'
        '"We will not give up," she added.\n\n'
        'Bo Chan said the port would stay closed.')


@pytest.mark.parametrize("article_source,undated", [("page", "dateline"), ("dateline", "dateline"),
                                                     ("guessed", "guessed")])
def test_statement_date_sources(extractor, article_source, undated):
    e = extractor.extract(Article(TEXT, dt.date(2025, 2, 12), date_source=article_source))
    got = [(s.speaker, s.date, s.date_source) for s in e.statements]
    assert got == [("Jane Doe", "2025-02-07", "text"), ("Jane Doe", "2025-02-07", "inherited"),
                   ("Bo Chan", "2025-02-12", undated)]


def test_dateline_in_the_text_is_not_a_guess(extractor):
    wire = "BRUSSELS, Feb 10 (Reuters) - Talks resumed in the city.\n\nBo Chan said the port would stay closed."
    e = extractor.extract(Article(wire, dt.date(2025, 2, 12), date_source="guessed"))
    assert [(s.date, s.date_source) for s in e.statements] == [("2025-02-10", "dateline")]


@pytest.fixture
def fake(monkeypatch):
    from detente.evidence import ingest
    monkeypatch.setattr(ingest, "make_extractor", lambda model=None: FakeExtractor())
    yield
    dbmod.dispose_all()


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_warns_and_shows_the_source(tmp_path, capsys, fake):
    db = str(tmp_path / "d.sqlite")
    code, out, err = run(capsys, "ingest", FIX / "page_byline.html", FIX / "talks.txt", "--db", db, "-q")
    assert code == 0, err
    assert "warning:" in err and "page_byline.html" in err and "guessed" in err and "--date" in err
    assert "1 article(s) stored with a guessed publication date" in err
    code, out, err = run(capsys, "statements", "--db", db, "--format", "json")
    rows = json.loads(out)
    byline = [r for r in rows if r["article_origin"].endswith("page_byline.html")]
    talks = [r for r in rows if r["article_origin"].endswith("talks.txt")]
    assert byline and talks
    assert all(r["article_date_source"] == "guessed" and r["date_guessed"] for r in byline)
    assert all(r["article_date_source"] == "dateline" and not r["date_guessed"] for r in talks)
    from detente.cli import console
    width, console.width = console.width, 250
    try:
        code, out, err = run(capsys, "statements", "--db", db)
    finally:
        console.width = width
    assert code == 0 and "(guessed)" in out
    assert f"warning: {len(byline)} statement(s) dated by a guessed publication date" in " ".join(err.split())
    code, out, err = run(capsys, "statements", "--db", db, "--speaker", "Firefly")
    assert "guessed" not in out + err
    # the refused page: exit 1, located, the rest stored
    code, out, err = run(capsys, "ingest", FIX / "page_related_dates.html", "--db", db, "-q")
    assert code == 1 and "page_related_dates.html" in err and "2023-03-14" in err and "Traceback" not in err


def test_store_keeps_the_sources(tmp_path, extractor):
    from detente.store.evidence_repo import add_extraction, find_statements, get_article
    engine = get_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        with transaction(engine) as s:
            res = add_extraction(s, extractor.extract(Article(TEXT, dt.date(2025, 2, 12), date_source="guessed")))
        with transaction(engine) as s:
            assert get_article(s, res.article_id).date_source == "guessed"
            assert [(r.date_source, r.date_guessed) for r in find_statements(s)] == [
                ("text", False), ("inherited", False), ("guessed", True)]
    finally:
        dbmod.dispose_all()


def test_web_api_shows_the_source(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from detente.web import services
    from detente.web.app import create_app
    monkeypatch.setattr(services, "extractor", lambda: FakeExtractor())
    app = create_app(f"sqlite:///{tmp_path / 'w.sqlite'}", jobs="thread")
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            data = (FIX / "page_byline.html").read_bytes()
            r = client.post("/api/evidence/files", files=[("files", ("page_byline.html", data, "text/html"))],
                            headers={"Origin": "http://127.0.0.1"})  # uploads: same origin or token
            assert r.status_code in (200, 201, 207), r.text
            item = r.json()["results"][0]
            assert item["ok"] and item["date_source"] == "guessed" and "guessed" in item["warnings"][0]["message"]
            sts = client.get("/api/evidence/statements").json()
            assert sts and all(s["date_guessed"] and s["article_date_source"] == "guessed" for s in sts)
    finally:
        dbmod.dispose_all()


def _migration_roundtrip(url):
    engine = get_engine(url, migrate=False)
    _alembic(engine, "upgrade", "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (content_hash, text, n_words, extractor_version) "
                          "VALUES ('h', 'Ann said yes.', 3, 'old')"))
        conn.execute(text("INSERT INTO statements (article_id, idx, extractor_version, uid, content, "
                          "content_start, content_end, kind, confidence) SELECT id, 0, 'old', 'st-1', "
                          "'yes', 9, 12, 'direct', 1.0 FROM articles"))

    def intact():  # a step that re-created `articles` on SQLite would cascade-delete statements
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM statements")).scalar() == 1
    upgrade(engine)
    intact()
    cols = {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in ("articles", "statements")}
    assert "date_source" in cols["articles"] and "date_source" in cols["statements"]
    with engine.begin() as conn:  # rows stored before: not recorded, nothing made up
        assert conn.execute(text("SELECT date_source FROM articles")).scalar() is None
    _alembic(engine, "downgrade", "0003")
    intact()
    cols = {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in ("articles", "statements")}
    assert "date_source" not in cols["articles"] | cols["statements"]
    upgrade(engine)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 1


def test_migration_sqlite(tmp_path):
    try:
        _migration_roundtrip(f"sqlite:///{tmp_path / 'm.sqlite'}")
    finally:
        dbmod.dispose_all()


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="set DETENTE_TEST_PG_URL=postgresql+psycopg://... to run "
                                       "the PostgreSQL tests (needs a server)")
def test_migration_postgresql():
    in_pg_schema(_migration_roundtrip, "detente_test_date_source")
