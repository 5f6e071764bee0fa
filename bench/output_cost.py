"""Cost of writing an analysis (issue 17): analysis time beside the time and peak memory of
each output format, on a random conflict (detente.gmcr.random_conflict), each format in its own
fresh process so that peak RSS is its own.

    python bench/output_cost.py [--log2-states 20] [--dms 4] [--formats json,json-readable,csv,npz]

Prints, per format: analysis wall and CPU seconds, output wall and CPU seconds, their ratio,
peak RSS after the analysis and after the output (and the increase), and the bytes written;
with the load average (the machine is shared: compare CPU times). Goal: output <= 1.5x the
analysis time and <= +25% peak memory.

The floor: writing the same number of bytes, already encoded, through the same atomic output
rule (``detente.files.write_output``) to the same folder. ``x floor`` is the output's wall time
over that; what is above 1 is encoding.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

CASE = r"""
import json, os, resource, sys, time
from detente.gmcr.analysis import analyze
from detente.gmcr.random_conflict import random_conflict
from detente.gmcr.output import analysis_document, csv_chunks, json_chunks, write_npz
from detente.files import open_output, write_output
t, d, fmt, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
conflict = random_conflict(t + 1, d, seed=1, exclusive_pairs=1, irreversible=0.2)
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
w0, c0 = time.perf_counter(), time.process_time()
result = analyze(conflict, ["Nash", "GMR", "SMR", "SEQ"])
w1, c1 = time.perf_counter(), time.process_time()
rss_analysis = rss()
if fmt == "npz":
    with open_output(path) as fh:
        write_npz(result, fh)
elif fmt == "csv":
    write_output(path, csv_chunks(result))
else:
    sets = "readable" if fmt == "json-readable" else "auto"
    write_output(path, json_chunks(analysis_document(result, sets=sets)))
w2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"states": result.n_states, "analysis_s": w1 - w0, "analysis_cpu_s": c1 - c0,
                  "output_s": w2 - w1, "output_cpu_s": c2 - c1, "rss_analysis": rss_analysis,
                  "rss_output": rss(), "bytes": os.path.getsize(path)}))
"""


def raw_write_seconds(nbytes: int, folder: str) -> float:
    """Seconds to write ``nbytes`` of ready bytes, in 1 MiB pieces, with detente's output rule."""
    from detente.files import write_output
    block = bytes(range(256)) * 4096
    def pieces():
        left = nbytes
        while left > 0:
            yield block[:min(left, len(block))]
            left -= len(block)
    path = os.path.join(folder, "raw.bin")
    t = time.perf_counter()
    write_output(path, pieces())
    t = time.perf_counter() - t
    os.unlink(path)
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log2-states", type=int, default=20)
    parser.add_argument("--dms", type=int, default=4)
    parser.add_argument("--formats", default="json,csv,npz")
    opts = parser.parse_args()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    sys.path.insert(0, root)  # raw_write_seconds uses the same output rule
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    print(f"2^{opts.log2_states} states x {opts.dms} DMs, Nash GMR SMR SEQ; load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'format':14s} {'analysis s (cpu)':>17s} {'output s (cpu)':>16s} {'ratio cpu':>9s} "
          f"{'RSS analysis':>12s} {'RSS +output':>12s} {'written':>10s} {'x floor':>8s}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in opts.formats.split(","):
            path = os.path.join(tmp, "out." + fmt.split("-")[0])
            done = subprocess.run([sys.executable, "-c", CASE, str(opts.log2_states), str(opts.dms), fmt, path],
                                  capture_output=True, text=True, env=env)
            if done.returncode:
                print(f"{fmt}: failed: {done.stderr[-400:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            grow = (r["rss_output"] - r["rss_analysis"]) / r["rss_analysis"]
            floor = raw_write_seconds(r["bytes"], tmp)
            print(f"{fmt:14s} {r['analysis_s']:7.2f} ({r['analysis_cpu_s']:6.2f}) {r['output_s']:7.2f} "
                  f"({r['output_cpu_s']:6.2f}) {r['output_cpu_s'] / r['analysis_cpu_s']:9.2f} "
                  f"{r['rss_analysis'] / 2**20:9.0f} MB {100 * grow:+10.1f}% {r['bytes'] / 2**20:7.1f} MB"
                  f" {r['output_s'] / max(floor, 1e-6):8.1f}"
                  f"   (load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
