"""The registry file format (pydantic, frozen): persons, organisations and places, with their names and partOf."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from recoupe.models import SCHEMA_BASE, Identifier, _Model

EntityKind = Literal["person", "organisation", "place", "other"]
LangTag = Annotated[
    str,
    Field(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", description="BCP 47 language tag, e.g. 'fr'."),
]
Name = Annotated[str, Field(min_length=1, max_length=500)]
WikidataId = Annotated[str, Field(pattern=r"^Q[0-9]+$", description="A Wikidata item id, e.g. 'Q1028'.")]


class EntityEntry(_Model):
    """One person, organisation or place, with every name it goes by."""

    model_config = ConfigDict(title="Entity")

    kind: EntityKind = Field(description="person, organisation, place or other.")
    pref_label: Name | Annotated[dict[LangTag, Name], Field(min_length=1)] = Field(
        alias="prefLabel",
        description="The preferred name; either one string, or one per language ({fr: Maroc, en: Morocco}).",
    )
    alt_label: tuple[Name, ...] | dict[LangTag, tuple[Name, ...]] = Field(
        default=(),
        alias="altLabel",
        description="Other names it goes by (short forms, spellings, adjectives); a list, or lists per language.",
    )
    acronyms: tuple[Name, ...] = Field(
        default=(),
        description="Acronyms and codes, matched case-sensitively (e.g. CNCLTP/TIM, MA). Those of three "
        "letters or fewer only match a whole value, never inside a longer one.",
    )
    wikidata: WikidataId | None = Field(default=None, description="Wikidata item id, e.g. 'Q1028'.")
    part_of: tuple[Identifier, ...] = Field(
        default=(),
        alias="partOf",
        description="Ids of the entities this one lies within: a city in its country, a ministry in its "
        "government. A value naming it is NARROWER than one naming any of these.",
    )
    member_of: tuple[Identifier, ...] = Field(
        default=(),
        alias="memberOf",
        description="For a person: ids of the bodies (a commission, a delegation, a government) they belong "
        "to. A member stands for the body among the participants.",
    )
    heads: tuple[Identifier, ...] = Field(
        default=(),
        description="For a person: ids of the bodies they head (a minister their ministry). For slots such as "
        "chair, signatories and organiser, a value naming the head is NARROWER than one naming the body.",
    )
    note: str | None = Field(default=None, description="Free text for maintainers.")


class RegistryFile(_Model):
    """A registry file: persons, organisations and places that entity claims resolve to."""

    model_config = ConfigDict(
        title="Registry",
        json_schema_extra={"$id": SCHEMA_BASE + "registry.schema.json"},
    )

    id: Identifier = Field(description="The registry's id, unique across loaded registries.")
    entities: dict[Identifier, EntityEntry] = Field(
        default_factory=dict, description="The entities, by id; ids are unique across loaded registries."
    )
