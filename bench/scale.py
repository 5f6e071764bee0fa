"""Scale benchmark of the GMCR engine on random option-form conflicts.

For 2^10, 2^13, 2^16 and 2^20 feasible states with 3, 4 and 6 decision makers (and 2^24 with 4
DMs with --huge), each case runs in its own subprocess (so peak memory is that case's own) and
reports wall time per step, peak resident memory, and states x DMs per second per concept.

The conflicts come from :func:`detente.gmcr.random_conflict.random_conflict` with t + 1 options
of which two are an exactly-one pair (so exactly 2^t feasible states), 20% one-way options and
3-6 prioritised preference statements per DM.

Usage::

    .venv/bin/python bench/scale.py                   # the standard table (about 2 minutes)
    .venv/bin/python bench/scale.py --sizes 10,13 --dms 3
    .venv/bin/python bench/scale.py --huge            # adds 2^24 states x 4 DMs
    .venv/bin/python bench/scale.py --json out.json   # also write the raw figures
    .venv/bin/python bench/scale.py --status-quo      # also time the status-quo BFS
    .venv/bin/python bench/scale.py --extras          # coalitions and limited move / NM
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

CONCEPTS = ["Nash", "GMR", "SMR", "SEQ", "SIM"]


def run_case(t: int, d: int, seed: int, status_quo: bool, sim_budget: float) -> dict:
    """One case in this process; returns the figures."""
    from detente.gmcr.analysis import analyze
    from detente.gmcr.random_conflict import random_conflict

    os.environ.setdefault("DETENTE_MAX_OPTIONS", str(max(24, t + 1)))  # 2^24 states: 25 options
    t0 = time.perf_counter()
    conflict = random_conflict(t + 1, d, seed=seed, exclusive_pairs=1, irreversible=0.2)
    load_s = time.perf_counter() - t0
    # A no-op concept analysed first: its progress callback marks the end of the build, so
    # CPU time per concept can be read off the progress callbacks.
    from detente.gmcr.analysis import EXTRA_CONCEPTS
    import numpy as np
    EXTRA_CONCEPTS["_mark"] = lambda result, dm: np.ones(result.n_states, dtype=bool)
    marks: dict[str, float] = {}

    def progress(concept, done, total):
        marks[concept] = time.process_time()

    t1 = time.perf_counter()
    c1 = time.process_time()
    result = analyze(conflict, ["_mark"] + CONCEPTS, sim_budget=sim_budget, progress=progress)
    total = time.perf_counter() - t1
    total_cpu = time.process_time() - c1
    out = {"log2_states": t, "dms": d, "seed": seed, "options": conflict.n_options,
           "states": result.n_states, "load_s": load_s, "analyze_s": total,
           "analyze_cpu_s": total_cpu, "build_s": result.seconds.get("states"),
           "build_cpu_s": marks["_mark"] - c1, "concepts": {},
           "dm_options": [result.tables[x].k for x in conflict.dm_names]}
    prev = marks["_mark"]
    for c in CONCEPTS:
        cpu = marks[c] - prev if c in marks else None
        prev = marks.get(c, prev)
        if c in result.skipped:
            out["concepts"][c] = {"skipped": result.skipped[c]}
        else:
            s = result.seconds[c]
            out["concepts"][c] = {"seconds": s, "cpu_s": cpu,
                                  "equilibria": int(result.equilibrium_mask(c).sum()),
                                  "states_dms_per_s": result.n_states * d / s if s > 0 else None,
                                  "states_dms_per_cpu_s": result.n_states * d / cpu if cpu else None}
    if status_quo and conflict.status_quo is not None:
        from detente.gmcr.status_quo import reachable
        for imp in (False, True):
            t2 = time.perf_counter()
            reach = reachable(result, "SEQ", improvements_only=imp)
            out[f"status_quo_{'improving' if imp else 'any'}_s"] = time.perf_counter() - t2
            out[f"status_quo_{'improving' if imp else 'any'}_reached"] = int((reach.distance >= 0).sum())
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run_extra(kind: str, t: int, d: int, seed: int) -> dict:
    """Coalitions (every coalition) or limited move (L2, L4, NM; two DMs) on one case."""
    from detente.gmcr.analysis import analyze
    from detente.gmcr.random_conflict import random_conflict

    conflict = random_conflict(t + 1, d, seed=seed, exclusive_pairs=1, irreversible=0.2)
    result = analyze(conflict, ["Nash"])
    out = {"kind": kind, "log2_states": t, "dms": d, "states": result.n_states,
           "dm_options": [result.tables[x].k for x in conflict.dm_names]}
    c0, t0 = time.process_time(), time.perf_counter()
    if kind == "coalitions":
        from detente.gmcr.coalitions import coalition_analysis
        cr = coalition_analysis(result)
        out["analysed"] = ["+".join(c) for c in cr.analysed]
        out["skipped"] = ["+".join(c) for c in cr.skipped]
    else:
        from detente.gmcr.limited_move import limited_move_stable, nonmyopic_stable
        for dm in conflict.dm_names:
            limited_move_stable(result, dm, 2), limited_move_stable(result, dm, 4)
            nonmyopic_stable(result, dm)
        out["levels"] = len(result._anticipation.levels) - 1
    out["seconds"], out["cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


EXTRAS = [("coalitions", 10, 3), ("coalitions", 13, 3), ("coalitions", 16, 3), ("coalitions", 16, 4),
          ("coalitions", 20, 4), ("limited", 16, 2), ("limited", 20, 2)]


def fmt_s(x) -> str:
    return "-" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def fmt_rate(x) -> str:
    if x is None:
        return "-"
    return f"{x / 1e6:.1f}M" if x >= 1e6 else f"{x / 1e3:.0f}k"


def print_table(rows: list[dict], status_quo: bool) -> None:
    """Markdown table: wall seconds (CPU seconds in brackets; they differ when the machine is
    shared) and states x DMs per CPU second."""
    head = ["states", "DMs", "k per DM", "build", *CONCEPTS, "analyze total", "peak MB"]
    if status_quo:
        head += ["SQ any", "SQ impr"]
    head += [f"{c} st*DM/cpu-s" for c in CONCEPTS[:4]]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        if "error" in r:
            print(f"| 2^{r['log2_states']} | {r['dms']} | {r['error']} |")
            continue
        cells = [f"2^{r['log2_states']} ({r['states']:,})", str(r["dms"]),
                 ",".join(map(str, r["dm_options"])), f"{fmt_s(r['build_s'])} ({fmt_s(r['build_cpu_s'])})"]
        for c in CONCEPTS:
            info = r["concepts"][c]
            cells.append("skipped" if "skipped" in info else f"{fmt_s(info['seconds'])} ({fmt_s(info['cpu_s'])})")
        cells += [f"{fmt_s(r['analyze_s'])} ({fmt_s(r['analyze_cpu_s'])})", f"{r['peak_rss_mb']:.0f}"]
        if status_quo:
            cells += [fmt_s(r.get("status_quo_any_s")), fmt_s(r.get("status_quo_improving_s"))]
        for c in CONCEPTS[:4]:
            cells.append(fmt_rate(r["concepts"][c].get("states_dms_per_cpu_s")))
        print("| " + " | ".join(cells) + " |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,13,16,20", help="log2 of the number of states")
    ap.add_argument("--dms", default="3,4,6")
    ap.add_argument("--huge", action="store_true", help="also 2^24 states with 4 DMs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sim-budget", type=float, default=60.0, help="CPU seconds (the library default)")
    ap.add_argument("--status-quo", action="store_true", help="also time the status-quo BFS")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per case")
    ap.add_argument("--json", help="write the raw figures to this file")
    ap.add_argument("--extras", action="store_true",
                    help="coalitions (every coalition) and limited move / NM (two DMs) instead")
    ap.add_argument("--case", help=argparse.SUPPRESS)  # internal: t,d
    ap.add_argument("--extra-case", help=argparse.SUPPRESS)  # internal: kind,t,d
    args = ap.parse_args(argv)

    if args.case:
        t, d = map(int, args.case.split(","))
        print(json.dumps(run_case(t, d, args.seed, args.status_quo, args.sim_budget)))
        return 0
    if args.extra_case:
        kind, t, d = args.extra_case.split(",")
        print(json.dumps(run_extra(kind, int(t), int(d), args.seed)))
        return 0
    if args.extras:
        return run_extras(args)

    cases = [(t, d) for t in map(int, args.sizes.split(",")) for d in map(int, args.dms.split(","))]
    if args.huge:
        cases.append((24, 4))
    rows = []
    print(f"# bench/scale.py on {os.cpu_count()} cores, python {sys.version.split()[0]}", flush=True)
    try:
        for t, d in cases:
            cmd = [sys.executable, __file__, "--case", f"{t},{d}", "--seed", str(args.seed),
                   "--sim-budget", str(args.sim_budget)] + (["--status-quo"] if args.status_quo else [])
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                out, err = proc.communicate(timeout=args.timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                rows.append({"log2_states": t, "dms": d, "error": f"timeout after {args.timeout:.0f} s"})
                print(f"2^{t} x {d} DMs: timeout", file=sys.stderr, flush=True)
                continue
            if proc.returncode != 0:
                last = (err.strip().splitlines() or ["?"])[-1]
                rows.append({"log2_states": t, "dms": d, "error": f"exit {proc.returncode}: {last}"})
                print(f"2^{t} x {d} DMs: failed: {last}", file=sys.stderr, flush=True)
                continue
            row = json.loads(out.strip().splitlines()[-1])
            row["wall_s"] = time.perf_counter() - t0
            rows.append(row)
            print(f"2^{t} x {d} DMs: analyse {row['analyze_s']:.2f} s, peak {row['peak_rss_mb']:.0f} MB",
                  file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        if "proc" in locals() and proc.poll() is None:
            proc.kill()
        print("interrupted; partial results:", file=sys.stderr)
    print_table(rows, args.status_quo)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


def run_extras(args) -> int:
    print("| analysis | states | DMs | k per DM | wall s | CPU s | peak MB | notes |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, t, d in EXTRAS:
        cmd = [sys.executable, __file__, "--extra-case", f"{kind},{t},{d}", "--seed", str(args.seed)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"| {kind} | 2^{t} | {d} | | timeout | | | |", flush=True)
            continue
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return 130
        if proc.returncode != 0:
            print(f"| {kind} | 2^{t} | {d} | | failed: {(proc.stderr.strip().splitlines() or ['?'])[-1]} | | | |")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        if kind == "coalitions":
            note = (f"{len(r['analysed'])} coalitions analysed"
                    + (f"; over budget: {', '.join(r['skipped'])}" if r["skipped"] else ""))
        else:
            note = f"L2, L4 and NM for both DMs; {r['levels']} levels until the cycle"
        print(f"| {kind} | 2^{t} ({r['states']:,}) | {d} | {','.join(map(str, r['dm_options']))} | "
              f"{fmt_s(r['seconds'])} | {fmt_s(r['cpu_s'])} | {r['peak_rss_mb']:.0f} | {note} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
