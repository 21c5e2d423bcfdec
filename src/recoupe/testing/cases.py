"""The rule-case file model (cases, expected findings) and its loader, which sets up each file's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import ConfigDict, Field, ValidationError

from recoupe.errors import InputError, Problem, did_you_mean, problems_from_validation
from recoupe.models import SCHEMA_BASE, ClaimBody, Identifier, SourceKind, _Model
from recoupe.yamlio import Marks, read_yaml

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.normalize.values import Normalizer
    from recoupe.rules.base import Rule
    from recoupe.slots import Slots

__all__ = ["Case", "CaseClaim", "CaseFile", "CaseSource", "ExpectedFinding", "RuleCase", "load_cases"]

CASE_SUFFIXES = (".yaml", ".yml")
DEFAULT_EVENT = "e"

# -------------------------------------------------------------------------------------------------
# The file format
# -------------------------------------------------------------------------------------------------

Level = Literal["error", "warning", "info"]
RelationName = Literal["EQUAL", "NARROWER", "BROADER", "OVERLAP", "DISJOINT", "UNKNOWN"]
ClaimPath = Annotated[
    str,
    Field(pattern=r"^[^/\s]+/[^/\s]+$", description="A claim as 'source/claim id'.", examples=["a/c1"]),
]


class CaseSource(_Model):
    """A source of a case. Every field is optional: a source not listed is an undated article in French."""

    model_config = ConfigDict(title="Case source")

    kind: SourceKind = "article"
    published: dt.date | dt.datetime | None = Field(
        default=None, description="Publication date; relative dates in claims resolve against it."
    )
    language: str = Field(default="fr", pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
    outlet: str | None = None
    title: str | None = None
    text: str | None = Field(
        default=None, description="The source's text; claims' quotes are located in it when given."
    )
    stale: bool = Field(
        default=False, description="Pretend the text changed since its claims were pinned to it."
    )


class CaseClaim(ClaimBody):
    """A claim of a case: the fields of a claim in a source file, plus its `source`."""

    model_config = ConfigDict(title="Case claim")

    source: Identifier = Field(description="The id of the source that makes the claim.")


class ExpectedFinding(_Model):
    """A finding the rule(s) under test must give."""

    model_config = ConfigDict(title="Expected finding")

    code: str = Field(min_length=1, description="The rule code.")
    claims: tuple[ClaimPath, ...] = Field(description="The claims the finding names, in any order.")
    relation: RelationName | None = Field(
        default=None, description="The finding's relation; leave it out for a finding without one."
    )
    severity: Level | None = Field(default=None, description="When given, the finding's severity.")
    message_contains: str | None = Field(
        default=None, min_length=1, description="When given, a part of the finding's message."
    )


class Case(_Model):
    """One test: claims in, the exact findings out."""

    model_config = ConfigDict(title="Rule case")

    name: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="Unique in its file; shown in test ids."
    )
    description: str | None = None
    events: tuple[Identifier, ...] = Field(
        default=(), description="The corpus's events; default those the claims name (or 'e')."
    )
    sources: dict[Identifier, CaseSource] = Field(default_factory=dict)
    claims: tuple[CaseClaim, ...] = ()
    expect: tuple[ExpectedFinding, ...] = Field(description="Every finding expected; [] for none.")


class CaseFile(_Model):
    """A file of rule test cases."""

    model_config = ConfigDict(
        title="recoupe rule cases", json_schema_extra={"$id": SCHEMA_BASE + "rule-cases.schema.json"}
    )

    rule: str | None = Field(
        default=None, min_length=1, description="The code (or name) of the rule under test."
    )
    rules: tuple[str, ...] = Field(default=(), description="The rules under test, when there are several.")
    rules_files: tuple[str, ...] = Field(
        default=(), description="YAML rule files to load, relative to this file."
    )
    plugins: tuple[str, ...] = Field(
        default=(), description="Local plugin modules or .py paths, relative to this file."
    )
    vocabularies: tuple[str, ...] = Field(default=(), description="Extra vocabulary files.")
    registries: tuple[str, ...] = Field(default=(), description="Extra entity registry files.")
    slots: tuple[str, ...] = Field(default=(), description="Extra slot vocabulary files.")
    cases: tuple[Case, ...] = Field(description="The test cases.")


# -------------------------------------------------------------------------------------------------
# Loading
# -------------------------------------------------------------------------------------------------


@dataclass
class _Setup:
    """What the cases of one file share: the rules to run and the normalizer, each built once."""

    file: Path
    shown: str
    data: CaseFile
    marks: Marks
    slots: Slots

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.data.rule,) if self.data.rule else self.data.rules

    @cached_property
    def settings(self) -> Settings:
        from recoupe.config import Settings

        d = self.data
        return Settings.model_validate(
            {
                "rules": list(d.rules_files),
                "plugins": list(d.plugins),
                "vocabularies": list(d.vocabularies),
                "registries": list(d.registries),
                "slots": list(d.slots),
                "root": self.file.parent.resolve(),
            }
        )

    @cached_property
    def rules(self) -> list[Rule]:
        """The rules under test, found among every rule the case file's settings make available."""
        from recoupe.rules.plugins import discover_rules

        available = discover_rules(self.settings)
        chosen: list[Rule] = []
        problems = []
        ptr = "/rule" if self.data.rule else "/rules"
        for i, code in enumerate(self.codes):
            rule = next((r for r in available if code in (r.code, r.name)), None)
            if rule is None:
                at = ptr if self.data.rule else f"{ptr}/{i}"
                line, col = self.marks.find(at)
                hint = did_you_mean(code, [r.code for r in available] + [r.name for r in available])
                problems.append(Problem(self.shown, line, col, at, f"no rule '{code}'{hint}", "unknown-rule"))
            elif rule not in chosen:
                chosen.append(rule)
        if problems:
            raise InputError(problems)
        return chosen

    @cached_property
    def normalizer(self) -> Normalizer:
        from recoupe.normalize.values import Normalizer

        return Normalizer.from_settings(self.settings)


@dataclass(slots=True, eq=False)
class RuleCase:
    """One case, ready to run: where it is written, and what its file sets up."""

    file: Path
    name: str
    line: int | None
    case: Case
    index: int  # in its file's `cases`
    setup: _Setup = field(repr=False)

    @property
    def rules(self) -> tuple[str, ...]:
        return self.setup.codes

    def __str__(self) -> str:
        where = f"{self.setup.shown}:{self.line}" if self.line is not None else self.setup.shown
        return f"{self.name} ({where})"


def _case_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in CASE_SUFFIXES and p.is_file())
    return [path]


def load_cases(path_or_dir: str | Path | Sequence[str | Path]) -> list[RuleCase]:
    """Every case of a case file, of the case files in a folder (recursively), or of several paths.

    Raises InputError with every problem found: bad YAML, unknown keys, missing fields, duplicate
    case names or claim ids, unknown slots, and expectations naming claims the case does not have.
    """
    from recoupe.slots import load_slots

    paths = [path_or_dir] if isinstance(path_or_dir, (str, Path)) else list(path_or_dir)
    out: list[RuleCase] = []
    problems: list[Problem] = []
    builtin_slots = load_slots()
    for p in paths:
        path = Path(p)
        if not path.exists():
            problems.append(Problem(str(path), None, None, "", "no such file or folder", "io"))
            continue
        for file in _case_files(path):
            try:
                out.extend(_load_file(file, builtin_slots))
            except InputError as e:
                problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return out


def _load_file(file: Path, builtin_slots: Slots) -> list[RuleCase]:
    from recoupe.slots import load_slots

    shown = str(file)
    raw, marks = read_yaml(file, shown)
    try:
        data = CaseFile.model_validate(raw)
    except ValidationError as e:
        raise InputError(problems_from_validation(e, shown, marks, model=CaseFile)) from None
    problems: list[Problem] = []

    def at(ptr: str, message: str, kind: str) -> None:
        line, col = marks.find(ptr)
        problems.append(Problem(shown, line, col, ptr, message, kind))

    if bool(data.rule) == bool(data.rules):
        at("", "name the rule under test with 'rule', or several with 'rules' (not both)", "missing")
    slots = load_slots([file.parent / s for s in data.slots]) if data.slots else builtin_slots
    setup = _Setup(file, shown, data, marks, slots)
    cases = []
    names: set[str] = set()
    for i, case in enumerate(data.cases):
        base = f"/cases/{i}"
        if case.name in names:
            at(f"{base}/name", f"duplicate case name '{case.name}'", "duplicate-id")
        names.add(case.name)
        ids: set[str] = set()
        for j, c in enumerate(case.claims):
            ref = f"{c.source}/{c.id}"
            if ref in ids:
                at(
                    f"{base}/claims/{j}/id",
                    f"duplicate claim id '{c.id}' in source '{c.source}'",
                    "duplicate-id",
                )
            ids.add(ref)
            if slots.get(c.slot) is None:
                at(f"{base}/claims/{j}/slot", slots.unknown_message(c.slot), "unknown-slot")
        for k, exp in enumerate(case.expect):
            for m, ref in enumerate(exp.claims):
                if ref not in ids:
                    at(
                        f"{base}/expect/{k}/claims/{m}",
                        f"no claim '{ref}' in this case{did_you_mean(ref, ids)}",
                        "unknown-claim",
                    )
        cases.append(RuleCase(file, case.name, marks.find(base)[0], case, i, setup))
    if problems:
        raise InputError(problems)
    return cases
