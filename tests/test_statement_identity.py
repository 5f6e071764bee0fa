"""Stable statement identity (issue 15): a statement's ``uid`` is the same in every database
that ingests its article, whatever the order, and it is accepted wherever a statement is cited
(model evidence, ``detente statements --id``, ``suggest-evidence``, the web API)."""

import json
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from detente.cli import main
from detente.evidence.identity import parse_statement_ref, statement_uid
from detente.store import db as dbmod
from detente.store.db import current_revision, get_engine, transaction, upgrade
from detente.store.evidence_repo import find_statements, get_statement, get_statements

sys.path.insert(0, str(Path(__file__).parent))
from evidence_fake import FakeExtractor  # noqa: E402

FIX = Path(__file__).parent / "fixtures" / "evidence"
PG_URL = os.environ.get("DETENTE_TEST_PG_URL")


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


def _statements(capsys, db):
    code, out, err = run(capsys, "statements", "--db", db, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_same_citation_resolves_to_the_same_statement_in_two_databases(tmp_path, capsys, fake):
    a, b = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    files = [FIX / "talks.txt", FIX / "batch.jsonl", FIX / "page.html"]
    run(capsys, "ingest", *files, "--db", a, "-q")
    run(capsys, "ingest", *reversed(files), "--db", b, "-q")  # another order: other row ids
    in_a, in_b = _statements(capsys, a), _statements(capsys, b)
    assert len(in_a) == len(in_b) >= 4
    assert all(r["uid"].startswith("st-") for r in in_a)
    assert len({r["uid"] for r in in_a}) == len(in_a)  # unique
    by_uid_b = {r["uid"]: r for r in in_b}
    assert set(by_uid_b) == {r["uid"] for r in in_a}
    moved = 0
    for r in in_a:
        other = by_uid_b[r["uid"]]
        assert (other["speaker"], other["content"], other["content_span"]) == \
            (r["speaker"], r["content"], r["content_span"])
        moved += other["id"] != r["id"]
    assert moved > 0  # the integer ids did differ between the databases: a real test
    # each database resolves the stable id (and its own integer id) to that statement
    r = next(r for r in in_a if r["id"] != by_uid_b[r["uid"]]["id"])
    for db, own_id in ((a, r["id"]), (b, by_uid_b[r["uid"]]["id"])):
        with transaction(get_engine(db, create=False)) as s:
            assert get_statement(s, r["uid"]).content == r["content"]
            assert get_statement(s, r["uid"].upper()).content == r["content"]  # case-insensitive
            assert get_statement(s, own_id).uid == r["uid"]
            assert get_statement(s, str(own_id)).uid == r["uid"]
            got = get_statements(s, [own_id, r["uid"], "st-" + "0" * 24, "nonsense"])
            assert set(got) == {own_id, r["uid"]}


def test_uid_is_the_documented_hash(tmp_path, capsys, fake):
    db = str(tmp_path / "u.sqlite")
    run(capsys, "ingest", FIX / "talks.txt", "--db", db, "-q")
    from detente.store.schema import ArticleRow
    with transaction(get_engine(db, create=False)) as s:
        h = s.scalar(text("select content_hash from articles"))
        for r in find_statements(s):
            assert r.uid == statement_uid(h, r.speaker, r.content_span)
        assert s.query(ArticleRow).count() == 1


def test_statements_id_option(tmp_path, capsys, fake):
    db = str(tmp_path / "c.sqlite")
    run(capsys, "ingest", FIX / "talks.txt", "--db", db, "-q")
    rows = _statements(capsys, db)
    uid = rows[1]["uid"]
    code, out, err = run(capsys, "statements", "--db", db, "--id", uid, "--format", "json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [rows[1]["id"]]
    code, out, err = run(capsys, "statements", "--db", db, "--id", str(rows[0]["id"]), "--id", uid,
                         "--format", "json")
    assert [r["uid"] for r in json.loads(out)] == [rows[0]["uid"], uid]
    from detente.cli import console
    width = console.width
    console.width = 250
    try:
        code, out, err = run(capsys, "statements", "--db", db)  # the table shows the stable id
    finally:
        console.width = width
    assert code == 0 and uid in out
    code, _, err = run(capsys, "statements", "--db", db, "--id", "st-" + "f" * 24)
    assert code == 2 and "no stored statement st-ffff" in err and "Traceback" not in err
    code, _, err = run(capsys, "statements", "--db", db, "--id", "st-12")
    assert code == 2 and "--id" in err and "not a statement id" in err


def test_model_evidence_cites_a_stable_id(tmp_path, capsys, fake):
    from detente.model.evidence import Evidence
    uid = "st-" + "ab" * 12
    assert Evidence(statement_id=uid.upper()).statement_id == uid
    assert Evidence(statement_id="12").statement_id == 12
    assert Evidence(statement_id=12).statement_id == 12
    with pytest.raises(ValueError, match="not a statement id"):
        Evidence(statement_id="st-xyz")
    with pytest.raises(ValueError, match="not a statement id"):
        Evidence(statement_id=0)
    with pytest.raises(ValueError):
        parse_statement_ref(True)


def test_suggest_evidence_resolves_stable_ids(tmp_path, capsys, fake):
    from test_cli_evidence import MODEL
    db = str(tmp_path / "s.sqlite")
    run(capsys, "ingest", FIX / "talks.txt", "--db", db, "-q")
    rows = _statements(capsys, db)
    uid = next(r["uid"] for r in rows if r["speaker"] == "Firefly")
    missing = "st-" + "0" * 24
    model = tmp_path / "m.yaml"
    model.write_text(MODEL.replace('{quote: "ready to sign an agreement if our borders are respected"}',
                                   f"[{{statement_id: {uid}}}, {{statement_id: {missing}}}, {{statement_id: 999}}]"),
                     encoding="utf-8")
    code, out, err = run(capsys, "suggest-evidence", model, "--db", db, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["missing_statement_ids"] == [999, missing]
    code, out, err = run(capsys, "suggest-evidence", model, "--db", db)
    assert f"cites statement {uid}: Firefly" in out and f"cites statement {missing}: NOT IN" in out


def _alembic(engine, action, revision):
    from alembic import command
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(dbmod.MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)


def _migration_roundtrip(url):
    """A database written before 0003 gets the stable ids on upgrade; downgrade removes them."""
    engine = get_engine(url, migrate=False)
    _alembic(engine, "upgrade", "0002")
    h = "ab" * 32
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (content_hash, text, n_words, extractor_version) "
                          "VALUES (:h, 'Ann Lee said yes. Bo said no.', 6, 'old')"), {"h": h})
        aid = conn.execute(text("SELECT id FROM articles WHERE content_hash = :h"), {"h": h}).scalar()
        for i, (sp, a, b) in enumerate((("Ann Lee", 0, 17), ("Bo", 18, 29))):
            conn.execute(text("INSERT INTO statements (article_id, idx, extractor_version, speaker, "
                              "content, content_start, content_end, kind, confidence) VALUES "
                              "(:aid, :i, 'old', :sp, 'x', :a, :b, 'direct', 1.0)"),
                         {"aid": aid, "i": i, "sp": sp, "a": a, "b": b})
        sid = conn.execute(text("SELECT max(id) FROM statements")).scalar()
        conn.execute(text("INSERT INTO figures (article_id, idx, extractor_version, text, start_char, "
                          "end_char, value, unit, statement_id) VALUES (:aid, 0, 'old', '5', 0, 1, 5, "
                          "'people', :sid)"), {"aid": aid, "sid": sid})

    def intact():  # no migration step may lose a row or a link (SQLite re-creating tables would)
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM statements")).scalar() == 2
            assert conn.execute(text("SELECT statement_id FROM figures")).scalar() == sid
    upgrade(engine)
    intact()
    assert current_revision(engine) not in ("0002", None)
    with transaction(engine) as s:
        got = sorted((r.speaker, r.uid) for r in find_statements(s))
    assert got == sorted([("Ann Lee", statement_uid(h, "Ann Lee", (0, 17))),
                          ("Bo", statement_uid(h, "Bo", (18, 29)))])
    with pytest.raises(Exception):  # unique
        with engine.begin() as conn:
            conn.execute(text("UPDATE statements SET uid = :u"), {"u": got[0][1]})
    _alembic(engine, "downgrade", "0002")
    intact()
    from sqlalchemy import inspect
    assert "uid" not in {c["name"] for c in inspect(engine).get_columns("statements")}
    upgrade(engine)  # and up again
    intact()
    with transaction(engine) as s:
        assert sorted((r.speaker, r.uid) for r in find_statements(s)) == got


def test_migration_backfills_stable_ids_sqlite(tmp_path):
    try:
        _migration_roundtrip(f"sqlite:///{tmp_path / 'old.sqlite'}")
    finally:
        dbmod.dispose_all()


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="set DETENTE_TEST_PG_URL=postgresql+psycopg://... to run "
                                       "the PostgreSQL tests (needs a server)")
def test_migration_backfills_stable_ids_postgresql():
    in_pg_schema(_migration_roundtrip, "detente_test_uid")


def in_pg_schema(check, schema):
    """Run ``check(url)`` on an empty PostgreSQL schema of its own (the tables of other tests,
    in ``public``, are left alone)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    eng = create_engine(PG_URL)
    try:
        with eng.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        check(url.render_as_string(hide_password=False))
    finally:
        dbmod.dispose_all()
        with eng.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        eng.dispose()


def test_suggested_observations_cite_the_stable_id():
    import detente
    from detente.evidence.observations import suggest_observations
    from test_observations import TOY, rec
    uid1, uid2 = "st-" + "1" * 24, "st-" + "2" * 24
    st = [rec(1, "Yulia Svyrydenko", "Ukraine signed the minerals deal with the United States", "2025-04-30"),
          rec(2, "Karoline Leavitt", "the United States paused military aid to Ukraine", "2025-03-04")]
    st[0].uid, st[1].uid = uid1, uid2
    got = suggest_observations(detente.loads(TOY), st)
    assert [c.statement.id for c in got] == [1, 2]
    assert f"evidence: {{statement_id: {uid1}}}" in got[0].snippet()
    # a timeline citing a statement by its stable id: not proposed again
    cited = detente.loads(TOY.replace("{record: the U.S. paused aid}", f"{{statement_id: {uid2}}}"))
    assert [c.statement.id for c in suggest_observations(cited, st)] == [1]
