"""Readers for the PolNeAR corpus (BRAT standoff) and its CofeNet BIO split.

Data live in ``../shared/evidence-data/`` (evaluation only, never copied into the project);
``DETENTE_SHARED`` points to another copy of ``shared/``. Parsed spaCy documents are cached under
``$DETENTE_BENCH_CACHE`` (default ``/tmp/detente-bench``) so that repeated runs are fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "evidence-data"
CACHE = Path(os.environ.get("DETENTE_BENCH_CACHE", "/tmp/detente-bench"))


def require_data(sub: str) -> Path:
    p = DATA / sub
    if not p.exists():
        sys.exit(f"evaluation data not found: {p} (set DETENTE_SHARED to the shared/ folder)")
    return p


@dataclass
class GoldAttribution:
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class BratDoc:
    id: str  # annotation file stem (article + annotator)
    text: str
    attributions: list[GoldAttribution]


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def load_brat(split: str) -> list[BratDoc]:
    base = require_data(f"polnear/{split}")
    docs = []
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem
        article = re.sub(r"_[0-9a-f]{4}$", "", stem)
        text = (base / "text" / f"{article}.txt").read_text("utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        rels = []
        for line in ann.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                kind, _, rest = parts[1].partition(" ")
                spans[parts[0]] = (kind, _spans(rest))
            elif parts[0].startswith("E"):
                rels.append(parts[1].split())
        atts = []
        for rel in rels:
            a = GoldAttribution()
            ok = False
            for arg in rel:
                role, _, tid = arg.partition(":")
                role = re.sub(r"\d+$", "", role)
                if tid not in spans:
                    continue
                if role.startswith("Attribution"):
                    ok = spans[tid][0] in ("Attribution", "Attribution-no-source")
                elif role == "Source":
                    a.source += spans[tid][1]
                elif role == "Cue":
                    a.cue += spans[tid][1]
                elif role == "Content":
                    a.content += spans[tid][1]
            if ok and a.content:
                atts.append(a)
        docs.append(BratDoc(stem, text, atts))
    return docs


PTB = {"``": "“", "''": "”", "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]",
       "-LCB-": "{", "-RCB-": "}"}
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "}", "”", "%", "'s", "'S", "n't", "'re",
                   "'ve", "'ll", "'d", "'m", "’s", "'"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "$", "#"}


@dataclass
class BioLine:
    id: str
    tokens: list[str]
    labels: list[str]
    text: str
    offsets: list[tuple[int, int]]  # char span of each token in ``text``


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    parts, offsets, pos = [], [], 0
    prev = None
    for tok in tokens:
        t = PTB.get(tok, tok)
        if prev is not None and not (t in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER):
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(t)))
        parts.append(t)
        pos += len(t)
        prev = t
    return "".join(parts), offsets


def load_bio(name: str) -> list[BioLine]:
    path = require_data("polnear-cofenet-bio") / f"{name}.txt"
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        text, offsets = detokenize(d["tokens"])
        out.append(BioLine(d["id"], d["tokens"], d["labels"], text, offsets))
    return out


def bio_spans(labels: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Spans per type from BIO labels, read the way CofeNet's evaluation reads them (an I- of
    another type, or an O, closes a span; a stray I- opens nothing)."""
    out: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
    cur, start = None, -1
    for i, lab in enumerate(labels + ["O"]):
        if lab.startswith("B-"):
            if cur:
                out[cur].append((start, i))
            cur, start = lab[2:], i
        elif lab.startswith("I-") and cur == lab[2:]:
            continue
        else:
            if cur:
                out[cur].append((start, i))
            cur = None
    return out


def parse_cached(nlp, texts: list[str], tag: str, n_process: int = 1):
    """Parse ``texts`` with ``nlp``, caching the result (keyed by the texts and the model)."""
    from spacy.tokens import DocBin
    h = hashlib.sha256()
    h.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{nlp.pipe_names}".encode())
    for t in texts:
        h.update(t.encode("utf-8"))
        h.update(b"\0")
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{tag}-{h.hexdigest()[:16]}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=64, n_process=n_process))
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)
    return docs
