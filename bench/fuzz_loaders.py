"""Fuzz the loaders with mutated copies of detente's own example models (issue 11).

    python bench/fuzz_loaders.py N [--targets load,import-gmcr,forecast] [--seed 1]
                                   [--timeout 30] [--memory-gb 2] [--show 5]

For each target, N mutants (see tests/fuzz_loaders_harness.py for the mutations) are run in a
worker process with a wall-clock and a memory limit, and counted by outcome: ok (a result),
refused (a DetenteError with a line or field), unlocated (a DetenteError without one), crash
(any other exception) and run-away (over the time limit, out of memory). Prints the counts
per target and mutation and the first messages of each failing class. Ctrl-C stops cleanly
with the counts so far. Exit status 1 when any case crashed, ran away or was unlocated.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import fuzz_loaders_harness as h  # noqa: E402

BAD = ("crash", "run-away", "unlocated")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="mutants per target")
    ap.add_argument("--targets", default=",".join(h.TARGETS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per case (default 30)")
    ap.add_argument("--memory-gb", type=float, default=2.0, help="worker address space (default 2)")
    ap.add_argument("--show", type=int, default=5, help="messages shown per failing class")
    args = ap.parse_args()
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    counts: dict[str, collections.Counter] = {t: collections.Counter() for t in targets}
    by_mutation: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    failures: dict[tuple, list[str]] = collections.defaultdict(list)
    runner = h.Runner(args.timeout, args.memory_gb)
    t0 = time.time()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for target in targets:
                rng = random.Random(f"{args.seed}-{target}")
                seeds = h.seed_documents(target)
                for i in range(args.n):
                    case = h.make_case(target, seeds, rng, Path(tmp), i)
                    result = runner.run(case)
                    outcome = result["outcome"]
                    counts[target][outcome] += 1
                    for kind in set(case["mutations"]):
                        by_mutation[(target, kind)][outcome] += 1
                    if outcome in BAD and len(failures[(target, outcome)]) < args.show:
                        failures[(target, outcome)].append(
                            f"{case['seed']} {'+'.join(case['mutations'])}: {result.get('message', '')}")
                    done = sum(counts[target].values())
                    if done % 100 == 0:
                        print(f"  {target}: {done}/{args.n} ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
                    _cleanup(Path(case["path"]))
    except KeyboardInterrupt:
        print("interrupted: counts so far", file=sys.stderr)
    finally:
        runner.close()
    print(f"seed {args.seed}, timeout {args.timeout:g} s, {time.time() - t0:.0f} s in all")
    print(f"{'target':12} {'cases':>6} {'ok':>6} {'refused':>8} {'unlocated':>9} {'crash':>6} {'run-away':>8}")
    bad_total = 0
    for t in targets:
        c = counts[t]
        bad_total += sum(c[k] for k in BAD)
        print(f"{t:12} {sum(c.values()):6} {c['ok']:6} {c['refused']:8} {c['unlocated']:9} "
              f"{c['crash']:6} {c['run-away']:8}")
    print("\nfailing cases by mutation:")
    for (t, kind), c in sorted(by_mutation.items()):
        if any(c[k] for k in BAD):
            print(f"  {t:12} {kind:10} " + ", ".join(f"{k} {c[k]}" for k in BAD if c[k]))
    for (t, outcome), msgs in sorted(failures.items()):
        print(f"\n{t} {outcome}:")
        for m in msgs:
            print("  " + m.replace("\n", " | ")[:300])
    return 1 if bad_total else 0


def _cleanup(path: Path) -> None:
    try:
        path.rmdir() if path.is_dir() else path.unlink()
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
