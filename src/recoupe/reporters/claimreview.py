"""The `claimreview` report: schema.org ClaimReview JSON-LD, as fact-checkers publish it for search engines
and the Google Fact Check Tools."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from recoupe.findings import Finding, Severity
from recoupe.gcpause import no_collection
from recoupe.reporters._common import group_title, one_line
from recoupe.reporters.base import ReportData, Reporter
from recoupe.reporters.pieces import Piece, Totals

if TYPE_CHECKING:
    from recoupe.corpus import LoadedSource

# The textual verdict (reviewRating.alternateName, the one part of a rating that search results show),
# by the finding's category; a category not listed (a plugin's own) gets the last one.
VERDICT = {
    "contradiction": "Contradicted by another source",
    "reference": "Contradicted by the official record",
    "partial": "Partly inconsistent with another source",
    "divergent": "Accounts diverge",
    "attribution": "Misattributed",
    "parts": "Inconsistent figures",
    "terminology": "Imprecise wording",
    "intra-source": "Inconsistent within the source",
    "evidence": "Not verified: the text changed",
    "update": "Outdated",
}
NEEDS_CHECK = "Needs checking"

_BATCH = 1000  # reviews encoded at a time by the whole report
_SEPARATOR = b",\n"  # between two items of the list, as json.dumps(indent=2) writes it


class ClaimReviewReporter(Reporter):
    """One ClaimReview per finding that counts at warning or above: the point the sources disagree on
    (claimReviewed), the verdict (reviewRating), and each source that makes a claim of the finding as
    an `appearance` of the reviewed Claim.

    `url` is the page that publishes the reviews (each review points into it by fingerprint) and
    `author` the organisation that publishes them: both come from the `[claimreview]` config table.
    """

    name: ClassVar[str] = "claimreview"
    suffix: ClassVar[str] = ".jsonld"
    separator: ClassVar[bytes] = _SEPARATOR

    def __init__(self, *, review_url: str = "", review_author: str = "") -> None:
        self.url = review_url
        self.author = review_author

    def render(self, data: ReportData) -> str:
        return b"".join(self.chunks(data)).decode("utf-8")

    def chunks(self, data: ReportData) -> Iterator[bytes]:
        """The list a batch of reviews at a time, each batch as the whole list's items are indented."""
        with no_collection():
            shown = data.shown(Severity.WARNING.value)
            yield from _around(self._body(data, shown[i : i + _BATCH]) for i in range(0, len(shown), _BATCH))

    def piece(self, data: ReportData, event: str) -> Piece:
        return Piece(event, self._body(data, data.shown(Severity.WARNING.value)))

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        return _around(p.body for p in pieces)

    def _body(self, data: ReportData, findings: list[Finding]) -> bytes:
        """The reviews of `findings` as they stand in the report's list, without its brackets."""
        import json

        if not findings:
            return b""
        reviews = [self.review(data, f) for f in findings]
        # the list's items, indented as in the whole list: between its "[\n" and its "\n]"
        return json.dumps(reviews, ensure_ascii=False, indent=2)[2:-2].encode("utf-8")

    def review(self, data: ReportData, f: Finding) -> dict[str, Any]:
        values = list(dict.fromkeys(c.value for c in f.claims))
        point = group_title(f.subject, f.slot)
        reviewed = f"{point}: " + " / ".join(f"« {v} »" for v in values) if values else point
        appearances = [_appearance(sid, data.corpus.sources.get(sid)) for sid in f.sources]
        claim: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
        dates = [a["datePublished"] for a in appearances if "datePublished" in a]
        if dates:
            claim["datePublished"] = min(dates)
        return {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{self.url}#{f.fingerprint}",
            "claimReviewed": one_line(reviewed),
            "author": {"@type": "Organization", "name": self.author},
            "reviewRating": {
                "@type": "Rating",
                "alternateName": VERDICT.get(f.category, NEEDS_CHECK),
                "ratingExplanation": one_line(f.message),
            },
            "itemReviewed": claim,
        }


def _around(bodies: Iterable[bytes]) -> Iterator[bytes]:
    """The list around runs of its items: what json.dumps(indent=2) writes of the whole list."""
    written = False
    for body in bodies:
        if not body:
            continue
        yield _SEPARATOR if written else b"[\n"
        yield body
        written = True
    yield b"\n]\n" if written else b"[]\n"


def _appearance(sid: str, src: LoadedSource | None) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if src is None:
        work["name"] = sid
        return work
    s = src.source
    if s.url:
        work["url"] = s.url
    work["headline" if s.title else "name"] = s.title or sid
    if s.outlet:
        work["publisher"] = {"@type": "Organization", "name": s.outlet}
    if s.published is not None:
        day = s.published.date() if isinstance(s.published, dt.datetime) else s.published
        work["datePublished"] = day.isoformat()
    return work
