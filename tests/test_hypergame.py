"""Hypergame models: perceptions in the model format (validated with located errors), each DM's
view, the classes of states, and explanations, on two constructed cases derived by hand."""

from pathlib import Path

import numpy as np
import pytest

import detente
from detente.errors import ModelError
from detente.gmcr.hypergame import explain_view, hypergame
from detente.model.perception import perceived_conflict

FIX = str(Path(__file__).parent / "fixtures" / "hypergame") + "/"


def yns(h, mask):
    return [h.yn(p) for p in np.flatnonzero(mask)]


def test_backstop_us_expects_an_arrangement_that_fails_in_reality():
    # Options: us_backstop, eu_deploy, ru_settle. Derivation: in the US view Europe ranks
    # [ru_settle, eu_deploy if ru_settle] and Russia [ru_settle], so at NYY nobody improves;
    # in reality Europe drops eu_deploy (eu-only-with-backstop) and Russia drops ru_settle
    # (ru-no-european-troops), and only Europe controls eu_deploy, so nothing deters either.
    h = hypergame(detente.load(FIX + "backstop.yaml"))
    for concept in ("Nash", "GMR", "SMR", "SEQ"):
        assert "NYY" in yns(h, h.expected[concept]["US"])
        assert "NYY" not in yns(h, h.real_equilibrium[concept])
        assert "NYY" in yns(h, h.per_dm(concept, "US")["not_real"])
        assert yns(h, h.classes(concept)["unsteady"]) == ["NYY"]
    assert yns(h, h.real_equilibrium["Nash"]) == ["NNY"]
    assert yns(h, h.hypergame_mask("GMR")) == ["NNN", "NNY"]
    assert yns(h, h.classes("GMR")["steady"]) == ["NNY"]  # NNN: the US does not expect it
    # Europe and Russia see reality: their views are reality's analysis, reused.
    assert h.views["Europe"] is h.reality and h.views["US"] is not h.reality


def test_backstop_explanation_names_mover_move_and_statement():
    h = hypergame(detente.load(FIX + "backstop.yaml"), ["GMR"])
    e = explain_view(h, "NYY", "US", "GMR")
    assert e.expected and not e.real_equilibrium
    moves = {(u.dm, u.reason, h.conflict.yn(u.target)) for u in e.unanticipated}
    assert moves == {("Europe", "not_an_improvement", "NNY"), ("Russia", "not_an_improvement", "NYN")}
    text = str(e)
    assert "eu-only-with-backstop" in text and "ru-no-european-troops" in text
    assert "leaves out 'eu-only-with-backstop'" in text
    d = e.to_dict()
    assert d["unanticipated"][0]["rests_on"][0]["evidence"].startswith("assumption:")


def test_unknown_option_makes_states_invisible_and_a_stealthy_equilibrium():
    # Options: confiscate (Transit), shutdown (Exporter, unknown to Transit). Transit's view has
    # the states with shutdown = N only; there the Exporter's best is to let it be, so Transit
    # expects YN. In reality the Exporter shuts down (YY), which Transit cannot see.
    h = hypergame(detente.load(FIX + "unknown-option.yaml"))
    assert yns(h, h.visible["Transit"]) == ["NN", "YN"]
    assert yns(h, h.expected["Nash"]["Transit"]) == ["YN"]
    assert yns(h, h.real_equilibrium["Nash"]) == ["YY"]
    assert yns(h, h.classes("Nash")["stealthy"]) == ["YY"]
    assert not h.hypergame_mask("Nash").any()  # YY is invisible to Transit: not a hypergame equilibrium
    e = explain_view(h, "YN", "Transit", "Nash")
    assert [(u.dm, u.reason) for u in e.unanticipated] == [("Exporter", "invisible")]
    assert "does not know option 'shutdown' exists" in e.unanticipated[0].text
    e2 = explain_view(h, "YY", "Transit", "Nash")
    assert not e2.visible and "cannot see" in str(e2)


def test_views_json_and_summary():
    h = hypergame(detente.load(FIX + "backstop.yaml"), ["Nash"])
    d = h.to_dict()
    assert d["schema"] == "detente.hypergame/1"
    assert d["views"]["US"]["beliefs_about"] == ["Europe", "Russia"]
    assert [s["yn"] for s in d["results"]["Nash"]["unsteady"]] == ["NYY"]
    assert d["results"]["Nash"]["by_dm"]["US"]["not_real"] == ["NYY"]
    assert "US expects: NYY" in str(h)


def test_believed_feasible_and_infeasible_and_ranking_beliefs():
    doc = {"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a", "b"],
         "perception": {"believes_feasible": [{"constraint": "no-both"}],
                        "believes_infeasible": ["not a and not b"],
                        "preferences_of": {"B": {"ranking": ["YY", "NY", "YN"]}}}},
        {"name": "B", "options": ["b"], "preferences": ["not a"]}],
        "infeasible": [{"when": "a and b", "id": "no-both"}]}
    c = detente.load(doc)
    view = perceived_conflict(c, "A")
    h = hypergame(c, ["Nash"])
    assert yns(h, h.visible["A"]) == ["YN", "NY", "YY"]
    assert yns(h, h.real) == ["NN", "YN", "NY"]
    assert yns(h, h.per_dm("Nash", "A")["imagined"]) == ["YY"]
    assert yns(h, h.per_dm("Nash", "A")["invisible"]) == ["NN"]
    assert yns(h, h.expected["Nash"]["A"]) == ["YY"]  # A takes a, B (A believes) likes YY best
    assert view.dm("B").ranking is not None
    e = explain_view(h, "YY", "A", "Nash")
    assert e.unanticipated[0].reason == "imagined" and "no-both" in e.unanticipated[0].text


@pytest.mark.parametrize("perception,message", [
    ({"unknown_options": ["a"]}, "so it knows the option exists"),
    ({"unknown_options": ["zz"]}, "'zz' is not an option"),
    ({"unknown_options": ["b", "b"]}, "listed twice"),
    ({"preferences_of": {"A": {"preferences": ["a"]}}}, "knows its own preferences"),
    ({"preferences_of": {"C": {"preferences": ["a"]}}}, "'C' is not a decision maker"),
    ({"preferences_of": {"B": {"drop": ["nope"]}}}, "'B' has no statement 'nope'"),
    ({"preferences_of": {"B": {"drop": ["b"], "preferences": ["b"]}}}, "needs exactly one of"),
    ({"preferences_of": {"B": {"preferences": ["a and"]}}}, "does not parse"),
    ({"unknown_options": ["b"], "preferences_of": {"B": {"preferences": ["b"]}}}, "does not know exists"),
    ({"believes_infeasible": [{"constraint": "x"}]}, "names a real constraint"),
    ({"believes_feasible": [{"constraint": "x"}]}, "no constraint with id 'x'"),
    ({"believes_feasible": [{}]}, "give either 'when'"),
    ({"believes_infeasible": ["true"]}, "can see no state"),
    ({"preferences_of": {"B": {"ranking": ["NN", "YN"]}}}, "misses 1 state"),
    ({"unknown": ["b"]}, "unknown field 'unknown'"),
])
def test_perception_errors_are_located(perception, message):
    doc = {"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a"], "perception": perception},
        {"name": "B", "options": ["b"], "preferences": ["b", "not a"]}],
        "infeasible": [{"when": "a and b", "id": "both"}]}
    with pytest.raises(ModelError) as exc:
        detente.load(doc)
    problems = exc.value.problems
    assert any(message in p.message for p in problems), [p.message for p in problems]
    assert all((p.field or "").startswith("decision_makers[0].perception") for p in problems)


def test_errors_in_a_file_carry_line_numbers(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("decision_makers:\n  - name: A\n    options: [a]\n    preferences: [a]\n    perception:\n"
                 "      unknown_options: [bb]\n  - name: B\n    options: [b]\n    preferences: [b]\n")
    with pytest.raises(ModelError) as exc:
        detente.load(f)
    p = exc.value.problems[0]
    assert p.line == 6 and "'bb' is not an option" in p.message and "did you mean 'b'" in (p.hint or "")


def test_perception_robustness_is_the_weighted_sum_over_written_out_models():
    """Exact probabilities equal the sum over the four combinations, each written out as its own
    model document (the uncertain beliefs removed from the YAML) and analysed separately."""
    import copy

    from detente.gmcr.hypergame import perception_robustness
    from detente.model.yamlio import read_document

    c = detente.load(FIX + "backstop.yaml")
    r = perception_robustness(c, ["GMR", "SEQ"])
    assert r.profiles == 4 and [p[3] for p in r.parts] == [0.8, 0.5]
    data, _ = read_document(Path(FIX + "backstop.yaml"))
    expected = {k: np.zeros(r.reality.n_states) for k in ("GMR", "SEQ")}
    hyper = {k: np.zeros(r.reality.n_states) for k in ("GMR", "SEQ")}
    for keep_eu in (True, False):
        for keep_ru in (True, False):
            doc = copy.deepcopy(data)
            doc.pop("variants")
            beliefs = doc["decision_makers"][0]["perception"]["preferences_of"]
            if not keep_eu:
                del beliefs["Europe"]
            if not keep_ru:
                del beliefs["Russia"]
            w = (0.8 if keep_eu else 0.2) * (0.5 if keep_ru else 0.5)
            h = hypergame(detente.load(doc), ["GMR", "SEQ"])
            for k in ("GMR", "SEQ"):
                for p in range(r.reality.n_states):
                    u = h.position_of(r.reality.yn(p))
                    expected[k][p] += w * h.expected[k]["US"][u]
                    hyper[k][p] += w * h.hypergame_mask(k)[u]
    for k in ("GMR", "SEQ"):
        assert np.allclose(r.p_expected[k]["US"], expected[k])
        assert np.allclose(r.p_hypergame[k], hyper[k])
    nyy = r.reality.position_of("NYY")
    assert r.p_expected["SEQ"]["US"][nyy] == pytest.approx(0.4)  # both misjudgements held
    assert r.p_expected_not_real["SEQ"]["US"][nyy] == pytest.approx(0.4)


def test_perception_robustness_needs_uncertain_parts():
    from detente.gmcr.hypergame import perception_robustness
    with pytest.raises(detente.DetenteError, match="no perception part has a probability"):
        perception_robustness(detente.load(FIX + "unknown-option.yaml"))


def test_believed_sanction_that_fails_in_reality_is_explained():
    # A moves a: Y is better for A unless B answers with b (A ranks "not b" first). A believes B
    # likes to answer (b if a); really B does not (not b). Under SEQ, at NN A expects its move to
    # be sanctioned, so NN is stable for A in A's view, but not in reality.
    c = detente.load({"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["not b", "a"],
         "perception": {"preferences_of": {"B": {"preferences": ["b iff a"],
                                                  "evidence": {"assumption": "A fears retaliation"}}}}},
        {"name": "B", "options": ["b"], "preferences": [{"statement": "not b", "id": "b-stays-out"}]}]})
    h = hypergame(c, ["SEQ"])
    e = explain_view(h, "NN", "A", "SEQ")
    assert e.stable_in_view["A"] and not e.stable_in_reality["A"]
    (u,) = [u for u in e.unanticipated if u.dm == "A"]
    assert u.reason == "believed_sanctioned"
    assert "B takes b" in u.text and "in reality B does not prefer YY to YN" in u.text and "b-stays-out" in u.text
    assert any("A's perception of B" in item["what"] for item in u.rests_on)
    assert e.hypergame_equilibrium  # A stays put, believing the threat: the state persists


def test_docstring_examples():
    import doctest

    import detente.gmcr.hypergame as hg
    import detente.model.perception as mp
    for module in (hg, mp):
        failures, tried = doctest.testmod(module)
        assert failures == 0 and tried > 0, module.__name__


def test_views_that_would_not_fit_in_memory_are_refused_up_front(monkeypatch):
    from detente.errors import TooLargeError
    c = detente.load(FIX + "backstop.yaml")
    reality = detente.analyze(c, ["Nash"])
    monkeypatch.setenv("DETENTE_MAX_MEMORY_GB", "0.000003")  # about 3 KB: reality fits, one view more does not
    with pytest.raises(TooLargeError, match="perceived game"):
        hypergame(c, ["Nash"], reality=reality)


def test_variant_replacing_preferences_prunes_beliefs_written_as_changes():
    doc_text = Path(FIX + "backstop.yaml").read_text().replace(
        "variants:\n", "variants:\n  - name: europe-relents\n    preferences:\n      Europe: [ru_settle]\n", 1)
    c = detente.loads(doc_text)
    v = c.variant("europe-relents")
    assert "Europe" not in v.dm("US").perception.preferences_of  # nothing left to leave out
    assert v.dm("US").perception.preferences_of["Russia"].dropped[0].id == "ru-no-european-troops"


def test_second_level_is_the_hypergame_of_the_viewers_game_written_out():
    """A's model of the hypergame (A believes B does not know option a) equals the first-level
    hypergame of A's view written out by hand with that perception given to B."""
    c = detente.load({"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a", "not b"],
         "perception": {"preferences_of": {"B": {"preferences": ["b"]}},
                        "views_of": {"B": {"unknown_options": ["a"]}}}},
        {"name": "B", "options": ["b"], "preferences": ["b iff a"]}]})
    h = hypergame(c, ["Nash", "SEQ"])
    by_hand = hypergame(detente.load({"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a", "not b"]},
        {"name": "B", "options": ["b"], "preferences": ["b"], "perception": {"unknown_options": ["a"]}}]}),
        ["Nash", "SEQ"])
    h2 = h.second_level["A"]
    for k in ("Nash", "SEQ"):
        assert [h2.yn(p) for p in h2.hypergame_equilibria(k)] == [by_hand.yn(p) for p in by_hand.hypergame_equilibria(k)]
        assert [h2.yn(p) for p in h2.equilibria(k, "B")] == [by_hand.yn(p) for p in by_hand.equilibria(k, "B")]
    assert [h2.yn(p) for p in h2.equilibria("Nash", "B")] == ["NY"]  # A expects B to expect NY
    d = h.to_dict()["second_level"]["A"]
    assert d["views_of"] == ["B"] and d["results"]["Nash"]["expected"]["B"] == ["NY"]
    assert "as A sees the hypergame: B expects NY" in str(h)


@pytest.mark.parametrize("views_of,message", [
    ({"C": {}}, "'C' is not a decision maker"),
    ({"A": {}}, "own view is its 'perception'"),
    ({"B": {"views_of": {"A": {}}}}, "only two levels are modelled"),
    ({"B": {"believes_feasible": ["a"]}}, "not believes_feasible"),
    ({"B": {"unknown_options": ["b"]}}, "so it knows the option exists"),
    ({"B": {"believes_infeasible": ["true"]}}, "no state is left"),
])
def test_second_level_errors_are_located(views_of, message):
    doc = {"decision_makers": [
        {"name": "A", "options": ["a"], "preferences": ["a"], "perception": {"views_of": views_of}},
        {"name": "B", "options": ["b"], "preferences": ["b"]}]}
    with pytest.raises(ModelError) as exc:
        detente.load(doc)
    assert any(message in p.message for p in exc.value.problems), [p.message for p in exc.value.problems]
    assert all("perception.views_of" in (p.field or "") for p in exc.value.problems)
