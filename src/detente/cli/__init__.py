"""The ``detente`` command line.

One typer application; each family of commands lives in its own module of this package and
registers itself on :data:`app` when imported (``register_all`` below). User errors
(:class:`detente.errors.DetenteError`) are printed without a traceback and exit with status 2.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console

from detente.errors import DetenteError

app = typer.Typer(
    name="detente",
    help="Analyse strategic conflicts and negotiations (GMCR stability, bargaining forecasts, "
         "evidence from the news).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

# Command modules; each defines commands on `app`. Kept as names so a missing optional part
# fails with a clear message instead of breaking the whole CLI.
COMMAND_MODULES = [
    "detente.cli.gmcr_commands",
    "detente.cli.scenario_commands",
    "detente.cli.coalition_commands",
    "detente.cli.evidence_commands",
    "detente.cli.forecast_commands",
    "detente.cli.web_commands",
    "detente.cli.robustness_commands",
    "detente.cli.about_commands",
]


def register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def print_error(exc: DetenteError) -> None:
    for problem in exc.problems:
        loc = problem.location()
        # Printed as plain text so that user-supplied brackets are never read as markup.
        err_console.print("error: " + (loc + ": " if loc else "") + problem.message,
                          style="bold red", markup=False, highlight=False, soft_wrap=True)
        if problem.hint:
            err_console.print("  hint: " + problem.hint, style="yellow", markup=False,
                              highlight=False, soft_wrap=True)


def main(argv: list[str] | None = None) -> int:
    register_all()
    try:
        # With standalone_mode=False click returns (not raises) the code of typer.Exit.
        rv = app(args=argv, standalone_mode=False)
        if isinstance(rv, int) and not isinstance(rv, bool):
            if rv == 130:  # typer turns Ctrl-C into Exit(130)
                err_console.print("interrupted; nothing was written", style="yellow")
            return rv
    except DetenteError as exc:
        print_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        err_console.print("interrupted; nothing was written", style="yellow")
        return 130
    except typer.Exit as exc:  # raised by commands for their own exit codes
        return exc.exit_code
    except SystemExit as exc:
        return int(exc.code or 0)
    except Exception as exc:  # click usage errors
        import click
        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Abort):
            err_console.print("aborted", style="yellow")
            return 130
        raise
    return 0


def run() -> None:  # pragma: no cover - console entry
    sys.exit(main())
