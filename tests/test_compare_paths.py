"""compare and paths on a hand-checkable 2 DM x 1 option fixture (scores in the fixture's header).

A: NN 2, YN 3, NY 0, YY 1        B: NN 2, YN 0, NY 3, YY 1        (states Y/N for a, b)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import detente
from detente.cli import main
from detente.errors import DetenteError
from detente.gmcr.analysis import analyze
from detente.gmcr.compare import compare, describe_overrides
from detente.gmcr.status_quo import reachable

FIXTURE = Path(__file__).parent / "fixtures" / "scenarios" / "two-by-two.yaml"


@pytest.fixture(scope="module")
def conflict():
    return detente.load(FIXTURE)


@pytest.fixture(scope="module")
def cmp(conflict):
    return compare(conflict, concepts=["Nash", "GMR", "SEQ"])


def test_base_equilibria_by_hand(cmp):
    assert cmp.equilibria("Nash") == ["YY"]
    assert cmp.equilibria("GMR") == ["NN", "YY"]
    assert cmp.equilibria("SEQ") == ["NN", "YY"]


def test_trust_variant_changes_preferences_and_equilibria(cmp):
    assert cmp.names == ["base", "trust", "exclusive", "locked"]
    assert cmp.equilibria("Nash", "trust") == ["YN"]
    assert cmp.equilibria("GMR", "trust") == ["NN", "YN"]
    # SEQ: at NN, B's only sanction (YN -> YY) is not an improvement for B any more.
    assert cmp.equilibria("SEQ", "trust") == ["YN"]
    assert cmp.appear["trust"] == {"Nash": ["YN"], "GMR": ["YN"], "SEQ": ["YN"]}
    assert cmp.vanish["trust"] == {"Nash": ["YY"], "GMR": ["YY"], "SEQ": ["NN", "YY"]}
    assert any(ch.startswith("preferences of B: adds 'not b', drops 'b'") for ch in cmp.changes["trust"])


def test_constraint_variant_renumbers_but_matches_by_values(cmp):
    assert cmp.n_states("exclusive") == 3
    assert cmp.equilibria("Nash", "exclusive") == ["YN", "NY"]
    assert cmp.equilibria("GMR", "exclusive") == ["YN", "NY"]  # no sanction: YY is infeasible
    assert cmp.vanish["exclusive"]["GMR"] == ["NN", "YY"]
    assert "constraint added: not-both: a and b (only one can defect)" in cmp.changes["exclusive"]
    assert "feasible states: 4 -> 3" in cmp.changes["exclusive"]
    # Labels use each model's own numbering: NY is state 3 of 3 in the variant.
    assert cmp.label("NY", "exclusive").startswith("3:NY")


def test_option_and_status_quo_overrides_described(conflict, cmp):
    changes = cmp.changes["locked"]
    assert "option a: direction both -> take_only" in changes
    assert "status quo: NN (-) -> YY (a, b)" in changes
    assert cmp.appear["locked"] == {"Nash": [], "GMR": [], "SEQ": []}
    assert describe_overrides(conflict, conflict) == []


def test_compare_selected_variants_and_errors(conflict):
    one = compare(conflict, ["exclusive"], ["Nash"])
    assert one.names == ["base", "exclusive"]
    with pytest.raises(DetenteError, match="no variant named 'trusst'"):
        compare(conflict, ["trusst"])
    with pytest.raises(DetenteError, match="compare the base model"):
        compare(conflict.variant("trust"))


def test_compare_to_dict_is_json(cmp):
    d = json.loads(json.dumps(cmp.to_dict(), default=str))
    models = {m["name"]: m for m in d["models"]}
    assert [s["yn"] for s in models["trust"]["equilibria"]["Nash"]] == ["YN"]
    assert models["exclusive"]["n_states"] == 3


def test_paths_by_hand(conflict):
    r = analyze(conflict, ["Nash", "SEQ"])
    reach = reachable(r, "Nash")
    (path,) = reach.paths
    assert path.target_yn == "YY"
    # Two shortest paths, both by improvements: A defects (3 > 2 for A) then B (1 > 0 for B),
    # or B first (3 > 2 for B) then A (1 > 0 for A). Either is a correct answer.
    steps = [(s.dm, s.changes, s.improves_mover) for s in path.moves]
    assert steps in ([("A", {"a": True}, True), ("B", {"b": True}, True)],
                     [("B", {"b": True}, True), ("A", {"a": True}, True)])
    imp = reachable(r, "Nash", improvements_only=True)
    assert [len(p.moves) for p in imp.paths] == [2]
    # SEQ targets: NN is the status quo itself (0 moves), YY two moves away.
    seq = reachable(r, "SEQ")
    assert [(p.target_yn, len(p.moves)) for p in seq.paths] == [("NN", 0), ("YY", 2)]


def test_paths_unreachable_with_irreversible_options(conflict):
    locked = conflict.variant("locked")
    r = analyze(locked, ["Nash", "GMR"])
    reach = reachable(r, "GMR")  # GMR equilibria NN and YY; from YY nothing can be dropped
    assert [p.target_yn for p in reach.paths] == ["YY"]
    assert [r.yn(u) for u in reach.unreachable] == ["NN"]


def test_paths_to_a_state_by_improvements(conflict):
    r = analyze(conflict, ["Nash"])
    reach = reachable(r, to=[r.position_of("NY")], improvements_only=True)
    (path,) = reach.paths
    assert [(s.dm, s.improves_mover) for s in path.moves] == [("B", True)]  # 3 > 2 for B


# --- command line ------------------------------------------------------------------------

def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_compare_json(capsys):
    code, out, _ = run(capsys, "compare", str(FIXTURE), "--concept", "Nash,SEQ", "--format", "json")
    assert code == 0
    d = json.loads(out)
    models = {m["name"]: m for m in d["models"]}
    assert [s["yn"] for s in models["base"]["equilibria"]["Nash"]] == ["YY"]
    assert models["trust"]["vanish"]["SEQ"] == ["NN", "YY"]


def test_cli_compare_table(capsys):
    code, out, _ = run(capsys, "compare", str(FIXTURE), "-c", "Nash")
    assert code == 0
    assert "trust" in out and "+ 2:YN (a)" in out and "- YY gone" in out


def test_cli_paths_json_and_table(capsys):
    code, out, _ = run(capsys, "paths", str(FIXTURE), "--concept", "Nash", "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert [(m["dm"], m["to"]["yn"]) for m in d["paths"][0]["moves"]] in (
        [("A", "YN"), ("B", "YY")], [("B", "NY"), ("A", "YY")])
    code, out, _ = run(capsys, "paths", str(FIXTURE), "--to", "NY", "--improvements-only")
    assert code == 0 and "B takes b" in out
    code, out, _ = run(capsys, "paths", str(FIXTURE), "--variant", "locked", "-c", "GMR")
    assert code == 0 and "not reachable" in out


def test_cli_errors_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "paths", str(FIXTURE), "--to", "c")
    assert code == 2 and "'c' is neither a state nor an option" in err
    code, _, err = run(capsys, "compare", str(FIXTURE), "--variant", "nope")
    assert code == 2 and "no variant named 'nope'" in err
    plain = tmp_path / "plain.yaml"
    plain.write_text("decision_makers:\n  - {name: A, options: [a], preferences: [a]}\n"
                     "  - {name: B, options: [b], preferences: [b]}\n")
    code, _, err = run(capsys, "compare", str(plain))
    assert code == 2 and "declares no variants" in err
    code, _, err = run(capsys, "paths", str(plain))
    assert code == 2 and "no status_quo" in err
    code, _, err = run(capsys, "compare", str(tmp_path / "missing.yaml"))
    assert code == 2 and "no such file" in err
