"""MkDocs hook: the gallery of worked cases, generated when the site is built.

For each case the hook runs detente and writes a page with its equilibria table and its
pictures (state graph; forecast trajectory and distribution), so the gallery always shows what
the current code computes and no picture is committed. Cases: the six published GMCR cases
(tests/fixtures/gmcr), the flagship scenario, and two bargaining cases (scenarios/examples).
Registered in mkdocs.yml under ``hooks:``.
"""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

log = logging.getLogger("mkdocs.hooks.gallery")

GMCR_CASES = [  # (fixture, published source)
    ("prisoners-dilemma", "Fang, Hipel & Kilgour (1993), *Interactive Decision Making*"),
    ("chicken", "Fang, Hipel & Kilgour (1993), *Interactive Decision Making*"),
    ("syria-iraq-1975", "Hipel, Kilgour & Kinsara; Fang, Hipel & Kilgour (1993)"),
    ("cuban-missile-crisis", "Fang, Hipel & Kilgour (1993)"),
    ("elmira", "Fang, Hipel & Kilgour (1993); Hipel et al. (1997)"),
    ("us-north-korea-2017", "a public 2017 GMCR analysis of the standoff"),
]


def _md_escape(text: str) -> str:
    return html.escape(str(text)).replace("|", "\\|")


def _equilibria_table(result) -> str:
    rows = ["| concept | equilibria | states (id:options) |", "|---|---|---|"]
    for concept in result.concepts:
        if concept in result.skipped:
            rows.append(f"| {concept} | skipped | {_md_escape(result.skipped[concept])} |")
            continue
        eq = result.equilibria(concept)
        states = ", ".join(f"`{p + 1}:{result.yn(p)}`" for p in eq[:15]) + (" ..." if len(eq) > 15 else "")
        rows.append(f"| {concept} | {len(eq)} | {states or '–'} |")
    return "\n".join(rows)


def _options_table(conflict) -> str:
    rows = ["| # (letter position) | option | decision maker | direction |", "|---|---|---|---|"]
    for i, o in enumerate(conflict.options):
        rows.append(f"| {i + 1} | {_md_escape(o.label or o.name)} | {_md_escape(o.dm)} | {o.direction} |")
    return "\n".join(rows)


def _gmcr_page(name: str, path: Path, source: str, files: list[tuple[str, str]]) -> str:
    import detente
    from detente.report.graph import relevant_states, state_graph_svg

    conflict = detente.load(path)
    result = detente.analyze(conflict)
    sel = relevant_states(result)
    svg = state_graph_svg(result, sel.positions, title=conflict.title or name,
                          show_labels=len(sel.positions) <= 16)
    files.append((f"gallery/{name}.svg", svg))
    title = conflict.title or name
    return "\n\n".join([
        f"# {_md_escape(title)}",
        _md_escape(conflict.description or ""),
        f"Source: {source}. Model: `{path.relative_to(ROOT)}` "
        f"({len(conflict.decision_makers)} decision makers, {result.n_states} feasible states).",
        "## Options\n\n" + _options_table(conflict),
        "## Equilibria\n\nComputed when this site was built; the test suite checks them against "
        "the published stable sets.\n\n" + _equilibria_table(result),
        f"## State graph\n\n{_md_escape(sel.reason)}; arrows are each decision maker's best "
        f"unilateral improvement, coloured by decision maker.\n\n![State graph of {_md_escape(title)}]({name}.svg)",
        "## Reproduce\n\n```sh\n"
        f"detente analyze {path.relative_to(ROOT)}\n```",
    ]) + "\n"


def _flagship_page(files) -> str:
    import detente
    from detente.gmcr.status_quo import reachable
    from detente.report.graph import relevant_states, state_graph_svg

    path = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"
    conflict = detente.load(path)
    result = detente.analyze(conflict)
    reach = reachable(result, "SEQ")
    on_paths = {s.target for p in reach.paths for s in p.moves}
    path_moves = [(s.dm, s.source, s.target) for p in reach.paths for s in p.moves]
    sel = relevant_states(result, on_paths)
    files.append(("gallery/flagship.svg", state_graph_svg(result, sel.positions, title=conflict.title,
                                                          path_moves=path_moves)))
    return "\n\n".join([
        f"# {_md_escape(conflict.title)}",
        "The flagship case: the opening of the Russia–Ukraine settlement talks as one news report "
        "of 12 February 2025 describes them, every preference citing its quote. What the analysis "
        "concludes and every modelling choice: [the flagship case](../flagship.md).",
        "## Options\n\n" + _options_table(conflict),
        "## Equilibria\n\n" + _equilibria_table(result),
        f"## State graph\n\n{_md_escape(sel.reason)}.\n\n![State graph of the flagship case](flagship.svg)",
        "## Reproduce\n\n```sh\ndetente report scenarios/settlement-talks-2025-02.yaml -o report.html\n```",
    ]) + "\n"


def _bargaining_page(files) -> str:
    from detente.bargaining import (compromise, expected_utility, load_bargaining_file, median,
                                    monte_carlo, nash)
    from detente.bargaining.plots import plot_distribution, plot_trajectory

    parts = ["# Bargaining forecasts",
             "Two cases from `scenarios/examples/`: the 1994 European emission-standards case "
             "(Scholz, Calbert & Smith 2011), and the territory issue of the Russia–Ukraine talks "
             "with uncertainty ranges. See [bargaining forecasts](../bargaining.md)."]
    rel = "scenarios/examples/emission_standards_1994.yaml"
    _, issues, _ = load_bargaining_file(ROOT / rel)
    for iss in issues[:1]:
        rows = ["| model | forecast |", "|---|---|"]
        for fn in (compromise, median, nash):
            fc = fn(iss)
            rows.append(f"| {fc.model} | {fc.value:.4g} {_md_escape(fc.units)} |")
        eu = expected_utility(iss)
        rows.append(f"| expected utility ({eu.rounds} rounds) | {eu.value:.4g} {_md_escape(eu.units)} |")
        files.append(("gallery/emission-trajectory.svg", plot_trajectory(eu)))
        parts += [f"## {_md_escape(iss.name)} (`{rel}`)", "\n".join(rows),
                  "![Positions by round in the expected-utility model](emission-trajectory.svg)",
                  f"```sh\ndetente forecast {rel}\n```"]
    rel = "scenarios/examples/russia_ukraine_bargaining.yaml"
    _, issues, _ = load_bargaining_file(ROOT / rel)
    iss = issues[0]
    mc = monte_carlo(iss, draws=2000, seed=1)
    files.append(("gallery/russia-ukraine-distribution.svg", plot_distribution(mc)))
    rows = ["| model | median | 90% interval |", "|---|---|---|"]
    for m in mc.draws:
        s = mc.summary(m)
        rows.append(f"| {m} | {s['p50']:.4g} | [{s['p5']:.4g}, {s['p95']:.4g}] |")
    parts += [f"## {_md_escape(iss.name)} (`{rel}`, 2,000 draws, seed 1)", "\n".join(rows),
              "![Forecast distributions](russia-ukraine-distribution.svg)",
              f"```sh\ndetente forecast {rel} --draws 2000 --seed 1\n```"]
    return "\n\n".join(parts) + "\n"


def on_files(files, config):
    pages: list[tuple[str, str]] = []
    pictures: list[tuple[str, str]] = []
    index = ["# Gallery of worked cases",
             "Each page is generated when the site is built: detente analyses the case and draws "
             "its pictures, so what you see is what the current version computes.", "",
             "## Published GMCR cases", ""]
    for name, source in GMCR_CASES:
        path = ROOT / "tests" / "fixtures" / "gmcr" / f"{name}.yaml"
        pages.append((f"gallery/{name}.md", _gmcr_page(name, path, source, pictures)))
        index.append(f"- [{name}]({name}.md) — {source}")
    index += ["", "## The flagship case", "", "- [Settlement talks, February 2025](flagship.md)",
              "", "## Bargaining", "", "- [Emission standards 1994; Russia–Ukraine territory](bargaining.md)"]
    pages.append(("gallery/flagship.md", _flagship_page(pictures)))
    pages.append(("gallery/bargaining.md", _bargaining_page(pictures)))
    pages.append(("gallery/index.md", "\n".join(index) + "\n"))
    pages.append(("changelog.md", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")))
    for path, content in pages + pictures:
        files.append(File.generated(config, path, content=content))
    log.info("gallery: %d pages, %d pictures", len(pages), len(pictures))
    return files


# Material's offline plugin loads a shim from a CDN so that search works from file://. The site
# must open without a network, so the tag goes: search works when the site is served, and the
# pages themselves never reach out.
_CDN_SHIM = '<script src="https://unpkg.com/iframe-worker/shim"></script>'


def on_post_build(config):
    for page in Path(config["site_dir"]).rglob("*.html"):  # pages and templates (404.html)
        text = page.read_text(encoding="utf-8")
        if _CDN_SHIM in text:
            page.write_text(text.replace(_CDN_SHIM, ""), encoding="utf-8")
