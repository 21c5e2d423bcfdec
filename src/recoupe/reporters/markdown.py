"""The `markdown` report: GitHub-flavoured Markdown for a pull-request comment."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from recoupe.findings import Finding, Severity
from recoupe.reporters._common import (
    SEVERITIES,
    by_event,
    counts_line,
    event_label,
    event_title,
    group_title,
    plural,
    status_line,
    where,
)
from recoupe.reporters.base import ReportData, Reporter

# Characters that Markdown or GitHub's HTML would read as syntax; claims are data and must stay text.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(s: str) -> str:
    """Inline text: Markdown syntax and HTML neutralized, line breaks folded to spaces."""
    s = "".join(_HTML.get(ch, ch) for ch in s)
    return " ".join(_SPECIAL.sub(r"\\\1", s).split())


def cell(s: str | None) -> str:
    """A table cell: like `escape`, but a line break becomes <br>, which a cell can hold."""
    if not s:
        return ""
    return "<br>".join(escape(line) for line in s.splitlines() if line.strip())


def _code(s: str) -> str:
    return s.replace("`", "'")


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
        # (text, findings it shows); dropped whole when over budget, so no table or block is cut
        chunks: list[tuple[str, int]] = []
        for event, groups in by_event(data.ordered(active=True)).items():
            title = event_title(data, event)
            heading = f"`{_code(event_label(event))}`" + (f": {escape(title)}" if title else "")
            chunks.append((f"### {heading}\n\n", 0))
            infos: list[tuple[str, Finding]] = []
            for (subject, slot), findings in groups.items():
                label = group_title(subject, slot)
                shown = [f for f in findings if f.severity is not Severity.INFO]
                infos += [(label, f) for f in findings if f.severity is Severity.INFO]
                if shown:
                    chunks.append((f"#### {escape(label)}\n\n", 0))
                    chunks += [("\n".join(self._finding(f)) + "\n", 1) for f in shown]
            if infos:
                chunks.append((self._infos(infos), len(infos)))
        if not data.active:
            chunks.append(("No findings.\n", 0))
        out, size, left = [head], len(head), 0
        for text, n in chunks:
            if left or (self.max_chars is not None and size + len(text) > self.max_chars - 200):
                left += n
                continue
            out.append(text)
            size += len(text)
        if left:
            out.append(
                f"_{plural(left, 'more finding')} not shown: the comment would be too long. See the full report._\n"
            )
        return "".join(out).rstrip("\n") + "\n"

    def _infos(self, infos: list[tuple[str, Finding]]) -> str:
        lines = [f"<details><summary>{plural(len(infos), 'info finding')}</summary>", ""]
        for label, f in infos:
            at = ", ".join(escape(where(c)) for c in f.claims)
            lines.append(
                f"- `{_code(f.code)}` {escape(label)}: {escape(f.message)}" + (f" ({at})" if at else "")
            )
        return "\n".join([*lines, "", "</details>", "", ""])

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
        if f.claims:
            rows = [[escape(c.source), cell(c.value), cell(c.quote), escape(where(c))] for c in f.claims]
            lines += [*table(["Source", "Wording", "Quote", "Line"], rows), ""]
        if f.suggestion:
            lines += [f"> **Suggestion:** {escape(f.suggestion)}", ""]
        return lines
