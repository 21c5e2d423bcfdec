"""Loading YAML rule files: every problem at once, each with its file, line and column.

A project keeps its own rules in YAML files in the folders its config names under `rules`. Each file
holds `rules: [...]`; each rule has a `kind` (model.py lists them; each kind has its module here).
Everything a user can get wrong is reported when the files are loaded, all problems at once, each
with its file, line and column: an unknown kind or key, a missing field, a bad severity, an unknown
slot or message placeholder, a CEL error, a code or name already taken.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from recoupe.errors import InputError, Problem, did_you_mean, pointer, problems_from_validation, shorten
from recoupe.rules.base import Rule
from recoupe.rules.kinds.base import COMMON_FIELDS, FileSite, KindSpec, make_rule
from recoupe.rules.kinds.model import KINDS, SPECS
from recoupe.rules.registry import builtin_names
from recoupe.yamlio import Marks, parse_yaml, read_text

if TYPE_CHECKING:
    from recoupe.slots import Slots

__all__ = ["load_rule_files", "rule_files"]

RULE_SUFFIXES = (".yaml", ".yml")


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def rule_files(paths: Sequence[Path], display_root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The rule files named by `paths`: files as given, folders' own *.yaml/*.yml (not sub-folders,
    which may hold rule test cases), sorted."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix in RULE_SUFFIXES and p.is_file() and not p.name.startswith(".")
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                Problem(_shown(path, display_root), None, None, "", "no such rule file or folder", "io")
            )
    return files, problems


def load_rule_files(
    paths: Sequence[Path],
    *,
    taken: Mapping[str, str] | None = None,
    slots: Slots | None = None,
    display_root: Path | None = None,
) -> list[Rule]:
    """Load every YAML rule file in `paths` (files or folders); raise InputError with every problem.

    `taken` maps codes and names already used (by default the built-in rules') to a description of
    their owner; `slots` (by default the built-in slots) checks the slots rules name. Files are shown
    relative to `display_root` when they are inside it.
    """
    if taken is None:
        taken = builtin_names()
    if slots is None:
        from recoupe.slots import load_slots

        slots = load_slots()
    files, problems = rule_files(paths, display_root)
    owners = dict(taken)
    rules: list[Rule] = []
    for file in files:
        shown = _shown(file, display_root)
        try:
            text = read_text(file, shown)
            data, marks = parse_yaml(text, shown)
        except InputError as e:
            problems.extend(e.problems)
            continue
        loader = _FileLoader(shown, text, marks, slots, owners)
        rules.extend(loader.load(data))
        problems.extend(loader.problems)
    if problems:
        raise InputError(problems)
    return rules


class _FileLoader(FileSite):
    """Validates one rule file, rule by rule, so that one bad rule does not hide the others' problems."""

    def __init__(self, file: str, text: str, marks: Marks, slots: Slots, owners: dict[str, str]) -> None:
        super().__init__(file, text, marks)
        self.slots = slots
        self.owners = owners

    def load(self, data: Any) -> list[Rule]:
        if not isinstance(data, dict):
            self.problems.append(
                Problem(self.file, 1, 1, "", "a rule file must be a mapping with a 'rules' list", "type")
            )
            return []
        for key in data:
            if key != "rules":
                self.at(
                    pointer([key]),
                    f"unknown key '{key}'{did_you_mean(key, ['rules'])}",
                    "unknown-key",
                    key=True,
                )
        raw = data.get("rules")
        if not isinstance(raw, list):
            message = "missing required field 'rules'" if raw is None else "'rules' must be a list of rules"
            self.at("/rules" if "rules" in data else "", message, "missing" if raw is None else "type")
            return []
        rules = []
        for i, item in enumerate(raw):
            rule = self.rule(i, item)
            if rule is not None:
                rules.append(rule)
        return rules

    def rule(self, i: int, item: Any) -> Rule | None:
        base = f"/rules/{i}"
        if not isinstance(item, dict):
            self.at(base, "a rule must be a mapping with a 'kind'", "type")
            return None
        kind = item.get("kind")
        if kind is None:
            self.at(base, f"missing required field 'kind': one of {', '.join(KINDS)}", "missing")
            return None
        if not isinstance(kind, str) or kind not in SPECS:  # (a mapping or a list is no kind, nor hashable)
            self.at(
                f"{base}/kind",
                f"unknown kind {shorten(repr(kind))}{did_you_mean(str(kind), KINDS)}; the kinds are {', '.join(KINDS)}",
                "unknown-kind",
            )
            return None
        model = SPECS[kind]
        try:
            spec = model.model_validate(item)
        except ValidationError as e:
            self.problems.extend(
                problems_from_validation(e, self.file, self.marks, base=("rules", i), model=model)
            )
            return None
        line = self.marks.find(base)[0]
        rule = make_rule(spec, f"{self.file}:{line}" if line is not None else self.file)
        # `&`, not `and`: every check runs, so that one rule's problems are all reported together
        ok = (
            self.check_message(base, spec)
            & self.check_slots(base, spec)
            & self.check_owner(base, spec)
            & rule.prepare(self, base)
        )
        return rule if ok else None

    def check_message(self, base: str, spec: KindSpec) -> bool:
        if spec.message is None:
            return True
        allowed = (*COMMON_FIELDS, *spec.rule_class.placeholders)
        ptr = f"{base}/message"
        try:
            parts = [
                (f, spec_, conv)
                for _, f, spec_, conv in string.Formatter().parse(spec.message)
                if f is not None
            ]
        except ValueError as e:
            self.at(ptr, f"bad message template: {e}; write '{{{{' and '}}}}' for literal braces", "template")
            return False
        for field, format_spec, conversion in parts:
            # Plain names only: `{left.__class__}` or `{left[0]}` would reach Python objects from a rule file.
            if format_spec or conversion or not field.isidentifier():
                shown = (
                    field
                    + (f"!{conversion}" if conversion else "")
                    + (f":{format_spec}" if format_spec else "")
                )
                self.at(
                    ptr, f"placeholder '{{{shown}}}' must be a plain name, e.g. {{{allowed[0]}}}", "template"
                )
                return False
            if field not in allowed:
                self.at(
                    ptr,
                    f"unknown placeholder '{{{field}}}'{_suggest(field, allowed)}; this kind allows "
                    + ", ".join(f"{{{a}}}" for a in allowed),
                    "template",
                )
                return False
        return True

    def check_slots(self, base: str, spec: KindSpec) -> bool:
        ok = True
        for ptr, sel in spec.slot_references():
            family = sel.endswith(":")
            found = self.slots.get(sel[:-1] if family else sel)
            if found is None or (family and not found.prefix):
                message = (
                    self.slots.unknown_message(sel)
                    if found is None
                    else f"'{sel[:-1]}' is not a family of slots"
                )
                self.at(f"{base}/{ptr}", message, "unknown-slot")
                ok = False
        return ok

    def check_owner(self, base: str, spec: KindSpec) -> bool:
        line = self.marks.find(base)[0]
        here = f"the rule at {self.file}:{line}"
        ok = True
        for field, value in (("code", spec.code), ("name", spec.name)):
            owner = self.owners.get(value)
            if owner is not None:
                self.at(
                    f"{base}/{field}", f"{field} '{value}' is already used by {owner}", f"duplicate-{field}"
                )
                ok = False
            else:
                self.owners[value] = here
        return ok


def _suggest(name: str, allowed: Sequence[str]) -> str:
    close = did_you_mean(name, allowed)
    return close.replace("'", "{", 1).replace("'", "}", 1) if close else ""
