"""Entity values: the persons, organisations and places a claim names, resolved through the registry.

A value is a set of members, one per named entity (« le Maroc et le Niger » has two). Each member
either resolves to registry entities or stays an unknown name that still compares by its words.

Semantics, from which `relate` follows. A value is a conjunction: it says that each of its members
is (among) the referents. Members are ordered by "says at least as much as" (written a ≤ b):
  - two resolved members: a's extension (its entities and everything partOf them) lies within b's,
    so Rabat ≤ Maroc, and an ambiguous name (« Congo ») is the union of its candidates;
  - two unknown names: b's words are a subset of a's, so « Abdellatif Ouahbi » ≤ « Ouahbi »;
  - a resolved member and an unknown name: a ≤ b when b's words are among the words of one name of
    each candidate, or of something it lies within (« Abdellatif Ouahbi » ≤ « M. Ouahbi »). An
    unknown name is never ≤ a resolved member.
This is a preorder (reflexive, transitive). Value A entails value B when every member of B has some
member of A ≤ it. Entailment both ways is EQUAL, one way NARROWER / BROADER. Otherwise, when every
member is resolved, no shared extension at all is DISJOINT (Maroc vs Niger), else OVERLAP; with
unknown names, OVERLAP if some pair is related, else UNKNOWN. The laws follow: relate is reflexive
(EQUAL), converse-symmetric, and NARROWER is transitive (it is strict entailment of a preorder).

The registry is bound at parse time: each resolved member carries the extension and name words it
needs, so `relate` needs no registry (the argument is accepted for a uniform call) and values pickle
without dragging the registry along.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from recoupe.normalize.registry import (
    ARTICLES,
    FUNCTION_WORDS,
    PREPOSITIONS,
    Registry,
    Token,
    content_tokens,
    tokenize,
)
from recoupe.normalize.relation import Relation
from recoupe.textnorm import fold_text, fold_typography

# Honorifics go before a name and say nothing about whom: « M. », « Mme », « S.E. », « Dr ».
HONORIFICS = frozenset(
    {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "monsieur", "messieurs", "madame", "mesdames",
        "mademoiselle", "dr", "docteur", "pr", "prof", "professeur", "me", "maitre", "se", "son", "sa",
        "excellence", "majeste", "altesse", "cheikh", "mr", "mrs", "ms", "miss", "messrs", "sir", "dame",
        "lord", "his", "her", "excellency", "majesty", "highness", "sheikh", "hon", "honorable",
        "honourable",
    }
)  # fmt: skip
# Words stripped from the front of a segment: articles, prepositions and honorifics.
WEAK = ARTICLES | PREPOSITIONS | HONORIFICS | frozenset({"a"})
# Role nouns (fr + en): a segment holding one describes a function, and a name next to it is the person.
ROLES = frozenset(
    {
        # fr
        "ministre", "ministres", "president", "presidente", "presidents", "vice", "secretaire",
        "secretaires", "chef", "cheffe", "roi", "reine", "prince", "princesse", "emir", "sultan",
        "directeur", "directrice", "ambassadeur", "ambassadrice", "commissaire", "gouverneur",
        "gouverneure", "maire", "wali", "general", "generale", "colonel", "commandant", "capitaine",
        "juge", "procureur", "procureure", "porte", "delegue", "deleguee", "conseiller", "conseillere",
        "depute", "deputee", "senateur", "senatrice", "premier", "premiere", "representant",
        "representante", "coordinateur", "coordinatrice", "coordonnateur", "coordonnatrice",
        "dirigeant", "dirigeante", "responsable", "patron", "patronne", "pdg", "dg", "pape",
        "cardinal", "imam", "eveque", "souverain", "souveraine",
        # en
        "minister", "ministers", "secretary", "chief", "head", "king", "queen",
        "princess", "director", "ambassador", "envoy", "commissioner", "governor", "mayor",
        "commander", "captain", "judge", "prosecutor", "spokesman", "spokeswoman", "spokesperson",
        "delegate", "adviser", "advisor", "counsellor", "deputy", "senator", "prime", "representative",
        "coordinator", "chairman", "chairwoman", "chairperson", "chair", "leader", "officer", "ceo",
        "pope",
    }
)  # fmt: skip
# Nouns that only say what kind of place is named: « la ville de Rabat », « le royaume du Maroc ».
DESCRIPTORS = frozenset(
    {
        "ville", "cite", "capitale", "pays", "royaume", "republique", "region", "province", "commune",
        "village", "city", "town", "capital", "country", "kingdom", "republic",
    }
)  # fmt: skip
# Particles inside personal names: « Charles de Gaulle », « Mohamed ould Abdel Aziz ».
PARTICLES = frozenset(
    {"de", "du", "da", "di", "del", "dos", "van", "von", "der", "ben", "bin", "ibn", "ould", "el", "al"}
)
_DESCRIPTIVE = DESCRIPTORS | FUNCTION_WORDS
_GENITIVES = frozenset({"de", "du", "des", "d", "of"})
_LOCATIVES = frozenset({"a", "au", "aux", "en", "in", "at"})
_COORDINATING_SEPS = frozenset(";&|")


@dataclass(frozen=True, slots=True)
class Member:
    """One named entity of a value.

    `id` is set when the name resolves to exactly one registry entity. `candidates` lists every entity
    the name may denote: one (== id), several when the name is ambiguous (then id is None), or none when
    the name is unknown to the registry. `name` is the folded wording, `label` the wording as written.
    """

    id: str | None
    name: str
    label: str
    candidates: tuple[str, ...] = ()
    extension: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    words: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    covers: tuple[tuple[frozenset[str], ...], ...] = field(default=(), compare=False, repr=False)

    @property
    def resolved(self) -> bool:
        return bool(self.candidates)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"id": self.id, "name": self.name, "label": self.label}
        if len(self.candidates) > 1:
            out["candidates"] = list(self.candidates)
        return out

    def __str__(self) -> str:
        if self.id is not None:
            return f"{self.label} ({self.id})"
        if self.candidates:
            return f"{self.label} ({' | '.join(self.candidates)})"
        return self.label


def _le(a: Member, b: Member) -> bool:
    """a says at least as much as b (see the module docstring)."""
    if a.candidates:
        if b.candidates:
            return a.extension <= b.extension
        w = b.words
        return all(any(w <= s for s in sets) for sets in a.covers)
    if b.candidates:
        return False
    return b.words <= a.words


def _touch(a: Member, b: Member) -> bool:
    if a.candidates and b.candidates:
        return not a.extension.isdisjoint(b.extension)
    return _le(a, b) or _le(b, a)


@dataclass(frozen=True, slots=True)
class EntityValue:
    """A normalized entity value: its members, and the text as the source worded it."""

    members: tuple[Member, ...]
    text: str

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the members that resolve to exactly one entity."""
        return tuple(m.id for m in self.members if m.id is not None)

    @property
    def resolved(self) -> bool:
        return bool(self.members) and all(m.resolved for m in self.members)

    def relate(self, other: EntityValue, registry: Registry | None = None) -> Relation:
        """How this value's set stands to `other`'s. `registry` is unused: values carry what they need."""
        if not isinstance(other, EntityValue):
            return Relation.UNKNOWN
        a_members, b_members = _most_specific(self.members), _most_specific(other.members)
        ab = all(any(_le(a, b) for a in a_members) for b in b_members)
        ba = all(any(_le(b, a) for b in b_members) for a in a_members)
        if ab and ba:
            return Relation.EQUAL
        if ab:
            return Relation.NARROWER
        if ba:
            return Relation.BROADER
        touch = any(_touch(a, b) for a in a_members for b in b_members)
        if all(m.candidates for m in a_members) and all(m.candidates for m in b_members):
            return Relation.OVERLAP if touch else Relation.DISJOINT
        return Relation.OVERLAP if touch else Relation.UNKNOWN

    def to_dict(self) -> dict[str, object]:
        return {"type": "entity", "text": self.text, "members": [m.to_dict() for m in self.members]}

    def __str__(self) -> str:
        return " & ".join(str(m) for m in self.members) if self.members else self.text


def _most_specific(members: tuple[Member, ...]) -> tuple[Member, ...]:
    """Drop members another member of the same value already entails (« Maroc » beside its ministry).

    Without this, two EQUAL values could stand differently to a third: [Maroc, ministère de la
    Justice] equals [ministère de la Justice], yet « Maroc » alone would overlap « Rabat ».
    """
    if len(members) < 2:
        return members
    return tuple(
        m for i, m in enumerate(members)
        if not any(j != i and _le(o, m) and not _le(m, o) for j, o in enumerate(members))
    )


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
        return Member(only, fold_text(label), label, res.candidates, res.extension, frozenset(), res.covers)

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
