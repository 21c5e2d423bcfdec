"""The field types every file format shares: ids, slot names, claim types and the frozen base model.

models.py (the files users write) and slots.py (the slot vocabulary, which models.py reads to
offer slot names to editors) both build on these, so neither has to import the other's module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_BASE = "https://recoupe.dev/schemas/"
# Anchored as JSON Schema and pydantic read them: `$` is the very end (the fast path uses fullmatch).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
SLOT_PATTERN = r"^[a-z][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$"
ID_MAX = 200

Identifier = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=ID_MAX,
        description="Letters, digits, '.', '_', ':' and '-'; starts with a letter or digit.",
    ),
]
SlotName = Annotated[
    str,
    Field(
        pattern=SLOT_PATTERN,
        description="A slot from the slot vocabulary, e.g. 'date', 'offence' or 'quantity:dead'.",
        examples=["date", "place", "instrument", "offence", "quantity:dead"],
    ),
]
ClaimType = Literal["term", "entity", "date", "quantity", "text"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
