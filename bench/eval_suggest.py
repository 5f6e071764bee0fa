"""How well ``detente suggest-evidence`` ranks the statement an analyst actually cited.

The example scenario ``scenarios/settlement-talks-2025-02.yaml`` cites verbatim quotes from the
seed report for most of its preference statements and constraints. This script ingests the
seed report (``<shared>/seeds``, read at run time) with the real extractor into a temporary
database, then, for every assumption citing a quote, takes as *gold* the stored statements whose
content contains that quote, ranks all stored statements for the assumption **with the cited
evidence removed from the query** (so the ranking cannot just match the quote), and reports:

* hit@1 and hit@3: share of assumptions with a gold statement ranked first / among the top 3;
* MRR: mean reciprocal rank of the first gold statement;
* the same with the evidence left in the query (what the command shows by default).

Usage: ``python bench/eval_suggest.py``
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "seeds" / "000_f305f066d2f52e73.txt"
MODEL = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"“”'’.,]", "", text.lower())).strip()


def main() -> int:
    from detente.evidence.ingest import ingest
    from detente.evidence.link import assumptions_of, rank
    from detente.model.load import load
    from detente.store.db import dispose_all, transaction
    from detente.store.evidence_repo import find_statements

    if not SEED.exists():
        print(f"seed report not found at {SEED}; set DETENTE_SHARED", file=sys.stderr)
        return 1
    conflict = load(MODEL)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/suggest.sqlite"
        ingest([SEED], db=db)
        with transaction(db) as s:
            statements = find_statements(s)
        dispose_all()
    docs = [f"{st.speaker or ''} {st.content}" for st in statements]
    contents = [norm(st.content) for st in statements]

    quotes_by_where = {}
    items = [(f"decision_makers[{i}].preferences[{j}]", p.evidence)
             for i, dm in enumerate(conflict.decision_makers) for j, p in enumerate(dm.preferences or [])]
    items += [(f"infeasible[{k}]", c.evidence) for k, c in enumerate(conflict.constraints)]
    for where, evidence in items:
        qs = [norm(e.quote) for e in evidence if e.quote]
        if qs:
            quotes_by_where[where] = qs

    print(f"{len(statements)} statements stored from the seed report; "
          f"{len(quotes_by_where)} assumptions of {MODEL.name} cite a quote")
    for use_evidence in (False, True):
        assumptions = [a for a in assumptions_of(conflict, use_evidence=use_evidence)
                       if a.where in quotes_by_where]
        ranked = rank([a.query for a in assumptions], docs, top=len(docs))
        hits1 = hits3 = 0
        rr = 0.0
        n = 0
        for a, r in zip(assumptions, ranked):
            gold = {j for j, c in enumerate(contents) if any(q in c for q in quotes_by_where[a.where])}
            if not gold:
                continue  # the quote is not inside any stored statement (article's own voice)
            n += 1
            order = [j for j, _ in r]
            first = next((k for k, j in enumerate(order) if j in gold), None)
            if first is not None:
                rr += 1 / (first + 1)
                hits1 += first == 0
                hits3 += first < 3
        label = "with the cited evidence in the query" if use_evidence else "evidence removed from the query"
        print(f"  {label}: {n} assumptions with a stored gold statement; "
              f"hit@1 {hits1 / n:.2f}, hit@3 {hits3 / n:.2f}, MRR {rr / n:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
