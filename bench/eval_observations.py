"""How well ``detente suggest-observations`` proposes observations: precision and recall on a
gold set.

``tests/fixtures/observations/flagship-gold.jsonl``: 42 statements (speaker, date, content)
worded by us, each labelled before the command was run with the observations it reports for the
flagship's options (``option=true|false``) or none (labelling rule in the folder's README). The
rules were revised after its first run, so it is development material now;
``flagship-heldout.jsonl`` (20 statements) was labelled after that revision and before any run,
then used for the second revision; ``flagship-heldout2.jsonl`` (20) was labelled before the
second revision and run once after it (figures per revision in docs/evidence.md).
Every statement is given to :func:`detente.evidence.observations.suggest_observations` with the
flagship model (``scenarios/settlement-talks-2025-02.yaml``, its timeline's revision adding the
ceasefire options); a proposed candidate is the pair (statement, ``option=value``).

* precision: proposed pairs that are gold / proposed pairs;
* recall: gold pairs proposed / gold pairs;

with the command's defaults (``--top 5 --min-score 0.1``) and with no cut (every candidate the
rules let through), and each error listed. Statements are given directly, as stored records
would be: the extractor's own misses (statements it does not store) are not counted here.

Usage: ``python bench/eval_observations.py [--json]``
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "observations" / "flagship-gold.jsonl"
HELDOUT = ROOT / "tests" / "fixtures" / "observations" / "flagship-heldout.jsonl"
HELDOUT2 = ROOT / "tests" / "fixtures" / "observations" / "flagship-heldout2.jsonl"
MODEL = ROOT / "scenarios" / "settlement-talks-2025-02.yaml"


def load_gold(path: Path = GOLD):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    statements = []
    for r in rows:
        d = dt.date.fromisoformat(r["date"])
        statements.append(SimpleNamespace(id=r["n"], speaker=r["speaker"], content=r["content"],
                                          date_start=d, article_date=d))
    gold = {(r["n"], g) for r in rows for g in r["gold"]}
    return rows, statements, gold


def evaluate(top: int = 5, min_score: float = 0.1, model: Path = MODEL, path: Path = GOLD) -> dict:
    from detente.evidence.observations import suggest_observations
    from detente.model.load import load

    rows, statements, gold = load_gold(path)
    cands = suggest_observations(load(model), statements, top=top, min_score=min_score)
    proposed = {(c.statement.id, f"{c.option}={'true' if c.value else 'false'}") for c in cands}
    hit = proposed & gold
    return {"top": top, "min_score": min_score, "statements": len(rows), "gold": len(gold),
            "proposed": len(proposed), "correct": len(hit),
            "precision": len(hit) / len(proposed) if proposed else None,
            "recall": len(hit) / len(gold) if gold else None,
            "false_positives": sorted(proposed - gold), "missed": sorted(gold - proposed)}


def main(argv: list[str]) -> int:
    results = [dict(evaluate(path=p, **kw), set=name) for name, p in (("gold", GOLD), ("held-out", HELDOUT), ("held-out 2", HELDOUT2))
               for kw in ({}, {"top": 1000, "min_score": 0.0})]
    if "--json" in argv:
        print(json.dumps(results, indent=2))
        return 0
    rows = {r["n"]: r for p in (GOLD, HELDOUT, HELDOUT2) for r in load_gold(p)[0]}
    for r in results:
        print(f"{r['set']}, top {r['top']}, min score {r['min_score']}: {r['proposed']} proposed, {r['correct']} correct "
              f"of {r['gold']} gold: precision {r['precision']:.2f}, recall {r['recall']:.2f}")
        for n, g in r["false_positives"]:
            print(f"  false positive  {n:2d} {g:22s} {rows[n]['content']}")
        for n, g in r["missed"]:
            print(f"  missed          {n:2d} {g:22s} {rows[n]['content']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
