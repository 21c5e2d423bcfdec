"""Problems a user can cause, as values with a location; and the exception that carries them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pydantic import ValidationError


class Locator(Protocol):
    """Where a JSON pointer stands in a file, as 1-based (line, column): its value's, or with
    `key=True` its key's. yamlio.Marks is one: named by its shape, so errors.py needs nothing of yamlio."""

    def find(self, ptr: str, key: bool = False) -> tuple[int | None, int | None]: ...


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can: file, line, column, JSON pointer."""

    file: str
    line: int | None = None
    column: int | None = None
    pointer: str = ""
    message: str = ""
    kind: str = "invalid"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        at = f" at {shorten(self.pointer)}" if self.pointer else ""
        # a message quotes values from the files: it reaches a CI log, where escape codes would act
        return escape_controls(f"{where}: {shorten(self.message, MESSAGE_CHARS)}{at} [{self.kind}]")

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "message": self.message,
            "kind": self.kind,
        }


MESSAGE_CHARS = 600  # at most this much of a message is shown: a value quoted in it may be megabytes
QUOTE_CHARS = 200  # and of one value quoted in a message
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shorten(text: str, keep: int = QUOTE_CHARS) -> str:
    """`text` as a message quotes it: at most `keep` characters, saying how long it was."""
    return text if len(text) <= keep else f"{text[:keep]}... ({len(text):,} characters)"


def escape_controls(text: str) -> str:
    """Control characters (and bidirectional overrides) as visible escapes: a claims file's terminal
    escape codes or NULs must not reach a terminal or a CI log as they are."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(
        lambda m: repr(m.group())[1:-1] if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


class InputError(Exception):
    """Bad input: carries every problem found, so that the user sees all of them at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class RuleFailed(InputError):
    """A plugin rule raised while checking: the project's code at fault, not its files nor recoupe.
    Its __cause__ is the exception the rule raised."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a misspelled key or name, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def pointer(parts: Iterable[str | int]) -> str:
    """An RFC 6901 JSON pointer from path parts."""
    out = []
    for p in parts:
        out.append("/" + str(p).replace("~", "~0").replace("/", "~1"))
    return "".join(out)


@dataclass(slots=True)
class ProblemSink:
    """Collects problems across files so that all of them are reported, not only the first."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of text[index]."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def json_reason(msg: str) -> str:
    """The standard JSON parser's reason, worded as ours: "Unterminated string starting at" and
    "Invalid control character at" end on a position that the problem's column already gives."""
    why = msg.removesuffix(" starting at").removesuffix(" at")
    return why[:1].lower() + why[1:]


def not_utf8(file: str, raw: bytes, e: UnicodeDecodeError) -> Problem:
    """The located problem of a file that is not UTF-8: line and column of the first bad byte."""
    line_start = raw.rfind(b"\n", 0, e.start) + 1
    line = raw.count(b"\n", 0, e.start) + 1
    col = len(raw[line_start : e.start].decode("utf-8", "replace")) + 1
    return Problem(file, line, col, "", f"not UTF-8 at byte {e.start} (0x{raw[e.start]:02X})", "encoding")


def _expected_keys(model: Any, loc: Sequence[str | int]) -> list[str]:
    """The field names (and aliases) allowed at `loc` in a pydantic model, for 'did you mean'."""
    from pydantic import BaseModel

    current: Any = model
    in_mapping = False  # the next part of `loc` is a key of a mapping field (`slots: {name: ...}`)
    for part in loc[:-1]:
        if in_mapping:  # a key, whatever its type (YAML keys may be numbers)
            in_mapping = False
            continue
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return []
            current = _inner_model(info.annotation)
            in_mapping = _is_mapping(info.annotation)
        else:
            return []
    if in_mapping:  # the unknown key names an entry of the mapping, which takes any name
        return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _is_mapping(annotation: Any) -> bool:
    """Whether a field's annotation is a mapping (possibly optional): its keys are data, not fields."""
    from collections.abc import Mapping
    from typing import get_args, get_origin

    origin = get_origin(annotation)
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return True
    return any(_is_mapping(arg) for arg in get_args(annotation) if get_origin(arg) is not None)


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def problems_from_validation(
    err: ValidationError,
    file: str,
    marks: Locator | None,
    base: Sequence[str | int] = (),
    model: Any = None,
    line: int | None = None,
) -> list[Problem]:
    """Turn a pydantic ValidationError into located problems.

    `marks` maps JSON pointers to (line, column) in the YAML file; `line` is used for JSON Lines.
    Union branches produce one error each; we keep the clearest one per location.
    """
    out: list[Problem] = []
    seen: set[str] = set()
    errors = err.errors(include_url=False)
    # A misspelled key shows twice: as an unknown key and as a missing field. Say it once.
    suggested: set[str] = set()
    for e in errors:
        if e["type"] == "extra_forbidden" and model is not None:
            loc = _clean(e["loc"])
            close = did_you_mean(str(loc[-1]), _expected_keys(model, loc)) if loc else ""
            if close:
                suggested.add(pointer([*base, *loc[:-1], close.split("'")[1]]))
    for e in errors:
        loc = _clean(e["loc"])
        ptr = pointer([*base, *loc])
        if ptr in seen or (e["type"] == "missing" and ptr in suggested):
            continue
        seen.add(ptr)
        etype = e["type"]
        if etype == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            hint = did_you_mean(key, _expected_keys(model, loc)) if model is not None else ""
            msg = f"unknown key '{key}'{hint}"
            kind = "unknown-key"
        elif etype == "missing":
            msg = f"missing required field '{loc[-1]}'" if loc else "missing required field"
            if loc[-2:] == ["text", "sha256"]:
                msg += "; run 'recoupe pin' to compute and write it"
            kind = "missing"
        else:
            got = e.get("input")
            shown = "" if isinstance(got, (dict, list)) else f" (got {shorten(repr(got))})"
            msg = e["msg"][0].lower() + e["msg"][1:] + shown + _yaml_hint(got, etype)
            kind = "type"
        ln, col = (line, None)
        if marks is not None:
            ln, col = marks.find(ptr, key=kind == "unknown-key")
        out.append(Problem(file, ln, col, ptr, msg, kind))
    return out


def _yaml_hint(got: object, etype: str) -> str:
    """Why a word or figure arrived as a boolean or a number: YAML 1.1 reads them so unquoted."""
    if etype != "string_type":
        return ""
    if isinstance(got, bool):
        return (
            "; YAML reads an unquoted yes, no, on, off, true or false as a boolean: put the value in quotes"
        )
    if isinstance(got, (int, float)):
        return "; YAML read an unquoted number (1:30 is 90, 012 is 10): put the value in quotes"
    return ""


def _clean(loc: Sequence[str | int]) -> list[str | int]:
    # A union member's tag only ever follows a field name; a key at the top is always a key.
    return [
        p
        for i, p in enumerate(loc)
        if not (i > 0 and isinstance(p, str) and isinstance(loc[i - 1], str) and _is_union_tag(p))
    ]


def _is_union_tag(part: str) -> bool:
    # pydantic inserts the union member's name ("str", "list[str]", "function-after[...]") into loc
    return part in {"str", "int", "float", "list[str]", "date", "datetime", "bool"} or "[" in part
