"""The `text` report: findings for a terminal, with rich, the sources' wordings side by side."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, ClassVar

from recoupe.findings import ClaimRef, Finding, Severity
from recoupe.reporters._common import (
    by_event,
    claims_by_source,
    counts_line,
    event_label,
    event_title,
    group_title,
    plural,
    suppression_label,
    where,
)
from recoupe.reporters.base import ReportData, Reporter

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}


class TextReporter(Reporter):
    """Findings grouped by event, then by (subject, slot); each shows every source's claim in a column.

    Colour is off unless asked for, so that the output is the same wherever it is rendered; the CLI
    turns it on for a terminal. Suppressed findings are only counted, unless `show_suppressed`.
    """

    name: ClassVar[str] = "text"
    suffix: ClassVar[str] = ".txt"

    def __init__(self, *, color: bool = False, width: int = 100, show_suppressed: bool = False) -> None:
        self.color = color
        self.width = width
        self.show_suppressed = show_suppressed

    def render(self, data: ReportData) -> str:
        from rich.console import Console

        out = io.StringIO()
        console = Console(
            file=out,
            width=self.width,
            force_terminal=self.color,
            color_system="truecolor" if self.color else None,
            no_color=not self.color,
            highlight=False,
            emoji=False,
            legacy_windows=False,
            soft_wrap=False,
        )
        shown = data.findings if self.show_suppressed else data.active
        for event, groups in by_event(shown).items():
            self._event(console, data, event, groups)
        if not shown:
            console.print(_text("No findings.", "green" if not data.active else ""))
        self._summary(console, data)
        text = out.getvalue()
        if not self.color:  # rich pads wrapped lines to the width; plain text need not carry that
            text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
        return text

    def _event(
        self,
        console: Console,
        data: ReportData,
        event: str,
        groups: dict[tuple[str, str], list[Finding]],
    ) -> None:
        from rich.text import Text

        header = Text()
        header.append(event_label(event), style="bold underline")
        title = event_title(data, event)
        if title:
            header.append(f"  {title}", style="bold")
        console.print(header)
        for (subject, slot), findings in groups.items():
            console.print()
            console.print(_text(f"  {group_title(subject, slot)}", "bold magenta"))
            for f in findings:
                self._finding(console, f)
        console.print()

    def _finding(self, console: Console, f: Finding) -> None:
        from rich.padding import Padding
        from rich.text import Text

        line = Text("  ")
        line.append(f"{f.severity.value:<8}", style=SEVERITY_STYLE[f.severity])
        line.append(f"{f.code}", style="bold")
        line.append(f"  {f.name}", style="dim")
        line.append(f"  [{f.category}]", style="dim")
        tag = suppression_label(f)
        if tag:
            line.append(f"  ({tag})", style="dim italic")
        console.print(line)
        console.print(Padding(Text(f.message), (0, 0, 0, 4), expand=False))
        if f.claims:
            console.print(Padding(self._claims_table(f.claims), (0, 0, 0, 4), expand=False))
        if f.suggestion:
            hint = Text("suggestion: ", style="bold green")
            hint.append(f.suggestion)
            console.print(Padding(hint, (0, 0, 0, 4), expand=False))

    def _claims_table(self, refs: tuple[ClaimRef, ...]) -> RenderableType:
        """One column per source, so that the wordings to compare sit next to each other."""
        from rich import box
        from rich.table import Table
        from rich.text import Text

        per_source = claims_by_source(refs)
        table = Table(box=box.ROUNDED, show_header=True, header_style="bold", expand=False, pad_edge=True)
        for source in per_source:
            table.add_column(
                Text(source), overflow="fold", ratio=1, max_width=max(24, (self.width - 8) // len(per_source))
            )
        table.add_row(*(self._cell(claims) for claims in per_source.values()))
        return table

    def _cell(self, claims: list[ClaimRef]) -> Text:
        from rich.text import Text

        cell = Text()
        for i, c in enumerate(claims):
            if i:
                cell.append("\n\n")
            cell.append(f"« {c.value} »", style="bold")
            if c.attributed_to:
                cell.append(f"\naccording to {c.attributed_to}", style="italic")
            if c.quote:
                cell.append(f'\n"{c.quote}"', style="italic dim")
            cell.append(f"\n{where(c)}", style="blue")
        return cell

    def _summary(self, console: Console, data: ReportData) -> None:
        summary = data.summary()
        unmatched = summary["baseline_unmatched"]
        if unmatched:
            console.print(
                _text(f"{plural(unmatched, 'baseline entry', 'baseline entries')} matched no finding", "dim")
            )
        sev = summary["by_severity"]
        style = "bold red" if sev["error"] else "bold yellow" if sev["warning"] else "bold green"
        console.print(_text(counts_line(summary), style))


def _text(s: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(s, style=style)
