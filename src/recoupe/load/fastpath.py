"""The JSON Lines fast path: msgspec decodes claim lines straight into compact structs.

The pydantic models stay the source of truth: a line msgspec refuses goes to pydantic, which either
accepts it (its lax typing takes "2" for 2) or words the located error. msgspec only serves lines
that pydantic accepts too, and tests hold the two to the same fields, defaults and values. The structs use no
per-instance dict and are not tracked by the garbage collector, which matters at a million claims:
a pydantic instance holds about 1.4 KB, one of these about 200 bytes.

The identifier and slot patterns are checked here rather than by msgspec: msgspec runs a regex per
field and line (three quarters of the decoding time), while ids, sources, events and slots repeat
across lines, so each distinct string is matched once, and kept once (see `_canonical`). This also
reads the patterns as pydantic does: msgspec's `re.search` lets `$` match before a final newline,
so it took the id "a\n".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Literal

import msgspec
from msgspec.structs import force_setattr

from recoupe.models import ID_MAX, ID_PATTERN, SLOT_PATTERN

_ID = Annotated[str, msgspec.Meta(max_length=ID_MAX)]  # and ID_PATTERN, checked in decode_claim
_SLOT = str  # SLOT_PATTERN, checked in decode_claim
_TEXT = Annotated[str, msgspec.Meta(min_length=1)]


class FastWaiver(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    code: _TEXT
    reason: _TEXT
    until: dt.date | None = None


class FastClaim(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False, omit_defaults=True):
    """A claim line: the fields of models.BulkClaim, in the same names, with the same constraints."""

    id: _ID
    source: _ID
    event: _ID
    slot: _SLOT
    value: str | int | float | list[str]
    record: Literal["claim"] = "claim"
    subject: _TEXT | None = None
    type: Literal["term", "entity", "date", "quantity", "text"] | None = None
    quote: _TEXT | None = None
    occurrence: Annotated[int, msgspec.Meta(ge=1)] | None = None
    attributed_to: str | None = None
    as_of: str | None = None  # JSON has no dates: the pydantic model keeps such a string as it is
    hedged: bool = False
    negated: bool = False
    approximate: bool = False
    review: bool = False
    note: str | None = None
    waive: tuple[FastWaiver, ...] = ()


_decoder = msgspec.json.Decoder(FastClaim)
_id_ok = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
_slot_ok = re.compile(SLOT_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
# Strings already seen to match their pattern, each kept once: a claim takes the first copy of its
# source, event, slot and id, so that a million claims do not hold a million copies of each. With
# `_words` below, 9 % of a whole check's peak memory (228 MiB against 249 MiB at 50,000 claims:
# benchmarks/bench_micro.py). Bounded: a corpus of unique ids would only refill it.
_MEMO_MAX = 1 << 16
_ids: dict[str, str] = {}
_slots: dict[str, str] = {}
# Wordings and subjects repeat too (a corpus has a few thousand of each): one copy of each, and its
# hash, once computed, serves every later lookup.
_words: dict[str, str] = {}


def _canonical(s: str, seen: dict[str, str], match: Callable[[str], re.Match[str] | None]) -> str | None:
    """The first copy of `s` seen, if it matches its pattern; None if it does not."""
    first = seen.get(s)
    if first is not None:
        return first
    if match(s) is None:
        return None
    if len(seen) >= _MEMO_MAX:
        seen.clear()
    seen[s] = s
    return s


def decode_claim(line: bytes | str) -> FastClaim | None:
    """The claim on this line, or None when it is not a valid claim (pydantic then says why)."""
    try:
        claim = _decoder.decode(line)
    except (msgspec.ValidationError, msgspec.DecodeError, UnicodeDecodeError):  # (a string that is not UTF-8)
        return None
    ids = _ids
    cid = _canonical(claim.id, ids, _id_ok)
    source = _canonical(claim.source, ids, _id_ok)
    event = _canonical(claim.event, ids, _id_ok)
    slot = _canonical(claim.slot, _slots, _slot_ok)
    if cid is None or source is None or event is None or slot is None:
        return None
    force_setattr(claim, "id", cid)
    force_setattr(claim, "source", source)
    force_setattr(claim, "event", event)
    force_setattr(claim, "slot", slot)
    words = _words
    if len(words) >= _MEMO_MAX:
        words.clear()
    value, subject = claim.value, claim.subject
    if type(value) is str:
        force_setattr(claim, "value", words.setdefault(value, value))
    if subject is not None:
        force_setattr(claim, "subject", words.setdefault(subject, subject))
    return claim
