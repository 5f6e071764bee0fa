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

The move tables are built once; each draw only recomputes the ranks (option prioritisation,
Fang, Hipel & Kilgour 1993) and the stability of :mod:`detente.gmcr.stability`. Nash, GMR and
SMR stability for DM i depend only on i's own ranking, so they are cached per DM reading;
SEQ and SIM depend on everybody's and are cached per profile.

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
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from detente.errors import DetenteError, ModelError, Problem, TooLargeError
from detente.gmcr.moves import MoveTable, build_move_tables
from detente.model.preferences import ranks_from_levels, ranks_from_truth, statement_truth
from detente.gmcr.stability import DEFAULT_SIM_BUDGET, sim_cost, sim_unstable_for, unstable_for
from detente.model.states import StateSpace, require_memory
from detente.model.conflict import Conflict, Statement
from detente.model.yamlio import Positions, did_you_mean

SCHEMA = "detente.robustness/1"
DEFAULT_DRAWS = 2000
DEFAULT_SEED = 0
DEFAULT_CONCEPTS = ("Nash", "GMR", "SMR", "SEQ")
DEFAULT_MAX_HOURS = 12.0
SMALL_RUN_SECONDS = 2.0  # below this, workers=None runs in this process
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
    """Everything a worker needs to evaluate draws: no model objects, only arrays."""

    dms: list[str]
    readings: dict[str, list[ReadingPlan]]
    assumption_slots: dict[str, list[tuple[str, int, int]]]  # dm -> [(kind, target, assumption index)]
    n_assumptions: int
    tables: dict[str, MoveTable]
    concepts: list[str]
    seed: int
    n: int
    record: bool = True
    cache_limit: int = 4096
    codes: np.ndarray | None = None  # feasible state codes (SIM looks up combined states)


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
    """Stability of profiles with caches (Nash/GMR/SMR per DM reading, SEQ/SIM per profile)."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.rank_cache: dict[tuple, np.ndarray] = {}
        self.stab_cache: dict[tuple, np.ndarray] = {}
        self.distinct: set[tuple] = set()

    def _limit(self, cache: dict) -> None:
        if len(cache) > self.plan.cache_limit:
            cache.clear()

    def ranks(self, keys: dict[str, tuple]) -> dict[str, np.ndarray]:
        out = {}
        for dm, key in keys.items():
            ck = (dm, key)
            if ck not in self.rank_cache:
                self._limit(self.rank_cache)
                self.rank_cache[ck] = _ranks_for(self.plan, dm, key)
            out[dm] = self.rank_cache[ck]
        return out

    def stable(self, keys: dict[str, tuple]) -> dict[str, dict[str, np.ndarray]]:
        plan = self.plan
        profile = tuple(keys[d] for d in plan.dms)
        self.distinct.add(profile)
        ranks = None
        out: dict[str, dict[str, np.ndarray]] = {}
        for concept in plan.concepts:
            per = {}
            for dm in plan.dms:
                ck = (concept, dm, keys[dm] if concept in ("Nash", "GMR", "SMR") else profile)
                arr = self.stab_cache.get(ck)
                if arr is None:
                    if ranks is None:
                        ranks = self.ranks(keys)
                    if concept == "SIM":
                        arr = ~sim_unstable_for(dm, plan.tables, ranks, _SpaceShim(plan))
                    else:
                        arr = ~unstable_for(dm, concept, plan.tables, ranks)
                    self._limit(self.stab_cache)
                    self.stab_cache[ck] = arr
                per[dm] = arr
            out[concept] = per
        return out


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


@dataclass
class ChunkResult:
    """Weighted counts over a range of draws (or enumerated profiles)."""

    weight: float
    eq: dict[str, np.ndarray]  # concept -> (n,) float
    stable: dict[str, dict[str, np.ndarray]]  # concept -> dm -> (n,) float
    flags: np.ndarray  # (draws, A) bool
    weights: np.ndarray  # (draws,)
    eq_lists: dict[str, list[np.ndarray]]  # concept -> per draw, positions of equilibria
    distinct: set[tuple]
    seconds: float


def _empty_chunk(plan: Plan, rows: int) -> ChunkResult:
    return ChunkResult(0.0, {c: np.zeros(plan.n) for c in plan.concepts},
                       {c: {d: np.zeros(plan.n) for d in plan.dms} for c in plan.concepts},
                       np.zeros((rows, plan.n_assumptions), dtype=bool), np.zeros(rows),
                       {c: [] for c in plan.concepts}, set(), 0.0)


def _accumulate(res: ChunkResult, row: int, w: float, st: dict[str, dict[str, np.ndarray]], record: bool) -> None:
    res.weight += w
    res.weights[row] = w
    for concept, per in st.items():
        eq = None
        for dm, arr in per.items():
            res.stable[concept][dm] += w * arr
            eq = arr.copy() if eq is None else (eq & arr)
        res.eq[concept] += w * eq
        if record:
            res.eq_lists[concept].append(np.flatnonzero(eq).astype(np.int32))


def draw_seed(seed: int, index: int) -> np.random.SeedSequence:
    """The seed sequence of draw ``index``: the ``index``-th child of ``SeedSequence(seed)``."""
    return np.random.SeedSequence(seed, spawn_key=(index,))


def sample_chunk(plan: Plan, start: int, stop: int) -> ChunkResult:
    """Draws ``start .. stop-1`` (each from its own seed): counts, flags, equilibria."""
    t0 = time.perf_counter()
    ev = _Evaluator(plan)
    res = _empty_chunk(plan, stop - start)
    for row, d in enumerate(range(start, stop)):
        rng = np.random.default_rng(draw_seed(plan.seed, d))
        flags = res.flags[row]
        keys = {dm: _draw_dm(plan, dm, rng, flags) for dm in plan.dms}
        _accumulate(res, row, 1.0, ev.stable(keys), plan.record)
    res.distinct = ev.distinct
    res.seconds = time.perf_counter() - t0
    return res


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


def exact_chunk(plan: Plan, start: int, stop: int) -> ChunkResult:
    """Enumerated profiles ``start .. stop-1`` (in the product order of the DMs' outcomes)."""
    t0 = time.perf_counter()
    outcomes = [_dm_outcomes(plan, dm) for dm in plan.dms]
    sizes = [len(o) for o in outcomes]
    ev = _Evaluator(plan)
    res = _empty_chunk(plan, stop - start)
    for row, idx in enumerate(range(start, stop)):
        keys, p = {}, 1.0
        rem = idx
        flags = res.flags[row]
        for dm, outs, size in zip(reversed(plan.dms), reversed(outcomes), reversed(sizes)):
            key, q, f = outs[rem % size]
            rem //= size
            keys[dm] = key
            p *= q
            for ai, v in f.items():
                flags[ai] = v
        _accumulate(res, row, p, ev.stable(keys), plan.record)
    res.distinct = ev.distinct
    res.seconds = time.perf_counter() - t0
    return res


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
    eq_lists: dict[str, list[np.ndarray]]
    distinct_profiles: int
    seconds: float
    workers: str = "1 process"

    # -- access --------------------------------------------------------------------------
    def yn(self, p: int) -> str:
        return self.conflict.yn(int(self.space.codes[p]))

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


def _merge(plan: Plan, parts: list[ChunkResult]) -> ChunkResult:
    rows = sum(p.flags.shape[0] for p in parts)
    out = _empty_chunk(plan, 0)
    out.flags = np.concatenate([p.flags for p in parts]) if parts else np.zeros((rows, plan.n_assumptions), bool)
    out.weights = np.concatenate([p.weights for p in parts]) if parts else np.zeros(0)
    for p in parts:
        out.weight += p.weight
        for c in plan.concepts:
            out.eq[c] += p.eq[c]
            out.eq_lists[c].extend(p.eq_lists[c])
            for d in plan.dms:
                out.stable[c][d] += p.stable[c][d]
        out.distinct |= p.distinct
        out.seconds += p.seconds
    return out


def robustness(conflict: Conflict | str, *, draws: int | None = None, seed: int | None = None,
               concepts: Iterable[str] | None = None, method: str = "sampled",
               workers: int | None = None, scheduler: Any = None, confidence: float | None = None,
               max_hours: float = DEFAULT_MAX_HOURS, chunk_size: int | None = None,
               timeout: float = 10.0, sim_budget: int = DEFAULT_SIM_BUDGET,
               progress: Callable[[int, int], None] | None = None) -> RobustnessResult:
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
        usable CPUs, or this process alone when the remaining draws take under 2 seconds.
    confidence
        Level of the Wilson intervals (default 0.95).
    max_hours
        A run estimated (from timing the first draws) to take longer is refused with the
        estimate and how to reduce it.
    progress
        ``progress(done, total)`` in draws.

    Returns
    -------
    RobustnessResult
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
        if sim_cost(tables, ranks0) > sim_budget:
            raise TooLargeError(Problem(f"SIM needs about {sim_cost(tables, ranks0):,} evaluations per draw, "
                                        f"over the budget of {sim_budget:,}", file=conflict.file,
                                        hint="leave SIM out (--concept Nash,GMR,SMR,SEQ)"))
    plan = make_plan(conflict, unc, space, concepts, seed, tables)
    n_exact = count_exact_profiles(plan, EXACT_LIMIT) if method != "sampled" or unc.is_certain else None
    if method == "auto":
        method = "exact" if n_exact is not None and n_exact <= min(draws, EXACT_LIMIT) else "sampled"
    if method == "exact" and n_exact > EXACT_LIMIT:
        raise TooLargeError(Problem(f"{n_exact:,} preference profiles are too many to enumerate "
                                    f"(the limit is {EXACT_LIMIT:,})", file=conflict.file,
                                    hint="sample instead (drop --exact)"))
    fn = exact_chunk if method == "exact" else sample_chunk
    total_units = n_exact if method == "exact" else draws
    nworkers = default_workers() if workers is None else max(1, int(workers))
    # Time a few draws here first: they are part of the result, and they tell how long the
    # rest will take.
    pilot = min(total_units, 8 if method == "sampled" else total_units)
    head = fn(plan, 0, pilot)
    if progress:
        progress(pilot, total_units)
    rest = total_units - pilot
    if rest > 0:
        per_unit = head.seconds / max(pilot, 1)
        parallel = nworkers if scheduler is None else max(nworkers, 1)
        estimate = per_unit * rest / parallel
        if estimate > max_hours * 3600:
            feasible = int(max_hours * 3600 / max(per_unit, 1e-9) * parallel)
            raise TooLargeError(Problem(
                f"{draws:,} draws would take about {_fmt_duration(estimate)} "
                f"({per_unit * 1000:.1f} ms per draw measured on the first {pilot}, "
                f"{parallel} worker(s)); the limit is {max_hours:g} hours",
                file=conflict.file,
                hint=f"use --draws {max(100, feasible // 10 * 10):,} or fewer (the intervals narrow like "
                     "1/sqrt(draws): 2,000 draws give about ±0.02), fewer concepts (--concept Nash), "
                     "more workers (--workers, or --scheduler with a Dask cluster), or raise --max-hours"))
        if workers is None and scheduler is None and per_unit * rest < SMALL_RUN_SECONDS:
            nworkers = 1  # starting processes would cost more than it saves
        size = chunk_size or max(16, min(500, rest // (4 * parallel) + 1))
        parts = map_chunks(fn, plan, split_range(total_units, size, start=pilot), workers=nworkers,
                           scheduler=scheduler, timeout=timeout, progress=progress, done_before=pilot)
    else:
        parts = []
    merged = _merge(plan, [head] + parts)
    baseline = baseline_equilibria(space, tables, concepts)
    where = (f"Dask scheduler {scheduler}" if isinstance(scheduler, str) else
             "Dask cluster" if scheduler is not None else
             "this process" if nworkers == 1 or not parts else f"{nworkers} local processes")
    return RobustnessResult(
        conflict=conflict, space=space, concepts=concepts, method=method,
        draws=total_units, seed=seed if method == "sampled" else None, confidence=confidence,
        total=merged.weight if method == "exact" else float(draws), eq=merged.eq, stable=merged.stable,
        baseline=baseline, assumptions=unc.assumptions, flags=merged.flags, weights=merged.weights,
        eq_lists=merged.eq_lists, distinct_profiles=len(merged.distinct),
        seconds=time.perf_counter() - t0, workers=where)
