"""Score the evidence extractor on the project's own development set (bench/evidence_devset).

Scores what users see: the resolved speaker name of each statement, its channel and date, and
the claimant of each figure, on passages in styles the extractor was not built on. See
bench/evidence_devset/README.md for the gold conventions and the matching rule.

    python bench/eval_devset.py                 # the dev part, with a per-passage table
    python bench/eval_devset.py --errors        # and every error, to study
    python bench/eval_devset.py --part all      # dev + heldout/ (spent: development material)
    python bench/eval_devset.py --part heldout2 # the second held-out part (run once, 2026-12-06; spent)
    python bench/eval_devset.py --part heldout3 # the third held-out part (run once, 2026-12-06, end of round 3; spent)
    python bench/eval_devset.py --part heldout4 # the fourth held-out part (run once, 2026-12-06, end of round 4; spent)
    python bench/eval_devset.py --part heldout5 # the fifth held-out part (run once, 2026-12-07, end of round 5; spent)
    python bench/eval_devset.py --part heldout6 # the sixth held-out part (run once, 2026-12-07, end of round 6; spent)
    python bench/eval_devset.py --part heldout7 # the seventh held-out part (run once, 2026-12-07, end of round 7; spent)
    python bench/eval_devset.py --part heldout8 # the eighth held-out part (run once, 2026-12-07, end of round 8; spent)
    python bench/eval_devset.py --part heldout9 # the ninth held-out part (run once, 2026-12-07, end of round 9; spent)
    python bench/eval_devset.py --part heldout10 # the tenth held-out part (run once, 2026-12-07, end of round 10; spent)
    python bench/eval_devset.py --part heldout11 # the eleventh held-out part (run once, 2026-12-07, end of round 11; spent)
    python bench/eval_devset.py --part heldout12 # the twelfth held-out part (run once, 2026-12-07, end of round 12; spent)
    python bench/eval_devset.py --part heldout13 # the thirteenth held-out part (run once, 2026-12-07, end of round 13; spent)
    python bench/eval_devset.py --part heldout14 # the fourteenth held-out part (run once, 2026-12-07, end of round 14; spent)
    python bench/eval_devset.py --part heldout15 # the fifteenth held-out part (run once, 2026-12-08, end of round 15; spent)
    python bench/eval_devset.py --part heldout16 # the sixteenth held-out part (run once, 2026-12-08, end of round 16; spent)
    python bench/eval_devset.py --part heldout17 # the seventeenth held-out part (reserved: run once at the end of round 17)

Goals (issue 15): resolved speaker >= 0.90 of gold statements, statement precision and recall
>= 0.90, date >= 0.90, channel >= 0.85 where the text names one, figure claimant >= 0.85.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "evidence_devset"


def norm_name(name: str | None) -> str:
    """Case-folded name without a leading article, curly apostrophes made straight."""
    if not name:
        return ""
    s = name.replace("\u2019", "'").strip().casefold()
    s = re.sub(r"^(the|a|an)\s+", "", s)
    s = re.sub(r"[.,;:]+$", "", s)
    return re.sub(r"\s+", " ", s)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class Tally:
    gold: int = 0  # required gold statements
    found: int = 0  # of which matched by a prediction
    predicted: int = 0  # predictions (not matching an optional gold statement)
    true_pos: int = 0  # predictions matching a required gold statement (first match only)
    speaker_ok: int = 0  # gold statements found with the right resolved speaker
    date_ok: int = 0
    channel_gold: int = 0  # found gold statements whose text names a channel
    channel_ok: int = 0
    channel_none: int = 0  # found gold statements whose text names no channel
    channel_invented: int = 0  # of which the prediction has one all the same
    figures_gold: int = 0
    figures_found: int = 0
    claimant_ok: int = 0
    disputes_gold: int = 0
    disputes_ok: int = 0
    disputes_wrong: int = 0  # predicted dispute links between figures the gold does not pair
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for k, v in other.__dict__.items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
            else:
                getattr(self, k).extend(v)


def _disputes(a, b) -> bool:
    """Whether figure ``a`` is marked as disputed by the text of figure ``b``."""
    return a.dispute_span is not None and overlap(tuple(a.dispute_span), (b.start, b.end)) > 0


def ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def score_passage(doc: dict, extraction) -> Tally:
    text = doc["text"]
    aliases = {norm_name(k): {norm_name(v) for v in vs} | {norm_name(k)}
               for k, vs in (doc.get("aliases") or {}).items()}

    def same_name(gold: str | None, pred: str | None) -> bool:
        g = norm_name(gold)
        return norm_name(pred) in aliases.get(g, {g})

    gold = []
    for s in doc["statements"]:
        start = text.index(s["content"])
        gold.append(dict(s, span=(start, start + len(s["content"]))))
    t = Tally(gold=sum(1 for g in gold if not g.get("optional")))
    matched: dict[int, int] = {}
    for p_i, st in enumerate(extraction.statements):
        ps = tuple(st.content_span)
        best, best_key = None, (0, 0)
        for g_i, g in enumerate(gold):
            ov = overlap(ps, g["span"])
            glen, plen = g["span"][1] - g["span"][0], max(1, ps[1] - ps[0])
            # the largest overlap wins; of two golds overlapping it equally (a question turn
            # that holds the reported words it quotes), the one closest to it in length
            key = (ov, -abs(glen - plen))
            if ov >= 0.5 * glen and ov >= plen / 3 and ov > 0 and key > best_key:
                best, best_key = g_i, key
        if best is not None and gold[best].get("optional"):
            continue  # neither rewarded nor penalised
        t.predicted += 1
        if best is None:
            t.errors.append(f"  extra: [{st.speaker}] {text[ps[0]:ps[1]][:90]!r}")
            continue
        if best in matched:
            t.errors.append(f"  duplicate: [{st.speaker}] {text[ps[0]:ps[1]][:90]!r} (cue {st.cue!r})")
            continue
        matched[best] = p_i
        t.true_pos += 1
    for g_i, g in enumerate(gold):
        if g.get("optional"):
            continue
        if g_i not in matched:
            t.errors.append(f"  missed: [{g['speaker']}] {g['content'][:90]!r}")
            continue
        t.found += 1
        st = extraction.statements[matched[g_i]]
        if same_name(g["speaker"], st.speaker):
            t.speaker_ok += 1
        else:
            t.errors.append(f"  speaker: gold {g['speaker']!r}, got {st.speaker!r}: {g['content'][:70]!r}")
        gdate = str(g["date"]) if g.get("date") else None
        if gdate and st.date and str(st.date).startswith(gdate) and len(str(st.date)) >= len(gdate) \
                and (len(gdate) > 7 or len(str(st.date)) == len(gdate)):
            t.date_ok += 1
        elif gdate:
            t.errors.append(f"  date: gold {gdate}, got {st.date}: {g['content'][:70]!r}")
        if not g.get("channel"):
            t.channel_none += 1
            if st.channel:
                t.channel_invented += 1
                t.errors.append(f"  channel: gold None, got {st.channel!r}: {g['content'][:70]!r}")
        if g.get("channel"):
            t.channel_gold += 1
            if st.channel == g["channel"]:
                t.channel_ok += 1
            else:
                t.errors.append(f"  channel: gold {g['channel']!r}, got {st.channel!r}: {g['content'][:70]!r}")
    # figures, matched by span
    for f in doc.get("figures") or []:
        t.figures_gold += 1
        fs = text.index(f["text"])
        span = (fs, fs + len(f["text"]))
        cands = [x for x in extraction.figures if overlap((x.start, x.end), span) > 0]
        if not cands:
            t.errors.append(f"  figure missed: {f['text']!r}")
            if f.get("disputes"):
                # (a dispute whose figure was not found is not linked: it counts, as a miss)
                t.disputes_gold += 1
                t.errors.append(f"  dispute not linked: {f['text']!r} vs {f['disputes']!r} (figure missed)")
            continue
        t.figures_found += 1
        x = cands[0]
        if (f.get("claimant") is None and x.claimed_by is None) or \
                (f.get("claimant") is not None and same_name(f["claimant"], x.claimed_by)):
            t.claimant_ok += 1
        else:
            t.errors.append(f"  figure claimant: {f['text']!r} gold {f.get('claimant')!r}, got {x.claimed_by!r}")
        if f.get("disputes"):
            t.disputes_gold += 1
            ds = text.index(f["disputes"])
            target = [y for y in extraction.figures if overlap((y.start, y.end), (ds, ds + len(f["disputes"]))) > 0]
            # linked means paired: the disputed figure's dispute span is this counter-figure (or
            # the other way round), not merely that one of the two is marked as disputed
            ok = any(_disputes(y, x) or _disputes(x, y) for y in target)
            if ok:
                t.disputes_ok += 1
            else:
                t.errors.append(f"  dispute not linked: {f['text']!r} vs {f['disputes']!r}")
    # predicted dispute links the gold does not pair (either way round): a figure marked as
    # disputed whose dispute span is not the counter-figure the gold names for it
    pairs = []
    for f in doc.get("figures") or []:
        if f.get("disputes"):
            fs, ds = text.index(f["text"]), text.index(f["disputes"])
            pairs.append(((fs, fs + len(f["text"])), (ds, ds + len(f["disputes"]))))
    for x in extraction.figures:
        if x.dispute_span is None:
            continue
        xs, ys = (x.start, x.end), tuple(x.dispute_span)
        if not any((overlap(xs, p) > 0 and overlap(ys, q) > 0) or (overlap(xs, q) > 0 and overlap(ys, p) > 0)
                   for p, q in pairs):
            t.disputes_wrong += 1
            t.errors.append(f"  dispute linked wrongly: {text[x.start:x.end]!r} vs {text[ys[0]:ys[1]][:60]!r}")
    return t


# "all" is the development material: dev/ and the spent first held-out part.
PARTS = {"dev": ("dev",), "heldout": ("heldout",), "all": ("dev", "heldout"), "heldout2": ("heldout2",),
         "heldout3": ("heldout3",), "heldout4": ("heldout4",), "heldout5": ("heldout5",),
         "heldout6": ("heldout6",), "heldout7": ("heldout7",),
         "heldout8": ("heldout8",), "heldout9": ("heldout9",),
         "heldout10": ("heldout10",), "heldout11": ("heldout11",),
         "heldout12": ("heldout12",), "heldout13": ("heldout13",),
         "heldout14": ("heldout14",), "heldout15": ("heldout15",),
         "heldout16": ("heldout16",), "heldout17": ("heldout17",),
         "heldout18": ("heldout18",), "heldout19": ("heldout19",),
         "heldout20": ("heldout20",)}


def load_part(part: str) -> list[tuple[Path, dict]]:
    files = sorted(f for d in PARTS[part] for f in (HERE / d).glob("*.yaml"))
    if not files:
        sys.exit(f"no passages in {', '.join(str(HERE / d) for d in PARTS[part])}")
    out = []
    for p in files:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        _check_text_block(p, doc)
        out.append((p, doc))
    return out


# a gold line written one indent too deep lands inside the passage's text block, where the
# extractor reads it as article text and the scorer never sees it (three dev passages had one)
_GOLD_LINE_RX = re.compile(r"^\s*- \{(?:speaker|text|value|claimant|content):")


def _check_text_block(path: Path, doc: dict) -> None:
    """Stop, before anything is scored, when a gold entry stands inside the passage's text."""
    lines = path.read_text(encoding="utf-8").split("\n")
    text = doc.get("text", "") if isinstance(doc, dict) else ""
    for k, line in enumerate(text.split("\n")):
        if _GOLD_LINE_RX.match(line):
            n = next((i + 1 for i, raw in enumerate(lines) if raw.strip() == line.strip()), "?")
            sys.exit(f"{path}:{n}: a gold entry stands inside the passage's text block "
                     f"(line {k + 1} of the text): indent it under 'statements:' or 'figures:'")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=list(PARTS), default="dev",
                    help="dev; heldout (spent, development material); all = dev + heldout; "
                         "heldout2 (run once at the end of round 2; spent); "
                         "heldout3 (run once at the end of round 3; spent); "
                         "heldout4 (the fourth held-out part, run once at the end of round 4; "
                         "spent); heldout5 (the fifth held-out part, run once at the end of round "
                         "5; spent); heldout6 (the sixth held-out part, run once at the end of "
                         "round 6; spent); "
                         "heldout7 (the seventh held-out part, run once at the end of "
                         "round 7; spent); "
                         "heldout8 (the eighth held-out part, run once at the end of "
                         "round 8; spent); "
                         "heldout9 (the ninth held-out part, run once at the end of "
                         "round 9; spent); "
                         "heldout10 (the tenth held-out part, run once at the end of "
                         "round 10; spent); "
                         "heldout11 (the eleventh held-out part, run once at the end of "
                         "round 11; spent); "
                         "heldout12 (the twelfth held-out part, run once at the end of "
                         "round 12; spent); "
                         "heldout13 (the thirteenth held-out part, run once at the end of "
                         "round 13; spent); "
                         "heldout14 (the fourteenth held-out part, run once at the end of "
                         "round 14; spent); "
                         "heldout15 (the fifteenth held-out part, run once at the end of "
                         "round 15; spent); "
                         "heldout16 (the sixteenth held-out part, run once at the end of "
                         "round 16; spent); "
                         "heldout17 (the seventeenth held-out part, reserved: run once at "
                         "the end of round 17)")
    ap.add_argument("--errors", action="store_true", help="print every error")
    args = ap.parse_args(argv)

    from detente.evidence.ingest import article_from_text, make_extractor

    ex = make_extractor()
    total = Tally()
    by_style: dict[str, Tally] = {}
    print(f"{'passage':<16} {'style':<10} {'gold':>4} {'prec':>5} {'rec':>5} {'spk':>5} {'date':>5} {'chan':>5} {'fig':>5}")
    for path, doc in load_part(args.part):
        date = doc["dateline"]
        date = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date))
        article = article_from_text(doc["text"], date=date, source=doc["id"])
        t = score_passage(doc, ex.extract(article))
        total.add(t)
        by_style.setdefault(doc["style"], Tally()).add(t)
        print(f"{doc['id']:<16} {doc['style']:<10} {t.gold:>4} {ratio(t.true_pos, t.predicted):>5.2f} "
              f"{ratio(t.found, t.gold):>5.2f} {ratio(t.speaker_ok, t.gold):>5.2f} "
              f"{ratio(t.date_ok, t.found):>5.2f} {ratio(t.channel_ok, t.channel_gold):>5.2f} "
              f"{ratio(t.claimant_ok, t.figures_gold):>5.2f}")
        if args.errors:
            print("\n".join(t.errors))
    print()
    for style, t in sorted(by_style.items()):
        print(f"  {style:<10} speaker {ratio(t.speaker_ok, t.gold):.2f} of {t.gold}")
    t = total
    print(f"\n{args.part}: {t.gold} gold statements, {t.predicted} predicted")
    print(f"  resolved speaker right (of gold) {ratio(t.speaker_ok, t.gold):.3f}   goal >= 0.90")
    print(f"  statement precision              {ratio(t.true_pos, t.predicted):.3f}   goal >= 0.90")
    print(f"  statement recall                 {ratio(t.found, t.gold):.3f}   goal >= 0.90")
    print(f"  date right (of found)            {ratio(t.date_ok, t.found):.3f}   goal >= 0.90")
    print(f"  channel right (of {t.channel_gold} named)      {ratio(t.channel_ok, t.channel_gold):.3f}   goal >= 0.85")
    print(f"  channel given where none is named {ratio(t.channel_invented, t.channel_none):.3f}   (of {t.channel_none}; lower is better)")
    print(f"  figure claimant right (of {t.figures_gold})   {ratio(t.claimant_ok, t.figures_gold):.3f}   goal >= 0.85")
    print(f"  figures found                    {ratio(t.figures_found, t.figures_gold):.3f}")
    print(f"  figure claimant right (of found) {ratio(t.claimant_ok, t.figures_found):.3f}")
    print(f"  disputes linked (of {t.disputes_gold})          {ratio(t.disputes_ok, t.disputes_gold):.3f}")
    print(f"  disputes linked wrongly          {t.disputes_wrong}   (links the gold does not pair; lower is better)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
