"""CPU time of the evidence extractor on one over-long paragraph, at 1x, 2x, 4x and 8x its length.

A hostile article (articles are capped at 1,000,000 characters) can be one paragraph. The work
should grow about linearly with its length: a paragraph over ``PARAGRAPH_CAP`` characters is
read as paragraphs of at most that length (:func:`detente.evidence.nlp.bounded_paragraphs`),
and the rules look earlier mentions up instead of reading the whole text again for each one.

The paragraph is synthetic news recombined by ``bench/evidence_speed.py`` (invented names,
places and figures; no corpus text), its paragraph breaks removed. ``--run-on`` also removes
every sentence end (full stops, question and exclamation marks), so that the paragraph can only
be cut between words. Each size runs in this one process after a warm-up; the figure is
``Extractor.extract`` (spaCy parse and every rule; no storage) in CPU seconds.

    python bench/evidence_hostile.py                  # 2,800 words at 1x, 2x, 4x, 8x
    python bench/evidence_hostile.py --words 1400 --sizes 1,2,4,8,16 --run-on

Runs against whichever ``detente`` is on the path (``PYTHONPATH=old/src`` for the code before).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evidence_speed import synthetic_article  # noqa: E402


def paragraph(words: int, run_on: bool = False, seed: int = 15) -> str:
    text = synthetic_article(random.Random(seed), words, 0)["text"].replace("\n\n", " ")
    if run_on:
        text = re.sub(r"[.!?](?=[\s\"”]|$)", "", text)
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=2800, help="words at 1x (default 2,800)")
    ap.add_argument("--sizes", default="1,2,4,8", help="multiples to run (default 1,2,4,8)")
    ap.add_argument("--run-on", action="store_true", help="no sentence ends at all")
    args = ap.parse_args(argv)

    from detente.evidence.extract import Extractor
    from detente.evidence.types import Article
    ex = Extractor()
    base = paragraph(args.words, args.run_on)
    ex.extract(Article(base[:3000], dt.date(2024, 1, 1)))  # warm up
    print(f"one paragraph{' with no sentence ends' if args.run_on else ''}: "
          f"{len(base.split()):,} words ({len(base):,} characters) at 1x")
    print(f"{'size':>5} {'words':>8} {'chars':>10} {'CPU s':>8} {'ms/1k words':>12} {'statements':>11}")
    for k in (int(x) for x in args.sizes.split(",")):
        text = " ".join([base] * k)
        t0 = time.process_time()
        e = ex.extract(Article(text, dt.date(2024, 1, 1)))
        cpu = time.process_time() - t0
        words = len(text.split())
        per = 1000 * cpu / words * 1000
        print(f"{k:>4}x {words:>8,} {len(text):>10,} {cpu:>8.2f} {per:>12.0f} {len(e.statements):>11,}",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
