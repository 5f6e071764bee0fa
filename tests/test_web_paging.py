"""Every list of the API and of the web UI comes a page at a time: ``limit``/``offset`` (bounded),
the total in ``X-Total-Count`` and the neighbouring pages in ``Link`` (rel="next"/"prev");
the Evidence page and the scenario list have Previous/Next controls (Chromium).
"""

from __future__ import annotations

import re
import time

import pytest

from test_web_api import SMALL, db_url  # noqa: F401 - db_url: SQLite, and PostgreSQL if reachable

BASE = "http://127.0.0.1"
LINK = re.compile(r'<([^>]*)>\s*;\s*rel="(\w+)"')


def _client(db_url):  # noqa: F811
    from fastapi.testclient import TestClient

    from detente.web.app import create_app
    return TestClient(create_app(db_url, jobs="thread"), base_url=BASE)


def _links(r) -> dict[str, str]:
    return {rel: url for url, rel in LINK.findall(r.headers.get("link", ""))}


def _walk(c, url: str, key=lambda x: x["id"]) -> tuple[list, int]:
    """Follow rel="next" from ``url`` to the end, checking the headers on the way; then walk
    back with rel="prev" and check the same pages come back."""
    pages, seen, total = [], [], None
    while url:
        r = c.get(url)
        assert r.status_code == 200, (url, r.text)
        n = int(r.headers["x-total-count"])
        assert total in (None, n), "the total changed between pages"
        total = n
        items = [key(x) for x in r.json()]
        pages.append((url, items))
        seen += items
        links = _links(r)
        if len(pages) > 1:
            assert "prev" in links, url
        url = links.get("next")
        assert len(pages) < 100, "rel=next never ends"
    assert len(seen) == len(set(seen)) == total, (seen, total)  # nothing repeated or skipped
    # and back again
    url, back = pages[-1][0], []
    while url:
        r = c.get(url)
        back.append([key(x) for x in r.json()])
        url = _links(r).get("prev")
    assert back[::-1] == [items for _, items in pages]
    return seen, len(pages)


def _article(i: int) -> dict:
    return {"text": f"Speaker{chr(65 + i % 26)} Person said point number {i} stands. "
                    f"Other Person told reporters item {i} matters.",
            "date": f"2025-0{1 + i % 9}-{10 + i % 18:02d}", "source": f"wire {i}"}


@pytest.fixture
def fake_extractor():
    from detente.web import services

    from evidence_fake import FakeExtractor
    saved, services._extractor = services._extractor, FakeExtractor()
    yield
    services._extractor = saved


def test_every_list_endpoint_pages(db_url, fake_extractor):  # noqa: F811
    with _client(db_url) as c:
        # every operation answering a list takes limit and offset and documents the headers
        doc = c.get("/openapi.json").json()
        lists = []
        for path, ops in doc["paths"].items():
            for method, op in ops.items():
                ok = op["responses"].get("200", {})
                schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
                if schema.get("type") == "array":
                    lists.append(path)
                    params = {p["name"]: p for p in op.get("parameters", []) if p["in"] == "query"}
                    assert params["limit"]["schema"]["maximum"] == 1000, path
                    assert params["offset"]["schema"]["minimum"] == 0, path
                    assert {"X-Total-Count", "Link"} <= set(ok.get("headers", {})), path
        assert len(lists) >= 6, lists

        ids = [c.post("/api/scenarios", json={"text": SMALL.replace("Small", f"S{i}")}).json()["id"]
               for i in range(7)]
        seen, n = _walk(c, "/api/scenarios?limit=3")
        assert sorted(seen) == sorted(ids) and n == 3
        assert seen[0] == ids[-1]  # most recently changed first
        r = c.get("/api/scenarios")  # the default page holds them all: no Link
        assert r.headers["x-total-count"] == "7" and "link" not in r.headers

        sid = ids[0]
        for v in range(1, 5):
            r = c.put(f"/api/scenarios/{sid}", json={"text": SMALL + f"# v{v + 1}\n",
                                                     "base_version": v})
            assert r.status_code == 200, r.text
        seen, _ = _walk(c, f"/api/scenarios/{sid}/versions?limit=2", key=lambda x: x["version"])
        assert seen == [5, 4, 3, 2, 1]

        for _ in range(3):
            assert c.post(f"/api/scenarios/{sid}/analyses",
                          json={"concepts": ["Nash"], "reuse": False}).status_code == 202
        seen, _ = _walk(c, f"/api/scenarios/{sid}/analyses?limit=2")
        assert len(seen) == 3 and seen == sorted(seen, reverse=True)

        r = c.post("/api/evidence/articles", json={"articles": [_article(i) for i in range(12)]})
        assert r.status_code == 200 and r.json()["failed"] == 0, r.text
        seen, _ = _walk(c, "/api/evidence/statements?limit=5")
        assert len(seen) == 24
        # a filter is kept in the links and the total counts what it finds
        r = c.get("/api/evidence/statements", params={"speaker": "other", "limit": 5})
        assert r.headers["x-total-count"] == "12"
        assert "speaker=other" in _links(r)["next"]
        seen_filtered, _ = _walk(c, "/api/evidence/statements?speaker=other&limit=5")
        assert len(seen_filtered) == 12 and set(seen_filtered) < set(seen)

        for st in seen[:3]:
            assert c.post(f"/api/scenarios/{sid}/links",
                          json={"statement_id": st, "target": "option:a_attacks"}).status_code == 201
        seen, _ = _walk(c, f"/api/scenarios/{sid}/links?limit=2")
        assert len(seen) == 3
        keys, _ = _walk(c, f"/api/scenarios/{sid}/assumptions?limit=2", key=lambda x: x["key"])
        assert "pref:A:1" in keys and "option:a_attacks" in keys

        # bounds: refused by the schema, located
        for bad in ("limit=0", "limit=1001", "offset=-1", f"offset={2**31}", "limit=x"):
            r = c.get(f"/api/scenarios?{bad}")
            assert r.status_code == 422, (bad, r.text)
            assert r.json()["problems"][0]["field"] in ("limit", "offset")
        # past the end: an empty page, the total, and the way back
        r = c.get("/api/scenarios?offset=50&limit=3")
        assert r.json() == [] and r.headers["x-total-count"] == "7"
        assert _links(r) == {"prev": "/api/scenarios?offset=4&limit=3"}


# --- the web UI (Chromium) ------------------------------------------------------------------

def test_scenario_list_page_pages(tmp_path):
    from detente.store.db import dispose_all
    from detente.web.pages import PAGE

    try:
        with _client(f"sqlite:///{tmp_path / 'l.sqlite'}") as c:
            for i in range(PAGE + 3):
                assert c.post("/api/scenarios", json={"text": SMALL.replace(
                    "Small test conflict", f"Scenario number {i:03d}")}).status_code == 201
            first = c.get("/").text
            assert first.count('href="/scenarios/') >= PAGE  # title and results links
            assert "Scenario number 052" in first and "Scenario number 002" not in first
            assert f"1–{PAGE} of {PAGE + 3}" in first and f'href="/?offset={PAGE}"' in first
            second = c.get(f"/?offset={PAGE}").text
            assert "Scenario number 002" in second and "Scenario number 052" not in second
            assert f"{PAGE + 1}–{PAGE + 3} of {PAGE + 3}" in second and 'href="/?offset=0"' in second
            assert "Back to the first page" in c.get("/?offset=999").text
    finally:
        dispose_all()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_evidence_page_pages_in_chromium(tmp_path, fake_extractor):
    pytest.importorskip("playwright", reason="the playwright package is not installed")
    from pathlib import Path
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Chromium not found at /usr/bin/chromium: install Debian's chromium "
                    "(apt-get install -y chromium) to run the browser tests")
    import httpx
    from playwright.sync_api import expect, sync_playwright

    from detente.store.db import dispose_all
    from detente.web.app import create_app

    from test_web_browser import _start, shot

    srv, th, base = _start(create_app(f"sqlite:///{tmp_path / 'e.sqlite'}", jobs="thread"))
    try:
        for chunk in range(3):  # 65 articles, 2 statements each: 130 statements
            arts = [_article(i) for i in range(chunk * 25, min(65, chunk * 25 + 25))]
            r = httpx.post(base + "/api/evidence/articles", json={"articles": arts}, timeout=60)
            assert r.status_code == 200 and r.json()["failed"] == 0, r.text
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
            page = b.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(base + "/evidence")
            rows = page.locator("#statements tbody tr.statement")
            nav = page.locator("#statements-pager")
            expect(nav.locator(".info")).to_have_text("1–100 of 130")
            expect(rows).to_have_count(100)
            expect(nav.locator("button.prev")).to_be_disabled()
            first_page = rows.first.locator("td").nth(4).inner_text()
            nav.locator("button.next").click()
            expect(nav.locator(".info")).to_have_text("101–130 of 130")
            expect(rows).to_have_count(30)
            expect(nav.locator("button.next")).to_be_disabled()
            assert rows.first.locator("td").nth(4).inner_text() != first_page
            nav.scroll_into_view_if_needed()
            shot(page, "evidence-page-2")
            nav.locator("button.prev").click()
            expect(nav.locator(".info")).to_have_text("1–100 of 130")
            expect(rows.first.locator("td").nth(4)).to_have_text(first_page)
            # a filter starts again from its first page, and its list fits on one: no pager
            nav.locator("button.next").click()
            expect(nav.locator(".info")).to_have_text("101–130 of 130")
            page.fill("#filters input[name=text]", "point number 1")  # 1, 10..19
            page.click("#filters button")
            expect(rows).to_have_count(11)
            expect(nav).to_be_hidden()
            assert not errors, errors
            b.close()
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        dispose_all()
