"""Small helpers shared by the bargaining models (not public API)."""

from __future__ import annotations

import numpy as np

from detente.errors import DetenteError, Problem


def as_arrays(x, s, c):
    """Broadcast positions, saliences and capabilities to float arrays of shape (..., n)."""
    x = np.asarray(x, dtype=float)
    s = np.broadcast_to(np.asarray(s, dtype=float), x.shape)
    c = np.broadcast_to(np.asarray(c, dtype=float), x.shape)
    return x, s, c


def check_weights(w, issue: str = "") -> None:
    if np.any(np.sum(w, axis=-1) <= 0):
        where = f"issue {issue!r}: " if issue else ""
        raise DetenteError(Problem(where + "all actors have zero weight (capability x "
                                   "salience), so there is nothing to average",
                                   hint="give at least one actor a positive capability and salience"))
