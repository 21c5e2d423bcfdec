"""The html report's index of a run: anchors for claims and findings, the claims by event and by
source, and the findings that name each claim, with the verdict and tooltip they give it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recoupe.findings import ClaimRef, Finding
from recoupe.reporters._common import worst_verdict

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim
    from recoupe.reporters.base import ReportData

ClaimKey = tuple[str, str]  # (source, claim id)


def value_text(raw: object) -> str:
    return ", ".join(str(x) for x in raw) if isinstance(raw, list) else str(raw)


@dataclass(slots=True)
class Index:
    """Ids for the page's anchors, the claims by event and by source, and what findings name each claim."""

    claim_ids: dict[ClaimKey, str] = field(default_factory=dict)
    finding_ids: dict[int, str] = field(default_factory=dict)  # id(finding) -> anchor
    named_by: dict[ClaimKey, list[Finding]] = field(default_factory=dict)
    refs: dict[ClaimKey, ClaimRef] = field(default_factory=dict)
    loaded: dict[ClaimKey, LoadedClaim] = field(default_factory=dict)
    by_event: dict[str, list[LoadedClaim]] = field(default_factory=dict)
    by_source: dict[str, list[LoadedClaim]] = field(default_factory=dict)
    _verdicts: dict[ClaimKey, str] = field(default_factory=dict)

    @classmethod
    def of(cls, data: ReportData) -> Index:
        """The index of a run: the corpus's claims first, then those only findings name."""
        idx = cls()
        for c in data.corpus.claims:
            key = (c.source, c.id)
            idx.claim_id(key)
            idx.loaded[key] = c
            idx.by_event.setdefault(c.event, []).append(c)
            idx.by_source.setdefault(c.source, []).append(c)
        for n, f in enumerate(data.ordered()):
            idx.finding_ids[id(f)] = f"f{n}"
            for ref in f.claims:
                key = (ref.source, ref.claim)
                idx.claim_id(key)
                idx.refs.setdefault(key, ref)
                named = idx.named_by.setdefault(key, [])
                if not named or named[-1] is not f:
                    named.append(f)
        return idx

    def claim_id(self, key: ClaimKey) -> str:
        return self.claim_ids.setdefault(key, f"c{len(self.claim_ids)}")

    def finding_id(self, f: Finding) -> str:
        return self.finding_ids[id(f)]

    def verdict(self, key: ClaimKey) -> str:
        """The worst verdict among the findings that count and name the claim ('none' if none)."""
        v = self._verdicts.get(key)
        if v is None:
            v = worst_verdict(f.category for f in self.named_by.get(key, ()) if f.suppressed is None)
            self._verdicts[key] = v
        return v

    def under_review(self, keys: Iterable[ClaimKey]) -> bool:
        """Whether any of these claims is a draft still marked `review: true`."""
        loaded = self.loaded
        return any((c := loaded.get(k)) is not None and c.claim.review for k in keys)

    def value(self, key: ClaimKey) -> str:
        ref = self.refs.get(key)
        if ref is not None:
            return ref.value
        c = self.loaded.get(key)
        return value_text(c.claim.value) if c is not None else ""

    def title(self, keys: Iterable[ClaimKey]) -> str:
        """The tooltip of a highlight: each claim, and the findings that name it."""
        lines: list[str] = []
        for key in keys:
            lines.append(f"{key[0]} / {key[1]}: « {self.value(key)} »")
            findings = self.named_by.get(key, ())
            for f in findings:
                tag = " (suppressed)" if f.suppressed else ""
                lines.append(f"  {f.severity.value} {f.code}{tag}: {f.message}")
            if not findings:
                lines.append("  no finding")
        return "\n".join(lines)
