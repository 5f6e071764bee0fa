"""Compare the variants of a scenario: equilibria side by side and what changed.

A scenario may declare named variants (counterfactuals) that override preferences, options,
constraints or the status quo (see :mod:`detente.model.load`). :func:`compare` analyses the
base model and each variant with the same solution concepts and lines up, per concept, the
equilibria of each; for every variant it lists the equilibria that appear or vanish relative to
the base and the overrides that produced the difference.

States are matched by their option values (Y/N strings), never by state number: a variant that
adds or removes constraints renumbers the feasible states.

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}],
...     "variants": [{"name": "meek", "preferences": {"B": ["not b"]}}]})
>>> cmp = compare(c, concepts=["Nash"])
>>> cmp.equilibria("Nash", "base"), cmp.equilibria("Nash", "meek")
(['YY'], ['YN'])
>>> cmp.appear["meek"]["Nash"], cmp.vanish["meek"]["Nash"]
(['YN'], ['YY'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from detente.errors import DetenteError
from detente.gmcr.analysis import AnalysisResult, analyze, normalise_concepts
from detente.model.conflict import Conflict

BASE = "base"


def describe_state(conflict: Conflict, code: int) -> str:
    """Short readable form of a state: the options taken, ``-`` when none is taken."""
    taken = conflict.taken(int(code))
    return ", ".join(taken) if taken else "-"


def _statement_texts(conflict: Conflict, dm: str) -> list[str] | None:
    d = conflict.dm(dm)
    return None if d.preferences is None else [s.text for s in d.preferences]


def _perception_doc(conflict: Conflict, dm: str) -> Any:
    for d in conflict.document.get("decision_makers") or []:
        if isinstance(d, dict) and d.get("name") == dm:
            return d.get("perception")
    return None


def describe_overrides(base: Conflict, variant: Conflict) -> list[str]:
    """What a variant changes relative to the base model, in words.

    Parameters
    ----------
    base, variant
        The base conflict and the same conflict with a variant applied.

    Returns
    -------
    list of str
        One line per change: preferences (statements added, removed or reordered), rankings,
        option directions and labels, constraints added or removed, status quo, size of the
        feasible set is reported by :func:`compare` separately.
    """
    out: list[str] = []
    for d in base.decision_makers:
        v = variant.dm(d.name)
        a, b = _statement_texts(base, d.name), _statement_texts(variant, d.name)
        if a is not None and b is not None:
            if a != b:
                added = [s for s in b if s not in a]
                removed = [s for s in a if s not in b]
                bits = []
                if added:
                    bits.append("adds " + "; ".join(f"'{s}'" for s in added))
                if removed:
                    bits.append("drops " + "; ".join(f"'{s}'" for s in removed))
                if not added and not removed:
                    bits.append("reorders its statements")
                out.append(f"preferences of {d.name}: " + ", ".join(bits)
                           + f" ({len(b)} statements, most important first: "
                           + "; ".join(f"{k + 1}. {s}" for k, s in enumerate(b)) + ")")
        elif (d.ranking, d.preferences is None) != (v.ranking, v.preferences is None):
            out.append(f"preferences of {d.name} replaced by "
                       + ("an explicit ranking" if v.ranking is not None else "prioritised statements"))
    for d in base.decision_makers:
        a, b = d.perception, variant.dm(d.name).perception
        if (a is None) != (b is None) or (a is not None and variant.document.get("decision_makers", [{}])
                                          and _perception_doc(base, d.name) != _perception_doc(variant, d.name)):
            out.append(f"perception of {d.name}: " + ("removed (it sees reality)" if b is None
                                                      else "added" if a is None else "changed"))
    for o in base.options:
        w = variant.option(o.name)
        if w.direction != o.direction:
            out.append(f"option {o.name}: direction {o.direction} -> {w.direction}")
        if (w.label, w.description) != (o.label, o.description):
            out.append(f"option {o.name}: label or description changed")
    base_c = {(c.id or c.text) for c in base.constraints}
    var_c = {(c.id or c.text) for c in variant.constraints}
    for c in base.constraints:
        if (c.id or c.text) not in var_c:
            out.append(f"constraint removed: {c.id + ': ' if c.id else ''}{c.text}"
                       + (f" ({c.why})" if c.why else ""))
    for c in variant.constraints:
        if (c.id or c.text) not in base_c:
            out.append(f"constraint added: {c.id + ': ' if c.id else ''}{c.text}"
                       + (f" ({c.why})" if c.why else ""))
    if base.status_quo != variant.status_quo:
        def sq(c: Conflict) -> str:
            return "none" if c.status_quo is None else f"{c.state_label(c.status_quo)} ({describe_state(c, c.status_quo)})"
        out.append(f"status quo: {sq(base)} -> {sq(variant)}")
    return out


@dataclass
class Comparison:
    """Equilibria of the base model and of each variant, per concept.

    Attributes
    ----------
    conflict : Conflict
        The base model.
    names : list of str
        ``"base"`` then the variant names, in file order.
    concepts : list of str
    results : dict
        name -> :class:`~detente.gmcr.analysis.AnalysisResult`.
    descriptions : dict
        name -> the variant's description (``None`` for the base).
    changes : dict
        variant name -> list of overrides in words (:func:`describe_overrides`).
    appear, vanish : dict
        ``appear[variant][concept]``: Y/N strings of the variant's equilibria that are not
        equilibria of the base (``vanish``: the reverse).
    """

    conflict: Conflict
    names: list[str]
    concepts: list[str]
    results: dict[str, AnalysisResult]
    descriptions: dict[str, str | None] = field(default_factory=dict)
    changes: dict[str, list[str]] = field(default_factory=dict)
    appear: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    vanish: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # name -> each DM's view beside reality, for models where some DM has a perception
    views: dict[str, Any] = field(default_factory=dict)

    def view_lines(self, name: str, concept: str) -> list[str]:
        """What each DM with a perception expects, and the hypergame equilibria (docs/hypergames.md)."""
        h = self.views.get(name)
        if h is None or concept not in h.concepts:
            return []
        fmt = lambda arr: ", ".join(h.label(p) for p in arr) or "none"  # noqa: E731
        return ([f"        {d} expects: {fmt(h.equilibria(concept, d))}" for d in h.perceivers]
                + [f"        hypergame equilibria: {fmt(h.hypergame_equilibria(concept))}"])

    def equilibria(self, concept: str, name: str = BASE) -> list[str]:
        """Y/N strings of the equilibria of one model under one concept (``[]`` if skipped)."""
        r = self.results[name]
        if concept not in r.stable:
            return []
        return [r.yn(p) for p in r.equilibria(concept)]

    def skipped(self, concept: str, name: str) -> str | None:
        return self.results[name].skipped.get(concept)

    def n_states(self, name: str) -> int:
        return self.results[name].n_states

    def label(self, yn: str, name: str = BASE) -> str:
        """``id:YN names (taken options)`` of a state in one model's numbering."""
        r = self.results[name]
        code = sum(1 << k for k, ch in enumerate(yn) if ch == "Y")
        pos = int(r.space.index_of(code))
        return f"{r.label(pos)} ({describe_state(r.conflict, code)})"

    def to_dict(self) -> dict[str, Any]:
        c = self.conflict
        return {
            "schema": "detente.compare/1",
            "title": c.title,
            "file": c.file,
            "options": c.option_names,
            "concepts": self.concepts,
            "models": [{
                "name": n,
                "description": self.descriptions.get(n),
                "n_states": self.n_states(n),
                "changes": self.changes.get(n, []),
                "skipped": self.results[n].skipped,
                "equilibria": {k: [self.results[n].state_dict(self.results[n].position_of(y))
                                   for y in self.equilibria(k, n)] for k in self.concepts},
                "appear": self.appear.get(n, {}),
                "vanish": self.vanish.get(n, {}),
                **({"hypergame": {k: {"expected": {d: [self.views[n].yn(p) for p in self.views[n].equilibria(k, d)]
                                                   for d in self.views[n].perceivers},
                                      "hypergame_equilibria": [self.views[n].yn(p)
                                                               for p in self.views[n].hypergame_equilibria(k)]}
                                  for k in self.views[n].concepts}} if n in self.views else {}),
            } for n in self.names],
        }

    def lines(self) -> list[str]:
        out = [f"{self.conflict.title or self.conflict.file or 'Conflict'}: "
               f"{len(self.names) - 1} variant(s); options {', '.join(self.conflict.option_names)}"]
        for n in self.names:
            out.append(f"{n}: {self.n_states(n)} feasible states"
                       + (f" - {self.descriptions[n]}" if self.descriptions.get(n) else ""))
            for ch in self.changes.get(n, []):
                out.append(f"    changes {ch}")
            for k in self.concepts:
                skip = self.skipped(k, n)
                if skip:
                    out.append(f"  {k:5s} skipped: {skip}")
                    continue
                eq = self.equilibria(k, n)
                out.append(f"  {k:5s} " + ("; ".join(self.label(y, n) for y in eq) or "no equilibrium"))
                out.extend(self.view_lines(n, k))
                if n != BASE:
                    if self.appear[n].get(k):
                        out.append(f"        new: {', '.join(self.appear[n][k])}")
                    if self.vanish[n].get(k):
                        out.append(f"        gone: {', '.join(self.vanish[n][k])}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def compare(conflict: Conflict, variants: Iterable[str] | None = None,
            concepts: Iterable[str] | None = None, **analyze_kwargs) -> Comparison:
    """Analyse the base model and its variants and line up their equilibria.

    Parameters
    ----------
    conflict
        The base model as loaded (with its ``variants``).
    variants
        Names of the variants to include (default: all, in file order).
    concepts
        Solution concepts (default: Nash, GMR, SMR, SEQ, SIM).
    **analyze_kwargs
        Passed to :func:`detente.gmcr.analysis.analyze` (e.g. ``sim_budget``).

    Returns
    -------
    Comparison

    Raises
    ------
    DetenteError
        For an unknown variant name or a variant whose overrides do not load.
    """
    if conflict.variant_name is not None:
        raise DetenteError(f"compare the base model, not the variant {conflict.variant_name!r}",
                           hint="load the scenario without a variant")
    declared = [v.name for v in conflict.variants]
    if variants is None:
        chosen = declared
    else:
        chosen = []
        for name in variants:
            if name not in declared:
                from detente.model.yamlio import did_you_mean
                raise DetenteError(f"no variant named {name!r}", file=conflict.file, field="variants",
                                   hint=did_you_mean(name, declared)
                                   or ("variants: " + ", ".join(declared) if declared
                                       else "this model declares no variants"))
            if name not in chosen:
                chosen.append(name)
    concept_list = normalise_concepts(concepts)
    results = {BASE: analyze(conflict, concept_list, **analyze_kwargs)}
    out = Comparison(conflict, [BASE] + chosen, concept_list, results,
                     descriptions={BASE: "the model as written"})
    _add_views(out, BASE, conflict)
    for name in chosen:
        vc = conflict.variant(name)
        results[name] = analyze(vc, concept_list, **analyze_kwargs)
        _add_views(out, name, vc)
        out.descriptions[name] = next((v.description or "").strip() or None for v in conflict.variants if v.name == name)
        changes = describe_overrides(conflict, vc)
        nb, nv = results[BASE].n_states, results[name].n_states
        if nb != nv:
            changes.append(f"feasible states: {nb} -> {nv}")
        out.changes[name] = changes
        out.appear[name], out.vanish[name] = {}, {}
        for k in concept_list:
            if k not in results[BASE].stable or k not in results[name].stable:
                continue  # skipped on one side: nothing to compare
            base_eq = set(out.equilibria(k, BASE))
            var_eq = out.equilibria(k, name)
            out.appear[name][k] = [y for y in var_eq if y not in base_eq]
            out.vanish[name][k] = [y for y in out.equilibria(k, BASE) if y not in set(var_eq)]
    return out


def _add_views(out: Comparison, name: str, conflict: Conflict) -> None:
    """Each DM's view beside reality for a model with perceptions (reusing its analysis)."""
    if not conflict.has_perceptions:
        return
    from detente.gmcr.hypergame import HYPERGAME_CONCEPTS, hypergame
    result = out.results[name]
    concepts = [k for k in out.concepts if k in HYPERGAME_CONCEPTS and k in result.stable]
    if concepts:
        out.views[name] = hypergame(conflict, concepts, reality=result)
