"""Quantity spans: each number the quantity normalizer reads, with the noun it counts as its slot."""

from __future__ import annotations

from collections.abc import Iterator

from recoupe.draft.lexicon import (
    ARTICLE_NUMBERS,
    COUNTED,
    FATE_REACH,
    FATES,
    GENERIC,
    REFERRING,
    VAGUE_COUNTS,
)
from recoupe.draft.model import Candidate
from recoupe.draft.text import PUNCT_STOPS, Text, slug, widest
from recoupe.normalize.quantities import QuantityValue, parse_quantity
from recoupe.textnorm import fold_text

LEFT, RIGHT = 4, 4  # approximators before the number (« un peu plus de »), number words after it
_NOUN_LEAD = frozenset({"de", "d'", "d", "des", "du", "of"})
_FUNCTION = frozenset(
    {"le", "la", "les", "l'", "l", "et", "ou", "a", "au", "aux", "en", "the", "and", "or", "in", "on"}
)


def _number_at(text: Text, i: int, lang: str) -> bool:
    """Whether token i is a number or a number word (« quinze », « quarantaine », « 4ème »)."""
    key = text.keys[i]
    if key in ARTICLE_NUMBERS or not text.tokens[i].text[0].isalnum():
        return False
    return parse_quantity(text.tokens[i].text, lang=lang) is not None


def _parse(text: Text, a: int, b: int, lang: str) -> QuantityValue | None:
    toks = text.tokens[a:b]
    if any(t.text in PUNCT_STOPS for t in toks):
        return None
    return parse_quantity(text.text[toks[0].start : toks[-1].end], lang=lang)


def _counted(text: Text, b: int) -> tuple[str, int] | None:
    """The noun after a number (past « de »), and the index of its token; None when none follows."""
    n = len(text.tokens)
    j = b
    if j < n and text.keys[j] in _NOUN_LEAD:
        j += 1
    if j < n and text.tokens[j].text[0].isalpha() and text.keys[j] not in _FUNCTION:
        return text.keys[j], j
    return None


def slot_for(noun: str) -> str:
    """quantity:<what>: from the lexicon, else the noun's own slug (« sessions » -> quantity:sessions)."""
    return "quantity:" + COUNTED.get(noun, slug(noun, 30))


def _slot(text: Text, noun: str, at: int) -> str:
    """A noun that names who was counted (« migrants ») gives way to what befell them (« sont morts »)."""
    if COUNTED.get(noun, "people") in GENERIC:
        fate = _fate(text, at)
        if fate is not None:
            return "quantity:" + fate
    return slot_for(noun)


def _fate(text: Text, at: int) -> str | None:
    """What the words after the counted noun say befell them (« sont morts »), up to a stop."""
    for j in range(at + 1, min(len(text.tokens), at + 1 + FATE_REACH)):
        if text.tokens[j].text in PUNCT_STOPS or text.tokens[j].text[0].isdigit():
            return None  # past a stop or another number, the words are about something else
        if text.keys[j] in FATES:
            return FATES[text.keys[j]]
    return None


def find_quantities(text: Text, taken: list[tuple[int, int]], lang: str) -> Iterator[Candidate]:
    """Quantity claims. `taken` spans (dates) are skipped: « 1er août » holds no count."""
    n = len(text.tokens)
    i = 0
    while i < n:
        tok = text.tokens[i]
        if (
            any(a <= tok.start < b for a, b in taken)
            or text.in_url(tok.start)
            or not _number_at(text, i, lang)
            or (i > 0 and text.keys[i - 1] in REFERRING and not tok.text[0].isdigit())
        ):
            i += 1
            continue

        # the widest wording that still reads as a number without a noun: approximators, « 15 000 »
        def bare(a: int, b: int) -> QuantityValue | None:
            v = _parse(text, a, b, lang)
            if v is None or v.noun or any(x <= text.tokens[b - 1].start < y for x, y in taken):
                return None
            return v

        best = widest(n, i, LEFT, RIGHT, bare)
        if best is None:
            i += 1
            continue
        a, b, v = best
        counted = _counted(text, b)
        start = text.tokens[a].start
        if counted is None:
            i = b
            continue  # a number that counts nothing named (« en 2022 » was a date already)
        noun, at = counted
        value = text.text[start : text.tokens[b - 1].end]
        if fold_text(value) in VAGUE_COUNTS:  # « plusieurs domaines »: no number stated
            i = at + 1
            continue
        # approximate when the wording carries its own approximator: the flag then widens nothing
        approximate = (
            not v.ordinal and v.low != v.high and parse_quantity(value, approximate=True, lang=lang) == v
        )
        yield Candidate(
            start,
            text.tokens[at].end,
            _slot(text, noun, at),
            value,
            "quantity",
            approximate=approximate,
            found_by="quantities",
        )
        i = at + 1
