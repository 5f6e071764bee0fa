"""The Timeline tab in headless Chromium (fixtures and skips of tests/test_web_browser.py):
the flagship's observed moves, anticipated or surprise, with the contradicted assumption, the
fixing revision, the scores and the picture."""

from __future__ import annotations

import pytest

from test_web_browser import (FLAGSHIP, browser, no_horizontal_overflow, pytestmark,  # noqa: F401 (fixtures)
                              server, shot)


def test_timeline_tab_on_the_flagship(server, browser):  # noqa: F811
    import httpx
    from playwright.sync_api import expect

    r = httpx.post(server + "/api/scenarios", json={"text": FLAGSHIP.read_text()}, timeout=30)
    assert r.status_code == 201, r.text
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/scenarios/{r.json()['id']}#timeline")
    page.click("#tl-run")
    # Locator assertions (the app's policy forbids eval, which wait_for_function strings need).
    expect(page.locator("body")).to_have_attribute("data-timeline", "ready", timeout=60_000)
    rows = page.locator("#tl-moves tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("#tl-moves tbody tr.surprise")).to_have_count(2)
    minerals = page.locator("#tl-moves tbody tr", has_text="takes ua_minerals")
    expect(minerals).to_contain_text("surprise")
    expect(minerals).to_contain_text("ua-keep-minerals")
    expect(minerals).to_contain_text("no later revision")
    ceasefire = page.locator("#tl-moves tbody tr", has_text="takes ua_ceasefire")
    expect(ceasefire).to_contain_text("model 1 (revision of 2025-03-11")
    expect(page.locator("#tl-scores")).to_contain_text("2 of 4")
    img = page.locator("#timeline img.timeline-picture")
    expect(img).to_be_visible()
    assert img.evaluate("i => i.complete && i.naturalWidth > 100")  # the SVG loaded and drew
    shot(page, "10-timeline-flagship")
    # Robustness off, N = 10 days: the Brier score of robustness is gone, the plain one stays.
    page.uncheck("#tl-robust")
    page.fill("#tl-days", "10")
    page.click("#tl-run")
    expect(page.locator("#tl-scores")).to_contain_text("persisted ≥ 10 days")
    expect(page.locator("#tl-scores")).to_contain_text("robustness –")
    assert not errors, errors
    page.close()
    # At phone width the tab fits (the tables scroll inside their panels).
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{server}/scenarios/{r.json()['id']}#timeline")
    phone.click("#tl-run")
    expect(phone.locator("body")).to_have_attribute("data-timeline", "ready", timeout=60_000)
    expect(phone.locator("#tl-moves tbody tr")).to_have_count(4)
    assert no_horizontal_overflow(phone)
    shot(phone, "11-timeline-phone")
    phone.close()


def test_timeline_tab_without_a_timeline(server, browser):  # noqa: F811
    import httpx
    from playwright.sync_api import expect

    text = ("decision_makers:\n  - {name: A, options: [a], preferences: [a]}\n"
            "  - {name: B, options: [b], preferences: [b]}\nstatus_quo: NN\n")
    r = httpx.post(server + "/api/scenarios", json={"text": text}, timeout=30)
    assert r.status_code == 201, r.text
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{server}/scenarios/{r.json()['id']}")
    page.click(".tabs button[data-tab=timeline]")
    page.click("#tl-run")
    expect(page.locator("body")).to_have_attribute("data-timeline", "failed")
    expect(page.locator("#timeline .problems")).to_contain_text("no timeline")
    page.close()
