"""Scripted check of the time expressions of the seed report (issue 5).

Reads ``<shared>/seeds/000_f305f066d2f52e73.txt`` at run time (never copied) and checks that
:func:`detente.evidence.dates.find_times` resolves every time expression listed in the issue
against the dateline 2025-02-12 (a Wednesday). Prints one line per expected expression and
exits 1 if any is wrong or missing.

Usage: ``python bench/check_seed_dates.py``
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from detente.evidence.dates import find_times
from detente.evidence.ingest import parse_dateline

SHARED = Path(os.environ.get("DETENTE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
SEED = SHARED / "seeds" / "000_f305f066d2f52e73.txt"

# (text as written, words just before it (to pick the occurrence), value, granularity)
EXPECTED = [
    ("Wednesday", "leaders on ", "2025-02-12", "day"),
    ("nearly three years", "immediately, ", "P3Y", "year"),
    ("February 2022", "deaths since ", "2022-02", "month"),
    ("yesterday", "the release, ", "2025-02-11", "day"),
    ("September", "As of ", "2024-09", "month"),
    ("2022", "respond to the ", "2022", "year"),
    ("This week", "invasion. ", "2025-W07", "week"),
    ("Wednesday", "Zelenskyy on ", "2025-02-12", "day"),
    ("Friday", "set up on ", "2025-02-14", "day"),
    ("Friday", "to begin on ", "2025-02-14", "day"),
    ("Wednesday", "Contact Group on ", "2025-02-12", "day"),
    ("2023", "counter-offensive in ", "2023", "year"),
    ("16 months ago", "in 2023, ", "2023-10", "month"),
]


def main() -> int:
    if not SEED.exists():
        print(f"seed report not found at {SEED}; set DETENTE_SHARED", file=sys.stderr)
        return 1
    date, text = parse_dateline(SEED.read_text(encoding="utf-8"))
    found = {(t.start, t.text): t for t in find_times(text, date)}
    failures = 0
    for phrase, before, value, gran in EXPECTED:
        at = text.find(before + phrase)
        if at < 0:
            print(f"?? {phrase!r} after {before!r} not in the seed report")
            failures += 1
            continue
        start = at + len(before)
        t = found.get((start, phrase))
        ok = t is not None and t.value == value and t.granularity == gran
        got = f"{t.value} ({t.granularity}{', approximate' if t.approximate else ''})" if t else "not found"
        print(f"{'ok' if ok else 'WRONG':5} {phrase!r:22} expected {value} ({gran}), got {got}")
        failures += not ok
    print(f"{len(EXPECTED) - failures}/{len(EXPECTED)} right; dateline {date}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
