"""Robustness sampling speed and memory (issue 17): distinct profiles, evaluations, time, peak memory.

Each case runs in a fresh process (so its peak RSS is its own) and prints the draws, the
distinct preference profiles among them, the profile evaluations (profiles whose stability was
computed) and the per-DM stability computations (calls of the Nash/GMR/SMR/SEQ kernel), the
wall and CPU seconds (CPU of this process and of its workers: the machine is shared, so compare
CPU), the peak RSS, the workers used and a digest of the counts (identical digests = identical
results).

Cases:

* ``flagship``: scenarios/settlement-talks-2025-02.yaml, sampled (the model's 4,000 draws,
  seed 0), one process; ``flagship-auto``: the same with the default choice of workers;
* ``flagship-50k``: 50,000 draws (memory of the per-draw records);
* ``random4096``: a seeded random conflict, 12 options (4,096 states), 4 DMs, 22 uncertain
  assumptions, 10,000 draws (nearly every draw a different profile: a fair test), one process
  and ``random4096-2w`` with 2 local processes.

    .venv/bin/python bench/robustness_speed.py                       # flagship cases
    .venv/bin/python bench/robustness_speed.py --cases all
    .venv/bin/python bench/robustness_speed.py --src /path/to/other/checkout/src   # compare

``--src`` runs the cases against another source tree (e.g. a checkout of an older commit): the
same script measures before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys

CASE = r"""
import hashlib, json, resource, sys, time
import numpy as np
import detente.gmcr.robustness as rb
name, draws, workers, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
calls = [0]
in_kernel = [0.0]
kernel = rb.unstable_for
def counted(*a, **k):
    calls[0] += 1
    t = time.process_time()
    try:
        return kernel(*a, **k)
    finally:
        in_kernel[0] += time.process_time() - t
rb.unstable_for = counted  # counts this process's calls (workers=1)
if path == "random4096":
    sys.path.insert(0, sys.argv[5])
    from robustness_speed import bench_model
    conflict = bench_model()
else:
    from detente.model.load import load
    conflict = load(path)
cpu = lambda who: (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(who))
c0, k0, w0 = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
r = rb.robustness(conflict, draws=draws, seed=0, method="sampled",
                  workers=None if workers == "auto" else int(workers), max_hours=100)
wall = time.perf_counter() - w0
h = hashlib.sha256()
for c in r.concepts:
    h.update(np.ascontiguousarray(r.eq[c]).tobytes())
    for d in sorted(r.stable[c]):
        h.update(np.ascontiguousarray(r.stable[c][d]).tobytes())
h.update(np.packbits(r.flags).tobytes())
print(json.dumps({"case": name, "states": r.space.n, "draws": r.draws,
                  "distinct": r.distinct_profiles, "evaluations": getattr(r, "evaluations", None),
                  "kernel_calls": getattr(r, "kernel_calls", None) or calls[0], "wall_s": wall,
                  "cpu_s": cpu(resource.RUSAGE_SELF) - c0, "workers_cpu_s": cpu(resource.RUSAGE_CHILDREN) - k0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "kernel_cpu_s": in_kernel[0] if calls[0] else None,
                  "workers": r.workers, "digest": h.hexdigest()[:12]}))
"""

HERE = os.path.dirname(os.path.abspath(__file__))
FLAGSHIP = os.path.join(HERE, "..", "scenarios", "settlement-talks-2025-02.yaml")
CASES = {
    "flagship": (4000, "1", FLAGSHIP),
    "flagship-auto": (4000, "auto", FLAGSHIP),
    "flagship-50k": (50_000, "1", FLAGSHIP),
    "random4096": (10_000, "1", "random4096"),
    "random4096-2w": (10_000, "2", "random4096"),
}


def bench_model(seed: int = 3):
    """12 options (4,096 states), 4 DMs; every statement but each DM's first holds with
    probability 0.75 and each DM's 2nd and 3rd statements are of uncertain order."""
    from detente.gmcr.random_conflict import random_conflict_document
    from detente.model.load import load
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", default="flagship,flagship-auto,flagship-50k",
                    help="comma-separated: " + ", ".join(CASES) + " (or all)")
    ap.add_argument("--src", default=os.path.join(HERE, "..", "src"), help="source tree to measure")
    ap.add_argument("--repeat", type=int, default=1, help="runs per case (median of wall and CPU)")
    args = ap.parse_args()
    names = list(CASES) if args.cases == "all" else args.cases.split(",")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(args.src) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; source "
          f"{os.path.abspath(args.src)}; load average {os.getloadavg()[0]:.1f} (the machine is shared: "
          "compare CPU seconds)")
    print(f"{'case':15s} {'states':>6s} {'draws':>7s} {'distinct':>8s} {'evals':>6s} {'calls':>7s} "
          f"{'wall s':>7s} {'CPU s':>7s} {'wkr CPU':>7s} {'in krnl':>7s} {'peak MB':>7s} {'wkr MB':>6s}  "
          "workers / digest")
    for name in names:
        draws, workers, path = CASES[name]
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run([sys.executable, "-c", CASE, name, str(draws), workers, path, HERE],
                                 env=env, capture_output=True, text=True)
            if out.returncode != 0:
                print(f"{name}: failed\n{out.stderr[-2000:]}")
                break
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        if not runs:
            continue
        med = lambda k: sorted(r[k] for r in runs)[len(runs) // 2]
        r = runs[0]
        ev = "-" if r["evaluations"] is None else f"{r['evaluations']:,}"
        # the floor: the stability kernel itself, run once per (distinct profile, DM, concept);
        # its share of the CPU says how much is left to gain outside it (in-process runs only)
        kernel = "-" if r.get("kernel_cpu_s") is None else f"{100 * r['kernel_cpu_s'] / max(r['cpu_s'], 1e-9):.0f}%"
        print(f"{name:15s} {r['states']:>6,} {r['draws']:>7,} {r['distinct']:>8,} {ev:>6s} {r['kernel_calls']:>7,} "
              f"{med('wall_s'):7.2f} {med('cpu_s'):7.2f} {med('workers_cpu_s'):7.2f} {kernel:>7s} {r['peak_mb']:7.0f} "
              f"{r['workers_peak_mb']:6.0f}  {r['workers']} / {r['digest']}")
    print("calls: stability kernel calls (unstable_for); in krnl: share of the process's CPU spent in the stability kernel (unstable_for), run once per\n"
          "distinct profile, DM and concept: the floor of sampling without a faster kernel; '-' when the\n"
          "kernel ran in worker processes")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
