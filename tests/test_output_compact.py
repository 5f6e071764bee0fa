"""Compact JSON (detente.analysis/2), streamed writers and the .npz table say the same as the
readable document (issue 17): decoded compact sets equal the readable lists, on random small
models (hypothesis) and on set encodings of every shape."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from detente.errors import DetenteError
from detente.gmcr.analysis import analyze
from detente.gmcr.output import (analysis_document, csv_chunks, decode_codes, decode_int32,
                                 decode_set, encode_codes, encode_mask, json_chunks, write_npz)
from detente.gmcr.random_conflict import random_conflict


@given(st.lists(st.booleans(), min_size=0, max_size=300))
def test_encode_decode_mask(bits):
    mask = np.array(bits, dtype=bool)
    encoded = json.loads(json.dumps(encode_mask(mask)))
    assert decode_set(encoded).tolist() == (np.flatnonzero(mask) + 1).tolist()
    assert encoded["count"] == int(mask.sum())


@given(st.sets(st.integers(0, 2**12 - 1), max_size=200))
def test_encode_decode_codes(codes):
    codes = np.array(sorted(codes), dtype=np.uint64)
    assert decode_codes(json.loads(json.dumps(encode_codes(codes, 12)))).tolist() == codes.tolist()


def test_sparse_codes_are_listed_not_bitset():
    codes = np.array([3, 2**40 + 1, 2**50], dtype=np.uint64)
    enc = encode_codes(codes, 60)
    assert "bitset" not in enc
    assert decode_codes(enc).tolist() == codes.tolist()


@pytest.mark.parametrize("bad", [
    {"count": 2, "ranges": [[1, 1]]}, {"count": 1, "ranges": [[3, 1]]},
    {"count": 1, "bitset": "!!", "first": 1, "size": 8}, {"count": 1, "bitset": "AA==", "first": 1, "size": 64},
    {"count": 1}, [1, 2], {"count": 2, "ranges": [[1, 2], [2, 3]]},
])
def test_bad_compact_sets_are_refused(bad):
    with pytest.raises(DetenteError):
        decode_set(bad)


def _readable_and_compact(result):
    readable = json.loads("".join(json_chunks(analysis_document(result, sets="readable"))))
    compact = json.loads("".join(json_chunks(analysis_document(result, sets="compact"))))
    return readable, compact


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 7), st.integers(2, 3), st.integers(0, 10_000))
def test_compact_document_decodes_to_the_readable_one(n_options, n_dms, seed):
    result = analyze(random_conflict(n_options, min(n_dms, n_options), seed=seed))
    readable, compact = _readable_and_compact(result)
    assert readable["schema"] == "detente.analysis/1" and compact["schema"] == "detente.analysis/2"
    assert readable == result.to_dict(sets="readable")  # streamed text == the in-memory form
    codes = decode_codes(compact["state_codes"])
    yn = [s["yn"] for s in readable["states"]]
    assert [result.conflict.yn(int(c)) for c in codes] == yn
    for dm in result.conflict.dm_names:
        assert decode_int32(compact["ranks"][dm]).tolist() == result.ranks[dm].tolist()
    for k, res in readable["results"].items():
        for dm, states in res["stable_for"].items():
            assert [yn[i - 1] for i in decode_set(compact["results"][k]["stable_for"][dm])] == states
        eq = decode_set(compact["results"][k]["equilibria"])
        assert [s["id"] for s in res["equilibria"]] == eq.tolist()
        assert compact["results"][k]["equilibrium_states"] == res["equilibria"]


def test_csv_and_npz_tables_agree():
    result = analyze(random_conflict(6, 3, seed=4))
    text = "".join(csv_chunks(result, rows_per_chunk=5))
    rows = [line.split(",") for line in text.strip().splitlines()]
    buf = io.BytesIO()
    write_npz(result, buf)
    buf.seek(0)
    with np.load(buf) as table:
        columns = {name: table[name] for name in table.files}
    assert rows[0] == ["id", "state"] + list(columns)[2:]
    for p, row in enumerate(rows[1:]):
        assert int(row[0]) == columns["id"][p] == p + 1
        assert row[1] == result.yn(p)
        for name, value in zip(rows[0][2:], row[2:]):
            assert int(value) == int(columns[name][p]), name
    assert int(columns["code"][3]) == int(result.space.codes[3])
    assert zipfile.is_zipfile(io.BytesIO(buf.getvalue()))


def test_auto_form_switches_at_the_threshold(monkeypatch):
    import detente.gmcr.output as output
    result = analyze(random_conflict(5, 2, seed=1), ["Nash"])
    monkeypatch.setattr(output, "READABLE_STATE_LIMIT", result.n_states)
    assert result.to_dict()["schema"] == "detente.analysis/1"
    monkeypatch.setattr(output, "READABLE_STATE_LIMIT", result.n_states - 1)
    assert result.to_dict()["schema"] == "detente.analysis/2"


def test_cli_writes_npz_and_compact_json(tmp_path, capsys):
    from pathlib import Path

    from detente.cli import main
    model = str(Path(__file__).parent / "fixtures" / "gmcr" / "chicken.yaml")
    assert main(["analyze", model, "-f", "npz"]) == 2  # a binary archive needs a file
    assert "needs --output" in capsys.readouterr().err
    assert main(["analyze", model, "-f", "npz", "-o", str(tmp_path / "r.npz")]) == 0
    with np.load(tmp_path / "r.npz") as table:
        assert "Nash:equilibrium" in table.files
    assert main(["analyze", model, "-f", "json", "--sets", "compact", "-o", str(tmp_path / "r.json")]) == 0
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["schema"] == "detente.analysis/2" and doc["sets"] == "compact"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left
