"""``detente --version``: the installed version (one source: ``detente.__version__``)."""

from __future__ import annotations

import typer

from detente import __version__
from detente.cli import app, console


def _print_version(value: bool) -> None:
    if value:
        console.print(f"detente {__version__}", markup=False, highlight=False)
        raise typer.Exit(0)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_print_version,
                                          is_eager=True, help="Print the version and exit.")) -> None:
    """Analyse strategic conflicts and negotiations (GMCR stability, bargaining forecasts,
    evidence from the news)."""
