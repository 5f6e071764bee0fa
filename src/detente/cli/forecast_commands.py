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
                                       hint="e.g. --eu-option q=0.5 --eu-option offer_selection=least_move"))
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


def _load(path: Path, input_format: str, capabilities: str):
    from detente.bargaining.formats import detect_format, load_external
    from detente.bargaining.scenario import load_bargaining_file

    fmt = detect_format(path) if input_format == "auto" else input_format
    if fmt == "scenario":
        return load_bargaining_file(path)
    header, issues = load_external(path, fmt, scheme=capabilities)
    return header, issues, []


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
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed for Monte Carlo."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write PNG and SVG plots into DIR."),
    rounds: int = typer.Option(10, "--rounds", help="Rounds of the expected-utility model."),
    eu_option: list[str] = typer.Option([], "--eu-option",
                                        help="Expected-utility option KEY=VALUE (repeatable), "
                                             "e.g. q=0.5, offer_selection=least_move."),
    nash_disagreement: str = typer.Option("worst", "--nash-disagreement",
                                          help="worst, status_quo or a number."),
    nash_power: float = typer.Option(1.0, "--nash-power",
                                     help="Utility exponent of the Nash solution (1 = linear, "
                                          "2 = quadratic)."),
    sampling: str = typer.Option("triangular", "--sampling", help="triangular or uniform."),
    input_format: str = typer.Option("auto", "--input-format",
                                     help="auto, scenario, ktab, deu or table."),
    capabilities: str = typer.Option("council", "--capabilities",
                                     help="DEU capability scheme: council, "
                                          "council_equal_institutions, equal or gdp."),
) -> None:
    """Forecast the outcome of each bargaining issue with the chosen models."""
    if model not in MODEL_CHOICES:
        raise DetenteError(Problem(f"unknown model {model!r}", hint="use " + ", ".join(MODEL_CHOICES)))
    if fmt not in ("table", "json"):
        raise DetenteError(Problem(f"unknown format {fmt!r}", hint="use table or json"))
    if draws < 0:
        raise DetenteError(Problem("--draws must be 0 or more"))
    models = ["compromise", "median", "nash", "eu"] if model == "all" else [model]
    opts = _parse_eu_options(eu_option)
    dis: object = nash_disagreement
    if nash_disagreement not in ("worst", "status_quo"):
        try:
            dis = float(nash_disagreement)
        except ValueError:
            raise DetenteError(Problem(f"--nash-disagreement must be worst, status_quo or a "
                                       f"number, not {nash_disagreement!r}"))
    header, issues, discrete = _load(scenario, input_format, capabilities)
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

    report = {"scenario": str(scenario), **{k: str(v) for k, v in header.items()}, "issues": []}
    # many issues (e.g. a whole DEU file) get an overall progress bar
    overall = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                       TextColumn("{task.completed:,}/{task.total:,} issues"), TimeElapsedColumn(),
                       console=console, transient=True,
                       disable=fmt == "json" or len(issues) < 20 or bool(draws))
    overall_task = overall.add_task("Forecasting", total=len(issues))
    if plot is not None and "eu" not in models and not draws:
        console.print("note: --plot draws the expected-utility trajectory (--model eu or all) "
                      "and the Monte Carlo distribution (--draws N); neither was asked for",
                      style="yellow", highlight=False)
    with overall:
        for iss in issues:
            _forecast_issue(iss, models, dis, nash_power, rounds, opts, draws, seed, sampling,
                            plot, fmt, report)
            overall.advance(overall_task)
    _finish_report(report, discrete, fmt, draws)


def _forecast_issue(iss, models, dis, nash_power, rounds, opts, draws, seed, sampling, plot, fmt,
                    report):
    from detente.bargaining.compromise import compromise
    from detente.bargaining.expected_utility import expected_utility
    from detente.bargaining.median import median
    from detente.bargaining.montecarlo import monte_carlo
    from detente.bargaining.nash import nash

    entry = {"issue": iss.name, "units": iss.scale.units, "forecasts": [], "plots": []}
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
    if draws:
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
        from detente.bargaining.plots import plot_distribution, plot_trajectory
    
        base = plot / _safe_name(iss.name)
        for ext in ("svg", "png"):
            if eu_res is not None:
                p = base.with_name(base.name + f"_trajectory.{ext}")
                plot_trajectory(eu_res, p)
                entry["plots"].append(str(p))
            if mc is not None:
                p = base.with_name(base.name + f"_distribution.{ext}")
                plot_distribution(mc, p)
                entry["plots"].append(str(p))
    report["issues"].append(entry)


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
        out["issues"] = [{**e, "forecasts": [f.to_dict() for f in e["forecasts"]],
                          **({"monte_carlo": e["monte_carlo"].to_dict()} if "monte_carlo" in e else {})}
                         for e in report["issues"]]
        typer.echo(json.dumps(out, indent=2))
        return
    _print_tables(report, draws)


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
        if "monte_carlo" in e:
            for col in ("MC median", "5%", "95%"):
                t.add_column(col, justify="right")
        t.add_column("notes")
        for f in e["forecasts"]:
            row = [f.model, f"{f.value:.4g}"]
            if "monte_carlo" in e:
                s = e["monte_carlo"].summary(f.model)
                row += [f"{s['p50']:.4g}", f"{s['p5']:.4g}", f"{s['p95']:.4g}"]
            note = ""
            if f.model == "eu":
                note = (f"{f.rounds} rounds" + (", converged" if f.converged else "")
                        + f"; median by round: " + " ".join(f"{m:.3g}" for m in f.medians))
            elif f.model == "nash":
                note = (f"disagreement: {f.options['disagreement']}, utility power "
                        f"{f.options['power']:g}")
            t.add_row(*row, note)
        console.print(t)
        for p in e["plots"]:
            console.print(f"  wrote {p}", highlight=False)


@app.command("forecast-import")
def forecast_import_cmd(
    source: Path = typer.Argument(..., help="KTAB CSV, DEU TSV or actor-table CSV."),
    output: Path = typer.Option(..., "--output", "-o", help="Scenario YAML to write."),
    input_format: str = typer.Option("auto", "--format", help="auto, ktab, deu or table."),
    capabilities: str = typer.Option("council", "--capabilities",
                                     help="DEU capability scheme (council, "
                                          "council_equal_institutions, equal, gdp)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Keep only the first N DEU issues."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
) -> None:
    """Convert a KTAB, DEU or actor-table file into a scenario YAML with an issues: section."""
    from detente.bargaining.formats import issues_to_yaml, load_external
    from detente.bargaining.scenario import load_issues
    from detente.model.yamlio import parse_text

    if input_format not in ("auto", "ktab", "deu", "table"):
        raise DetenteError(Problem(f"unknown format {input_format!r}", hint="auto, ktab, deu or table"))
    if output.is_file() and not force:  # special files (/dev/stdout) are written through
        raise DetenteError(Problem("output file exists", file=str(output),
                                   hint="choose another name or pass --force"))
    header, issues = load_external(source, input_format, scheme=capabilities, limit=limit)
    text = issues_to_yaml(header, issues)
    doc, pos = parse_text(text, file=str(output))
    load_issues(doc, pos)  # the written file must load back; fail before writing if not
    write_output(output, text)
    console.print(f"wrote {len(issues)} issue(s) to {output}", highlight=False)
