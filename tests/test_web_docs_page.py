"""The interactive API page (/docs) in headless Chromium: Swagger UI's files come from this
server (no CDN, which the page's own Content-Security-Policy forbids and an offline machine
cannot reach), the operations render, and "Try it out" reaches the API.

Skipped, with the reason, when ``/usr/bin/chromium`` is missing (``apt-get install chromium``).
"""

from __future__ import annotations

import pytest

from test_web_browser import ARGS, CHROMIUM, shot

pytest.importorskip("playwright", reason="the playwright package is not installed (pip install playwright)")


def test_docs_page_is_served_locally_under_a_strict_policy(tmp_path):
    from fastapi.testclient import TestClient

    from detente.store.db import dispose_all
    from detente.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'd.sqlite'}", jobs="thread")
    try:
        with TestClient(app, base_url="http://127.0.0.1") as c:
            r = c.get("/docs")
            assert r.status_code == 200
            csp = r.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
            assert "cdn" not in r.text.lower() and "https://" not in r.text
            assert "<script>" not in r.text  # every script is a file of this server
            for path in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css",
                         "/static/docs.js"):
                assert path in r.text
                got = c.get(path)
                assert got.status_code == 200 and len(got.content) > 100, path
            assert c.get("/redoc").status_code == 404  # no page that would load from a CDN
    finally:
        dispose_all()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not found at /usr/bin/chromium: "
                    "install Debian's chromium (apt-get install -y chromium) to run the "
                    "browser tests")
def test_docs_page_renders_the_operations_in_chromium(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from detente.store.db import dispose_all
    from detente.web.app import create_app

    from test_web_browser import _start

    srv, th, base = _start(create_app(f"sqlite:///{tmp_path / 'docs.sqlite'}", jobs="thread"))
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
            page = b.new_page(viewport={"width": 1280, "height": 800})
            errors, refused, foreign = [], [], []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: refused.append(m.text)
                    if "Content Security Policy" in m.text or "Refused to" in m.text else None)
            page.on("request", lambda r: foreign.append(r.url)
                    if not r.url.startswith((base, "data:")) else None)
            page.goto(base + "/docs")

            # the operations are rendered, grouped by tag
            op = page.locator(".opblock-summary-path[data-path='/api/scenarios']").first
            expect(op).to_be_visible(timeout=15000)
            expect(page.locator(".opblock-tag[data-tag='evidence']")).to_be_visible()
            assert page.locator(".opblock").count() >= 25
            shot(page, "docs-api-page")

            # "Try it out" on GET /api/health reaches the API from the page (connect-src 'self')
            health = page.locator("#operations-service-health_api_health_get")
            health.locator(".opblock-summary").click()
            health.locator("button.try-out__btn").click()
            health.locator("button.execute").click()
            expect(health.locator(".responses-table.live-responses-table")).to_contain_text(
                '"status": "ok"', timeout=10000)

            assert not errors, errors
            assert not refused, refused  # nothing blocked by the page's policy
            assert not foreign, foreign  # no request leaves this server
            b.close()
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        dispose_all()
