"""Evidence ``url`` values in the HTML report: only http(s) and mailto become links, in the
report the web app shows, the file it downloads and ``detente report``; every other scheme
(``javascript:`` however written, ``data:``, ``vbscript:``) is shown as text, and the report's
security policy runs no script at all. In Chromium: tests/test_web_security_browser.py."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

import detente
from detente.report.html import REPORT_CSP, link_target, render_report

HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(2)", " javascript:alert(3)",
    "\x01\x1f javascript:alert(4)", "java\tscript:alert(5)", "java\nscript:alert(6)",
    "\tjavascript\r:alert(7)", "data:text/html,<script>alert(8)</script>", "vbscript:msgbox(9)",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=", "file:///etc/passwd",
    "jav&#x09;ascript:alert(11)", "//evil.example/x", "/api/scenarios",
]
SAFE_URLS = ["https://example.org/a?b=1&c=2", "http://example.org/", "mailto:desk@example.org"]


def model(urls) -> dict:
    ev = [{"quote": f"quote {i}", "speaker": "Ann Lee", "url": u} for i, u in enumerate(urls)]
    return {"title": "Links", "decision_makers": [
        {"name": "A", "options": ["a"], "preferences": [{"statement": "not b", "evidence": ev}, "a"]},
        {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}], "status_quo": "NN"}


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def check_report(html: str) -> None:
    import html as htmllib
    links = [htmllib.unescape(h) for h in hrefs(html)]
    external = [h for h in links if not h.startswith("#")]
    assert sorted(external) == sorted(SAFE_URLS), external
    low = html.lower()
    assert "javascript:" not in re.sub(r"<span class=\"meta url\">[^<]*</span>", "", low)
    assert "<script" not in low
    # the hostile ones are still there, as text
    for u in ("javascript:alert(1)", "JaVaScRiPt:alert(2)", "vbscript:msgbox(9)"):
        assert f'<span class="meta url">{u}</span>' in html or u in htmllib.unescape(html)
    assert "&lt;script&gt;alert(8)&lt;/script&gt;" in html
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert meta and htmllib.unescape(meta.group(1)) == REPORT_CSP


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_urls_are_not_links(url):
    assert link_target(url) is None


def test_safe_urls_are_links_as_the_browser_reads_them():
    for u in SAFE_URLS:
        assert link_target(u) == u
    assert link_target("  https://example.org/\n") == "https://example.org/"
    assert link_target("ht\ttps://exa\nmple.org/") == "https://example.org/"
    assert link_target(None) is None and link_target(5) is None


def test_the_report_links_only_safe_urls():
    html = render_report(detente.load(model(HOSTILE_URLS + SAFE_URLS)), concepts=["Nash"])
    check_report(html)
    assert "script-src" not in REPORT_CSP and "default-src 'none'" in REPORT_CSP


def test_detente_report_writes_the_same(tmp_path):
    from detente.cli import main
    src = tmp_path / "links.json"
    src.write_text(json.dumps(model(HOSTILE_URLS + SAFE_URLS)), encoding="utf-8")
    out = tmp_path / "links.html"
    assert main(["report", str(src), "-o", str(out), "--concept", "Nash"]) == 0
    check_report(out.read_text(encoding="utf-8"))


def test_the_web_report_inline_and_downloaded(tmp_path):
    from detente.store.db import dispose_all
    from detente.web.app import create_app
    try:
        with TestClient(create_app(f"sqlite:///{tmp_path / 'r.sqlite'}", jobs="thread"),
                        base_url="http://127.0.0.1") as c:
            text = json.dumps(model(HOSTILE_URLS + SAFE_URLS))
            r = c.post("/api/scenarios", json={"text": text, "format": "json"})
            assert r.status_code == 201, r.text
            sid = r.json()["id"]
            for download in (True, False):
                r = c.get(f"/api/scenarios/{sid}/report", params={"download": download})
                assert r.status_code == 200
                check_report(r.text)
                csp = r.headers["content-security-policy"]
                assert "unsafe-inline" not in csp.split("style-src")[0]
                assert "script-src" not in csp and "default-src 'none'" in csp
                assert "sandbox" in csp and "frame-ancestors 'none'" in csp
                assert ("attachment" in r.headers.get("content-disposition", "")) == download
    finally:
        dispose_all()
