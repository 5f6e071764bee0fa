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
class NamedState:
    """A name for one state (``state:``, every option given) or for a set of states (``when:``,
    an expression or a partial assignment: every feasible state where it holds).

    Names are shown beside the Y/N codes in every output (:func:`state_label`) and accepted
    wherever a state is given (:meth:`detente.model.states.StateSpace.parse_state`).
    """

    name: str
    text: str  # as written: the Y/N string of ``state``, or the expression of ``when``
    code: int | None = None  # one state
    expr: Expr | None = None  # a set of states
    label: str | None = None
    description: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def is_set(self) -> bool:
        return self.code is None

    @property
    def title(self) -> str:
        return self.label or self.name

    def contains(self, code: int, conflict: "Conflict") -> bool:
        """Whether the state ``code`` carries this name."""
        if self.code is not None:
            return int(code) == self.code
        index = {o.name: o.index for o in conflict.options}
        return bool(self.expr.evaluate(lambda name: bool((int(code) >> index[name]) & 1)))


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
    named_states: list[NamedState] = field(default_factory=list)  # ``states:`` of the model
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

    def state_names(self, code: int) -> list[str]:
        """The names the model gives the state ``code`` (``states:``): names of one state first,
        then names of sets containing it, each in declaration order."""
        return state_names(self, code)

    def state_label(self, code: int, state_id: int | None = None) -> str:
        """``ID:YN name`` (see :func:`state_label`)."""
        return state_label(self, code, state_id)

    def named_state(self, name: str) -> NamedState | None:
        for ns in self.named_states:
            if ns.name == name:
                return ns
        return None

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


def state_names(conflict: Conflict, code: int) -> list[str]:
    """The names ``conflict`` gives the state ``code``: names of exactly this state first, then
    names of sets that contain it, each group in declaration order (empty when unnamed)."""
    if not conflict.named_states:
        return []
    code = int(code)
    exact = [ns.name for ns in conflict.named_states if ns.code == code]
    sets = [ns.name for ns in conflict.named_states if ns.code is None and ns.contains(code, conflict)]
    return exact + sets


def state_label(conflict: Conflict, code: int, state_id: int | None = None) -> str:
    """How every output shows a state: ``ID:YN`` (``YN`` without an id) followed by the names
    the model gives it, e.g. ``1:NNNNNNNN no-deal`` or ``NYNYYNYN european-backed-settlement``;
    several names are joined by ``/``. The one function the CLI, the report and the web app use.

    >>> import detente
    >>> c = detente.load({"decision_makers": [
    ...     {"name": "A", "options": ["a"], "preferences": ["a"]},
    ...     {"name": "B", "options": ["b"], "preferences": ["b"]}],
    ...     "states": [{"name": "deal", "state": "YY"}, {"name": "a-moves", "when": "a"}]})
    >>> state_label(c, 3, 4), state_label(c, 1), state_label(c, 0, 1)
    ('4:YY deal/a-moves', 'YN a-moves', '1:NN')
    """
    text = conflict.yn(int(code)) if state_id is None else f"{state_id}:{conflict.yn(int(code))}"
    return with_names(text, state_names(conflict, code))


def with_names(text: str, names: list[str] | tuple[str, ...]) -> str:
    """``text`` (a state's id and Y/N code) followed by its names, as :func:`state_label` writes them."""
    return f"{text} {'/'.join(names)}" if names else text
