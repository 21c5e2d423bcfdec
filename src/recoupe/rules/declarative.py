"""YAML rules: the rule-file model (a discriminated union on `kind`), its loader, and one Rule class per kind.

A project keeps its own rules in YAML files in the folders its config names under `rules`. Each file
holds `rules: [...]`; each rule has a `kind`:

- `compare`: the relation between two sources' values, mapped to a severity per relation;
- `consistency`: one source must not mix terms from a set;
- `substitution`: a wording to avoid, and the term to use instead;
- `require`: a slot every event must state, possibly by several sources;
- `expression`: a CEL predicate over one group of claims.

Everything a user can get wrong is reported when the files are loaded, all problems at once, each
with its file, line and column: an unknown kind or key, a missing field, a bad severity, an unknown
slot or message placeholder, a CEL error, a code or name already taken.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import ConfigDict, Field, ValidationError

from recoupe.errors import InputError, Problem, did_you_mean, pointer, problems_from_validation
from recoupe.findings import Category, Severity
from recoupe.models import SCHEMA_BASE, ClaimType, SlotName, _Model
from recoupe.normalize.values import value_text
from recoupe.rules.base import Draft, Group, Pair, Rule, RuleContext, Wording
from recoupe.rules.cel import CelCompileError, CelEvaluationError, Expression, compile_expression, new_context
from recoupe.rules.cel import position_in_file as cel_position_in_file
from recoupe.yamlio import Marks, parse_yaml, read_text

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim
    from recoupe.slots import Slots

__all__ = [
    "KINDS",
    "CompareSpec",
    "ConsistencySpec",
    "DeclarativeRule",
    "ExpressionSpec",
    "RequireSpec",
    "RuleFile",
    "RuleSpec",
    "SubstitutionSpec",
    "load_rule_files",
    "rule_files",
]

RULE_SUFFIXES = (".yaml", ".yml")

# -------------------------------------------------------------------------------------------------
# The file format
# -------------------------------------------------------------------------------------------------

Level = Literal["error", "warning", "info"]
RelationName = Literal["EQUAL", "NARROWER", "BROADER", "OVERLAP", "DISJOINT", "UNKNOWN"]
RuleCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Z][A-Z0-9-]*[0-9]{3}$",
        max_length=40,
        description="A stable code: capitals, digits and '-', ending in three digits, e.g. 'X-ENT001'. "
        "It must not be a built-in rule's code.",
        examples=["X-ENT001"],
    ),
]
RuleName = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$",
        max_length=120,
        description="A readable dotted name, e.g. 'newsroom.instrument-names'; select and ignore accept it.",
        examples=["newsroom.instrument-names"],
    ),
]
SlotSelector = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]*(:([a-z0-9][a-z0-9-]*)?)?$",
        description="A slot ('offence', 'quantity:dead'), or a family of slots by its prefix ('quantity:').",
        examples=["offence", "quantity:"],
    ),
]
Term = Annotated[str, Field(min_length=1, max_length=300)]
Message = Annotated[
    str,
    Field(
        min_length=1,
        description="The finding's message, with {placeholders} filled in per finding; the placeholders "
        "allowed depend on the kind. Write '{{' and '}}' for literal braces.",
    ),
]

# Placeholders every kind fills in, then those of each kind.
COMMON_FIELDS = ("event", "subject", "slot", "label", "code", "name")
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "compare": ("left", "right", "left_source", "right_source", "relation"),
    "consistency": ("source", "values", "count"),
    "substitution": ("source", "value", "prefer"),
    "require": ("count", "min_sources", "sources", "values"),
    "expression": ("count", "sources", "values"),
}
DEFAULT_MESSAGES = {
    "compare": "{left_source} says « {left} », {right_source} says « {right} »: {relation} ({label})",
    "consistency": "{source} mixes {count} terms for the {label}: {values}",
    "substitution": "{source} writes « {value} » for the {label}: prefer « {prefer} »",
    "require": "the {label} is stated by {count} source(s) ({sources}); at least {min_sources} required",
    "expression": "{label}: {values}",
}
DEFAULT_CATEGORY: dict[str, Category] = {
    "consistency": "intra-source",
    "substitution": "terminology",
    "require": "uncorroborated",
    "expression": "custom",
}
# A compare rule without a `category` files each finding by its relation.
RELATION_CATEGORY: dict[str, Category] = {
    "EQUAL": "agreement",
    "NARROWER": "less-specific",
    "BROADER": "less-specific",
    "OVERLAP": "partial",
    "DISJOINT": "contradiction",
    "UNKNOWN": "custom",
}


class _Spec(_Model):
    """The fields every kind of rule has."""

    kind: str  # each kind narrows it to its Literal, the union's discriminator
    code: RuleCode
    name: RuleName
    category: Category | None = Field(
        default=None, description="How findings are filed in reports; each kind has a default."
    )
    description: str = Field(
        min_length=1,
        description="The rule's documentation, shown by `recoupe rules explain`: what it checks and why, "
        "ideally with a passing and a failing example.",
    )
    message: Message | None = Field(
        default=None, description="The finding's message; each kind has a default."
    )
    aliases: tuple[str, ...] = Field(default=(), description="Former codes or names of the rule.")


class _Leveled(_Spec):
    severity: Level = Field(default="warning", description="The findings' severity (config may override it).")


class CompareSpec(_Spec):
    """Compare the values of every two sources in a group; report the relations you map to a severity.

    Placeholders: {left}, {right} (the wordings), {left_source}, {right_source}, {relation}.
    """

    model_config = ConfigDict(title="compare rule")

    kind: Literal["compare"]
    relations: dict[RelationName, Level] = Field(
        min_length=1,
        description="The relations to report, each with its severity, e.g. {DISJOINT: error, OVERLAP: warning}. "
        "Relations left out are not reported.",
    )
    slots: tuple[SlotSelector, ...] = Field(default=(), description="Only these slots; default all.")
    types: tuple[ClaimType, ...] = Field(default=(), description="Only claims of these types; default all.")


class ConsistencySpec(_Leveled):
    """Within one group, one source must not use more than one of these terms.

    A term is a label (matched with case, accents, articles and plurals folded) or a concept id (matched
    by any wording that resolves to that concept). Placeholders: {source}, {values}, {count}.
    """

    model_config = ConfigDict(title="consistency rule")

    kind: Literal["consistency"]
    terms: tuple[Term, ...] = Field(
        min_length=2, description="Labels or concept ids of which a source should use only one."
    )
    slots: tuple[SlotSelector, ...] = Field(default=(), description="Only these slots; default all.")


class SubstitutionSpec(_Leveled):
    """Report a wording to avoid, suggesting the preferred term.

    A claim matches when its wording (or, for a list, one of its items) equals a label to avoid, with
    case, accents, articles and plurals folded. Placeholders: {source}, {value}, {prefer}.
    """

    model_config = ConfigDict(title="substitution rule")

    kind: Literal["substitution"]
    avoid: tuple[Term, ...] = Field(min_length=1, description="The wordings to avoid.")
    prefer: Term = Field(description="The term to use instead; it is the finding's suggestion.")
    slots: tuple[SlotSelector, ...] = Field(default=(), description="Only these slots; default all.")


class RequireSpec(_Leveled):
    """Every event must state this slot, by at least `min_sources` distinct sources.

    Negated claims do not count: saying what something was not does not state what it was. Placeholders:
    {count} (sources that state it), {min_sources}, {sources}, {values}.
    """

    model_config = ConfigDict(title="require rule")

    kind: Literal["require"]
    slot: SlotName
    subject: str | None = Field(
        default=None,
        min_length=1,
        description="Only claims about this subject; default any subject, the event itself included.",
    )
    min_sources: int = Field(default=1, ge=1, description="How many distinct sources must state the slot.")


class ExpressionSpec(_Leveled):
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


RuleSpec = Annotated[
    CompareSpec | ConsistencySpec | SubstitutionSpec | RequireSpec | ExpressionSpec,
    Field(discriminator="kind"),
]
SPECS: dict[str, type[_Spec]] = {
    "compare": CompareSpec,
    "consistency": ConsistencySpec,
    "substitution": SubstitutionSpec,
    "require": RequireSpec,
    "expression": ExpressionSpec,
}
KINDS = tuple(SPECS)


class RuleFile(_Model):
    """A file of custom rules, each discriminated by its `kind`."""

    model_config = ConfigDict(
        title="recoupe rules", json_schema_extra={"$id": SCHEMA_BASE + "rules.schema.json"}
    )

    rules: tuple[RuleSpec, ...] = Field(description="The rules this file declares.")


# -------------------------------------------------------------------------------------------------
# The rules
# -------------------------------------------------------------------------------------------------


def _in_slots(slot: str, selectors: Sequence[str]) -> bool:
    return not selectors or any(slot == s or (s.endswith(":") and slot.startswith(s)) for s in selectors)


def _subject(group_subject: str) -> str:
    return group_subject or "the event"


def _label(slot: str, subject: str) -> str:
    return f"{slot} of {_subject(subject)}"


def _words(claims: Iterable[LoadedClaim]) -> list[str]:
    return list(dict.fromkeys(value_text(c.claim.value) for c in claims))


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"« {w} »" for w in words)


class DeclarativeRule(Rule):
    """Base of the rules declared in YAML. Each declared rule gets its own subclass, made by the loader,
    whose class attributes are the rule's code, name, category and severity, and whose docstring is
    its `description`."""

    kind: ClassVar[str] = "yaml"
    description: ClassVar[str] = ""

    def __init__(self, spec: _Spec, origin: str) -> None:
        self.spec = spec
        self.origin = origin
        self.template = spec.message or DEFAULT_MESSAGES[self.kind]

    def render(self, slot: str, subject: str, event: str, **values: object) -> str:
        fields = {
            "event": event,
            "subject": _subject(subject),
            "slot": slot,
            "label": _label(slot, subject),
            "code": self.code,
            "name": self.name,
            **{k: str(v) for k, v in values.items()},
        }
        # placeholders were checked at load time: they are plain names from this dict
        return self.template.format_map(fields)


class CompareRule(DeclarativeRule):
    kind: ClassVar[str] = "compare"
    spec: CompareSpec

    def __init__(self, spec: _Spec, origin: str) -> None:
        super().__init__(spec, origin)
        self.levels = {str(r): Severity(level) for r, level in self.spec.relations.items()}

    def check(self, group: Group) -> Iterator[Draft]:
        spec = self.spec
        if not _in_slots(group.slot, spec.slots):
            return
        ctx = group.ctx
        for pair in group.cross_source_pairs:
            level = self.levels.get(pair.relation.value)
            if level is None:
                continue
            if spec.types and not (
                pair.left.claims[0].type in spec.types and pair.right.claims[0].type in spec.types
            ):
                continue
            yield Draft(
                message=self.render(
                    group.slot,
                    group.subject,
                    group.event,
                    left=" / ".join(_words(pair.left.claims)),
                    right=" / ".join(_words(pair.right.claims)),
                    left_source=ctx.source_label(pair.left.source),
                    right_source=ctx.source_label(pair.right.source),
                    relation=pair.relation.value,
                ),
                claims=(*pair.left.claims, *pair.right.claims),
                relation=pair.relation,
                category=spec.category or RELATION_CATEGORY[pair.relation.value],
                severity=level,
            )


class ConsistencyRule(DeclarativeRule):
    kind: ClassVar[str] = "consistency"
    spec: ConsistencySpec

    def __init__(self, spec: _Spec, origin: str) -> None:
        super().__init__(spec, origin)
        from recoupe.vocab import fold_label

        self.keys = tuple(fold_label(t) for t in self.spec.terms)

    def _term_of(self, w: Wording, ctx: RuleContext) -> int | None:
        """Which of the terms (by index) a wording uses, if any."""
        from recoupe.vocab import fold_label

        vocab = getattr(ctx.normalizer, "vocab", None)
        concepts = getattr(w.value, "concepts", None)
        keys = {fold_label(value_text(c.claim.value)) for c in w.claims}
        for i, term in enumerate(self.spec.terms):
            if self.keys[i] in keys:
                return i
            if (
                concepts
                and vocab is not None
                and term in vocab
                and all(vocab.same(c, term) for c in concepts)
            ):
                return i
        return None

    def check(self, group: Group) -> Iterator[Draft]:
        if not _in_slots(group.slot, self.spec.slots):
            return
        for source, wordings in group.by_source().items():
            used: dict[int, list[Wording]] = {}
            for w in wordings:
                i = self._term_of(w, group.ctx)
                if i is not None:
                    used.setdefault(i, []).append(w)
            if len(used) < 2:
                continue
            mixed = [w for i in sorted(used) for w in used[i]]
            claims = tuple(c for w in mixed for c in w.claims)
            yield Draft(
                message=self.render(
                    group.slot,
                    group.subject,
                    group.event,
                    source=group.ctx.source_label(source),
                    values=_quoted(_words(claims)),
                    count=len(used),
                ),
                claims=claims,
                category=self.spec.category or DEFAULT_CATEGORY[self.kind],
            )


class SubstitutionRule(DeclarativeRule):
    kind: ClassVar[str] = "substitution"
    spec: SubstitutionSpec

    def __init__(self, spec: _Spec, origin: str) -> None:
        super().__init__(spec, origin)
        from recoupe.vocab import fold_label

        self.avoid = frozenset(fold_label(t) for t in self.spec.avoid)

    def _avoided(self, c: LoadedClaim) -> str | None:
        from recoupe.vocab import fold_label

        raw = c.claim.value
        for item in raw if isinstance(raw, list) else [raw]:
            if fold_label(str(item)) in self.avoid:
                return str(item)
        return None

    def check(self, group: Group) -> Iterator[Draft]:
        if not _in_slots(group.slot, self.spec.slots):
            return
        for w in group.wordings:
            hits = [(c, word) for c in w.claims if (word := self._avoided(c)) is not None]
            if not hits:
                continue
            yield Draft(
                message=self.render(
                    group.slot,
                    group.subject,
                    group.event,
                    source=group.ctx.source_label(w.source),
                    value=" / ".join(dict.fromkeys(word for _, word in hits)),
                    prefer=self.spec.prefer,
                ),
                claims=tuple(c for c, _ in hits),
                suggestion=self.spec.prefer,
                category=self.spec.category or DEFAULT_CATEGORY[self.kind],
            )


class RequireRule(DeclarativeRule):
    kind: ClassVar[str] = "require"
    scope: ClassVar[str] = "event"
    spec: RequireSpec

    def check_event(self, event: str, groups: list[Group], ctx: RuleContext) -> Iterator[Draft]:
        spec = self.spec
        stating = [
            c
            for g in groups
            if g.slot == spec.slot and (spec.subject is None or g.subject == spec.subject)
            for c in g.claims
            if not c.claim.negated
        ]
        sources = list(dict.fromkeys(c.source for c in stating))
        if len(sources) >= spec.min_sources:
            return
        words = _words(stating)
        subject = spec.subject or ""
        yield Draft(
            message=self.render(
                spec.slot,
                subject,
                event,
                count=len(sources),
                min_sources=spec.min_sources,
                sources=", ".join(ctx.source_label(s) for s in sources) or "none",
                values=_quoted(words),
            ),
            claims=tuple(stating),
            category=spec.category or DEFAULT_CATEGORY[self.kind],
            key=(event, subject, spec.slot),
        )


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
    "left": lambda p: " / ".join(_words(p.left.claims)),
    "right": lambda p: " / ".join(_words(p.right.claims)),
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


class ExpressionRule(DeclarativeRule):
    kind: ClassVar[str] = "expression"
    spec: ExpressionSpec
    expression: Expression  # set by the loader, compiled once
    fields: frozenset[str]  # the map fields the expression names

    def check(self, group: Group) -> Iterator[Draft]:
        if not _in_slots(group.slot, self.spec.slots):
            return
        context = group_context(group, self.fields, self.expression.uses("pairs"))
        try:
            hit = self.expression.evaluate(context)
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
                message=self.render(
                    group.slot,
                    group.subject,
                    group.event,
                    count=len(group.claims),
                    sources=", ".join(group.ctx.source_label(s) for s in group.sources),
                    values=_quoted(_words(group.claims)),
                ),
                claims=tuple(group.claims),
                category=self.spec.category or DEFAULT_CATEGORY[self.kind],
            )


RULE_CLASSES: dict[str, type[DeclarativeRule]] = {
    "compare": CompareRule,
    "consistency": ConsistencyRule,
    "substitution": SubstitutionRule,
    "require": RequireRule,
    "expression": ExpressionRule,
}


def make_rule(spec: _Spec, origin: str) -> DeclarativeRule:
    """A Rule for a validated spec: its own subclass, so that code, name and docs are class attributes
    like those of every other rule."""
    kind = spec.kind
    base = RULE_CLASSES[kind]
    if isinstance(spec, CompareSpec):
        severity = max((Severity(v) for v in spec.relations.values()), key=lambda s: s.rank)
        category = spec.category or (
            RELATION_CATEGORY[next(iter(spec.relations))] if len(spec.relations) == 1 else "custom"
        )
    else:
        severity = Severity(getattr(spec, "severity", "warning"))
        category = spec.category or DEFAULT_CATEGORY[kind]
    cls = type(
        f"{base.__name__}[{spec.code}]",
        (base,),
        {
            "__doc__": spec.description,
            "__module__": __name__,
            "code": spec.code,
            "name": spec.name,
            "category": category,
            "severity": severity,
            "aliases": tuple(spec.aliases),
            "description": spec.description,
        },
    )
    rule: DeclarativeRule = cls(spec, origin)
    return rule


# -------------------------------------------------------------------------------------------------
# Loading
# -------------------------------------------------------------------------------------------------


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def rule_files(paths: Sequence[Path], display_root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The rule files named by `paths`: files as given, folders' own *.yaml/*.yml (not sub-folders,
    which may hold rule test cases), sorted."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix in RULE_SUFFIXES and p.is_file() and not p.name.startswith(".")
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                Problem(_shown(path, display_root), None, None, "", "no such rule file or folder", "io")
            )
    return files, problems


def builtin_names() -> dict[str, str]:
    """Codes and names of the built-in rules, each mapped to how a message names it."""
    from recoupe.rules import builtin_rules

    out: dict[str, str] = {}
    for r in builtin_rules():
        out[r.code] = out[r.name] = f"the built-in rule {r.code} {r.name}"
    return out


def load_rule_files(
    paths: Sequence[Path],
    *,
    taken: Mapping[str, str] | None = None,
    slots: Slots | None = None,
    display_root: Path | None = None,
) -> list[Rule]:
    """Load every YAML rule file in `paths` (files or folders); raise InputError with every problem.

    `taken` maps codes and names already used (by default the built-in rules') to a description of
    their owner; `slots` (by default the built-in slots) checks the slots rules name. Files are shown
    relative to `display_root` when they are inside it.
    """
    if taken is None:
        taken = builtin_names()
    if slots is None:
        from recoupe.slots import load_slots

        slots = load_slots()
    files, problems = rule_files(paths, display_root)
    owners = dict(taken)
    rules: list[Rule] = []
    for file in files:
        shown = _shown(file, display_root)
        try:
            text = read_text(file, shown)
            data, marks = parse_yaml(text, shown)
        except InputError as e:
            problems.extend(e.problems)
            continue
        loader = _FileLoader(shown, text, marks, slots, owners)
        rules.extend(loader.load(data))
        problems.extend(loader.problems)
    if problems:
        raise InputError(problems)
    return rules


class _FileLoader:
    """Validates one rule file, rule by rule, so that one bad rule does not hide the others' problems."""

    def __init__(self, file: str, text: str, marks: Marks, slots: Slots, owners: dict[str, str]) -> None:
        self.file = file
        self.text = text
        self.marks = marks
        self.slots = slots
        self.owners = owners
        self.problems: list[Problem] = []

    def at(self, ptr: str, message: str, kind: str, key: bool = False) -> None:
        line, col = self.marks.find(ptr, key=key)
        self.problems.append(Problem(self.file, line, col, ptr, message, kind))

    def load(self, data: Any) -> list[Rule]:
        if not isinstance(data, dict):
            self.problems.append(
                Problem(self.file, 1, 1, "", "a rule file must be a mapping with a 'rules' list", "type")
            )
            return []
        for key in data:
            if key != "rules":
                self.at(
                    pointer([key]),
                    f"unknown key '{key}'{did_you_mean(key, ['rules'])}",
                    "unknown-key",
                    key=True,
                )
        raw = data.get("rules")
        if not isinstance(raw, list):
            message = "missing required field 'rules'" if raw is None else "'rules' must be a list of rules"
            self.at("/rules" if "rules" in data else "", message, "missing" if raw is None else "type")
            return []
        rules = []
        for i, item in enumerate(raw):
            rule = self.rule(i, item)
            if rule is not None:
                rules.append(rule)
        return rules

    def rule(self, i: int, item: Any) -> Rule | None:
        base = f"/rules/{i}"
        if not isinstance(item, dict):
            self.at(base, "a rule must be a mapping with a 'kind'", "type")
            return None
        kind = item.get("kind")
        if kind is None:
            self.at(base, f"missing required field 'kind': one of {', '.join(KINDS)}", "missing")
            return None
        if kind not in SPECS:
            self.at(
                f"{base}/kind",
                f"unknown kind {kind!r}{did_you_mean(str(kind), KINDS)}; the kinds are {', '.join(KINDS)}",
                "unknown-kind",
            )
            return None
        model = SPECS[kind]
        try:
            spec = model.model_validate(item)
        except ValidationError as e:
            self.problems.extend(
                problems_from_validation(e, self.file, self.marks, base=("rules", i), model=model)
            )
            return None
        # `&`, not `and`: every check runs, so that one rule's problems are all reported together
        ok = self.check_message(base, spec) & self.check_slots(base, spec) & self.check_owner(base, spec)
        expression: Expression | None = None
        if isinstance(spec, ExpressionSpec):
            expression = self.compile(base, spec.when)
            ok = ok and expression is not None
        if not ok:
            return None
        line = self.marks.find(base)[0]
        rule = make_rule(spec, f"{self.file}:{line}" if line is not None else self.file)
        if isinstance(rule, ExpressionRule):
            assert expression is not None
            rule.expression = expression
            rule.fields = fields_read(expression.source)
        return rule

    def check_message(self, base: str, spec: _Spec) -> bool:
        if spec.message is None:
            return True
        allowed = (*COMMON_FIELDS, *KIND_FIELDS[spec.kind])
        ptr = f"{base}/message"
        try:
            parts = [
                (f, spec_, conv)
                for _, f, spec_, conv in string.Formatter().parse(spec.message)
                if f is not None
            ]
        except ValueError as e:
            self.at(ptr, f"bad message template: {e}; write '{{{{' and '}}}}' for literal braces", "template")
            return False
        for field, format_spec, conversion in parts:
            # Plain names only: `{left.__class__}` or `{left[0]}` would reach Python objects from a rule file.
            if format_spec or conversion or not field.isidentifier():
                shown = (
                    field
                    + (f"!{conversion}" if conversion else "")
                    + (f":{format_spec}" if format_spec else "")
                )
                self.at(
                    ptr, f"placeholder '{{{shown}}}' must be a plain name, e.g. {{{allowed[0]}}}", "template"
                )
                return False
            if field not in allowed:
                self.at(
                    ptr,
                    f"unknown placeholder '{{{field}}}'{_suggest(field, allowed)}; this kind allows "
                    + ", ".join(f"{{{a}}}" for a in allowed),
                    "template",
                )
                return False
        return True

    def check_slots(self, base: str, spec: _Spec) -> bool:
        ok = True
        selectors: Sequence[str] = getattr(spec, "slots", ())
        for j, sel in enumerate(selectors):
            family = sel.endswith(":")
            found = self.slots.get(sel[:-1] if family else sel)
            if found is None or (family and not found.prefix):
                message = (
                    self.slots.unknown_message(sel)
                    if found is None
                    else f"'{sel[:-1]}' is not a family of slots"
                )
                self.at(f"{base}/slots/{j}", message, "unknown-slot")
                ok = False
        if isinstance(spec, RequireSpec) and self.slots.get(spec.slot) is None:
            self.at(f"{base}/slot", self.slots.unknown_message(spec.slot), "unknown-slot")
            ok = False
        return ok

    def check_owner(self, base: str, spec: _Spec) -> bool:
        line = self.marks.find(base)[0]
        here = f"the rule at {self.file}:{line}"
        ok = True
        for field, value in (("code", spec.code), ("name", spec.name)):
            owner = self.owners.get(value)
            if owner is not None:
                self.at(
                    f"{base}/{field}", f"{field} '{value}' is already used by {owner}", f"duplicate-{field}"
                )
                ok = False
            else:
                self.owners[value] = here
        return ok

    def compile(self, base: str, source: str) -> Expression | None:
        try:
            return compile_expression(source, CEL_VARIABLES, CEL_SAMPLE)
        except CelCompileError as e:
            p = e.problem
            ptr = f"{base}/when"
            key_line, _ = self.marks.find(ptr, key=True)
            value_line, value_col = self.marks.find(ptr)
            exact = None
            if (
                p.line is not None
                and p.column is not None
                and value_line is not None
                and value_col is not None
            ):
                exact = cel_position_in_file(self.text, value_line, value_col, source, p.line, p.column)
            where = f" (at {p.where()})" if p.line is not None else ""
            line, col = exact if exact is not None else (key_line, None)
            self.problems.append(Problem(self.file, line, col, ptr, f"{p.message}{where}", p.kind))
            return None


def _suggest(name: str, allowed: Sequence[str]) -> str:
    close = did_you_mean(name, allowed)
    return close.replace("'", "{", 1).replace("'", "}", 1) if close else ""
