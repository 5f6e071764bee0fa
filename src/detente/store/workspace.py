"""Workspace tables of the web app: scenarios, their versions, analyses and evidence links.

They live on the same declarative :class:`~detente.store.schema.Base` and in the same Alembic
history as the evidence tables (migration ``0002_workspace``), so one database holds a team's
whole workspace.

* ``scenarios``: one conflict model being worked on; ``current_version`` is the optimistic
  concurrency token (an update names the version it was based on; a stale one is refused).
* ``scenario_versions``: every saved text (YAML or JSON exactly as written), numbered 1, 2, ...
  per scenario, never changed once written.
* ``analyses``: a stability analysis of one version (and optionally one variant) as a job:
  status, progress, and the result in the CLI's JSON schema (``detente.analysis/1``) as text.
* ``evidence_links``: a stored statement (``statements.id``) supports an assumption of a
  scenario's model (a preference statement, a constraint or an option, by a stable key).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint,
                        func)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from detente.store.schema import Base

__all__ = ["ScenarioRow", "ScenarioVersionRow", "AnalysisRow", "EvidenceLinkRow",
           "JOB_STATUSES"]

JOB_STATUSES = ("queued", "running", "done", "failed")


class ScenarioRow(Base):
    """A conflict model in the workspace (its texts are in :class:`ScenarioVersionRow`)."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                    server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                    server_default=func.now())

    versions: Mapped[list["ScenarioVersionRow"]] = relationship(
        back_populates="scenario", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ScenarioVersionRow.version")


class ScenarioVersionRow(Base):
    """One saved text of a scenario; ``(scenario_id, version)`` is unique."""

    __tablename__ = "scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "version",
                                       name="uq_scenario_versions_scenario_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"),
                                             index=True)
    version: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(10))  # yaml | json
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    message: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                    server_default=func.now())

    scenario: Mapped[ScenarioRow] = relationship(back_populates="versions")


class AnalysisRow(Base):
    """A stability analysis of one scenario version, run as a background job."""

    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"),
                                             index=True)
    version: Mapped[int] = mapped_column(Integer)
    variant: Mapped[str | None] = mapped_column(String(200))
    concepts: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    task: Mapped[str | None] = mapped_column(String(100))
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    n_states: Mapped[int | None] = mapped_column(Integer)
    # JSON text, schema detente.analysis/1; deferred: status polls must not load megabytes
    result: Mapped[str | None] = mapped_column(Text, deferred=True)
    error: Mapped[dict | None] = mapped_column(JSON)  # DetenteError.to_dict()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                    server_default=func.now())
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class EvidenceLinkRow(Base):
    """A stored statement cited as support for one assumption of a scenario's model.

    ``target`` is a stable key of the assumption: ``pref:<DM>:<n>`` (the DM's n-th preference
    statement, 1-based), ``constraint:<id or n>`` or ``option:<name>``; ``target_text`` keeps
    the assumption's text when linked, so a link stays readable after the model changes.
    """

    __tablename__ = "evidence_links"
    __table_args__ = (UniqueConstraint("scenario_id", "statement_id", "target",
                                       name="uq_evidence_links_scenario_statement_target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"),
                                             index=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"),
                                              index=True)
    target: Mapped[str] = mapped_column(String(300))
    target_text: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                    server_default=func.now())
