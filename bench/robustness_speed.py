"""Robustness sampling speed: 10,000 draws on a 4,096-state, 4-DM model.

Measures the wall time of ``detente.gmcr.robustness.robustness`` with 1 and 2 local worker
processes and the speed-up, the same through a 2-worker ``dask.distributed.LocalCluster``, and
the peak memory (RSS) of a worker. Checks that all runs give identical results.

The model is a seeded random conflict (12 options, no constraints: 2^12 = 4,096 states, 4 DMs,
4-6 prioritised statements each) where every statement but each DM's first holds with
probability 0.75 and each DM's 2nd and 3rd statements are of uncertain order, so nearly every
draw is a different preference profile (the per-DM caches help little: a fair test).

    .venv/bin/python bench/robustness_speed.py                 # 10,000 draws, Nash GMR SMR SEQ
    .venv/bin/python bench/robustness_speed.py --draws 2000 --concepts Nash,GMR
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time

import numpy as np

from detente.gmcr.random_conflict import random_conflict_document
from detente.gmcr.robustness import robustness
from detente.model.load import load


def bench_model(seed: int = 3):
    doc = random_conflict_document(12, 4, seed=seed, n_statements=(4, 6), irreversible=0.2,
                                   title="bench: 4,096 states, 4 DMs, uncertain preferences")
    for di, dm in enumerate(doc["decision_makers"]):
        prefs = []
        for si, s in enumerate(dm["preferences"]):
            item = {"statement": s if isinstance(s, str) else s["statement"], "id": f"s{di}_{si}"}
            if si > 0:
                item["probability"] = 0.75
            prefs.append(item)
        dm["preferences"] = prefs
        dm["uncertainty"] = {"uncertain_order": [[f"s{di}_1", f"s{di}_2"]]}
    return load(doc)


def _same(a, b) -> bool:
    return all(np.array_equal(a.eq[c], b.eq[c]) for c in a.concepts) and np.array_equal(a.flags, b.flags)


def _cpu(who) -> float:
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


def _mb(kb: int) -> float:
    return kb / 1024.0  # ru_maxrss is in KB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--concepts", default="Nash,GMR,SMR,SEQ")
    ap.add_argument("--skip-cluster", action="store_true")
    args = ap.parse_args()
    concepts = args.concepts.split(",")
    conflict = bench_model()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, numpy {np.__version__}; load average "
          f"{os.getloadavg()[0]:.1f} (other work on the machine slows every figure below)")
    r0 = robustness(conflict, draws=20, seed=args.seed, concepts=concepts, workers=1)
    print(f"model: {r0.space.n:,} states, {len(conflict.decision_makers)} DMs, "
          f"{len(r0.assumptions)} uncertain assumptions; concepts {', '.join(concepts)}; "
          f"{args.draws:,} draws, seed {args.seed}")

    c0 = _cpu(resource.RUSAGE_SELF)
    t = time.perf_counter()
    one = robustness(conflict, draws=args.draws, seed=args.seed, concepts=concepts, workers=1, max_hours=100)
    t1 = time.perf_counter() - t
    cpu1 = _cpu(resource.RUSAGE_SELF) - c0
    rss_self = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(f"1 process (in this process):  {t1:8.1f} s  ({t1 / args.draws * 1000:.1f} ms/draw, "
          f"{one.distinct_profiles:,} distinct profiles, {cpu1:.1f} CPU-s); peak RSS {rss_self:.0f} MB")

    c0 = _cpu(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    two = robustness(conflict, draws=args.draws, seed=args.seed, concepts=concepts, workers=2, max_hours=100)
    t2 = time.perf_counter() - t
    cpu2 = _cpu(resource.RUSAGE_CHILDREN) - c0
    rss_child = _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"2 local processes:            {t2:8.1f} s  speed-up {t1 / t2:.2f}x ({cpu2:.1f} CPU-s in the workers: "
          f"{cpu2 / t2:.2f} cores busy on average); peak RSS of a worker {rss_child:.0f} MB; "
          f"identical results: {_same(one, two)}")

    if not args.skip_cluster:
        from distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        try:
            client.run(lambda: None)  # workers up before timing
            cpu_before = client.run(lambda: _cpu(resource.RUSAGE_SELF))
            t = time.perf_counter()
            dk = robustness(conflict, draws=args.draws, seed=args.seed, concepts=concepts,
                            scheduler=cluster, max_hours=100)
            t3 = time.perf_counter() - t
            cpu_after = client.run(lambda: _cpu(resource.RUSAGE_SELF))
            cpu3 = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            worst = max(_mb(v) for v in peaks.values())
            print(f"Dask LocalCluster, 2 workers: {t3:8.1f} s  speed-up {t1 / t3:.2f}x ({cpu3:.1f} CPU-s in the "
                  f"workers: {cpu3 / t3:.2f} cores busy); peak RSS of a worker {worst:.0f} MB; "
                  f"identical results: {_same(one, dk)}")
        finally:
            client.close()
            cluster.close()

    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    top = one.rows(concepts[0])[:3]
    print("most probable " + concepts[0] + " equilibria: "
          + "; ".join(f"{r['id']}:{r['yn']} P={r['p_equilibrium']:.3f}" for r in top))


if __name__ == "__main__":
    main()
