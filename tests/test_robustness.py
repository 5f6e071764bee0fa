"""Robustness under uncertain preferences: schema errors, exact vs. reference, sampling vs. exact,
reproducibility, refusal of runs that would take too long, the command line."""

from __future__ import annotations

import copy
import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest

import detente
from detente.errors import DetenteError, ModelError, TooLargeError
from detente.gmcr.analysis import analyze
from detente.gmcr.robustness import (draw_seed, parse_uncertainty, robustness, sample_chunk,
                                     wilson_interval)
from detente.model.load import load, loads
from detente.model.yamlio import read_document

FIX = Path(__file__).parent / "fixtures" / "robustness"
THREE = FIX / "three-parties.yaml"
CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


# --- a reference: expand the uncertainty into plain documents, analyse each -----------------

def _statement_dict(s):
    return {"statement": s} if isinstance(s, str) else dict(s)


def _pref_variants(prefs, groups):
    """(probability, preference list) for every order of the groups and every held subset."""
    prefs = [_statement_dict(s) for s in prefs]
    ids = [s.get("id") for s in prefs]
    orders = [(1.0, list(range(len(prefs))))]
    for g in groups:
        members = g["statements"] if isinstance(g, dict) else g
        idx = sorted(ids.index(m) for m in members)
        new = []
        for p, order in orders:
            if isinstance(g, dict) and "probability" in g:
                q = g["probability"] if ids.index(members[0]) < ids.index(members[1]) else 1 - g["probability"]
                perms = [(q, idx), (1 - q, idx[::-1])]
            else:
                perms = [(1 / math.factorial(len(idx)), list(perm)) for perm in itertools.permutations(idx)]
            for q, perm in perms:
                o = list(order)
                for pos, v in zip(idx, perm):
                    o[pos] = order[v]
                new.append((p * q, o))
        orders = new
    out = []
    for p, order in orders:
        uncertain = [k for k in order if 0 < prefs[k].get("probability", 1) < 1]
        for bits in itertools.product([True, False], repeat=len(uncertain)):
            held = dict(zip(uncertain, bits))
            q = p
            for k, b in held.items():
                pk = prefs[k]["probability"]
                q *= pk if b else 1 - pk
            kept = [{"statement": prefs[k]["statement"]} for k in order
                    if held.get(k, prefs[k].get("probability", 1) > 0)]
            out.append((q, {"preferences": kept}))
    return out


def reference_distribution(doc):
    """Every (probability, plain document) the uncertainty of ``doc`` allows."""
    per_dm = []
    for dm in doc["decision_makers"]:
        unc = dm.get("uncertainty") or {}
        alts = unc.get("alternatives") or []
        base_w = 1 - sum(a["weight"] for a in alts)
        choices = []
        if "ranking" in dm:
            choices.append((base_w, {"ranking": dm["ranking"]}))
        else:
            choices += [(base_w * p, v) for p, v in _pref_variants(dm["preferences"], unc.get("uncertain_order") or [])]
        for a in alts:
            if "ranking" in a:
                choices.append((a["weight"], {"ranking": a["ranking"]}))
            else:
                choices += [(a["weight"] * p, v) for p, v in _pref_variants(a["preferences"], [])]
        per_dm.append([(p, v) for p, v in choices if p > 0])
    for combo in itertools.product(*per_dm):
        d = copy.deepcopy(doc)
        d.pop("uncertainty", None)
        p = 1.0
        for dm, (q, prefs) in zip(d["decision_makers"], combo):
            dm.pop("uncertainty", None)
            dm.pop("preferences", None)
            dm.pop("ranking", None)
            dm.update(copy.deepcopy(prefs))
            p *= q
        yield p, d


def reference_probabilities(path, concepts=CONCEPTS):
    doc, _ = read_document(path)
    n = None
    acc = {}
    total = 0.0
    for p, d in reference_distribution(doc):
        r = analyze(load(d), concepts)
        n = r.n_states
        for c in concepts:
            acc.setdefault(c, np.zeros(n))
            acc[c] += p * r.equilibrium_mask(c)
        total += p
    return acc, total


@pytest.fixture(scope="module")
def exact():
    return robustness(THREE, method="exact", concepts=CONCEPTS)


def test_exact_enumeration_matches_reference_documents(exact):
    ref, total = reference_probabilities(THREE)
    assert total == pytest.approx(1.0)
    assert exact.total == pytest.approx(1.0)
    for c in CONCEPTS:
        np.testing.assert_allclose(exact.eq[c] / exact.total, ref[c], atol=1e-12)
    # Something is actually uncertain: not every probability is 0 or 1.
    assert any(0.05 < p < 0.95 for c in CONCEPTS for p in ref[c])


def test_sampled_probabilities_within_intervals_of_exact(exact):
    sampled = robustness(THREE, draws=3000, seed=11, concepts=CONCEPTS, workers=1, confidence=0.999)
    assert sampled.method == "sampled" and sampled.total == 3000
    for c in CONCEPTS:
        for p in range(exact.space.n):
            code = int(exact.space.codes[p])
            lo, hi = sampled.interval(c, code)
            assert lo - 1e-9 <= exact.probability(c, code) <= hi + 1e-9, (c, p)
            for dm in exact.conflict.dm_names:
                lo, hi = sampled.interval(c, code, dm)
                assert lo - 1e-9 <= exact.probability(c, code, dm) <= hi + 1e-9, (c, p, dm)


def test_stable_probabilities_bound_equilibrium_probability(exact):
    for c in CONCEPTS:
        eq = exact.eq[c]
        for dm in exact.conflict.dm_names:
            assert np.all(eq <= exact.stable[c][dm] + 1e-12)


def test_same_seed_same_result_whatever_the_chunking():
    a = robustness(THREE, draws=300, seed=5, workers=1, chunk_size=7)
    b = robustness(THREE, draws=300, seed=5, workers=1, chunk_size=300)
    c = robustness(THREE, draws=300, seed=6, workers=1)
    for concept in a.concepts:
        np.testing.assert_array_equal(a.eq[concept], b.eq[concept])
    np.testing.assert_array_equal(a.flags, b.flags)
    assert any(not np.array_equal(a.eq[k], c.eq[k]) for k in a.concepts)


def test_draw_seed_is_the_spawned_child():
    children = np.random.SeedSequence(42).spawn(5)
    for i, child in enumerate(children):
        x = np.random.default_rng(child).random(3)
        y = np.random.default_rng(draw_seed(42, i)).random(3)
        np.testing.assert_array_equal(x, y)


def test_model_defaults_for_draws_and_seed():
    r = robustness(THREE, workers=1, concepts=["Nash"])
    assert r.draws == 3000 and r.seed == 11


def test_certain_model_gives_the_plain_analysis():
    path = Path(__file__).parent / "fixtures" / "gmcr" / "elmira.yaml"
    r = robustness(path, draws=20, seed=1, workers=1)
    a = analyze(load(path), CONCEPTS)
    assert r.assumptions == []
    for c in CONCEPTS:
        np.testing.assert_array_equal(r.eq[c] / r.total, a.equilibrium_mask(c).astype(float))
        assert sorted(r.baseline[c].tolist()) == a.equilibria(c).tolist()


def test_wilson_interval_known_values():
    lo, hi = wilson_interval(50, 100)
    assert (round(lo, 3), round(hi, 3)) == (0.404, 0.596)
    lo, hi = wilson_interval(0, 100)
    assert lo == 0.0 and round(hi, 4) == 0.0370
    lo, hi = wilson_interval(10, 10)
    assert hi == 1.0 and round(lo, 3) == 0.722


def test_result_to_dict_is_json():
    r = robustness(THREE, draws=50, seed=1, workers=1, concepts=["Nash", "SEQ"])
    d = json.loads(json.dumps(r.to_dict()))
    assert d["schema"] == "detente.robustness/1"
    assert d["draws"] == 50 and d["seed"] == 1
    assert {a["kind"] for a in d["assumptions"]} == {"statement", "order", "alternative"}
    row = d["results"]["Nash"][0]
    assert set(row) >= {"id", "yn", "p_equilibrium", "interval", "p_stable", "baseline_equilibrium"}
    assert "Nash" in str(r)


def test_refuses_a_run_that_would_take_too_long():
    with pytest.raises(TooLargeError) as exc:
        robustness(THREE, draws=10_000_000, seed=1, workers=1, max_hours=0.0001)
    text = str(exc.value)
    assert "would take about" in text and "--draws" in text


def test_exact_refused_when_too_many_profiles(monkeypatch):
    import detente.gmcr.robustness as rb
    monkeypatch.setattr(rb, "EXACT_LIMIT", 100)
    with pytest.raises(TooLargeError, match="too many to enumerate"):
        robustness(THREE, method="exact")


# --- schema errors, located ---------------------------------------------------------------------

BASE = """\
decision_makers:
  - name: A
    options: [a]
    preferences:
      - {statement: a, id: s1}
      - {statement: not b, id: s2}
      - {statement: b, id: s3}
{extra_a}
  - name: B
    options: [b]
    preferences: [b, not a]
{extra_b}
{top}
"""


def _text(extra_a="", extra_b="", top=""):
    return BASE.replace("{extra_a}", extra_a).replace("{extra_b}", extra_b).replace("{top}", top)


def _load(extra_a="", extra_b="", top=""):
    return loads(_text(extra_a, extra_b, top), file="m.yaml")


def _problems(**kw):
    with pytest.raises(ModelError) as exc:
        parse_uncertainty(_load(**kw))
    return exc.value.problems


def test_probability_out_of_range_is_located():
    with pytest.raises(ModelError) as exc:
        loads(BASE.replace("{statement: a, id: s1}", "{statement: a, id: s1, probability: 1.5}")
              .replace("{extra_a}", "").replace("{extra_b}", "").replace("{top}", ""), file="m.yaml")
    p = exc.value.problems[0]
    assert p.file == "m.yaml" and p.line == 5 and "probability" in (p.field or "")
    probs = _problems(extra_a="    uncertainty:\n      uncertain_order:\n        - {statements: [s1, s2], probability: -0.2}")
    assert probs[0].line == 10 and "between 0 and 1" in probs[0].message


def test_unknown_statement_id_suggests_the_close_one():
    probs = _problems(extra_a="    uncertainty:\n      uncertain_order: [[s1, s22]]")
    assert "no statement with id 's22'" in probs[0].message
    assert probs[0].line == 9 and "s2" in (probs[0].hint or "")


def test_overlapping_orders_are_contradictory():
    probs = _problems(extra_a="    uncertainty:\n      uncertain_order:\n        - [s1, s2]\n        - [s2, s1]")
    msg = " ".join(p.message for p in probs)
    assert "two uncertain orders" in msg and "contradict" in msg
    assert any("merge them" in (p.hint or "") for p in probs)
    assert probs[0].line == 11


def test_alternative_weights_above_one():
    probs = _problems(extra_b="    uncertainty:\n      alternatives:\n        - {weight: 0.7, preferences: [a]}\n"
                              "        - {weight: 0.6, ranking: [YY, NY, YN, NN]}")
    assert any("add up to 1.3" in p.message for p in probs)


def test_alternative_ranking_must_cover_the_states_and_unknown_fields():
    probs = _problems(extra_b="    uncertainty:\n      alternatives:\n        - {weight: 0.2, ranking: [YY, NY]}\n"
                              "      alternativs: []")
    msgs = [p.message for p in probs]
    assert any("misses 2 feasible state(s)" in m for m in msgs)
    assert any("unknown field 'alternativs'" in m for m in msgs)
    assert any("did you mean 'alternatives'" in (p.hint or "") for p in probs)


def test_bad_statement_in_alternative_and_order_on_a_ranking():
    probs = _problems(extra_b="    uncertainty:\n      alternatives:\n        - {weight: 0.2, preferences: [a and zz]}")
    assert "unknown option 'zz'" in probs[0].message and probs[0].line == 14
    doc = _text().replace(
        "    preferences: [b, not a]", "    ranking: [NY, YY, NN, YN]\n    uncertainty: {uncertain_order: [[x, y]]}")
    with pytest.raises(ModelError, match="explicit ranking"):
        parse_uncertainty(loads(doc, file="m.yaml"))


def test_top_level_settings_are_checked():
    probs = _problems(top="uncertainty:\n  draws: -3\n  sed: 4")
    msgs = " ".join(p.message for p in probs)
    assert "draws must be a positive integer" in msgs and "unknown field 'sed'" in msgs


def test_group_probability_only_for_pairs():
    probs = _problems(extra_a="    uncertainty:\n      uncertain_order:\n        - {statements: [s1, s2, s3], probability: 0.4}")
    assert "pair" in probs[0].message


def test_pair_written_in_reverse_order_means_what_it_says():
    # "s2 before s1 with probability 0.9" is "s1 before s2 (as written) with probability 0.1".
    c = _load(extra_a="    uncertainty:\n      uncertain_order:\n        - {statements: [s2, s1], probability: 0.9}")
    unc = parse_uncertainty(c)
    assert unc.assumptions[0].kind == "order"
    assert unc.assumptions[0].probability == pytest.approx(0.1)


# --- command line -------------------------------------------------------------------------------

def test_cli_robustness_json_and_errors(capsys, tmp_path):
    from detente.cli import main
    code = main(["robustness", str(THREE), "--draws", "40", "--seed", "3", "--workers", "1",
                 "--format", "json", "--concept", "Nash"])
    out = capsys.readouterr().out
    assert code == 0
    d = json.loads(out)
    assert d["draws"] == 40 and d["seed"] == 3 and list(d["results"]) == ["Nash"]
    code = main(["robustness", str(THREE), "--draws", "5000000", "--workers", "1", "--max-hours", "0.00001"])
    err = capsys.readouterr().err
    assert code == 2 and "would take about" in err and "Traceback" not in err
    code = main(["robustness", str(THREE), "--exact", "--concept", "GMR"])
    out = capsys.readouterr().out
    assert code == 0 and "exact, 288 profiles" in out


def test_ranking_base_with_statement_alternative_matches_reference(tmp_path):
    text = """\
decision_makers:
  - name: A
    options: [a]
    ranking: [YN, NN, YY, NY]
    uncertainty:
      alternatives:
        - weight: 0.4
          preferences: [{statement: not b, probability: 0.3}, a]
  - name: B
    options: [b]
    preferences:
      - {statement: not a, id: x, probability: 0.9}
      - {statement: b, id: y}
      - {statement: b iff a, id: z}
    uncertainty:
      uncertain_order: [[x, y, z]]
"""
    path = tmp_path / "m.yaml"
    path.write_text(text)
    exact = robustness(path, method="exact", concepts=CONCEPTS)
    ref, total = reference_probabilities(path)
    assert total == pytest.approx(1.0)
    for c in CONCEPTS:
        np.testing.assert_allclose(exact.eq[c] / exact.total, ref[c], atol=1e-12)
    auto = robustness(path, method="auto", draws=5000, concepts=["Nash"])
    assert auto.method == "exact"


def test_flagship_uncertainty():
    path = Path(__file__).resolve().parents[1] / "scenarios" / "settlement-talks-2025-02.yaml"
    c = load(path)
    unc = parse_uncertainty(c)
    kinds = [a.kind for a in unc.assumptions]
    assert kinds.count("statement") == 8 and kinds.count("order") == 2 and kinds.count("alternative") == 1
    backstop = next(a for a in unc.assumptions if "not us_backstop" in a.holds)
    assert backstop.probability == 0.6 and backstop.dm == "US"
    r = robustness(c, method="exact", concepts=["Nash", "SEQ"])
    assert r.total == pytest.approx(1.0)
    # The model as written is one of the profiles: its equilibria have positive probability.
    for concept in ("Nash", "SEQ"):
        for p in r.baseline[concept]:
            assert r.eq[concept][p] > 0


def test_cli_picks_exact_when_cheaper_and_samples_when_asked(capsys):
    """Without --draws, exact enumeration is used when it visits no more profiles than the
    model's draws (the three-parties fixture has 288); --draws or --sample forces sampling, and
    the exact answer agrees with a long sampled one within its interval."""
    from detente.cli import main
    assert main(["robustness", str(THREE), "-q", "--workers", "1", "-f", "json", "-c", "Nash"]) == 0
    auto = json.loads(capsys.readouterr().out)
    assert auto["method"] == "exact"
    assert main(["robustness", str(THREE), "-q", "--workers", "1", "-f", "json", "-c", "Nash",
                 "--sample", "--seed", "1"]) == 0
    sampled = json.loads(capsys.readouterr().out)
    assert sampled["method"] == "sampled"
    exact_p = {r["id"]: r["p_equilibrium"] for r in auto["results"]["Nash"]}
    for r in sampled["results"]["Nash"]:
        lo, hi = r["interval"]
        assert lo - 0.05 <= exact_p.get(r["id"], 0.0) <= hi + 0.05
    assert main(["robustness", str(THREE), "--exact", "--sample"]) == 2
    assert "contradict" in capsys.readouterr().err


def test_cli_sensitivity_state_without_concept_picks_one(capsys):
    from detente.cli import main
    flagship = Path(__file__).resolve().parents[1] / "scenarios" / "settlement-talks-2025-02.yaml"
    assert main(["sensitivity", str(flagship), "-q", "--workers", "1", "--state", "1", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["focal"]["concept"] == "Nash" and "is a Nash equilibrium of the model as written" in err
    assert main(["sensitivity", str(flagship), "-q", "--workers", "1", "--state", "NNNYYNYN", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert "under no concept" in err


# --- each distinct profile evaluated once (issue 17) ------------------------------------------

FLAGSHIP = Path(__file__).resolve().parents[1] / "scenarios" / "settlement-talks-2025-02.yaml"


@pytest.mark.parametrize("path", [THREE, FLAGSHIP], ids=["three-parties", "flagship"])
def test_dedupe_gives_the_same_distribution_as_evaluating_every_draw(path):
    """With a fixed seed, counting each distinct profile once (times its draws) gives exactly the
    counts, flags and per-draw equilibria of evaluating every draw afresh without caches."""
    a = robustness(path, draws=400, seed=3, workers=1, method="sampled", chunk_size=13)
    b = robustness(path, draws=400, seed=3, workers=1, method="sampled", dedupe=False)
    assert a.distinct_profiles == b.distinct_profiles < 400  # profiles do repeat
    assert a.evaluations == a.distinct_profiles  # each once
    assert b.evaluations >= 400  # every draw
    assert a.kernel_calls < b.kernel_calls
    for c in a.concepts:
        np.testing.assert_array_equal(a.eq[c], b.eq[c])
        for dm in a.stable[c]:
            np.testing.assert_array_equal(a.stable[c][dm], b.stable[c][dm])
        assert len(a.eq_lists[c]) == len(b.eq_lists[c]) == 400
        for x, y in zip(a.eq_lists[c], b.eq_lists[c]):
            np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(a.flags, b.flags)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert a.total == b.total == 400


def test_exact_enumeration_dedupes_profiles_with_the_same_probabilities(exact):
    plain = robustness(THREE, method="exact", concepts=CONCEPTS, dedupe=False)
    assert exact.distinct_profiles < exact.draws  # enumerated rows that give the same rankings
    assert exact.evaluations == exact.distinct_profiles
    for c in CONCEPTS:
        np.testing.assert_allclose(exact.eq[c], plain.eq[c], rtol=0, atol=1e-12)
        assert [list(x) for x in exact.eq_lists[c]] == [list(x) for x in plain.eq_lists[c]]
    np.testing.assert_array_equal(exact.flags, plain.flags)


def test_two_workers_evaluate_each_profile_once_too():
    one = robustness(THREE, draws=600, seed=2, workers=1, chunk_size=20)
    two = robustness(THREE, draws=600, seed=2, workers=2, chunk_size=20)
    assert two.workers == "2 local processes"
    assert two.evaluations == two.distinct_profiles == one.distinct_profiles
    for c in one.concepts:
        np.testing.assert_array_equal(one.eq[c], two.eq[c])
    np.testing.assert_array_equal(one.profile_of, two.profile_of)


def test_record_false_keeps_counts_only():
    a = robustness(THREE, draws=200, seed=4, workers=1)
    b = robustness(THREE, draws=200, seed=4, workers=1, record=False)
    for c in a.concepts:
        np.testing.assert_array_equal(a.eq[c], b.eq[c])
    assert b.profile_eq is None
    with pytest.raises(DetenteError, match="record"):
        b.eq_lists


def test_records_over_the_memory_budget_are_refused_up_front(monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.01")  # 10 MB: the model fits, 10^6 draws' records do not
    with pytest.raises(TooLargeError) as exc:
        robustness(THREE, draws=1_000_000, seed=1, workers=1, max_hours=1000)
    text = str(exc.value)
    assert "would keep about" in text and "distinct profiles" in text and "--draws" in text
    assert "record=False" in text


def test_workers_chosen_from_measured_cost(monkeypatch):
    import detente.gmcr.robustness as rb
    monkeypatch.setattr(rb, "default_cpus", lambda: 2)
    monkeypatch.setattr(rb.os, "getloadavg", lambda: (0.5, 0.5, 0.5))
    assert rb.choose_workers(0.2, 2) == 1  # starting the pool would cost more than it saves
    assert rb.choose_workers(60.0, 2) == 2
    assert rb.choose_workers(60.0, 1) == 1
    monkeypatch.setattr(rb.os, "getloadavg", lambda: (6.0, 6.0, 6.0))
    assert rb.choose_workers(60.0, 2) == 1  # the other CPU is busy with other work


@pytest.mark.parametrize("form", ["positions", "bits"])
def test_recorded_equilibria_are_the_same_in_either_form(form, monkeypatch):
    """Per-profile equilibria kept as positions or as bitsets (the smaller is chosen from the
    first draws) give the same per-draw equilibria and tornado inputs."""
    import detente.gmcr.robustness as rb
    from detente.gmcr.sensitivity import swings
    plain = robustness(FLAGSHIP, draws=300, seed=8, workers=1, dedupe=False)
    monkeypatch.setattr(rb, "RECORD_FORM", form)
    r = robustness(FLAGSHIP, draws=300, seed=8, workers=1)
    assert (r.profile_eq["Nash"].bits is not None) == (form == "bits")
    for c in r.concepts:
        assert [x.tolist() for x in r.eq_lists[c]] == [x.tolist() for x in plain.eq_lists[c]]
        state = int(np.argmax(r.eq[c]))
        np.testing.assert_array_equal(r.draws_with(c, state), plain.draws_with(c, state))
        assert [(s.p_holds, s.p_flipped) for s in swings(r, c, state)] == \
            [(s.p_holds, s.p_flipped) for s in swings(plain, c, state)]
