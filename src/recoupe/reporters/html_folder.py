"""The html report past a few megabytes: an index page, and one self-contained page per event.

A single page of a large corpus is hundreds of megabytes, which no browser opens. Past the split size
(`html-split-mib`, estimated from the run's counts before anything is rendered), `--output
report.html` writes the index at report.html, with a sortable table of the events and their counts,
and each event's page, the page a run over that event alone would give, under report_files/ (the
name browsers give a saved page's folder).

The folder is made event by event (`Pieced`): an event's page, and its row of the index, are
rendered where the event is checked, so that a run over parts never holds more than one event's
findings; a whole run makes the same pieces from its data and writes them with the same code. A
page is named after its event alone, so that it does not move when other events come or go.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from recoupe.config import HTML_SPLIT_MIB
from recoupe.reporters._common import event_label

if TYPE_CHECKING:
    from recoupe.corpus import Corpus, LoadedClaim
    from recoupe.reporters.base import ReportData
    from recoupe.reporters.html import HtmlReporter
    from recoupe.reporters.pieces import Piece, Tally, Totals

SPLIT_BYTES = HTML_SPLIT_MIB * 2**20
# What a claim adds to the page beyond its text (highlight, matrix cell, panel, findings), measured
# on generated corpora: 201 MB for 50,000 claims is about 4 KB each.
BYTES_PER_CLAIM = 4000

_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_SLUG_CHARS = 60
# the temporary folders of a write (the new folder, and the old one moved aside), named like
# outfile's temporary files: after the target, the writing process and a random part
_TEMP = re.compile(r"^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$")


class EventRow(NamedTuple):
    """A row of the index: an event, its counts, and its page (its file name, in a piece's meta)."""

    label: str
    title: str
    date: str
    page: str
    sources: int
    claims: int
    error: int
    warning: int
    info: int
    suppressed: int


def estimated_bytes(tally: Tally) -> int:
    """The single page's size, roughly: its texts, and a few kilobytes per claim and finding."""
    return tally.text_chars + BYTES_PER_CLAIM * (tally.claims + tally.count(active=False))


def in_folder(tally: Tally, split_bytes: float) -> bool:
    """Whether the report is a folder: past `split_bytes`, and always when it is 0."""
    return split_bytes == 0 or estimated_bytes(tally) > split_bytes


def folder_of(index: Path) -> Path:
    return index.with_name(f"{index.stem}_files")


def page_name(event: str) -> str:
    """The file name of an event's page, from the event alone: its id made safe for any file system
    (lower case, no ':'), and a hash of the id that tells apart the ids that made the same name."""
    slug = _UNSAFE.sub("-", event.lower())[:_SLUG_CHARS].strip("-.") or "event"
    return f"{slug}-{hashlib.sha256(event.encode('utf-8')).hexdigest()[:8]}.html"


@dataclass(slots=True)
class ByEvent:
    """A corpus's claims and the sources at home in each event, worked out once for all its events'
    pages (a scan of the corpus per event would cost events × claims)."""

    corpus: Corpus
    size: tuple[int, int]
    claims: dict[str, list[LoadedClaim]]
    homes: dict[str, list[str]]

    @classmethod
    def of(cls, corpus: Corpus) -> ByEvent:
        claims: dict[str, list[LoadedClaim]] = {}
        for c in corpus.claims:
            claims.setdefault(c.event, []).append(c)
        homes: dict[str, list[str]] = {}
        for sid, s in corpus.sources.items():
            homes.setdefault(s.event, []).append(sid)
        return cls(corpus, (len(corpus.claims), len(corpus.sources)), claims, homes)

    def fits(self, corpus: Corpus) -> bool:
        return self.corpus is corpus and self.size == (len(corpus.claims), len(corpus.sources))

    def part(self, data: ReportData, event: str) -> ReportData:
        """The report data of a run over `event` alone: its findings (those of `data`), its claims,
        its event and the sources it names."""
        from recoupe.corpus import Corpus
        from recoupe.reporters.base import ReportData

        corpus = data.corpus
        claims = self.claims.get(event, [])
        named = dict.fromkeys(
            [
                *self.homes.get(event, []),
                *(c.source for c in claims),
                *(r.source for f in data.findings for r in f.claims),
            ]
        )
        part = Corpus(
            events={event: corpus.events[event]} if event in corpus.events else {},
            sources={sid: corpus.sources[sid] for sid in named if sid in corpus.sources},
            claims=claims,
        )
        return ReportData(
            data.ordered(), part, data.rules, fail_on=data.fail_on, version=data.version, in_order=True
        )


def row_of(part: ReportData, event: str) -> EventRow:
    """The index row of an event, from the report data of its page."""
    loaded = part.corpus.events.get(event)
    ev = loaded.event if loaded is not None else None
    counts = Counter(f.severity.value for f in part.findings if f.suppressed is None)
    return EventRow(
        event_label(event),
        ev.title if ev is not None and ev.title else "",
        ev.date.isoformat() if ev is not None and ev.date else "",
        page_name(event),
        len(part.corpus.sources),
        len(part.corpus.claims),
        counts["error"],
        counts["warning"],
        counts["info"],
        sum(1 for f in part.findings if f.suppressed is not None),
    )


def assembled(
    reporter: HtmlReporter, totals: Totals, pieces: Iterable[Piece], into: Path, href: str
) -> bytes:
    """Each piece's page written into the folder `into` as it comes, then the index page, whose rows
    link the pages as `href/<page>` (memory: one piece, and the rows)."""
    rows: list[EventRow] = []
    for p in pieces:
        row = EventRow(*p.meta)
        # "x": two events whose pages got one name would be an error, not a page lost
        with open(into / row.page, "xb") as f:
            f.write(p.body)
        rows.append(row._replace(page=f"{href}/{row.page}"))
    return render_index(reporter.title, totals, rows).encode("utf-8")


def write_pieces(reporter: HtmlReporter, totals: Totals, pieces: Iterable[Piece], index: Path) -> None:
    """The folder beside `index`, then the index, from the pieces: the pages go into a temporary
    folder, which replaces the old folder as a whole (no page of an earlier run is left) once every
    page is written; the index is written last, and if it cannot be, the old folder is put back.
    A failure leaves the report as it was."""
    from recoupe.outfile import write_atomic, write_failed

    folder = folder_of(index)
    _remove_stale(folder)
    tmp, old = _temp_beside(folder), _temp_beside(folder)
    moved = placed = done = False
    try:
        try:
            tmp.mkdir(parents=True)
            text = assembled(reporter, totals, pieces, tmp, quote(folder.name))
            if folder.exists() or folder.is_symlink():
                os.replace(folder, old)
                moved = True
            os.replace(tmp, folder)
            placed = True
        except OSError as e:
            raise write_failed(folder, e) from None
        write_atomic(index, text)
        done = True
    finally:
        if not done:
            with contextlib.suppress(OSError):  # (put back what can be: the first error is the one said)
                if placed:
                    os.replace(folder, tmp)
                if moved:
                    os.replace(old, folder)
        _remove(tmp)
        if done:
            _remove(old)


def render_index(title: str, totals: Totals, rows: list[EventRow]) -> str:
    from recoupe.reporters.html_env import CSP, environment

    env = environment()
    return env.get_template("index.html.j2").render(
        title=title, version=totals.version, summary=totals.summary(), rows=rows, csp=CSP
    )


def events_of(data: ReportData) -> list[str]:
    """The events a whole run's folder has a page for, in report order: those a run over parts covers."""
    from recoupe.scale.partition import universe

    return sorted({*universe(data.corpus), *(f.event for f in data.findings)})


def _temp_beside(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def _remove_stale(folder: Path) -> None:
    """The temporary folders that a killed write of this report left beside it."""
    from recoupe.outfile import _alive

    with contextlib.suppress(OSError):
        for entry in os.scandir(folder.parent):
            m = _TEMP.match(entry.name)
            if (
                m
                and m.group(1) == folder.name
                and int(m.group(2)) != os.getpid()
                and not _alive(int(m.group(2)))
            ):
                _remove(Path(entry.path))
