"""End-to-end in headless Chromium: suggested observations in a scenario's Timeline tab and
"Add to timeline" (a new version; refused with a message when the scenario changed since or
the statement is gone), suggested evidence beside the assumptions, and the Evidence page's
scenario search. Skipped, with the reason, when /usr/bin/chromium is missing (see
tests/test_web_browser.py)."""

from __future__ import annotations

import pytest

from test_web_browser import ARGS, CHROMIUM, _start, shot  # noqa: F401
from test_web_suggest import ARTICLES, COMMENTED

playwright = pytest.importorskip("playwright", reason="the playwright package is not installed (pip install playwright)")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not found at /usr/bin/chromium: "
                       "install Debian's chromium (apt-get install -y chromium) to run the "
                       "browser tests"),
]


@pytest.fixture
def site(tmp_path):
    from detente.store.db import dispose_all
    from detente.web import services
    from detente.web.app import create_app

    from evidence_fake import FakeExtractor

    app = create_app(f"sqlite:///{tmp_path / 'suggest.sqlite'}", jobs="thread")
    saved, services._extractor = services._extractor, FakeExtractor()
    srv, th, base = _start(app)
    try:
        yield app, base
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        services._extractor = saved
        dispose_all()


@pytest.fixture
def page_of(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        ctx = b.new_context(viewport={"width": 1280, "height": 800})
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page
        assert not errors, errors
        b.close()


def test_add_to_timeline_in_the_browser(site, page_of):
    import httpx
    from playwright.sync_api import expect

    app, base = site
    page = page_of
    r = httpx.post(f"{base}/api/evidence/articles", json={"articles": [
        {"text": text, "date": date, "source": "wire"} for date, text in ARTICLES]})
    assert r.status_code == 200 and r.json()["failed"] == 0, r.text
    sid = httpx.post(f"{base}/api/scenarios", json={"text": COMMENTED}).json()["id"]

    page.goto(f"{base}/scenarios/{sid}#timeline")
    page.click("#tl-suggest")
    cards = page.locator("#tl-suggestions .observation")
    expect(cards).to_have_count(3)
    signed = cards.filter(has_text="Yulia Svyrydenko")
    expect(signed.locator(".records")).to_contain_text(
        "Would record: Ukraine takes ua_minerals (Ukraine signs the minerals deal)")
    expect(signed).to_contain_text("2025-04-30")
    expect(signed.locator(".snippet")).to_contain_text("move: {by: Ukraine, take: [ua_minerals]}")
    expect(cards.filter(has_text="paused")).to_contain_text("us_aid (U.S. military aid to Ukraine continues) observed not taken")
    shot(page, "20-suggested-observations")

    signed.get_by_role("button", name="Add to timeline").click()
    expect(page.locator("#version-badge")).to_have_text("v2")
    expect(cards).to_have_count(2)  # the added statement is no longer proposed
    text = page.input_value("#model-text")
    assert "take: [ua_minerals]" in text and "# more events go here" in text and "# from the wires" in text
    v2 = httpx.get(f"{base}/api/scenarios/{sid}/versions/2").json()["text"]
    assert len(v2.splitlines()) == len(COMMENTED.splitlines()) + 4

    # a colleague saves version 3 meanwhile: the next add is refused with the reason
    r = httpx.put(f"{base}/api/scenarios/{sid}", json={"text": v2 + "# checked\n", "base_version": 2})
    assert r.status_code == 200
    resumed = cards.filter(has_text="resumed")
    resumed.get_by_role("button", name="Add to timeline").click()
    expect(resumed.locator(".problems")).to_contain_text("changed by someone else")
    expect(page.locator("#version-badge")).to_have_text("v2")
    resumed.get_by_role("button", name="Load the latest version").click()
    expect(page.locator("#version-badge")).to_have_text("v3")

    # the statement is removed from the store meanwhile: refused, nothing saved
    from detente.store.schema import StatementRow
    cards.first.wait_for()
    paused = cards.filter(has_text="paused")
    expect(paused).to_have_count(1)
    st_id = int(paused.get_attribute("data-statement"))
    with app.state.ws.tx() as s:
        s.delete(s.get(StatementRow, st_id))
    paused.get_by_role("button", name="Add to timeline").click()
    expect(paused.locator(".problems")).to_contain_text(f"no stored statement {st_id}")
    expect(page.locator("#version-badge")).to_have_text("v3")

    # unsaved edits in the editor: asked first; dismissed, nothing is saved or replaced
    page.click(".tabs button[data-tab=model]")
    page.fill("#model-text", page.input_value("#model-text") + "# my unsaved note\n")
    page.click(".tabs button[data-tab=timeline]")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    resumed.get_by_role("button", name="Add to timeline").click()
    page.wait_for_timeout(500)
    assert asked and "unsaved edits" in asked[0]
    expect(page.locator("#version-badge")).to_have_text("v3")
    assert "# my unsaved note" in page.input_value("#model-text")

    # accepted: the one left goes in on the current version
    page.once("dialog", lambda d: d.accept())
    resumed.get_by_role("button", name="Add to timeline").click()
    expect(page.locator("#version-badge")).to_have_text("v4")
    assert "take: [us_aid]" in page.input_value("#model-text")
    assert "# my unsaved note" not in page.input_value("#model-text")

    # suggested evidence beside the assumptions, linked with one click
    page.click(".tabs button[data-tab=evidence]")
    page.locator("#assumptions .assumption").first.wait_for()
    page.click("#ev-suggest")
    ua = page.locator("#assumptions .assumption").filter(has_text="pref:Ukraine:1")
    suggestion = ua.locator(".suggested").filter(has_text="Andrii Yermak")
    expect(suggestion).to_have_count(1)
    suggestion.get_by_role("button", name="Link").click()
    expect(ua.locator(".linked")).to_contain_text("Andrii Yermak")
    shot(page, "21-suggested-evidence")

    # the Evidence page finds a scenario by its title among many
    for i in range(55):
        httpx.post(f"{base}/api/scenarios", json={"text": COMMENTED.replace("Minerals toy", f"Other {i}")})
    page.goto(f"{base}/evidence")
    expect(page.locator("#link-scenario option")).to_have_count(51)  # (choose) + a page of 50
    expect(page.locator("#link-scenario-count")).to_contain_text("50 most recent of 56")
    expect(page.locator(f"#link-scenario option[value='{sid}']")).to_have_count(0)
    page.fill("#link-scenario-q", "mineral")
    expect(page.locator("#link-scenario option")).to_have_count(2)
    page.select_option("#link-scenario", str(sid))
    expect(page.locator("#link-target option[value='pref:US:2']")).to_have_count(1)
