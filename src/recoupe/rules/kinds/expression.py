"""The `expression` kind: a CEL predicate over one group of claims, and the CEL data a group gives it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import ConfigDict, Field

from recoupe.errors import Problem
from recoupe.findings import Category, Severity
from recoupe.normalize.values import value_text
from recoupe.rules.base import Draft, Group, Pair, RuleContext
from recoupe.rules.cel import CelCompileError, CelEvaluationError, Expression, compile_expression, new_context
from recoupe.rules.cel import position_in_file as cel_position_in_file
from recoupe.rules.kinds.base import (
    DeclarativeRule,
    FileSite,
    Leveled,
    SlotSelector,
    in_slots,
    quoted,
    rule_of,
    words,
)

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim


class ExpressionSpec(Leveled):
    """A CEL predicate evaluated once per group; a finding when it is true.

    Variables: `group` {event, subject, slot, type, sources, size}; `claims`, a list of {id, source,
    source_kind, value, normalized, type, quote, hedged, negated, approximate, attributed_to, subject,
    slot}; `pairs`, the cross-source pairs {left, right, left_source, right_source, left_claims,
    right_claims, relation}. The expression is compiled when the file is loaded. If it fails on a
    group's data, or gives something other than true or false, that group gets an error finding of
    this rule naming the file and line, so the run fails visibly instead of passing silently.
    Placeholders: {count} (claims), {sources}, {values}.
    """

    model_config = ConfigDict(title="expression rule")

    kind: Literal["expression"]
    when: str = Field(
        min_length=1,
        description="A CEL expression giving true or false, e.g. "
        '"claims.exists(c, c.hedged) && size(group.sources) < 2".',
        examples=["claims.exists(c, c.hedged) && size(group.sources) < 2"],
    )
    slots: tuple[SlotSelector, ...] = Field(default=(), description="Only these slots; default all.")


# The variables an expression sees, and sample data of the same shape to check expressions against.
CEL_VARIABLES = ("group", "claims", "pairs")
_SAMPLE_CLAIM = {
    "id": "c1",
    "source": "a",
    "source_kind": "article",
    "value": "v",
    "normalized": "v",
    "type": "term",
    "quote": "v",
    "hedged": False,
    "negated": False,
    "approximate": False,
    "attributed_to": None,
    "subject": "",
    "slot": "offence",
}
CEL_SAMPLE: dict[str, Any] = {
    "group": {
        "event": "e",
        "subject": "",
        "slot": "offence",
        "type": "term",
        "sources": ["a", "b"],
        "size": 2,
    },
    "claims": [_SAMPLE_CLAIM, {**_SAMPLE_CLAIM, "id": "c2", "source": "b"}],
    "pairs": [
        {
            "left": "v",
            "right": "v",
            "left_source": "a",
            "right_source": "b",
            "left_claims": ["c1"],
            "right_claims": ["c2"],
            "relation": "EQUAL",
        }
    ],
}
# What each map field of the CEL variables is, per claim, pair and group.
ClaimGetter = Callable[["LoadedClaim", RuleContext], Any]
PairGetter = Callable[[Pair], Any]
GroupGetter = Callable[[Group], Any]
CLAIM_FIELDS: dict[str, ClaimGetter] = {
    "id": lambda c, ctx: c.id,
    "source": lambda c, ctx: c.source,
    "source_kind": lambda c, ctx: ctx.source_kind(c.source),
    "value": lambda c, ctx: value_text(c.claim.value),
    "normalized": lambda c, ctx: str(c.value),
    "type": lambda c, ctx: c.type,
    "quote": lambda c, ctx: c.claim.quote,
    "hedged": lambda c, ctx: c.claim.hedged,
    "negated": lambda c, ctx: c.claim.negated,
    "approximate": lambda c, ctx: c.claim.approximate,
    "attributed_to": lambda c, ctx: c.claim.attributed_to,
    "subject": lambda c, ctx: c.subject,
    "slot": lambda c, ctx: c.slot,
}
PAIR_FIELDS: dict[str, PairGetter] = {
    "left": lambda p: " / ".join(words(p.left.claims)),
    "right": lambda p: " / ".join(words(p.right.claims)),
    "left_source": lambda p: p.left.source,
    "right_source": lambda p: p.right.source,
    "left_claims": lambda p: [c.id for c in p.left.claims],
    "right_claims": lambda p: [c.id for c in p.right.claims],
    "relation": lambda p: p.relation.value,
}
GROUP_FIELDS: dict[str, GroupGetter] = {
    "event": lambda g: g.event,
    "subject": lambda g: g.subject,
    "slot": lambda g: g.slot,
    "type": lambda g: g.claims[0].type if g.claims else "",
    "sources": lambda g: list(g.sources),
    "size": lambda g: len(g.claims),
}
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The CEL context of a group is built once per set of fields and shared by the expression rules that
# read those fields: converting data to CEL values is most of an evaluation's cost. It lives in the
# group's own namespace, beside the group's cached properties, so it goes away with the group.
_CONTEXTS_KEY = "_recoupe_cel_contexts"


def fields_read(source: str) -> frozenset[str]:
    """The map fields an expression may read: every name it spells.

    Maps are filled with those fields only, which makes building a context several times cheaper. A
    field can only be read by naming it, so this never drops a field the expression reads; what an
    expression cannot do is treat a whole claim as a map (`size(c)`), which no rule needs.
    """
    return frozenset(_TOKEN.findall(source)) & (
        CLAIM_FIELDS.keys() | PAIR_FIELDS.keys() | GROUP_FIELDS.keys()
    )


def group_context(group: Group, fields: frozenset[str], with_pairs: bool) -> Any:
    """The CEL context of a group with the given map fields; `pairs` is only computed when read."""
    contexts: dict[tuple[frozenset[str], bool], Any] = group.__dict__.setdefault(_CONTEXTS_KEY, {})
    context = contexts.get((fields, with_pairs))
    if context is not None:
        return context
    ctx = group.ctx
    claim_fields = [(k, get) for k, get in CLAIM_FIELDS.items() if k in fields]
    variables: dict[str, Any] = {
        "group": {k: get(group) for k, get in GROUP_FIELDS.items() if k in fields},
        "claims": [{k: get(c, ctx) for k, get in claim_fields} for c in group.claims],
    }
    if with_pairs:
        pair_fields = [(k, get) for k, get in PAIR_FIELDS.items() if k in fields]
        variables["pairs"] = [{k: get(p) for k, get in pair_fields} for p in group.cross_source_pairs]
    context = contexts[(fields, with_pairs)] = new_context(variables)
    return context


@rule_of(ExpressionSpec)
class ExpressionRule(DeclarativeRule):
    kind: ClassVar[str] = "expression"
    placeholders: ClassVar[tuple[str, ...]] = ("count", "sources", "values")
    default_message: ClassVar[str] = "{label}: {values}"
    default_category: ClassVar[Category] = "custom"
    spec: ExpressionSpec
    expression: Expression  # set by prepare, compiled once
    fields: frozenset[str]  # the map fields the expression names

    def prepare(self, site: FileSite, base: str) -> bool:
        """Compile the expression, reporting a mistake at its line and column in the file."""
        source = self.spec.when
        try:
            self.expression = compile_expression(source, CEL_VARIABLES, CEL_SAMPLE)
        except CelCompileError as e:
            p = e.problem
            ptr = f"{base}/when"
            key_line, _ = site.marks.find(ptr, key=True)
            value_line, value_col = site.marks.find(ptr)
            exact = None
            if (
                p.line is not None
                and p.column is not None
                and value_line is not None
                and value_col is not None
            ):
                exact = cel_position_in_file(site.text, value_line, value_col, source, p.line, p.column)
            where = f" (at {p.where()})" if p.line is not None else ""
            line, col = exact if exact is not None else (key_line, None)
            site.problems.append(Problem(site.file, line, col, ptr, f"{p.message}{where}", p.kind))
            return False
        self.fields = fields_read(self.expression.source)
        return True

    def check(self, group: Group) -> Iterator[Draft]:
        if not in_slots(group.slot, self.spec.slots):
            return
        with_pairs = self.expression.uses("pairs")
        context = group_context(group, self.fields, with_pairs)
        # the longest list the expression may iterate, for its cost (cel_budget)
        widest = max(
            len(group.claims), len(group.sources), len(group.cross_source_pairs) if with_pairs else 0
        )
        try:
            hit = self.expression.evaluate(context, widest)
        except CelEvaluationError as e:
            yield Draft(
                message=f"rule {self.code} ({self.origin}) could not be evaluated on the {group.label}: {e}",
                claims=tuple(group.claims),
                category="custom",
                severity=Severity.ERROR,
            )
            return
        if hit:
            yield Draft(
                message=self.render_group(
                    group,
                    count=len(group.claims),
                    sources=", ".join(group.ctx.source_label(s) for s in group.sources),
                    values=quoted(words(group.claims)),
                ),
                claims=tuple(group.claims),
                category=self.spec.category or self.default_category,
            )
