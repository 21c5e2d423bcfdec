"""Corpus loading: event folders of YAML/JSON files and JSON Lines files -> located, validated models.

Every problem found is collected with its file, line, column and JSON pointer; nothing is raised on
the first one. Quotes are placed in their pinned texts here, so a loaded claim knows its offsets.
"""

from __future__ import annotations

import os
import sys
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from recoupe.errors import (
    InputError,
    Problem,
    ProblemSink,
    did_you_mean,
    json_reason,
    not_utf8,
    problems_from_validation,
)
from recoupe.evidence import FoldedText, QuoteMatch, fold_source, locate, place, sha256_hex
from recoupe.gcpause import no_collection
from recoupe.models import (
    BulkClaim,
    Claim,
    ClaimBody,
    Event,
    EventRecord,
    Source,
    SourceBase,
    SourceRecord,
    TextRef,
)
from recoupe.slots import Slots, load_slots

if TYPE_CHECKING:
    from recoupe.cache import Cache
    from recoupe.fastpath import FastClaim

    # A claim from a source file (pydantic) or from a JSON Lines file (msgspec): the same fields.
    AnyClaim = ClaimBody | FastClaim
from recoupe.yamlio import Marks, read_yaml

SOURCE_SUFFIXES = (".yaml", ".yml", ".json")
BULK_SUFFIXES = (".jsonl", ".ndjson")
MAX_LINE_BYTES = 1024 * 1024  # JSON Lines files are streamed, whatever their size; one line is bounded
EVENT_FILE = "event.yaml"
FOLDED_CHARS = 32 * 1024 * 1024  # folded text kept while placing quotes (Loader._folded_text)


@dataclass(slots=True)
class LoadedEvent:
    event: Event
    file: str | None  # None when the event is only implied by its folder
    line: int | None = None


@dataclass(slots=True)
class LoadedSource:
    source: SourceBase
    file: str
    line: int | None
    event: str  # the default event of its claims
    text_file: str | None = None
    text: str | None = None  # the text as read (its folded form lives in the loader, while it places quotes)
    stale: bool = False  # the text's sha256 is not the pinned one
    actual_sha256: str | None = None


@dataclass(slots=True)
class LoadedClaim:
    """A claim with everything the engine needs: its resolved event, subject, type and location."""

    claim: AnyClaim
    source: str
    event: str
    subject: str  # "" stands for the event itself
    type: str
    file: str
    line: int | None
    start: int | None = None
    end: int | None = None
    value: Any = None  # the normalized value, set by the engine
    ref: Any = None  # its ClaimRef, made once for all the findings that name it

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def slot(self) -> str:
        return self.claim.slot

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.event, self.subject, self.claim.slot)


@dataclass(slots=True)
class Corpus:
    events: dict[str, LoadedEvent] = field(default_factory=dict)
    sources: dict[str, LoadedSource] = field(default_factory=dict)
    claims: list[LoadedClaim] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _index: dict[tuple[str, str], LoadedClaim] | None = None
    # cache entries to write once claims are normalized: (key, source id, claims of that file)
    cache_writes: list[tuple[str, str, list[LoadedClaim]]] = field(default_factory=list)
    parsed: int = 0  # source files parsed (not taken from the cache)

    def claim(self, source: str, claim_id: str) -> LoadedClaim | None:
        if self._index is None:
            self._index = {(c.source, c.id): c for c in self.claims}
        return self._index.get((source, claim_id))

    def stale_sources(self) -> list[LoadedSource]:
        return [s for s in self.sources.values() if s.stale]


@dataclass(slots=True)
class _Pending:
    """A claim read but not yet checked against the whole corpus (sources and events may come later)."""

    claim: AnyClaim
    source: str
    event: str | None
    file: str
    line: int | None
    ptr: str
    col: int | None
    loaded: LoadedClaim | None = None  # set once the per-file checks passed (YAML sources)


class Loader:
    """Reads files into a Corpus. Call `add_path` for each path, then `finish()`."""

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
        self._pending: list[_Pending | LoadedClaim] = []
        # folders of source files with no event.yaml, in the order met (a dict: a set's order varies by run)
        self._implied_events: dict[str, None] = {}
        self._resolved: dict[Path, Path] = {}  # folders, resolved once (see _show)
        # sources' texts folded for placing quotes, the most recently folded ones only (see _folded_text)
        self._folded: OrderedDict[str, FoldedText] = OrderedDict()
        self._folded_chars = 0

    # -- public -----------------------------------------------------------------------------------
    def add_path(self, path: Path) -> None:
        if not path.exists():
            self.sink.add(Problem(self._show(path), None, None, "", "no such file or folder", "io"))
            return
        if path.is_file():
            self._add_file(path)
            return
        for folder, files in _walk(path):
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
        self._folded_chars = 0
        self.sink.raise_if_any()
        return self.corpus

    # -- files ------------------------------------------------------------------------------------
    def _show(self, path: Path) -> str:
        """The path as reports name it: relative to the display root when it lies below it."""
        if self.display_root is None:
            return str(path)
        # Resolving walks every component of the path with a system call each: once per folder is
        # enough (a corpus of JSON Lines has a text file per source), unless the file is a link itself.
        folder = self._resolved.get(path.parent)
        if folder is None:
            folder = self._resolved[path.parent] = path.parent.resolve()
        resolved = path.resolve() if os.path.islink(path) else folder / path.name
        try:
            return str(resolved.relative_to(self.display_root))
        except ValueError:
            return str(path)

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

    def _add_event(self, event: Event, file: str, line: int | None) -> None:
        if event.id in self.corpus.events and self.corpus.events[event.id].file is not None:
            first = self.corpus.events[event.id]
            self.sink.add(
                Problem(
                    file,
                    line,
                    None,
                    "/id",
                    f"event '{event.id}' is already defined in {first.file}",
                    "duplicate-id",
                )
            )
            return
        self.corpus.events[event.id] = LoadedEvent(event, file, line)

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
        if src.source.text is not None:
            try:
                current = sha256_hex((base / src.source.text.path).read_bytes())
            except OSError:
                return False
            if current != text_sha:
                return False
        self.corpus.sources[src.source.id] = src
        for c in claims:
            self._pending.append(_Pending(c.claim, c.source, c.event, c.file, c.line, "", None, c))
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
            pending = _Pending(claim, source.id, claim.event or folder_event, shown, line, ptr, col)
            pending.loaded = self._check_claim(claim, pending.event, src, shown, line, ptr, marks)
            if pending.loaded is not None:
                self._pending.append(pending)
                placed.append(pending.loaded)
        return source.id, placed

    def _add_source(
        self, source: SourceBase, file: str, line: int | None, event: str, base: Path, marks: Marks | None
    ) -> bool:
        if source.id in self.corpus.sources:
            first = self.corpus.sources[source.id]
            self.sink.add(
                Problem(
                    file,
                    line,
                    None,
                    "/id",
                    f"source '{source.id}' is already defined in {first.file}:{first.line}",
                    "duplicate-id",
                )
            )
            return False
        loaded = LoadedSource(source, file, line, event)
        if source.text is not None:
            self._read_text(loaded, source.text, base, marks)
        self.corpus.sources[source.id] = loaded
        return True

    def _read_text(self, loaded: LoadedSource, ref: TextRef, base: Path, marks: Marks | None) -> None:
        path = base / ref.path
        ln, col = marks.find("/text/path") if marks else (loaded.line, None)
        shown = self._show(path)
        try:
            with open(path, "rb", buffering=0) as handle:  # one read, no buffer: a third cheaper per text
                raw = handle.readall()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            self.sink.add(
                Problem(
                    loaded.file,
                    ln,
                    col,
                    "/text/path",
                    f"text file '{ref.path}' not found (looked for {shown})",
                    "missing-text",
                )
            )
            return
        except OSError as e:
            self.sink.add(Problem(shown, None, None, "", f"cannot read: {e.strerror}", "io"))
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.sink.add(not_utf8(shown, raw, e))
            return
        loaded.text_file = shown
        loaded.actual_sha256 = sha256_hex(raw)
        loaded.stale = loaded.actual_sha256 != ref.sha256
        loaded.text = text

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

        from recoupe.fastpath import decode_claim

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
                    self._pending.append(_Pending(claim, sid, event, shown, n, "", None))
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

    # -- per-claim checks -------------------------------------------------------------------------
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
        folded = self._folded_text(src)
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

    def _folded_text(self, src: LoadedSource) -> FoldedText | None:
        """The source's text folded for placing quotes, folded on first use (a source restored from the
        cache, or one no quote points into, needs none).

        Only the texts folded last are kept, up to FOLDED_CHARS characters: a source's claims mostly
        come together, and a million-claim corpus holds some 250 MB of text, which all its folded
        copies would double (pages the process touches once and never gives back). A source whose
        claims come back after its folded text was dropped is folded again.
        """
        sid = src.source.id
        folded = self._folded.get(sid)
        if folded is None and src.text is not None:
            folded = fold_source(src.text)
            kept = self._folded
            self._folded_chars += len(folded.folded)
            # oldest first; OrderedDict, as a dict's first item is found by skipping the holes its
            # deletions left, which made this quadratic for many small texts (a million tweets)
            while self._folded_chars > FOLDED_CHARS and kept:
                self._folded_chars -= len(kept.popitem(last=False)[1].folded)
            kept[sid] = folded
        return folded

    # -- cross-file checks ------------------------------------------------------------------------
    def _resolve(self, p: _Pending | LoadedClaim, seen: set[tuple[str, str]]) -> None:
        if type(p) is LoadedClaim:  # a JSON Lines claim whose source was known when it was read
            self._admit(p, p.claim, p.file, p.line, None, "", seen)
            return
        assert isinstance(p, _Pending)
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


def _at(marks: Marks | None, ptr: str, key: str, line: int | None) -> tuple[int | None, int | None]:
    """Line and column of a claim's key: exact in a YAML file, the claim's line in a JSON Lines one."""
    return marks.find(f"{ptr}/{key}") if marks is not None else (line, None)


def _walk(root: Path) -> Iterable[tuple[Path, list[Path]]]:
    """Folders below `root` with their files, sorted, skipping hidden files and folders."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        files = [e for e in entries if e.is_file() and not e.name.startswith(".")]
        yield folder, files
        stack.extend(reversed([e for e in entries if e.is_dir() and not e.name.startswith((".", "__"))]))


def load_corpus(
    paths: Sequence[Path],
    slots: Slots | None = None,
    display_root: Path | None = None,
    cache: Cache | None = None,
) -> Corpus:
    """Load and validate every path; raise InputError with all problems, or return the corpus."""
    with no_collection():  # a few objects per claim and no cycles (a tenth of a large load otherwise)
        loader = Loader(slots, display_root, cache)
        for p in paths:
            loader.add_path(p)
        corpus = loader.finish()
    corpus.parsed = loader.parsed
    return corpus


def store_in_cache(corpus: Corpus, cache: Cache) -> None:
    """Write the cache entries of the files parsed this run, now that their claims are normalized."""
    for key, sid, claims in corpus.cache_writes:
        src = corpus.sources[sid]
        text_sha = src.actual_sha256
        cache.store(key, (src, text_sha, claims))
    corpus.cache_writes.clear()


def stale_problems(corpus: Corpus) -> list[Problem]:
    """Sources whose text no longer has its pinned sha256, as problems (for `recoupe validate`)."""
    out = []
    for s in corpus.stale_sources():
        assert s.source.text is not None
        out.append(
            Problem(
                s.file,
                s.line,
                None,
                "/text/sha256",
                f"text '{s.source.text.path}' has sha256 {s.actual_sha256}, not the pinned {s.source.text.sha256}: "
                "the text changed since its claims were written; check them, then update the pin",
                "stale-text",
            )
        )
    return out
