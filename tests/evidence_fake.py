"""A tiny rule-based stand-in for the evidence extractor, for storage and CLI tests only.

It turns every sentence with "<Name> said/told/wrote ..." into a statement and every
"$N billion" into a figure, so that tests of storage and commands do not depend on the spaCy
extractor's exact output.
"""

import re

from detente.evidence.dates import find_times
from detente.evidence.types import Extraction, Figure, Statement

VERSION = "fake-1"
_SENT = re.compile(r"[^.!?]+[.!?]")
_SAID = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (said|told reporters|wrote|added)\b")
_MONEY = re.compile(r"(nearly |about )?\$(\d+(?:\.\d+)?) billion")


class FakeExtractor:
    def __init__(self, fail_on: str | None = None):
        self.fail_on = fail_on
        self.calls = 0

    def extract(self, article):
        self.calls += 1
        if self.fail_on and self.fail_on in article.text:
            raise RuntimeError("boom")
        statements, figures = [], []
        for m in _SENT.finditer(article.text):
            s = _SAID.search(m.group(0))
            if s:
                start = m.start()
                statements.append(Statement(
                    speaker=s.group(1), speaker_span=(start + s.start(1), start + s.end(1)),
                    cue=s.group(2), cue_span=(start + s.start(2), start + s.end(2)),
                    content=m.group(0).strip(), content_span=(m.start(), m.end()),
                    kind="paraphrase", channel="told reporters" if "told" in s.group(2) else None))
        for m in _MONEY.finditer(article.text):
            figures.append(Figure(text=m.group(0), start=m.start(), end=m.end(),
                                  value=float(m.group(2)) * 1e9, unit="USD",
                                  qualifier=(m.group(1) or "").strip() or None,
                                  statement_index=0 if statements else None,
                                  claimed_by=statements[0].speaker if statements else None))
        times = find_times(article.text, article.date) if article.date else []
        return Extraction(article=article, statements=statements, figures=figures, times=times,
                          extractor_version=VERSION)

    def extract_many(self, articles, n_process=1):
        for a in articles:
            yield self.extract(a)
