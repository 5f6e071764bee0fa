"""The compromise model: the capability x salience weighted mean of the positions.

Source: the "compromise model" of van den Bos (1991) and Achen (2006), "Evaluating political
decision-making models", in Thomson, Stokman, Achen & König (eds.) *The European Union
Decides*, Cambridge University Press, ch. 10: the outcome is
``sum_i c_i s_i x_i / sum_i c_i s_i``. Achen shows it approximates the asymmetric Nash
bargaining solution with quadratic losses; in the DEU data it is the hardest model to beat.
"""

from __future__ import annotations

import numpy as np

from detente.bargaining._common import as_arrays, check_weights
from detente.bargaining.results import Forecast
from detente.bargaining.scenario import Issue


def compromise_position(x, s, c, *, salience_power: float = 1.0) -> np.ndarray:
    """Weighted mean of ``x`` with weights ``c * s**salience_power``; works on (..., n) arrays.

    Parameters
    ----------
    x, s, c : positions, saliences (0-1) and capabilities; the last axis is the actors.
    salience_power : exponent on salience (1 = the published model; 0 ignores salience).

    Returns
    -------
    Array of shape ``x.shape[:-1]`` (a 0-d array for one issue).

    Example
    -------
    >>> float(compromise_position([0, 100], [1, 1], [1, 3]))
    75.0
    """
    x, s, c = as_arrays(x, s, c)
    w = c * s ** salience_power
    check_weights(w)
    return np.sum(w * x, axis=-1) / np.sum(w, axis=-1)


def compromise(issue: Issue, *, salience_power: float = 1.0) -> Forecast:
    """Compromise-model forecast for an issue (see :func:`compromise_position`).

    Example
    -------
    >>> from detente.bargaining.scenario import make_issue
    >>> compromise(make_issue("t", [0, 100], [1, 1], [1, 3])).value
    75.0
    """
    w = issue.c * issue.s ** salience_power
    check_weights(w, issue.name)
    return Forecast("compromise", issue.name,
                    float(compromise_position(issue.x, issue.s, issue.c,
                                              salience_power=salience_power)),
                    issue.scale.units, {"salience_power": salience_power})
