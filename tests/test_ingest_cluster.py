"""``detente ingest --scheduler``: extraction on a Dask cluster, storage here (issue 15).

The same statements as a local run (real extractor, a LocalCluster of two processes); progress
events; per-article failures reported and the batch going on; a clean stop on Ctrl-C and
SIGTERM; the cluster failures of ``detente.gmcr.parallel`` (unreachable, no workers) as clear
errors with exit status 2."""

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from detente.cli import main
from detente.errors import DetenteError
from detente.evidence.ingest import ingest
from detente.store import db as dbmod
from detente.store.db import get_engine, transaction
from detente.store.evidence_repo import count_articles, find_figures, find_statements

sys.path.insert(0, str(Path(__file__).parent))
from evidence_fake import FakeExtractor  # noqa: E402

FIX = Path(__file__).parent / "fixtures" / "evidence"
FILES = [FIX / "talks.txt", FIX / "batch.jsonl", FIX / "page.html", FIX / "fishing_talks.txt"]

distributed = pytest.importorskip("distributed")


@pytest.fixture(autouse=True)
def _dispose():
    yield
    dbmod.dispose_all()


def rows(url):
    with transaction(get_engine(url)) as s:
        sts = [(r.id, r.uid, r.article_id, r.speaker, r.cue, r.content, r.content_span, r.kind,
                r.channel, r.channel_detail, r.date, r.date_source, r.extractor_version)
               for r in find_statements(s)]
        figs = [(f.id, f.text, f.value, f.unit, f.claimed_by, f.statement_id, f.disputed_by)
                for f in find_figures(s)]
    return sts, figs


def test_cluster_run_stores_the_same_as_a_local_run(tmp_path):
    """The real extractor on two worker processes: the same rows, ids included."""
    local, remote = f"sqlite:///{tmp_path / 'local.sqlite'}", f"sqlite:///{tmp_path / 'dask.sqlite'}"
    events = {"local": [], "dask": []}
    r1 = ingest(FILES, db=local, date="2024-01-01", on_event=lambda k, i: events["local"].append(k))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        r2 = ingest(FILES, db=remote, date="2024-01-01", scheduler=cluster,
                    on_event=lambda k, i: events["dask"].append(k))
    assert (r2.stored, r2.failed, r2.statements, r2.figures) == (r1.stored, r1.failed, r1.statements, r1.figures)
    assert r1.statements >= 10 and r1.failed == 2  # batch.jsonl's bad lines, in both runs
    assert events["dask"] == events["local"]  # the progress bar sees the same events, in order
    a, b = rows(local), rows(remote)
    assert a == b and len(a[0]) == r1.statements


def test_extractor_failure_on_a_worker_is_reported_and_the_rest_stored(tmp_path):
    url = f"sqlite:///{tmp_path / 'f.sqlite'}"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        rep = ingest(FILES, db=url, date="2024-01-01", scheduler=cluster,
                     extractor=FakeExtractor(fail_on="Geneva"))
    assert rep.stored >= 3 and any("extraction failed: RuntimeError: boom" in p.message for p in rep.problems)
    assert any(p.file and p.file.endswith("talks.txt") for p in rep.problems)


@pytest.mark.parametrize("how", ["interrupt", "sigterm"])
def test_clean_stop(tmp_path, how):
    """Ctrl-C (KeyboardInterrupt) or SIGTERM after the first article: what is stored stays,
    nothing is half-stored, the cluster's tasks are cancelled, a re-run continues."""
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    files = [FIX / "talks.txt", FIX / "page.html", FIX / "fishing_talks.txt"]

    def stop(kind, item):
        if kind == "stored":
            if how == "sigterm":
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)  # the handler interrupts this
            raise KeyboardInterrupt

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with pytest.raises(KeyboardInterrupt) as exc:
            ingest(files, db=url, scheduler=cluster, extractor=FakeExtractor(), date="2024-01-01",
                   on_event=stop)
        report = exc.value.report
        assert report.interrupted and report.stored == 1
        with transaction(get_engine(url)) as s:
            assert count_articles(s) == 1
        again = ingest(files, db=url, scheduler=cluster, extractor=FakeExtractor(), date="2024-01-01")
        assert again.stored == 2 and again.duplicates == 1
        with distributed.Client(cluster) as c:  # nothing of the stopped run left on the cluster
            assert not [k for k in c.who_has() if str(k).startswith("detente-ingest")]


def test_scheduler_without_workers_is_a_clear_error(tmp_path):
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        t0 = time.monotonic()
        with pytest.raises(DetenteError, match="has no workers"):
            ingest([FIX / "talks.txt"], db=f"sqlite:///{tmp_path / 'n.sqlite'}", scheduler=cluster,
                   extractor=FakeExtractor(), timeout=1.5)
        assert time.monotonic() - t0 < 30


def test_cli_unreachable_or_bad_scheduler_exits_2(tmp_path, capsys):
    import socket
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = tmp_path / "u.sqlite"
    code = main(["ingest", str(FIX / "talks.txt"), "--db", str(db), "-q",
                 "--scheduler", f"tcp://127.0.0.1:{port}", "--timeout", "3"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler" in err and "Traceback" not in err
    code = main(["ingest", str(FIX / "talks.txt"), "--db", str(tmp_path / "b.sqlite"), "-q",
                 "--scheduler", "http://127.0.0.1:8787"])
    err = capsys.readouterr().err
    assert code == 2 and "not a Dask scheduler address" in err
    assert not (tmp_path / "b.sqlite").exists()  # refused before the database was opened


def test_cli_local_cluster(tmp_path, capsys):
    """--scheduler local: a temporary cluster of --jobs processes (the real extractor)."""
    db = str(tmp_path / "c.sqlite")
    code = main(["ingest", str(FIX / "talks.txt"), str(FIX / "page.html"), "--db", db, "-q",
                 "--scheduler", "local", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 0 and "2 stored" in out, err


def test_a_model_missing_on_the_workers_is_a_clear_error(tmp_path):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with pytest.raises(DetenteError, match="no_such_model_xyz"):
            ingest([FIX / "talks.txt"], db=f"sqlite:///{tmp_path / 'm.sqlite'}", scheduler=cluster,
                   model="no_such_model_xyz")


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("DETENTE_TEST_PG_URL"),
                    reason="set DETENTE_TEST_PG_URL=postgresql+psycopg://... to run the PostgreSQL tests")
def test_cluster_run_into_postgresql(tmp_path):
    """A team's setup: extraction on the cluster, storage in PostgreSQL; the same statements
    (stable ids, speakers, contents, dates) as a local run into SQLite."""
    from test_statement_identity import in_pg_schema

    local = f"sqlite:///{tmp_path / 'local.sqlite'}"
    ingest(FILES, db=local, date="2024-01-01", extractor=FakeExtractor())

    def check(pg_url):
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                      dashboard_address=None) as cluster:
            rep = ingest(FILES, db=pg_url, date="2024-01-01", scheduler=cluster,
                         extractor=FakeExtractor())
        assert rep.stored >= 4
        assert rows(pg_url) == rows(local)

    in_pg_schema(check, "detente_test_ingest_cluster")
