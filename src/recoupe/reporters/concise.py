"""The `concise` report: one line per finding, `file:line:col: severity code message`, for editors and grep."""

from __future__ import annotations

from typing import ClassVar

from recoupe.findings import Finding
from recoupe.reporters._common import one_line
from recoupe.reporters.base import LineReporter


class ConciseReporter(LineReporter):
    """Findings that count, at their first claim's line, in the form compilers use (and editors jump to).

    The column is 1: a claim is located by its line in the claims file. A finding with no file (about
    an event only implied by its folder) is put at `-`. The last line is the summary.
    """

    name: ClassVar[str] = "concise"

    def line(self, f: Finding, file: str | None, line: int | None) -> str:
        suggestion = f" (suggestion: {one_line(f.suggestion)})" if f.suggestion else ""
        return f"{file or '-'}:{line or 1}:1: {f.severity.value} {f.code} {one_line(f.message)}{suggestion}"
