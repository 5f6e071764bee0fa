"""The weighted median ("median voter") model.

Source: Black (1948), "On the rationale of group decision-making", *J. Political Economy*
56:23-34: with single-peaked preferences on one dimension the median voter's position beats
every other position in pairwise majority votes (it is the Condorcet winner). Weighting voters
by capability x salience gives the position used as the forecast by Bueno de Mesquita (1994)
and as the "median voter" baseline of Achen (2006) in *The European Union Decides*.

With symmetric linear losses, position ``m`` beats ``p`` in a weighted vote iff
``sum_i w_i (|x_i - p| - |x_i - m|) > 0``; the weighted median minimises ``sum_i w_i |x_i - m|``
and so wins every such vote.
"""

from __future__ import annotations

import numpy as np

from detente.bargaining._common import as_arrays, check_weights
from detente.bargaining.results import Forecast
from detente.bargaining.scenario import Issue


def weighted_median(x, w) -> np.ndarray:
    """Weighted median along the last axis.

    Works on (..., n) arrays. The median is the smallest ``x`` whose cumulative weight reaches
    one half. When the cumulative weight hits exactly one half (within a relative 1e-9), every
    point between that position and the next one with weight is a median; the midpoint of the
    two is returned, so that the result does not depend on the direction of the scale
    (mirroring positions ``x -> low + high - x`` mirrors the median).

    Example
    -------
    >>> float(weighted_median([4, 7, 10], [24.8, 9.3, 33.6]))
    7.0
    >>> float(weighted_median([0, 100], [1, 1]))
    50.0
    """
    x = np.asarray(x, dtype=float)
    w = np.broadcast_to(np.asarray(w, dtype=float), x.shape)
    order = np.argsort(x, axis=-1, kind="stable")
    xs = np.take_along_axis(x, order, axis=-1)
    cw = np.cumsum(np.take_along_axis(w, order, axis=-1), axis=-1)
    half = cw[..., -1:] * 0.5
    eps = 1e-9 * cw[..., -1:]
    lower = np.argmax(cw >= half - eps, axis=-1)
    upper = np.argmax(cw > half + eps, axis=-1)
    lo = np.take_along_axis(xs, lower[..., None], axis=-1)[..., 0]
    hi = np.take_along_axis(xs, upper[..., None], axis=-1)[..., 0]
    return (lo + hi) * 0.5


def median_position(x, s, c) -> np.ndarray:
    """Capability x salience weighted median of the positions (vectorised over leading axes).

    Example
    -------
    >>> float(median_position([4, 7, 10], [0.8, 0.4, 0.6], [0.16, 0.2, 0.16]))
    7.0
    """
    x, s, c = as_arrays(x, s, c)
    check_weights(c * s)
    return weighted_median(x, c * s)


def median(issue: Issue) -> Forecast:
    """Weighted-median (median voter) forecast for an issue.

    Example
    -------
    >>> from detente.bargaining.scenario import make_issue
    >>> median(make_issue("t", [0, 40, 100], [1, 1, 1], [1, 1, 3])).value
    100.0
    """
    check_weights(issue.c * issue.s, issue.name)
    return Forecast("median", issue.name, float(median_position(issue.x, issue.s, issue.c)),
                    issue.scale.units, {"weights": "capability x salience"})
