"""Reports made event by event: each event's piece rendered where the event is checked, the report
put together from the pieces in event order.

A run over parts (`recoupe.scale.parts`) never holds the whole corpus or every finding in one
process: the process that checks an event renders that event's piece of every report asked for,
and the piece (bytes, with a little JSON-able `meta`) is spooled to disk and cached with the event.
The run then writes each report as `assemble(totals, pieces)`: a head and a tail from the merged
counts, and the pieces' bytes in between. A format that takes part in this (`Pieced`) guarantees
that the result is byte for byte the report `chunks()` writes from the whole run's data;
`tests/unit/test_pieces.py` holds every format to that.

`meta` carries what the head, the tail or a capped selection needs of an event and cannot get from
the counts: a test suite's counts (JUnit), an index row (HTML), the candidates of a report that
keeps only some findings, errors first (SARIF, Markdown).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from recoupe import __version__
from recoupe.findings import REPORT_CATEGORIES, Finding, Severity

if TYPE_CHECKING:
    from recoupe.reporters.base import ReportData
    from recoupe.rules.base import Rule

_LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(slots=True)
class Tally:
    """The counts a report's head and tail show, mergeable across events and parts.

    `findings` counts every finding by (severity, category, suppression kind or ""), so that the
    summary, the number of info findings folded and the failing count all come from it.
    `text_chars` is the length of the sources' texts, summed: with the counts, what a report's size is
    estimated from before it is rendered (the HTML report chooses one page or a folder by it).
    """

    findings: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    events: int = 0
    sources: int = 0
    claims: int = 0
    text_chars: int = 0

    def add_findings(self, findings: Iterable[Finding]) -> None:
        self.findings.update(
            (f.severity.value, f.category, f.suppressed.kind if f.suppressed is not None else "")
            for f in findings
        )

    def merge(self, other: Tally) -> None:
        self.findings.update(other.findings)
        self.events += other.events
        self.sources += other.sources
        self.claims += other.claims
        self.text_chars += other.text_chars

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": [[s, c, k, n] for (s, c, k), n in sorted(self.findings.items())],
            "events": self.events,
            "sources": self.sources,
            "claims": self.claims,
            "text_chars": self.text_chars,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Tally:
        counts: Counter[tuple[str, str, str]] = Counter(
            {(str(s), str(c), str(k)): int(n) for s, c, k, n in d["findings"]}
        )
        return cls(counts, int(d["events"]), int(d["sources"]), int(d["claims"]), int(d["text_chars"]))

    def count(self, *, severity: str | None = None, active: bool = True) -> int:
        """Findings of `severity` (any when None): those that count, or with `active=False` all."""
        return sum(
            n
            for (s, _, k), n in self.findings.items()
            if (severity is None or s == severity) and (not active or not k)
        )

    def summary(
        self, fail_on: str = "error", baselined: int = 0, baseline_unmatched: int = 0
    ) -> dict[str, Any]:
        """What `ReportData.summary()` says of the run these counts are of."""
        by_sev: Counter[str] = Counter()
        by_cat: Counter[str] = Counter()
        waived = 0
        for (severity, category, kind), n in self.findings.items():
            if kind:
                waived += n if kind == "waiver" else 0
                continue
            by_sev[severity] += n
            by_cat[category] += n
        failing = sum(by_sev[s.value] for s in _LEVELS if s.at_least(fail_on))
        return {
            "findings": sum(by_sev.values()),
            "by_severity": {s.value: by_sev[s.value] for s in _LEVELS},
            "by_category": {c: by_cat[c] for c in REPORT_CATEGORIES if by_cat.get(c)},
            "suppressed": {"waived": waived, "baselined": baselined},
            "baseline_unmatched": baseline_unmatched,
            "events": self.events,
            "sources": self.sources,
            "claims": self.claims,
            "fail_on": fail_on,
            "failing": failing,
        }


@dataclass(slots=True)
class Totals:
    """What a report's head and tail are made from in a run over parts: the merged counts and the
    run's settings, in place of the whole run's data."""

    tally: Tally
    rules: list[Rule]
    fail_on: str = "error"
    baselined: int = 0
    baseline_unmatched: int = 0
    version: str = __version__
    extra: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return self.tally.summary(self.fail_on, self.baselined, self.baseline_unmatched)


@dataclass(slots=True)
class Piece:
    """One event's piece of one report: its bytes, and what the head, tail or selection needs of it.

    `meta` is JSON-able (it is cached with the event: no pickle). `body` is what goes between the
    head and the tail, without the separator a format puts between two events' pieces.
    """

    event: str
    body: bytes = b""
    meta: Any = None


@runtime_checkable
class Pieced(Protocol):
    """A format that can be rendered event by event (see the module's docstring)."""

    separator: ClassVar[bytes]

    def piece(self, data: ReportData, event: str) -> Piece:
        """`event`'s piece. `data` holds the findings of this event (in report order) and a corpus with
        at least its claims and sources; its other counts mean nothing."""
        ...

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        """The whole report: `pieces` come once each, in event order, with every event of the run
        (an event with no finding too). Memory must not grow with the number of pieces."""
        ...


def joined(pieces: Iterable[Piece], separator: bytes) -> Iterator[bytes]:
    """The pieces' bodies with `separator` between two that are not empty."""
    first = True
    for p in pieces:
        if not p.body:
            continue
        if not first and separator:
            yield separator
        yield p.body
        first = False


def event_data(data: ReportData, event: str, findings: list[Finding]) -> ReportData:
    """`data` narrowed to one event's findings, for `Pieced.piece` (the corpus is shared, not copied)."""
    return type(data)(
        findings,
        data.corpus,
        data.rules,
        fail_on=data.fail_on,
        version=data.version,
        extra=data.extra,
        in_order=True,
    )


def by_event_in_order(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings in report order, split by event (each list keeps the order)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.event, []).append(f)
    return out


def totals_of(data: ReportData) -> Totals:
    """The totals of a whole run's data, as the merged pieces of a run over parts would give them."""
    corpus = data.corpus
    tally = Tally(
        events=len(corpus.events),
        sources=len(corpus.sources),
        claims=len(corpus.claims),
        text_chars=sum(len(s.text) for s in corpus.sources.values() if s.text is not None),
    )
    tally.add_findings(data.findings)
    return Totals(
        tally,
        data.rules,
        fail_on=data.fail_on,
        baselined=data.baselined,
        baseline_unmatched=data.baseline_unmatched,
        version=data.version,
        extra=data.extra,
    )


def pieced_chunks(reporter: Pieced, data: ReportData, events: Iterable[str]) -> Iterator[bytes]:
    """The report of `data` made piece by piece over `events` (the run's events, in order): what a run
    over parts writes, from one process's data. Tests compare it with `chunks(data)`."""
    return reporter.assemble(totals_of(data), pieces_of(reporter, data, events))


def pieces_of(reporter: Pieced, data: ReportData, events: Iterable[str]) -> Iterator[Piece]:
    """The pieces of `data` over `events` (the run's events, in order), one at a time."""
    groups = by_event_in_order(data.ordered())
    return (reporter.piece(event_data(data, e, groups.get(e, [])), e) for e in events)
