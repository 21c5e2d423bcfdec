"""JSON Lines files: one record (claim, source or event) per line, read as a stream."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from recoupe.errors import Problem, json_reason, problems_from_validation
from recoupe.load.base import LoaderBase, Pending
from recoupe.models import BulkClaim, Event, EventRecord, SourceRecord

if TYPE_CHECKING:
    from recoupe.load.fastpath import FastClaim

BULK_SUFFIXES = (".jsonl", ".ndjson")
MAX_LINE_BYTES = 1024 * 1024  # JSON Lines files are streamed, whatever their size; one line is bounded


class JsonLines(LoaderBase):
    """Reads JSON Lines files: claims through the msgspec fast path, the other records through pydantic."""

    def _read_bulk(self, path: Path) -> None:
        shown = self._show(path)
        self.corpus.files.append(shown)
        try:
            handle = path.open("rb")
        except OSError as e:
            self.sink.add(Problem(shown, None, None, "", f"cannot read: {e.strerror}", "io"))
            return
        with handle:
            self._read_lines(handle, shown, path.parent)

    def _read_lines(self, lines: Iterable[bytes], shown: str, base: Path) -> None:
        """One record per line, read as a stream: a file of millions of claims is never held whole."""
        import orjson  # JSON Lines only; keeps start-up light

        from recoupe.load.fastpath import decode_claim

        intern = sys.intern
        sources = self.corpus.sources
        for n, line in enumerate(lines, 1):
            if line.isspace() or not line:  # (no copy of the line, unlike strip)
                continue
            if len(line) > MAX_LINE_BYTES:
                self.sink.add(
                    Problem(shown, n, None, "", f"line longer than {MAX_LINE_BYTES // 1024} KiB", "size")
                )
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
                    # ids repeat across many lines: one string each saves memory and speeds grouping
                    sid, event = intern(claim.source), intern(claim.event)
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
    return Problem(file, n, None, "", "not valid JSON", "syntax")  # a JSON that the fast parsers refuse
