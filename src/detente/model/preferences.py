"""Preferences as ranks over the feasible states.

Each DM's preference is a total preorder over the feasible states (ties allowed), stored as an
integer rank per state: higher = more preferred, equal = tied, dense from 0 (least preferred).

Option prioritisation (Fang, Hipel & Kilgour 1993; Hipel et al. 1997): with statements
k = 1..L, most important first, statement k is worth 2^(L-k) and a state's score is the sum over
the statements it satisfies. Comparing such scores is the same as comparing the statements'
truth values lexicographically, which is how ranks are computed here (no overflow for long lists).
"""

from __future__ import annotations

import numpy as np

from detente.model.states import StateSpace, _option_values
from detente.model.conflict import DecisionMaker, Statement


def statement_truth(space: StateSpace, statements: list[Statement]) -> np.ndarray:
    """Boolean matrix (n states x L statements): which state satisfies which statement."""
    value_of = _option_values(space.codes, space.conflict)
    # Statement by statement in memory (each column contiguous), seen as n x L.
    out = np.zeros((len(statements), space.n), dtype=bool).T
    for k, st in enumerate(statements):
        out[:, k] = np.broadcast_to(np.asarray(st.expr.evaluate(value_of), dtype=bool), (space.n,))
    return out


def ranks_from_truth(truth: np.ndarray) -> np.ndarray:
    """Dense ranks from a truth matrix, lexicographic with the first column most important."""
    n, L = truth.shape
    if L == 0:
        return np.zeros(n, dtype=np.int32)
    if L <= 24:
        # Scores fit a table of 2^L entries: dense ranks by a cumulative count, no sort.
        score = np.zeros(n, dtype=np.int32)
        for k in range(L):  # score = sum of truth[:, k] << (L - 1 - k), in place (Horner)
            np.left_shift(score, 1, out=score)
            np.bitwise_or(score, truth[:, k], out=score)
        present = np.zeros(1 << L, dtype=bool)
        present[score] = True
        return (np.cumsum(present, dtype=np.int32) - 1)[score]
    if L <= 62:
        weights = (np.int64(1) << np.arange(L - 1, -1, -1, dtype=np.int64))
        score = truth.astype(np.int64) @ weights
        _, inv = np.unique(score, return_inverse=True)
    else:
        _, inv = np.unique(truth, axis=0, return_inverse=True)
    return inv.reshape(-1).astype(np.int32)


def ranks_from_levels(space: StateSpace, levels: list[list[int]]) -> np.ndarray:
    """Ranks from an explicit ranking (levels of state codes, most preferred first)."""
    ranks = np.full(space.n, -1, dtype=np.int32)
    top = len(levels) - 1
    for li, level in enumerate(levels):
        idx = space.index_of(np.asarray(level, dtype=np.uint64))
        ranks[idx[idx >= 0]] = top - li
    if (ranks < 0).any():  # validated at load time; guard against programmatic misuse
        missing = space.codes[ranks < 0][:5]
        raise ValueError("ranking misses states " + ", ".join(space.yn(c) for c in missing))
    # Dense ranks (levels may be empty after filtering).
    _, inv = np.unique(ranks, return_inverse=True)
    return inv.reshape(-1).astype(np.int32)


def dm_ranks(space: StateSpace, dm: DecisionMaker) -> np.ndarray:
    """Rank of every feasible state for one DM (higher = more preferred)."""
    if dm.ranking is not None:
        return ranks_from_levels(space, dm.ranking)
    return ranks_from_truth(statement_truth(space, dm.preferences or []))


def all_ranks(space: StateSpace) -> dict[str, np.ndarray]:
    return {dm.name: dm_ranks(space, dm) for dm in space.conflict.decision_makers}


def ranking_levels(ranks: np.ndarray) -> list[np.ndarray]:
    """State positions grouped by rank, most preferred first."""
    order = np.argsort(-ranks, kind="stable")
    sorted_r = ranks[order]
    cuts = np.flatnonzero(np.diff(sorted_r)) + 1
    return np.split(order, cuts)
