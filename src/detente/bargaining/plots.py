"""Plots of bargaining forecasts (matplotlib, headless).

Each ``plot_*`` function returns the figure as SVG text (the HTML report embeds it as is) and,
when ``path`` is given, also writes it there (``.svg`` or ``.png`` by the suffix).
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from detente.bargaining.results import EUResult, MonteCarloResult  # noqa: E402


def _finish(fig, path: str | Path | None) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    if path is not None:
        from detente.files import write_output
        path = Path(path)
        image = io.BytesIO()
        fig.savefig(image, format=path.suffix.lstrip(".").lower() or "svg", bbox_inches="tight",
                    dpi=150)
        write_output(path, image.getvalue())  # atomic: never half a figure
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):] if "<svg" in svg else svg


def plot_trajectory(result: EUResult, path: str | Path | None = None, *,
                    max_labels: int = 20) -> str:
    """Positions of every actor by round, with the weighted median and mean.

    Parameters
    ----------
    result : an :class:`EUResult` from :func:`~detente.bargaining.expected_utility.expected_utility`.
    path : optional ``.svg``/``.png`` file to write.
    max_labels : label the lines of at most this many actors (the rest stay grey).

    Returns
    -------
    The SVG text.
    """
    pos = np.asarray(result.positions)
    t = np.arange(len(pos))
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for i, name in enumerate(result.actors):
        labelled = i < max_labels
        ax.plot(t, pos[:, i], marker="o", ms=3, lw=1, alpha=0.8 if labelled else 0.3,
                color=None if labelled else "0.6", label=name if labelled else None)
    ax.plot(t, result.medians, color="k", lw=2.5, label="weighted median (forecast)")
    ax.plot(t, result.means, color="k", lw=1.5, ls="--", label="weighted mean")
    ax.set_xlabel("round")
    ax.set_ylabel(f"position ({result.units})" if result.units else "position")
    ax.set_title(f"{result.issue}: positions by round (expected-utility model)")
    ax.set_xticks(t)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.grid(alpha=0.3)
    return _finish(fig, path)


def plot_distribution(mc: MonteCarloResult, path: str | Path | None = None, *,
                      bins: int = 40) -> str:
    """Histogram of each model's Monte Carlo forecasts, with median and 90% interval.

    Returns
    -------
    The SVG text.
    """
    models = list(mc.draws)
    fig, ax = plt.subplots(figsize=(7, 4.2))
    allv = np.concatenate([np.asarray(mc.draws[m], float) for m in models])
    lo, hi = float(allv.min()), float(allv.max())
    edges = np.linspace(lo, hi if hi > lo else lo + 1, bins + 1)
    for k, m in enumerate(models):
        a = np.asarray(mc.draws[m], float)
        color = f"C{k}"
        ax.hist(a, bins=edges, alpha=0.45, color=color, label=m)
        s = mc.summary(m)
        ax.axvline(s["p50"], color=color, lw=2)
        ax.axvspan(s["p5"], s["p95"], color=color, alpha=0.08)
    ax.set_xlabel(f"forecast ({mc.units})" if mc.units else "forecast")
    ax.set_ylabel("draws")
    n = max(len(v) for v in mc.draws.values())
    ax.set_title(f"{mc.issue}: forecast distribution ({n:,} draws; lines = medians, "
                 "bands = 90%)", fontsize=9)
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3)
    return _finish(fig, path)
