"""Named states (the model's ``states:``): located errors, the one label function, names in every
output (CLI text and JSON, the report, the web API) and as input wherever a state is given."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import detente
from detente.cli import main
from detente.errors import ModelError
from detente.gmcr.output import decode_set
from detente.model.conflict import state_label, state_names

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"

# Two DMs, three options; c is infeasible without a. Names: one state, a set by expression, a set
# by partial assignment, and a name that is feasible only in the variant `free-c`.
MODEL = """\
title: named
decision_makers:
  - name: A
    options: [a, c]
    preferences: [not b, a]
  - name: B
    options: [b]
    preferences: [not a, b]
infeasible:
  - when: c and not a
    id: c-needs-a
  - when: c and b
    id: no-cb
status_quo: NNN
states:
  - name: nothing
    state: []
    label: nothing taken
  - name: both
    state: [a, b]
  - name: a-moved
    when: a and not c
  - name: b-alone
    when: {a: N, b: Y}
  - name: c-and-b
    state: [a, c, b]
variants:
  - name: free-c
    remove_infeasible: [no-cb]
"""


def write(tmp_path, text, name="m.yaml"):
    p = tmp_path / name
    p.write_text(text)
    return p


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def problems_of(tmp_path, text):
    with pytest.raises(ModelError) as exc:
        detente.load(write(tmp_path, text))
    return exc.value.problems


# --- the format and its checks ----------------------------------------------------------------

def test_names_load_as_states_and_sets(tmp_path):
    c = detente.load(write(tmp_path, MODEL))
    assert [ns.name for ns in c.named_states] == ["nothing", "both", "a-moved", "b-alone", "c-and-b"]
    assert c.named_state("both").code == 0b101 and not c.named_state("both").is_set
    assert c.named_state("b-alone").is_set and c.named_state("b-alone").text == "not a and b"
    # options in order a, c, b: code bit 0 = a, bit 1 = c, bit 2 = b
    assert state_names(c, 0b101) == ["both", "a-moved"]  # one state's names before sets'
    assert state_names(c, 0b100) == ["b-alone"]
    assert state_names(c, 0b011) == []
    assert state_label(c, 0b101, 4) == "4:YNY both/a-moved"
    assert state_label(c, 0b011) == "YYN"


@pytest.mark.parametrize("change, field, words", [
    (("    state: [a, b]\n", "    state: [a, bb]\n"), "states[1].state[1]", "'bb' is not an option"),
    (("    when: a and not c\n", "    when: a and not cc\n"), "states[2].when", "unknown option 'cc'"),
    (("    when: {a: N, b: Y}\n", "    when: {a: N, bx: Y}\n"), "states[3].when.bx", "'bx' is not an option"),
    (("    when: {a: N, b: Y}\n", "    when: {a: N, b: maybe}\n"), "states[3].when.b", "is not Y or N"),
    (("  - name: both\n", "  - name: nothing\n"), "states[1].name", "declared twice"),
    (("  - name: both\n", "  - name: b\n"), "states[1].name", "also an option's name"),
    (("  - name: both\n", "  - name: NYN\n"), "states[1].name", "reads as a Y/N state"),
    (("  - name: both\n", "  - name: 2nd\n"), "states[1].name", "not a usable name"),
    (("    state: [a, b]\n", "    state: [a, b]\n    when: a\n"), "states[1]", "not both"),
    (("    state: [a, b]\n", "    label: x\n"), "states[1]", "not neither"),
    (("    when: a and not c\n", "    when: c and not a\n"), "states[2].when", "matches no feasible state of the model or any"),
    (("  - name: c-and-b\n    state: [a, c, b]\n", "  - name: c-and-b\n    state: [c]\n"), "states[4].state",
     "matches no feasible state"),
])
def test_located_errors(tmp_path, change, field, words):
    text = MODEL.replace(*change)
    assert text != MODEL
    probs = problems_of(tmp_path, text)
    match = [p for p in probs if words in p.message]
    assert match, [str(p) for p in probs]
    p = match[0]
    assert p.field == field and p.file.endswith("m.yaml")
    lines = text.splitlines()
    assert lines.index("states:") + 1 < p.line < lines.index("variants:") + 1  # inside states:


def test_located_error_lines_point_into_the_states_section(tmp_path):
    text = MODEL.replace("    when: a and not c\n", "    when: a and not cc\n")
    (p,) = [p for p in problems_of(tmp_path, text) if "cc" in p.message]
    assert text.splitlines()[p.line - 1].strip() == "when: a and not cc"


def test_a_bad_name_is_exit_2_with_its_location(tmp_path, capsys):
    path = write(tmp_path, MODEL.replace("  - name: both\n", "  - name: nothing\n"))
    code, out, err = run(capsys, "analyze", path)
    assert code == 2 and "Traceback" not in err
    assert "states[1].name" in err and "declared twice" in err


def test_a_name_feasible_only_in_a_variant_is_accepted(tmp_path):
    c = detente.load(write(tmp_path, MODEL))
    r = detente.analyze(c, ["Nash"])
    assert not r.named_mask("c-and-b").any()
    rv = detente.analyze(c.variant("free-c"), ["Nash"])
    assert rv.named_mask("c-and-b").sum() == 1
    # and without the variant it is an error (checked in test_located_errors)


# --- input: a name wherever a state is given ----------------------------------------------------

def test_names_are_accepted_where_a_state_is_given(tmp_path, capsys):
    path = write(tmp_path, MODEL)
    c = detente.load(path)
    r = detente.analyze(c, ["Nash"])
    assert r.position_of("both") == r.position_of("YNY")
    assert r.position_of("b-alone") == r.position_of("NNY")  # a set with one feasible state
    code, out, err = run(capsys, "explain", path, "both", "--dm", "A", "-c", "Nash")
    assert code == 0, err
    assert out.startswith(f"State {r.position_of('both') + 1}:YNY both/a-moved is STABLE")
    # a set of several states: exit 2, listing them
    code, out, err = run(capsys, "explain", path, "a-moved", "--dm", "A")
    assert code == 2 and "'a-moved' names 2 states" in err and "YNN" in err and "YNY" in err
    # a name infeasible in this model
    code, out, err = run(capsys, "explain", path, "c-and-b", "--dm", "A")
    assert code == 2 and "infeasible" in err
    # a misspelt name gets a did-you-mean
    code, out, err = run(capsys, "explain", path, "bothh", "--dm", "A")
    assert code == 2 and "did you mean 'both'" in err
    # an unrelated word: the hint lists the names
    code, out, err = run(capsys, "explain", path, "zzz", "--dm", "A")
    assert code == 2 and "or a state name: nothing, both, a-moved, b-alone, c-and-b" in err.replace("\n", " ")


def test_paths_to_a_set_takes_all_its_states(tmp_path, capsys):
    path = write(tmp_path, MODEL)
    code, out, err = run(capsys, "paths", path, "--to", "a-moved", "-f", "json")
    assert code == 0, err
    d = json.loads(out)
    assert sorted(p["target"]["yn"] for p in d["paths"]) == ["YNN", "YNY"]
    assert all("a-moved" in p["target"]["names"] for p in d["paths"])
    assert d["status_quo"]["names"] == ["nothing"]
    code, out, err = run(capsys, "paths", path, "--to", "both")
    assert code == 0, err
    assert ":NNN nothing" in out and ":YNY both/a-moved" in out


# --- output: names beside the codes everywhere ------------------------------------------------

def test_analyze_text_and_json_show_names(tmp_path, capsys):
    path = write(tmp_path, MODEL)
    code, out, err = run(capsys, "analyze", path, "-c", "Nash")
    assert code == 0, err
    assert "name" in out and "both/a-moved" in out and "nothing" in out
    code, out, err = run(capsys, "analyze", path, "-c", "Nash", "-f", "json")
    d = json.loads(out)
    by_yn = {s["yn"]: s["names"] for s in d["states"]}
    assert by_yn == {"NNN": ["nothing"], "YNN": ["a-moved"], "YYN": [], "NNY": ["b-alone"],
                     "YNY": ["both", "a-moved"]}
    assert d["status_quo"]["names"] == ["nothing"]
    assert all(e["names"] == by_yn[e["yn"]] for e in d["results"]["Nash"]["equilibria"])
    named = {n["name"]: n for n in d["model"]["states"]}
    ids = {s["yn"]: s["id"] for s in d["states"]}
    assert named["a-moved"]["ids"] == sorted([ids["YNN"], ids["YNY"]]) and named["a-moved"]["state"] is None
    assert named["a-moved"]["when"] == "a and not c"
    assert named["both"]["state"] == "YNY" and named["both"]["ids"] == [ids["YNY"]]
    assert named["c-and-b"]["ids"] == [] and named["nothing"]["label"] == "nothing taken"
    # the compact form: the same names, each name's states as a compact set
    code, out, err = run(capsys, "analyze", path, "-c", "Nash", "-f", "json", "--sets", "compact")
    dc = json.loads(out)
    assert dc["schema"] == "detente.analysis/2"
    for n in dc["model"]["states"]:
        assert decode_set(n["ids"]).tolist() == named[n["name"]]["ids"]
    assert all(e["names"] == by_yn[e["yn"]] for e in dc["results"]["Nash"]["equilibrium_states"])


def test_states_and_explain_json_show_names(tmp_path, capsys):
    path = write(tmp_path, MODEL)
    code, out, err = run(capsys, "states", path, "-f", "json")
    assert code == 0, err
    assert {s["yn"]: s["names"] for s in json.loads(out)["feasible"]}["YNY"] == ["both", "a-moved"]
    code, out, err = run(capsys, "states", path)
    assert "both/a-moved" in out
    code, out, err = run(capsys, "explain", path, "nothing", "--dm", "A", "-c", "Nash", "-f", "json")
    (e,) = json.loads(out)
    assert e["state"]["names"] == ["nothing"]
    assert e["improvements"][0]["move"]["to"]["names"] == ["a-moved"]


def test_compare_shows_names(tmp_path, capsys):
    path = write(tmp_path, MODEL)
    code, out, err = run(capsys, "compare", path, "-c", "Nash")
    assert code == 0, err
    assert "both/a-moved" in out


def test_the_unnamed_model_keeps_its_output():
    c = detente.load({"decision_makers": [{"name": "A", "options": ["a"], "preferences": ["a"]},
                                          {"name": "B", "options": ["b"], "preferences": ["b"]}]})
    r = detente.analyze(c, ["Nash"])
    assert r.label(0) == "1:NN" and r.state_dict(0)["names"] == []
    assert r.to_dict()["model"]["states"] == []


# --- the flagship ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def flagship():
    return detente.load(FLAGSHIP)


def test_flagship_names(flagship):
    r = detente.analyze(flagship, ["Nash"])
    expect = {"status-quo": "NNYNNNNN", "no-deal": "NNNNNNNN", "aid-for-minerals": "NNYNNYNN",
              "hegseth-arrangement": "NNNYYNYN", "european-backed-settlement": "NYNYYNYN"}
    for name, yn in expect.items():
        p = r.position_of(name)
        assert r.yn(p) == yn and r.names(p) == [name]
    assert r.label(r.status_quo_position) == "5:NNYNNNNN status-quo"
    assert r.label(r.position_of("hegseth-arrangement")) == "89:NNNYYNYN hegseth-arrangement"
    nf = detente.analyze(flagship.variant("neutral-force"), ["Nash"])
    p = nf.position_of("neutral-force-settlement")
    assert nf.label(p) == "153:NNNYYNNY neutral-force-settlement"
    assert p in nf.equilibria("Nash").tolist()


def test_flagship_explain_by_name(capsys):
    code, out, err = run(capsys, "explain", FLAGSHIP, "hegseth-arrangement", "--dm", "Russia", "-c", "Nash")
    assert code == 0, err
    assert out.startswith("State 89:NNNYYNYN hegseth-arrangement is NOT stable for Russia")


def test_flagship_timeline_names(capsys):
    code, out, err = run(capsys, "timeline", FLAGSHIP, "--no-robustness", "-f", "json")
    assert code == 0, err
    d = json.loads(out)
    first = d["moves"][0]
    assert first["from_names"] == ["status-quo"] and first["to_names"] == ["no-deal"]
    assert [s["names"] for s in d["spells"][:2]] == [["status-quo"], ["no-deal"]]
    code, out, err = run(capsys, "timeline", FLAGSHIP, "--no-robustness")
    assert "(NNYNNNNN status-quo -> NNNNNNNN no-deal, model 0)" in out


def test_flagship_report_shows_names(tmp_path, capsys):
    out_html = tmp_path / "r.html"
    code, out, err = run(capsys, "report", FLAGSHIP, "-o", out_html, "--no-summary", "--no-questions")
    assert code == 0, err
    html = out_html.read_text()
    assert 'id="named-states"' in html
    for name in ("status-quo", "no-deal", "aid-for-minerals", "hegseth-arrangement",
                 "european-backed-settlement", "neutral-force-settlement"):
        assert f'<b class="state-name">{name}</b>' in html
    # beside the code wherever a state is shown: the status quo line of the model section
    assert 'Status quo: <span class="state"' in html and ":<code>NNYNNNNN</code> <b class=\"state-name\">status-quo</b>" in html


# --- the web API ------------------------------------------------------------------------------

def test_web_results_paths_explain_and_graph_carry_names(tmp_path):
    from fastapi.testclient import TestClient

    from detente.store.db import dispose_all
    from detente.web.app import create_app
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    try:
        with TestClient(create_app(url, jobs="thread"), base_url="http://localhost") as client:
            r = client.post("/api/scenarios", json={"text": MODEL})
            assert r.status_code == 201, r.text
            sid = r.json()["id"]
            r = client.post(f"/api/scenarios/{sid}/analyses", json={"concepts": ["Nash"]})
            aid = r.json()["id"]
            deadline = time.monotonic() + 30
            while client.get(f"/api/analyses/{aid}").json()["status"] not in ("done", "failed"):
                assert time.monotonic() < deadline
                time.sleep(0.05)
            res = client.get(f"/api/analyses/{aid}/result").json()
            assert res["status_quo"]["names"] == ["nothing"]
            assert {n["name"] for n in res["model"]["states"]} == {"nothing", "both", "a-moved", "b-alone", "c-and-b"}
            ex = client.get(f"/api/analyses/{aid}/explain", params={"state": "both", "dm": "A", "concept": "Nash"})
            assert ex.status_code == 200, ex.text
            assert ex.json()["state"]["names"] == ["both", "a-moved"]
            paths = client.get(f"/api/analyses/{aid}/paths", params={"concept": "Nash"}).json()
            assert paths["status_quo"]["names"] == ["nothing"]
            g = client.get(f"/api/analyses/{aid}/graph").json()
            assert {n["yn"]: n["names"] for n in g["nodes"]}["YNY"] == ["both", "a-moved"]
    finally:
        dispose_all()


def test_report_questions_may_select_states_by_name(tmp_path):
    from detente.report.questions import select_states
    r = detente.analyze(detente.load(write(tmp_path, MODEL)), ["Nash"])
    assert select_states(r, "both").tolist() == [r.position_of("YNY")]
    assert select_states(r, "a-moved and not both").tolist() == [r.position_of("YNN")]
    assert sorted(select_states(r, "nothing or b-alone").tolist()) == sorted([r.position_of("NNN"), r.position_of("NNY")])
