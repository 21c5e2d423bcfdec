"""Every input is bounded: nesting, aliases, odd tags, long numbers, long strings and claim counts
give a located problem, never a RecursionError, a KeyError or a ValueError."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from recoupe import safefile
from recoupe.baseline import read as read_baseline
from recoupe.errors import InputError, Problem
from recoupe.load import load_corpus
from recoupe.yamlio import parse_yaml


def refused(text: str) -> list[tuple[int | None, int | None, str, str, str]]:
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    return [(p.line, p.column, p.pointer, p.kind, p.message) for p in info.value.problems]


@pytest.fixture
def small_limits() -> Iterator[None]:
    old = safefile.current
    safefile.set_limits(safefile.Limits(claims_per_file=2, string_chars=1000))
    yield
    safefile.set_limits(old)


def test_an_alias_that_contains_itself_is_too_deep() -> None:
    assert refused("note: &a [*a]\n") == [(1, 7, "/note/0/0", "size", "nested deeper than 100 levels")]


@pytest.mark.parametrize("depth", [101, 900])
def test_nesting_past_the_bound_is_located(depth: int) -> None:
    [(line, col, ptr, kind, message)] = refused("a: " + "[" * depth + "]" * depth)
    assert (line, col, ptr, kind, message) == (1, 104, "/a/0/0", "size", "nested deeper than 100 levels")


def test_nesting_with_an_alias_is_bounded_too() -> None:
    deep = "[" * 500 + "]" * 500
    assert refused(f"a: &x {deep}\nb: [*x, *x]\n")[0][3:] == ("size", "nested deeper than 100 levels")


def test_libyaml_own_limit_is_located() -> None:
    assert refused("a: " + "[" * 5000) == [
        (1, 1003, "", "syntax", "not valid YAML: exceeded maximum nesting depth")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!bool maybe\n", "not a valid bool: 'maybe'"),
        ("a: !!int x\n", "not a valid int: 'x'"),
        ("a: !!float x\n", "not a valid float: 'x'"),
        ("a: " + "1" * 5000 + "\n", "not a valid int: '" + "1" * 200 + "... (5,000 characters)'"),
    ],
)
def test_a_scalar_its_tag_cannot_read_is_located(text: str, message: str) -> None:
    assert refused(text) == [(1, 4, "/a", "type", message)]


def test_a_deep_json_baseline_is_located(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"entries": ' + "[" * 2000 + "]" * 2000 + "}", "utf-8")
    with pytest.raises(InputError) as info:
        read_baseline(path)
    [p] = info.value.problems
    # (past 1,000 levels libyaml stops first, with its own located error)
    assert (p.line, p.column, p.kind, p.message) == (
        1,
        1012,
        "syntax",
        "not valid YAML: exceeded maximum nesting depth",
    )


def jsonl_problems(tmp_path: Path, line: bytes) -> list[Problem]:
    (tmp_path / "c.jsonl").write_bytes(line + b"\n")
    with pytest.raises(InputError) as info:
        load_corpus([tmp_path / "c.jsonl"])
    return info.value.problems


@pytest.mark.parametrize("record", [b'"record":"claim",', b'"record":"source",', b""])
def test_a_deep_json_lines_line_is_located(tmp_path: Path, record: bytes) -> None:
    line = (
        b"{"
        + record
        + b'"source":"s","event":"e","id":"c","slot":"note","value":'
        + b"[" * 1100
        + b"]" * 1100
        + b"}"
    )
    [p] = jsonl_problems(tmp_path, line)
    assert (p.line, p.kind, p.message) == (1, "size", "nested deeper than 100 levels")


def test_brackets_inside_strings_do_not_count(tmp_path: Path) -> None:
    value = json.dumps("[" * 300).encode()
    line = b'{"source":"s","event":"e","id":"c","slot":"note","value":' + value + b"}"
    [p] = jsonl_problems(tmp_path, line)
    assert p.kind == "unknown-source"  # read fine: only its source is missing


def test_a_5000_digit_number_in_json_lines_is_located(tmp_path: Path) -> None:
    line = b'{"source":"s","event":"e","id":"c","slot":"note","value":' + b"1" * 5000 + b"}"
    [p] = jsonl_problems(tmp_path, line)
    assert (p.line, p.kind, p.message) == (1, "syntax", "not valid JSON: a number too long to read")


@pytest.mark.usefixtures("small_limits")
def test_claims_per_file_and_string_length_are_bounded(make_source: Callable[..., Path]) -> None:
    claims = "- {id: a, slot: place, value: Rabat}\n- {id: b, slot: place, value: Rabat}\n"
    root = make_source(claims + "- {id: c, slot: note, value: " + "x" * 1001 + "}\n")
    with pytest.raises(InputError) as info:
        load_corpus([root])
    found = [(Path(p.file).name, p.line, p.pointer, p.kind, p.message) for p in info.value.problems]
    assert found == [
        ("src.yaml", 10, "/claims/2/value", "size", "a value longer than 1,000 characters"),
    ]
    root = make_source(claims + "- {id: c, slot: note, value: x}\n")
    with pytest.raises(InputError) as info:
        load_corpus([root])
    found = [(Path(p.file).name, p.line, p.pointer, p.kind, p.message) for p in info.value.problems]
    assert found == [
        (
            "src.yaml",
            8,
            "/claims",
            "size",
            "3 claims: a file may hold at most 2 (split it, or use JSON Lines)",
        )
    ]


def test_a_quote_longer_than_its_text_needs_no_search() -> None:
    from recoupe.load.evidence import closest_passage, fold_source

    text = fold_source("Le Maroc et le Niger ont signé une déclaration. " * 100)
    message = closest_passage("x" * 1_000_000, text)
    assert message == "quote not found: it is longer than the text (1,000,000 characters against 4,800)"


def test_a_long_quote_is_searched_by_its_beginning_and_quoted_short() -> None:
    from recoupe.load.evidence import SEARCH_BUDGET, closest_passage, fold_quote, fold_source

    sentence = "Le Maroc et le Niger ont signé une déclaration d'entente à Rabat. "
    text = fold_source(sentence * 3_000)  # 198,000 characters
    quote = fold_quote(
        sentence.replace("Rabat", "Niamey") * 2_000
    )  # 133,999 once folded (the last space goes): past the budget
    assert len(quote) * len(text.folded) > SEARCH_BUDGET
    message = closest_passage(quote, text)
    assert message.startswith("quote not found in the text; closest passage (")
    assert "... (133,999 characters)»" in message
    assert "the quote has 'Niamey.' where the text has 'Rabat.'" in message
