"""The report answers on one screen: a generated summary first (a verdict per question, the
decisive statements with their speakers, how sure, what would change it), every section below
it collapsed, the robustness analysis saying what it holds fixed, and explanations of partly
assumed statements leading with the assumption (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import detente
from detente.report import build_report, render_report
from detente.report.html import BUILTIN_SECTIONS, report_sections
from detente.report.questions import Question, load_questions, load_state_notes

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"
FIXTURE = Path(__file__).parent / "fixtures" / "scenarios" / "two-by-two.yaml"
ROBUST = Path(__file__).parent / "fixtures" / "robustness" / "three-parties.yaml"


@pytest.fixture(scope="module")
def flagship():
    conflict = detente.load(SCENARIO)
    qs = load_questions(SCENARIO)
    notes = load_state_notes(SCENARIO)
    data = build_report(conflict, questions=qs, robustness=True, state_notes=notes)
    return data, render_report(data=data, extra_sections=report_sections(data))


@pytest.fixture(scope="module")
def small():
    conflict = detente.load(FIXTURE)
    qs = [Question(id="b-defects", title="Is B defecting stable for B?", kind="stability", states="b",
                   dm="B", concepts=["Nash", "GMR", "SEQ"], variants="all"),
          Question(id="both", title="Do both defect in equilibrium?", kind="equilibria", states="a and b",
                   concepts=["Nash", "GMR", "SEQ"], variants="all")]
    data = build_report(conflict, questions=qs, robustness=True)
    return data, render_report(data=data, extra_sections=report_sections(data))


def _summary(html: str) -> str:
    start = html.index('<section id="summary"')
    return html[start:html.index("</section>", start)]


def _text(fragment: str) -> str:
    import html as _html
    return " ".join(_html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize("which", ["flagship", "small"])
def test_summary_first_then_collapsed_details(which, request):
    data, html = request.getfixturevalue(which)
    body = html[html.index("<body>"):]
    first_section = body.index('<details class="sec')
    assert body.index('<section id="summary"') < first_section
    # The summary comes before every built-in and extra section, and each of those is collapsed.
    for sid, _ in BUILTIN_SECTIONS:
        if f'id="{sid}"' in html:
            assert html.index(f'id="{sid}"') > html.index('<section id="summary"'), sid
    sections = re.findall(r"<details class=\"sec[^\"]*\"([^>]*)>", html)
    assert len(sections) >= 8
    assert all("open" not in attrs for attrs in sections)
    # One card and one verdict per question, in the questions' order.
    summary = _summary(html)
    cards = re.findall(r'<article class="card[^"]*" id="sum-q-([^"]+)"', summary)
    assert cards == [row[0].question.id for row in data.answers]
    assert summary.count('<p class="verdict">') == len(data.answers)
    # Each card links to its detailed answer, which exists further down.
    for qid in cards:
        assert f'href="#q-{qid}"' in summary and f'id="q-{qid}"' in html


def test_small_scenario_verdicts_follow_the_analysis(small):
    data, html = small
    text = _text(_summary(html))
    # Nash {YY}: B defecting (b) is stable for B under Nash in YY; both defect is a Nash equilibrium.
    assert "Is B defecting stable for B?" in text and "Do both defect in equilibrium?" in text
    both = data.answers[1][0]
    assert both.concepts["Nash"].n_stable == 1
    assert "Yes: under Nash, GMR, SEQ: 1 of 1 (4:YY" in text
    # The fixture declares no uncertainty: no probability is claimed.
    assert "How sure" not in text and data.robustness is None
    # Variant 'trust' changes the second answer: named as what would change it.
    card = _text(_summary(html).split('id="sum-q-both"')[1])
    assert "What would change it: variant trust" in card


def test_flagship_main_question_verdict_and_who_leaves(flagship):
    data, html = flagship
    summary = _summary(html)
    main = summary[:summary.index("</article>")]
    assert 'class="card main" id="sum-q-hegseth-arrangement"' in main
    text = _text(main)
    base = data.answers[0][0]
    assert all(ca.n_stable == 0 for ca in base.concepts.values())
    assert "No: none of the 4 matching states is an equilibrium under any concept" in text
    # Restated inputs are said to be so, and the decisive statements carry their speakers.
    assert "This restates an input, it is not a finding" in text
    for dm in ("Europe", "Russia"):
        assert re.search(rf"{dm} drops \w+ \(in every matching state, every concept\), by its statement 1", text), dm
    assert text.count("Anatol Lieven (analyst's article)") >= 2
    # Washington's view (hypergame) beside reality.
    assert "In US's view (its perception) it is an equilibrium under Nash, GMR, SMR, SEQ; in reality under none" in text


def test_flagship_how_sure_is_the_union_probability(flagship):
    """The summary's probability for the main question is P(some arrangement state is a Nash
    equilibrium) over the exact profiles, recomputed here from the per-profile equilibria."""
    data, html = flagship
    rob = data.robustness
    assert rob is not None and rob.method == "exact"
    from detente.report.questions import select_states
    q = data.answers[0][0].question
    arrangement = set(int(p) for p in select_states(data.result, q.states))
    w = rob.weights
    hit = np.array([bool(arrangement & set(int(x) for x in lst)) for lst in rob.eq_lists["Nash"]])
    p_nash = float(w[hit].sum() / w.sum())
    assert 0 < p_nash <= 0.2 * 0.2 + 1e-9  # only when both second-hand premises are dropped
    main = _text(_summary(html).split("</article>")[0])
    m = re.search(r"How sure: P\(some matching state is an equilibrium\) = ([^(]*)\(exact", main)
    assert m, main
    groups = dict((names.strip(), float(p)) for names, p in re.findall(r"([A-Za-z, ]+?) (\d\.\d{3})", m.group(1)))
    nash_key = next(k for k in groups if "Nash" in k.split(", "))
    assert groups[nash_key] == pytest.approx(p_nash, abs=5e-4)
    assert "no sampling interval" in main
    # What would change it: the two premises, each raising the probability when dropped.
    change = main[main.index("What would change it"):]
    assert 'if Russia does not hold "not ru_settle if (eu_deploy or us_troops)" (P 0.20)' in change
    assert 'if Europe does not hold "not eu_deploy if not us_backstop" (P 0.20)' in change


def test_flagship_lists_what_is_held_fixed(flagship):
    data, html = flagship
    assert 'href="#held-fixed"' in html and "id='held-fixed'" in html
    table = html[html.index("id='held-fixed'"):]
    table = table[:table.index("</table>")]
    conflict = data.conflict
    fixed = [(d.name, s.text) for d in conflict.decision_makers for s in d.preferences or []
             if s.probability is None and not any(s.id in (o if isinstance(o, list) else o.get("statements", []))
                                                  for o in (d.extra.get("uncertainty") or {}).get("uncertain_order", []))]
    varying = [(d.name, s.text, s.probability) for d in conflict.decision_makers for s in d.preferences or []
               if s.probability is not None]
    assert fixed and varying
    rows = re.findall(r"<tr><td>([^<]*)</td><td>\d*</td><td><code>([^<]*)</code>.*?</td><td>(.*?)</td></tr>", table)
    import html as _html
    got = {(dm, _html.unescape(text)): what for dm, text, what in rows}
    for dm, text in fixed:
        assert got[(dm, text)] == "<b>held fixed</b>", (dm, text)
    for dm, text, p in varying:
        assert f"held with probability {p:g}" in got[(dm, text)], (dm, text)
    assert "alternative reading 'U.S. offers the backstop' with weight 0.15" in _html.unescape(table)


def test_partly_assumed_statements_lead_with_the_assumption(flagship):
    """Russia withdrawing its agreement by ru-peace-on-terms is explained by the assumption
    first, the quote that only touches it after (never the quote alone)."""
    data, html = flagship
    quote = "He, like President Putin, wants to make PEACE."
    cited = 0
    for m in re.finditer(r'href="#st-russia-3">statement 3</a>', html):  # explanations, not the evidence table
        after = html[m.end():m.end() + 2500]
        after = after[:after.find("</li>")] if "</li>" in after else after
        if quote in after:
            cited += 1
            assert 'class="assume"' in after and after.index('class="assume"') < after.index(quote), after[:600]
    assert cited >= 2  # in the summary and in the detailed answer


def test_ranked_states_each_get_a_generated_line(flagship):
    data, html = flagship
    from detente.gmcr.sensitivity import HIGH_RANK, SHOWN_ROWS
    rob = data.robustness
    want = set()
    for concept in rob.concepts:
        for row in rob.rows(concept)[:SHOWN_ROWS]:
            if row["p_equilibrium"] >= HIGH_RANK:
                want.add(f"{row['id']}:{row['yn']}")
    block = html[html.index("<ul class='ranked'>"):]
    block = block[:block.index("</ul>")]
    lines = re.findall(r"<li><b>(\d+:[YN]+)</b>", block)
    assert sorted(lines) == sorted(want) and len(lines) == len(set(lines))
    assert "3:NYNNNNNN" in want  # the backstop offer alone ranks second under Nash: it is discussed


def test_sampled_swings_marked_when_not_significant():
    from detente.gmcr.robustness import robustness, two_proportion_significant
    from detente.gmcr.sensitivity import sensitivity
    assert not two_proportion_significant(0.50, 100, 0.52, 100)
    assert two_proportion_significant(0.10, 1000, 0.50, 1000)
    c = detente.load(ROBUST)
    exact = sensitivity(c, result=robustness(c, method="exact", workers=1))
    assert exact.swings and all(s.significant is None for s in exact.swings)
    sampled = sensitivity(c, result=robustness(c, draws=60, seed=3, workers=1))
    assert all(isinstance(s.significant, bool) for s in sampled.swings)
    # A swing is significant exactly when the z test says so; narrow swings on 60 draws are noise.
    for s in sampled.swings:
        n_h = int(sampled.robustness.flags[:, s.assumption.index].sum())
        n_f = len(sampled.robustness.flags) - n_h
        assert s.significant == two_proportion_significant(s.p_holds, n_h, s.p_flipped, n_f)
    # On 60 draws the widest swing (the focal state's own premise, width 1) is significant and
    # some narrower ones are not; the CLI text and the report section mark those.
    assert sampled.swings[0].significant and sampled.swings[0].width > 0.9
    noise = [s for s in sampled.swings if s.noise and s.width > 0]
    assert noise
    assert str(sampled).count("not significant") == len(noise)
    from detente.gmcr.sensitivity import robustness_report_sections
    sections = dict(robustness_report_sections(c, result=sampled.robustness))
    hang = sections["Which assumptions do the conclusions hang on?"]
    assert f"{len(noise)} of the swings in the plot are <b>not significant</b>" in hang
    assert "every swing is exact" in dict(robustness_report_sections(c, result=exact.robustness))[
        "Which assumptions do the conclusions hang on?"]


def _graph_nodes(svg: str) -> list[int]:
    return [int(x) for x in re.findall(r'<g class="node[^"]*" id="(?:full-)?node-(\d+)"', svg)]


def test_flagship_graph_shows_the_states_that_matter_in_groups(flagship):
    """128 states: the picture draws the status quo, every equilibrium, the states on the paths
    and the first question's states (with where the moves that decide it lead), in labelled
    bands; the full graph is there on demand, collapsed."""
    data, html = flagship
    r = data.result
    section = html[html.index('<h2 id="graph">'):]
    section = section[:section.index('<details class="sec')] if '<details class="sec' in section else section
    main_svg = section[section.index("<svg"):section.index("</svg>")]
    drawn = set(_graph_nodes(main_svg))
    eqs = {int(p) + 1 for k in r.stable for p in r.equilibria(k)}
    sq = r.status_quo_position + 1
    from detente.report.questions import select_states
    asked = {int(p) + 1 for p in select_states(r, data.answers[0][0].question.states)}
    assert eqs | {sq} | asked <= drawn
    assert len(drawn) <= 16 < r.n_states
    # The status quo's one-move neighbours that are on no path and in no group stay out.
    from detente.gmcr.status_quo import reachable
    on_paths = {s.target + 1 for pth in reachable(r, to=sorted(e - 1 for e in eqs)).paths for s in pth.moves}
    neighbours = {int(t) + 1 for t in r.tables["US"].targets(sq - 1)}
    assert neighbours - (eqs | on_paths | asked | {sq})  # there are such neighbours ...
    assert not (neighbours - (eqs | on_paths | asked | {sq})) & drawn  # ... and they are not drawn
    # Bands, one per group, labelled.
    labels = re.findall(r'<g class="band">.*?font-weight="bold" fill="#333">([^<]+)</text>', main_svg)
    assert labels[0] == "status quo"
    assert any(lb.startswith("equilibria under every concept") for lb in labels)
    assert any(lb.startswith("the first question&#x27;s states") or lb.startswith("the first question's states")
               for lb in labels)
    # Who leaves the arrangement: Russia's and Europe's moves from one of its states are drawn.
    assert re.search(r'<title>Russia: 89 -&gt; \d+ \(improvement\)</title>', main_svg)
    assert re.search(r'<title>Europe: 89 -&gt; \d+ \(improvement\)</title>', main_svg)
    # The full graph: collapsed, every state.
    full = section[section.index('<details class="fullgraph">'):]
    assert sorted(_graph_nodes(full[:full.index("</details>")])) == list(range(1, r.n_states + 1))


def test_small_scenario_draws_its_whole_graph_once(small):
    data, html = small
    section = html[html.index('<h2 id="graph">'):]
    assert 'class="fullgraph"' not in section
    assert sorted(_graph_nodes(section)) == [1, 2, 3, 4]


def test_odd_states_the_robustness_ranks_highly_are_explained(flagship):
    """A backstop with no troops to back ranks high under uncertainty: each such line points to
    the scenario's note on those states, and the note is printed with its expression."""
    data, html = flagship
    block = html[html.index("<ul class='ranked'>"):]
    lines = re.findall(r"<li><b>(\d+):([YN]+)</b>(.*?)</li>", block[:block.index("</ul>")])
    r = data.result
    names = r.conflict.option_names
    odd = [(int(i), yn, rest) for i, yn, rest in lines
           if yn[names.index("us_backstop")] == "Y" and yn[names.index("eu_deploy")] == "N"]
    assert odd and any(i == 3 for i, _, _ in odd)
    for i, yn, rest in odd:
        assert "See note 1 below" in rest, (i, yn)
    odd_codes = {yn for _, yn, _ in odd}
    for i, yn, rest in lines:
        if yn not in odd_codes:
            assert "See note" not in rest, (i, yn)
    notes = block[block.index("<ol class='state-notes'>"):]
    assert "<code>us_backstop and not eu_deploy</code>" in notes[:notes.index("</ol>")]


def test_state_notes_with_a_bad_expression_are_located(tmp_path):
    from detente.errors import ModelError
    bad = tmp_path / "q.yaml"
    bad.write_text("questions: []\nstate_notes:\n  - states: us_backstop and (\n    note: odd\n")
    with pytest.raises(ModelError) as exc:
        load_state_notes(bad)
    assert "line 3" in str(exc.value) and "state_notes" in str(exc.value)


# --- the first screen, in headless Chromium ------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1400, 900), (390, 844)])
def test_first_screen_answers_the_main_question(flagship, tmp_path, width, height):
    """At a desktop and a phone width, the main question and its verdict are on the first
    screen, and the collapsed page is far shorter than the sections it holds."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium not found at /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    data, html = flagship
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(page_file.as_uri())
            card = page.locator("article.card.main")
            for part in ("h3", "p.verdict"):
                box = card.locator(part).bounding_box()
                assert box is not None and box["y"] + box["height"] <= height, (part, box)
            assert "No: none of the 4 matching states" in card.locator("p.verdict").inner_text()
            collapsed = page.evaluate("document.documentElement.scrollHeight")
            for d in page.locator("details").all():
                d.evaluate("d => { d.open = true; }")
            opened = page.evaluate("document.documentElement.scrollHeight")
            assert collapsed * 5 < opened, (collapsed, opened)
        finally:
            browser.close()


def test_named_states_are_shown_in_the_graph_and_the_ranked_lines(flagship):
    """States the model names (states:) carry their names in the picture and the robustness
    lines, not only Y/N codes."""
    data, html = flagship
    c = data.conflict
    named = {int(data.result.space.index_of(np.uint64(ns.code))) + 1: ns.name
             for ns in c.named_states if ns.code is not None and data.result.space.index_of(np.uint64(ns.code)) >= 0}
    assert named
    section = html[html.index('<h2 id="graph">'):]
    main_svg = section[section.index("<svg"):section.index("</svg>")]
    for sid in _graph_nodes(main_svg):
        node = main_svg[main_svg.index(f'id="node-{sid}"'):]
        node = node[:node.index("</g>")]
        if sid in named:
            assert f">{named[sid]}</text>" in node, sid
    block = html[html.index("<ul class='ranked'>"):]
    for sid, yn, rest in re.findall(r"<li><b>(\d+):([YN]+)</b>(.*?)</li>", block[:block.index("</ul>")]):
        if int(sid) in named:
            assert f"<b class='state-name'>{named[int(sid)]}</b>" in rest, sid


def test_main_card_says_for_whom_it_fails_in_each_cell_of_the_two_by_two(flagship):
    """Derived per variant: where Russia keeps its objection it leaves the arrangement, where it
    consents only Europe does (under every concept)."""
    data, html = flagship
    main = _text(_summary(html).split("</article>")[0])
    variants = main[main.index("Variants:"):]
    cells = dict(re.findall(r"([a-z, -]+?): no \(([A-Za-z, ]+?) leaves? every matching state under every concept\)",
                            variants.replace("Variants: ", "; ")))
    by_variant = {v.strip(): set(dms.split(", ")) for vs, dms in cells.items() for v in vs.strip("; ").split(", ")}
    assert by_variant["us-backstop"] == {"Europe", "Russia"}
    assert by_variant["russian-consent"] == {"Europe"}
    assert by_variant["backstop-and-russian-consent"] == {"Europe"}
