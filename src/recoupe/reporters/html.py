"""The `html` report: one self-contained page with the sources side by side, highlighted by verdict.

The markup is in Jinja2 templates (templates/html/, package data), with autoescape on: every piece
of user data (texts, quotes, values, messages, file names, ids) is escaped where a template outputs
it, and the only class names and ids in the markup are ones the templates or this module make, never
ones taken from a claim. This module works out what the page shows (the highlights, the matrix, the
findings by group) and leaves the markup to the templates. Everything the page needs is inline (CSS,
a small script); it loads nothing, and its Content-Security-Policy forbids loading anything. Past
a size, the report is an index page and such a page per event, made event by event (html_folder).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from recoupe.findings import Finding
from recoupe.reporters import html_folder
from recoupe.reporters._common import (
    VERDICTS,
    by_event,
    event_label,
    group_title,
    subject_label,
    where,
    worst_of,
)
from recoupe.reporters.base import ReportData, Reporter
from recoupe.reporters.html_chart import Chart, chart
from recoupe.reporters.html_env import environment
from recoupe.reporters.html_findings import FindingView, PanelRow, finding_view, panel_rows
from recoupe.reporters.html_index import ClaimKey, Index, value_text

if TYPE_CHECKING:
    from pathlib import Path

    from recoupe.corpus import LoadedClaim, LoadedSource
    from recoupe.reporters.html_folder import ByEvent
    from recoupe.reporters.pieces import Piece, Totals


# What the templates show, worked out here. They unpack these tuples in their loops rather than
# look their fields up by name or call back into Python, as a Jinja2 lookup or call costs a few
# microseconds, and a page shows hundreds of thousands of values.


# A piece of a text; when claims cover it, the worst of their verdicts, " multi" when there are
# several (and " review" when one is a draft under review), their ids (worst first) and the tooltip
# that lists them ("" each when none covers it).
# The rows the templates loop over most are plain tuples: a NamedTuple is built by a Python call.
Segment = tuple[str, str, str, str, str]  # (text, verdict, multi, ids, title)


class SourceView(NamedTuple):
    loaded: LoadedSource
    facts: list[str]
    drafts: int  # its claims drafted and under review
    segments: list[Segment] | None  # None: no text pinned


# a matrix cell's wording: (verdict, " review" for a draft under review or "", ids, title, text)
Wording = tuple[str, str, str, str, str]


class Cell(NamedTuple):
    verdict: str
    wordings: list[Wording]


class Row(NamedTuple):
    subject: str | None  # set on the first row of a subject, which opens with its heading
    slot: str
    cells: list[Cell | None]  # per source; None: the source makes no claim on it


class EventView(NamedTuple):
    anchor: str
    label: str
    heading: str
    date: str
    place: str
    description: str
    sources: list[SourceView]
    sources_ids: list[str]
    matrix: list[Row]
    active_count: int  # findings that count (neither waived nor baselined)
    # (title, has-<severity> classes, its chart of figures over time, findings)
    groups: list[tuple[str, str, Chart | None, list[FindingView]]]
    suppressed: list[FindingView]


# a finding that names a claim, as the claim's panel lists it: (severity, code, message,
# suppressed, the finding's anchor)
Naming = tuple[str, str, str, bool, str]


class ClaimInfo(NamedTuple):
    """What the panel shows for a claim."""

    id: str
    source: str
    claim: str
    verdict: str
    value: str
    said_by: str | None
    quote: str | None
    at: str
    findings: list[Naming]
    positions: list[PanelRow]  # its position first, then those it is compared with
    chart: str  # the id of its group's chart, for the panel to show a copy; "" when none


class PageView(NamedTuple):
    title: str
    version: str
    summary: dict[str, Any]
    events: list[EventView]
    claims: list[ClaimInfo]


class HtmlReporter(Reporter):
    """Summary, legend, then per event: the sources' texts side by side with the claims highlighted,
    the subject × slot × source matrix of wordings, and the findings. A click on a highlight or a
    matrix cell opens a panel with the claim and its findings; hovering shows the same as a tooltip.
    """

    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"

    def __init__(self, *, title: str = "recoupe report", split_bytes: float | None = None) -> None:
        self.title = title
        self.split_bytes = split_bytes  # None: html_folder.SPLIT_BYTES
        self._by_event: ByEvent | None = None

    def write(self, data: ReportData, path: Path) -> None:
        """One page, or past the split size an index page and a page per event (html_folder), made
        from pieces as a run over parts makes them."""
        from recoupe.reporters.pieces import pieces_of, totals_of

        totals = totals_of(data)
        if not self.in_folder(totals):
            super().write(data, path)
            return
        try:
            self.write_pieces(totals, pieces_of(self, data, html_folder.events_of(data)), path)
        finally:
            self._by_event = None

    def in_folder(self, totals: Totals) -> bool:
        """Whether the report is an index page and a page per event: decided from the run's counts,
        before any page is rendered."""
        limit = html_folder.SPLIT_BYTES if self.split_bytes is None else self.split_bytes
        return html_folder.in_folder(totals.tally, limit)

    # Made event by event (`Pieced`), the report is always the folder: a run small enough for one
    # page runs whole. A piece is an event's page (`body`) and its row of the index (`meta`).
    separator: ClassVar[bytes] = b""

    def piece(self, data: ReportData, event: str) -> Piece:
        from recoupe.reporters.pieces import Piece

        if self._by_event is None or not self._by_event.fits(data.corpus):
            self._by_event = html_folder.ByEvent.of(data.corpus)
        part = self._by_event.part(data, event)
        return Piece(event, self.render(part).encode("utf-8"), list(html_folder.row_of(part, event)))

    def assemble(
        self, totals: Totals, pieces: Iterable[Piece], *, into: Path | None = None, href: str | None = None
    ) -> Iterator[bytes]:
        """The index page, once every piece's page is written into the folder `into` (its rows link
        the pages as `href/<page>`, by default under into's name). Refused without `into`: the folder
        form has more than one file; `write_pieces` writes it in place."""
        if into is None:
            raise ValueError("the html report made from pieces is a folder: give `into`, or use write_pieces")
        from urllib.parse import quote

        return iter(
            (html_folder.assembled(self, totals, pieces, into, quote(into.name) if href is None else href),)
        )

    def write_pieces(self, totals: Totals, pieces: Iterable[Piece], path: Path) -> None:
        """The folder form at `path` (the index) and beside it (the pages), atomically: what a run
        over parts writes. Refused when the totals call for a single page."""
        if not self.in_folder(totals):
            raise ValueError("a report this small is one page, which is not made from pieces: run it whole")
        html_folder.write_pieces(self, totals, pieces, path)

    def render(self, data: ReportData) -> str:
        idx = Index.of(data)
        by_ev = by_event(data.ordered())
        charts: dict[tuple[str, str, str], str] = {}  # (event, subject, slot) -> its chart's id
        events = [
            self._event(data, idx, event, f"ev{n}", by_ev.get(event, {}), charts)
            for n, event in enumerate(self._events(data))
        ]
        page = PageView(self.title, data.version, data.summary(), events, self._claims(idx, charts))
        page_text = environment().get_template("page.html.j2").render(page=page)
        # Jinja2 spells an escaped ' and " as &#39; and &#34;; the page has always had html.escape's
        # &#x27; and &quot;. They stand for the same characters, and no other text of the page holds
        # these references (user data is escaped, so its & is &amp;; the templates, CSS and script
        # hold none), so the page is respelled as a whole: two passes over it, where a Python call
        # per value escaped made the report half as slow again.
        return page_text.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")

    def _events(self, data: ReportData) -> list[str]:
        seen = dict.fromkeys(data.corpus.events)
        for c in data.corpus.claims:
            seen.setdefault(c.event)
        for f in data.findings:
            seen.setdefault(f.event)
        return list(seen)

    def _event(
        self,
        data: ReportData,
        idx: Index,
        event: str,
        anchor: str,
        groups: dict[tuple[str, str], list[Finding]],
        charts: dict[tuple[str, str, str], str],
    ) -> EventView:
        loaded = data.corpus.events.get(event)
        ev = loaded.event if loaded is not None else None
        claims = idx.by_event.get(event, [])
        source_ids = list(
            dict.fromkeys(
                [
                    *(sid for sid, s in data.corpus.sources.items() if s.event == event),
                    *(c.source for c in claims),
                    *(ref.source for fs in groups.values() for f in fs for ref in f.claims),
                ]
            )
        )
        sources = [data.corpus.sources[s] for s in source_ids if s in data.corpus.sources]
        active = [(key, [f for f in fs if f.suppressed is None]) for key, fs in groups.items()]
        drawn = {
            key: _chart(f"{anchor}-chart{n}", (event, *key), fs, idx, charts)
            for n, (key, fs) in enumerate(groups.items())
        }
        return EventView(
            anchor=anchor,
            label=event_label(event),
            heading=ev.title if ev is not None and ev.title else event_label(event),
            date=ev.date.isoformat() if ev is not None and ev.date else "",
            place=ev.place if ev is not None and ev.place else "",
            description=ev.description if ev is not None and ev.description else "",
            sources=[self._source(s, idx) for s in sources],
            sources_ids=source_ids,
            matrix=self._matrix(claims, source_ids, idx) if claims else [],
            active_count=sum(len(fs) for _, fs in active),
            groups=[
                (
                    group_title(subject, slot),
                    " ".join(f"has-{sv}" for sv in dict.fromkeys(f.severity.value for f in fs)),
                    drawn[(subject, slot)],
                    [finding_view(f, idx) for f in fs],
                )
                for (subject, slot), fs in active
                if fs
            ],
            suppressed=[
                finding_view(f, idx) for fs in groups.values() for f in fs if f.suppressed is not None
            ],
        )

    def _source(self, s: LoadedSource, idx: Index) -> SourceView:
        src = s.source
        facts = [
            x
            for x in (
                src.outlet,
                src.published.isoformat() if src.published else None,
                src.kind,
                src.language,
            )
            if x
        ]
        drafts = sum(1 for c in idx.by_source.get(src.id, []) if c.claim.review)
        if s.text is None:
            return SourceView(s, facts, drafts, None)
        spans = [
            (c.start, c.end, (c.source, c.id))
            for c in idx.by_source.get(src.id, [])
            if c.start is not None and c.end is not None
        ]
        return SourceView(s, facts, drafts, self._segments(s.text, spans, idx))

    def _segments(self, text: str, spans: list[tuple[int, int, ClaimKey]], idx: Index) -> list[Segment]:
        """The text in segments, with the claims that cover each; overlapping quotes split into
        segments, each naming every claim that covers it and coloured by the worst of their verdicts."""
        lead = len(text) - len(text.lstrip())
        tail = len(text.rstrip())
        bounds = sorted({lead, tail, *(max(lead, min(tail, p)) for s, t, _ in spans for p in (s, t))})
        out: list[Segment] = []
        for a, b in itertools.pairwise(bounds):
            if a >= b:
                continue
            covering = [key for s, t, key in spans if s <= a and t >= b]
            if not covering:
                out.append((text[a:b], "", "", "", ""))
                continue
            # the worst first: the tooltip and the panel open with the claim that explains the colour
            keys = sorted(dict.fromkeys(covering), key=lambda k: VERDICTS.index(idx.verdict(k)))
            verdict = worst_of(idx.verdict(k) for k in keys)
            ids = " ".join(idx.claim_id(k) for k in keys)
            multi = " multi" if len(keys) > 1 else ""
            if idx.under_review(keys):
                multi += " review"
            out.append((text[a:b], verdict, multi, ids, idx.title(keys)))
        return out

    def _matrix(self, claims: list[LoadedClaim], source_ids: list[str], idx: Index) -> list[Row]:
        rows: dict[tuple[str, str], dict[str, list[LoadedClaim]]] = {}
        for c in sorted(claims, key=lambda c: (c.subject != "", c.subject, c.slot)):
            rows.setdefault((c.subject, c.slot), {}).setdefault(c.source, []).append(c)
        out: list[Row] = []
        subject: str | None = None
        for (subj, slot), cells in rows.items():
            heading = None
            if subj != subject:
                subject = subj
                heading = subject_label(subj) if subj else "the event itself"
            out.append(Row(heading, slot, [self._cell(cells.get(sid, []), idx) for sid in source_ids]))
        return out

    def _cell(self, claims: list[LoadedClaim], idx: Index) -> Cell | None:
        if not claims:
            return None
        # one chip per wording: a source that says « Rabat » twice shows it once, naming both claims
        wordings: dict[str, list[ClaimKey]] = {}
        for c in claims:
            wordings.setdefault(value_text(c.claim.value), []).append((c.source, c.id))
        return Cell(
            worst_of(idx.verdict(k) for ks in wordings.values() for k in ks),
            [
                (
                    worst_of(idx.verdict(k) for k in ks),
                    " review" if idx.under_review(ks) else "",
                    " ".join(idx.claim_id(k) for k in ks),
                    idx.title(ks),
                    w,
                )
                for w, ks in wordings.items()
            ],
        )

    def _claims(self, idx: Index, charts: dict[tuple[str, str, str], str]) -> list[ClaimInfo]:
        out = []
        for key, cid in idx.claim_ids.items():
            ref, c = idx.refs.get(key), idx.loaded.get(key)
            if ref is not None:
                quote, at, said_by = ref.quote, where(ref), ref.attributed_to
            elif c is not None:
                quote, said_by = c.claim.quote, c.claim.attributed_to
                at = f"{c.file}:{c.line}" if c.line is not None else c.file
            else:
                continue
            findings = idx.named_by.get(key, [])
            named = [
                (f.severity.value, f.code, f.message, bool(f.suppressed), idx.finding_id(f)) for f in findings
            ]
            if c is not None:
                group: tuple[str, str, str] | None = (c.event, c.subject, c.slot)
            else:
                group = (findings[0].event, findings[0].subject, findings[0].slot) if findings else None
            out.append(
                ClaimInfo(
                    *(cid, key[0], key[1], idx.verdict(key), idx.value(key), said_by, quote, at, named),
                    panel_rows(f"{key[0]}/{key[1]}", findings),
                    charts.get(group, "") if group is not None else "",
                )
            )
        return out


def _chart(
    anchor: str,
    group: tuple[str, str, str],
    findings: list[Finding],
    idx: Index,
    charts: dict[tuple[str, str, str], str],
) -> Chart | None:
    """A group's chart of figures over time, from every finding's positions (waived ones too: what
    the sources say is drawn whatever the verdict), recorded for its claims' panels."""

    def ids() -> dict[str, str]:
        return {
            f"{c.source}/{c.claim}": idx.claim_id((c.source, c.claim)) for f in findings for c in f.claims
        }

    drawn = chart(anchor, f"{group_title(group[1], group[2])}: figures over time", findings, ids)
    if drawn is not None:
        charts[group] = anchor
    return drawn
