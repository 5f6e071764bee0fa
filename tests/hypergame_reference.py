"""A slow reference for first-level hypergames, by construction.

Each DM's perceived game G_i is written out as an ordinary model document, independently of
detente.model.perception: options it does not know are *removed* (and every expression that
names them gets ``false`` in their place), its feasible states are found by brute force over
the option space from the definitions (feasible in reality or believed feasible, not believed
infeasible, no unknown option taken) and every other combination is listed as one infeasible
conjunction, and each DM gets the viewer's belief about its preferences or its true ones. The
document is loaded and analysed by the ordinary engine, and the results are combined with
Python sets by the definitions of docs/hypergames.md.
"""

from __future__ import annotations

import itertools

import numpy as np

import detente
from detente.model.expr import BinOp, Call, Const, Name, Not


def _text(expr, unknown: set[str]) -> str:
    """An expression as text, with every unknown option replaced by false."""
    if isinstance(expr, Const):
        return "true" if expr.value else "false"
    if isinstance(expr, Name):
        return "false" if expr.name in unknown else expr.name
    if isinstance(expr, Not):
        return f"(not {_text(expr.arg, unknown)})"
    if isinstance(expr, BinOp):
        op = {"and": "and", "or": "or", "->": "implies", "<->": "iff"}[expr.op]
        return f"({_text(expr.left, unknown)} {op} {_text(expr.right, unknown)})"
    if isinstance(expr, Call):
        return f"{expr.func}({', '.join(_text(a, unknown) for a in expr.args)})"
    raise TypeError(expr)


def _holds(expr, code: int, conflict) -> bool:
    return bool(np.asarray(expr.evaluate(lambda n: np.bool_((code >> conflict.option(n).index) & 1))).reshape(-1)[0])


def view_states(conflict, viewer: str) -> set[int]:
    """S_i by brute force over all option combinations (codes over reality's options)."""
    per = conflict.dm(viewer).perception
    unknown = {conflict.option(n).index for n in (per.unknown_option_names if per else [])}
    out = set()
    for code in range(1 << conflict.n_options):
        if any((code >> k) & 1 for k in unknown):
            continue
        real = not any(_holds(c.expr, code, conflict) for c in conflict.constraints)
        believed_feasible = per is not None and any(_holds(c.expr, code, conflict) for c in per.believes_feasible)
        believed_infeasible = per is not None and any(_holds(c.expr, code, conflict) for c in per.believes_infeasible)
        if (real or believed_feasible) and not believed_infeasible:
            out.add(code)
    return out


def view_document(conflict, viewer: str) -> tuple[dict, list[str]]:
    """G_i as a model document over the options the viewer knows, and those options in order."""
    per = conflict.dm(viewer).perception
    unknown = set(per.unknown_option_names) if per else set()
    kept = [o for o in conflict.options if o.name not in unknown]
    states = view_states(conflict, viewer)

    def yn(code: int) -> str:
        return "".join("Y" if (code >> o.index) & 1 else "N" for o in kept)

    dms = []
    for d in conflict.decision_makers:
        belief = per.preferences_of.get(d.name) if per and d.name != viewer else None
        statements = belief.preferences if belief is not None else d.preferences
        ranking = belief.ranking if belief is not None else d.ranking
        entry = {"name": d.name, "options": [{"name": o.name, "direction": o.direction}
                                             for o in kept if o.dm == d.name]}
        if ranking is not None:
            entry["ranking"] = [[yn(c) for c in level if c in states] for level in ranking]
            entry["ranking"] = [lv for lv in entry["ranking"] if lv]
        else:
            entry["preferences"] = [_text(s.expr, unknown) for s in statements] or ["true"]
        dms.append(entry)
    infeasible = []
    for values in itertools.product([0, 1], repeat=len(kept)):
        code = sum(1 << o.index for o, v in zip(kept, values) if v)
        if code not in states:
            infeasible.append({"when": " and ".join(o.name if v else f"not {o.name}" for o, v in zip(kept, values))})
    doc = {"title": f"view of {viewer}", "decision_makers": dms}
    if infeasible:
        doc["infeasible"] = infeasible
    return doc, [o.name for o in kept]


def reference_hypergame(conflict, concepts) -> dict:
    """Sets of codes: visible, own_stable, expected per DM; real and hypergame equilibria; classes."""
    reality = detente.analyze(conflict, concepts)
    real = {int(c) for c in reality.space.codes}
    out = {"visible": {}, "own_stable": {c: {} for c in concepts}, "expected": {c: {} for c in concepts},
           "real_eq": {}, "hyper": {}, "steady": {}, "unsteady": {}, "stealthy": {}}
    for concept in concepts:
        out["real_eq"][concept] = {int(reality.space.codes[p]) for p in reality.equilibria(concept)}
    for d in conflict.dm_names:
        doc, kept = view_document(conflict, d)
        view = detente.load(doc)
        r = detente.analyze(view, concepts)

        def full(position: int) -> int:
            code = int(r.space.codes[position])
            return sum(1 << conflict.option(name).index for k, name in enumerate(kept) if (code >> k) & 1)

        out["visible"][d] = {full(p) for p in range(r.n_states)}
        for concept in concepts:
            out["own_stable"][concept][d] = {full(p) for p in r.stable_states(concept, d)}
            out["expected"][concept][d] = {full(p) for p in r.equilibria(concept)}
    for concept in concepts:
        hyper = {s for s in real if all(s in out["visible"][d] and s in out["own_stable"][concept][d]
                                        for d in conflict.dm_names)}
        out["hyper"][concept] = hyper
        out["steady"][concept] = {s for s in hyper if all(s in out["expected"][concept][d] for d in conflict.dm_names)}
        some = set().union(*out["expected"][concept].values())
        seen_by_all = set.intersection(*out["visible"].values())
        out["unsteady"][concept] = (some - hyper) & seen_by_all
        out["stealthy"][concept] = {s for s in out["real_eq"][concept]
                                    if any(s not in out["visible"][d] for d in conflict.dm_names)}
    return out
