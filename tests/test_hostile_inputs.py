"""Hostile documents are refused with a located error on every entry point that reads YAML or
JSON: the CLI (analyze, forecast, suggest-evidence, import-gmcr), the web API (validate,
document) and the loaders themselves (issue 11). Time and memory are measured by
bench/hostile_inputs.py, not here."""

import json

import pytest
from fastapi.testclient import TestClient

import detente
from detente.bargaining.scenario import load_bargaining_file
from detente.cli import main
from detente.errors import DetenteError
from detente.errors import Problem
from detente.evidence.ingest import read_articles
from detente.model.yamlio import MAX_NESTING, parse_text
from hostile_documents import HOSTILE

CASES = sorted(HOSTILE)
BASE = "http://127.0.0.1"  # a name the server answers for (not TestClient's "testserver")


def write(tmp_path, name, suffix=None):
    text, default_suffix, _ = HOSTILE[name]
    path = tmp_path / f"{name}{suffix or default_suffix}"
    path.write_text(text, encoding="utf-8")
    return path


def assert_located(problem: dict, name: str):
    assert problem.get("line"), problem
    expected_line = HOSTILE[name][2]
    if expected_line is not None:
        assert problem["line"] == expected_line, problem


@pytest.mark.parametrize("name", CASES)
def test_loader_refuses_with_line(tmp_path, name):
    path = write(tmp_path, name)
    with pytest.raises(DetenteError) as info:
        detente.load(path)
    problem = info.value.problems[0]
    assert problem.file == str(path)
    assert_located(problem.to_dict(), name)


@pytest.mark.parametrize("name", CASES)
def test_bargaining_loader_refuses_with_line(tmp_path, name):
    path = write(tmp_path, name)
    with pytest.raises(DetenteError) as info:
        load_bargaining_file(path)
    assert_located(info.value.problems[0].to_dict(), name)


@pytest.mark.parametrize("command", [["analyze"], ["forecast"], ["export-gmcr"],
                                     ["states"]])
@pytest.mark.parametrize("name", ["billion-laughs", "deep-flow", "recursive-alias", "bad-date"])
def test_cli_exits_2_with_file_and_line(tmp_path, capsys, command, name):
    path = write(tmp_path, name)
    code = main(command + [str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(path) in err and "line" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["deep-json", "huge-integer-json"])
def test_import_gmcr_refuses_with_line(tmp_path, capsys, name):
    path = write(tmp_path, name, ".gmcr")
    code = main(["import-gmcr", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and str(path) in err and "line 1" in err, err


def test_suggest_evidence_refuses_with_line(tmp_path, capsys):
    path = write(tmp_path, "billion-laughs")
    code = main(["suggest-evidence", str(path), "--db", f"sqlite:///{tmp_path / 'e.sqlite'}"])
    err = capsys.readouterr().err
    assert code == 2 and "line 6" in err, err


def test_jsonl_ingest_reports_deep_line_and_keeps_the_rest(tmp_path):
    good = json.dumps({"date": "2025-02-12", "text": "Talks resumed in Riyadh."})
    path = tmp_path / "batch.jsonl"
    path.write_text(good + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"
                    + '{"date": "2025-02-12", "text": "x", "id": ' + "9" * 5000 + "}\n" + good + "\n")
    items = list(read_articles([path], format="jsonl"))
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(items) - len(problems) == 2
    assert [p.line for p in problems] == [2, 3]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from detente.store.db import dispose_all
    from detente.web.app import create_app
    db = tmp_path_factory.mktemp("web") / "w.sqlite"
    with TestClient(create_app(f"sqlite:///{db}", jobs="thread"), base_url=BASE) as c:
        yield c
    dispose_all()


@pytest.mark.parametrize("name", CASES)
def test_api_validate_refuses_with_line(client, name):
    r = client.post("/api/validate", json={"text": HOSTILE[name][0]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["valid"] is False
    assert_located(body["problems"][0], name)


@pytest.mark.parametrize("name", ["billion-laughs", "deep-flow", "recursive-alias"])
def test_api_document_refuses(client, name):
    r = client.post("/api/document", json={"text": HOSTILE[name][0]})
    assert r.status_code == 422, r.text
    assert r.json()["problems"][0]["line"]


def test_nesting_limit_is_exact():
    ok = "x: " + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "\n"
    assert parse_text(ok)[0]["x"] is not None
    with pytest.raises(DetenteError, match=f"more than {MAX_NESTING} levels"):
        parse_text("x: " + "[" * MAX_NESTING + "]" * MAX_NESTING + "\n")


def test_ordinary_aliases_still_work():
    data, _ = parse_text("base: &b {direction: take_only}\nx: *b\ny: {<<: *b, label: Y}\n")
    assert data["x"] == {"direction": "take_only"}
    assert data["y"] == {"direction": "take_only", "label": "Y"}


def test_a_folder_or_a_device_is_not_read(tmp_path):
    with pytest.raises(DetenteError, match="folder"):
        detente.load(tmp_path)
    with pytest.raises(DetenteError, match="over"):
        detente.load("/dev/zero")
