"""The vocabulary file format (pydantic, frozen): concepts with labels, hierarchy and disjointness."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from recoupe.models import SCHEMA_BASE, Identifier, SlotName, _Model

LangTag = Annotated[
    str,
    Field(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", description="BCP 47 language tag, e.g. 'fr'."),
]
ConceptId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$",
        max_length=200,
        description="A concept id, unique across all loaded vocabularies.",
    ),
]
Uri = Annotated[
    str,
    Field(pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", description="An absolute URI, e.g. a Wikidata entity."),
]
Label = Annotated[str, Field(min_length=1, max_length=300)]
PropertyValue = bool | int | float | str | None


class NonstandardLabel(_Model):
    """A wording to avoid: it still resolves to its concept, and checks suggest the concept's prefLabel."""

    model_config = ConfigDict(title="Non-standard label")

    label: Label = Field(description="The wording to avoid, as it appears in sources.")
    lang: LangTag = Field(description="Language of the wording.")
    note: str | None = Field(
        default=None, description="Why the wording is imprecise; shown with the finding."
    )


class Concept(_Model):
    """One concept: its labels per language, its place in the hierarchy, and what it excludes."""

    model_config = ConfigDict(title="Concept")

    pref_label: dict[LangTag, Label] = Field(
        alias="prefLabel",
        min_length=1,
        description="The preferred label in each language; also the suggested replacement of non-standard labels.",
    )
    alt_label: dict[LangTag, tuple[Label, ...]] = Field(
        default_factory=dict, alias="altLabel", description="Other accepted labels, per language."
    )
    broader: tuple[ConceptId, ...] = Field(
        default=(), description="Concepts whose extension includes this one's (is-a, part-of in wording)."
    )
    related: tuple[ConceptId, ...] = Field(
        default=(), description="Close concepts, for information: relating them still gives OVERLAP."
    )
    disjoint_with: tuple[ConceptId, ...] = Field(
        default=(),
        alias="disjointWith",
        description="Concepts that never share a member with this one. Symmetric, and inherited by narrower concepts.",
    )
    exact_match: tuple[Uri, ...] = Field(
        default=(),
        alias="exactMatch",
        description="URIs of the same concept elsewhere; concepts sharing one count as the same concept.",
    )
    scope_note: dict[LangTag, str] = Field(
        default_factory=dict, alias="scopeNote", description="What the concept covers, per language."
    )
    nonstandard: tuple[NonstandardLabel, ...] = Field(
        default=(), description="Wordings that resolve here but should be replaced by the preferred label."
    )
    properties: dict[str, PropertyValue] = Field(
        default_factory=dict,
        description="Free scalar properties that rules may read, e.g. binding: true, level: 3, date: '--07-30'.",
    )


class ConceptExtension(_Model):
    """Additions to a concept that another vocabulary defines (a built-in one), without redefining it."""

    model_config = ConfigDict(title="Concept extension")

    alt_label: dict[LangTag, tuple[Label, ...]] = Field(
        default_factory=dict, alias="altLabel", description="More labels for the concept, per language."
    )
    broader: tuple[ConceptId, ...] = Field(default=(), description="More concepts this one falls under.")
    scope_note: dict[LangTag, str] = Field(
        default_factory=dict,
        alias="scopeNote",
        description="A note per language, added after the concept's own.",
    )
    nonstandard: tuple[NonstandardLabel, ...] = Field(
        default=(), description="More wordings that resolve to the concept but should be replaced."
    )


class VocabularyFile(_Model):
    """A vocabulary file: SKOS-like concepts that term claims resolve to."""

    model_config = ConfigDict(
        title="Vocabulary",
        json_schema_extra={"$id": SCHEMA_BASE + "vocabulary.schema.json"},
    )

    id: Identifier = Field(description="The vocabulary's id, unique across loaded vocabularies.")
    title: dict[LangTag, str] = Field(default_factory=dict, description="Human title, per language.")
    applies_to: tuple[SlotName, ...] = Field(
        default=(),
        alias="appliesTo",
        description="Slots whose term claims resolve through this vocabulary; empty means any term slot.",
    )
    concepts: dict[ConceptId, Concept] = Field(default_factory=dict, description="The concepts, by id.")
    extend: dict[ConceptId, ConceptExtension] = Field(
        default_factory=dict,
        description="Labels, broader links and notes added to concepts defined elsewhere (a built-in "
        "vocabulary), by id: `extend: {trafficking-in-persons: {altLabel: {pt: [tráfico de pessoas]}}}`.",
    )
