"""The development set's gold files (bench/evidence_devset) are read by bench/eval_devset.py: a
gold entry written one indent too deep lands inside the passage's text, where the extractor
reads it as article text and the scorer never counts it. The scorer stops on one, before any
scoring, with the file and line; the parts already spent hold none. (The reserved held-out parts
are not opened here: they are read once, by the scorer, at the end of a round.)"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SPENT = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("eval_devset", ROOT / "bench" / "eval_devset.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["eval_devset"] = mod  # (its dataclasses look their module up by name)
    try:
        spec.loader.exec_module(mod)
        yield mod
    finally:
        sys.modules.pop("eval_devset", None)


def test_a_gold_entry_inside_the_text_stops_the_scorer_with_its_line(scorer, tmp_path):
    p = tmp_path / "slip.yaml"
    p.write_text("id: slip\nstyle: wire\ntext: |\n  Ana Lind said the port was closed.\n"
                 "  - {speaker: Ana Lind, content: \"the port was closed\", cue: said}\n"
                 "statements: []\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        scorer._check_text_block(p, yaml.safe_load(p.read_text(encoding="utf-8")))
    assert str(stop.value).startswith(f"{p}:5: a gold entry stands inside the passage's text block")
    assert "statements:" in str(stop.value)


def test_text_that_only_mentions_braces_passes(scorer, tmp_path):
    p = tmp_path / "fine.yaml"
    p.write_text("id: fine\nstyle: wire\ntext: |\n  - a list item in the article, {not gold}.\n"
                 "statements:\n  - {speaker: A, content: \"b\", cue: said}\n", encoding="utf-8")
    scorer._check_text_block(p, yaml.safe_load(p.read_text(encoding="utf-8")))


@pytest.mark.parametrize("part", SPENT)
def test_spent_parts_hold_no_gold_inside_their_texts(scorer, part):
    assert scorer.load_part(part)


def test_a_dispute_whose_figure_was_not_found_counts_as_not_linked(scorer):
    from types import SimpleNamespace
    doc = {"id": "x", "style": "wire", "text": "Tarn counts 300 dead; Velna puts it at 40.\n",
           "statements": [],
           "figures": [{"text": "300 dead", "value": 300, "claimant": "Tarn", "disputes": None},
                       {"text": "40", "value": 40, "claimant": "Velna", "disputes": "300 dead"}]}
    tally = scorer.score_passage(doc, SimpleNamespace(statements=[], figures=[]))
    assert (tally.disputes_gold, tally.disputes_ok) == (1, 0)
    assert any("dispute not linked" in e and "figure missed" in e for e in tally.errors)
