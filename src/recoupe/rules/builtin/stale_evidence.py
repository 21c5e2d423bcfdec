"""EVD001 evidence.stale: a source's text changed after its claims were pinned to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Rule, RuleContext

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim, LoadedSource


class StaleEvidence(Rule):
    """The text of a source no longer has the sha256 its claims file pins.

    The article was edited (or the file replaced) after the claims were written, so their quotes and
    values may no longer hold. Its claims are left out of every comparison until someone checks
    them against the new text and updates the pin (`text.sha256`).

    Passing (no finding): the text's sha256 is the pinned one.

    Failing (one error naming all the source's claims): the text was edited after pinning.
    """

    code: ClassVar[str] = "EVD001"
    name: ClassVar[str] = "evidence.stale"
    category: ClassVar[str] = "evidence"
    severity: ClassVar[Severity] = Severity.ERROR
    scope: ClassVar[str] = "source"

    def check_source(
        self, source: LoadedSource, claims: list[LoadedClaim], ctx: RuleContext
    ) -> Iterator[Draft]:
        if not source.stale or source.source.text is None:
            return
        yield Draft(
            message=(
                f"the text of {ctx.source_label(source.source.id)} ({source.source.text.path}) changed since its "
                f"claims were pinned: sha256 {source.actual_sha256} is not {source.source.text.sha256}; its "
                f"{len(claims)} claims were not compared"
            ),
            claims=tuple(claims),
            suggestion=(
                f"check the claims against the new text, then run 'recoupe pin {source.file}' "
                f"(it writes sha256: {source.actual_sha256})"
            ),
        )


RULE = StaleEvidence
