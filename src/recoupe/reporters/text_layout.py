"""How the text report's blocks are laid out, computed as rich lays them out: where lines break,
how wide a line is, and the column widths of the claims table.

Pure functions over strings and widths, using only rich's public cell measures (`rich.cells`); the
line breaking and the sharing out of a table's width are our own, written to break and share exactly
where rich does, so that what `text_blocks.Blocks` prints is what rich would print.
tests/unit/test_text_report.py holds the two to the same output.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells, get_character_cell_size

if TYPE_CHECKING:
    from rich.style import Style

INDENT = 4  # a finding's message, claims and suggestion sit this far right of its header line

_TRAILING_SPACE = re.compile(r"\s+$")
_WORD = re.compile(r"(\s*\S+)\s*")  # a word, the whitespace before it, and the whitespace after it

Spans = list[tuple[int, int, "Style"]]  # (start, end, style) in a text, in order, not overlapping
Line = tuple[str, Spans]


def widest_line(plain: str) -> int:
    """Text.__rich_measure__'s maximum: the cell width of the widest line."""
    return max(map(len if is_narrow(plain) else cell_len, plain.splitlines()), default=0)


def clip(spans: Spans, start: int, end: int) -> Spans:
    """The spans within text[start:end], from its start (Text.divide)."""
    return [
        (max(s, start) - start, min(e, end) - start, style) for s, e, style in spans if s < end and e > start
    ]


def rstrip_end(text: str, spans: Spans, width: int) -> Line:
    """Text.rstrip_end: trailing whitespace dropped while the line has more characters than the width."""
    excess = len(text) - width
    if excess > 0:
        trailing = _TRAILING_SPACE.search(text)
        if trailing is not None:
            text = text[: -min(len(trailing.group()), excess)]
            spans = clip(spans, 0, len(text))
    return text, spans


def line_breaks(text: str, width: int, *, narrow: bool) -> list[int]:
    """Where rich breaks a line of text to fit the width (Text.wrap, overflow "fold"): greedily, at
    the start of the first word that does not fit, and a word longer than a line folded cell by cell.

    `narrow` text, whose characters are all one cell wide (nearly all text), is broken on string
    positions without measuring anything: three times quicker, and breaking lines is most of the
    time the report takes.
    """
    if not narrow:
        return _wide_line_breaks(text, width)
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


def _wide_line_breaks(text: str, width: int) -> list[int]:
    """line_breaks for text with wide or zero-width characters, measured in cells."""
    breaks: list[int] = []
    used = 0  # cells taken on the current line, the whitespace after its last word included
    for word in _WORD.finditer(text):
        start = word.start()
        if cell_len(word.group(1)) <= width - used:  # fits on this line
            used += cell_len(word.group())
        elif cell_len(word.group(1)) > width:  # fits on no line: folded, each piece a line
            pieces = chop_cells(word.group(), width)
            for piece in pieces:
                if start:  # (a text's first line needs no break before it)
                    breaks.append(start)
                start += len(piece)
            used = cell_len(pieces[-1])
        else:  # (`used` is never 0 here: a word that fits no empty line went the branch above)
            breaks.append(start)
            used = cell_len(word.group())
    return breaks


def is_narrow(text: str) -> bool:
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
def table_layout(widest: tuple[int, ...], width: int) -> tuple[tuple[int, ...], int] | None:
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
            widths = _reduce(sum(widths) - room, [1] * len(widths), widths, widths)
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
        widths = _reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - room
    return widths


def _reduce(excess: int, shares: list[int], caps: list[int], widths: list[int]) -> list[int]:
    """The widths less `excess` cells, taken from them in proportion to their shares, at most
    `caps[i]` from width i; a width with a share of 0 or a cap of 0 keeps its size. As rich's Table
    does it: each width's cut is rounded (half to even) from what is still to take over the shares
    still to take it from, so the cuts add up to the excess when the caps allow.
    """
    shares = [share if cap else 0 for share, cap in zip(shares, caps, strict=True)]
    shares_left = sum(shares)
    out: list[int] = []
    for share, cap, width in zip(shares, caps, widths, strict=True):
        if share and shares_left > 0:
            cut = min(cap, round(share * excess / shares_left))
            out.append(width - cut)
            excess -= cut
            shares_left -= share
        else:
            out.append(width)
    return out
