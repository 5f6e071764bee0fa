"""Robustness of stability results when preferences are uncertain.

Analysts rarely know a decision maker's preferences for certain. A model may say so in three
ways (the YAML schema, validated here with located errors):

.. code-block:: yaml

    decision_makers:
      - name: US
        options: [backstop, sanctions]
        preferences:
          - statement: not backstop
            id: no_backstop
            probability: 0.6        # the US really holds this with probability 0.6;
                                    # otherwise the statement is dropped from its list
          - {statement: sanctions, id: pressure}
          - {statement: not sanctions, id: trade}
        uncertainty:
          uncertain_order:          # statements (by id) whose order of importance is unsure
            - [pressure, trade]     # either order, equally likely
            - {statements: [pressure, trade], probability: 0.7}  # as written with prob. 0.7
            - [a, b, c]             # a group: every order of the three equally likely
          alternatives:             # other readings of the whole preference, with weights
            - weight: 0.25
              label: hardliners win
              preferences: [sanctions, not backstop]
            - weight: 0.1
              ranking: [YN, YY, NN, NY]
    uncertainty:                    # model-wide defaults (all optional)
      draws: 2000
      seed: 7
      concepts: [Nash, GMR, SEQ]
      confidence: 0.95

The preferences as written keep the remaining weight ``1 - sum(alternative weights)``.

Each uncertain item is an *assumption* (a statement held, an order as written, a DM not
following an alternative): :func:`parse_uncertainty` lists them. :func:`robustness` samples
preference profiles — draw ``d`` uses its own generator seeded by
``SeedSequence(seed, spawn_key=(d,))`` (the ``d``-th child of ``SeedSequence(seed).spawn``), so
results do not depend on how draws are split among workers — and counts, for every state and
concept, how often it is an equilibrium and stable for each DM, with Wilson score intervals
(Wilson 1927). When the profiles are few, ``method="exact"`` enumerates them with their
probabilities instead.

The draws are made first; then each distinct preference profile among them is evaluated once
and counted with the number of its draws (:class:`ProfileTable`, :func:`profile_chunk`), which
gives exactly the counts of evaluating every draw. The move tables are built once; a profile
only recomputes the ranks (option prioritisation, Fang, Hipel & Kilgour 1993) and the stability
of :mod:`detente.gmcr.stability`. Nash, GMR and SMR stability for DM i depend only on i's own
ranking, so they are cached per DM reading for the whole run; SEQ and SIM depend on
everybody's and are computed once per profile.

Example
-------
>>> import detente
>>> from detente.gmcr.robustness import robustness
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": [
...         {"statement": "not b", "probability": 0.5}, "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
>>> r = robustness(c, method="exact", concepts=["Nash"])
>>> round(r.probability("Nash", "YY"), 2)
1.0
"""

from __future__ import annotations

import itertools
import math
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from detente.errors import DetenteError, ModelError, Problem, TooLargeError
from detente.gmcr.moves import MoveTable, build_move_tables
from detente.model.preferences import ranks_from_levels, ranks_from_truth, statement_truth
from detente.gmcr.stability import DEFAULT_SIM_BUDGET, sim_unstable_for, sim_within_budget, unstable_for
from detente.model.states import (StateSpace, _fmt_bytes, estimate_analysis_bytes, memory_budget_bytes,
                                   require_memory)
from detente.model.conflict import Conflict, Statement
from detente.model.yamlio import Positions, did_you_mean

SCHEMA = "detente.robustness/1"
DEFAULT_DRAWS = 2000
DEFAULT_SEED = 0
DEFAULT_CONCEPTS = ("Nash", "GMR", "SMR", "SEQ")
DEFAULT_MAX_HOURS = 12.0
PILOT_DRAWS = 8  # draws evaluated first, to estimate the time and memory of the rest
RECORD_FORM = "auto"  # per-profile equilibria as "positions", "bits" or the smaller ("auto")
EXACT_LIMIT = 20_000  # profiles enumerated by method="auto" before sampling instead
MAX_GROUP = 8  # statements in one uncertain_order group (8! orders)
DM_KEYS = {"uncertain_order", "alternatives"}
TOP_KEYS = {"draws", "seed", "concepts", "confidence"}
ALT_KEYS = {"weight", "label", "name", "note", "why", "evidence", "preferences", "ranking"}


# --- the uncertainty of a model ----------------------------------------------------------

@dataclass
class OrderGroup:
    """Statements (indices into a preference list) whose order of importance is uncertain."""

    members: list[int]  # in written order
    ids: list[str]
    probability: float | None  # pairs: P(written order); None: every order equally likely


@dataclass
class Reading:
    """One reading of a DM's preferences: the written one or an alternative."""

    label: str
    weight: float
    statements: list[Statement] | None = None  # option prioritisation, most important first
    levels: list[list[int]] | None = None  # or an explicit ranking (state codes)
    groups: list[OrderGroup] = field(default_factory=list)

    @property
    def probs(self) -> np.ndarray:
        return np.array([1.0 if s.probability is None else float(s.probability)
                         for s in (self.statements or [])])


@dataclass
class Assumption:
    """One uncertain item, described as written (``holds``) and flipped.

    ``probability`` is the chance that it holds as written.
    """

    index: int
    dm: str
    kind: str  # "statement" | "order" | "alternative"
    holds: str
    flipped: str
    probability: float
    target: int  # statement index, group index or alternative index (in the DM's readings)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "dm": self.dm, "kind": self.kind, "as_written": self.holds,
                "flipped": self.flipped, "probability": self.probability}


@dataclass
class Uncertainty:
    """The readings of every DM and the list of assumptions."""

    readings: dict[str, list[Reading]]
    assumptions: list[Assumption]
    settings: dict[str, Any]

    @property
    def is_certain(self) -> bool:
        return not self.assumptions and all(len(r) == 1 for r in self.readings.values())


def _quote(text: str, limit: int = 60) -> str:
    return '"' + (text if len(text) <= limit else text[:limit - 1] + "…") + '"'


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def parse_uncertainty(conflict: Conflict, space: StateSpace | None = None) -> Uncertainty:
    """Validate the model's uncertainty sections and list its assumptions.

    Parameters
    ----------
    conflict
        A loaded model. Statement ``probability:`` values, the DM-level ``uncertainty:``
        mappings (``conflict.decision_makers[i].extra["uncertainty"]``) and the top-level
        ``uncertainty:`` mapping are read.
    space
        The feasible states (built if not given; needed to check alternative rankings).

    Returns
    -------
    Uncertainty

    Raises
    ------
    ModelError
        Every problem at once, each with file, line and field.
    """
    from detente.model.expr import parse_located
    from detente.model.load import parse_state_spec

    positions: Positions = getattr(conflict, "_positions", None) or Positions(conflict.file)
    problems: list[Problem] = []
    readings: dict[str, list[Reading]] = {}
    assumptions: list[Assumption] = []

    def add(path, message, hint=None):
        problems.append(positions.problem(path, message, hint))

    for di, dm in enumerate(conflict.decision_makers):
        dpath = ("decision_makers", di)
        base = Reading("as written", 1.0, statements=dm.preferences, levels=dm.ranking)
        for si, st in enumerate(dm.preferences or []):
            p = st.probability
            if p is not None and (not _is_number(p) or not 0.0 <= p <= 1.0):
                add(dpath + ("preferences", si, "probability"),
                    f"probability {p!r} of {dm.name}'s statement {_quote(st.text)} is not between 0 and 1",
                    "write the chance that the DM holds this statement, e.g. 0.7")
        raw = dm.extra.get("uncertainty") or {}
        upath = dpath + ("uncertainty",)
        if not isinstance(raw, dict):
            add(upath, "'uncertainty' must be a mapping", "use keys uncertain_order and alternatives")
            raw = {}
        for key in raw:
            if key not in DM_KEYS:
                add(upath + (key,), f"unknown field {key!r} in {dm.name}'s uncertainty",
                    did_you_mean(str(key), DM_KEYS) or "known fields: " + ", ".join(sorted(DM_KEYS)))
        # Uncertain orders.
        orders = raw.get("uncertain_order") or []
        if orders and not isinstance(orders, list):
            add(upath + ("uncertain_order",), "uncertain_order must be a list of [id, id] pairs or groups")
            orders = []
        if orders and dm.preferences is None:
            add(upath + ("uncertain_order",),
                f"{dm.name} has an explicit ranking, so there are no statements to reorder",
                "use 'alternatives' with other rankings instead, or write preferences as statements")
            orders = []
        ids = {st.id: k for k, st in enumerate(dm.preferences or []) if st.id}
        used: dict[str, int] = {}
        for oi, item in enumerate(orders):
            opath = upath + ("uncertain_order", oi)
            prob = None
            if isinstance(item, dict):
                extra = set(item) - {"statements", "probability"}
                if extra:
                    add(opath + (sorted(extra)[0],), f"unknown field {sorted(extra)[0]!r}",
                        "an uncertain order is {statements: [id1, id2], probability: p}")
                members = item.get("statements")
                prob = item.get("probability")
                if prob is not None and (not _is_number(prob) or not 0.0 <= prob <= 1.0):
                    add(opath + ("probability",), f"probability {prob!r} is not between 0 and 1",
                        "the chance that the order as written holds, e.g. 0.7")
                    prob = None
            else:
                members = item
            if not isinstance(members, list) or len(members) < 2 or not all(isinstance(m, str) for m in members):
                add(opath, "an uncertain order lists at least two statement ids",
                    "e.g. [no_backstop, sanctions]; give the statements an 'id' first")
                continue
            if prob is not None and len(members) != 2:
                add(opath + ("probability",), "a probability applies to a pair of statements only",
                    "drop 'probability' to make every order of the group equally likely")
                prob = None
            if len(members) > MAX_GROUP:
                add(opath, f"{len(members)} statements in one group; the limit is {MAX_GROUP}")
                continue
            idx = []
            for mi, sid in enumerate(members):
                mpath = opath + (("statements", mi) if isinstance(item, dict) else (mi,))
                if sid not in ids:
                    add(mpath, f"{dm.name} has no statement with id {sid!r}",
                        did_you_mean(sid, ids) or ("statement ids: " + ", ".join(ids) if ids
                                                   else "add 'id: ...' to the statements you mean"))
                elif sid in members[:mi]:
                    add(mpath, f"statement {sid!r} is listed twice in one uncertain order")
                elif sid in used:
                    add(mpath, f"statement {sid!r} is in two uncertain orders (entries {used[sid]} and {oi}); "
                               "their orders could contradict each other",
                        f"merge them into one group, e.g. [{', '.join(dict.fromkeys(members))}, ...]: every "
                        "order of a group is equally likely")
                else:
                    idx.append(ids[sid])
                    used[sid] = oi
            if len(idx) == len(members):
                # Members are kept in written order; a pair given as [b, a] with a probability
                # means "b before a" with that probability.
                if prob is not None and idx[0] > idx[1]:
                    prob = 1.0 - prob
                order = sorted(range(len(idx)), key=lambda k: idx[k])
                base.groups.append(OrderGroup([idx[k] for k in order], [members[k] for k in order], prob))
        dm_readings = [base]
        # Alternatives.
        alts = raw.get("alternatives") or []
        if alts and not isinstance(alts, list):
            add(upath + ("alternatives",), "alternatives must be a list")
            alts = []
        total_w = 0.0
        for ai, alt in enumerate(alts):
            apath = upath + ("alternatives", ai)
            if not isinstance(alt, dict):
                add(apath, "an alternative is a mapping with weight and preferences or ranking")
                continue
            for key in alt:
                if key not in ALT_KEYS:
                    add(apath + (key,), f"unknown field {key!r} in an alternative",
                        did_you_mean(str(key), ALT_KEYS) or "known fields: weight, label, preferences, ranking")
            w = alt.get("weight")
            if not _is_number(w) or not 0.0 <= w <= 1.0:
                add(apath + ("weight",), f"weight {w!r} of {dm.name}'s alternative {ai + 1} is not between 0 and 1",
                    "the probability that the DM's preferences are this alternative, e.g. 0.3")
                continue
            total_w += w
            label = str(alt.get("label") or alt.get("name") or f"alternative {ai + 1}")
            has_p, has_r = "preferences" in alt, "ranking" in alt
            if has_p == has_r:
                add(apath, f"{dm.name}'s alternative {label!r} needs exactly one of 'preferences' and 'ranking'")
                continue
            reading = Reading(label, float(w))
            if has_p:
                stmts = []
                plist = alt["preferences"]
                if not isinstance(plist, list) or not plist:
                    add(apath + ("preferences",), "preferences must be a non-empty list of statements")
                    continue
                for si, s in enumerate(plist):
                    spath = apath + ("preferences", si)
                    if isinstance(s, str):
                        s = {"statement": s}
                    if not isinstance(s, dict) or not isinstance(s.get("statement"), str):
                        add(spath, "a statement is text or {statement: ..., probability: ...}")
                        continue
                    bad = set(s) - {"statement", "probability", "note", "id", "evidence"}
                    if bad:
                        add(spath + (sorted(bad)[0],), f"unknown field {sorted(bad)[0]!r}",
                            "a statement has statement, probability, note, id, evidence")
                    p = s.get("probability")
                    if p is not None and (not _is_number(p) or not 0.0 <= p <= 1.0):
                        add(spath + ("probability",), f"probability {p!r} is not between 0 and 1")
                        p = None
                    try:
                        expr = parse_located(s["statement"], positions, spath + ("statement",),
                                             conflict.option_names, "preference statement")
                    except ModelError as exc:
                        problems.extend(exc.problems)
                        continue
                    stmts.append(Statement(text=s["statement"], expr=expr, probability=p,
                                           note=s.get("note"), id=s.get("id")))
                reading.statements = stmts
            else:
                levels = alt["ranking"]
                if not isinstance(levels, list) or not levels:
                    add(apath + ("ranking",), "ranking must be a non-empty list of states, best first")
                    continue
                space = space or StateSpace.build(conflict)
                codes_seen: set[int] = set()
                out_levels = []
                for li, level in enumerate(levels):
                    # As in the model's own rankings: a list is a level of tied states.
                    level = level if isinstance(level, list) else [level]
                    codes = []
                    for ki, spec in enumerate(level):
                        kpath = apath + ("ranking", li) + ((ki,) if len(level) > 1 else ())
                        try:
                            code = parse_state_spec(spec, conflict, positions, kpath)
                        except ModelError as exc:
                            problems.extend(exc.problems)
                            continue
                        if not space.is_feasible(code):
                            add(kpath, f"{conflict.yn(code)} is not a feasible state", "remove it")
                        elif code in codes_seen:
                            add(kpath, f"{conflict.yn(code)} is ranked twice", "list each feasible state once")
                        else:
                            codes_seen.add(code)
                            codes.append(code)
                    out_levels.append(codes)
                missing = [int(c) for c in space.codes if int(c) not in codes_seen]
                if missing:
                    add(apath + ("ranking",), f"{dm.name}'s alternative ranking {label!r} misses "
                        f"{len(missing)} feasible state(s): " + ", ".join(conflict.yn(c) for c in missing[:8]),
                        "every feasible state must appear exactly once")
                reading.levels = out_levels
            dm_readings.append(reading)
        if total_w > 1.0 + 1e-9:
            add(upath + ("alternatives",), f"the weights of {dm.name}'s alternatives add up to {total_w:g}, more than 1",
                "the preferences as written get 1 minus the sum; lower the weights")
        base.weight = max(0.0, 1.0 - total_w)
        readings[dm.name] = dm_readings
        # Assumptions of this DM (about the written reading, then the alternatives).
        for si, st in enumerate(dm.preferences or []):
            p = st.probability
            if p is not None and _is_number(p) and 0.0 <= p < 1.0:
                assumptions.append(Assumption(len(assumptions), dm.name, "statement",
                                              f"{dm.name} holds {_quote(st.text)}",
                                              f"{dm.name} does not hold {_quote(st.text)}", float(p), si))
        for gi, g in enumerate(base.groups):
            texts = [_quote(dm.preferences[k].text, 30) for k in g.members]
            p = g.probability if g.probability is not None else 1.0 / math.factorial(len(g.members))
            if len(texts) == 2:
                holds = f"{dm.name} puts {texts[0]} before {texts[1]}"
                flipped = f"{dm.name} puts {texts[1]} before {texts[0]}"
            else:
                holds = f"{dm.name} orders {', '.join(texts)} as written"
                flipped = f"{dm.name} orders them otherwise"
            assumptions.append(Assumption(len(assumptions), dm.name, "order", holds, flipped, float(p), gi))
        for ai, r in enumerate(dm_readings[1:], start=1):
            assumptions.append(Assumption(len(assumptions), dm.name, "alternative",
                                          f"{dm.name} does not follow {r.label!r}",
                                          f"{dm.name} follows {r.label!r}", 1.0 - r.weight, ai))

    settings = _parse_settings(conflict, positions, problems)
    if problems:
        raise ModelError(problems)
    return Uncertainty(readings, assumptions, settings)


def _parse_settings(conflict: Conflict, positions: Positions, problems: list[Problem]) -> dict[str, Any]:
    raw = (conflict.document or {}).get("uncertainty") if isinstance(conflict.document, dict) else None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(positions.problem(("uncertainty",), "the top-level 'uncertainty' must be a mapping",
                                          "keys: draws, seed, concepts, confidence"))
        return {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        path = ("uncertainty", key)
        if key not in TOP_KEYS:
            problems.append(positions.problem(path, f"unknown field {key!r}",
                                              did_you_mean(str(key), TOP_KEYS)
                                              or "known fields: " + ", ".join(sorted(TOP_KEYS))
                                              + " (DM-level uncertainty goes under the decision maker)"))
        elif key in ("draws", "seed"):
            if not isinstance(value, int) or isinstance(value, bool) or value < (1 if key == "draws" else 0):
                problems.append(positions.problem(path, f"{key} must be a {'positive' if key == 'draws' else 'non-negative'} integer"))
            else:
                out[key] = value
        elif key == "confidence":
            if not _is_number(value) or not 0.5 <= value < 1.0:
                problems.append(positions.problem(path, f"confidence {value!r} must be between 0.5 and 1 (e.g. 0.95)"))
            else:
                out[key] = float(value)
        elif key == "concepts":
            out[key] = [value] if isinstance(value, str) else list(value or [])
    return out


# --- statistics ------------------------------------------------------------------------------

def z_value(confidence: float) -> float:
    """Two-sided normal quantile (e.g. 1.96 for 0.95)."""
    from statistics import NormalDist
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def two_proportion_significant(p1: float, n1: float, p2: float, n2: float, z: float = 1.96) -> bool:
    """Two-proportion z test (pooled): is the difference of two sampled proportions significant?"""
    if n1 <= 0 or n2 <= 0 or math.isnan(p1) or math.isnan(p2):
        return False
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = math.sqrt(max(pooled * (1 - pooled), 0.0) * (1 / n1 + 1 / n2))
    if se == 0:
        return p1 != p2
    return abs(p1 - p2) / se > z


def wilson_interval(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (Wilson 1927).

    >>> tuple(round(x, 3) for x in wilson_interval(0, 100))
    (0.0, 0.037)
    """
    if n <= 0:
        return (0.0, 1.0)
    z = z_value(confidence)
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


# --- the sampling plan (what workers need) ------------------------------------------------------

@dataclass
class ReadingPlan:
    weight: float
    truth: np.ndarray | None  # (n, L) bool, statements' truth per state
    probs: np.ndarray | None  # (L,)
    groups: list[tuple[list[int], float | None]]
    ranks: np.ndarray | None  # explicit ranking


@dataclass
class Plan:
    """Everything a worker needs to evaluate draws: no model objects, only arrays.

    ``profiles`` (and ``profile_weights``) are the distinct preference profiles a run found
    among its draws, set before they are sent out to be evaluated (:func:`profile_chunk`).
    """

    dms: list[str]
    readings: dict[str, list[ReadingPlan]]
    assumption_slots: dict[str, list[tuple[str, int, int]]]  # dm -> [(kind, target, assumption index)]
    n_assumptions: int
    tables: dict[str, MoveTable]
    concepts: list[str]
    seed: int
    n: int
    record: bool = True
    cache_bytes: int = 256 << 20  # cached ranks and stability arrays per process
    codes: np.ndarray | None = None  # feasible state codes (SIM looks up combined states)
    profiles: list[tuple] | None = None
    profile_weights: np.ndarray | None = None
    method: str = "sampled"
    record_bits: bool = False  # record each profile's equilibria as a bitset (dense sets)

    def __getstate__(self):
        # The per-process caches (evaluator, exact outcomes) are not shipped to workers.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


def make_plan(conflict: Conflict, unc: Uncertainty, space: StateSpace, concepts: list[str],
              seed: int, tables: dict[str, MoveTable] | None = None, record: bool = True) -> Plan:
    readings = {}
    for dm in conflict.decision_makers:
        out = []
        for r in unc.readings[dm.name]:
            if r.statements is not None:
                out.append(ReadingPlan(r.weight, statement_truth(space, r.statements), r.probs,
                                       [(g.members, g.probability) for g in r.groups], None))
            else:
                out.append(ReadingPlan(r.weight, None, None, [], ranks_from_levels(space, r.levels)))
        readings[dm.name] = out
    slots: dict[str, list] = {d: [] for d in conflict.dm_names}
    for a in unc.assumptions:
        slots[a.dm].append((a.kind, a.target, a.index))
    return Plan(conflict.dm_names, readings, slots, len(unc.assumptions),
                tables if tables is not None else build_move_tables(space), list(concepts), int(seed),
                space.n, record, codes=space.codes)


def _draw_dm(plan: Plan, dm: str, rng: np.random.Generator, flags: np.ndarray) -> tuple:
    """Draw one reading of a DM; returns its key (what determines its ranks) and sets flags."""
    rs = plan.readings[dm]
    src = 0
    if len(rs) > 1:
        u = rng.random()
        cum = np.cumsum([r.weight for r in rs])
        src = int(min(np.searchsorted(cum, u, side="right"), len(rs) - 1))
        while rs[src].weight <= 0 and src > 0:  # a zero-weight reading is never drawn
            src -= 1
    base = rs[0]
    chosen = rs[src]
    # The written reading's items are always drawn (so each assumption has a value per draw);
    # they matter only when that reading is in effect.
    order = list(range(0 if base.truth is None else base.truth.shape[1]))
    group_as_written = []
    for members, p in base.groups:
        if p is not None:
            keep = bool(rng.random() < p)
            if not keep:
                order[members[0]], order[members[1]] = order[members[1]], order[members[0]]
        else:
            perm = rng.permutation(len(members))
            keep = bool(np.all(perm == np.arange(len(members))))
            vals = [members[k] for k in perm]
            for pos, v in zip(members, vals):
                order[pos] = v
        group_as_written.append(keep)
    held = rng.random(len(order)) < base.probs if base.truth is not None else np.zeros(0, dtype=bool)
    for kind, target, ai in plan.assumption_slots[dm]:
        if kind == "statement":
            flags[ai] = held[target]
        elif kind == "order":
            flags[ai] = group_as_written[target]
        else:
            flags[ai] = src != target
    if src == 0:
        if base.truth is None:
            return (0,)
        return (0,) + tuple(k for k in order if held[k])
    if chosen.truth is None:
        return (src,)
    held_alt = rng.random(chosen.truth.shape[1]) < chosen.probs
    return (src,) + tuple(int(k) for k in np.flatnonzero(held_alt))


def _ranks_for(plan: Plan, dm: str, key: tuple) -> np.ndarray:
    r = plan.readings[dm][key[0]]
    if r.truth is None:
        return r.ranks
    return ranks_from_truth(r.truth[:, list(key[1:])])


class _Evaluator:
    """Stability of profiles, with caches: ranks per DM reading; Nash, GMR and SMR stability
    per DM reading (they depend on that DM's ranking alone); SEQ and SIM per profile only when
    asked (``keep=True``: a run evaluates each distinct profile once, so it keeps none).
    The caches hold at most ``plan.cache_bytes``; beyond that, values are computed again.
    ``kernel_calls`` counts the per-DM stability computations."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.rank_cache: dict[tuple, np.ndarray] = {}
        self.stab_cache: dict[tuple, np.ndarray] = {}
        self.cached_bytes = 0
        self.distinct: set[tuple] = set()
        self.kernel_calls = 0
        self.profiles_evaluated = 0

    def _store(self, cache: dict, key: tuple, arr: np.ndarray) -> None:
        if self.cached_bytes + arr.nbytes <= self.plan.cache_bytes:
            cache[key] = arr
            self.cached_bytes += arr.nbytes

    def ranks(self, keys: dict[str, tuple]) -> dict[str, np.ndarray]:
        out = {}
        for dm, key in keys.items():
            ck = (dm, key)
            arr = self.rank_cache.get(ck)
            if arr is None:
                arr = _ranks_for(self.plan, dm, key)
                self._store(self.rank_cache, ck, arr)
            out[dm] = arr
        return out

    def stable(self, keys: dict[str, tuple], keep: bool = True) -> dict[str, dict[str, np.ndarray]]:
        plan = self.plan
        profile = tuple(keys[d] for d in plan.dms)
        self.distinct.add(profile)
        ranks = None
        out: dict[str, dict[str, np.ndarray]] = {}
        computed = False
        for concept in plan.concepts:
            per = {}
            own = concept in ("Nash", "GMR", "SMR")
            for dm in plan.dms:
                ck = (concept, dm, keys[dm] if own else profile)
                arr = self.stab_cache.get(ck)
                if arr is None:
                    if ranks is None:
                        ranks = self.ranks(keys)
                    if concept == "SIM":
                        arr = ~sim_unstable_for(dm, plan.tables, ranks, _SpaceShim(plan))
                    else:
                        arr = ~unstable_for(dm, concept, plan.tables, ranks)
                    self.kernel_calls += 1
                    computed = True
                    if own or keep:
                        self._store(self.stab_cache, ck, arr)
                per[dm] = arr
            out[concept] = per
        self.profiles_evaluated += computed
        return out

    def drop_profile_entries(self) -> None:
        """Forget the SEQ and SIM entries (per profile); keep those per DM reading."""
        for ck in [ck for ck in self.stab_cache if ck[0] not in ("Nash", "GMR", "SMR")]:
            self.cached_bytes -= self.stab_cache.pop(ck).nbytes


def _evaluator(plan: Plan) -> _Evaluator:
    """The evaluator of this process for ``plan``: its caches last across chunks."""
    ev = plan.__dict__.get("_evaluator")
    if ev is None:
        ev = plan.__dict__["_evaluator"] = _Evaluator(plan)
    return ev


class _SpaceShim:
    """The one StateSpace lookup SIM needs (``index_of``), from the codes shipped in the plan."""

    def __init__(self, plan: Plan):
        self.n = plan.n
        self.codes = plan.codes

    def index_of(self, code):
        arr = np.asarray(code, dtype=np.uint64)
        pos = np.searchsorted(self.codes, arr)
        pos_c = np.minimum(pos, self.n - 1)
        return np.where(self.codes[pos_c] == arr, pos_c, -1)


class ProfileTable:
    """The distinct profiles of a run in the order first drawn, with the total weight of the
    draws (or enumerated rows) that gave each."""

    def __init__(self, dedupe: bool = True) -> None:
        self.dedupe = dedupe
        self.index: dict[tuple, int] = {}
        self.keys: list[tuple] = []
        self.weight: list[float] = []

    def add(self, profile: tuple, w: float) -> int:
        k = self.index.get(profile) if self.dedupe else None
        if k is None:
            k = len(self.keys)
            if self.dedupe:
                self.index[profile] = k
            self.keys.append(profile)
            self.weight.append(0.0)
        self.weight[k] += w
        return k


@dataclass
class DrawRecords:
    """What a run keeps per draw (or enumerated row): which assumptions held as written, its
    weight and the index of its profile (the profile's equilibria are kept once)."""

    flags: np.ndarray  # (rows, A) bool
    weights: np.ndarray  # (rows,)
    profile_of: np.ndarray  # (rows,) int32
    seconds: float = 0.0


def draw_seed(seed: int, index: int) -> np.random.SeedSequence:
    """The seed sequence of draw ``index``: the ``index``-th child of ``SeedSequence(seed)``."""
    return np.random.SeedSequence(seed, spawn_key=(index,))


def _exact_outcomes(plan: Plan) -> list[list]:
    out = plan.__dict__.get("_outcomes")
    if out is None:
        out = plan.__dict__["_outcomes"] = [_dm_outcomes(plan, dm) for dm in plan.dms]
    return out


def draw_rows(plan: Plan, method: str, start: int, stop: int, table: ProfileTable) -> DrawRecords:
    """Draws ``start .. stop-1`` (each from its own seed) or, with ``method="exact"``, the
    enumerated rows (in the product order of the DMs' outcomes): flags, weights and profiles
    (added to ``table``). No stability is computed here."""
    t0 = time.perf_counter()
    rows = stop - start
    flags = np.zeros((rows, plan.n_assumptions), dtype=bool)
    weights = np.empty(rows)
    profile_of = np.empty(rows, dtype=np.int32)
    dms = plan.dms
    if method == "exact":
        outcomes = _exact_outcomes(plan)
        sizes = [len(o) for o in outcomes]
        for row, idx in enumerate(range(start, stop)):
            keys, p = {}, 1.0
            rem = idx
            f = flags[row]
            for dm, outs, size in zip(reversed(dms), reversed(outcomes), reversed(sizes)):
                key, q, fl = outs[rem % size]
                rem //= size
                keys[dm] = key
                p *= q
                for ai, v in fl.items():
                    f[ai] = v
            weights[row] = p
            profile_of[row] = table.add(tuple(keys[d] for d in dms), p)
    else:
        weights[:] = 1.0
        for row, d in enumerate(range(start, stop)):
            rng = np.random.default_rng(draw_seed(plan.seed, d))
            f = flags[row]
            profile_of[row] = table.add(tuple(_draw_dm(plan, dm, rng, f) for dm in dms), 1.0)
    return DrawRecords(flags, weights, profile_of, time.perf_counter() - t0)


def draw_chunk(plan: Plan, start: int, stop: int) -> tuple[DrawRecords, list[tuple], list[float]]:
    """Rows ``start .. stop-1`` drawn in a worker: records with chunk-local profile indices, and
    the chunk's distinct profiles with their weights (merged in order by the caller, which
    keeps the order in which profiles were first drawn)."""
    table = ProfileTable()
    rec = draw_rows(plan, plan.method, start, stop, table)
    return rec, table.keys, table.weight


@dataclass
class ProfileChunk:
    """Weighted counts over a range of distinct profiles, and (if recorded) each profile's
    equilibria per concept: positions concatenated (``eq_len[concept][k]`` for profile k) or,
    with ``plan.record_bits``, one packed bitset row per profile (``eq_flat[concept]`` is then
    a (profiles, ceil(n / 8)) uint8 array)."""

    weight: float
    eq: dict[str, np.ndarray]  # concept -> (n,) float
    stable: dict[str, dict[str, np.ndarray]]  # concept -> dm -> (n,) float
    eq_flat: dict[str, np.ndarray]
    eq_len: dict[str, np.ndarray]
    profiles: int
    evaluated: int  # profiles whose stability was computed here (not found in a cache)
    kernel_calls: int
    seconds: float


def _empty_profile_chunk(plan: Plan) -> ProfileChunk:
    return ProfileChunk(0.0, {c: np.zeros(plan.n) for c in plan.concepts},
                        {c: {d: np.zeros(plan.n) for d in plan.dms} for c in plan.concepts},
                        {c: np.zeros(0, np.int32) for c in plan.concepts},
                        {c: np.zeros(0, np.int32) for c in plan.concepts}, 0, 0, 0, 0.0)


def evaluate_profiles(plan: Plan, profiles: Iterable[tuple], weights: Iterable[float],
                      keep: bool = False) -> ProfileChunk:
    """Stability of each profile (once), its weight times it added to the counts."""
    t0 = time.perf_counter()
    ev = _evaluator(plan)
    calls0, evaluated0 = ev.kernel_calls, ev.profiles_evaluated
    res = _empty_profile_chunk(plan)
    flat: dict[str, list[np.ndarray]] = {c: [] for c in plan.concepts}
    lens: dict[str, list[int]] = {c: [] for c in plan.concepts}
    for profile, w in zip(profiles, weights):
        st = ev.stable(dict(zip(plan.dms, profile)), keep=keep)
        res.weight += w
        res.profiles += 1
        for concept, per in st.items():
            eq = None
            for dm, arr in per.items():
                res.stable[concept][dm] += w * arr
                eq = arr.copy() if eq is None else (eq & arr)
            res.eq[concept] += w * eq
            if plan.record and plan.record_bits:
                flat[concept].append(np.packbits(eq, bitorder="little"))
            elif plan.record:
                pos = np.flatnonzero(eq).astype(np.int32)
                flat[concept].append(pos)
                lens[concept].append(pos.size)
    if plan.record and plan.record_bits:
        for c in plan.concepts:
            res.eq_flat[c] = (np.stack(flat[c]) if flat[c] else
                              np.zeros((0, (plan.n + 7) // 8), np.uint8))
    elif plan.record:
        for c in plan.concepts:
            res.eq_flat[c] = np.concatenate(flat[c]) if flat[c] else np.zeros(0, np.int32)
            res.eq_len[c] = np.asarray(lens[c], dtype=np.int32)
    res.kernel_calls = ev.kernel_calls - calls0
    res.evaluated = ev.profiles_evaluated - evaluated0
    res.seconds = time.perf_counter() - t0
    return res


def profile_chunk(plan: Plan, start: int, stop: int) -> ProfileChunk:
    """Distinct profiles ``start .. stop-1`` of ``plan.profiles`` (what workers run)."""
    return evaluate_profiles(plan, plan.profiles[start:stop], plan.profile_weights[start:stop])


def sample_chunk(plan: Plan, start: int, stop: int) -> tuple[DrawRecords, ProfileChunk]:
    """Draws ``start .. stop-1``: their records and the counts over their distinct profiles."""
    table = ProfileTable()
    rec = draw_rows(plan, "sampled", start, stop, table)
    return rec, evaluate_profiles(plan, table.keys, table.weight)


def _dm_outcomes(plan: Plan, dm: str) -> list[tuple[tuple, float, dict[int, bool]]]:
    """Every (key, probability, assumption values) of one DM, for exact enumeration."""
    out = []
    rs = plan.readings[dm]
    base = rs[0]
    slots = plan.assumption_slots[dm]
    L = 0 if base.truth is None else base.truth.shape[1]
    group_choices = []
    for members, p in base.groups:
        if p is not None:
            group_choices.append([(tuple(members), p, True), (tuple(reversed(members)), 1 - p, False)])
        else:
            perms = list(itertools.permutations(members))
            group_choices.append([(perm, 1 / len(perms), perm == tuple(members)) for perm in perms])
    for combo in itertools.product(*group_choices) if group_choices else [()]:
        order = list(range(L))
        p_order = 1.0
        for (members, _), (perm, p, _) in zip(base.groups, combo):
            for pos, v in zip(sorted(members), perm):
                order[pos] = v
            p_order *= p
        if p_order == 0:
            continue
        probs = base.probs if base.truth is not None else np.zeros(0)
        uncertain = [k for k in range(L) if 0 < probs[k] < 1]
        for bits in itertools.product([True, False], repeat=len(uncertain)):
            held = probs >= 1
            held = held.copy()
            p_held = 1.0
            for k, b in zip(uncertain, bits):
                held[k] = b
                p_held *= probs[k] if b else 1 - probs[k]
            flags = {}
            for kind, target, ai in slots:
                if kind == "statement":
                    flags[ai] = bool(held[target])
                elif kind == "order":
                    flags[ai] = combo[target][2]
            for src, r in enumerate(rs):
                if r.weight <= 0:
                    continue
                f = dict(flags)
                for kind, target, ai in slots:
                    if kind == "alternative":
                        f[ai] = src != target
                p = p_order * p_held * r.weight
                if src == 0:
                    key = (0,) if base.truth is None else (0,) + tuple(k for k in order if held[k])
                    out.append((key, p, f))
                elif r.truth is None:
                    out.append(((src,), p, f))
                else:
                    unc = [k for k in range(r.truth.shape[1]) if 0 < r.probs[k] < 1]
                    for abits in itertools.product([True, False], repeat=len(unc)):
                        h = r.probs >= 1
                        h = h.copy()
                        pa = 1.0
                        for k, b in zip(unc, abits):
                            h[k] = b
                            pa *= r.probs[k] if b else 1 - r.probs[k]
                        out.append(((src,) + tuple(int(k) for k in np.flatnonzero(h)), p * pa, f))
    return [o for o in out if o[1] > 0]


def _outcome_bound(plan: Plan, dm: str) -> int:
    """Upper bound of ``len(_dm_outcomes(plan, dm))`` without listing them."""
    rs = plan.readings[dm]
    base = rs[0]
    n = 1
    for members, p in base.groups:
        n *= 2 if p is not None else math.factorial(len(members))
    if base.truth is not None:
        n *= 2 ** int(np.sum((base.probs > 0) & (base.probs < 1)))
    per = 0
    for src, r in enumerate(rs):
        if r.weight <= 0:
            continue
        per += 1 if src == 0 or r.truth is None else 2 ** int(np.sum((r.probs > 0) & (r.probs < 1)))
    return n * per


def count_exact_profiles(plan: Plan, limit: int | None = None) -> int:
    """Number of profiles exact enumeration visits (a bound above ``limit`` is returned as is)."""
    bound = math.prod(_outcome_bound(plan, dm) for dm in plan.dms)
    if limit is not None and bound > limit:
        return bound
    return math.prod(len(_dm_outcomes(plan, dm)) for dm in plan.dms)


# --- the result -----------------------------------------------------------------------------

class ProfileSets:
    """The equilibria of each distinct profile under one concept, in the smaller of two forms:
    positions (``flat[offsets[k]:offsets[k + 1]]`` for profile k) or, when the sets are dense,
    a packed bitset per profile (``bits[k]``, bit p least significant first = position p)."""

    def __init__(self, n: int, flat: np.ndarray | None = None, offsets: np.ndarray | None = None,
                 bits: np.ndarray | None = None) -> None:
        self.n, self.flat, self.offsets, self.bits = n, flat, offsets, bits

    def __len__(self) -> int:
        return int(self.bits.shape[0] if self.bits is not None else self.offsets.shape[0] - 1)

    @property
    def nbytes(self) -> int:
        return int(self.bits.nbytes if self.bits is not None else self.flat.nbytes + self.offsets.nbytes)

    def __getitem__(self, k: int) -> np.ndarray:
        if self.bits is not None:
            return np.flatnonzero(np.unpackbits(self.bits[k], count=self.n, bitorder="little")).astype(np.int32)
        return self.flat[self.offsets[k]:self.offsets[k + 1]]

    def contains(self, position: int) -> np.ndarray:
        """Boolean per profile: is ``position`` one of its equilibria."""
        return self.contains_any([position])

    def contains_any(self, positions) -> np.ndarray:
        """Boolean per profile: is some state of ``positions`` one of its equilibria."""
        want = np.asarray(sorted(set(int(p) for p in positions)), dtype=np.int64)
        if self.bits is not None:
            hit = np.zeros(len(self), dtype=bool)
            for p in want.tolist():
                hit |= ((self.bits[:, p >> 3] >> (p & 7)) & 1).astype(bool)
            return hit
        hit = np.zeros(len(self), dtype=bool)
        where = np.flatnonzero(np.isin(self.flat, want))
        hit[np.searchsorted(self.offsets, where, side="right") - 1] = True
        return hit


class DrawEquilibria:
    """A read-only sequence: item d is the array of equilibrium positions of draw d."""

    def __init__(self, profile_of: np.ndarray, sets: ProfileSets) -> None:
        self.profile_of, self.sets = profile_of, sets

    def __len__(self) -> int:
        return int(self.profile_of.shape[0])

    def __getitem__(self, d: int) -> np.ndarray:
        return self.sets[int(self.profile_of[d])]

    def __iter__(self):
        for k in self.profile_of.tolist():
            yield self.sets[k]


@dataclass
class RobustnessResult:
    """How often each state is an equilibrium (and stable for each DM) under uncertainty.

    Attributes
    ----------
    conflict, space
        The model and its feasible states (position p has id p + 1).
    method
        ``"sampled"`` (``draws`` Monte Carlo draws from ``seed``) or ``"exact"`` (every profile
        with its probability; intervals collapse to the value).
    eq, stable
        Weighted counts: ``eq[concept][p]``, ``stable[concept][dm][p]``; divide by ``total``.
    baseline
        Equilibria of the model as written, per concept (positions).
    assumptions
        The uncertain items; ``flags[d, a]`` says whether assumption a held as written in draw d
        (``weights[d]`` is the draw's weight), ``eq_lists[concept][d]`` its equilibria.
    profile_of, profile_eq
        The compact form of ``eq_lists``: draw d drew distinct profile ``profile_of[d]``, and
        the equilibria of profile k under a concept are ``profile_eq[concept][k]``
        (:class:`ProfileSets`: each profile's kept once, as positions or, when that is
        smaller, as a bitset). ``None`` when the run kept no per-draw records
        (``record=False``).
    distinct_profiles, evaluations, kernel_calls
        Distinct preference profiles among the draws; profiles whose stability was computed
        (each distinct profile once); per-DM stability computations (Nash, GMR and SMR are
        shared by the profiles where a DM has the same reading).
    """

    conflict: Conflict
    space: StateSpace
    concepts: list[str]
    method: str
    draws: int
    seed: int | None
    confidence: float
    total: float
    eq: dict[str, np.ndarray]
    stable: dict[str, dict[str, np.ndarray]]
    baseline: dict[str, np.ndarray]
    assumptions: list[Assumption]
    flags: np.ndarray
    weights: np.ndarray
    profile_of: np.ndarray | None
    profile_eq: dict[str, ProfileSets] | None
    distinct_profiles: int
    seconds: float
    workers: str = "1 process"
    evaluations: int = 0
    kernel_calls: int = 0

    @property
    def eq_lists(self) -> dict[str, "DrawEquilibria"]:
        """``eq_lists[concept][d]``: positions of the equilibria in draw d (a read-only
        sequence over the draws, backed by :attr:`profile_eq`)."""
        if self.profile_eq is None:
            raise DetenteError("this robustness run kept no per-draw equilibria (record=False)",
                               hint="run robustness(..., record=True)")
        return {c: DrawEquilibria(self.profile_of, self.profile_eq[c]) for c in self.concepts}

    def draws_with(self, concept: str, state: int) -> np.ndarray:
        """Boolean per draw: is position ``state`` a ``concept`` equilibrium in that draw."""
        if self.profile_eq is None:
            raise DetenteError("this robustness run kept no per-draw equilibria (record=False)",
                               hint="run robustness(..., record=True)")
        return self.profile_eq[concept].contains(int(state))[self.profile_of]

    # -- access --------------------------------------------------------------------------
    def yn(self, p: int) -> str:
        return self.conflict.yn(int(self.space.codes[p]))

    def label(self, p: int) -> str:
        """``ID:YN`` and the state's names (:func:`detente.model.conflict.state_label`)."""
        from detente.model.conflict import state_label
        return state_label(self.conflict, int(self.space.codes[p]), int(p) + 1)

    def position_of(self, state: int | str) -> int:
        """Position of a state given by id/Y-N/options text, or by code (int)."""
        code = self.space.parse_state(state) if isinstance(state, str) else int(state)
        return int(self.space.index_of(np.uint64(code)))

    def probability(self, concept: str, state: int | str, dm: str | None = None) -> float:
        """P(state is an equilibrium), or P(stable for ``dm``), under ``concept``."""
        p = self.position_of(state)
        arr = self.eq[concept] if dm is None else self.stable[concept][dm]
        return float(arr[p] / self.total)

    def interval(self, concept: str, state: int | str, dm: str | None = None) -> tuple[float, float]:
        """Wilson interval of :meth:`probability` (the point itself when exact)."""
        p = self.position_of(state)
        arr = self.eq[concept] if dm is None else self.stable[concept][dm]
        if self.method == "exact":
            v = float(arr[p] / self.total)
            return (v, v)
        return wilson_interval(float(arr[p]), self.total, self.confidence)

    def rows(self, concept: str, *, min_probability: float = 0.0) -> list[dict[str, Any]]:
        """States that are an equilibrium in some draw or in the baseline, most probable first."""
        eqp = self.eq[concept] / self.total
        base = set(int(p) for p in self.baseline.get(concept, []))
        cand = sorted(set(np.flatnonzero(eqp > min_probability).tolist()) | base,
                      key=lambda p: (-eqp[p], p))
        out = []
        for p in cand:
            lo, hi = self.interval(concept, int(self.space.codes[p]), None)
            row = {"id": p + 1, "yn": self.yn(p), "taken": self.conflict.taken(int(self.space.codes[p])),
                   "p_equilibrium": float(eqp[p]), "interval": [lo, hi],
                   "baseline_equilibrium": p in base,
                   "p_stable": {dm: float(self.stable[concept][dm][p] / self.total) for dm in self.stable[concept]}}
            out.append(row)
        return out

    def to_dict(self) -> dict[str, Any]:
        c = self.conflict
        return {
            "schema": SCHEMA,
            "model": {"title": c.title, "file": c.file, "variant": c.variant_name,
                      "options": c.option_names, "decision_makers": c.dm_names},
            "method": self.method, "draws": self.draws, "seed": self.seed,
            "confidence": self.confidence, "n_states": self.space.n,
            "distinct_profiles": self.distinct_profiles, "seconds": round(self.seconds, 3),
            "assumptions": [a.to_dict() for a in self.assumptions],
            "results": {concept: self.rows(concept) for concept in self.concepts},
        }

    def summary_lines(self, limit: int = 10) -> list[str]:
        how = (f"{self.draws:,} draws, seed {self.seed}" if self.method == "sampled"
               else f"exact over {self.draws:,} profiles")
        lines = [f"{self.conflict.title or 'Conflict'}: robustness ({how}; {len(self.assumptions)} "
                 f"uncertain assumptions; {self.distinct_profiles:,} distinct profiles)"]
        for concept in self.concepts:
            lines.append(f"  {concept}:")
            rows = self.rows(concept)
            if not rows:
                lines.append("    no equilibrium in any draw")
            for r in rows[:limit]:
                lo, hi = r["interval"]
                ci = "" if self.method == "exact" else f" [{lo:.2f}, {hi:.2f}]"
                mark = " (baseline)" if r["baseline_equilibrium"] else ""
                lines.append(f"    {r['id']:>5}: {r['yn']}  P={r['p_equilibrium']:.3f}{ci}{mark}")
            if len(rows) > limit:
                lines.append(f"    ... {len(rows) - limit} more")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from detente.notebook import robustness_html
        return robustness_html(self)

    def to_frame(self):
        """P(equilibrium) per concept and state as a pandas DataFrame; see
        :func:`detente.frames.robustness_frame`. Needs ``detente[frames]``."""
        from detente.frames import robustness_frame
        return robustness_frame(self)


# --- running --------------------------------------------------------------------------------

def _fmt_duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.1f} days"


def baseline_equilibria(space: StateSpace, tables, concepts) -> dict[str, np.ndarray]:
    from detente.model.preferences import all_ranks
    ranks = all_ranks(space)
    out = {}
    for concept in concepts:
        eq = np.ones(space.n, dtype=bool)
        for dm in ranks:
            if concept == "SIM":
                eq &= ~sim_unstable_for(dm, tables, ranks, space)
            else:
                eq &= ~unstable_for(dm, concept, tables, ranks)
        out[concept] = np.flatnonzero(eq)
    return out


def _merge(plan: Plan, parts: list[ProfileChunk]) -> ProfileChunk:
    """Counts added in chunk order (the chunks do not depend on the number of workers, so
    neither do the sums); recorded equilibria concatenated."""
    out = _empty_profile_chunk(plan)
    for p in parts:
        out.weight += p.weight
        out.profiles += p.profiles
        out.evaluated += p.evaluated
        out.kernel_calls += p.kernel_calls
        out.seconds += p.seconds
        for c in plan.concepts:
            out.eq[c] += p.eq[c]
            for d in plan.dms:
                out.stable[c][d] += p.stable[c][d]
    if plan.record:
        # Copied into one array per concept, each chunk's released as soon as it is in (the
        # records are the bulk of a long run's memory: never two copies of them).
        for c in plan.concepts:
            first = parts[0].eq_flat[c] if parts else np.zeros(0, np.int32)
            rows = sum(p.eq_flat[c].shape[0] for p in parts)
            flat = np.empty((rows,) + first.shape[1:], dtype=first.dtype)
            at = 0
            for p in parts:
                part, p.eq_flat[c] = p.eq_flat[c], None
                flat[at:at + part.shape[0]] = part
                at += part.shape[0]
                del part
            out.eq_flat[c] = flat
            if not plan.record_bits:
                out.eq_len[c] = np.concatenate([p.eq_len[c] for p in parts]) if parts else np.zeros(0, np.int32)
    return out


POOL_START_SECONDS = 1.0  # starting local workers (measured: 0.3 CPU-s each, 1-3 s wall under load)
RECORD_BYTES_PER_PROFILE = 600  # a distinct profile's key (tuples) in the table of profiles


def _record_bytes(draws: int, profiles: int, n_assumptions: int, eq_bytes_per_profile: float) -> int:
    """Memory of what a run keeps besides the counts: per draw its flags, weight and profile
    index; per distinct profile its key and (when recorded) its equilibria."""
    return int(draws * (n_assumptions + 8 + 4 + 8) + profiles * (RECORD_BYTES_PER_PROFILE + eq_bytes_per_profile))


def _usable_parallelism(workers: int) -> float:
    """How many of ``workers`` processes would really run at once: the CPUs not busy with
    other work (1-minute load average, this process included), at least 1."""
    cpus = default_cpus()
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - not Unix
        load = 0.0
    return float(max(1.0, min(workers, cpus - max(0.0, load - 1.0))))


def default_cpus() -> int:
    from detente.gmcr.parallel import default_workers
    return default_workers()


def choose_workers(seconds_serial: float, workers: int) -> int:
    """1 unless ``workers`` local processes are expected to finish sooner than this process
    alone: ``seconds_serial`` (measured per profile, times the profiles left) against the
    start-up of the pool plus the work shared among the CPUs that are free."""
    if workers <= 1:
        return 1
    speedup = _usable_parallelism(workers)
    if speedup <= 1.0 or seconds_serial - (POOL_START_SECONDS + seconds_serial / speedup) <= 0:
        return 1
    return workers


DRAW_PARALLEL_SECONDS = 2.0  # drawing estimated to take longer is done by the workers too


def _draw_rest(plan: Plan, method: str, start: int, stop: int, table: ProfileTable, per_draw: float,
               nworkers: int, auto: bool, scheduler: Any, timeout: float) -> list[DrawRecords]:
    """Rows ``start .. stop-1`` drawn here, or by the workers when that takes long (their
    chunk-local profiles merged in chunk order, so the profiles keep their order)."""
    from detente.gmcr.parallel import map_chunks, split_range
    from detente.processes import sigterm_as_interrupt

    seconds = per_draw * (stop - start)
    if auto and scheduler is None:
        nworkers = choose_workers(seconds, nworkers)
    if method != "sampled" or seconds < DRAW_PARALLEL_SECONDS or (nworkers <= 1 and scheduler is None):
        with sigterm_as_interrupt():
            return [draw_rows(plan, method, start, stop, table)]
    plan.method = method
    size = max(1000, (stop - start) // (8 * max(nworkers, 1)) + 1)
    parts = map_chunks(draw_chunk, plan, split_range(stop, size, start=start), workers=nworkers,
                       scheduler=scheduler, timeout=timeout)
    out = []
    for rec, keys, weights in parts:
        remap = np.fromiter((table.add(k, w) for k, w in zip(keys, weights)), dtype=np.int32, count=len(keys))
        rec.profile_of = remap[rec.profile_of]
        out.append(rec)
    return out


def robustness(conflict: Conflict | str, *, draws: int | None = None, seed: int | None = None,
               concepts: Iterable[str] | None = None, method: str = "sampled",
               workers: int | None = None, scheduler: Any = None, confidence: float | None = None,
               max_hours: float = DEFAULT_MAX_HOURS, chunk_size: int | None = None,
               timeout: float = 10.0, sim_budget: float = DEFAULT_SIM_BUDGET,
               progress: Callable[[int, int], None] | None = None, record: bool = True,
               dedupe: bool = True, sample: bool = True) -> RobustnessResult:
    """Probability that each state is an equilibrium when preferences are uncertain.

    Parameters
    ----------
    conflict
        A model (or a path to one) with uncertainty (see the module docstring).
    draws, seed
        Monte Carlo draws and seed (defaults: the model's ``uncertainty:`` section, else
        2000 and 0). The same seed gives the same result whatever ``workers``/``scheduler``.
    concepts
        Nash, GMR, SMR, SEQ (default) and SIM.
    method
        ``"sampled"``, ``"exact"`` (enumerate every profile; refused beyond 20,000 profiles)
        or ``"auto"`` (exact when there are no more profiles than draws).
    workers, scheduler, timeout
        Where to run (see :func:`detente.gmcr.parallel.map_chunks`). ``workers=None`` uses the
        usable CPUs when that is expected to be faster than this process alone, judged from
        the measured time per profile, the profiles left, the start-up of worker processes
        (:data:`POOL_START_SECONDS`) and the CPUs that other work leaves free
        (:func:`choose_workers`); otherwise this process.
    confidence
        Level of the Wilson intervals (default 0.95).
    max_hours
        A run estimated (from timing the first draws) to take longer is refused with the
        estimate and how to reduce it.
    progress
        ``progress(done, total)`` in distinct profiles evaluated.
    record
        Keep each draw's equilibria (as the equilibria of its distinct profile, see
        :attr:`RobustnessResult.profile_eq`), which the tornado of
        :mod:`detente.gmcr.sensitivity` needs; ``False`` keeps only the counts. Either way
        the memory of the records is estimated after the first draws and a run that would
        exceed the budget (``DETENTE_MAX_MEMORY_GB``) is refused before the rest.
    dedupe
        Evaluate each distinct preference profile once (default). ``False`` evaluates every
        draw afresh, without caches (the same result, slower: for tests and benchmarks).
    sample
        ``False`` with ``method="auto"``: refuse (:class:`TooLargeError`, saying why) instead
        of sampling when exact enumeration is not chosen, before any profile is evaluated
        (the web report's bound).

    Returns
    -------
    RobustnessResult

    Draws are made first (each from its own seed), then each distinct profile among them is
    evaluated once and counted with the number of its draws (exact enumeration: the sum of
    their probabilities); chunks of profiles go to the workers.
    """
    from detente.gmcr.analysis import normalise_concepts
    from detente.gmcr.parallel import check_scheduler, default_workers, map_chunks, split_range

    check_scheduler(scheduler, timeout)
    if not isinstance(conflict, Conflict):
        from detente.model.load import load
        conflict = load(conflict)
    t0 = time.perf_counter()
    space = StateSpace.build(conflict)
    require_memory(space)
    unc = parse_uncertainty(conflict, space)
    settings = unc.settings
    concepts = normalise_concepts(concepts if concepts is not None else settings.get("concepts") or DEFAULT_CONCEPTS)
    draws = int(draws if draws is not None else settings.get("draws", DEFAULT_DRAWS))
    seed = int(seed if seed is not None else settings.get("seed", DEFAULT_SEED))
    confidence = float(confidence if confidence is not None else settings.get("confidence", 0.95))
    if draws < 1:
        raise DetenteError("the number of draws must be at least 1")
    if seed < 0:
        raise DetenteError("the seed must be a non-negative integer")
    if method not in ("sampled", "exact", "auto"):
        raise DetenteError(f"unknown method {method!r}", hint="sampled, exact or auto")
    tables = build_move_tables(space)
    ranks0 = None
    if "SIM" in concepts:
        from detente.model.preferences import all_ranks
        ranks0 = all_ranks(space)
        _, why = sim_within_budget(tables, ranks0, space, sim_budget)
        if why is not None:
            raise TooLargeError(Problem(f"SIM for one preference profile {why}", file=conflict.file,
                                        hint="leave SIM out (--concept Nash,GMR,SMR,SEQ)"))
    plan = make_plan(conflict, unc, space, concepts, seed, tables)
    n_exact = count_exact_profiles(plan, EXACT_LIMIT) if method != "sampled" or unc.is_certain else None
    if method == "auto":
        method = "exact" if n_exact is not None and n_exact <= min(draws, EXACT_LIMIT) else "sampled"
        if method == "sampled" and not sample:
            many = (f"more than {EXACT_LIMIT:,}" if n_exact > EXACT_LIMIT
                    else f"{n_exact:,}, more than the {draws:,} draws sampling would make")
            raise TooLargeError(Problem(f"its preference profiles are too many to enumerate ({many}) and "
                                        "sampled probabilities are not computed here", file=conflict.file,
                                        hint="run detente robustness (or detente report) on the command line"))
    if method == "exact" and n_exact > EXACT_LIMIT:
        raise TooLargeError(Problem(f"{n_exact:,} preference profiles are too many to enumerate "
                                    f"(the limit is {EXACT_LIMIT:,})", file=conflict.file,
                                    hint="sample instead (drop --exact)"))
    plan.record = bool(record)
    total_units = n_exact if method == "exact" else draws
    nworkers = default_workers() if workers is None else max(1, int(workers))
    parallel = nworkers if scheduler is None else max(nworkers, 1)
    # Draw (or enumerate) the first rows and evaluate their profiles here: they tell how long
    # the rest will take and how much memory its records need.
    if not dedupe:
        plan.cache_bytes = 0
    table = ProfileTable(dedupe)
    pilot = min(total_units, PILOT_DRAWS)
    head = draw_rows(plan, method, 0, pilot, table)
    pilot_eval = evaluate_profiles(plan, table.keys, table.weight, keep=True)  # kept: counted below
    per_draw = head.seconds / max(pilot, 1)
    per_profile = pilot_eval.seconds / max(pilot_eval.profiles, 1)
    eq_bytes = 0.0
    if record:
        # Positions (4 bytes each, 8 per profile for its offset) or a bitset (n / 8 bytes),
        # whichever the first profiles say is smaller.
        positions = (sum(int(v.sum()) for v in pilot_eval.eq_len.values()) * 4 + 8 * len(concepts)) \
            / max(pilot_eval.profiles, 1)
        bitsets = len(concepts) * ((space.n + 7) // 8)
        plan.record_bits = RECORD_FORM == "bits" or (RECORD_FORM == "auto" and bitsets < positions)
        eq_bytes = min(positions, bitsets)
    rest = total_units - pilot
    if rest > 0:
        bound = count_exact_profiles(plan, 10 * total_units)
        profiles_max = min(total_units, bound)
        estimate = per_draw * rest + per_profile * profiles_max / parallel
        if estimate > max_hours * 3600:
            per_unit = per_draw + per_profile / parallel
            feasible = int(max_hours * 3600 / max(per_unit, 1e-9))
            raise TooLargeError(Problem(
                f"{total_units:,} {'draws' if method == 'sampled' else 'profiles'} would take about "
                f"{_fmt_duration(estimate)} ({per_profile * 1000:.1f} ms per distinct profile and "
                f"{per_draw * 1e6:.0f} µs per draw measured on the first {pilot}, up to "
                f"{profiles_max:,} distinct profiles, {parallel} worker(s)); the limit is {max_hours:g} hours",
                file=conflict.file,
                hint=f"use --draws {max(100, feasible // 10 * 10):,} or fewer (the intervals narrow like "
                     "1/sqrt(draws): 2,000 draws give about ±0.02), fewer concepts (--concept Nash), "
                     "more workers (--workers, or --scheduler with a Dask cluster), or raise --max-hours"))
        need = _record_bytes(total_units, profiles_max, plan.n_assumptions, eq_bytes)
        budget = memory_budget_bytes() - estimate_analysis_bytes(space)
        if need > budget:
            raise TooLargeError(Problem(
                f"{total_units:,} draws would keep about {_fmt_bytes(need)} of records (up to "
                f"{profiles_max:,} distinct profiles with their equilibria, about {_fmt_bytes(eq_bytes)} "
                f"each as measured on the first {pilot} draws, and {plan.n_assumptions + 20} bytes per "
                f"draw), more than the {_fmt_bytes(max(budget, 0))} the memory budget leaves",
                file=conflict.file,
                hint="use fewer draws (--draws), fewer concepts, or raise DETENTE_MAX_MEMORY_GB; "
                     "from Python, robustness(..., record=False) keeps only the counts (no tornado)"))
        records = [head] + _draw_rest(plan, method, pilot, total_units, table, per_draw, nworkers,
                                      workers is None, scheduler, timeout)
    else:
        records = [head]
    if progress:
        progress(pilot_eval.profiles, len(table.keys))
    # The pilot's profiles are evaluated (their per-profile results are cached): count them
    # with their final weights, here, and send the others out.
    plan.profiles = table.keys
    plan.profile_weights = np.asarray(table.weight)
    first = evaluate_profiles(plan, table.keys[:pilot_eval.profiles], plan.profile_weights[:pilot_eval.profiles])
    _evaluator(plan).drop_profile_entries()  # the pilot's per-profile entries are spent
    first.kernel_calls += pilot_eval.kernel_calls
    first.evaluated += pilot_eval.evaluated
    n_profiles = len(table.keys)
    left = n_profiles - pilot_eval.profiles
    parts = []
    where = "this process"
    if left > 0:
        if workers is None and scheduler is None:
            nworkers = choose_workers(per_profile * left, nworkers)
        # Chunks depend on the number of profiles only: the same sums whatever the workers.
        size = chunk_size or max(8, min(250, left // 8 + 1))
        parts = map_chunks(profile_chunk, plan, split_range(n_profiles, size, start=pilot_eval.profiles),
                           workers=nworkers, scheduler=scheduler, timeout=timeout, progress=progress,
                           done_before=pilot_eval.profiles)
        where = (f"Dask scheduler {scheduler}" if isinstance(scheduler, str) else
                 "Dask cluster" if scheduler is not None else
                 "this process" if nworkers == 1 else f"{nworkers} local processes")
    merged = _merge(plan, [first] + parts)
    plan.profiles = plan.profile_weights = None
    flags = np.concatenate([r.flags for r in records])
    weights = np.concatenate([r.weights for r in records])
    profile_of = np.concatenate([r.profile_of for r in records])
    profile_eq = None
    if record:
        profile_eq = {}
        for c in concepts:
            if plan.record_bits:
                profile_eq[c] = ProfileSets(space.n, bits=merged.eq_flat[c])
            else:
                offsets = np.zeros(n_profiles + 1, dtype=np.int64)
                np.cumsum(merged.eq_len[c], out=offsets[1:])
                profile_eq[c] = ProfileSets(space.n, flat=merged.eq_flat[c], offsets=offsets)
    baseline = baseline_equilibria(space, tables, concepts)
    return RobustnessResult(
        conflict=conflict, space=space, concepts=concepts, method=method,
        draws=total_units, seed=seed if method == "sampled" else None, confidence=confidence,
        total=merged.weight if method == "exact" else float(draws), eq=merged.eq, stable=merged.stable,
        baseline=baseline, assumptions=unc.assumptions, flags=flags, weights=weights,
        profile_of=profile_of, profile_eq=profile_eq,
        distinct_profiles=n_profiles if dedupe else len(set(table.keys)),
        seconds=time.perf_counter() - t0, workers=where, evaluations=merged.evaluated,
        kernel_calls=merged.kernel_calls)
