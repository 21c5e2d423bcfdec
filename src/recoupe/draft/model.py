"""What the drafter finds: candidate claims anchored on spans of the text, and the source's metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Candidate:
    """A claim found in the text, before ids and qualifiers: a span, a slot, a value and a type."""

    start: int
    end: int
    slot: str
    value: str | list[str]
    type: str  # term, entity, date, quantity or text
    subject: str | None = None
    approximate: bool = False
    attributed_to: str | None = None
    as_of: str | None = None  # when a count held, as worded (« au 30 juin »)
    hedged: bool = False
    negated: bool = False
    found_by: str = ""  # which finder made it: dates, quantities, terms, registry, nlp, roles


@dataclass(slots=True)
class Drafted:
    """A drafted source: metadata from the text, the claims with their ids, and what was skipped."""

    title: str | None
    published: dt.date | None
    language: str
    claims: list[tuple[str, Candidate, str, int | None]] = field(
        default_factory=list
    )  # id, claim, quote, occurrence
    skipped: list[str] = field(default_factory=list)
