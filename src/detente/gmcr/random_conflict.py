"""Random conflicts in option form, for benchmarks and tests.

:func:`random_conflict_document` builds a model document (the same plain structure a YAML model
file has, see :mod:`detente.model.load`) and :func:`random_conflict` loads it into a
:class:`~detente.model.conflict.Conflict`. Everything is drawn from one seeded generator, so the
same arguments always give the same conflict.

What is random:

* which DM controls which option (every DM gets at least one option);
* irreversibility: each option is ``take_only`` or ``drop_only`` with probability
  ``irreversible`` (half each), otherwise ``both``;
* infeasibility: ``n_constraints`` conjunctions of 2 or 3 literals on distinct options (each
  removes about 1/4 or 1/8 of the states; one that would leave no feasible state is dropped), and ``exclusive_pairs`` pairs of one DM's options of
  which exactly one must be taken (each halves the state space exactly, so ``m + p`` options
  with ``p`` such pairs give exactly ``2^m`` feasible states);
* preferences: option prioritisation (Fang, Hipel & Kilgour 1993) with ``n_statements``
  statements per DM of the forms ``a``, ``not a``, ``a and not b``, ``a or b``, ``a if b``,
  ``a iff b`` over random options (a DM's own options and its opponents').
* the status quo: a random feasible state.

Example
-------
>>> c = random_conflict(n_options=6, n_dms=3, seed=1)
>>> len(c.decision_makers), c.n_options
(3, 6)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from detente.model.conflict import Conflict


def _yn(code: int, m: int) -> str:
    return "".join("Y" if (code >> k) & 1 else "N" for k in range(m))


def _covers_everything(terms: list[dict[int, bool]]) -> bool:
    """Whether the conjunctions (option -> required value) together match every combination,
    by splitting on one option at a time (terms are few and short, so this stays small)."""
    if any(not t for t in terms):
        return True
    if not terms:
        return False
    k = next(iter(terms[0]))
    for value in (True, False):
        rest = [{j: v for j, v in t.items() if j != k} for t in terms if t.get(k, value) == value]
        if not _covers_everything(rest):
            return False
    return True


def random_conflict_document(n_options: int, n_dms: int, *, seed: int = 0,
                             n_constraints: int = 0, exclusive_pairs: int = 0,
                             irreversible: float = 0.2, n_statements: int | tuple[int, int] = (3, 6),
                             title: str | None = None) -> dict[str, Any]:
    """A random conflict model as a plain document (see :func:`random_conflict`).

    Parameters
    ----------
    n_options : int
        Number of options (the option space has ``2^n_options`` combinations).
    n_dms : int
        Number of decision makers (2 or more, at most ``n_options``).
    seed : int
        Seed of the random generator.
    n_constraints : int
        Random infeasibility constraints (conjunctions of 2–3 literals).
    exclusive_pairs : int
        Pairs of one DM's options of which exactly one must be taken.
    irreversible : float
        Probability that an option is one-way (``take_only`` or ``drop_only``).
    n_statements : int or (low, high)
        Preference statements per DM (a range is drawn uniformly, inclusive).
    title : str, optional

    Returns
    -------
    dict
        A document accepted by :func:`detente.model.load.load`.
    """
    if n_dms < 2:
        raise ValueError("a conflict needs at least two decision makers")
    if n_options < n_dms:
        raise ValueError("every decision maker needs at least one option")
    rng = np.random.default_rng(seed)
    m = n_options
    # Owners: one option per DM first, the rest at random.
    owner = np.concatenate([np.arange(n_dms), rng.integers(0, n_dms, m - n_dms)])
    rng.shuffle(owner)
    # Options are declared DM by DM, so the option index (bit) order is by owner.
    per_dm = [[k for k in range(m) if owner[k] == d] for d in range(n_dms)]
    names = {}
    idx = 0
    for d in range(n_dms):
        for k in per_dm[d]:
            names[k] = f"d{d}_o{idx}"
            idx += 1
    dirs = {}
    for k in range(m):
        if rng.random() < irreversible:
            dirs[k] = "take_only" if rng.random() < 0.5 else "drop_only"
        else:
            dirs[k] = "both"

    infeasible: list[dict[str, str]] = []
    # Exactly-one pairs within a DM (both options two-way, else the pair could freeze).
    pairable = [list(opts) for opts in per_dm]
    for _ in range(exclusive_pairs):
        cands = [d for d in range(n_dms) if len(pairable[d]) >= 2]
        if not cands:
            raise ValueError("not enough options per DM for the requested exclusive pairs")
        d = cands[int(rng.integers(len(cands)))]
        a, b = rng.choice(pairable[d], size=2, replace=False)
        pairable[d] = [k for k in pairable[d] if k not in (a, b)]
        dirs[int(a)] = dirs[int(b)] = "both"
        infeasible.append({"when": f"{names[int(a)]} iff {names[int(b)]}",
                           "why": "exactly one of the two"})
    drawn: list[dict[int, bool]] = []
    for _ in range(n_constraints):
        size = int(rng.integers(2, 4)) if m >= 3 else 2
        ks = rng.choice(m, size=min(size, m), replace=False)
        signs = [bool(rng.random() < 0.5) for _ in ks]
        term = {int(k): sign for k, sign in zip(ks, signs)}
        # A conjunction that would make every combination infeasible (with the ones drawn
        # before it) is drawn but not kept: a model must have a state. Only small option
        # spaces or many constraints get there, so other seeds give the same models as before.
        if _covers_everything(drawn + [term]):
            continue
        drawn.append(term)
        lits = [names[int(k)] if sign else f"not {names[int(k)]}" for k, sign in zip(ks, signs)]
        infeasible.append({"when": " and ".join(lits)})

    def literal(k: int) -> str:
        return names[k] if rng.random() < 0.5 else f"not {names[k]}"

    def statement(d: int) -> str:
        own = per_dm[d]
        # Mostly about own options and a few of the others'.
        k = int(rng.choice(own)) if rng.random() < 0.4 else int(rng.integers(m))
        form = int(rng.integers(6))
        if form <= 1 or m < 2:
            return literal(k)
        j = int(rng.integers(m - 1))
        j = j + 1 if j >= k else j
        if form == 2:
            return f"{literal(k)} and {literal(j)}"
        if form == 3:
            return f"{literal(k)} or {literal(j)}"
        if form == 4:
            return f"{literal(k)} if {literal(j)}"
        return f"{names[k]} iff {literal(j)}"

    lo, hi = (n_statements, n_statements) if isinstance(n_statements, int) else n_statements
    dms = []
    for d in range(n_dms):
        count = int(rng.integers(lo, hi + 1))
        dms.append({
            "name": f"DM{d}",
            "options": [{"name": names[k], "direction": dirs[k]} for k in per_dm[d]],
            "preferences": [statement(d) for _ in range(count)],
        })
    doc: dict[str, Any] = {
        "title": title or f"random conflict ({m} options, {n_dms} DMs, seed {seed})",
        "decision_makers": dms,
    }
    if infeasible:
        doc["infeasible"] = infeasible
    return doc


def random_conflict(n_options: int, n_dms: int, *, seed: int = 0, n_constraints: int = 0,
                    exclusive_pairs: int = 0, irreversible: float = 0.2,
                    n_statements: int | tuple[int, int] = (3, 6), status_quo: bool = True,
                    title: str | None = None) -> Conflict:
    """A random conflict (see the module docstring for what is drawn at random).

    Parameters are those of :func:`random_conflict_document`; ``status_quo`` also draws a
    random feasible status quo.

    Returns
    -------
    Conflict

    Example
    -------
    >>> from detente.gmcr.analysis import analyze
    >>> r = analyze(random_conflict(8, 3, seed=2, n_constraints=2), ["Nash", "GMR"])
    >>> r.n_states <= 2 ** 8
    True
    """
    from detente.model.states import _option_values
    from detente.model.load import load

    doc = random_conflict_document(n_options, n_dms, seed=seed, n_constraints=n_constraints,
                                   exclusive_pairs=exclusive_pairs, irreversible=irreversible,
                                   n_statements=n_statements, title=title)
    conflict = load(doc)
    if status_quo:
        rng = np.random.default_rng([seed, 1])
        m = conflict.n_options
        for _ in range(10_000):
            code = int(rng.integers(0, 1 << m, dtype=np.uint64)) if m < 64 else 0
            value_of = _option_values(np.array([code], dtype=np.uint64), conflict)
            if not any(bool(np.asarray(c.expr.evaluate(value_of)).reshape(-1)[0])
                       for c in conflict.constraints):
                conflict.status_quo = code
                doc["status_quo"] = _yn(code, m)
                break
    conflict.document = doc
    return conflict


def random_hypergame_document(n_options: int, n_dms: int, *, seed: int = 0, n_constraints: int = 0,
                              irreversible: float = 0.2, n_statements: int | tuple[int, int] = (2, 4),
                              p_perception: float = 0.7) -> dict[str, Any]:
    """A random conflict whose DMs hold random perceptions (first-level hypergame).

    On top of :func:`random_conflict_document`, each DM holds a perception with probability
    ``p_perception``, drawn from: options of others it does not know (never all of one DM's
    options), one combination of two literals it wrongly believes infeasible, one it believes
    feasible (a literal pair, or a real constraint by id), and for each other DM either a full
    list of believed statements or changes to its true ones (drop one, prepend or append one).
    Beliefs only name options the DM knows. Some draws give a view with no state; loading
    such a document raises a ModelError, as it should.
    """
    doc = random_conflict_document(n_options, n_dms, seed=seed, n_constraints=n_constraints,
                                   irreversible=irreversible, n_statements=n_statements)
    rng = np.random.default_rng([seed, 7])
    for ci, c in enumerate(doc.get("infeasible", [])):
        c["id"] = f"c{ci}"
    dms = doc["decision_makers"]
    owner = {o["name"]: d["name"] for d in dms for o in d["options"]}
    for d in dms:
        if rng.random() >= p_perception:
            continue
        per: dict[str, Any] = {}
        unknown = []
        for other in dms:
            if other is d or len(other["options"]) < 2 or rng.random() < 0.5:
                continue
            k = int(rng.integers(1, len(other["options"])))
            picked = rng.choice(len(other["options"]), size=k, replace=False)
            unknown.extend(other["options"][int(i)]["name"] for i in picked)
        if unknown:
            per["unknown_options"] = unknown
        known = [n for n in owner if n not in unknown]

        def literal() -> str:
            n = known[int(rng.integers(len(known)))]
            return n if rng.random() < 0.5 else f"not {n}"

        def pair() -> str:
            return f"{literal()} and {literal()}"

        if rng.random() < 0.4:
            per["believes_infeasible"] = [pair()]
        if rng.random() < 0.4:
            cons = doc.get("infeasible", [])
            if cons and rng.random() < 0.5:
                per["believes_feasible"] = [{"constraint": cons[int(rng.integers(len(cons)))]["id"]}]
            else:
                per["believes_feasible"] = [pair()]
        beliefs = {}
        for other in dms:
            if other is d or rng.random() < 0.4:
                continue
            if rng.random() < 0.5:
                beliefs[other["name"]] = {"preferences": [pair() if rng.random() < 0.5 else literal()
                                                          for _ in range(int(rng.integers(1, 4)))]}
            else:
                change: dict[str, Any] = {}
                if rng.random() < 0.6:
                    change["drop"] = [other["preferences"][int(rng.integers(len(other["preferences"])))]]
                key = "prepend" if rng.random() < 0.5 else "append"
                change[key] = [literal()]
                beliefs[other["name"]] = change
        if beliefs:
            per["preferences_of"] = beliefs
        if per:
            d["perception"] = per
    doc["title"] = f"random hypergame ({n_options} options, {n_dms} DMs, seed {seed})"
    return doc
