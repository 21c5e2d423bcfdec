"""Event folders: an optional event.yaml and source files of YAML or JSON, each with its claims."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from recoupe import safefile
from recoupe.corpus import LoadedClaim, LoadedSource
from recoupe.errors import InputError, Problem, problems_from_validation
from recoupe.load.base import LoaderBase, Pending
from recoupe.load.texts import text_unchanged
from recoupe.models import Claim, Event, Source
from recoupe.yamlio import Marks, read_yaml

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
        key = None
        if self.cache is not None:
            try:
                raw = path.read_bytes()
            except OSError:
                raw = b""
            key = self.cache.key(raw, shown, folder_event)
            hit = self.cache.load(key)
            if hit is not None and self._restore(hit, path.parent):
                return
        self.parsed += 1
        before = len(self.sink.problems)
        try:
            data, marks = read_yaml(path, shown)
        except InputError as e:
            self.sink.extend(e.problems)
            return
        if not isinstance(data, dict):
            self.sink.add(
                Problem(shown, 1, 1, "", "a source file must be a mapping with 'id' and 'claims'", "type")
            )
            return
        loaded = self._validate_source(data, marks, shown, folder_event, path)
        if key is not None and loaded is not None and len(self.sink.problems) == before:
            self.corpus.cache_writes.append((key, loaded[0], loaded[1]))

    def _restore(self, hit: Any, base: Path) -> bool:
        """Take a source file from the cache, unless the text it pins has changed since."""
        try:
            src, text_sha, claims = hit
        except (TypeError, ValueError):
            return False
        if not isinstance(src, LoadedSource) or src.source.id in self.corpus.sources:
            return False
        if src.source.text is not None and not text_unchanged(src.source.text, base, text_sha, self.roots):
            return False
        self.corpus.sources[src.source.id] = src
        for c in claims:
            self._pending.append(Pending(c.claim, c.source, c.event, c.file, c.line, "", None, c))
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
