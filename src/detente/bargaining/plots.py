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


def _groups(values, names, tol):
    """Actors at the same value (within ``tol``): list of (value, [names]) sorted by value."""
    order = np.argsort(values, kind="stable")
    groups: list[tuple[float, list[str]]] = []
    for i in order:
        v = float(values[i])
        if groups and abs(v - groups[-1][0]) <= tol:
            groups[-1][1].append(names[i])
        else:
            groups.append((v, [names[i]]))
    return groups


def _spread_labels(ys, gaps):
    """Shift sorted label heights apart: label k sits at least ``gaps[k]`` above label k-1."""
    ys = list(ys)
    for k in range(1, len(ys)):
        ys[k] = max(ys[k], ys[k - 1] + gaps[k])
    return ys


def _name_lines(names, per_line):
    """Every name, ``per_line`` to a line: coinciding actors are all named, none hidden."""
    return "\n".join(", ".join(names[k:k + per_line]) for k in range(0, len(names), per_line))


def plot_trajectory(result: EUResult, path: str | Path | None = None, *,
                    max_labels: int = 20) -> str:
    """Positions of every actor by round, with the weighted median and mean.

    Each line is labelled at its right end; actors that end at the same position share one
    label ("France, Italy, UK"), so no actor is hidden behind another. The weighted median
    (the forecast) is a wide pale band drawn underneath, so it never hides an actor's line.

    Parameters
    ----------
    result : an :class:`EUResult` from :func:`~detente.bargaining.expected_utility.expected_utility`.
    path : optional ``.svg``/``.png`` file to write.
    max_labels : label at most this many end positions (the rest stay unlabelled, grey).

    Returns
    -------
    The SVG text.
    """
    pos = np.asarray(result.positions)
    t = np.arange(len(pos))
    fig, ax = plt.subplots(figsize=(8, 4.5))
    lo, hi = float(pos.min()), float(pos.max())
    span = hi - lo or 1.0
    ax.plot(t, result.medians, color="0.55", lw=9, alpha=0.35, solid_capstyle="round",
            zorder=1, label="weighted median (forecast)")
    ax.plot(t, result.means, color="0.3", lw=1.2, ls=":", zorder=2, label="weighted mean")
    colours = {}
    for i, name in enumerate(result.actors):
        colours[name] = plt.get_cmap("tab20")(i % 20)
        ax.plot(t, pos[:, i], marker="o", ms=3.5, lw=1.4, color=colours[name], zorder=3)
    groups = _groups(pos[-1], result.actors, 1e-6 * span)
    shown = groups[:max_labels] if len(groups) <= max_labels else groups[:max_labels]
    texts = [_name_lines(names, 4) for _, names in shown]
    lines = [t.count("\n") + 1 for t in texts]
    gaps = [0.0] + [0.03 * span * (lines[k - 1] + lines[k]) for k in range(1, len(lines))]
    ys = _spread_labels([v for v, _ in shown], gaps)
    for (v, names), y, text in zip(shown, ys, texts):
        ax.annotate(text, xy=(t[-1], v), xytext=(t[-1] + 0.25, y), fontsize=8, va="center",
                    color=colours[names[0]] if len(names) == 1 else "0.15",
                    arrowprops=dict(arrowstyle="-", color="0.6", lw=0.6))
    ax.set_xlim(-0.2, t[-1] + 0.2)
    ax.set_ylim(lo - 0.05 * span, max(hi, ys[-1] if ys else hi) + 0.05 * span)
    ax.set_xlabel("round")
    ax.set_ylabel(f"position ({result.units})" if result.units else "position")
    status = ("converged" if result.converged else
              f"oscillates, cycle of {result.cycle} rounds" if result.cycle else "not converged")
    ax.set_title(f"{result.issue}: positions by round (expected-utility model; {status})",
                 fontsize=10)
    ax.set_xticks(t)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2,
              frameon=False)
    ax.grid(alpha=0.3)
    return _finish(fig, path)


def plot_forecasts(issue, forecasts, path: str | Path | None = None) -> str:
    """The actors on the issue's scale and each model's forecast.

    Dots are actors (area by capability x salience); actors at the same position share one
    dot and one label listing them all. Vertical lines mark each model's forecast, the
    status quo and, when known, the observed outcome.

    Parameters
    ----------
    issue : the :class:`~detente.bargaining.scenario.Issue`.
    forecasts : the :class:`~detente.bargaining.results.Forecast` objects to mark.
    path : optional ``.svg``/``.png`` file to write.

    Returns
    -------
    The SVG text.
    """
    sc = issue.scale
    span = sc.span
    w = issue.c * issue.s
    groups = _groups(issue.x, issue.names, 1e-9 * span)
    weight = {n: float(v) for n, v in zip(issue.names, w)}
    fig, ax = plt.subplots(figsize=(8, 3.6))
    top = max(w.max(), 1e-12)
    for v, names in groups:
        size = 60 + 500 * sum(weight[n] for n in names) / (top * max(1, len(issue.names) / 4))
        ax.scatter([v], [-0.35], s=size, color="C0", alpha=0.7, zorder=3, edgecolor="k", lw=0.5)
        text = _name_lines(names, 1 if len(names) <= 5 else 3)
        ax.annotate(text, xy=(v, -0.35), xytext=(0, -13), fontsize=7.5,
                    textcoords="offset points", ha="center", va="top")
    marks = [(f.model, f.value) for f in forecasts]
    if issue.status_quo is not None:
        marks.append(("status quo", issue.status_quo.value))
    if issue.outcome is not None:
        marks.append(("outcome", issue.outcome))
    # forecasts that coincide share one line and one label ("median, nash 7")
    merged: list[tuple[float, list[str]]] = []
    for label, v in sorted(marks, key=lambda m: m[1]):
        if merged and abs(v - merged[-1][0]) <= 1e-9 * span:
            merged[-1][1].append(label)
        else:
            merged.append((v, [label]))
    for j, (v, labels) in enumerate(merged):
        colour = ("k" if labels == ["outcome"] else "0.5" if labels == ["status quo"]
                  else f"C{j + 1}")
        ax.axvline(v, ymin=0.45, ymax=1, color=colour, lw=1.6,
                   ls="--" if labels == ["status quo"] else "-", zorder=2)
        ax.annotate(f"{', '.join(labels)} {v:.3g}", xy=(v, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -4 - 11 * (j % 5)), textcoords="offset points", fontsize=8,
                    color=colour, va="top",
                    bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.8))
    ax.set_xlim(sc.low.value - 0.04 * span, sc.high.value + 0.04 * span)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    lo_lab = f"{sc.low.value:g}" + (f"\n{sc.low.label}" if sc.low.label else "")
    hi_lab = f"{sc.high.value:g}" + (f"\n{sc.high.label}" if sc.high.label else "")
    ax.set_xticks([sc.low.value, sc.high.value], [lo_lab, hi_lab], fontsize=8)
    ax.set_xlabel(sc.units or "position")
    ax.set_title(f"{issue.name}: actors (dot area = capability x salience) and forecasts",
                 fontsize=10)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    return _finish(fig, path)


def plot_distribution(mc: MonteCarloResult, path: str | Path | None = None, *,
                      bins: int = 40) -> str:
    """Histogram of each model's Monte Carlo forecasts, one panel per model.

    Panels share the x axis so the models can be compared; each marks its median and 90%
    interval. A model whose draws do not vary says so instead of drawing a spike.

    Returns
    -------
    The SVG text.
    """
    models = list(mc.draws)
    fig, axes = plt.subplots(len(models), 1, figsize=(7, 1.2 + 1.5 * len(models)),
                             sharex=True, squeeze=False)
    allv = np.concatenate([np.asarray(mc.draws[m], float) for m in models])
    lo, hi = float(allv.min()), float(allv.max())
    edges = np.linspace(lo, hi if hi > lo else lo + 1, bins + 1)
    for k, (m, ax) in enumerate(zip(models, axes[:, 0])):
        a = np.asarray(mc.draws[m], float)
        color = f"C{k}"
        s = mc.summary(m)
        if np.ptp(a) == 0:
            ax.axvline(a[0], color=color, lw=2)
            ax.set_title(f"{m}: every draw gives {a[0]:.4g} (no spread)", fontsize=8,
                         loc="left")
        else:
            ax.hist(a, bins=edges, color=color, alpha=0.8)
            ax.axvspan(s["p5"], s["p95"], color=color, alpha=0.12)
            ax.axvline(s["p50"], color="k", lw=1.5)
            ax.set_title(f"{m}: median {s['p50']:.4g}, 90% [{s['p5']:.4g}, {s['p95']:.4g}]",
                         fontsize=8, loc="left")
        ax.set_ylabel("draws", fontsize=8)
        ax.grid(alpha=0.3)
    axes[-1, 0].set_xlabel(f"forecast ({mc.units})" if mc.units else "forecast")
    n = max(len(v) for v in mc.draws.values())
    fig.suptitle(f"{mc.issue}: forecast distribution ({n:,} draws; black line = median, "
                 "band = 90%)", fontsize=9)
    fig.tight_layout()
    return _finish(fig, path)
