"""End-to-end: the web UI in headless Chromium (Debian's ``chromium``, driven by the PyPI
``playwright`` package; no browser download).

A real server (uvicorn, 127.0.0.1, a SQLite file in a temporary folder) is started in a thread;
the test creates a scenario (after fixing a validation error shown at its line), edits it, runs
an analysis, opens an explanation, views and uses the state graph, compares variants, and does
the same at phone width. Screenshots are kept in ``test-artifacts/web/`` (git-ignored).

Skipped, with the reason, when ``/usr/bin/chromium`` is missing (``apt-get install chromium``).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "web"
FLAGSHIP = Path(__file__).resolve().parent.parent / "scenarios" / "settlement-talks-2025-02.yaml"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

playwright = pytest.importorskip("playwright", reason="the playwright package is not installed (pip install playwright)")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not found at /usr/bin/chromium: "
                       "install Debian's chromium (apt-get install -y chromium) to run the "
                       "browser tests"),
]

MODEL = """\
title: Border standoff
decision_makers:
  - name: North
    options:
      - name: north_advances
        label: North advances troops
    preferences:
      - not south_strikes
      - north_advances
  - name: South
    options:
      - name: south_strikes
        label: South strikes first
    preferences:
      - not north_advances
      - south_strikes if north_advances
status_quo: NN
variants:
  - name: restraint
    description: South would never strike first
    preferences: {South: [not south_strikes, not north_advances]}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from detente.store.db import dispose_all
    from detente.web.app import create_app

    from evidence_fake import FakeExtractor

    from detente.web import services

    db = tmp_path_factory.mktemp("web") / "browser.sqlite"
    app = create_app(f"sqlite:///{db}", jobs="thread")
    saved, services._extractor = services._extractor, FakeExtractor()  # no spaCy in UI tests
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(timeout=10)
    services._extractor = saved
    dispose_all()


def _start(app):
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    return srv, th, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def no_horizontal_overflow(page) -> bool:
    ok = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    if not ok:  # say what sticks out (outside the horizontally scrolling tables)
        print("too wide:", page.evaluate("""() => Array.from(document.querySelectorAll('*'))
            .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > innerWidth + 1)
            .slice(0, 10).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' +
                                   Math.round(e.getBoundingClientRect().right))"""))
    return ok


def test_create_edit_analyse_explain_graph(server, browser):
    from playwright.sync_api import expect

    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")

    # 1. a model with a typo: the problem is listed and its line marked in the editor
    page.fill("#new-text", MODEL.replace("- not south_strikes", "- not south_strike"))
    page.wait_for_selector("#new-problems .p")
    assert "south_strike" in page.inner_text("#new-problems")
    err_line = page.inner_text("#new-editor .gutter .err")
    assert err_line == "8"  # the line of "- not south_strike"
    assert page.locator("#new-editor .marks .mark").count() == 1
    shot(page, "01-editor-error-desktop")
    page.click("#create")
    page.wait_for_timeout(300)
    assert page.url.rstrip("/") == server  # refused: still on the list page

    # 2. fixed: created, and we land on the scenario page
    page.fill("#new-text", MODEL)
    page.wait_for_selector("#new-problems.ok")
    page.click("#create")
    page.wait_for_url("**/scenarios/*")
    assert page.inner_text("#scenario-title") == "Border standoff"
    page.wait_for_selector("#outline .jump")
    assert "north_advances" in page.inner_text("#outline")

    # 3a. the snippet buttons insert a skeleton at the cursor; the checker flags its placeholder
    original = page.input_value("#model-text")
    page.click("#model-text")
    page.keyboard.press("Control+Home")
    for _ in range(7):
        page.keyboard.press("ArrowDown")  # line 8: North's first preference
    page.click(".snippets button:has-text('preference')")
    assert "- statement: not new_option" in page.input_value("#model-text")
    page.wait_for_selector("#problems .p")
    assert "new_option" in page.inner_text("#problems")
    assert page.inner_text("#editor .gutter .err") == "9"  # the inserted line
    page.fill("#model-text", original)
    page.wait_for_selector("#problems", state="hidden")

    # 3. edit and save: version 2
    text = page.input_value("#model-text").replace("Border standoff", "Border standoff (revised)")
    page.fill("#model-text", text)
    page.fill("#save-message", "clearer title")
    page.click("#save")
    expect(page.locator("#version-badge")).to_have_text("v2")
    assert page.inner_text("#scenario-title") == "Border standoff (revised)"

    # 3b. a colleague saves version 3 meanwhile: our next save is refused, not lost
    import httpx
    sid = page.url.rstrip("/").split("/")[-1].split("#")[0]
    theirs = text.replace("(revised)", "(colleague)")
    r = httpx.put(f"{server}/api/scenarios/{sid}", json={"text": theirs, "base_version": 2})
    assert r.status_code == 200
    page.fill("#model-text", text.replace("(revised)", "(mine)"))
    page.click("#save")
    page.wait_for_selector("#conflict-box:not([hidden])")
    assert "changed by someone else" in page.inner_text("#conflict-box")
    expect(page.locator("#version-badge")).to_have_text("v2")
    page.once("dialog", lambda d: d.accept())
    page.click("#conflict-box button:has-text('Load latest version')")
    expect(page.locator("#version-badge")).to_have_text("v3")
    assert "(colleague)" in page.input_value("#model-text")

    # 4. run an analysis; the equilibria and the stability table appear
    page.click(".tabs button[data-tab=results]")
    page.click("#run")
    page.wait_for_selector("body[data-analysis=ready]", timeout=30_000)
    page.wait_for_selector("#stability td.c")
    assert "done" in page.inner_text("#progress")
    assert "Nash" in page.inner_text("#equilibria")

    # 5. the explanation of a cell
    cell = page.locator("#stability td.c.n").first
    dm, concept = cell.get_attribute("data-dm"), cell.get_attribute("data-concept")
    cell.click()
    page.wait_for_selector("#explanation .tag")
    ex = page.inner_text("#explanation")
    assert "not stable" in ex and dm in ex and concept in ex and "Improvement" in ex

    # 6. the state graph: all states drawn, status quo and equilibria marked, a DM highlighted
    page.wait_for_selector("#graph svg .node")
    assert page.locator("#graph svg .node").count() == 4
    assert page.locator("#graph svg .node.sq").count() == 1
    assert page.locator("#graph svg .node.eq").count() >= 1
    page.click("#dm-buttons button:has-text('North')")
    page.wait_for_selector("#graph svg .edge.hl")
    highlighted = page.locator("#graph svg .edge.hl").count()
    assert highlighted == 4 and page.locator("#graph svg .edge.dim").count() == 4
    vb = page.get_attribute("#graph svg", "viewBox")
    page.click("#zoom-in")
    assert page.get_attribute("#graph svg", "viewBox") != vb
    page.locator("#explanation").scroll_into_view_if_needed()
    shot(page, "02-results-explanation-desktop")
    page.locator("#graph").scroll_into_view_if_needed()
    shot(page, "03-graph-desktop")
    assert page.locator("#paths .path").count() >= 1

    # 7. variants side by side
    page.click(".tabs button[data-tab=variants]")
    page.click("#compare")
    page.wait_for_selector("#comparison table")
    assert "restraint" in page.inner_text("#comparison")

    # 8. history: the diff of version 2
    page.click(".tabs button[data-tab=history]")
    page.click("#versions li[data-version='3']")
    page.wait_for_selector("#diff .diff")
    assert "title" in page.inner_text("#diff")

    # 9. delete it (after confirming): back to the list, which no longer shows it
    page.once("dialog", lambda d: d.accept())
    page.click("#delete")
    page.wait_for_url(server + "/")
    assert "Border standoff" not in page.inner_text("main")
    assert not errors, errors
    ctx.close()


def test_flagship_results_at_desktop_and_phone_width(server, browser):
    import httpx

    r = httpx.post(server + "/api/scenarios", json={"text": FLAGSHIP.read_text()}, timeout=30)
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    import detente
    n_states = detente.analyze(detente.load(FLAGSHIP), ["Nash"]).n_states
    assert n_states <= 512, "the flagship grew beyond what the graph draws; use a smaller model"
    for name, viewport in (("desktop", {"width": 1280, "height": 800}),
                           ("phone", {"width": 390, "height": 844})):
        ctx = browser.new_context(viewport=viewport, is_mobile=name == "phone",
                                  has_touch=name == "phone")
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/")
        page.wait_for_selector("#scenario-list")
        assert no_horizontal_overflow(page), f"{name}: the scenario list is wider than the screen"
        shot(page, f"00-index-{name}")
        page.goto(f"{server}/scenarios/{sid}")
        page.wait_for_selector("#outline .jump")
        assert no_horizontal_overflow(page), f"{name}: the model page is wider than the screen"
        shot(page, f"04-flagship-model-{name}")
        page.click(".tabs button[data-tab=results]")
        page.click("#run")
        page.wait_for_selector("body[data-analysis=ready]", timeout=60_000)
        page.wait_for_selector("#stability td.c")
        page.locator("#stability td.c").nth(1).click()
        page.wait_for_selector("#explanation .tag")
        page.wait_for_selector("#graph svg .node")
        assert page.locator("#graph svg .node").count() == n_states
        assert no_horizontal_overflow(page), f"{name}: the results page is wider than the screen"
        shot(page, f"05-flagship-results-{name}")
        page.locator("#graph").scroll_into_view_if_needed()
        shot(page, f"06-flagship-graph-{name}")
        page.locator("#graph svg .node.sq").click()  # the status quo's moves stand out
        page.wait_for_selector("#graph svg .node.dim")
        assert "the status quo" in page.inner_text("#graph-info")
        assert page.locator("#graph svg .edge.hl").count() >= 1
        shot(page, f"07-flagship-graph-status-quo-{name}")
        assert not errors, errors
        ctx.close()


def test_evidence_panel_filter_and_link(server, browser):
    import httpx
    from playwright.sync_api import expect

    r = httpx.post(server + "/api/evidence/articles", json={"articles": [
        {"text": "Ann Lee said North would not advance. Bob Stone told reporters that South "
                 "might strike first. The weather was fine.", "date": "2025-02-12",
         "source": "Wire <i>service</i>", "url": "https://example.org/a"},
        {"text": "Cy Young said talks start Friday.", "date": "2025-02-13", "source": "Daily"}]})
    assert r.status_code == 200, r.text
    r = httpx.post(server + "/api/scenarios", json={"text": MODEL})
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    for name, viewport in (("desktop", {"width": 1280, "height": 800}),
                           ("phone", {"width": 390, "height": 844})):
        ctx = browser.new_context(viewport=viewport)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/evidence")
        page.wait_for_selector("#statements tbody tr.statement")
        assert page.locator("#statements tbody tr.statement").count() >= 3
        assert "Wire <i>service</i>" in page.inner_text("#statements")  # shown as text
        page.fill("#filters input[name=speaker]", "stone")
        page.click("#filters button")
        page.locator("#statements tbody tr.statement").first.wait_for()
        page.wait_for_timeout(300)
        assert page.locator("#statements tbody tr.statement").count() == 1
        assert "Bob Stone" in page.inner_text("#statements tbody")
        if name == "desktop":
            page.set_input_files("#files", files=[{
                "name": "report.txt", "mimeType": "text/plain",
                "buffer": b" date 2025-02-14 \nHal Ray told reporters that talks began.\n"}])
            page.click("#upload")
            page.wait_for_selector("#upload-result li")
            assert "1 statements" in page.inner_text("#upload-result")
            page.fill("#filters input[name=speaker]", "stone")
            page.click("#filters button")
            page.wait_for_timeout(300)
            page.select_option("#link-scenario", str(sid))
            page.wait_for_selector("#link-target option[value='pref:South:1']", state="attached")
            page.select_option("#link-target", "pref:South:1")
            page.click("#statements tbody tr.statement button")
            page.wait_for_selector("#statements tbody td.small a")
            assert "pref:South:1" in page.inner_text("#statements tbody")
        else:
            assert "pref:South:1" in page.inner_text("#statements tbody")
        assert no_horizontal_overflow(page), f"{name}: the evidence page is wider than the screen"
        shot(page, f"08-evidence-{name}")
        assert not errors, errors
        ctx.close()
    # the scenario's evidence tab shows the statement under the assumption it supports
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(f"{server}/scenarios/{sid}#evidence")
    page.wait_for_selector("#assumptions .linked")
    text = page.inner_text("#assumptions")
    assert "pref:South:1" in text and "Bob Stone" in text
    page.click("#cite")  # write the link into the model: version 2 cites the statement
    expect(page.locator("#version-badge")).to_have_text("v2")
    page.wait_for_selector("#assumptions .assumption .small.muted")
    assert "model: Bob Stone" in page.inner_text("#assumptions")
    assert "statement_id:" in page.input_value("#model-text")
    shot(page, "09-scenario-evidence-desktop")
    ctx.close()


def test_token_box_for_a_server_with_a_token(browser, tmp_path):
    """A server with DETENTE_TOKEN: the UI shows a token box; a write without it is refused
    with a message, and goes through once the token is entered."""
    from playwright.sync_api import expect

    from detente.store.db import dispose_all
    from detente.web.app import create_app

    srv, th, base = _start(create_app(f"sqlite:///{tmp_path / 't.sqlite'}", "tok-0123456789abcdef",
                                      jobs="thread"))
    try:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        page = ctx.new_page()
        page.goto(base + "/")
        page.wait_for_selector("#new-problems.ok")
        page.click("#create")
        expect(page.locator("#toast")).to_contain_text("needs a token")
        assert page.url.rstrip("/") == base
        page.fill("#token", "tok-0123456789abcdef")
        page.dispatch_event("#token", "change")
        page.click("#create")
        page.wait_for_url("**/scenarios/*")
        shot(page, "10-token-created-desktop")
        ctx.close()
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        dispose_all()


def test_form_view_edits_options_and_preferences(server, browser):
    """The Form tab: add an option and a preference statement, see a misspelt option name marked
    on that statement's input, fix it, reorder, save, and find the edit in the stored version."""
    import re

    import httpx
    from playwright.sync_api import expect

    text = "# a comment the form keeps\n" + MODEL.replace("Border standoff", "Form test").replace(
        "- south_strikes if north_advances", "- south_strikes if north_advances  # South's comment")
    r = httpx.post(server + "/api/scenarios", json={"text": text}, timeout=30)
    assert r.status_code == 201, r.text
    sid = r.json()["id"]

    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/scenarios/{sid}")
    page.wait_for_selector("#outline .jump")
    page.click("#view-form")
    field = lambda path: page.locator(f'#form [data-field="{path}"]')  # noqa: E731
    expect(field("decision_makers[0].name")).to_have_value("North")
    expect(field("decision_makers[1].options[0].name")).to_have_value("south_strikes")
    expect(field("decision_makers[0].preferences[1].statement")).to_have_value("north_advances")
    assert page.is_hidden("#editor")
    assert "restraint" in page.inner_text("#form")  # the variant, shown read-only
    assert page.is_hidden("#form-note")  # nothing edited yet

    # add an option to North, then a statement that misspells it
    page.locator("#form .add-option").first.click()
    field("decision_makers[0].options[1].name").fill("north_withdraws")
    field("decision_makers[0].options[1].label").fill("North withdraws its troops")
    page.locator("#form .add-pref").first.click()
    stmt = field("decision_makers[0].preferences[2].statement")
    stmt.fill("north_withdrew")
    expect(stmt).to_have_class(re.compile("field-err"))
    note = page.locator("#form li[data-field='decision_makers[0].preferences[2]'] .ferr")
    expect(note).to_contain_text("north_withdrew")
    expect(page.locator("#form-problems")).to_contain_text("decision_makers[0].preferences[2].statement")
    assert page.locator("#form .field-err").count() == 1  # only that input is marked
    assert page.is_visible("#form-note")
    shot(page, "08-form-problem-desktop")

    # fixed: that mark goes, and the status quo "NN" is now marked (three options need NNN)
    stmt.fill("north_withdraws")
    expect(stmt).not_to_have_class(re.compile("field-err"))
    sq = field("status_quo")
    expect(sq).to_have_class(re.compile("field-err"))
    expect(page.locator("#form-problems")).to_contain_text("status_quo")
    sq.fill("NNN")
    expect(page.locator("#form-problems")).to_be_hidden()
    assert page.locator("#form .field-err").count() == 0
    page.click("#form button[aria-label='Move statement 3 up']")
    expect(field("decision_makers[0].preferences[1].statement")).to_have_value("north_withdraws")
    expect(field("decision_makers[0].preferences[2].statement")).to_have_value("north_advances")
    expect(page.locator("#outline")).to_contain_text("north_withdraws")  # the outline follows
    shot(page, "09-form-fixed-desktop")

    page.fill("#save-message", "withdrawal option, from the form")
    page.click("#save")
    expect(page.locator("#version-badge")).to_have_text("v2")
    saved = httpx.get(f"{server}/api/scenarios/{sid}").json()
    assert saved["version"] == 2
    doc = httpx.post(server + "/api/document", json={"text": saved["text"]}).json()["document"]
    north = doc["decision_makers"][0]
    assert [o["name"] for o in north["options"]] == ["north_advances", "north_withdraws"]
    assert north["options"][1]["label"] == "North withdraws its troops"
    assert north["preferences"] == ["not south_strikes", "north_withdraws", "north_advances"]
    assert doc["status_quo"] == "NNN"
    assert doc["variants"][0]["name"] == "restraint"  # untouched parts survive
    assert "# a comment the form keeps" in saved["text"]  # only edited entries lose comments
    assert "south_strikes if north_advances  # South's comment" in saved["text"]
    assert "north_withdraws" in " ".join(o["name"] for o in saved["summary"]["decision_makers"][0]["options"])

    # back to YAML: the editor holds the regenerated text
    page.click("#view-yaml")
    assert page.is_visible("#editor")
    assert "north_withdraws" in page.input_value("#model-text")
    assert not errors, errors
    ctx.close()

    # phone width: the form fits and marks a bad constraint where it is
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/scenarios/{sid}")
    page.wait_for_selector("#outline .jump")
    page.click("#view-form")
    expect(field("decision_makers[0].options[1].name")).to_have_value("north_withdraws")
    page.click("#form button:has-text('+ constraint')")
    when = field("infeasible[0].when")
    when.fill("north_advances and north_withdrew")
    expect(when).to_have_class(re.compile("field-err"))
    field("infeasible[0].why").fill("cannot advance and withdraw at once")
    when.scroll_into_view_if_needed()
    assert no_horizontal_overflow(page), "phone: the form is wider than the screen"
    shot(page, "10-form-problem-phone")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "11-form-top-phone")
    assert not errors, errors
    ctx.close()


def test_form_view_short_options_get_a_label(server, browser):
    """Options written as plain names ("options: [a, b]") become mappings once given a label."""
    import httpx
    from playwright.sync_api import expect

    text = MODEL.replace("""    options:
      - name: south_strikes
        label: South strikes first
""", "    options: [south_strikes]\n").replace("Border standoff", "Short options")
    r = httpx.post(server + "/api/scenarios", json={"text": text}, timeout=30)
    assert r.status_code == 201, r.text
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/scenarios/{r.json()['id']}")
    page.wait_for_selector("#outline .jump")
    page.click("#view-form")
    name = page.locator('#form [data-field="decision_makers[1].options[0].name"]')
    expect(name).to_have_value("south_strikes")
    page.locator('#form [data-field="decision_makers[1].options[0].label"]').fill("South strikes first")
    page.locator('#form [data-field="decision_makers[1].options[0].direction"]').select_option("take_only")
    page.click("#view-yaml")
    expect(page.locator("#form-view")).to_be_hidden()
    doc = httpx.post(server + "/api/document", json={"text": page.input_value("#model-text")}).json()["document"]
    assert doc["decision_makers"][1]["options"] == [
        {"name": "south_strikes", "label": "South strikes first", "direction": "take_only"}]
    page.wait_for_selector("#outline .dir")  # the YAML check ran on the regenerated text
    assert page.is_hidden("#problems")
    assert not errors, errors
    ctx.close()


BACKSTOP = Path(__file__).resolve().parent / "fixtures" / "hypergame" / "backstop.yaml"


def test_view_beside_reality(server, browser):
    # backstop.yaml (derived in tests/test_hypergame.py): the US expects NYY; in reality Europe
    # and Russia leave it, on statements the US perception leaves out.
    import httpx
    from playwright.sync_api import expect

    r = httpx.post(server + "/api/scenarios", json={"text": BACKSTOP.read_text()}, timeout=30)
    assert r.status_code == 201, r.text
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/scenarios/{r.json()['id']}")
    page.click(".tabs button[data-tab=results]")
    page.click("#run")
    page.wait_for_selector("body[data-analysis=ready]", timeout=60_000)
    page.locator("#equilibria .state.link", has_text="NYY").first.click()
    page.wait_for_selector("#explanation table.view-beside")
    text = page.inner_text("#explanation")
    assert "expected" in text and "not an equilibrium" in text
    assert "rests on" in text and "eu-only-with-backstop" in text
    shot(page, "08-view-us-expects")
    # The form: another DM, another state.
    page.select_option("#view-dm", "Europe")
    page.fill("#view-state", "NNY")
    page.click("#view-explain")
    # A locator assertion, not wait_for_function: the app's policy forbids eval, which
    # wait_for_function's string predicate needs.
    expect(page.locator("#explanation")).to_contain_text("Europe's view")
    assert "its view is reality" in page.inner_text("#explanation")
    shot(page, "09-view-of-a-dm-without-perception")
    assert not errors, errors
    page.close()


def test_large_model_reads_the_compact_result(server, browser):
    """Beyond 4,096 states the stored result is the compact form (sets as ranges or bitsets):
    the page shows its equilibria and every stability cell agrees with the engine."""
    import json

    import httpx

    import detente
    from detente.gmcr.random_conflict import random_conflict_document

    doc = random_conflict_document(13, 3, seed=5)  # 8,192 states
    r = httpx.post(server + "/api/scenarios", json={"text": json.dumps(doc)}, timeout=30)
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/scenarios/{sid}")
    page.click(".tabs button[data-tab=results]")
    page.click("#run")
    page.wait_for_selector("body[data-analysis=ready]", timeout=180_000)
    page.wait_for_selector("#stability td.c")
    local = detente.analyze(detente.load(doc))
    job = httpx.get(f"{server}/api/scenarios/{sid}/analyses", timeout=30).json()[0]
    assert httpx.get(f"{server}/api/analyses/{job['id']}/result", timeout=30).json()["schema"] == "detente.analysis/2"
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('#stability td.c[data-dm]'))
        .map(td => [Number(td.dataset.state), td.dataset.dm, td.dataset.concept, td.textContent])""")
    assert cells
    for state, dm, concept, text in cells:
        assert (text == "✓") == bool(local.stable[concept][dm][state - 1]), (state, dm, concept)
    shown = page.inner_text("#equilibria")
    for c in local.concepts:
        for p in local.equilibria(c)[:3]:
            assert local.yn(p) in shown
    assert not errors, errors
    page.close()
