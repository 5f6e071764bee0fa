"""Speed of the bargaining models (targets from issue 6).

* expected-utility model, 100 actors, 20 rounds: < 1 s;
* 10,000 Monte Carlo draws for 30 actors: < 10 s (reported per model; the expected-utility
  model costs O(n^3) per draw and round, so it is timed separately, with its rounds stated).

Random inputs (seeded). Each timing is the best of ``--repeat`` runs.

    .venv/bin/python bench/bargaining_speed.py [--repeat 3] [--eu-rounds 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

from detente.bargaining._kernels import HAVE_NUMBA
from detente.bargaining.expected_utility import simulate
from detente.bargaining.montecarlo import monte_carlo
from detente.bargaining.scenario import Actor, Estimate, Issue, Scale, ScaleEnd


def best_of(fn, repeat):
    """Best wall time of ``repeat`` runs (and the CPU time of that run, all threads)."""
    best, cpu = float("inf"), 0.0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        w = time.perf_counter() - t
        if w < best:
            best, cpu = w, time.process_time() - c
    return best, cpu


def random_issue(n, rng):
    acts = []
    for i in range(n):
        x, s, c = rng.uniform(10, 90), rng.uniform(0.2, 0.9), rng.uniform(1, 10)
        acts.append(Actor(name=f"a{i}", position=Estimate(value=x, low=x - 10, high=x + 10),
                          salience=Estimate(value=s, low=s - 0.1, high=s + 0.1),
                          capability=Estimate(value=c, low=c * 0.8, high=c * 1.2)))
    return Issue(name=f"random {n}", scale=Scale(low=ScaleEnd(value=0), high=ScaleEnd(value=100)),
                 actors=acts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--eu-rounds", type=int, default=10)
    ap.add_argument("--draws", type=int, default=10_000)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(0)
    x, s, c = rng.uniform(0, 100, 100), rng.uniform(0.1, 1, 100), rng.uniform(1, 10, 100)
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; numba "
          f"kernel: {'yes' if HAVE_NUMBA else 'no (numpy only)'}")
    t, cpu = best_of(lambda: simulate(x, s, c, rounds=20, stop_when_stable=False), args.repeat)
    ok = t < 1.0
    print(f"EU model, 100 actors x 20 rounds: {t:.3f} s wall, {cpu:.3f} s CPU  "
          f"(target < 1 s: {'PASS' if ok else 'FAIL'})")
    iss = random_issue(30, rng)
    for model in ("compromise", "median", "nash"):
        t, cpu = best_of(lambda: monte_carlo(iss, draws=args.draws, models=[model], seed=1),
                         args.repeat)
        print(f"Monte Carlo {args.draws:,} draws, 30 actors, {model:10s}: {t:.3f} s wall, "
              f"{cpu:.3f} s CPU"
              f"  (target < 10 s: {'PASS' if t < 10 else 'FAIL'})")
        ok &= t < 10
    t, cpu = best_of(lambda: monte_carlo(iss, draws=args.draws,
                                         models=["compromise", "median", "nash"], seed=1),
                     args.repeat)
    print(f"Monte Carlo {args.draws:,} draws, 30 actors, all three above: {t:.3f} s wall")
    monte_carlo(iss, draws=args.draws, models=["eu"], seed=1, rounds=3)  # load/compile the kernel
    t, cpu = best_of(lambda: monte_carlo(iss, draws=args.draws, models=["eu"], seed=1,
                                         rounds=args.eu_rounds), 1)
    print(f"Monte Carlo {args.draws:,} draws, 30 actors, eu ({args.eu_rounds} rounds max): "
          f"{t:.3f} s wall, {cpu:.3f} s CPU  (target < 10 s: {'PASS' if t < 10 else 'FAIL'})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
