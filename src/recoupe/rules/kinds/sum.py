"""The `sum` kind: a total held against its parts (25 dead = 23 migrants + 2 gendarmes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from recoupe.findings import Category
from recoupe.models import SlotName
from recoupe.normalize.quantities import QuantityValue
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, RuleContext
from recoupe.rules.kinds.base import DeclarativeRule, Leveled, rule_of
from recoupe.rules.positions import Position, same_time


class SumSpec(Leveled):
    """A total must be the sum of its parts, for one counter at one time.

    For each figure of the total, the parts are taken from the same counter (or the same absence of
    one) at the same time. When every part is given, a total outside the range their sum allows is
    reported; when only some are, a total smaller than the parts already given. A part given twice
    with different figures is left to the comparison rules. Placeholders: {total}, {parts} (the
    parts' wordings joined with « + »), {sum} (the range the parts add up to), {sources}.
    """

    model_config = ConfigDict(title="sum rule")

    kind: Literal["sum"]
    total: SlotName = Field(description="The slot of the total, e.g. 'quantity:dead'.")
    parts: tuple[SlotName, ...] = Field(min_length=2, description="The slots of its parts.")
    subject: str | None = Field(
        default=None, min_length=1, description="Only claims about this subject; default every subject."
    )

    def slot_references(self) -> Iterator[tuple[str, str]]:
        yield "total", self.total
        for j, part in enumerate(self.parts):
            yield f"parts/{j}", part


def _number(v: float) -> str:
    return f"{v:,.0f}".replace(",", " ") if v == int(v) else f"{v:g}"


def _range(low: float, high: float | None) -> str:
    if high is None:
        return f"at least {_number(low)}"
    return _number(high) if low == high else f"{_number(low)} to {_number(high)}"


@rule_of(SumSpec)
class SumRule(DeclarativeRule):
    kind: ClassVar[str] = "sum"
    scope: ClassVar[str] = "event"
    placeholders: ClassVar[tuple[str, ...]] = ("total", "parts", "sum", "sources")
    default_message: ClassVar[str] = "the {label} is {total}, but its parts add up to {sum}: {parts}"
    default_category: ClassVar[Category] = "parts"
    spec: SumSpec

    def check_event(self, event: str, groups: list[Group], ctx: RuleContext) -> Iterator[Draft]:
        spec = self.spec
        by: dict[tuple[str, str], Group] = {(g.subject, g.slot): g for g in groups}
        subjects = (
            [spec.subject] if spec.subject is not None else list(dict.fromkeys(g.subject for g in groups))
        )
        for subject in subjects:
            total = by.get((subject, spec.total))
            if total is None:
                continue
            parts = [by.get((subject, slot)) for slot in spec.parts]
            for t in total.positions:
                if t.negated or not isinstance(t.value, QuantityValue):
                    continue
                found = [_one(t, g) for g in parts]
                given = [p for p in found if p is not None]
                if not given:
                    continue
                draft = self._judge(t, given, complete=len(given) == len(parts), group=total, ctx=ctx)
                if draft is not None:
                    yield draft

    def _judge(
        self, t: Position, given: list[Position], *, complete: bool, group: Group, ctx: RuleContext
    ) -> Draft | None:
        tv = t.value
        values = [p.value for p in given]
        low = sum(v.low or 0.0 for v in values)
        high = None if any(v.high is None for v in values) else sum(v.high or 0.0 for v in values)
        # strict comparisons on closed bounds: a total that touches the range is never reported
        above = tv.high is not None and low > tv.high  # the parts given already exceed the total
        below = complete and high is not None and tv.low is not None and high < tv.low
        if not (above or below):
            return None
        positions = (t, *given)
        sources = dict.fromkeys(s for p in positions for s in p.sources)
        return Draft(
            message=self.render_group(
                group,
                total=t.text,
                parts=" + ".join(p.text for p in given) + ("" if complete else " (not every part is given)"),
                sum=_range(low, high)
                if complete
                else f"at least {_range(low, None).removeprefix('at least ')}",
                sources=", ".join(ctx.source_label(s) for s in sources),
            ),
            claims=tuple(c for p in positions for c in p.claims),
            relation=Relation.DISJOINT,
            category=self.spec.category or self.default_category,
            positions=positions,
        )


def _one(t: Position, g: Group | None) -> Position | None:
    """The part's position from the total's counter at the total's time, when there is exactly one."""
    if g is None:
        return None
    matching = [
        p
        for p in g.positions
        if not p.negated
        and isinstance(p.value, QuantityValue)
        and p.counter.same_as(t.counter)
        and same_time(p, t)
    ]
    return matching[0] if len(matching) == 1 else None
