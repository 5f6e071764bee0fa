"""Render a detente HTML report in headless Chromium: screenshots of the first screen at a desktop
and a phone width, and the page height at each.

Usage::

    .venv/bin/python bench/screenshot_report.py [SCENARIO] [-o report.png] [--html report.html]
        [--widths 1400,390] [--full]

The report is made exactly as ``detente report SCENARIO`` makes it (questions file, robustness
and hypergame sections). Needs Playwright (the test extra) and Debian's ``chromium``
(``apt-get install -y chromium``), used as the browser. The page is opened from a file: URL;
the report has no script and needs no network. Prints one line per width:
``width, viewport height, page height (px)``; ``-o report.png`` writes ``report-1400.png`` and
``report-390.png`` (the first screen; ``--full`` for the whole page).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCENARIO = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"
VIEWPORTS = {1400: 900, 390: 844}  # desktop; a phone (iPhone 12-14 CSS pixels)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def write_flagship_html(scenario: str | Path, html: Path, variant: str | None = None) -> Path:
    """The report as ``detente report`` writes it."""
    from detente.model.load import load
    from detente.report import build_report, render_report
    from detente.report.html import report_sections
    from detente.report.questions import report_questions
    from detente.files import write_output

    conflict = load(scenario, variant=variant)
    questions, notes = report_questions(conflict, scenario)
    base = load(scenario) if variant else None
    data = build_report(conflict, questions=questions, base=base, robustness=True, state_notes=notes)
    write_output(html, render_report(data=data, extra_sections=report_sections(data)))
    return html


def measure(html: Path, png: Path | None, widths=(1400, 390), full: bool = False) -> list[tuple[int, int, int]]:
    """Open ``html`` at each width; returns ``(width, viewport height, page height)`` and writes
    ``png`` stem + ``-WIDTH.png`` screenshots when ``png`` is given."""
    from playwright.sync_api import sync_playwright
    exe = find_chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install -y chromium)")
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        try:
            for w in widths:
                h = VIEWPORTS.get(w, 900)
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto(html.resolve().as_uri())
                height = page.evaluate("document.documentElement.scrollHeight")
                if png is not None:
                    page.screenshot(path=str(png.with_name(f"{png.stem}-{w}{png.suffix or '.png'}")), full_page=full)
                out.append((w, h, int(height)))
                page.close()
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO))
    ap.add_argument("-o", "--output", default=None, help="screenshot base name (e.g. report.png)")
    ap.add_argument("--html", default=None, help="an HTML file to measure, or where to keep the one made")
    ap.add_argument("--existing", action="store_true", help="measure --html as it is, do not make it")
    ap.add_argument("--variant", default=None)
    ap.add_argument("--widths", default="1400,390")
    ap.add_argument("--full", action="store_true", help="screenshot the whole page, not the first screen")
    args = ap.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",") if w.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(args.html) if args.html else Path(tmp) / "report.html"
        if not args.existing:
            write_flagship_html(args.scenario, html, args.variant)
        png = Path(args.output).resolve() if args.output else None
        for w, h, height in measure(html, png, widths, args.full):
            print(f"width {w} px (viewport height {h}): page height {height} px"
                  + (f", screenshot {png.with_name(f'{png.stem}-{w}.png')}" if png else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
