"""Speed of DEU import and of forecasting the imported YAML against the TSV (issue 16).

Runs the command line in-process: ``forecast-import`` of the whole DEU III file, then
``forecast`` of the written YAML and of the TSV (all models, JSON output discarded), each
timed (wall and CPU). Also times reading the YAML with libyaml and with the pure-Python
round-trip loader.

    .venv/bin/python bench/bargaining_deu_speed.py
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

from detente.cli import main as cli
from detente.model import yamlio

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "bargaining-data" / "deu3_blksv.tsv"


def timed(label, fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    print(f"  {label:48s} {time.perf_counter() - t:6.2f} s wall, "
          f"{time.process_time() - c:6.2f} s CPU")
    return out


def quiet(args):
    with contextlib.redirect_stdout(io.StringIO()):
        rc = cli(args)
    assert rc == 0, args


def main() -> int:
    if not DATA.exists():
        print(f"DEU data not found at {DATA}; set DETENTE_SHARED", file=sys.stderr)
        return 2
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deu.yaml"
        timed("forecast-import (364 issues)", lambda: quiet(["forecast-import", str(DATA), "-o",
                                                             str(out)]))
        print(f"  ({out.stat().st_size / 1e6:.2f} MB of YAML)")
        timed("forecast deu.yaml, all models, JSON", lambda: quiet(["forecast", str(out), "-f",
                                                                    "json"]))
        timed("forecast deu3.tsv, all models, JSON", lambda: quiet(["forecast", str(DATA), "-f",
                                                                    "json"]))
        text = out.read_text()
        timed("read the YAML: libyaml path", lambda: yamlio.parse_text(text, "deu.yaml"))
        from ruamel.yaml import YAML
        timed("read the YAML: pure-Python round-trip loader",
              lambda: YAML(typ="rt", pure=True).load(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
