"""Evaluate ``detente.evidence.dates`` on the TempEval-3 TBAQ-cleaned TimeML documents.

Reads ``<shared>/evidence-data/tempeval3-tbaq/{TimeBank,AQUAINT}/*.tml`` (never copied into the
repository); the document creation time (DCT) is the dateline.

Figures printed, per corpus (TimeBank was used to tune the rules; AQUAINT was only looked at
through this script's totals and is the closer thing to a held-out set):

* **value accuracy**: for every gold TIMEX3 of type DATE or TIME (TIME values reduced to their
  date part, "1998-08-07TMO" -> "1998-08-07", for DATE values with a time of day too),
  :func:`resolve_time` is given the gold span's text and its sentence context; the share
  whose value equals the gold value exactly. Format differences are normalised: ISO week
  numbers with or without a leading zero ("2000-W7" == "2000-W07") and AQUAINT's unspecified
  trailing parts ("1949-XX" == "1949"). The figure with gold values taken verbatim is
  printed alongside.
* **detection**: :func:`find_times` on the whole text against all gold TIMEX3 (DATE, TIME,
  DURATION, SET): precision/recall/F1, strict (same span) and relaxed (overlapping span).
* **value F1 (end to end)**: TempEval-3's "value" figure restricted to DATE/TIME: a found
  expression counts when it overlaps a gold DATE/TIME and has its value.

Usage: ``python bench/eval_tempeval.py [--errors N] [--corpus TimeBank|AQUAINT]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from detente.evidence.dates import find_times, is_duration, resolve_time

SHARED = Path(os.environ.get("DETENTE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
DATA = SHARED / "evidence-data" / "tempeval3-tbaq"

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path):
    """Return (dct, text, timexes) with timexes = [(start, end, type, value, text)]."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', raw)
    dct = dt.date.fromisoformat(dct_m.group(1)[:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    timexes = []
    open_timex = None
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        offset = sum(len(c) for c in out)
        if not closing:
            attrs = dict(ATTR.findall(m.group(3)))
            open_timex = (offset, attrs)
        elif open_timex:
            start, attrs = open_timex
            timexes.append((start, offset, attrs.get("type"), attrs.get("value", ""), None))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    timexes = [(s, e, ty, v, text[s:e]) for s, e, ty, v, _ in timexes]
    return dct, text, timexes


def norm(value: str) -> str:
    """Format-only normalisation: ISO week numbers with or without a leading zero."""
    return re.sub(r"-W0(\d)\b", r"-W\1", value)


def gold_date_value(ty: str, value: str) -> str:
    """TIME (and DATE values carrying a time of day) reduced to the date: 1998-08-07TMO ->
    1998-08-07; AQUAINT's unspecified parts dropped: 1949-XX -> 1949, 1998-10-XX -> 1998-10."""
    if re.match(r"^\d{4}-\d\d-\d\dT", value):
        value = value.split("T")[0]
    while re.match(r"^\d{4}.*-XX$", value):
        value = value[:-3]
    return value


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(files: list[Path], show_errors: int = 0) -> dict:
    n_val = ok_val = ok_strict = 0
    strict_tp = relaxed_tp_gold = relaxed_tp_pred = n_gold = n_pred = 0
    e2e_ok = e2e_gold = e2e_pred = 0
    errors: list[tuple] = []
    words = 0
    t0 = time.perf_counter()
    find_time = 0.0
    for path in files:
        dct, text, timexes = read_tml(path)
        words += len(text.split())
        # value accuracy on gold spans
        for s, e, ty, value, span in timexes:
            if ty not in ("DATE", "TIME"):
                continue
            gold = norm(gold_date_value(ty, value))
            got = resolve_time(span, dct, text[max(0, s - 200):s], text[e:e + 200])
            n_val += 1
            pred = norm(got.value) if got else None
            if pred == gold:
                ok_val += 1
            if pred == norm(value):
                ok_strict += 1
            else:
                errors.append((path.name, dct.isoformat(), span, gold, pred,
                               text[max(0, s - 60):s].replace("\n", " "),
                               text[e:e + 40].replace("\n", " ")))
        # detection
        t1 = time.perf_counter()
        found = find_times(text, dct)
        find_time += time.perf_counter() - t1
        gold_spans = [(s, e, ty, value) for s, e, ty, value, _ in timexes]
        n_gold += len(gold_spans)
        n_pred += len(found)
        gset = {(s, e) for s, e, _, _ in gold_spans}
        strict_tp += sum((t.start, t.end) in gset for t in found)
        relaxed_tp_gold += sum(any(t.start < e and s < t.end for t in found) for s, e, _, _ in gold_spans)
        relaxed_tp_pred += sum(any(t.start < e and s < t.end for s, e, _, _ in gold_spans) for t in found)
        # end-to-end value on DATE/TIME
        dt_gold = [(s, e, norm(gold_date_value(ty, v))) for s, e, ty, v in gold_spans if ty in ("DATE", "TIME")]
        dt_pred = [t for t in found if not is_duration(t)]
        e2e_gold += len(dt_gold)
        e2e_pred += len(dt_pred)
        for s, e, gv in dt_gold:
            if any(t.start < e and s < t.end and norm(t.value) == gv for t in dt_pred):
                e2e_ok += 1
    strict = prf(strict_tp, n_pred - strict_tp, n_gold - strict_tp)
    rp = relaxed_tp_pred / n_pred if n_pred else 0.0
    rr = relaxed_tp_gold / n_gold if n_gold else 0.0
    relaxed = (rp, rr, 2 * rp * rr / (rp + rr) if rp + rr else 0.0)
    ep = e2e_ok / e2e_pred if e2e_pred else 0.0
    er = e2e_ok / e2e_gold if e2e_gold else 0.0
    if show_errors:
        kinds = Counter(e[2].lower() for e in errors)
        print(f"  most frequent misses: {kinds.most_common(15)}")
        for err in errors[:show_errors]:
            print("   ", err)
    return {
        "docs": len(files), "words": words, "value_n": n_val,
        "value_accuracy": ok_val / n_val if n_val else 0.0,
        "value_accuracy_strict": ok_strict / n_val if n_val else 0.0,
        "strict": strict, "relaxed": relaxed,
        "value_e2e": (ep, er, 2 * ep * er / (ep + er) if ep + er else 0.0),
        "words_per_s": words / find_time if find_time else 0.0,
        "seconds": time.perf_counter() - t0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print this many value errors")
    ap.add_argument("--corpus", choices=["TimeBank", "AQUAINT"], action="append")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"TempEval-3 data not found at {DATA}; set DETENTE_SHARED", file=sys.stderr)
        return 1
    corpora = args.corpus or ["TimeBank", "AQUAINT"]
    allfiles = []
    for c in corpora:
        files = sorted((DATA / c).glob("*.tml"))
        allfiles += files
        print(f"== {c} ({'tuning' if c == 'TimeBank' else 'held out'})")
        report(evaluate(files, args.errors))
    if len(corpora) > 1:
        print("== all TBAQ")
        report(evaluate(allfiles))
    return 0


def report(r: dict) -> None:
    print(f"  documents {r['docs']}, words {r['words']}, gold DATE/TIME {r['value_n']}")
    print(f"  value accuracy (gold spans, DATE+TIME): {r['value_accuracy']:.3f}   "
          f"(gold values taken verbatim, no reduction of times or -XX: "
          f"{r['value_accuracy_strict']:.3f})")
    print("  detection strict   P {:.3f} R {:.3f} F1 {:.3f}".format(*r["strict"]))
    print("  detection relaxed  P {:.3f} R {:.3f} F1 {:.3f}".format(*r["relaxed"]))
    print("  value end to end (DATE/TIME)  P {:.3f} R {:.3f} F1 {:.3f}".format(*r["value_e2e"]))
    print(f"  find_times speed: {r['words_per_s']:,.0f} words/s")


if __name__ == "__main__":
    sys.exit(main())
