"""Shared wording of the cross-source comparison rules (CMP001-CMP008, REF001, ATT001-ATT002)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from recoupe.findings import Severity
from recoupe.normalize.quantities import QuantityValue
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Wording
from recoupe.rules.positions import Position, PositionPair, qualifiers


def who(group: Group, w: Wording) -> str:
    """How a message names the source of a wording, with reported speech made explicit."""
    label = group.ctx.source_label(w.source)
    return f"{label} (quoting {', '.join(w.speakers)})" if w.speakers else label


def noted_dates(group: Group, note: str) -> Iterable[tuple[Wording, str]]:
    """The group's date wordings whose value carries a note (`conflict`, `doubt`), with the note."""
    from recoupe.normalize.dates import DateValue

    for w in group.wordings:
        said = getattr(w.value, note, "") if isinstance(w.value, DateValue) else ""
        if said:
            yield w, said


def held_by(group: Group, *ps: Position) -> str:
    """The sources of positions, as messages name them: « le360 (Le360) and elpais », or « 5 sources »."""
    sources = dict.fromkeys(s for p in ps for s in p.sources)
    if len(sources) > 3:
        return f"{len(sources)} sources"
    labels = [group.ctx.source_label(s) for s in sources]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def whom(group: Group, *ps: Position) -> str:
    """le360 (Le360) and elpais (according to the authorities, as of 2022-06-25): who holds positions,
    with the counter and time they share."""
    qs = {qualifiers(p) for p in ps}
    q = qs.pop() if len(qs) == 1 else ""
    return f"{held_by(group, *ps)} ({q})" if q else held_by(group, *ps)


def said(group: Group, p: Position) -> str:
    """« 23 » (le360; according to the authorities, as of 2022-06-25): a position, value first."""
    q = qualifiers(p)
    return f"{'not ' if p.negated else ''}{p.text} ({held_by(group, p)}{'; ' + q if q else ''})"


def below(a: Position, b: Position) -> bool:
    """Every count `a` allows is smaller than every count `b` allows."""
    x, y = a.value, b.value
    if not (isinstance(x, QuantityValue) and isinstance(y, QuantityValue)) or x.high is None or y.low is None:
        return False
    return x.high < y.low or (x.high == y.low and (x.high_open or y.low_open))


def involves_reference(group: Group, p: Position) -> bool:
    kind = group.ctx.source_kind
    return any(kind(s) == "reference" for s in p.sources)


def position_draft(
    message: str,
    positions: Sequence[Position],
    relation: Relation | None,
    *,
    severity: Severity | None = None,
    suggestion: str | None = None,
) -> Draft:
    """A finding about these positions: it names their claims, and its fingerprint keys on them."""
    if len(positions) == 1:
        claims = positions[0].claims
    else:  # members of one list are claims of their own, yet name the list's claim once
        claims = tuple({(c.source, c.claim.id): c for p in positions for c in p.claims}.values())
    return Draft(message, claims, relation, suggestion, None, severity, None, tuple(positions))


def pairs_in(group: Group, *relations: Relation, across: bool = False) -> Iterable[PositionPair]:
    """The group's pairs of positions in these relations: within one counter and time, and with
    `across` also those of two counters (or of a counter and nobody) at the same time."""
    for p in group.position_pairs:
        if p.relation in relations:
            yield p
    if across:
        for p in group.across_pairs:
            if p.relation in relations:
                yield p


def bundles(group: Group, *relations: Relation, across: bool = False) -> Iterable[list[PositionPair]]:
    """The pairs in these relations, one bundle per disagreement: those of one cell (one counter at
    one time); with `across`, those of two counters (or a counter and nobody) that link up, so that
    fifty counters giving one date make one finding, not 1,225. Each bundle is one finding."""
    for pairs in group.cell_pairs:
        found = [p for p in pairs if p.relation in relations]
        if found:
            yield found
    if across:
        yield from linked([p for p in group.across_pairs if p.relation in relations])


def linked(pairs: Sequence[PositionPair]) -> list[list[PositionPair]]:
    """The pairs split into sets that share positions (connected components), in first-met order."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p in pairs:
        a, b = find(id(p.left)), find(id(p.right))
        if a != b:
            parent[b] = a
    out: dict[int, list[PositionPair]] = {}
    for p in pairs:
        out.setdefault(find(id(p.left)), []).append(p)
    return list(out.values())


def positions_of(group: Group, pairs: Sequence[PositionPair]) -> list[Position]:
    """The positions a bundle names, each once, in the order the group met them."""
    named = {id(p) for pair in pairs for p in (pair.left, pair.right)}
    return [p for p in group.positions if id(p) in named]
