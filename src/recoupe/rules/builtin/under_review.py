"""REV001 review.pending: claims drafted by `recoupe draft` that no one has confirmed yet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Rule, RuleContext

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim, LoadedSource


class UnderReview(Rule):
    """A source has claims still marked `review: true`.

    `recoupe draft` marks every claim it writes for review: its slot, value and qualifiers were
    guessed from the text, not checked by a person. They are compared like any other claim, and
    reported here so that no draft passes for a checked claim. Read each one against the text, fix
    or delete it, then remove its `review: true`. To fail CI while drafts remain, run
    `recoupe check --fail-on info`, or raise this rule alone with `severity = {REV001 = "error"}`.

    Passing (no finding): a source whose claims carry no `review` flag.

    Failing (one info finding naming the claims): a source written by `recoupe draft` and not yet
    reviewed.
    """

    code: ClassVar[str] = "REV001"
    name: ClassVar[str] = "review.pending"
    category: ClassVar[str] = "review"
    severity: ClassVar[Severity] = Severity.INFO
    scope: ClassVar[str] = "source"

    def check_source(
        self, source: LoadedSource, claims: list[LoadedClaim], ctx: RuleContext
    ) -> Iterator[Draft]:
        pending = tuple(c for c in claims if c.claim.review)
        if not pending:
            return
        n = len(pending)
        yield Draft(
            message=(
                f"{ctx.source_label(source.source.id)} has {n} claim{'s' if n != 1 else ''} drafted and "
                f"still under review: {', '.join(c.id for c in pending[:5])}{', …' if n > 5 else ''}"
            ),
            claims=pending,
            suggestion="check each against the text, fix or delete it, then remove its 'review: true'",
        )


RULE = UnderReview
