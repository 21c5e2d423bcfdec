"""What several report formats share: grouping findings, verdicts, counts and labels (base never imports it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from recoupe.findings import ClaimRef, Finding, Severity

if TYPE_CHECKING:
    from recoupe.reporters.base import ReportData

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
NO_EVENT = "(no event)"

GroupKey = tuple[str, str]  # (subject, slot) within an event

# The colour a claim gets from the findings that name it. A finding that compares nothing (a claim
# only one source makes, a value no vocabulary knows) leaves the claim grey. Categories not listed
# (a plugin's own) fall to yellow: worth a look, never a raw, user-chosen class name.
VERDICT_OF_CATEGORY = {
    "contradiction": "contradiction",
    "partial": "partial",
    "terminology": "partial",
    "intra-source": "partial",
    "reference": "partial",
    "evidence": "partial",
    "less-specific": "less-specific",
    "custom": "less-specific",
    "agreement": "agreement",
    "uncorroborated": "none",
    "normalization": "none",
    # a draft awaiting review is marked apart (html: its own outline), whatever its comparisons say
    "review": "none",
}
# Worst first: a claim named by a contradiction and by an agreement is shown as a contradiction.
VERDICTS = ("contradiction", "partial", "less-specific", "agreement", "none")
VERDICT_LABELS = {
    "contradiction": "contradiction",
    "partial": "partial, terminology, intra-source, reference, evidence",
    "less-specific": "less specific",
    "agreement": "agreement",
    "none": "not compared (no finding, uncorroborated, unresolved)",
}


def verdict_of(category: str) -> str:
    return VERDICT_OF_CATEGORY.get(category, "less-specific")


def worst_of(verdicts: Iterable[str]) -> str:
    return min(verdicts, key=VERDICTS.index, default="none")


def worst_verdict(categories: Iterable[str]) -> str:
    return worst_of(verdict_of(c) for c in categories)


def by_event(findings: Iterable[Finding]) -> dict[str, dict[GroupKey, list[Finding]]]:
    """event -> (subject, slot) -> findings, of findings in report order (ReportData.ordered)."""
    out: dict[str, dict[GroupKey, list[Finding]]] = {}
    for f in findings:
        out.setdefault(f.event, {}).setdefault((f.subject, f.slot), []).append(f)
    return out


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def counts_line(summary: dict[str, Any]) -> str:
    """'3 errors, 5 warnings, 12 info; 2 waived, 4 baselined; 1 baseline entry no longer matches'.

    The suppressed part only when any; the stale baseline part only when entries match nothing, so
    that a baseline can be pruned (`recoupe baseline create` again).
    """
    sev = summary["by_severity"]
    line = ", ".join(
        [plural(sev["error"], "error"), plural(sev["warning"], "warning"), f"{sev['info']} info"]
    )
    sup = summary["suppressed"]
    if sup["waived"] or sup["baselined"]:
        line += f"; {sup['waived']} waived, {sup['baselined']} baselined"
    unmatched = summary.get("baseline_unmatched", 0)
    if unmatched:
        line += f"; {plural(unmatched, 'baseline entry', 'baseline entries')} no longer {'matches' if unmatched == 1 else 'match'}"
    return line


def status_line(summary: dict[str, Any]) -> str:
    """What the exit code will say, in words."""
    if summary["fail_on"] == "never":
        return "no failure threshold (--fail-on never)"
    n = summary["failing"]
    if n:
        return f"{plural(n, 'finding')} at or above {summary['fail_on']}"
    return f"nothing at or above {summary['fail_on']}"


def where(ref: ClaimRef) -> str:
    return f"{ref.file}:{ref.line}" if ref.line is not None else ref.file


def location(data: ReportData, f: Finding) -> tuple[str | None, int | None]:
    """The one file and line a one-line format puts a finding at: its first claim's, else its source's
    or its event's file (a finding about a source as a whole names no claim)."""
    if f.claims:
        return f.claims[0].file, f.claims[0].line
    event = data.corpus.events.get(f.event)
    if event is not None and event.file is not None:
        return event.file, event.line
    return None, None


def one_line(s: str) -> str:
    return " ".join(s.split())


def event_label(event: str) -> str:
    return event or NO_EVENT


def subject_label(subject: str) -> str:
    return subject or "event"


def group_title(subject: str, slot: str) -> str:
    if not slot:  # a finding about a source as a whole, with no claim to take a slot from
        return subject or "the event as a whole"
    return f"{slot} of {subject}" if subject else f"{slot} of the event"


def event_title(data: ReportData, event: str) -> str | None:
    loaded = data.corpus.events.get(event)
    return loaded.event.title if loaded is not None else None


def claims_by_source(refs: Iterable[ClaimRef]) -> dict[str, list[ClaimRef]]:
    out: dict[str, list[ClaimRef]] = {}
    for r in refs:
        out.setdefault(r.source, []).append(r)
    return out


def suppression_label(f: Finding) -> str | None:
    if f.suppressed is None:
        return None
    kind = "waived" if f.suppressed.kind == "waiver" else "baselined"
    return f"{kind}: {f.suppressed.reason}"
