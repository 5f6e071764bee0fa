"""Cross-site attacks on ``detente serve`` from a real browser (Debian's Chromium through the
PyPI ``playwright`` package, as tests/test_web_browser.py).

The workspace runs on 127.0.0.1 without a token (the default setup). An attacker's pages are
served from a second origin, http://127.0.0.2:PORT: they send what a page can send without the
server's consent (``fetch`` in ``no-cors`` mode with a body without a type, as text, as a
multipart upload; a JSON ``fetch`` that needs a preflight; DELETE; HTML forms, ``text/plain``
with a JSON-looking body and ``multipart/form-data`` with a file), from the page itself and from
a sandboxed iframe (``Origin: null``). Every such request reaches the server and is refused, and
nothing is created or deleted. The same pages against the app without its guard do change the
workspace, so the test can fail. DNS rebinding (a name of the attacker's that resolves to
127.0.0.1) is played with Chromium's ``--host-resolver-rules``.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

playwright = pytest.importorskip("playwright", reason="the playwright package is not installed (pip install playwright)")

from test_web_browser import ARGS, CHROMIUM, _start, browser  # noqa: E402,F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not found at /usr/bin/chromium: "
                       "install Debian's chromium (apt-get install -y chromium) to run the "
                       "browser tests"),
]

SEED = """\
title: Seed
decision_makers:
  - name: A
    options: [a_attacks]
    preferences: [not a_attacks]
  - name: B
    options: [b_attacks]
    preferences: [not b_attacks]
"""
EVIL = SEED.replace("title: Seed", "title: Planted by another site")

ATTACK = """<!doctype html><html><head><title>attacker</title></head><body>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<form id="plain" method="POST" enctype="text/plain" target="sink1"
      action="__APP__/api/scenarios?v=form-text-plain-__WHO__"><input id="plain-field"></form>
<form id="upload" method="POST" enctype="multipart/form-data" target="sink2"
      action="__APP__/api/evidence/files?v=form-upload-__WHO__">
  <input type="file" name="files" id="file"><input name="date" value="2025-02-12"></form>
<script>
const APP = "__APP__", WHO = "__WHO__", MODEL = __MODEL__;
const body = JSON.stringify({text: MODEL});
function upload() {
  const f = new FormData();
  f.append("files", new Blob(["Ann Lee said no neutral country had offered troops."],
                             {type: "text/plain"}), "a.txt");
  f.append("date", "2025-02-12");
  return f;
}
const tries = [
  ["fetch-blob", {method: "POST", mode: "no-cors", body: new Blob([body])}, "/api/scenarios"],
  ["fetch-text", {method: "POST", mode: "no-cors", body: body}, "/api/scenarios"],
  ["fetch-json", {method: "POST", headers: {"Content-Type": "application/json"}, body: body},
   "/api/scenarios"],
  ["fetch-delete", {method: "DELETE"}, "/api/scenarios/1"],
  ["fetch-upload", {method: "POST", mode: "no-cors", body: upload()}, "/api/evidence/files"],
  ["fetch-analysis", {method: "POST", mode: "no-cors"}, "/api/scenarios/1/analyses"],
];
async function go() {
  for (const [name, init, path] of tries) {
    try { await fetch(APP + path + "?v=" + name + "-" + WHO, init); } catch (e) { /* refused */ }
  }
  // a text/plain form whose body reads as JSON: {"text": "...", "pad": "="}
  const field = document.getElementById("plain-field");
  field.name = '{"text": ' + JSON.stringify(MODEL) + ', "pad": "';
  field.value = '"}';
  document.getElementById("plain").submit();
  const dt = new DataTransfer();
  dt.items.add(new File(["Bob Stone said yes."], "b.txt", {type: "text/plain"}));
  document.getElementById("file").files = dt.files;
  document.getElementById("upload").submit();
  if (WHO === "page") {
    const fr = document.createElement("iframe");
    fr.setAttribute("sandbox", "allow-scripts allow-forms");
    fr.src = "/sandboxed.html";
    document.body.appendChild(fr);
  }
}
go();
</script></body></html>"""

#: every request the pages send and the server must see (the DELETE and the JSON fetch stop
#: at the browser's preflight, which the server answers without CORS headers)
SENT = ["fetch-blob", "fetch-text", "fetch-upload", "fetch-analysis", "form-text-plain",
        "form-upload"]


class Recorder:
    """ASGI wrapper noting each request the app answers: (v, method, path, origin, status)."""

    def __init__(self, app) -> None:
        self.app, self.seen = app, []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        query = dict(p.split("=", 1) for p in scope["query_string"].decode().split("&") if "=" in p)

        async def noting(message):
            if message["type"] == "http.response.start":
                self.seen.append({"v": query.get("v"), "method": scope["method"],
                                  "path": scope["path"], "origin": headers.get("origin"),
                                  "site": headers.get("sec-fetch-site"),
                                  "type": headers.get("content-type"), "status": message["status"]})
            await send(message)
        await self.app(scope, receive, noting)


def _attacker(app_base: str):
    """The attacker's server on 127.0.0.2 (another origin, as another site would be)."""
    def page(who: str) -> bytes:
        return (ATTACK.replace("__APP__", app_base).replace("__WHO__", who)
                .replace("__MODEL__", json.dumps(EVIL))).encode()
    pages = {"/attack.html": page("page"), "/sandboxed.html": page("sandboxed")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.2:{httpd.server_address[1]}"


def _workspace(base: str) -> dict:
    import httpx
    scenarios = httpx.get(base + "/api/scenarios", timeout=30).json()
    return {"titles": sorted(s["title"] for s in scenarios),
            "versions": sorted(s["version"] for s in scenarios),
            "analyses": sum(len(httpx.get(f"{base}/api/scenarios/{s['id']}/analyses", timeout=30).json())
                            for s in scenarios),
            "statements": len(httpx.get(base + "/api/evidence/statements", timeout=30).json())}


def _run_attack(browser, tmp_path, guarded: bool):  # noqa: F811
    import httpx

    from detente.store.db import dispose_all
    from detente.web.app import create_app
    from detente.web.security import RequestGuard

    from evidence_fake import FakeExtractor
    from detente.web import services

    app = create_app(f"sqlite:///{tmp_path / ('g' if guarded else 'u')}.sqlite", jobs="thread")
    if not guarded:  # the control: the same app without its guard
        app.user_middleware = [m for m in app.user_middleware if m.cls is not RequestGuard]
    rec = Recorder(app)
    saved, services._extractor = services._extractor, FakeExtractor()
    srv, th, base = _start(rec)
    httpd, evil = _attacker(base)
    try:
        assert httpx.post(base + "/api/scenarios", json={"text": SEED}, timeout=30).status_code == 201
        before = _workspace(base)
        ctx = browser.new_context()
        page = ctx.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(evil + "/attack.html")
        wanted = {f"{v}-{who}" for v in SENT for who in ("page", "sandboxed")}
        deadline = time.monotonic() + 30
        while not wanted <= {r["v"] for r in rec.seen} and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # anything still on its way
        ctx.close()
        return before, _workspace(base), rec.seen, wanted
    finally:
        httpd.shutdown()
        srv.should_exit = True
        th.join(timeout=10)
        services._extractor = saved
        dispose_all()


def test_another_origin_cannot_change_the_workspace(browser, tmp_path):  # noqa: F811
    before, after, seen, wanted = _run_attack(browser, tmp_path, guarded=True)
    got = {r["v"] for r in seen}
    assert wanted <= got, f"requests the pages should have sent but the server never saw: {sorted(wanted - got)}"
    attacks = [r for r in seen if r["v"] and r["method"] != "OPTIONS"]
    # each one refused by the guard: cross-site (403) from the page's origin and from null
    assert all(r["status"] == 403 for r in attacks), [r for r in attacks if r["status"] != 403]
    origins = {r["v"].rsplit("-", 1)[1]: r["origin"] for r in attacks}
    assert origins["page"].startswith("http://127.0.0.2:") and origins["sandboxed"] == "null"
    assert {r["site"] for r in attacks} == {"cross-site"}
    assert not any((r["v"] or "").startswith("fetch-delete") and r["method"] == "DELETE" for r in seen)
    assert after == before == {"titles": ["Seed"], "versions": [1], "analyses": 0, "statements": 0}


def test_the_attack_pages_do_change_an_unguarded_workspace(browser, tmp_path):  # noqa: F811
    """The control: without the guard, the same pages plant scenarios and statements (from the
    sandboxed frame, Origin: null, and from the other origin), so the test above can fail."""
    before, after, seen, wanted = _run_attack(browser, tmp_path, guarded=False)
    assert after["titles"].count("Planted by another site") >= 2, (after, seen)
    assert after["statements"] > 0 and after["analyses"] > 0
    ok = {r["v"] for r in seen if r["v"] and r["status"] < 300}
    assert {"fetch-blob-sandboxed", "fetch-blob-page", "fetch-upload-sandboxed"} <= ok, seen


def test_dns_rebinding_is_refused(browser, tmp_path):  # noqa: F811
    """A page at http://rebind.example:PORT/ whose name the attacker points at 127.0.0.1: the
    browser thinks it is same-origin, the server sees a Host it does not answer for."""
    import httpx

    from detente.store.db import dispose_all
    from detente.web.app import create_app

    srv, th, base = _start(create_app(f"sqlite:///{tmp_path / 'r.sqlite'}", jobs="thread"))
    port = base.rsplit(":", 1)[1]
    try:
        assert httpx.post(base + "/api/scenarios", json={"text": SEED}, timeout=30).status_code == 201
        # a second browser from the same playwright, whose resolver plays the attacker's DNS
        b = browser.browser_type.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS + [
            "--host-resolver-rules=MAP rebind.example 127.0.0.1"])
        try:
            page = b.new_page()
            r = page.goto(f"http://rebind.example:{port}/")
            assert r.status == 421 and "--allowed-host rebind.example" in page.content()
            out = page.evaluate("""async () => {
                const w = await fetch("/api/scenarios", {method: "POST",
                    headers: {"Content-Type": "application/json"},
                    body: JSON.stringify({text: "title: x"})});
                const r = await fetch("/api/scenarios/1");
                return [w.status, r.status, await r.text()];
            }""")
        finally:
            b.close()
        assert out[0] == 421 and out[1] == 421 and "Seed" not in out[2]
        assert [s["title"] for s in httpx.get(base + "/api/scenarios", timeout=30).json()] == ["Seed"]
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        dispose_all()


# --- script in reports ---------------------------------------------------------------------------

def _click_everything(page) -> list[str]:
    """Click each link and each URL shown as text in the evidence table; the dialogs seen."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # The report's sections are collapsed <details> (issue 13): open them all, so every link
    # can be clicked.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    n_links = page.locator("a:not([href^='#'])").count()
    others = page.locator("a:not([href^='#']):not([href^='http']):not([href^='mailto:'])")
    for i in range(others.count()):  # none now; before, the javascript: links
        others.nth(i).click()
    for i in range(page.locator(".url").count()):
        page.locator(".url").nth(i).click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('a[href]:not([href^=\"#\"]):not([href^=\"http\"]):not([href^=\"mailto:\"])').length") == 0
    return dialogs, n_links


def test_report_links_run_no_script(browser, tmp_path):  # noqa: F811
    """The report of a model whose evidence URLs are javascript:, data:, vbscript: (however
    written): in the app (shown inline) and as written by `detente report`, clicking everything
    opens no dialog; the http link still works."""
    import httpx

    from detente.cli import main
    from detente.store.db import dispose_all
    from detente.web.app import create_app

    from test_report_links import HOSTILE_URLS, model

    srv, th, base = _start(create_app(f"sqlite:///{tmp_path / 'rep.sqlite'}", jobs="thread"))
    try:
        urls = HOSTILE_URLS + [base + "/api/health", "mailto:desk@example.org"]
        r = httpx.post(base + "/api/scenarios", json={"text": json.dumps(model(urls)), "format": "json"},
                       timeout=60)
        assert r.status_code == 201, r.text
        sid = r.json()["id"]
        ctx = browser.new_context()
        page = ctx.new_page()
        # the harness sees a dialog when a javascript: link runs (so it can fail)
        seen: list[str] = []
        page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
        page.set_content('<a id="x" href="javascript:alert(42)">x</a>')
        page.click("#x")
        page.wait_for_timeout(300)
        assert seen == ["42"]
        page.close()

        page = ctx.new_page()
        page.goto(f"{base}/api/scenarios/{sid}/report?download=false")
        dialogs, n_links = _click_everything(page)
        assert dialogs == [] and n_links == 2
        assert page.locator(".url").count() == len(HOSTILE_URLS)
        page.locator(f"a[href='{base}/api/health']").click()  # a safe link works
        page.wait_for_url(f"{base}/api/health")
        page.close()

        src = tmp_path / "links.json"
        src.write_text(json.dumps(model(urls)), encoding="utf-8")
        out = tmp_path / "links.html"
        assert main(["report", str(src), "-o", str(out), "--concept", "Nash", "--no-summary"]) == 0
        page = ctx.new_page()
        page.goto(out.as_uri())
        dialogs, n_links = _click_everything(page)
        assert dialogs == [] and n_links == 2
        ctx.close()
    finally:
        srv.should_exit = True
        th.join(timeout=10)
        dispose_all()
