"""What the loader's readers share: the corpus being built, its problems, and the checks each claim
passes as it is read (its slot, and its quote placed in its source's text)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recoupe.corpus import Corpus, LoadedClaim, LoadedEvent, LoadedSource
from recoupe.errors import Problem, ProblemSink
from recoupe.load.evidence import QuoteMatch, locate, place
from recoupe.load.texts import FoldedTexts, read_text
from recoupe.slots import Slots, load_slots

if TYPE_CHECKING:
    from recoupe.corpus import AnyClaim
    from recoupe.load.cache import Cache
    from recoupe.models import Event, SourceBase
    from recoupe.yamlio import Marks


@dataclass(slots=True)
class Pending:
    """A claim read but not yet checked against the whole corpus (sources and events may come later)."""

    claim: AnyClaim
    source: str
    event: str | None
    file: str
    line: int | None
    ptr: str
    col: int | None
    loaded: LoadedClaim | None = None  # set once the per-file checks passed (YAML sources)


class LoaderBase:
    """The state of one load, and the steps every kind of file goes through."""

    def __init__(
        self, slots: Slots | None = None, display_root: Path | None = None, cache: Cache | None = None
    ) -> None:
        self.slots = slots or load_slots()
        self.display_root = display_root
        self.cache = cache
        self.parsed = 0  # source files parsed this run (the rest came from the cache)
        self.sink = ProblemSink()
        self.corpus = Corpus()
        # claims in the order read: checked against the whole corpus by finish(); a JSON Lines claim
        # whose source was already known is placed as it is read, and waits as a LoadedClaim
        self._pending: list[Pending | LoadedClaim] = []
        # folders of source files with no event.yaml, in the order met (a dict: a set's order varies by run)
        self._implied_events: dict[str, None] = {}
        self._resolved: dict[Path, Path] = {}  # folders, resolved once (see _show)
        self.given: dict[Path, bytes] = {}  # source files read from elsewhere than the disk, by resolved path
        self._folded = FoldedTexts()  # sources' texts folded for placing quotes, the most recent only
        # the folder being read (resolved): what its files name must lie inside it (safefile.confine)
        self.roots: tuple[Path, ...] = ()

    def _show(self, path: Path) -> str:
        """The path as reports name it: relative to the display root when it lies below it."""
        if self.display_root is None:
            return str(path)
        # Resolving walks every component of the path with a system call each: once per folder is
        # enough (a corpus of JSON Lines has a text file per source), unless the file is a link itself.
        folder = self._resolved.get(path.parent)
        if folder is None:
            folder = self._resolved[path.parent] = path.parent.resolve()
        try:
            resolved = path.resolve() if os.path.islink(path) else folder / path.name
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13): refused elsewhere
            return str(path)
        try:
            return str(resolved.relative_to(self.display_root))
        except ValueError:
            return str(path)

    def _add_event(self, event: Event, file: str, line: int | None) -> None:
        if event.id in self.corpus.events and self.corpus.events[event.id].file is not None:
            first = self.corpus.events[event.id]
            self.sink.add(_already_defined(file, line, f"event '{event.id}'", f"{first.file}"))
            return
        self.corpus.events[event.id] = LoadedEvent(event, file, line)

    def _add_source(
        self, source: SourceBase, file: str, line: int | None, event: str, base: Path, marks: Marks | None
    ) -> bool:
        if source.id in self.corpus.sources:
            first = self.corpus.sources[source.id]
            self.sink.add(_already_defined(file, line, f"source '{source.id}'", f"{first.file}:{first.line}"))
            return False
        loaded = LoadedSource(source, file, line, event)
        if source.text is not None:
            path = base / source.text.path
            at = marks.find("/text/path") if marks else (loaded.line, None)
            read_text(loaded, source.text, path, self._show(path), at, self.sink, self.roots)
        self.corpus.sources[source.id] = loaded
        return True

    def _check_claim(
        self,
        claim: AnyClaim,
        event: str | None,
        src: LoadedSource,
        file: str,
        line: int | None,
        ptr: str,
        marks: Marks | None,
    ) -> LoadedClaim | None:
        """Slot and quote checks; `marks` (YAML files) place a problem at the very key."""
        slot = self.slots.get(claim.slot)
        if slot is None:
            self.sink.add(
                Problem(
                    file,
                    *_at(marks, ptr, "slot", line),
                    f"{ptr}/slot",
                    self.slots.unknown_message(claim.slot),
                    "unknown-slot",
                )
            )
            return None
        loaded = LoadedClaim(
            claim, src.source.id, event or src.event, claim.subject or "", claim.type or slot.type, file, line
        )
        if claim.quote is None:
            return loaded
        folded = self._folded.get(src)
        if folded is None:
            if src.source.text is None:
                self.sink.add(
                    Problem(
                        file,
                        *_at(marks, ptr, "quote", line),
                        f"{ptr}/quote",
                        f"source '{src.source.id}' has no text to find the quote in",
                        "quote",
                    )
                )
                return None
            return loaded  # the text itself is missing or unreadable: already reported
        if src.stale:  # a stale text is reported as such; its quotes are not checked against it
            return loaded
        if claim.occurrence is None and (span := place(claim.quote, folded)) is not None:
            loaded.start, loaded.end = span
            return loaded
        found = locate(claim.quote, folded, claim.occurrence)
        if not isinstance(found, QuoteMatch):
            self.sink.add(
                Problem(file, *_at(marks, ptr, "quote", line), f"{ptr}/quote", found.message, "quote")
            )
            return None
        loaded.start, loaded.end = found.start, found.end
        return loaded


def _already_defined(file: str, line: int | None, what: str, first: str) -> Problem:
    return Problem(file, line, None, "/id", f"{what} is already defined in {first}", "duplicate-id")


def _at(marks: Marks | None, ptr: str, key: str, line: int | None) -> tuple[int | None, int | None]:
    """Line and column of a claim's key: exact in a YAML file, the claim's line in a JSON Lines one."""
    return marks.find(f"{ptr}/{key}") if marks is not None else (line, None)
