"""The fast engine and the simple reference implementation (tests/gmcr_reference.py) agree on
mid-size random conflicts (about 2^10 to 2^12 states) with infeasibility and irreversibility.

To keep this affordable the reference's move lists are filled by enumerating each DM's own
option patterns (still straight from the definition: change a non-empty subset of one's own
options, each the permitted way, to a feasible state), and each R_H(s1) search is memoised;
the stability checks themselves are the reference's.
"""

import functools
import itertools

import numpy as np
import pytest

import detente
import gmcr_reference as ref
from detente.gmcr.random_conflict import random_conflict

CASES = [  # (options, DMs, seed, constraints, irreversible): about 1.5k, 1k, 4k, 2k states
    (11, 3, 5, 1, 0.3),
    (10, 4, 7, 0, 0.3),
    (12, 2, 3, 0, 0.2),
    (12, 3, 9, 3, 0.2),
]


def fill_moves(rc):
    """R_dm(s) for every DM and state, by enumerating the DM's own option patterns."""
    feasible = set(rc.feasible)
    for dm in rc.dms:
        own = [k for k, o in enumerate(rc.owner) if o == dm]
        for s in rc.feasible:
            out = []
            for values in itertools.product([0, 1], repeat=len(own)):
                t = list(s)
                ok = True
                for k, v in zip(own, values):
                    if v == s[k]:
                        continue
                    if (rc.direction[k] == "take_only" and v == 0) or (rc.direction[k] == "drop_only" and v == 1):
                        ok = False
                        break
                    t[k] = v
                t = tuple(t)
                if ok and t != s and t in feasible:
                    out.append(t)
            rc.__dict__.setdefault("_moves_cache", {})[(dm, s)] = out


@pytest.mark.parametrize("m,d,seed,n_cons,irr", CASES)
def test_fast_matches_reference(m, d, seed, n_cons, irr, monkeypatch):
    c = random_conflict(m, d, seed=seed, n_constraints=n_cons, irreversible=irr)
    monkeypatch.setenv("DETENTE_KERNELS", "numpy")
    r = detente.analyze(c, ["Nash", "GMR", "SMR", "SEQ"])
    # The compiled kernels (used by default on large models; numba is a dependency) give
    # the same stable sets.
    monkeypatch.setenv("DETENTE_KERNELS", "numba")
    compiled = detente.analyze(c, ["Nash", "GMR", "SMR", "SEQ"])
    for concept in r.concepts:
        for dm in c.dm_names:
            assert np.array_equal(compiled.stable[concept][dm], r.stable[concept][dm]), (concept, dm)
    rc = ref.from_conflict(c)
    assert len(rc.feasible) == r.n_states and r.n_states >= 2 ** 10
    fill_moves(rc)
    original = ref.group_reach

    @functools.lru_cache(maxsize=None)
    def memo(H, s1, improving):
        return frozenset(original(rc, list(H), s1, improving))
    monkeypatch.setattr(ref, "group_reach", lambda c_, H, s1, improving: memo(tuple(H), s1, improving))
    for concept in r.concepts:
        for dm in c.dm_names:
            want = {ref.code_of(s) for s in rc.feasible if ref.stable(rc, dm, s, concept)}
            got = {int(x) for x in r.space.codes[r.stable[concept][dm]]}
            assert got == want, (concept, dm, len(got ^ want))


@pytest.mark.parametrize("seed", range(4))
def test_improvement_min_matches_pairwise(seed):
    """The rank-sorted prefix-minimum SEQ kernel equals the pair-by-pair definition."""
    c = random_conflict(12, 3, seed=seed, n_constraints=2, irreversible=0.5, n_statements=(1, 3))
    r = detente.analyze(c, ["Nash"])
    rng = np.random.default_rng(seed)
    for dm, t in r.tables.items():
        vals = rng.integers(0, 1000, r.n_states).astype(np.int32)
        assert (t.improvement_min(r.ranks[dm], vals) == t._improvement_min_pairs(r.ranks[dm], vals)).all()


@pytest.mark.parametrize("seed", range(6))
def test_status_quo_bfs_matches_reference(seed):
    """Status-quo distances equal a plain BFS over the reference's moves (or improvements),
    and every step of every returned path is a legal move (an improvement when required)."""
    from collections import deque

    from detente.gmcr.status_quo import reachable
    c = random_conflict(9, 2 + seed % 3, seed=seed, n_constraints=seed % 3, irreversible=0.3)
    r = detente.analyze(c, ["Nash"])
    rc = ref.from_conflict(c)
    fill_moves(rc)
    start = tuple((c.status_quo >> k) & 1 for k in range(c.n_options))
    everything = list(range(r.n_states))
    for improving in (False, True):
        dist = {start: 0}
        queue = deque([start])
        while queue:
            s = queue.popleft()
            for dm in rc.dms:
                for t in (ref.improvements(rc, dm, s) if improving else ref.moves(rc, dm, s)):
                    if t not in dist:
                        dist[t] = dist[s] + 1
                        queue.append(t)
        reach = reachable(r, to=everything, improvements_only=improving)
        got = {int(r.space.codes[p]): int(d) for p, d in enumerate(reach.distance) if d >= 0}
        assert got == {ref.code_of(s): d for s, d in dist.items()}
        for path in reach.paths:
            assert len(path.moves) == got[int(r.space.codes[path.target])]
            for step in path.moves:
                a = tuple((int(r.space.codes[step.source]) >> k) & 1 for k in range(c.n_options))
                b = tuple((int(r.space.codes[step.target]) >> k) & 1 for k in range(c.n_options))
                assert b in ref.moves(rc, step.dm, a)
                if improving:
                    assert step.improves_mover


def test_sweep_progress_and_interrupt():
    """The fixed point reports every sweep, gives the same answer with a callback, and a
    KeyboardInterrupt raised from the callback (Ctrl-C) propagates out."""
    from detente.gmcr.stability import unstable_for
    r = detente.analyze(random_conflict(12, 4, seed=3, irreversible=0.3), ["GMR", "SEQ"])
    for concept in ("GMR", "SEQ"):
        seen = []
        got = unstable_for("DM1", concept, r.tables, r.ranks, on_sweep=lambda k, ch: seen.append((k, ch)))
        assert (got == ~r.stable[concept]["DM1"]).all()
        assert [k for k, _ in seen] == list(range(1, len(seen) + 1))
        assert seen[-1][1] == 0 and all(ch > 0 for _, ch in seen[:-1])

    def stop(k, ch):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        unstable_for("DM0", "GMR", r.tables, r.ranks, on_sweep=stop)


def test_analyze_progress_reports_sweeps_and_counts():
    """analyze() reports every (concept, DM) and every sweep of the fixed point; a concept that
    does not apply still advances the count to the total."""
    seen = []
    c = random_conflict(10, 3, seed=2, irreversible=0.2)
    r = detente.analyze(c, ["Nash", "GMR", "SEQ", "NM"], progress=lambda t, d, n: seen.append((t, d, n)))
    assert any("sweep" in t for t, _, _ in seen)
    assert seen[-1][1] == seen[-1][2] == 4 * 3
    assert "NM" in r.skipped
    assert all(not t.__dict__.get("_order_cache") for t in r.tables.values())
