"""The text report's blocks, printed on a rich console: with rich's renderables (`RichBlocks`), or
laid out directly as rich would print them (`Blocks`), which is what the report uses.

A report is made of four kinds of block: a line of styled text, a paragraph indented under it, a
table (the claims, one column per source; the positions a finding relates, one row each), and a blank
line. Printed with rich's renderables
(Text, Padding, Table), a block costs about 1.5 ms a finding, nearly all of it in rich's general
machinery (measuring, padding and cropping segments through nested renderables), so `Blocks` lays
the same blocks out directly: rich's cell widths and styles, with the wrapping and column widths of
`text_layout`, applied in the few steps that blocks of these shapes go through. The output is rich's,
byte for byte, with or without colour; a block whose text could take a rarer path through rich
(tabs, control characters, zero-width joiners, a table too narrow for its columns) is left to rich.
tests/unit/test_text_report.py compares the two on generated blocks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Protocol

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from recoupe.reporters.text_layout import (
    INDENT,
    Line,
    Spans,
    clip,
    is_narrow,
    line_breaks,
    rstrip_end,
    table_layout,
    widest_line,
)

Piece = tuple[str, str]  # some text and its rich style definition ("" for none)
Column = tuple[str, Sequence[Piece]]  # a claims table column: its header (a source) and its one cell
Row = Sequence[Sequence[Piece]]  # a row of a grid: one cell a column


class BlockWriter(Protocol):
    """Where the report's blocks go; each is laid out as rich prints it on a console."""

    def getvalue(self) -> str:
        """Everything written so far."""

    def take(self) -> str:
        """Everything written since the last take, which the writer then forgets (a report written
        event by event keeps one event's text at a time)."""

    def text(self, pieces: Sequence[Piece]) -> None:
        """Styled text, wrapped to the console width."""

    def blank(self) -> None:
        """An empty line."""

    def indented(self, pieces: Sequence[Piece]) -> None:
        """Styled text, indented by INDENT and wrapped to the rest of the width."""

    def table(self, columns: Sequence[Column], max_width: int) -> None:
        """A rounded table, indented by INDENT: a bold header row, one row of cells that fold."""

    def grid(self, headers: Sequence[str], rows: Sequence[Row], max_width: int) -> None:
        """A rounded table, indented by INDENT: a bold header row, then rows of cells that fold."""


def _rich_text(pieces: Sequence[Piece]) -> Text:
    text = Text()
    for s, style in pieces:
        text.append(s, style=style or None)
    return text


class RichBlocks:
    """The blocks printed with rich's renderables: the reference layout, and `Blocks`'s fallback."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def getvalue(self) -> str:
        file = self.console.file
        assert isinstance(file, io.StringIO)  # TextReporter._console writes to one
        return file.getvalue()

    def take(self) -> str:
        text = self.getvalue()
        file = self.console.file
        file.seek(0)
        file.truncate()
        return text

    def text(self, pieces: Sequence[Piece]) -> None:
        self.console.print(_rich_text(pieces))

    def blank(self) -> None:
        self.console.print()

    def indented(self, pieces: Sequence[Piece]) -> None:
        self.console.print(Padding(_rich_text(pieces), (0, 0, 0, INDENT), expand=False))

    def table(self, columns: Sequence[Column], max_width: int) -> None:
        self.grid([header for header, _ in columns], [[cell for _, cell in columns]], max_width)

    def grid(self, headers: Sequence[str], rows: Sequence[Row], max_width: int) -> None:
        table = Table(box=box.ROUNDED, show_header=True, header_style="bold", expand=False, pad_edge=True)
        for header in headers:
            table.add_column(Text(header), overflow="fold", ratio=1, max_width=max_width)
        for row in rows:
            table.add_row(*(_rich_text(cell) for cell in row))
        self.console.print(Padding(table, (0, 0, 0, INDENT), expand=False))


# Text that may take another path through rich than the one `Blocks` follows: controls (tabs are
# expanded, some codes are stripped, some end lines when measuring), the line and paragraph
# separators (which also end lines when measuring), and the zero-width joiner and variation selector
# (with which the cell width of a string is not the sum of its characters').
_IRREGULAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200d\u2028\u2029\ufe0f]")


class Blocks:
    """The blocks laid out directly, as rich would print them on `console`, and kept as a string.

    Each step names the rich code it stands for. A block with irregular text (see `_IRREGULAR`), or
    a table too narrow for its columns, is printed by rich itself.
    """

    def __init__(self, console: Console) -> None:
        self._console = console
        self._rich = RichBlocks(console)
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

    def take(self) -> str:
        text = "".join(self._parts)
        self._parts.clear()
        return text

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
        room = min(widest_line(plain) + INDENT, self._width) - INDENT
        if room < 1:  # rich prints no line at all
            return
        emit = self._parts.append
        margin = " " * INDENT
        for line in self._wrap(plain, spans, room, pad=True):
            emit(margin)
            emit(self._paint(line))
            emit("\n")

    def table(self, columns: Sequence[Column], max_width: int) -> None:
        self.grid([header for header, _ in columns], [[cell for _, cell in columns]], max_width)

    def grid(self, headers: Sequence[str], rows: Sequence[Row], max_width: int) -> None:
        styled = [[self._styled(cell) for cell in row] for row in rows]
        if not all(map(self._regular, [*headers, *(plain for row in styled for plain, _ in row)])):
            self._fallback(lambda: self._rich.grid(headers, rows, max_width))
            return
        # Table._measure_column: a column is as wide as its widest line plus padding, up to max_width
        widest = tuple(
            min(max([widest_line(header), *(widest_line(row[i][0]) for row in styled)]) + 2, max_width + 2)
            for i, header in enumerate(headers)
        )
        layout = table_layout(widest, self._width)
        if layout is None:  # rich prints nothing
            return
        widths, room = layout
        borders = len(widths) + 1
        if min(widths) < 3 or sum(widths) + borders > room:  # no room for the padding, or cropped
            self._fallback(lambda: self._rich.grid(headers, rows, max_width))
            return
        self._table(
            [self._wrap(header, [], w - 2, pad=True) for header, w in zip(headers, widths, strict=True)],
            [
                [self._wrap(*cell, w - 2, pad=True) for cell, w in zip(row, widths, strict=True)]
                for row in styled
            ],
            widths,
            " " * (room - sum(widths) - borders),
        )

    def _table(
        self, headers: list[list[Line]], rows: list[list[list[Line]]], widths: tuple[int, ...], fill: str
    ) -> None:
        """Table._render of a header row and rows of cells (Padding: a space either side), padded
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
        top, under_header, bottom = self._rules(widths, fill)
        parts = self._parts
        parts.append(top)
        parts += [
            f"{margin}{box.head_left}{box.head_vertical.join(row)}{box.head_right}{fill}\n"
            for row in zip(*header_columns, strict=True)
        ]
        parts.append(under_header)
        for n, cells in enumerate(rows, 1):
            height = max(map(len, cells))
            cell_columns = [
                [f" {self._paint(line)} " for line in lines] + [" " * width] * (height - len(lines))
                for lines, width in zip(cells, widths, strict=True)
            ]
            # the last row takes the box's foot edges, the others its middle ones
            left, vertical, right = (
                (box.foot_left, box.foot_vertical, box.foot_right)
                if n == len(rows)
                else (box.mid_left, box.mid_vertical, box.mid_right)
            )
            parts += [
                f"{margin}{left}{vertical.join(row)}{right}{fill}\n"
                for row in zip(*cell_columns, strict=True)
            ]
        parts.append(bottom)

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
        """Whether the text goes the way `Blocks` lays it out (and there is a width to lay it in)."""
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
        narrow = is_narrow(plain)
        measure = len if narrow else cell_len
        lines: list[Line] = []
        start = 0
        for paragraph in plain.split("\n"):  # Text.split("\n", allow_blank=True)
            end = start + len(paragraph)
            paragraph_spans = clip(spans, start, end) if spans else spans
            start = end + 1
            if len(paragraph) <= width and measure(paragraph) <= width:  # what rich leaves whole
                pieces = [(paragraph, paragraph_spans)]
            else:
                offsets = [0, *line_breaks(paragraph, width, narrow=narrow), len(paragraph)]
                pieces = [
                    rstrip_end(paragraph[a:b], clip(paragraph_spans, a, b) if spans else spans, width)
                    for a, b in pairwise(offsets)
                ]
            for text, line_spans in pieces:
                cells = measure(text)
                if cells > width:  # Text.truncate
                    text = set_cell_size(text, width)
                    line_spans = clip(line_spans, 0, len(text))
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
