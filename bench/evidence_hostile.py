"""CPU time of the evidence extractor on hostile text, at 1x, 2x, 4x and 8x its length.

A hostile article (articles are capped at 1,000,000 characters) can be one paragraph, one
sentence, tens of thousands of paragraphs, thousands of names, quotation marks that never close
or parentheses nested thousands deep. The work should grow about linearly with its length: a
paragraph over ``PARAGRAPH_CAP`` characters is read as paragraphs of at most that length
(:func:`detente.evidence.nlp.bounded_paragraphs`), and the rules look earlier mentions up
instead of reading the whole text again for each one.

The text is synthetic news recombined by ``bench/evidence_speed.py`` (invented names, places
and figures; no corpus text), repeated k times for size kx and made hostile by ``--kind``:

    paragraph   one paragraph (the article's paragraph breaks removed; the default)
    run-on      one paragraph and no sentence ends (full stops, question, exclamation marks)
    no-punct    one paragraph and no punctuation at all: one sentence of words
    paragraphs  every sentence its own paragraph
    quotes      every quotation mark an opening one (“), none closed; paragraphs kept
    names       every mention of a person a different invented person (thousands of names)
    parens      one paragraph, each sentence opens a parenthesis closed only at the end
                (nested as deep as there are sentences)
    definite    one paragraph of "The report said ..." and "the company said ..." sentences,
                each a definite noun the rules look back for (bodies, publishers, introducers)
    transcript  a briefing transcript: every two sentences a turn under a label in capitals,
                with brackets, or naming someone the text writes nowhere else (labels the
                transcript rules resolve against the whole document)

Each size runs in this one process after a warm-up; the figure is ``Extractor.extract`` (spaCy
parse and every rule; no storage) in CPU seconds.

    python bench/evidence_hostile.py                          # one paragraph, 2,800 words at 1x .. 8x
    python bench/evidence_hostile.py --kind all               # every kind
    python bench/evidence_hostile.py --words 1400 --sizes 1,2,4,8,16 --kind run-on

Runs against whichever ``detente`` is on the path (``PYTHONPATH=old/src`` for the code before).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evidence_speed import PEOPLE, synthetic_article  # noqa: E402

KINDS = ("paragraph", "run-on", "no-punct", "paragraphs", "quotes", "names", "parens", "definite", "transcript")
_SENTENCE_GAP = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]")) (?=["A-Za-z])')


def _article(words: int, seed: int = 15) -> str:
    return synthetic_article(random.Random(seed), words, 0)["text"]


def paragraph(words: int, run_on: bool = False, seed: int = 15) -> str:
    """The synthetic article as one paragraph (``run_on``: without sentence ends)."""
    text = _article(words, seed).replace("\n\n", " ")
    if run_on:
        text = re.sub(r"[.!?](?=[\s\"”]|$)", "", text)
    return text


def _names():
    """Invented first and last names, none repeated (two syllables each: 40 x 1,600)."""
    first = ["Ada", "Bram", "Cleo", "Dov", "Esme", "Finn", "Greta", "Hugo", "Ines", "Jarl"]
    syll = ["Bel", "Dor", "Fen", "Gal", "Har", "Kel", "Lom", "Mar", "Nor", "Pel", "Ros", "Sel",
            "Tor", "Val", "Wen", "Zar", "Ash", "Bri", "Cor", "Dun"]
    ends = ["ak", "en", "ic", "ov", "ard", "ing", "ez", "ul"]
    for a, b in itertools.product(syll, ends):
        for f in first:
            yield f"{f} {a}{b}"
    for a, b, c in itertools.product(syll, syll, ends):  # (more than enough for 8x)
        for f in first:
            yield f"{f} {a}{b.lower()}{c}"


def hostile(kind: str, words: int, k: int) -> str:
    """The text of ``kind`` at size ``k`` (``words`` at 1x)."""
    base = _article(words)
    if kind == "paragraph":
        return " ".join([paragraph(words)] * k)
    if kind == "run-on":
        return " ".join([paragraph(words, run_on=True)] * k)
    if kind == "no-punct":
        text = " ".join([paragraph(words)] * k)
        return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()
    if kind == "paragraphs":
        text = " ".join([paragraph(words)] * k)
        return _SENTENCE_GAP.sub("\n\n", text)
    if kind == "quotes":
        return "\n\n".join([base] * k).replace('"', "“")
    if kind == "names":
        text = "\n\n".join([base] * k)
        fresh = _names()
        rx = re.compile("|".join(re.escape(name) for _, name, _ in PEOPLE))
        return rx.sub(lambda m: next(fresh), text)
    if kind == "parens":
        text = " ".join([paragraph(words)] * k)
        text, n = _SENTENCE_GAP.subn(" (", text)
        return text + ")" * n
    if kind == "definite":
        # (about 14 words a sentence pair; the same size in words as the other kinds)
        pair = ("The report said costs rose by 4 percent at the harbour. "
                "The same report said the company would appeal. ")
        return pair * max(1, words * k // 19)
    if kind == "transcript":
        labels = ("SPOKESPERSON (Teodor Amsel Halvorsen):", "QUESTION (Ana Brisk, Daily Courier):",
                  "DEPUTY MINISTER OSKAR LINDQVIST:", "MR HALVORSEN:", "MINISTER LINDQVIST:",
                  "Q:", "PRESS SECRETARY NOBODY KNOWN:")
        sentences = _SENTENCE_GAP.split(" ".join([paragraph(words)] * k))
        turns = [f"{labels[i % len(labels)]} {' '.join(sentences[j:j + 2])}"
                 for i, j in enumerate(range(0, len(sentences), 2))]
        return "Transcript of the weekly press briefing\n\n" + "\n\n".join(turns)
    raise ValueError(kind)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=2800, help="words at 1x (default 2,800)")
    ap.add_argument("--sizes", default="1,2,4,8", help="multiples to run (default 1,2,4,8)")
    ap.add_argument("--kind", default="paragraph", choices=(*KINDS, "all"),
                    help="the hostile text (default: one paragraph; all: every kind in turn)")
    ap.add_argument("--run-on", action="store_true", help="the same as --kind run-on")
    args = ap.parse_args(argv)
    kinds = KINDS if args.kind == "all" else ("run-on",) if args.run_on else (args.kind,)

    from detente.evidence.extract import Extractor
    from detente.evidence.types import Article
    ex = Extractor()
    ex.extract(Article(paragraph(args.words)[:3000], dt.date(2024, 1, 1)))  # warm up
    print(f"{'kind':<11} {'size':>5} {'words':>8} {'chars':>10} {'CPU s':>8} {'ms/1k words':>12} "
          f"{'statements':>11}")
    for kind in kinds:
        for k in (int(x) for x in args.sizes.split(",")):
            text = hostile(kind, args.words, k)
            t0 = time.process_time()
            e = ex.extract(Article(text, dt.date(2024, 1, 1)))
            cpu = time.process_time() - t0
            words = len(text.split())
            per = 1000 * cpu / words * 1000
            print(f"{kind:<11} {k:>4}x {words:>8,} {len(text):>10,} {cpu:>8.2f} {per:>12.0f} "
                  f"{len(e.statements):>11,}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
