"""Optional compiled kernel for the expected-utility model's vote sums (numba, if installed).

Without numba the numpy path in :mod:`detente.bargaining.expected_utility` is used; both give
the same numbers (tests compare them).
"""

from __future__ import annotations

import numpy as np

try:  # numba is optional: it makes Monte Carlo of the challenge model ~3x faster
    from numba import njit
except ImportError:  # pragma: no cover - depends on the environment
    njit = None

HAVE_NUMBA = njit is not None

if HAVE_NUMBA:

    @njit(cache=True, nogil=True)
    def positive_votes(xs, x, cum, out):  # pragma: no cover - compiled
        """out[b, a, c] = sum of positive votes for a over c (see _probabilities)."""
        B, n = x.shape
        for b in range(B):
            row = xs[b]
            for a in range(n):
                xa = x[b, a]
                for c in range(n):
                    xc = x[b, c]
                    if xa == xc:
                        out[b, a, c] = 0.0
                        continue
                    mid = (xa + xc) / 2.0
                    lo, hi = 0, n
                    if xa < xc:  # count voters strictly below mid
                        while lo < hi:
                            m = (lo + hi) // 2
                            if row[m] < mid:
                                lo = m + 1
                            else:
                                hi = m
                        v = cum[b, lo, c] - cum[b, lo, a]
                    else:  # count voters at or below mid; the voters for a are above
                        while lo < hi:
                            m = (lo + hi) // 2
                            if row[m] <= mid:
                                lo = m + 1
                            else:
                                hi = m
                        v = (cum[b, n, c] - cum[b, lo, c]) - (cum[b, n, a] - cum[b, lo, a])
                    out[b, a, c] = v if v > 0.0 else 0.0
else:
    positive_votes = None


if HAVE_NUMBA:
    from numba import prange

    @njit(cache=True, nogil=True)
    def _probs(x, xs, ws, rs, R, scholz, P):  # pragma: no cover - compiled
        """P[a, c] for one run: voters sorted (xs, ws, rs); see _probabilities."""
        n = x.shape[0]
        cum = np.zeros((n + 1, n))
        for k in range(n):
            for a in range(n):
                d = abs(xs[k] - x[a]) / R
                if rs[k] != 1.0:
                    d = d ** rs[k]
                cum[k + 1, a] = cum[k, a] + ws[k] * d
        total = 0.0
        for a in range(n):
            xa = x[a]
            for c in range(n):
                xc = x[c]
                if xa == xc:
                    P[a, c] = 0.0
                    continue
                mid = (xa + xc) / 2.0
                lo, hi = 0, n
                if xa < xc:
                    while lo < hi:
                        m = (lo + hi) // 2
                        if xs[m] < mid:
                            lo = m + 1
                        else:
                            hi = m
                    v = cum[lo, c] - cum[lo, a]
                else:
                    while lo < hi:
                        m = (lo + hi) // 2
                        if xs[m] <= mid:
                            lo = m + 1
                        else:
                            hi = m
                    v = (cum[n, c] - cum[lo, c]) - (cum[n, a] - cum[lo, a])
                v = v if v > 0.0 else 0.0
                P[a, c] = v
                total += v
        if scholz:
            den = 2.0 * total
            for a in range(n):
                for c in range(n):
                    P[a, c] = P[a, c] / den if den > 0.0 else 0.0
        else:
            for a in range(n):
                for c in range(a + 1, n):
                    den = P[a, c] + P[c, a]
                    if den > 0.0:
                        pa, pc = P[a, c] / den, P[c, a] / den
                        P[a, c], P[c, a] = pa, pc

    @njit(cache=True, nogil=True, inline="always")
    def _pw(base, rho):  # pragma: no cover - compiled
        return base if rho == 1.0 else base ** rho

    @njit(cache=True, nogil=True, inline="always")
    def _sf(dist, rho):  # pragma: no cover - compiled
        """(U_s, U_f) at distance ``dist`` with risk exponent ``rho``."""
        us = 0.5 - 0.5 * dist
        us = 2.0 - 4.0 * _pw(us if us > 0.0 else 0.0, rho)
        uf = 2.0 - 4.0 * _pw(0.5 + 0.5 * dist, rho)
        return us, uf

    @njit(cache=True, nogil=True, inline="always")
    def _eu1(p, s_t, dist, rho, q, t, near, us, uf, usq):  # pragma: no cover - compiled
        eu = us + s_t * (1.0 - p) * (uf - us)
        if q >= 1.0:
            return eu - usq
        b = 0.5 - 0.25 * (near + dist)
        ub = 2.0 - 4.0 * _pw(b if b > 0.0 else 0.0, rho)
        uw = 2.0 - 4.0 * _pw(0.5 + 0.25 * (near + dist), rho)
        return eu - (q * usq + (1.0 - q) * (t * ub + (1.0 - t) * uw))

    @njit(cache=True, nogil=True, parallel=True)
    def eu_round_kernel(x, s, c, R, q, t_half, scholz, vote_risk, receiver, conflict_expected,
                        least_move, capitulation, danger,
                        out_x, out_r, out_kind, out_partner):  # pragma: no cover - compiled
        """One round of the challenge model for every row; mirrors eu_round (numpy)."""
        B, n = x.shape
        for b in prange(B):
            xb, sb = x[b], s[b]
            w = c[b] * sb
            order = np.argsort(xb, kind="mergesort")
            xs = xb[order]
            ws = w[order]
            # weighted median (lower median, as median.weighted_median)
            half = w.sum() * 0.5 * (1.0 - 1e-12)
            acc = 0.0
            mu = xs[n - 1]
            for k in range(n):
                acc += ws[k]
                if acc >= half:
                    mu = xs[k]
                    break
            Rb = R[b]
            ones = np.ones(n)
            P = np.empty((n, n))
            r = np.ones(n)
            if danger:
                _probs(xb, xs, ws, ones, Rb, scholz, P)
                dl = np.zeros(n)
                for i in range(n):
                    for j in range(n):
                        if i != j:
                            dist = abs(xb[j] - xb[i]) / Rb
                            near = abs(xb[j] - mu) / Rb
                            t = 0.5 if t_half else (1.0 if abs(xb[j] - mu) < abs(xb[i] - mu) else 0.0)
                            us, uf = _sf(dist, 1.0)
                            # with r = 1, U_sq = 2 - 4 * 0.5 = 0
                            dl[i] += _eu1(P[j, i], sb[i], dist, 1.0, q, t, near, us, uf, 0.0)
                hi_d, lo_d = dl.max(), dl.min()
                for i in range(n):
                    rr = (2.0 * dl[i] - hi_d - lo_d) / (hi_d - lo_d) if hi_d > lo_d else 0.0
                    r[i] = (1.0 - rr / 3.0) / (1.0 + rr / 3.0)
            if vote_risk:
                _probs(xb, xs, ws, r[order], Rb, scholz, P)
            else:
                _probs(xb, xs, ws, ones, Rb, scholz, P)
            usq = np.empty(n)  # U_sq depends on the risk exponent only
            for i in range(n):
                usq[i] = 2.0 - 4.0 * _pw(0.5, r[i])
            for i in range(n):
                out_r[b, i] = r[i]
                xi = xb[i]
                best_move, best_kind, best_j, best_pos, best_key = np.inf, 0, -1, xi, np.inf
                for j in range(n):
                    xj = xb[j]
                    if j == i or xj == xi:
                        continue
                    dist = abs(xi - xj) / Rb
                    ni, nj = abs(xi - mu) / Rb, abs(xj - mu) / Rb
                    if t_half:
                        tij, tji = 0.5, 0.5
                    else:
                        tij = 1.0 if abs(xi - mu) < abs(xj - mu) else 0.0
                        tji = 1.0 if abs(xj - mu) < abs(xi - mu) else 0.0
                    us, uf = _sf(dist, r[i])
                    eij = _eu1(P[i, j], sb[j], dist, r[i], q, tij, ni, us, uf, usq[i])
                    k = i
                    if not receiver:  # j prices its own challenge with its own exponent
                        us, uf = _sf(dist, r[j])
                        k = j
                    eji = _eu1(P[j, i], sb[i], dist, r[k], q, tji, nj, us, uf, usq[k])
                    kind = 0
                    if eji > eij and eij > 0.0:
                        kind = 1
                        pos = xi + P[j, i] * (xj - xi) if conflict_expected else xj
                        key = abs(pos - xi)
                    elif eji > 0.0 and eij < 0.0 and eji > -eij:
                        kind = 2
                        pos = xi + (xj - xi) * abs(eij / eji)
                        ae, aj = abs(eij), abs(eji)
                        key = (ae * xi + aj * xj) / (ae + aj)
                    elif capitulation and eji > 0.0 and eij < 0.0 and eji < -eij:
                        kind = 3
                        pos = xj
                        key = abs(pos - xi)
                    if kind == 0:
                        continue
                    move = abs(pos - xi)
                    if least_move:
                        better = (move < best_move or (move == best_move and kind < best_kind))
                    else:  # Scholz: by kind first, then the kind's key
                        better = (best_kind == 0 or kind < best_kind
                                  or (kind == best_kind and key < best_key))
                    if better:
                        best_move, best_kind, best_j, best_pos, best_key = move, kind, j, pos, key
                out_x[b, i] = best_pos
                out_kind[b, i] = best_kind
                out_partner[b, i] = best_j
else:
    eu_round_kernel = None
