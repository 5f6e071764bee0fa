"""Time and memory of refusing hostile YAML/JSON documents on every entry point (issue 11).

Each (document, entry point) runs in a fresh subprocess with a wall-clock limit and an address
space limit, so that the unhardened loader (e.g. on an older checkout: ``PYTHONPATH=old/src``)
cannot take the machine down. Prints one row per case: outcome, seconds, extra peak memory
(maximum resident set size after the call minus before it, MB) and the first line of the
message. The goal: every case refused in under 1 s with under 50 MB of extra memory, with a
located message.

    python bench/hostile_inputs.py [--timeout 30] [--memory-gb 2] [--only billion-laughs]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from hostile_documents import HOSTILE  # noqa: E402

ENTRY_POINTS = ("detente.load", "bargaining", "cli analyze", "cli import-gmcr", "api validate")

CHILD = r"""
import json, os, resource, sys, time
limit = int(float(sys.argv[3]) * 2**30)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
entry, path = sys.argv[1], sys.argv[2]
import detente
from detente.errors import DetenteError
from detente.bargaining.scenario import load_bargaining_file
from detente.cli import main
text = open(path, encoding="utf-8").read()
if entry == "api validate":
    import tempfile
    from fastapi.testclient import TestClient
    from detente.web.app import create_app
    client = TestClient(create_app("sqlite:///" + tempfile.mkdtemp() + "/w.sqlite", jobs="thread"))
    client.post("/api/validate", json={"text": "x: 1"})  # warm up
def run():
    if entry == "detente.load":
        detente.load(path)
    elif entry == "bargaining":
        load_bargaining_file(path)
    elif entry in ("cli analyze", "cli import-gmcr"):
        import contextlib, io
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["analyze" if entry == "cli analyze" else "import-gmcr", path])
        return ("refused" if code == 2 else f"exit {code}"), err.getvalue().strip()
    else:
        r = client.post("/api/validate", json={"text": text})
        body = r.json()
        if r.status_code == 200 and not body.get("valid"):
            p = body["problems"][0]
            return "refused", f"line {p.get('line')}: {p['message']}"
        return f"HTTP {r.status_code}", r.text[:200]
    return "accepted", ""
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
try:
    outcome, message = run()
except DetenteError as exc:
    outcome, message = "refused", str(exc)
except MemoryError:
    outcome, message = "MemoryError", ""
except RecursionError:
    outcome, message = "RecursionError", ""
except Exception as exc:
    outcome, message = type(exc).__name__, str(exc)
seconds = time.perf_counter() - t0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "seconds": seconds, "extra_mb": (after - before) / 1024,
                  "message": message.splitlines()[0][:110] if message else ""}))
"""


def run_case(entry: str, name: str, timeout: float, memory_gb: float) -> dict:
    text, suffix, _ = HOSTILE[name]
    if entry == "cli import-gmcr":
        if suffix != ".json":
            return {}
        suffix = ".gmcr"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            proc = subprocess.run([sys.executable, "-c", CHILD, entry, str(path), str(memory_gb)],
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"outcome": f"over {timeout:g} s (killed)", "seconds": timeout, "extra_mb": float("nan"),
                    "message": ""}
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"outcome": f"died (exit {proc.returncode})", "seconds": float("nan"),
                "extra_mb": float("nan"), "message": proc.stderr.strip().splitlines()[-1][:110]
                if proc.stderr.strip() else ""}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per case (default 30)")
    ap.add_argument("--memory-gb", type=float, default=2.0, help="address space per case (default 2)")
    ap.add_argument("--only", action="append", help="document name(s) to run")
    ap.add_argument("--entry", action="append", help="entry point(s) to run")
    args = ap.parse_args()
    names = args.only or sorted(HOSTILE)
    entries = args.entry or list(ENTRY_POINTS)
    print(f"{'document':18} {'entry point':16} {'outcome':24} {'s':>7} {'+MB':>7}  message")
    worst_s, worst_mb, bad = 0.0, 0.0, 0
    try:
        for name in names:
            for entry in entries:
                r = run_case(entry, name, args.timeout, args.memory_gb)
                if not r:
                    continue
                ok = r["outcome"] == "refused" and r["seconds"] < 1 and r["extra_mb"] < 50
                bad += not ok
                worst_s = max(worst_s, r["seconds"])
                worst_mb = max(worst_mb, r["extra_mb"]) if r["extra_mb"] == r["extra_mb"] else worst_mb
                print(f"{name:18} {entry:16} {r['outcome']:24} {r['seconds']:7.3f} {r['extra_mb']:7.1f}  "
                      f"{r['message']}", flush=True)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(f"\nslowest {worst_s:.3f} s, most extra memory {worst_mb:.1f} MB; "
          f"{bad} case(s) not refused within 1 s and 50 MB")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
