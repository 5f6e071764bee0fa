"""Evidence entries: on what each modelling assumption rests.

Every preference statement, constraint, option or bargaining position may carry an
``evidence`` entry (or a list of them). An entry either cites a source (who said it, through
which channel, when, a short quote, where it was published) or marks the assumption as the
analyst's own, with the reason. Stored statements from ``detente ingest`` can be cited by id.
"""

from __future__ import annotations

import datetime as dt
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

def parse_iso_date(v):
    """Pydantic 'before' validator body: ISO dates as text -> date, with a readable error."""
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            raise ValueError(f"{v!r} is not a date; write it as YYYY-MM-DD") from None
    return v


class Evidence(BaseModel):
    """One piece of evidence behind an assumption."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    speaker: str | None = Field(None, description="Who said it, canonical name (e.g. 'Pete Hegseth').")
    role: str | None = Field(None, description="The speaker's role at the time (e.g. 'U.S. Defense Secretary').")
    channel: str | None = Field(None, description="How it was said: social-media post (and platform), remarks at a named meeting, told reporters, statement, interview, article.")
    date: dt.date | None = Field(None, description="When it was said (resolved against the report's dateline).")
    quote: str | None = Field(None, description="A short verbatim quote.")
    source: str | None = Field(None, description="Where it was published (outlet, title or a key of the scenario's `sources`).")
    url: str | None = None
    statement_id: int | str | None = Field(None, description="A statement stored by `detente ingest`: its stable id (st-..., the same in every database that ingested the article) or its integer id (this database only).")
    assumption: str | None = Field(None, description="Set when the report is silent: the analyst's reason for the assumption.")
    record: str | None = Field(None, description="The analyst's own record of an event (from public reporting not stored in detente), in the analyst's words; shown marked as such.")
    note: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _parse_date(cls, v):
        return parse_iso_date(v)

    @field_validator("statement_id", mode="before")
    @classmethod
    def _parse_statement_id(cls, v):
        if v is None:
            return v
        from detente.evidence.identity import parse_statement_ref
        return parse_statement_ref(v)  # ValueError -> a located validation error

    @model_validator(mode="after")
    def _something(self):
        if not (self.quote or self.assumption or self.record or self.statement_id is not None
                or self.source or self.note):
            raise ValueError("evidence needs a quote, a source, a statement_id, a 'record' of an "
                             "event, or an 'assumption' giving the analyst's reason")
        return self

    @property
    def is_assumption(self) -> bool:
        return self.assumption is not None and not self.quote and self.statement_id is None

    @property
    def is_record(self) -> bool:
        """The analyst's record of an event, not a source's words."""
        return self.record is not None and not self.quote and self.statement_id is None

    def summary(self) -> str:
        if self.is_assumption:
            return f"assumption: {self.assumption}"
        if self.is_record:
            when = f" ({self.date.isoformat()})" if self.date else ""
            return f"analyst's record of events{when}: {self.record}"
        bits = [b for b in (self.speaker, self.channel, self.date and self.date.isoformat()) if b]
        head = ", ".join(bits)
        quote = f'"{self.quote}"' if self.quote else ""
        return " ".join(b for b in (head + (":" if head and quote else ""), quote) if b)


def evidence_list(value) -> list:
    """Accept one evidence mapping or a list of them (schema helper)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    return value
