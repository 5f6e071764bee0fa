"""SIM's budget is CPU seconds estimated on the model (issue 17): it runs by default on a
4,096-state, 3-DM conflict (the old budget of evaluations skipped it there), is skipped with the
reason and the estimate under a tiny budget, and the outputs say so. No timing is asserted."""

from __future__ import annotations

import json

import numpy as np
import pytest

import detente
from detente.cli import main
from detente.gmcr.random_conflict import random_conflict, random_conflict_document
from detente.gmcr.stability import sim_unstable_for, sim_within_budget


@pytest.fixture(scope="module")
def mid():
    return random_conflict(13, 3, seed=1, exclusive_pairs=1, irreversible=0.2)  # 4,096 states


def test_sim_runs_by_default_at_4096_states(mid):
    r = detente.analyze(mid, ["SIM"])
    assert r.n_states == 4096
    assert "SIM" not in r.skipped and "SIM" in r.stable
    # The same arrays as calling the kernel directly.
    for dm in mid.dm_names:
        np.testing.assert_array_equal(r.stable["SIM"][dm], ~sim_unstable_for(dm, r.tables, r.ranks, r.space))


def test_tiny_budget_skips_sim_and_says_why(mid):
    r = detente.analyze(mid, ["Nash", "SIM"], sim_budget=1e-4)
    assert "SIM" not in r.stable and "Nash" in r.stable
    why = r.skipped["SIM"]
    assert "over the budget of" in why and "--sim-budget" in why
    assert "SIM" in str(r) and "skipped" in str(r)


def test_probe_measures_the_cost_when_the_floor_does_not_decide(mid, monkeypatch):
    """With the a-priori floor out of the way, the estimate comes from running SIM briefly."""
    import detente.gmcr.stability as st
    monkeypatch.setattr(st, "SIM_FASTEST_NS", 0.0)
    r = detente.analyze(mid, ["SIM"], sim_budget=1e-3)
    assert "would take about" in r.skipped["SIM"] and "measured:" in r.skipped["SIM"]


def test_zero_budget_turns_sim_off(mid):
    r = detente.analyze(mid, ["SIM"], sim_budget=0)
    assert "turned off" in r.skipped["SIM"]


def test_within_budget_keeps_every_dm(mid):
    r = detente.analyze(mid, ["Nash"])
    out, why = sim_within_budget(r.tables, r.ranks, r.space, 1e9)
    assert why is None and set(out) == set(mid.dm_names)


def test_cli_reports_the_skip(tmp_path, capsys):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(random_conflict_document(11, 3, seed=2)))
    assert main(["analyze", str(path), "-c", "Nash,SIM", "--sim-budget", "0.0001", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "over the budget of" in doc["skipped"]["SIM"]
    assert main(["analyze", str(path), "-c", "Nash,SIM", "--sim-budget", "0.0001"]) == 0
    assert "skipped" in capsys.readouterr().out
