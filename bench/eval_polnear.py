"""Evaluate detente's attribution extraction on PolNeAR.

    python bench/eval_polnear.py                 # CofeNet test split (comparable with published F1)
    python bench/eval_polnear.py --bio valid     # CofeNet validation split (= PolNeAR dev)
    python bench/eval_polnear.py --brat dev      # PolNeAR dev, whole documents, incl. direct quotations
    python bench/eval_polnear.py --brat test --json out.json
    python bench/eval_polnear.py --speed dev        # words per CPU-second, parse + extraction

**CofeNet split** (``--bio``): each line is a paragraph with BIO labels for source, cue and
content. Every line is detokenised, run through :func:`detente.evidence.attribution.find_attributions`
on its own, and the predicted character spans are mapped back to the line's tokens. Exact
match: a predicted span with the same first and last token as a gold span of the same type
(CofeNet's ``exact_match``). Partial match: a predicted span overlapping a gold span of the
same type by at least one token (precision over predicted spans, recall over gold spans).

**Whole documents** (``--brat``): every article is parsed once; spans are compared in
characters (after trimming white space). Also reported there: *direct quotations*, i.e. gold
attributions whose content is a quotation in quotation marks; a predicted ``direct``
attribution is correct when its content overlaps a gold content by at least half of the
shorter one, and *with speaker* when the source overlaps that attribution's source as well.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear_data as pdata  # noqa: E402

TYPES = ("source", "cue", "content")


def prf(tp: float, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pred": n_pred, "gold": n_gold}


def predict_spans(doc, attributions) -> dict[str, list[tuple[int, int]]]:
    """Character spans per type, outer attributions first, no overlaps within a type."""
    out: dict[str, list[tuple[int, int]]] = {t: [] for t in TYPES}
    for a in sorted(attributions, key=lambda a: a.inside_quote):
        parts = {"source": [a.source] if a.source else [], "cue": [a.cue] if a.cue else [],
                 "content": list(a.contents)}
        for t, spans in parts.items():
            for s in spans:
                if not any(s[0] < e and o < s[1] for o, e in out[t]):
                    out[t].append(s)
    return out


def to_token_spans(spans, offsets) -> list[tuple[int, int]]:
    res = []
    for s, e in spans:
        toks = [i for i, (a, b) in enumerate(offsets) if a >= s and b <= e]
        if toks:
            res.append((toks[0], toks[-1] + 1))
    return res


def spans_to_bio(n: int, spans: dict[str, list[tuple[int, int]]]) -> list[str]:
    labels = ["O"] * n
    for t in ("content", "source", "cue"):  # later types win on clashes, as in a flat tagging
        for s, e in spans[t]:
            if all(labels[i] == "O" for i in range(s, e)) or t != "content":
                labels[s] = "B-" + t
                for i in range(s + 1, e):
                    labels[i] = "I-" + t
    return labels


def score_lines(gold_lines: list[dict], pred_lines: list[dict]) -> dict:
    res = {}
    for t in TYPES:
        tp = ptp = gtp = npred = ngold = 0
        for g, p in zip(gold_lines, pred_lines):
            gs, ps = set(g[t]), set(p[t])
            tp += len(gs & ps)
            npred += len(ps)
            ngold += len(gs)
            ptp += sum(1 for a in ps if any(a[0] < b[1] and b[0] < a[1] for b in gs))
            gtp += sum(1 for b in gs if any(a[0] < b[1] and b[0] < a[1] for a in ps))
        ex = prf(tp, npred, ngold)
        pp = ptp / npred if npred else 0.0
        pr = gtp / ngold if ngold else 0.0
        pf = 2 * pp * pr / (pp + pr) if pp + pr else 0.0
        res[t] = {"exact": ex, "partial": {"precision": round(pp, 4), "recall": round(pr, 4), "f1": round(pf, 4)}}
    return res


def run_bio(split: str, nlp, find, n_process: int) -> dict:
    lines = pdata.load_bio(split)
    t0 = time.perf_counter()
    docs = pdata.parse_cached(nlp, [ln.text for ln in lines], f"bio-{split}", n_process)
    t_parse = time.perf_counter() - t0
    gold, pred = [], []
    t0 = time.perf_counter()
    for ln, doc in zip(lines, docs):
        atts = find(doc)
        ps = predict_spans(doc, atts)
        tok = {t: to_token_spans(ps[t], ln.offsets) for t in TYPES}
        # flatten to BIO and read back, so that the prediction is scored exactly as a tagger's
        labels = spans_to_bio(len(ln.tokens), tok)
        pred.append(pdata.bio_spans(labels))
        gold.append(pdata.bio_spans(ln.labels))
    return {"split": f"cofenet-{split}", "lines": len(lines), "scores": score_lines(gold, pred),
            "seconds_parse": round(t_parse, 1), "seconds_extract": round(time.perf_counter() - t0, 1)}


QUOTE_CHARS = "“”\"«»„"


def _trim(text, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_direct(text, spans) -> bool:
    s, e = spans[0][0], spans[-1][1]
    s, e = _trim(text, s, e)
    body = text[s:e].rstrip(".,;:!? ")
    return bool(body) and body[0] in QUOTE_CHARS and body[-1] in QUOTE_CHARS


def _overlap_ok(a, b, frac=0.5) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= frac * min(a[1] - a[0], b[1] - b[0])


def run_brat(split: str, nlp, find, n_process: int) -> dict:
    docs_gold = pdata.load_brat(split)
    texts = sorted({d.text for d in docs_gold})
    t0 = time.perf_counter()
    parsed = dict(zip(texts, pdata.parse_cached(nlp, texts, f"brat-{split}", n_process)))
    t_parse = time.perf_counter() - t0
    preds = {}
    t0 = time.perf_counter()
    for t in texts:
        preds[t] = find(parsed[t])
    t_extract = time.perf_counter() - t0
    n_words = sum(len(t.split()) for t in texts)
    gold_lines, pred_lines = [], []
    dq = Counter()
    for d in docs_gold:
        text = d.text
        atts = preds[text]
        g = {t: sorted({_trim(text, *s) for a in d.attributions for s in getattr(a, t)}) for t in TYPES}
        p = {t: [] for t in TYPES}
        for a in atts:
            if a.source:
                p["source"].append(_trim(text, *a.source))
            if a.cue:
                p["cue"].append(_trim(text, *a.cue))
            p["content"] += [_trim(text, *c) for c in a.contents]
        p = {t: sorted(set(v)) for t, v in p.items()}
        gold_lines.append(g)
        pred_lines.append(p)
        # direct quotations
        gold_direct = [a for a in d.attributions if _is_direct(text, a.content)]
        pred_direct = [a for a in atts if a.kind == "direct"]
        dq["gold"] += len(gold_direct)
        dq["pred"] += len(pred_direct)
        for a in pred_direct:
            hits = [ga for ga in d.attributions if any(_overlap_ok(c, gc) for c in a.contents for gc in ga.content)]
            if hits:
                dq["pred_ok"] += 1
                if a.source and any(any(_overlap_ok(a.source, gs, 0.01) for gs in ga.source) for ga in hits):
                    dq["pred_ok_speaker"] += 1
        for ga in gold_direct:
            hits = [a for a in pred_direct if any(_overlap_ok(c, gc) for c in a.contents for gc in ga.content)]
            if hits:
                dq["gold_found"] += 1
                if any(a.source and any(_overlap_ok(a.source, gs, 0.01) for gs in ga.source) for a in hits):
                    dq["gold_found_speaker"] += 1
    direct = {
        "precision": round(dq["pred_ok"] / dq["pred"], 4) if dq["pred"] else 0.0,
        "recall": round(dq["gold_found"] / dq["gold"], 4) if dq["gold"] else 0.0,
        "precision_with_speaker": round(dq["pred_ok_speaker"] / dq["pred"], 4) if dq["pred"] else 0.0,
        "recall_with_speaker": round(dq["gold_found_speaker"] / dq["gold"], 4) if dq["gold"] else 0.0,
        "pred": dq["pred"], "gold": dq["gold"],
    }
    return {"split": f"polnear-{split}", "annotation_files": len(docs_gold), "articles": len(texts),
            "scores": score_lines(gold_lines, pred_lines), "direct_quotations": direct,
            "words": n_words, "seconds_parse": round(t_parse, 1), "seconds_extract": round(t_extract, 1)}


PUBLISHED = [  # exact F1 on the CofeNet PolNeAR test split (Wang et al., COLING 2022)
    ("rule-based", 10.7, 22.8, 5.6), ("CRF", 50.6, 53.4, 28.6), ("BERT-CofeNet", 83.2, 75.3, 72.9)]


def run_speed(split: str, model: str | None) -> dict:
    """Words per CPU-second of the whole extractor (parse + statements, figures, dates,
    entities; no storage) over a PolNeAR split's articles, parsed afresh (no cache)."""
    import datetime as dt

    from detente.evidence.extract import Extractor
    from detente.evidence.types import Article
    texts = sorted({d.text for d in pdata.load_brat(split)})
    ex = Extractor(model=model) if model else Extractor()
    ex.extract(Article(texts[0][:2000], dt.date(2016, 10, 1)))  # warm up
    words = sum(len(t.split()) for t in texts)
    t0 = time.process_time()
    n_st = sum(len(e.statements) for e in ex.extract_many(Article(t, dt.date(2016, 10, 1)) for t in texts))
    cpu = time.process_time() - t0
    return {"split": f"polnear-{split}", "articles": len(texts), "words": words, "statements": n_st,
            "cpu_seconds": round(cpu, 1), "words_per_cpu_second": round(words / cpu)}


def table(res: dict) -> str:
    rows = [f"{res['split']}: exact F1 / partial F1 (precision, recall)"]
    if res["split"] == "cofenet-test":
        rows.insert(0, "exact F1, speaker / cue / content: " + "; ".join(
            f"{name} {a} / {b} / {c}" for name, a, b, c in PUBLISHED) + " (published); detente "
            + " / ".join(f"{100 * res['scores'][t]['exact']['f1']:.1f}" for t in TYPES))
    for t in TYPES:
        s = res["scores"][t]
        rows.append(f"  {t:8s} exact {100 * s['exact']['f1']:5.1f} (P {100 * s['exact']['precision']:5.1f}, "
                    f"R {100 * s['exact']['recall']:5.1f})   partial {100 * s['partial']['f1']:5.1f} "
                    f"(P {100 * s['partial']['precision']:5.1f}, R {100 * s['partial']['recall']:5.1f})")
    if "direct_quotations" in res:
        d = res["direct_quotations"]
        rows.append(f"  direct quotations: P {d['precision']:.3f} R {d['recall']:.3f}; with speaker "
                    f"P {d['precision_with_speaker']:.3f} R {d['recall_with_speaker']:.3f} "
                    f"({d['pred']} predicted, {d['gold']} gold)")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--bio", choices=["valid", "test"], help="CofeNet split (default: test)")
    g.add_argument("--brat", choices=["train", "dev", "test"], help="PolNeAR split, whole documents")
    g.add_argument("--speed", choices=["dev", "test"], help="words per CPU-second of the extractor on a split")
    ap.add_argument("--model", help="spaCy model (default: detente's)")
    ap.add_argument("--no-cue-model", action="store_true", help="use the reporting-verb lexicon only")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--processes", type=int, default=1, help="parallel spaCy processes for parsing")
    ap.add_argument("--json", help="write the results here as JSON too")
    args = ap.parse_args(argv)

    from detente.evidence.attribution import find_attributions
    from detente.evidence.nlp import load_nlp
    nlp = load_nlp(args.model)
    model = False if args.no_cue_model else True

    def find(doc):
        return find_attributions(doc, model=model, threshold=args.threshold)

    if args.speed:
        res = run_speed(args.speed, args.model)
        print(f"{res['split']}: {res['words']} words in {res['articles']} articles, {res['statements']} statements; "
              f"{res['cpu_seconds']} CPU s = {res['words_per_cpu_second']} words per CPU-second (parse + extract, "
              f"no storage)")
        if args.json:
            Path(args.json).write_text(json.dumps(res, indent=2))
        return 0
    if args.brat:
        res = run_brat(args.brat, nlp, find, args.processes)
    else:
        res = run_bio(args.bio or "test", nlp, find, args.processes)
    print(table(res))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
