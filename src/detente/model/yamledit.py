"""Edit a model's text the way a person would: change what changed, keep the rest byte for byte.

Round-trip YAML (ruamel.yaml) keeps comments, key order and quoting, but when it writes a
document out again it re-wraps long lines, re-indents folded text and applies one indentation
everywhere, so a one-line edit written through it can come back as a rewrite of the whole file.
:func:`edit_text` therefore makes the edit on the round-trip tree, writes the tree out before
and after the edit with the same settings, and splices only the lines that differ between those
two writes into the original text (a three-way merge with the first write as the common
ancestor). The result is checked to read back as exactly the edited document; if it does not,
the whole edited document is written out instead.

Example
-------
>>> text = "title: T  # the name\\nitems:\\n  - a\\n  - b\\n"
>>> print(edit_text(text, "yaml", lambda root: root["items"].append("c")), end="")
title: T  # the name
items:
  - a
  - b
  - c
"""

from __future__ import annotations

import difflib
import io
import json
from collections import Counter
from typing import Any, Callable

__all__ = ["guess_indent", "roundtrip_yaml", "edit_text", "splice", "append_item", "add_key", "replace_value"]

# long enough that no line written for an edit is wrapped (the user's own lines are kept)
NO_WRAP = 1 << 20


def guess_indent(text: str) -> tuple[int, int, int]:
    """The indentation a YAML text uses, as ruamel.yaml's ``(mapping, sequence, offset)``:
    nested keys ``mapping`` columns right of their parent key, a list's dash ``offset``
    columns right of its key and the item's content ``sequence`` columns right of it.
    The most common choice in the text wins; ``(2, 4, 2)`` (detente's own style) when the
    text has no nested block.

    >>> guess_indent("a:\\n  b: 1\\nc:\\n- x\\n")
    (2, 2, 0)
    """
    mapping: Counter[int] = Counter()
    sequence: Counter[tuple[int, int]] = Counter()
    lines = []
    for line in text.splitlines():
        body = line.lstrip(" ")
        if body and not body.startswith("#"):
            lines.append((len(line) - len(body), body.rstrip()))
    for (col, body), (col2, body2) in zip(lines, lines[1:]):
        if not body.endswith(":") or " #" in body:
            continue
        key_col = col
        while body.startswith("- "):  # a key inside a list item: "- name:" or "- - key:"
            rest = body[2:].lstrip(" ")
            key_col += len(body) - len(rest)
            body = rest
        if col2 < key_col or (col2 == key_col and not body2.startswith("-")):
            continue
        if body2.startswith("- ") or body2 == "-":
            content = body2[1:].lstrip(" ")
            if content.startswith("-"):  # "- - x": a list in a list says nothing of the style
                continue
            after = len(body2) - 1 - len(content) if content else 1
            offset = col2 - key_col
            sequence[(offset + 1 + after, offset)] += 1
        else:
            mapping[col2 - key_col] += 1
    m = mapping.most_common(1)[0][0] if mapping else 2
    s, o = sequence.most_common(1)[0][0] if sequence else (4, 2)
    return m, max(s, o + 2), o


def roundtrip_yaml(text: str = "", indent: tuple[int, int, int] | None = None):
    """A ruamel.yaml round-trip reader/writer set to ``text``'s indentation (or ``indent``),
    keeping quotes and never wrapping lines."""
    from detente.model.yamlio import yaml_loader

    y = yaml_loader()  # detente's limits on nesting, aliases, numbers and dates
    y.preserve_quotes = True
    y.width = NO_WRAP
    m, s, o = indent or guess_indent(text)
    y.indent(mapping=m, sequence=s, offset=o)
    return y


def _dump(y, root) -> str:
    buf = io.StringIO()
    y.dump(root, buf)
    return buf.getvalue()


def _reads_as(text: str, plain: Any, fmt: str = "yaml") -> bool:
    from detente.errors import DetenteError
    from detente.model.yamlio import parse_text
    try:
        return parse_text(text, fmt=fmt)[0] == plain
    except DetenteError:
        return False


def _tail_slots(node: Any) -> list[tuple[dict, Any, int]]:
    """Where ruamel.yaml may keep the lines written after ``node``'s last line, outermost
    first: ``(comment items, key or index, slot)`` down the chain of last entries."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = []
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        if isinstance(node, CommentedMap):
            key, slot = list(node)[-1], 2
        else:
            key, slot = len(node) - 1, 0
        out.append((node.ca.items, key, slot))
        node = node[key]
        if isinstance(node, (CommentedMap, CommentedSeq)) and node.fa.flow_style() \
                and not node.ca.items:
            break  # lines after a flow collection ({a: 1}) go after it, not before its "}"
    return out


def _take_tail(node: Any):
    """Detach the comment lines and blank lines that follow ``node``'s last line (which
    ruamel.yaml files under that last line; an end-of-line comment stays) and return them
    as a token, or None."""
    import copy

    for items, key, slot in reversed(_tail_slots(node)):
        entry = items.get(key)
        token = entry[slot] if entry and len(entry) > slot else None
        if token is None:
            continue
        value = token.value
        cut = value.find("\n")
        if cut < 0 or cut == len(value) - 1:
            return None
        moved = copy.copy(token)
        moved.value = "\n" + value[cut + 1:]
        if value[:cut].strip():
            token.value = value[:cut + 1]  # the end-of-line comment stays where it was
        else:
            entry[slot] = None
        return moved
    return None


def _put_tail(node: Any, token) -> None:
    slots = _tail_slots(node)
    if token is None or not slots:
        return
    items, key, slot = slots[-1]
    entry = items.setdefault(key, [None, None, None, None])
    entry[slot] = token


def append_item(seq: Any, item: Any) -> None:
    """Append ``item`` to a round-trip list, after its last entry but before the comments
    and blank lines that follow the list (ruamel.yaml files those under the last entry, so a
    plain ``append`` would put the new entry after a comment about what comes next)."""
    tail = _take_tail(seq)
    seq.append(item)
    _put_tail(seq, tail)


def add_key(mapping: Any, key: str, value: Any) -> None:
    """Add ``key: value`` at the end of a round-trip mapping, before the comments that
    follow it (see :func:`append_item`)."""
    tail = _take_tail(mapping)
    mapping[key] = value
    _put_tail(mapping, tail)


def _commented(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        return CommentedMap((k, _commented(v)) for k, v in value.items())
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq(_commented(v) for v in value)
    return value


def replace_value(container: Any, key: Any, value: Any) -> None:
    """``container[key] = value`` in a round-trip tree, keeping the comments that follow the
    old value for what comes after it. A scalar's end-of-line comment goes with the scalar
    when a list or mapping replaces it: ruamel.yaml would otherwise write the new block on the
    comment's line, which is not YAML."""
    import copy

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(container, (CommentedMap, CommentedSeq)):
        container[key] = value
        return
    old = container[key]
    slot = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    new_block = isinstance(value, (dict, list)) and len(value) > 0
    if isinstance(old, (CommentedMap, CommentedSeq)) and len(old):
        tail = _take_tail(old)  # lines after the old block belong to what follows
        container[key] = value if not new_block else _commented(value)
        if new_block and getattr(old.ca, "comment", None):
            # Comment lines between the key and its block belong to the block in ruamel's
            # tree; without them the new block is written on the key's line, which is not YAML.
            container[key].ca.comment = copy.copy(old.ca.comment)
        if tail is not None:
            if new_block:
                _put_tail(container[key], tail)
            else:
                container.ca.items.setdefault(key, [None, None, None, None])[slot] = tail
        return
    if new_block and token is not None:
        text = token.value
        cut = text.find("\n")
        entry[slot] = None
        value = _commented(value)
        container[key] = value
        if 0 <= cut < len(text) - 1:
            moved = copy.copy(token)
            moved.value = "\n" + text[cut + 1:]
            _put_tail(value, moved)
        return
    container[key] = value


def _json_indent(text: str) -> int | None:
    for line in text.splitlines()[1:]:
        if line.strip():
            return len(line) - len(line.lstrip(" ")) or None
    return None


def edit_text(text: str, fmt: str, edit: Callable[[Any], Any]) -> str:
    """``text`` (YAML or JSON, ``fmt`` ``"yaml"`` or ``"json"``) with ``edit`` applied.

    ``edit`` gets the document's root (round-trip YAML nodes, or plain JSON data) and changes
    it in place, or returns a new root. Everything the edit did not touch keeps its exact
    text: comments, indentation, line breaks, quoting.

    Parameters
    ----------
    text
        The document as the user wrote it. It is read with the model loader's checks first
        (:func:`detente.model.yamlio.parse_text`), so a hostile text is refused before the
        round-trip reader sees it.
    fmt
        ``"yaml"`` or ``"json"``.
    edit
        The change, as a function of the root.

    Returns
    -------
    str
        The edited text.
    """
    from detente.model.yamlio import parse_text

    plain = parse_text(text, fmt=fmt)[0]  # located errors, size and nesting checks first
    if fmt == "json":
        root = json.loads(text)
        indent = _json_indent(text)
        before = json.dumps(root, indent=indent, ensure_ascii=False) + "\n"
        changed = edit(root)
        root = root if changed is None else changed
        after = json.dumps(root, indent=indent, ensure_ascii=False) + "\n"
    else:
        # the file's own indentation, unless ruamel.yaml cannot write this document back that
        # way (some nestings of lists): then detente's style, then the plainest one
        for indent in (guess_indent(text), (2, 4, 2), (2, 2, 0)):
            y = roundtrip_yaml(indent=indent)
            root = y.load(text)
            before = _dump(y, root)
            if _reads_as(before, plain):
                break
        else:
            raise ValueError("this YAML cannot be written back faithfully")
        changed = edit(root)
        root = root if changed is None else changed
        after = _dump(y, root)
    if after == before:
        return text
    merged = splice(text, before, after)
    if _reads_as(merged, parse_text(after, fmt=fmt)[0], fmt):
        return merged
    return after  # the splice did not read back as the edit (an odd layout): the whole text


def _changes(a: list[str], b: list[str]) -> list[tuple[int, int, list[str]]]:
    """The regions of ``a`` that ``b`` replaces: ``(start, end, new lines)``."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:  # line for line: keep them apart
            out += [(i1 + k, i1 + k + 1, [b[j1 + k]]) for k in range(i2 - i1)]
        elif tag != "equal":
            out.append((i1, i2, b[j1:j2]))
    return out


def _overlap(r: tuple[int, int], s: tuple[int, int]) -> bool:
    (a1, a2), (b1, b2) = r, s
    if a1 == a2 and b1 == b2:
        return a1 == b1  # two insertions at one place
    if a1 == a2:
        return b1 < a1 < b2
    if b1 == b2:
        return a1 < b1 < a2
    return a1 < b2 and b1 < a2


def _apply(base: list[str], regions, start: int, end: int) -> list[str]:
    out, pos = [], start
    for a1, a2, lines in sorted(regions, key=lambda r: (r[0], r[1])):
        out += base[pos:a1] + lines
        pos = a2
    return out + base[pos:end]


def splice(original: str, before: str, after: str) -> str:
    """Apply the line changes from ``before`` to ``after`` to ``original``, where ``before``
    is ``original`` as written out again by a program (a three-way merge). Where the program
    changed the layout of lines that the edit also changed, the edit's lines win.

    >>> splice("a:   1\\nb: 2\\n", "a: 1\\nb: 2\\n", "a: 1\\nb: 3\\n")
    'a:   1\\nb: 3\\n'
    """
    crlf = "\r\n" in original
    if crlf:
        original = original.replace("\r\n", "\n")
    o, b, n = (t.splitlines(keepends=True) for t in (original, before, after))
    layout = [(a1, a2, lines, "layout") for a1, a2, lines in _changes(b, o)]
    edits = [(a1, a2, lines, "edit") for a1, a2, lines in _changes(b, n)]
    regions = sorted(layout + edits, key=lambda r: (r[0], r[1]))
    out: list[str] = []
    pos, i = 0, 0
    while i < len(regions):
        group = [regions[i]]
        lo, hi = regions[i][0], regions[i][1]
        i += 1
        while i < len(regions) and any(_overlap((r[0], r[1]), (regions[i][0], regions[i][1]))
                                       for r in group):
            group.append(regions[i])
            hi = max(hi, regions[i][1])
            i += 1
        out += b[pos:lo]  # untouched by both: the same in the original
        kinds = {r[3] for r in group}
        if kinds == {"layout"}:
            out += _apply(b, [r[:3] for r in group], lo, hi)
        elif kinds == {"edit"}:
            out += _apply(b, [r[:3] for r in group], lo, hi)
        elif all(r[0] == r[1] for r in group):  # both insert here: keep the user's lines first
            out += [x for r in group if r[3] == "layout" for x in r[2]]
            out += [x for r in group if r[3] == "edit" for x in r[2]]
        else:  # the edit rewrote lines whose layout the program had changed: the edit wins
            out += _apply(b, [r[:3] for r in group if r[3] == "edit"], lo, hi)
        pos = hi
    out += b[pos:]
    text = "".join(out)
    return text.replace("\n", "\r\n") if crlf else text
