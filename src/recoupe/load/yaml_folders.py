"""Event folders: an optional event.yaml and source files of YAML or JSON, each with its claims."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from recoupe import safefile
from recoupe.corpus import LoadedClaim, LoadedSource
from recoupe.errors import InputError, Problem, ProblemSink, problems_from_validation
from recoupe.load.base import LoaderBase, Pending
from recoupe.load.texts import read_text
from recoupe.models import Claim, Event, Source
from recoupe.yamlio import Marks, decode_utf8, parse_file, read_bytes, read_yaml

SOURCE_SUFFIXES = (".yaml", ".yml", ".json")
EVENT_FILE = "event.yaml"


class YamlFolders(LoaderBase):
    """Reads event files and source files (with the cache, when there is one)."""

    def _read_event(self, path: Path) -> str | None:
        shown = self._show(path)
        if shown in self.corpus.files:
            ev = next((e for e in self.corpus.events.values() if e.file == shown), None)
            return ev.event.id if ev else None
        self.corpus.files.append(shown)
        try:
            data, marks = read_yaml(path, shown)
            event = Event.model_validate(data)
        except InputError as e:
            self.sink.extend(e.problems)
            return None
        except ValidationError as e:
            self.sink.extend(problems_from_validation(e, shown, marks, model=Event))
            return None
        self._add_event(event, shown, 1)
        return event.id

    def _read_source_file(self, path: Path, folder_event: str) -> None:
        shown = self._show(path)
        self.corpus.files.append(shown)
        try:
            # the one read: the cache key and the claims both come from it; an editor's unsaved buffer
            # (--stdin-filename) stands in for the file on disk
            raw = self.given.get(path.resolve()) if self.given else None
            if raw is None:
                raw = read_bytes(path, shown)
            text = decode_utf8(raw, shown)
        except InputError as e:
            self.sink.extend(e.problems)
            return
        key = None
        if self.cache is not None:
            key = self.cache.key(raw, shown, folder_event)
            self.corpus.file_keys[shown] = key
            hit = self.cache.load(key, "source")
            if hit is not None and self._restore(hit, shown, folder_event, path.parent):
                return
        self.parsed += 1
        before = len(self.sink.problems)
        try:
            data, marks = parse_file(text, path, shown)
        except InputError as e:
            self.sink.extend(e.problems)
            return
        if not isinstance(data, dict):
            self.sink.add(
                Problem(shown, 1, 1, "", "a source file must be a mapping with 'id' and 'claims'", "type")
            )
            return
        raw_claims = data.get("claims", [])
        loaded = self._validate_source(data, marks, shown, folder_event, path)
        if key is not None and loaded is not None and len(self.sink.problems) == before:
            sid, claims = loaded
            placed = []
            for i, c in enumerate(claims):  # (no problem: every claim was placed, in order)
                placed.append([i, c.line, marks.find(f"/claims/{i}")[1], c.start, c.end])
            entry = {
                "source": data,  # (its claims popped by _validate_source)
                "claims": raw_claims,
                "placed": placed,
                "text_sha": self.corpus.sources[sid].actual_sha256,
            }
            self.corpus.cache_writes.append((key, "source", entry))

    def _restore(self, hit: Any, shown: str, folder_event: str, base: Path) -> bool:
        """Take a source file from the cache, unless the text it pins has changed since.

        The entry holds the file's parsed data, validated again here (cheap next to parsing YAML),
        and where each claim stands and where its quote was placed (no text is folded again).
        """
        try:
            text_sha = hit["text_sha"]
            source = Source.model_validate(hit["source"])
            claims = [
                (Claim.model_validate(hit["claims"][i]), i, line, col, start, end)
                for i, line, col, start, end in hit["placed"]
            ]
        except (KeyError, TypeError, ValueError, IndexError):  # (pydantic's ValidationError is a ValueError)
            return False
        if source.id in self.corpus.sources:
            return False  # the parse reports the duplicate, located
        src = LoadedSource(source, shown, 1, folder_event)
        if source.text is not None:
            path = base / source.text.path
            scratch = ProblemSink()  # a text that cannot be read is a miss: parsing reports it
            read_text(src, source.text, path, self._show(path), (1, None), scratch, self.roots)
            if scratch.problems or src.actual_sha256 != text_sha:
                return False
        pending = []
        for claim, i, line, col, start, end in claims:
            slot = self.slots.get(claim.slot)
            if slot is None:
                return False
            event = claim.event or folder_event
            c = LoadedClaim(
                claim, source.id, event, claim.subject or "", claim.type or slot.type, shown, line
            )
            c.start, c.end = start, end
            pending.append(Pending(claim, source.id, event, shown, line, f"/claims/{i}", col, c))
        self.corpus.sources[source.id] = src
        self._pending.extend(pending)
        return True

    def _validate_source(
        self, data: dict[str, Any], marks: Marks, shown: str, folder_event: str, path: Path
    ) -> tuple[str, list[LoadedClaim]] | None:
        """Validate a source file's fields and claims; its id and the claims placed, or None if it failed."""
        # Claims are validated one by one, so that one bad claim does not hide the problems of others.
        raw_claims = data.pop("claims", [])
        ok = True
        try:
            source = Source.model_validate(data)
        except ValidationError as e:
            self.sink.extend(problems_from_validation(e, shown, marks, model=Source))
            ok = False
        if not isinstance(raw_claims, list):
            ln, col = marks.find("/claims")
            self.sink.add(Problem(shown, ln, col, "/claims", "'claims' must be a list of claims", "type"))
            return None
        if len(raw_claims) > (most := safefile.current.claims_per_file):
            ln, col = marks.find("/claims")
            message = (
                f"{len(raw_claims):,} claims: a file may hold at most {most:,} (split it, or use JSON Lines)"
            )
            self.sink.add(Problem(shown, ln, col, "/claims", message, "size"))
            return None
        claims: list[tuple[int, Claim]] = []
        for i, raw in enumerate(raw_claims):
            try:
                claims.append((i, Claim.model_validate(raw)))
            except ValidationError as e:
                self.sink.extend(problems_from_validation(e, shown, marks, base=("claims", i), model=Claim))
        if not ok or not self._add_source(source, shown, 1, folder_event, path.parent, marks):
            return None
        src = self.corpus.sources[source.id]
        placed: list[LoadedClaim] = []
        for i, claim in claims:
            ptr = f"/claims/{i}"
            line, col = marks.find(ptr)
            pending = Pending(claim, source.id, claim.event or folder_event, shown, line, ptr, col)
            pending.loaded = self._check_claim(claim, pending.event, src, shown, line, ptr, marks)
            if pending.loaded is not None:
                self._pending.append(pending)
                placed.append(pending.loaded)
        return source.id, placed
