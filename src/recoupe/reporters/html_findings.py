"""What the html report shows of a finding (html.py's FindingView: its positions table, the claims no
position holds), and of the positions around a claim, for the claim's panel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from recoupe.findings import Finding, PositionRef
from recoupe.reporters._common import (
    position_cells,
    position_table,
    suppression_label,
    verdict_of,
    where,
)
from recoupe.reporters.html_chart import PositionKey, position_key

if TYPE_CHECKING:
    from recoupe.reporters.html_index import Index

# a claim a finding names: (source, the verdict and id of its highlight, wording, quote, file:line)
ClaimRow = tuple[str, str, str, str, str, str]
# a source holding a position: (source, the verdict and id of its claim's highlight, quote, file:line)
Holder = tuple[str, str, str, str, str]
# a row of a finding's positions table: (counter, value, as of, holders, « and 3 more sources »)
PositionView = tuple[str, str, str, list[Holder], str]
# a row of a claim's panel: ("mine" on the claim's own position or "", counter, value, as of, sources)
PanelRow = tuple[str, str, str, str, str]


class FindingView(NamedTuple):
    severity: str
    id: str
    code: str
    name: str
    verdict: str  # of its category
    category: str
    relation: str | None
    suppressed: str | None  # "waived: <reason>" or "baselined: <reason>"
    message: str
    positions: list[PositionView]
    claims: list[ClaimRow]  # those no position holds: all of them for a finding about no positions
    suggestion: str | None


def finding_view(f: Finding, idx: Index) -> FindingView:
    rows, others = position_table(f)
    positions: list[PositionView] = []
    for r in rows:
        holders = [
            (
                c.source,
                idx.verdict((c.source, c.claim)),
                idx.claim_id((c.source, c.claim)),
                c.quote or "",
                where(c),
            )
            for c in r.claims
        ]
        positions.append((r.counter, r.value, r.as_of, holders, r.more))
    return FindingView(
        f.severity.value,
        idx.finding_id(f),
        f.code,
        f.name,
        verdict_of(f.category),
        f.category,
        f.relation.value if f.relation is not None else None,
        suppression_label(f),
        f.message,
        positions,
        [
            (
                c.source,
                idx.verdict((c.source, c.claim)),
                idx.claim_id((c.source, c.claim)),
                c.value,
                c.quote or "",
                where(c),
            )
            for c in others
        ],
        f.suggestion,
    )


def panel_rows(claim: str, findings: Iterable[Finding]) -> list[PanelRow]:
    """The positions the findings naming a claim ("source/claim") relate: its own first, then those it
    is compared with, in the order the findings give them."""
    seen: dict[PositionKey, PositionRef] = {}
    for f in findings:
        for p in f.positions:
            seen.setdefault(position_key(p), p)
    return [
        ("mine" if claim in p.claims else "", *position_cells(p))
        for p in sorted(seen.values(), key=lambda p: claim not in p.claims)
    ]
