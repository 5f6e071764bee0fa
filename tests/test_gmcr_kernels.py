"""The compiled move-table kernels (detente.gmcr._kernels, numba) give exactly what the numpy
path gives, and both what the reference gives: reductions on random conflicts with random
values (ties, infeasible cells, one-way options), whole analyses, several threads and small
chunks; numba is not imported for small models."""

import contextlib
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import detente
import gmcr_reference as ref
from detente.errors import DetenteError
from detente.gmcr import moves
from detente.gmcr.random_conflict import random_conflict
from test_gmcr_properties import random_conflicts

pytest.importorskip("numba")
from detente.gmcr import _kernels  # noqa: E402

CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


@contextlib.contextmanager
def kernels(mode: str, threads: int | None = None, chunk: int | None = None):
    """DETENTE_KERNELS (and the kernels' threads and chunk size) for the block."""
    saved = {k: os.environ.get(k) for k in ("DETENTE_KERNELS", "DETENTE_ENGINE_THREADS")}
    saved_chunk = _kernels.CHUNK_CELLS
    os.environ["DETENTE_KERNELS"] = mode
    if threads is not None:
        os.environ["DETENTE_ENGINE_THREADS"] = str(threads)
    if chunk is not None:
        _kernels.CHUNK_CELLS = chunk
    try:
        yield
    finally:
        _kernels.CHUNK_CELLS = saved_chunk
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def analysis(conflict, mode, **kw):
    with kernels(mode, **kw):
        return detente.analyze(conflict, CONCEPTS)


def assert_same(a, b):
    for concept in CONCEPTS:
        for dm in a.conflict.dm_names:
            assert np.array_equal(a.stable[concept][dm], b.stable[concept][dm]), (concept, dm)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_conflicts(), st.sampled_from([(1, None), (2, 8), (2, 1)]))
def test_compiled_analysis_equals_reference(doc, threads_chunk):
    """Small random conflicts (2-4 DMs, up to 7 options): the compiled path against the
    reference's definitions, on one thread or on two with tiny chunks (many kernel calls)."""
    threads, chunk = threads_chunk
    conflict = detente.load(doc)
    result = analysis(conflict, "numba", threads=threads, chunk=chunk)
    expected = ref.analyse(conflict)
    for concept in CONCEPTS:
        for dm, codes in expected[concept].items():
            got = {int(result.space.codes[p]) for p in result.stable_states(concept, dm)}
            assert got == codes, (concept, dm, sorted(conflict.yn(c) for c in got ^ codes))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), options=st.integers(8, 13), dms=st.integers(2, 5),
       constraints=st.integers(0, 3), irreversible=st.sampled_from([0.0, 0.2, 0.5, 1.0]))
def test_compiled_reductions_equal_numpy(seed, options, dms, constraints, irreversible):
    """Every reduction, on random conflicts of up to 2^13 states and random values with many
    ties: reach min/max, improvement min, and the fixed-point fold, compiled and numpy."""
    c = random_conflict(options, min(dms, options), seed=seed, n_constraints=constraints,
                        irreversible=irreversible)
    with kernels("numpy"):
        r = detente.analyze(c, ["Nash"])
    rng = np.random.default_rng(seed)
    n = r.n_states
    for dm, t in r.tables.items():
        vals = rng.integers(-5, 40, n).astype(np.int32)
        ranks = r.ranks[dm]
        A = np.stack([rng.integers(-5, 40, n) for _ in range(3)]).astype(np.int32)
        m = rng.integers(-5, 40, n).astype(np.int32)
        with kernels("numpy"):
            t.__dict__.pop("_kernel_module", None)
            want = (t.reach_min(vals), t.reach_max(vals), t.improvement_min(ranks, vals))
            step = {False: t.reach_min(A[1]), True: t.improvement_min(ranks, A[1])}
        with kernels("numba", threads=2, chunk=64):
            t.__dict__.pop("_kernel_module", None)
            assert t._kernels(vals) is not None
            got = (t.reach_min(vals), t.reach_max(vals), t.improvement_min(ranks, vals))
            for w, g in zip(want, got):
                assert g.dtype == np.int32 and np.array_equal(w, g)
            # The fold: one step of the fixed point into three rows, skipping row 1.
            for improving in (False, True):
                A2, m2 = A.copy(), m.copy()
                lowered = t.fold(A2[1], A2, 1, m2, ranks if improving else None)
                M = step[improving]
                assert np.array_equal(m2, np.minimum(m, M))
                assert np.array_equal(A2[1], A[1])
                for h in (0, 2):
                    assert np.array_equal(A2[h], np.minimum(A[h], M))
                assert lowered == int((M < A[0]).sum() + (M < A[2]).sum())
        t.__dict__.pop("_kernel_module", None)


@pytest.mark.parametrize("options,dms,seed,irr", [(13, 3, 1, 0.2), (12, 4, 2, 0.5), (14, 2, 3, 0.3)])
def test_compiled_analysis_equals_numpy(options, dms, seed, irr):
    c = random_conflict(options, dms, seed=seed, n_constraints=2, irreversible=irr)
    assert_same(analysis(c, "numpy"), analysis(c, "numba", threads=2, chunk=512))


def test_compiled_kernels_are_not_imported_for_small_models():
    """detente analyze on a small model must start fast: numba stays unimported (and the
    threshold is where the kernels are used by default)."""
    code = ("import sys, detente\n"
            "from detente.gmcr.random_conflict import random_conflict\n"
            "detente.analyze(random_conflict(6, 2, seed=1), ['Nash', 'GMR', 'SMR', 'SEQ'])\n"
            "print('numba' in sys.modules)\n")
    env = dict(os.environ)
    env.pop("DETENTE_KERNELS", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout.split()
    assert out[-1] == "False"
    assert moves.kernels_for(moves.KERNEL_MIN_STATES - 1) is None
    with kernels("auto"):
        assert moves.kernels_for(moves.KERNEL_MIN_STATES) is _kernels
    with kernels("numpy"):
        assert moves.kernels_for(1 << 30) is None


def test_bad_settings_are_errors():
    with kernels("fast"), pytest.raises(DetenteError, match="DETENTE_KERNELS"):
        moves.kernels_for(10)
    with kernels("numba", threads=0), pytest.raises(DetenteError, match="DETENTE_ENGINE_THREADS"):
        _kernels.threads()


def test_cli_bad_kernel_setting_is_exit_2(tmp_path, capsys, monkeypatch):
    from detente.cli import main
    model = tmp_path / "m.json"
    model.write_text(json.dumps({"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a"]},
        {"name": "B", "options": ["b"], "preferences": ["b"]}]}))
    monkeypatch.setenv("DETENTE_KERNELS", "fast")
    assert main(["analyze", str(model)]) == 2
    err = capsys.readouterr().err
    assert "DETENTE_KERNELS" in err and "Traceback" not in err


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), options=st.integers(6, 12), dms=st.integers(2, 5),
       irreversible=st.sampled_from([0.0, 0.3, 1.0]))
def test_compiled_fixed_point_equals_numpy(seed, options, dms, irreversible):
    """m_H (the least value reachable by the opponents), the sweeps and the values lowered per
    sweep are those of the numpy loop, for GMR/SMR-style and SEQ fixed points, from the ranks
    and from random values (steps skipped and m derived from the rows change nothing)."""
    from detente.gmcr.stability import _least_reachable
    c = random_conflict(options, min(dms, options), seed=seed, n_constraints=seed % 3,
                        irreversible=irreversible)
    with kernels("numpy"):
        r = detente.analyze(c, ["Nash"])
    rng = np.random.default_rng(seed)
    for dm in c.dm_names:
        for values in (r.ranks[dm], rng.integers(0, 30, r.n_states).astype(np.int32)):
            for improving in (False, True):
                got = {}
                for mode in ("numpy", "numba"):
                    log = []
                    for t in r.tables.values():
                        t.__dict__.pop("_kernel_module", None)
                    with kernels(mode, threads=2, chunk=256):
                        m, sweeps = _least_reachable(dm, values, r.tables, r.ranks, improving,
                                                     on_sweep=lambda k, ch: log.append(ch))
                    got[mode] = (m, sweeps, log)
                assert np.array_equal(got["numpy"][0], got["numba"][0]), (dm, improving)
                assert got["numpy"][1:] == got["numba"][1:], (dm, improving)
    for t in r.tables.values():
        t.__dict__.pop("_kernel_module", None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), options=st.integers(2, 14), dms=st.integers(2, 6),
       constraints=st.integers(0, 4))
def test_compiled_move_tables_equal_numpy(seed, options, dms, constraints):
    """The compiled table build (patterns, rests by bit removal, rows by a direct-address count)
    gives the numpy build's tables, rows and patterns, in the same dtypes."""
    from detente.model.states import StateSpace
    c = random_conflict(options, min(dms, options), seed=seed, n_constraints=constraints,
                        irreversible=0.3)
    space = StateSpace.build(c)
    for dm in c.dm_names:
        with kernels("numpy"):
            want = moves.MoveTable.build(space, dm)
        with kernels("numba"):
            got = moves.MoveTable.build(space, dm)
        for name in ("table", "row_of", "pattern_of"):
            w, g = getattr(want, name), getattr(got, name)
            assert w.dtype == g.dtype and np.array_equal(w, g), (dm, name)


def test_move_tables_pickle_after_compiled_use():
    """Robustness plans pickle the move tables into worker processes: a table that has run the
    compiled kernels (and caches them) pickles, and the copy gives the same reductions."""
    import pickle
    c = random_conflict(10, 3, seed=4, irreversible=0.3)
    with kernels("numba"):
        r = detente.analyze(c, CONCEPTS)
        for dm, t in r.tables.items():
            want = t.improvement_min(r.ranks[dm], r.ranks[dm])
            copy = pickle.loads(pickle.dumps(t))
            assert np.array_equal(copy.improvement_min(r.ranks[dm], r.ranks[dm]), want)
            assert np.array_equal(copy.row_of, t.row_of) and copy.n_states == t.n_states
