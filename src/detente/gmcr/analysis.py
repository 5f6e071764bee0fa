"""Run a stability analysis and hold its results.

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
>>> r = detente.analyze(c, concepts=["Nash"])
>>> [r.yn(s) for s in r.equilibria("Nash")]
['YY']
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from detente.errors import DetenteError
from detente.gmcr.moves import MoveTable, build_move_tables
from detente.model.preferences import all_ranks, ranking_levels
from detente.gmcr.stability import (BASIC_CONCEPTS, CONCEPT_ALIASES, DEFAULT_SIM_BUDGET,
                                    sim_within_budget, unstable_for)
from detente.model.states import StateSpace, release_free_memory, require_memory
from detente.model.conflict import Conflict

SCHEMA = "detente.analysis/1"

# Further solution concepts registered by other modules (limited move, non-myopic, ...):
# name -> function(result, dm) returning a boolean stability array over states, or raising
# ConceptNotApplicable(reason) (the concept is then listed under `skipped`).
EXTRA_CONCEPTS: dict[str, Callable[["AnalysisResult", str], np.ndarray]] = {}


class ConceptNotApplicable(Exception):
    """Raised by a concept that does not apply to this conflict (e.g. NM with 3 DMs)."""

JSON_STATE_LIMIT = 200_000  # beyond this, JSON lists stable states but not every state


def normalise_concepts(concepts: Iterable[str] | None, extra: Iterable[str] = ()) -> list[str]:
    """Canonical concept names (case-insensitive; 'all' = the five basic concepts)."""
    if concepts is None:
        return list(BASIC_CONCEPTS)
    known = dict(CONCEPT_ALIASES) | {k.lower(): k for k in EXTRA_CONCEPTS}
    for e in extra:
        known[e.lower()] = e
    out: list[str] = []
    for c in concepts:
        for part in str(c).split(","):
            key = part.strip().lower()
            if not key:
                continue
            if key == "all":
                out.extend(x for x in BASIC_CONCEPTS if x not in out)
                continue
            if key not in known and key[:1] == "l" and key[1:].isdigit() and int(key[1:]) >= 1:
                # Limited move with any horizon: registered on first use (L2..L9 always are).
                from detente.gmcr.limited_move import register_horizon
                known[key] = register_horizon(int(key[1:]))
            if key not in known:
                from detente.model.yamlio import did_you_mean
                guess = did_you_mean(key, known)
                if guess:
                    for k, v in known.items():
                        guess = guess.replace(repr(k), repr(v))
                raise DetenteError(f"unknown solution concept {part.strip()!r}",
                                   hint=guess or
                                   "concepts: " + ", ".join(list(BASIC_CONCEPTS) + list(EXTRA_CONCEPTS)))
            if known[key] not in out:
                out.append(known[key])
    return out


@dataclass
class AnalysisResult:
    """Stability of every feasible state for every DM under each concept.

    Attributes
    ----------
    conflict : Conflict
    space : StateSpace
        Feasible states; positions index every array below; ``id = position + 1``.
    ranks : dict[str, ndarray]
        Per DM, rank of each state (higher = preferred, equal = tie).
    stable : dict[str, dict[str, ndarray]]
        ``stable[concept][dm]`` boolean array over states.
    skipped : dict[str, str]
        Concepts that were not computed, with the reason.
    """

    conflict: Conflict
    space: StateSpace
    ranks: dict[str, np.ndarray]
    concepts: list[str]
    stable: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    _tables: dict[str, MoveTable] | None = field(default=None, repr=False)

    # -- access --------------------------------------------------------------------------
    @property
    def tables(self) -> dict[str, MoveTable]:
        if self._tables is None:
            self._tables = build_move_tables(self.space)
        return self._tables

    @property
    def n_states(self) -> int:
        return self.space.n

    def yn(self, position: int) -> str:
        return self.conflict.yn(int(self.space.codes[position]))

    def state_id(self, position: int) -> int:
        return int(position) + 1

    def label(self, position: int) -> str:
        """``ID:YN`` and the names the model gives the state (as
        :func:`detente.model.conflict.state_label`, which every output uses)."""
        from detente.model.conflict import with_names
        return with_names(f"{int(position) + 1}:{self.yn(position)}", self.names(position))

    def names(self, position: int) -> list[str]:
        """The names the model gives the state at ``position`` (its ``states:``), in the order of
        :func:`detente.model.conflict.state_names`."""
        if not self.conflict.named_states:
            return []
        p = int(position)
        return [name for name, mask in self._named_masks() if mask[p]]

    def named_mask(self, name: str) -> np.ndarray:
        """Boolean array over positions: the feasible states carrying the state name ``name``."""
        mask = np.zeros(self.space.n, dtype=bool)
        pos = self.space.index_of(self.space.named_codes(name))
        mask[pos[pos >= 0]] = True
        return mask

    def _named_masks(self) -> list[tuple[str, np.ndarray]]:
        """(name, mask over positions) for each state name, names of one state first (computed
        once: one byte per state and name)."""
        cached = self.__dict__.get("_named_mask_cache")
        if cached is None:
            ordered = ([ns for ns in self.conflict.named_states if ns.code is not None]
                       + [ns for ns in self.conflict.named_states if ns.code is None])
            cached = [(ns.name, self.named_mask(ns.name)) for ns in ordered]
            self.__dict__["_named_mask_cache"] = cached
        return cached

    def equilibrium_mask(self, concept: str) -> np.ndarray:
        per_dm = self.stable[concept]
        out = np.ones(self.space.n, dtype=bool)
        for arr in per_dm.values():
            out &= arr
        return out

    def equilibria(self, concept: str) -> np.ndarray:
        """Positions of the equilibria under a concept."""
        return np.flatnonzero(self.equilibrium_mask(concept))

    def stable_states(self, concept: str, dm: str) -> np.ndarray:
        return np.flatnonzero(self.stable[concept][dm])

    def is_stable(self, position: int, dm: str, concept: str) -> bool:
        return bool(self.stable[concept][dm][position])

    def position_of(self, state: int | str) -> int:
        """Position of a state given by code (int) or by id/Y-N/options text."""
        code = self.space.parse_state(state) if isinstance(state, str) else int(state)
        pos = int(self.space.index_of(np.uint64(code)))
        if pos < 0:
            raise DetenteError(f"state {self.conflict.yn(code)} is infeasible")
        return pos

    @property
    def status_quo_position(self) -> int | None:
        sq = self.conflict.status_quo
        return None if sq is None else int(self.space.index_of(np.uint64(sq)))

    def state_dict(self, position: int) -> dict[str, Any]:
        code = int(self.space.codes[position])
        return {"id": int(position) + 1, "yn": self.conflict.yn(code),
                "taken": self.conflict.taken(code), "values": self.conflict.values(code),
                "names": self.names(position)}

    # -- output --------------------------------------------------------------------------
    def to_dict(self, *, include_states: bool | None = None, sets: str = "auto") -> dict[str, Any]:
        """The documented JSON document (docs/json-schema.md): ``detente.analysis/1`` (readable:
        states as Y/N strings) up to :data:`detente.gmcr.output.READABLE_STATE_LIMIT` states or
        with ``sets="readable"``, ``detente.analysis/2`` (compact: sets as ranges or bitsets)
        beyond it or with ``sets="compact"``; see :func:`detente.gmcr.output.analysis_document`."""
        from detente.gmcr.output import analysis_document
        return analysis_document(self, sets=sets, include_states=include_states, lazy=False)

    def summary_lines(self) -> list[str]:
        lines = [f"{self.conflict.title or 'Conflict'}: {self.space.n} feasible states, "
                 f"{len(self.conflict.decision_makers)} decision makers"]
        for concept in self.concepts:
            if concept in self.skipped:
                lines.append(f"  {concept:5s} skipped: {self.skipped[concept]}")
                continue
            eq = self.equilibria(concept)
            shown = ", ".join(self.label(p) for p in eq[:10]) + (" ..." if len(eq) > 10 else "")
            lines.append(f"  {concept:5s} {len(eq)} equilibria: {shown or '-'}")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    __repr__ = __str__

    # -- notebooks, data frames, graphs (optional; imported on use) ----------------------
    def _repr_html_(self) -> str:
        from detente.notebook import analysis_html
        return analysis_html(self)

    def to_frame(self, kind: str = "stability"):
        """A pandas DataFrame: ``"stability"`` (state x DM x concept, tidy), ``"states"`` or
        ``"equilibria"``; see :mod:`detente.frames`. Needs ``detente[frames]``."""
        from detente.frames import analysis_frame
        return analysis_frame(self, kind)

    def to_networkx(self, **kwargs):
        """The state graph as a ``networkx.MultiDiGraph``; see :func:`detente.frames.to_networkx`."""
        from detente.frames import to_networkx
        return to_networkx(self, **kwargs)


def analyze(conflict: Conflict | str, concepts: Iterable[str] | None = None, *,
            sim_budget: float = DEFAULT_SIM_BUDGET,
            progress: Callable[[str, int, int], None] | None = None,
            output: tuple[str, str] | None = None) -> AnalysisResult:
    """Analyse a conflict: stability of every feasible state for every DM.

    Parameters
    ----------
    conflict
        A loaded :class:`~detente.model.conflict.Conflict` or a path to a model file.
    concepts
        Any of Nash, GMR, SMR, SEQ, SIM (case-insensitive); default all five.
    sim_budget
        CPU seconds SIM may take (default 60). SIM enumerates the opponents' combinations
        (about n x 2^options evaluations); its cost is measured on the model (a fraction of a
        second of it is run and extrapolated) and beyond the budget it is skipped, the reason
        and the estimate in ``result.skipped["SIM"]``. 0 turns SIM off.
    progress
        Called as ``progress(task, done, total)``.
    output
        ``(format, sets)`` of the output that will be written (``"json"``, ``"csv"``,
        ``"npz"``; see :mod:`detente.gmcr.output`): its memory is counted in the up-front
        check, so that a result too large to write is refused before the work.

    Returns
    -------
    AnalysisResult
    """
    if not isinstance(conflict, Conflict):
        from detente.model.load import load
        conflict = load(conflict)
    concepts = normalise_concepts(concepts)
    t0 = time.perf_counter()
    space = StateSpace.build(conflict)
    extra = 0
    if output is not None:
        from detente.gmcr.output import output_bytes
        extra = output_bytes(space.n, len(conflict.decision_makers), conflict.n_options,
                             len(concepts), *output)
    require_memory(space, extra)
    ranks = all_ranks(space)
    tables = build_move_tables(space)
    result = AnalysisResult(conflict, space, ranks, concepts, _tables=tables)
    result.seconds["states"] = time.perf_counter() - t0
    dms = conflict.dm_names
    total = len(concepts) * len(dms)
    done = 0
    for concept in concepts:
        t1 = time.perf_counter()
        sim = None
        if concept == "SIM":
            sim, why = sim_within_budget(tables, ranks, space, sim_budget, dms)
            if sim is None:
                result.skipped["SIM"] = why
                done += len(dms)
                if progress:
                    progress(concept, done, total)
                continue
        per_dm = {}
        if concept in EXTRA_CONCEPTS:
            dms_done_before = done
            try:
                for dm in dms:
                    per_dm[dm] = np.asarray(EXTRA_CONCEPTS[concept](result, dm), dtype=bool)
                    done += 1
                    if progress:
                        progress(concept, done, total)
            except ConceptNotApplicable as exc:
                result.skipped[concept] = str(exc)
                done = dms_done_before + len(dms)
                if progress:
                    progress(concept, done, total)
                continue
            result.stable[concept] = per_dm
            result.seconds[concept] = time.perf_counter() - t1
            continue
        for dm in dms:
            if concept == "SIM":
                per_dm[dm] = ~sim[dm]
            else:
                sweep = None
                if progress:
                    def sweep(k, changed, _task=f"{concept} for {dm}", _done=done):
                        progress(f"{_task}: sweep {k}, {changed:,} values lowered", _done, total)
                per_dm[dm] = ~unstable_for(dm, concept, tables, ranks, on_sweep=sweep)
            done += 1
            if progress:
                progress(concept, done, total)
        result.stable[concept] = per_dm
        result.seconds[concept] = time.perf_counter() - t1
    for table in tables.values():  # the SEQ kernel's per-DM sort caches (rebuilt if needed)
        table.__dict__.pop("_order_cache", None)
        table.__dict__.pop("_kernel_order_cache", None)
    release_free_memory()
    return result
