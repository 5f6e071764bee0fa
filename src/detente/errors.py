"""Errors that reach users.

Every problem with user input is raised as a :class:`DetenteError` (or a subclass) that says
*where* (file, line, field), *what* went wrong and *how to fix it*. The command line prints
these without a traceback and exits with status 2; the web API turns them into 4xx answers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # dotted path, e.g. "decision_makers[0].options[1].name"
    hint: str | None = None

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.field:
            parts.append(f"field {self.field}")
        return ": ".join(parts[:1]) + (", " + ", ".join(parts[1:]) if len(parts) > 1 else "") if parts else ""

    def __str__(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


class DetenteError(Exception):
    """A user-facing error carrying one or more located :class:`Problem` s."""

    exit_code = 2

    def __init__(self, problems: Problem | str | list[Problem], **kwargs) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, **kwargs)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def to_dict(self) -> dict:
        return {"error": type(self).__name__, "problems": [p.to_dict() for p in self.problems]}


class ModelError(DetenteError):
    """The conflict model (YAML/JSON/.gmcr) is malformed or inconsistent."""


class TooLargeError(DetenteError):
    """The request would need more memory or time than allowed; says how much and how to reduce it."""
