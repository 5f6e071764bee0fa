"""The two KTAB China energy-reform cases (Efird, Lester & Wise 2016): forecasts vs published.

Data: ``../shared/bargaining-data/ktab_soe_policy.csv`` and ``ktab_soe_competitive.csv``
(KTAB SMP CSV format; override the folder with DETENTE_SHARED). Published (per the data
README): SOE-Policy KTAB SMP forecast ~30 (sweep 15-45), weighted mean 35.0, weighted median
30; SOE-Competitive KTAB forecast 20-40 (sweep 30-50), weighted mean 40.0, weighted median 40.
The "published range" checked is the union of the published forecast and its sweep.
Also runs the BDM (1997) "Sultan" transcription, for which Scholz et al. report no
reproduction of the published figures (shown for information only).

    .venv/bin/python bench/bargaining_ktab.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from detente.bargaining.compromise import compromise
from detente.bargaining.expected_utility import expected_utility
from detente.bargaining.formats import read_actor_table, read_ktab
from detente.bargaining.median import median
from detente.bargaining.nash import nash

SHARED = Path(os.environ.get("DETENTE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
D = SHARED / "bargaining-data"
CASES = [
    ("ktab_soe_policy.csv", "KTAB SMP ~30 (sweep 15-45); weighted mean 35.0, weighted median 30",
     (15, 45)),
    ("ktab_soe_competitive.csv", "KTAB SMP 20-40 (sweep 30-50); weighted mean 40.0, weighted "
     "median 40", (20, 50)),
]


def run(iss, published, band):
    rows = [("compromise", compromise(iss).value), ("median", median(iss).value),
            ("nash (worst)", nash(iss).value)]
    for label, kw in (("eu 5 rounds", {"rounds": 5}), ("eu 10 rounds", {"rounds": 10}),
                      ("eu scholz rule 10", {"rounds": 10, "offer_selection": "scholz"})):
        r = expected_utility(iss, **kw)
        rows.append((label, r.value))
        if label == "eu 10 rounds":
            traj = " ".join(f"{m:.3g}" for m in r.medians)
    print(f"\n{iss.name} ({len(iss.actors)} actors) - published: {published}")
    for name, v in rows:
        inside = "" if band is None else (f"  inside published range {band}" if band[0] <= v <= band[1]
                                          else "  OUTSIDE published band")
        print(f"  {name:18s} {v:7.2f}{inside}")
    print(f"  eu median by round: {traj}")


def main() -> int:
    missing = [c for c, _, _ in CASES if not (D / c).exists()]
    if missing:
        print(f"data not found in {D}: {missing}; set DETENTE_SHARED", file=sys.stderr)
        return 2
    for fname, published, band in CASES:
        _, issues = read_ktab(D / fname)
        for iss in issues:
            run(iss, published, band)
    sultan = D / "bdm1997_sultan_jmckib.csv"
    if sultan.exists():
        run(read_actor_table(sultan, issue="BDM 1997 Sultan (UNVERIFIED transcription)"),
            "none reproducible (Scholz et al. 2011)", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
