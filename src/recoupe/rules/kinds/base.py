"""What every YAML rule kind shares: the fields of a rule in a file, and the base of the rules made from them.

A kind is one module in this folder with its spec (the pydantic model of a rule of that kind in a
file, whose `kind` is a Literal) and its rule (a DeclarativeRule subclass tied to the spec with
`@rule_of`); model.py lists the specs in the discriminated union, which is the only other place a
kind is named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, TypeVar

from pydantic import Field

from recoupe.errors import Problem
from recoupe.findings import Category, Severity
from recoupe.models import _Model
from recoupe.normalize.values import value_text
from recoupe.rules.base import Group, Rule

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim
    from recoupe.yamlio import Marks

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

# Placeholders every kind fills in; each rule class adds its own.
COMMON_FIELDS = ("event", "subject", "slot", "label", "code", "name")


class KindSpec(_Model):
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

    rule_class: ClassVar[type[DeclarativeRule]]  # set by @rule_of on the kind's rule

    def slot_references(self) -> Iterator[tuple[str, str]]:
        """The slots the rule names, each with its pointer below the rule: selectors in `slots`
        (a kind without that field names none); a kind with other slot fields adds them."""
        selectors: Sequence[str] = getattr(self, "slots", ())
        for j, sel in enumerate(selectors):
            yield f"slots/{j}", sel


class Leveled(KindSpec):
    severity: Level = Field(default="warning", description="The findings' severity (config may override it).")


def in_slots(slot: str, selectors: Sequence[str]) -> bool:
    return not selectors or any(slot == s or (s.endswith(":") and slot.startswith(s)) for s in selectors)


def subject_text(group_subject: str) -> str:
    return group_subject or "the event"


def words(claims: Iterable[LoadedClaim]) -> list[str]:
    return list(dict.fromkeys(value_text(c.claim.value) for c in claims))


def quoted(wordings: Iterable[str]) -> str:
    return ", ".join(f"« {w} »" for w in wordings)


@dataclass
class FileSite:
    """A rule file being loaded: its text and marks, and the problems found in it so far."""

    file: str
    text: str
    marks: Marks
    problems: list[Problem] = field(default_factory=list)

    def at(self, ptr: str, message: str, kind: str, key: bool = False) -> None:
        line, col = self.marks.find(ptr, key=key)
        self.problems.append(Problem(self.file, line, col, ptr, message, kind))


class DeclarativeRule(Rule):
    """Base of the rules declared in YAML. Each declared rule gets its own subclass, made by the loader,
    whose class attributes are the rule's code, name, category and severity, and whose docstring is
    its `description`."""

    kind: ClassVar[str] = "yaml"
    description: ClassVar[str] = ""
    placeholders: ClassVar[tuple[str, ...]] = ()  # those the kind fills in besides COMMON_FIELDS
    default_message: ClassVar[str] = ""
    default_category: ClassVar[Category] = "custom"

    def __init__(self, spec: KindSpec, origin: str) -> None:
        self.spec = spec
        self.origin = origin
        self.template = spec.message or self.default_message

    @classmethod
    def severity_of(cls, spec: KindSpec) -> Severity:
        """The rule's default severity, as `recoupe rules list` shows it."""
        return Severity(getattr(spec, "severity", "warning"))

    @classmethod
    def category_of(cls, spec: KindSpec) -> str:
        """The rule's category, as `recoupe rules list` shows it."""
        return spec.category or cls.default_category

    def prepare(self, site: FileSite, base: str) -> bool:
        """The kind's own checks at load time, beyond the spec's model; report problems to `site`."""
        return True

    def render(self, slot: str, subject: str, event: str, **values: object) -> str:
        fields = {
            "event": event,
            "subject": subject_text(subject),
            "slot": slot,
            "label": f"{slot} of {subject_text(subject)}",
            "code": self.code,
            "name": self.name,
            **{k: str(v) for k, v in values.items()},
        }
        # placeholders were checked at load time: they are plain names from this dict
        return self.template.format_map(fields)

    def render_group(self, group: Group, **values: object) -> str:
        return self.render(group.slot, group.subject, group.event, **values)


R = TypeVar("R", bound=type[DeclarativeRule])


def rule_of(spec: type[KindSpec]) -> Callable[[R], R]:
    """Tie a rule class to the spec of its kind, so that the loader finds it from the union alone."""

    def tie(cls: R) -> R:
        spec.rule_class = cls
        return cls

    return tie


def make_rule(spec: KindSpec, origin: str) -> DeclarativeRule:
    """A Rule for a validated spec: its own subclass, so that code, name and docs are class attributes
    like those of every other rule."""
    base = spec.rule_class
    cls = type(
        f"{base.__name__}[{spec.code}]",
        (base,),
        {
            "__doc__": spec.description,
            "__module__": base.__module__,
            "code": spec.code,
            "name": spec.name,
            "category": base.category_of(spec),
            "severity": base.severity_of(spec),
            "aliases": tuple(spec.aliases),
            "description": spec.description,
        },
    )
    rule: DeclarativeRule = cls(spec, origin)
    return rule
