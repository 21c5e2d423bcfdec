"""The `text` report: findings for a terminal, with rich, the sources' wordings side by side.

The report is written as blocks (see `text_blocks`), which `text_blocks.Blocks` lays out as rich
would print them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

from rich.console import Console

from recoupe.errors import escape_controls
from recoupe.findings import ClaimRef, Finding, Severity
from recoupe.gcpause import no_collection
from recoupe.reporters._common import (
    POSITION_HEADER,
    PositionRow,
    by_event,
    claims_by_source,
    counts_line,
    event_label,
    event_title,
    group_title,
    plural,
    position_table,
    suppression_label,
    where,
)
from recoupe.reporters.base import ReportData, Reporter
from recoupe.reporters.pieces import Piece, Totals, joined, totals_of
from recoupe.reporters.text_blocks import Blocks, BlockWriter, Column, Row
from recoupe.reporters.text_blocks import Piece as Styled

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}


class TextReporter(Reporter):
    """Findings grouped by event, then by (subject, slot); each shows every source's claim in a column.

    Colour is off unless asked for, so that the output is the same wherever it is rendered; the CLI
    turns it on for a terminal. Suppressed findings are only counted, unless `show_suppressed`.
    """

    name: ClassVar[str] = "text"
    suffix: ClassVar[str] = ".txt"
    separator: ClassVar[bytes] = b""

    def __init__(
        self,
        *,
        color: bool = False,
        width: int = 100,
        show_suppressed: bool = False,
        show_info: bool = False,
        min_severity: str = "info",
    ) -> None:
        self.color = color
        self.width = width
        self.show_suppressed = show_suppressed
        # info findings (agreements, mostly) outnumber the rest many times over: counted, not listed,
        # unless asked for, as the HTML report folds them
        self.show_info = show_info
        self.min_severity = min_severity

    def render(self, data: ReportData) -> str:
        return "".join(self._texts(data))

    def chunks(self, data: ReportData) -> Iterator[bytes]:
        """The report an event at a time: a million findings never sit in memory as one string."""
        with no_collection():
            for text in self._texts(data):
                yield text.encode("utf-8")

    def piece(self, data: ReportData, event: str) -> Piece:
        # (the tail is made from the totals: a piece needs no meta)
        return Piece(event, "".join(self._event_texts(self._writer(), data)).encode("utf-8"))

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        yield from joined(pieces, self.separator)
        yield self._tail(self._writer(), totals).encode("utf-8")

    def _texts(self, data: ReportData, out: BlockWriter | None = None) -> Iterator[str]:
        """The whole report: each event's text, then the tail (what `assemble` writes from pieces)."""
        out = out or self._writer()
        yield from self._event_texts(out, data)
        yield self._tail(out, totals_of(data))

    def _writer(self) -> BlockWriter:
        return _Escaped(Blocks(self._console()))

    def _folding(self) -> bool:
        return self.min_severity == "info" and not self.show_info

    def _event_texts(self, out: BlockWriter, data: ReportData) -> Iterator[str]:
        """The text of each event with findings listed, in report order."""
        floor = "warning" if self._folding() else self.min_severity
        shown = data.shown(floor, suppressed=self.show_suppressed)
        for event, groups in by_event(shown).items():
            self._event(out, data, event, groups)
            yield self._finish(out.take())

    def _tail(self, out: BlockWriter, totals: Totals) -> str:
        """The last lines, from the run's counts alone: whether anything is listed, the info findings
        folded, the baseline entries left over, the summary."""
        tally = totals.tally
        listed = tally.count(active=not self.show_suppressed)
        if not listed:
            out.text([("No findings.", "green" if not tally.count() else "")])
        folded = tally.count(severity=Severity.INFO.value, active=not self.show_suppressed)
        if folded and self._folding():
            out.text([(f"{plural(folded, 'info finding')} not listed (--show-info lists them)", "dim")])
        self._summary(out, totals.summary())
        return self._finish(out.take())

    def _finish(self, text: str) -> str:
        """Text as printed: rich pads wrapped lines to the width; plain text need not carry that.

        (Applied to each event's text apart: each ends a line, so the lines are the same.)
        """
        if self.color or not text:
            return text
        return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"

    def _console(self) -> Console:
        """The console the report is laid out for: `width` columns, colour only when asked for."""
        return Console(
            file=io.StringIO(),
            width=self.width,
            force_terminal=self.color,
            color_system="truecolor" if self.color else None,
            no_color=not self.color,
            highlight=False,
            emoji=False,
            legacy_windows=False,
            soft_wrap=False,
        )

    def _event(
        self,
        out: BlockWriter,
        data: ReportData,
        event: str,
        groups: dict[tuple[str, str], list[Finding]],
    ) -> None:
        header = [(event_label(event), "bold underline")]
        title = event_title(data, event)
        if title:
            header.append((f"  {title}", "bold"))
        out.text(header)
        for (subject, slot), findings in groups.items():
            out.blank()
            out.text([(f"  {group_title(subject, slot)}", "bold magenta")])
            for f in findings:
                self._finding(out, f)
        out.blank()

    def _finding(self, out: BlockWriter, f: Finding) -> None:
        line = [
            ("  ", ""),
            (f"{f.severity.value:<8}", SEVERITY_STYLE[f.severity]),
            (f.code, "bold"),
            (f"  {f.name}", "dim"),
            (f"  [{f.category}]", "dim"),
        ]
        tag = suppression_label(f)
        if tag:
            line.append((f"  ({tag})", "dim italic"))
        out.text(line)
        out.indented([(f.message, "")])
        if f.category == "input":  # a problem with a file, not claims to compare: only where it is
            for c in f.claims:
                out.indented([(where(c), "blue")])
        else:
            rows, others = position_table(f)
            if rows:
                self._positions_table(out, rows)
            if others:
                self._claims_table(out, tuple(others))
        if f.suggestion:
            out.indented([(f"suggestion: {f.suggestion}", "bold green")])

    def _claims_table(self, out: BlockWriter, refs: tuple[ClaimRef, ...]) -> None:
        """One column per source, so that the wordings to compare sit next to each other."""
        per_source = claims_by_source(refs)
        out.table(
            [(source, self._cell(claims)) for source, claims in per_source.items()],
            max_width=max(24, (self.width - 8) // len(per_source)),
        )

    def _positions_table(self, out: BlockWriter, rows: list[PositionRow]) -> None:
        """One row per position: who says it, what, as of when, and the sources that hold it, each
        with its quote and where its claim is written (in place of the claims table)."""
        out.grid(
            POSITION_HEADER,
            [[[(r.counter, "italic")], [(r.value, "bold")], [(r.as_of, "")], self._holders(r)] for r in rows],
            max_width=max(24, (self.width - 8) // 2),
        )

    def _holders(self, row: PositionRow) -> list[Styled]:
        cell: list[Styled] = []
        for i, c in enumerate(row.claims):
            cell.append((f"{chr(10) if i else ''}{c.source}", "bold"))
            if c.quote:
                cell.append((f' "{c.quote}"', "italic dim"))
            cell.append((f"\n{where(c)}", "blue"))
        if row.more:
            cell.append((f"\n{row.more}", "dim"))
        return cell

    def _cell(self, claims: list[ClaimRef]) -> list[Styled]:
        cell: list[Styled] = []
        for i, c in enumerate(claims):
            if i:
                cell.append(("\n\n", ""))
            cell.append((f"« {c.value} »", "bold"))
            if c.attributed_to:
                cell.append((f"\naccording to {c.attributed_to}", "italic"))
            if c.quote:
                cell.append((f'\n"{c.quote}"', "italic dim"))
            cell.append((f"\n{where(c)}", "blue"))
        return cell

    def _summary(self, out: BlockWriter, summary: dict[str, Any]) -> None:
        unmatched = summary["baseline_unmatched"]
        if unmatched:
            out.text(
                [(f"{plural(unmatched, 'baseline entry', 'baseline entries')} matched no finding", "dim")]
            )
        sev = summary["by_severity"]
        style = "bold red" if sev["error"] else "bold yellow" if sev["warning"] else "bold green"
        out.text([(counts_line(summary), style)])


class _Escaped:
    """A BlockWriter that shows control characters of the text as escapes (`\\x1b`): values come
    from claims files, and a terminal or a CI log would act on an escape code or a NUL."""

    def __init__(self, out: BlockWriter) -> None:
        self._out = out

    def text(self, pieces: Sequence[Styled]) -> None:
        self._out.text(_clean(pieces))

    def getvalue(self) -> str:
        return self._out.getvalue()

    def take(self) -> str:
        return self._out.take()

    def blank(self) -> None:
        self._out.blank()

    def indented(self, pieces: Sequence[Styled]) -> None:
        self._out.indented(_clean(pieces))

    def table(self, columns: Sequence[Column], max_width: int) -> None:
        self._out.table([(escape_controls(head), _clean(cell)) for head, cell in columns], max_width)

    def grid(self, headers: Sequence[str], rows: Sequence[Row], max_width: int) -> None:
        self._out.grid(
            [escape_controls(head) for head in headers],
            [[_clean(cell) for cell in row] for row in rows],
            max_width,
        )


def _clean(pieces: Sequence[Styled]) -> list[Styled]:
    return [(escape_controls(s), style) for s, style in pieces]
