"""The ``detente`` command line.

One typer application; each family of commands lives in its own module of this package and
registers itself on :data:`app` when imported (``register_all`` below). User errors
(:class:`detente.errors.DetenteError`) are printed without a traceback and exit with status 2.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys

# Start-up (issue 17; figures from bench/startup.py). Set before numpy or pydantic is imported,
# and only when the user has not chosen: detente does no floating-point linear algebra, so
# OpenBLAS's thread pool (started at numpy's import, about 50 ms of CPU) is never used; and
# pydantic's plugin discovery reads every installed package's entry points (importlib.metadata)
# the first time a validator is built, for plugins the command line does not use.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

from detente.errors import DetenteError  # noqa: E402

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


# The module that defines each command, so that running one imports only its module (listing
# the commands, --help and anything unknown import all; tests/test_startup_imports.py checks
# this table against what the modules register).
COMMAND_MODULE_OF = {
    "analyze": "detente.cli.gmcr_commands", "explain": "detente.cli.gmcr_commands",
    "states": "detente.cli.gmcr_commands", "import-gmcr": "detente.cli.gmcr_commands",
    "export-gmcr": "detente.cli.gmcr_commands",
    "compare": "detente.cli.scenario_commands", "paths": "detente.cli.scenario_commands",
    "timeline": "detente.cli.scenario_commands",
    "report": "detente.cli.scenario_commands",
    "coalitions": "detente.cli.coalition_commands",
    "ingest": "detente.cli.evidence_commands", "statements": "detente.cli.evidence_commands",
    "figures": "detente.cli.evidence_commands", "suggest-evidence": "detente.cli.evidence_commands",
    "suggest-observations": "detente.cli.evidence_commands",
    "forecast": "detente.cli.forecast_commands", "forecast-import": "detente.cli.forecast_commands",
    "serve": "detente.cli.web_commands",
    "robustness": "detente.cli.robustness_commands", "sensitivity": "detente.cli.robustness_commands",
    "inverse": "detente.cli.robustness_commands",
}


def register_all(argv: list[str] | None = None) -> None:
    """Import the command modules: only the one defining ``argv[0]`` when it names a command,
    every module otherwise (listing, ``--help``, an unknown command's suggestions)."""
    first = argv[0] if argv else None
    only = COMMAND_MODULE_OF.get(first) if first is not None else None
    # about_commands holds the application's callback (--version), which every command needs.
    for name in ([only, "detente.cli.about_commands"] if only else COMMAND_MODULES):
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


def _click_errors(name: str) -> tuple[type, ...]:
    """The class ``name`` from each click in use: typer >= 0.29 vendors click as
    ``typer._click``; older typer (and any plain click command) use ``click``. Only modules
    already imported can have raised anything, so nothing is imported here."""
    found = []
    for module in ("typer._click.exceptions", "click.exceptions", "typer.exceptions"):
        cls = getattr(sys.modules.get(module), name, None)
        if isinstance(cls, type):
            found.append(cls)
    return tuple(found)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _usage_error(exc: Exception) -> int:
    """One line for a usage error (unknown option or command, missing or bad argument)."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        text = ctx.get_help()  # typer prints its rich help itself and returns ""
        if text.strip():
            err_console.print(text, markup=False, highlight=False, soft_wrap=True)
        return 2
    command = getattr(ctx, "command_path", None) or "detente"
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    err_console.print(f"error: {_one_line(message)} (see '{command} --help')", style="bold red",
                      markup=False, highlight=False, soft_wrap=True)
    return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing what is left at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _os_error(exc: OSError) -> int:
    if exc.errno == errno.EPIPE:  # the reader went away (`detente ... | head`): stop quietly
        _silence_stdout()
        return 1  # as click does when the pipe closes inside a command
    if exc.filename is not None:
        where = str(exc.filename)
    else:  # no file named: writing to stdout failed (`> /dev/full`, a closed terminal)
        _silence_stdout()
        where = "standard output"
    print_error(DetenteError(f"{where}: {exc.strerror or exc}"))
    return 2


def _invoke(argv: list[str] | None) -> int:
    from detente.settings import check_environment
    check_environment()
    # With standalone_mode=False click returns (not raises) the code of typer.Exit.
    rv = app(args=argv, prog_name="detente", standalone_mode=False)
    sys.stdout.flush()  # a full disk or closed pipe shows here, inside the boundary
    if isinstance(rv, int) and not isinstance(rv, bool):
        if rv == 130:  # typer turns Ctrl-C into Exit(130)
            return _interrupted()
        return rv
    return 0


def _interrupted() -> int:
    """The message and exit status for Ctrl-C (130) or SIGTERM (143)."""
    from detente.processes import sigterm_received
    if sigterm_received():
        err_console.print("stopped (SIGTERM); nothing was written", style="yellow")
        return 143
    err_console.print("interrupted; nothing was written", style="yellow")
    return 130


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``) and return the exit status.

    The one error boundary of the CLI: every problem with the input or the environment is a
    message without a traceback, exit status 2 (usage errors: unknown option or command, a
    missing or bad argument; :class:`DetenteError` from the loaders and commands; output that
    cannot be written, ``> /dev/full``, a folder without permission; input nested too deeply
    for the parser). A closed pipe (``detente ... | head``) stops quietly with status 1, as
    click does; Ctrl-C stops with 130, and SIGTERM (``timeout``, ``kill``, systemd) the same way
    with 143: clean-up runs and worker processes go with it. Anything else is a
    bug in detente and keeps its traceback.
    """
    from detente.processes import sigterm_as_interrupt

    register_all(sys.argv[1:] if argv is None else argv)
    with sigterm_as_interrupt():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    try:
        return _invoke(argv)
    except DetenteError as exc:
        print_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        return _interrupted()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except OSError as exc:
        return _os_error(exc)
    except RecursionError:
        print_error(DetenteError("the input is nested too deeply to read",
                                 hint="flatten the nested lists, mappings or expressions"))
        return 2
    except Exception as exc:
        if isinstance(exc, _click_errors("UsageError")):
            return _usage_error(exc)
        if isinstance(exc, _click_errors("ClickException")):  # e.g. a file click could not open
            err_console.print("error: " + _one_line(exc.format_message()), style="bold red",
                              markup=False, highlight=False, soft_wrap=True)
            return 2
        if isinstance(exc, _click_errors("Abort")):
            from detente.processes import sigterm_received
            if sigterm_received():  # click turned the interrupt into Abort
                return _interrupted()
            err_console.print("aborted", style="yellow")
            return 130
        if isinstance(exc, _click_errors("Exit")):  # raised by commands for their own codes
            return int(getattr(exc, "exit_code", 0) or 0)
        raise


def run() -> None:  # pragma: no cover - console entry
    sys.exit(main())
