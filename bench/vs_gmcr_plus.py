"""detente against GMCR+ (gmcr-py), side by side on the same random conflicts (issue 17).

For each size, a seeded random conflict (:func:`detente.gmcr.random_conflict.random_conflict`,
``log2(states)`` options, no constraints, so exactly that many feasible states) is written as a
GMCR+ save file with detente's exporter. Then, alternating, in fresh processes:

* ``detente analyze FILE -c Nash,GMR,SMR,SEQ,SIM`` -- the installed command line, start-up,
  loading, analysis and the default table output included (to a file);
* a small driver that loads the same file into gmcr-py's ``ConflictModel`` and runs
  ``LogicalSolver(conflict).findEquilibria()``, as GMCR+'s equilibria screen does; it computes
  Nash, GMR, SMR, SEQ and SIM (and SEQ+SIM, a combination of the two) for every DM.

Each process's wall seconds and peak resident memory (``os.wait4``, that child's own
``ru_maxrss``) are printed, with the ratios and the load average. Then the results are compared:
the states stable for each DM under each concept, from detente's JSON output and from gmcr-py's
stability arrays, matched by option values (not state numbers). Where they disagree, a sample of
the disagreeing (concept, DM, state) cases is checked with detente's independent reference
implementation (``tests/gmcr_reference.py``: sanctions by legal sequences of the opponents'
moves, Fang, Hipel & Kilgour 1993) and with the same reference restricted to one move by one
opponent, to say which definition each tool follows.

gmcr-py is not on PyPI: pass a checkout of https://github.com/onp/gmcr-py (the folder that holds
``data_01_conflictModel.py``, ``data_02_conflictSolvers.py`` and ``data_03_gmcrUtilities.py``).
If the checkout has no ``version.py`` (imported by ``data_01_conflictModel.py``), the driver
supplies ``__version__`` from a temporary folder. gmcr-py's solver imports ``tkinter`` (for a file
dialog it does not use here), so the Python running it needs tkinter.

    python bench/vs_gmcr_plus.py --gmcr-py /path/to/gmcr-py [--states 4096,8192] [--dms 3]
        [--repeat 3] [--seed 1] [--check 20] [--no-warmup] [--keep DIR] [--json OUT]

Both tools get the same environment, with compiled bytecode cached (as for an installed
package; ``PYTHONPYCACHEPREFIX`` in a temporary folder), and one untimed warm-up run each.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONCEPTS = ["Nash", "GMR", "SMR", "SEQ", "SIM"]
GMCR_FILES = ("data_01_conflictModel.py", "data_02_conflictSolvers.py", "data_03_gmcrUtilities.py")
NEEDS_GMCR = """\
vs_gmcr_plus: GMCR+ (gmcr-py) is needed for this comparison: pass --gmcr-py DIR.
  gmcr-py is not on PyPI. Get a checkout of https://github.com/onp/gmcr-py
  (git clone https://github.com/onp/gmcr-py) and pass the folder that holds
  data_01_conflictModel.py, data_02_conflictSolvers.py and data_03_gmcrUtilities.py.
  Its solver needs numpy and tkinter in the Python that runs this script."""

# The gmcr-py driver, run in a fresh process: argv = [save file, result file]; sys.path is set
# by the environment (the checkout, then the version shim if any).
DRIVER = r"""
import json, sys, time
t0 = time.perf_counter()
import data_01_conflictModel as model
import data_02_conflictSolvers as solvers
t1 = time.perf_counter()
conflict = model.ConflictModel()
conflict.load_from_file(sys.argv[1])
t2 = time.perf_counter()
sol = solvers.LogicalSolver(conflict)
t3 = time.perf_counter()
sol.findEquilibria()
t4 = time.perf_counter()
names = [o.name for o in conflict.options]
def stable(arr, i):
    return [int(k) for k in (arr[i] != 0).nonzero()[0]]
out = {"options": names, "yn": list(conflict.feasibles.yn),
       "dms": [dm.name for dm in sol.effectiveDMs],
       "payoffs": [[int(x) for x in dm.payoffs] for dm in sol.effectiveDMs],
       "stable": {c: [stable(arr, i) for i in range(len(sol.effectiveDMs))]
                  for c, arr in (("Nash", sol.nashStabilities), ("GMR", sol.gmrStabilities),
                                 ("SMR", sol.smrStabilities), ("SEQ", sol.seqStabilities),
                                 ("SIM", sol.simStabilities))},
       "seconds": {"import": t1 - t0, "load": t2 - t1, "reachability": t3 - t2,
                   "findEquilibria": t4 - t3}}
with open(sys.argv[2], "w") as f:
    json.dump(out, f)
"""


def fail(message: str) -> None:
    print(f"vs_gmcr_plus: {message}", file=sys.stderr)
    raise SystemExit(2)


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().replace("_", "")
        try:
            n = int(part)
        except ValueError:
            fail(f"--states: {part!r} is not a whole number (a power of two, e.g. 4096)")
        if n < 4 or n & (n - 1):
            fail(f"--states: {n} is not a power of two of at least 4 (the random conflicts have "
                 "no constraints, so 2^options states)")
        sizes.append(n)
    return sizes


def detente_command() -> list[str]:
    """The installed ``detente`` command beside this Python, else on PATH, else the module."""
    beside = Path(sys.executable).parent / "detente"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("detente")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from detente.cli import run; sys.exit(run())"]


# A minimal launcher between this script and each measured process: a child's peak RSS as the
# kernel reports it starts at its parent's resident size at fork (kept across exec), so the
# measured commands are forked from this small interpreter (about 8 MB, below what either tool
# needs), not from this script (numpy and detente loaded).
LAUNCH = r"""
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t
with open(out, "w") as f:
    f.write("%r %r %r %r %r" % (wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, os.waitstatus_to_exitcode(status)))
"""


def measure(cmd: list[str], env: dict, out_path: Path) -> dict:
    """Run ``cmd`` in a fresh process; wall seconds, CPU seconds and its peak RSS (MB)."""
    res = out_path.with_suffix(".rusage")
    err_path = out_path.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCH, str(res)] + cmd,
                       stdout=out, stderr=err, env=env, cwd=ROOT, check=False)
    try:
        wall, utime, stime, maxrss, code = res.read_text().split()
    except (OSError, ValueError):
        fail(f"could not run {cmd[0]}: {err_path.read_text(errors='replace')[-1500:]}")
    if int(code) != 0:
        tail = err_path.read_text(errors="replace")[-1500:]
        fail(f"{' '.join(cmd[:3])} ... exited with {code}:\n{tail}")
    return {"wall_s": float(wall), "cpu_s": float(utime) + float(stime), "peak_mb": int(maxrss) / 1024}


def make_model(n_states: int, dms: int, seed: int, folder: Path) -> tuple[Path, object]:
    from detente.gmcr.random_conflict import random_conflict
    from detente.model.gmcrplus import write_gmcr
    n_options = int(math.log2(n_states))
    conflict = random_conflict(n_options, dms, seed=seed)
    path = folder / f"random-{n_states}-{dms}dm-seed{seed}.gmcr"
    path.write_text(write_gmcr(conflict))
    return path, conflict


def detente_results(doc: dict) -> dict:
    """{concept: {dm: set of yn}} and {dm: {yn: level}} (0 = most preferred) from the JSON."""
    stable = {c: {dm: set(v) for dm, v in doc["results"][c]["stable_for"].items()}
              for c in CONCEPTS if c in doc["results"]}
    levels = {dm: {yn: i for i, level in enumerate(lv) for yn in level}
              for dm, lv in doc["rankings"].items()}
    return {"stable": stable, "levels": levels, "options": [o["name"] for o in doc["model"]["options"]],
            "skipped": doc.get("skipped", {})}


def gmcr_results(raw: dict, det_options: list[str], det_dms: list[str]) -> dict:
    """gmcr-py's arrays as {concept: {dm: set of yn in detente's option order}}."""
    if sorted(raw["options"]) != sorted(det_options) or len(set(det_options)) != len(det_options):
        fail("gmcr-py's options do not match detente's by name: "
             f"{raw['options']} against {det_options}")
    perm = [raw["options"].index(name) for name in det_options]
    yn = ["".join(s[k] for k in perm) for s in raw["yn"]]
    if raw["dms"] != det_dms:
        fail(f"gmcr-py's decision makers {raw['dms']} are not detente's {det_dms}")
    stable = {c: {dm: {yn[p] for p in raw["stable"][c][i]} for i, dm in enumerate(det_dms)}
              for c in CONCEPTS}
    payoffs = {dm: {yn[p]: v for p, v in enumerate(raw["payoffs"][i])} for i, dm in enumerate(det_dms)}
    return {"stable": stable, "payoffs": payoffs, "yn": yn}


def same_ranking(levels: dict, payoffs: dict) -> bool:
    """True when detente's levels and gmcr-py's payoffs order the states identically."""
    pairs = {(levels[s], payoffs[s]) for s in levels}
    lv = {a for a, _ in pairs}
    pay = {b for _, b in pairs}
    if not (len(pairs) == len(lv) == len(pay)) or set(levels) != set(payoffs):
        return False
    ordered = [b for _, b in sorted(pairs)]
    return all(x > y for x, y in zip(ordered, ordered[1:]))


def one_move_stable(rc, ref, dm: str, s, concept: str) -> bool:
    """Stability with sanctions by ONE move of ONE opponent (GMCR+'s reading for n DMs)."""
    H = [d for d in rc.dms if d != dm]
    p = rc.pref[dm]
    for s1 in ref.improvements(rc, dm, s):
        if concept == "GMR":
            ok = any(p[s2] <= p[s] for j in H for s2 in ref.moves(rc, j, s1))
        elif concept == "SMR":
            ok = any(p[s2] <= p[s] and all(p[s3] <= p[s] for s3 in ref.moves(rc, dm, s2))
                     for j in H for s2 in ref.moves(rc, j, s1))
        elif concept == "SEQ":
            ok = any(p[s2] <= p[s] for j in H for s2 in ref.improvements(rc, j, s1))
        elif concept == "SIM":
            ok = False
            for j in H:
                for t in ref.improvements(rc, j, s):
                    state = tuple(t[k] if rc.owner[k] == j else s1[k] for k in range(len(s)))
                    if state in rc._feasible_set and p[state] <= p[s]:
                        ok = True
                        break
                if ok:
                    break
        else:
            return not ref.improvements(rc, dm, s)
        if not ok:
            return False
    return True


def _fast_moves(rc):
    """R_dm(s) by enumerating the subsets of dm's own options (2^k per call) instead of the
    reference's scan over every feasible state (n per call): the same definition -- change at
    least one own option, each in its permitted direction, land on a feasible state -- so the
    reference's searches finish at 8,192 states. Checked against the reference's own function on
    a sample of states before use."""
    feasible = set(rc.feasible)
    own = {dm: [k for k, o in enumerate(rc.owner) if o == dm] for dm in rc.dms}

    def moves(c, dm, s):
        ks = own[dm]
        out = []
        for mask in range(1, 1 << len(ks)):
            t = list(s)
            ok = True
            for b, k in enumerate(ks):
                if mask >> b & 1:
                    if (c.direction[k] == "take_only" and s[k] == 1) or (c.direction[k] == "drop_only" and s[k] == 0):
                        ok = False
                        break
                    t[k] = 1 - s[k]
            t = tuple(t)
            if ok and t in feasible:
                out.append(t)
        return out
    return moves


def check_disagreements(conflict, diffs: list[tuple[str, str, str, bool, bool]], limit: int,
                        budget_s: float) -> list[dict]:
    """Check up to ``limit`` disagreeing cases per (concept, DM) with tests/gmcr_reference.py,
    within ``budget_s`` seconds of CPU."""
    sys.path.insert(0, str(ROOT / "tests"))
    import gmcr_reference as ref
    rc = ref.from_conflict(conflict)
    rc._feasible_set = set(rc.feasible)
    fast = _fast_moves(rc)
    original = ref.__dict__.setdefault("_reference_moves", ref._moves)  # the reference's own
    step = max(1, len(rc.feasible) // 50)
    for s in rc.feasible[::step]:
        for dm in rc.dms:
            if sorted(fast(rc, dm, s)) != sorted(original(rc, dm, s)):
                fail(f"the subset enumeration of moves differs from the reference at {s} for {dm}")
    ref._moves = fast  # restored below
    try:
        return _check(rc, ref, conflict, diffs, limit, budget_s)
    finally:
        ref._moves = original


def _check(rc, ref, conflict, diffs, limit: int, budget_s: float) -> list[dict]:
    names = conflict.option_names
    out = []
    start = time.process_time()
    # Round robin over (concept, DM) so that a budget cut still samples every group.
    groups: dict[tuple[str, str], list] = {}
    for d in diffs:
        groups.setdefault((d[0], d[1]), []).append(d)
    queue = [g[i] for i in range(limit) for g in groups.values() if i < len(g)]
    for concept, dm, yn, det, gmcr in queue:
        if time.process_time() - start > budget_s:
            print(f"  (reference checks stopped after {budget_s:.0f} s of CPU: {len(out)} of "
                  f"{len(queue)} done)")
            break
        s = tuple(1 if ch == "Y" else 0 for ch in yn)
        assert len(s) == len(names)
        out.append({"concept": concept, "dm": dm, "state": yn, "detente": det, "gmcr": gmcr,
                    "reference": ref.stable(rc, dm, s, concept),
                    "one_move": one_move_stable(rc, ref, dm, s, concept)})
    return out


def compare(det: dict, gm: dict) -> tuple[list, dict]:
    diffs = []
    summary = {}
    for c in CONCEPTS:
        if c not in det["stable"]:
            summary[c] = f"not computed by detente ({det['skipped'].get(c, 'skipped')})"
            continue
        per_dm = {}
        for dm, dset in det["stable"][c].items():
            gset = gm["stable"][c][dm]
            only_d, only_g = sorted(dset - gset), sorted(gset - dset)
            per_dm[dm] = (len(dset), len(gset), len(only_d), len(only_g))
            diffs += [(c, dm, yn, True, False) for yn in only_d]
            diffs += [(c, dm, yn, False, True) for yn in only_g]
        summary[c] = per_dm
    return diffs, summary


def run(opts) -> dict:
    gdir = Path(opts.gmcr_py).expanduser().resolve()
    missing = [f for f in GMCR_FILES if not (gdir / f).is_file()]
    if not gdir.is_dir() or missing:
        fail(f"--gmcr-py {opts.gmcr_py}: not a gmcr-py checkout (missing {', '.join(missing) or 'folder'})\n"
             + NEEDS_GMCR.split("\n", 1)[1])
    sizes = parse_sizes(opts.states)
    work = Path(opts.keep).resolve() if opts.keep else Path(tempfile.mkdtemp(prefix="vs-gmcr-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "detente-bench-pycache")
    gpath = [str(gdir)]
    if not (gdir / "version.py").exists():
        shim = work / "version-shim"
        shim.mkdir(exist_ok=True)
        (shim / "version.py").write_text("__version__ = 'unknown (version.py not in the checkout)'\n")
        gpath.append(str(shim))
        print(f"gmcr-py: {gdir} has no version.py; __version__ supplied from {shim}")
    genv = dict(env, PYTHONPATH=os.pathsep.join(gpath))
    dcmd = detente_command()
    print(f"detente: {' '.join(dcmd)}  |  gmcr-py: {gdir}  |  Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    report = {"gmcr_py": str(gdir), "detente": dcmd, "cases": []}
    for n in sizes:
        model, conflict = make_model(n, opts.dms, opts.seed, work)
        print(f"\n== {n:,} states ({conflict.n_options} options), {opts.dms} DMs, seed {opts.seed}: {model}")
        dargs = dcmd + ["analyze", str(model), "-c", ",".join(CONCEPTS)]
        gargs = [sys.executable, "-c", DRIVER, str(model), str(work / f"gmcr-{n}.json")]
        runs = {"detente": [], "gmcr-py": []}
        # warm-up (file cache, bytecode), not counted.
        measure(dargs, env, work / f"detente-{n}.out")
        if not opts.no_warmup:
            warm = measure(gargs, genv, work / f"gmcr-{n}.out")
            print(f"  warm-up gmcr-py: {warm['wall_s']:.1f} s wall, {warm['peak_mb']:.0f} MB")
        for r in range(opts.repeat):
            for label, args, e in (("detente", dargs, env), ("gmcr-py", gargs, genv)):
                fig = measure(args, e, work / f"{label}-{n}.out")
                fig["load_avg"] = os.getloadavg()[0]
                runs[label].append(fig)
                print(f"  run {r + 1} {label:8s} wall {fig['wall_s']:8.3f} s  CPU {fig['cpu_s']:8.3f} s  "
                      f"peak {fig['peak_mb']:8.1f} MB  (load average {fig['load_avg']:.2f})", flush=True)
        med = {k: {m: statistics.median(f[m] for f in v) for m in ("wall_s", "cpu_s", "peak_mb")}
               for k, v in runs.items()}
        ratio = {m: med["gmcr-py"][m] / med["detente"][m] for m in ("wall_s", "cpu_s", "peak_mb")}
        raw = json.loads((work / f"gmcr-{n}.json").read_text())
        print(f"  median of {opts.repeat}: detente {med['detente']['wall_s']:.3f} s wall "
              f"({med['detente']['cpu_s']:.3f} s CPU), {med['detente']['peak_mb']:.0f} MB; "
              f"gmcr-py {med['gmcr-py']['wall_s']:.1f} s wall ({med['gmcr-py']['cpu_s']:.1f} s CPU), "
              f"{med['gmcr-py']['peak_mb']:.0f} MB")
        print(f"  gmcr-py inside (last run): " + ", ".join(f"{k} {v:.2f} s" for k, v in raw["seconds"].items()))
        print(f"  ratio gmcr-py / detente: wall {ratio['wall_s']:.1f}x, CPU {ratio['cpu_s']:.1f}x, "
              f"peak memory {ratio['peak_mb']:.1f}x   (targets: 100x wall, 20x memory)")
        # Results: one more detente run with JSON output (not timed).
        jpath = work / f"detente-{n}.json"
        measure(dcmd + ["analyze", str(model), "-c", ",".join(CONCEPTS), "--format", "json",
                        "--sets", "readable", "-o", str(jpath)], env, work / f"detente-json-{n}.out")
        det = detente_results(json.loads(jpath.read_text()))
        gm = gmcr_results(raw, det["options"], list(det["levels"]))
        rank_ok = {dm: same_ranking(det["levels"][dm], gm["payoffs"][dm]) for dm in det["levels"]}
        print("  preferences: " + ", ".join(f"{dm} {'same ranking' if ok else 'DIFFERENT ranking'}"
                                            for dm, ok in rank_ok.items()))
        diffs, summary = compare(det, gm)
        print("  stable states per DM (detente / gmcr-py; only detente / only gmcr-py):")
        for c, per_dm in summary.items():
            if isinstance(per_dm, str):
                print(f"    {c}: {per_dm}")
                continue
            cells = "; ".join(f"{dm} {a}/{b}" + (f" ({x}/{y})" if x or y else "")
                              for dm, (a, b, x, y) in per_dm.items())
            print(f"    {c:4s} {'agree' if all(not x and not y for *_, x, y in per_dm.values()) else 'DIFFER'}: {cells}")
        checks = []
        if diffs and opts.check:
            checks = check_disagreements(conflict, diffs, opts.check, opts.check_budget)
            by = {}
            for ch in checks:
                key = (ch["concept"], ch["dm"])
                agg = by.setdefault(key, {"n": 0, "ref=detente": 0, "one_move=gmcr": 0})
                agg["n"] += 1
                agg["ref=detente"] += ch["reference"] == ch["detente"]
                agg["one_move=gmcr"] += ch["one_move"] == ch["gmcr"]
            print(f"  disagreements checked with tests/gmcr_reference.py (up to {opts.check} per concept and DM):")
            for (c, dm), agg in sorted(by.items()):
                print(f"    {c:4s} {dm}: {agg['n']} checked; the reference (sanctions by the opponents "
                      f"as a group) agrees with detente on {agg['ref=detente']}, the reference "
                      f"restricted to one move of one opponent agrees with gmcr-py on {agg['one_move=gmcr']}")
        report["cases"].append({"states": n, "options": conflict.n_options, "dms": opts.dms,
                                "seed": opts.seed, "model": str(model), "runs": runs, "median": med,
                                "ratio": ratio, "gmcr_seconds": raw["seconds"], "same_ranking": rank_ok,
                                "summary": {c: v for c, v in summary.items()}, "n_disagreements": len(diffs),
                                "checks": checks})
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gmcr-py", metavar="DIR", help="a checkout of https://github.com/onp/gmcr-py")
    parser.add_argument("--states", default="4096,8192", help="sizes, powers of two (default 4096,8192)")
    parser.add_argument("--dms", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", type=int, default=20,
                        help="disagreements checked with the reference, per concept and DM (0: none)")
    parser.add_argument("--check-budget", type=float, default=300, metavar="SECONDS",
                        help="CPU seconds for the reference checks per size (default 300)")
    parser.add_argument("--no-warmup", action="store_true",
                        help="skip gmcr-py's untimed warm-up run (for sizes where one run takes minutes)")
    parser.add_argument("--keep", metavar="DIR", help="keep the models and outputs in DIR")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    opts = parser.parse_args(argv)
    if not opts.gmcr_py:
        print(NEEDS_GMCR, file=sys.stderr)
        return 2
    if opts.repeat < 1 or opts.dms < 2:
        fail("--repeat must be at least 1 and --dms at least 2")
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    report = run(opts)
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    if opts.json:
        Path(opts.json).write_text(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
