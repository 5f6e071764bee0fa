"""The conflict model: decision makers, options, constraints, preferences, status quo.

These are plain dataclasses produced by :mod:`detente.model.load`. They hold what the user
wrote (names, labels, expressions, evidence). The feasible states and preference ranks they
define are in :mod:`detente.model.states` and :mod:`detente.model.preferences`; the analysis
(moves, stability) is in :mod:`detente.gmcr`, which builds on the model and never the reverse.

State encoding (used everywhere): options are numbered 0..m-1 in the order they are declared
(decision makers in file order, each DM's options in order). A state is an integer whose bit k
is 1 when option k is taken. Its Y/N string has one letter per option in the same order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from detente.model.evidence import Evidence
from detente.model.expr import Expr

Direction = Literal["both", "take_only", "drop_only"]


@dataclass
class Option:
    """A yes/no choice controlled by one decision maker."""

    name: str
    dm: str
    index: int
    label: str | None = None
    description: str | None = None
    direction: Direction = "both"
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass
class Statement:
    """One option-prioritisation statement of a DM (most important first in its list)."""

    text: str
    expr: Expr
    evidence: list[Evidence] = field(default_factory=list)
    probability: float | None = None  # chance that the DM really holds it (robustness analysis)
    note: str | None = None
    id: str | None = None


@dataclass
class UnknownOption:
    """An option a DM does not know exists: the states that take it are invisible to it."""

    option: str
    note: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    probability: float | None = None  # chance that the DM really does not know it (robustness)


@dataclass
class PreferenceBelief:
    """What a DM believes another DM's preferences are (its perception of them).

    ``preferences`` (statements) or ``ranking`` (levels of state codes) is the belief as used in
    the analysis. When it was written as changes to the other DM's true statements, ``dropped``
    and ``added`` keep those changes so that explanations can cite them.
    """

    about: str
    preferences: list[Statement] | None = None
    ranking: list[list[int]] | None = None
    dropped: list[Statement] = field(default_factory=list)
    added: list[Statement] = field(default_factory=list)
    note: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    probability: float | None = None  # chance that the DM really holds this belief (robustness)

    @property
    def as_changes(self) -> bool:
        return bool(self.dropped or self.added)


@dataclass
class Perception:
    """How one DM perceives the conflict where it differs from reality (first-level hypergame,
    Wang, Hipel & Fraser 1988; Aljefri, Hipel & Fang 2018)."""

    unknown_options: list[UnknownOption] = field(default_factory=list)
    believes_infeasible: list["Constraint"] = field(default_factory=list)
    believes_feasible: list["Constraint"] = field(default_factory=list)
    preferences_of: dict[str, PreferenceBelief] = field(default_factory=dict)
    # Second level: how this DM believes each other DM perceives the conflict, as perceptions of
    # this DM's own view (docs/hypergames.md).
    views_of: dict[str, "Perception"] = field(default_factory=dict)
    note: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def unknown_option_names(self) -> list[str]:
        return [u.option for u in self.unknown_options]


@dataclass
class DecisionMaker:
    name: str
    options: list[str]
    label: str | None = None
    description: str | None = None
    preferences: list[Statement] | None = None
    ranking: list[list[int]] | None = None  # levels of state codes, most preferred first
    evidence: list[Evidence] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # sections other modules read (robustness)
    perception: Perception | None = None  # where its view of the conflict differs from reality

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass
class Constraint:
    """States satisfying ``expr`` are infeasible."""

    text: str
    expr: Expr
    id: str | None = None
    why: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    probability: float | None = None  # in a perception: chance the DM really holds this belief

    @property
    def title(self) -> str:
        return self.id or self.text


@dataclass
class Variant:
    """A named counterfactual: overrides applied to the base model."""

    name: str
    description: str | None
    overrides: dict[str, Any]


@dataclass
class Conflict:
    """A whole conflict model as loaded from a file."""

    decision_makers: list[DecisionMaker]
    options: list[Option]
    constraints: list[Constraint] = field(default_factory=list)
    status_quo: int | None = None
    title: str | None = None
    description: str | None = None
    date: dt.date | None = None
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    variants: list[Variant] = field(default_factory=list)
    file: str | None = None
    variant_name: str | None = None
    document: dict[str, Any] = field(default_factory=dict, repr=False)  # the plain input data
    # Parts of an imported file (GMCR+) that were not imported or are read differently.
    import_warnings: list[Any] = field(default_factory=list, repr=False)

    # -- lookups -------------------------------------------------------------------------
    @property
    def n_options(self) -> int:
        return len(self.options)

    @property
    def dm_names(self) -> list[str]:
        return [d.name for d in self.decision_makers]

    @property
    def option_names(self) -> list[str]:
        return [o.name for o in self.options]

    def dm(self, name: str) -> DecisionMaker:
        for d in self.decision_makers:
            if d.name == name:
                return d
        from detente.errors import DetenteError
        from detente.model.yamlio import did_you_mean
        raise DetenteError(f"no decision maker named {name!r}",
                           hint=did_you_mean(name, self.dm_names) or f"decision makers: {', '.join(self.dm_names)}")

    def option(self, name: str) -> Option:
        for o in self.options:
            if o.name == name:
                return o
        raise KeyError(name)

    def dm_mask(self, name: str) -> int:
        """Bit mask of the options a DM controls."""
        mask = 0
        for o in self.options:
            if o.dm == name:
                mask |= 1 << o.index
        return mask

    # -- state notation ------------------------------------------------------------------
    def yn(self, code: int) -> str:
        """Y/N string of a state code, one letter per option in declaration order."""
        return "".join("Y" if (code >> k) & 1 else "N" for k in range(self.n_options))

    def taken(self, code: int) -> list[str]:
        return [o.name for o in self.options if (code >> o.index) & 1]

    def values(self, code: int) -> dict[str, bool]:
        return {o.name: bool((code >> o.index) & 1) for o in self.options}

    @property
    def has_perceptions(self) -> bool:
        return any(d.perception is not None for d in self.decision_makers)

    def variant(self, name: str) -> "Conflict":
        """The conflict with a named variant's overrides applied."""
        from detente.model.load import apply_variant
        return apply_variant(self, name)

    def __str__(self) -> str:
        lines = [f"Conflict: {self.title or self.file or 'untitled'}"
                 + (f" [variant {self.variant_name}]" if self.variant_name else "")]
        for d in self.decision_makers:
            opts = ", ".join(self.option(o).name for o in d.options)
            lines.append(f"  {d.title}: {opts}")
        lines.append(f"  {self.n_options} options, {len(self.constraints)} constraints"
                     + (f", {len(self.variants)} variants" if self.variants else ""))
        return "\n".join(lines)
