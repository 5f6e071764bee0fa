"""Notebook display of results (_repr_html_ and plain __repr__): no optional dependency needed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import detente
import gmcr_reference as ref
from detente.errors import DetenteError, ModelError
from detente.gmcr.random_conflict import random_conflict

FIX = Path(__file__).parent / "fixtures"
CASES = sorted((FIX / "gmcr").glob("*.yaml"))


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# --- HTML views --------------------------------------------------------------------------

@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_analysis_html_lists_every_equilibrium_and_draws_the_graph(path):
    r = detente.analyze(path)
    html = r._repr_html_()
    for concept in r.concepts:
        eq = r.equilibria(concept)
        row = re.search(rf"<tr><td>{concept}</td><td>(\d+)</td><td>(.*?)</td></tr>", html)
        assert row and int(row.group(1)) == len(eq), concept
        assert row.group(2).split(", ") == [f"{p + 1}:{r.yn(p)}" for p in eq] or ["–"]
    assert html.count("<svg") == 1 and html.count('<g class="node') == min(r.n_states, 40)
    assert repr(r) == str(r)  # plain text elsewhere


def test_analysis_html_escapes_user_text_and_bounds_the_graph():
    c = detente.load({"title": "<script>x</script>", "decision_makers": [
        {"name": "A&B", "options": ["a", "c"], "preferences": ["not b", "a"]},
        {"name": "<B>", "options": ["b"], "preferences": ["not a", "b"]}], "status_quo": "NNN"})
    r = detente.analyze(c, concepts=["Nash", "GMR"])
    html = r._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<B>" not in html
    from detente.notebook import analysis_html
    small = analysis_html(r, graph_limit=2)
    assert "<svg" not in small and "State graph not drawn" in small


def test_explanation_html_shows_each_improvement_and_its_sanction_path():
    r = detente.analyze(FIX / "gmcr" / "cuban-missile-crisis.yaml")
    for concept in ("GMR", "SEQ", "Nash"):
        for p in range(r.n_states):
            e = detente.explain(r, p, "USSR", concept)
            html = e._repr_html_()
            assert ("is STABLE" if e.stable else "is NOT stable") in html
            for chk in e.improvements:
                assert chk.move.describe(r).replace(">", "&gt;") in html
                for m in chk.sanction or []:
                    assert m.describe(r).replace(">", "&gt;") in html
            assert repr(e) == str(e)


def test_robustness_html_has_one_row_per_state_with_its_probability():
    from detente.gmcr.robustness import robustness
    rob = robustness(FIX / "robustness" / "three-parties.yaml", concepts=["Nash", "GMR"])
    html = rob._repr_html_()
    for concept in rob.concepts:
        for row in rob.rows(concept):
            assert f"<td>{row['id']}:{row['yn']}</td><td>{row['p_equilibrium']:.3f}</td>" in html


def test_bargaining_html_embeds_plots_inline():
    from detente.bargaining import compromise, expected_utility, make_issue, monte_carlo
    iss = make_issue("<date>", [4, 7, 10], [0.8, 0.4, 0.6], [0.16, 0.08, 0.16],
                     actors=["DE", "FR", "UK"])
    fc = compromise(iss)
    assert "6.625" in fc._repr_html_() and repr(fc) == "<Forecast compromise forecast for '<date>': 6.625>"
    eu = expected_utility(iss)
    html = eu._repr_html_()
    assert "<svg" in html and html.count("<tr>") == eu.rounds + 2  # header + rounds 0..n
    assert repr(eu).startswith("<EUResult") and "array" not in repr(eu)
    iss2 = make_issue("x", [0, 10], [1, 1], [1, 1])
    mc = monte_carlo(iss2.model_copy(update={"actors": [
        a.model_copy(update={"position": a.position.model_copy(update={"low": 0, "high": 10})})
        for a in iss2.actors]}), draws=50, seed=1)
    html = mc._repr_html_()
    assert "<svg" in html and not re.search(r'(src|href)="(https?:)?//', html)  # nothing fetched
