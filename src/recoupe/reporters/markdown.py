"""The `markdown` report: GitHub-flavoured Markdown for a pull-request comment."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from typing import Any, ClassVar, NamedTuple, TypeVar

from recoupe.errors import escape_controls
from recoupe.findings import ClaimRef, Finding, Severity
from recoupe.reporters._common import (
    SEVERITIES,
    PositionRow,
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
from recoupe.reporters.capped import RANK, Capped
from recoupe.reporters.pieces import Piece, Totals

# Characters that Markdown or GitHub's HTML would read as syntax; claims are data and must stay text.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(s: str) -> str:
    """Inline text: Markdown syntax and HTML neutralized, line breaks folded to spaces."""
    # the controls that are no whitespace, as escapes: no escape code or NUL reaches a CI log
    s = escape_controls(" ".join(s.split())).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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
# what the comment keeps for the line that counts the findings not shown
_RESERVED = 200


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
    separator: ClassVar[bytes] = b""

    def __init__(self, *, max_chars: int | None = 60_000) -> None:
        self.max_chars = max_chars

    def render(self, data: ReportData) -> str:
        head = self._head(data.summary())
        active = data.ordered(active=True)
        headings: dict[str, str] = {}

        def entry(f: Finding) -> _Entry:
            heading = headings.get(f.event)
            if heading is None:
                heading = headings[f.event] = self._event_heading(data, f.event)
            return self._entry(f, (f.subject, f.slot), heading)

        # only the findings that may be shown are rendered: a million findings cost a pass to pick them
        chosen = ((id(f), entry(f)) for level in SEVERITIES for f in active if f.severity is level)
        shown = dict(_fitting(chosen, self._budget(head)))
        entries = [shown[id(f)] for f in active if id(f) in shown]
        parts = _parts(head, _sections(entries), len(active), len(active) - len(entries))
        return "".join(parts).rstrip("\n") + "\n"

    def piece(self, data: ReportData, event: str) -> Piece:
        """The event's section, when the comment has no limit; else no bytes, and the blocks of its
        findings that could be shown (`assemble` picks from all events', errors first)."""
        active = data.ordered(active=True)
        if not active:
            return Piece(event)
        heading = self._event_heading(data, event)
        groups: dict[tuple[str, str], int] = {}
        if self.max_chars is None:
            entries = [
                self._entry(f, groups.setdefault((f.subject, f.slot), len(groups)), heading) for f in active
            ]
            return Piece(event, _section(entries).encode("utf-8"))
        # a bound on the budget `assemble` will have (the summary's length is not known here)
        kept: Capped[list[Any]] = Capped(self.max_chars - _RESERVED)
        for n, f in enumerate(active):
            group = groups.setdefault((f.subject, f.slot), len(groups))
            if kept.open(RANK[f.severity]):
                e = self._entry(f, group, heading)
                kept.add(RANK[f.severity], [n, group, e.label, e.text], len(e.text) + 1)
        return Piece(event, meta={"heading": heading, **kept.to_json()})

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        head = self._head(totals.summary())
        active = totals.tally.count(active=True)
        budget = self._budget(head)
        if budget is None:
            sections = (p.body.decode("utf-8") for p in pieces)
            yield from _one_newline(_parts(head, sections, active, 0))
            return
        kept: Capped[tuple[tuple[int, int], _Entry]] = Capped(budget)
        for no, p in enumerate(pieces):
            if p.meta is not None:
                kept.merge(p.meta, _from_meta(no, p.event, p.meta["heading"]))
        shown = [e for _, e in sorted(_fitting(kept.items(), budget), key=lambda s: s[0])]  # report order
        yield from _one_newline(_parts(head, _sections(shown), active, active - len(shown)))

    def _head(self, summary: dict[str, Any]) -> str:
        return "\n".join(["## recoupe report", "", *self._summary(summary), "", ""])

    def _budget(self, head: str) -> int | None:
        return None if self.max_chars is None else self.max_chars - _RESERVED - len(head)

    def _entry(self, f: Finding, group: object, heading: str) -> _Entry:
        label = group_title(f.subject, f.slot)
        if f.severity is Severity.INFO:
            return _Entry(f.event, heading, group, label, True, self._info_line(label, f))
        return _Entry(f.event, heading, group, label, False, "\n".join(self._finding(f)) + "\n")

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


class _Entry(NamedTuple):
    """A finding as the comment shows it: a block (or, for info, a line) under its event and group."""

    event: str
    heading: str  # the event's
    group: object  # equal for the findings of one (subject, slot) of the event
    label: str  # the group's title
    info: bool
    text: str


K = TypeVar("K")


def _fitting(entries: Iterable[tuple[K, _Entry]], budget: int | None) -> Iterator[tuple[K, _Entry]]:
    """The first `entries` (in show order: errors first across all events, then warnings, then info)
    whose blocks, with the headings they bring, fit in `budget` characters (all of them for None)."""
    paid: set[tuple[object, ...]] = set()
    cost = 0
    for key, e in entries:
        new: dict[tuple[object, ...], int]
        if e.info:
            new = {(e.event,): len(e.heading), (e.event, ""): _INFO_FRAME}
        else:
            new = {(e.event,): len(e.heading), (e.event, e.group): len(_group_heading(e.label))}
        extra = len(e.text) + 1 + sum(n for h, n in new.items() if h not in paid)
        if budget is not None and cost + extra > budget:
            return
        cost += extra
        paid.update(new)
        yield key, e


def _from_meta(
    no: int, event: str, heading: str
) -> Callable[[int, Any], tuple[tuple[tuple[int, int], _Entry], int]]:
    """How an entry comes back from the `no`-th event's piece: keyed by its place in report order,
    weighing (for `Capped`) its block's length, which is at most what showing it costs."""

    def make(level: int, raw: Any) -> tuple[tuple[tuple[int, int], _Entry], int]:
        n, group, label, text = raw
        info = level == RANK[Severity.INFO]
        return ((no, n), _Entry(event, heading, group, label, info, text)), len(text) + 1

    return make


def _sections(entries: Iterable[_Entry]) -> Iterator[str]:
    """One section per event, of entries in report order."""
    for _, group in groupby(entries, key=lambda e: e.event):
        yield _section(list(group))


def _section(entries: list[_Entry]) -> str:
    """An event's section: its heading, a table per group of its errors and warnings, then its info
    findings one line each in a collapsed block."""
    out = [entries[0].heading]
    groups: dict[object, list[_Entry]] = {}
    for e in entries:
        groups.setdefault(e.group, []).append(e)
    infos: list[str] = []
    for members in groups.values():
        listed = [e.text for e in members if not e.info]
        infos += [e.text for e in members if e.info]
        if listed:
            out.append(_group_heading(members[0].label))
            out += listed
    if infos:
        head = [f"<details><summary>{plural(len(infos), 'info finding')}</summary>", ""]
        out.append("\n".join([*head, *infos, "", "</details>", "", ""]))
    return "".join(out)


def _group_heading(label: str) -> str:
    return f"#### {escape(label)}\n\n"


def _parts(head: str, sections: Iterable[str], active: int, left: int) -> Iterator[str]:
    """The comment: the head, the sections, and what says there is nothing or not all is shown."""
    yield head
    yield from sections
    if not active:
        yield "No findings.\n"
    if left:
        yield f"_{plural(left, 'more finding')} not shown: the comment would be too long. See the full report._\n"


def _one_newline(parts: Iterable[str]) -> Iterator[bytes]:
    """`parts` as UTF-8, ending in one newline: `"".join(parts).rstrip("\\n") + "\\n"` a part at a time."""
    held = ""
    for part in parts:
        body = part.rstrip("\n")
        if body:
            yield (held + body).encode("utf-8")
            held = part[len(body) :]
        else:
            held += part
    yield b"\n"


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
