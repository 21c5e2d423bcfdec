"""What every reporter receives (ReportData, the report order of findings), and the reporter interface."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from recoupe import __version__
from recoupe.findings import Finding, Severity, sort_key
from recoupe.gcpause import no_collection

if TYPE_CHECKING:
    from pathlib import Path

    from recoupe.corpus import Corpus
    from recoupe.reporters.pieces import Piece, Totals
    from recoupe.rules.base import Rule


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in report order, whatever order the engine (or a test) produced them in."""
    return sorted(findings, key=sort_key)


@dataclass(slots=True)
class ReportData:
    """A finished run: its findings (suppressed ones included, marked), the corpus, the rules."""

    findings: list[Finding]
    corpus: Corpus
    rules: list[Rule]
    fail_on: str = "error"
    baselined: int = 0  # findings silenced by the baseline
    baseline_unmatched: int = 0  # baseline entries that matched no finding any more
    version: str = __version__
    extra: dict[str, Any] = field(default_factory=dict)
    # the findings are already in report order (api.check sorts them): reporters need not sort a
    # million findings again
    in_order: bool = False

    def ordered(self, *, active: bool = False) -> list[Finding]:
        """The findings in report order; with `active`, only those that count."""
        # (the sort is stable: filtering before it gives the list filtering after it would)
        findings = self.active if active else self.findings
        return findings if self.in_order else ordered(findings)

    def shown(self, min_severity: str = "info", *, suppressed: bool = False) -> list[Finding]:
        """The findings a display lists, in report order: at or above `min_severity`, and the waived and
        baselined ones only with `suppressed`."""
        return [f for f in self.ordered(active=not suppressed) if f.severity.at_least(min_severity)]

    @property
    def active(self) -> list[Finding]:
        """Findings that count: neither waived nor baselined."""
        return [f for f in self.findings if f.suppressed is None]

    def _failing_levels(self) -> set[Severity]:
        return {s for s in Severity if s.at_least(self.fail_on)}

    def failing(self) -> list[Finding]:
        levels = self._failing_levels()  # worked out once rather than per finding
        return [f for f in self.findings if f.suppressed is None and f.severity in levels]

    def summary(self) -> dict[str, Any]:
        from recoupe.reporters.pieces import totals_of

        return totals_of(self).summary()


class Reporter:
    """Turns a ReportData into the text of one format."""

    name: ClassVar[str]
    suffix: ClassVar[str] = ".txt"

    def render(self, data: ReportData) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def write(self, data: ReportData, path: Path) -> None:
        """Write the report to `path`, atomically (a format may write more than one file)."""
        from recoupe.yamlio import write_atomic

        write_atomic(path, self.chunks(data))

    def chunks(self, data: ReportData) -> Iterator[bytes]:
        """The report as UTF-8 pieces, for writing to a file; formats that can stream override it."""
        with no_collection():
            text = self.render(data)
        yield text.encode("utf-8")


class LineReporter(Reporter):
    """A format of one line per finding that counts, at a file and line, then the summary line."""

    suffix: ClassVar[str] = ".txt"

    def __init__(self, *, min_severity: str = "info") -> None:
        self.min_severity = min_severity

    separator: ClassVar[bytes] = b""

    def render(self, data: ReportData) -> str:
        from recoupe.reporters._common import counts_line

        return "".join((*self._lines(data), self.summary_line(counts_line(data.summary())), "\n"))

    def piece(self, data: ReportData, event: str) -> Piece:
        from recoupe.reporters.pieces import Piece

        return Piece(event, "".join(self._lines(data)).encode("utf-8"))

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        from recoupe.reporters._common import counts_line
        from recoupe.reporters.pieces import joined

        yield from joined(pieces, b"")
        yield (self.summary_line(counts_line(totals.summary())) + "\n").encode("utf-8")

    def _lines(self, data: ReportData) -> Iterator[str]:
        from recoupe.reporters._common import location

        for f in data.shown(self.min_severity):
            yield self.line(f, *location(data, f)) + "\n"

    def line(self, f: Finding, file: str | None, line: int | None) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def summary_line(self, counts: str) -> str:
        return counts
