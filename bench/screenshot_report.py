"""Render a detente HTML report in headless Chromium and save a PNG screenshot.

Usage::

    .venv/bin/python bench/screenshot_report.py [SCENARIO] [-o report.png] [--html report.html]
        [--height 2000] [--width 1280]

Needs Debian's ``chromium`` (``apt-get install -y chromium``). The page is opened from a file:
URL with networking disabled, which also checks that the report needs no network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCENARIO = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 2000, timeout: float = 120) -> Path:
    """Screenshot a local HTML file with headless Chromium; returns the PNG path."""
    exe = find_chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={png}",
               f"--window-size={width},{height}", html.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return png


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO))
    ap.add_argument("-o", "--output", default="report.png")
    ap.add_argument("--html", default=None, help="where to keep the HTML (default: a temporary file)")
    ap.add_argument("--variant", default=None)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=2000)
    args = ap.parse_args(argv)

    from detente.model.load import load
    from detente.report import write_report
    from detente.report.questions import default_questions_path, load_questions

    conflict = load(args.scenario, variant=args.variant)
    qpath = default_questions_path(args.scenario)
    questions = load_questions(qpath) if qpath.exists() else None
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(args.html) if args.html else Path(tmp) / "report.html"
        write_report(html, conflict, questions=questions)
        png = screenshot(html, Path(args.output).resolve(), args.width, args.height)
    print(f"report rendered to {png} ({png.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
