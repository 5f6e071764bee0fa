"""Scenario commands: compare (variants side by side), paths (from the status quo), report (HTML)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from detente.cli import app, console, err_console
from detente.errors import DetenteError
from detente.files import write_output


class Fmt(str, Enum):
    table = "table"
    json = "json"


def _load(path: Path, variant: str | None = None):
    from detente.model.load import load
    if not path.exists():
        raise DetenteError(f"{path}: no such file", hint="give the path of a scenario (.yaml, .json or .gmcr)")
    return load(path, variant=variant)


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _label(result, p: int) -> str:
    from detente.gmcr.compare import describe_state
    return f"{result.label(p)} ({describe_state(result.conflict, int(result.space.codes[p]))})"


# --- compare ---------------------------------------------------------------------------------

@app.command("compare")
def compare_cmd(
    scenario: Path = typer.Argument(..., help="Scenario file with named variants."),
    concept: list[str] = typer.Option(None, "--concept", "-c",
                                      help="Solution concept(s): Nash, GMR, SMR, SEQ, SIM (repeat or comma-separate; default all)."),
    variant: list[str] = typer.Option(None, "--variant", help="Only these variants (repeatable; default all)."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table or json."),
) -> None:
    """Equilibria of the base model and of each variant side by side, and what changed."""
    from detente.gmcr.compare import compare

    conflict = _load(scenario)
    if not conflict.variants:
        raise DetenteError(f"{scenario} declares no variants", file=str(scenario), field="variants",
                           hint="add 'variants:' with named overrides (see docs/flagship.md)")
    cmp = compare(conflict, variant or None, concept or None)
    if fmt == Fmt.json:
        _out(json.dumps(cmp.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    console.print(f"[bold]{conflict.title or scenario}[/bold]  options: " + ", ".join(conflict.option_names),
                  highlight=False)
    table = Table(show_lines=True)
    table.add_column("concept", style="bold")
    for n in cmp.names:
        table.add_column(f"{n}\n({cmp.n_states(n)} states)")
    for k in cmp.concepts:
        cells = []
        for n in cmp.names:
            skip = cmp.skipped(k, n)
            if skip:
                cells.append("skipped")
                continue
            new = set(cmp.appear.get(n, {}).get(k, []))
            lines = []
            for y in cmp.equilibria(k, n):
                lines.append(("+ " if y in new else "") + cmp.label(y, n))
            for y in cmp.vanish.get(n, {}).get(k, []):
                lines.append(f"- {y} gone")
            lines.extend(line.strip() for line in cmp.view_lines(n, k))  # each DM's view (hypergames)
            cells.append("\n".join(lines) or "none")
        table.add_row(k, *cells)
    console.print(table, markup=False)
    console.print("+ new relative to the base model, - no longer an equilibrium; states as id:Y/N (options taken).",
                  style="dim", markup=False)
    for n in cmp.names[1:]:
        console.print(f"{n}: {cmp.descriptions.get(n) or ''}", style="bold", markup=False, highlight=False)
        for ch in cmp.changes.get(n, []):
            console.print(f"  - {ch}", markup=False, highlight=False)


# --- paths -----------------------------------------------------------------------------------

@app.command("paths")
def paths_cmd(
    scenario: Path = typer.Argument(..., help="Scenario file with a status_quo."),
    to: list[str] = typer.Option(None, "--to",
                                 help="Target state(s): id, Y/N string, comma-separated taken options, or a "
                                      "name from the model's 'states:' (a set's name: all its states) "
                                      "(repeatable; default: the equilibria of the concept)."),
    concept: str = typer.Option("SEQ", "--concept", "-c", help="Targets are this concept's equilibria."),
    improvements_only: bool = typer.Option(False, "--improvements-only",
                                           help="Only moves that improve the mover's position."),
    variant: Optional[str] = typer.Option(None, "--variant", help="Apply a named variant of the model."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table or json."),
) -> None:
    """Shortest sequences of moves from the status quo to the equilibria (or to --to states)."""
    from detente.gmcr.analysis import analyze, normalise_concepts
    from detente.gmcr.status_quo import reachable

    conflict = _load(scenario, variant)
    concepts = normalise_concepts([concept])
    result = analyze(conflict, concepts if not to else ["Nash"])
    targets = None
    if to:
        targets = []
        for t in to:
            for code in result.space.parse_states(t):
                p = result.position_of(code)
                if p not in targets:
                    targets.append(p)
    reach = reachable(result, concepts[0], to=targets, improvements_only=improvements_only)
    if fmt == Fmt.json:
        _out(json.dumps(reach.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    mode = "unilateral improvements only" if improvements_only else "unilateral moves"
    what = "the given states" if to else f"the {concepts[0]} equilibria"
    console.print(f"From the status quo {_label(result, reach.start)} to {what}, by {mode}: "
                  f"{int((reach.distance >= 0).sum())} of {result.n_states} states reachable.",
                  markup=False, highlight=False)
    table = Table(show_lines=True)
    table.add_column("target")
    table.add_column("moves", justify="right")
    table.add_column("path (who moves, which options change, state reached)")
    from detente.gmcr.status_quo import step_note
    for p in reach.paths:
        steps = []
        for i, st in enumerate(p.moves, 1):
            steps.append(f"{i}. {st.words()} -> {_label(result, st.target)}{step_note(st)}")
        if p.needs_text():
            steps.append(p.needs_text())
        table.add_row(_label(result, p.target), str(len(p.moves)),
                      "\n".join(steps) or "(the status quo itself)")
    for u in reach.unreachable:
        table.add_row(_label(result, u), "-", "not reachable" + (" by improvements only" if improvements_only else ""))
    console.print(table, markup=False)
    if not improvements_only:
        console.print("Of the shortest paths, each shown has the fewest moves against their mover's interest "
                      "(then the lowest state ids, read from the target back).", style="dim", markup=False,
                      highlight=False)


# --- report ----------------------------------------------------------------------------------

@app.command("report")
def report_cmd(
    scenario: Path = typer.Argument(..., help="Scenario file."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write."),
    variant: Optional[str] = typer.Option(None, "--variant",
                                          help="Report on this variant (the comparison still shows them all)."),
    concept: list[str] = typer.Option(None, "--concept", "-c", help="Solution concepts (default all)."),
    questions: Optional[Path] = typer.Option(None, "--questions",
                                             help="Questions file (default: the questions SCENARIO embeds, else its .questions.yaml if present)."),
    no_questions: bool = typer.Option(False, "--no-questions", help="Do not answer any questions file."),
    summary: bool = typer.Option(True, "--summary/--no-summary", help="Print a short summary."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the summary cards as JSON "
                                            "(schema detente.summary/1, docs/json-schema.md) to this file."),
) -> None:
    """Write the self-contained HTML report (model, evidence, stability, paths, variants, graph)."""
    from detente.report import build_report, render_report
    from detente.report.html import report_sections
    from detente.report.questions import report_questions

    conflict = _load(scenario, variant)
    qs = None
    notes = None
    if not no_questions:
        if questions is not None and not questions.exists():
            raise DetenteError(f"{questions}: no such file", hint="give the path of a questions file")
        qs, notes = report_questions(conflict, scenario, questions)
    base = _load(scenario) if variant else None
    # How robust each conclusion is, when the model marks uncertain assumptions (issue 8), and
    # each DM's view beside reality when the model has perceptions (issue 12): both feed the
    # summary at the top of the page and have their own sections.
    data = build_report(conflict, concepts=concept or None, questions=qs, base=base, robustness=True,
                        state_notes=notes)
    html = render_report(data=data, extra_sections=report_sections(data))
    summary_json = None
    if json_out is not None:  # built before anything is written
        import json

        from detente.report.summary import summary_document
        summary_json = json.dumps(summary_document(data), indent=1, ensure_ascii=False) + "\n"
    if summary_json is None:
        write_output(output, html)
    else:
        # the JSON file takes its place only if the report is written too, and a JSON path
        # that cannot be written is refused before the report is written
        from detente.files import open_output
        with open_output(json_out) as fh:
            write_output(output, html)
            fh.write(summary_json.encode("utf-8"))
    if summary:
        r = data.result
        console.print(str(r), markup=False, highlight=False)
        cards = {c["id"]: c for c in data.context.get("summary", [])}
        for row in data.answers:
            a = row[0]
            console.print(a.question.title, style="bold", markup=False, highlight=False)
            card = cards.get(a.question.id)
            if card is not None:
                console.print("  " + card["verdict"]["text"], markup=False, highlight=False)
                rb = card.get("robust")
                if rb:
                    console.print("  how sure: " + rb["what"] + " = " + "; ".join(
                        f"{', '.join(g['concepts'])} {g['p']:.3f}{g['interval']}" for g in rb["groups"])
                        + (" (exact)" if rb["method"] == "exact" else ""), markup=False, highlight=False)
            for k, ca in a.concepts.items():
                what = f"stable for {a.question.dm}" if a.question.kind == "stability" else "equilibria"
                console.print(f"  {k} ({what}): " + "; ".join(
                    f"{m.model} {m.concepts[k].n_stable}/{m.concepts[k].n_states}"
                    for m in row if k in m.concepts), markup=False, highlight=False)
            for m in row:
                console.print(f"  {m.model}: {m.provenance()}", markup=False, highlight=False)
    err_console.print(f"report written to {output.resolve()}", markup=False, highlight=False)


@app.command("timeline")
def timeline_cmd(
    scenario: Path = typer.Argument(..., help="Model file with a 'timeline:' section."),
    concept: str = typer.Option("SEQ", "--concept", "-c", help="Concept of equilibria, paths and instability."),
    persisted_days: Optional[int] = typer.Option(None, "--persisted-days", "-n",
                                                 help="N of 'persisted at least N days' (default: the file's, else 30)."),
    no_robustness: bool = typer.Option(False, "--no-robustness", help="Skip robustness probabilities (Brier of the plain analysis only)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write the picture (.svg or .png)."),
) -> None:
    """Follow a negotiation over time: observed states, each move judged against the model in force
    just before it (anticipated or surprise), persistence of equilibria, Brier score."""
    import json as _json

    from detente.gmcr.timeline import timeline
    from detente.model.load import load
    if fmt not in ("table", "json"):
        raise DetenteError(f"unknown format {fmt!r}", hint="table or json")
    result = timeline(load(scenario), concept=concept, persisted_days=persisted_days, robust=not no_robustness)
    if plot is not None:
        result.plot(plot)
    if fmt == "json":
        print(_json.dumps(result.to_dict(), indent=2))
    else:
        print(result)
