"""Finding, ClaimRef, Severity and the fingerprint: flat, immutable records every report is built from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, get_args

from recoupe.normalize.relation import Relation

if TYPE_CHECKING:
    from recoupe.errors import Problem

# The code and name of the findings that stand for problems with the input (a file recoupe could not
# read or validate), so that reports written on bad input still show them where they are.
INPUT_CODE, INPUT_NAME = "INP001", "input.invalid"

Category = Literal[
    "agreement",
    "less-specific",
    "partial",
    "contradiction",
    "divergent",
    "update",
    "attribution",
    "parts",
    "terminology",
    "intra-source",
    "uncorroborated",
    "evidence",
    "reference",
    "normalization",
    "review",
    "custom",
]
CATEGORIES: tuple[str, ...] = get_args(Category)
# the categories reports count: the rules' own, and the input problems of a run on bad input (no rule
# may claim that one)
REPORT_CATEGORIES: tuple[str, ...] = (*CATEGORIES, "input")


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, level: str) -> bool:
        """True when this severity is at or above `level` ('never' is above everything)."""
        return level != "never" and _RANK[self] >= _RANK[Severity(level)]


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
# -rank, by member: report order puts the most severe first (a lookup, not a property call, as
# sort_key runs once per finding and per sort)
_SORT_RANK = {s: -rank for s, rank in _RANK.items()}


class ClaimRef(NamedTuple):
    """One claim a finding names: where it is written and what it quotes.

    A NamedTuple rather than a frozen dataclass: as immutable, and several times cheaper to make,
    which counts at a million findings.
    """

    source: str
    claim: str
    file: str
    line: int | None
    value: str
    normalized: str
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    attributed_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "claim": self.claim,
            "file": self.file,
            "line": self.line,
            "value": self.value,
            "normalized": self.normalized,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "attributed_to": self.attributed_to,
        }


class PositionRef(NamedTuple):
    """One position a finding relates: what one counter says at one time, and who repeats it."""

    counter: str | None  # None: the sources give the value as their own
    value: str  # the wordings, « 23 » / « vingt-trois »
    normalized: str
    as_of: str | None
    sources: tuple[str, ...]
    claims: tuple[str, ...]  # "source/claim"
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "counter": self.counter,
            "value": self.value,
            "normalized": self.normalized,
            "as_of": self.as_of,
            "sources": list(self.sources),
            "claims": list(self.claims),
            "negated": self.negated,
        }


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding does not count: a waiver on a claim or source, or a baseline entry."""

    kind: str  # "waiver" | "baseline"
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "reason": self.reason}


class Finding(NamedTuple):
    """One thing a rule found: flat, immutable, and the only input of every report format."""

    code: str
    name: str
    severity: Severity
    category: str
    event: str
    subject: str
    slot: str
    message: str
    claims: tuple[ClaimRef, ...]
    relation: Relation | None = None
    suggestion: str | None = None
    fingerprint: str = ""
    suppressed: Suppression | None = None
    positions: tuple[PositionRef, ...] = ()  # for comparison findings: the positions related

    def with_suppression(self, s: Suppression) -> Finding:
        return self._replace(suppressed=s)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.claims))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "category": self.category,
            "event": self.event,
            "subject": self.subject,
            "slot": self.slot,
            "relation": self.relation.value if self.relation is not None else None,
            "message": self.message,
            "claims": [c.to_dict() for c in self.claims],
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
            "suppressed": self.suppressed.to_dict() if self.suppressed else None,
            "positions": [p.to_dict() for p in self.positions],
        }


def input_finding(p: Problem) -> Finding:
    """A problem with the input as an error finding at its file and line (none for the command line)."""
    at = f" at {p.pointer}" if p.pointer else ""
    where = () if p.file.startswith("<") else (ClaimRef("", "", p.file, p.line, "", ""),)
    return Finding(
        INPUT_CODE,
        INPUT_NAME,
        Severity.ERROR,
        "input",
        "",
        "",
        "",
        f"{p.message}{at} [{p.kind}]",
        where,
        fingerprint=_digest(INPUT_CODE, p.file, str(p.line or ""), p.pointer, [p.message]),
    )


def fingerprint(code: str, event: str, subject: str, slot: str, claims: Iterable[ClaimRef]) -> str:
    """A stable id: the same for the same rule, place and claims whatever else the corpus holds.

    Built from sorted parts so that file order and unrelated claims cannot change it.
    """
    return _digest(code, event, subject, slot, [f"{c.source}\x1f{c.claim}\x1f{c.normalized}" for c in claims])


def position_fingerprint(code: str, event: str, subject: str, slot: str, positions: Iterable[str]) -> str:
    """The fingerprint of a finding about positions, each given as counter, time, negation and
    normalized value: keyed on what they say, by whom and when, not on which sources hold them, so
    that a new source joining a position leaves baselines and waivers valid."""
    return _digest(code, event, subject, slot, list(positions))


def _digest(code: str, event: str, subject: str, slot: str, parts: list[str]) -> str:
    h = hashlib.sha256("\x1e".join([code, event, subject, slot, *sorted(parts)]).encode("utf-8"))
    return h.hexdigest()[:20]


def sort_key(f: Finding) -> tuple[Any, ...]:
    """Reports list findings by event, subject, slot, then the most severe first."""
    return (f.event, f.subject, f.slot, _SORT_RANK[f.severity], f.code, f.fingerprint)


def finding_from_dict(d: dict[str, Any]) -> Finding:
    """The finding `Finding.to_dict()` gave (the findings cache stores them as JSON).

    Raises KeyError, TypeError or ValueError for anything else: the cache takes that as a miss.
    """
    suppressed = d["suppressed"]
    return Finding(
        d["code"],
        d["name"],
        Severity(d["severity"]),
        d["category"],
        d["event"],
        d["subject"],
        d["slot"],
        d["message"],
        tuple([ClaimRef(**c) for c in d["claims"]]),
        Relation(d["relation"]) if d["relation"] is not None else None,
        d["suggestion"],
        d["fingerprint"],
        Suppression(suppressed["kind"], suppressed["reason"]) if suppressed is not None else None,
        tuple(
            [
                PositionRef(
                    p["counter"],
                    p["value"],
                    p["normalized"],
                    p["as_of"],
                    tuple(p["sources"]),
                    tuple(p["claims"]),
                    p["negated"],
                )
                for p in d["positions"]
            ]
        ),
    )
