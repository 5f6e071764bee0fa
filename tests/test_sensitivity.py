"""Sensitivity: one-at-a-time flips against hand-edited models, tornado conditionals against
robustness of models with the assumption made certain, the SVG plot and the report sections."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from detente.gmcr.analysis import analyze
from detente.gmcr.robustness import robustness
from detente.gmcr.sensitivity import (one_at_a_time, robustness_report_sections, sensitivity, swings,
                                      tornado_svg)
from detente.model.load import load
from detente.model.yamlio import read_document

FIX = Path(__file__).parent / "fixtures" / "robustness"
THREE = FIX / "three-parties.yaml"
CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


@pytest.fixture(scope="module")
def doc():
    data, _ = read_document(THREE)
    return data


def _as_written(doc):
    d = copy.deepcopy(doc)
    d.pop("uncertainty", None)
    for dm in d["decision_makers"]:
        dm.pop("uncertainty", None)
        for s in dm.get("preferences", []):
            if isinstance(s, dict):
                s.pop("probability", None)
    return d


def _dm(d, name):
    return next(x for x in d["decision_makers"] if x["name"] == name)


def _equilibria(d):
    r = analyze(load(d), CONCEPTS)
    return {c: set(r.equilibria(c).tolist()) for c in CONCEPTS}


def test_one_at_a_time_matches_hand_edited_models(doc):
    base = _as_written(doc)
    edits = []
    d = copy.deepcopy(base)  # A does not hold p1 (statement dropped)
    _dm(d, "A")["preferences"].pop(0)
    edits.append(d)
    d = copy.deepcopy(base)  # A puts p4 before p3
    prefs = _dm(d, "A")["preferences"]
    prefs[2], prefs[3] = prefs[3], prefs[2]
    edits.append(d)
    d = copy.deepcopy(base)  # B does not hold q3
    _dm(d, "B")["preferences"].pop(2)
    edits.append(d)
    d = copy.deepcopy(base)  # B follows "hawk" (its statements all held)
    _dm(d, "B")["preferences"] = ["b", "a2"]
    edits.append(d)
    d = copy.deepcopy(base)  # C orders r1, r2, r3 otherwise (reversed)
    _dm(d, "C")["preferences"].reverse()
    edits.append(d)
    d = copy.deepcopy(base)  # C follows "spoiler"
    c = _dm(d, "C")
    c.pop("preferences")
    c["ranking"] = doc["decision_makers"][2]["uncertainty"]["alternatives"][0]["ranking"]
    edits.append(d)

    flips = one_at_a_time(load(THREE), CONCEPTS)
    assert [f.assumption.kind for f in flips] == ["statement", "order", "statement", "alternative",
                                                  "order", "alternative"]
    before = _equilibria(base)
    for f, edited in zip(flips, edits):
        after = _equilibria(edited)
        for c in CONCEPTS:
            assert f.appear[c] == sorted(after[c] - before[c]), (f.assumption.flipped, c)
            assert f.vanish[c] == sorted(before[c] - after[c]), (f.assumption.flipped, c)
    assert any(f.changes for f in flips)


def _with(doc, change):
    d = copy.deepcopy(doc)
    change(d)
    return load(d)


def test_exact_swings_equal_the_model_with_the_assumption_made_certain(doc, tmp_path):
    exact = robustness(THREE, method="exact", concepts=CONCEPTS)
    concept = "GMR"
    # A few states that are uncertain equilibria.
    states = [row["id"] - 1 for row in exact.rows(concept) if 0 < row["p_equilibrium"] < 1][:3]
    assert states

    def set_p1(p):
        return lambda d: _dm(d, "A")["preferences"][0].__setitem__("probability", p)

    def set_order(p):
        return lambda d: _dm(d, "A")["uncertainty"]["uncertain_order"][0].__setitem__("probability", p)

    def set_hawk(w):
        return lambda d: _dm(d, "B")["uncertainty"]["alternatives"][0].__setitem__("weight", w)

    cases = {0: (set_p1(1.0), set_p1(0.0)), 1: (set_order(1.0), set_order(0.0)), 3: (set_hawk(0.0), set_hawk(1.0))}
    for state in states:
        by_index = {s.assumption.index: s for s in swings(exact, concept, state)}
        code = int(exact.space.codes[state])
        for index, (holds, flipped) in cases.items():
            p_h = robustness(_with(doc, holds), method="exact", concepts=[concept]).probability(concept, code)
            p_f = robustness(_with(doc, flipped), method="exact", concepts=[concept]).probability(concept, code)
            assert by_index[index].p_holds == pytest.approx(p_h, abs=1e-9)
            assert by_index[index].p_flipped == pytest.approx(p_f, abs=1e-9)


def test_sampled_sensitivity_and_tornado_svg(tmp_path):
    sens = sensitivity(THREE, draws=400, seed=2, workers=1)
    assert sens.state is not None and sens.concept in CONCEPTS
    widths = [s.width for s in sens.swings]
    assert widths == sorted(widths, reverse=True) and widths[0] > 0
    path = tmp_path / "t.svg"
    svg = tornado_svg(sens, path)
    root = ET.fromstring(svg.encode())
    assert root.tag.endswith("svg")
    assert path.read_text() == svg
    assert tornado_svg(sens) == svg  # deterministic
    d = json.loads(json.dumps(sens.to_dict()))
    assert d["focal"]["id"] == sens.state + 1 and len(d["flips"]) == 6
    assert "tornado" in str(sens)


def test_report_sections():
    c = load(THREE)
    sections = robustness_report_sections(c, draws=200, seed=1, workers=1)
    titles = [t for t, _ in sections]
    assert titles == ["How robust are the equilibria?", "Which assumptions do the conclusions hang on?"]
    assert "<table" in sections[0][1] and "<svg" in sections[1][1]
    assert "<?xml" not in sections[1][1]
    certain = load(Path(__file__).parent / "fixtures" / "gmcr" / "chicken.yaml")
    assert robustness_report_sections(certain) == []


def test_cli_sensitivity(tmp_path, capsys):
    from detente.cli import main
    plot = tmp_path / "tornado.svg"
    code = main(["sensitivity", str(THREE), "--draws", "200", "--seed", "4", "--workers", "1",
                 "--plot", str(plot), "--format", "json", "--state", "YNYY", "--concept", "GMR"])
    out = capsys.readouterr().out
    assert code == 0 and plot.exists()
    d = json.loads(out)
    assert d["focal"]["yn"] == "YNYY" and d["focal"]["concept"] == "GMR"
