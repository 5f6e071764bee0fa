"""Questions a report answers in words: is a set of states stable for a DM, is it an equilibrium?

A scenario can come with questions: in its own file (top-level ``questions:`` and
``state_notes:``, which the web app reads too), in a side file ``<scenario>.questions.yaml``, or
in any file passed with ``--questions``::

    questions:
      - id: eu-deploy-without-backstop
        title: Is a European deployment without a U.S. backstop stable for the European states?
        kind: stability            # stability of the matching states for one DM
        states: eu_deploy and not us_backstop
        dm: Europe
      - id: deployment-with-agreement
        title: Does any equilibrium combine a European deployment with a Russian agreement?
        kind: equilibria           # are any of the matching states equilibria?
        states: eu_deploy and ru_settle
        concepts: [Nash, SEQ]
        variants: all              # answer it for the base model and every variant
    state_notes:                   # optional: explanations attached to matching states
      - states: us_backstop and not eu_deploy
        note: the backstop is an offer the U.S. can make before any troops deploy

Each answer is derived from the analysis (:func:`detente.gmcr.explain.explain`): for unstable
states the unilateral improvements that nothing deters, for stable ones the sanction and
whether it is credible (every sanctioning move an improvement for its mover, Fang, Hipel &
Kilgour 1993). Each move is tied to the *decisive statement* of the DM's preferences: with
option prioritisation, one state beats another exactly when the most important statement on
which they differ holds in it, so that statement (and its evidence) is the reason.

Each answer also says whether it is derived or merely restates an input
(:meth:`Answer.restated_inputs`): when no matching state is stable and one DM's *first*
statement makes a move an undeterrable improvement in every matching state under every concept,
the answer is read off that statement alone and the report says so.

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
>>> r = detente.analyze(c)
>>> q = Question(id="q", title="Is A taking a stable for A?", kind="stability", states="a", dm="A")
>>> ans = answer(q, r)
>>> ans.concepts["Nash"].n_states, ans.concepts["Nash"].n_stable
(2, 2)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from detente.errors import DetenteError, ModelError, Problem
from detente.gmcr.explain import Explanation, Move, explain
from detente.model.conflict import Conflict, Statement
from detente.model.expr import Expr, ExpressionError, parse

MAX_EXPLAINED = 12  # stable states explained one by one; the rest are counted
MAX_BLOCKING = 4  # reason groups spelled out per concept


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    kind: Literal["stability", "equilibria"] = "stability"
    states: str = Field(description="Expression selecting the states the question is about.")
    dm: str | None = None
    concepts: list[str] | None = None
    variants: list[str] | str | None = None
    note: str | None = None

    @field_validator("title", "note")
    @classmethod
    def _one_line(cls, v):  # a folded YAML block (">") ends in a newline; a title is one line
        return " ".join(v.split()) if isinstance(v, str) else v


class StateNoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    states: str = Field(description="Expression selecting the states the note is about.")
    note: str


class QuestionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[QuestionIn]
    state_notes: list[StateNoteIn] = Field(default_factory=list)


@dataclass
class Question:
    """One question (see the module docstring for the file format)."""

    id: str
    title: str
    kind: str
    states: str
    dm: str | None = None
    concepts: list[str] | None = None
    variants: list[str] | str | None = None
    note: str | None = None


def load_questions(path: str | Path) -> list[Question]:
    """Read a questions file (YAML or JSON), with located errors."""
    from detente.model.yamlio import read_document

    data, positions = read_document(Path(path))
    return questions_from_data(data, positions)


def _questions_file(data, positions) -> QuestionsFile:
    if isinstance(data, dict) and "decision_makers" in data:  # a scenario: keep only its questions
        data = {"questions": data.get("questions") or [], "state_notes": data.get("state_notes") or []}
    try:
        return QuestionsFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, (int, str)))
            problems.append(positions.problem(loc, err["msg"].removeprefix("Value error, "),
                                              "see the questions format in detente.report.questions"))
        raise ModelError(problems) from None


def questions_from_data(data, positions) -> list[Question]:
    """Questions from plain data ``{"questions": [...]}`` (a questions file, or a scenario that
    embeds its questions under a top-level ``questions:`` key)."""
    return [Question(**q.model_dump()) for q in _questions_file(data, positions).questions]


def load_state_notes(path: str | Path) -> list[tuple[str, str]]:
    """The ``state_notes:`` of a questions file: ``(expression, note)`` pairs. A note explains
    states that look odd (e.g. why the model keeps them feasible); the report attaches it to
    every matching state it discusses in the robustness section."""
    from detente.model.yamlio import read_document

    data, positions = read_document(Path(path))
    return state_notes_from_data(data, positions)


def state_notes_from_data(data, positions) -> list[tuple[str, str]]:
    """``(expression, note)`` pairs from plain data: a questions file, or a scenario that
    embeds ``state_notes:`` beside its ``questions:``."""
    notes = _questions_file(data, positions).state_notes
    for k, n in enumerate(notes):
        try:
            parse(n.states)
        except ExpressionError as exc:
            raise ModelError([positions.problem(("state_notes", k, "states"),
                                                f"cannot read the state expression: {exc.message}",
                                                "use option names with and / or / not")]) from None
    return [(n.states, " ".join(n.note.split())) for n in notes]


def embedded_questions(conflict) -> tuple[list[Question] | None, list[tuple[str, str]] | None]:
    """The questions and state notes a loaded scenario carries in its own file
    (``questions:``, ``state_notes:``), with errors located in that file; ``None`` for what it
    does not carry. The command line and the web app read them the same way."""
    doc = conflict.document
    if not doc.get("questions") and not doc.get("state_notes"):
        return None, None
    from detente.model.yamlio import Positions

    positions = getattr(conflict, "_positions", None) or Positions(conflict.file)
    return (questions_from_data(doc, positions) or None,
            state_notes_from_data(doc, positions) or None)


def report_questions(conflict, scenario: str | Path, questions: str | Path | None = None
                     ) -> tuple[list[Question] | None, list[tuple[str, str]] | None]:
    """The questions and state notes ``detente report`` answers for ``scenario``: those of
    ``questions`` when given, else those the scenario embeds, else its side file
    ``<scenario>.questions.yaml`` if there is one."""
    if questions is not None:
        return load_questions(questions) or None, load_state_notes(questions) or None
    if conflict.document.get("questions") or conflict.document.get("state_notes"):
        return embedded_questions(conflict)
    side = default_questions_path(scenario)
    if side.exists():
        return load_questions(side) or None, load_state_notes(side) or None
    return None, None


def default_questions_path(scenario: str | Path) -> Path:
    """``scenarios/x.yaml`` -> ``scenarios/x.questions.yaml``."""
    p = Path(scenario)
    return p.with_name(p.stem + ".questions.yaml")


# --- helpers ---------------------------------------------------------------------------------

def _value_of(conflict: Conflict, codes: np.ndarray):
    codes = np.asarray(codes, dtype=np.uint64)

    def value_of(name: str) -> np.ndarray:
        ns = conflict.named_state(name) if name not in conflict.option_names else None
        if ns is not None:  # a state name of the model's states: (its state, or its set)
            if ns.code is not None:
                return codes == np.uint64(ns.code)
            return np.broadcast_to(np.asarray(ns.expr.evaluate(value_of), dtype=bool), codes.shape)
        return ((codes >> np.uint64(conflict.option(name).index)) & np.uint64(1)).astype(bool)
    return value_of


def select_states(result, expression: str | Expr) -> np.ndarray:
    """Positions of the feasible states satisfying an expression over option names (and the
    model's state names: ``no-deal or aid-for-minerals``)."""
    conflict = result.conflict
    if isinstance(expression, str):
        try:
            expr = parse(expression)
        except ExpressionError as exc:
            raise DetenteError(f"cannot read the state expression {expression!r}: {exc.message} "
                               f"at character {exc.offset + 1}",
                               hint="use option names with and / or / not, e.g. 'a and not b'") from None
    else:
        expr = expression
    known = conflict.option_names + [ns.name for ns in conflict.named_states]
    unknown = sorted(expr.names() - set(known))
    if unknown:
        from detente.model.yamlio import did_you_mean
        raise DetenteError(f"the state expression {str(expression)!r} names unknown option(s) "
                           f"{', '.join(unknown)}",
                           hint=did_you_mean(unknown[0], known)
                           or "options: " + ", ".join(conflict.option_names))
    mask = np.broadcast_to(np.asarray(expr.evaluate(_value_of(conflict, result.space.codes)), dtype=bool),
                           (result.space.n,))
    return np.flatnonzero(mask)


def decisive_statement(conflict: Conflict, dm: str, code_from: int, code_to: int
                       ) -> tuple[int, Statement, bool] | None:
    """The most important statement of ``dm`` on which two states differ.

    With option prioritisation this statement alone decides which state ``dm`` prefers.

    Returns
    -------
    ``(k, statement, holds_in_target)`` with ``k`` 0-based, or ``None`` when ``dm`` states its
    preferences as a ranking or the two states satisfy the same statements.
    """
    d = conflict.dm(dm)
    if not d.preferences:
        return None
    vals = _value_of(conflict, np.array([code_from, code_to], dtype=np.uint64))
    for k, st in enumerate(d.preferences):
        t = np.broadcast_to(np.asarray(st.expr.evaluate(vals), dtype=bool), (2,))
        if bool(t[0]) != bool(t[1]):
            return k, st, bool(t[1])
    return None


def statement_anchor(dm: str, k: int) -> str:
    """HTML anchor of statement ``k`` (0-based) of ``dm`` in the report."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in dm.lower())
    return f"st-{slug}-{k + 1}"


@dataclass
class Reason:
    """Why a move is (or is not) an improvement for a DM: its decisive statement."""

    dm: str
    index: int  # 0-based
    text: str
    holds: bool  # whether the statement holds in the state moved to

    @property
    def anchor(self) -> str:
        return statement_anchor(self.dm, self.index)

    def words(self) -> str:
        return (f"{self.dm}'s statement {self.index + 1} '{self.text}' "
                + ("becomes true" if self.holds else "becomes false"))

    def to_dict(self) -> dict[str, Any]:
        return {"dm": self.dm, "statement": self.index + 1, "text": self.text, "holds": self.holds,
                "anchor": self.anchor}


def move_reason(result, move: Move | Any, dm: str | None = None) -> Reason | None:
    """The decisive statement for ``dm`` (default the mover) of a move from source to target."""
    who = dm or move.dm
    codes = result.space.codes
    found = decisive_statement(result.conflict, who, int(codes[move.source]), int(codes[move.target]))
    if found is None:
        return None
    k, st, holds = found
    return Reason(who, k, st.text, holds)


def _changes_words(changes: dict[str, bool]) -> str:
    return ", ".join(("takes " if v else "drops ") + k for k, v in changes.items())


# --- answers ---------------------------------------------------------------------------------

@dataclass
class BlockingMove:
    """An unsanctioned improvement, aggregated over the states where it occurs."""

    dm: str
    changes: str  # e.g. "drops eu_deploy"
    reason: Reason | None
    count: int
    example: int  # a state position where it occurs

    def to_dict(self, result) -> dict[str, Any]:
        return {"dm": self.dm, "move": self.changes, "states": self.count,
                "example": result.state_dict(self.example),
                "reason": self.reason.to_dict() if self.reason else None}


@dataclass
class SanctionStory:
    """A stable state: an improvement of the DM and the sanction that deters it."""

    position: int
    dm: str
    improvement: Move
    improvement_reason: Reason | None
    sanction: list[Move]
    credible: bool
    # For each sanctioning move that is not an improvement for its mover: why not.
    costs: list[tuple[Move, Reason | None]] = field(default_factory=list)
    note: str = ""

    def words(self, result) -> str:
        s = f"{result.label(self.position)}"
        if not self.sanction:
            return f"In {s}, {self.dm}'s move ({_changes_words(self.improvement.changes)}) is deterred: {self.note}"
        seq = "; then ".join(f"{m.dm} {_changes_words(m.changes)} (to {result.label(m.target)})"
                             for m in self.sanction)
        text = (f"In {s}, if {self.dm} {_changes_words(self.improvement.changes)}, "
                f"{seq}, which {self.dm} does not prefer to {s}. ")
        if self.credible:
            text += "The sanction is credible: every sanctioning move is an improvement for the DM who makes it."
        else:
            bits = []
            for m, why in self.costs:
                bits.append(f"{m.dm} {_changes_words(m.changes)} is not an improvement for {m.dm}"
                            + (f" ({why.words()})" if why else ""))
            text += "The sanction is not credible: " + "; ".join(bits) + "."
        return text


@dataclass
class ConceptAnswer:
    concept: str
    n_states: int  # states matching the question
    n_stable: int  # stable for the DM (stability) or equilibria (equilibria)
    stable_positions: list[int]
    blocking: list[BlockingMove]
    stories: list[SanctionStory]
    skipped: str | None = None
    # Statements decisive for an unsanctioned improvement in *every* matching state.
    covering: list[Reason] = field(default_factory=list)

    def to_dict(self, result) -> dict[str, Any]:
        return {"concept": self.concept, "n_states": self.n_states, "n_stable": self.n_stable,
                "stable": [result.state_dict(p) for p in self.stable_positions],
                "blocking": [b.to_dict(result) for b in self.blocking],
                "sanctions": [{"state": result.state_dict(s.position), "credible": s.credible,
                               "text": s.words(result)} for s in self.stories],
                "skipped": self.skipped}


@dataclass
class Answer:
    """The answer to one question for one model (base or variant)."""

    question: Question
    model: str  # "base" or the variant name
    result: Any = field(repr=False)
    concepts: dict[str, ConceptAnswer] = field(default_factory=dict)

    def sentences(self) -> list[str]:
        """The answer in words, one paragraph per concept."""
        q, r = self.question, self.result
        out = []
        for concept, ca in self.concepts.items():
            if ca.skipped:
                out.append(f"{concept}: not computed ({ca.skipped}).")
                continue
            if ca.n_states == 0:
                out.append(f"{concept}: no feasible state satisfies '{q.states}'.")
                continue
            if q.kind == "stability":
                head = (f"{concept}: {ca.n_stable} of the {ca.n_states} states with '{q.states}' "
                        f"are stable for {q.dm}.")
            else:
                head = (f"{concept}: {ca.n_stable} of the {ca.n_states} states with '{q.states}' "
                        f"are equilibria" + (": " + ", ".join(f"{r.label(p)}" for p in ca.stable_positions[:8])
                                             if ca.stable_positions else "") + ".")
            parts = [head]
            for b in ca.blocking[:MAX_BLOCKING]:
                why = f" because {b.reason.words()}" if b.reason else ""
                parts.append(f"In {b.count} of them {b.dm} has an improvement that nothing deters{why}"
                             f" (e.g. it {b.changes} from {r.label(b.example)}).")
            if len(ca.blocking) > MAX_BLOCKING:
                rest = Counter()
                for b in ca.blocking[MAX_BLOCKING:]:
                    rest[b.dm] += b.count
                parts.append("Other unsanctioned improvements: " + ", ".join(
                    f"{dm} in {n}" for dm, n in rest.most_common()) + " (state counts may overlap).")
            for s in ca.stories:
                parts.append(s.words(r))
            if ca.n_stable > len(ca.stories) and ca.stories:
                parts.append(f"({ca.n_stable - len(ca.stories)} further stable states are not spelled out.)")
            out.append(" ".join(parts))
        return out

    def restated_inputs(self) -> list[Reason]:
        """Inputs the answer merely restates: a DM's *first* statement that, in every matching
        state and under every concept, makes a move an improvement nothing can deter (a DM's
        most important statement outweighs every other, so no sanction can undo it), while no
        matching state is stable. The answer can then be read off that statement alone; it is
        not a finding of the analysis. Empty when the answer is derived."""
        computed = [ca for ca in self.concepts.values() if not ca.skipped and ca.n_states]
        if not computed or any(ca.n_stable for ca in computed):
            return []
        keys = None
        for ca in computed:
            here = {(r.dm, r.index) for r in ca.covering if r.index == 0}
            keys = here if keys is None else keys & here
        first = {(r.dm, r.index): r for r in computed[0].covering}
        return [first[k] for k in sorted(keys or ())]

    def provenance(self) -> str:
        """One sentence: is the answer derived, or does it restate an input?"""
        restated = self.restated_inputs()
        if restated:
            which = "; ".join(f"{r.dm}'s first statement '{r.text}'" for r in restated)
            alone = "alone decides" if len(restated) == 1 else "each alone decides"
            return (f"Restates an input: {which} {alone} it in every matching state, "
                    f"under every concept (read off the input, not derived).")
        reasons = {(b.reason.dm, b.reason.index) for ca in self.concepts.values() for b in ca.blocking if b.reason}
        reasons |= {(s.improvement_reason.dm, s.improvement_reason.index)
                    for ca in self.concepts.values() for s in ca.stories if s.improvement_reason}
        dms = sorted({d for d, _ in reasons})
        if any(ca.n_stable for ca in self.concepts.values()):
            return ("Derived: stable states rest on sanctions by other DMs (shown below), "
                    f"and the moves away on {len(reasons)} statements of {', '.join(dms) or 'no DM'}.")
        return (f"Derived: no single input decides it; it rests on {len(reasons)} statements of "
                f"{', '.join(dms) or 'no DM'} and on which moves nothing deters.")

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question.id, "model": self.model,
                "concepts": {k: v.to_dict(self.result) for k, v in self.concepts.items()},
                "restates": [r.to_dict() for r in self.restated_inputs()],
                "provenance": self.provenance(),
                "text": self.sentences()}

    def __str__(self) -> str:
        return f"{self.question.title} [{self.model}]\n" + "\n".join("  " + s for s in self.sentences())


def _story(result, exp: Explanation) -> list[SanctionStory]:
    out = []
    for chk in exp.improvements:
        if chk.sanction is None:
            continue
        costs = [(m, move_reason(result, m)) for m in chk.sanction if not m.improves_mover]
        out.append(SanctionStory(exp.position, exp.dm, chk.move, move_reason(result, chk.move),
                                 list(chk.sanction), bool(chk.credible) if chk.sanction else True,
                                 costs, chk.note))
    return out


class _Floors:
    """Cache of m_H per (DM, concept): the least value opponents can force from each state.

    An improvement s -> s1 of DM i is sanctioned under GMR/SEQ exactly when m_H(s1) <= rank_i(s)
    (SMR: with i's best counter-response as the value), the quantity the stability engine
    computes (:mod:`detente.gmcr.stability`). Reusing it lets the report find the unsanctioned
    improvements of thousands of states without a search per improvement; :func:`explain` is
    still used for the sanctions that are shown.
    """

    def __init__(self, result):
        self.result = result
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def get(self, dm: str, concept: str) -> np.ndarray:
        from detente.gmcr.explain import sanction_floor
        return sanction_floor(self.result, dm, concept)


def unsanctioned_improvements(result, position: int, dm: str, concept: str,
                              floors: _Floors | None = None) -> list[Move]:
    """The unilateral improvements of ``dm`` from ``position`` that nothing deters under ``concept``.

    Same answer as the improvements with ``sanction is None`` in :func:`explain`, computed from
    the engine's reachability floors for GMR, SMR and SEQ (fast); Nash: every improvement;
    SIM: through :func:`explain`.
    """
    v = result.ranks[dm]
    targets = [int(t) for t in result.tables[dm].targets(position) if v[t] > v[position]]
    if concept == "SIM":
        exp = explain(result, position, dm, concept)
        return [chk.move for chk in exp.improvements if chk.sanction is None]
    if concept != "Nash":
        m = (floors or _Floors(result)).get(dm, concept)
        targets = [t for t in targets if m[t] > v[position]]
    codes = result.space.codes
    out = []
    for t in targets:
        diff = int(codes[position]) ^ int(codes[t])
        changes = {o.name: bool((int(codes[t]) >> o.index) & 1) for o in result.conflict.options
                   if (diff >> o.index) & 1}
        out.append(Move(dm, int(position), t, changes, True, 0))
    return out


def _blocking(result, unsanctioned: list[tuple[int, str, list[Move]]]) -> list[BlockingMove]:
    """Unsanctioned improvements grouped by (DM, decisive statement), counted in states.

    ``unsanctioned``: ``(position, dm, moves)`` triples. Each group keeps the simplest move
    (fewest options changed) as its example.
    """
    states: dict[tuple, set[int]] = {}
    example: dict[tuple, tuple[int, int, str, Reason | None]] = {}
    for position, dm, moves in unsanctioned:
        for mv in moves:
            reason = move_reason(result, mv)
            key = (dm, reason.index if reason else -1)
            states.setdefault(key, set()).add(position)
            cand = (len(mv.changes), position, _changes_words(mv.changes), reason)
            if key not in example or cand[:2] < example[key][:2]:
                example[key] = cand
    out = [BlockingMove(dm, example[(dm, k)][2], example[(dm, k)][3], len(ps), example[(dm, k)][1])
           for (dm, k), ps in states.items()]
    out.sort(key=lambda b: (-b.count, b.dm, b.reason.index if b.reason else -1))
    return out


def _covering(result, unsanctioned: list[tuple[int, str, list[Move]]], positions: list[int]) -> list[Reason]:
    """Statements decisive for some unsanctioned improvement in every one of ``positions``."""
    if not positions:
        return []
    seen: dict[tuple[str, int], set[int]] = {}
    reason_of: dict[tuple[str, int], Reason] = {}
    for position, _dm, moves in unsanctioned:
        for mv in moves:
            r = move_reason(result, mv)
            if r is not None:
                seen.setdefault((r.dm, r.index), set()).add(position)
                reason_of[(r.dm, r.index)] = r
    want = set(positions)
    return [reason_of[k] for k in sorted(seen) if seen[k] >= want]


def answer(question: Question, result, model: str = "base", max_explained: int = MAX_EXPLAINED) -> Answer:
    """Answer a question on one analysis result.

    Parameters
    ----------
    question
        The question.
    result
        :class:`~detente.gmcr.analysis.AnalysisResult` of the base model or a variant.
    model
        Name shown with the answer.
    max_explained
        How many stable states to spell out (sanction and credibility) per concept.

    Returns
    -------
    Answer
    """
    conflict = result.conflict
    if question.kind == "stability":
        if not question.dm:
            raise DetenteError(f"question {question.id!r} asks about stability but names no 'dm'",
                               hint="add 'dm: <decision maker>'")
        conflict.dm(question.dm)
    positions = select_states(result, question.states)
    concepts = question.concepts or [c for c in result.concepts if c in ("Nash", "GMR", "SMR", "SEQ", "SIM")]
    from detente.gmcr.analysis import normalise_concepts
    concepts = normalise_concepts(concepts)
    ans = Answer(question, model, result)
    floors = _Floors(result)
    for concept in concepts:
        if concept not in result.stable:
            ans.concepts[concept] = ConceptAnswer(concept, len(positions), 0, [], [], [],
                                                  skipped=result.skipped.get(concept, "not computed"))
            continue
        if question.kind == "stability":
            mask = result.stable[concept][question.dm][positions]
            stable = [int(p) for p in positions[mask]]
            blocked = [(int(p), question.dm, unsanctioned_improvements(result, int(p), question.dm, concept, floors))
                       for p in positions[~mask]]
            stories = []
            for p in stable[:max_explained]:
                stories += _story(result, explain(result, p, question.dm, concept))
            ans.concepts[concept] = ConceptAnswer(concept, len(positions), len(stable), stable,
                                                  _blocking(result, blocked), stories,
                                                  covering=_covering(result, blocked, [int(p) for p in positions]))
        else:
            eq_mask = result.equilibrium_mask(concept)[positions]
            eqs = [int(p) for p in positions[eq_mask]]
            blocked = []
            for p in positions[~eq_mask]:
                for dm in conflict.dm_names:
                    if not result.stable[concept][dm][p]:
                        blocked.append((int(p), dm, unsanctioned_improvements(result, int(p), dm, concept, floors)))
            ans.concepts[concept] = ConceptAnswer(concept, len(positions), len(eqs), eqs,
                                                  _blocking(result, blocked), [],
                                                  covering=_covering(result, blocked, [int(p) for p in positions]))
    return ans


def answer_all(questions: list[Question], base_result, variant_results: dict[str, Any] | None = None
               ) -> list[list[Answer]]:
    """Answers per question: the base model first, then each variant the question asks for."""
    variant_results = variant_results or {}
    out = []
    for q in questions:
        row = [answer(q, base_result, "base")]
        wanted = (list(variant_results) if q.variants == "all"
                  else [q.variants] if isinstance(q.variants, str) else (q.variants or []))
        for name in wanted:
            if name not in variant_results:
                raise DetenteError(f"question {q.id!r} asks for variant {name!r}, which was not analysed",
                                   hint="variants: " + ", ".join(variant_results) if variant_results else None)
            row.append(answer(q, variant_results[name], name))
        out.append(row)
    return out
