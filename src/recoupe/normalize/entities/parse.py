"""Parsing entity values: a claim's wording cut into members, each resolved through the registry or kept as a name.

« le ministre de la Justice Abdellatif Ouahbi » names one person, « le Maroc et le Niger » two countries,
« la ville de Rabat » one city: the value is cut at separators and free « et » / « and », registered names
are found inside each segment, and role phrases, honorifics and descriptors are read around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from recoupe.normalize.entities.compare import EntityValue, Member
from recoupe.normalize.entities.names import (
    DESCRIPTORS,
    FUNCTION_WORDS,
    PARTICLES,
    ROLES,
    WEAK,
    Token,
    content_tokens,
    tokenize,
)
from recoupe.textnorm import fold_text, fold_typography

if TYPE_CHECKING:
    from recoupe.normalize.entities.registry import Registry

_DESCRIPTIVE = DESCRIPTORS | FUNCTION_WORDS
_GENITIVES = frozenset({"de", "du", "des", "d", "of"})
_LOCATIVES = frozenset({"a", "au", "aux", "en", "in", "at"})
_COORDINATING_SEPS = frozenset(";&|")


def parse_entity(raw: str | Sequence[str], registry: Registry) -> EntityValue:
    """Normalize an entity value: one string (« le Maroc et le Niger ») or a list of them.

    Results are cached per (value, registry): values repeat across claims.
    """
    key: str | tuple[str, ...] = raw if isinstance(raw, str) else tuple(raw)
    return _parse_cached(key, registry)


def clear_cache() -> None:
    _parse_cached.cache_clear()


@lru_cache(maxsize=1 << 16)
def _parse_cached(key: str | tuple[str, ...], registry: Registry) -> EntityValue:
    if isinstance(key, str):
        return EntityValue(_dedupe(_Parser(key, registry).members()), key)
    found: list[Member] = []
    for item in key:
        found.extend(_Parser(str(item), registry).members())
    return EntityValue(_dedupe(found), ", ".join(str(item) for item in key))


def _dedupe(members: list[Member]) -> tuple[Member, ...]:
    seen: set[object] = set()
    out: list[Member] = []
    for m in members:
        k: object = m.candidates if m.candidates else m.words
        if k not in seen:
            seen.add(k)
            out.append(m)
    return tuple(out)


# --- parsing -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """Words first..last (exclusive) of the value: one plain word, or a registered name (ids)."""

    first: int
    last: int
    ids: frozenset[str] | None = None


@dataclass(slots=True)
class _Segment:
    """Words between separators (, ; ( ) : &) and free 'et' / 'and', with the names found in them."""

    items: list[_Item]
    coordinated: bool  # joined to the previous segment by et / and / ; / & (else apposition, or first)


@dataclass(slots=True)
class _Reading:
    """What one segment contributes."""

    members: list[Member]
    named: bool  # it names something (a name, resolved or not), as opposed to describing it
    role: bool  # it is a role description (« le président de la commission … »)
    recognised: bool  # a rule picked a name out of it (registered or not)
    leads_weak: bool  # it began with an article or preposition
    first: int
    last: int


class _Parser:
    def __init__(self, text: str, registry: Registry) -> None:
        self.reg = registry
        self.s = fold_typography(text)
        self.tokens: list[Token] = []
        self.words: list[Token] = []
        self.folded: list[str] = []
        self.cased: list[str] = []
        self.cased_info = True

    def members(self) -> list[Member]:
        reg = self.reg
        # Fast path: the whole value is a registered name, as written.
        ids = reg.lookup_exact(fold_text(self.s))
        if ids:
            return [self._resolved(ids, self.s.strip())]
        self.tokens = tokenize(self.s)
        self.words = [t for t in self.tokens if not t.sep]
        if not self.words:
            return []
        self.folded = [t.folded for t in self.words]
        self.cased = [t.cased for t in self.words]
        # The whole value, separators ignored (a registered name may hold a comma), with and without
        # the articles, prepositions and honorifics in front.
        n = len(self.words)
        start = self._skip_weak(0, n)
        ids = reg.lookup_words(self.folded[start:], self.cased[start:]) if 0 < start < n else None
        if not ids:
            start = 0
            ids = reg.lookup_words(self.folded, self.cased)
        if ids:
            return [self._resolved(ids, self._span(start, n))]
        # Capitals tell a proper noun (« Maroc ») from an adjective (« marocain »), unless the value is
        # written all in one case.
        firsts = [c[:1] for c in self.cased]
        self.cased_info = any(f.isupper() for f in firsts) and any(f.islower() for f in firsts)
        segments = self._segments()
        return self._assemble(segments, [self._read(seg) for seg in segments])

    # segmentation

    def _segments(self) -> list[_Segment]:
        segments: list[_Segment] = []
        coordinated = False
        w = 0  # index of the next word
        chunk_start = 0
        for t in [*self.tokens, Token("", "", 0, 0, ",")]:
            if not t.sep:
                w += 1
                continue
            if w > chunk_start:
                coordinated = self._split_chunk(chunk_start, w, coordinated, segments)
            chunk_start = w
            coordinated = coordinated or t.sep in _COORDINATING_SEPS
        return segments

    def _split_chunk(self, a: int, b: int, coordinated: bool, out: list[_Segment]) -> bool:
        """Scan words a..b for registered names, and cut at each free 'et' / 'and'."""
        reg, folded, cased = self.reg, self.folded, self.cased
        items: list[_Item] = []
        i = a
        while i < b:
            m = reg.match_at(folded, cased, i, b)
            if m is not None:
                items.append(_Item(i, i + m[0], m[1]))
                i += m[0]
            elif folded[i] == "et" or folded[i] == "and":
                if items:
                    out.append(_Segment(items, coordinated))
                    items = []
                coordinated = True
                i += 1
            else:
                items.append(_Item(i, i + 1))
                i += 1
        if items:
            out.append(_Segment(items, coordinated))
            coordinated = False
        return coordinated

    # reading one segment

    def _read(self, seg: _Segment) -> _Reading:
        items, folded = seg.items, self.folded
        reg = self.reg
        first, last = items[0].first, items[-1].last
        # A short acronym ("UE", "MA") names something only as a whole segment.
        if all(it.ids is None for it in items):
            ids = reg.lookup_short_acronym(self.cased[first:last])
            if ids:
                return self._named([self._resolved(ids, self._span(first, last))], first, last)
        k = 0
        while k < len(items) - 1 and items[k].ids is None and folded[items[k].first] in WEAK:
            k += 1
        leads_weak = k > 0
        body = items[k:]
        if leads_weak and len(body) == 1 and body[0].ids is None:
            ids = reg.lookup_short_acronym(self.cased[body[0].first : body[0].last])
            if ids:
                return self._named([self._resolved(ids, self._item_span(body[0]))], first, last)
        b0, bl = body[0], body[-1]
        is_role = [it.ids is None and folded[it.first] in ROLES for it in body]
        has_role = any(is_role)

        # Only registered names, possibly « Rabat au Maroc »: each one is a member.
        if all(it.ids is not None or folded[it.first] in _LOCATIVES for it in body) and bl.ids is not None:
            named = [self._resolved(it.ids, self._item_span(it)) for it in body if it.ids is not None]
            return self._named(named, first, last)
        if bl.ids is not None and len(body) > 1 and self._capital(bl):
            prefix = body[:-1]
            p = prefix[-1]
            # « le ministre de la Justice Abdellatif Ouahbi », « the Justice Minister Abdellatif Ouahbi »
            if has_role and (p.ids is not None or folded[p.first] not in FUNCTION_WORDS):
                return self._named([self._resolved(bl.ids, self._item_span(bl))], first, last)
            # « la ville de Rabat », « le royaume du Maroc »
            descriptive = all(it.ids is None and folded[it.first] in _DESCRIPTIVE for it in prefix)
            if descriptive and any(folded[it.first] in DESCRIPTORS for it in prefix):
                return self._named([self._resolved(bl.ids, self._item_span(bl))], first, last)
        # « le roi Mohammed VI », « the Nigerien President Mohamed Bazoum »: an unknown name ends the role
        trailing = self._trailing_name(body, is_role) if has_role else None
        if trailing is not None:
            return self._named([self._unknown(*trailing)], first, last)
        if b0.ids is not None and len(body) > 1 and self._capital(b0):
            nxt = body[1]
            # « Abdellatif Ouahbi ministre de la Justice », « Abdellatif Ouahbi du Maroc »
            if nxt.ids is None and (folded[nxt.first] in ROLES or folded[nxt.first] in _GENITIVES):
                return self._named([self._resolved(b0.ids, self._item_span(b0))], first, last)
        if has_role:
            leading = self._leading_name(body, is_role)
            if leading is not None:
                return self._named([self._unknown(*leading)], first, last)
            start = body[0].first
            return _Reading([self._unknown(start, last)], False, True, False, leads_weak, start, last)
        start = body[0].first
        capital = any(self._capital(_Item(i, i + 1)) for i in range(start, last))
        return _Reading([self._unknown(start, last)], capital, False, False, leads_weak, start, last)

    def _trailing_name(self, body: list[_Item], is_role: list[bool]) -> tuple[int, int] | None:
        """The capitalised words that end a role phrase: « le roi Mohammed VI » -> Mohammed VI."""
        j = len(body)
        while j > 0:
            it = body[j - 1]
            if it.ids is not None or is_role[j - 1]:
                break
            # a particle counts only between capitalised words: « Charles de Gaulle »
            inner_particle = (
                self.folded[it.first] in PARTICLES and j < len(body) and j >= 2 and self._capital(body[j - 2])
            )
            if not (self._capital(it) or inner_particle):
                break
            j -= 1
        if j == len(body) or j == 0 or self.folded[body[j].first] in PARTICLES:
            return None
        p = body[j - 1]
        fp = self.folded[p.first]
        if p.ids is not None or is_role[j - 1] or (not self._capital(p) and fp not in FUNCTION_WORDS):
            return body[j].first, body[-1].last
        return None

    def _leading_name(self, body: list[_Item], is_role: list[bool]) -> tuple[int, int] | None:
        """The capitalised words before a role: « Jean Dupont ministre de la Justice » -> Jean Dupont."""
        j = 0
        while j < len(body) and body[j].ids is None and not is_role[j] and self._capital(body[j]):
            j += 1
        if 0 < j < len(body) and is_role[j]:
            return body[0].first, body[j - 1].last
        return None

    def _capital(self, it: _Item) -> bool:
        return not self.cased_info or self.cased[it.first][:1].isupper()

    def _named(self, members: list[Member], first: int, last: int) -> _Reading:
        return _Reading(members, True, False, True, False, first, last)

    # assembling segments

    def _assemble(self, segments: list[_Segment], readings: list[_Reading]) -> list[Member]:
        merged: list[tuple[bool, _Reading]] = []
        for seg, r in zip(segments, readings, strict=True):
            prev = merged[-1][1] if merged else None
            if prev is not None and _continues_role(prev, r, seg.coordinated):
                merged[-1] = (merged[-1][0], self._merged(prev, r))
                continue
            merged.append((seg.coordinated, r))
        out: list[Member] = []
        group: list[_Reading] = []
        for coordinated, r in merged:
            if coordinated and group:
                out.extend(_pick(group))
                group = []
            group.append(r)
        if group:
            out.extend(_pick(group))
        return out

    def _merged(self, role: _Reading, tail: _Reading) -> _Reading:
        member = self._unknown(role.first, tail.last)
        return _Reading([member], False, True, False, role.leads_weak, role.first, tail.last)

    # members

    def _resolved(self, ids: frozenset[str], label: str) -> Member:
        res = self.reg.resolution(ids)
        only = res.candidates[0] if len(res.candidates) == 1 else None
        return Member(
            only, fold_text(label), label, res.candidates, res.extension, frozenset(), res.covers, res.kinds
        )

    def _unknown(self, a: int, b: int) -> Member:
        label = self._span(a, b)
        return Member(None, fold_text(label), label, words=content_tokens(self.folded[a:b]))

    def _span(self, a: int, b: int) -> str:
        return self.s[self.words[a].start : self.words[b - 1].end]

    def _item_span(self, it: _Item) -> str:
        return self._span(it.first, it.last)

    def _skip_weak(self, i: int, end: int) -> int:
        while i < end and self.folded[i] in WEAK:
            i += 1
        return i


def _continues_role(prev: _Reading, r: _Reading, coordinated: bool) -> bool:
    """« président de la commission … des êtres humains et l'immigration clandestine du Niger »: what
    follows 'et' in a role phrase, starts with an article and names nothing by itself, is still the role."""
    describes = prev.role and not prev.named
    return coordinated and describes and not r.recognised and not r.role and r.leads_weak


def _pick(group: list[_Reading]) -> list[Member]:
    """Among segments in apposition, names win over descriptions (« le ministre de la Justice, X »)."""
    named = [r for r in group if r.named]
    out: list[Member] = []
    for r in named or group:
        out.extend(r.members)
    return out
