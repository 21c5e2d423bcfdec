"""The `junit` report: JUnit XML for CI dashboards, one test case per (event, subject, slot)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import ClassVar

from recoupe.findings import Finding
from recoupe.reporters._common import (
    POSITION_HEADER,
    aligned,
    event_label,
    location,
    position_table,
    subject_label,
    suppression_label,
    where,
)
from recoupe.reporters.base import ReportData, Reporter

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


class JUnitReporter(Reporter):
    """A <testsuite> per event and a <testcase> per (subject, slot) that has claims or findings.

    A test case fails with one <failure> per finding at or above `fail_on`; the findings below it,
    and the waived or baselined ones, are listed in its <system-out>, so the case passes.
    """

    name: ClassVar[str] = "junit"
    suffix: ClassVar[str] = ".xml"

    def render(self, data: ReportData) -> str:
        # every (event, subject, slot) that claims or findings speak of is a test case, at the first
        # claim's file and line
        cases: dict[str, dict[tuple[str, str], list[Finding]]] = {}
        self._at: dict[tuple[str, str, str], tuple[str, int | None]] = {}
        for c in data.corpus.claims:
            cases.setdefault(c.event, {}).setdefault((c.subject, c.slot), [])
            self._at.setdefault((c.event, c.subject, c.slot), (c.file, c.line))
        for f in data.ordered():
            cases.setdefault(f.event, {}).setdefault((f.subject, f.slot), []).append(f)

        root = ET.Element("testsuites", name="recoupe")
        totals = [0, 0]
        for event in sorted(cases):
            suite = ET.SubElement(root, "testsuite", name=_x(event_label(event)))
            tests = failed = 0
            for (subject, slot), findings in sorted(cases[event].items(), key=lambda kv: kv[0]):
                tests += 1
                failed += self._case(suite, data, event, subject, slot, findings)
            suite.attrib.update(tests=str(tests), failures=str(failed), errors="0", skipped="0")
            totals[0] += tests
            totals[1] += failed
        root.attrib.update(tests=str(totals[0]), failures=str(totals[1]), errors="0", skipped="0")
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def _case(
        self,
        suite: ET.Element,
        data: ReportData,
        event: str,
        subject: str,
        slot: str,
        findings: list[Finding],
    ) -> int:
        """Add one test case; return 1 when it fails."""
        case = ET.SubElement(
            suite, "testcase", classname=_x(event_label(event)), name=_x(f"{subject_label(subject)} / {slot}")
        )
        at = self._at.get((event, subject, slot))
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
                failure = ET.SubElement(
                    case, "failure", message=_x(f"{f.code}: {f.message}"), type=_x(f.code)
                )
                failure.text = _x(details(f))
                failures += 1
            else:
                out.append(brief(f))
        if out:
            ET.SubElement(case, "system-out").text = _x("\n".join(out))
        return 1 if failures else 0
