"""Check that every quote in the flagship scenario is verbatim in the seed news report.

Usage::

    .venv/bin/python bench/check_flagship_quotes.py [SCENARIO] [--report ../shared/seeds/000_f305f066d2f52e73.txt]

Reads the report from ../shared (not part of the repository, so this is a script, not a test).
Quotes are compared after normalising whitespace and curly quotes; exits 1 if any is missing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _norm(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def quotes(conflict):
    """(where, quote) for every evidence entry with a quote, variants included."""
    def walk(c, prefix):
        for o in c.options:
            for ev in o.evidence:
                yield f"{prefix}option {o.name}", ev
        for d in c.decision_makers:
            for k, st in enumerate(d.preferences or []):
                for ev in st.evidence:
                    yield f"{prefix}{d.name} statement {k + 1}", ev
        for con in c.constraints:
            for ev in con.evidence:
                yield f"{prefix}constraint {con.id}", ev
    yield from walk(conflict, "")
    for v in conflict.variants:
        yield from walk(conflict.variant(v.name), f"[{v.name}] ")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "settlement-talks-2025-02.yaml"))
    ap.add_argument("--report", default=str(ROOT.parent / "shared" / "seeds" / "000_f305f066d2f52e73.txt"))
    args = ap.parse_args(argv)
    import detente
    text = _norm(Path(args.report).read_text(encoding="utf-8"))
    conflict = detente.load(args.scenario)
    n = bad = 0
    for where, ev in quotes(conflict):
        if not ev.quote:
            continue
        n += 1
        if _norm(ev.quote) not in text:
            bad += 1
            print(f"NOT VERBATIM  {where}: {ev.quote!r}")
    print(f"{n - bad}/{n} quotes found verbatim in {args.report}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
