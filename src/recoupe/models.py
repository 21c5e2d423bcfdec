"""The data model: Event, Source, Claim and the JSON Lines records (pydantic, frozen).

These models are the single source of truth: `recoupe schema export` generates the JSON Schemas
(shipped as `recoupe/schemas/*.json`, drift-checked by the tests)
from them, and the loader validates every file through them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

# The field types every file format shares live in fields.py, which slots.py reads too; models
# re-exports them for the modules that import them from here.
from recoupe.fields import ID_MAX as ID_MAX
from recoupe.fields import ID_PATTERN as ID_PATTERN
from recoupe.fields import SCHEMA_BASE as SCHEMA_BASE
from recoupe.fields import SLOT_PATTERN as SLOT_PATTERN
from recoupe.fields import ClaimType as ClaimType
from recoupe.fields import Identifier as Identifier
from recoupe.fields import SlotName as SlotName
from recoupe.fields import _Model as _Model


def _slot_completions(schema: dict[str, Any]) -> None:
    """The built-in slots, each with its description, for editors to offer; any other name of a slot's
    shape (quantity:<what>, a project's own slot) stays valid through the last branch."""
    from recoupe.slots import load_slots

    defs = load_slots().defs
    schema["anyOf"] = [
        *({"const": name, "description": d.description} for name, d in defs.items() if not d.prefix),
        *(
            {"pattern": f"^{name}:[a-z0-9][a-z0-9-]*$", "description": d.description}
            for name, d in defs.items()
            if d.prefix
        ),
        {
            "pattern": SLOT_PATTERN,
            "description": "A slot the project declares in a slot file (`slots` in the config).",
        },
    ]


ClaimSlot = Annotated[
    SlotName,
    Field(
        description="A slot from the slot vocabulary (`recoupe slots list`), e.g. 'date', 'offence' or 'quantity:dead'.",
        json_schema_extra=_slot_completions,
    ),
]
SourceKind = Literal["article", "press-release", "reference"]
Value = str | int | float | list[str]


class Waiver(_Model):
    """A finding reviewed and accepted: it stays visible in reports but does not fail the run."""

    code: str = Field(min_length=1, description="Rule code, dotted name or prefix that this waiver covers.")
    reason: str = Field(min_length=1, description="Why the finding is accepted. Required.")
    until: dt.date | None = Field(
        default=None,
        description="The last day the waiver applies; after it the finding counts again, and the report says the waiver expired.",
    )


class TextRef(_Model):
    """The source's verbatim text, pinned by its SHA-256 so that claims are tied to one text."""

    path: str = Field(min_length=1, description="Path of the UTF-8 text file, relative to this file.")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="Lower-case hex SHA-256 of the text file's bytes."
    )


class Event(_Model):
    """An event that several sources report."""

    model_config = ConfigDict(title="Event", json_schema_extra={"$id": SCHEMA_BASE + "event.schema.json"})

    id: Identifier
    title: str | None = None
    date: dt.date | None = Field(default=None, description="The day of the event, when known.")
    place: str | None = None
    description: str | None = None


class ClaimBody(_Model):
    """The fields a claim has wherever it is written."""

    id: Identifier = Field(description="Unique within its source.")
    event: Identifier | None = Field(default=None, description="The event; defaults to the folder's event.")
    subject: str | None = Field(
        default=None,
        min_length=1,
        description="What the statement is about: defaults to the event itself (e.g. a person, for their role).",
    )
    slot: ClaimSlot
    value: Value = Field(description="The value as the source words it.")
    type: ClaimType | None = Field(
        default=None,
        description="How the value is normalized and compared; defaults to the slot's type.",
    )
    quote: str | None = Field(
        default=None,
        min_length=1,
        description="The exact span of the source text that supports the claim.",
    )
    occurrence: int | None = Field(
        default=None,
        ge=1,
        description="Which occurrence of the quote is meant, counting from 1, when it appears more than once.",
    )
    attributed_to: str | None = Field(
        default=None, description="Reported speech: whom the source attributes the statement to."
    )
    as_of: dt.datetime | dt.date | str | None = Field(
        default=None,
        description=(
            "When the figure or fact held: a date, a datetime, or wording such as « hier » read against "
            "the source's publication. For evolving slots (tolls) it defaults to the publication date."
        ),
    )
    hedged: bool = Field(default=False, description="The source words it with reservation.")
    negated: bool = Field(default=False, description="The source states the opposite.")
    approximate: bool = Field(default=False, description="The source gives the value as approximate.")
    review: bool = Field(
        default=False,
        description="Drafted by `recoupe draft` and not yet confirmed by a person: remove it once checked.",
    )
    note: str | None = None
    waive: tuple[Waiver, ...] = Field(default=(), description="Findings on this claim accepted after review.")


class Claim(ClaimBody):
    """A factual statement that a source makes about an event."""

    model_config = ConfigDict(title="Claim")


class SourceBase(_Model):
    id: Identifier
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = Field(
        default="fr",
        pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$",
        description="BCP 47 language tag of the text.",
    )
    published: dt.date | dt.datetime | None = Field(
        default=None,
        description="Publication date or datetime; leave it out when the source does not give one.",
    )
    kind: SourceKind = Field(
        default="article",
        description="'reference' marks an official record that other sources are held against.",
    )
    text: TextRef | None = Field(default=None, description="The source's verbatim text.")
    note: str | None = None
    waive: tuple[Waiver, ...] = Field(
        default=(), description="Findings on this source accepted after review."
    )


class Source(SourceBase):
    """A source file: the source's metadata and the claims it makes."""

    model_config = ConfigDict(title="Source", json_schema_extra={"$id": SCHEMA_BASE + "source.schema.json"})

    claims: tuple[Claim, ...] = ()


class SourceRecord(SourceBase):
    """A JSON Lines record that declares a source."""

    model_config = ConfigDict(title="SourceRecord")

    record: Literal["source"]
    event: Identifier | None = Field(default=None, description="Default event of this source's claims.")


class EventRecord(Event):
    """A JSON Lines record that declares an event."""

    model_config = ConfigDict(title="EventRecord", json_schema_extra=None)

    record: Literal["event"]


class BulkClaim(ClaimBody):
    """A JSON Lines claim: one per line, naming its source and event."""

    model_config = ConfigDict(
        title="BulkClaim", json_schema_extra={"$id": SCHEMA_BASE + "claim-line.schema.json"}
    )

    record: Literal["claim"] = "claim"
    source: Identifier
    event: Identifier  # required here, unlike in a source file
