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
    npz = "npz"


class Sets(str, Enum):
    auto = "auto"
    readable = "readable"
    compact = "compact"


class TextFmt(str, Enum):
    text = "text"
    json = "json"


def load_model(path: Path, variant: str | None = None):
    from detente.model.load import load
    conflict = load(path, variant=variant)
    print_import_warnings(conflict)
    return conflict


def print_import_warnings(conflict) -> None:
    """What an imported file (GMCR+) had that detente did not import or reads differently."""
    for p in conflict.import_warnings:
        err_console.print(f"warning: {p}", markup=False, highlight=False, soft_wrap=True)


def run_analysis(conflict, concepts, sim_budget: float | None = None, quiet: bool = False,
                 output: tuple[str, str] | None = None):
    """analyze() with a rich progress bar on stderr for large conflicts; ``output`` (format,
    sets) is counted in the up-front memory check."""
    from detente.gmcr.analysis import analyze, normalise_concepts
    from detente.gmcr.stability import DEFAULT_SIM_BUDGET
    concepts = normalise_concepts(concepts or None)
    kwargs = {"sim_budget": DEFAULT_SIM_BUDGET if sim_budget is None else sim_budget, "output": output}
    show = not quiet and err_console.is_terminal and conflict.n_options >= 14
    if not show:
        return analyze(conflict, concepts, **kwargs)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("analysing", total=len(concepts) * len(conflict.decision_makers))

        def progress(name, done, total):
            bar.update(task, completed=done, total=total, description=f"{name}")
        return analyze(conflict, concepts, progress=progress, **kwargs)


def emit_chunks(chunks, output: Path | None) -> None:
    """Write text pieces to stdout or (atomically, as they come) to ``output``."""
    if output is None:
        for piece in chunks:
            sys.stdout.write(piece)
    else:
        write_output(output, chunks)
        err_console.print(f"wrote {output}", markup=False)


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_output(output, text if text.endswith("\n") else text + "\n")
        err_console.print(f"wrote {output}", markup=False)


def _state_label(result, p: int) -> str:
    taken = result.conflict.taken(int(result.space.codes[p]))
    return ", ".join(taken) if taken else "(none)"


def _named_label(result, p: int) -> str:
    """The state's names (``states:`` of the model) and the options taken."""
    names = result.names(p)
    return ("/".join(names) + f" ({_state_label(result, p)})") if names else _state_label(result, p)


@app.command("analyze")
def analyze_cmd(
    model: Path = typer.Argument(..., help="Model file (.yaml, .json or GMCR+ .gmcr)."),
    concept: list[str] = typer.Option(None, "--concept", "-c",
                                      help="Solution concept(s): Nash, GMR, SMR, SEQ, SIM (repeat or comma-separate; default all)."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f",
                            help="table, json, csv or npz (columnar NumPy archive; needs --output)."),
    variant: Optional[str] = typer.Option(None, "--variant", help="Apply a named variant of the model."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
    sim_budget: Optional[float] = typer.Option(None, "--sim-budget",
                                               help="CPU seconds SIM may take, estimated on the model before it "
                                                    "runs (default 60; 0 turns it off); beyond, SIM is skipped "
                                                    "and the output says why."),
    sets: Sets = typer.Option(Sets.auto, "--sets",
                              help="JSON: state sets as Y/N lists (readable) or ranges/bitsets (compact); "
                                   "auto = readable up to 4,096 states (docs/json-schema.md)."),
):
    """Feasible states, each DM's ranking, and the stable states and equilibria per concept."""
    from detente.gmcr.output import analysis_document, csv_chunks, json_chunks, write_npz
    if fmt == Fmt.npz and output is None:
        raise DetenteError("--format npz writes a binary archive and needs --output FILE.npz")
    conflict = load_model(model, variant)
    result = run_analysis(conflict, concept, sim_budget, quiet=fmt != Fmt.table,
                          output=(fmt.value, sets.value))
    hyper = run_hypergame(conflict, result)
    if fmt == Fmt.json:
        out = analysis_document(result, sets=sets.value)
        if hyper is not None:
            out["hypergame"] = hyper.to_dict()
        emit_chunks(json_chunks(out), output)
        return
    if fmt == Fmt.csv:
        emit_chunks(csv_chunks(result, hyper), output)
        return
    if fmt == Fmt.npz:
        from detente.files import open_output
        with open_output(output) as fh:
            write_npz(result, fh)
        err_console.print(f"wrote {output}", markup=False)
        return
    if output is not None:
        from rich.console import Console
        buf = io.StringIO()
        _print_tables(result, Console(file=buf, width=160))
        if hyper is not None:
            print_views(hyper, Console(file=buf, width=160))
        emit(buf.getvalue(), output)
        return
    _print_tables(result, console)
    if hyper is not None:
        print_views(hyper, console)


def run_hypergame(conflict, result):
    """The hypergame analysis when some DM has a perception (None otherwise), reusing ``result``
    for reality; only the concepts hypergames define (Nash, GMR, SMR, SEQ) among those analysed."""
    if not conflict.has_perceptions:
        return None
    from detente.gmcr.hypergame import HYPERGAME_CONCEPTS, hypergame
    concepts = [k for k in result.concepts if k in HYPERGAME_CONCEPTS and k in result.stable]
    if not concepts:
        err_console.print("note: the model has perceptions, but hypergame analysis covers Nash, GMR, SMR and "
                          "SEQ only; add one of them with -c to see each DM's view", markup=False)
        return None
    return hypergame(conflict, concepts, reality=result)


def print_views(h, out) -> None:
    """Each DM's view beside reality: equilibria per concept and the classes of docs/hypergames.md."""
    c = h.conflict
    def show(mask):
        pos = np.flatnonzero(mask)
        return ", ".join(h.label(p) for p in pos[:12]) + (" ..." if len(pos) > 12 else "") or "[dim]none[/]"
    t = Table(title="Each decision maker's view beside reality (first-level hypergame; docs/hypergames.md)")
    t.add_column("concept")
    t.add_column("reality: equilibria")
    for d in h.perceivers:
        t.add_column(f"{d} expects")
    t.add_column("hypergame equilibria")
    for k in h.concepts:
        t.add_row(k, show(h.real_equilibrium[k]), *[show(h.expected[k][d]) for d in h.perceivers],
                  show(h.hypergame_mask(k)))
    out.print(t)
    t = Table(title="Classes: steady = a hypergame equilibrium every DM expects; unsteady = expected by some DM, "
                    "not a hypergame equilibrium; stealthy = an equilibrium of reality some DM cannot see")
    t.add_column("concept")
    for name in ("steady", "unsteady", "stealthy"):
        t.add_column(name)
    for d in h.perceivers:
        t.add_column(f"{d} expects, not real")
    for k in h.concepts:
        cls = h.classes(k)
        t.add_row(k, show(cls["steady"]), show(cls["unsteady"]), show(cls["stealthy"]),
                  *[show(h.per_dm(k, d)["not_real"]) for d in h.perceivers])
    out.print(t)
    for d in h.perceivers:
        per = c.dm(d).perception
        bits = []
        if per.unknown_options:
            bits.append("does not know " + ", ".join(per.unknown_option_names))
        if per.believes_infeasible:
            bits.append("believes impossible: " + "; ".join(k.text for k in per.believes_infeasible))
        if per.believes_feasible:
            bits.append("believes possible: " + "; ".join(k.text for k in per.believes_feasible))
        for other, b in per.preferences_of.items():
            if b.as_changes:
                bits.append(f"misjudges {other}: leaves out " + (", ".join(s.id or s.text for s in b.dropped) or "nothing")
                            + (", adds " + ", ".join(s.text for s in b.added) if b.added else ""))
            else:
                bits.append(f"misjudges {other}'s preferences (" + ("ranking" if b.ranking else "statements") + ")")
        invisible = int((h.real & ~h.visible[d]).sum())
        out.print(f"{d}'s view: " + "; ".join(bits) + (f" ({invisible} feasible state(s) invisible to it)" if invisible else ""),
                  markup=False, highlight=False)
    for line in h.second_level_lines():
        out.print("Second level:" + line, markup=False, highlight=False)
    out.print("Why a DM expects a state: detente explain MODEL STATE --view DM", markup=False, highlight=False)


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
        named = bool(c.named_states)
        if named:
            st.add_column("name")
        for p in range(n):
            st.add_row(str(p + 1), result.yn(p), _state_label(result, p), *(["/".join(result.names(p))] if named else []))
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
    if c.named_states:
        stab.add_column("name")
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
        stab.add_row(str(p + 1), result.yn(p), *(["/".join(result.names(p))] if c.named_states else []), *cells)
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
        shown = "; ".join(f"{p + 1}: {_named_label(result, p)}" for p in e[:12]) + (" ..." if len(e) > 12 else "")
        summary.add_row(k, str(len(e)), shown or "none")
    out.print(summary)
    if result.status_quo_position is not None:
        p = result.status_quo_position
        out.print(f"Status quo: {result.label(p)} ({_state_label(result, p)})", highlight=False)


@app.command("explain")
def explain_cmd(
    model: Path = typer.Argument(..., help="Model file."),
    state: str = typer.Argument(..., help="State id, Y/N string, taken options separated by commas ('-' for none), "
                                          "or a name from the model's 'states:'."),
    dm: Optional[str] = typer.Option(None, "--dm", help="Decision maker whose stability to explain."),
    view: Optional[str] = typer.Option(None, "--view",
                                       help="Explain a DM's view instead: why it expects STATE to hold (or not), and "
                                            "what actually happens there (models with perceptions; docs/hypergames.md)."),
    concept: list[str] = typer.Option(None, "--concept", "-c", help="Concept(s); default all five (with --view: "
                                                                     "Nash, GMR, SMR, SEQ)."),
    variant: Optional[str] = typer.Option(None, "--variant"),
    fmt: TextFmt = typer.Option(TextFmt.text, "--format", "-f"),
):
    """Why STATE is or is not stable for a DM: each improvement and the sanction that deters it."""
    from detente.gmcr.analysis import normalise_concepts
    from detente.gmcr.explain import explain
    if (dm is None) == (view is None):
        raise DetenteError("give --dm DM (stability of STATE for that DM) or --view DM (why that DM expects "
                           "STATE, and what happens there)", hint="e.g. detente explain MODEL NYY --view US")
    conflict = load_model(model, variant)
    if view is not None:
        _explain_view(conflict, state, view, concept, fmt)
        return
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
    if conflict.has_perceptions:
        console.print(f"(this model has perceptions: --view DM explains what each DM expects at {state})",
                      markup=False, highlight=False)


def _explain_view(conflict, state: str, viewer: str, concept, fmt) -> None:
    from detente.gmcr.hypergame import explain_view, hypergame, hypergame_concepts
    conflict.dm(viewer)
    if conflict.dm(viewer).perception is None:
        err_console.print(f"note: {viewer} has no perception in this model, so its view is reality", markup=False)
    concepts = hypergame_concepts(concept or None)
    h = hypergame(conflict, concepts)
    pos = h.position_of(state)
    explanations = [explain_view(h, pos, viewer, k) for k in concepts]
    if fmt == TextFmt.json:
        emit(json.dumps([e.to_dict() for e in explanations], indent=1), None)
        return
    for e in explanations:
        console.print(f"[{e.concept}]", markup=False, highlight=False)
        console.print(str(e), markup=False, highlight=False)
        console.print()


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
            "feasible": [{"id": space.id_of(c), "yn": conflict.yn(c), "taken": conflict.taken(c),
                          "names": conflict.state_names(c)} for c in feasible],
            "infeasible": [{"yn": conflict.yn(c), "taken": conflict.taken(c),
                            "because": space.infeasibility_reasons(c)} for c in infeasible],
            "excluded_by_constraint": per_constraint}, indent=1), None)
        return
    t = Table(title=f"Feasible states: {space.n:,} of {1 << m:,} combinations")
    t.add_column("id", justify="right")
    t.add_column("state")
    t.add_column("options taken")
    if conflict.named_states:
        t.add_column("name")
    for c in feasible:
        t.add_row(str(space.id_of(c)), conflict.yn(c), ", ".join(conflict.taken(c)) or "(none)",
                  *(["/".join(conflict.state_names(c))] if conflict.named_states else []))
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
    conflict = read_gmcr(file)  # full validation first: nothing is written for a bad file
    print_import_warnings(conflict)
    data, pos = _read_json(file)
    doc = gmcr_to_document(data, pos)
    notes = "".join(f"# warning: {' '.join(str(p).split())}\n" for p in conflict.import_warnings)
    text = f"# Imported from {file.name} (GMCR+ save file) by detente import-gmcr\n" + notes + dump_yaml(doc)
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
    warnings: list[str] = []
    text = write_gmcr(conflict, warnings)
    for w in warnings:
        err_console.print(f"warning: {w}", markup=False, highlight=False, soft_wrap=True)
    emit(text, output)
