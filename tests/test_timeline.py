"""Timelines: observed moves judged against the model in force before them, scores by hand."""

import json

import pytest

import detente
from detente.errors import ModelError
from detente.gmcr.timeline import timeline

BASE = {"title": "toy", "date": "2025-01-01", "status_quo": "NN", "decision_makers": [
    {"name": "A", "options": ["a"], "preferences": ["a"]},
    {"name": "B", "options": ["b"], "preferences": ["not b"]}]}


def model(events, **extra):
    return detente.load(dict(BASE, timeline={"until": "2025-03-01", "persisted_days": 30, "events": events, **extra}))


def ev(date, **kw):
    return dict(date=date, evidence={"record": "what happened"}, **kw)


def test_scores_by_hand():
    # A prefers a, B prefers not b: Nash equilibrium YN only. A's move NN->YN improves A;
    # B's move YN->YY lowers B's only statement: a surprise contradicting 'not b'.
    r = timeline(model([ev("2025-01-11", move={"by": "A", "take": ["a"]}),
                        ev("2025-02-01", move={"by": "B", "take": ["b"]})]), concept="Nash")
    assert [(m.mover, m.kind) for m in r.moves] == [("A", "improvement"), ("B", "surprise")]
    assert r.moves[1].statement == "not b" and r.moves[1].fixed_by is None
    assert r.scores["share_anticipated"] == 0.5
    # spells: NN 10 days (left, not eq), YN 21 days (left, eq), YY 28 days to 03-01 (censored)
    assert [(s.yn, s.days, s.equilibrium, s.persisted) for s in r.spells] == [
        ("NN", 10, False, False), ("YN", 21, True, False), ("YY", 28, False, None)]
    assert r.scores["equilibrium_spells"] == {"n": 1, "mean_days": 21.0, "censored": 0}
    assert r.scores["other_spells"] == {"n": 2, "mean_days": 19.0, "censored": 1}
    # Brier over the two known outcomes (both 'did not persist 30 days'): (0-0)^2 and (1-0)^2
    assert r.scores["brier"]["analysis"] == pytest.approx(0.5)
    assert r.scores["brier"]["robustness"] == pytest.approx(0.5)  # no uncertainty: p is 0 or 1
    r10 = timeline(r.conflict, concept="Nash", persisted_days=10, robust=False)
    # N=10: NN held 10 (yes, p=0 -> 1), YN 21 (yes, p=1 -> 0), YY 28 censored >= 10 (yes, p=0 -> 1)
    assert r10.scores["brier"]["n"] == 3 and r10.scores["brier"]["analysis"] == pytest.approx(2 / 3)


def test_partial_state_observation_and_revision_fixing_a_surprise():
    # The state observation names only b; a stays at its last value (taken on 01-11).
    # The revision of 02-01 (same date) makes B want b: the move is judged by the model
    # before (surprise) and fixed by the revision.
    r = timeline(model([ev("2025-01-11", move={"by": "A", "take": ["a"]}),
                        ev("2025-02-01", state={"b": True}),
                        ev("2025-02-01", revision={"preferences": {"B": ["b"]}}, why="B changed its mind")]),
                 concept="Nash", robust=False)
    b = r.moves[1]
    assert (b.mover, b.kind, b.version, b.fixed_by) == ("B", "surprise", 0, 1)
    assert [p.observed for p in r.timeline.path[1:]] == [{"a"}, {"b"}]
    assert r.spells[-1].yn == "YY" and r.spells[-1].equilibrium  # under the revised model


def test_added_option_and_joint_move():
    r = timeline(model([ev("2025-01-20", revision={"add_options": {"B": ["c"]}, "preferences": {"B": ["c", "not b"]}}),
                        ev("2025-01-20", state={"a": True, "c": True})]), concept="Nash", robust=False)
    kinds = {m.mover: (m.kind, m.contradicts) for m in r.moves}
    assert kinds["A"][0] == "improvement"
    assert kinds["B"][0] == "surprise" and "no option 'c'" in kinds["B"][1][0]
    assert r.moves[1].fixed_by == 1


@pytest.mark.parametrize("events,needle", [
    ([ev("2025-01-05", state={"zz": True})], "'zz' is not an option of the model in force"),
    ([ev("2024-12-31", state={"a": True})], "before the model's date"),
    ([ev("2025-01-05", move={"by": "A", "drop": ["a"]})], "already not taken"),
    ([ev("2025-01-05", move={"by": "A", "take": ["b"]})], "does not control 'b'"),
    ([dict(date="2025-01-05", state={"a": True})], "needs evidence"),
])
def test_located_errors(events, needle):
    with pytest.raises(ModelError) as exc:
        timeline(model(events), robust=False)
    assert needle in str(exc.value)
    assert "timeline.events[0]" in (exc.value.problems[0].field or "")


def run(capsys, *args):
    from detente.cli import main
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_infeasible_observed_state_cli(tmp_path, capsys):
    f = tmp_path / "m.yaml"
    f.write_text("""date: 2025-01-01
status_quo: NN
decision_makers:
  - {name: A, options: [a], preferences: [a]}
  - {name: B, options: [b], preferences: [b]}
infeasible:
  - {when: a and b, id: not-both}
timeline:
  events:
    - date: 2025-01-02
      state: {a: true, b: true}
      evidence: {record: both}
""")
    code, out, err = run(capsys, "timeline", f)
    assert code == 2
    assert "Traceback" not in err
    assert "line 10" in err and "infeasible" in err and "not-both" in err


def test_cli_json_and_plot(tmp_path, capsys):
    import json as _json
    f = tmp_path / "m.json"
    f.write_text(_json.dumps(dict(BASE, timeline={"until": "2025-03-01", "events": [
        ev("2025-01-11", move={"by": "A", "take": ["a"]})]})))
    code, out, err = run(capsys, "timeline", f, "--format", "json", "--no-robustness", "--plot", tmp_path / "t.svg")
    assert code == 0, err
    d = json.loads(out)
    assert d["schema"] == "detente.timeline/1" and d["moves"][0]["kind"] == "improvement"
    assert (tmp_path / "t.svg").read_text().lstrip().startswith("<?xml")


def test_flagship_timeline_results():
    r = timeline("scenarios/settlement-talks-2025-02.yaml")
    got = [(m.date.isoformat(), m.mover, m.kind, m.fixed_by) for m in r.moves]
    assert got == [("2025-03-03", "US", "improvement", None), ("2025-03-11", "US", "on path", None),
                   ("2025-03-11", "Ukraine", "surprise", 1), ("2025-04-30", "Ukraine", "surprise", None)]
    assert r.moves[3].statement == "ua-keep-minerals"
    assert r.scores["share_anticipated"] == 0.5
    # the 12 February model's only Nash/SEQ equilibrium with nothing taken held 8 days
    assert [(s.days, s.equilibrium) for s in r.spells] == [(19, False), (8, True), (50, True), (245, False)]
    assert r.scores["brier"]["analysis"] == pytest.approx(0.5)
    assert 0.3 < r.scores["brier"]["robustness"] < 0.5


# --- perception revisions ----------------------------------------------------------------------

def test_perception_revision_on_a_timeline():
    # A revision may give a DM a perception (or remove one). Moves are judged against reality
    # (the model's own preferences and constraints), so a perception revision makes a new model
    # version but changes no judgement; the version carries the perception, its removal too.
    events = [ev("2025-01-05", revision={"perception": {"A": {"unknown_options": ["b"]}}},
                 why="A learns nothing of b"),
              ev("2025-01-11", move={"by": "A", "take": ["a"]}),
              ev("2025-01-20", revision={"perception": {"A": None}}, why="A now sees b"),
              ev("2025-02-01", move={"by": "B", "take": ["b"]})]
    r = timeline(model(events), concept="Nash", robust=False)
    plain = timeline(model([e for e in events if "revision" not in e]), concept="Nash", robust=False)
    assert [v.date.isoformat() for v in r.versions] == ["2025-01-01", "2025-01-05", "2025-01-20"]
    a1 = r.versions[1].conflict.dm("A").perception
    assert a1 is not None and [u.option for u in a1.unknown_options] == ["b"]
    assert r.versions[2].conflict.dm("A").perception is None and not r.versions[2].conflict.has_perceptions
    assert [(m.mover, m.kind, m.version) for m in r.moves] == [("A", "improvement", 1), ("B", "surprise", 2)]
    assert [(m.mover, m.kind) for m in r.moves] == [(m.mover, m.kind) for m in plain.moves]
    assert r.moves[1].fixed_by is None  # no revision of preferences: the surprise stays one
    assert r.scores["brier"] == plain.scores["brier"]
    d = r.to_dict()
    assert [v["why"] for v in d["versions"]] == [None, "A learns nothing of b", "A now sees b"]


@pytest.mark.parametrize("perception,needle,field", [
    ({"Z": {"unknown_options": ["b"]}}, "unknown decision maker 'Z'", "timeline.events[0].revision.perception.Z"),
    # a DM knows its own options; an unknown option: located in the revision, not in the
    # rebuilt model's decision_makers[0]
    ({"A": {"unknown_options": ["a"]}}, "'A' controls 'a'", "timeline.events[0].revision.perception.A.unknown_options[0]"),
    ({"A": {"unknown_options": ["zz"]}}, "zz", "timeline.events[0].revision.perception.A.unknown_options[0]"),
])
def test_bad_perception_revision_is_located(perception, needle, field):
    with pytest.raises(ModelError) as exc:
        timeline(model([ev("2025-01-05", revision={"perception": perception})]), robust=False)
    p = exc.value.problems[0]
    assert needle in p.message
    assert (p.field or "").startswith(field), p


def test_bad_perception_revision_line_in_a_yaml_file(tmp_path, capsys):
    f = tmp_path / "m.yaml"
    f.write_text("""date: 2025-01-01
status_quo: NN
decision_makers:
  - {name: A, options: [a], preferences: [a]}
  - {name: B, options: [b], preferences: [b]}
timeline:
  events:
    - date: 2025-01-05
      revision:
        perception:
          A:
            unknown_options: [a]
      evidence: {assumption: x}
""")
    code, out, err = run(capsys, "timeline", f)
    assert code == 2 and "Traceback" not in err
    assert "line 11" in err and "timeline.events[0].revision.perception.A" in err and "controls 'a'" in err
