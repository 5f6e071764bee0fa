"""The evidence commands end to end: ingest, statements, figures, suggest-evidence.

The extractor is replaced by the small rule-based fake in ``evidence_fake.py`` so that these
tests check the commands' plumbing (reading, storing, querying, exit codes), not the
extractor's quality (tested and evaluated by its own suite and bench scripts).
"""

import json
import sys
from pathlib import Path

import pytest

from detente.cli import main
from detente.store import db as dbmod

sys.path.insert(0, str(Path(__file__).parent))
from evidence_fake import FakeExtractor  # noqa: E402

FIX = Path(__file__).parent / "fixtures" / "evidence"


@pytest.fixture
def dbfile(tmp_path, monkeypatch):
    from detente.evidence import ingest
    monkeypatch.setattr(ingest, "make_extractor", lambda model=None: FakeExtractor())
    yield str(tmp_path / "cli.sqlite")
    dbmod.dispose_all()


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_then_query(capsys, dbfile):
    code, out, err = run(capsys, "ingest", FIX / "talks.txt", FIX / "page.html", "--db", dbfile, "-q")
    assert code == 0, err
    assert "2 stored" in out
    code, out, _ = run(capsys, "statements", "--db", dbfile, "--format", "json")
    rows = json.loads(out)
    assert {r["speaker"] for r in rows} >= {"Firefly", "Vera Marx"}
    assert all(r["extractor_version"] == "fake-1" and r["content_span"] for r in rows)
    code, out, _ = run(capsys, "statements", "--db", dbfile, "--speaker", "marx", "--format", "json")
    assert [r["speaker"] for r in json.loads(out)] == ["Vera Marx"]
    code, out, _ = run(capsys, "statements", "--db", dbfile)
    assert code == 0 and "Firefly" in out
    assert "cue" in out.splitlines()[1] and any(r["cue"] and r["cue"] in out for r in rows)  # the cue is shown
    code, out, _ = run(capsys, "figures", "--db", dbfile, "--format", "json")
    (fig,) = json.loads(out)
    assert fig["value"] == 4e9 and fig["unit"] == "USD" and fig["qualifier"] == "nearly"
    code, out, _ = run(capsys, "figures", "--db", dbfile)
    assert code == 0 and "nearly" in out and "USD" in out


def test_reingest_is_a_no_op(capsys, dbfile):
    run(capsys, "ingest", FIX / "talks.txt", "--db", dbfile, "-q")
    code, out, _ = run(capsys, "ingest", FIX / "talks.txt", "--db", dbfile, "-q")
    assert code == 0 and "0 stored" in out and "1 already stored" in out
    _, out, _ = run(capsys, "statements", "--db", dbfile, "--format", "json")
    assert len(json.loads(out)) == 4


def test_bad_inputs_exit_1_and_rest_is_stored(capsys, dbfile):
    code, out, err = run(capsys, "ingest", FIX / "batch.jsonl", FIX / "latin1.txt",
                         FIX / "talks.txt", "--db", dbfile, "-q")
    assert code == 1
    assert "batch.jsonl, line 2" in err and "malformed JSON" in err
    assert "batch.jsonl, line 3" in err and "impossible date" in err
    assert "latin1.txt, line 1" in err and "not UTF-8" in err
    assert "Traceback" not in err
    assert "3 stored" in out and "4 failed" in out


def test_plain_text_with_date_and_source(capsys, dbfile, tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("Ann Lee said the talks were over.", encoding="utf-8")
    code, _, err = run(capsys, "ingest", f, "--db", dbfile, "-q")
    assert code == 1 and "no date" in err
    code, _, _ = run(capsys, "ingest", f, "--date", "2024-05-06", "--source", "Wire", "--db", dbfile, "-q")
    assert code == 0
    _, out, _ = run(capsys, "statements", "--db", dbfile, "--since", "2024-05-01", "--format", "json")
    (row,) = json.loads(out)
    assert row["article_source"] == "Wire" and row["article_date"] == "2024-05-06"


def test_usage_errors_exit_2(capsys, dbfile):
    code, _, err = run(capsys, "ingest", FIX / "talks.txt", "--date", "2024-02-30", "--db", dbfile)
    assert code == 2 and "impossible date" in err and "Traceback" not in err
    code, _, err = run(capsys, "statements", "--since", "yesterday", "--db", dbfile)
    assert code == 2 and "--since" in err
    code, _, err = run(capsys, "statements", "--db", "notadb://x")
    assert code == 2 and "Traceback" not in err


MODEL = """
title: Freedonia talks
decision_makers:
  - name: Freedonia
    options:
      - name: sign
        label: Freedonia signs an agreement
    preferences:
      - statement: sign
        evidence: {quote: "ready to sign an agreement if our borders are respected"}
  - name: Sylvania
    options:
      - name: withdraw
        label: Sylvania withdraws its troops
    preferences:
      - not withdraw
infeasible:
  - when: sign and not withdraw
    why: Sylvania holds no talks while foreign troops remain
"""


def test_suggest_evidence(capsys, dbfile, tmp_path):
    run(capsys, "ingest", FIX / "talks.txt", FIX / "page.html", "--db", dbfile, "-q")
    model = tmp_path / "m.yaml"
    model.write_text(MODEL, encoding="utf-8")
    code, out, err = run(capsys, "suggest-evidence", model, "--db", dbfile, "--format", "json", "--top", "2")
    assert code == 0, err
    res = json.loads(out)
    by_where = {s["where"]: s for s in res["suggestions"]}
    assert set(by_where) == {"decision_makers[0].preferences[0]",
                             "decision_makers[1].preferences[0]", "infeasible[0]"}
    first = by_where["decision_makers[0].preferences[0]"]["candidates"][0]
    assert first["speaker"] == "Firefly" and "ready to sign" in first["content"]
    assert by_where["infeasible[0]"]["candidates"][0]["speaker"] == "Trentino"
    code, out, _ = run(capsys, "suggest-evidence", model, "--db", dbfile)
    assert code == 0 and "statement" in out


def test_suggest_evidence_flags_missing_cited_ids(capsys, dbfile, tmp_path):
    run(capsys, "ingest", FIX / "talks.txt", "--db", dbfile, "-q")
    model = tmp_path / "m.yaml"
    model.write_text(MODEL.replace('{quote: "ready to sign an agreement if our borders are respected"}',
                                   "{statement_id: 999}"), encoding="utf-8")
    code, out, _ = run(capsys, "suggest-evidence", model, "--db", dbfile, "--format", "json")
    assert code == 0 and json.loads(out)["missing_statement_ids"] == [999]


def test_suggest_evidence_bad_model(capsys, dbfile, tmp_path):
    model = tmp_path / "bad.yaml"
    model.write_text("decision_makers: [\n", encoding="utf-8")
    code, _, err = run(capsys, "suggest-evidence", model, "--db", dbfile)
    assert code == 2 and "bad.yaml" in err and "Traceback" not in err


def test_missing_spacy_model_is_a_usage_error(capsys, tmp_path):
    db = str(tmp_path / "m.sqlite")
    code, _, err = run(capsys, "ingest", FIX / "talks.txt", "--db", db, "--model", "no_such_model_xyz", "-q")
    assert code == 2 and "no_such_model_xyz" in err and "Traceback" not in err
    dbmod.dispose_all()


@pytest.mark.postgres
@pytest.mark.skipif(not __import__("os").environ.get("DETENTE_TEST_PG_URL"),
                    reason="set DETENTE_TEST_PG_URL=postgresql+psycopg://... to run the "
                           "PostgreSQL tests (needs a server)")
def test_ingest_and_query_postgresql(capsys, monkeypatch, tmp_path):
    import os
    from sqlalchemy import text
    from detente.evidence import ingest
    from detente.store.db import get_engine
    url = os.environ["DETENTE_TEST_PG_URL"]
    monkeypatch.setattr(ingest, "make_extractor", lambda model=None: FakeExtractor())
    with get_engine(url).begin() as conn:
        conn.execute(text("TRUNCATE articles RESTART IDENTITY CASCADE"))
    try:
        code, out, err = run(capsys, "ingest", FIX / "talks.txt", FIX / "batch.jsonl", "--db", url, "-q")
        assert code == 1 and "3 stored" in out and "batch.jsonl, line 2" in err
        code, out, _ = run(capsys, "ingest", FIX / "talks.txt", "--db", url, "-q")
        assert code == 0 and "1 already stored" in out
        _, out, _ = run(capsys, "statements", "--db", url, "--speaker", "TRENTINO", "--format", "json")
        assert {r["speaker"] for r in json.loads(out)} == {"Trentino"}
    finally:
        dbmod.dispose_all()
