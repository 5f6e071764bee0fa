"""Fuzz the loaders in CI within a bounded budget (issue 11): mutated copies of the committed
example models go through detente.load + analyze + compare, import-gmcr (a .gmcr written by
export-gmcr, mutated) and the bargaining forecast. The only acceptable outcomes are a result or
a DetenteError with a location. Each case runs in a worker process with a wall-clock and memory
limit (tests/fuzz_loaders_harness.py); bench/fuzz_loaders.py runs thousands."""

import random

import pytest

import fuzz_loaders_harness as h

CASES = {"load": 60, "import-gmcr": 30, "forecast": 30}


@pytest.fixture(scope="module")
def runner():
    r = h.Runner(timeout=60, memory_gb=2)
    yield r
    r.close()


@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(CASES))
def test_mutants_give_a_result_or_a_located_error(runner, tmp_path, target):
    rng = random.Random(f"ci-{target}")
    seeds = h.seed_documents(target)
    failures = []
    outcomes = set()
    for i in range(CASES[target]):
        case = h.make_case(target, seeds, rng, tmp_path, i)
        result = runner.run(case)
        outcomes.add(result["outcome"])
        if result["outcome"] not in ("ok", "refused"):
            failures.append(f"{case['seed']} {'+'.join(case['mutations'])} ({case['path']}): "
                            f"{result['outcome']}: {result.get('message', '')}")
    assert not failures, "\n".join(failures)
    assert "refused" in outcomes  # the mutants do reach the checks


def test_the_harness_sees_a_crash(tmp_path, monkeypatch):
    """The classifier is not blind: an exception that is not a DetenteError is a crash."""
    import detente.model.load as load_module

    def broken(*args, **kwargs):
        raise KeyError("boom")
    monkeypatch.setattr(load_module, "load", broken)
    import detente
    monkeypatch.setattr(detente, "load", broken)
    path = tmp_path / "m.yaml"
    path.write_text("decision_makers: []\n")
    assert h.classify("load", str(path))["outcome"] == "crash"
    assert h.classify("load", str(tmp_path / "missing.yaml"))["outcome"] == "crash"


def test_the_harness_sees_an_unlocated_error(tmp_path, monkeypatch):
    from detente.errors import DetenteError
    import detente

    def unlocated(*args, **kwargs):
        raise DetenteError("something went wrong")
    monkeypatch.setattr(detente, "load", unlocated)
    assert h.classify("load", str(tmp_path / "m.yaml"))["outcome"] == "unlocated"
