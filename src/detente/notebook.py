"""Rich display of results in Jupyter (``_repr_html_``), with no extra dependency.

Jupyter calls an object's ``_repr_html_`` to show it; the result classes of detente delegate to
the functions here, imported only when a notebook asks, so code that never opens a notebook
pays nothing. Each function returns one self-contained HTML fragment: tables, and pictures as
inline SVG (state graphs, forecast plots) — nothing is fetched from the network.

* :func:`analysis_html` — equilibria per concept and a small state graph;
* :func:`explanation_html` — each improvement of the DM and the sanction that deters it;
* :func:`robustness_html` — P(equilibrium) per state and concept with its interval;
* :func:`forecast_html`, :func:`eu_html`, :func:`monte_carlo_html`, :func:`packages_html` —
  bargaining forecasts with their plots.

Every user-supplied text (titles, DM and option names) is escaped.

>>> import detente
>>> c = detente.load({"title": "<toy>", "decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
>>> html = detente.analyze(c, concepts=["Nash"])._repr_html_()
>>> "&lt;toy&gt;" in html and "<svg" in html and "<toy>" not in html
True
"""

from __future__ import annotations

from html import escape
from typing import Any

GRAPH_STATE_LIMIT = 40  # the notebook graph draws at most this many states
TABLE_ROW_LIMIT = 30  # rows of a table before "... n more"

_STYLE = ("<style>.detente-result table{border-collapse:collapse;margin:.3em 0}"
          ".detente-result th,.detente-result td{border:1px solid #ccc;padding:2px 6px;"
          "text-align:left;font-family:monospace}.detente-result .yes{color:#1a7f37}"
          ".detente-result .no{color:#b42318}.detente-result caption{text-align:left;"
          "font-weight:bold}</style>")


def _wrap(title: str, body: str) -> str:
    return f'{_STYLE}<div class="detente-result"><h4>{escape(title)}</h4>{body}</div>'


def _table(header: list[str], rows: list[list[str]], *, caption: str = "",
           limit: int = TABLE_ROW_LIMIT) -> str:
    """An HTML table; cells are already-escaped HTML."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows[:limit])
    more = (f'<tr><td colspan="{len(header)}">... {len(rows) - limit} more</td></tr>'
            if len(rows) > limit else "")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}{more}</tbody></table>"


def _state(result, p: int) -> str:
    return escape(result.label(int(p)))


def _mark(flag: bool | None) -> str:
    if flag is None:
        return "–"
    return '<span class="yes">yes</span>' if flag else '<span class="no">no</span>'


# --- GMCR ----------------------------------------------------------------------------------

def analysis_html(result, *, graph_limit: int = GRAPH_STATE_LIMIT) -> str:
    """HTML of an :class:`~detente.gmcr.analysis.AnalysisResult`: equilibria and state graph.

    Parameters
    ----------
    result
        An analysis result.
    graph_limit
        Draw the whole state graph up to this many feasible states; beyond, only the status
        quo, its one-move neighbours and the equilibria (see
        :func:`detente.report.graph.relevant_states`), and no graph at all past this many of those.

    Returns
    -------
    str
        An HTML fragment.
    """
    from detente.report.graph import relevant_states, state_graph_svg

    c = result.conflict
    title = (f"{c.title or 'Conflict'}: {result.n_states:,} feasible states, "
             f"{len(c.decision_makers)} decision makers")
    sq = result.status_quo_position
    parts = []
    if sq is not None:
        parts.append(f"<p>Status quo: <code>{_state(result, sq)}</code> "
                     f"(options: {escape(', '.join(c.option_names))})</p>")
    else:
        parts.append(f"<p>Options, in state-letter order: {escape(', '.join(c.option_names))}</p>")
    rows = []
    for concept in result.concepts:
        if concept in result.skipped:
            rows.append([escape(concept), "skipped", escape(result.skipped[concept])])
            continue
        if concept not in result.stable:
            continue
        eq = result.equilibria(concept)
        shown = ", ".join(_state(result, p) for p in eq[:12]) + (" ..." if len(eq) > 12 else "")
        rows.append([escape(concept), str(len(eq)), shown or "–"])
    parts.append(_table(["concept", "equilibria", "states (id:options)"], rows,
                        caption="Equilibria (stable for every decision maker)"))
    selection = relevant_states(result, limit=graph_limit)
    if len(selection.positions) <= graph_limit:
        parts.append(f"<p>State graph ({escape(selection.reason)}); arrows are each DM's best "
                     "unilateral improvement:</p>")
        parts.append(state_graph_svg(result, selection.positions, title=c.title or "state graph",
                                     show_labels=len(selection.positions) <= 16))
    else:
        parts.append(f"<p>State graph not drawn: {len(selection.positions):,} relevant states "
                     f"(more than {graph_limit}); use <code>result.to_networkx()</code>.</p>")
    return _wrap(title, "".join(parts))


def explanation_html(expl) -> str:
    """HTML of an :class:`~detente.gmcr.explain.Explanation`: improvements and sanction paths."""
    r = expl.result
    verdict = "STABLE" if expl.stable else "NOT stable"
    title = (f"State {r.label(expl.position)} is {verdict} for {expl.dm} "
             f"under {expl.concept}")
    parts = [f"<p>{escape(expl.dm)} ranks it {expl.rank} of {expl.levels} (1 = best).</p>"]
    if not expl.improvements:
        parts.append(f"<p>{escape(expl.dm)} has no unilateral improvement.</p>")
    rows = []
    for chk in expl.improvements:
        move = escape(chk.move.describe(r))
        if expl.concept == "Nash":
            deter, cred = "Nash: any improvement makes the state unstable", None
        elif chk.sanction is None:
            deter, cred = "nothing deters it" + (f": {escape(chk.note)}" if chk.note else ""), None
        elif not chk.sanction:
            deter, cred = escape(chk.note), None
        else:
            deter = "<br>".join(f"{escape(m.describe(r))}; {escape(expl.dm)} ranks it "
                                f"{m.focal_rank}" for m in chk.sanction)
            if chk.note:
                deter += f"<br><i>{escape(chk.note)}</i>"
            cred = chk.credible
        rows.append([f"{move}; ranked {chk.move.focal_rank}", _mark(chk.sanctioned), deter,
                     _mark(cred)])
    if rows:
        parts.append(_table(["improvement", "sanctioned", "sanction path", "credible"], rows,
                            limit=len(rows)))
    return _wrap(title, "".join(parts))


def robustness_html(rob, *, limit: int = TABLE_ROW_LIMIT) -> str:
    """HTML of a :class:`~detente.gmcr.robustness.RobustnessResult`: one table per concept."""
    how = (f"{rob.draws:,} draws, seed {rob.seed}" if rob.method == "sampled"
           else f"exact over {rob.draws:,} profiles")
    title = (f"{rob.conflict.title or 'Conflict'}: robustness ({how}; "
             f"{len(rob.assumptions)} uncertain assumptions)")
    parts = []
    dms = rob.conflict.dm_names
    for concept in rob.concepts:
        rows = []
        for row in rob.rows(concept):
            lo, hi = row["interval"]
            ci = "exact" if rob.method == "exact" else f"[{lo:.2f}, {hi:.2f}]"
            rows.append([f"{row['id']}:{escape(row['yn'])}", f"{row['p_equilibrium']:.3f}", ci,
                         _mark(row["baseline_equilibrium"])]
                        + [f"{row['p_stable'][dm]:.3f}" for dm in dms])
        header = ["state", "P(equilibrium)", f"{rob.confidence:.0%} interval",
                  "equilibrium as written"] + [f"P(stable for {escape(dm)})" for dm in dms]
        parts.append(_table(header, rows, caption=concept, limit=limit) if rows
                     else f"<p>{escape(concept)}: no equilibrium in any draw.</p>")
    return _wrap(title, "".join(parts))


def sensitivity_html(sens) -> str:
    """HTML of a :class:`~detente.gmcr.sensitivity.SensitivityResult` (its summary and tornado)."""
    from detente.gmcr.sensitivity import tornado_svg
    body = "<pre>" + escape("\n".join(sens.summary_lines())) + "</pre>" + tornado_svg(sens)
    return _wrap("Sensitivity", body)


# --- bargaining ----------------------------------------------------------------------------

def _num(v: float) -> str:
    return f"{v:.4g}"


def forecast_html(fc) -> str:
    """HTML of a point :class:`~detente.bargaining.results.Forecast`."""
    units = f" {escape(fc.units)}" if fc.units else ""
    rows = [[escape(str(k)), escape(str(v))] for k, v in {**fc.options, **fc.details}.items()]
    body = f"<p><b>{_num(fc.value)}</b>{units}</p>"
    if rows:
        body += _table(["setting", "value"], rows)
    return _wrap(f"{fc.model} forecast for {fc.issue!r}", body)


def eu_html(res) -> str:
    """HTML of an expected-utility run: trajectory plot (inline SVG) and the rounds table."""
    from detente.bargaining.plots import plot_trajectory
    units = f" {escape(res.units)}" if res.units else ""
    head = (f"<p>Forecast <b>{_num(res.value)}</b>{units} after {res.rounds} rounds; "
            f"{escape(res.status)}.</p>")
    rows = [[str(t), _num(m), _num(w)] for t, (m, w) in enumerate(zip(res.medians, res.means))]
    return _wrap(f"expected-utility forecast for {res.issue!r}",
                 head + plot_trajectory(res) + _table(["round", "weighted median", "weighted mean"], rows))


def monte_carlo_html(mc) -> str:
    """HTML of a :class:`~detente.bargaining.results.MonteCarloResult`: plot and summary table."""
    from detente.bargaining.plots import plot_distribution
    rows = []
    for m in mc.draws:
        s = mc.summary(m)
        rows.append([escape(m), str(len(mc.draws[m])), _num(s["p50"]),
                     f"[{_num(s['p5'])}, {_num(s['p95'])}]", _num(s["mean"]), _num(s["sd"])])
    table = _table(["model", "draws", "median", "90% interval", "mean", "sd"], rows)
    return _wrap(f"Monte Carlo forecasts for {mc.issue!r} (seed {mc.seed}, {mc.sampling})",
                 plot_distribution(mc) + table)


def packages_html(pr) -> str:
    """HTML of a :class:`~detente.bargaining.results.PackageResult`: the Pareto frontier."""
    rows = []
    for i in pr.frontier:
        tags = [t for t, j in (("Nash", pr.nash), ("Kalai-Smorodinsky", pr.kalai_smorodinsky)) if j == i]
        rows.append([escape(str(v)) for v in pr.packages[i]]
                    + [_num(float(u)) for u in pr.utilities[i]] + [", ".join(tags)])
    header = [escape(i) for i in pr.issues] + [f"U({escape(a)})" for a in pr.actors] + ["solution"]
    return _wrap(f"{len(pr.packages)} packages, {len(pr.frontier)} on the Pareto frontier",
                 _table(header, rows, caption="Pareto frontier"))


def as_html(obj: Any) -> str:
    """HTML for any detente result (dispatch by type)."""
    from detente.bargaining.results import EUResult, Forecast, MonteCarloResult, PackageResult
    from detente.gmcr.analysis import AnalysisResult
    from detente.gmcr.explain import Explanation
    from detente.gmcr.robustness import RobustnessResult
    for cls, fn in ((AnalysisResult, analysis_html), (Explanation, explanation_html),
                    (RobustnessResult, robustness_html), (EUResult, eu_html),
                    (Forecast, forecast_html), (MonteCarloResult, monte_carlo_html),
                    (PackageResult, packages_html)):
        if isinstance(obj, cls):
            return fn(obj)
    raise TypeError(f"no HTML view for {type(obj).__name__}")
