"""The flagship scenario (February 2025 settlement talks): it loads, every assumption carries
evidence, and the conclusions of issue 3 hold on the analysis results.

Conclusions are checked on the analysis (stability arrays, move tables, explanations), never
on printed text. They are derived from the preference statements in the scenario; the tests
also check that the statements they rest on are sourced quotes, not analyst's assumptions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

import detente
from detente.gmcr.analysis import analyze
from detente.gmcr.explain import explain
from detente.gmcr.status_quo import reachable
from detente.report.questions import (decisive_statement, load_questions,
                                      select_states)

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"
CONCEPTS = ["Nash", "GMR", "SMR", "SEQ", "SIM"]
DATELINE = dt.date(2025, 2, 12)


@pytest.fixture(scope="module")
def conflict():
    return detente.load(SCENARIO)


@pytest.fixture(scope="module")
def result(conflict):
    return analyze(conflict, CONCEPTS)


@pytest.fixture(scope="module")
def variants(conflict):
    return {v.name: analyze(conflict.variant(v.name), CONCEPTS) for v in conflict.variants}


def bit(result, name):
    c = result.conflict
    return ((result.space.codes >> np.uint64(c.option(name).index)) & np.uint64(1)).astype(bool)


def move_to(result, pos, dm, **changes):
    """Position reached when ``dm`` sets the given options (must be one of its legal moves)."""
    c = result.conflict
    code = int(result.space.codes[pos])
    for name, value in changes.items():
        assert c.option(name).dm == dm
        code = code | (1 << c.option(name).index) if value else code & ~(1 << c.option(name).index)
    target = int(result.space.index_of(np.uint64(code)))
    assert target >= 0, "the move must lead to a feasible state"
    assert target in set(int(t) for t in result.tables[dm].targets(pos)), "must be a legal move"
    return target


# --- the scenario as a model -----------------------------------------------------------------

def test_scenario_loads_with_the_report_issues(conflict):
    assert set(conflict.dm_names) >= {"US", "Russia", "Ukraine", "Europe"}
    for name in ("us_backstop", "us_troops", "eu_deploy", "neutral_deploy", "ru_settle",
                 "ua_accept", "ua_minerals"):
        assert name in conflict.option_names
    assert 8 <= conflict.n_options <= 12
    assert conflict.date == DATELINE
    assert conflict.status_quo is not None
    assert conflict.taken(conflict.status_quo) == ["us_aid"]
    assert {v.name for v in conflict.variants} >= {"us-backstop", "neutral-force"}
    for v in conflict.variants:
        conflict.variant(v.name)  # every variant applies cleanly


def test_state_space_is_modest(result, variants):
    assert 100 <= result.n_states <= 600
    assert all(r.n_states <= 600 for r in variants.values())
    assert not result.skipped  # SIM included


def _all_evidence(conflict):
    for d in conflict.decision_makers:
        for k, st in enumerate(d.preferences or []):
            yield f"{d.name} statement {k + 1}", st.evidence
    for c in conflict.constraints:
        yield f"constraint {c.id}", c.evidence


def test_every_statement_and_constraint_carries_evidence(conflict):
    for what, entries in _all_evidence(conflict):
        assert entries, f"{what} has no evidence"
        for ev in entries:
            if ev.is_assumption:
                assert len(ev.assumption.strip()) > 20, f"{what}: an assumption needs its reason"
                continue
            assert ev.quote and len(ev.quote) <= 220, f"{what}: a short verbatim quote"
            if ev.channel == "report":  # the reporter's own words, e.g. the $183 billion figure
                assert not ev.speaker
            else:
                assert ev.speaker and ev.role and ev.channel, f"{what}: speaker, role and channel"
            assert ev.source in conflict.sources, f"{what}: source must be a declared key"
            if ev.date is not None:
                # Resolved against the dateline: Wednesday 2025-02-12 ("that Friday" = 02-14).
                assert ev.date in (DATELINE, DATELINE + dt.timedelta(days=2)), what
            else:
                assert ev.note, f"{what}: an undated quote says why it has no date"


def test_channels_follow_the_report(conflict):
    entries = [ev for _, evs in _all_evidence(conflict) for ev in evs if not ev.is_assumption]
    by_speaker = {}
    for ev in entries:
        by_speaker.setdefault(ev.speaker, set()).add(ev.channel)
    assert any("Truth Social" in ch for ch in by_speaker["Donald Trump"])
    assert all("Ukraine Defense Contact Group" in ch and "Brussels" in ch
               for ch in by_speaker["Pete Hegseth"])
    assert by_speaker["Anatol Lieven"] == {"analyst's article"}
    # Variant statements carry evidence too (shared through a YAML anchor).
    backstop = conflict.variant("us-backstop")
    assert all(st.evidence for st in backstop.dm("US").preferences)


def test_questions_file_loads(conflict):
    qs = load_questions(SCENARIO)
    assert {q.id for q in qs} >= {"eu-deploy-without-backstop", "deployment-with-russian-agreement"}


# --- conclusion 1: European deployment without a backstop -------------------------------------

def test_deployment_without_backstop_not_nash_stable_for_europe(result):
    c = result.conflict
    states = np.flatnonzero(bit(result, "eu_deploy") & ~bit(result, "us_backstop"))
    assert len(states) == 32
    ranks = result.ranks["Europe"]
    for p in states:
        assert not result.stable["Nash"]["Europe"][p]
        # Withdrawing is an improvement for the European states ...
        q = move_to(result, int(p), "Europe", eu_deploy=False)
        assert ranks[q] > ranks[p]
        # ... because of their own stated condition (a quote, not an assumption).
        k, st, holds = decisive_statement(c, "Europe", int(result.space.codes[p]), int(result.space.codes[q]))
        assert holds and st.text == "not eu_deploy if not us_backstop"
        assert any(ev.quote and "cast-iron assurance" in ev.quote and ev.speaker == "Anatol Lieven"
                   for ev in st.evidence)
        assert not any(ev.is_assumption for ev in st.evidence)


@pytest.mark.parametrize("concept", ["GMR", "SMR", "SEQ", "SIM"])
def test_no_concept_finds_a_sanction_against_european_withdrawal(result, concept):
    """No sanction deters the withdrawal under any concept: the gain is Europe's first statement,
    which no opponent's move can undo once European troops are out."""
    states = np.flatnonzero(bit(result, "eu_deploy") & ~bit(result, "us_backstop"))
    assert not result.stable[concept]["Europe"][states].any()
    exp = explain(result, int(states[0]), "Europe", concept)
    assert not exp.stable
    unsanctioned = [chk for chk in exp.improvements if chk.sanction is None]
    assert any(chk.move.changes == {"eu_deploy": False} for chk in unsanctioned)


# --- conclusion 2: no equilibrium with a European deployment and a Russian agreement ----------

def test_no_nash_or_seq_equilibrium_with_deployment_and_russian_agreement(result):
    both = bit(result, "eu_deploy") & bit(result, "ru_settle")
    for concept in ("Nash", "SEQ"):
        assert not (result.equilibrium_mask(concept) & both).any(), concept
    # The reason: in every such state Russia withdraws its agreement, by its stated position.
    c = result.conflict
    for p in np.flatnonzero(both):
        q = move_to(result, int(p), "Russia", ru_settle=False)
        assert result.ranks["Russia"][q] > result.ranks["Russia"][p]
        k, st, holds = decisive_statement(c, "Russia", int(result.space.codes[p]), int(result.space.codes[q]))
        assert k == 0 and holds
        assert any(ev.quote and "genuinely neutral countries" in ev.quote for ev in st.evidence)
    # (In this model no concept at all finds such an equilibrium.)
    for concept in CONCEPTS:
        assert not (result.equilibrium_mask(concept) & both).any(), concept


def test_no_settlement_is_an_equilibrium_in_the_base_model(result):
    settled = bit(result, "ru_settle") & bit(result, "ua_accept")
    for concept in ("Nash", "SEQ"):
        assert not (result.equilibrium_mask(concept) & settled).any()


def test_base_equilibria_and_status_quo(result):
    assert [result.yn(p) for p in result.equilibria("Nash")] == ["NNNNNNNN"]
    seq = {result.conflict.taken(int(result.space.codes[p])) and tuple(result.conflict.taken(int(result.space.codes[p])))
           or () for p in result.equilibria("SEQ")}
    assert seq == {(), ("us_aid", "ua_minerals")}
    # The aid-for-minerals state is SEQ-stable for Ukraine because the U.S. would credibly stop aid.
    p = result.position_of("us_aid,ua_minerals")
    exp = explain(result, p, "Ukraine", "SEQ")
    assert exp.stable
    chk = next(c for c in exp.improvements if c.move.changes == {"ua_minerals": False})
    assert chk.credible and [m.dm for m in chk.sanction] == ["US"]
    assert chk.sanction[0].changes == {"us_aid": False}
    # From the status quo the U.S. drops aid by an improvement; the minerals deal is not
    # reachable by improvements only.
    reach = reachable(result, "SEQ", improvements_only=True)
    assert [p.target_yn for p in reach.paths] == ["NNNNNNNN"]
    assert [result.yn(u) for u in reach.unreachable] == ["NNYNNYNN"]


# --- conclusion 3: the variants ------------------------------------------------------------

def test_us_backstop_variant_what_changes_and_what_does_not(result, variants):
    vb = variants["us-backstop"]
    both = bit(vb, "eu_deploy") & bit(vb, "ru_settle")
    # What does not change: still no Nash or SEQ equilibrium with a deployment and an agreement,
    # the same Nash, SMR, SEQ and SIM equilibria as the base model ...
    for concept in ("Nash", "SEQ"):
        assert not (vb.equilibrium_mask(concept) & both).any()
    for concept in ("Nash", "SMR", "SEQ", "SIM"):
        assert [vb.yn(p) for p in vb.equilibria(concept)] == [result.yn(p) for p in result.equilibria(concept)]
    # ... and no equilibrium with European troops at all: Russia still walks away.
    assert not any((vb.equilibrium_mask(k) & bit(vb, "eu_deploy")).any() for k in CONCEPTS)
    # What changes: in the base model the U.S. withdraws the backstop from a European-backed
    # settlement (its statement 2); with the offer, that settlement is Nash-stable for the U.S.
    # and for Europe, and only Russia moves away from it.
    p_base = result.position_of("us_backstop,ru_settle,ua_accept,eu_deploy")
    assert not result.stable["Nash"]["US"][p_base]
    p = vb.position_of("us_backstop,ru_settle,ua_accept,eu_deploy")
    unstable_for = [d for d in vb.conflict.dm_names if not vb.stable["Nash"][d][p]]
    assert unstable_for == ["Russia"]
    # GMR gains equilibria (the U.S. no longer ranks the backstop last) - and only GMR.
    assert len(vb.equilibria("GMR")) > len(result.equilibria("GMR"))


ARRANGEMENT = "ru_settle and ua_accept and eu_deploy and not us_troops and not us_backstop"
TWO_BY_TWO = {  # (U.S. backstop offered, Russia consents to non-neutral troops) -> model
    (False, False): "base", (True, False): "us-backstop",
    (False, True): "russian-consent", (True, True): "backstop-and-russian-consent"}


def _model(result, variants, name):
    return result if name == "base" else variants[name]


def test_two_by_two_variants_differ_only_in_the_two_conditions(conflict):
    """The four cells are what they claim: the backstop is offered exactly in the backstop
    variants (the U.S. ranks it with eu_deploy instead of refusing it), and Russia's objection to
    European troops is dropped exactly in the consent variants."""
    for (backstop, consent), name in TWO_BY_TWO.items():
        c = conflict if name == "base" else conflict.variant(name)
        us = [s.text for s in c.dm("US").preferences]
        ru = [s.text for s in c.dm("Russia").preferences]
        assert ("not us_backstop" in us) is not backstop, name
        assert ("us_backstop iff eu_deploy" in us) is backstop, name
        assert any("eu_deploy" in t for t in ru) is not consent, name


def test_hegseth_arrangement_holds_nowhere_and_who_leaves_it(result, variants):
    """The lead question, derived: the arrangement is an equilibrium in no cell of the two-by-two
    under any concept; who leaves it depends on the cell (Russia only while it objects, Europe
    in every cell, since the arrangement has no backstop)."""
    for (backstop, consent), name in TWO_BY_TWO.items():
        r = _model(result, variants, name)
        arr = select_states(r, ARRANGEMENT)
        assert len(arr) > 0
        for k in CONCEPTS:
            assert not r.equilibrium_mask(k)[arr].any(), (name, k)
        # who leaves with a move nothing deters (SEQ: only credible sanctions count)
        leavers = {d for p in arr for d in r.conflict.dm_names if not r.stable["SEQ"][d][p]}
        for p in arr:  # Europe leaves every one of them, under every concept
            assert not any(r.stable[k]["Europe"][p] for k in CONCEPTS), name
        assert ("Russia" in leavers) is not consent, name
        assert "Europe" in leavers, name
        if name == "base":  # two DMs' statements combine: not one input read back
            assert leavers == {"Russia", "Europe"}
            for p in arr:
                reasons = {(d, decisive_statement(r.conflict, d, int(r.space.codes[p]), int(r.space.codes[t]))[1].id)
                           for d in ("Russia", "Europe")
                           for t in r.tables[d].targets(int(p)) if r.ranks[d][t] > r.ranks[d][p]}
                assert ("Russia", "ru-only-neutral-peacekeepers") in reasons
                assert ("Europe", "eu-only-with-backstop") in reasons


def test_two_by_two_either_condition_alone_blocks_a_european_backed_settlement(result, variants):
    """A settlement with European troops is an equilibrium only when the U.S. offers the
    backstop and Russia consents; either condition alone is not enough."""
    for (backstop, consent), name in TWO_BY_TWO.items():
        r = _model(result, variants, name)
        backed = bit(r, "eu_deploy") & bit(r, "ru_settle") & bit(r, "ua_accept")
        for k in CONCEPTS:
            assert bool((r.equilibrium_mask(k) & backed).any()) == (backstop and consent), (name, k)


def test_neutral_force_opens_a_settlement_reachable_only_through_non_improving_moves(variants):
    vn = variants["neutral-force"]
    settled = bit(vn, "ru_settle") & bit(vn, "ua_accept") & bit(vn, "neutral_deploy")
    eq = vn.equilibrium_mask("Nash") & settled
    assert eq.any()
    target = int(np.flatnonzero(eq)[0])
    assert not bit(vn, "eu_deploy")[target] and not bit(vn, "us_troops")[target]
    any_moves = reachable(vn, to=[target])
    assert len(any_moves.paths) == 1 and not all(s.improves_mover for s in any_moves.paths[0].moves)
    imp = reachable(vn, to=[target], improvements_only=True)
    assert imp.unreachable == [target]  # a coordination problem: nobody gains by moving first


def test_questions_select_the_same_states(result):
    assert len(select_states(result, "eu_deploy and not us_backstop")) == 32


# --- the arrangement under uncertainty: the two second-hand premises vary ---------------------

def test_arrangement_probability_rests_on_dropping_both_second_hand_premises(conflict):
    """Russia's and Europe's first statements come through Lieven and carry probabilities; exact
    enumeration gives the arrangement a small, non-zero chance of being an equilibrium, and only
    in profiles where both premises are dropped (so at most their joint drop probability)."""
    from detente.gmcr.robustness import robustness
    rob = robustness(conflict, method="exact", concepts=["Nash", "SEQ"], workers=1)
    premises = {}
    for dm, sid in (("Russia", "ru-only-neutral-peacekeepers"), ("Europe", "eu-only-with-backstop")):
        k = [s.id for s in conflict.dm(dm).preferences].index(sid)
        st = conflict.dm(dm).preferences[k]
        assert st.probability is not None and 0 < st.probability < 1
        premises[dm] = next(a for a in rob.assumptions if a.dm == dm and a.kind == "statement" and a.target == k)
    both_dropped = (1 - premises["Russia"].probability) * (1 - premises["Europe"].probability)
    want = {"ru_settle": True, "ua_accept": True, "eu_deploy": True, "us_troops": False, "us_backstop": False}
    arrangement = [p for p, code in enumerate(rob.space.codes)
                   if all(rob.conflict.values(int(code))[o] == w for o, w in want.items())]
    assert arrangement
    for concept in ("Nash", "SEQ"):
        probs = [rob.probability(concept, int(rob.space.codes[p])) for p in arrangement]
        assert max(probs) > 0, concept
        assert max(probs) <= both_dropped + 1e-9, concept
        for d, eqs in enumerate(rob.eq_lists[concept]):
            if rob.weights[d] > 0 and set(int(e) for e in eqs) & set(arrangement):
                assert not rob.flags[d, premises["Russia"].index] and not rob.flags[d, premises["Europe"].index]


# --- derived or restated: the report says which ------------------------------------------------

def test_answers_say_which_restate_an_input(conflict, result, variants):
    """The Europe-without-backstop question is read off Europe's first statement (an input); a
    European-backed settlement in the cell with both conditions rests on sanctions (derived)."""
    from detente.report.questions import answer_all
    qs = {q.id: q for q in load_questions(SCENARIO)}
    rows = answer_all([qs["eu-deploy-without-backstop"], qs["deployment-with-russian-agreement"]],
                      result, variants)
    base_eu = rows[0][0]
    eu_first = conflict.dm("Europe").preferences[0]
    assert [(r.dm, r.index, r.text) for r in base_eu.restated_inputs()] == [("Europe", 0, eu_first.text)]
    assert base_eu.provenance().startswith("Restates an input")
    both = next(a for a in rows[1] if a.model == "backstop-and-russian-consent")
    assert both.restated_inputs() == [] and both.provenance().startswith("Derived")
    assert both.to_dict()["restates"] == []


def test_backstop_without_troops_is_never_a_credible_equilibrium(result, variants):
    """`us_backstop` is an offer, kept feasible without troops (docs/flagship.md): such states
    are equilibria under no concept in the base model and under no credible concept anywhere."""
    for name, r in {"base": result, **variants}.items():
        empty = bit(r, "us_backstop") & ~bit(r, "eu_deploy")
        assert empty.any()
        for k in (CONCEPTS if name == "base" else ["Nash", "SMR", "SEQ", "SIM"]):
            assert not (r.equilibrium_mask(k) & empty).any(), (name, k)


def test_interpretations_that_drive_results_lead_with_their_assumption(conflict):
    for dm, sid in (("US", "us-others-guarantee"), ("US", "us-aid-for-minerals"),
                    ("US", "us-no-backstop"), ("Europe", "eu-settlement"), ("Russia", "ru-peace-on-terms")):
        st = next(s for s in conflict.dm(dm).preferences if s.id == sid)
        assert st.evidence[0].assumption, sid
        assert any(e.quote for e in st.evidence[1:]), sid
