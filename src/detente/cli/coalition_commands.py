"""``detente coalitions``: coalitional stability (CNash, CGMR, CSMR, CSEQ)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import numpy as np
import typer
from rich.table import Table

from detente.cli import app, console, err_console

MAX_ROWS = 64


class CoalitionFmt(str, Enum):
    table = "table"
    json = "json"


@app.command("coalitions")
def coalitions_cmd(
    model: Path = typer.Argument(..., help="Model file (.yaml, .json or GMCR+ .gmcr)."),
    coalition: list[str] = typer.Option(None, "--coalition", "-C",
                                        help="A coalition as comma-separated DM names (repeatable); "
                                             "default every coalition. Single DMs are always included."),
    concept: list[str] = typer.Option(None, "--concept", "-c",
                                      help="CNash, CGMR, CSMR, CSEQ (repeat or comma-separate; default all)."),
    fmt: CoalitionFmt = typer.Option(CoalitionFmt.table, "--format", "-f", help="table or json."),
    variant: Optional[str] = typer.Option(None, "--variant", help="Apply a named variant of the model."),
    budget: Optional[int] = typer.Option(None, "--budget",
                                         help="Skip coalitions needing more operations than this."),
):
    """Which states coalitions of decision makers can upset, or cannot (Inohara & Hipel 2008)."""
    from detente.gmcr.analysis import analyze
    from detente.gmcr.coalitions import DEFAULT_COALITION_BUDGET, coalition_analysis
    from detente.model.load import load

    conflict = load(model, variant=variant)
    result = analyze(conflict, concepts=["Nash"])
    show = fmt == CoalitionFmt.table and err_console.is_terminal and result.n_states >= 4096
    kwargs = dict(coalitions=coalition or None, concepts=concept or None,
                  budget=budget or DEFAULT_COALITION_BUDGET)
    if show:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                      TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                      console=err_console, transient=True) as bar:
            task = bar.add_task("coalitions", total=None)

            def progress(name, done, total):
                bar.update(task, completed=done, total=total, description=name)
            cr = coalition_analysis(result, progress=progress, **kwargs)
    else:
        cr = coalition_analysis(result, **kwargs)
    if fmt == CoalitionFmt.json:
        d = {"schema": "detente.coalitions/1", "model": {"title": conflict.title, "file": conflict.file},
             "n_states": result.n_states} | cr.to_dict()
        sys.stdout.write(json.dumps(d, indent=1) + "\n")
        return
    _print(cr)


def _print(cr) -> None:
    r = cr.result
    c = r.conflict
    console.print(f"[bold]{c.title or c.file}[/]: {r.n_states:,} feasible states, "
                  f"{len(cr.coalitions)} coalitions", highlight=False)
    for co, why in cr.skipped.items():
        console.print(f"[yellow]skipped {{{', '.join(co)}}}: {why}[/]", highlight=False)
    multi = [co for co in cr.analysed if len(co) >= 2]
    eq = {k: cr.equilibrium_mask(k) for k in cr.concepts}
    interesting = np.zeros(r.n_states, dtype=bool)
    for k in cr.concepts:
        interesting |= eq[k]
        for co in multi:
            interesting |= cr.stable[k][co]
    rows = range(r.n_states) if r.n_states <= MAX_ROWS else np.flatnonzero(interesting)[:200]
    t = Table(title="Coalitions for which each state is stable (EQ = stable for every coalition)")
    t.add_column("id", justify="right")
    t.add_column("state")
    for k in cr.concepts:
        t.add_column(k)
    from detente.model.conflict import with_names
    for p in rows:
        cells = []
        for k in cr.concepts:
            if eq[k][p]:
                cells.append("[bold green]EQ[/]")
            else:
                who = ["{" + ", ".join(co) + "}" for co in multi if cr.stable[k][co][p]]
                cells.append(" ".join(who) if who else "[dim]-[/]")
        t.add_row(str(p + 1), with_names(r.yn(p), r.names(p)), *cells)
    console.print(t)
    if r.n_states > MAX_ROWS:
        console.print(f"[dim]{r.n_states:,} states: only states stable for some coalition of two or more "
                      f"are listed (--format json lists all).[/]")
    s = Table(title="Coalitional equilibria")
    s.add_column("concept")
    s.add_column("count", justify="right")
    s.add_column("equilibria (id: state)")
    for k in cr.concepts:
        e = cr.equilibria(k)
        s.add_row(k, str(len(e)), "; ".join(r.label(p) for p in e[:12])
                  + (" ..." if len(e) > 12 else "") or "none")
    console.print(s)
