"""Validate the bargaining models on DEU III (EU legislative controversies, 1996-2018).

Data: ``../shared/bargaining-data/deu3_blksv.tsv`` (override the folder with DETENTE_SHARED).
Reports the mean absolute error (0-100 scale) of every model under each stated capability
scheme, on the issues with a coded outcome and at least three placed actors; then the
"moonshot": two combinations of model forecasts and reference positions (a convex
combination, and a median regression with a dichotomous-issue interaction) whose weights are
fitted by minimising absolute error on training folds, with folds grouped by proposal, so
every reported error is out of fold. A cluster bootstrap over proposals gives a 95% interval
for the difference to the compromise model.

    .venv/bin/python bench/bargaining_deu.py [--folds 10] [--rounds 10] [--json out.json]

Published: compromise ~23, median actor ~28, BDM challenge model ~27-28.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

from detente.bargaining.compromise import compromise_position
from detente.bargaining.expected_utility import EUOptions, simulate
from detente.bargaining.formats import deu_capabilities, read_deu
from detente.bargaining.median import median_position
from detente.bargaining.nash import nash_position

SHARED = Path(os.environ.get("DETENTE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
DATA = SHARED / "bargaining-data" / "deu3_blksv.tsv"
SCHEMES = ("council", "council_equal_institutions", "equal", "gdp")


def forecasts(data, issues, scheme, rounds):
    """Per-issue forecasts of every model (and reference positions) under one scheme."""
    cols = {k: [] for k in ("compromise", "median", "nash_worst", "nash_quadratic", "nash_sq",
                            "eu_median", "eu_mean", "reference", "commission", "parliament",
                            "mean_unweighted")}
    for iss in issues:
        x, s = iss.positions, iss.saliences / 100.0
        c = deu_capabilities(data, iss, scheme)
        comp = float(compromise_position(x, s, c))
        cols["compromise"].append(comp)
        cols["median"].append(float(median_position(x, s, c)))
        cols["nash_worst"].append(float(nash_position(x, s, c, 0, 100)))  # linear utilities
        cols["nash_quadratic"].append(float(nash_position(x, s, c, 0, 100, power=2.0)))
        cols["nash_sq"].append(float(nash_position(x, s, c, 0, 100, disagreement=iss.reference))
                               if iss.reference is not None else np.nan)
        sim = simulate(x, s, c, rounds=rounds, options=EUOptions())
        cols["eu_median"].append(float(sim["median"][0]))
        cols["eu_mean"].append(float(sim["mean"][0]))
        cols["reference"].append(np.nan if iss.reference is None else iss.reference)
        pos = dict(zip(iss.actors, x))
        cols["commission"].append(pos.get("com", np.nan))
        cols["parliament"].append(pos.get("ep", np.nan))
        cols["mean_unweighted"].append(float(np.mean(x)))
    return {k: np.array(v, dtype=float) for k, v in cols.items()}


def direction_checks(rounds):
    """Forecast functions (x, s, c) -> value checked for dependence on the scale's direction."""
    def eu(selection):
        return lambda x, s, c: float(simulate(x, s, c, rounds=rounds, options=EUOptions(
            offer_selection=selection))["median"][0])
    return {
        "compromise": lambda x, s, c: float(compromise_position(x, s, c)),
        "weighted median": lambda x, s, c: float(median_position(x, s, c)),
        "Nash, linear": lambda x, s, c: float(nash_position(x, s, c, 0, 100)),
        "EU model (default: least_move)": eu("least_move"),
        "EU model, offer_selection=scholz": eu("scholz"),
    }


def fit_convex_lad(F, y):
    """Weights w >= 0, sum 1, minimising sum |y - F w| (a linear programme)."""
    n, k = F.shape
    # variables: w (k), t (n); minimise sum t; t >= y - Fw, t >= Fw - y
    c = np.r_[np.zeros(k), np.ones(n)]
    A = np.block([[-F, -np.eye(n)], [F, -np.eye(n)]])
    b = np.r_[-y, y]
    res = linprog(c, A_ub=A, b_ub=b, A_eq=np.r_[np.ones(k), np.zeros(n)][None],
                  b_eq=[1.0], bounds=[(0, None)] * (k + n), method="highs")
    return res.x[:k]


def fit_lad(F, y):
    """Unconstrained least-absolute-deviations regression (median regression) as an LP."""
    n, k = F.shape
    c = np.r_[np.zeros(2 * k), np.ones(n)]
    A = np.block([[-F, F, -np.eye(n)], [F, -F, -np.eye(n)]])
    b = np.r_[-y, y]
    res = linprog(c, A_ub=A, b_ub=b, bounds=[(0, None)] * (2 * k + n), method="highs")
    return res.x[:k] - res.x[k:2 * k]


def grouped_folds(groups, k, seed=0):
    uniq = np.unique(groups)
    rng = np.random.default_rng(seed)
    rng.shuffle(uniq)
    fold_of = {g: i % k for i, g in enumerate(uniq)}
    return np.array([fold_of[g] for g in groups])


def cluster_bootstrap(err_a, err_b, groups, reps=2000, seed=1):
    """95% interval of mean(err_a - err_b), resampling proposals."""
    uniq, inv = np.unique(groups, return_inverse=True)
    diff = err_a - err_b
    sums = np.bincount(inv, diff)
    counts = np.bincount(inv)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(uniq), (reps, len(uniq)))
    boots = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
    return float(np.percentile(boots, 2.5)), float(np.percentile(boots, 97.5))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--min-actors", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=5, help="fold assignments to try")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"DEU data not found at {DATA}; set DETENTE_SHARED", file=sys.stderr)
        return 2
    data = read_deu(DATA)
    issues = [i for i in data.issues if i.outcome is not None and len(i.actors) >= args.min_actors]
    y = np.array([i.outcome for i in issues])
    groups = np.array([i.proposal for i in issues])
    print(f"DEU III: {len(data.issues)} issues, {len(issues)} with an outcome and >= "
          f"{args.min_actors} placed actors, {len(set(groups))} proposals")
    report = {"n_issues": len(issues), "n_proposals": len(set(groups)), "schemes": {}}
    t0 = time.perf_counter()
    all_f = {}
    for scheme in SCHEMES:
        f = forecasts(data, issues, scheme, args.rounds)
        all_f[scheme] = f
        row = {}
        for m in ("compromise", "median", "nash_worst", "nash_quadratic", "nash_sq", "eu_median",
                  "eu_mean"):
            ok = ~np.isnan(f[m])
            row[m] = {"mae": float(np.mean(np.abs(f[m][ok] - y[ok]))), "n": int(ok.sum())}
        report["schemes"][scheme] = row
    for m in ("reference", "commission", "parliament", "mean_unweighted"):
        f = all_f["council"][m]
        ok = ~np.isnan(f)
        report.setdefault("reference_points", {})[m] = {
            "mae": float(np.mean(np.abs(f[ok] - y[ok]))), "n": int(ok.sum())}
    print(f"(models computed in {time.perf_counter() - t0:.1f} s; EU model: default options, "
          f"{args.rounds} rounds)\n")
    print("MAE on 0-100 by capability scheme (n issues in brackets); nash_worst: linear "
          "utilities, worst-point disagreement; nash_quadratic: quadratic; nash_sq: linear, "
          "reference point")
    names = ("compromise", "median", "nash_worst", "nash_quadratic", "nash_sq", "eu_median",
             "eu_mean")
    print(f"{'scheme':28s}" + "".join(f"{m:>16s}" for m in names))
    for scheme, row in report["schemes"].items():
        print(f"{scheme:28s}" + "".join(f"{row[m]['mae']:11.2f}({row[m]['n']:3d})" for m in names))
    print("\npaired difference to the compromise model, 95% cluster bootstrap over proposals:")
    for scheme in SCHEMES:
        fc = all_f[scheme]
        base = np.abs(fc["compromise"] - y)
        for m in ("nash_worst", "median", "eu_median", "eu_mean"):
            lo, hi = cluster_bootstrap(np.abs(fc[m] - y), base, groups)
            report["schemes"][scheme][m]["difference_to_compromise_ci95"] = [lo, hi]
        lo, hi = report["schemes"][scheme]["nash_worst"]["difference_to_compromise_ci95"]
        print(f"  {scheme:28s} nash_worst - compromise: "
              f"{report['schemes'][scheme]['nash_worst']['mae'] - base.mean():+.2f} "
              f"[{lo:+.2f}, {hi:+.2f}]")
    # --- direction of the scale: mirror every position (x -> 100 - x) -----------------------
    print("\nforecasts that change when every scale is mirrored (council capabilities; a "
          "forecast f must become 100 - f):")
    report["mirror"] = {}
    for label, fn in direction_checks(args.rounds).items():
        moved = []
        for iss in issues:
            c = deu_capabilities(data, iss, "council")
            a, b = fn(iss.positions, iss.saliences / 100.0, c), fn(100.0 - iss.positions,
                                                                  iss.saliences / 100.0, c)
            moved.append(abs(a - (100.0 - b)))
        moved = np.array(moved)
        report["mirror"][label] = {"moved": int((moved > 1e-6).sum()), "max": float(moved.max())}
        print(f"  {label:40s} {int((moved > 1e-6).sum()):3d} of {len(issues)} move "
              f"(largest {moved.max():.1f})")

    print("\nreference positions as forecasts:", ", ".join(
        f"{k} {v['mae']:.2f} (n={v['n']})" for k, v in report["reference_points"].items()))

    # --- moonshot: candidates fitted on training folds only, folds grouped by proposal -------
    f = all_f["council"]
    comp = f["compromise"]
    feats = {k: np.where(np.isnan(f[k]), comp, f[k]) for k in
             ("compromise", "median", "nash_worst", "eu_median", "eu_mean", "reference",
              "commission", "parliament", "mean_unweighted")}
    dich = np.array([set(i.positions.tolist()) <= {0.0, 100.0} for i in issues], dtype=float)
    lad_cols = {k: feats[k] for k in ("compromise", "median", "nash_worst", "eu_mean",
                                      "commission", "parliament", "mean_unweighted")}
    lad_cols.update({"intercept": np.ones(len(y)), "dichotomous": dich,
                     "dichotomous x compromise": dich * comp,
                     "dichotomous x median": dich * feats["median"]})
    grid = (1.0, 1.25, 1.5, 2.0, 3.0)
    nash_by_power = {p: np.array([float(nash_position(i.positions, i.saliences / 100.0,
                                                      deu_capabilities(data, i, "council"),
                                                      0, 100, power=p)) for i in issues])
                     for p in grid}
    candidates = [
        (f"Nash solution, utility power chosen on training folds from {grid}", nash_by_power,
         "select"),
        ("convex LAD stacking of forecasts and reference positions", feats, fit_convex_lad),
        ("LAD regression with a dichotomous-issue interaction (clipped to 0-100)", lad_cols,
         fit_lad),
    ]
    err_c = np.abs(comp - y)
    report["moonshot"] = {"compromise_mae": float(err_c.mean()), "folds": args.folds,
                          "grouping": "proposal", "capabilities": "council", "candidates": []}
    print(f"\nMoonshot: {args.folds}-fold CV grouped by proposal, {args.seeds} fold seeds, "
          f"council capabilities; compromise MAE {err_c.mean():.2f}")
    for label, cols, fit in candidates:
        F = np.column_stack(list(cols.values()))
        runs = []
        for seed in range(args.seeds):  # the fold assignment is random: report every seed
            oof = np.empty_like(y)
            weights = []
            folds = grouped_folds(groups, args.folds, seed)
            for k in range(args.folds):
                tr, te = folds != k, folds == k
                if fit == "select":  # pick the column with the least training error
                    j = int(np.argmin(np.abs(F[tr] - y[tr, None]).mean(axis=0)))
                    w = np.eye(F.shape[1])[j]
                else:
                    w = fit(F[tr], y[tr])
                weights.append(w)
                oof[te] = np.clip(F[te] @ w, 0.0, 100.0)
            err_s = np.abs(oof - y)
            lo, hi = cluster_bootstrap(err_s, err_c, groups)
            runs.append({"seed": seed, "mae_out_of_fold": float(err_s.mean()),
                         "difference_ci95": [lo, hi],
                         "mean_weights": dict(zip(map(str, cols),
                                                  map(float, np.mean(weights, axis=0))))})
        better = all(r["difference_ci95"][1] < 0 for r in runs)
        report["moonshot"]["candidates"].append({"method": label, "runs": runs,
                                                 "reliably_better": better})
        print(f"  {label}:")
        for r in runs:
            lo, hi = r["difference_ci95"]
            print(f"    fold seed {r['seed']}: out-of-fold MAE {r['mae_out_of_fold']:.2f}  "
                  f"difference {r['mae_out_of_fold'] - err_c.mean():+.2f} "
                  f"(95% cluster-bootstrap CI [{lo:+.2f}, {hi:+.2f}])")
        print("    weights (seed 0, mean over folds): " + ", ".join(
            f"{k} {v:.2f}" for k, v in runs[0]["mean_weights"].items() if abs(v) > 0.005))
        print("    verdict: " + ("better than the compromise model out of sample (CI below 0 "
                                 "for every fold seed)" if better else
                                 "NOT reliably better than the compromise model (the interval "
                                 "includes 0 for some fold seed)"))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
