"""Coalition analysis: hand-checked cases, singletons = basic concepts, and a brute-force
reference straight from the definitions (explicit legal sequences, gmcr_reference)."""

import json
from pathlib import Path

import numpy as np
import pytest

import detente
import gmcr_reference as ref
from detente.cli import main
from detente.errors import DetenteError
from detente.gmcr.coalitions import all_coalitions, coalition_analysis
from detente.gmcr.random_conflict import random_conflict

FIX = Path(__file__).parent / "fixtures" / "gmcr"

PD = {"decision_makers": [
    {"name": "A", "options": ["a_defects"], "ranking": ["YN", "NN", "YY", "NY"]},
    {"name": "B", "options": ["b_defects"], "ranking": ["NY", "NN", "YY", "YN"]}]}


def yns(cr, positions):
    return sorted(cr.yn(p) for p in positions)


def test_prisoners_dilemma_by_hand():
    cr = coalition_analysis(detente.load(PD))
    # Together the prisoners can go from mutual defection YY to mutual cooperation NN, which
    # both prefer; nothing both prefer to NN, YN or NY exists.
    assert yns(cr, cr.stable_states("CNash", "A,B")) == ["NN", "NY", "YN"]
    # Singletons are the ordinary concepts: YY is the only Nash equilibrium, NN and YY are GMR.
    assert yns(cr, cr.stable_states("CNash", "A")) == ["YN", "YY"]
    assert yns(cr, cr.stable_states("CGMR", "A")) == ["NN", "YN", "YY"]
    # With the grand coalition nobody is left to sanction: CGMR = CNash for {A, B}, so the
    # coalitional GMR equilibrium is cooperation, and no state is a CNash equilibrium.
    assert yns(cr, cr.equilibria("CGMR")) == ["NN"]
    assert yns(cr, cr.equilibria("CNash")) == []


def _three_dm_case():
    # Options a, b, c (one per DM). From NNN, {A, B} can jointly reach YYN, which both prefer.
    # C answers YYN with YYY (an improvement for C): A likes YYY less than NNN, B likes it more.
    others = ["YNN", "NYN", "NNY", "YNY", "NYY"]
    return detente.load({"decision_makers": [
        {"name": "A", "options": ["a"], "ranking": ["YYN", "NNN", "YYY", others]},
        {"name": "B", "options": ["b"], "ranking": ["YYY", "YYN", "NNN", others]},
        {"name": "C", "options": ["c"], "ranking": ["YYY", "YYN", "NNN", others]}]})


def test_sanction_needs_to_hurt_one_member():
    cr = coalition_analysis(_three_dm_case(), [("A", "B")])
    nnn = cr.result.position_of("NNN")
    ab = ("A", "B")
    assert not cr.stable["CNash"][ab][nnn]  # YYN is a coalitional improvement
    assert cr.stable["CGMR"][ab][nnn]  # C's move to YYY hurts A: the coalition is deterred
    assert cr.stable["CSEQ"][ab][nnn]  # and that move improves C's position
    # From YYY the coalition can only reach YNY, NYY, NNY, all worse for A than NNN.
    assert cr.stable["CSMR"][ab][nnn]


def test_singletons_are_the_basic_concepts():
    for path in sorted(FIX.glob("*.yaml")):
        c = detente.load(path)
        r = detente.analyze(c, ["Nash", "GMR", "SMR", "SEQ"])
        cr = coalition_analysis(r, [(d,) for d in c.dm_names], include_singletons=False)
        for con, base in zip(["CNash", "CGMR", "CSMR", "CSEQ"], ["Nash", "GMR", "SMR", "SEQ"]):
            for d in c.dm_names:
                assert (cr.stable[con][(d,)] == r.stable[base][d]).all(), (path.name, con, d)


# --- brute force from the definitions --------------------------------------------------------

def brute_coalition_stable(rc, C, s, concept):
    H = [d for d in rc.dms if d not in C]
    p = rc.pref
    R_C = ref.group_reach(rc, list(C), s, False)
    improvements = [t for t in R_C if all(p[j][t] > p[j][s] for j in C)]
    if concept == "CNash":
        return not improvements
    for s1 in improvements:
        if concept == "CSEQ":
            sanctions = ref.group_reach(rc, H, s1, True) if H else set()
        else:
            sanctions = ref.group_reach(rc, H, s1, False) if H else set()
        ok = False
        for s2 in sanctions:
            for j in C:
                if p[j][s2] > p[j][s]:
                    continue
                if concept == "CSMR" and any(p[j][s3] > p[j][s] for s3 in ref.group_reach(rc, list(C), s2, False)):
                    continue
                ok = True
        if not ok:
            return False
    return True


CASES = [(5, 2, 0), (6, 3, 1), (6, 3, 2), (7, 3, 3), (6, 4, 4), (7, 4, 5), (5, 2, 6), (7, 3, 7)]


@pytest.mark.parametrize("m,d,seed", CASES)
def test_against_brute_force(m, d, seed):
    c = random_conflict(m, d, seed=seed, n_constraints=seed % 3, irreversible=0.3,
                        n_statements=(1, 4))
    r = detente.analyze(c, ["Nash"])
    cr = coalition_analysis(r)
    rc = ref.from_conflict(c)
    assert len(cr.coalitions) == 2 ** d - 1 and not cr.skipped
    for C in cr.coalitions:
        for concept in cr.concepts:
            want = {ref.code_of(s) for s in rc.feasible if brute_coalition_stable(rc, C, s, concept)}
            got = {int(r.space.codes[p]) for p in np.flatnonzero(cr.stable[concept][C])}
            assert got == want, (C, concept)


def test_budget_skips_with_reason():
    c = random_conflict(8, 3, seed=3)
    cr = coalition_analysis(c, budget=1000)
    assert cr.skipped and all(len(co) >= 2 for co in cr.skipped)
    assert all("budget" in why for why in cr.skipped.values())
    assert "skipped" in str(cr)
    # Equilibria are then over the analysed coalitions only (the singletons here).
    assert len(cr.analysed) == 3


def test_unknown_member_is_a_user_error():
    with pytest.raises(DetenteError, match="not a decision maker"):
        coalition_analysis(detente.load(PD), ["A,Z"])
    with pytest.raises(DetenteError, match="unknown coalition concept"):
        coalition_analysis(detente.load(PD), concepts=["CFOO"])


def test_all_coalitions():
    assert all_coalitions(["A", "B", "C"]) == [("A",), ("B",), ("C",), ("A", "B"), ("A", "C"),
                                               ("B", "C"), ("A", "B", "C")]


def test_cli_json(capsys):
    code = main(["coalitions", str(FIX / "prisoners-dilemma.yaml"), "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    d = json.loads(out.out)
    assert d["schema"] == "detente.coalitions/1"
    assert [e["yn"] for e in d["results"]["CGMR"]["equilibria"]] == ["YY"]
    key = "Prisoner One+prisoner 2"
    assert sorted(d["results"]["CNash"]["stable_for_coalition"][key]) == ["NY", "YN", "YY"]


def test_cli_table_and_bad_coalition(capsys):
    code = main(["coalitions", str(FIX / "elmira.yaml"), "--coalition", "MoE,Uniroyal", "-c", "CNash"])
    out = capsys.readouterr()
    assert code == 0 and "Coalitional equilibria" in out.out
    code = main(["coalitions", str(FIX / "elmira.yaml"), "--coalition", "MoE,Nobody"])
    out = capsys.readouterr()
    assert code == 2 and "not a decision maker" in out.err and "Traceback" not in out.err


@pytest.mark.parametrize("seed", range(6))
def test_packed_closure_matches_unpacked(seed):
    """The bit-packed closure (64 targets a word, word swaps beyond 6 bits) equals the
    one-byte-per-pair version, for coalitions of up to 12 options (4096 patterns)."""
    from detente.gmcr import coalitions as co
    c = random_conflict(9 + seed % 4, 3, seed=seed, n_constraints=seed % 3, irreversible=0.3)
    r = detente.analyze(c, ["Nash"])
    rng = np.random.default_rng(seed)
    for C in [("DM0", "DM1"), ("DM1", "DM2"), ("DM0", "DM1", "DM2")]:
        rows = co.CoalitionRows.build(r.space, C)
        w = {j: np.minimum(r.ranks[j], rng.integers(0, 6, r.n_states).astype(np.int32)) for j in C}
        (packed,) = co.coalition_reach_dominates(rows, [w], r.ranks)
        assert (packed == co._coalition_reach_dominates_bool(rows, w, r.ranks)).all(), C


def test_registered_in_analyze():
    c = detente.load(FIX / "elmira.yaml")
    r = detente.analyze(c, ["CNash", "CGMR", "CSMR", "CSEQ"])
    cr = coalition_analysis(c)
    for concept in ("CNash", "CGMR", "CSMR", "CSEQ"):
        assert (r.equilibrium_mask(concept) == cr.equilibrium_mask(concept)).all()
        for dm in c.dm_names:
            assert (r.stable[concept][dm] == cr.stable_for_dm(concept, dm)).all()
    d = r.to_dict()
    assert set(d["results"]) == {"CNash", "CGMR", "CSMR", "CSEQ"}


def test_registered_concept_skipped_over_budget(monkeypatch):
    from detente.gmcr import coalitions as co
    monkeypatch.setattr(co, "coalition_cost", lambda bits, n, size: 10 ** 18)
    r = detente.analyze(detente.load(FIX / "elmira.yaml"), ["Nash", "CGMR"])
    assert "over the budget" in r.skipped["CGMR"] and "CGMR" not in r.stable
    assert "--coalition" in r.skipped["CGMR"]


def test_explain_hand_case():
    from detente.gmcr.coalitions import explain_coalition
    c = _three_dm_case()
    r = detente.analyze(c, ["Nash"])
    ex = explain_coalition(r, r.position_of("NNN"), "A,B", "CGMR")
    assert ex.stable
    (imp,) = ex.improvements
    assert r.yn(imp["target"]) == "YYN" and len(imp["moves"]) == 2
    assert [(m, r.yn(a), r.yn(b)) for m, a, b in imp["sanction"]] == [("C", "YYN", "YYY")]
    assert imp["hurts"] == "A"
    assert not explain_coalition(r, r.position_of("NNN"), "A,B", "CNash").stable
    assert "deterred" in str(ex) and ex.to_dict(r)["improvements"][0]["sanction"]["hurts"] == "A"


@pytest.mark.parametrize("m,d,seed", CASES[:5])
def test_explain_agrees_with_analysis(m, d, seed):
    from detente.gmcr.coalitions import explain_coalition
    c = random_conflict(m, d, seed=seed, n_constraints=seed % 3, irreversible=0.3, n_statements=(1, 4))
    r = detente.analyze(c, ["Nash"])
    cr = coalition_analysis(r)
    for C in cr.coalitions:
        for concept in cr.concepts:
            for p in range(0, r.n_states, 3):
                ex = explain_coalition(r, p, C, concept)
                assert ex.stable == bool(cr.stable[concept][C][p]), (C, concept, p)
                for x in ex.improvements:
                    assert all(r.ranks[j][x["target"]] > r.ranks[j][p] for j in C)
                    for mover, a, b in x["moves"] + (x["sanction"] or []):
                        assert b in set(r.tables[mover].targets(a))


def test_explain_for_dm_agrees_with_registry():
    from detente.gmcr.coalitions import explain_for_dm
    c = detente.load(FIX / "elmira.yaml")
    r = detente.analyze(c, ["CNash", "CSEQ"])
    for concept in ("CNash", "CSEQ"):
        for dm in c.dm_names:
            for p in range(r.n_states):
                ex = explain_for_dm(r, p, dm, concept)
                assert ex.stable == bool(r.stable[concept][dm][p])
                assert len(ex.parts) == 4 and all(dm in part.coalition for part in ex.parts)
    assert "coalition" in str(ex) and ex.to_dict(r)["coalitions"]
