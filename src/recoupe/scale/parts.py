"""One part of a run over parts, where it runs: load its events' input, check them, and render each
event's piece of every report, spooled to disk (and cached with the event).

A `PartRunner` is built once per process (in the parent, then inherited by forked workers, or built
on a Dask worker) and runs any number of parts. A part whose input has a problem, or whose claims
name events outside it, is `failed`: the run then loads the corpus whole, which reports the problem
as a serial run does.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoupe.reporters.pieces import Piece, Tally

if TYPE_CHECKING:
    from recoupe.corpus import Corpus
    from recoupe.engine import Engine
    from recoupe.findings import Finding
    from recoupe.load.cache import Cache
    from recoupe.reporters.pieces import Pieced
    from recoupe.scale.index import InputIndex
    from recoupe.slots import Slots


@dataclass(slots=True)
class PartResult:
    events: list[str]
    tallies: list[dict[str, Any]] = field(default_factory=list)  # Tally.to_json() per event, in order
    spools: list[str] = field(default_factory=list)  # one file per report target, in target order
    failed: bool = False


@dataclass(slots=True)
class PartRunner:
    """Everything a part needs, built once: the input index, the engine, one reporter per target."""

    index: InputIndex
    engine: Engine
    slots: Slots
    targets: list[tuple[str, dict[str, Any]]]  # each report's format and its reporter's options
    display_root: Path
    spool_dir: Path
    fail_on: str = "error"
    cache: Cache | None = None
    event_keys: dict[str, str] = field(default_factory=dict)
    _reporters: list[Pieced] | None = None

    @property
    def reporters(self) -> list[Pieced]:
        if self._reporters is None:
            self._reporters = [pieced_reporter(fmt, options) for fmt, options in self.targets]
        return self._reporters

    @property
    def piece_keys(self) -> list[str]:
        """What each target's pieces depend on beyond the event: its format and options."""
        return [piece_options_key(fmt, options) for fmt, options in self.targets]

    def run(self, number: int, events: list[str]) -> PartResult:
        from recoupe.errors import InputError
        from recoupe.gcpause import no_collection

        out = PartResult(events)
        with no_collection():
            try:
                corpus, bulk = self._load(events)
            except InputError:
                out.failed = True
                return out
            if not _closed(corpus, set(events), bulk):
                out.failed = True
                return out
            findings = self.engine.run(corpus, events=set(events))
            self._render(number, events, corpus, findings, out)
            if self.cache is not None:
                from recoupe.load import store_in_cache

                store_in_cache(corpus, self.cache)
        return out

    # -- loading ------------------------------------------------------------------------------------
    def _load(self, events: list[str]) -> tuple[Corpus, set[str]]:
        """The part's events' lines and folders, read in the order a whole load reads them; with the
        names of the JSON Lines files read (as reports show them)."""
        from recoupe.load.loader import Loader

        loader = Loader(self.slots, self.display_root, self.cache)
        lines: dict[int, set[tuple[int, int, int]]] = {}
        folders: dict[int, tuple[Path, tuple[Path, ...], tuple[Path, ...]]] = {}
        for e in events:
            unit = self.index.units[e]
            for number, runs in unit.lines.items():
                lines.setdefault(number, set()).update(runs.runs)
            for seq, folder, files, roots in unit.folders:
                folders[seq] = (folder, files, roots)
        steps: list[tuple[int, int]] = [(self.index.files[n].seq, n) for n in lines]
        steps += [(seq, -1) for seq in folders]
        read: set[str] = set()
        for seq, number in sorted(steps):
            if number >= 0:
                bulk = self.index.files[number]
                loader.roots = bulk.roots
                shown = loader._show(bulk.path)
                loader.corpus.files.append(shown)
                read.add(shown)
                loader._read_lines(_numbered(bulk.path, _coalesced(lines[number])), shown, bulk.path.parent)
            else:
                folder, files, roots = folders[seq]
                loader.roots = roots
                loader.read_folder(folder, files)
        corpus = loader.finish()
        corpus.parsed = loader.parsed
        return corpus, read

    # -- the pieces ---------------------------------------------------------------------------------
    def _render(
        self, number: int, events: list[str], corpus: Corpus, findings: list[Finding], out: PartResult
    ) -> None:
        from recoupe.reporters.base import ReportData
        from recoupe.reporters.pieces import by_event_in_order, event_data

        data = ReportData(findings, corpus, self.engine.rules, fail_on=self.fail_on, in_order=True)
        groups = by_event_in_order(findings)
        owned = _owned(corpus)
        texts = _texts_of(corpus) if self.cache is not None else {}
        spools = [self.spool_dir / f"part{number:05d}.{t}" for t in range(len(self.reporters))]
        handles = [open(p, "wb") for p in spools]  # noqa: SIM115 - closed below, whatever happens
        try:
            for e in events:
                tally = owned.get(e) or Tally()
                tally.add_findings(groups.get(e, ()))
                out.tallies.append(tally.to_json())
                one = event_data(data, e, groups.get(e, []))
                pieces = [r.piece(one, e) for r in self.reporters]
                for handle, piece in zip(handles, pieces, strict=True):
                    write_piece(handle, piece)
                if self.cache is not None and e in self.event_keys:
                    self._store(e, out.tallies[-1], pieces, texts.get(e, set()))
        finally:
            for h in handles:
                h.close()
        out.spools = [str(p) for p in spools]

    def _store(
        self, event: str, tally: dict[str, Any], pieces: list[Piece], texts: set[tuple[str, str | None]]
    ) -> None:
        """The event's pieces, then its entry (which makes them a hit: written last)."""
        assert self.cache is not None
        key = self.event_keys[event]
        for piece, pkey in zip(pieces, self.piece_keys, strict=True):
            self.cache.store_blob(piece_key(key, pkey), "piece", {"meta": piece.meta}, piece.body)
        self.cache.store(key, "event", {"tally": tally, "texts": [list(t) for t in sorted(texts)]})


def pieced_reporter(fmt: str, options: dict[str, Any]) -> Pieced:
    """The reporter of `fmt` with `options` (those it takes), as a Pieced one; TypeError otherwise."""
    from recoupe.reporters import get_reporter
    from recoupe.reporters.pieces import Pieced

    reporter = get_reporter(fmt, **options)
    if not isinstance(reporter, Pieced):
        raise TypeError(f"the {fmt} report cannot be made event by event")
    return reporter


def piece_options_key(fmt: str, options: dict[str, Any]) -> str:
    """A format and the options its reporter takes, as the part of a cache key they are."""
    import inspect

    from recoupe.reporters import reporter_class

    accepted = inspect.signature(reporter_class(fmt)).parameters
    return repr((fmt, sorted((k, repr(v)) for k, v in options.items() if k in accepted)))


def piece_key(event_key: str, piece: str) -> str:
    return hashlib.sha256(f"{event_key}\x00{piece}".encode()).hexdigest()


def write_piece(handle: Any, piece: Piece) -> None:
    import orjson

    handle.write(orjson.dumps({"e": piece.event, "n": len(piece.body), "m": piece.meta}) + b"\n")
    handle.write(piece.body)


def read_pieces(path: str) -> Iterator[Piece]:
    """The pieces a part spooled to `path`, in order."""
    import orjson

    with open(path, "rb") as handle:
        while head := handle.readline():
            d = orjson.loads(head)
            yield Piece(d["e"], handle.read(d["n"]), d["m"])


def _coalesced(runs: set[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Runs of several events, each line once: two events may both need a line (the record of a
    source with claims about both), within runs that overlap."""
    out: list[tuple[int, int, int]] = []
    for offset, length, first in sorted(runs):
        if out and offset <= out[-1][0] + out[-1][1]:  # overlapping or adjacent: one run of lines
            o, n, f = out[-1]
            out[-1] = (o, max(n, offset + length - o), f)
        else:
            out.append((offset, length, first))
    return out


def _numbered(path: Path, runs: list[tuple[int, int, int]]) -> Iterator[tuple[int, bytes]]:
    """The lines of `runs` (offset, length, first line number) of a file, numbered as in the file."""
    from recoupe import safefile

    with os.fdopen(safefile.open_regular(path), "rb") as handle:
        for offset, length, first in runs:
            handle.seek(offset)
            block = handle.read(length)
            start, n = 0, first
            while start < length:  # lines end at b"\n" only, as a file's iteration ends them
                end = block.find(b"\n", start) + 1 or length
                yield n, block[start:end]
                start, n = end, n + 1


def _owned(corpus: Corpus) -> dict[str, Tally]:
    """The counts each event of the part owns (itself, its sources and their texts, the claims about
    it), without findings: a source loaded by two parts counts in its own event's part only."""
    counts: dict[str, Tally] = {}
    for e in corpus.events:
        counts.setdefault(e, Tally()).events += 1
    for s in corpus.sources.values():
        t = counts.setdefault(s.event, Tally())
        t.sources += 1
        t.text_chars += len(s.text) if s.text is not None else 0
    for c in corpus.claims:
        counts.setdefault(c.event, Tally()).claims += 1
    return counts


def _texts_of(corpus: Corpus) -> dict[str, set[tuple[str, str | None]]]:
    """The texts each event's findings depend on: of its own sources and of the sources of its claims."""
    sources = corpus.sources
    used: dict[str, set[str]] = {}
    for sid, s in sources.items():
        used.setdefault(s.event, set()).add(sid)
    for c in corpus.claims:
        used.setdefault(c.event, set()).add(c.source)
    return {
        e: {
            (sources[sid].text_file or "", sources[sid].actual_sha256)
            for sid in sids
            if sources[sid].text_file
        }
        for e, sids in used.items()
    }


def _closed(corpus: Corpus, events: set[str], bulk: set[str]) -> bool:
    """Whether the part holds every claim its events' findings depend on: a claim of a source file
    about another event than its folder's could belong to an event of another part."""
    sources = corpus.sources
    for c in corpus.claims:
        if c.file in bulk:
            continue  # the index placed JSON Lines claims with both events they concern
        if c.event != sources[c.source].event and (c.event in events) != (sources[c.source].event in events):
            return False
    return True
