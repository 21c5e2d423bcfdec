"""VAL001 input.value-not-in-quote: a figure or date that its own quote does not bear out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from recoupe.findings import Severity
from recoupe.load.lint import value_quote_message
from recoupe.rules.base import Draft, Rule, RuleContext

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim, LoadedSource


class ValueNotInQuote(Rule):
    """A quantity or date whose value cannot be found in its quote, after normalization.

    The value is what recoupe compares; the quote is what the source says. When they part, the
    comparison is about something the source never wrote. The common cause is YAML: an unquoted
    `value: 81.000` is the number 81.0, while the text reads « 81.000 » (eighty-one thousand). The
    figures of the value are looked for among the figures the quote writes in digits; a quote that
    writes its figure in words is not checked.

    Passing (no finding): `value: "81.000"` with the quote « 81.000 personnes ».

    Failing (one warning): `value: 81.000` (read as 81.0) with the quote « 81.000 personnes ».
    """

    code: ClassVar[str] = "VAL001"
    name: ClassVar[str] = "input.value-not-in-quote"
    category: ClassVar[str] = "evidence"
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[str] = "source"

    def check_source(
        self, source: LoadedSource, claims: list[LoadedClaim], ctx: RuleContext
    ) -> Iterator[Draft]:
        lang = source.source.language.split("-")[0]
        for c in claims:
            message = value_quote_message(c, lang)
            if message:
                yield Draft(message, (c,), suggestion="make the value say what the quote says")


RULE = ValueNotInQuote
