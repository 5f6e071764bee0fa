"""Linking a conflict model to stored statements: rank candidate evidence by text similarity.

For every preference statement and every constraint (``infeasible`` entry) of a model,
:func:`suggest_evidence` ranks stored statements by TF-IDF cosine similarity (Salton &
Buckley, "Term-weighting approaches in automatic text retrieval", 1988: sublinear term
frequency, smoothed inverse document frequency, L2-normalised vectors) between

* the assumption's *query*: its own text with every option name replaced by the option's
  name, label and description, the decision maker's name, label and description, and the
  quotes, speakers and notes of any evidence it already cites; and
* each stored statement's speaker and content.

This is a recall aid for the analyst, not a judge: it finds the statements worth reading in a
large store in seconds; linking is the analyst's decision (cite the chosen one in the model
with ``evidence: {statement_id: N}``).

Example
-------
>>> from detente.evidence.link import rank
>>> docs = ["We will never accept NATO troops in Ukraine", "Prices of grain rose"]
>>> [(i, round(s, 2)) for i, s in rank(["NATO troops Ukraine"], docs, top=1)[0]]
[(0, 0.77)]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = ["Assumption", "Suggestion", "assumptions_of", "assumptions_from_document", "rank",
           "suggest_evidence", "tokens"]

# Function words carry no topic; a short list suffices for ranking.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told wrote added
""".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens without stopwords, crudely stemmed (plural/possessive -s)."""
    out = []
    for t in _TOKEN.findall(text.lower().replace("_", " ")):
        t = t.split("'")[0]
        if t in STOPWORDS or len(t) < 2:
            continue
        if len(t) > 4 and t.endswith("ies"):
            t = t[:-3] + "y"
        elif len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
            t = t[:-1]
        out.append(t)
    return out


def rank(queries: Sequence[str], documents: Sequence[str], top: int = 5,
         min_score: float = 0.0) -> list[list[tuple[int, float]]]:
    """For each query, the ``top`` documents by TF-IDF cosine similarity.

    Parameters
    ----------
    queries, documents : texts.
    top : how many documents per query.
    min_score : leave out documents scoring below this (0..1).

    Returns
    -------
    One list per query of ``(document index, score)``, best first; documents sharing no word
    with the query are never returned.
    """
    vocab: dict[str, int] = {}
    doc_terms: list[Counter] = []
    for d in documents:
        c = Counter(tokens(d))
        for t in c:
            vocab.setdefault(t, len(vocab))
        doc_terms.append(c)
    n_docs = len(documents)
    if n_docs == 0:
        return [[] for _ in queries]
    # postings in CSR layout by term: rows = terms, columns = documents
    rows, cols, tf = [], [], []
    for j, c in enumerate(doc_terms):
        for t, k in c.items():
            rows.append(vocab[t])
            cols.append(j)
            tf.append(k)
    rows_a = np.asarray(rows, dtype=np.int64)
    cols_a = np.asarray(cols, dtype=np.int64)
    tf_a = np.asarray(tf, dtype=np.float64)
    df = np.bincount(rows_a, minlength=len(vocab)).astype(np.float64)
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    w = (1.0 + np.log(tf_a)) * idf[rows_a]
    norms = np.sqrt(np.bincount(cols_a, weights=w * w, minlength=n_docs))
    norms[norms == 0] = 1.0
    order = np.argsort(rows_a, kind="stable")
    rows_s, cols_s, w_s = rows_a[order], cols_a[order], (w / norms[cols_a])[order]
    starts = np.searchsorted(rows_s, np.arange(len(vocab) + 1))

    results = []
    for q in queries:
        qc = Counter(t for t in tokens(q) if t in vocab)
        if not qc:
            results.append([])
            continue
        scores = np.zeros(n_docs)
        qw = {t: (1.0 + math.log(k)) * idf[vocab[t]] for t, k in qc.items()}
        qnorm = math.sqrt(sum(v * v for v in qw.values()))
        # the query norm counts only words the store knows; unknown words cannot match anyway
        for t, v in qw.items():
            i = vocab[t]
            a, b = starts[i], starts[i + 1]
            scores[cols_s[a:b]] += (v / qnorm) * w_s[a:b]
        k = min(top, n_docs)
        best = np.argpartition(-scores, k - 1)[:k] if k < n_docs else np.arange(n_docs)
        best = best[np.argsort(-scores[best], kind="stable")]
        results.append([(int(j), float(scores[j])) for j in best
                        if scores[j] > 0 and scores[j] >= min_score])
    return results


@dataclass
class Assumption:
    """A modelling assumption evidence can be linked to."""

    kind: str  # "preference" or "constraint"
    where: str  # field path in the model file, e.g. "decision_makers[0].preferences[2]"
    owner: str | None  # the decision maker (preferences)
    text: str  # the statement or the constraint's condition as written
    query: str  # what is matched against stored statements
    cited: list[int] = field(default_factory=list)  # statement ids already cited


@dataclass
class Suggestion:
    """Stored statements ranked for one assumption."""

    assumption: Assumption
    candidates: list[tuple[Any, float]]  # (StatementRecord, score), best first

    def to_dict(self) -> dict:
        a = self.assumption
        return {"kind": a.kind, "where": a.where, "owner": a.owner, "text": a.text,
                "cited": a.cited,
                "candidates": [{"score": round(s, 4), **rec.to_dict()}
                               for rec, s in self.candidates]}


def _evidence_text(evidence: Iterable) -> tuple[str, list]:
    parts, cited = [], []
    for ev in evidence or []:
        get = ev.get if isinstance(ev, dict) else (lambda k, ev=ev: getattr(ev, k, None))
        for key in ("quote", "speaker", "note", "assumption", "channel"):
            v = get(key)
            if v:
                parts.append(str(v))
        if get("statement_id") is not None:
            from detente.evidence.identity import parse_statement_ref
            try:
                cited.append(parse_statement_ref(get("statement_id")))
            except ValueError:
                cited.append(str(get("statement_id")))  # reported as not stored
    return " ".join(parts), cited


def _option_words(names: Iterable[str], options: dict[str, str]) -> str:
    return " ".join(options.get(n, n) for n in names)


def assumptions_of(conflict, *, use_evidence: bool = True) -> list[Assumption]:
    """Preference statements and constraints of a loaded :class:`detente.model.Conflict`.

    ``use_evidence=False`` leaves the evidence already cited out of the queries (to find
    evidence independently of it, and to evaluate the ranking: ``bench/eval_suggest.py``).
    """
    options = {o.name: " ".join(x for x in (o.name, o.label, o.description) if x)
               for o in conflict.options}
    out: list[Assumption] = []
    for i, dm in enumerate(conflict.decision_makers):
        who = " ".join(x for x in (dm.name, dm.label, dm.description) if x)
        for j, st in enumerate(dm.preferences or []):
            ev_text, cited = _evidence_text(st.evidence)
            ev_text = ev_text if use_evidence else ""
            names = sorted(st.expr.names()) if getattr(st, "expr", None) is not None else []
            query = " ".join([who, st.text, _option_words(names, options), st.note or "", ev_text])
            out.append(Assumption("preference", f"decision_makers[{i}].preferences[{j}]",
                                  dm.name, st.text, query, cited))
    for k, c in enumerate(conflict.constraints):
        ev_text, cited = _evidence_text(c.evidence)
        ev_text = ev_text if use_evidence else ""
        names = sorted(c.expr.names()) if getattr(c, "expr", None) is not None else []
        query = " ".join([c.text, _option_words(names, options), c.why or "", ev_text])
        out.append(Assumption("constraint", f"infeasible[{k}]", None, c.text, query, cited))
    return out


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


def assumptions_from_document(data: dict) -> list[Assumption]:
    """The same from a raw model document (``read_document``), for files that do not load.

    ``decision_makers[*].preferences[*]`` are strings or mappings with ``statement`` (and
    ``evidence``); ``infeasible[*]`` are strings or mappings with ``when``, ``why``,
    ``evidence``.
    """
    options: dict[str, str] = {}
    for dm in data.get("decision_makers") or []:
        if not isinstance(dm, dict):
            continue
        for o in dm.get("options") or []:
            if isinstance(o, str):
                options[o] = o
            elif isinstance(o, dict) and o.get("name"):
                options[str(o["name"])] = " ".join(str(o.get(k) or "") for k in ("name", "label", "description"))
    out: list[Assumption] = []
    for i, dm in enumerate(data.get("decision_makers") or []):
        if not isinstance(dm, dict):
            continue
        who = " ".join(str(dm.get(k) or "") for k in ("name", "label", "description"))
        for j, p in enumerate(dm.get("preferences") or []):
            text, ev = (p, []) if isinstance(p, str) else (str(p.get("statement", "")), p.get("evidence"))
            ev = [ev] if isinstance(ev, dict) else (ev or [])
            ev_text, cited = _evidence_text(ev)
            query = " ".join([who, text, _option_words(_NAME.findall(text), options), ev_text])
            out.append(Assumption("preference", f"decision_makers[{i}].preferences[{j}]",
                                  dm.get("name"), text, query, cited))
    for k, c in enumerate(data.get("infeasible") or []):
        text, why, ev = (c, "", []) if isinstance(c, str) else (str(c.get("when", "")), c.get("why") or "", c.get("evidence"))
        ev = [ev] if isinstance(ev, dict) else (ev or [])
        ev_text, cited = _evidence_text(ev)
        query = " ".join([text, _option_words(_NAME.findall(text), options), str(why), ev_text])
        out.append(Assumption("constraint", f"infeasible[{k}]", None, text, query, cited))
    return out


def suggest_evidence(assumptions: Sequence[Assumption], statements: Sequence[Any], *,
                     top: int = 5, min_score: float = 0.05) -> list[Suggestion]:
    """Rank ``statements`` (stored :class:`~detente.store.evidence_repo.StatementRecord` s)
    for each assumption.

    Parameters
    ----------
    assumptions : from :func:`assumptions_of` or :func:`assumptions_from_document`.
    statements : candidates, each with ``speaker`` and ``content``.
    top : candidates per assumption.
    min_score : smallest cosine similarity shown.
    """
    docs = [f"{s.speaker or ''} {s.content}" for s in statements]
    ranked = rank([a.query for a in assumptions], docs, top=top, min_score=min_score)
    return [Suggestion(a, [(statements[j], score) for j, score in r])
            for a, r in zip(assumptions, ranked)]
