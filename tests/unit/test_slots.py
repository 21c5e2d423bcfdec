"""Project slot files: extending the built-in slots, and every problem located."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from recoupe.errors import InputError, _expected_keys
from recoupe.slots import SlotDef, SlotFile, load_slots
from tests.conftest import write

OFFENCE_LINE = next(
    n
    for n, line in enumerate((files("recoupe") / "vocab" / "slots.yaml").read_text("utf-8").splitlines(), 1)
    if line.startswith("  offence:")
)


def problems(paths: list[Path]) -> list[tuple[str, int | None, int | None, str, str, str]]:
    with pytest.raises(InputError) as info:
        load_slots(paths)
    return [(Path(p.file).name, p.line, p.column, p.pointer, p.kind, p.message) for p in info.value.problems]


def test_a_project_file_adds_slots_and_may_repeat_a_builtin_one_unchanged(tmp_path: Path) -> None:
    builtin = load_slots()
    f = write(
        tmp_path / "slots.yaml",
        f"""
        slots:
          budget: {{type: quantity, description: "Money pledged for the cooperation."}}
          date: {{type: date, description: {builtin.defs["date"].description!r}}}
        """,
    )
    slots = load_slots([f])
    assert slots.get("budget") == SlotDef(type="quantity", description="Money pledged for the cooperation.")
    assert slots.get("date") == builtin.defs["date"]
    assert set(slots.defs) == set(builtin.defs) | {"budget"}


def test_misspelled_key_inside_a_slot_suggests_the_field_and_is_the_only_problem(tmp_path: Path) -> None:
    # `slots` is a mapping of names to definitions: the suggestion looks past the slot's name
    f = write(
        tmp_path / "slots.yaml",
        """
        slots:
          budget:
            typ: quantity
            description: Money pledged.
          donors: {type: entity, multipel: true, description: Who pays.}
        """,
    )
    assert problems([f]) == [
        ("slots.yaml", 3, 5, "/slots/budget/typ", "unknown-key", "unknown key 'typ' (did you mean 'type'?)"),
        (
            "slots.yaml",
            5,
            26,
            "/slots/donors/multipel",
            "unknown-key",
            "unknown key 'multipel' (did you mean 'multiple'?)",
        ),
    ]


def test_redefining_a_slot_is_located_at_both_definitions_and_other_files_still_report(
    tmp_path: Path,
) -> None:
    first = write(
        tmp_path / "first.yaml",
        """
        slots:
          budget: {type: quantity, description: Money pledged.}
          offence: {type: text, description: "The crime, as worded."}
        """,
    )
    second = write(tmp_path / "second.yaml", "slots:\n  victims: {type: quantity}\n")
    third = write(tmp_path / "third.yaml", "slots:\n  budget: {type: text, description: Money pledged.}\n")
    assert problems([first, second, third]) == [
        (
            "first.yaml",
            3,
            3,
            "/slots/offence",
            "duplicate",
            f"slot 'offence' is already defined, differently, in <builtin>/slots.yaml:{OFFENCE_LINE}",
        ),
        (
            "second.yaml",
            2,
            12,
            "/slots/victims/description",
            "missing",
            "missing required field 'description'",
        ),
        (
            "third.yaml",
            2,
            3,
            "/slots/budget",
            "duplicate",
            f"slot 'budget' is already defined, differently, in {first}:2",
        ),
    ]


def test_expected_keys_look_past_mapping_keys_whatever_their_type() -> None:
    fields = [
        "type",
        "description",
        "prefix",
        "multiple",
        "evolving",
        "cumulative",
        "represented_by",
        "within",
    ]
    assert _expected_keys(SlotFile, ["slots", "budget", "typ"]) == fields
    assert _expected_keys(SlotFile, ["slots", 2024, "typ"]) == fields  # a YAML key read as a number
    # a key of the mapping itself names a slot, and any name is allowed there
    assert _expected_keys(SlotFile, ["slots", "budget"]) == []
    assert _expected_keys(SlotFile, ["slot"]) == ["slots"]
