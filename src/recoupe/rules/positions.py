"""Positions: what one counter says at one time, however many sources repeat it.

Comparison rules relate positions, not sources. Claims of a group whose normalized values are EQUAL,
from the same counter (the resolved `attributed_to`) at the same time (`as_of`, or for an evolving
slot the source's publication), form one position; a position may be held by one source or by two
hundred. Positions fall into *cells*: those of one counter (a body `partOf` another counts as the
same counter) at overlapping times. Values that exclude each other within a cell contradict; across
counters they are divergent accounts; across times, an update.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from recoupe.normalize.relation import Relation
from recoupe.normalize.values import value_text
from recoupe.rules.members import wording
from recoupe.textnorm import fold_text

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim
    from recoupe.normalize.entities.registry import Registry

# Leading words that do not change who a counter is: « les autorités » is « autorités ».
_ARTICLES = re.compile(r"^(?:(?:les|le|la|l'|des|du|de la|de l'|de|d'|the)\s*)+")


class Counter(NamedTuple):
    """Who gives a figure: a registered entity, a name compared by its folded text, or nobody."""

    key: str  # "" for an unattributed claim; registry ids joined by "|", or "~" + folded name
    label: str  # how messages name it
    own: frozenset[str] = frozenset()  # the registry ids the name resolves to
    lineage: frozenset[str] = frozenset()  # those ids and every entity they lie within (partOf)

    @property
    def attributed(self) -> bool:
        return bool(self.key)

    def same_as(self, other: Counter) -> bool:
        """One counter: the same, or one lies within the other (a prefecture within its ministry)."""
        if self.key == other.key:
            return True
        return bool(self.own & other.lineage or other.own & self.lineage)


NOBODY = Counter("", "")


def fold_counter(name: str) -> str:
    """A counter's name folded for comparison: case, accents, apostrophes, leading articles."""
    return _ARTICLES.sub("", fold_text(name)).strip()


def resolve_counter(name: str | None, registry: Registry | None, lang: str | None = None) -> Counter:
    """The counter a claim's `attributed_to` names, through the registries when they know it."""
    if not name or not name.strip():
        return NOBODY
    ids = registry.lookup(name) if registry is not None else frozenset()
    if registry is not None and ids:
        lineage = frozenset(ids).union(*(registry.ancestors(i) for i in ids))
        label = " / ".join(sorted(registry[i].label_for(lang) for i in ids))
        return Counter("|".join(sorted(ids)), label, frozenset(ids), lineage)
    return Counter("~" + fold_counter(name), name.strip())


class Moment(NamedTuple):
    """When a figure held: a span of minutes (a day is its 1,440 minutes), and how to show it."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Moment) -> bool:
        return self.start <= other.end and other.start <= self.end


_DAY = 1440


def _minutes(d: dt.date) -> int:
    return d.toordinal() * _DAY


def moment_of(when: Any, published: dt.date | dt.datetime | None, lang: str) -> Moment | None:
    """A claim's `as_of` (a date, a datetime or relative wording) as a span; None when unknown."""
    if when is None:
        return None
    if isinstance(when, dt.datetime):
        m = _minutes(when.date()) + when.hour * 60 + when.minute
        return Moment(m, m, when.strftime("%Y-%m-%d %H:%M"))
    if isinstance(when, dt.date):
        return Moment(_minutes(when), _minutes(when) + _DAY - 1, when.isoformat())
    text = str(when).strip()
    try:  # JSON Lines give dates as ISO strings
        iso: dt.date = (
            dt.datetime.fromisoformat(text) if ("T" in text or " " in text) else dt.date.fromisoformat(text)
        )
    except ValueError:
        pass
    else:
        return moment_of(iso, published, lang)
    from recoupe.normalize.dates import parse_date

    anchor = published.date() if isinstance(published, dt.datetime) else published
    parsed = parse_date(text, anchor, lang)
    if parsed is None:
        return None
    first, last = parsed.first_day(), parsed.last_day()
    if first is None or last is None:
        return None  # "some Monday": no span to place it in
    text = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
    return Moment(_minutes(first), _minutes(last) + _DAY - 1, text)


class Position(NamedTuple):
    """The claims of a group that say the same thing, from the same counter, at the same time."""

    counter: Counter
    moment: Moment | None
    value: Any  # the normalized value (one of the EQUAL ones)
    negated: bool
    claims: tuple[LoadedClaim, ...]
    sources: tuple[str, ...]
    text: str  # how messages quote it: « 23 » / « vingt-trois »

    @property
    def hedged(self) -> bool:
        """Every claim of the position is hedged: the position itself is stated with reservation."""
        return all(c.claim.hedged for c in self.claims)

    def shares_only(self, other: Position) -> bool:
        """Both positions are held by one and the same source: that is a matter for INT001."""
        return len(self.sources) == 1 and self.sources == other.sources


class PositionPair(NamedTuple):
    left: Position
    right: Position
    relation: Relation


def quote(claims: Sequence[LoadedClaim], sep: str = " / ") -> str:
    """The claims' wordings, each once: « 23 » / « vingt-trois »."""
    words = dict.fromkeys(wording(c) or value_text(c.claim.value) for c in claims)
    return sep.join(f"« {w} »" for w in words)


def same_time(a: Position, b: Position) -> bool:
    """Whether two positions speak of the same time. A denial holds whatever the time: a counter
    that denies a figure denies ever giving it. Unknown times are only the same as each other."""
    if a.negated or b.negated:
        return True
    if a.moment is None or b.moment is None:
        return a.moment is None and b.moment is None
    return a.moment.overlaps(b.moment)


def cells(positions: Sequence[Position]) -> list[list[Position]]:
    """Positions joined when they share a counter and a time (union-find, in first-seen order)."""
    parent = list(range(len(positions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(positions):
        for j in range(i + 1, len(positions)):
            b = positions[j]
            if a.counter.same_as(b.counter) and same_time(a, b):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    out: dict[int, list[Position]] = {}
    for i, p in enumerate(positions):
        out.setdefault(find(i), []).append(p)
    return list(out.values())


def qualifiers(p: Position) -> str:
    """« according to the authorities, as of 2022-06-25 »: who gives a position and when, or ""."""
    bits = []
    if p.counter.attributed:
        bits.append(f"according to {p.counter.label}")
    if p.moment is not None:
        bits.append(f"as of {p.moment.text}")
    return ", ".join(bits)


def build_positions(
    claims: Sequence[LoadedClaim],
    counter_of: Any,
    moment_of_claim: Any,
    relate: Any,
) -> tuple[Position, ...]:
    """Group claims into positions: linear in claims, plus one relation per pair of distinct values
    met under one counter and time (a handful, however many sources repeat them)."""
    # first by exact identity: the normalizer hands out one object per wording and setting
    buckets: dict[tuple[str, Moment | None, bool, int], list[LoadedClaim]] = {}
    meta: dict[tuple[str, Moment | None, bool, int], Counter] = {}
    for c in claims:
        counter = counter_of(c)
        key = (counter.key, moment_of_claim(c), c.claim.negated, id(c.value))
        found = buckets.get(key)
        if found is None:
            buckets[key] = [c]
            meta[key] = counter
        else:
            found.append(c)
    # then merge values that are EQUAL though worded differently (« Rabat », « à Rabat »)
    merged: dict[tuple[str, Moment | None, bool], list[list[LoadedClaim]]] = {}
    for key, cs in buckets.items():
        sides = merged.setdefault(key[:3], [])
        for side in sides:
            if relate(side[0].value, cs[0].value) is Relation.EQUAL:
                side.extend(cs)
                break
        else:
            sides.append(cs)
    out: list[Position] = []
    for (ckey, moment, negated), sides in merged.items():
        for cs in sides:
            counter = meta[(ckey, moment, negated, id(cs[0].value))]
            out.append(
                Position(
                    counter,
                    moment,
                    cs[0].value,
                    negated,
                    tuple(cs),
                    tuple(dict.fromkeys(c.source for c in cs)),
                    quote(cs),
                )
            )
    return tuple(out)


def timelines(positions: Sequence[Position]) -> list[list[Position]]:
    """Each counter's dated figures in time order, for counters that gave figures at two or more
    distinct times (denials left out: they are timeless)."""
    dated = [p for p in positions if p.moment is not None and not p.negated]
    by: list[list[Position]] = []
    for p in dated:
        for line in by:
            if line[0].counter.same_as(p.counter):
                line.append(p)
                break
        else:
            by.append([p])
    out = []
    for line in by:
        line.sort(key=lambda p: p.moment.start if p.moment else 0)
        if len({p.moment for p in line}) > 1:
            out.append(line)
    return out
