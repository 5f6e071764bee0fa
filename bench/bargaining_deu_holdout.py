"""Earn the DEU III claim: choose the model on one half of the proposals, report it once on
the other half.

The split is fixed, seeded and committed (``bench/deu_split.json``, proposal ids only, no
data): the 137 proposals with at least one usable issue (an outcome and >= 3 placed actors)
are shuffled with ``numpy.random.default_rng(SEED)`` and cut in two halves; every issue goes
with its proposal, since issues of one proposal are decided together.

1. **Selection half**: every candidate model below is scored (mean absolute error on 0-100,
   Council-vote capabilities, the default scheme); the one with the least error is chosen.
   Nothing from the hold-out half is read in this step.
2. **Hold-out half**: the chosen model and the compromise model (the pre-stated baseline,
   Achen 2006) are scored once; the paired difference gets a 95% cluster bootstrap interval
   over proposals.

Caveat stated with the figures: the candidate list was written by people who had seen
full-data results (where linear Nash did best), so the hold-out protects the choice among
candidates, not the choice of candidates.

    .venv/bin/python bench/bargaining_deu_holdout.py            # uses the committed split
    .venv/bin/python bench/bargaining_deu_holdout.py --make-split   # (re)create it (done once)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

from detente.bargaining.compromise import compromise_position
from detente.bargaining.expected_utility import simulate
from detente.bargaining.formats import deu_capabilities, read_deu
from detente.bargaining.median import median_position
from detente.bargaining.nash import nash_position

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "bargaining-data" / "deu3_blksv.tsv"
SPLIT = ROOT / "bench" / "deu_split.json"
SEED = 20261206
SCHEME = "council"


def candidates():
    """Candidate models: name -> f(x, s, c) on one issue (0-100 scale)."""
    out = {
        "compromise": lambda x, s, c: float(compromise_position(x, s, c)),
        "weighted median": lambda x, s, c: float(median_position(x, s, c)),
    }
    for p in (1.0, 1.25, 1.5, 2.0, 3.0):
        out[f"Nash, utility power {p:g}"] = (
            lambda x, s, c, p=p: float(nash_position(x, s, c, 0, 100, power=p)))
    for stat in ("median", "mean"):
        out[f"expected utility, 5 rounds, {stat}"] = (
            lambda x, s, c, stat=stat: float(simulate(x, s, c, rounds=5)[stat][0]))
    return out


def usable(data):
    return [i for i in data.issues if i.outcome is not None and len(i.actors) >= 3]


def make_split(issues) -> dict:
    proposals = sorted({i.proposal for i in issues})
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(proposals))
    half = len(proposals) // 2
    return {"seed": SEED, "source": "deu3_blksv.tsv (DEU III, blksv copy); issues with an "
            "outcome and >= 3 placed actors, grouped by proposal (prnr)",
            "selection": sorted(proposals[k] for k in order[:half]),
            "holdout": sorted(proposals[k] for k in order[half:])}


def mae(f, issues, data):
    err = [abs(f(i.positions, i.saliences / 100.0, deu_capabilities(data, i, SCHEME)) - i.outcome)
           for i in issues]
    return float(np.mean(err)), np.array(err)


def cluster_ci(diff, groups, reps=4000, seed=1):
    uniq, inv = np.unique(groups, return_inverse=True)
    sums, counts = np.bincount(inv, diff), np.bincount(inv)
    idx = np.random.default_rng(seed).integers(0, len(uniq), (reps, len(uniq)))
    boots = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
    return float(np.percentile(boots, 2.5)), float(np.percentile(boots, 97.5))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--make-split", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"DEU data not found at {DATA}; set DETENTE_SHARED", file=sys.stderr)
        return 2
    data = read_deu(DATA)
    issues = usable(data)
    if args.make_split:
        SPLIT.write_text(json.dumps(make_split(issues), indent=1) + "\n")
        print(f"wrote {SPLIT}")
        return 0
    split = json.loads(SPLIT.read_text())
    sel_ids, hold_ids = set(split["selection"]), set(split["holdout"])
    assert not sel_ids & hold_ids and sel_ids | hold_ids == {i.proposal for i in issues}
    selection = [i for i in issues if i.proposal in sel_ids]
    holdout = [i for i in issues if i.proposal in hold_ids]
    print(f"split (seed {split['seed']}): selection {len(sel_ids)} proposals / "
          f"{len(selection)} issues; hold-out {len(hold_ids)} proposals / {len(holdout)} issues")

    # 1. choose on the selection half only
    models = candidates()
    scores = {name: mae(f, selection, data)[0] for name, f in models.items()}
    print("\nselection half: mean absolute error (0-100), Council-vote capabilities")
    for name, v in sorted(scores.items(), key=lambda kv: kv[1]):
        print(f"  {name:36s} {v:6.2f}")
    chosen = min(scores, key=scores.get)
    print(f"chosen: {chosen}")

    # 2. report once on the hold-out half
    m_chosen, e_chosen = mae(models[chosen], holdout, data)
    m_base, e_base = mae(models["compromise"], holdout, data)
    lo, hi = cluster_ci(e_chosen - e_base, np.array([i.proposal for i in holdout]))
    print(f"\nhold-out half ({len(holdout)} issues): {chosen} MAE {m_chosen:.2f}; "
          f"compromise (baseline) {m_base:.2f}; difference {m_chosen - m_base:+.2f} "
          f"(95% cluster bootstrap over proposals [{lo:+.2f}, {hi:+.2f}])")
    if args.json:
        args.json.write_text(json.dumps({
            "split": {"seed": split["seed"], "selection_issues": len(selection),
                      "holdout_issues": len(holdout)},
            "selection_mae": scores, "chosen": chosen,
            "holdout": {"chosen_mae": m_chosen, "compromise_mae": m_base,
                        "difference": m_chosen - m_base, "difference_ci95": [lo, hi]}},
            indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
