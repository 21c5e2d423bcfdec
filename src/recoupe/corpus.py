"""The loaded corpus: events, sources and claims with where they were read, as the engine sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recoupe.load.fastpath import FastClaim
    from recoupe.models import ClaimBody, Event, SourceBase

    # A claim from a source file (pydantic) or from a JSON Lines file (msgspec): the same fields.
    AnyClaim = ClaimBody | FastClaim


@dataclass(slots=True)
class LoadedEvent:
    event: Event
    file: str | None  # None when the event is only implied by its folder
    line: int | None = None


@dataclass(slots=True)
class LoadedSource:
    source: SourceBase
    file: str
    line: int | None
    event: str  # the default event of its claims
    text_file: str | None = None
    text: str | None = None  # the text as read (its folded form lives in the loader, while it places quotes)
    stale: bool = False  # the text's sha256 is not the pinned one
    actual_sha256: str | None = None


@dataclass(slots=True)
class LoadedClaim:
    """A claim with everything the engine needs: its resolved event, subject, type and location."""

    claim: AnyClaim
    source: str
    event: str
    subject: str  # "" stands for the event itself
    type: str
    file: str
    line: int | None
    start: int | None = None
    end: int | None = None
    value: Any = None  # the normalized value, set by the engine
    ref: Any = None  # its ClaimRef, made once for all the findings that name it

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def slot(self) -> str:
        return self.claim.slot

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.event, self.subject, self.claim.slot)


@dataclass(slots=True)
class Corpus:
    events: dict[str, LoadedEvent] = field(default_factory=dict)
    sources: dict[str, LoadedSource] = field(default_factory=dict)
    claims: list[LoadedClaim] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _index: dict[tuple[str, str], LoadedClaim] | None = None
    # cache entries to write once the run is through: (key, kind, JSON value)
    cache_writes: list[tuple[str, str, Any]] = field(default_factory=list)
    # the cache key of each claims file read (by its name as shown): what each event's findings depend on
    file_keys: dict[str, str] = field(default_factory=dict)
    parsed: int = 0  # source files parsed (not taken from the cache)

    def claim(self, source: str, claim_id: str) -> LoadedClaim | None:
        if self._index is None:
            self._index = {(c.source, c.id): c for c in self.claims}
        return self._index.get((source, claim_id))

    def stale_sources(self) -> list[LoadedSource]:
        return [s for s in self.sources.values() if s.stale]
