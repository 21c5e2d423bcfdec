"""What each event's findings are read from, found without loading: the input of a run over parts.

A JSON Lines file is read once, line by line, with only a record's kind, id, event and source
decoded (msgspec skips the rest in C); an event folder is its files. Each event gets the lines and
files its check needs (its own records and claims, the records of the sources its claims name, and
the claims of its sources made about other events, which source rules see) and a digest of their
bytes, the key of its cached outputs.

Whatever the index cannot place for sure (a line that is not a record it knows, an id given twice,
a claim whose source is declared nowhere, a folder whose event.yaml does not say its id) makes
`index_input` return None: the run then loads the corpus whole, which reports such input exactly.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from recoupe import safefile
from recoupe.load.json_lines import BULK_SUFFIXES
from recoupe.load.yaml_folders import EVENT_FILE, SOURCE_SUFFIXES

_READ = 1 << 20


@dataclass(slots=True)
class Lines:
    """Runs of lines of one JSON Lines file: (byte offset, byte length, first line number), in file order."""

    file: int  # index into InputIndex.files
    runs: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, offset: int, length: int, line: int) -> None:
        if self.runs:
            o, n, first = self.runs[-1]
            if o + n == offset:  # the next line of the run: one run, however many lines
                self.runs[-1] = (o, n + length, first)
                return
        self.runs.append((offset, length, line))


@dataclass(slots=True)
class Unit:
    """One event's input: lines of JSON Lines files and event folders, with the digest of their bytes."""

    event: str
    lines: dict[int, Lines] = field(default_factory=dict)  # by file
    # (place in the walk, folder, its files): a part reads its folders and files in the walk's order
    # (and the folder the run was given: what the files may name must lie inside it)
    folders: list[tuple[int, Path, tuple[Path, ...], tuple[Path, ...]]] = field(default_factory=list)
    claims: int = 0  # claims of this event (the weight parts are balanced by)
    digest: str = ""


@dataclass(slots=True)
class BulkFile:
    seq: int  # place in the walk
    path: Path
    roots: tuple[Path, ...]  # the folder the run was given (what its texts must lie inside)


@dataclass(slots=True)
class InputIndex:
    files: list[BulkFile] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)
    walked: int = 0  # folders and JSON Lines files met so far

    def next_seq(self) -> int:
        self.walked += 1
        return self.walked

    counted: int = 0  # claims counted for sure (JSON Lines lines); source files are only weighed

    @property
    def claims(self) -> int:
        """The claims' weight: JSON Lines claims counted, source files weighed by their size."""
        return sum(u.claims for u in self.units.values())

    def events(self) -> list[str]:
        return sorted(self.units)

    def unit(self, event: str) -> Unit:
        u = self.units.get(event)
        if u is None:
            u = self.units[event] = Unit(event)
        return u


class _Unplaceable(Exception):
    """Input the index cannot place for sure: the run loads the corpus whole instead."""


@dataclass(slots=True)
class _Scan:
    """What JSON Lines files say, gathered over every file before claims are placed: a claim's
    source may be declared in another file than the claim (sources.jsonl beside claims.jsonl)."""

    claims: dict[tuple[str, str, int], Lines] = field(default_factory=dict)  # (event, source, file)
    counts: dict[str, int] = field(default_factory=dict)  # claims per event
    homes: dict[str, str] = field(default_factory=dict)  # source -> its event
    sources: dict[str, Lines] = field(default_factory=dict)  # source -> its record's line
    events: dict[str, Lines] = field(default_factory=dict)  # event -> its record's line


def index_input(paths: list[Path], *, digest: bool = True) -> InputIndex | None:
    """Where each event's input lies, or None when a whole load must decide (see the module).

    With `digest`, each unit's digest hashes the bytes it reads (the key of its cached outputs)."""
    idx = InputIndex()
    scan = _Scan()
    try:
        for p in paths:
            _add_path(idx, scan, p)
        _place(idx, scan)
        if digest:
            _digest(idx)
    except (_Unplaceable, OSError, safefile.Refused):
        return None
    return idx


def _add_path(idx: InputIndex, scan: _Scan, path: Path) -> None:
    real = safefile.resolve(path)
    if real.is_file():
        if path.suffix not in BULK_SUFFIXES:
            raise _Unplaceable(path)  # a lone source file: small, read whole
        _index_bulk(idx, scan, path, (real.parent,))
        return
    if not real.is_dir():
        raise _Unplaceable(path)
    seen: set[str] = set()
    for folder, files in _walk(path):
        names = {f.name for f in files}
        sources = tuple(f for f in files if f.suffix in SOURCE_SUFFIXES and f.name != EVENT_FILE)
        bulk = [f for f in files if f.suffix in BULK_SUFFIXES]
        if bulk and (sources or EVENT_FILE in names):
            # the whole load reads them in name order, one kind's claims between the other's
            raise _Unplaceable(folder)
        for f in bulk:
            _index_bulk(idx, scan, f, (real,))
        if EVENT_FILE not in names and not sources:
            continue
        event = _event_id(folder / EVENT_FILE) if EVENT_FILE in names else folder.name
        if event in seen:
            raise _Unplaceable(folder)  # two folders of one event: the whole load says which is first
        seen.add(event)
        unit = idx.unit(event)
        unit.folders.append((idx.next_seq(), folder, tuple(files), (real,)))
        unit.claims += sum(max(f.stat().st_size // 400, 1) for f in sources)  # (a weight, not a count)


def _walk(root: Path) -> list[tuple[Path, list[Path]]]:
    """Folders below `root` with their files, as the loader walks them (sorted, hidden ones skipped);
    a link, or a name that is not UTF-8, is left to the whole load, which says what it does with it."""
    out: list[tuple[Path, list[Path]]] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        files: list[Path] = []
        below: list[Path] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                raise _Unplaceable(folder / name)
            try:
                name.encode("utf-8")
            except UnicodeEncodeError as e:
                raise _Unplaceable(folder) from e
            if entry.is_file():
                files.append(folder / name)
            elif entry.is_dir() and not name.startswith("__"):
                below.append(folder / name)
        out.append((folder, files))
        stack.extend(reversed(below))
    return out


def _event_id(path: Path) -> str:
    import yaml

    try:
        data = yaml.load(safefile.read_regular(path, safefile.current.file_bytes), Loader=yaml.CSafeLoader)
    except yaml.YAMLError as e:
        raise _Unplaceable(path) from e
    event = data.get("id") if isinstance(data, dict) else None
    if not isinstance(event, str) or not event:
        raise _Unplaceable(path)
    return event


def _index_bulk(idx: InputIndex, scan: _Scan, path: Path, roots: tuple[Path, ...]) -> None:
    """Read one JSON Lines file's records' heads into `scan` (claims are placed once every file is read)."""
    import msgspec

    class Head(msgspec.Struct):
        record: str = "claim"
        id: str = ""
        event: str | None = None
        source: str | None = None

    decode = msgspec.json.Decoder(Head).decode
    number = len(idx.files)
    idx.files.append(BulkFile(idx.next_seq(), path, roots))
    claims, counts, homes, sources, events = scan.claims, scan.counts, scan.homes, scan.sources, scan.events
    offset = 0
    line_no = 0
    with os.fdopen(safefile.open_regular(path), "rb") as handle:
        for line in handle:
            line_no += 1
            size = len(line)
            if line.isspace():
                offset += size
                continue
            try:
                head = decode(line)
            except (msgspec.DecodeError, msgspec.ValidationError) as e:
                raise _Unplaceable(path) from e
            if head.record == "claim":
                if not head.event or not head.source:
                    raise _Unplaceable(path)
                key = (head.event, head.source, number)
                runs = claims.get(key)
                if runs is None:
                    runs = claims[key] = Lines(number)
                runs.add(offset, size, line_no)
                counts[head.event] = counts.get(head.event, 0) + 1
            elif head.record == "source":
                if not head.event or not head.id or head.id in homes:
                    raise _Unplaceable(path)
                homes[head.id] = head.event
                sources[head.id] = Lines(number, [(offset, size, line_no)])
            elif head.record == "event":
                if not head.id or head.id in events:
                    raise _Unplaceable(path)
                events[head.id] = record = Lines(number, [(offset, size, line_no)])
                _merge(idx.unit(head.id), record)
            else:
                raise _Unplaceable(path)
            offset += size


def _place(idx: InputIndex, scan: _Scan) -> None:
    """Give each event the claims about it, its sources' claims about other events (source rules see
    them), and the records of the sources and events of all those claims."""
    for (event, source, _), runs in scan.claims.items():
        home = scan.homes.get(source)
        if home is None:
            raise _Unplaceable(source)  # a claim of an unknown source: said by a whole load
        for target in {event, home}:
            _merge(idx.unit(target), runs)
            _merge(idx.unit(target), scan.sources[source])
            if event in scan.events:  # (a claim about an event declared nowhere: the whole load says so)
                _merge(idx.unit(target), scan.events[event])
    for sid, home in scan.homes.items():
        _merge(idx.unit(home), scan.sources[sid])
    for event, n in scan.counts.items():
        idx.unit(event).claims += n
        idx.counted += n
    for unit in idx.units.values():
        for number, lines in unit.lines.items():
            merged = Lines(number)
            last_end = -1
            for o, n, first in sorted(set(lines.runs)):
                if o < last_end:
                    raise _Unplaceable(idx.files[number].path)  # (runs of distinct lines never overlap)
                merged.add(o, n, first)
                last_end = o + n
            unit.lines[number] = merged


def _merge(unit: Unit, runs: Lines) -> None:
    mine = unit.lines.get(runs.file)
    if mine is None:
        mine = unit.lines[runs.file] = Lines(runs.file)
    mine.runs.extend(runs.runs)


def _digest(idx: InputIndex) -> None:
    """Each unit's digest: the bytes of its lines, file by file, then of its folders' files."""
    hashes = {event: hashlib.sha256(event.encode() + b"\x00") for event in idx.units}
    for number, bulk in enumerate(idx.files):
        with os.fdopen(safefile.open_regular(bulk.path), "rb") as handle:
            for event, unit in idx.units.items():
                lines = unit.lines.get(number)
                if lines is None:
                    continue
                h = hashes[event]
                h.update(f"{bulk.path}\x00".encode())
                for o, n, first in lines.runs:
                    handle.seek(o)
                    h.update(f"{first}\x00".encode())
                    h.update(handle.read(n))
    for event, unit in idx.units.items():
        h = hashes[event]
        for _, folder, files, _ in unit.folders:
            h.update(f"{folder}\x00".encode())
            for f in files:
                h.update(f"{f.name}\x00".encode())
                h.update(safefile.read_regular(f, safefile.current.file_bytes))
        unit.digest = h.hexdigest()
