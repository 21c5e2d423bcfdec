"""The text report lays its blocks out itself; what it prints must be what rich prints, byte for byte.

Each block (a line of text, an indented paragraph, a claims table) is drawn both ways on consoles of
many widths, with and without colour, from generated text: wide and zero-width characters, words
longer than a line, empty cells, one column or many, and the characters that `Blocks` leaves to
rich (tabs, controls, joiners). Then whole reports.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from recoupe import api
from recoupe.config import load_settings
from recoupe.reporters.base import ReportData
from recoupe.reporters.text import TextReporter
from recoupe.reporters.text_blocks import Blocks, Column, Piece, RichBlocks, Row
from recoupe.reporters.text_layout import is_narrow, line_breaks
from tests.conftest import ROOT, SEED

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# one-cell letters and punctuation, French typography, spaces (one cell, two cells), wide characters
# (CJK, emoji), zero-width ones (a combining accent, a zero-width space), then what `Blocks` leaves
# to rich: a tab, a carriage return, an escape, a line separator, the zero-width joiner, the variation
# selector
LETTERS = "abcdefghijklmnopqrstuvwxyz"
CHARACTERS = [
    *LETTERS[:12],
    *"ABZ019",
    *"-/.:,;'\"()[]",
    *"«»’éàçœ…–",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\xa0",
    "\u202f",
    "\u3000",
    *"漢字",
    "😀",
    "e\u0301",
    "\u200b",
]
IRREGULAR = ["\t", "\r", "\x1b", "\u2028", "\u200d", "\ufe0f", "❤\ufe0f", "👩\u200d💻"]
STYLES = ["", "bold", "italic", "italic dim", "blue", "bold red", "dim italic"]

words = st.text(alphabet=st.sampled_from(LETTERS + "/.:-_"), min_size=1, max_size=140)  # may fold
regular_texts = st.lists(st.one_of(st.sampled_from(CHARACTERS), words), max_size=60).map("".join)
irregular_texts = st.tuples(regular_texts, st.sampled_from(IRREGULAR), regular_texts).map("".join)
regular_pieces = st.lists(st.tuples(regular_texts, st.sampled_from(STYLES)), max_size=6)
any_pieces = st.lists(
    st.tuples(st.one_of(regular_texts, irregular_texts), st.sampled_from(STYLES)), max_size=6
)
widths = st.one_of(st.sampled_from([100, 80, 120]), st.integers(min_value=1, max_value=140))
headers = st.one_of(st.sampled_from(["a", "le360", "declaration-entente"]), regular_texts)
regular_columns = st.lists(st.tuples(headers, regular_pieces), min_size=1, max_size=6)


class CountingBlocks(Blocks):
    """Blocks, counting the blocks it leaves to rich."""

    left_to_rich = 0

    def _fallback(self, draw: Callable[[], None]) -> None:
        self.left_to_rich += 1
        super()._fallback(draw)


def consoles(color: bool, width: int) -> tuple[CountingBlocks, RichBlocks]:
    reporter = TextReporter(color=color, width=width)
    return CountingBlocks(reporter._console()), RichBlocks(reporter._console())


def printed(rich: RichBlocks) -> str:
    file = rich.console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


@SETTINGS
@given(regular_pieces, widths, st.booleans())
@example([("maroc-niger-2022-08-01", "bold underline"), ("  Morocco and Niger: « Rabat »", "bold")], 60, True)
@example(
    [("  ", ""), ("error   ", "bold red"), ("CMP004", "bold"), ("  x.y", "dim"), ("  [c]", "dim")], 100, True
)
@example([("", "")], 100, True)  # an empty line
@example([("x" * 250, "bold")], 100, True)  # a word longer than the line
@example([("漢字" * 60, "bold")], 99, True)  # wide characters, the last one split by the edge
def test_a_line_of_text_is_printed_as_rich_prints_it(text: list[Piece], width: int, color: bool) -> None:
    fast, rich = consoles(color, width)
    fast.text(text)
    rich.text(text)
    assert fast.getvalue() == printed(rich)
    assert not fast.left_to_rich


@SETTINGS
@given(regular_pieces, widths, st.booleans())
@example([("", "")], 100, True)  # an empty message: rich prints no line at all
@example([("\n", "")], 100, False)
@example(
    [("suggestion: prefer « formation » unless le360 has a reason to be vaguer " * 3, "bold green")],
    100,
    True,
)
@example([("claims/maroc-niger-2022-08-01/declaration-entente.yaml:18" * 3, "")], 100, True)
@example([("« ok »", "")], 5, True)  # one cell left after the indent
@example([("« ok »", "")], 4, True)  # none
def test_an_indented_paragraph_is_printed_as_rich_prints_it(
    text: list[Piece], width: int, color: bool
) -> None:
    fast, rich = consoles(color, width)
    fast.indented(text)
    rich.indented(text)
    assert fast.getvalue() == printed(rich)
    assert not fast.left_to_rich


CELL = [
    ("« renforcent leur coopération »", "bold"),
    ("\naccording to l’agence MAP", "italic"),
    ('\n"Le Maroc et le Niger renforcent leur coopération"', "italic dim"),
    ("\nclaims/maroc-niger-2022-08-01/declaration-entente.yaml:18", "blue"),
]


@SETTINGS
@given(regular_columns, widths, st.booleans(), st.one_of(st.none(), st.integers(min_value=1, max_value=80)))
@example([("declaration-entente", CELL), ("le360", [*CELL, ("\n\n", ""), *CELL])], 100, True, None)
@example([("a", CELL)], 100, True, None)  # a single source
@example([("a", []), ("b", [])], 100, True, None)  # empty cells
@example([("", [("", "")])], 100, False, None)  # nothing in the column but its padding: rich
@example([("a", [("x" * 200, "blue")]), ("b", [("漢字😀" * 40, "bold")])], 100, True, None)  # folded
@example([("une source au nom plus long que sa colonne", CELL), ("b", CELL)], 60, True, None)  # header wraps
@example([(str(i), CELL) for i in range(6)], 100, True, None)  # narrower than max_width=24
@example([(str(i), CELL) for i in range(6)], 30, False, None)  # no room for the columns: rich
@example([("a", CELL)], 7, True, None)
@example([("a", CELL)], 6, True, None)  # no room at all
def test_a_claims_table_is_printed_as_rich_prints_it(
    table: list[Column], width: int, color: bool, max_width: int | None
) -> None:
    max_width = max_width or max(24, (width - 8) // len(table))  # as the report has it, or any
    fast, rich = consoles(color, width)
    fast.table(table, max_width)
    rich.table(table, max_width)
    assert fast.getvalue() == printed(rich)
    if width >= 10 + 8 * len(table) and all(max(map(cell_len, h.splitlines()), default=0) for h, _ in table):
        assert not fast.left_to_rich  # room for every column, and something in each: laid out by `Blocks`


# a grid: its headers, and rows of as many cells
grids = st.lists(headers, min_size=1, max_size=5).flatmap(
    lambda hs: st.tuples(
        st.just(hs), st.lists(st.lists(regular_pieces, min_size=len(hs), max_size=len(hs)), max_size=5)
    )
)
POSITION = [[("les autorités", "italic")], [("« 23 »", "bold")], [("2022-06-26", "")], CELL]


@SETTINGS
@given(grids, widths, st.booleans())
@example((["counter", "value", "as of", "sources"], [POSITION, POSITION, POSITION]), 100, True)
@example((["counter", "value", "as of", "sources"], [POSITION]), 60, True)
@example((["counter", "value"], []), 100, True)  # no rows: the header alone
@example((["a", "b"], [[[("x" * 120, "")], []], [[], [("漢字" * 30, "bold")]]]), 80, True)  # folded
def test_a_grid_of_rows_is_printed_as_rich_prints_it(
    grid: tuple[list[str], list[Row]], width: int, color: bool
) -> None:
    header, rows = grid
    max_width = max(24, (width - 8) // 2)
    fast, rich = consoles(color, width)
    fast.grid(header, rows, max_width)
    rich.grid(header, rows, max_width)
    assert fast.getvalue() == printed(rich)


@SETTINGS
@given(any_pieces, st.lists(st.tuples(headers, any_pieces), min_size=1, max_size=3), widths, st.booleans())
@example([("a\tb", "")], [("a", [("tab\there", "")])], 100, True)
@example([("👩\u200d💻 et ❤\ufe0f", "bold")], [("a", [("\r\x1b[31m", "")])], 100, True)
def test_any_text_is_printed_as_rich_prints_it(
    text: list[Piece], table: list[Column], width: int, color: bool
) -> None:
    fast, rich = consoles(color, width)
    for out in (fast, rich):
        out.text(text)
        out.indented(text)
        out.table(table, max(24, (width - 8) // len(table)))
        out.blank()
    assert fast.getvalue() == printed(rich)


def test_blocks_follow_one_another_and_what_rich_prints_comes_in_its_place() -> None:
    fast, rich = consoles(True, 100)
    for out in (fast, rich):
        out.text([("first", "bold")])
        out.indented([("a\ttab: rich prints it", "")])
        out.blank()
        out.table([("a", [("👩\u200d💻", "")]), ("b", CELL)], 46)
        out.table([("a", CELL), ("b", CELL)], 46)
        out.text([("last", "")])
    assert fast.getvalue() == printed(rich)
    assert fast.getvalue().startswith("\x1b[1mfirst\x1b[0m\n    a")


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(regular_texts, st.text(alphabet=" ab\xa0’é", max_size=80)),
    st.integers(min_value=1, max_value=60),
)
@example("claims/maroc-niger-2022-08-01/declaration-entente.yaml:18 et la suite", 10)
@example("   leading spaces and a longword" + "x" * 30, 8)
@example("trailing spaces          ", 5)
@example("漢字" * 30, 7)  # wide characters folded, the edge between the two cells of one
@example("« le Niger » 漢字漢字漢字 et 😀😀 ok", 3)  # wide words folded after narrow ones
def test_lines_break_where_rich_breaks_them(text: str, width: int) -> None:
    # rich's own line breaking, private to rich: the reference, which the report no longer imports
    divide_line = pytest.importorskip("rich._wrap").divide_line
    for line in text.split("\n"):
        assert line_breaks(line, width, narrow=is_narrow(line)) == divide_line(line, width, fold=True)


# -- whole reports ----------------------------------------------------------------------------------


def through_rich(reporter: TextReporter, data: ReportData) -> str:
    """What the report printed with rich's renderables, block by block, would be."""
    return "".join(reporter._texts(data, RichBlocks(reporter._console())))


@pytest.fixture(scope="module")
def seed_data() -> ReportData:
    return api.check([SEED], load_settings(ROOT))


@pytest.mark.parametrize("width", [100, 80, 60, 200])
@pytest.mark.parametrize("color", [False, True])
def test_the_seed_report_is_what_rich_prints(seed_data: ReportData, color: bool, width: int) -> None:
    for show_suppressed in (False, True):
        reporter = TextReporter(color=color, width=width, show_suppressed=show_suppressed)
        assert reporter.render(seed_data) == through_rich(reporter, seed_data)


def test_a_report_of_no_findings_is_what_rich_prints(seed_data: ReportData) -> None:
    empty = ReportData([], seed_data.corpus, seed_data.rules)
    for color in (False, True):
        reporter = TextReporter(color=color)
        assert reporter.render(empty) == through_rich(reporter, empty)
    assert TextReporter().render(empty).splitlines()[0] == "No findings."


def test_a_finding_without_claims_has_no_table(seed_data: ReportData) -> None:
    f = seed_data.findings[0]._replace(claims=(), positions=(), suggestion=None)
    data = ReportData([f], seed_data.corpus, seed_data.rules)
    for color in (False, True):
        reporter = TextReporter(color=color)
        assert reporter.render(data) == through_rich(reporter, data)
    assert "╭" not in TextReporter().render(data)
