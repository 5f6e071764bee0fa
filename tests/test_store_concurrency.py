"""Storage under concurrency and bad databases: several ingest processes on one new SQLite
file (the first migration is serialised, a duplicate written by another process at the same
moment is reported as already stored), databases from a newer detente or files that are not
databases (a clear message, exit 2), and query commands that refuse to create a database at a
mistyped path.
"""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
import sys
from pathlib import Path

import pytest

from detente.cli import main
from detente.store.db import dispose_all

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))

N_PROCESSES = 4
ARTICLES = [f"Ann Lee said round {i} of the talks had failed. The weather was fine." for i in range(8)]


def _ingest_worker(url: str, folder: str, barrier, out) -> None:
    """One 'detente ingest' run: every process ingests the same files at the same moment."""
    sys.path.insert(0, str(TESTS))
    from evidence_fake import FakeExtractor

    from detente.evidence.ingest import ingest
    try:
        files = sorted(Path(folder).glob("*.txt"))
        barrier.wait(timeout=60)
        report = ingest(files, db=url, extractor=FakeExtractor(), date="2025-02-12", source="wire")
        out.put(("ok", report.stored, report.duplicates, report.failed))
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        out.put(("crash", f"{type(exc).__name__}: {exc}", 0, 0))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_db(request, tmp_path):
    """A database nobody has migrated yet: a new SQLite file, or a new PostgreSQL schema
    (``DETENTE_TEST_PG_URL``, as in the web API tests)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.sqlite'}"
        return
    import os
    import uuid
    url = os.environ.get("DETENTE_TEST_PG_URL")
    if not url:
        pytest.skip("set DETENTE_TEST_PG_URL=postgresql+psycopg://user:pw@host/db to run this "
                    "against PostgreSQL (.ci/run does)")
    import psycopg
    from sqlalchemy.engine import make_url
    u = make_url(url)
    conninfo = dict(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username,
                    password=u.password, dbname=u.database, connect_timeout=5)
    schema = "race_" + uuid.uuid4().hex[:10]
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield u.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        dispose_all()
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_concurrent_ingests_on_a_new_database(tmp_path, new_db):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"a{i}.txt").write_text(text)
    url = new_db  # not migrated yet: all race to migrate, then to store the same articles
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(N_PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=_ingest_worker, args=(url, str(folder), barrier, out))
             for _ in range(N_PROCESSES)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    crashes = [r for r in results if r[0] != "ok"]
    assert crashes == []
    assert sum(r[1] for r in results) == len(ARTICLES)  # each article stored exactly once
    assert all(r[1] + r[2] == len(ARTICLES) and r[3] == 0 for r in results)
    from detente.store.db import transaction
    from detente.store.evidence_repo import count_articles
    with transaction(url) as session:
        assert count_articles(session) == len(ARTICLES)
    dispose_all()


def test_a_duplicate_stored_by_another_writer_meanwhile_is_already_stored(tmp_path):
    """The race itself, made certain: the article is not there when this process looks, and is
    there when it writes."""
    from detente.evidence.ingest import article_from_text
    from detente.store.db import get_engine, transaction
    from detente.store.evidence_repo import add_extraction, store_extraction
    from evidence_fake import FakeExtractor

    engine = get_engine(f"sqlite:///{tmp_path / 'd.sqlite'}")
    try:
        art = article_from_text(ARTICLES[0], date="2025-02-12", source="wire")
        extraction = FakeExtractor().extract(art)
        calls = []

        def tx():
            if not calls:  # "another process" commits the same article first
                with transaction(engine) as other:
                    add_extraction(other, extraction)
            calls.append(1)
            return transaction(engine)

        res = store_extraction(tx, extraction)
        assert res.created is False and res.article_id > 0
    finally:
        dispose_all()


@pytest.mark.parametrize("command", [["statements"], ["figures"],
                                     ["suggest-evidence", str(TESTS / "fixtures" / "gmcr" / "chicken.yaml")]])
def test_query_commands_do_not_create_a_database_at_a_mistyped_path(tmp_path, capsys, command):
    missing = tmp_path / "typo.sqlite"
    code = main([*command, "--db", str(missing)])
    err = capsys.readouterr().err
    assert code == 2 and not missing.exists()
    assert "no database" in err and "does not exist" in err and "Traceback" not in err
    code = main([*command, "--db", str(tmp_path)])  # a folder
    assert code == 2 and "is a folder" in capsys.readouterr().err
    dispose_all()


def test_ingest_creates_the_database(tmp_path, capsys, monkeypatch):
    from evidence_fake import FakeExtractor

    from detente.evidence import ingest
    monkeypatch.setattr(ingest, "make_extractor", lambda model=None: FakeExtractor())
    art = tmp_path / "a.txt"
    art.write_text(ARTICLES[0])
    new = tmp_path / "sub" / "new.sqlite"
    assert main(["ingest", str(art), "--date", "2025-02-12", "--source", "wire", "--db", str(new), "-q"]) == 0
    assert new.exists()
    capsys.readouterr()
    assert main(["statements", "--db", str(new), "--format", "json"]) == 0
    assert "Ann Lee" in capsys.readouterr().out
    dispose_all()


def test_a_file_that_is_not_a_database(tmp_path, capsys):
    junk = tmp_path / "notes.sqlite"
    junk.write_text("these are my notes, not a database\n" * 50)
    for command in (["statements"], ["ingest", str(junk)]):
        code = main([*command, "--db", str(junk)])
        err = capsys.readouterr().err
        assert code == 2 and "is not a database detente can read" in err, err
        assert "Traceback" not in err
    assert junk.read_text().startswith("these are my notes")  # left as it was
    dispose_all()


def test_a_database_of_another_program(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    code = main(["statements", "--db", str(other)])
    err = capsys.readouterr().err
    assert code == 2 and "a database of another program" in err and "articles" in err
    dispose_all()


def test_a_database_from_a_newer_detente(tmp_path, capsys):
    from detente.store.db import get_engine
    path = tmp_path / "newer.sqlite"
    get_engine(f"sqlite:///{path}")
    dispose_all()
    with sqlite3.connect(path) as conn:  # as a later release would leave it
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    for command in (["statements"], ["serve", "--port", "1"]):
        code = main([*command, "--db", str(path)])
        err = capsys.readouterr().err
        assert code == 2, err
        assert "written by a newer version of detente" in err and "0099_from_the_future" in err
        assert "Traceback" not in err
    dispose_all()
