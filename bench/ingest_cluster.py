"""Throughput of ``detente ingest --scheduler`` (extraction on a Dask cluster) against workers.

Ingests the same batch of articles into a fresh SQLite file three ways and prints words per
second (wall clock) for each:

* ``local``: in this process (``jobs=1``, no Dask);
* ``dask-1``, ``dask-2``, ...: a :class:`distributed.LocalCluster` of K worker processes (one
  thread each), storage in this process, as ``detente ingest --scheduler`` does.

Each worker loads the spaCy model on its first chunk; that start-up is measured separately (a
warm-up batch, stored in another file) so the figures are the steady-state throughput. The load
average before and after each run is printed: on a machine shared with other work, the figures
say what the cores were free to do, not what the code can do.

Articles: synthetic news recombined from the sentence templates of ``bench/evidence_speed.py``
(invented names, never corpus text), or with ``--polnear N`` the first N PolNeAR dev articles
from ``$DETENTE_SHARED/evidence-data`` (read at run time, never copied).

Usage::

    python bench/ingest_cluster.py                     # 120 synthetic articles, 1 and 2 workers
    python bench/ingest_cluster.py --articles 300 --workers 1 2 4
    DETENTE_SHARED=/work/shared python bench/ingest_cluster.py --polnear 60
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SHARED = Path(os.environ.get("DETENTE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")


def write_batch(folder: Path, args) -> tuple[Path, int]:
    """A JSON Lines batch; returns its path and its number of words."""
    rows = []
    if args.polnear:
        texts = sorted((SHARED / "evidence-data" / "polnear" / "dev" / "text").glob("*.txt"))[:args.polnear]
        if not texts:
            sys.exit(f"no PolNeAR texts under {SHARED / 'evidence-data'}; set DETENTE_SHARED")
        for i, p in enumerate(texts):
            rows.append({"date": "2016-10-01", "source": f"polnear-{i}", "text": p.read_text(encoding="utf-8")})
    else:
        from evidence_speed import synthetic_article
        rng = random.Random(args.seed)
        rows = [synthetic_article(rng, args.words, i) for i in range(args.articles)]
    path = folder / "batch.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return path, sum(len(r["text"].split()) for r in rows)


def warm_batch(folder: Path, n: int) -> Path:
    from evidence_speed import synthetic_article
    rng = random.Random(12345)
    path = folder / "warm.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = synthetic_article(rng, 60, i)
            row["source"] = f"warm-up {i}"
            fh.write(json.dumps(row) + "\n")
    return path


def cpu_of_tree() -> float:
    """CPU seconds (user + system) of this process and all its descendants (the cluster's
    nannies and workers) so far."""
    import psutil
    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def run(label: str, batch: Path, words: int, folder: Path, scheduler=None, extractor=None) -> dict:
    from detente.evidence.ingest import ingest
    from detente.store.db import dispose_all

    url = f"sqlite:///{folder / (label + '.sqlite')}"
    load0 = os.getloadavg()[0]
    t0, c0, tree0 = time.perf_counter(), time.process_time(), cpu_of_tree()
    report = ingest([batch], db=url, scheduler=scheduler, extractor=extractor)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    tree = cpu_of_tree() - tree0
    dispose_all()
    assert report.failed == 0, report.problems[:3]
    row = {"run": label, "articles": report.stored, "statements": report.statements,
           "words": words, "wall_s": round(wall, 2), "words_per_s": round(words / wall),
           "client_cpu_s": round(cpu, 2), "all_cpu_s": round(tree, 2),
           "words_per_cpu_s": round(words / tree) if tree > 0 else None,
           "load_before": round(load0, 2),
           "load_after": round(os.getloadavg()[0], 2)}
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--words", type=int, default=400, help="words per synthetic article")
    ap.add_argument("--polnear", type=int, default=0, help="use the first N PolNeAR dev articles instead")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-local", action="store_true", help="skip the in-process run")
    args = ap.parse_args()

    import distributed

    from detente.evidence.ingest import make_extractor

    print(f"cpus usable: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmp:
        folder = Path(tmp)
        batch, words = write_batch(folder, args)
        print(f"batch: {batch.stat().st_size / 1e6:.1f} MB, {words:,} words", flush=True)
        results = []
        if not args.no_local:
            ex = make_extractor()
            ex.extract(__import__("detente.evidence.ingest", fromlist=["x"]).article_from_text(
                "Warm-up, the minister said.", date="2024-01-01"))
            results.append(run("local", batch, words, folder, extractor=ex))
        for k in args.workers:
            with distributed.LocalCluster(n_workers=k, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster:
                t0 = time.perf_counter()
                run(f"warm-up-{k}", warm_batch(folder, 16 * k), 1, folder, scheduler=cluster)
                print(f"dask-{k}: workers started and models loaded in "
                      f"{time.perf_counter() - t0:.1f} s (not counted below)", flush=True)
                results.append(run(f"dask-{k}", batch, words, folder, scheduler=cluster))
        base = next((r for r in results if r["run"] == "dask-1"), None)
        for r in results:
            speedup = f", x{r['words_per_s'] / base['words_per_s']:.2f} of dask-1" if base else ""
            print(f"{r['run']:>8}: {r['words_per_s']:>6,} words/s wall ({r['wall_s']} s; load "
                  f"{r['load_before']} -> {r['load_after']}){speedup}; "
                  f"{r['words_per_cpu_s']:,} words per CPU-second (client and workers)")


if __name__ == "__main__":
    main()
