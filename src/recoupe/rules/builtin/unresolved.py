"""NRM001 normalization.unresolved: a value recoupe could not normalize, so compares only by wording."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.values import Unresolved as Value
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import who


class Unresolved(Rule):
    """A term, date or quantity that recoupe could not normalize.

    Such a value compares only by its folded wording: equal wordings agree, anything else is not
    comparable, so a real discrepancy could go unseen. An unreadable date or figure can hide a
    contradiction, so it is a warning: rephrase the value as the text gives it, give the claim an
    `as_of`, or report the wording as a case recoupe misses. An unknown term is information: add it to
    a project vocabulary (or the name to a registry).

    Passing (no finding): « traite des êtres humains » (in the built-in offences vocabulary).

    Failing (one info finding): an offence worded « crime organisé du désert », found in no vocabulary;
    (one warning): a date worded « au lendemain de la fête ».
    """

    code: ClassVar[str] = "NRM001"
    name: ClassVar[str] = "normalization.unresolved"
    category: ClassVar[str] = "normalization"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        for w in group.wordings:
            if isinstance(w.value, Value):
                figure = w.value.type in ("date", "quantity")
                yield Draft(
                    message=f"{who(group, w)}: {w.text} ({w.value.type}) was not normalized: {w.value.reason}",
                    claims=w.claims,
                    suggestion=None
                    if figure
                    else "add it to a project vocabulary or registry (see `recoupe vocab lookup`)",
                    severity=Severity.WARNING if figure else None,
                )


RULE = Unresolved
