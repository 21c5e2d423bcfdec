"""`recoupe pin`: write each source's new text sha256 into its YAML, once its quotes still hold.

The file is parsed with ruamel.yaml only to find where `text.sha256` stands; the edit itself replaces
those characters (or inserts one line), so comments, quoting and layout stay byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recoupe import safefile
from recoupe.errors import InputError, Problem, shorten
from recoupe.load.evidence import QuoteMiss, fold_source, locate, sha256_hex
from recoupe.yamlio import parse_yaml, read_text, write_atomic

SOURCE_SUFFIXES = (".yaml", ".yml", ".json")
EVENT_FILE = "event.yaml"
_LINES = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True, slots=True)
class BrokenQuote:
    """A claim whose quote the new text no longer supports, and why (with the closest passage)."""

    line: int
    claim: str
    quote: str
    reason: str


@dataclass(slots=True)
class PinResult:
    """What `pin` did to one source file."""

    file: str
    status: str  # "pinned", "unchanged" or "refused"
    old: str | None = None
    new: str = ""
    broken: list[BrokenQuote] = field(default_factory=list)


def source_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The YAML and JSON files below `paths` that may be source files, sorted, hidden ones skipped."""
    for root in paths:
        if root.is_file():
            yield root
            continue
        if not root.is_dir():
            raise InputError([Problem(str(root), None, None, "", "no such file or folder", "io")])
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).parts
            if any(part.startswith((".", "__")) for part in rel) or not p.is_file():
                continue
            if p.suffix in SOURCE_SUFFIXES and p.name != EVENT_FILE:
                yield p


def _parse(text: str, shown: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise InputError([Problem(shown, line, col, "", f"not valid YAML: {e.problem}", "syntax")]) from None


def pin_file(
    path: Path, shown: str, *, force: bool = False, write: bool = True, roots: tuple[Path, ...] = ()
) -> PinResult | None:
    """Re-pin one source file; None when it is no source file with a text (an event, a registry).

    The text is held to what the loader holds it to: a regular file inside `roots` (the corpus
    folders; by default the source file's own), so that no sha256 of a file outside is written.
    """
    raw = read_text(path, shown)
    parse_yaml(raw, shown)  # bounded first (nesting, aliases, lengths): ruamel would recurse without end
    doc = _parse(raw, shown)
    ref: Any = doc.get("text") if hasattr(doc, "get") else None
    if not hasattr(ref, "get") or not isinstance(ref.get("path"), str):
        return None
    text_path = path.parent / ref["path"]
    try:
        confined = safefile.confine(text_path, roots or (safefile.resolve(path.parent),))
        data = safefile.read_regular(confined, safefile.current.text_bytes)
    except safefile.Refused as e:
        line = ref.lc.value("path")[0] + 1
        message = f"cannot read text '{shorten(ref['path'])}': {e.reason}"
        raise InputError([Problem(shown, line, None, "/text/path", message, "missing-text")]) from None
    old = ref.get("sha256")
    new = sha256_hex(data)
    result = PinResult(shown, "unchanged", old if isinstance(old, str) else None, new)
    if old == new:
        return result
    try:
        folded = fold_source(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(
            [Problem(shown, None, None, "/text/path", f"text '{ref['path']}' is not UTF-8", "encoding")]
        ) from None
    claims = doc.get("claims") or []
    for claim in claims if isinstance(claims, list) else []:
        quote = claim.get("quote") if hasattr(claim, "get") else None
        if not isinstance(quote, str) or not quote:
            continue
        occurrence = claim.get("occurrence")
        found = locate(quote, folded, occurrence if isinstance(occurrence, int) else None)
        if isinstance(found, QuoteMiss):
            result.broken.append(
                BrokenQuote(claim.lc.value("quote")[0] + 1, str(claim.get("id", "")), quote, found.message)
            )
    if result.broken and not force:
        result.status = "refused"
        return result
    if write:
        write_atomic(path, _with_pin(raw, ref, new))
    result.status = "pinned"
    return result


def _with_pin(raw: str, ref: Any, sha: str) -> str:
    """`raw` with `sha` as the value of text.sha256: the old value's characters replaced, or one line
    (one entry, in a flow mapping) added after `path`."""
    lines = _LINES.findall(raw)  # split on "\n" only, as the YAML parser counts lines
    if "sha256" in ref:
        if ref["sha256"] is None:  # `sha256:` left empty: the value goes right after the key's colon
            line, col = ref.lc.key("sha256")
            colon = lines[line].index(":", col) + 1
            lines[line] = lines[line][:colon] + " " + sha + lines[line][colon:]
            return "".join(lines)
        line, col = ref.lc.value("sha256")
        old = lines[line]
        quote = old[col] if old[col] in "\"'" else ""
        if quote:
            end = old.index(quote, col + 1) + 1
        else:
            end = col
            while end < len(old) and old[end] not in " \t\r\n,}#":
                end += 1
        lines[line] = old[:col] + quote + sha + quote + old[end:]
        return "".join(lines)
    line, col = ref.lc.key("path")
    if ref.fa.flow_style():
        # `text: {path: a.txt}`: the new entry goes right after the path's value
        vline, vcol = ref.lc.value("path")
        src = lines[vline]
        end = vcol
        quote = src[vcol] if src[vcol] in "\"'" else ""
        if quote:
            end = src.index(quote, vcol + 1) + 1
        else:
            while end < len(src) and src[end] not in ",}\r\n":
                end += 1
            while end > vcol and src[end - 1] in " \t":
                end -= 1
        lines[vline] = src[:end] + f", sha256: {sha}" + src[end:]
        return "".join(lines)
    newline = "\r\n" if lines[line].endswith("\r\n") else "\n"
    indent = lines[line][:col]
    if not lines[line].endswith(("\n", "\r")):
        lines[line] += newline
    lines.insert(line + 1, f"{' ' * len(indent)}sha256: {sha}{newline}")
    return "".join(lines)


def _roots(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The corpus folders, resolved: what the texts named below them must lie inside."""
    out = []
    for p in paths:
        try:
            out.append(safefile.resolve(p if p.is_dir() else p.parent))
        except safefile.Refused:  # a missing path: source_files says so
            continue
    return tuple(out)


def pin(paths: Sequence[Path], display_root: Path, *, force: bool = False) -> list[PinResult]:
    """Re-pin every source file below `paths` whose text changed; refuse those whose quotes broke.

    Nothing is written until every file has been read and parsed, so a bad file stops the run with
    no source half re-pinned.
    """
    plans: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    results: list[PinResult] = []
    roots = _roots(paths)
    for p in source_files(paths):
        try:
            shown = str(p.resolve().relative_to(display_root))
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symlink loop
            shown = str(p)
        plans.append((p, shown))
    for p, shown in plans:  # a dry run first: every problem, and no write before all are known
        try:
            pin_file(p, shown, force=force, write=False, roots=roots)
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    for p, shown in plans:
        found = pin_file(p, shown, force=force, roots=roots)
        if found is not None:
            results.append(found)
    return results
