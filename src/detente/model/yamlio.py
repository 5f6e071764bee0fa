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
import math
import re
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from detente.errors import ModelError, Problem

# Limits on any YAML/JSON document read by detente (models, scenarios, questions, GMCR+ files,
# request bodies), so that hostile input is refused in well under a second and a few MB of
# memory instead of exhausting the machine. docs/model-format.md lists them.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # a large model is about 100 KB; YAML is read at about 0.1-1 MB/s
MAX_NESTING = 64  # mappings/lists inside each other; real models use about 8
MAX_ALIAS_NODES = 100_000  # values that aliases (*name) may add by re-use ("billion laughs")
MAX_INT = 2**63  # larger integers have no use in a model and overflow databases

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
        if node is None or not _plain_tree(node):
            return _SLOW  # aliases or deep nesting: the round-trip loader applies the limits
        return _node_plain(node, (), pos, yaml.constructor)
    except Exception:  # noqa: BLE001 - any surprise: let the round-trip loader decide
        return _SLOW


def _plain_tree(root) -> bool:
    """True when the node tree is within the limits of :func:`load_yaml_node`: no recursive
    alias, at most :data:`MAX_NESTING` levels once aliases are expanded, at most
    :data:`MAX_ALIAS_NODES` values added by aliases. Checked without recursion, each node once
    (sizes and heights are memoised, so a billion laughs costs no more than its text)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    def children(node):
        if isinstance(node, SequenceNode):
            return node.value
        if isinstance(node, MappingNode):
            return [c for kv in node.value for c in kv]
        return ()

    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = children(node)
            size[key] = 1 + sum(size[id(c)] for c in kids)
            height[key] = 1 + max((height[id(c)] for c in kids), default=0)
            open_nodes.discard(key)
            if height[key] > MAX_NESTING:
                return False
            continue
        if key in size:
            continue
        if key in open_nodes:
            return False  # an alias inside the value it names
        open_nodes.add(key)
        stack.append((node, True))
        stack += [(c, False) for c in children(node) if id(c) not in size]
    return size[id(root)] - len(size) <= MAX_ALIAS_NODES


def _nesting_bound(text: str) -> int:
    """A cheap upper bound on how deep the values of a YAML text can nest: the deepest
    indentation, plus the most block indicators on one line, plus the deepest brackets."""
    indent = indicators = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = max(indent, len(line) - len(stripped))
        indicators = max(indicators, stripped.count("- ") + stripped.count(": ") + stripped.count("? "))
    depth = brackets = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        brackets = max(brackets, depth)
    return indent + indicators + brackets + 1


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
        if len(node.value) > 20:
            raise ValueError("too large")  # the round-trip loader says where
        try:
            value = int(node.value)
        except ValueError:
            value = int(constructor.construct_object(node))
        if abs(value) >= MAX_INT:
            raise ValueError("too large")
        return value
    if kind == "float":
        try:
            value = float(node.value)
        except ValueError:
            value = float(constructor.construct_object(node))
        if not math.isfinite(value):
            raise ValueError("not finite")
        return value
    if kind in ("null", "bool"):
        return constructor.construct_object(node)
    if kind == "timestamp":
        return constructor.construct_object(node).isoformat()
    raise ValueError(f"unexpected scalar tag {kind}")


class _BoundedComposer(Composer):
    """ruamel's composer, counting the values each node stands for once aliases are expanded.

    An alias (``*name``) re-uses a node without copying it, so a few hundred bytes of nested
    aliases can stand for billions of values ("billion laughs"); the plain data detente works on
    would hold them all. The values that aliases add are summed as the document is composed
    (each node's expanded size is known when it ends, so this is linear in the text) and the
    document is refused at the first alias that takes the total over :data:`MAX_ALIAS_NODES`.
    An alias to a node that is still open (a recursive structure) is refused too. Nesting is
    bounded by ruamel's ``max_depth`` (set to :data:`MAX_NESTING`), so composing never recurses
    deeper than a few hundred frames.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.sizes: dict[int, int] = {}  # id(node) -> values it stands for, once finished
        self.heights: dict[int, int] = {}  # id(node) -> levels it nests, aliases expanded
        self.alias_values = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            node = super().compose_node(parent, index)
            size = self.sizes.get(id(node))
            if size is None:
                raise ConstructorError(None, None, f"the alias *{event.anchor} refers to a value that "
                                       "contains it (a recursive structure)", event.start_mark)
            self.alias_values += size
            if self.alias_values > MAX_ALIAS_NODES:
                raise ConstructorError(None, None, f"aliases (*name) expand this document by more "
                                       f"than {MAX_ALIAS_NODES:,} values", event.start_mark)
            if self.depth + self.heights[id(node)] > MAX_NESTING:
                raise ConstructorError(None, None, f"through this alias, values are nested more "
                                       f"than {MAX_NESTING} levels deep", event.start_mark)
            return node
        node = super().compose_node(parent, index)
        if isinstance(node, SequenceNode):
            kids = node.value
        elif isinstance(node, MappingNode):
            kids = [c for kv in node.value for c in kv]
        else:
            kids = ()
        self.sizes[id(node)] = 1 + sum(self.sizes.get(id(c), 1) for c in kids)
        self.heights[id(node)] = 1 + max((self.heights.get(id(c), 1) for c in kids), default=0)
        return node


class _CheckedConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor refusing, at their line, values no model can use:
    impossible dates (``2025-02-30``), integers of 2^63 or more, and ``.inf``/``.nan``."""

    def construct_yaml_int(self, node: Any) -> Any:
        digits = str(node.value).lstrip("+-").replace("_", "")
        if len(digits) > 20:  # also keeps int() clear of Python's 4,300-digit limit
            raise ConstructorError(None, None, f"the number {_short(node.value)} is too large "
                                   f"(the limit is 2^63)", node.start_mark)
        value = super().construct_yaml_int(node)
        if abs(int(value)) >= MAX_INT:
            raise ConstructorError(None, None, f"the number {_short(node.value)} is too large "
                                   f"(the limit is 2^63)", node.start_mark)
        return value

    def construct_yaml_float(self, node: Any) -> Any:
        value = super().construct_yaml_float(node)
        if not math.isfinite(float(value)):
            raise ConstructorError(None, None, f"{_short(node.value)} is not a finite number",
                                   node.start_mark)
        return value

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(None, None, f"{_short(node.value)!r} is not a date ({exc}); "
                                   "write a real date as YYYY-MM-DD", node.start_mark) from None


for _tag in ("int", "float", "timestamp"):
    _CheckedConstructor.add_default_constructor(_tag)


def _short(value: Any, n: int = 40) -> str:
    text = str(value)
    return text if len(text) <= n else f"{text[:n - 10]}...{text[-6:]} ({len(text):,} characters)"


def yaml_loader() -> YAML:
    """A round-trip ruamel loader with detente's limits (see :func:`load_yaml_node`)."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _BoundedComposer
    yaml.Constructor = _CheckedConstructor
    yaml.max_depth = MAX_NESTING
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml_node(text: str, file: str | None = None) -> Any:
    """Round-trip load (ruamel ``CommentedMap``/``CommentedSeq``, comments kept) under detente's
    limits: nesting, alias expansion, numbers and dates (raises a located :class:`ModelError`).

    Use this, never a bare ``YAML().load``, for text that comes from a user.
    """
    try:
        return yaml_loader().load(text)
    except MaxDepthExceededError as exc:
        mark = exc.problem_mark
        raise ModelError(Problem(f"values are nested more than {MAX_NESTING} levels deep", file=file,
                                 line=mark.line + 1 if mark else None,
                                 column=mark.column + 1 if mark else None,
                                 hint="a model nests a few levels; check for runaway brackets "
                                      "or indentation")) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = (exc.problem or exc.context or "syntax error").strip()
        constructed = isinstance(exc, ConstructorError)
        raise ModelError(Problem(msg if constructed else f"YAML syntax error: {msg}", file=file,
                                 line=mark.line + 1 if mark else None,
                                 column=mark.column + 1 if mark else None,
                                 hint=None if constructed else
                                 "check indentation, colons and quotes near there; "
                                 "quote text that contains ': ' or starts with a symbol")) from None
    except YAMLError as exc:
        raise ModelError(Problem(f"YAML error: {exc}", file=file)) from None


def parse_text(text: str, file: str | None = None, fmt: str | None = None) -> tuple[Any, Positions]:
    r"""Parse YAML or JSON text into plain data and positions.

    ``fmt`` is ``"json"``, ``"yaml"`` or None (guess from the first non-blank character).
    Hostile documents are refused with a located :class:`ModelError` before they cost time or
    memory: over :data:`MAX_DOCUMENT_BYTES`, nested over :data:`MAX_NESTING` levels, aliases
    adding over :data:`MAX_ALIAS_NODES` values, integers of 2^63 or more, ``.inf``/``.nan``,
    impossible dates.

    Examples
    --------
    >>> data, pos = parse_text("a: [1, 2]\nb: {c: x}\n")
    >>> data, pos.get(("b", "c"))
    ({'a': [1, 2], 'b': {'c': 'x'}}, (2, 5))
    >>> parse_text("a: 2025-02-30\n", file="m.yaml")
    Traceback (most recent call last):
    ...
    detente.errors.ModelError: m.yaml, line 1, column 4: '2025-02-30' is not a date (day is out of range for month); write a real date as YYYY-MM-DD
    """
    pos = Positions(file)
    if len(text) > MAX_DOCUMENT_BYTES:
        raise ModelError(Problem(f"the document is {len(text) / 1e6:.1f} MB; the limit is "
                                 f"{MAX_DOCUMENT_BYTES / 1e6:.0f} MB", file=file,
                                 hint="split it, or drop what the analysis does not need"))
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
        except (RecursionError, ValueError):
            pass  # deep nesting or a huge number: the YAML reader below says where
    _check_flow_nesting(text, file)
    if _nesting_bound(text) <= MAX_NESTING:  # else libyaml's composer could recurse too deep
        fast = _parse_fast(text, pos)
        if fast is not _SLOW:
            return fast, pos
        pos = Positions(file)
    node = load_yaml_node(text, file)
    return _plain(node, (), pos), pos


def _check_flow_nesting(text: str, file: str | None) -> None:
    """Refuse brackets nested over :data:`MAX_NESTING` deep on one line, before ruamel reads
    them: its scanner keeps every bracket of a line as a possible key and rescans them all at
    each token, so thousands of ``[`` on one line cost seconds before its depth check is
    reached. Only lines with that many brackets are examined (linear; brackets inside quotes
    count too, which no real model line comes close to)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.count("[") + line.count("{") > MAX_NESTING:
            depth = 0
            for col, ch in enumerate(line, start=1):
                if ch in "[{":
                    depth += 1
                    if depth > MAX_NESTING:
                        raise ModelError(Problem(
                            f"values are nested more than {MAX_NESTING} levels deep", file=file,
                            line=number, column=col,
                            hint="a model nests a few levels; check for runaway brackets"))
                elif ch in "]}":
                    depth = max(depth - 1, 0)


def read_limited(path: str | Path, limit: int = MAX_DOCUMENT_BYTES, what: str = "file") -> bytes:
    """The bytes of a regular file, refusing folders, missing files and files over ``limit``
    (read with a bound, so that ``/dev/zero`` or a growing pipe cannot exhaust memory)."""
    path = Path(path)
    name = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise ModelError(Problem("file not found", file=name, hint="check the path")) from None
    except IsADirectoryError:
        raise ModelError(Problem(f"is a folder, not a {what}", file=name,
                                 hint="give the path of the file inside it")) from None
    except PermissionError:
        raise ModelError(Problem("permission denied: cannot read this file", file=name)) from None
    except OSError as exc:
        raise ModelError(Problem(f"cannot read this file: {exc.strerror or exc}", file=name)) from None
    if len(raw) > limit:
        raise ModelError(Problem(f"the {what} is over {limit / 1e6:.0f} MB, the limit", file=name,
                                 hint="split it, or drop what the analysis does not need"))
    return raw


def decode_text(raw: bytes, file: str | None) -> str:
    """UTF-8 text of a YAML/JSON file; a byte that is not UTF-8, or a NUL byte (a binary file),
    is refused with its line and column."""
    def where(offset: int) -> dict:
        line_start = raw.rfind(b"\n", 0, offset) + 1
        return {"line": raw.count(b"\n", 0, offset) + 1, "column": offset - line_start + 1}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelError(Problem(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", file=file,
                                 **where(exc.start), hint="save the file as UTF-8")) from None
    if "\x00" in text:
        raise ModelError(Problem("a NUL byte: this is a binary file, not YAML or JSON", file=file,
                                 **where(raw.index(b"\x00"))))
    return text


def read_document(path: str | Path) -> tuple[Any, Positions]:
    """Read a YAML or JSON file (by extension, else by content)."""
    path = Path(path)
    name = str(path)
    text = decode_text(read_limited(path, what="model file"), name)
    fmt = "json" if path.suffix.lower() in (".json", ".gmcr") else ("yaml" if path.suffix.lower() in (".yaml", ".yml") else None)
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
