"""Check that every quote in the flagship scenario is verbatim in the seed news report.

Usage::

    .venv/bin/python bench/check_flagship_quotes.py [SCENARIO] [--report ../shared/seeds/000_f305f066d2f52e73.txt]

Reads the report from ../shared (not part of the repository, so this is a script, not a test).
Quotes are compared after normalising whitespace and curly quotes. Each quote's *speaker* is
checked too: the nearest mention of any of the scenario's speakers (surname, or the role as the
report writes it, e.g. "U.S. president"), outside quotation marks, in the quote's paragraph or
the one before, must be the speaker the scenario names. Its *channel* is checked by keywords the
report uses for it (e.g. "Truth Social" or "post" for a social-media post) in the same window.
Exits 1 if any quote is missing or misattributed.
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


# Words the report uses near a quote for each kind of channel (lower case).
CHANNEL_WORDS = {
    "social-media post": ["truth social", "social media", "post", "wrote"],
    "remarks at a meeting": ["meeting", "remarks", "said", "brussels", "contact group"],
    "analyst's article": ["wrote", "article", "argued", "concluded", "explained"],
}


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The quote's paragraph and the one before it."""
    para_start = text.rfind("\n\n", 0, start)
    prev_start = text.rfind("\n\n", 0, max(para_start, 0))
    para_end = text.find("\n\n", end)
    return max(prev_start, 0), (len(text) if para_end < 0 else para_end)


def attribution(raw: str, quote: str, speakers: dict[str, list[str]]) -> tuple[str | None, str]:
    """(nearest speaker, window text) of a quote in the report, or (None, '') if not found."""
    text = re.sub(r"[ \t]+", " ", raw.replace("\u201c", '"').replace("\u201d", '"')
                  .replace("\u2019", "'").replace("\u2018", "'"))
    q = _norm(quote)
    # locate in the paragraph-preserving text by matching with flexible whitespace
    m = re.search(r"\s+".join(re.escape(w) for w in q.split(" ")), text)
    if not m:
        return None, ""
    lo, hi = _window(text, m.start(), m.end())
    quoted = [(x.start(), x.end()) for x in re.finditer(r'"[^"]*"', text)]
    best = None
    for name, aliases in speakers.items():
        for alias in aliases:
            for x in re.finditer(re.escape(alias), text[lo:hi], flags=re.IGNORECASE):
                a, b = lo + x.start(), lo + x.end()
                if any(qs <= a < qe for qs, qe in quoted):
                    continue  # a name inside someone's quote is not an attribution
                dist = m.start() - b if b <= m.start() else a - m.end() if a >= m.end() else 0
                if best is None or dist < best[0]:
                    best = (dist, name)
    return (best[1] if best else None), text[lo:hi].lower()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "settlement-talks-2025-02.yaml"))
    ap.add_argument("--report", default=str(ROOT.parent / "shared" / "seeds" / "000_f305f066d2f52e73.txt"))
    args = ap.parse_args(argv)
    import detente
    text = _norm(Path(args.report).read_text(encoding="utf-8"))
    conflict = detente.load(args.scenario)
    raw = Path(args.report).read_text(encoding="utf-8")
    found = list(quotes(conflict))
    speakers: dict[str, list[str]] = {}
    for _, ev in found:
        if ev.speaker:
            aliases = speakers.setdefault(ev.speaker, [ev.speaker.split()[-1]])
            if ev.role and ev.role.lower() not in aliases and len(ev.role) < 30:
                aliases.append(ev.role.lower())
    n = bad = wrong = checked = 0
    for where, ev in found:
        if not ev.quote:
            continue
        n += 1
        if _norm(ev.quote) not in text:
            bad += 1
            print(f"NOT VERBATIM  {where}: {ev.quote!r}")
            continue
        if not ev.speaker:
            continue
        checked += 1
        who, window = attribution(raw, ev.quote, speakers)
        if who != ev.speaker:
            wrong += 1
            print(f"SPEAKER       {where}: {ev.quote!r} is attributed to {ev.speaker}, the report's nearest speaker is {who}")
        kind = next((k for k in CHANNEL_WORDS if (ev.channel or "").startswith(k)), None)
        if kind and not any(w in window for w in CHANNEL_WORDS[kind]):
            wrong += 1
            print(f"CHANNEL       {where}: {ev.quote!r}: no sign of a {kind} near it in the report")
    print(f"{n - bad}/{n} quotes found verbatim in {args.report}")
    print(f"{checked - wrong}/{checked} quotes with a speaker match the report's speaker and channel")
    return 1 if bad or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
