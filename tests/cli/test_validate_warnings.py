"""`recoupe validate` warns, at the claim's line, about values that may not say what the text says."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Runner

TEXT = "Le bilan s'élève à 81.000 personnes, selon le ministère, le 1er mai 2023.\n"


def _warnings(run: Runner, claims: Path) -> list[tuple[int, str, str]]:
    result = run("validate", str(claims), "--format", "json")
    assert result.exit_code == 0, result.output
    return [(w["line"], w["kind"], w["message"]) for w in json.loads(result.stdout)["warnings"]]


def test_a_value_that_yaml_read_as_another_number(run: Runner, make_source: Callable[..., Path]) -> None:
    claims = make_source(
        """
        - id: toll
          slot: quantity:dead
          value: 81.000
          quote: "81.000 personnes"
        - id: toll-words
          slot: quantity:dead
          value: "81.000"
          quote: "81.000 personnes"
        """,
        text=TEXT,
    )
    assert _warnings(run, claims) == [
        (
            8,
            "value-quote",
            "claim 'toll': the value « 81.0 » (81) is not in its quote « 81.000 personnes »; YAML read 81.000 "
            'as 81.0: write the value in quotes (value: "81.000")',
        ),
        (
            10,
            "yaml-1.1",
            'value: YAML read `81.000` as the number 81.0, not 81 000; put it in quotes ("81.000") to keep the '
            "thousands",
        ),
    ]


def test_a_date_value_its_quote_does_not_bear_out(run: Runner, make_source: Callable[..., Path]) -> None:
    claims = make_source(
        """
        - id: date
          slot: date
          value: 11 mai 2023
          quote: "le 1er mai 2023"
        - id: date-iso
          slot: date
          value: "2023-05-01"
          quote: "le 1er mai 2023"
        """,
        text=TEXT,
    )
    assert _warnings(run, claims) == [
        (
            8,
            "value-quote",
            "claim 'date': the value « 11 mai 2023 » (11) is not in its quote « le 1er mai 2023 »",
        )
    ]


def test_yaml_booleans_and_base_60(run: Runner, make_source: Callable[..., Path]) -> None:
    claims = make_source(
        """
        - id: c1
          slot: statement
          value: off
        - id: c2
          slot: statement
          value: 1:30
        """,
        text=TEXT,
    )
    assert _warnings(run, claims) == [
        (
            10,
            "yaml-1.1",
            'value: YAML read `off` as the boolean false; put it in quotes ("off") if it is a word',
        ),
        (
            13,
            "yaml-1.1",
            'value: YAML read `1:30` as the number 90; put it in quotes ("1:30") to keep it as written',
        ),
    ]


def test_an_id_that_yaml_read_as_a_boolean_is_an_error_that_says_why(
    run: Runner, make_source: Callable[..., Path]
) -> None:
    claims = make_source("- id: on\n  slot: statement\n  value: x\n", text=TEXT)
    result = run("validate", str(claims))
    assert result.exit_code == 2
    assert (
        "input should be a valid string (got True); YAML reads an unquoted yes, no, on, off, true or false as "
        "a boolean: put the value in quotes" in result.stdout
    )


def test_a_subject_one_edit_from_the_others(run: Runner, make_source: Callable[..., Path]) -> None:
    claim = "- id: c1\n  subject: {subject}\n  slot: quantity:dead\n  value: 81 000\n"
    make_source(claim.format(subject="migrant-boat"), source_id="a", text=TEXT)
    make_source(claim.format(subject="migrant-boat"), source_id="b", text=TEXT)
    claims = make_source(claim.format(subject="migrant-baot"), source_id="c", text=TEXT)
    result = run("validate", str(claims))
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: claims/ev/c.yaml:8: subject 'migrant-baot' is used by c alone, and other sources of "
        "event 'ev' use 'migrant-boat' (did you mean 'migrant-boat'?) [subject-typo]\n"
    )
    assert result.stdout == "ok: 1 events, 3 sources, 3 claims; 1 warning\n"
