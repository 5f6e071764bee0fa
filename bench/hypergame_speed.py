"""Time of the hypergame analysis against the reference by construction, on random hypergames.

For random hypergames (:func:`detente.gmcr.random_conflict.random_hypergame_document`: 3 DMs,
each with a perception with probability 0.7) of 6, 8 and 10 options, times
:func:`detente.gmcr.hypergame.hypergame` (Nash, GMR, SMR, SEQ) and the reference of
``tests/hypergame_reference.py`` (each view written out as its own model with states by brute
force, loaded and analysed), checks that they agree, and prints the median seconds of each.

Usage::

    .venv/bin/python bench/hypergame_speed.py            # about a minute
    .venv/bin/python bench/hypergame_speed.py --sizes 6,8 --seeds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import detente  # noqa: E402
import hypergame_reference as ref  # noqa: E402
from detente.errors import ModelError  # noqa: E402
from detente.gmcr.hypergame import hypergame  # noqa: E402
from detente.gmcr.random_conflict import random_hypergame_document  # noqa: E402

CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="6,8,10", help="numbers of options")
    ap.add_argument("--seeds", type=int, default=5, help="random hypergames per size")
    args = ap.parse_args()
    print(f"{'options':>7} {'DMs':>3} {'cases':>5} {'states':>7} {'views':>5} {'fast s':>8} {'reference s':>11} {'agree':>5}")
    for m in [int(x) for x in args.sizes.split(",")]:
        fast, slow, states, views, agree, cases = [], [], [], [], True, 0
        for seed in range(args.seeds * 3):
            if cases == args.seeds:
                break
            try:
                c = detente.load(random_hypergame_document(m, 3, seed=seed, n_constraints=1))
            except ModelError:
                continue
            cases += 1
            t0 = time.perf_counter()
            h = hypergame(c, CONCEPTS)
            fast.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            r = ref.reference_hypergame(c, CONCEPTS)
            slow.append(time.perf_counter() - t0)
            states.append(h.reality.n_states)
            views.append(len(h.perceivers))
            for k in CONCEPTS:
                got = {int(h.universe[p]) for p in np.flatnonzero(h.hypergame_mask(k))}
                agree &= got == r["hyper"][k]
        print(f"{m:>7} {3:>3} {cases:>5} {int(statistics.median(states)):>7} {statistics.median(views):>5.0f} "
              f"{statistics.median(fast):>8.3f} {statistics.median(slow):>11.3f} {'yes' if agree else 'NO':>5}")


if __name__ == "__main__":
    main()
