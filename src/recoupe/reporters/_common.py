"""What several report formats share: grouping findings, verdicts, counts and labels (base never imports it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from recoupe.findings import ClaimRef, Finding, PositionRef, Severity

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


# -- positions --------------------------------------------------------------------------------------

POSITION_HEADER = ("counter", "value", "as of", "sources")
# a position with no counter: its sources give the value as their own (the action of an event, or a
# toll stated without « selon … »)
UNATTRIBUTED = "(source's own)"
# A position may be held by two hundred sources: tables show the claims of the first few and count
# the other sources (the JSON and the SARIF properties list them all).
SOURCES_SHOWN = 5


class PositionRow(NamedTuple):
    """A position as a row of the positions table every format shows."""

    counter: str
    value: str
    as_of: str
    sources: str  # « a, b, c, d, e and 3 more »
    claims: tuple[ClaimRef, ...]  # its claims as the finding names them, those of the sources shown
    more: str  # « and 3 more sources », or ""


def position_table(f: Finding) -> tuple[list[PositionRow], list[ClaimRef]]:
    """A finding's positions as table rows, and the claims it names that no position holds (none, but
    for a plugin's finding that names more claims than its positions): empty for a finding that
    relates no positions."""
    if not f.positions:
        return [], list(f.claims)
    refs = {f"{c.source}/{c.claim}": c for c in f.claims}
    held: set[str] = set()
    rows = []
    for p in f.positions:
        held.update(p.claims)
        shown = p.sources[:SOURCES_SHOWN]
        rest = len(p.sources) - len(shown)
        rows.append(
            PositionRow(
                *position_cells(p),
                tuple(refs[k] for k in p.claims if k in refs and refs[k].source in shown),
                f"and {plural(rest, 'more source')}" if rest else "",
            )
        )
    return rows, [c for k, c in refs.items() if k not in held]


def position_cells(p: PositionRef) -> tuple[str, str, str, str]:
    """A position's counter, value, as of and sources, as tables show them."""
    rest = len(p.sources) - SOURCES_SHOWN
    return (
        p.counter if p.counter is not None else UNATTRIBUTED,
        f"denies {p.value}" if p.negated else p.value,
        p.as_of or "—",
        ", ".join(p.sources[:SOURCES_SHOWN]) + (f" and {rest} more" if rest > 0 else ""),
    )


def aligned(rows: Iterable[tuple[str, ...]], indent: str = "") -> list[str]:
    """Plain-text rows in aligned columns, two spaces apart (for formats without table markup)."""
    rows = list(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    return [
        (indent + "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True))).rstrip() for r in rows
    ]
