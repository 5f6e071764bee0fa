"""Multi-issue packages with discrete levels: Pareto frontier, Nash and Kalai-Smorodinsky.

A package picks one level on each issue. Each actor states a utility for every level of every
issue and a weight per issue; its utility for a package is the weighted sum (additive
utilities, as in Raiffa (1982), *The Art and Science of Negotiation*, ch. 10-11). Among all
packages:

* the **Pareto frontier**: packages no other package weakly improves for every actor and
  strictly for one;
* the **Nash bargaining package** (Nash 1950): maximises ``sum_i p_i log(u_i - d_i)`` over
  packages that give every actor more than its disagreement utility ``d_i`` (weights ``p_i``
  = bargaining powers, default equal);
* the **Kalai-Smorodinsky package** (Kalai & Smorodinsky 1975, "Other solutions to Nash's
  bargaining problem", *Econometrica* 43:513-518): maximises the smallest share of each actor's
  possible gain ``(u_i - d_i) / (ideal_i - d_i)``, ``ideal_i`` its best utility over packages
  (the discrete analogue of the point on the line from d to the ideal point).

The disagreement utilities are stated: a package (e.g. the status quo levels) or numbers.
"""

from __future__ import annotations

import itertools

import numpy as np

from detente.bargaining.results import PackageResult
from detente.errors import DetenteError, Problem

MAX_PACKAGES = 2_000_000


def pareto_frontier(u: np.ndarray) -> list[int]:
    """Indices of the non-dominated rows of ``u`` (maximisation), in input order.

    Example
    -------
    >>> pareto_frontier(np.array([[1, 1], [2, 0], [0, 2], [0.5, 0.5]]))
    [0, 1, 2]
    """
    u = np.asarray(u, dtype=float)
    order = np.lexsort(u.T[::-1])[::-1]  # descending by first column, then the next ...
    keep: list[int] = []
    front = np.empty((0, u.shape[1]))
    for i in order:
        row = u[i]
        if front.size and np.any(np.all(front >= row, axis=1) & np.any(front > row, axis=1)):
            continue
        if front.size and np.any(np.all(front == row, axis=1)):
            keep.append(i)  # duplicate utility vector: also optimal
            continue
        keep.append(i)
        front = np.vstack([front, row])
    return sorted(int(i) for i in keep)


def analyse_packages(levels: dict[str, list[str]], utilities: dict[str, dict[str, dict[str, float]]],
                     *, weights: dict[str, dict[str, float]] | None = None,
                     disagreement: dict[str, str] | dict[str, float] | None = None,
                     power: dict[str, float] | None = None) -> PackageResult:
    """Enumerate packages and find the Pareto frontier, the Nash and the K-S packages.

    Parameters
    ----------
    levels : issue -> list of level labels.
    utilities : actor -> issue -> level -> utility.
    weights : actor -> issue -> weight (default 1 for every issue).
    disagreement : either a package (issue -> level, e.g. the status quo) or actor -> utility;
        default: each actor's worst package utility.
    power : actor -> bargaining power for the Nash package (default equal).

    Returns
    -------
    :class:`~detente.bargaining.results.PackageResult`.

    Example
    -------
    >>> r = analyse_packages({"a": ["x", "y"], "b": ["x", "y"]},
    ...     {"P": {"a": {"x": 3, "y": 0}, "b": {"x": 0, "y": 1}},
    ...      "Q": {"a": {"x": 0, "y": 1}, "b": {"x": 3, "y": 0}}},
    ...     disagreement={"a": "y", "b": "y"})
    >>> r.packages[r.nash]
    ('x', 'x')
    """
    issues = list(levels)
    actors = list(utilities)
    if len(actors) < 2:
        raise DetenteError(Problem("package analysis needs at least two actors", field="actors"))
    n_pk = int(np.prod([len(levels[i]) for i in issues]))
    if n_pk > MAX_PACKAGES:
        raise DetenteError(Problem(f"{n_pk:,} packages exceed the limit of {MAX_PACKAGES:,}",
                                   hint="merge levels or split the issues into groups"))
    # per-issue utility tables (actors, levels), weighted
    tables = []
    for iss in issues:
        t = np.empty((len(actors), len(levels[iss])))
        for a, act in enumerate(actors):
            per = utilities[act].get(iss)
            if per is None:
                raise DetenteError(Problem(f"actor {act!r} has no utilities for issue {iss!r}",
                                           field=f"{act}.{iss}"))
            for k, lev in enumerate(levels[iss]):
                if lev not in per:
                    raise DetenteError(Problem(f"actor {act!r}, issue {iss!r}: no utility for "
                                               f"level {lev!r}", field=f"{act}.{iss}.{lev}"))
                t[a, k] = float(per[lev])
            t[a] *= float((weights or {}).get(act, {}).get(iss, 1.0))
        tables.append(t)
    idx = np.array(list(itertools.product(*[range(len(levels[i])) for i in issues])))
    u = np.zeros((len(idx), len(actors)))
    for k, t in enumerate(tables):
        u += t[:, idx[:, k]].T
    packages = [tuple(levels[iss][j] for iss, j in zip(issues, row)) for row in idx]
    if disagreement is None:
        d = u.min(axis=0)
    elif all(k in levels for k in disagreement):
        try:
            pk = tuple(disagreement[i] for i in issues)
        except KeyError as exc:
            raise DetenteError(Problem(f"the disagreement package has no level for issue {exc}"))
        if pk not in packages:
            raise DetenteError(Problem(f"the disagreement package {pk} uses an unknown level"))
        d = u[packages.index(pk)]
    else:
        d = np.array([float(disagreement[a]) for a in actors])
    front = pareto_frontier(u)
    gain = u - d
    ok = np.all(gain > 0, axis=1)
    nash_i = ks_i = None
    if ok.any():
        pw = np.array([float((power or {}).get(a, 1.0)) for a in actors])
        with np.errstate(divide="ignore"):
            obj = np.where(ok, (pw * np.log(np.where(ok[:, None], gain, 1.0))).sum(axis=1), -np.inf)
        nash_i = int(np.argmax(obj))
        ideal = u.max(axis=0)
        share = np.where(ok[:, None], gain / np.where(ideal > d, ideal - d, 1.0), -np.inf)
        mins = share.min(axis=1)
        best = mins.max()
        # ties: prefer the larger total share (lexicographic refinement)
        cand = np.flatnonzero(mins >= best - 1e-12)
        ks_i = int(cand[np.argmax(share[cand].sum(axis=1))])
    return PackageResult(issues=issues, actors=actors, packages=packages, utilities=u,
                         frontier=front, disagreement=d, nash=nash_i, kalai_smorodinsky=ks_i)


def analyse_issue_packages(issues, *, disagreement: str = "status_quo",
                           power: dict[str, float] | None = None) -> PackageResult:
    """Package analysis over discrete issues loaded from a scenario (:class:`DiscreteIssue`).

    An actor absent from an issue is indifferent to it (utility 0 on every level). The
    disagreement is the status-quo package when every issue states a ``status_quo`` and
    ``disagreement="status_quo"``; otherwise (or with ``"worst"``) each actor's worst package.
    """
    if not issues:
        raise DetenteError(Problem("no discrete issues (with levels) to combine into packages"))
    levels = {i.name: list(i.levels) for i in issues}
    actors: list[str] = []
    for i in issues:
        for a in i.actors:
            if a.name not in actors:
                actors.append(a.name)
    utilities = {a: {i.name: {lv: 0.0 for lv in i.levels} for i in issues} for a in actors}
    weights = {a: {i.name: 1.0 for i in issues} for a in actors}
    for i in issues:
        for a in i.actors:
            utilities[a.name][i.name] = dict(a.utilities)
            weights[a.name][i.name] = a.weight
    d = None
    if disagreement == "status_quo" and all(i.status_quo is not None for i in issues):
        d = {i.name: i.status_quo for i in issues}
    elif disagreement not in ("status_quo", "worst"):
        raise DetenteError(Problem(f"unknown disagreement {disagreement!r}",
                                   hint="status_quo or worst"))
    return analyse_packages(levels, utilities, weights=weights, disagreement=d, power=power)
