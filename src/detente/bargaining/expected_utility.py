"""Bueno de Mesquita's expected-utility ("challenge") model, as reconstructed by Scholz et al.

Sources
-------
* Bueno de Mesquita, B. (1994), "Political forecasting: an expected utility method", in
  Bueno de Mesquita & Stokman (eds.) *European Community Decision Making*, Yale UP, 71-104.
* Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011), "Unravelling Bueno De Mesquita's group
  decision model", *Journal of Theoretical Politics* 23(4):510-531 (and ICAART 2011). They
  assemble the model from BDM's papers, list the points BDM leaves open, and replicate the
  1994 EC emission-standards case (median position 8.4 after round 1, 9.9 in rounds 2-5).
* The arithmetic of their reconstruction follows the open re-implementation
  jmckib/bdm-scholz-expected-utility-model (Python, "a Python implementation of Scholz,
  Calbert & Smith (2011)"), re-derived here in vectorised form; the points where that
  re-implementation departs from BDM's text are exposed as options below.

The model
---------
Actors ``i`` have positions ``x_i``, saliences ``s_i`` (0-1, read as the probability of
resisting a challenge) and capabilities ``c_i``. Each round:

1. *Votes.* Actor ``k`` votes for ``x_a`` over ``x_b`` with
   ``v_k(a, b) = c_k s_k ((|x_k - x_b| / R) ** r_k - (|x_k - x_a| / R) ** r_k)``, ``R`` the range.
2. *Probability of success* of ``a`` against ``b``: ``P(a, b) = sum_k max(v_k(a, b), 0) /
   denominator`` (option ``probability``).
3. *Utilities* (risk exponent ``r``): success ``U_s = 2 - 4 (0.5 - 0.5 d) ** r``, failure
   ``U_f = 2 - 4 (0.5 + 0.5 d) ** r``, status quo ``U_sq = 2 - 4 * 0.5 ** r``, better/worse
   ``U_b/U_w = 2 - 4 (0.5 -/+ 0.25 (|x_i - mu| + d)) ** r`` with ``d = |x_i - x_j| / R`` and
   ``mu`` the weighted median.
4. *Expected utility of i challenging j*:
   ``EU = s_j (P U_s + (1 - P) U_f) + (1 - s_j) U_s - (Q U_sq + (1 - Q)(T U_b + (1 - T) U_w))``.
5. *Risk.* With every ``r = 1``, actor i's danger ``D_i = sum_j EU(j challenges i)``;
   ``R_i = (2 D_i - max D - min D) / (max D - min D)`` and ``r_i = (1 - R_i/3) / (1 + R_i/3)``
   (0.5 .. 2).
6. *Offers.* Seen by the receiver ``i`` for each ``j`` (with ``eu_ij = EU(i->j)``,
   ``eu_ji = EU(j->i)``): *confrontation* when ``eu_ji > eu_ij > 0`` (i loses and moves to
   ``x_j``), *compromise* when ``eu_ji > 0 > eu_ij`` and ``eu_ji > |eu_ij|`` (i moves to
   ``x_i + (x_j - x_i) |eu_ij / eu_ji|``), *capitulation* when ``eu_ji > 0 > eu_ij`` and
   ``|eu_ij| > eu_ji`` (i moves to ``x_j``). Each actor accepts one offer (option
   ``offer_selection``); all move at once.

The forecast is the weighted median (Condorcet winner, as BDM and Scholz report) after the
last round; the weighted mean is recorded too.

Options (the ambiguities Scholz et al. list, plus the re-implementation's choices)
----------------------------------------------------------------------------------
q : float, default 1.0
    Probability ``Q`` that the status quo persists if i does not challenge. Scholz et al. use
    ``Q = 1`` for the replication; below 1 the better/worse terms enter with ``T``.
t_rule : ``"closer"`` (default) or ``"half"``
    ``T`` (probability that things get better for i without a challenge): ``"closer"`` sets
    ``T = 1`` when i is closer to the median than j, else 0 (our reading); ``"half"`` uses 0.5.
probability : ``"scholz"`` (default) or ``"bdm"``
    Denominator of ``P``: ``"bdm"`` divides by ``sum_k |v_k(a, b)|`` (so P(a,b) + P(b,a) = 1,
    BDM 1985); ``"scholz"`` divides by the sum of ``|v_k|`` over all voters and all pairs,
    as in the re-implementation (tiny probabilities; this is what reproduces 8.4 -> 9.9).
vote_risk : bool, default True
    Votes use each voter's own risk exponent (re-implementation); False uses ``r = 1``.
perspective : ``"receiver"`` (default) or ``"own"``
    Whose risk exponent prices ``eu_ji``: the receiver's (i's estimate of j, Scholz) or j's own.
conflict : ``"loser_moves"`` (default) or ``"expected"``
    Conflict rule: the loser of a confrontation moves all the way to the winner's position,
    or to the expected outcome ``x_i + P(j, i) (x_j - x_i)``.
offer_selection : ``"least_move"`` (default) or ``"scholz"``
    ``"least_move"`` is BDM's stated rule: accept the offer that moves you least (ties: the
    confrontation, then the compromise, then the actor listed first). It does not depend on
    the direction of the scale: mirroring every position (``x -> low + high - x``) mirrors
    the trajectory and the forecast.
    ``"scholz"``: confrontations first (least move), then compromises by smallest
    ``(|eu_ij| x_i + |eu_ji| x_j) / (|eu_ij| + |eu_ji|)``, then capitulations, as in the code
    the re-implementation follows. "Smallest" favours the low end of the scale, so the
    forecast **depends on the direction of the scale** (on DEU III, 41 of 351 forecasts move,
    by up to 97 points, when the scales are mirrored). Kept to replicate Scholz et al.'s
    published trajectory; both rules give 8.4 after round 1 and 9.5-10 in rounds 2-5 on the
    emission case.
capitulation : bool, default False
    Whether capitulation offers exist. The re-implementation's test for them can never be
    true, so its runs (and our default) have none; True follows BDM's text.
position_range : ``"initial"`` (default), ``"current"`` or ``"scale"``
    ``R``: spread of the initial positions (fixed), of the current positions (recomputed each
    round), or the issue's scale.
risk : ``"danger"`` (default) or ``"neutral"``
    Risk exponents from the danger levels (step 5) or all fixed at 1.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np

from detente.bargaining import _kernels
from detente.bargaining._common import as_arrays, check_weights
from detente.bargaining.median import weighted_median
from detente.bargaining.results import EUResult
from detente.bargaining.scenario import Issue
from detente.errors import DetenteError, Problem

_CHOICES = {
    "t_rule": ("closer", "half"),
    "probability": ("scholz", "bdm"),
    "perspective": ("receiver", "own"),
    "conflict": ("loser_moves", "expected"),
    "offer_selection": ("least_move", "scholz"),
    "position_range": ("initial", "current", "scale"),
    "risk": ("danger", "neutral"),
    "forecast": ("median", "mean"),
}

KINDS = ("none", "confrontation", "compromise", "capitulation")
# The compiled kernel costs a one-off compile (10-40 s, then cached on disk), so only work
# that numpy would take seconds for goes through it: B * n^2 * rounds cells.
KERNEL_MIN_WORK = 20_000_000


@dataclass(frozen=True)
class EUOptions:
    """Options of the expected-utility model; see the module docstring for each one."""

    q: float = 1.0
    t_rule: str = "closer"
    probability: str = "scholz"
    vote_risk: bool = True
    perspective: str = "receiver"
    conflict: str = "loser_moves"
    offer_selection: str = "least_move"
    capitulation: bool = False
    position_range: str = "initial"
    risk: str = "danger"
    forecast: str = "median"

    def __post_init__(self):
        for k, allowed in _CHOICES.items():
            if getattr(self, k) not in allowed:
                raise DetenteError(Problem(f"expected-utility option {k}={getattr(self, k)!r} is "
                                           "not one of " + ", ".join(allowed), field=k))
        if not 0.0 <= float(self.q) <= 1.0:
            raise DetenteError(Problem(f"expected-utility option q={self.q} must be in [0, 1]",
                                       field="q"))

    def to_dict(self) -> dict:
        return asdict(self)


# -- vectorised pieces; arrays are (B, n) for B independent runs ---------------------------

def _probabilities_direct(x, w, r, R, mode):
    """P[b, a, c]: probability that a prevails over c, by summing every vote. O(B n^3).

    Kept as the reference for :func:`_probabilities` (tests compare the two).
    """
    d = (np.abs(x[:, :, None] - x[:, None, :]) / R[:, :, None]) ** r[:, :, None]  # (B,k,a)
    v = w[:, :, None, None] * (d[:, :, None, :] - d[:, :, :, None])  # (B,k,a,c)
    num = np.clip(v, 0.0, None).sum(axis=1)
    if mode == "bdm":
        den = np.abs(v).sum(axis=1)
    else:
        den = np.abs(v).sum(axis=(1, 2, 3))[:, None, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(den > 0, num / den, 0.0)
    same = x[:, :, None] == x[:, None, :]
    return np.where(same, 0.0, p)


def _positive_votes_numpy(x, xs, cum):
    """numpy version of :func:`detente.bargaining._kernels.positive_votes`."""
    B, n = x.shape
    # count voters strictly below / at-or-below each midpoint, all rows at once: shift each
    # row by a multiple of a span larger than any position so one sorted array serves all
    span = float(np.max(xs[:, -1] - xs[:, 0])) * 2.0 + 1.0
    lo_x = xs[:, :1]
    off = (np.arange(B) * span)[:, None]
    flat = (xs - lo_x + off).ravel()
    mid = ((x[:, :, None] + x[:, None, :]) / 2.0 - lo_x[:, :, None] + off[:, :, None])
    base = (np.arange(B) * n)[:, None, None]
    m_lt = np.searchsorted(flat, mid.ravel(), side="left").reshape(B, n, n) - base
    m_le = np.searchsorted(flat, mid.ravel(), side="right").reshape(B, n, n) - base
    a_left = x[:, :, None] < x[:, None, :]  # a (row) left of c (column): voters below mid
    bi = np.arange(B)[:, None, None]
    ai = np.arange(n)[None, :, None]
    ci = np.arange(n)[None, None, :]
    prefix = cum[bi, m_lt, ci] - cum[bi, m_lt, ai]
    total_c = cum[:, n, :][:, None, :]
    total_a = cum[:, n, :][:, :, None]
    suffix = (total_c - cum[bi, m_le, ci]) - (total_a - cum[bi, m_le, ai])
    num = np.where(a_left, prefix, suffix)
    return np.where(x[:, :, None] == x[:, None, :], 0.0, np.clip(num, 0.0, None))


def _probabilities(x, w, r, R, mode, use_kernel=True):
    """P[b, a, c]: probability that a prevails over c, in O(B n^2 log n).

    Voter k votes for a over c exactly when it is on a's side of the midpoint (a + c) / 2
    (utilities fall monotonically with distance whatever k's risk exponent), so the voters for
    a form a prefix or a suffix of the voters sorted by position. With prefix sums over sorted
    voters of ``w_k d_k(a)`` the positive votes ``num[a, c]`` cost O(1) per pair; the
    absolute votes are ``num[a, c] + num[c, a]``.
    """
    B, n = x.shape
    order = np.argsort(x, axis=1, kind="stable")
    xs = np.take_along_axis(x, order, axis=1)
    ws = np.take_along_axis(w, order, axis=1)
    rs = np.take_along_axis(r, order, axis=1)
    d = np.abs(xs[:, :, None] - x[:, None, :]) / R[:, :, None]  # (B,k,a)
    if not np.all(rs == 1.0):
        d = d ** rs[:, :, None]
    cum = np.zeros((B, n + 1, n))
    np.cumsum(ws[:, :, None] * d, axis=1, out=cum[:, 1:, :])
    if _kernels.HAVE_NUMBA and use_kernel:
        num = np.empty((B, n, n))
        _kernels.positive_votes(np.ascontiguousarray(xs), np.ascontiguousarray(x), cum, num)
    else:
        num = _positive_votes_numpy(x, xs, cum)
    if mode == "bdm":
        den = num + np.swapaxes(num, 1, 2)
    else:
        den = 2.0 * num.sum(axis=(1, 2))[:, None, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, 0.0)


def _success_failure(dist, rho):
    """Utilities of success and failure ``(U_s, U_f)`` of a challenge at distance ``dist``."""
    us = 2.0 - 4.0 * np.clip(0.5 - 0.5 * dist, 0.0, None) ** rho
    uf = 2.0 - 4.0 * (0.5 + 0.5 * dist) ** rho
    return us, uf


def _eu(p, s_target, dist, rho, q, t, near, us_uf=None):
    """Expected utility of a challenge; all arguments broadcast to (B, n, n).

    ``us_uf`` may pass precomputed :func:`_success_failure` values (they are shared by the
    two directions of a pair when both are priced with the same risk exponent).
    """
    us, uf = us_uf if us_uf is not None else _success_failure(dist, rho)
    usq = 2.0 - 4.0 * 0.5 ** rho
    # s_j (P U_s + (1 - P) U_f) + (1 - s_j) U_s, rearranged to save operations
    eu = us + s_target * (1.0 - p) * (uf - us)
    if q >= 1.0:
        return eu - usq
    ub = 2.0 - 4.0 * np.clip(0.5 - 0.25 * (near + dist), 0.0, None) ** rho
    uw = 2.0 - 4.0 * (0.5 + 0.25 * (near + dist)) ** rho
    return eu - (q * usq + (1.0 - q) * (t * ub + (1.0 - t) * uw))


def _risk_exponents(x, s, w, R, opts, mu):
    B, n = x.shape
    if opts.risk == "neutral":
        return np.ones((B, n))
    ones = np.ones((B, n))
    p = _probabilities(x, w, ones, R, opts.probability)
    dist = np.abs(x[:, :, None] - x[:, None, :]) / R[:, :, None]
    near, t = _median_terms(x, mu, R, opts)
    eu = _eu(p, s[:, None, :], dist, 1.0, opts.q, t, near)  # eu[a, b]: a challenges b
    eye = np.eye(n, dtype=bool)[None]
    danger = np.where(eye, 0.0, eu).sum(axis=1)  # D_i = sum_j EU(j -> i)
    hi, lo = danger.max(axis=1, keepdims=True), danger.min(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        rr = np.where(hi > lo, (2.0 * danger - hi - lo) / (hi - lo), 0.0)
    return (1.0 - rr / 3.0) / (1.0 + rr / 3.0)


def _median_terms(x, mu, R, opts):
    """|x_i - mu| / R for the challenger (rows) and T for each (i, j)."""
    if opts.q >= 1.0:
        return 0.0, 0.0
    near = (np.abs(x - mu[:, None]) / R)[:, :, None]
    if opts.t_rule == "half":
        return near, 0.5
    closer = np.abs(x - mu[:, None])[:, :, None] < np.abs(x - mu[:, None])[:, None, :]
    return near, closer.astype(float)


def eu_round(x, s, c, R, opts: EUOptions):
    """One round of the challenge model for B runs at once.

    Parameters
    ----------
    x, s, c : arrays (B, n) of positions, saliences (0-1) and capabilities.
    R : array (B, 1) of position ranges.
    opts : :class:`EUOptions`.

    Returns
    -------
    ``(new_x, r, kind, partner)``: new positions (B, n), the risk exponents used (B, n), the
    kind of offer each actor accepted (index into :data:`KINDS`, 0 = none) and from whom
    (-1 = none).
    """
    B, n = x.shape
    w = c * s
    mu = weighted_median(x, w)
    r = _risk_exponents(x, s, w, R, opts, mu)
    p = _probabilities(x, w, r if opts.vote_risk else np.ones_like(r), R, opts.probability)
    dist = np.abs(x[:, :, None] - x[:, None, :]) / R[:, :, None]
    near, t = _median_terms(x, mu, R, opts)
    r_i = r[:, :, None]  # receiver i = row
    sf_i = _success_failure(dist, r_i)
    eu_ij = _eu(p, s[:, None, :], dist, r_i, opts.q, t, near, sf_i)
    # eu_ji[i, j] = EU(j -> i): challenger j (column), target i (row)
    near_j = near if np.isscalar(near) else np.swapaxes(np.broadcast_to(near, (B, n, n)), 1, 2)
    t_j = t if np.isscalar(t) else np.swapaxes(t, 1, 2)
    rho_ji = r_i if opts.perspective == "receiver" else r[:, None, :]
    eu_ji = _eu(np.swapaxes(p, 1, 2), s[:, :, None], dist, rho_ji, opts.q, t_j, near_j,
                sf_i if opts.perspective == "receiver" else None)

    xi, xj = x[:, :, None], x[:, None, :]
    valid = (np.abs(xi - xj) > _kernels.SAME_POSITION * R[:, :, None]) & ~np.eye(n, dtype=bool)[None]
    # exact ties in exact arithmetic (common in symmetric configurations) must not be
    # decided by rounding noise, which differs between a scale and its mirror image
    e = _kernels.EU_TIE
    conf = valid & (eu_ji > eu_ij + e) & (eu_ij > e)
    comp = valid & (eu_ji > e) & (eu_ij < -e) & (eu_ji > -eu_ij + e)
    capit = valid & (eu_ji > e) & (eu_ij < -e) & (eu_ji < -eu_ij - e) if opts.capitulation \
        else np.zeros_like(valid)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(comp, np.abs(eu_ij / eu_ji), 0.0)
    if opts.conflict == "loser_moves":
        conf_pos = np.broadcast_to(xj, conf.shape)
    else:
        conf_pos = xi + np.swapaxes(p, 1, 2) * (xj - xi)
    comp_pos = xi + (xj - xi) * ratio
    cap_pos = np.broadcast_to(xj, conf.shape)

    kinds = np.zeros((B, n), dtype=int)
    partner = np.full((B, n), -1)
    new_x = x.copy()
    inf = np.inf

    def take(mask, key, pos, kind, only):
        keyed = np.where(mask, key, inf)
        j = np.argmin(keyed, axis=2)
        has = mask.any(axis=2) & only
        chosen = np.take_along_axis(pos, j[:, :, None], axis=2)[:, :, 0]
        new_x[has] = chosen[has]
        kinds[has] = kind
        partner[has] = j[has]
        return has

    if opts.offer_selection == "scholz":
        free = np.ones((B, n), dtype=bool)
        took = take(conf, np.abs(conf_pos - xi), conf_pos, 1, free)
        free &= ~took
        ae, aj = np.abs(eu_ij), np.abs(eu_ji)
        with np.errstate(divide="ignore", invalid="ignore"):
            ckey = (ae * xi + aj * xj) / (ae + aj)
        took = take(comp, ckey, comp_pos, 2, free)
        free &= ~took
        take(capit, np.abs(cap_pos - xi), cap_pos, 3, free)
    else:
        # least move; offers whose moves tie within SAME_POSITION * R go to the earlier kind
        # (confrontation, compromise, capitulation), then to the actor listed first
        cands = [(conf, conf_pos, 1), (comp, comp_pos, 2), (capit, cap_pos, 3)]
        moves = [np.where(mask, np.abs(pos - xi), inf) for mask, pos, _ in cands]
        least = np.minimum.reduce([m.min(axis=2) for m in moves])  # (B, n)
        near = least[:, :, None] + _kernels.SAME_POSITION * R[:, :, None]
        free = np.isfinite(least)
        for move, (mask, pos, kind) in zip(moves, cands):
            ok = move <= near
            has = ok.any(axis=2) & free
            j = np.argmax(ok, axis=2)
            chosen = np.take_along_axis(pos, j[:, :, None], axis=2)[:, :, 0]
            new_x = np.where(has, chosen, new_x)
            kinds = np.where(has, kind, kinds)
            partner = np.where(has, j, partner)
            free &= ~has
    return new_x, r, kinds, partner


def _eu_round_compiled(x, s, c, R, opts: EUOptions):
    """:func:`eu_round` through the numba kernel (same arguments and results)."""
    B, n = x.shape
    out_x, out_r = np.empty((B, n)), np.empty((B, n))
    kinds, partner = np.empty((B, n), dtype=np.int64), np.empty((B, n), dtype=np.int64)
    f = np.ascontiguousarray
    _kernels.eu_round_kernel(
        f(x, dtype=float), f(s, dtype=float), f(c, dtype=float), f(R[:, 0], dtype=float),
        float(opts.q), opts.t_rule == "half", opts.probability == "scholz", bool(opts.vote_risk),
        opts.perspective == "receiver", opts.conflict == "expected",
        opts.offer_selection == "least_move", bool(opts.capitulation), opts.risk == "danger",
        out_x, out_r, kinds, partner)
    return out_x, out_r, kinds, partner


def _range(x0, low, high, opts):
    if opts.position_range == "scale":
        R = np.broadcast_to(np.asarray(high, float) - np.asarray(low, float), x0.shape[:1])
        R = np.asarray(R, dtype=float)[:, None]
    else:
        R = (x0.max(axis=1) - x0.min(axis=1))[:, None]
    return np.where(R > 0, R, 1.0)


def simulate(x, s, c, *, rounds: int = 5, options: EUOptions | None = None, low=None,
             high=None, tol: float = 1e-9, record: bool = False, stop_when_stable: bool = True,
             compiled: bool | None = None):
    """Run the challenge model for B issues (or Monte Carlo draws) at once.

    Parameters
    ----------
    x, s, c : arrays (n,) or (B, n): positions, saliences (0-1), capabilities.
    rounds : maximum number of rounds.
    options : :class:`EUOptions` (defaults reproduce Scholz et al.'s replication).
    low, high : scale ends (needed for ``position_range="scale"``).
    tol : a round in which no position moves more than ``tol`` counts as stable.
    record : keep every round's positions, risks, offer kinds and partners.
    stop_when_stable : stop once every run is stable.
    compiled : use the numba kernel (same results, several times faster) when numba is
        installed: True always, False never, None (default) when the work is large enough to
        repay the one-off compile (:data:`KERNEL_MIN_WORK`).

    Returns
    -------
    dict with ``positions`` (B, n) after the last round, ``median`` and ``mean`` (B,),
    ``rounds_run``, ``converged`` (B,) and, when ``record``, ``history`` (T+1, B, n),
    ``risk`` (T, B, n), ``kinds`` and ``partners`` (T, B, n).

    Example
    -------
    >>> out = simulate([4, 7, 10], [0.8, 0.4, 0.6], [0.16, 0.08, 0.16], rounds=3)
    >>> out["positions"].shape
    (1, 3)
    """
    opts = options or EUOptions()
    x, s, c = as_arrays(x, s, c)
    x, s, c = np.atleast_2d(x).copy(), np.atleast_2d(s), np.atleast_2d(c)
    B = max(x.shape[0], s.shape[0], c.shape[0])
    x = np.broadcast_to(x, (B, x.shape[1])).copy()
    s = np.broadcast_to(s, x.shape)
    c = np.broadcast_to(c, x.shape)
    check_weights(c * s)
    if opts.position_range == "scale" and (low is None or high is None):
        raise DetenteError(Problem("position_range='scale' needs the scale ends (low, high)"))
    R = _range(x, low, high, opts)
    # the kernel pays a one-off compile (cached on disk); small batches run fine in numpy
    if compiled is None:
        compiled = B * x.shape[1] ** 2 * rounds >= KERNEL_MIN_WORK
    use_kernel = compiled and _kernels.HAVE_NUMBA
    hist, risks, kinds_h, partners_h = [x.copy()], [], [], []
    converged = np.zeros(B, dtype=bool)
    t = 0
    for t in range(1, rounds + 1):
        if opts.position_range == "current":
            R = _range(x, low, high, opts)
        new_x, r, kinds, partner = (_eu_round_compiled(x, s, c, R, opts) if use_kernel
                                    else eu_round(x, s, c, R, opts))
        moved = np.abs(new_x - x).max(axis=1)
        converged = moved <= tol
        x = new_x
        if record:
            hist.append(x.copy())
            risks.append(r)
            kinds_h.append(kinds)
            partners_h.append(partner)
        if stop_when_stable and converged.all():
            break
    w = c * s
    out = {"positions": x, "median": weighted_median(x, w),
           "mean": (w * x).sum(axis=1) / w.sum(axis=1), "rounds_run": t,
           "converged": converged}
    if record:
        out.update(history=np.array(hist), risk=np.array(risks), kinds=np.array(kinds_h),
                   partners=np.array(partners_h))
    return out


DEFAULT_ROUNDS = 5


def expected_utility(issue: Issue, *, rounds: int = DEFAULT_ROUNDS, options: EUOptions | None = None,
                     **kwargs) -> EUResult:
    """Run the challenge model on one issue and return the forecast and full trajectory.

    Parameters
    ----------
    issue : the :class:`~detente.bargaining.scenario.Issue`.
    rounds : maximum number of rounds (stops earlier when no actor moves). The default, 5,
        is the protocol of Scholz et al.'s replication, the only published validation of the
        reconstruction; the model often does not converge (the result says so:
        ``converged``, ``cycle``, ``status``), and then the forecast depends on this number.
    options : :class:`EUOptions`; or give the options as keyword arguments
        (``expected_utility(issue, q=0.5, offer_selection="least_move")``).

    Returns
    -------
    :class:`~detente.bargaining.results.EUResult`: ``value`` is the weighted median (or mean,
    option ``forecast``) after the last round; ``positions`` the positions of every actor in
    every round; ``medians``/``means`` per round; ``moves`` who moved how, toward whom.

    Example
    -------
    >>> from detente.bargaining.scenario import make_issue
    >>> res = expected_utility(make_issue("t", [4, 7, 10], [0.8, 0.4, 0.6], [0.16, 0.08, 0.16]))
    >>> res.positions.shape[1]
    3
    """
    opts = replace(options or EUOptions(), **kwargs) if kwargs else (options or EUOptions())
    if rounds < 1:
        raise DetenteError(Problem(f"rounds must be at least 1, not {rounds}", field="rounds"))
    check_weights(issue.c * issue.s, issue.name)
    out = simulate(issue.x, issue.s, issue.c, rounds=rounds, options=opts,
                   low=issue.scale.low.value, high=issue.scale.high.value, record=True)
    hist = out["history"][:, 0, :]
    w = issue.c * issue.s
    medians = weighted_median(hist, w)
    means = (hist * w).sum(axis=1) / w.sum()
    names = issue.names
    moves = []
    for t in range(len(out["kinds"])):
        rnd = []
        for i in range(len(names)):
            k = int(out["kinds"][t, 0, i])
            if k and hist[t + 1, i] != hist[t, i]:
                rnd.append((names[i], KINDS[k], names[int(out["partners"][t, 0, i])],
                            float(hist[t, i]), float(hist[t + 1, i])))
        moves.append(rnd)
    value = medians[-1] if opts.forecast == "median" else means[-1]
    converged = bool(out["converged"][0])
    cycle = None if converged else find_cycle(hist, tol=1e-9 * float(np.ptp(hist[0]) or 1.0))
    return EUResult(
        model="eu", issue=issue.name, value=float(value), units=issue.scale.units,
        options={"rounds": rounds, **opts.to_dict()},
        details={"initial_median": float(medians[0]), "initial_mean": float(means[0])},
        actors=names, positions=hist, risk=out["risk"][:, 0, :], medians=medians, means=means,
        moves=moves, converged=converged, cycle=None if cycle is None else cycle[0],
        cycle_start=None if cycle is None else cycle[1])


def find_cycle(history, tol: float = 1e-9) -> tuple[int, int] | None:
    """Whether a trajectory ends in a repeating cycle of positions.

    Parameters
    ----------
    history : array (T + 1, n), the positions before round 1 and after every round.
    tol : positions closer than this count as equal.

    Returns
    -------
    ``(length, start)``: the shortest period ``length >= 2`` such that every round from
    ``start`` to the last repeats the positions ``length`` rounds earlier, with ``start`` as
    early as possible and the cycle seen at least once in full; or None.

    Example
    -------
    >>> find_cycle(np.array([[0.], [1.], [2.], [1.], [2.], [1.]]))
    (2, 1)
    """
    h = np.asarray(history, dtype=float)
    last = len(h) - 1
    for k in range(2, last // 2 + 1):
        if np.abs(h[last] - h[last - k]).max() > tol:
            continue
        start = last - k
        while start - 1 >= 0 and np.abs(h[start - 1 + k] - h[start - 1]).max() <= tol:
            start -= 1
        if last - start >= 2 * k - 1:
            return k, start
    return None
