"""The rule-file model: a file's `rules`, a discriminated union on `kind` of every kind's spec."""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import ConfigDict, Field

from recoupe.models import SCHEMA_BASE, _Model
from recoupe.rules.kinds.base import KindSpec
from recoupe.rules.kinds.compare import CompareSpec
from recoupe.rules.kinds.consistency import ConsistencySpec
from recoupe.rules.kinds.expression import ExpressionSpec
from recoupe.rules.kinds.require import RequireSpec
from recoupe.rules.kinds.substitution import SubstitutionSpec
from recoupe.rules.kinds.sum import SumSpec

__all__ = ["KINDS", "SPECS", "RuleFile", "RuleSpec"]

# A new kind is a module in this folder and one more member here.
RuleSpec = Annotated[
    CompareSpec | ConsistencySpec | SubstitutionSpec | RequireSpec | ExpressionSpec | SumSpec,
    Field(discriminator="kind"),
]
# Each kind's spec by the name a file gives it, read off the union in its order.
SPECS: dict[str, type[KindSpec]] = {
    get_args(spec.model_fields["kind"].annotation)[0]: spec for spec in get_args(get_args(RuleSpec)[0])
}
KINDS = tuple(SPECS)


class RuleFile(_Model):
    """A file of custom rules, each discriminated by its `kind`."""

    model_config = ConfigDict(
        title="recoupe rules", json_schema_extra={"$id": SCHEMA_BASE + "rules.schema.json"}
    )

    rules: tuple[RuleSpec, ...] = Field(description="The rules this file declares.")
