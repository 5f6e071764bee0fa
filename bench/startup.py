"""Start-up cost of the command line (issue 17): wall and CPU time of ``detente --help`` and
``detente analyze`` on a small model, median of several fresh processes, and the imports that
cost the most (``python -X importtime``).

    python bench/startup.py [--runs 7] [--model tests/fixtures/gmcr/chicken.yaml] [--top 15]

CPU time (user + system of the child) is the figure to compare on a loaded machine; wall time
is printed beside it, with the load average. Target (issue 17): under 0.3 s wall for small
models on an idle machine.

Compiled bytecode is cached (``PYTHONPYCACHEPREFIX`` in a temporary folder, even when the
environment sets ``PYTHONDONTWRITEBYTECODE``), as it is for an installed package: without it
every run compiles detente's own modules again (about 70 ms). ``--no-bytecode-cache`` measures
that case.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENTRY = "import sys; from detente.cli import main; sys.exit(main(sys.argv[1:]))"


BYTECODE_CACHE = True


def _env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if BYTECODE_CACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "detente-bench-pycache")
    return env


def run_once(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one fresh ``detente`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = ENTRY if args else "pass"
    done = subprocess.run([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"detente {' '.join(args)} failed: {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def top_imports(args: list[str], top: int) -> list[tuple[int, str]]:
    """The ``top`` libraries by import time (microseconds of ``-X importtime`` self time, summed
    per top-level package, and per module inside detente)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", ENTRY, *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env=_env(), cwd=ROOT)
    totals: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, _cumulative, name = line[len("import time:"):].split("|")
        name = name.strip()
        key = name if name.startswith("detente") else name.split(".")[0]
        totals[key] = totals.get(key, 0) + int(self_us)
    return sorted(((us, name) for name, us in totals.items()), reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--model", default="tests/fixtures/gmcr/chicken.yaml")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="compile every module at each start (as with PYTHONDONTWRITEBYTECODE)")
    opts = parser.parse_args()
    global BYTECODE_CACHE
    BYTECODE_CACHE = not opts.no_bytecode_cache
    print("bytecode " + ("cached (as installed)" if BYTECODE_CACHE else "compiled at every start"))
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          "(CPU time is the figure to compare on a loaded machine)")
    cases = {"python -c pass (interpreter floor)": [],
             "detente --help": ["--help"],
             f"detente analyze {opts.model}": ["analyze", opts.model]}
    for label, args in cases.items():
        run_once(args)  # warm the file cache
        walls, cpus = zip(*(run_once(args) for _ in range(opts.runs)))
        print(f"{label}: median wall {statistics.median(walls):.3f} s, median CPU "
              f"{statistics.median(cpus):.3f} s ({opts.runs} runs; min wall {min(walls):.3f} s; "
              f"load average {os.getloadavg()[0]:.2f})")
    print(f"top imports of `detente analyze` (self time per package, python -X importtime):")
    for micros, name in top_imports(["analyze", opts.model], opts.top):
        print(f"  {micros / 1000:8.1f} ms  {name}")


if __name__ == "__main__":
    main()
