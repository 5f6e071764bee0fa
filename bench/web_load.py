"""Load check of the web app: 50 concurrent clients on loopback for 60 s.

Starts ``detente serve`` on 127.0.0.1 (a fresh SQLite file unless ``--db`` is given), creates a
scenario whose model has 4,096 feasible states (3 decision makers x 4 options, no constraints),
analyses it once, then lets N clients loop for the given time. Each client, per iteration:

* with probability ``--analysis-share`` (default 5 %) starts a new analysis of the model
  (``reuse=false``, so the engine really runs) and polls it until it is done;
* otherwise reads: the compact result (equilibria and stable sets), the full result in the
  CLI's JSON schema (every state; about 2 MB), the job status, the scenario, or an explanation.

Reports requests per second, p50/p99 latency per kind and overall, errors, and how long the
analyses took from submission to done. Target: no errors, p99 under 500 ms for reads.
Network traffic stays on 127.0.0.1; the run stops by itself (``--duration`` plus a grace time).

    .venv/bin/python bench/web_load.py                 # 50 clients, 60 s, SQLite
    .venv/bin/python bench/web_load.py --clients 10 --duration 10
    .venv/bin/python bench/web_load.py --think 0.5     # clients pause ~0.5 s between requests
    .venv/bin/python bench/web_load.py --db postgresql+psycopg://detente:detente@127.0.0.1/detente_bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx


def model_4096() -> str:
    """3 DMs x 4 options, every combination feasible: 2^12 = 4,096 states."""
    names = {"A": "a", "B": "b", "C": "c"}
    lines = ["title: Load test, 4096 states", "decision_makers:"]
    for dm, p in names.items():
        mine = [f"{p}{i}" for i in range(4)]
        others = [f"{q}{i}" for d, q in names.items() if d != dm for i in range(4)]
        prefs = [f"not {others[0]}", f"{mine[0]} if {others[1]}", f"not {mine[1]} or {others[2]}",
                 mine[2], f"{mine[3]} iff {others[3]}", f"not {others[4]}"]
        lines += [f"  - name: {dm}", f"    options: [{', '.join(mine)}]", "    preferences:"]
        lines += [f"      - {s}" for s in prefs]
    lines.append("status_quo: " + "N" * 12)
    return "\n".join(lines) + "\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q / 100 * (len(v) - 1))))]


class Stats:
    def __init__(self) -> None:
        self.lat: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []
        self.analysis_times: list[float] = []

    def record(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        self.lat[kind].append(seconds)
        if not ok:
            self.errors[kind] += 1
            if len(self.error_samples) < 10:
                self.error_samples.append(f"{kind}: {detail}")


async def timed(client: httpx.AsyncClient, stats: Stats, kind: str, method: str, url: str, **kw):
    t0 = time.perf_counter()
    try:
        r = await client.request(method, url, **kw)
        ok = r.status_code < 400
        stats.record(kind, time.perf_counter() - t0, ok, f"HTTP {r.status_code} {r.text[:120]}")
        return r
    except httpx.HTTPError as exc:
        stats.record(kind, time.perf_counter() - t0, False, f"{type(exc).__name__}: {exc}")
        return None


async def client_loop(i: int, base: str, sid: int, aid: int, deadline: float, share: float,
                      stats: Stats, token: str | None, think: float = 0.0) -> None:
    rng = random.Random(i)
    headers = {"X-Detente-Token": token} if token else {}
    states = ["N" * 12, "Y" * 12, "YN" * 6, "NY" * 6]
    async with httpx.AsyncClient(base_url=base, timeout=30, headers=headers) as c:
        while time.monotonic() < deadline:
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))  # a person reading the page
            if rng.random() < share:
                t0 = time.perf_counter()
                r = await timed(c, stats, "start analysis", "POST", f"/api/scenarios/{sid}/analyses",
                                json={"reuse": False, "concepts": ["Nash", "GMR", "SMR", "SEQ"]})
                if r is None or r.status_code != 202:
                    continue
                job = r.json()
                while job["status"] not in ("done", "failed") and time.monotonic() < deadline + 30:
                    await asyncio.sleep(0.5)
                    r = await timed(c, stats, "poll status", "GET", f"/api/analyses/{job['id']}")
                    if r is None or r.status_code != 200:
                        break
                    job = r.json()
                if job["status"] == "done":
                    stats.analysis_times.append(time.perf_counter() - t0)
                elif job["status"] == "failed":
                    stats.record("analysis job", 0.0, False, json.dumps(job.get("error")))
                continue
            x = rng.random()
            if x < 0.40:
                await timed(c, stats, "result (compact)", "GET", f"/api/analyses/{aid}/result",
                            params={"states": "false"})
            elif x < 0.50:
                await timed(c, stats, "result (full, ~2 MB)", "GET", f"/api/analyses/{aid}/result")
            elif x < 0.70:
                await timed(c, stats, "job status", "GET", f"/api/analyses/{aid}")
            elif x < 0.85:
                await timed(c, stats, "scenario", "GET", f"/api/scenarios/{sid}")
            else:
                await timed(c, stats, "explanation", "GET", f"/api/analyses/{aid}/explain",
                            params={"state": rng.choice(states), "dm": rng.choice("ABC"),
                                    "concept": rng.choice(["Nash", "GMR", "SEQ"])})


def wait_up(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not come up in time")


async def run(args) -> dict:
    base = f"http://127.0.0.1:{args.port}"
    token = os.environ.get("DETENTE_TOKEN")
    headers = {"X-Detente-Token": token} if token else {}
    async with httpx.AsyncClient(base_url=base, timeout=60, headers=headers) as c:
        r = await c.post("/api/scenarios", json={"text": model_4096(), "message": "load test"})
        r.raise_for_status()
        sid = r.json()["id"]
        r = await c.post(f"/api/scenarios/{sid}/analyses", json={"concepts": ["Nash", "GMR", "SMR", "SEQ"]})
        r.raise_for_status()
        aid = r.json()["id"]
        for _ in range(600):
            job = (await c.get(f"/api/analyses/{aid}")).json()
            if job["status"] in ("done", "failed"):
                break
            await asyncio.sleep(0.1)
        if job["status"] != "done":
            raise SystemExit(f"the first analysis did not finish: {job}")
        assert job["n_states"] == 4096, job
        await c.get(f"/api/analyses/{aid}/result")  # warm the caches like a first visitor
        await c.get(f"/api/analyses/{aid}/explain", params={"state": "1", "dm": "A"})
    stats = Stats()
    t0 = time.monotonic()
    deadline = t0 + args.duration
    await asyncio.wait_for(
        asyncio.gather(*(client_loop(i, base, sid, aid, deadline, args.analysis_share, stats, token,
                                     args.think)
                         for i in range(args.clients))),
        timeout=args.duration + 60)
    elapsed = time.monotonic() - t0
    return {"stats": stats, "elapsed": elapsed}


def report(stats: Stats, elapsed: float, args) -> dict:
    out = {"clients": args.clients, "think_s": args.think, "duration_s": round(elapsed, 1),
           "kinds": {}}
    load = os.getloadavg()
    out["loadavg_1m_at_end"] = round(load[0], 2)
    print(f"\n{args.clients} clients (think time {args.think:g} s), {elapsed:.1f} s, "
          f"server {args.server_desc}, "
          f"{os.cpu_count()} cores, load average at the end {load[0]:.1f} (other processes "
          f"on the machine share the cores)\n")
    print(f"{'request':24s} {'count':>7s} {'req/s':>7s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} {'errors':>7s}")
    reads: list[float] = []
    total = errors = 0
    for kind, lat in sorted(stats.lat.items()):
        n, e = len(lat), stats.errors.get(kind, 0)
        total += n
        errors += e
        if kind not in ("start analysis", "analysis job"):
            reads += lat
        row = {"count": n, "rps": n / elapsed, "p50_ms": 1000 * pct(lat, 50),
               "p99_ms": 1000 * pct(lat, 99), "max_ms": 1000 * max(lat), "errors": e}
        out["kinds"][kind] = row
        print(f"{kind:24s} {n:7d} {row['rps']:7.1f} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f} "
              f"{row['max_ms']:8.1f} {e:7d}")
    out.update(requests=total, rps=total / elapsed, errors=errors,
               reads_p50_ms=1000 * pct(reads, 50), reads_p99_ms=1000 * pct(reads, 99),
               analyses_completed=len(stats.analysis_times),
               analysis_p50_s=pct(stats.analysis_times, 50), analysis_p99_s=pct(stats.analysis_times, 99))
    print(f"\nall requests: {total} in {elapsed:.1f} s = {out['rps']:.1f} req/s, errors {errors}")
    print(f"reads: p50 {out['reads_p50_ms']:.1f} ms, p99 {out['reads_p99_ms']:.1f} ms "
          f"(target p99 < 500 ms: {'met' if out['reads_p99_ms'] < 500 else 'NOT met'})")
    print(f"analyses of the 4,096-state model: {len(stats.analysis_times)} completed; submit-to-done "
          f"p50 {out['analysis_p50_s']:.2f} s, p99 {out['analysis_p99_s']:.2f} s")
    for s in stats.error_samples:
        print("  error:", s)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--analysis-share", type=float, default=0.05,
                    help="share of client iterations that start an analysis")
    ap.add_argument("--think", type=float, default=0.0,
                    help="mean pause in seconds between a client's requests (default 0: each "
                         "client sends its next request as soon as the last one is answered)")
    ap.add_argument("--db", help="database URL for the server (default: a fresh SQLite file)")
    ap.add_argument("--jobs", type=int, default=None, help="analysis worker processes")
    ap.add_argument("--threads", type=int, default=None, help="server threads (detente serve --threads)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()
    args.port = free_port()
    tmp = tempfile.mkdtemp(prefix="detente-load-")
    db = args.db or f"sqlite:///{Path(tmp) / 'load.sqlite'}"
    args.server_desc = db.split("@")[-1] if "@" in db else db
    cmd = [sys.executable, "-c", "import sys; from detente.cli import main; sys.exit(main())",
           "serve", "--host", "127.0.0.1", "--port", str(args.port), "--db", db,
           "--log-level", "warning"]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    proc = subprocess.Popen(cmd, start_new_session=True)
    try:
        wait_up(f"http://127.0.0.1:{args.port}", proc)
        res = asyncio.run(run(args))
        out = report(res["stats"], res["elapsed"], args)
        if args.json:
            Path(args.json).write_text(json.dumps(out, indent=2))
        return 0 if out["errors"] == 0 else 1
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and its analysis workers
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
