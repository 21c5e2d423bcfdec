"""Corpus loading: event folders of YAML/JSON files and JSON Lines files -> located, validated models.

Every problem found is collected with its file, line, column and JSON pointer; nothing is raised on
the first one. Quotes are placed in their pinned texts here, so a loaded claim knows its offsets.
The readers of each kind of file are in yaml_folders and json_lines; this module walks the paths,
hands each file to its reader, and checks what needs the whole corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from recoupe import safefile
from recoupe.corpus import Corpus, LoadedClaim, LoadedEvent
from recoupe.errors import Problem, did_you_mean
from recoupe.gcpause import no_collection
from recoupe.load.base import Pending
from recoupe.load.json_lines import BULK_SUFFIXES, JsonLines
from recoupe.load.yaml_folders import EVENT_FILE, SOURCE_SUFFIXES, YamlFolders
from recoupe.models import Event

if TYPE_CHECKING:
    from recoupe.corpus import AnyClaim
    from recoupe.load.cache import Cache
    from recoupe.slots import Slots


class Loader(YamlFolders, JsonLines):
    """Reads files into a Corpus. Call `add_path` for each path, then `finish()`."""

    tick: Callable[[], None] | None = None  # called after each file read, for a progress display

    # -- public -----------------------------------------------------------------------------------
    def add_path(self, path: Path) -> None:
        try:
            real = safefile.resolve(path)
        except safefile.Refused as e:
            why = "no such file or folder" if e.kind == "missing" else f"cannot read: {e.reason}"
            self.sink.add(Problem(self._show(path), None, None, "", why, "io"))
            return
        if real.is_file():
            self.roots = (real.parent,)
            self._add_file(path)
            return
        if not real.is_dir():
            why = f"{safefile.describe(real.stat().st_mode)}, not a claims file or folder: refused"
            self.sink.add(Problem(self._show(path), None, None, "", why, "io"))
            return
        self.roots = (real,)
        for folder, files in self._walk(path, real):
            self.read_folder(folder, files)

    def read_folder(self, folder: Path, files: Sequence[Path]) -> None:
        """One folder of the walk: its event.yaml, then its files in order (`files`: the folder's)."""
        event_file = folder / EVENT_FILE
        folder_event = self._read_event(event_file) if event_file in files else None
        if folder_event is None and any(f.suffix in SOURCE_SUFFIXES for f in files):
            folder_event = folder.name
            self._implied_events[folder.name] = None
        for f in files:
            if f.name == EVENT_FILE:
                continue
            if f.suffix in BULK_SUFFIXES:
                self._read_bulk(f)
            elif f.suffix in SOURCE_SUFFIXES and folder_event is not None:
                self._read_source_file(f, folder_event)
            if self.tick is not None:
                self.tick()

    def finish(self) -> Corpus:
        """Check cross-file references, place quotes, and return the corpus or raise every problem."""
        for name in self._implied_events:
            if name not in self.corpus.events:
                # A folder without event.yaml still names an event; its name is the id, as claims refer to it.
                self.corpus.events[name] = LoadedEvent(Event.model_construct(id=name), None)
        seen: set[tuple[str, str]] = set()
        for p in self._pending:
            self._resolve(p, seen)
        self._pending.clear()
        self._folded.clear()
        self.sink.raise_if_any()
        return self.corpus

    # -- files ------------------------------------------------------------------------------------
    def _walk(self, root: Path, real_root: Path) -> Iterable[tuple[Path, list[Path]]]:
        """Folders below `root` with their files, sorted, skipping hidden files and folders.

        A symlink is followed only to a place inside the corpus folder, and a folder is walked once
        by its resolved path, so that a link cycle neither loops nor reads a file twice. A name that
        is not UTF-8 cannot be reported or matched as an id: it is a located problem.
        """
        seen = {real_root}
        stack = [(root, real_root)]
        while stack:
            folder, real_folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            files: list[Path] = []
            below: list[tuple[Path, Path]] = []
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                path = folder / name
                if not _is_utf8(name):
                    shown = os.fsencode(name).decode("utf-8", "backslashreplace")
                    self.sink.add(
                        Problem(
                            self._show(folder),
                            None,
                            None,
                            "",
                            f"the name '{shown}' is not UTF-8: rename it",
                            "encoding",
                        )
                    )
                    continue
                real = real_folder / name
                if entry.is_symlink():
                    try:
                        real = safefile.confine(path, self.roots)
                    except safefile.Refused as e:
                        why = f"a symlink that is not followed: {e.reason}"
                        self.sink.add(Problem(self._show(path), None, None, "", why, e.kind))
                        continue
                if entry.is_file():
                    files.append(path)
                elif entry.is_dir() and not name.startswith("__") and real not in seen:
                    seen.add(real)
                    below.append((path, real))
            yield folder, files
            stack.extend(reversed(below))

    def _add_file(self, path: Path) -> None:
        if path.suffix in BULK_SUFFIXES:
            self._read_bulk(path)
        elif path.name == EVENT_FILE:
            self._read_event(path)
        elif path.suffix in SOURCE_SUFFIXES:
            folder_event = (
                self._read_event(path.parent / EVENT_FILE) if (path.parent / EVENT_FILE).is_file() else None
            )
            if folder_event is None:
                folder_event = path.parent.resolve().name
                self._implied_events[folder_event] = None
            self._read_source_file(path, folder_event)
        else:
            self.sink.add(
                Problem(
                    self._show(path), None, None, "", "not a claims file (.yaml, .yml, .json or .jsonl)", "io"
                )
            )

    # -- cross-file checks ------------------------------------------------------------------------
    def _resolve(self, p: Pending | LoadedClaim, seen: set[tuple[str, str]]) -> None:
        if type(p) is LoadedClaim:  # a JSON Lines claim whose source was known when it was read
            self._admit(p, p.claim, p.file, p.line, None, "", seen)
            return
        assert isinstance(p, Pending)
        claim = p.claim
        loaded = p.loaded
        if loaded is None:  # a JSON Lines claim: its source may be declared anywhere in the corpus
            src = self.corpus.sources.get(p.source)
            if src is None:
                self.sink.add(
                    Problem(
                        p.file,
                        p.line,
                        None,
                        "/source",
                        f"claim '{claim.id}' names unknown source '{p.source}'{did_you_mean(p.source, self.corpus.sources)}",
                        "unknown-source",
                    )
                )
                return
            loaded = self._check_claim(claim, p.event, src, p.file, p.line, p.ptr, None)
            if loaded is None:
                return
        self._admit(loaded, claim, p.file, p.line, p.col, p.ptr, seen)

    def _admit(
        self,
        loaded: LoadedClaim,
        claim: AnyClaim,
        file: str,
        line: int | None,
        col: int | None,
        ptr: str,
        seen: set[tuple[str, str]],
    ) -> None:
        """The checks that need the whole corpus: a known event, and an id unique in its source."""
        if loaded.event not in self.corpus.events:
            self.sink.add(
                Problem(
                    file,
                    line,
                    col,
                    f"{ptr}/event",
                    f"claim '{claim.id}' names unknown event '{loaded.event}'{did_you_mean(loaded.event, self.corpus.events)}",
                    "unknown-event",
                )
            )
            return
        key = (loaded.source, claim.id)
        if key in seen:
            self.sink.add(
                Problem(
                    file,
                    line,
                    col,
                    f"{ptr}/id",
                    f"duplicate claim id '{claim.id}' in source '{loaded.source}'",
                    "duplicate-id",
                )
            )
            return
        seen.add(key)
        self.corpus.claims.append(loaded)


def load_corpus(
    paths: Sequence[Path],
    slots: Slots | None = None,
    display_root: Path | None = None,
    cache: Cache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    given: dict[Path, bytes] | None = None,
) -> Corpus:
    """Load and validate every path; raise InputError with all problems, or return the corpus.

    `progress("loading", done, 0)` is told how many files have been read, now and then (how many there
    are is not known before the folders are walked). `given` holds the content of source files, by
    resolved path, to read instead of the disk (an editor's buffer).
    """
    with no_collection():  # a few objects per claim and no cycles (see gcpause for what it saves)
        loader = Loader(slots, display_root, cache)
        loader.given = given or {}
        if progress is not None:
            done = [0]

            def tick() -> None:
                done[0] += 1
                if done[0] % 16 == 0:
                    progress("loading", done[0], 0)

            loader.tick = tick
        for p in paths:
            loader.add_path(p)
        if progress is not None:
            progress("loading", done[0], done[0])
        corpus = loader.finish()
    corpus.parsed = loader.parsed
    return corpus


def load_partial(
    paths: Sequence[Path], slots: Slots | None = None, display_root: Path | None = None
) -> tuple[Corpus, list[Problem]]:
    """What load_corpus would load, without raising: the sources that could be read, with the problems
    of the rest. `recoupe validate` reports every problem at once, stale pins of good files included."""
    from recoupe.errors import InputError

    with no_collection():
        loader = Loader(slots, display_root)
        for p in paths:
            loader.add_path(p)
        try:
            return loader.finish(), []
        except InputError as e:
            return loader.corpus, list(e.problems)


def store_in_cache(corpus: Corpus, cache: Cache) -> None:
    """Write the cache entries of the files parsed this run (JSON-safe ones: see cache.json_safe)."""
    from recoupe.load.cache import json_safe

    for key, kind, value in corpus.cache_writes:
        if json_safe(value):
            cache.store(key, kind, value)
    corpus.cache_writes.clear()


def _is_utf8(name: str) -> bool:
    """Whether a file name decoded from the file system was UTF-8 (else it holds escaped bytes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
