"""The asymmetric Nash bargaining solution on one issue.

Source: Nash (1950), "The bargaining problem", *Econometrica* 18:155-162; the asymmetric
(weighted) form of Kalai (1977) and Roth (1979); applied to EU legislative bargaining by
Achen (2006) and Schneider, Finke & Bailer (2010), "Bargaining power in the European Union",
*Political Studies* 58:85-103. The solution maximises the weighted Nash product

    prod_i (U_i(x) - U_i(d_i)) ** w_i      over x with U_i(x) >= U_i(d_i) for all i,

with utilities ``U_i(x) = -|x - x_i| ** p`` (``p = 1``: linear losses, the default, as in the
median-voter and expected-utility models; ``p = 2``: quadratic losses, Achen's choice; any
``p >= 1`` keeps the problem concave with a unique solution) and bargaining power
``w_i = c_i * s_i``. On DEU III the linear form forecasts better than the quadratic one and
than the compromise model (docs/bargaining.md, bench/bargaining_deu.py). (A multiplicative salience on
``U_i`` would cancel out of the maximiser; salience therefore enters through the power.)

The disagreement point must be stated:

* ``"worst"`` (default): each actor's disagreement utility is its utility at the end of the
  scale farthest from its position (failure is the worst outcome for everyone);
* ``"status_quo"``: the issue's status quo (reference point) ``q``; only positions every actor
  weakly prefers to ``q`` are feasible, so with actors on both sides of ``q`` the solution is
  ``q`` itself (the unanimity gridlock of Nash bargaining);
* a number: that point on the scale, with the same feasibility rule.
"""

from __future__ import annotations

import numpy as np

from detente.bargaining._common import as_arrays, check_weights
from detente.bargaining.results import Forecast
from detente.bargaining.scenario import Issue
from detente.errors import DetenteError, Problem



def nash_position(x, s, c, low, high, *, disagreement="worst", power: float = 1.0,
                  iterations: int = 80) -> np.ndarray:
    """Asymmetric Nash bargaining solution, vectorised over leading axes of (..., n) inputs.

    Parameters
    ----------
    x, s, c : positions, saliences (0-1), capabilities.
    low, high : the scale ends (scalars or arrays broadcastable to ``x.shape[:-1]``).
    disagreement : ``"worst"``, or the disagreement point (scalar or array over leading axes).
    power : utility exponent ``p >= 1`` (1 = linear, the default; 2 = quadratic).
    iterations : bisection steps on the slope (the objective is concave in ``x``; 80 steps
        shrink the bracket by ~1e-24).

    Returns
    -------
    Array of shape ``x.shape[:-1]``.

    Example
    -------
    >>> round(float(nash_position([0, 100], [1, 1], [1, 1], 0, 100)), 6)
    50.0
    """
    if not power >= 1.0:
        raise DetenteError(Problem(f"Nash utility power must be at least 1 (concave utilities), "
                                   f"not {power}", field="power"))
    x, s, c = as_arrays(x, s, c)
    w = c * s
    check_weights(w)
    lead = x.shape[:-1]
    lo = np.broadcast_to(np.asarray(low, dtype=float), lead).copy()
    hi = np.broadcast_to(np.asarray(high, dtype=float), lead).copy()
    if isinstance(disagreement, str):
        if disagreement != "worst":
            raise ValueError(f"unknown disagreement {disagreement!r}")
        ud = -np.maximum(np.abs(lo[..., None] - x), np.abs(hi[..., None] - x)) ** power
        d = None
    else:
        d = np.broadcast_to(np.asarray(disagreement, dtype=float), lead)
        ud = -np.abs(d[..., None] - x) ** power
        # feasible set: every actor with weight at least as well off as at d
        r = np.abs(d[..., None] - x)
        big = np.where(w > 0, 0.0, np.inf)
        lo = np.maximum(lo, np.max(x - r - big, axis=-1))
        hi = np.minimum(hi, np.min(x + r + big, axis=-1))

    def slope(p):
        # derivative of the (concave) log Nash product; bisection on its sign is exact to
        # machine precision, unlike a search on the flat objective itself
        dx = p[..., None] - x
        gain = -np.abs(dx) ** power - ud
        du = -power * np.abs(dx) ** (power - 1.0) * np.sign(dx)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(w > 0, w * du / gain, 0.0)
            return terms.sum(axis=-1)

    a, b = lo.copy(), hi.copy()
    for _ in range(iterations):
        m = (a + b) / 2.0
        up = slope(m) > 0
        a, b = np.where(up, m, a), np.where(up, b, m)
    out = (a + b) / 2.0
    if d is not None:
        out = np.where(hi - lo <= 1e-12 * np.maximum(1.0, np.abs(hi)), d, out)
    return out


def nash(issue: Issue, *, disagreement="worst", power: float = 1.0) -> Forecast:
    """Asymmetric Nash bargaining forecast for an issue (see :func:`nash_position`).

    ``disagreement="status_quo"`` uses the issue's ``status_quo`` (an error if it has none).

    Example
    -------
    >>> from detente.bargaining.scenario import make_issue
    >>> round(nash(make_issue("t", [0, 100], [1, 1], [1, 3])).value, 3)
    75.0
    """
    d = disagreement
    if disagreement == "status_quo":
        if issue.status_quo is None:
            raise DetenteError(Problem(
                f"issue {issue.name!r} has no status_quo, so the Nash solution cannot use it as "
                "the disagreement point", file=issue.source,
                hint="add status_quo: VALUE to the issue, or use disagreement 'worst'"))
        d = issue.status_quo.value
    elif not isinstance(disagreement, str) and not issue.scale.contains(float(disagreement)):
        raise DetenteError(Problem(f"issue {issue.name!r}: disagreement point {disagreement} is "
                                   "outside the scale"))
    check_weights(issue.c * issue.s, issue.name)
    v = nash_position(issue.x, issue.s, issue.c, issue.scale.low.value, issue.scale.high.value,
                      disagreement=d, power=power)
    return Forecast("nash", issue.name, float(v), issue.scale.units,
                    {"disagreement": disagreement, "power": power},
                    {"disagreement_point": None if isinstance(d, str) else float(d)})
