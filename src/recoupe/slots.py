"""The slot vocabulary: which properties a claim can state, and each one's default value type."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from recoupe.errors import InputError, Problem, did_you_mean, pointer, problems_from_validation
from recoupe.fields import SCHEMA_BASE, ClaimType, SlotName, _Model
from recoupe.yamlio import parse_yaml, read_yaml


class SlotDef(_Model):
    """One slot: its default value type and what it means."""

    type: ClaimType = Field(description="The type a claim in this slot has unless it says otherwise.")
    description: str = Field(min_length=1)
    prefix: bool = Field(
        default=False,
        description="A family of slots written 'name:<what>', e.g. 'quantity:dead'.",
    )
    multiple: bool = Field(
        default=False,
        description=(
            "Each claim states one member of a set (participants, content of an agreement): distinct "
            "members are compared by matching, never as a contradiction."
        ),
    )
    evolving: bool = Field(
        default=False,
        description=(
            "The value changes as the event unfolds (a toll, a count of arrests): a claim without "
            "'as_of' holds as of its source's publication, and different values at different times "
            "from one counter are an update, not a contradiction."
        ),
    )
    cumulative: bool = Field(
        default=False,
        description="The figure can only grow over time (a death toll): a fall from one counter is flagged.",
    )
    represented_by: Literal["heads", "members"] | None = Field(
        default=None,
        description=(
            "Who may stand for a body in this slot: 'heads' (a minister signs or chairs for the "
            "ministry) or 'members' (any member takes part for the delegation). A value naming such "
            "a person, by the registry's heads / memberOf, is NARROWER than one naming the body."
        ),
    )
    within: SlotName | None = Field(
        default=None,
        description=(
            "The slot whose figure contains this one's: quantity:dead within quantity:dead-or-missing. "
            "A part above its whole, from one counter at one time, is flagged."
        ),
    )


class SlotFile(_Model):
    """A slot vocabulary file."""

    model_config = {
        "title": "Slot vocabulary",
        "json_schema_extra": {"$id": SCHEMA_BASE + "slots.schema.json"},
    }

    slots: dict[str, SlotDef]


@dataclass(frozen=True, slots=True)
class Slots:
    """All known slots, built-in and project ones."""

    defs: dict[str, SlotDef]

    def get(self, slot: str) -> SlotDef | None:
        found = self.defs.get(slot)
        if found is not None:
            return found
        head, sep, _ = slot.partition(":")
        if sep:
            family = self.defs.get(head)
            if family is not None and family.prefix:
                return family
        return None

    def multiple(self, slot: str) -> bool:
        d = self.get(slot)
        return d is not None and d.multiple

    def evolving(self, slot: str) -> bool:
        d = self.get(slot)
        return d is not None and d.evolving

    def cumulative(self, slot: str) -> bool:
        d = self.get(slot)
        return d is not None and d.cumulative

    def represented_by(self, slot: str) -> str | None:
        d = self.get(slot)
        return d.represented_by if d is not None else None

    def within(self, slot: str) -> str | None:
        """The whole this slot's figure is a part of, when the vocabulary says so."""
        d = self.get(slot)
        return d.within if d is not None else None

    def unknown_message(self, slot: str) -> str:
        names = [n if not d.prefix else f"{n}:" for n, d in self.defs.items()]
        return f"unknown slot '{slot}'{did_you_mean(slot, names)}"


BUILTIN_DISPLAY = "<builtin>/slots.yaml"


def _parse(data: object, file: str, marks: object) -> SlotFile:
    try:
        return SlotFile.model_validate(data)
    except ValidationError as e:
        raise InputError(problems_from_validation(e, file, marks, model=SlotFile)) from None  # type: ignore[arg-type]


def load_slots(paths: Sequence[Path] = ()) -> Slots:
    """The built-in slots plus those of the given files; later files may add slots, never redefine them."""
    builtin = resources.files("recoupe").joinpath("vocab/slots.yaml").read_text("utf-8")
    data, marks = parse_yaml(builtin, BUILTIN_DISPLAY)
    defs = dict(_parse(data, BUILTIN_DISPLAY, marks).slots)
    defined_in = dict.fromkeys(defs, (BUILTIN_DISPLAY, marks))  # where each slot was first defined
    problems: list[Problem] = []
    for path in paths:
        try:
            data, marks = read_yaml(path)
            extra = _parse(data, str(path), marks)
        except InputError as e:
            problems.extend(e.problems)
            continue
        for name, d in extra.slots.items():
            ptr = pointer(["slots", name])
            if name in defs and defs[name] != d:
                first_file, first_marks = defined_in[name]
                first_line = first_marks.find(ptr, key=True)[0]
                line, col = marks.find(ptr, key=True)
                problems.append(
                    Problem(
                        str(path),
                        line,
                        col,
                        ptr,
                        f"slot '{name}' is already defined, differently, in {first_file}:{first_line}",
                        "duplicate",
                    )
                )
                continue
            defs[name] = d
            defined_in.setdefault(name, (str(path), marks))
    if problems:
        raise InputError(problems)
    return Slots(defs)
