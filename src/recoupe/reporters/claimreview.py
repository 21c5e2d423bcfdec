"""The `claimreview` report: schema.org ClaimReview JSON-LD, as fact-checkers publish it for search engines
and the Google Fact Check Tools."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from recoupe.findings import Finding, Severity
from recoupe.reporters._common import group_title, one_line
from recoupe.reporters.base import ReportData, Reporter

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


class ClaimReviewReporter(Reporter):
    """One ClaimReview per finding that counts at warning or above: the point the sources disagree on
    (claimReviewed), the verdict (reviewRating), and each source that makes a claim of the finding as
    an `appearance` of the reviewed Claim.

    `url` is the page that publishes the reviews (each review points into it by fingerprint) and
    `author` the organisation that publishes them: both come from the `[claimreview]` config table.
    """

    name: ClassVar[str] = "claimreview"
    suffix: ClassVar[str] = ".jsonld"

    def __init__(self, *, review_url: str = "", review_author: str = "") -> None:
        self.url = review_url
        self.author = review_author

    def render(self, data: ReportData) -> str:
        import json

        reviews = [self.review(data, f) for f in data.shown(Severity.WARNING.value)]
        return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"

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
