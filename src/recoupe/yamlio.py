"""Safe, fast YAML reading that keeps line marks (atomic writing lives in outfile, re-exported here).

PyYAML's C parser composes a node tree that carries marks; we convert it to plain Python ourselves.
That is faster than SafeConstructor (no generator machinery) and lets us keep the tree to locate
any JSON pointer afterwards, catch duplicate keys, and bound alias expansion.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from recoupe import safefile
from recoupe.errors import InputError, Problem, json_reason, line_col, not_utf8, pointer, shorten
from recoupe.outfile import write_atomic  # re-exported: writers import it from here

try:  # the C parser is much faster; fall back to the pure-Python one where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = safefile.Limits().file_bytes  # the default; safefile.current holds the one in force
# Aliases may share structure, but expanding them must not explode (the "billion laughs" attack).
MAX_EXPANSION_FACTOR = 10

__all__ = ["Marks", "parse_yaml", "read_text", "read_yaml", "write_atomic"]

_STR = "tag:yaml.org,2002:str"
_constructor = yaml.constructor.SafeConstructor()
_SCALARS: dict[str, Callable[[ScalarNode], Any]] = {
    "tag:yaml.org,2002:null": lambda n: None,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    # Dates stay strings: pydantic parses them where a date is expected, and a claim value that looks
    # like a date ("2022-08-01") must reach the date normalizer as the source worded it.
    "tag:yaml.org,2002:timestamp": lambda n: n.value,
}


class Marks:
    """Locates a JSON pointer in the composed YAML tree: 1-based (line, column)."""

    __slots__ = ("_root",)

    def __init__(self, root: Node | None) -> None:
        self._root = root

    def find(self, ptr: str, key: bool = False) -> tuple[int | None, int | None]:
        """Where `ptr` stands: its value, or with `key=True` its key (the place to show a bad key).

        A pointer that goes beyond the tree stops at the deepest node that exists.
        """
        node = self._root
        if node is None:
            return None, None
        key_node: Node | None = None
        for raw in ptr.split("/")[1:]:
            part = raw.replace("~1", "/").replace("~0", "~")
            key_node = None
            if isinstance(node, MappingNode):
                nxt = None
                for k, v in node.value:
                    if str(k.value) == part:
                        key_node, nxt = k, v
                        break
                if nxt is None:
                    break
                node = nxt
            elif isinstance(node, SequenceNode) and part.isdigit() and int(part) < len(node.value):
                node = node.value[int(part)]
            else:
                break
        target = key_node if key and key_node is not None else node
        return target.start_mark.line + 1, target.start_mark.column + 1

    def line_of(self, ptr: str) -> int | None:
        return self.find(ptr)[0]


class _Converter:
    def __init__(self, file: str, budget: int) -> None:
        self.file = file
        self.budget = budget
        self.problems: list[Problem] = []
        limits = safefile.current
        self.max_depth = limits.depth
        self.max_chars = limits.string_chars

    def convert(self, node: Node, path: list[str | int]) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise InputError([self._at(node, path, "too many nodes after expanding aliases", "size")])
        if len(path) > self.max_depth:  # also ends an alias that contains itself (`a: &x [*x]`)
            # (the pointer cut short: a hundred "/0" say nothing more)
            raise InputError(
                [self._at(node, path[:3], f"nested deeper than {self.max_depth} levels", "size")]
            )
        if isinstance(node, ScalarNode):
            if len(node.value) > self.max_chars:
                self.problems.append(
                    self._at(node, path, f"a value longer than {self.max_chars:,} characters", "size")
                )
                return ""
            if node.tag == _STR:
                return node.value
            make = _SCALARS.get(node.tag)
            if make is None:
                self.problems.append(
                    self._at(node, path, f"unsupported YAML tag {shorten(node.tag)}", "syntax")
                )
                return node.value
            try:
                return make(node)
            except (ValueError, KeyError, TypeError, ArithmeticError):  # `!!bool maybe`, `!!int x`
                what = node.tag.rsplit(":", 1)[-1]
                self.problems.append(
                    self._at(node, path, f"not a valid {what}: {shorten(node.value)!r}", "type")
                )
                return node.value
        if isinstance(node, SequenceNode):
            return [self.convert(item, [*path, i]) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for k, v in node.value:
                if not isinstance(k, ScalarNode):
                    self.problems.append(self._at(k, path, "a mapping key must be a plain value", "syntax"))
                    continue
                key = k.value if k.tag == _STR else str(self.convert(k, path))
                if key == "<<":
                    self.problems.append(self._at(k, path, "merge keys ('<<') are not supported", "syntax"))
                    continue
                if key in out:
                    self.problems.append(
                        self._at(k, [*path, key], f"duplicate key '{shorten(key)}'", "duplicate-key")
                    )
                    continue
                out[key] = self.convert(v, [*path, key])
            return out
        raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _at(self, node: Node, path: list[str | int], message: str, kind: str) -> Problem:
        return Problem(
            self.file, node.start_mark.line + 1, node.start_mark.column + 1, pointer(path), message, kind
        )


def _count_nodes(root: Node) -> int:
    """Distinct nodes of the tree, shared ones once (a loop, not recursion: nesting is not yet bounded)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return len(seen)


def parse_yaml(text: str, file: str) -> tuple[Any, Marks]:
    """Parse one YAML (or JSON) document. Raises InputError with located problems."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        what = e.problem or e.context or "invalid YAML"
        raise InputError([Problem(file, line, col, "", f"not valid YAML: {what}", "syntax")]) from None
    except yaml.reader.ReaderError as e:
        # A character YAML refuses (a NUL, a control character): the reader gives an offset, in
        # bytes or in characters depending on the loader, so find the character itself. It is the
        # first of its kind in the text, since the reader stops at the first one it refuses.
        at = text.find(chr(e.character)) if isinstance(e.character, int) else -1
        line, col = line_col(text, at) if at >= 0 else (None, None)
        # (worded here: the C and the pure-Python readers give different reasons for the same character)
        what = f"character U+{e.character:04X} is not allowed" if isinstance(e.character, int) else e.reason
        raise InputError([Problem(file, line, col, "", f"not valid YAML: {what}", "syntax")]) from None
    except yaml.YAMLError as e:
        raise InputError([Problem(file, None, None, "", f"not valid YAML: {e}", "syntax")]) from None
    if root is None:
        return None, Marks(None)
    if "*" in text:
        budget = MAX_EXPANSION_FACTOR * _count_nodes(root) + 10_000
    else:
        # An alias is always written *name: without a star no node is shared, conversion visits each
        # node once, and counting them would be a second walk of the tree for nothing. Every node but
        # an implicit null takes a character and an implicit null takes an indicator (":", "-", "?",
        # ","), so the budget below is several times any node count the text can produce.
        budget = MAX_EXPANSION_FACTOR * (len(text) + 1) + 10_000
    conv = _Converter(file, budget)
    data = conv.convert(root, [])
    if conv.problems:
        raise InputError(conv.problems)
    return data, Marks(root)


def read_text(path: Path, display: str | None = None, limit: int | None = None) -> str:
    """Read a regular UTF-8 file with a size limit (safefile's for files by default); problems come
    back located. A FIFO, a device or a folder is refused without waiting on it."""
    shown = display or str(path)
    return decode_utf8(read_bytes(path, shown, limit), shown)


def read_bytes(path: Path, shown: str, limit: int | None = None) -> bytes:
    """A regular file's bytes, within the size limit (as read_text reads them); problems come back located."""
    try:
        return safefile.read_regular(path, safefile.current.file_bytes if limit is None else limit)
    except safefile.Refused as e:
        kind = "size" if e.kind == "size" else "io"
        reason = e.reason if e.kind in ("size", "special-file", "folder") else f"cannot read: {e.reason}"
        raise InputError([Problem(shown, None, None, "", reason, kind)]) from None


def decode_utf8(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError([not_utf8(shown, raw, e)]) from None


def read_yaml(path: Path, display: str | None = None) -> tuple[Any, Marks]:
    """Read a YAML file, or a JSON file held to JSON's own grammar (YAML would forgive a trailing comma)."""
    shown = display or str(path)
    return parse_file(read_text(path, shown), path, shown)


def parse_file(text: str, path: Path, shown: str) -> tuple[Any, Marks]:
    """Parse a YAML or JSON file's text already read (by suffix, as read_yaml does)."""
    if path.suffix == ".json":
        import json

        try:
            json.loads(text)
        except RecursionError:  # nested past Python's stack: the YAML reading below locates the depth
            pass
        except json.JSONDecodeError as e:
            raise InputError(
                [Problem(shown, e.lineno, e.colno, "", f"not valid JSON: {json_reason(e.msg)}", "syntax")]
            ) from None
    return parse_yaml(text, shown)
