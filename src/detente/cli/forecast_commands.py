"""``detente forecast`` and ``detente forecast-import``: bargaining forecasts from the CLI."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.cli import app, console
from detente.errors import DetenteError, Problem
from detente.files import write_output

MODEL_CHOICES = ("compromise", "median", "nash", "eu", "all")


def _parse_eu_options(items: list[str]):
    from detente.bargaining.expected_utility import EUOptions

    known = {f.name: f.type for f in fields(EUOptions)}
    out = {}
    for item in items:
        if "=" not in item:
            raise DetenteError(Problem(f"--eu-option {item!r} must be KEY=VALUE",
                                       hint="e.g. --eu-option q=0.5 --eu-option offer_selection=scholz"))
        k, v = (p.strip() for p in item.split("=", 1))
        if k not in known:
            from detente.model.yamlio import did_you_mean
            raise DetenteError(Problem(f"unknown expected-utility option {k!r}",
                                       hint=did_you_mean(k, known) or "options: " + ", ".join(known)))
        if k == "q":
            try:
                out[k] = float(v)
            except ValueError:
                raise DetenteError(Problem(f"--eu-option q must be a number, not {v!r}"))
        elif k in ("vote_risk", "capitulation"):
            if v.lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise DetenteError(Problem(f"--eu-option {k} must be true or false, not {v!r}"))
            out[k] = v.lower() in ("true", "yes", "1")
        else:
            out[k] = v
    return EUOptions(**out)


def _load(path: Path, input_format: str, capabilities: str | None,
          salience_scale: str | None = None):
    from detente.bargaining.formats import detect_format, load_external
    from detente.bargaining.scenario import load_bargaining_file

    if input_format not in ("auto", "scenario", "ktab", "deu", "table"):
        raise DetenteError(Problem(f"unknown input format {input_format!r}",
                                   hint="use auto, scenario, ktab, deu or table"))
    fmt = detect_format(path) if input_format == "auto" else input_format
    _check_format_options(path, fmt, capabilities, salience_scale)
    if fmt == "scenario":
        return load_bargaining_file(path)
    header, issues = load_external(path, fmt, scheme=capabilities or "council",
                                   salience_scale=salience_scale or "auto")
    return header, issues, []


def _check_format_options(path: Path, fmt: str, capabilities, salience_scale) -> None:
    """Options that only one input format reads are an error for the others, not ignored."""
    if capabilities is not None and fmt != "deu":
        raise DetenteError(Problem(
            f"--capabilities applies to DEU files only; this is a {_FORMAT_NAMES[fmt]}",
            file=str(path), hint="a scenario, KTAB or actor-table file states each actor's "
                                 "capability; remove --capabilities"))
    if salience_scale is not None and fmt != "table":
        raise DetenteError(Problem(
            f"--salience-scale applies to actor-table CSV files only; this is a "
            f"{_FORMAT_NAMES[fmt]}", file=str(path),
            hint="in a scenario file set salience_scale on the issue; KTAB and DEU files "
                 "are on 0-100"))


_FORMAT_NAMES = {"scenario": "scenario file", "ktab": "KTAB file", "deu": "DEU file",
                 "table": "actor-table file"}
_SCALE_CHOICES = ("auto", "unit", "percent")


def _safe_name(name: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)
    return keep.strip("_") or "issue"


@app.command("forecast")
def forecast_cmd(
    scenario: Path = typer.Argument(..., help="Scenario YAML/JSON with an issues: section, or a "
                                               "KTAB CSV, DEU TSV or actor-table CSV."),
    issue: Optional[str] = typer.Option(None, "--issue", "-i", help="Only this issue."),
    model: str = typer.Option("all", "--model", "-m",
                              help="compromise, median, nash, eu or all."),
    draws: int = typer.Option(0, "--draws", "-n",
                              help="Monte Carlo draws over the uncertainty ranges (0 = none)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed for Monte Carlo "
                                                             "(0 or more)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write PNG and SVG plots into DIR."),
    rounds: int = typer.Option(5, "--rounds", help="Rounds of the expected-utility model "
                                                   "(default 5, as in Scholz et al.'s "
                                                   "validated replication)."),
    eu_option: list[str] = typer.Option([], "--eu-option",
                                        help="Expected-utility option KEY=VALUE (repeatable), "
                                             "e.g. q=0.5, offer_selection=scholz."),
    nash_disagreement: str = typer.Option("worst", "--nash-disagreement",
                                          help="worst, status_quo or a number."),
    nash_power: float = typer.Option(1.0, "--nash-power",
                                     help="Utility exponent of the Nash solution (1 = linear, "
                                          "2 = quadratic)."),
    sampling: str = typer.Option("triangular", "--sampling", help="triangular or uniform."),
    input_format: str = typer.Option("auto", "--input-format",
                                     help="auto, scenario, ktab, deu or table."),
    capabilities: Optional[str] = typer.Option(
        None, "--capabilities", help="DEU files only: capability scheme council (default), "
                                     "council_equal_institutions, equal or gdp."),
    salience_scale: Optional[str] = typer.Option(
        None, "--salience-scale", help="Actor-table CSV only: unit (0-1), percent (0-100) or "
                                       "auto (default: inferred, refused when mixed)."),
) -> None:
    """Forecast the outcome of each bargaining issue with the chosen models.

    Issues with an observed outcome (DEU data, or outcome: in a scenario file) are scored:
    each forecast's absolute error, and the mean absolute error of each model.
    """
    if model not in MODEL_CHOICES:
        raise DetenteError(Problem(f"unknown model {model!r}", hint="use " + ", ".join(MODEL_CHOICES)))
    if fmt not in ("table", "json"):
        raise DetenteError(Problem(f"unknown format {fmt!r}", hint="use table or json"))
    if draws < 0:
        raise DetenteError(Problem("--draws must be 0 or more"))
    if seed is not None and not 0 <= seed < 2**63:
        raise DetenteError(Problem(f"--seed must be a whole number from 0 to 2**63 - 1, not {seed}",
                                   hint="e.g. --seed 1"))
    if sampling not in ("triangular", "uniform"):
        raise DetenteError(Problem(f"unknown sampling {sampling!r}", hint="use triangular or uniform"))
    if salience_scale is not None and salience_scale not in _SCALE_CHOICES:
        raise DetenteError(Problem(f"--salience-scale must be auto, unit or percent, not "
                                   f"{salience_scale!r}"))
    if plot is not None and plot.exists() and not plot.is_dir():
        raise DetenteError(Problem("--plot takes a directory to write the plots into; this is "
                                   "an existing file", file=str(plot),
                                   hint="give a new or existing directory, e.g. --plot plots/"))
    models = ["compromise", "median", "nash", "eu"] if model == "all" else [model]
    opts = _parse_eu_options(eu_option)
    dis: object = nash_disagreement
    if nash_disagreement not in ("worst", "status_quo"):
        try:
            dis = float(nash_disagreement)
        except ValueError:
            raise DetenteError(Problem(f"--nash-disagreement must be worst, status_quo or a "
                                       f"number, not {nash_disagreement!r}"))
    header, issues, discrete = _load(scenario, input_format, capabilities, salience_scale)
    if issue is not None:
        chosen = [i for i in issues if i.name == issue]
        if not chosen and not any(d.name == issue for d in discrete):
            from detente.model.yamlio import did_you_mean
            every = [i.name for i in issues] + [d.name for d in discrete]
            raise DetenteError(Problem(f"no issue named {issue!r} in {scenario}",
                                       hint=did_you_mean(issue, every)
                                       or "issues: " + ", ".join(every)))
        issues = chosen
        discrete = []  # a package needs all discrete issues; --issue asks for one
    if draws and issues and not any(i.uncertain for i in issues):
        raise DetenteError(Problem(
            f"--draws {draws}: no number in {'this issue' if len(issues) == 1 else 'these issues'} "
            "has an uncertainty range, so there is nothing to sample (every draw would give the "
            "point forecast)", file=str(scenario),
            hint="add ranges (e.g. position: {value: 40, range: [30, 55]}) or drop --draws"))

    report = {"scenario": str(scenario), **{k: str(v) for k, v in header.items()}, "issues": []}
    # many issues (e.g. a whole DEU file) get an overall progress bar
    overall = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                       TextColumn("{task.completed:,}/{task.total:,} issues"), TimeElapsedColumn(),
                       console=console, transient=True,
                       disable=fmt == "json" or len(issues) < 20 or bool(draws))
    overall_task = overall.add_task("Forecasting", total=len(issues))
    with overall:
        for iss in issues:
            _forecast_issue(iss, models, dis, nash_power, rounds, opts, draws, seed, sampling,
                            plot, fmt, report)
            overall.advance(overall_task)
    report["scores"] = _scores(report["issues"], models)
    _finish_report(report, discrete, fmt, draws)


def _issue_notes(iss) -> list[str]:
    """What the reader must know about how the inputs were read."""
    notes = []
    top = "0-1" if iss.salience_scale == "unit" else "0-100"
    notes.append(f"saliences read on {top}" + (" (inferred from the values; state "
                                               "salience_scale to fix it)"
                                               if iss.salience_scale_inferred else ""))
    assumed = [a.name for a in iss.actors if "salience" in a.assumed]
    if assumed:
        notes.append(f"{len(assumed)} of {len(iss.actors)} saliences were blank in the source "
                     f"and assumed 50: " + ", ".join(assumed))
    return notes


def _forecast_issue(iss, models, dis, nash_power, rounds, opts, draws, seed, sampling, plot, fmt,
                    report):
    from detente.bargaining.compromise import compromise
    from detente.bargaining.expected_utility import expected_utility
    from detente.bargaining.median import median
    from detente.bargaining.montecarlo import monte_carlo
    from detente.bargaining.nash import nash

    entry = {"issue": iss.name, "units": iss.scale.units, "forecasts": [], "plots": [],
             "notes": _issue_notes(iss), "salience_scale": iss.salience_scale,
             "salience_scale_inferred": iss.salience_scale_inferred, "outcome": iss.outcome}
    eu_res = None
    for m in models:
        if m == "compromise":
            f = compromise(iss)
        elif m == "median":
            f = median(iss)
        elif m == "nash":
            f = nash(iss, disagreement=dis, power=nash_power)
        else:
            f = eu_res = expected_utility(iss, rounds=rounds, options=opts)
        entry["forecasts"].append(f)
    mc = None
    if draws and not iss.uncertain:
        entry["notes"].append(f"no uncertainty range on this issue: nothing to sample, so no "
                              f"Monte Carlo (the {draws:,} draws would all equal the forecast)")
    elif draws:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                      TextColumn("{task.completed:,}/{task.total:,}"), TimeElapsedColumn(),
                      console=console, transient=True, disable=fmt == "json") as prog:
            task = prog.add_task(f"Monte Carlo: {iss.name}", total=draws * len(models))
            mc = monte_carlo(iss, draws=draws, models=models, seed=seed, sampling=sampling,
                             rounds=rounds, eu_options=opts, nash_disagreement=dis,
                             nash_power=nash_power,
                             progress=lambda done, total: prog.update(task, completed=done))
        entry["monte_carlo"] = mc
    if plot is not None:
        from detente.bargaining.plots import plot_distribution, plot_forecasts, plot_trajectory

        base = plot / _safe_name(iss.name)
        for ext in ("svg", "png"):
            p = base.with_name(base.name + f"_forecasts.{ext}")
            plot_forecasts(iss, entry["forecasts"], p)
            entry["plots"].append(str(p))
            if eu_res is not None:
                p = base.with_name(base.name + f"_trajectory.{ext}")
                plot_trajectory(eu_res, p)
                entry["plots"].append(str(p))
            if mc is not None:
                p = base.with_name(base.name + f"_distribution.{ext}")
                plot_distribution(mc, p)
                entry["plots"].append(str(p))
    report["issues"].append(entry)


def _scores(entries, models) -> dict | None:
    """Mean absolute error of each model over the issues with an observed outcome."""
    scored = [e for e in entries if e["outcome"] is not None]
    if not scored:
        return None
    out = {"n_issues": len(scored), "mae": {}}
    for m in models:
        errs = [abs(f.value - e["outcome"]) for e in scored for f in e["forecasts"]
                if f.model == m]
        out["mae"][m] = sum(errs) / len(errs)
    return out


def _finish_report(report, discrete, fmt, draws) -> None:
    packages = None
    if discrete:
        from detente.bargaining.packages import analyse_issue_packages
        packages = analyse_issue_packages(discrete)
        report["packages"] = packages

    if fmt == "json":
        out = dict(report)
        if packages is not None:
            out["packages"] = packages.to_dict()
        out["issues"] = [{**e, "forecasts": [_forecast_dict(f, e["outcome"])
                                             for f in e["forecasts"]],
                          **({"monte_carlo": e["monte_carlo"].to_dict()} if "monte_carlo" in e else {})}
                         for e in report["issues"]]
        typer.echo(json.dumps(out, indent=2))
        return
    _print_tables(report, draws)


def _forecast_dict(f, outcome) -> dict:
    d = f.to_dict()
    if outcome is not None:
        d["absolute_error"] = abs(f.value - outcome)
    return d


def _eu_note(f) -> str:
    state = ("converged" if f.converged else
             f"NOT converged (cycle of {f.cycle})" if f.cycle else "NOT converged")
    return (f"{f.rounds_used} rounds, {state}; median by round: "
            + " ".join(f"{m:.3g}" for m in f.medians))


def _print_packages(res) -> None:
    t = Table(title=f"Packages of {', '.join(res.issues)} ({len(res.packages)} packages, "
                    f"{len(res.frontier)} Pareto-optimal)", title_justify="left")
    t.add_column("package")
    for iss in res.issues:
        t.add_column(iss)
    for a in res.actors:
        t.add_column(a, justify="right")
    rows = [("disagreement", None), ("Nash", res.nash), ("Kalai-Smorodinsky", res.kalai_smorodinsky)]
    for label, i in rows:
        if label == "disagreement":
            t.add_row(label, *["" for _ in res.issues], *[f"{v:.3g}" for v in res.disagreement])
        elif i is None:
            t.add_row(label, *["-" for _ in res.issues],
                      *["no package beats disagreement for all" if k == 0 else ""
                        for k in range(len(res.actors))])
        else:
            t.add_row(label, *res.packages[i], *[f"{v:.3g}" for v in res.utilities[i]])
    console.print(t)


def _print_tables(report: dict, draws: int) -> None:
    if report.get("title"):
        console.print(f"[bold]{report['title']}[/bold]", highlight=False)
    if report.get("packages") is not None:
        _print_packages(report["packages"])
    for e in report["issues"]:
        t = Table(title=f"{e['issue']}" + (f" ({e['units']})" if e["units"] else ""),
                  title_justify="left")
        t.add_column("model")
        t.add_column("forecast", justify="right")
        if e["outcome"] is not None:
            t.add_column("error", justify="right")
        if "monte_carlo" in e:
            for col in ("MC median", "5%", "95%"):
                t.add_column(col, justify="right")
        t.add_column("notes")
        for f in e["forecasts"]:
            row = [f.model, f"{f.value:.4g}"]
            if e["outcome"] is not None:
                row.append(f"{abs(f.value - e['outcome']):.3g}")
            if "monte_carlo" in e:
                s = e["monte_carlo"].summary(f.model)
                row += [f"{s['p50']:.4g}", f"{s['p5']:.4g}", f"{s['p95']:.4g}"]
            note = ""
            if f.model == "eu":
                note = _eu_note(f)
            elif f.model == "nash":
                note = (f"disagreement: {f.options['disagreement']}, utility power "
                        f"{f.options['power']:g}")
            t.add_row(*row, note)
        console.print(t)
        for f in e["forecasts"]:
            if f.model == "eu":
                console.print(f"  expected-utility model: {f.status}", highlight=False)
        if e["outcome"] is not None:
            console.print(f"  observed outcome: {e['outcome']:.4g}", highlight=False)
        for n in e["notes"]:
            console.print(f"  {n}", highlight=False)
        for p in e["plots"]:
            console.print(f"  wrote {p}", highlight=False)
    sc = report.get("scores")
    if sc:
        console.print(f"Mean absolute error over the {sc['n_issues']} issue(s) with an "
                      "observed outcome:", highlight=False)
        t = Table()
        t.add_column("model")
        t.add_column("MAE", justify="right")
        for m, v in sc["mae"].items():
            t.add_row(m, f"{v:.2f}")
        console.print(t)


@app.command("forecast-import")
def forecast_import_cmd(
    source: Path = typer.Argument(..., help="KTAB CSV, DEU TSV or actor-table CSV."),
    output: Path = typer.Option(..., "--output", "-o", help="Scenario YAML to write."),
    input_format: str = typer.Option("auto", "--format", help="auto, ktab, deu or table."),
    capabilities: Optional[str] = typer.Option(
        None, "--capabilities", help="DEU files only: capability scheme council (default), "
                                     "council_equal_institutions, equal or gdp."),
    salience_scale: Optional[str] = typer.Option(
        None, "--salience-scale", help="Actor-table CSV only: unit (0-1), percent (0-100) or "
                                       "auto (default: inferred, refused when mixed)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Keep only the first N DEU issues."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
) -> None:
    """Convert a KTAB, DEU or actor-table file into a scenario YAML with an issues: section."""
    from detente.bargaining.formats import detect_format, issues_to_yaml, load_external
    from detente.bargaining.scenario import load_issues
    from detente.model.yamlio import parse_text

    if input_format not in ("auto", "ktab", "deu", "table"):
        raise DetenteError(Problem(f"unknown format {input_format!r}", hint="auto, ktab, deu or table"))
    if output.is_file() and not force:  # special files (/dev/stdout) are written through
        raise DetenteError(Problem("output file exists", file=str(output),
                                   hint="choose another name or pass --force"))
    if salience_scale is not None and salience_scale not in _SCALE_CHOICES:
        raise DetenteError(Problem(f"--salience-scale must be auto, unit or percent, not "
                                   f"{salience_scale!r}"))
    fmt = detect_format(source) if input_format == "auto" else input_format
    if fmt == "scenario":
        raise DetenteError(Problem("this is already a scenario file; forecast-import converts "
                                   "KTAB, DEU and actor-table files", file=str(source)))
    _check_format_options(source, fmt, capabilities, salience_scale)
    header, issues = load_external(source, fmt, scheme=capabilities or "council", limit=limit,
                                   salience_scale=salience_scale or "auto")
    text = issues_to_yaml(header, issues)
    doc, pos = parse_text(text, file=str(output))
    load_issues(doc, pos)  # the written file must load back; fail before writing if not
    write_output(output, text)
    console.print(f"wrote {len(issues)} issue(s) to {output}", highlight=False)
