"""Reading YAML/JSON documents while remembering where every value came from.

The loader returns plain Python data (dicts, lists, scalars) plus a :class:`Positions` map
from a field path such as ``("decision_makers", 0, "options", 1)`` to its line and column, so
that any later validation step can point users at the exact place in their file.
JSON files are parsed by :mod:`json` first (exact syntax errors), then by ruamel.yaml (JSON is
YAML 1.2) for positions.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import VersionedResolver

from detente.errors import ModelError, Problem

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

PathT = tuple[Any, ...]


def format_path(path: Iterable[Any]) -> str:
    """``("a", 0, "b")`` -> ``"a[0].b"``."""
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out


class Positions:
    """Line/column (1-based) of every mapping key and sequence item of a document."""

    def __init__(self, file: str | None = None) -> None:
        self.file = file
        self._pos: dict[PathT, tuple[int, int]] = {}

    def set(self, path: PathT, line: int, col: int) -> None:
        self._pos[path] = (line + 1, col + 1)

    def get(self, path: PathT) -> tuple[int | None, int | None]:
        """Position of ``path`` or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self._pos:
                return self._pos[path]
            if not path:
                return (None, None)
            path = path[:-1]

    def problem(self, path: PathT, message: str, hint: str | None = None) -> Problem:
        line, col = self.get(path)
        return Problem(message, file=self.file, line=line, column=col,
                       field=format_path(path) or None, hint=hint)

    def error(self, path: PathT, message: str, hint: str | None = None) -> ModelError:
        return ModelError(self.problem(path, message, hint))


def _plain(node: Any, path: PathT, pos: Positions) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            try:
                line, col = node.lc.key(key)
                pos.set(path + (str(key),), line, col)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(key)] = _plain(value, path + (str(key),), pos)
        return out
    if isinstance(node, CommentedSeq):
        out = []
        for i, value in enumerate(node):
            try:
                line, col = node.lc.item(i)
                pos.set(path + (i,), line, col)
            except (KeyError, TypeError, AttributeError, IndexError):
                pass
            out.append(_plain(value, path + (i,), pos))
        return out
    if isinstance(node, str):
        return str(node)
    if hasattr(node, "isoformat") and not isinstance(node, (int, float)):
        return node.isoformat()  # YAML dates -> ISO strings; the schema parses them
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


_SLOW = object()


class _OnceResolver(VersionedResolver):
    """ruamel's resolver, asking for the document's YAML version once instead of once per
    scalar (that lookup was a third of the time to read a large file)."""

    @property
    def processing_version(self) -> Any:
        version = self.__dict__.get("_version_once")
        if version is None:
            version = self._version_once = VersionedResolver.processing_version.fget(self)
        return version
_STANDARD = "tag:yaml.org,2002:"


def _parse_fast(text: str, pos: Positions) -> Any:
    """Plain data and positions through libyaml (ruamel.yaml.clib), or ``_SLOW``.

    The pure-Python round-trip loader takes about 30 s for a 0.5 MB file (a converted DEU
    data set); libyaml's composer gives the same node tree, with line and column marks, in
    about a second. Anything this path does not handle exactly like the round-trip loader
    (a syntax error, a duplicate or merge key, a non-standard tag, no libyaml) returns
    ``_SLOW`` so the round-trip loader produces the data or the located error message.
    """
    try:
        yaml = YAML(typ="safe", pure=False)
        from ruamel.yaml.clib._ruamel_yaml import CParser  # noqa: F401  (libyaml present?)
    except ImportError:
        return _SLOW
    yaml.Resolver = _OnceResolver
    try:
        node = yaml.compose(text)
        if node is None:
            return _SLOW
        return _node_plain(node, (), pos, yaml.constructor)
    except Exception:  # noqa: BLE001 - any surprise: let the round-trip loader decide
        return _SLOW


def _node_plain(node, path: PathT, pos: Positions, constructor) -> Any:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _STANDARD + "merge":
                raise ValueError("complex or merge key")
            key = str(_scalar(key_node, constructor))
            if key in out:
                raise ValueError("duplicate key")
            pos.set(path + (key,), key_node.start_mark.line, key_node.start_mark.column)
            out[key] = _node_plain(value_node, path + (key,), pos, constructor)
        return out
    if isinstance(node, SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            pos.set(path + (i,), item.start_mark.line, item.start_mark.column)
            items.append(_node_plain(item, path + (i,), pos, constructor))
        return items
    return _scalar(node, constructor)


def _scalar(node, constructor) -> Any:
    ctag = node.ctag  # a resolved standard tag is its suffix; str(tag) is slow
    tag = ctag.suffix if ctag.handle is None and isinstance(ctag.suffix, str) else node.tag
    if not tag.startswith(_STANDARD):
        raise ValueError("non-standard tag")
    kind = tag[len(_STANDARD):]
    if kind == "str":
        return node.value
    if kind == "int":
        try:
            return int(node.value)
        except ValueError:
            return int(constructor.construct_object(node))
    if kind == "float":
        try:
            return float(node.value)
        except ValueError:
            return float(constructor.construct_object(node))
    if kind in ("null", "bool"):
        return constructor.construct_object(node)
    if kind == "timestamp":
        return constructor.construct_object(node).isoformat()
    raise ValueError(f"unexpected scalar tag {kind}")


def parse_text(text: str, file: str | None = None, fmt: str | None = None) -> tuple[Any, Positions]:
    """Parse YAML or JSON text into plain data and positions.

    ``fmt`` is ``"json"``, ``"yaml"`` or None (guess from the first non-blank character).
    """
    pos = Positions(file)
    if fmt is None:
        stripped = text.lstrip()
        fmt = "json" if stripped[:1] in ("{", "[") else "yaml"
    if fmt == "json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelError(Problem(f"JSON syntax error: {exc.msg}", file=file, line=exc.lineno,
                                     column=exc.colno,
                                     hint="check for a missing comma, quote or bracket near there"))
    fast = _parse_fast(text, pos)
    if fast is not _SLOW:
        return fast, pos
    pos = Positions(file)
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = (exc.problem or exc.context or "syntax error").strip()
        raise ModelError(Problem(f"YAML syntax error: {msg}", file=file,
                                 line=mark.line + 1 if mark else None,
                                 column=mark.column + 1 if mark else None,
                                 hint="check indentation, colons and quotes near there; "
                                      "quote text that contains ': ' or starts with a symbol"))
    except YAMLError as exc:
        raise ModelError(Problem(f"YAML error: {exc}", file=file))
    return _plain(node, (), pos), pos


def read_document(path: str | Path) -> tuple[Any, Positions]:
    """Read a YAML or JSON file (by extension, else by content)."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise ModelError(Problem("file not found", file=name, hint="check the path"))
    if path.is_dir():
        raise ModelError(Problem("is a directory, not a model file", file=name))
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise ModelError(Problem(f"file is {size / 1e6:.1f} MB; the limit is "
                                 f"{MAX_DOCUMENT_BYTES / 1e6:.0f} MB", file=name))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelError(Problem(f"not UTF-8 text (byte {exc.start})", file=name,
                                 hint="save the file as UTF-8"))
    if "\x00" in text:
        raise ModelError(Problem("binary file, not YAML or JSON", file=name))
    fmt = "json" if path.suffix.lower() == ".json" else ("yaml" if path.suffix.lower() in (".yaml", ".yml") else None)
    return parse_text(text, file=name, fmt=fmt)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A short 'did you mean ...?' hint, or None."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    if not close:
        lower = {c.lower(): c for c in choices}
        if word.lower() in lower:
            close = [lower[word.lower()]]
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return None


def dump_yaml(data: Any) -> str:
    """Readable YAML for a plain document (block style, flow style for short lists)."""
    import io
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()
