"""Results as pandas data frames and NetworkX graphs (optional extras).

pandas and NetworkX are optional: ``pip install 'detente[frames]'`` brings both. They are
imported only when one of these functions is called; without them the call raises a
:class:`~detente.errors.DetenteError` saying what to install.

GMCR results
    :func:`states_frame` (one row per feasible state), :func:`stability_frame` (one row per
    state, DM and concept: tidy, ready for ``pivot_table``), :func:`equilibria_frame`,
    :func:`robustness_frame`, and :func:`to_networkx` for the state graph (each DM's moves as
    edges, equilibria and the status quo as node attributes).
Bargaining results
    :func:`forecast_frame` for a list of point forecasts, :func:`trajectory_frame` for an
    expected-utility run, :func:`draws_frame` for Monte Carlo draws, :func:`packages_frame`;
    :func:`issue_frame` and its inverse :func:`issue_from_frame`.

``from_frame`` exists only where a table *is* the model: a bargaining issue is a table of
actors (position, salience, capability), so :func:`issue_from_frame` reads one through the same
validating loader as the YAML files. A GMCR conflict is not: its preferences are prioritised
statements with evidence, so it is written in YAML (see docs/model-format.md), and its results
are derived from it rather than read back from a table.

The result classes carry these as methods: ``AnalysisResult.to_frame(kind)``,
``AnalysisResult.to_networkx()``, ``RobustnessResult.to_frame()``, ``Forecast.to_frame()``,
``EUResult.to_frame()``, ``MonteCarloResult.to_frame()``, ``PackageResult.to_frame()``,
``Issue.to_frame()``.

>>> import detente
>>> r = detente.analyze("tests/fixtures/gmcr/prisoners-dilemma.yaml")
>>> df = r.to_frame("stability")
>>> df.query("concept == 'Nash' and equilibrium")["yn"].unique().tolist()  # nobody cooperates
['NN']
"""

from __future__ import annotations

from typing import Any

import numpy as np

from detente.errors import DetenteError

NETWORKX_STATE_LIMIT = 200_000  # a graph object per state and move: bounded on purpose


def _pandas():
    try:
        import pandas as pd
    except ImportError:
        raise DetenteError("data frames need pandas, which is not installed",
                           hint="pip install 'detente[frames]'  (or: pip install pandas)") from None
    return pd


def _networkx():
    try:
        import networkx as nx
    except ImportError:
        raise DetenteError("graphs need NetworkX, which is not installed",
                           hint="pip install 'detente[frames]'  (or: pip install networkx)") from None
    return nx


def _levels(ranks: np.ndarray) -> np.ndarray:
    """Rank (higher = preferred) -> level (1 = most preferred), ties sharing a level."""
    uniq, inverse = np.unique(ranks, return_inverse=True)
    return (len(uniq) - inverse).astype(np.int64)


# --- GMCR ----------------------------------------------------------------------------------

def states_frame(result):
    """One row per feasible state: options taken, each DM's preference level, status quo.

    Parameters
    ----------
    result : AnalysisResult

    Returns
    -------
    pandas.DataFrame
        Indexed by state ``id`` (1..n, as printed everywhere); columns ``yn``, one boolean
        column per option (its name), ``status_quo`` (bool), and ``level[DM]`` per DM
        (1 = the DM's most preferred states; equal levels are ties).
    """
    pd = _pandas()
    space, c = result.space, result.conflict
    codes = space.codes
    data: dict[str, Any] = {"yn": [result.yn(p) for p in range(space.n)]}
    for o in c.options:
        data[o.name] = ((codes >> np.uint64(o.index)) & np.uint64(1)).astype(bool)
    sq = result.status_quo_position
    data["status_quo"] = np.arange(space.n) == (sq if sq is not None else -1)
    for dm in c.dm_names:
        data[f"level[{dm}]"] = _levels(result.ranks[dm])
    return pd.DataFrame(data, index=pd.Index(np.arange(1, space.n + 1), name="id"))


def stability_frame(result):
    """Stability of every state for every DM under every computed concept, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``yn``, ``concept``, ``dm``, ``stable`` (for that DM) and
        ``equilibrium`` (stable for every DM under that concept). Wide form:
        ``df.pivot_table(index="id", columns=["concept", "dm"], values="stable")``.
    """
    pd = _pandas()
    n = result.n_states
    ids = np.arange(1, n + 1)
    yn = np.array([result.yn(p) for p in range(n)], dtype=object)
    parts = []
    for concept in result.concepts:
        if concept not in result.stable:
            continue
        eq = result.equilibrium_mask(concept)
        for dm, arr in result.stable[concept].items():
            parts.append(pd.DataFrame({"id": ids, "yn": yn, "concept": concept, "dm": dm,
                                       "stable": np.asarray(arr, dtype=bool), "equilibrium": eq}))
    if not parts:
        return pd.DataFrame(columns=["id", "yn", "concept", "dm", "stable", "equilibrium"])
    return pd.concat(parts, ignore_index=True)


def equilibria_frame(result):
    """One row per (concept, equilibrium): columns ``concept``, ``id``, ``yn``, ``taken``."""
    pd = _pandas()
    rows = []
    for concept in result.concepts:
        if concept not in result.stable:
            continue
        for p in result.equilibria(concept):
            code = int(result.space.codes[p])
            rows.append({"concept": concept, "id": int(p) + 1, "yn": result.yn(int(p)),
                         "taken": ", ".join(result.conflict.taken(code))})
    return pd.DataFrame(rows, columns=["concept", "id", "yn", "taken"])


def analysis_frame(result, kind: str = "stability"):
    """``kind``: ``"states"``, ``"stability"`` or ``"equilibria"`` (see the functions above)."""
    kinds = {"states": states_frame, "stability": stability_frame, "equilibria": equilibria_frame}
    if kind not in kinds:
        raise DetenteError(f"unknown frame kind {kind!r}", hint="use one of: " + ", ".join(kinds))
    return kinds[kind](result)


def to_networkx(result, *, max_states: int = NETWORKX_STATE_LIMIT):
    """The state graph as a :class:`networkx.MultiDiGraph`.

    Nodes are state ids (1..n) with attributes ``yn``, ``taken`` (list of options),
    ``status_quo`` (bool), ``equilibrium`` (list of the concepts under which the state is an
    equilibrium), ``stable`` (``{concept: [DMs it is stable for]}``) and ``level`` (``{DM: level}``,
    1 = most preferred). Each unilateral move of a DM is an edge keyed by the DM's name with
    attributes ``dm``, ``improvement`` (the mover prefers the target), ``changes``
    (``{option: new value}``) and ``colour`` (the DM's colour in detente's pictures).
    Graph attributes: ``title``, ``decision_makers``, ``options``, ``concepts``.

    Parameters
    ----------
    result : AnalysisResult
    max_states : refuse conflicts with more feasible states than this (a Python object per
        state and move would exhaust memory long before the analysis does).

    Examples
    --------
    >>> import detente, networkx as nx
    >>> r = detente.analyze("tests/fixtures/gmcr/chicken.yaml", concepts=["Nash"])
    >>> g = r.to_networkx()
    >>> g.number_of_nodes(), sorted(n for n, eq in g.nodes(data="equilibrium") if "Nash" in eq)
    (4, [2, 3])
    >>> improving = nx.DiGraph((u, v) for u, v, imp in g.edges(data="improvement") if imp)
    >>> sorted(improving.successors(1))
    [2, 3]
    """
    nx = _networkx()
    from detente.report.graph import dm_colours
    n = result.n_states
    if n > max_states:
        raise DetenteError(f"the conflict has {n:,} feasible states, more than {max_states:,} for a "
                           "NetworkX graph", hint="pass max_states=... to allow it, or use "
                           "to_frame() and the engine's arrays for large conflicts")
    c = result.conflict
    colours = dm_colours(c.dm_names)
    codes = result.space.codes
    sq = result.status_quo_position
    levels = {dm: _levels(r) for dm, r in result.ranks.items()}
    eq = {concept: result.equilibrium_mask(concept) for concept in result.concepts
          if concept in result.stable}
    g = nx.MultiDiGraph(title=c.title, decision_makers=list(c.dm_names),
                        options=list(c.option_names), concepts=list(eq))
    for p in range(n):
        code = int(codes[p])
        g.add_node(p + 1, yn=result.yn(p), taken=list(c.taken(code)), status_quo=(p == sq),
                   equilibrium=[k for k, m in eq.items() if m[p]],
                   stable={k: [dm for dm, arr in result.stable[k].items() if arr[p]] for k in eq},
                   level={dm: int(v[p]) for dm, v in levels.items()})
    for dm, table in result.tables.items():
        ranks = result.ranks[dm]
        for p in range(n):
            src = int(codes[p])
            for q in table.targets(p):
                q = int(q)
                diff = src ^ int(codes[q])
                changes = {o.name: bool((int(codes[q]) >> o.index) & 1) for o in c.options
                           if (diff >> o.index) & 1}
                g.add_edge(p + 1, q + 1, key=dm, dm=dm, improvement=bool(ranks[q] > ranks[p]),
                           changes=changes, colour=colours[dm])
    return g


def robustness_frame(rob):
    """P(equilibrium) per concept and state from a :class:`RobustnessResult`.

    Returns
    -------
    pandas.DataFrame
        One row per concept and state that is an equilibrium in some draw or as written:
        ``concept``, ``id``, ``yn``, ``p_equilibrium``, ``low``, ``high`` (the interval; equal
        to the value when exact), ``baseline_equilibrium`` and ``p_stable[DM]`` per DM.
    """
    pd = _pandas()
    dms = rob.conflict.dm_names
    rows = []
    for concept in rob.concepts:
        for r in rob.rows(concept):
            row = {"concept": concept, "id": r["id"], "yn": r["yn"],
                   "p_equilibrium": r["p_equilibrium"], "low": r["interval"][0],
                   "high": r["interval"][1], "baseline_equilibrium": r["baseline_equilibrium"]}
            row.update({f"p_stable[{dm}]": r["p_stable"][dm] for dm in dms})
            rows.append(row)
    cols = ["concept", "id", "yn", "p_equilibrium", "low", "high", "baseline_equilibrium"]
    return pd.DataFrame(rows, columns=cols + [f"p_stable[{dm}]" for dm in dms])


# --- bargaining ----------------------------------------------------------------------------

def forecast_frame(forecasts):
    """Point forecasts (one or a list of :class:`Forecast`) as rows: model, issue, value, units."""
    pd = _pandas()
    from detente.bargaining.results import Forecast
    if isinstance(forecasts, Forecast):
        forecasts = [forecasts]
    return pd.DataFrame([{"model": f.model, "issue": f.issue, "value": float(f.value),
                          "units": f.units} for f in forecasts],
                        columns=["model", "issue", "value", "units"])


def trajectory_frame(res):
    """An expected-utility run: one row per round (0 = the input), one column per actor, plus
    ``weighted median`` (the forecast) and ``weighted mean``."""
    pd = _pandas()
    pos = np.asarray(res.positions, dtype=float)
    df = pd.DataFrame(pos, columns=list(res.actors),
                      index=pd.Index(np.arange(len(pos)), name="round"))
    df["weighted median"] = np.asarray(res.medians, dtype=float)
    df["weighted mean"] = np.asarray(res.means, dtype=float)
    return df


def draws_frame(mc):
    """Monte Carlo draws: one row per draw, one column per model."""
    pd = _pandas()
    df = pd.DataFrame({m: np.asarray(a, dtype=float) for m, a in mc.draws.items()})
    df.index.name = "draw"
    return df


def packages_frame(pr):
    """Every package: one column per issue (its level), ``U[actor]`` per actor, and
    ``pareto``, ``nash``, ``kalai_smorodinsky`` flags."""
    pd = _pandas()
    frontier = set(pr.frontier)
    rows = []
    for i, pkg in enumerate(pr.packages):
        row: dict[str, Any] = dict(zip(pr.issues, pkg))
        row.update({f"U[{a}]": float(u) for a, u in zip(pr.actors, pr.utilities[i])})
        row.update({"pareto": i in frontier, "nash": i == pr.nash,
                    "kalai_smorodinsky": i == pr.kalai_smorodinsky})
        rows.append(row)
    return pd.DataFrame(rows)


_ISSUE_COLUMNS = ("position", "salience", "capability")


def issue_frame(issue):
    """A bargaining :class:`Issue` as a table of actors: ``position``, ``salience`` (0-1),
    ``capability`` and, where given, their ``*_low``/``*_high`` uncertainty bounds."""
    pd = _pandas()
    rows = []
    for a in issue.actors:
        row: dict[str, Any] = {"actor": a.name}
        for col in _ISSUE_COLUMNS:
            est = getattr(a, col)
            row[col] = est.value
            if est.low is not None:
                row[f"{col}_low"], row[f"{col}_high"] = est.low, est.high
        rows.append(row)
    return pd.DataFrame(rows).set_index("actor")


def issue_from_frame(df, name: str, *, low: float | None = None, high: float | None = None,
                     units: str = "", status_quo: float | None = None, salience_scale: str = "auto"):
    """Read a bargaining issue from a table of actors (the inverse of :func:`issue_frame`).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per actor, indexed by actor name (or with an ``actor`` column); columns
        ``position``, ``salience``, ``capability`` and optional ``position_low``/``_high`` etc.
    name : the issue's name.
    low, high : the scale's ends (default: the range of the positions).
    units, status_quo, salience_scale : as in the YAML form (docs/bargaining.md).

    Returns
    -------
    Issue
        Checked by the same loader as scenario files; a bad cell raises
        :class:`~detente.errors.ModelError` naming ``issues[0].actors[ROW].FIELD``.

    Examples
    --------
    >>> import pandas as pd
    >>> from detente.bargaining import compromise
    >>> df = pd.DataFrame({"position": [4, 7, 10], "salience": [0.8, 0.4, 0.6],
    ...                    "capability": [0.16, 0.08, 0.16]}, index=["DE", "FR", "UK"])
    >>> round(compromise(issue_from_frame(df, "date")).value, 3)
    6.625
    """
    _pandas()
    from detente.bargaining.scenario import load_issues
    table = df.reset_index() if "actor" not in df.columns else df
    if "actor" not in table.columns:
        table = table.rename(columns={table.columns[0]: "actor"})
    missing = [c for c in _ISSUE_COLUMNS if c not in table.columns]
    if missing:
        raise DetenteError(f"the actor table has no column {', '.join(map(repr, missing))}",
                           hint="columns: position, salience, capability (and optional "
                                "position_low, position_high, ...)")

    def plain(v):
        return v.item() if isinstance(v, np.generic) else v

    actors = []
    for _, row in table.iterrows():
        actor: dict[str, Any] = {"name": str(row["actor"])}
        for col in _ISSUE_COLUMNS:
            actor[col] = plain(row[col])
            lo_col, hi_col = f"{col}_low", f"{col}_high"
            if lo_col in table.columns and hi_col in table.columns and not (
                    _isnan(row[lo_col]) and _isnan(row[hi_col])):
                actor[f"{col}_range"] = [plain(row[lo_col]), plain(row[hi_col])]
        actors.append(actor)
    positions = [a["position"] for a in actors if isinstance(a["position"], (int, float))]
    body: dict[str, Any] = {"name": name, "actors": actors, "salience_scale": salience_scale,
                            "scale": {"low": min(positions, default=0) if low is None else low,
                                      "high": max(positions, default=1) if high is None else high,
                                      "units": units}}
    if status_quo is not None:
        body["status_quo"] = status_quo
    return load_issues({"issues": [body]})[0]


def _isnan(v) -> bool:
    return isinstance(v, float) and v != v
