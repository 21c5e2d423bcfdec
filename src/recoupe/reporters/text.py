"""The `text` report: findings for a terminal, with rich, the sources' wordings side by side.

A report is made of four kinds of block: a line of styled text, a paragraph indented under it, a
table of the claims with one column per source, and a blank line. `_RichBlocks` prints them with
rich's renderables (Text, Padding, Table). That costs about 1.5 ms a finding, nearly all of it in
rich's general machinery (measuring, padding and cropping segments through nested renderables), so
`_Blocks` lays the same blocks out directly: rich's own wrapping, cell widths and styles, applied in
the few steps that blocks of these shapes go through. The output is rich's, byte for byte, with or
without colour; a block whose text could take a rarer path through rich (tabs, control characters,
zero-width joiners, a table too narrow for its columns) is left to rich. tests/unit/test_text_report.py
compares the two on generated blocks.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import ClassVar, Protocol

from rich import box
from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

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

try:  # two of rich's private helpers, which `_Blocks` lays text and tables out with
    from rich._ratio import ratio_reduce
    from rich._wrap import divide_line
except ImportError:  # a rich that reorganised them: the report is printed by rich itself, slower
    FAST_LAYOUT = False
else:
    FAST_LAYOUT = True

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}
INDENT = 4  # a finding's message, claims and suggestion sit this far right of its header line

Piece = tuple[str, str]  # some text and its rich style definition ("" for none)
Column = tuple[str, Sequence[Piece]]  # a claims table column: its header (a source) and its one cell


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
        out: _BlockWriter = _Blocks(self._console()) if FAST_LAYOUT else _RichBlocks(self._console())
        self._write(out, data)
        text = out.getvalue()
        if not self.color:  # rich pads wrapped lines to the width; plain text need not carry that
            text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
        return text

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

    def _write(self, out: _BlockWriter, data: ReportData) -> None:
        """The report's blocks, in order."""
        shown = data.ordered(active=not self.show_suppressed)
        for event, groups in by_event(shown).items():
            self._event(out, data, event, groups)
        if not shown:
            out.text([("No findings.", "green" if not data.active else "")])
        self._summary(out, data)

    def _event(
        self,
        out: _BlockWriter,
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

    def _finding(self, out: _BlockWriter, f: Finding) -> None:
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
        if f.claims:
            self._claims_table(out, f.claims)
        if f.suggestion:
            out.indented([(f"suggestion: {f.suggestion}", "bold green")])

    def _claims_table(self, out: _BlockWriter, refs: tuple[ClaimRef, ...]) -> None:
        """One column per source, so that the wordings to compare sit next to each other."""
        per_source = claims_by_source(refs)
        out.table(
            [(source, self._cell(claims)) for source, claims in per_source.items()],
            max_width=max(24, (self.width - 8) // len(per_source)),
        )

    def _cell(self, claims: list[ClaimRef]) -> list[Piece]:
        cell: list[Piece] = []
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

    def _summary(self, out: _BlockWriter, data: ReportData) -> None:
        summary = data.summary()
        unmatched = summary["baseline_unmatched"]
        if unmatched:
            out.text(
                [(f"{plural(unmatched, 'baseline entry', 'baseline entries')} matched no finding", "dim")]
            )
        sev = summary["by_severity"]
        style = "bold red" if sev["error"] else "bold yellow" if sev["warning"] else "bold green"
        out.text([(counts_line(summary), style)])


class _BlockWriter(Protocol):
    """Where the report's blocks go; each is laid out as rich prints it on a console."""

    def getvalue(self) -> str:
        """Everything written so far."""

    def text(self, pieces: Sequence[Piece]) -> None:
        """Styled text, wrapped to the console width."""

    def blank(self) -> None:
        """An empty line."""

    def indented(self, pieces: Sequence[Piece]) -> None:
        """Styled text, indented by INDENT and wrapped to the rest of the width."""

    def table(self, columns: Sequence[Column], max_width: int) -> None:
        """A rounded table, indented by INDENT: a bold header row, one row of cells that fold."""


def _rich_text(pieces: Sequence[Piece]) -> Text:
    text = Text()
    for s, style in pieces:
        text.append(s, style=style or None)
    return text


class _RichBlocks:
    """The blocks printed with rich's renderables: the reference layout, and `_Blocks`'s fallback."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def getvalue(self) -> str:
        file = self.console.file
        assert isinstance(file, io.StringIO)  # TextReporter._console writes to one
        return file.getvalue()

    def text(self, pieces: Sequence[Piece]) -> None:
        self.console.print(_rich_text(pieces))

    def blank(self) -> None:
        self.console.print()

    def indented(self, pieces: Sequence[Piece]) -> None:
        self.console.print(Padding(_rich_text(pieces), (0, 0, 0, INDENT), expand=False))

    def table(self, columns: Sequence[Column], max_width: int) -> None:
        table = Table(box=box.ROUNDED, show_header=True, header_style="bold", expand=False, pad_edge=True)
        for header, _ in columns:
            table.add_column(Text(header), overflow="fold", ratio=1, max_width=max_width)
        table.add_row(*(_rich_text(cell) for _, cell in columns))
        self.console.print(Padding(table, (0, 0, 0, INDENT), expand=False))


# Text that may take another path through rich than the one `_Blocks` follows: controls (tabs are
# expanded, some codes are stripped, some end lines when measuring), the line and paragraph
# separators (which also end lines when measuring), and the zero-width joiner and variation selector
# (with which the cell width of a string is not the sum of its characters').
_IRREGULAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200d\u2028\u2029\ufe0f]")
_TRAILING_SPACE = re.compile(r"\s+$")
_WORD = re.compile(r"(\s*\S+)\s*")  # rich._wrap.words: a word, and the whitespace around it

Spans = list[tuple[int, int, Style]]  # (start, end, style) in a text, in order, not overlapping
Line = tuple[str, Spans]


class _Blocks:
    """The blocks laid out directly, as rich would print them on `console`, and kept as a string.

    Each step names the rich code it stands for. A block with irregular text (see `_IRREGULAR`), or
    a table too narrow for its columns, is printed by rich itself.
    """

    def __init__(self, console: Console) -> None:
        self._console = console
        self._rich = _RichBlocks(console)
        self._width = console.width
        self._colors: ColorSystem | None = (
            COLOR_SYSTEMS[console.color_system] if console.color_system else None
        )
        self._box = box.ROUNDED.substitute(console.options, safe=console.safe_box)
        self._styles: dict[str, Style] = {}
        self._rule_cache: dict[tuple[tuple[int, ...], str], tuple[str, str, str]] = {}
        self._parts: list[str] = []

    def getvalue(self) -> str:
        return "".join(self._parts)

    # -- blocks -------------------------------------------------------------------------------------

    def text(self, pieces: Sequence[Piece]) -> None:
        # Console.print(Text): wrapped to the width, not padded
        plain, spans = self._styled(pieces)
        if not self._regular(plain):
            self._fallback(lambda: self._rich.text(pieces))
            return
        emit = self._parts.append
        for line in self._wrap(plain, spans, self._width, pad=False):
            emit(self._paint(line))
            emit("\n")

    def blank(self) -> None:
        self._parts.append("\n")

    def indented(self, pieces: Sequence[Piece]) -> None:
        # Padding(Text, expand=False): as wide as the text's widest line, within the width; its
        # lines padded to that (Console.render_lines)
        plain, spans = self._styled(pieces)
        if not self._regular(plain):
            self._fallback(lambda: self._rich.indented(pieces))
            return
        room = min(_widest_line(plain) + INDENT, self._width) - INDENT
        if room < 1:  # rich prints no line at all
            return
        emit = self._parts.append
        margin = " " * INDENT
        for line in self._wrap(plain, spans, room, pad=True):
            emit(margin)
            emit(self._paint(line))
            emit("\n")

    def table(self, columns: Sequence[Column], max_width: int) -> None:
        headers = [header for header, _ in columns]
        cells = [self._styled(cell) for _, cell in columns]
        if not all(map(self._regular, [*headers, *(plain for plain, _ in cells)])):
            self._fallback(lambda: self._rich.table(columns, max_width))
            return
        # Table._measure_column: a column is as wide as its widest line plus padding, up to max_width
        widest = tuple(
            min(max(_widest_line(header), _widest_line(plain)) + 2, max_width + 2)
            for header, (plain, _) in zip(headers, cells, strict=True)
        )
        layout = _table_layout(widest, self._width)
        if layout is None:  # rich prints nothing
            return
        widths, room = layout
        borders = len(widths) + 1
        if min(widths) < 3 or sum(widths) + borders > room:  # no room for the padding, or cropped
            self._fallback(lambda: self._rich.table(columns, max_width))
            return
        self._table(
            [self._wrap(header, [], w - 2, pad=True) for header, w in zip(headers, widths, strict=True)],
            [self._wrap(*cell, w - 2, pad=True) for cell, w in zip(cells, widths, strict=True)],
            widths,
            " " * (room - sum(widths) - borders),
        )

    def _table(
        self, headers: list[list[Line]], cells: list[list[Line]], widths: tuple[int, ...], fill: str
    ) -> None:
        """Table._render of a header row and a row of cells (Padding: a space either side), padded
        with `fill` to the width Padding(table) gives it."""
        box = self._box
        margin = " " * INDENT
        # the header row in bold, aligned to the bottom (Segment.align_bottom); the row of cells
        # aligned to the top (Segment.align_top)
        bold = self._style("bold")
        space = self._paint_text(" ", bold)
        height = max(map(len, headers))
        header_columns = [
            [self._paint_text(" " * width, bold)] * (height - len(lines))
            + [f"{space}{self._paint_text(text, bold)}{space}" for text, _ in lines]
            for lines, width in zip(headers, widths, strict=True)
        ]
        height = max(map(len, cells))
        cell_columns = [
            [f" {self._paint(line)} " for line in lines] + [" " * width] * (height - len(lines))
            for lines, width in zip(cells, widths, strict=True)
        ]
        top, under_header, bottom = self._rules(widths, fill)
        self._parts += [
            top,
            *(
                f"{margin}{box.head_left}{box.head_vertical.join(row)}{box.head_right}{fill}\n"
                for row in zip(*header_columns, strict=True)
            ),
            under_header,
            *(
                f"{margin}{box.foot_left}{box.foot_vertical.join(row)}{box.foot_right}{fill}\n"
                for row in zip(*cell_columns, strict=True)
            ),
            bottom,
        ]

    def _rules(self, widths: tuple[int, ...], fill: str) -> tuple[str, str, str]:
        """The lines of a table's top, under its header and of its bottom; few tables differ in them."""
        key = (widths, fill)
        rules = self._rule_cache.get(key)
        if rules is None:
            margin = " " * INDENT
            rules = self._rule_cache[key] = (
                f"{margin}{self._box.get_top(widths)}{fill}\n",
                f"{margin}{self._box.get_row(widths, 'head', edge=True)}{fill}\n",
                f"{margin}{self._box.get_bottom(widths)}{fill}\n",
            )
        return rules

    # -- text ---------------------------------------------------------------------------------------

    def _regular(self, plain: str) -> bool:
        """Whether the text goes the way `_Blocks` lays it out (and there is a width to lay it in)."""
        return self._width >= 1 and _IRREGULAR.search(plain) is None

    def _fallback(self, draw: Callable[[], None]) -> None:
        """A block printed by rich."""
        with self._console.capture() as capture:
            draw()
        self._parts.append(capture.get())

    def _style(self, definition: str) -> Style:
        style = self._styles.get(definition)
        if style is None:
            style = self._styles[definition] = self._console.get_style(definition)
        return style

    def _styled(self, pieces: Sequence[Piece]) -> Line:
        """The text of the pieces, and the spans of their styles (Text.append); none without colour."""
        plain = "".join(s for s, _ in pieces)
        spans: Spans = []
        if self._colors is not None:
            offset = 0
            for s, style in pieces:
                end = offset + len(s)
                if style and end > offset:
                    spans.append((offset, end, self._style(style)))
                offset = end
        return plain, spans

    def _wrap(self, plain: str, spans: Spans, width: int, *, pad: bool) -> list[Line]:
        """Text.wrap with overflow "fold", and justify "left" when `pad` (else "default")."""
        narrow = _narrow(plain)
        measure = len if narrow else cell_len
        lines: list[Line] = []
        start = 0
        for paragraph in plain.split("\n"):  # Text.split("\n", allow_blank=True)
            end = start + len(paragraph)
            paragraph_spans = _clip(spans, start, end) if spans else spans
            start = end + 1
            if len(paragraph) <= width and measure(paragraph) <= width:  # what rich leaves whole
                pieces = [(paragraph, paragraph_spans)]
            else:
                offsets = [0, *_divide_line(paragraph, width, narrow=narrow), len(paragraph)]
                pieces = [
                    _rstrip_end(paragraph[a:b], _clip(paragraph_spans, a, b) if spans else spans, width)
                    for a, b in pairwise(offsets)
                ]
            for text, line_spans in pieces:
                cells = measure(text)
                if cells > width:  # Text.truncate
                    text = set_cell_size(text, width)
                    line_spans = _clip(line_spans, 0, len(text))
                elif pad and cells < width:
                    text += " " * (width - cells)
                lines.append((text, line_spans))
        return lines

    def _paint(self, line: Line) -> str:
        """Text.render, then Console._render_buffer: each styled span wrapped in its escape codes."""
        text, spans = line
        if not spans:
            return text
        parts = []
        offset = 0
        for start, end, style in spans:
            if start > offset:
                parts.append(text[offset:start])
            parts.append(self._paint_text(text[start:end], style))
            offset = end
        parts.append(text[offset:])
        return "".join(parts)

    def _paint_text(self, text: str, style: Style) -> str:
        return style.render(text, color_system=self._colors) if style else text


def _widest_line(plain: str) -> int:
    """Text.__rich_measure__'s maximum: the cell width of the widest line."""
    return max(map(len if _narrow(plain) else cell_len, plain.splitlines()), default=0)


def _clip(spans: Spans, start: int, end: int) -> Spans:
    """The spans within text[start:end], from its start (Text.divide)."""
    return [
        (max(s, start) - start, min(e, end) - start, style) for s, e, style in spans if s < end and e > start
    ]


def _rstrip_end(text: str, spans: Spans, width: int) -> Line:
    """Text.rstrip_end: trailing whitespace dropped while the line has more characters than the width."""
    excess = len(text) - width
    if excess > 0:
        trailing = _TRAILING_SPACE.search(text)
        if trailing is not None:
            text = text[: -min(len(trailing.group()), excess)]
            spans = _clip(spans, 0, len(text))
    return text, spans


def _divide_line(text: str, width: int, *, narrow: bool) -> list[int]:
    """rich._wrap.divide_line(text, width, fold=True): where to break a line of text to fit the width.

    rich's own for text with wide or zero-width characters. For `narrow` text, whose characters are
    all one cell wide (nearly all text), the same greedy algorithm on string positions: three times
    quicker, and breaking lines is most of the time the report takes.
    """
    if not narrow:
        return divide_line(text, width, fold=True)
    breaks: list[int] = []
    line_start = 0
    for word in _WORD.finditer(text):
        start = word.start()
        end = word.end(1)  # without the whitespace after it
        if end - line_start <= width:  # fits on this line
            continue
        if end - start > width:  # fits on no line: folded, whitespace after it included
            line_start = start + (word.end() - start - 1) // width * width
            breaks.extend(range(start or width, line_start + 1, width))
        else:
            breaks.append(start)
            line_start = start
    return breaks


def _narrow(text: str) -> bool:
    """Whether each line of a regular text is as many cells wide as it has characters."""
    return text.isascii() or _narrow_characters().issuperset(text)


@functools.cache
def _narrow_characters() -> frozenset[str]:
    """The characters rich measures one cell wide, short of the CJK blocks; and the line end."""
    return frozenset(["\n", *(c for c in map(chr, range(0x20, 0x3000)) if get_character_cell_size(c) == 1)])


# -- the claims table's layout ----------------------------------------------------------------------
# rich's Table.__rich_measure__ and _calculate_column_widths, for what is left of them with this
# table's settings: no expand, no fixed or minimum width, every column may wrap, a space of padding
# on each side of a cell. A column's measure is then a function of its widest line alone.


@functools.lru_cache(maxsize=1024)
def _table_layout(widest: tuple[int, ...], width: int) -> tuple[tuple[int, ...], int] | None:
    """How Padding(table, expand=False) lays the claims table out: its column widths, and the width
    its lines are padded to; None when there is no room for it (rich prints nothing).

    `widest`: each column's widest line, padding included, capped by the column's max_width (see
    `_column_measure`). Few tables differ in these, so layouts are kept.
    """
    borders = len(widest) + 1
    # Padding measures the table (laid out in the whole width, then each column measured in that
    # total), and gives it that width, or what the width leaves after the indent
    laid_out = sum(_column_widths(widest, width - borders))
    measured = sum(_column_measure(w, laid_out) for w in widest) + borders
    room = min(measured + INDENT, width) - INDENT
    if room < 1:
        return None
    return tuple(_column_widths(widest, room - borders)), room


def _column_measure(widest: int, room: int) -> int:
    """Table._measure_column's maximum: a cell too narrow for its padding is measured as the room."""
    if room < 1:
        return 0
    if room < 3:
        return room
    return min(widest, room)


def _column_widths(widest: Sequence[int], room: int) -> list[int]:
    """Table._calculate_column_widths: as measured; when they do not fit, the widest narrowed first."""
    widths = [_column_measure(w, room) or 1 for w in widest]
    if sum(widths) > room:
        widths = _collapse_widths(widths, room)
        if sum(widths) > room:  # last resort, reduce columns evenly
            widths = ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [_column_measure(w, width) for w, width in zip(widest, widths, strict=True)]
    return widths


def _collapse_widths(widths: list[int], room: int) -> list[int]:
    """Table._collapse_widths: narrow the widest columns down to the next widest until the total fits."""
    total = sum(widths)
    excess = total - room
    while total and excess > 0:
        widest = max(widths)
        difference = widest - max((w for w in widths if w != widest), default=0)
        if not difference:
            break
        ratios = [1 if w == widest else 0 for w in widths]
        widths = ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - room
    return widths
