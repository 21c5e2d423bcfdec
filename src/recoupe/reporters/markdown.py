"""The `markdown` report: GitHub-flavoured Markdown for a pull-request comment."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from recoupe.errors import escape_controls
from recoupe.findings import ClaimRef, Finding, Severity
from recoupe.reporters._common import (
    SEVERITIES,
    PositionRow,
    by_event,
    counts_line,
    event_label,
    event_title,
    group_title,
    plural,
    position_table,
    status_line,
    where,
)
from recoupe.reporters.base import ReportData, Reporter

# Characters that Markdown or GitHub's HTML would read as syntax; claims are data and must stay text.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(s: str) -> str:
    """Inline text: Markdown syntax and HTML neutralized, line breaks folded to spaces."""
    # the controls that are no whitespace, as escapes: no escape code or NUL reaches a CI log
    s = "".join(_HTML.get(ch, ch) for ch in escape_controls(" ".join(s.split())))
    return _SPECIAL.sub(r"\\\1", s)


def cell(s: str | None) -> str:
    """A table cell: like `escape`, but a line break becomes <br>, which a cell can hold."""
    if not s:
        return ""
    return "<br>".join(escape(line) for line in s.splitlines() if line.strip())


def _code(s: str) -> str:
    return escape_controls(s).replace("`", "'")


# what an event's block of info findings adds around its lines ("<details><summary>…")
_INFO_FRAME = 80


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or [":--"] * len(header)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    out.extend("| " + " | ".join(r) + " |" for r in rows)
    return out


class MarkdownReporter(Reporter):
    """A summary table, then one section per event with a table of the claims of each finding.

    Errors and warnings get a table each; info findings, often the most numerous, are listed one
    line each in a collapsed block. Only findings that count are listed; waived and baselined ones
    are counted in the summary. The text stays under `max_chars` (GitHub refuses comments over
    65,536 characters): findings that do not fit are counted, not shown.
    """

    name: ClassVar[str] = "markdown"
    suffix: ClassVar[str] = ".md"

    def __init__(self, *, max_chars: int | None = 60_000) -> None:
        self.max_chars = max_chars

    def render(self, data: ReportData) -> str:
        summary = data.summary()
        head = "\n".join(["## recoupe report", "", *self._summary(summary), "", ""])
        active = data.ordered(active=True)
        shown, left = self._chosen(data, active, len(head))
        out = [head]
        for event, groups in by_event([f for f in active if id(f) in shown]).items():
            out.append(self._event_heading(data, event))
            infos: list[tuple[str, Finding]] = []
            for (subject, slot), findings in groups.items():
                label = group_title(subject, slot)
                listed = [f for f in findings if f.severity is not Severity.INFO]
                infos += [(label, f) for f in findings if f.severity is Severity.INFO]
                if listed:
                    out.append(f"#### {escape(label)}\n\n")
                    out += [shown[id(f)] for f in listed]
            if infos:
                out.append(self._infos([(label, shown[id(f)]) for label, f in infos]))
        if not active:
            out.append("No findings.\n")
        if left:
            out.append(
                f"_{plural(left, 'more finding')} not shown: the comment would be too long. See the full report._\n"
            )
        return "".join(out).rstrip("\n") + "\n"

    def _chosen(self, data: ReportData, active: list[Finding], used: int) -> tuple[dict[int, str], int]:
        """The findings the comment shows, errors first across all events, then warnings, then info,
        as many as fit under max_chars, each with its text; and how many are left out.

        Only the findings shown are rendered: a million findings cost a pass to sort them by level.
        """
        budget = None if self.max_chars is None else self.max_chars - 200 - used
        shown: dict[int, str] = {}
        headings: set[tuple[str, ...]] = set()
        cost = 0
        for level in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            for f in active:
                if f.severity is not level:
                    continue
                label = group_title(f.subject, f.slot)
                if level is Severity.INFO:
                    text = self._info_line(label, f)
                    new = {(f.event,): len(self._event_heading(data, f.event)), (f.event, ""): _INFO_FRAME}
                else:
                    text = "\n".join(self._finding(f)) + "\n"
                    new = {
                        (f.event,): len(self._event_heading(data, f.event)),
                        (f.event, f.subject, f.slot): len(f"#### {escape(label)}\n\n"),
                    }
                extra = len(text) + 1 + sum(n for h, n in new.items() if h not in headings)
                if budget is not None and cost + extra > budget:
                    return shown, len(active) - len(shown)
                cost += extra
                headings.update(new)
                shown[id(f)] = text
        return shown, 0

    def _event_heading(self, data: ReportData, event: str) -> str:
        title = event_title(data, event)
        heading = f"`{_code(event_label(event))}`" + (f": {escape(title)}" if title else "")
        return f"### {heading}\n\n"

    def _info_line(self, label: str, f: Finding) -> str:
        rows, _ = position_table(f)
        # a finding about positions shows them in a table under its line, rather than its claims'
        # lines after it
        at = "" if rows else ", ".join(escape(where(c)) for c in f.claims)
        line = f"- `{_code(f.code)}` {escape(label)}: {escape(f.message)}" + (f" ({at})" if at else "")
        if rows:
            line += "\n\n" + "\n".join(f"  {row}" for row in _positions(rows)) + "\n"
        return line

    def _infos(self, lines: list[tuple[str, str]]) -> str:
        head = [f"<details><summary>{plural(len(lines), 'info finding')}</summary>", ""]
        return "\n".join([*head, *(line for _, line in lines), "", "</details>", "", ""])

    def _summary(self, summary: dict[str, Any]) -> list[str]:
        mark = "❌" if summary["failing"] else "✅"
        lines = [
            f"{mark} **{counts_line(summary)}**: {status_line(summary)}.",
            "",
            f"{plural(summary['events'], 'event')}, {plural(summary['sources'], 'source')}, "
            f"{plural(summary['claims'], 'claim')}.",
        ]
        if summary["baseline_unmatched"]:
            n = summary["baseline_unmatched"]
            lines += ["", f"{plural(n, 'baseline entry', 'baseline entries')} matched no finding."]
        sev = summary["by_severity"]
        lines += [
            "",
            *table(
                ["Severity", "Findings"], [[s.value, str(sev[s.value])] for s in SEVERITIES], [":--", "--:"]
            ),
        ]
        if summary["by_category"]:
            rows = [[escape(c), str(n)] for c, n in summary["by_category"].items()]
            lines += ["", *table(["Category", "Findings"], rows, [":--", "--:"])]
        return lines

    def _finding(self, f: Finding) -> list[str]:
        lines = [
            f"**{f.severity.value}** `{_code(f.code)}` {escape(f.name)} ({escape(f.category)}): {escape(f.message)}",
            "",
        ]
        positions, others = position_table(f)
        if positions:
            lines += [*_positions(positions), ""]
        if others:
            rows = [[escape(c.source), cell(c.value), cell(c.quote), escape(where(c))] for c in others]
            lines += [*table(["Source", "Wording", "Quote", "Line"], rows), ""]
        if f.suggestion:
            lines += [f"> **Suggestion:** {escape(f.suggestion)}", ""]
        return lines


def positions_markdown(f: Finding) -> list[str]:
    """A finding's positions table (none for a finding that relates no positions)."""
    rows, _ = position_table(f)
    return _positions(rows) if rows else []


def _positions(rows: list[PositionRow]) -> list[str]:
    """The positions table: who says it, what, as of when, and the sources that hold it, each with
    its quote and line (in place of the claims table)."""
    return table(
        ["Counter", "Value", "As of", "Sources"],
        [
            [
                escape(r.counter),
                escape(r.value),
                escape(r.as_of),
                "<br>".join([*(_holder(c) for c in r.claims), *([escape(r.more)] if r.more else [])]),
            ]
            for r in rows
        ],
    )


def _holder(c: ClaimRef) -> str:
    quote = f" “{escape(c.quote)}”" if c.quote else ""
    return f"{escape(c.source)}{quote} ({escape(where(c))})"
