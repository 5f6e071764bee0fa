"""Scale-out: the same results for the same seed on 1 process, 2 local processes and a Dask
LocalCluster of 2 small workers; an unreachable scheduler fails fast with a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from detente.errors import DetenteError
from detente.gmcr.inverse import inverse
from detente.gmcr.parallel import map_chunks, split_range
from detente.gmcr.robustness import robustness

distributed = pytest.importorskip("distributed")

THREE = Path(__file__).parent / "fixtures" / "robustness" / "three-parties.yaml"
SYRIA = Path(__file__).parent / "fixtures" / "gmcr" / "syria-iraq-1975.yaml"


@pytest.fixture(scope="module")
def cluster():
    cl = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, memory_limit="1GiB")
    yield cl
    cl.close()


def _same(a, b):
    assert a.draws == b.draws and a.seed == b.seed
    for c in a.concepts:
        np.testing.assert_array_equal(a.eq[c], b.eq[c])
        for dm in a.stable[c]:
            np.testing.assert_array_equal(a.stable[c][dm], b.stable[c][dm])
        assert len(a.eq_lists[c]) == len(b.eq_lists[c]) == a.draws
        for x, y in zip(a.eq_lists[c], b.eq_lists[c]):
            np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(a.flags, b.flags)
    assert a.to_dict()["results"] == b.to_dict()["results"]


@pytest.fixture(scope="module")
def serial():
    return robustness(THREE, draws=600, seed=9, workers=1, chunk_size=50)


def test_local_cluster_gives_the_same_result_as_one_process(cluster, serial):
    on_cluster = robustness(THREE, draws=600, seed=9, scheduler=cluster, chunk_size=50)
    _same(serial, on_cluster)
    by_address = robustness(THREE, draws=600, seed=9, scheduler=cluster.scheduler_address, chunk_size=37)
    _same(serial, by_address)
    assert "Dask" in by_address.workers


def test_two_local_processes_give_the_same_result(serial):
    two = robustness(THREE, draws=600, seed=9, workers=2, chunk_size=64)
    _same(serial, two)


def test_inverse_on_the_cluster_matches_local(cluster):
    local = inverse(SYRIA, state="2", dms=["Syria", "Iraq"], concept="GMR", workers=1)
    remote = inverse(SYRIA, state="2", dms=["Syria", "Iraq"], concept="GMR", scheduler=cluster)
    assert local.total == 720 * 720
    assert (remote.successes, remote.admissible) == (local.successes, local.admissible)
    for d in local.pair_counts:
        np.testing.assert_array_equal(local.pair_counts[d], remote.pair_counts[d])


def _square_sum(plan, a, b):
    return sum(plan * i * i for i in range(a, b))


def test_map_chunks_keeps_chunk_order(cluster):
    chunks = split_range(100, 7)
    expected = [_square_sum(3, a, b) for a, b in chunks]
    seen = []
    assert map_chunks(_square_sum, 3, chunks, scheduler=cluster, progress=lambda d, t: seen.append((d, t))) == expected
    assert seen[-1] == (100, 100)


def test_unreachable_scheduler_fails_fast():
    t0 = time.monotonic()
    with pytest.raises(DetenteError) as exc:
        robustness(THREE, draws=200, seed=1, scheduler="tcp://127.0.0.1:9", timeout=2)
    assert time.monotonic() - t0 < 20
    text = str(exc.value)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in text
    assert "dask scheduler" in text


def _die(plan, a, b):
    import os
    os._exit(3)  # a worker crashing (as the OOM killer would)


def test_a_crashed_local_worker_is_an_error_not_a_hang():
    t0 = time.monotonic()
    with pytest.raises(DetenteError, match="worker process died"):
        map_chunks(_die, b"x" * 1_000_000, split_range(10, 2), workers=2)
    assert time.monotonic() - t0 < 60
