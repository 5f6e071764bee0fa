"""Sensitivity of equilibria to each uncertain assumption.

Two complementary views of the assumptions listed by
:func:`detente.gmcr.robustness.parse_uncertainty`:

* **one at a time** (deterministic): start from the model as written (every statement held,
  orders as written, no alternative) and flip a single assumption — drop the statement, swap
  the pair (reverse a group), or use the alternative reading — then list the equilibria that
  appear and vanish under each concept. This is the classical sensitivity analysis of the
  graph model (Fang, Hipel & Kilgour 1993, ch. 8; Xu et al. 2018): which conclusion hangs on
  which assumption.
* **tornado** (probabilistic, from a robustness run): for a focal conclusion, "state s is a C
  equilibrium", the probability conditional on each assumption holding as written and on it
  being flipped, everything else uncertain as declared. Assumptions are sorted by the width of
  that swing; :func:`tornado_svg` draws them (matplotlib, SVG text that the HTML report embeds).

Example
-------
>>> import detente
>>> from detente.gmcr.sensitivity import one_at_a_time
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": [
...         {"statement": "not b", "probability": 0.5}, "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
>>> [(f.assumption.flipped, f.vanish["GMR"]) for f in one_at_a_time(c, ["GMR"])]
[('A does not hold "not b"', [0])]
"""

from __future__ import annotations

import html
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from detente.gmcr.robustness import (Assumption, Plan, RobustnessResult, _Evaluator, make_plan,
                                     parse_uncertainty, robustness, wilson_interval)
from detente.model.states import StateSpace
from detente.model.conflict import Conflict


# --- one assumption at a time ----------------------------------------------------------------

def _written_key(plan: Plan, dm: str, src: int = 0) -> tuple:
    r = plan.readings[dm][src]
    if r.truth is None:
        return (src,)
    return (src,) + tuple(range(r.truth.shape[1]))


def _flipped_keys(plan: Plan, a: Assumption) -> dict[str, tuple]:
    keys = {dm: _written_key(plan, dm) for dm in plan.dms}
    if a.kind == "statement":
        keys[a.dm] = (0,) + tuple(k for k in keys[a.dm][1:] if k != a.target)
    elif a.kind == "order":
        members, _ = plan.readings[a.dm][0].groups[a.target]
        order = list(keys[a.dm][1:])
        for pos, v in zip(members, reversed(members)):
            order[pos] = v
        keys[a.dm] = (0,) + tuple(order)
    else:
        keys[a.dm] = _written_key(plan, a.dm, a.target)
    return keys


@dataclass
class Flip:
    """What flipping one assumption (alone) does to the equilibria, per concept (positions)."""

    assumption: Assumption
    appear: dict[str, list[int]]
    vanish: dict[str, list[int]]

    @property
    def changes(self) -> int:
        return sum(len(v) for v in self.appear.values()) + sum(len(v) for v in self.vanish.values())


def _equilibria(ev: _Evaluator, keys: dict[str, tuple]) -> dict[str, set[int]]:
    out = {}
    for concept, per in ev.stable(keys).items():
        eq = None
        for arr in per.values():
            eq = arr.copy() if eq is None else eq & arr
        out[concept] = set(np.flatnonzero(eq).tolist())
    return out


def one_at_a_time(conflict: Conflict, concepts: Iterable[str] | None = None,
                  space: StateSpace | None = None) -> list[Flip]:
    """For each assumption, the equilibria that appear and vanish when it alone is flipped.

    Parameters
    ----------
    conflict
        A model with uncertainty.
    concepts
        Default Nash, GMR, SMR, SEQ.

    Returns
    -------
    list of Flip
        In the order of the assumptions.
    """
    from detente.gmcr.analysis import normalise_concepts
    from detente.gmcr.robustness import DEFAULT_CONCEPTS

    space = space or StateSpace.build(conflict)
    unc = parse_uncertainty(conflict, space)
    concepts = normalise_concepts(list(concepts) if concepts else list(DEFAULT_CONCEPTS))
    plan = make_plan(conflict, unc, space, concepts, 0)
    ev = _Evaluator(plan)
    base = _equilibria(ev, {dm: _written_key(plan, dm) for dm in plan.dms})
    out = []
    for a in unc.assumptions:
        flipped = _equilibria(ev, _flipped_keys(plan, a))
        out.append(Flip(a, {c: sorted(flipped[c] - base[c]) for c in concepts},
                        {c: sorted(base[c] - flipped[c]) for c in concepts}))
    return out


# --- conditional probabilities (tornado) --------------------------------------------------------

@dataclass
class Swing:
    assumption: Assumption
    p_holds: float
    p_flipped: float
    n_holds: float  # draws (or probability mass) where it held as written
    n_flipped: float
    interval_holds: tuple[float, float] | None = None
    interval_flipped: tuple[float, float] | None = None

    significant: bool | None = None  # sampled runs: two-proportion z test; None when exact

    @property
    def width(self) -> float:
        if math.isnan(self.p_holds) or math.isnan(self.p_flipped):
            return 0.0
        return abs(self.p_holds - self.p_flipped)

    @property
    def noise(self) -> bool:
        """A sampled swing that is not significant (within sampling noise)."""
        return self.significant is False


def swings(result: RobustnessResult, concept: str, state: int) -> list[Swing]:
    """P(state is a ``concept`` equilibrium | assumption as written / flipped), widest first.

    ``state`` is a position. Uses the per-draw records of a robustness run (weights give exact
    conditionals when the run enumerated profiles).
    """
    ind = result.draws_with(concept, state).astype(float)  # 1 in the draws where it is an equilibrium
    w = result.weights
    out = []
    for a in result.assumptions:
        f = result.flags[:, a.index]
        nh, nf = float(w[f].sum()), float(w[~f].sum())
        ph = float((w * ind)[f].sum() / nh) if nh > 0 else float("nan")
        pf = float((w * ind)[~f].sum() / nf) if nf > 0 else float("nan")
        s = Swing(a, ph, pf, nh, nf)
        if result.method == "sampled":
            from detente.gmcr.robustness import two_proportion_significant, z_value
            s.interval_holds = wilson_interval(ph * nh, nh, result.confidence) if nh else None
            s.interval_flipped = wilson_interval(pf * nf, nf, result.confidence) if nf else None
            s.significant = two_proportion_significant(ph, float(f.sum()), pf, float((~f).sum()),
                                                       z_value(result.confidence))
        out.append(s)
    out.sort(key=lambda s: (-round(s.width, 9), s.assumption.index))
    return out


def focal_conclusion(result: RobustnessResult) -> tuple[str, int] | None:
    """The conclusion a tornado plot is about by default: among the equilibria that are neither
    certain nor impossible, the one whose probability swings most with a single assumption
    (else the most probable equilibrium of the first concept that has one)."""
    best, best_width = None, 0.0
    if result.assumptions:
        for concept in result.concepts:
            for row in result.rows(concept)[:10]:
                if 0.0 < row["p_equilibrium"] < 1.0:
                    w = max((s.width for s in swings(result, concept, row["id"] - 1)), default=0.0)
                    if w > best_width + 1e-12:
                        best, best_width = (concept, row["id"] - 1), w
    if best is not None:
        return best
    for concept in result.concepts:
        rows = result.rows(concept)
        if rows:
            return concept, rows[0]["id"] - 1
    return None


@dataclass
class SensitivityResult:
    """Table of one-at-a-time flips and the tornado swings of a focal conclusion."""

    robustness: RobustnessResult
    flips: list[Flip]
    concept: str | None
    state: int | None  # position of the focal state
    swings: list[Swing] = field(default_factory=list)

    def yn(self, p: int) -> str:
        return self.robustness.yn(p)

    def label(self, p: int) -> str:
        return self.robustness.label(p)

    def _states(self, ps: list[int]) -> str:
        return ", ".join(f"{self.label(p)}" for p in ps) or "-"

    def to_dict(self) -> dict[str, Any]:
        r = self.robustness
        return {
            "schema": "detente.sensitivity/1",
            "model": {"title": r.conflict.title, "file": r.conflict.file},
            "concepts": r.concepts,
            "flips": [{"assumption": f.assumption.to_dict(),
                       "appear": {c: [{"id": p + 1, "yn": self.yn(p)} for p in v] for c, v in f.appear.items()},
                       "vanish": {c: [{"id": p + 1, "yn": self.yn(p)} for p in v] for c, v in f.vanish.items()}}
                      for f in self.flips],
            "focal": None if self.state is None else {"concept": self.concept, "id": self.state + 1,
                                                      "yn": self.yn(self.state),
                                                      "probability": r.probability(self.concept, int(r.space.codes[self.state]))},
            "swings": [{"assumption": s.assumption.to_dict(), "p_as_written": _nan(s.p_holds),
                        "p_flipped": _nan(s.p_flipped), "interval_as_written": s.interval_holds,
                        "interval_flipped": s.interval_flipped, "significant": s.significant}
                       for s in self.swings],
            "method": r.method, "draws": r.draws, "seed": r.seed,
        }

    def summary_lines(self) -> list[str]:
        r = self.robustness
        lines = [f"{r.conflict.title or 'Conflict'}: sensitivity to {len(self.flips)} assumption(s)"]
        if not self.flips:
            lines.append("  the model declares no uncertainty (see docs/robustness.md)")
        for f in self.flips:
            a = f.assumption
            lines.append(f"  [{a.index + 1}] if {a.flipped} (P={1 - a.probability:.2f}):")
            if not f.changes:
                lines.append("      no equilibrium changes")
            for c in r.concepts:
                if f.appear[c] or f.vanish[c]:
                    lines.append(f"      {c:4s} appear: {self._states(f.appear[c])}; vanish: {self._states(f.vanish[c])}")
        if self.state is not None:
            p = r.probability(self.concept, int(r.space.codes[self.state]))
            lines.append(f"  tornado for '{self.label(self.state)} is a {self.concept} equilibrium' "
                         f"(P={p:.3f}):")
            for s in self.swings:
                lines.append(f"    [{s.assumption.index + 1}] as written {_fmt_p(s.p_holds)}, flipped "
                             f"{_fmt_p(s.p_flipped)}  ({s.assumption.holds})"
                             + ("  [not significant: within sampling noise]" if s.noise and s.width > 0 else ""))
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from detente.notebook import sensitivity_html
        return sensitivity_html(self)


def _nan(x: float) -> float | None:
    return None if math.isnan(x) else x


def _fmt_p(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.3f}"


def sensitivity(conflict: Conflict | str, *, concepts: Iterable[str] | None = None,
                focal: tuple[str, int | str] | None = None, result: RobustnessResult | None = None,
                **robustness_kw) -> SensitivityResult:
    """Flip table and tornado swings for a model with uncertainty.

    Parameters
    ----------
    conflict
        A model or a path.
    concepts
        Default Nash, GMR, SMR, SEQ.
    focal
        ``(concept, state)`` for the tornado (default: :func:`focal_conclusion`).
    result
        A robustness result to reuse; otherwise one is computed with ``robustness_kw``
        (draws, seed, method, workers, scheduler, ...).

    Returns
    -------
    SensitivityResult
    """
    if not isinstance(conflict, Conflict):
        from detente.model.load import load
        conflict = load(conflict)
    if result is None:
        result = robustness(conflict, concepts=concepts, **robustness_kw)
    flips = one_at_a_time(conflict, result.concepts, result.space)
    if focal is None:
        fc = focal_conclusion(result)
    else:
        from detente.gmcr.analysis import normalise_concepts
        concept = normalise_concepts([focal[0]])[0]
        if concept not in result.concepts:
            from detente.errors import DetenteError
            raise DetenteError(f"{concept} was not computed", hint="add it with --concept")
        st = focal[1]
        pos = result.position_of(st) if isinstance(st, str) else int(st)
        fc = (concept, pos)
    out = SensitivityResult(result, flips, fc[0] if fc else None, fc[1] if fc else None)
    if fc and result.assumptions:
        out.swings = swings(result, fc[0], fc[1])
    return out


# --- the tornado plot -------------------------------------------------------------------------

def tornado_svg(sens: SensitivityResult, path: str | Path | None = None, *, top: int = 12) -> str:
    """Tornado-style plot of the swings as SVG text (also written to ``path`` if given).

    Each bar spans the focal probability with the assumption as written (dark) and flipped
    (light); the vertical line is the overall probability.
    """
    import matplotlib
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    r = sens.robustness
    usable = [s for s in sens.swings if not (math.isnan(s.p_holds) and math.isnan(s.p_flipped))]
    items = [s for s in usable if s.width > 1e-9][:top]
    idle = len(usable) - len(items)
    height = max(2.2, 1.2 + 0.45 * len(items))
    plt.rcParams["svg.hashsalt"] = "detente"  # stable ids: same input, same SVG
    fig, ax = plt.subplots(figsize=(8, height))
    try:
        if sens.state is None or not items:
            ax.text(0.5, 0.5, "no single assumption changes this conclusion" if sens.state is not None
                    else "no uncertain assumption to plot", ha="center", va="center")
            ax.set_axis_off()
        else:
            overall = r.probability(sens.concept, int(r.space.codes[sens.state]))
            labels = []
            for y, s in enumerate(reversed(items)):
                ph = overall if math.isnan(s.p_holds) else s.p_holds
                pf = overall if math.isnan(s.p_flipped) else s.p_flipped
                ax.barh(y, ph - overall, left=overall, color="#1f4e79", height=0.6,
                        label="as written" if y == 0 else None)
                ax.barh(y, pf - overall, left=overall, color="#9dc3e6", height=0.6,
                        label="flipped" if y == 0 else None)
                text = s.assumption.holds
                labels.append(text if len(text) <= 48 else text[:47] + "…")
            ax.set_yticks(range(len(items)))
            ax.set_yticklabels(labels, fontsize=8)
            ax.axvline(overall, color="black", linewidth=1)
            ax.set_xlim(0, 1)
            ax.set_xlabel(f"P({r.label(sens.state)} is a {sens.concept} equilibrium)"
                          + (f"; {idle} other assumption(s) make no difference" if idle else ""))
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
            ax.set_title("Which assumptions the conclusion hangs on", fontsize=10)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    finally:
        plt.close(fig)
    svg = buf.getvalue()
    if path is not None:
        from detente.files import write_output
        write_output(path, svg)
    return svg


# --- report sections ------------------------------------------------------------------------------

def _svg_body(svg: str) -> str:
    """SVG text without the XML prolog/doctype, for inline HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


HIGH_RANK = 0.05  # states with at least this probability of being an equilibrium get a line each
SHOWN_ROWS = 20


def _held_fixed_html(conflict: Conflict) -> str:
    """Which statements the robustness analysis varies (with their probabilities) and which it
    holds fixed, per DM."""
    from detente.report.summary import held_fixed
    esc = html.escape
    rows = held_fixed(conflict)
    n_fixed = sum(d["n_fixed"] for d in rows)
    n_var = sum(d["n_varies"] for d in rows)
    out = [f"<p id='held-fixed'><b>What varies and what is held fixed.</b> {n_var} preference statement(s) "
           f"vary, {n_fixed} are held fixed in every profile; options, constraints and the status quo "
           f"are held fixed too. A conclusion that rests on a fixed statement is only as sure as "
           f"that statement.</p>",
           "<table class='held'><thead><tr><th>DM</th><th>#</th><th>statement</th><th>in the robustness analysis</th></tr></thead><tbody>"]
    for d in rows:
        for r in d["rows"]:
            k = "" if r["k"] is None else r["k"]
            what = (f"varies: {esc(r['varies'])}" if r["varies"] else "<b>held fixed</b>")
            out.append(f"<tr><td>{esc(d['dm'])}</td><td>{k}</td><td><code>{esc(r['text'])}</code>"
                       f"{' <span class=meta>(' + esc(r['id']) + ')</span>' if r['id'] else ''}</td><td>{what}</td></tr>")
        for a in d["alternatives"]:
            out.append(f"<tr><td>{esc(d['dm'])}</td><td></td><td>whole preference</td><td>varies: {esc(a)}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _state_matches(result: RobustnessResult, expression: str) -> np.ndarray:
    from detente.model.expr import parse
    from detente.report.questions import _value_of
    expr = parse(expression)
    codes = result.space.codes
    return np.broadcast_to(np.asarray(expr.evaluate(_value_of(result.conflict, codes)), dtype=bool), codes.shape)


def ranked_state_lines(result: RobustnessResult, state_notes=(), threshold: float = HIGH_RANK,
                       shown: int = SHOWN_ROWS) -> list[dict[str, Any]]:
    """One generated line for each state the robustness tables rank highly (probability of being
    an equilibrium at least ``threshold`` among the ``shown`` rows of some concept): its
    probabilities, whether it is an equilibrium as written, the assumption it hangs on most and
    the DM least likely to stay. ``state_notes``: ``(expression, note)`` pairs from the scenario's
    questions file, attached to the states they match (e.g. why a state that looks odd is kept)."""
    from detente.gmcr.compare import describe_state
    picked: dict[int, dict[str, float]] = {}
    for concept in result.concepts:
        for row in result.rows(concept)[:shown]:
            if row["p_equilibrium"] >= threshold:
                picked.setdefault(row["id"] - 1, {})[concept] = row["p_equilibrium"]
    masks = [(expr, note, _state_matches(result, expr)) for expr, note in state_notes]
    lines = []
    for p, probs in sorted(picked.items(), key=lambda kv: (-max(kv[1].values()), kv[0])):
        code = int(result.space.codes[p])
        best = max(probs, key=lambda k: (probs[k], -result.concepts.index(k)))
        as_written = [k for k in result.concepts if p in set(int(x) for x in result.baseline[k])]
        # The concept whose probability swings most with a single assumption (an uncertain one
        # first: a certain conclusion has nothing to hang on).
        top = None
        for k in sorted(result.concepts, key=lambda k: (not 0 < result.eq[k][p] / result.total < 1,
                                                         result.concepts.index(k))):
            sw = [s for s in swings(result, k, p) if s.width > 1e-9]
            if sw and (top is None or sw[0].width > top[1].width + 1e-12):
                top = (k, sw[0])
        if top is not None:
            best, top = top
        least = None
        stab = {d: float(result.stable[best][d][p] / result.total) for d in result.stable[best]}
        if stab:
            d = min(stab, key=lambda x: stab[x])
            least = (d, stab[d]) if stab[d] < 1.0 - 1e-12 else None
        lines.append({
            "id": p + 1, "yn": result.yn(p), "taken": describe_state(result.conflict, code),
            "names": result.conflict.state_names(code),
            "probs": [(k, probs[k]) for k in result.concepts if k in probs],
            "as_written": as_written, "concept": best,
            "hangs_on": None if top is None else {
                "holds": top.assumption.holds, "flipped": top.assumption.flipped,
                "p_holds": top.p_holds, "p_flipped": top.p_flipped, "noise": top.noise},
            "least": least,
            "notes": [i + 1 for i, (expr, note, m) in enumerate(masks) if bool(m[p])],
        })
    return lines


def _state_line_html(line: dict[str, Any]) -> str:
    esc = html.escape
    probs = ", ".join(f"{k} {v:.3f}" for k, v in line["probs"])
    named = f" <b class='state-name'>{esc('/'.join(line['names']))}</b>" if line.get("names") else ""
    text = (f"<b>{line['id']}:{esc(line['yn'])}</b>{named} ({esc(line['taken'])}): P(equilibrium) {probs}; "
            + (f"an equilibrium as written under {', '.join(line['as_written'])}" if line["as_written"]
               else "not an equilibrium as written") + ". ")
    h = line["hangs_on"]
    if h is None:
        text += "No single assumption changes it. "
    else:
        pick = h["flipped"] if h["p_flipped"] > h["p_holds"] else h["holds"]
        text += (f"It is one mostly when {esc(pick)} ({line['concept']}: {_fmt_p(h['p_holds'])} as written, "
                 f"{_fmt_p(h['p_flipped'])} if not)"
                 + (" <span class='warn'>[not significant: within sampling noise]</span>" if h["noise"] else "") + ". ")
    if line["least"] is not None:
        d, v = line["least"]
        text += f"Least likely to stay: {esc(d)} ({line['concept']}-stable for it with P {v:.2f})."
    if line["notes"]:
        text += " <span class='warn'>See note " + ", ".join(str(n) for n in line["notes"]) + " below.</span>"
    return f"<li>{text}</li>"


def robustness_report_sections(conflict: Conflict, *, result: RobustnessResult | None = None,
                               draws: int | None = None, seed: int | None = None,
                               concepts: Iterable[str] | None = None, state_notes=(),
                               **kw) -> list[tuple[str, str]]:
    """``(title, html)`` sections for the HTML report: how robust each equilibrium is, and which
    assumption it hangs on (table and tornado plot). Empty when the model declares no
    uncertainty.

    Parameters
    ----------
    conflict
        The model.
    result
        A robustness result to reuse (else computed with ``draws``, ``seed``, ``concepts``,
        ``method="auto"`` and any other keyword of :func:`~detente.gmcr.robustness.robustness`).
    """
    unc = parse_uncertainty(conflict)
    if unc.is_certain:
        return []
    if result is None:
        kw.setdefault("method", "auto")
        result = robustness(conflict, draws=draws, seed=seed, concepts=concepts, **kw)
    sens = sensitivity(conflict, result=result)
    esc = html.escape
    how = (f"{result.draws:,} random draws (seed {result.seed}); intervals are "
           f"{result.confidence:.0%} Wilson intervals" if result.method == "sampled"
           else f"every one of the {result.draws:,} preference profiles, weighted by its probability")
    parts = [f"<p>Preferences in this model are uncertain ({len(result.assumptions)} assumption(s)). "
             f"Probabilities below come from {esc(how)}.</p>", _held_fixed_html(conflict)]
    lines = ranked_state_lines(result, state_notes)
    if lines:
        parts.append(f"<p><b>The states ranked highly</b> (probability of being an equilibrium at least "
                     f"{HIGH_RANK:g} under some concept), one line each:</p><ul class='ranked'>"
                     + "".join(_state_line_html(x) for x in lines) + "</ul>")
        used = sorted({n for x in lines for n in x["notes"]})
        if used:
            parts.append("<p><b>Notes from the scenario</b> (its questions file) on states above:</p><ol class='state-notes'>"
                         + "".join(f"<li value='{n}'><code>{esc(state_notes[n - 1][0])}</code>: {esc(state_notes[n - 1][1])}</li>"
                                   for n in used) + "</ol>")
    for concept in result.concepts:
        rows = result.rows(concept)
        parts.append(f"<h4>{esc(concept)}</h4>")
        if not rows:
            parts.append("<p>No state is an equilibrium under any reading.</p>")
            continue
        dms = list(result.stable[concept])
        head = "".join(f"<th>stable for {esc(d)}</th>" for d in dms)
        parts.append(f"<table class='robustness'><thead><tr><th>state</th><th>options taken</th>"
                     f"<th>P(equilibrium)</th><th>as written</th>{head}</tr></thead><tbody>")
        for row in rows[:SHOWN_ROWS]:
            lo, hi = row["interval"]
            ci = "" if result.method == "exact" else f" [{lo:.2f}, {hi:.2f}]"
            cells = "".join(f"<td>{row['p_stable'][d]:.2f}</td>" for d in dms)
            parts.append(f"<tr><td>{row['id']}: {esc(row['yn'])}</td><td>{esc(', '.join(row['taken']) or '-')}</td>"
                         f"<td>{row['p_equilibrium']:.3f}{ci}</td>"
                         f"<td>{'equilibrium' if row['baseline_equilibrium'] else '-'}</td>{cells}</tr>")
        parts.append("</tbody></table>")
    sections = [("How robust are the equilibria?", "\n".join(parts))]

    t = ["<table class='sensitivity'><thead><tr><th>assumption</th><th>P(as written)</th><th>if flipped</th>"
         "<th>equilibria that appear</th><th>equilibria that vanish</th></tr></thead><tbody>"]
    for f in sens.flips:
        a = f.assumption
        app = "; ".join(f"{c}: " + ", ".join(f"{result.label(p)}" for p in v) for c, v in f.appear.items() if v)
        van = "; ".join(f"{c}: " + ", ".join(f"{result.label(p)}" for p in v) for c, v in f.vanish.items() if v)
        t.append(f"<tr><td>{esc(a.holds)}</td><td>{a.probability:.2f}</td><td>{esc(a.flipped)}</td>"
                 f"<td>{esc(app) or '-'}</td><td>{esc(van) or '-'}</td></tr>")
    t.append("</tbody></table>")
    if sens.state is not None:
        t.append(f"<p>Tornado plot: the probability that {esc(result.label(sens.state))} is a "
                 f"{esc(sens.concept)} equilibrium when each assumption holds as written (dark) or is "
                 f"flipped (light), everything else uncertain as declared.</p>")
        t.append(f"<figure class='tornado'>{_svg_body(tornado_svg(sens))}</figure>")
        if result.method == "sampled":
            noise = [s for s in sens.swings if s.noise and s.width > 0]
            t.append(f"<p>Sampled swings are tested (two-proportion z test at {result.confidence:.0%}): "
                     + (f"{len(noise)} of the swings in the plot are <b>not significant</b> (within sampling "
                        f"noise): " + "; ".join(esc(s.assumption.holds) for s in noise)
                        if noise else "every swing in the plot is significant") + ".</p>")
        else:
            t.append("<p>Exact enumeration: every swing is exact (no sampling noise).</p>")
    sections.append(("Which assumptions do the conclusions hang on?", "\n".join(t)))
    return sections
