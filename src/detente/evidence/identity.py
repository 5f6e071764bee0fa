"""Stable identity of a stored statement, valid in any database.

A statement's integer ``id`` is a row number: it only holds in the database that assigned it.
Its **stable id** (``uid``) is a content hash, the same in every database that ingests the same
article, whatever the order of ingestion::

    st- + the first 24 hex digits of SHA-256 over
          "detente-statement/1" NUL <article content hash> NUL <speaker> NUL <start>:<end>

* ``<article content hash>`` is :attr:`detente.evidence.types.Article.content_hash` (SHA-256
  of the outlet, the dateline and the text: the article's identity, which also de-duplicates
  ingestion);
* ``<speaker>`` is the canonical speaker name as stored (empty when unresolved);
* ``<start>:<end>`` are the content's character offsets in the article text.

So the same words attributed to the same speaker in the same article have the same id; a later
extractor that attributes them to someone else, or cuts the content differently, gives a new
id (a citation of the old one is then reported as missing rather than silently resolved to a
different claim). 96 bits: collisions are not a practical concern at any corpus size.

Wherever a statement is cited (``evidence: {statement_id: ...}`` in a model, the command line,
the web API) both forms are accepted: an integer id (this database only) or a stable id.

>>> statement_uid("0" * 64, "Ann Lee", (1, 14))
'st-55fbe62d82837d9d9ca0c67e'
>>> parse_statement_ref("12"), parse_statement_ref(12), parse_statement_ref("ST-55FBE62D82837D9D9CA0C67E")
(12, 12, 'st-55fbe62d82837d9d9ca0c67e')
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["statement_uid", "parse_statement_ref", "is_statement_uid", "UID_PREFIX", "UID_RE"]

UID_PREFIX = "st-"
UID_HEX = 24
UID_RE = re.compile(rf"^{UID_PREFIX}[0-9a-f]{{{UID_HEX}}}$")
_SCHEME = "detente-statement/1"


def statement_uid(article_hash: str, speaker: str | None, content_span: tuple[int, int]) -> str:
    """The stable id of a statement (see the module's description)."""
    h = hashlib.sha256()
    for part in (_SCHEME, article_hash, speaker or "", f"{int(content_span[0])}:{int(content_span[1])}"):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return UID_PREFIX + h.hexdigest()[:UID_HEX]


def is_statement_uid(value) -> bool:
    return isinstance(value, str) and bool(UID_RE.match(value.strip().lower()))


MAX_INT_ID = 2**31 - 1


def parse_statement_ref(value) -> int | str:
    """A statement citation as given (an integer, its digits, or a stable id ``st-...``) ->
    the integer id or the normalised stable id. Raises ``ValueError`` with a readable
    message for anything else."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a statement id")
    if isinstance(value, int):
        if value < 1:
            raise ValueError(f"{value} is not a statement id (ids start at 1)")
        if value > MAX_INT_ID:  # the INTEGER column (32-bit on PostgreSQL) holds no such id
            raise ValueError(f"{value} is not a statement id (ids go up to {MAX_INT_ID:,})")
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit() and text.isascii():
            return parse_statement_ref(int(text))
        if UID_RE.match(text.lower()):
            return text.lower()
    raise ValueError(f"{value!r} is not a statement id: give the number `detente statements` "
                     f"shows, or the stable id ({UID_PREFIX} and {UID_HEX} hex digits)")
