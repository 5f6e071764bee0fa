"""The HTML report: every section, links that resolve, escaping, no network, atomic writes,
the extra-sections hook, and (marker ``browser``) a headless Chromium screenshot."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import detente
from detente.cli import main
from detente.errors import DetenteError
from detente.report import Section, build_report, render_report, write_report
from detente.report.questions import Question, load_questions

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"
FIXTURE = Path(__file__).parent / "fixtures" / "scenarios" / "two-by-two.yaml"
SECTIONS = ["conclusions", "model", "evidence", "feasibility", "stability", "equilibria", "paths",
            "variants", "graph"]


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])


def parse(html: str) -> _Anchors:
    p = _Anchors()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def flagship_html():
    conflict = detente.load(SCENARIO)
    qs = load_questions(SCENARIO)
    return render_report(conflict, questions=qs)


@pytest.fixture(scope="module")
def fixture_html():
    conflict = detente.load(FIXTURE)
    q = Question(id="b-defects", title="Is B defecting stable for B?", kind="stability", states="b",
                 dm="B", concepts=["Nash", "GMR", "SEQ"], variants="all")
    return render_report(conflict, questions=[q],
                         extra_sections=[("Bargaining forecast", "<p class='fc'>forecast here</p>"),
                                         Section("Robustness", "<table id='rob'></table>", id="robustness")])


def test_every_section_present(flagship_html):
    ids = set(parse(flagship_html).ids)
    for sid in SECTIONS:
        assert sid in ids, sid
    assert "<svg" in flagship_html and "state-graph" in flagship_html


def test_all_internal_links_resolve(flagship_html, fixture_html):
    for html in (flagship_html, fixture_html):
        p = parse(html)
        ids = set(p.ids)
        assert len(ids) == len(p.ids), "duplicate ids"
        internal = [h[1:] for h in p.hrefs if h.startswith("#")]
        assert internal
        missing = sorted(set(h for h in internal if h not in ids))
        assert not missing, missing[:10]


def _row(html: str, anchor: str) -> str:
    m = re.search(r'<tr id="%s"[^>]*>(.*?)</tr>' % re.escape(anchor), html, re.S)
    assert m, anchor
    return m.group(1)


def test_conclusion_traceable_to_its_quote(flagship_html):
    """From the answer to the first question, to Europe's statement, to the quote."""
    q = flagship_html[flagship_html.index('id="q-eu-deploy-without-backstop"'):]
    q = q[:q.index("</article>")]
    assert 'href="#st-europe-1"' in q
    stmt = _row(flagship_html, "st-europe-1")
    ev_anchor = re.search(r'href="#(ev-\d+)"', stmt).group(1)
    ev = _row(flagship_html, ev_anchor)
    assert "cast-iron assurance" in ev and "Anatol Lieven" in ev and "analyst&#39;s article" in ev
    assert 'href="#st-europe-1"' in ev  # and back
    # Russia's refusal, in the second question.
    q2 = flagship_html[flagship_html.index('id="q-deployment-with-russian-agreement"'):]
    assert 'href="#st-russia-1"' in q2[:q2.index("</article>")]
    assert "genuinely neutral countries" in _row(flagship_html, re.search(
        r'href="#(ev-\d+)"', _row(flagship_html, "st-russia-1")).group(1))


def test_assumptions_marked_and_linked(flagship_html):
    rows = re.findall(r'<tr id="(ev-\d+)" class="assumption">(.*?)</tr>', flagship_html, re.S)
    assert rows
    for anchor, body in rows:
        assert "Assumption:" in body
        assert re.search(r'href="#(st-|con-|opt-|variant-|dm-)', body), anchor


def test_variant_statements_have_their_own_anchors(flagship_html):
    ids = set(parse(flagship_html).ids)
    assert "st-us-backstop--us-2" in ids  # statement 2 of the U.S. in the variant us-backstop
    assert "variant-neutral-force" in ids


def test_variant_answers_link_to_variant_statements(flagship_html):
    q = flagship_html[flagship_html.index('id="q-deployment-with-russian-agreement"'):]
    q = q[:q.index("</article>")]
    # In backstop-and-russian-consent, Russia's decisive statement is the variant's own.
    assert 'href="#st-backstop-and-russian-consent--russia-' in q


def test_self_contained_no_network(flagship_html):
    p = parse(flagship_html)
    for tag, attrs in p.tags:
        assert tag not in ("script", "link", "iframe", "img"), tag
        assert "src" not in attrs, (tag, attrs)
    assert "@import" not in flagship_html
    assert not re.search(r"url\(\s*['\"]?https?:", flagship_html)


def test_user_text_is_escaped(fixture_html):
    assert "Player <A>" not in fixture_html
    assert "Player &lt;A&gt; &amp; co" in fixture_html
    assert "&lt;betrayed&gt;" in fixture_html
    assert "<b>with markup</b>" not in fixture_html


def test_extra_sections_hook(fixture_html):
    assert "<p class='fc'>forecast here</p>" in fixture_html
    ids = set(parse(fixture_html).ids)
    assert "x-bargaining-forecast" in ids and "robustness" in ids
    toc = fixture_html[fixture_html.index('class="toc"'):fixture_html.index("</nav>")]
    assert 'href="#x-bargaining-forecast"' in toc and 'href="#robustness"' in toc


def test_fixture_answers_and_sections(fixture_html):
    ids = set(parse(fixture_html).ids)
    for sid in SECTIONS:
        assert sid in ids
    # Whole graph drawn for 4 states; all 4 are nodes.
    assert fixture_html.count('<g class="node') == 4


def test_report_data_matches_analysis():
    conflict = detente.load(FIXTURE)
    q = Question(id="q", title="t", kind="equilibria", states="a and b", concepts=["Nash"], variants="all")
    data = build_report(conflict, concepts=["Nash", "GMR", "SEQ"], questions=[q])
    (row,) = data.answers
    assert [(a.model, a.concepts["Nash"].n_stable) for a in row] == [
        ("base", 1), ("trust", 0), ("exclusive", 0), ("locked", 1)]
    assert data.context["paths"]["rows"][0]["state"]["yn"] in ("NN", "YY")


def test_report_on_a_variant():
    conflict = detente.load(FIXTURE, variant="trust")
    html = render_report(conflict, concepts=["Nash"])
    assert "variant trust" in html
    assert 'id="variants"' in html  # the comparison still shows every model


def test_write_report_atomic(tmp_path):
    conflict = detente.load(FIXTURE)
    out = write_report(tmp_path / "r.html", conflict, concepts=["Nash"])
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
    # The one rule for output files (detente.files): a missing folder is created.
    assert write_report(tmp_path / "new" / "r.html", conflict, concepts=["Nash"]).exists()
    with pytest.raises(DetenteError, match="cannot write the output"):
        write_report(tmp_path / "r.html" / "r.html", conflict)  # under a file


def test_cli_report(tmp_path, capsys):
    out = tmp_path / "report.html"
    code = main(["report", str(SCENARIO), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert out.exists() and 'id="conclusions"' in out.read_text(encoding="utf-8")
    # The flagship marks uncertain assumptions: the report says how robust each equilibrium is.
    page = out.read_text(encoding="utf-8")
    assert "How robust are the equilibria?" in page and "Which assumptions do the conclusions hang on?" in page
    assert "report written to" in captured.err
    assert "Is a European deployment without a U.S. backstop" in captured.out
    # A missing output folder is created; one that cannot be (under a file) is a clear error.
    code = main(["report", str(SCENARIO), "-o", str(tmp_path / "missing" / "r.html")])
    assert code == 0 and (tmp_path / "missing" / "r.html").exists()
    code = main(["report", str(SCENARIO), "-o", str(out / "r.html")])
    assert code == 2 and "cannot write the output" in capsys.readouterr().err
    code = main(["report", str(SCENARIO), "--variant", "nope", "-o", str(out)])
    assert code == 2


def test_cli_report_bad_questions_file(tmp_path, capsys):
    bad = tmp_path / "q.yaml"
    bad.write_text("questions:\n  - id: x\n    title: y\n    states: not_an_option\n    kind: equilibria\n")
    code = main(["report", str(FIXTURE), "--questions", str(bad), "-o", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 2 and "unknown option" in err
    assert not (tmp_path / "r.html").exists()


def test_cli_report_answers_embedded_questions_and_locates_their_errors(tmp_path, capsys):
    # A scenario that carries its own questions: the report answers them with no side file, and a
    # bad state note in the scenario is an error at its line in the scenario, with nothing written.
    text = FIXTURE.read_text(encoding="utf-8")
    good = tmp_path / "s.yaml"
    good.write_text(text + "\nquestions:\n  - id: both\n    title: Do both defect in equilibrium?\n"
                    "    kind: equilibria\n    states: a and b\n    concepts: [Nash]\n", encoding="utf-8")
    assert main(["report", str(good), "-o", str(tmp_path / "r.html"), "--no-summary"]) == 0
    assert "Do both defect in equilibrium?" in (tmp_path / "r.html").read_text(encoding="utf-8")
    bad = tmp_path / "b.yaml"
    bad.write_text(good.read_text(encoding="utf-8")
                   + "state_notes:\n  - states: a and (\n    note: odd\n", encoding="utf-8")
    line = bad.read_text(encoding="utf-8").splitlines().index("  - states: a and (") + 1
    code = main(["report", str(bad), "-o", str(tmp_path / "b.html")])
    err = capsys.readouterr().err
    assert code == 2 and f"line {line}" in err and "state_notes" in err, err
    assert not (tmp_path / "b.html").exists()


def test_cli_report_json_path_that_cannot_be_written_writes_nothing(tmp_path, capsys):
    out = tmp_path / "r.html"
    code = main(["report", str(FIXTURE), "-o", str(out), "--json", str(tmp_path), "--no-summary"])
    assert code == 2 and "is a folder" in capsys.readouterr().err
    assert not out.exists()
    # and a report that cannot be written leaves no JSON behind
    code = main(["report", str(FIXTURE), "-o", str(tmp_path), "--json", str(tmp_path / "s.json"),
                 "--no-summary"])
    assert code == 2 and not (tmp_path / "s.json").exists()


# --- headless Chromium ---------------------------------------------------------------------

def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
def test_screenshot_in_headless_chromium(tmp_path, flagship_html):
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    html = tmp_path / "report.html"
    html.write_text(flagship_html, encoding="utf-8")
    png = tmp_path / "report.png"
    profile = tmp_path / "profile"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1280,2000",
           html.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=180)
    assert png.exists() and png.stat().st_size > 10_000
    from PIL import Image
    img = Image.open(png).convert("RGB")
    assert img.size == (1280, 2000)
    colours = img.resize((128, 200)).getcolors(maxcolors=100_000)
    assert colours is not None and len(colours) > 20, "the page rendered blank"


# --- the fast unsanctioned-improvement adapter agrees with explain() -------------------------

@pytest.mark.parametrize("path", [SCENARIO, FIXTURE])
def test_unsanctioned_improvements_agree_with_explain(path):
    import numpy as np
    from detente.gmcr.analysis import analyze
    from detente.gmcr.explain import explain
    from detente.report.questions import _Floors, unsanctioned_improvements

    conflict = detente.load(path)
    r = analyze(conflict, ["Nash", "GMR", "SMR", "SEQ"])
    floors = _Floors(r)
    rng = np.random.default_rng(7)
    positions = sorted(set(rng.integers(0, r.n_states, size=min(r.n_states, 24)).tolist()))
    for concept in ("Nash", "GMR", "SMR", "SEQ"):
        for dm in conflict.dm_names:
            for p in positions:
                fast = {m.target for m in unsanctioned_improvements(r, p, dm, concept, floors)}
                exp = explain(r, p, dm, concept)
                slow = {c.move.target for c in exp.improvements if c.sanction is None}
                assert fast == slow, (concept, dm, r.yn(p))
                assert (not fast) == bool(r.stable[concept][dm][p])
