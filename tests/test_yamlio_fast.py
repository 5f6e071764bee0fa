"""The libyaml fast path of parse_text gives exactly what the round-trip loader gives."""

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from detente.model import yamlio
from detente.model.yamlio import Positions, _plain, parse_text

ROOT = Path(__file__).resolve().parents[1]

SNIPPETS = [
    "a: 1\nb: [1, 2.5, -3, 0x1f, 1_000]\nc: {d: null, e: ~, f: true, g: false}\n",
    "date: 2025-02-01\nwhen: 2025-02-01T10:00:00\nq: '2025-02-01'\n",
    "sci: 1e3\nyes: yes\nno: no\non: on\n",
    "text: >\n  folded\n  text\nlit: |\n  a\n  b\n",
    "anchors:\n  base: &b {x: 1}\n  other: *b\n",
    "- 1\n- - 2\n  - 3\n- {a: [4, {b: 5}]}\n",
    "'quoted key': \"v\"\n1: int key\n",
    '{"json": [1, 2, {"x": "y"}], "n": null}',
]


def slow(text):
    pos = Positions("f")
    y = YAML(typ="rt", pure=True)
    y.allow_duplicate_keys = False
    return _plain(y.load(text), (), pos), pos._pos


def fast(text):
    pos = Positions("f")
    out = yamlio._parse_fast(text, pos)
    return out, pos._pos


@pytest.mark.parametrize("text", SNIPPETS)
def test_fast_path_matches_round_trip_loader(text):
    if fast("a: 1")[0] is yamlio._SLOW:
        pytest.skip("libyaml (ruamel.yaml.clib) not installed")
    assert fast(text) == slow(text)


def test_fast_path_matches_on_every_repository_yaml():
    if fast("a: 1")[0] is yamlio._SLOW:
        pytest.skip("libyaml (ruamel.yaml.clib) not installed")
    files = [p for d in ("scenarios", "tests/fixtures") for p in (ROOT / d).rglob("*.y*ml")]
    assert files
    for p in files:
        text = p.read_text(encoding="utf-8")
        assert fast(text) == slow(text), p


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "inf: .inf\n", "nan: .nan\n",
                                  "n: " + "9" * 30 + "\n", "d: 2025-02-30\n",
                                  "a: &a [*a]\n", "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
                                  "a: !custom 1\n", "a: [1, 2\n"])
def test_unusual_documents_take_the_round_trip_path(text):
    """Also what the round-trip loader's limits refuse (issue 11): non-finite and huge numbers,
    impossible dates, a recursive alias."""
    assert fast(text)[0] is yamlio._SLOW
    try:
        data, _ = parse_text(text, file="f.yaml")
    except Exception as exc:  # duplicate keys and syntax errors: the located error message
        assert "f.yaml" in str(exc) or getattr(exc, "problems", None)


def test_alias_bombs_and_deep_aliases_take_the_round_trip_path():
    from hostile_documents import billion_laughs
    assert fast(billion_laughs())[0] is yamlio._SLOW
    deep = "a: &a " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 30 + "*a" + "]" * 30 + "\n"
    assert fast(deep)[0] is yamlio._SLOW  # 70 levels once the alias is expanded
    with pytest.raises(Exception, match="nested more than 64"):
        parse_text(deep, file="f.yaml")
