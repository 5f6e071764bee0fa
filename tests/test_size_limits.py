"""Every size limit is applied before the work it bounds (issue 11): the number of options
before the 2^options scan (CLI, GMCR+ import, web), actors and issues before a forecast,
magnitudes of numbers, and the environment's own limits are checked, not trusted."""

import json

import pytest

import detente
from detente.bargaining.scenario import MAX_ACTORS, MAX_MAGNITUDE, load_bargaining_file
from detente.cli import main
from detente.errors import DetenteError, TooLargeError
from detente.model.gmcrplus import gmcr_to_document
from detente.model.states import DEFAULT_MAX_OPTIONS, max_options, memory_budget_bytes
from detente.model.yamlio import Positions


def sparse_model(m: int) -> dict:
    """m options and one tight constraint: only a handful of feasible states, but 2^m
    combinations to scan to find them (this used to scan for over ten minutes)."""
    names = [f"o{i}" for i in range(m)]
    return {"decision_makers": [{"name": "A", "options": names[: m // 2], "preferences": ["o0"]},
                                {"name": "B", "options": names[m // 2:], "preferences": ["o1"]}],
            "infeasible": ["at_least_one(" + ", ".join(names[:-3]) + ")"]}


@pytest.mark.parametrize("m", [DEFAULT_MAX_OPTIONS + 1, 28, 32, 60])
def test_too_many_options_refused_before_scanning(m):
    with pytest.raises(TooLargeError) as info:
        detente.load(sparse_model(m))
    p = info.value.problems[0]
    assert f"{m} options" in p.message and f"the limit is {DEFAULT_MAX_OPTIONS} options" in p.message
    assert "DETENTE_MAX_OPTIONS" in p.hint and p.field == "decision_makers"


def test_the_option_limit_can_be_raised_and_small_models_pass(monkeypatch):
    assert detente.load(sparse_model(10)).n_options == 10
    monkeypatch.setenv("DETENTE_MAX_OPTIONS", "12")
    with pytest.raises(TooLargeError, match="the limit is 12 options"):
        detente.load(sparse_model(13))


@pytest.mark.parametrize("value", ["abc", "0", "33", "1.5", "-3"])
def test_bad_max_options_is_an_error(monkeypatch, value):
    monkeypatch.setenv("DETENTE_MAX_OPTIONS", value)
    with pytest.raises(DetenteError, match="DETENTE_MAX_OPTIONS must be a whole number"):
        max_options()


@pytest.mark.parametrize("value", ["inf", "nan", "abc", "-1", "0", "-inf"])
def test_bad_memory_budget_is_an_error_not_a_crash_or_silence(monkeypatch, value, tmp_path, capsys):
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", value)
    with pytest.raises(DetenteError, match="DETENTE_MAX_MEMORY_GB"):
        memory_budget_bytes()
    path = tmp_path / "m.json"
    path.write_text(json.dumps(sparse_model(6)))
    assert main(["analyze", str(path)]) == 2
    assert "DETENTE_MAX_MEMORY_GB" in capsys.readouterr().err


def test_memory_budget_reads_numbers(monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.5")
    assert memory_budget_bytes() == 2**29


def gmcr_file(m: int) -> dict:
    return {"options": [{"name": f"o{i}"} for i in range(m)],
            "decisionMakers": [{"name": "A", "options": list(range(m // 2)), "preferenceRanking": [1, 2]},
                               {"name": "B", "options": list(range(m // 2, m)), "preferenceRanking": [2, 1]}],
            "useManualPreferenceRanking": True, "infeasibles": []}


@pytest.mark.parametrize("m", [26, 30])
def test_gmcr_manual_ranking_refused_before_enumerating(m):
    # used to take 200 s and 3.7 GB (26 options) or try to allocate 8 GiB (30)
    with pytest.raises(DetenteError) as info:
        gmcr_to_document(gmcr_file(m), Positions("big.gmcr"))
    p = info.value.problems[0]
    assert f"{m} options" in p.message and p.field == "options" and p.file == "big.gmcr"


def test_web_limit_applies_before_the_scan():
    from detente.web.services import Limits, validate
    text = json.dumps(sparse_model(DEFAULT_MAX_OPTIONS))  # within the CLI's limit
    out = validate(text, "json", Limits(max_options=20))
    assert out["valid"] is False
    p = out["problems"][0]
    assert "the limit is 20 options" in p["message"] and "command line" in p["hint"]


def bargaining_file(tmp_path, n_actors=3, **actor):
    actors = [{"name": f"a{i}", "position": 10 * i, "salience": 0.5, "capability": 1}
              for i in range(n_actors)]
    actors[0].update(actor)
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"issues": [{"name": "x", "scale": {"low": 0, "high": 100},
                                            "actors": actors}]}))
    return path


def test_forecast_with_thousands_of_actors_refused_before_any_model(tmp_path, capsys):
    path = bargaining_file(tmp_path, 5000)
    with pytest.raises(DetenteError, match=f"5,000 actors; the limit is {MAX_ACTORS}"):
        load_bargaining_file(path)
    assert main(["forecast", str(path)]) == 2
    assert "actors" in capsys.readouterr().err


@pytest.mark.parametrize("field, value", [("capability", 1e308), ("salience", 1e300),
                                          ("position", 1e308)])
def test_huge_numbers_refused_with_location(tmp_path, field, value):
    with pytest.raises(DetenteError) as info:
        load_bargaining_file(bargaining_file(tmp_path, **{field: value}))
    p = info.value.problems[0]
    assert p.line and field in p.field
    assert f"{MAX_MAGNITUDE:g}" in p.message or "outside the scale" in p.message


def test_huge_utility_refused(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"issues": [{"name": "s", "levels": ["keep", "lift"], "actors": [
        {"name": "A", "utilities": {"keep": 1e308, "lift": 0}},
        {"name": "B", "utilities": {"keep": 0, "lift": 1}}]}]}))
    with pytest.raises(DetenteError, match="too large") as info:
        load_bargaining_file(path)
    assert info.value.problems[0].line
