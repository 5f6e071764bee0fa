"""The documentation site builds with warnings as errors and opens offline.

``mkdocs build --strict`` (mkdocs.yml) renders docs/, the API reference from the docstrings and
the gallery, whose pages and pictures tools/docs_gallery.py generates by running detente. The
built pages must load nothing from the network (no CDN fonts, scripts or stylesheets).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    pytest.importorskip("mkdocs", reason="the docs tools are in the dev extra")
    pytest.importorskip("material", reason="mkdocs-material is in the dev extra")
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    return out


def test_every_page_loads_nothing_from_the_network(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # Links (<a href>) may point anywhere; what a page *loads* must be local.
        loads = re.findall(r'<(?:script|img|iframe|source)[^>]*\ssrc="((?:https?:)?//[^"]+)"', html)
        loads += re.findall(r'<link[^>]*\shref="((?:https?:)?//[^"]+)"', html)
        loads = [u for u in loads if not re.search(r'rel="(canonical|alternate)"', u)]
        assert not loads, f"{page.relative_to(site)} loads {loads}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_gallery_pages_carry_their_pictures(site):
    import detente
    for name in ("prisoners-dilemma", "chicken", "syria-iraq-1975", "cuban-missile-crisis",
                 "elmira", "us-north-korea-2017"):
        page = (site / "gallery" / f"{name}.html").read_text(encoding="utf-8")
        svg = (site / "gallery" / f"{name}.svg").read_text(encoding="utf-8")
        assert f'src="{name}.svg"' in page and svg.startswith("<svg")
        result = detente.analyze(ROOT / "tests" / "fixtures" / "gmcr" / f"{name}.yaml")
        for p in result.equilibria("SEQ"):
            assert f"{p + 1}:{result.yn(p)}" in page
    flagship = (site / "gallery" / "flagship.html").read_text(encoding="utf-8")
    assert 'src="flagship.svg"' in flagship
    bargaining = (site / "gallery" / "bargaining.html").read_text(encoding="utf-8")
    assert bargaining.count(".svg") >= 2


def test_api_reference_renders_the_docstrings(site):
    api = (site / "reference" / "api.html").read_text(encoding="utf-8")
    for name in ("AnalysisResult", "to_frame", "to_networkx", "issue_from_frame", "expected_utility"):
        assert name in api, name
    assert (site / "changelog.html").exists()
