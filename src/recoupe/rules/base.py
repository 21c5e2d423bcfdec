"""What a rule is: a pure function from one group (or one source) to drafts of findings.

A rule only yields `Draft`s; the engine stamps the code, name, severity and fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, TypeVar, overload

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.normalize.values import value_text
from recoupe.rules.context import RuleContext
from recoupe.rules.members import cut, names_several
from recoupe.rules.positions import Position, PositionPair, build_positions, cells, same_time

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim, LoadedSource
    from recoupe.rules.positions import Moment

__all__ = ["Draft", "Group", "Pair", "Rule", "RuleContext", "Wording"]  # RuleContext: from rules.context


class Draft(NamedTuple):
    """What a rule reports; the engine turns it into a Finding.

    NamedTuples here and below: as immutable as frozen dataclasses, and made several times faster,
    which counts when a million claims make a million of each.
    """

    message: str
    claims: tuple[LoadedClaim, ...]
    relation: Relation | None = None
    suggestion: str | None = None
    category: str | None = None  # defaults to the rule's category
    severity: Severity | None = None  # defaults to the rule's; a user's override for the rule wins
    # (event, subject, slot) where the finding stands when no group says it: an event-scoped rule
    # reporting a slot that no source states
    key: tuple[str, str, str] | None = None
    # the positions the finding relates; the fingerprint then keys on them, not on which sources
    # hold them, so a new source joining a position leaves baselines and waivers valid
    positions: tuple[Position, ...] = ()


class Wording(NamedTuple):
    """The claims of one source in a group that have the same normalized value."""

    source: str
    value: Any
    claims: tuple[LoadedClaim, ...]
    text: str = ""  # how messages quote it: « wording » / « other wording »
    negated: bool = False
    speakers: tuple[str, ...] = ()  # whom the source quotes for it (reported speech)

    @classmethod
    def of(cls, source: str, value: Any, claims: tuple[LoadedClaim, ...]) -> Wording:
        first = claims[0].claim
        if len(claims) == 1:  # the common case, without the set and sort work below
            return cls(
                source,
                value,
                claims,
                f"« {value_text(first.value)} »",
                first.negated,
                (first.attributed_to,) if first.attributed_to else (),
            )
        words = dict.fromkeys(value_text(c.claim.value) for c in claims)
        speakers = tuple(sorted({c.claim.attributed_to for c in claims if c.claim.attributed_to}))
        return cls(source, value, claims, " / ".join(f"« {w} »" for w in words), first.negated, speakers)


class Pair(NamedTuple):
    left: Wording
    right: Wording
    relation: Relation


_MATCHING = (Relation.EQUAL, Relation.NARROWER, Relation.BROADER)

_T = TypeVar("_T")


class _once(Generic[_T]):  # lower case, like the property decorators it stands in for
    """functools.cached_property without its lock: a group is only ever used by one thread, and on
    Python 3.11 the lock costs more than most of the values it guards (3.12 dropped it).

    A non-data descriptor: once the value is in the instance's __dict__, reads no longer come here.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _once[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> _T | _once[_T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class Group:
    """The claims that share (event, subject, slot): the unit every group rule works on.

    What rules derive from the group (its wordings, their pairs) is worked out on first use, once.
    """

    __slots__ = ("__dict__", "claims", "ctx", "event", "slot", "subject")

    def __init__(self, key: tuple[str, str, str], claims: list[LoadedClaim], ctx: RuleContext) -> None:
        self.event, self.subject, self.slot = key
        self.claims = claims
        self.ctx = ctx

    @_once
    def label(self) -> str:
        about = self.subject or "the event"
        return f"{self.slot} of {about}"

    @_once
    def multiple(self) -> bool:
        """Whether each claim states members of a set (see SlotDef.multiple), or some claim names
        several entities in a slot that is otherwise single-valued (a border event's two towns)."""
        return self.listed or names_several(self.claims, self.ctx.normalizer)

    @_once
    def listed(self) -> bool:
        """Whether the slot vocabulary declares the slot a set (participants, signatories, content)."""
        return self.ctx.slots is not None and self.ctx.slots.multiple(self.slot)

    @_once
    def stands(self) -> str | None:
        """Who may stand for a body in this slot (see SlotDef.represented_by)."""
        return self.ctx.slots.represented_by(self.slot) if self.ctx.slots is not None else None

    @_once
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([c.source for c in self.claims]))

    @_once
    def wordings(self) -> tuple[Wording, ...]:
        by: dict[tuple[str, Any, bool], list[LoadedClaim]] = {}
        for c in self.claims:
            by.setdefault((c.source, c.value, c.claim.negated), []).append(c)
        return tuple([Wording.of(src, value, tuple(cs)) for (src, value, _), cs in by.items()])

    def relate(self, a: Wording | Position, b: Wording | Position) -> Relation:
        """The relation between two wordings or positions, negation included, as exact set logic."""
        r = self.ctx.normalizer.relate(a.value, b.value, self.stands)
        if not (a.negated or b.negated):
            return r
        if r is Relation.UNKNOWN or a.negated == b.negated:
            if a.negated and b.negated:  # not-A vs not-B: inclusion flips; disjoint A, B says nothing
                return {Relation.NARROWER: Relation.BROADER, Relation.BROADER: Relation.NARROWER}.get(
                    r, Relation.OVERLAP if r is Relation.DISJOINT else r
                )
            return r
        # exactly one is negated: call it not-N, the other P
        p_vs_n = r if b.negated else r.converse
        if p_vs_n in (Relation.EQUAL, Relation.NARROWER):
            return Relation.DISJOINT  # P lies inside N, which the other source rules out
        if p_vs_n is Relation.DISJOINT:
            return Relation.NARROWER if b.negated else Relation.BROADER  # P lies inside not-N
        return Relation.OVERLAP

    @_once
    def all_cross_source_pairs(self) -> tuple[Pair, ...]:
        """Each pair of wordings from two different sources, with its relation, computed once."""
        ws = self.wordings
        relate = self.relate
        return tuple(
            [Pair(a, b, relate(a, b)) for i, a in enumerate(ws) for b in ws[i + 1 :] if a.source != b.source]
        )

    @_once
    def cross_source_pairs(self) -> tuple[Pair, ...]:
        """The pairs that compare the same thing (see `_matching`)."""
        pairs = self.all_cross_source_pairs
        return _matching(pairs) if self.multiple else pairs

    @_once
    def evolving(self) -> bool:
        """Whether the slot's value changes as the event unfolds (a toll): see SlotDef.evolving."""
        return self.ctx.slots is not None and self.ctx.slots.evolving(self.slot)

    @_once
    def positions(self) -> tuple[Position, ...]:
        """The group's claims as positions: one per value, counter and time (see positions.py)."""
        ctx, evolving = self.ctx, self.evolving
        relate = ctx.normalizer.relate

        def when(c: LoadedClaim) -> Moment | None:
            return ctx.moment_of(c, evolving)

        whole = build_positions(self.claims, ctx.counter_of, when, relate)
        if not self.multiple or all(relate(p.value, whole[0].value) is Relation.EQUAL for p in whole):
            return whole
        # lists that differ are compared member by member: a claim naming several entities counts once
        # per entity, so a shorter list is a subset of the longer one, not a vaguer value
        return build_positions(cut(self.claims, ctx.normalizer), ctx.counter_of, when, relate)

    @_once
    def cells(self) -> tuple[tuple[Position, ...], ...]:
        """Positions of one counter at one time: within a cell, values that exclude each other contradict."""
        return tuple(tuple(c) for c in cells(self.positions))

    @_once
    def cell_pairs(self) -> tuple[tuple[PositionPair, ...], ...]:
        """For each cell, each pair of its positions that two different sources hold, with its relation.

        A pair held by one and the same source only is left to INT001. For a multi-valued slot, as
        for `cross_source_pairs`, only members that match are compared.
        """
        relate = self.relate
        out = []
        for cell in self.cells:
            pairs = [
                PositionPair(a, b, relate(a, b))
                for i, a in enumerate(cell)
                for b in cell[i + 1 :]
                if not a.shares_only(b)
            ]
            out.append(_matching(pairs) if self.multiple else tuple(pairs))
        return tuple(out)

    @_once
    def position_pairs(self) -> tuple[PositionPair, ...]:
        """Every pair of `cell_pairs`, all cells together."""
        return tuple(p for pairs in self.cell_pairs for p in pairs)

    @_once
    def across_pairs(self) -> tuple[PositionPair, ...]:
        """Each pair of positions of two different counters at the same time, from two sources; a
        position with no counter comes first in its pair.

        Two counters, or a figure a source gives as its own and a counter's, may agree or be more or
        less precise than each other; what they never do is contradict each other (see CMP005 and
        ATT002).
        """
        ps = self.positions
        if len({p.counter.key for p in ps}) < 2:
            return ()
        relate = self.relate
        pairs = []
        for i, a in enumerate(ps):
            for b in ps[i + 1 :]:
                if a.counter.same_as(b.counter) or not same_time(a, b) or a.shares_only(b):
                    continue
                if b.counter.attributed or not a.counter.attributed:
                    pairs.append(PositionPair(a, b, relate(a, b)))
                else:
                    pairs.append(PositionPair(b, a, relate(b, a)))
        return _matching(pairs) if self.multiple else tuple(pairs)

    @_once
    def unmatched_positions(self) -> tuple[Position, ...]:
        """Members of a multi-valued slot that only one source gives and no other source's matches."""
        if not self.multiple or len(self.sources) < 2:
            return ()
        seen = {id(p) for pair in (*self.position_pairs, *self.across_pairs) for p in (pair.left, pair.right)}
        return tuple(p for p in self.positions if len(p.sources) == 1 and id(p) not in seen)

    def by_source(self) -> dict[str, list[Wording]]:
        out: dict[str, list[Wording]] = {}
        for w in self.wordings:
            out.setdefault(w.source, []).append(w)
        return out


_P = TypeVar("_P", Pair, PositionPair)


def _matching(pairs: Sequence[_P]) -> tuple[_P, ...]:
    """For a multi-valued slot (participants, the content of an agreement), the pairs of members that
    match: EQUAL, or else one narrower than the other. Distinct members of a set neither overlap nor
    contradict, and a member matched exactly is not also matched more loosely."""
    matched = [p for p in pairs if p.relation in _MATCHING]
    exact = {id(w) for p in matched if p.relation is Relation.EQUAL for w in (p.left, p.right)}
    return tuple(
        p
        for p in matched
        if p.relation is Relation.EQUAL or (id(p.left) not in exact and id(p.right) not in exact)
    )


RULES_URI = "https://recoupe.dev/rules/"


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement `check`.

    The class docstring is the rule's user documentation (`recoupe rules explain CODE`); it shows a
    passing and a failing example.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    aliases: ClassVar[tuple[str, ...]] = ()
    kind: ClassVar[str] = "builtin"
    # "group": check(group); "source": check_source(source, claims, ctx); "event": check_event(...)
    scope: ClassVar[str] = "group"
    origin: str = ""  # where a custom rule was defined (file:line), for messages
    # the page that documents the rule (SARIF helpUri, the JSON report, `rules explain`); a plugin
    # may set its own, the built-in rules have theirs under RULES_URI
    help_uri: ClassVar[str | None] = None

    def check(self, group: Group) -> Iterable[Draft]:  # pragma: no cover - abstract
        return ()

    def check_source(
        self, source: LoadedSource, claims: list[LoadedClaim], ctx: RuleContext
    ) -> Iterable[Draft]:
        return ()

    def check_event(self, event: str, groups: list[Group], ctx: RuleContext) -> Iterable[Draft]:
        return ()

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""

    def documentation(self) -> str:
        """What the rule checks, with a passing and a failing example: a YAML rule's description, else
        the class docstring."""
        import inspect

        return getattr(self, "description", None) or inspect.getdoc(type(self)) or ""

    def doc_uri(self) -> str | None:
        if self.help_uri:
            return self.help_uri
        if type(self).__module__.startswith("recoupe.rules.builtin."):
            return f"{RULES_URI}{self.code}"
        return None

    def matches(self, pattern: str) -> bool:
        """Select/ignore by code, code prefix, dotted name, name prefix or alias."""
        p = pattern.strip()
        if not p:
            return False
        if self.code.startswith(p) or p in self.aliases:
            return True
        return self.name == p or self.name.startswith(p + ".")
