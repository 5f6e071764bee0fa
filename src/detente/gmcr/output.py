"""Writing analysis results: the JSON document (readable or compact), CSV, and columnar ``.npz``.

Every writer here produces its output piece by piece (a generator of text chunks, or one
column at a time), so that writing a result never holds the whole document in memory: the
cost of output stays a fraction of the analysis at every size the engine accepts (issue 17,
``bench/output_cost.py``).

Sets of states in the compact JSON form (schema ``detente.analysis/2``, docs/json-schema.md)
are encoded as ranges or as a bitset, whichever is shorter:

>>> import numpy as np
>>> mask = np.zeros(100, dtype=bool); mask[10:20] = True; mask[50] = True
>>> encode_mask(mask)
{'count': 11, 'ranges': [[11, 20], [51, 51]]}
>>> decode_set({'count': 4, 'ranges': [[1, 3], [5, 5]]}).tolist()
[1, 2, 3, 5]
>>> big = np.zeros(64, dtype=bool); big[::2] = True
>>> encode_mask(big)
{'count': 32, 'bitset': 'VVVVVVVVVVU=', 'first': 1, 'size': 64}
>>> decode_set(encode_mask(big)).tolist() == list(range(1, 65, 2))
True
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import zipfile
from typing import Any, Iterable, Iterator

import numpy as np

from detente.errors import DetenteError

READABLE_STATE_LIMIT = 4096  # "auto": readable JSON up to this many states, compact beyond
EQUILIBRIUM_STATES_SHOWN = 1000  # compact JSON: equilibria also given as state objects up to this many
SETS_FORMS = ("auto", "readable", "compact")
SCHEMA_READABLE = "detente.analysis/1"
SCHEMA_COMPACT = "detente.analysis/2"


def sets_form(n_states: int, sets: str = "auto") -> str:
    """``"readable"`` or ``"compact"``: the form ``sets`` asks for (``"auto"``: readable up to
    :data:`READABLE_STATE_LIMIT` states)."""
    if sets not in SETS_FORMS:
        raise DetenteError(f"unknown form of state sets {sets!r}", hint="use auto, readable or compact")
    if sets == "auto":
        return "readable" if n_states <= READABLE_STATE_LIMIT else "compact"
    return sets


# --- compact sets ---------------------------------------------------------------------------

def encode_set(members: np.ndarray, *, first: int, size: int) -> dict[str, Any]:
    """A set of integers in ``first .. first + size - 1`` as ranges or a bitset, whichever
    makes the shorter JSON.

    Parameters
    ----------
    members : sorted array of distinct integers in the interval.
    first, size : the interval (state ids: ``first=1, size=n``; state codes: ``first=0,
        size=2**options``).

    Returns
    -------
    ``{"count": k, "ranges": [[a, b], ...]}`` (inclusive runs, increasing) or
    ``{"count": k, "bitset": base64, "first": first, "size": size}`` where bit ``j`` of the
    decoded bytes (least significant bit first within each byte) says whether ``first + j``
    is a member.
    """
    members = np.asarray(members, dtype=np.int64)
    count = int(members.shape[0])
    if count == 0:
        return {"count": 0, "ranges": []}
    breaks = np.flatnonzero(np.diff(members) != 1)
    starts = members[np.concatenate(([0], breaks + 1))]
    ends = members[np.concatenate((breaks, [count - 1]))]
    digits = len(str(first + size))
    ranges_chars = starts.shape[0] * (2 * digits + 4)
    bitset_chars = 4 * math.ceil(math.ceil(size / 8) / 3)
    if ranges_chars <= bitset_chars or size > 1 << 40:
        return {"count": count, "ranges": np.stack((starts, ends), axis=1).tolist()}
    mask = np.zeros(size, dtype=bool)
    mask[members - first] = True
    packed = np.packbits(mask, bitorder="little")
    del mask
    return {"count": count, "bitset": base64.b64encode(packed.tobytes()).decode("ascii"),
            "first": first, "size": size}


def encode_codes(codes: np.ndarray, n_options: int) -> dict[str, Any]:
    """The feasible state codes (sorted): a compact set over ``0 .. 2**n_options - 1``, or,
    when that is longer (few feasible states among many combinations),
    ``{"count": n, "uint64": base64}``: the codes as little-endian uint64, in id order."""
    codes = np.asarray(codes, dtype=np.uint64)
    n = codes.shape[0]
    raw_chars = 4 * math.ceil(8 * n / 3)
    if n_options < 63 and n:
        runs = 1 + int(np.count_nonzero(np.diff(codes.astype(np.int64)) != 1))
        if min(runs * (2 * len(str(1 << n_options)) + 4), 4 * math.ceil(((1 << n_options) + 7) // 8 / 3)) <= raw_chars:
            return encode_set(codes.astype(np.int64), first=0, size=1 << n_options)
    return {"count": int(n), "uint64": base64.b64encode(codes.astype("<u8").tobytes()).decode("ascii")}


def decode_codes(obj: Any, where: str = "state_codes") -> np.ndarray:
    """The state codes (uint64, id order) written by :func:`encode_codes`."""
    if isinstance(obj, dict) and "uint64" in obj:
        try:
            raw = base64.b64decode(obj["uint64"], validate=True)
        except (ValueError, TypeError):
            raise DetenteError(f"{where}: 'uint64' is not base64") from None
        if len(raw) % 8 or len(raw) // 8 != obj.get("count"):
            raise DetenteError(f"{where}: {len(raw)} bytes do not hold {obj.get('count')} uint64 codes")
        return np.frombuffer(raw, dtype="<u8").astype(np.uint64)
    return decode_set(obj, where).astype(np.uint64)


def encode_mask(mask: np.ndarray) -> dict[str, Any]:
    """The states of a boolean array over positions, as a compact set of state ids (1-based)."""
    mask = np.asarray(mask, dtype=bool)
    return encode_set(np.flatnonzero(mask) + 1, first=1, size=mask.shape[0])


def decode_set(obj: Any, where: str = "set") -> np.ndarray:
    """The members (sorted int64 array) of a set written by :func:`encode_set`.

    Raises :class:`DetenteError` naming ``where`` for anything else.
    """
    if not isinstance(obj, dict) or not isinstance(obj.get("count"), int):
        raise DetenteError(f"{where}: not a compact set (an object with 'count' and 'ranges' or 'bitset')")
    if "ranges" in obj:
        ranges = obj["ranges"]
        if not isinstance(ranges, list) or not all(
                isinstance(r, list) and len(r) == 2 and all(isinstance(x, int) for x in r) and r[0] <= r[1]
                for r in ranges):
            raise DetenteError(f"{where}: 'ranges' must be a list of [first, last] integer pairs")
        total = sum(b - a + 1 for a, b in ranges)
        if total != obj["count"]:
            raise DetenteError(f"{where}: the ranges hold {total} members, 'count' says {obj['count']}")
        out = (np.concatenate([np.arange(a, b + 1, dtype=np.int64) for a, b in ranges])
               if ranges else np.zeros(0, dtype=np.int64))
    elif "bitset" in obj:
        first, size = obj.get("first"), obj.get("size")
        if not isinstance(first, int) or not isinstance(size, int) or size < 0:
            raise DetenteError(f"{where}: a bitset needs integer 'first' and 'size'")
        try:
            raw = base64.b64decode(obj["bitset"], validate=True)
        except (ValueError, TypeError):
            raise DetenteError(f"{where}: 'bitset' is not base64") from None
        if len(raw) != (size + 7) // 8:
            raise DetenteError(f"{where}: the bitset has {len(raw)} bytes, {size} bits need {(size + 7) // 8}")
        bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:size]
        out = np.flatnonzero(bits).astype(np.int64) + first
        if out.shape[0] != obj["count"]:
            raise DetenteError(f"{where}: the bitset holds {out.shape[0]} members, 'count' says {obj['count']}")
    else:
        raise DetenteError(f"{where}: a compact set has 'ranges' or 'bitset'")
    if out.shape[0] > 1 and not (np.diff(out) > 0).all():
        raise DetenteError(f"{where}: the ranges overlap or are out of order")
    return out


def encode_int32(values: np.ndarray) -> str:
    """Base64 of the values as little-endian int32 (the compact form's ``ranks``)."""
    return base64.b64encode(np.asarray(values).astype("<i4", copy=False).tobytes()).decode("ascii")


def decode_int32(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<i4").astype(np.int32)


# --- JSON -----------------------------------------------------------------------------------

class _Lines:
    """A list written one item per line (items produced on demand, never all held)."""

    def __init__(self, items: Iterable[Any]):
        self.items = items


def _emit(value: Any, level: int) -> Iterator[str]:
    pad = "\n" + " " * (level + 1)
    if isinstance(value, dict) and value:
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + pad + json.dumps(key) + ": "
            yield from _emit(item, level + 1)
        yield "\n" + " " * level + "}"
    elif isinstance(value, _Lines):
        yield "["
        any_item = False
        for i, item in enumerate(value.items):
            yield ("," if i else "") + pad + json.dumps(item)
            any_item = True
        yield ("\n" + " " * level + "]") if any_item else "]"
    else:
        yield json.dumps(value)


def json_chunks(document: dict[str, Any]) -> Iterator[str]:
    """The text of a document from :func:`analysis_document`, in pieces (ends with a newline)."""
    yield from _emit(document, 0)
    yield "\n"


def analysis_document(result, *, sets: str = "auto", include_states: bool | None = None,
                      lazy: bool = True) -> dict[str, Any]:
    """The analysis as the documented JSON document (docs/json-schema.md).

    Parameters
    ----------
    result : AnalysisResult
    sets : ``"auto"`` (readable up to :data:`READABLE_STATE_LIMIT` states), ``"readable"``
        (``detente.analysis/1``: states as Y/N strings and objects) or ``"compact"``
        (``detente.analysis/2``: sets as ranges or bitsets, ranks as base64 int32).
    include_states : readable form only: list every state and the rankings (default: up to
        ``JSON_STATE_LIMIT`` states).
    lazy : long lists are left as generators for :func:`json_chunks` (False: plain lists,
        for ``to_dict``).
    """
    from detente.gmcr.analysis import JSON_STATE_LIMIT
    from detente.model.preferences import ranking_levels

    form = sets_form(result.n_states, sets)
    lines = _Lines if lazy else list
    c = result.conflict
    n = result.n_states
    sq = result.status_quo_position
    out: dict[str, Any] = {
        "schema": SCHEMA_READABLE if form == "readable" else SCHEMA_COMPACT,
        "model": {
            "title": c.title, "file": c.file, "variant": c.variant_name,
            "date": c.date.isoformat() if c.date else None,
            "options": [{"index": o.index, "name": o.name, "label": o.label, "dm": o.dm,
                         "direction": o.direction} for o in c.options],
            "decision_makers": [{"name": d.name, "label": d.label, "options": d.options}
                                for d in c.decision_makers],
            "states": [named_state_dict(result, ns, form) for ns in c.named_states],
        },
        "n_states": n,
        "status_quo": result.state_dict(sq) if sq is not None else None,
        "concepts": result.concepts,
        "skipped": result.skipped,
    }
    if c.import_warnings:  # what an imported file had that detente did not import
        out["warnings"] = [p.to_dict() for p in c.import_warnings]
    concepts = [k for k in result.concepts if k in result.stable]
    if form == "readable":
        if include_states is None:
            include_states = n <= JSON_STATE_LIMIT
        if include_states:
            out["states"] = lines(result.state_dict(p) for p in range(n))
            out["rankings"] = {dm: [[result.yn(p) for p in level] for level in ranking_levels(r)]
                               for dm, r in result.ranks.items()}
        out["results"] = {k: {
            "stable_for": {dm: lines(result.yn(p) for p in np.flatnonzero(arr))
                           for dm, arr in result.stable[k].items()},
            "equilibria": lines(result.state_dict(p) for p in result.equilibria(k)),
        } for k in concepts}
        return out
    out["sets"] = "compact"
    out["state_codes"] = encode_codes(result.space.codes, c.n_options)
    out["ranks"] = {dm: encode_int32(r) for dm, r in result.ranks.items()}

    def concept_result(k: str) -> dict[str, Any]:
        eq = result.equilibria(k)
        return {"stable_for": {dm: encode_mask(arr) for dm, arr in result.stable[k].items()},
                "equilibria": encode_set(eq + 1, first=1, size=n),
                "equilibrium_states": [result.state_dict(p) for p in eq[:EQUILIBRIUM_STATES_SHOWN]]}
    out["results"] = _LazyDict({k: (lambda k=k: concept_result(k)) for k in concepts}) if lazy \
        else {k: concept_result(k) for k in concepts}
    return out


def named_state_dict(result, ns, form: str = "readable") -> dict[str, Any]:
    """A name of the model's ``states:``: ``{"name", "label", "description", "state"`` (the Y/N
    string of a name for one state, else null) ``, "when"`` (the condition of a name for a set,
    else null) ``, "ids"}``: the feasible states carrying it, a list of ids (readable form) or a
    compact set (compact form)."""
    mask = result.named_mask(ns.name)
    return {"name": ns.name, "label": ns.label, "description": ns.description,
            "state": result.conflict.yn(ns.code) if ns.code is not None else None,
            "when": ns.text if ns.code is None else None,
            "ids": (np.flatnonzero(mask) + 1).tolist() if form == "readable" else encode_mask(mask)}


class _LazyDict(dict):
    """A mapping whose values are computed when written (one concept's sets at a time)."""

    def items(self):
        for key, make in super().items():
            yield key, make()


# --- CSV ------------------------------------------------------------------------------------

def csv_chunks(result, hyper=None, rows_per_chunk: int = 4096) -> Iterator[str]:
    """The CSV table (one row per state), a block of rows at a time."""
    c = result.conflict
    concepts = [k for k in result.concepts if k in result.stable]
    header = ["id", "state"] + c.option_names + [f"rank:{d}" for d in c.dm_names]
    for k in concepts:
        header += [f"{k}:{d}" for d in c.dm_names] + [f"{k}:equilibrium"]
    hk = list(hyper.concepts) if hyper is not None else []
    for k in hk:  # each DM's view: the states it expects, and the hypergame equilibria
        header += [f"{k}:expected_by:{d}" for d in hyper.perceivers] + [f"{k}:hypergame_equilibrium"]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    hmask = {k: hyper.hypergame_mask(k) for k in hk}
    eq = {k: result.equilibrium_mask(k) for k in concepts}
    n = result.n_states
    for start in range(0, n, rows_per_chunk):
        stop = min(n, start + rows_per_chunk)
        codes = result.space.codes[start:stop]
        cols = [np.arange(start + 1, stop + 1)]
        bits = [((codes >> np.uint64(o.index)) & np.uint64(1)).astype(np.int8) for o in c.options]
        cols += bits
        cols += [result.ranks[d][start:stop] for d in c.dm_names]
        for k in concepts:
            cols += [result.stable[k][d][start:stop].astype(np.int8) for d in c.dm_names]
            cols.append(eq[k][start:stop].astype(np.int8))
        if hk:
            u = np.searchsorted(hyper.universe, codes)
            for k in hk:
                cols += [hyper.expected[k][d][u].astype(np.int8) for d in hyper.perceivers]
                cols.append(hmask[k][u].astype(np.int8))
        if bits:  # the Y/N strings of the block at once: one byte per option, read as text
            grid = np.where(np.stack(bits, axis=1), ord("Y"), ord("N")).astype(np.uint8)
            letters = np.ascontiguousarray(grid).view(f"S{len(bits)}").ravel().astype(str).tolist()
        else:
            letters = [""] * (stop - start)
        lists = [col.tolist() for col in cols]
        w.writerows(zip(lists[0], letters, *lists[1:]))
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


# --- columnar (.npz) ------------------------------------------------------------------------

def npz_columns(result) -> Iterator[tuple[str, Any]]:
    """(name, function making the column) for every column of the ``.npz`` table, in order."""
    c = result.conflict
    codes = result.space.codes
    yield "id", lambda: np.arange(1, result.n_states + 1, dtype=np.int64)
    yield "code", lambda: codes
    for o in c.options:
        yield o.name, lambda o=o: ((codes >> np.uint64(o.index)) & np.uint64(1)).astype(bool)
    for d in c.dm_names:
        yield f"rank:{d}", lambda d=d: result.ranks[d]
    for k in [k for k in result.concepts if k in result.stable]:
        for d in c.dm_names:
            yield f"{k}:{d}", lambda k=k, d=d: result.stable[k][d]
        yield f"{k}:equilibrium", lambda k=k: result.equilibrium_mask(k)


def write_npz(result, fh) -> None:
    """The result as a NumPy ``.npz`` archive (uncompressed), one column at a time.

    Columns: ``id`` (1..n), ``code`` (bit k = option k taken), one boolean column per option,
    ``rank:DM``, ``CONCEPT:DM`` (stable for DM) and ``CONCEPT:equilibrium``. In pandas::

        frame = pandas.DataFrame(dict(numpy.load("result.npz")))
    """
    from numpy.lib import format as npformat
    with zipfile.ZipFile(fh, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for name, make in npz_columns(result):
            column = np.ascontiguousarray(make())
            with zf.open(name + ".npy", mode="w", force_zip64=True) as member:
                npformat.write_array(member, column, allow_pickle=False)
            del column


# --- memory -----------------------------------------------------------------------------------

def output_bytes(n_states: int, n_dms: int, n_options: int, n_concepts: int, fmt: str,
                 sets: str = "auto") -> int:
    """Memory that writing the output adds to the analysis (for the up-front check).

    Streamed writers hold one chunk, one concept's sets or one column at a time: readable
    JSON and CSV a few KB (a block of rows), compact JSON a concept's bitsets and their base64
    text (about n/8 * 4/3 per DM, plus the state codes and ranks as base64), ``.npz`` one
    column of 8 bytes per state.
    """
    if fmt in ("table",):
        return 0
    if fmt == "npz":
        return 8 * n_states
    if fmt == "csv":
        return 1 << 22
    if sets_form(n_states, sets) == "readable":
        return 1 << 22
    per_concept = n_dms * (n_states // 8 + 1) * 3
    codes = 2 * ((1 << n_options) // 8 if n_options < 40 else 8 * n_states)
    codes = min(codes, 24 * n_states)
    ranks = 6 * n_states  # int32 and its base64 text, one DM at a time
    return per_concept + codes + ranks
