"""The `junit` report: JUnit XML for CI dashboards, one test case per (event, subject, slot)."""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from recoupe.findings import Finding
from recoupe.gcpause import no_collection
from recoupe.reporters._common import (
    POSITION_HEADER,
    GroupKey,
    aligned,
    event_label,
    location,
    position_table,
    subject_label,
    suppression_label,
    where,
)
from recoupe.reporters.base import ReportData, Reporter
from recoupe.reporters.pieces import Piece, Totals, by_event_in_order, joined

if TYPE_CHECKING:
    from recoupe.corpus import Corpus

# Characters XML 1.0 cannot hold at all, even escaped; a claim could carry one from a pasted text.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def details(f: Finding) -> str:
    """A finding in full, for the body of a <failure>: its positions as a table (counter, value, as
    of, sources), the claims one per line, then the suggestion."""
    lines = [f"[{f.severity.value}] {f.code} {f.name} ({f.category})", f.message]
    rows, _ = position_table(f)
    if rows:
        lines += aligned([POSITION_HEADER, *(r[:4] for r in rows)], indent="  ")
    for c in f.claims:
        quote = f' "{c.quote}"' if c.quote else ""
        lines.append(f"  {c.source}/{c.claim}: « {c.value} »{quote} at {where(c)}")
    if f.suggestion:
        lines.append(f"suggestion: {f.suggestion}")
    return "\n".join(lines)


def brief(f: Finding) -> str:
    """A finding on one line, for <system-out>."""
    tag = suppression_label(f)
    head = f"[{tag}] " if tag else ""
    at = ", ".join(where(c) for c in f.claims)
    return f"{head}[{f.severity.value}] {f.code} {f.name}: {f.message}" + (f" ({at})" if at else "")


_At = tuple[str, int | None]  # the file and line of a test case
_SPACE = b"  "
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Suites held in memory before the rest go to a temporary file, while the root's counts are summed
_SPOOL_MEMORY = 16 * 2**20
_SEPARATOR = b"\n" + _SPACE  # a suite's tail, as ET.indent gives it to all but the last
_BLOCK = 2**20  # bytes read back from the temporary file at a time


class JUnitReporter(Reporter):
    """A <testsuite> per event and a <testcase> per (subject, slot) that has claims or findings.

    A test case fails with one <failure> per finding at or above `fail_on`; the findings below it,
    and the waived or baselined ones, are listed in its <system-out>, so the case passes.

    Each suite is laid out apart, as `ET.indent` lays it out inside the whole document; the root's
    counts are the sums of the suites' (each piece's `meta`).
    """

    name: ClassVar[str] = "junit"
    suffix: ClassVar[str] = ".xml"
    separator: ClassVar[bytes] = _SEPARATOR

    def __init__(self) -> None:
        # the test cases of the last corpus pieces were made from (see `piece`)
        self._last: tuple[Corpus, dict[str, dict[GroupKey, _At]]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_last": None}  # a reporter sent to a worker takes no corpus along

    def render(self, data: ReportData) -> str:
        return b"".join(self.chunks(data)).decode("utf-8")

    def chunks(self, data: ReportData) -> Iterator[bytes]:
        with no_collection():
            cases = _cases_at(data.corpus)
            findings = by_event_in_order(data.ordered())
            pieces = (
                _suite(data, e, cases.get(e, {}), findings.get(e, []))
                for e in sorted(cases.keys() | findings.keys())
            )
            yield from _document(pieces)

    def piece(self, data: ReportData, event: str) -> Piece:
        # The corpus may hold many events (a part's): its test cases are worked out once, not once
        # an event. It is kept, not just its id, so that a new corpus is never taken for it.
        if self._last is None or self._last[0] is not data.corpus:
            self._last = (data.corpus, _cases_at(data.corpus))
        return _suite(data, event, self._last[1].get(event, {}), data.ordered())

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        return _document(pieces)


def _cases_at(corpus: Corpus) -> dict[str, dict[GroupKey, _At]]:
    """event -> the test cases its claims make, each at its first claim's file and line."""
    at: dict[str, dict[GroupKey, _At]] = {}
    for c in corpus.claims:
        at.setdefault(c.event, {}).setdefault((c.subject, c.slot), (c.file, c.line))
    return at


def _suite(data: ReportData, event: str, at: dict[GroupKey, _At], findings: list[Finding]) -> Piece:
    """An event's <testsuite>, laid out as it stands in the document; `meta` is [tests, failures]."""
    cases: dict[GroupKey, list[Finding]] = {key: [] for key in at}
    for f in findings:
        cases.setdefault((f.subject, f.slot), []).append(f)
    if not cases:
        return Piece(event, b"", [0, 0])
    suite = ET.Element("testsuite", name=_x(event_label(event)))
    failed = 0
    for (subject, slot), fs in sorted(cases.items(), key=lambda kv: kv[0]):
        failed += _case(suite, data, event, subject, slot, fs, at.get((subject, slot)))
    tests = len(cases)
    suite.attrib.update(tests=str(tests), failures=str(failed), errors="0", skipped="0")
    # (level 1: the suite is a child of the root, which the document's ET.indent would indent from)
    ET.indent(suite, space=_SPACE.decode(), level=1)
    return Piece(event, ET.tostring(suite, encoding="unicode").encode("utf-8"), [tests, failed])


def _case(
    suite: ET.Element,
    data: ReportData,
    event: str,
    subject: str,
    slot: str,
    findings: list[Finding],
    at: _At | None,
) -> int:
    """Add one test case; return 1 when it fails."""
    case = ET.SubElement(
        suite, "testcase", classname=_x(event_label(event)), name=_x(f"{subject_label(subject)} / {slot}")
    )
    if at is None and findings:
        file, line = location(data, findings[0])
        at = (file, line) if file is not None else None
    if at is not None:
        case.set("file", _x(at[0]))
        if at[1] is not None:
            case.set("line", str(at[1]))
    out: list[str] = []
    failures = 0
    for f in findings:
        if f.suppressed is None and f.severity.at_least(data.fail_on):
            failure = ET.SubElement(case, "failure", message=_x(f"{f.code}: {f.message}"), type=_x(f.code))
            failure.text = _x(details(f))
            failures += 1
        else:
            out.append(brief(f))
    if out:
        ET.SubElement(case, "system-out").text = _x("\n".join(out))
    return 1 if failures else 0


def _document(pieces: Iterable[Piece]) -> Iterator[bytes]:
    """The document around the suites, as ET.indent lays it out.

    The root's start tag carries the sums of every suite's counts, which are known only once the
    last piece has come: the suites wait in a temporary file (in memory while small) meanwhile.
    """
    totals = [0, 0]
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY) as spool:
        for body in joined(_counted(pieces, totals), _SEPARATOR):
            spool.write(body)
        root = ET.Element("testsuites", name="recoupe")
        root.attrib.update(tests=str(totals[0]), failures=str(totals[1]), errors="0", skipped="0")
        empty = ET.tostring(root, encoding="unicode")  # '<testsuites ... />'
        if not spool.tell():
            yield (_DECLARATION + empty + "\n").encode("utf-8")
            return
        yield (_DECLARATION + empty.removesuffix(" />") + ">\n").encode("utf-8") + _SPACE
        spool.seek(0)
        while block := spool.read(_BLOCK):
            yield block
    yield b"\n</testsuites>\n"


def _counted(pieces: Iterable[Piece], totals: list[int]) -> Iterator[Piece]:
    """The pieces, their [tests, failures] added to `totals` as they pass."""
    for p in pieces:
        totals[0] += p.meta[0]
        totals[1] += p.meta[1]
        yield p
