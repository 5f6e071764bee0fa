"""GMCR commands: analyze, explain, states, import-gmcr, export-gmcr."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import numpy as np
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.cli import app, console, err_console
from detente.errors import DetenteError
from detente.files import write_output

MAX_TABLE_STATES = 64


class Fmt(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class TextFmt(str, Enum):
    text = "text"
    json = "json"


def load_model(path: Path, variant: str | None = None):
    from detente.model.load import load
    return load(path, variant=variant)


def run_analysis(conflict, concepts, sim_budget: int | None = None, quiet: bool = False):
    """analyze() with a rich progress bar on stderr for large conflicts."""
    from detente.gmcr.analysis import analyze, normalise_concepts
    from detente.gmcr.stability import DEFAULT_SIM_BUDGET
    concepts = normalise_concepts(concepts or None)
    kwargs = {"sim_budget": sim_budget or DEFAULT_SIM_BUDGET}
    show = not quiet and err_console.is_terminal and conflict.n_options >= 14
    if not show:
        return analyze(conflict, concepts, **kwargs)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("analysing", total=len(concepts) * len(conflict.decision_makers))

        def progress(name, done, total):
            bar.update(task, completed=done, total=total, description=f"{name}")
        return analyze(conflict, concepts, progress=progress, **kwargs)


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_output(output, text if text.endswith("\n") else text + "\n")
        err_console.print(f"wrote {output}", markup=False)


def _state_label(result, p: int) -> str:
    taken = result.conflict.taken(int(result.space.codes[p]))
    return ", ".join(taken) if taken else "(none)"


@app.command("analyze")
def analyze_cmd(
    model: Path = typer.Argument(..., help="Model file (.yaml, .json or GMCR+ .gmcr)."),
    concept: list[str] = typer.Option(None, "--concept", "-c",
                                      help="Solution concept(s): Nash, GMR, SMR, SEQ, SIM (repeat or comma-separate; default all)."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table, json or csv."),
    variant: Optional[str] = typer.Option(None, "--variant", help="Apply a named variant of the model."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
    sim_budget: Optional[int] = typer.Option(None, "--sim-budget", help="Max state x combination evaluations for SIM."),
):
    """Feasible states, each DM's ranking, and the stable states and equilibria per concept."""
    conflict = load_model(model, variant)
    result = run_analysis(conflict, concept, sim_budget, quiet=fmt != Fmt.table)
    if fmt == Fmt.json:
        emit(json.dumps(result.to_dict(), indent=1), output)
        return
    if fmt == Fmt.csv:
        emit(_csv(result), output)
        return
    if output is not None:
        from rich.console import Console
        buf = io.StringIO()
        _print_tables(result, Console(file=buf, width=160))
        emit(buf.getvalue(), output)
        return
    _print_tables(result, console)


def _csv(result) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    c = result.conflict
    concepts = [k for k in result.concepts if k in result.stable]
    header = ["id", "state"] + c.option_names + [f"rank:{d}" for d in c.dm_names]
    for k in concepts:
        header += [f"{k}:{d}" for d in c.dm_names] + [f"{k}:equilibrium"]
    w.writerow(header)
    eq = {k: result.equilibrium_mask(k) for k in concepts}
    for p in range(result.n_states):
        code = int(result.space.codes[p])
        row = [p + 1, c.yn(code)] + [int((code >> o.index) & 1) for o in c.options]
        row += [int(result.ranks[d][p]) for d in c.dm_names]
        for k in concepts:
            row += [int(result.stable[k][d][p]) for d in c.dm_names] + [int(eq[k][p])]
        w.writerow(row)
    return buf.getvalue()


def _print_tables(result, out) -> None:
    from detente.model.preferences import ranking_levels
    c = result.conflict
    n = result.n_states
    out.print(f"[bold]{c.title or c.file}[/]" + (f"  [dim](variant {c.variant_name})[/]" if c.variant_name else ""),
              highlight=False)
    out.print(f"{len(c.decision_makers)} decision makers, {c.n_options} options, {n:,} feasible states "
              f"of {2 ** c.n_options:,} combinations", highlight=False)
    opt_table = Table(title="Options", show_lines=False)
    for col in ("#", "option", "decision maker", "direction", "label"):
        opt_table.add_column(col)
    for o in c.options:
        opt_table.add_row(str(o.index + 1), o.name, o.dm, o.direction, o.label or "")
    out.print(opt_table)
    if n <= MAX_TABLE_STATES:
        st = Table(title="Feasible states (Y/N per option in the order above)")
        st.add_column("id", justify="right")
        st.add_column("state")
        st.add_column("options taken")
        for p in range(n):
            st.add_row(str(p + 1), result.yn(p), _state_label(result, p))
        out.print(st)
        rk = Table(title="Rankings (most preferred first; states in brackets are tied)")
        rk.add_column("decision maker")
        rk.add_column("ranking (state ids)")
        for d in c.dm_names:
            levels = ranking_levels(result.ranks[d])
            rk.add_row(d, " ".join(str(int(lv[0]) + 1) if len(lv) == 1 else "(" + " ".join(str(int(x) + 1) for x in lv) + ")"
                                   for lv in levels))
        out.print(rk)
    concepts = [k for k in result.concepts if k in result.stable]
    stab = Table(title="Stability: decision makers for whom each state is stable (EQ = equilibrium)")
    stab.add_column("id", justify="right")
    stab.add_column("state")
    for k in concepts:
        stab.add_column(k)
    eq = {k: result.equilibrium_mask(k) for k in concepts}
    any_eq = np.zeros(n, dtype=bool)
    for k in concepts:
        any_eq |= eq[k]
    rows = range(n) if n <= MAX_TABLE_STATES else np.flatnonzero(any_eq)[:200]
    initials = {d: d for d in c.dm_names}
    for p in rows:
        cells = []
        for k in concepts:
            if eq[k][p]:
                cells.append("[bold green]EQ[/]")
            else:
                who = [initials[d] for d in c.dm_names if result.stable[k][d][p]]
                cells.append(", ".join(who) if who else "[dim]-[/]")
        stab.add_row(str(p + 1), result.yn(p), *cells)
    out.print(stab)
    if n > MAX_TABLE_STATES:
        out.print(f"[dim]{n:,} states: only states that are an equilibrium under some concept are listed "
                  f"(--format csv lists all).[/]")
    summary = Table(title="Equilibria")
    summary.add_column("concept")
    summary.add_column("count", justify="right")
    summary.add_column("equilibria (id: options taken)")
    for k in result.concepts:
        if k in result.skipped:
            summary.add_row(k, "-", f"[yellow]skipped: {result.skipped[k]}[/]")
            continue
        e = result.equilibria(k)
        shown = "; ".join(f"{p + 1}: {_state_label(result, p)}" for p in e[:12]) + (" ..." if len(e) > 12 else "")
        summary.add_row(k, str(len(e)), shown or "none")
    out.print(summary)
    if result.status_quo_position is not None:
        p = result.status_quo_position
        out.print(f"Status quo: {p + 1}:{result.yn(p)} ({_state_label(result, p)})", highlight=False)


@app.command("explain")
def explain_cmd(
    model: Path = typer.Argument(..., help="Model file."),
    state: str = typer.Argument(..., help="State id, Y/N string, or taken options separated by commas ('-' for none)."),
    dm: str = typer.Option(..., "--dm", help="Decision maker whose stability to explain."),
    concept: list[str] = typer.Option(None, "--concept", "-c", help="Concept(s); default all five."),
    variant: Optional[str] = typer.Option(None, "--variant"),
    fmt: TextFmt = typer.Option(TextFmt.text, "--format", "-f"),
):
    """Why STATE is or is not stable for a DM: each improvement and the sanction that deters it."""
    from detente.gmcr.analysis import normalise_concepts
    from detente.gmcr.explain import explain
    conflict = load_model(model, variant)
    conflict.dm(dm)
    concepts = normalise_concepts(concept or None)
    result = run_analysis(conflict, concepts, quiet=True)
    pos = result.position_of(state)
    explanations = [explain(result, pos, dm, k) for k in concepts if k in result.stable]
    if fmt == TextFmt.json:
        emit(json.dumps([e.to_dict(result) for e in explanations], indent=1), None)
        return
    for e in explanations:
        console.print(str(e), markup=False, highlight=False)
        console.print()
    for k, reason in result.skipped.items():
        console.print(f"{k}: skipped ({reason})", markup=False)


@app.command("states")
def states_cmd(
    model: Path = typer.Argument(..., help="Model file."),
    variant: Optional[str] = typer.Option(None, "--variant"),
    fmt: TextFmt = typer.Option(TextFmt.text, "--format", "-f"),
    limit: int = typer.Option(256, "--limit", help="Most rows to list in each table."),
):
    """Feasible states, and which constraint makes each infeasible combination infeasible."""
    from detente.model.states import StateSpace
    conflict = load_model(model, variant)
    space = StateSpace.build(conflict)
    m = conflict.n_options
    feasible = [int(x) for x in space.codes[:limit]]
    infeasible = []
    if m <= 16:
        fset = set(int(x) for x in space.codes)
        for code in range(1 << m):
            if code not in fset:
                infeasible.append(code)
                if len(infeasible) >= limit:
                    break
    per_constraint = {}
    if conflict.constraints and m <= 22:
        from detente.model.states import _option_values
        codes = np.arange(1 << m, dtype=np.uint64)
        value_of = _option_values(codes, conflict)
        for ct in conflict.constraints:
            per_constraint[ct.title] = int(np.broadcast_to(np.asarray(ct.expr.evaluate(value_of), dtype=bool),
                                                           codes.shape).sum())
    if fmt == TextFmt.json:
        emit(json.dumps({
            "n_feasible": space.n, "n_combinations": 1 << m,
            "feasible": [{"id": space.id_of(c), "yn": conflict.yn(c), "taken": conflict.taken(c)} for c in feasible],
            "infeasible": [{"yn": conflict.yn(c), "taken": conflict.taken(c),
                            "because": space.infeasibility_reasons(c)} for c in infeasible],
            "excluded_by_constraint": per_constraint}, indent=1), None)
        return
    t = Table(title=f"Feasible states: {space.n:,} of {1 << m:,} combinations")
    t.add_column("id", justify="right")
    t.add_column("state")
    t.add_column("options taken")
    for c in feasible:
        t.add_row(str(space.id_of(c)), conflict.yn(c), ", ".join(conflict.taken(c)) or "(none)")
    console.print(t)
    if space.n > limit:
        console.print(f"[dim]... {space.n - limit:,} more (raise --limit)[/]")
    if infeasible:
        t = Table(title="Infeasible combinations and the constraints that exclude them")
        t.add_column("state")
        t.add_column("options taken")
        t.add_column("excluded by")
        for c in infeasible:
            t.add_row(conflict.yn(c), ", ".join(conflict.taken(c)) or "(none)", "; ".join(space.infeasibility_reasons(c)))
        console.print(t)
    if per_constraint:
        t = Table(title="Combinations each constraint excludes")
        t.add_column("constraint")
        t.add_column("why")
        t.add_column("combinations", justify="right")
        for ct in conflict.constraints:
            t.add_row(ct.title, ct.why or "", f"{per_constraint[ct.title]:,}")
        console.print(t)


@app.command("import-gmcr")
def import_gmcr_cmd(
    file: Path = typer.Argument(..., help="A GMCR+ save file (.gmcr)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write the detente model (YAML)."),
):
    """Convert a GMCR+ save file into a detente model (YAML)."""
    from detente.model.gmcrplus import _read_json, gmcr_to_document, read_gmcr
    from detente.model.yamlio import dump_yaml
    read_gmcr(file)  # full validation first: nothing is written for a bad file
    data, pos = _read_json(file)
    doc = gmcr_to_document(data, pos)
    text = f"# Imported from {file.name} (GMCR+ save file) by detente import-gmcr\n" + dump_yaml(doc)
    emit(text, output)


@app.command("export-gmcr")
def export_gmcr_cmd(
    model: Path = typer.Argument(..., help="A detente model file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write the .gmcr file."),
    variant: Optional[str] = typer.Option(None, "--variant"),
):
    """Write a detente model as a GMCR+ save file (options in detente's order)."""
    from detente.model.gmcrplus import write_gmcr
    conflict = load_model(model, variant)
    emit(write_gmcr(conflict), output)
