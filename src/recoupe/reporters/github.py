"""The `github` report: GitHub Actions workflow commands, one annotation per finding, for repositories
without code scanning."""

from __future__ import annotations

from typing import ClassVar

from recoupe.findings import Finding, Severity
from recoupe.reporters.base import LineReporter

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(s: str) -> str:
    """A command's message, escaped as the runner reads it back: a newline would end the command."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(s: str) -> str:
    """A command's property value, where ':' and ',' are separators too."""
    return _data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(LineReporter):
    """`::error file=…,line=…,title=…::message` per finding that counts; a workflow step prints them
    and GitHub shows each one on the pull request's changed file, at the claim's line.

    File paths are as the loader showed them (relative to where recoupe runs, the checkout's root in a
    workflow). Info findings are notices; `--min-severity` leaves them out.
    """

    name: ClassVar[str] = "github"

    def line(self, f: Finding, file: str | None, line: int | None) -> str:
        props = [f"file={_property(file)}"] if file else []
        if file and line is not None:
            props.append(f"line={line}")
        props.append(f"title={_property(f'{f.code} {f.name}')}")
        message = f.message if not f.suggestion else f"{f.message}\nsuggestion: {f.suggestion}"
        return f"::{COMMAND[f.severity]} {','.join(props)}::{_data(message)}"

    def summary_line(self, counts: str) -> str:
        return f"recoupe: {counts}"
