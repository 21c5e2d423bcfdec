"""TRM001 terminology.nonstandard: a wording to avoid, with the legal or standard term to prefer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.terms import TermValue
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import who


class NonstandardTerm(Rule):
    """A source uses a non-standard or ambiguous term; the vocabulary says what to prefer.

    French media often write « trafic des êtres humains », which may mean trafficking in persons
    (« traite des êtres humains ») or the smuggling of migrants (« trafic illicite de migrants »):
    two legally distinct offences. The finding names the preferred terms as its suggestion.

    Passing (no finding): « traite des êtres humains ».

    Failing (one warning): « trafic des êtres humains », suggesting « traite des êtres humains » or
    « trafic illicite de migrants ».
    """

    code: ClassVar[str] = "TRM001"
    name: ClassVar[str] = "terminology.nonstandard"
    category: ClassVar[str] = "terminology"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        for w in group.wordings:
            v = w.value
            if not isinstance(v, TermValue) or not v.nonstandard:
                continue
            preferred = " or ".join(f"« {p} »" for p in v.preferred)
            ambiguous = len(v.concepts) > 1
            why = "is ambiguous" if ambiguous else "is not the standard term"
            note = f": {v.note}" if v.note else ""
            yield Draft(
                message=f"{who(group, w)} writes {w.text} for the {group.label}, which {why}{note}",
                claims=w.claims,
                suggestion=f"use {preferred}" if preferred else None,
            )


RULE = NonstandardTerm
