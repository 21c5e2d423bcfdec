"""JSON Lines files: one record (claim, source or event) per line, read as a stream."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from recoupe import safefile
from recoupe.errors import Problem, json_reason, problems_from_validation
from recoupe.load.base import LoaderBase, Pending
from recoupe.models import BulkClaim, Event, EventRecord, SourceRecord

if TYPE_CHECKING:
    from recoupe.load.fastpath import FastClaim

BULK_SUFFIXES = (".jsonl", ".ndjson")
MAX_LINE_BYTES = safefile.Limits().line_bytes  # the default; safefile.current holds the one in force
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


class JsonLines(LoaderBase):
    """Reads JSON Lines files: claims through the msgspec fast path, the other records through pydantic."""

    def _read_bulk(self, path: Path) -> None:
        shown = self._show(path)
        self.corpus.files.append(shown)
        try:
            handle = os.fdopen(
                safefile.open_regular(path), "rb"
            )  # a FIFO or a device is refused, not waited on
        except safefile.Refused as e:
            self.sink.add(Problem(shown, None, None, "", f"cannot read: {e.reason}", "io"))
            return
        with handle:
            if self.cache is None:
                self._read_lines(enumerate(handle, 1), shown, path.parent)
                return
            # the key of what each event's findings depend on: a hash of the very lines read
            digest = hashlib.sha256()
            self._read_lines(enumerate(_hashed(handle, digest.update), 1), shown, path.parent)
            self.corpus.file_keys[shown] = self.cache.key(digest.digest(), shown)

    def _read_lines(self, lines: Iterable[tuple[int, bytes]], shown: str, base: Path) -> None:
        """One record per (line number, line), read as a stream: a file of millions of claims is never
        held whole, and a run over parts reads only some of its lines."""
        import orjson  # JSON Lines only; keeps start-up light

        from recoupe.load.fastpath import decode_claim

        sources = self.corpus.sources
        limits = safefile.current
        max_line, max_depth = limits.line_bytes, limits.depth
        for n, line in lines:
            if line.isspace() or not line:  # (no copy of the line, unlike strip)
                continue
            if len(line) > max_line:
                self.sink.add(Problem(shown, n, None, "", f"line longer than {max_line // 1024} KiB", "size"))
                continue
            # nesting is measured only on lines with enough brackets to exceed it: a claim has a few
            if line.count(b"[") + line.count(b"{") > max_depth and json_depth(line) > max_depth:
                self.sink.add(Problem(shown, n, None, "", f"nested deeper than {max_depth} levels", "size"))
                continue
            # Claims are by far the most common record: msgspec decodes valid ones in C; pydantic
            # (the source of truth) words the error for any line msgspec refuses.
            if b'"record"' not in line or b'"record":"claim"' in line.replace(b" ", b""):
                claim: BulkClaim | FastClaim | None = decode_claim(line)
                if claim is not None:  # its repeated ids are already shared (fastpath._canonical)
                    sid, event = claim.source, claim.event
                else:  # pydantic decides: it may accept what msgspec's stricter typing refused
                    try:
                        claim = BulkClaim.model_validate_json(line)
                    except ValidationError as e:
                        self._bulk_problem(e, shown, n, line, BulkClaim)
                        continue
                    sid, event = claim.source, claim.event  # a rare line: no sharing (see fastpath)
                src = sources.get(sid)
                if src is None:  # not declared yet: checked once the whole corpus is read
                    self._pending.append(Pending(claim, sid, event, shown, n, "", None))
                    continue
                loaded = self._check_claim(claim, event, src, shown, n, "", None)
                if loaded is not None:
                    self._pending.append(loaded)
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError:
                self.sink.add(_not_json(shown, n, line))
                continue
            kind = data.get("record") if isinstance(data, dict) else None
            try:
                if kind == "source":
                    rec = SourceRecord.model_validate(data)
                    self._add_source(rec, shown, n, rec.event or "", base, None)
                elif kind == "event":
                    ev = EventRecord.model_validate(data)
                    self._add_event(Event.model_validate(ev.model_dump(exclude={"record"})), shown, n)
                else:
                    self.sink.add(
                        Problem(
                            shown,
                            n,
                            None,
                            "/record",
                            f"unknown record kind {kind!r}: use claim, source or event",
                            "unknown-key",
                        )
                    )
            except ValidationError as e:
                self._bulk_problem(e, shown, n, line, SourceRecord if kind == "source" else EventRecord)

    def _bulk_problem(self, e: ValidationError, file: str, n: int, line: bytes, model: Any) -> None:
        if any(err["type"] == "json_invalid" for err in e.errors()):
            self.sink.add(_not_json(file, n, line))
            return
        self.sink.extend(problems_from_validation(e, file, None, model=model, line=n))


def _hashed(lines: Iterable[bytes], update: Callable[[bytes], None]) -> Iterator[bytes]:
    for line in lines:
        update(line)
        yield line


def _not_json(file: str, n: int, line: bytes) -> Problem:
    """Why line `n` of a JSON Lines file is not JSON, at its column (in characters).

    The error path only: the standard library's parser words the reason and counts characters.
    """
    import json

    line = line.rstrip(b"\r\n")  # a string cut short would otherwise end on a newline
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as e:
        col = len(line[: e.start].decode("utf-8", "replace")) + 1
        return Problem(file, n, col, "", f"not UTF-8 (byte 0x{line[e.start]:02X})", "encoding")
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        return Problem(file, n, e.colno, "", f"not valid JSON: {json_reason(e.msg)}", "syntax")
    except ValueError:  # Python refuses to convert an integer of more than 4,300 digits
        return Problem(file, n, None, "", "not valid JSON: a number too long to read", "syntax")
    return Problem(file, n, None, "", "not valid JSON", "syntax")  # a JSON that the fast parsers refuse


def json_depth(line: bytes) -> int:
    """How deeply lists and objects nest in one JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for byte in _STRING.sub(b"", line):
        if byte == 0x5B or byte == 0x7B:  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte == 0x5D or byte == 0x7D:  # ] }
            depth -= 1
    return deepest
