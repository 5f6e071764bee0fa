"""Request and response models of the REST API (they make the OpenAPI document complete).

Request models forbid unknown fields, so a misspelt field is an error with its name rather
than silently ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict, Field

# Ids and version numbers are the database's INTEGER columns (32-bit on PostgreSQL): anything
# outside 1..MAX_ID is refused by the request's schema (422) before it reaches the database.
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
ScenarioId = Annotated[int, Path(ge=1, le=MAX_ID, description="A scenario's id")]
AnalysisId = Annotated[int, Path(ge=1, le=MAX_ID, description="An analysis's id")]
StatementId = Annotated[int, Path(ge=1, le=MAX_ID, description="A stored statement's id")]
LinkId = Annotated[int, Path(ge=1, le=MAX_ID, description="An evidence link's id")]
VersionNo = Annotated[int, Path(ge=1, le=MAX_ID, description="A version number (1, 2, ...)")]
# Text that is stored or searched for: PostgreSQL cannot hold NUL characters (SQLite can), so
# they are refused on both, by the request's schema.
NO_NUL = r"^[^\x00]*$"
Line = Annotated[str, Field(pattern=NO_NUL)]
VersionQuery = Annotated[int | None, Query(ge=1, le=MAX_ID, description="A version number "
                                                                       "(default: the current one)")]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- errors ------------------------------------------------------------------------------------

class ProblemOut(BaseModel):
    """One thing wrong, located as precisely as possible (line/column into the model text)."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None


class ErrorOut(BaseModel):
    """Every error answer: the kind of error and the problems, each with a message a person
    understands and, where it helps, a hint."""

    error: str = Field(description="ModelError, TooLargeError, NotFound, VersionConflict, "
                                   "NotReady, PayloadTooLarge, Unauthorized, BadRequest, ...")
    problems: list[ProblemOut]


ERRORS = {
    400: {"model": ErrorOut, "description": "Malformed request (e.g. the body is not JSON)"},
    401: {"model": ErrorOut, "description": "Missing or wrong token (writes, when the server "
                                            "is bound to a non-loopback address)"},
    404: {"model": ErrorOut, "description": "No such scenario, version, analysis or link"},
    413: {"model": ErrorOut, "description": "Request body or model text over the limit"},
    422: {"model": ErrorOut, "description": "Invalid model or request, located (line, field)"},
    501: {"model": ErrorOut, "description": "Feature not available in this build"},
}


def errors(*codes: int) -> dict[int, dict]:
    return {c: ERRORS[c] for c in codes}


# --- paging ---------------------------------------------------------------------------------

MAX_PAGE = 1000
PAGED = {200: {"description": "One page of the list (``limit``, ``offset``)", "headers": {
    "X-Total-Count": {"description": "How many items the whole list has",
                      "schema": {"type": "integer", "minimum": 0}},
    "Link": {"description": 'The pages before and after this one, as RFC 8288 links: '
                            '`<...?offset=100&limit=100>; rel="next"`, `rel="prev"`',
             "schema": {"type": "string"}},
}}}


# --- scenarios -----------------------------------------------------------------------------

class ScenarioIn(_In):
    """A model text (YAML or JSON, exactly what `detente analyze` reads)."""

    text: str = Field(description="The model as YAML or JSON text.")
    format: Literal["yaml", "json"] | None = Field(None, description="Guessed when omitted.")
    message: str | None = Field(None, max_length=2000, pattern=NO_NUL,
                                description="What this version changes.")
    author: str | None = Field(None, max_length=200, pattern=NO_NUL)


class ScenarioUpdate(ScenarioIn):
    base_version: int = Field(ge=1, le=MAX_ID, description="The version this edit is based on; if someone saved "
                                          "a newer one meanwhile the update is refused (409).")


class ValidateIn(_In):
    text: str
    format: Literal["yaml", "json"] | None = None


class DocumentOut(BaseModel):
    document: Any = Field(description="The parsed model text as plain JSON data (unchecked).")


class YamlIn(_In):
    document: dict[str, Any] = Field(description="A model as plain JSON data.")
    text: str | None = Field(None, description="The YAML the document was read from: the parts "
                                              "that did not change keep their comments.")


class YamlOut(BaseModel):
    text: str = Field(description="The document as YAML.")


class ScenarioOut(BaseModel):
    id: int
    title: str
    description: str | None
    version: int = Field(description="The current version (send it back as base_version).")
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    n_versions: int


class ScenarioDetail(ScenarioOut):
    format: str
    text: str
    summary: dict[str, Any] = Field(description="Decision makers, options, preferences, "
                                                "constraints and variants, with their lines.")


class VersionOut(BaseModel):
    scenario_id: int
    version: int
    format: str
    sha256: str
    message: str | None
    author: str | None
    created_at: dt.datetime | None
    size: int
    text: str | None = None


class DiffOut(BaseModel):
    scenario_id: int
    from_version: int
    to_version: int
    unified: str = Field(description="Unified diff of the texts.")
    changes: list[str] = Field(description="What changed in the model, in words.")


class ValidateOut(BaseModel):
    valid: bool
    error: str | None
    problems: list[ProblemOut]
    summary: dict[str, Any] | None


# --- analyses -------------------------------------------------------------------------------

class AnalysisIn(_In):
    concepts: list[str] | None = Field(None, description="Any of Nash, GMR, SMR, SEQ, SIM "
                                                         "(default all five).")
    variant: str | None = Field(None, description="A variant declared in the model.")
    version: int | None = Field(None, ge=1, le=MAX_ID, description="Default: the current version.")
    reuse: bool = Field(True, description="Return an identical earlier analysis instead of "
                                          "running it again.")


class AnalysisOut(BaseModel):
    id: int
    scenario_id: int
    version: int
    variant: str | None
    concepts: list[str]
    status: Literal["queued", "running", "done", "failed"]
    task: str | None
    done: int
    total: int
    progress: float = Field(description="0..1")
    n_states: int | None
    error: ErrorOut | None
    created_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class StateOut(BaseModel):
    id: int
    yn: str
    taken: list[str]
    values: dict[str, bool]
    names: list[str] = Field(default_factory=list,
                             description="The names the model gives the state (its 'states:'), "
                                         "names of this one state first")


class ConceptResult(BaseModel):
    stable_for: dict[str, list[str] | dict[str, Any]] = Field(
        description="Per DM, the Y/N strings of the states stable for it (compact form: a set of "
                    "state ids as ranges or a bitset, docs/json-schema.md).")
    equilibria: list[StateOut] | dict[str, Any] = Field(
        description="The equilibria (compact form: a set of state ids as ranges or a bitset)")
    equilibrium_states: list[StateOut] | None = Field(
        None, description="compact form: the first 1,000 equilibria as states")


class AnalysisResultOut(BaseModel):
    """The CLI's JSON schema (``detente analyze --format json``): ``detente.analysis/1`` up to
    4,096 states, ``detente.analysis/2`` (compact: state sets as ranges or bitsets, ranks as
    base64 int32; docs/json-schema.md) beyond."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: str = Field(alias="schema", description="detente.analysis/1 or detente.analysis/2 (compact)")
    sets: str | None = Field(None, description="'compact' in the compact form")
    state_codes: dict[str, Any] | None = Field(None, description="compact form: the feasible state codes")
    ranks: dict[str, str] | None = Field(None, description="compact form: each DM's ranks, base64 int32")
    model: dict[str, Any]
    n_states: int
    status_quo: StateOut | None
    concepts: list[str]
    skipped: dict[str, str]
    states: list[StateOut] | None = None
    rankings: dict[str, list[list[str]]] | None = None
    results: dict[str, ConceptResult]
    hypergame: dict[str, Any] | None = Field(None, description="each DM's view beside reality, when some DM has "
                                                                 "a perception (detente.hypergame/1, docs/json-schema.md)")
    warnings: list[dict[str, Any]] | None = Field(None, description="parts of an imported file not imported")


class MoveOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    dm: str
    from_: StateOut = Field(alias="from")
    to: StateOut
    changes: dict[str, bool]
    improves_mover: bool
    focal_rank: int | None = None


class ImprovementOut(BaseModel):
    move: MoveOut
    sanctioned: bool
    credible: bool | None
    sanction: list[MoveOut] | None
    note: str | None


class ExplanationOut(BaseModel):
    state: StateOut
    dm: str
    concept: str
    stable: bool
    rank: int
    levels: int
    improvements: list[ImprovementOut]
    text: str = Field(description="The explanation in words, as `detente explain` prints it.")


class ViewStateOut(BaseModel):
    id: int | None = Field(description="Reality's state id; null for a state only imagined by some DM")
    yn: str
    taken: list[str]
    names: list[str] = Field(default_factory=list, description="The names the model gives the state")
    real: bool = Field(description="Feasible in reality")
    invisible_to: list[str] = Field(description="DMs whose view does not contain the state")


class RestsOnOut(BaseModel):
    what: str = Field(description="The statement or perception entry the difference rests on")
    note: str | None = None
    evidence: str | None = Field(None, description="Its evidence, summarised")


class UnanticipatedOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    dm: str = Field(description="Who makes the move")
    from_: str = Field(alias="from")
    to: str
    reason: str = Field(description="invisible, not_an_improvement, believed_sanctioned or imagined")
    text: str
    rests_on: list[RestsOnOut]


class ViewExplanationOut(BaseModel):
    viewer: str
    has_perception: bool = Field(description="False: the viewer has no perception, so its view is reality")
    state: ViewStateOut
    concept: str
    visible: bool = Field(description="The viewer can see the state")
    expected: bool = Field(description="An equilibrium in the viewer's view")
    real_equilibrium: bool
    hypergame_equilibrium: bool
    stable_in_view: dict[str, bool] = Field(description="Per DM: stable in the viewer's view")
    stable_in_reality: dict[str, bool]
    stable_in_own_view: dict[str, bool] = Field(description="Per DM: stable in that DM's own view")
    unanticipated: list[UnanticipatedOut] = Field(description="The moves the viewer's game did not "
                                                              "anticipate")
    text: str = Field(description="The explanation in words, as `detente explain MODEL STATE --view DM` prints it.")


class PathMoveOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    dm: str
    from_: StateOut = Field(alias="from")
    to: StateOut
    changes: dict[str, bool]
    improves_mover: bool
    against_mover: bool = Field(False, description="The mover ranks the state it reaches strictly "
                                                   "below the one it leaves")


class PathOut(BaseModel):
    target: StateOut
    length: int
    moves_against_movers: int = Field(0, description="Moves against their mover's interest: the "
                                                     "fewest any shortest path has")
    moves: list[PathMoveOut]


class PathsOut(BaseModel):
    status_quo: StateOut
    improvements_only: bool
    concept: str | None
    n_reachable: int
    paths: list[PathOut]
    unreachable: list[StateOut]


class GraphEdge(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: int = Field(alias="from")
    to: int
    dm: str
    improvement: bool


class GraphOut(BaseModel):
    n_states: int
    dms: list[str]
    nodes: list[dict[str, Any]]
    edges: list[GraphEdge]
    status_quo: int | None
    equilibria: dict[str, list[int]]


class CompareOut(BaseModel):
    """Equilibria of the base model and of each variant, side by side."""

    scenario_id: int
    version: int
    concepts: list[str]
    comparison: dict[str, Any]


class SummaryOut(BaseModel):
    """The report's summary cards (schema ``detente.summary/1``, docs/json-schema.md)."""

    model_config = ConfigDict(populate_by_name=True)

    scenario_id: int
    version: int
    schema_: str = Field(alias="schema")
    model: dict[str, Any]
    robustness: bool = Field(description="Whether the cards' 'how sure' could be computed")
    questions: list[dict[str, Any]] = Field(description="One card per question the scenario embeds")


# --- timelines -------------------------------------------------------------------------------

class TimelineEventOut(BaseModel):
    index: int = Field(description="Position in the model's timeline.events")
    date: str
    kind: Literal["state", "move", "revision"]
    event: str | None = Field(description="What happened, in the analyst's words")
    record_only: bool = Field(description="Rests only on the analyst's record of events (no stored "
                                          "statement, no quote)")
    evidence: list[dict[str, Any]]


class TimelineVersionOut(BaseModel):
    index: int
    date: str
    label: str
    options: list[str]
    why: str | None = Field(description="Why the model was revised (revisions only)")
    revision: TimelineEventOut | None
    equilibria: list[str] = Field(description="Equilibria (Y/N) of this version under the concept")


class TimelinePointOut(BaseModel):
    date: str
    taken: list[str]
    observed: list[str] = Field(description="Options observed on this date (others carried forward)")
    version: int
    yn: str
    names: list[str] = Field(default_factory=list, description="The model's names of the state")
    events: list[TimelineEventOut]


class TimelineMoveOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    date: str
    mover: str
    changes: dict[str, bool] = Field(description="Option -> taken after the move")
    version: int = Field(description="The model version it is judged under (in force just before)")
    from_: str | None = Field(alias="from")
    to: str | None
    from_names: list[str] = Field(default_factory=list, description="The model's names of the state before")
    to_names: list[str] = Field(default_factory=list, description="The model's names of the state after")
    kind: Literal["improvement", "on path", "left unstable", "surprise"]
    anticipated: bool
    improvement: bool | None
    on_path: bool | None
    path_target: str | None = Field(description="The equilibrium the move heads for")
    left_unstable: bool | None
    unstable_for: dict[str, list[str]] = Field(description="Concept -> DMs the state before was unstable for")
    contradicts: list[str] = Field(description="The assumption(s) a surprise runs against")
    statement: str | None = Field(description="Id or text of the statement it contradicts")
    without_it: str | None
    fixed_by: int | None = Field(description="The first later version that anticipates it")
    events: list[int]


class TimelineSpellOut(BaseModel):
    start: str
    end: str | None = Field(description="Date the state was left; null: still held at `until`")
    days: int
    censored: bool
    state: str
    names: list[str] = Field(default_factory=list, description="The model's names of the state")
    version: int
    taken: list[str]
    equilibrium: bool
    p_equilibrium: float | None = Field(description="Robustness probability (null without robustness)")
    persisted: bool | None = Field(description="Held at least persisted_days (null: censored before)")


class TimelineOut(BaseModel):
    """A scenario's timeline analysis, as ``detente timeline --format json`` (schema
    ``detente.timeline/1``, docs/json-schema.md), with the text it prints."""

    scenario_id: int
    version: int
    schema_: str = Field(alias="schema")
    model: dict[str, Any]
    concept: str
    persisted_days: int
    until: str
    versions: list[TimelineVersionOut]
    path: list[TimelinePointOut]
    moves: list[TimelineMoveOut]
    spells: list[TimelineSpellOut]
    scores: dict[str, Any] = Field(description="moves, anticipated, share_anticipated, by_kind, "
                                               "surprises_fixed_later, equilibrium_spells, "
                                               "other_spells, brier")
    robustness_notes: dict[str, str]
    text: str = Field(description="The analysis in words, as `detente timeline` prints it.")

    model_config = ConfigDict(populate_by_name=True, protected_namespaces=())


# --- evidence --------------------------------------------------------------------------------

class ArticleIn(_In):
    text: str = Field(description="The article text.")
    date: dt.date | None = Field(None, description="The dateline (YYYY-MM-DD); times in the text "
                                                   "are resolved against it.")
    source: Line | None = None
    title: Line | None = None
    url: Line | None = None


class IngestIn(_In):
    articles: list[ArticleIn]


class IngestItemOut(BaseModel):
    index: int
    ok: bool
    article_id: int | None = None
    created: bool | None = None
    statements: int | None = None
    figures: int | None = None
    problems: list[ProblemOut] = []
    date_source: str | None = Field(None, description="Where the article's date came from: dateline, given, page (an HTML page's metadata), guessed.")
    warnings: list[ProblemOut] = Field(default_factory=list, description="E.g. a publication date guessed from the article's text.")


class IngestOut(BaseModel):
    results: list[IngestItemOut]
    failed: int


PARTLY_STORED = {207: {"model": IngestOut, "description": "Some articles were stored and some "
                                                          "not: each result says which and why"}}


class StatementOut(BaseModel):
    id: int
    uid: str | None = Field(None, description="Stable id (st-...), the same in every database that ingested the article; citable like id.")
    article_id: int
    speaker: str | None
    cue: str | None
    content: str
    kind: str
    channel: str | None
    channel_detail: str | None
    date: str | None
    date_granularity: str | None
    date_start: str | None
    date_source: str | None = Field(None, description="Where the date came from: text (the statement's own sentence), inherited (the statement it continues), dateline (the article's), guessed (the article's dateline, itself guessed), none; null when not recorded.")
    article_date_source: str | None = Field(None, description="Where the article's date came from: dateline, given, page, guessed.")
    date_guessed: bool = Field(False, description="The date rests on a guessed publication date.")
    confidence: float
    content_span: list[int]
    speaker_span: list[int] | None
    cue_span: list[int] | None
    extractor_version: str
    article_date: str | None
    article_source: str | None
    article_title: str | None
    article_url: str | None
    article_origin: str | None
    links: list[dict[str, Any]] = Field(default_factory=list,
                                        description="Assumptions this statement is linked to.")


class LinkIn(_In):
    statement_id: Id | Annotated[str, Field(max_length=200, pattern=NO_NUL)] = Field(
        description="The statement's integer id or its stable id (st-...).")
    target: str = Field(description="pref:<DM>:<n>, ranking:<DM>, constraint:<id or n> or "
                                    "option:<name> (GET .../assumptions lists them)")
    note: str | None = Field(None, max_length=2000, pattern=NO_NUL)


class LinkOut(BaseModel):
    id: int
    scenario_id: int
    statement_id: int
    target: str
    target_text: str | None
    note: str | None
    created_at: dt.datetime | None
    statement: StatementOut | None


class CiteIn(_In):
    base_version: int = Field(ge=1, le=MAX_ID, description="The current version (409 if someone saved since).")


class CiteOut(BaseModel):
    added: int = Field(description="Citations added (0: every link was cited already; no new "
                                   "version then).")
    scenario: ScenarioDetail


class AssumptionOut(BaseModel):
    key: str
    kind: str
    dm: str | None
    text: str
    evidence: list[str] = Field(description="Evidence written in the model file.")
    links: list[LinkOut] = Field(description="Stored statements linked in the workspace.")


class ScoredStatementOut(StatementOut):
    score: float = Field(description="TF-IDF cosine similarity (0..1)")


class SuggestedEvidenceOut(BaseModel):
    """One assumption with the stored statements ranked for it, as an item of ``detente
    suggest-evidence MODEL --format json``'s ``suggestions``."""

    kind: Literal["preference", "constraint"]
    where: str = Field(description="Field path in the model, e.g. decision_makers[0].preferences[2]")
    key: str | None = Field(description="The assumption's key (pref:<DM>:<n>, constraint:<id or n>): "
                                        "the target of POST .../links")
    owner: str | None = Field(description="The decision maker (preferences)")
    text: str
    cited: list[int | str] = Field(description="Statement ids the model already cites here")
    missing: list[int | str] = Field(description="Of those, the ones not stored in this database")
    candidates: list[ScoredStatementOut] = Field(description="Best first")


class SuggestedObservationOut(BaseModel):
    """A stored statement proposed as an observation for the timeline, as an item of ``detente
    suggest-observations MODEL --format json``'s ``candidates``."""

    option: str
    owner: str
    value: bool = Field(description="The option is taken after the reported action")
    verb: str = Field(description="The verb of taking or dropping read in the statement")
    date: str
    score: float = Field(description="Relevance (TF-IDF cosine, 0..1)")
    kind: Literal["move", "state"] = Field(description="move: it changes the option's value before "
                                                       "that date; state: it confirms it")
    before: bool | None = Field(description="The option's value just before that date (null: not "
                                            "in force yet)")
    snippet: str = Field(description="The YAML to paste under timeline: events:")
    statement: StatementOut


SUGGESTED = {200: {"description": "One page of the list (``limit``, ``offset``)", "headers": dict(
    PAGED[200]["headers"], **{"X-Statements-Searched": {
        "description": "How many stored statements were ranked",
        "schema": {"type": "integer", "minimum": 0}}})}}


class ObservationIn(_In):
    base_version: int = Field(ge=1, le=MAX_ID, description="The current version (409 if someone "
                                                           "saved since).")
    statement_id: Id | Annotated[str, Field(max_length=200, pattern=NO_NUL)] = Field(
        description="The statement's integer id or its stable id (st-...).")
    option: str = Field(max_length=500, pattern=NO_NUL, description="The option it observes")
    value: bool = Field(description="Taken (true) or not (false) after the reported action")


class ObservationOut(BaseModel):
    added: bool = Field(description="False: the timeline cites the statement already; no new "
                                    "version then")
    event: dict[str, Any] = Field(description="The timeline event (date, event, move or state, "
                                              "evidence)")
    scenario: ScenarioDetail


class HealthOut(BaseModel):
    status: str
    version: str
    database: str
    revision: str | None
    token_required: bool
