"""The random conflict generator (benchmarks and tests rely on it) and the refusal of models
whose state space would not fit in memory."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import detente
from detente.errors import TooLargeError
from detente.gmcr.random_conflict import random_conflict, random_conflict_document
from detente.model.states import StateSpace, check_option_space


def test_seeded_and_varied():
    a = random_conflict_document(10, 3, seed=4, n_constraints=2, irreversible=0.3)
    b = random_conflict_document(10, 3, seed=4, n_constraints=2, irreversible=0.3)
    c = random_conflict_document(10, 3, seed=5, n_constraints=2, irreversible=0.3)
    assert a == b and a != c


def test_structure():
    c = random_conflict(12, 4, seed=2, n_constraints=3, irreversible=0.5, n_statements=(2, 4))
    assert len(c.decision_makers) == 4 and c.n_options == 12
    assert all(len(d.options) >= 1 for d in c.decision_makers)
    assert all(2 <= len(d.preferences) <= 4 for d in c.decision_makers)
    assert len(c.constraints) == 3
    assert {o.direction for o in c.options} <= {"both", "take_only", "drop_only"}
    assert any(o.direction != "both" for o in c.options)
    space = StateSpace.build(c)
    assert 0 < space.n < 2 ** 12
    assert c.status_quo is not None and space.is_feasible(c.status_quo)
    # The document round-trips through the loader.
    again = detente.load(c.document)
    assert again.option_names == c.option_names and again.status_quo == c.status_quo


@pytest.mark.parametrize("pairs", [1, 2, 3])
def test_exclusive_pairs_give_exact_sizes(pairs):
    c = random_conflict(10 + pairs, 3, seed=pairs, exclusive_pairs=pairs)
    assert StateSpace.build(c).n == 2 ** 10


def test_irreversible_fraction():
    doc = random_conflict_document(30, 3, seed=1, irreversible=1.0)
    dirs = [o["direction"] for d in doc["decision_makers"] for o in d["options"]]
    assert set(dirs) == {"take_only", "drop_only"}
    doc = random_conflict_document(30, 3, seed=1, irreversible=0.0)
    assert {o["direction"] for d in doc["decision_makers"] for o in d["options"]} == {"both"}


def test_bad_arguments():
    with pytest.raises(ValueError):
        random_conflict_document(3, 1)
    with pytest.raises(ValueError):
        random_conflict_document(2, 3)
    with pytest.raises(ValueError):
        random_conflict_document(4, 4, exclusive_pairs=1)  # one option per DM: no pair possible


def test_analysis_runs():
    r = detente.analyze(random_conflict(9, 3, seed=8, n_constraints=2, irreversible=0.3))
    for concept in ("Nash", "GMR", "SMR", "SEQ", "SIM"):
        # Nash implies every other basic concept.
        for dm in r.conflict.dm_names:
            assert not (r.stable["Nash"][dm] & ~r.stable[concept][dm]).any()


# --- too large for memory: refused up front, with the size and how to reduce it ----------------

def test_option_space_refused_with_size_and_hint(monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.5")
    monkeypatch.setenv("DETENTE_MAX_OPTIONS", "32")  # past the option limit: the memory check
    doc = random_conflict_document(26, 3, seed=0)
    with pytest.raises(TooLargeError) as exc:
        detente.load(doc)
    text = str(exc.value)
    assert "67,108,864 states" in text and "GB" in text and "more than the 512.0 MB allowed" in text
    p = exc.value.problems[0]
    assert "infeasible" in p.hint and "DETENTE_MAX_MEMORY_GB" in p.hint


def test_constrained_space_refused_during_the_scan(monkeypatch):
    # Constraints do not help enough: the feasible set itself is too big. The scan stops as
    # soon as that is certain instead of collecting every feasible state first.
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.25")
    monkeypatch.setenv("DETENTE_MAX_OPTIONS", "32")  # past the option limit: the memory check
    doc = random_conflict_document(25, 3, seed=0)
    doc["infeasible"] = [{"when": f"{doc['decision_makers'][0]['options'][0]['name']} and "
                                  f"{doc['decision_makers'][1]['options'][0]['name']}"}]
    with pytest.raises(TooLargeError) as exc:
        detente.load(doc)
    text = str(exc.value)
    assert "feasible states" in text and "allowed" in text
    assert "constraints" in exc.value.problems[0].hint


def test_small_models_are_not_refused(monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.25")
    c = random_conflict(12, 3, seed=0)
    check_option_space(c)
    assert detente.analyze(c, ["Nash"]).n_states == 2 ** 12


def test_cli_refuses_without_traceback(tmp_path, monkeypatch, capsys):
    import json

    from detente.cli import main
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.5")
    path = tmp_path / "big.json"
    monkeypatch.setenv("DETENTE_MAX_OPTIONS", "32")  # past the option limit: the memory check
    path.write_text(json.dumps(random_conflict_document(27, 4, seed=1)))
    code = main(["analyze", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "states" in err and "hint" in err and "Traceback" not in err


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), options=st.integers(2, 4), constraints=st.integers(0, 8))
def test_many_constraints_on_few_options_leave_a_state(seed, options, constraints):
    """Conjunctions that would together exclude every combination are not all kept: the
    model loads with at least one feasible state and a feasible status quo (before, two
    options and four constraints could exclude all four combinations and loading failed)."""
    c = random_conflict(options, 2, seed=seed, n_constraints=constraints)
    space = StateSpace.build(c)
    assert space.n >= 1
    assert c.status_quo is not None


def test_covering_conjunctions_are_recognised():
    """The check behind it: a set of conjunctions covers every combination exactly when no
    assignment escapes all of them."""
    import itertools
    from detente.gmcr.random_conflict import _covers_everything
    assert _covers_everything([{0: True, 1: True}, {0: True, 1: False}, {0: False}])
    assert not _covers_everything([{0: True, 1: True}, {0: True, 1: False}, {0: False, 1: True}])
    rng = np.random.default_rng(5)
    for _ in range(300):
        terms = []
        for _ in range(int(rng.integers(0, 7))):
            ks = rng.choice(4, size=int(rng.integers(1, 4)), replace=False)
            terms.append({int(k): bool(rng.random() < 0.5) for k in ks})
        brute = all(any(all(bits[k] == v for k, v in t.items()) for t in terms)
                    for bits in itertools.product([True, False], repeat=4))
        assert _covers_everything(terms) == brute, terms
