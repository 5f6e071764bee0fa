"""Reading articles: formats, and a located problem per bad article (detente.evidence.ingest)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from detente.errors import DetenteError, Problem
from detente.evidence.ingest import (article_from_text, count_articles_in, parse_dateline,
                                     read_articles)
from detente.evidence.types import Article

FIX = Path(__file__).parent / "fixtures" / "evidence"


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)])


def test_dateline_file():
    (art,), problems = split(read_articles([FIX / "talks.txt"]))
    assert not problems
    assert art.date == dt.date(2024, 6, 5)
    assert art.text.startswith("The foreign minister of Freedonia")
    assert art.origin.endswith("talks.txt")


def test_dateline_on_its_own_line():
    assert parse_dateline(" date 2025-02-12\nText here.") == (dt.date(2025, 2, 12), "Text here.")


def test_plain_text_needs_date(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("The minister said talks would resume.", encoding="utf-8")
    _, (p,) = split(read_articles([f]))
    assert "no date" in p.message and p.file == str(f) and "--date" in p.hint
    (art,), _ = split(read_articles([f], date="2024-06-05", source="Wire"))
    assert art.date == dt.date(2024, 6, 5) and art.source == "Wire"


def test_html_page():
    (art,), problems = split(read_articles([FIX / "page.html"]))
    assert not problems
    assert "Ceasefire talks between Freedonia and Sylvania" in art.text
    assert "Copyright" not in art.text and "Home" not in art.text  # boilerplate removed
    assert art.title == "Talks resume in Geneva"
    assert art.source == "Freedonia Herald"
    assert art.date == dt.date(2024, 6, 5)


def test_jsonl_batch_goes_on_after_bad_lines():
    arts, problems = split(read_articles([FIX / "batch.jsonl"]))
    assert [a.origin.rsplit(":", 1)[1] for a in arts] == ["1", "6"]
    assert arts[0].url == "https://example.org/envoy" and arts[0].title == "Envoy visits"
    by_line = {p.line: p for p in problems}
    assert set(by_line) == {2, 3, 5}
    assert "malformed JSON" in by_line[2].message
    assert "impossible date" in by_line[3].message and by_line[3].field == "date"
    assert "no date" in by_line[5].message
    assert all(p.file.endswith("batch.jsonl") for p in problems)


def test_jsonl_default_date_fills_in(tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_text(json.dumps({"text": "Talks went on.", "source": "X"}) + "\n", encoding="utf-8")
    (art,), _ = split(read_articles([f], date="2024-01-02"))
    assert art.date == dt.date(2024, 1, 2)


@pytest.mark.parametrize("content,fragment", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02binary\x00data", "binary file"),
    (b"caf\xe9 au lait", "not UTF-8"),
    (b" date 2024-02-30 Text.", "impossible date"),
    (b" date 24-2-3 Text.", "is not a date"),
    (b" date 2024-02-03 ", "empty article"),
])
def test_bad_files(tmp_path, content, fragment):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    arts, problems = split(read_articles([f], format="dateline"))
    assert not arts
    assert len(problems) == 1 and fragment in problems[0].message
    assert problems[0].file == str(f)


def test_non_utf8_reports_line(tmp_path):
    f = tmp_path / "l.txt"
    f.write_bytes(b" date 2024-01-01 fine\nstill fine\ncaf\xe9\n")
    _, (p,) = split(read_articles([f]))
    assert p.line == 3 and "0xe9" in p.message and p.hint


def test_oversized_file(tmp_path, monkeypatch):
    import detente.evidence.ingest as ingest
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    f = tmp_path / "big.txt"
    f.write_text(" date 2024-01-01 " + "word " * 100, encoding="utf-8")
    _, (p,) = split(read_articles([f]))
    assert "too large" in p.message


def test_missing_file_and_folder(tmp_path):
    _, problems = split(read_articles([tmp_path / "nope.txt", tmp_path]))
    assert [p.message for p in problems] == ["no such file", "is a folder, not a file"]


def test_bad_date_option():
    _, (p,) = split(read_articles([FIX / "talks.txt"], date="2024-02-31"))
    assert "impossible date" in p.message and p.field == "--date"


def test_all_formats_in_one_batch_in_order():
    items = list(read_articles([FIX / "talks.txt", FIX / "latin1.txt", FIX / "page.html"]))
    assert [type(i).__name__ for i in items] == ["Article", "Problem", "Article"]


def test_count_articles_in():
    assert count_articles_in([FIX / "batch.jsonl", FIX / "talks.txt"]) == 6


def test_article_from_text():
    a = article_from_text(" date 2024-03-04 Hello.", fmt="dateline")
    assert a.date == dt.date(2024, 3, 4) and a.text == "Hello."
    with pytest.raises(DetenteError):
        article_from_text("Hello.")


def test_file_dateline_wins_over_option():
    (art,), _ = split(read_articles([FIX / "talks.txt"], date="2020-01-01"))
    assert art.date == dt.date(2024, 6, 5)
