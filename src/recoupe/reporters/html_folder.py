"""The html report past a few megabytes: an index page, and one self-contained page per event.

A single page of a large corpus is hundreds of megabytes, which no browser opens. Past SPLIT_BYTES
(estimated before anything is rendered), `--output report.html` writes the index at report.html,
with a sortable table of the events and their counts, and each event's page, the page a run over
that event alone would give, under report_files/ (the name browsers give a saved page's folder).
Pages are rendered and written one event at a time, so memory holds one event's findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from recoupe.reporters._common import event_label

if TYPE_CHECKING:
    from recoupe.corpus import Corpus
    from recoupe.findings import Finding
    from recoupe.reporters.base import ReportData
    from recoupe.reporters.html import HtmlReporter

# The size past which the report becomes a folder: a page of a few megabytes opens in a second.
SPLIT_BYTES = 8 * 1024 * 1024
# What a claim adds to the page beyond its text (highlight, matrix cell, panel, findings), measured
# on generated corpora: 201 MB for 50,000 claims is about 4 KB each.
BYTES_PER_CLAIM = 4000


class EventRow(NamedTuple):
    """A row of the index: an event, its counts, and its page."""

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


def estimated_bytes(data: ReportData) -> int:
    """The single page's size, roughly: its texts, and a few kilobytes per claim."""
    texts = sum(len(s.text) for s in data.corpus.sources.values() if s.text is not None)
    return texts + BYTES_PER_CLAIM * (len(data.corpus.claims) + len(data.findings))


def folder_of(index: Path) -> Path:
    return index.with_name(f"{index.stem}_files")


def write_folder(reporter: HtmlReporter, data: ReportData, index: Path) -> None:
    """Each event's page into the folder beside `index`, then the index (last: it never links to a
    page that is not there). Pages left by an earlier run that this one did not write are removed."""
    from recoupe.yamlio import write_atomic

    folder = folder_of(index)
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[EventRow] = []
    written: set[str] = set()
    for n, (event, part) in enumerate(_parts(data), 1):
        name = f"e{n:05d}.html"
        write_atomic(folder / name, reporter.render(part).encode("utf-8"))
        written.add(name)
        rows.append(_row(data, part, event, f"{folder.name}/{name}"))
    for old in folder.glob("e*.html"):
        if old.name not in written and old.is_file():
            old.unlink()
    write_atomic(index, render_index(reporter.title, data, rows).encode("utf-8"))


def render_index(title: str, data: ReportData, rows: list[EventRow]) -> str:
    from recoupe.reporters.html_env import CSP, environment

    env = environment()
    return env.get_template("index.html.j2").render(
        title=title, version=data.version, summary=data.summary(), rows=rows, csp=CSP
    )


def _parts(data: ReportData) -> Iterator[tuple[str, ReportData]]:
    """Each event with the report data of a run over it alone: its findings, claims and sources."""
    from recoupe.reporters.base import ReportData

    corpus = data.corpus
    findings: dict[str, list[Finding]] = {}
    for f in data.ordered():
        findings.setdefault(f.event, []).append(f)
    claims: dict[str, list[Any]] = {}
    for c in corpus.claims:
        claims.setdefault(c.event, []).append(c)
    homes: dict[str, list[str]] = {}
    for sid, s in corpus.sources.items():
        homes.setdefault(s.event, []).append(sid)
    events = list(dict.fromkeys([*corpus.events, *claims, *findings]))
    for event in events:
        part = _sub_corpus(
            corpus, event, claims.get(event, []), homes.get(event, []), findings.get(event, [])
        )
        yield (
            event,
            ReportData(
                findings.get(event, []),
                part,
                data.rules,
                fail_on=data.fail_on,
                version=data.version,
                in_order=True,
            ),
        )


def _sub_corpus(
    corpus: Corpus, event: str, claims: list[Any], homes: list[str], found: list[Finding]
) -> Corpus:
    from recoupe.corpus import Corpus

    named = dict.fromkeys([*homes, *(c.source for c in claims), *(r.source for f in found for r in f.claims)])
    return Corpus(
        events={event: corpus.events[event]} if event in corpus.events else {},
        sources={sid: corpus.sources[sid] for sid in named if sid in corpus.sources},
        claims=claims,
    )


def _row(data: ReportData, part: ReportData, event: str, page: str) -> EventRow:
    loaded = data.corpus.events.get(event)
    ev = loaded.event if loaded is not None else None
    counts = Counter(f.severity.value for f in part.findings if f.suppressed is None)
    return EventRow(
        event_label(event),
        ev.title if ev is not None and ev.title else "",
        ev.date.isoformat() if ev is not None and ev.date else "",
        page,
        len(part.corpus.sources),
        len(part.corpus.claims),
        counts["error"],
        counts["warning"],
        counts["info"],
        sum(1 for f in part.findings if f.suppressed is not None),
    )
