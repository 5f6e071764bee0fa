"""A decision maker's perceived game, built from its perception (first-level hypergames).

In a first-level hypergame each DM i analyses its own game G_i = (N, S_i, {A_i^j}, {≻_i^j})
(Wang, Hipel & Fraser 1988, 1989; Aljefri, Hipel & Fang 2018): the states it can see, the moves
it believes each DM has among them, and its beliefs about the others' preferences; its own
preferences are its true ones. :func:`perceived_conflict` writes G_i as an ordinary
:class:`~detente.model.conflict.Conflict` over *reality's* options, so that a state has the same
code in every view and in reality:

* an option unknown to i stays in the model but may never be taken (a constraint), so the
  states that take it are not in S_i and no DM has a move that takes it;
* a combination i wrongly believes infeasible is one more constraint;
* a combination i wrongly believes feasible is cut out of every real constraint;
* each other DM j gets i's belief about its preferences (statements or a ranking), if any;
  otherwise its true preferences (i perceives them correctly).

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["a"],
...      "perception": {"unknown_options": ["b"]}},
...     {"name": "B", "options": ["b"], "preferences": ["b"]}]})
>>> view = perceived_conflict(c, "A")
>>> [str(k.expr) for k in view.constraints]
['b']
"""

from __future__ import annotations

import dataclasses

from detente.model.conflict import Conflict, Constraint
from detente.model.expr import BinOp, Name, Not


def _any_of(exprs):
    out = exprs[0]
    for e in exprs[1:]:
        out = BinOp("or", out, e)
    return out


def perceived_constraints(conflict: Conflict, viewer: str) -> list[Constraint]:
    """The constraints of ``viewer``'s perceived game (see the module docstring)."""
    per = conflict.dm(viewer).perception
    if per is None:
        return list(conflict.constraints)
    out = [Constraint(text=u.option, expr=Name(u.option), id=f"unknown:{u.option}",
                      why=f"{viewer} does not know this option exists", evidence=u.evidence)
           for u in per.unknown_options]
    if per.believes_feasible:
        believed = _any_of([c.expr for c in per.believes_feasible])
        for c in conflict.constraints:
            out.append(dataclasses.replace(c, expr=BinOp("and", c.expr, Not(believed)),
                                           text=f"({c.text}) and not (believed feasible by {viewer})"))
    else:
        out.extend(conflict.constraints)
    for c in per.believes_infeasible:
        out.append(dataclasses.replace(c, id=c.id or f"believed-infeasible:{c.text}",
                                       why=c.why or f"{viewer} believes this combination cannot happen"))
    return out


def perceived_conflict(conflict: Conflict, viewer: str) -> Conflict:
    """DM ``viewer``'s perceived game G_i as an ordinary conflict over reality's options.

    Parameters
    ----------
    conflict : Conflict
        The real conflict; DMs' ``perception`` sections say where their views differ.
    viewer : str
        The DM whose view to build. A DM without a perception sees reality.

    Returns
    -------
    Conflict
        Same options (same state codes), the viewer's constraints, the viewer's true
        preferences and its beliefs about the others'. Its ``variant_name`` is unchanged and its
        title says whose view it is; the status quo is kept when the viewer can see it.
    """
    per = conflict.dm(viewer).perception
    dms = []
    for d in conflict.decision_makers:
        belief = per.preferences_of.get(d.name) if per is not None else None
        if belief is None:
            dms.append(dataclasses.replace(d, perception=None))
        else:
            dms.append(dataclasses.replace(d, preferences=belief.preferences, ranking=belief.ranking,
                                           perception=None))
    view = dataclasses.replace(conflict, decision_makers=dms,
                               constraints=perceived_constraints(conflict, viewer),
                               title=f"{conflict.title or 'conflict'}, as {viewer} sees it",
                               variants=[])
    if view.status_quo is not None and not _satisfies_none(view, view.status_quo):
        view.status_quo = None
    return view


def _satisfies_none(conflict: Conflict, code: int) -> bool:
    import numpy as np
    values = {o.name: np.bool_((code >> o.index) & 1) for o in conflict.options}
    return not any(bool(np.asarray(c.expr.evaluate(values.__getitem__)).reshape(-1)[0])
                   for c in conflict.constraints)


def second_level_conflict(conflict: Conflict, viewer: str) -> Conflict:
    """``viewer``'s model of the first-level hypergame (second level, docs/hypergames.md).

    Its "reality" is ``viewer``'s perceived game G_i, and each other DM j perceives it as
    ``viewer`` believes (``perception.views_of[j]``; G_ij); ``viewer`` itself, and any DM it
    gives no view for, sees G_i. Analysing it as a hypergame gives what ``viewer`` expects each
    DM to expect, and the hypergame equilibria as ``viewer`` sees them.
    """
    base = perceived_conflict(conflict, viewer)
    per = conflict.dm(viewer).perception
    views = per.views_of if per is not None else {}
    base.decision_makers = [dataclasses.replace(d, perception=views.get(d.name)) for d in base.decision_makers]
    base.title = f"{conflict.title or 'conflict'}: the hypergame as {viewer} sees it"
    return base
