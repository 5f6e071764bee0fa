"""Hostile YAML/JSON documents (issue 11), shared by tests/test_hostile_inputs.py and
bench/hostile_inputs.py. Each is small; read naively, each costs minutes, gigabytes or a
RecursionError. ``HOSTILE[name] = (text, suffix, expected line)``."""


def billion_laughs(levels: int = 9) -> str:
    """Nine levels of nine aliases: 441 bytes that stand for 9^9 (387 million) strings."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"decision_makers: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def merge_laughs(levels: int = 40) -> str:
    """The same with merge keys (<<), which copy a mapping's entries into another."""
    out = "b0: &b0 {x: 1, y: 2}\n"
    for i in range(1, levels):
        out += f"b{i}: &b{i} {{<<: *b{i - 1}, k{i}: *b{i - 1}}}\n"
    return out + f"decision_makers: *b{levels - 1}\n"


def deep_block(levels: int = 1000) -> str:
    return "decision_makers:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(levels)) \
        + "  " * (levels + 1) + "v\n"


HOSTILE = {
    "billion-laughs": (billion_laughs(), ".yaml", 6),
    "merge-laughs": (merge_laughs(), ".yaml", None),
    "recursive-alias": ("decision_makers: &a [*a]\n", ".yaml", 1),
    "deep-block": (deep_block(), ".yaml", None),
    "deep-flow": ("decision_makers: " + "[" * 100_000 + "]" * 100_000 + "\n", ".yaml", 1),
    "deep-json": ('{"decision_makers": ' + "[" * 100_000 + "]" * 100_000 + "}", ".json", 1),
    "huge-integer": ("decision_makers: []\nstatus_quo: " + "9" * 5000 + "\n", ".yaml", 2),
    "huge-integer-json": ('{"decision_makers": [], "x": ' + "9" * 5000 + "}", ".json", 1),
    "bad-date": ("title: t\ndate: 2025-02-30\ndecision_makers: []\n", ".yaml", 2),
}
