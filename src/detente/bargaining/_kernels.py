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


def _compiled(func=None, **options):
    """``njit`` with an on-disk cache when numba finds a writable place for one.

    numba caches next to this file, in ``$NUMBA_CACHE_DIR`` or in the user's cache folder, and
    refuses to decorate (RuntimeError) when none is writable: a read-only install for a user
    with no writable home. Then the kernel is compiled in memory at each run instead.
    """
    if func is None:  # used as @_compiled(inline="always")
        return lambda f: _compiled(f, **options)
    try:
        return njit(cache=True, nogil=True, **options)(func)
    except RuntimeError:
        return njit(cache=False, nogil=True, **options)(func)

# Actors closer than this fraction of the position range count as coincident and make each
# other no offer. Without it, rounding (e.g. 100 - x on a mirrored scale) leaves two actors
# 1e-14 apart, one accepts a "compromise" that moves it nowhere instead of its real best
# offer, and the run diverges from the exact-arithmetic one.
SAME_POSITION = 1e-9
# Expected utilities closer than this count as equal when offers are classified (eu_ji >
# eu_ij, eu_ij > 0, ...), for the same reason: ties of exact arithmetic are decided alike
# on a scale and on its mirror image.
EU_TIE = 1e-11

if HAVE_NUMBA:

    @_compiled
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

    @_compiled
    def _probs_sorted(X, W, r, R, scholz, P, cum):  # pragma: no cover - compiled
        """P[a, c] for one run whose actors are sorted by position (X ascending).

        Same sums as ``_probabilities``: the voters for a over c are those on a's side of the
        midpoint, a prefix (a left of c) or a suffix of the sorted voters, found with a
        pointer that only moves forward as c moves right (O(n^2) per run).
        """
        n = X.shape[0]
        for a in range(n):
            cum[0, a] = 0.0
        for k in range(n):
            rk = r[k]
            for a in range(n):
                d = abs(X[k] - X[a]) / R
                if rk != 1.0 and d > 0.0:
                    d = np.exp(rk * np.log(d))
                cum[k + 1, a] = cum[k, a] + W[k] * d
        total = 0.0
        for a in range(n):
            P[a, a] = 0.0
            m_lt = a
            m_le = a
            for c in range(a + 1, n):
                if X[a] == X[c]:
                    P[a, c] = 0.0
                    P[c, a] = 0.0
                    continue
                mid = (X[a] + X[c]) / 2.0
                while m_lt < n and X[m_lt] < mid:
                    m_lt += 1
                if m_le < m_lt:
                    m_le = m_lt
                while m_le < n and X[m_le] <= mid:
                    m_le += 1
                v = cum[m_lt, c] - cum[m_lt, a]  # voters left of mid: for a
                u = (cum[n, a] - cum[m_le, a]) - (cum[n, c] - cum[m_le, c])  # right: for c
                v = v if v > 0.0 else 0.0
                u = u if u > 0.0 else 0.0
                P[a, c] = v
                P[c, a] = u
                total += v + u
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

    @_compiled(inline="always")
    def _pw_log(logbase, rho):  # pragma: no cover - compiled
        """base ** rho from log(base) (base 0 -> log -inf -> 0)."""
        return np.exp(rho * logbase)

    @_compiled(inline="always")
    def _eu1(p, s_t, rho, q, t, near, dist, us, uf, usq):  # pragma: no cover - compiled
        eu = us + s_t * (1.0 - p) * (uf - us)
        if q >= 1.0:
            return eu - usq
        b = 0.5 - 0.25 * (near + dist)
        ub = 2.0 - 4.0 * ((b if b > 0.0 else 0.0) ** rho)
        uw = 2.0 - 4.0 * ((0.5 + 0.25 * (near + dist)) ** rho)
        return eu - (q * usq + (1.0 - q) * (t * ub + (1.0 - t) * uw))

    @_compiled(inline="always")
    def _offer(xi, xj, eij, eji, pji, conflict_expected, capitulation):  # pragma: no cover
        """(kind, new position, Scholz key) of the offer j makes i; kind 0 = none."""
        e = EU_TIE
        if eji > eij + e and eij > e:
            pos = xi + pji * (xj - xi) if conflict_expected else xj
            return 1, pos, abs(pos - xi)
        if eji > e and eij < -e and eji > -eij + e:
            ae, aj = abs(eij), abs(eji)
            return 2, xi + (xj - xi) * (ae / aj), (ae * xi + aj * xj) / (ae + aj)
        if capitulation and eji > e and eij < -e and eji < -eij - e:
            return 3, xj, abs(xj - xi)
        return 0, xi, 0.0

    @_compiled(parallel=True)
    def eu_round_kernel(x, s, c, R, q, t_half, scholz, vote_risk, receiver, conflict_expected,
                        least_move, capitulation, danger,
                        out_x, out_r, out_kind, out_partner):  # pragma: no cover - compiled
        """One round of the challenge model for every row; mirrors eu_round (numpy).

        Works on each row's actors sorted by position; ties between equally good offers go
        to the smallest original actor index, as in the numpy code.
        """
        B, n = x.shape
        for b in prange(B):
            order = np.argsort(x[b], kind="mergesort")
            X = x[b][order]
            S = s[b][order]
            W = c[b][order] * S
            # weighted median; on an exact half the midpoint (as median.weighted_median)
            total = W.sum()
            eps = 1e-9 * total
            acc = 0.0
            lo_k, hi_k = n - 1, n - 1
            found = False
            for k in range(n):
                acc += W[k]
                if not found and acc >= total * 0.5 - eps:
                    lo_k = k
                    found = True
                if acc > total * 0.5 + eps:
                    hi_k = k
                    break
            mu = 0.5 * (X[lo_k] + X[hi_k])
            Rb = R[b]
            P = np.empty((n, n))
            cum = np.empty((n + 1, n))
            r = np.ones(n)
            # log(0.5 -/+ 0.5 d) per unordered pair: utilities for any exponent by one exp
            lm = np.empty((n, n))
            lp = np.empty((n, n))
            for i in range(n):
                for j in range(i, n):
                    d = abs(X[i] - X[j]) / Rb
                    m = 0.5 - 0.5 * d
                    lm[i, j] = np.log(m) if m > 0.0 else -np.inf
                    lp[i, j] = np.log(0.5 + 0.5 * d)
                    lm[j, i] = lm[i, j]
                    lp[j, i] = lp[i, j]
            if danger:
                _probs_sorted(X, W, r, Rb, scholz, P, cum)
                dl = np.zeros(n)
                for i in range(n):
                    for j in range(n):
                        if i != j:
                            dist = abs(X[j] - X[i]) / Rb
                            t = 0.5 if t_half else (1.0 if abs(X[j] - mu) < abs(X[i] - mu) else 0.0)
                            us = 2.0 - 4.0 * np.exp(lm[i, j])
                            uf = 2.0 - 4.0 * np.exp(lp[i, j])
                            # with r = 1, U_sq = 2 - 4 * 0.5 = 0
                            dl[i] += _eu1(P[j, i], S[i], 1.0, q, t, abs(X[j] - mu) / Rb, dist,
                                          us, uf, 0.0)
                hi_d, lo_d = dl.max(), dl.min()
                for i in range(n):
                    rr = (2.0 * dl[i] - hi_d - lo_d) / (hi_d - lo_d) if hi_d > lo_d else 0.0
                    r[i] = (1.0 - rr / 3.0) / (1.0 + rr / 3.0)
            if vote_risk:
                _probs_sorted(X, W, r, Rb, scholz, P, cum)
            else:
                _probs_sorted(X, W, np.ones(n), Rb, scholz, P, cum)
            usq = np.empty(n)
            for i in range(n):
                usq[i] = 2.0 - 4.0 * 0.5 ** r[i]
            bkind = np.zeros(n, dtype=np.int64)
            bj = np.full(n, -1, dtype=np.int64)
            bpos = X.copy()
            bkey = np.full(n, np.inf)
            bmove = np.full(n, np.inf)
            okind = np.zeros((n, n), dtype=np.int64)
            opos = np.empty((n, n))
            omove = np.empty((n, n))
            for i in range(n):
                for j in range(i + 1, n):
                    if abs(X[i] - X[j]) <= SAME_POSITION * Rb:
                        continue  # coincident actors make each other no offer
                    dist = abs(X[i] - X[j]) / Rb
                    ni, nj = abs(X[i] - mu) / Rb, abs(X[j] - mu) / Rb
                    if t_half:
                        tij, tji = 0.5, 0.5
                    else:
                        tij = 1.0 if abs(X[i] - mu) < abs(X[j] - mu) else 0.0
                        tji = 1.0 if abs(X[j] - mu) < abs(X[i] - mu) else 0.0
                    usi = 2.0 - 4.0 * _pw_log(lm[i, j], r[i])
                    ufi = 2.0 - 4.0 * _pw_log(lp[i, j], r[i])
                    usj = 2.0 - 4.0 * _pw_log(lm[i, j], r[j])
                    ufj = 2.0 - 4.0 * _pw_log(lp[i, j], r[j])
                    # challenges priced with the challenger's exponent, and with the
                    # receiver's (the receiver's estimate of the other side)
                    e_ij_ri = _eu1(P[i, j], S[j], r[i], q, tij, ni, dist, usi, ufi, usq[i])
                    e_ji_rj = _eu1(P[j, i], S[i], r[j], q, tji, nj, dist, usj, ufj, usq[j])
                    if receiver:
                        e_ji_ri = _eu1(P[j, i], S[i], r[i], q, tji, nj, dist, usi, ufi, usq[i])
                        e_ij_rj = _eu1(P[i, j], S[j], r[j], q, tij, ni, dist, usj, ufj, usq[j])
                    else:
                        e_ji_ri = e_ji_rj
                        e_ij_rj = e_ij_ri
                    for side in range(2):  # side 0: i receives from j; side 1: j from i
                        if side == 0:
                            me, other, eme, eoth, poth = i, j, e_ij_ri, e_ji_ri, P[j, i]
                        else:
                            me, other, eme, eoth, poth = j, i, e_ji_rj, e_ij_rj, P[i, j]
                        kind, pos, key = _offer(X[me], X[other], eme, eoth, poth,
                                                conflict_expected, capitulation)
                        if kind == 0:
                            continue
                        move = abs(pos - X[me])
                        oj = order[other]
                        if least_move:  # chosen below, once the least move is known
                            okind[me, other], opos[me, other] = kind, pos
                            omove[me, other] = move
                            if move < bmove[me]:
                                bmove[me] = move
                            continue
                        cur = bj[me]
                        ocur = order[cur] if cur >= 0 else n
                        better = (bkind[me] == 0 or kind < bkind[me] or (
                            kind == bkind[me] and (key < bkey[me] or (
                                key == bkey[me] and oj < ocur))))
                        if better:
                            bkind[me], bj[me], bpos[me] = kind, other, pos
                            bkey[me], bmove[me] = key, move
            if least_move:
                # among offers within SAME_POSITION * R of the least move: the earliest kind,
                # then the actor listed first (as the numpy code)
                for me in range(n):
                    for other in range(n):
                        kind = okind[me, other]
                        if kind == 0 or omove[me, other] > bmove[me] + SAME_POSITION * Rb:
                            continue
                        cur = bj[me]
                        if cur < 0 or kind < bkind[me] or (
                                kind == bkind[me] and order[other] < order[cur]):
                            bkind[me], bj[me], bpos[me] = kind, other, opos[me, other]
            for i in range(n):
                o = order[i]
                out_r[b, o] = r[i]
                out_x[b, o] = bpos[i]
                out_kind[b, o] = bkind[i]
                out_partner[b, o] = order[bj[i]] if bj[i] >= 0 else -1


else:
    eu_round_kernel = None
