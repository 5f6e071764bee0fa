"""Scripted check of the extractor on the seed report (issue 5's list of expected values).

    python bench/check_seed_report.py          # prints PASS/FAIL per item, exits 1 on any FAIL
    python bench/check_seed_report.py --show   # also prints everything extracted

Reads ``../shared/seeds/000_f305f066d2f52e73.txt`` (``DETENTE_SHARED`` points to another copy
of ``shared/``) through ``detente.evidence.ingest`` as ``detente ingest`` does, runs the
:class:`~detente.evidence.extract.Extractor`, and checks every statement, speaker, cue,
channel, date, figure and dispute the issue lists, plus the entities it names. Statements are
found by a phrase of their content; nothing here is fed to the extractor.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_f305f066d2f52e73.txt"

# phrase of the content -> expected fields (None: not checked)
STATEMENTS = [
    ("settlement talks will begin immediately",
     dict(speaker="Donald Trump", cue="claimed", channel="social-media post", date="2025-02-12")),
    ("the pair discussed a wide range of issues",
     dict(speaker="Donald Trump", cue="said", channel="social-media post", channel_detail="Truth Social",
          date="2025-02-12")),
    ("We agreed to work together",  # "wrote the U.S. president in his post"
     dict(speaker="Donald Trump", cue="wrote", channel="social-media post", channel_detail="Truth Social",
          date="2025-02-12", kind="direct")),
    ("I have asked Secretary of State Marco Rubio",  # the quotation continued after the cue
     dict(speaker="Donald Trump", channel="social-media post", kind="direct")),
    ("I want to thank President Putin",
     dict(speaker="Donald Trump", cue="added", channel="social-media post", date="2025-02-12", kind="direct")),
    ("he expects his first meeting with Putin",
     dict(speaker="Donald Trump", cue="told reporters", channel="told reporters", date="2025-02-12")),
    ("Ukraine should reward the United States",
     dict(speaker="Donald Trump", cue="said", date="2025-W07", date_granularity="week")),
    ("The conversation went very well",
     dict(speaker="Donald Trump", cue="posted", channel="social-media post", channel_detail="Truth Social",
          date="2025-02-12", kind="direct")),
    ("intends to end this war by diplomacy",
     dict(speaker="Pete Hegseth", cue="said", channel="remarks at a meeting", date="2025-02-12",
          detail_has=("Ukraine Defense Contact Group", "NATO headquarters"))),
    ("We want, like you, a sovereign and prosperous Ukraine",
     dict(speaker="Pete Hegseth", channel="remarks at a meeting", kind="direct")),
    ("does not believe that NATO membership for Ukraine",  # "..., he continued"
     dict(speaker="Pete Hegseth", cue="continued", channel="remarks at a meeting", date="2025-02-12",
          kind="direct")),
    ("there will not be U.S. troops deployed to Ukraine",
     dict(speaker="Pete Hegseth", channel="remarks at a meeting", kind="direct")),
    ("Hegseth's statement also rules out European troops",
     dict(speaker="Anatol Lieven", cue="explained")),
    ("Hegseth repeatedly stressed the words",  # "Lieven also wrote:" and a block quotation
     dict(speaker="Anatol Lieven", cue="also wrote", channel="article", kind="direct")),
    ("we should be grateful to Hegseth for saying so",  # second paragraph of the block quotation
     dict(speaker="Anatol Lieven", channel="article")),
    ("was not leveling with the American people",
     dict(speaker="Progressive critics of the U.S. policy in Ukraine", cue="have long argued")),
]

# statements that must NOT be reported on their own (they are inside another statement)
NOT_STATEMENTS = [
    ("we want to stop the millions of deaths", "the pair agreed ... inside Trump's statement"),
    ("NATO membership for Ukraine is a realistic outcome", "the United States does not believe ... inside Hegseth's quotation"),
]

TIMES = [("Wednesday", "2025-02-12"), ("yesterday", "2025-02-11"), ("Friday", "2025-02-14"),
         ("September", "2024-09"), ("February 2022", "2022-02"), ("16 months ago", "2023-10"),
         ("This week", "2025-W07")]

FIGURES = [
    ("millions", dict(value=2e6, lower_bound=2e6, unit="deaths", qualifier="vague", claimed_by="Donald Trump",
                      disputed_by="the article", dispute_has="aren't in the millions")),
    ("$183 billion", dict(value=1.83e11, unit="USD", qualifier="nearly", claimed_by=None)),
    ("$500 billion", dict(value=5e11, unit="USD", claimed_by="Donald Trump")),
    ("a quarter of a million", dict(value=2.5e5, qualifier="in the region of", claimed_by="Anatol Lieven")),
]

ENTITIES = [
    ("Donald Trump", "person", "U.S. President"), ("Pete Hegseth", "person", "U.S. Defense Secretary"),
    ("Vladimir Putin", "person", "Russian President"), ("Volodymyr Zelenskyy", "person", "Ukrainian President"),
    ("Marco Rubio", "person", "Secretary of State"), ("JD Vance", "person", "Vice President"),
    ("Anatol Lieven", "person", "director of the Quincy Institute"), ("Joe Biden", "person", "former President"),
    ("Russia", "country", None), ("Ukraine", "country", None), ("United States", "country", None),
    ("Saudi Arabia", "country", None), ("NATO", "organisation", None),
    ("Ukraine Defense Contact Group", "organisation", None), ("U.S. Congress", "organisation", None),
]


def load_article():
    if not SEED.exists():
        sys.exit(f"seed report not found: {SEED} (set DETENTE_SHARED to the shared/ folder)")
    from detente.evidence.ingest import read_path
    from detente.evidence.types import Article
    items = list(read_path(SEED))
    arts = [a for a in items if isinstance(a, Article)]
    if not arts:
        sys.exit(f"could not read the seed report: {items}")
    return arts[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="print everything extracted")
    ap.add_argument("--model", help="spaCy model (default: detente's)")
    args = ap.parse_args(argv)
    from detente.evidence.extract import Extractor
    article = load_article()
    ex = Extractor(model=args.model) if args.model else Extractor()
    e = ex.extract(article)
    results: list[tuple[bool, str]] = []

    def check(ok: bool, what: str) -> None:
        results.append((ok, what))
        print(("PASS " if ok else "FAIL ") + what)

    if args.show:
        for i, s in enumerate(e.statements):
            print(f"#{i} [{s.speaker}] {s.cue!r} {s.channel}/{s.channel_detail} {s.date} {s.kind}: {s.content[:90]!r}")
        for f in e.figures:
            print(f"figure {f.text!r} {f.value} {f.unit} {f.qualifier} by={f.claimed_by} disputed={f.disputed_by}")
        print()

    print(f"seed report: {len(e.statements)} statements, {len(e.figures)} figures, "
          f"{len(e.times)} time expressions, {len(e.entities)} entities")
    for phrase, want in STATEMENTS:
        st = next((s for s in e.statements if phrase in s.content), None)
        if st is None:
            check(False, f"statement {phrase!r}: not found")
            continue
        bad = []
        for k, v in want.items():
            if k == "detail_has":
                if not all(x in (st.channel_detail or "") for x in v):
                    bad.append(f"channel_detail={st.channel_detail!r} (wanted {' + '.join(v)})")
            elif getattr(st, k) != v:
                bad.append(f"{k}={getattr(st, k)!r} (wanted {v!r})")
        desc = ", ".join(f"{k}={v!r}" for k, v in want.items())
        check(not bad, f"statement {phrase!r}: {desc}" + (f" -- got {'; '.join(bad)}" if bad else ""))
    for phrase, why in NOT_STATEMENTS:
        own = [s for s in e.statements if s.content.strip(' "“”.').startswith(phrase)]
        check(not own, f"no separate statement for {phrase!r} ({why})")
    for text, value in TIMES:
        hits = [t for t in e.times if t.text == text]
        ok = bool(hits) and all(t.value == value for t in hits)
        check(ok, f"time {text!r} = {value}" + ("" if ok else f" -- got {[t.value for t in hits]}"))
    for phrase, want in FIGURES:
        f = next((f for f in e.figures if phrase in f.text), None)
        if f is None:
            check(False, f"figure {phrase!r}: not found")
            continue
        bad = []
        for k, v in want.items():
            if k == "dispute_has":
                if v not in (f.dispute_text or ""):
                    bad.append(f"dispute_text={f.dispute_text!r}")
            elif isinstance(v, float):
                got = getattr(f, k)
                if got is None or abs(got - v) > 1e-6 * v:
                    bad.append(f"{k}={got!r} (wanted {v!r})")
            elif getattr(f, k) != v:
                bad.append(f"{k}={getattr(f, k)!r} (wanted {v!r})")
        desc = ", ".join(f"{k}={v!r}" for k, v in want.items())
        check(not bad, f"figure {phrase!r}: {desc}" + (f" -- got {'; '.join(bad)}" if bad else ""))
    for name, kind, role in ENTITIES:
        ent = next((x for x in e.entities if x.canonical == name and x.kind == kind), None)
        ok = ent is not None and (role is None or any(r.startswith(role) for r in ent.roles))
        check(ok, f"entity {name} ({kind}{', ' + role if role else ''})" +
              ("" if ok else f" -- got {ent}"))
    n_ok = sum(ok for ok, _ in results)
    print(f"\n{n_ok} passed, {len(results) - n_ok} failed")
    return 0 if n_ok == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
