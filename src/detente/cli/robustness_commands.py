"""Commands for uncertain preferences: robustness, sensitivity, inverse."""

from __future__ import annotations

import contextlib
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, Iterator, Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from detente.cli import app, console, err_console
from detente.errors import DetenteError
from detente.files import write_output


class Interrupted(DetenteError):
    """Ctrl-C during a long run: workers stopped, nothing written (exit status 130)."""

    exit_code = 130


class Stopped(DetenteError):
    """SIGTERM during a long run: workers stopped, nothing written (exit status 143)."""

    exit_code = 143


class Fmt(str, Enum):
    table = "table"
    json = "json"


def _load(path: Path, variant: str | None):
    from detente.model.load import load
    return load(path, variant=variant)


@contextlib.contextmanager
def _progress(what: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr (only on a terminal), as a ``progress(done, total)`` callback."""
    try:
        if quiet or not err_console.is_terminal:
            yield None
            return
        with _bar(what) as update:
            yield update
    except KeyboardInterrupt as exc:
        from detente.processes import Terminated
        if isinstance(exc, Terminated):
            raise Stopped("stopped (SIGTERM): the workers were stopped and nothing was written") from None
        raise Interrupted("interrupted: the workers were stopped and nothing was written") from None


@contextlib.contextmanager
def _bar(what: str) -> Iterator[Callable[[int, int], None]]:
    with Progress(TextColumn(f"[bold]{what}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task(what, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
        yield update


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_output(output, text if text.endswith("\n") else text + "\n")
        err_console.print(f"wrote {output}", markup=False)


def _concepts(values: list[str] | None) -> list[str] | None:
    return [v for v in values] if values else None


_TIMEOUT_HELP = ("Seconds allowed for reaching the Dask scheduler, for its first worker, and for a run "
                 "without any worker or scheduler connection before it stops with a message.")
_SCHED_HELP = ("Dask scheduler address (tcp://host:8786 or tls://host:8786), or 'local' for a temporary "
               "local Dask cluster; default: local processes.")


def _robustness_table(result) -> None:
    how = (f"{result.draws:,} draws, seed {result.seed}, {result.confidence:.0%} Wilson intervals"
           if result.method == "sampled" else f"exact, {result.draws:,} profiles")
    console.print(f"[bold]{result.conflict.title or 'Conflict'}[/bold]: robustness ({how}; "
                  f"{len(result.assumptions)} uncertain assumptions; {result.distinct_profiles:,} distinct "
                  f"profiles; {result.seconds:.1f} s on {result.workers})", highlight=False)
    if not result.assumptions:
        console.print("[yellow]The model declares no uncertainty: every draw is the model as written.[/yellow] "
                      "See docs/robustness.md for 'probability:' and 'uncertainty:'.")
    for concept in result.concepts:
        rows = result.rows(concept)
        if not rows:
            console.print(f"{concept}: no state is an equilibrium in any draw")
            continue
        t = Table(title=f"{concept}: probability of being an equilibrium", title_justify="left")
        t.add_column("state", no_wrap=True)
        t.add_column("P(equilibrium)", no_wrap=True)
        t.add_column("as written", no_wrap=True)
        t.add_column("least stable for", no_wrap=True)
        t.add_column("options taken")
        for row in rows[:30]:
            lo, hi = row["interval"]
            p = f"{row['p_equilibrium']:.3f}" + (f" [{lo:.3f}, {hi:.3f}]" if result.method == "sampled" else "")
            dm, ps = min(row["p_stable"].items(), key=lambda kv: kv[1])
            t.add_row(f"{row['id']}:{row['yn']}", p, "yes" if row["baseline_equilibrium"] else "-",
                      f"{dm} ({ps:.2f})", ", ".join(row["taken"]) or "-")
        console.print(t)
        if len(rows) > 30:
            console.print(f"  ... {len(rows) - 30} more states (use --format json)")
    console.print("'as written': an equilibrium of the model as written; 'least stable for': the decision "
                  "maker for whom the state is stable least often (all of them: --format json).", style="dim")


def _method(exact: bool, sample: bool, draws: int | None) -> str:
    """--exact; --sample or an explicit --draws: sampling; else exact when it visits no more
    profiles than the model's draws (cheaper and free of sampling noise), sampling otherwise."""
    if exact and sample:
        raise DetenteError("--exact and --sample contradict each other", hint="give one of them")
    return "exact" if exact else "sampled" if (sample or draws is not None) else "auto"


def _focal_concept(result, state: str, concept: list[str] | None) -> str:
    """The concept of a --state tornado: the one asked for, else the first under which the state
    is an equilibrium of the model as written, else the one giving it the highest probability
    (and say so)."""
    if concept:
        return result.concepts[0]
    try:
        pos = result.position_of(state)
    except Exception:
        return result.concepts[0]  # sensitivity() reports the bad state with its own message
    if pos < 0:
        return result.concepts[0]
    for k in result.concepts:
        if pos in set(int(p) for p in result.baseline.get(k, [])):
            err_console.print(f"{result.label(pos)} is a {k} equilibrium of the model as written; "
                              f"tornado for {k} (choose with --concept)", markup=False, soft_wrap=True)
            return k
    best = max(result.concepts, key=lambda k: float(result.eq[k][pos]))
    err_console.print(f"{result.label(pos)} is an equilibrium of the model as written under no concept; "
                      f"tornado for {best}, where it is most probable (choose with --concept)", markup=False,
                      soft_wrap=True)
    return best


@app.command("robustness")
def robustness_cmd(
    model: Path = typer.Argument(..., help="Model file with uncertain preferences."),
    draws: Optional[int] = typer.Option(None, "--draws", "-n", help="Random draws (default: the model's, else 2000)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Seed (default: the model's, else 0); same seed, same result."),
    concept: list[str] = typer.Option(None, "--concept", "-c", help="Nash, GMR, SMR, SEQ, SIM (default Nash,GMR,SMR,SEQ)."),
    exact: bool = typer.Option(False, "--exact", help="Enumerate every profile with its probability instead of sampling "
                               "(default without --draws: automatically, when there are no more profiles than draws)."),
    sample: bool = typer.Option(False, "--sample", help="Sample even when exact enumeration would be cheaper."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Local worker processes (default: the CPUs)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=_SCHED_HELP),
    timeout: float = typer.Option(10.0, "--timeout", help=_TIMEOUT_HELP),
    max_hours: float = typer.Option(12.0, "--max-hours", help="Refuse runs estimated to take longer."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table or json."),
    variant: Optional[str] = typer.Option(None, "--variant", help="Apply a named variant of the model."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    perceptions: bool = typer.Option(False, "--perceptions",
                                     help="Uncertain perceptions instead: probability that each DM expects each "
                                          "state, and that it is a hypergame equilibrium (exact; docs/hypergames.md)."),
) -> None:
    """Probability that each state is an equilibrium (and stable for each DM) when preferences
    are uncertain, with confidence intervals."""
    from detente.gmcr.robustness import robustness
    conflict = _load(model, variant)
    if perceptions:
        _perception_robustness(conflict, concept, fmt, output, quiet)
        return
    with _progress("sampling", quiet) as progress:
        result = robustness(conflict, draws=draws, seed=seed, concepts=_concepts(concept),
                            method=_method(exact, sample, draws), workers=workers, scheduler=scheduler,
                            timeout=timeout, max_hours=max_hours, progress=progress,
                            record=False)  # counts only: no tornado here, so no per-draw equilibria
    if fmt == Fmt.json:
        _emit(json.dumps(result.to_dict(), indent=1), output)
    elif output is not None:
        _emit(str(result), output)
    else:
        _robustness_table(result)


def _perception_robustness(conflict, concept, fmt, output, quiet) -> None:
    from detente.gmcr.hypergame import perception_robustness
    with _progress("perception profiles", quiet) as progress:
        result = perception_robustness(conflict, _concepts(concept), progress=progress)
    if fmt == Fmt.json or output is not None:
        _emit(json.dumps(result.to_dict(), indent=1), output)
        return
    console.print(f"[bold]{conflict.title or 'Conflict'}[/bold]: uncertain perceptions (exact, {result.profiles:,} "
                  f"combinations of {len(result.parts)} parts)", highlight=False)
    for d, kind, key, p in result.parts:
        console.print(f"  {d}: {kind} {key} holds with probability {p:g}", markup=False, highlight=False)
    viewers = sorted({d for d, *_ in result.parts})
    for k in result.concepts:
        t = Table(title=f"{k}: probability that each DM expects the state, and that it is a hypergame equilibrium",
                  title_justify="left")
        t.add_column("state", no_wrap=True)
        for d in viewers:
            t.add_column(f"{d} expects", no_wrap=True)
        t.add_column("hypergame eq.", no_wrap=True)
        t.add_column("real eq.", no_wrap=True)
        for row in result.rows(k)[:30]:
            t.add_row(f"{row['id']}:{row['yn']}", *[f"{row['p_expected'][d]:.3f}" for d in viewers],
                      f"{row['p_hypergame_equilibrium']:.3f}", "yes" if row["real_equilibrium"] else "-")
        console.print(t)


@app.command("sensitivity")
def sensitivity_cmd(
    model: Path = typer.Argument(..., help="Model file with uncertain preferences."),
    draws: Optional[int] = typer.Option(None, "--draws", "-n", help="Random draws for the tornado (default: the model's, else 2000)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Seed."),
    concept: list[str] = typer.Option(None, "--concept", "-c", help="Concepts (default Nash,GMR,SMR,SEQ)."),
    state: Optional[str] = typer.Option(None, "--state", "-s", help="Focal state of the tornado (id, Y/N or options); "
                                        "default: the equilibrium that swings most."),
    exact: bool = typer.Option(False, "--exact", help="Exact conditional probabilities (enumerate profiles; "
                               "default without --draws: automatically, when there are no more profiles than draws)."),
    sample: bool = typer.Option(False, "--sample", help="Sample even when exact enumeration would be cheaper."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write the tornado plot to this SVG file."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Local worker processes."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=_SCHED_HELP),
    timeout: float = typer.Option(10.0, "--timeout", help=_TIMEOUT_HELP),
    max_hours: float = typer.Option(12.0, "--max-hours", help="Refuse runs estimated to take longer."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table or json."),
    variant: Optional[str] = typer.Option(None, "--variant", help="Apply a named variant of the model."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Which equilibria appear or vanish when each uncertain assumption flips, and a tornado plot."""
    from detente.gmcr.robustness import robustness
    from detente.gmcr.sensitivity import sensitivity, tornado_svg
    conflict = _load(model, variant)
    concepts = _concepts(concept)
    with _progress("sampling", quiet) as progress:
        result = robustness(conflict, draws=draws, seed=seed, concepts=concepts,
                            method=_method(exact, sample, draws), workers=workers, scheduler=scheduler,
                            timeout=timeout, max_hours=max_hours, progress=progress)
    focal = (_focal_concept(result, state, concept), state) if state else None
    sens = sensitivity(conflict, result=result, focal=focal)
    if plot is not None:
        tornado_svg(sens, plot)
        err_console.print(f"wrote {plot}", markup=False)
    if fmt == Fmt.json:
        _emit(json.dumps(sens.to_dict(), indent=1), output)
        return
    if output is not None:
        _emit(str(sens), output)
        return
    t = Table(title="If one assumption flips (all else as written)", title_justify="left")
    for col in ("#", "assumption as written", "P", "flipped", "equilibria appear", "equilibria vanish"):
        t.add_column(col)

    def states(d):
        return "\n".join(f"{c}: " + ", ".join(f"{result.label(p)}" for p in v) for c, v in d.items() if v) or "-"
    for f in sens.flips:
        a = f.assumption
        t.add_row(str(a.index + 1), a.holds, f"{a.probability:.2f}", a.flipped, states(f.appear), states(f.vanish))
    if not sens.flips:
        console.print("[yellow]The model declares no uncertainty[/yellow] (see docs/robustness.md).")
        return
    console.print(t)
    if sens.state is not None:
        p = result.probability(sens.concept, int(result.space.codes[sens.state]))
        t2 = Table(title=f"Tornado: P({result.label(sens.state)} is a {sens.concept} equilibrium) = "
                         f"{p:.3f}", title_justify="left")
        for col in ("#", "assumption", "as written", "flipped", "swing"):
            t2.add_column(col)
        for s in sens.swings:
            t2.add_row(str(s.assumption.index + 1), s.assumption.holds, _p(s.p_holds), _p(s.p_flipped), f"{s.width:.3f}")
        console.print(t2)


def _p(x: float) -> str:
    return "n/a" if x != x else f"{x:.3f}"


@app.command("inverse")
def inverse_cmd(
    model: Path = typer.Argument(..., help="Model file."),
    state: str = typer.Option(..., "--state", "-s", help="Desired state: id (GMCR+ numbering), Y/N string or taken options."),
    dm: list[str] = typer.Option(..., "--dm", help="Decision maker whose ranking varies (repeat for several)."),
    concept: str = typer.Option("Nash", "--concept", "-c", help="Nash, GMR, SMR or SEQ."),
    fix: list[str] = typer.Option(None, "--fix", help="Fixed pairwise order 'A>B' or 'DM: A>B' (repeatable)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Local worker processes."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=_SCHED_HELP),
    timeout: float = typer.Option(10.0, "--timeout", help=_TIMEOUT_HELP),
    max_hours: float = typer.Option(4.0, "--max-hours", help="Refuse enumerations estimated to take longer."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table or json."),
    variant: Optional[str] = typer.Option(None, "--variant", help="Apply a named variant of the model."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Which rankings of the chosen DMs make a state an equilibrium: exact count and conditions."""
    from detente.gmcr.inverse import inverse
    conflict = _load(model, variant)
    with _progress("checking rankings", quiet) as progress:
        result = inverse(conflict, state=state, dms=dm, concept=concept, bounds=fix or [], workers=workers,
                         scheduler=scheduler, timeout=timeout, max_hours=max_hours, progress=progress)
    if fmt == Fmt.json:
        _emit(json.dumps(result.to_dict(), indent=1), output)
    else:
        _emit(str(result), output)
