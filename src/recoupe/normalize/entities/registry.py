"""The compiled entity registry: names to ids through a token index, and the partOf order between ids.

`load_registries` (load.py) merges registry files, and the built-in places (`recoupe/vocab/places.yaml`),
into one `Registry`, which compiles every name into a token index once. Entity values (parse.py) resolve
through that index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from recoupe.normalize.entities.names import (
    LEADING_NAME_ARTICLES,
    SHORT_ACRONYM,
    acronym_key,
    content_tokens,
    name_key,
    tokenize,
)
from recoupe.textnorm import fold_text, fold_typography


@dataclass(frozen=True, slots=True)
class Entity:
    """One registered entity, as compiled from its file."""

    id: str
    kind: str
    pref_label: str  # the first preferred name given, for display
    labels: tuple[str, ...]  # every name, preferred ones first
    acronyms: tuple[str, ...]
    wikidata: str | None
    part_of: tuple[str, ...]
    note: str | None = None
    file: str = ""
    line: int | None = None
    pref_labels: tuple[tuple[str, str], ...] = ()  # (language, name); language '' when not given
    member_of: tuple[str, ...] = ()  # bodies a person belongs to
    heads: tuple[str, ...] = ()  # bodies a person heads

    def label_for(self, lang: str | None = None) -> str:
        """The preferred name in `lang` when the registry gives one, else the first preferred name."""
        for lg, label in self.pref_labels:
            if lg == lang:
                return label
        return self.pref_label


@dataclass(frozen=True, slots=True)
class Resolution:
    """What an entity value needs to know of the entities a name may denote."""

    candidates: tuple[str, ...]  # sorted ids; more than one when the name is ambiguous
    extension: frozenset[str]  # the ids of the candidates and of everything within them (partOf)
    covers: tuple[tuple[frozenset[str], ...], ...]  # per candidate: word sets of its and its wholes' names
    kinds: frozenset[str] = frozenset()  # person, organisation, place, other: of the candidates


class Registry:
    """Merged registries compiled for lookup: names to ids, and the partOf order between ids.

    Names match case- and accent-insensitively, acronyms case-sensitively. A name given to several
    entities is ambiguous and resolves to all of them. Build one with `load_registries`; constructing it
    directly (from `Entity` objects) checks only what it must to stay sound (unknown ids, cycles).
    """

    __slots__ = (
        "_acr_first",
        "_acronyms",
        "_ancestors",
        "_by_id",
        "_children",
        "_covers",
        "_exact",
        "_extension",
        "_name_first",
        "_names",
        "_resolutions",
        "_short",
        "_speakers",
        "_stands",
        "ids",
        "sources",
    )

    def __init__(
        self, entities: Iterable[Entity], ids: Sequence[str] = (), sources: Sequence[str] = ()
    ) -> None:
        self.ids = tuple(ids)
        self.sources = tuple(sources)
        by_id: dict[str, Entity] = {}
        for e in entities:
            if e.id in by_id:
                raise ValueError(f"entity '{e.id}' is defined twice")
            by_id[e.id] = e
        self._by_id = by_id
        for e in by_id.values():
            for p in e.part_of:
                if p not in by_id:
                    raise ValueError(f"entity '{e.id}' is partOf unknown entity '{p}'")
        self._ancestors = _ancestor_closure(by_id)
        children: dict[str, list[str]] = {}
        for e in by_id.values():
            for p in e.part_of:
                children.setdefault(p, []).append(e.id)
        self._children = children
        self._extension: dict[str, frozenset[str]] = {}  # filled on demand: few ids are ever compared
        for e in by_id.values():
            for b in (*e.member_of, *e.heads):
                if b not in by_id:
                    raise ValueError(f"entity '{e.id}' names unknown entity '{b}'")
        # body -> the persons who head it; -> those who head it or belong to it
        speakers: dict[str, dict[str, set[str]]] = {"heads": {}, "members": {}}
        for e in by_id.values():
            for b in e.heads:
                speakers["heads"].setdefault(b, set()).add(e.id)
                speakers["members"].setdefault(b, set()).add(e.id)
            for b in e.member_of:
                speakers["members"].setdefault(b, set()).add(e.id)
        self._speakers = speakers
        self._stands: dict[tuple[frozenset[str], str], frozenset[str]] = {}

        names: dict[tuple[str, ...], set[str]] = {}
        exact: dict[str, set[str]] = {}
        acronyms: dict[tuple[str, ...], set[str]] = {}
        short: dict[tuple[str, ...], set[str]] = {}
        for e in by_id.values():
            for acr in e.acronyms:
                key = acronym_key(acr)
                if key:
                    table = short if sum(map(len, key)) <= SHORT_ACRONYM else acronyms
                    table.setdefault(key, set()).add(e.id)
        # The exact-name fast path cannot see case, so it skips names that read like an acronym.
        acronym_like = {tuple(w.casefold() for w in k) for k in (*acronyms, *short)}
        for e in by_id.values():
            for label in e.labels:
                key = name_key(label)
                if key:
                    names.setdefault(key, set()).add(e.id)
                    if key not in acronym_like:
                        exact.setdefault(fold_text(label), set()).add(e.id)
        self._names = {k: frozenset(v) for k, v in names.items()}
        self._exact = {k: frozenset(v) for k, v in exact.items()}
        self._acronyms = {k: frozenset(v) for k, v in acronyms.items()}
        self._short = {k: frozenset(v) for k, v in short.items()}
        # The longest name starting with each word: scanning a value tries only lengths that can match.
        self._name_first = _first_word_lengths(self._names)
        self._acr_first = _first_word_lengths(self._acronyms)
        self._covers: dict[str, tuple[frozenset[str], ...]] = {}
        self._resolutions: dict[frozenset[str], Resolution] = {}

    # mapping-like access
    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __getitem__(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    @property
    def entities(self) -> Mapping[str, Entity]:
        return MappingProxyType(self._by_id)

    def __repr__(self) -> str:
        return f"Registry({len(self)} entities from {', '.join(self.ids) or 'nothing'})"

    # the partOf order
    def ancestors(self, entity_id: str) -> frozenset[str]:
        """Every entity that `entity_id` lies within, transitively (not itself)."""
        return self._ancestors[entity_id]

    def extension(self, entity_id: str) -> frozenset[str]:
        """`entity_id` and every entity within it, transitively."""
        found = self._extension.get(entity_id)
        if found is None:
            if entity_id not in self._by_id:
                raise KeyError(entity_id)
            acc = {entity_id}
            todo = [entity_id]
            while todo:
                for child in self._children.get(todo.pop(), ()):
                    if child not in acc:
                        acc.add(child)
                        todo.append(child)
            found = self._extension[entity_id] = frozenset(acc)
        return found

    def is_part_of(self, part: str, whole: str) -> bool:
        """True when `part` lies (transitively) within `whole`; an entity is not part of itself."""
        return whole in self._ancestors.get(part, ())

    def heads_of(self, entity_id: str) -> tuple[str, ...]:
        """The bodies the entity heads (for a person; empty otherwise)."""
        e = self._by_id.get(entity_id)
        return e.heads if e is not None else ()

    def stood_for(self, extension: frozenset[str], by: str) -> frozenset[str]:
        """An extension widened by the persons who stand for its bodies: `by` is "heads" (a minister
        for the ministry, as its signatory or chair) or "members" (any member, as a participant)."""
        key = (extension, by)
        found = self._stands.get(key)
        if found is None:
            table = self._speakers.get(by, {})
            found = extension.union(*(table.get(i, ()) for i in extension))
            self._stands[key] = found
        return found

    # name lookup
    def lookup(self, name: str) -> frozenset[str]:
        """The ids a whole name, alias or acronym denotes (several when ambiguous, none when unknown)."""
        toks = [t for t in tokenize(fold_typography(name)) if not t.sep]
        return self.lookup_words([t.folded for t in toks], [t.cased for t in toks])

    def lookup_exact(self, folded: str) -> frozenset[str] | None:
        """Fast path: the ids of a registered name given exactly, as folded by `fold_text`."""
        return self._exact.get(folded)

    def lookup_words(self, folded: Sequence[str], cased: Sequence[str]) -> frozenset[str]:
        """The ids that these words, taken as a whole, name (names, acronyms, short acronyms)."""
        if not folded:
            return frozenset()
        start = 0
        while start < len(folded) - 1 and folded[start] in LEADING_NAME_ARTICLES:
            start += 1
        found = self._names.get(tuple(folded[start:]), frozenset())
        key = tuple(cased)
        return found | self._acronyms.get(key, frozenset()) | self._short.get(key, frozenset())

    def lookup_short_acronym(self, cased: Sequence[str]) -> frozenset[str]:
        return self._short.get(tuple(cased), frozenset())

    def match_at(
        self, folded: Sequence[str], cased: Sequence[str], i: int, end: int
    ) -> tuple[int, frozenset[str]] | None:
        """The longest registered name or acronym starting at word `i` (and ending by `end`).

        Returns (number of words, ids), or None. Short acronyms never match here.
        """
        name_len = self._name_first.get(folded[i], 0)
        acr_len = self._acr_first.get(cased[i], 0)
        if not name_len and not acr_len:  # most words start no name: the common case, kept cheap
            return None
        best_n, best = 0, frozenset[str]()
        limit = min(name_len, end - i)
        for n in range(limit, 0, -1):
            ids = self._names.get(tuple(folded[i : i + n]))
            if ids:
                best_n, best = n, ids
                break
        limit = min(acr_len, end - i)
        for n in range(limit, max(best_n - 1, 0), -1):
            ids = self._acronyms.get(tuple(cased[i : i + n]))
            if ids:
                if n == best_n:
                    best = best | ids
                else:
                    best_n, best = n, ids
                break
        return (best_n, best) if best_n else None

    def resolution(self, ids: frozenset[str]) -> Resolution:
        """Candidates, extension and name words for a set of ids; memoized (values repeat)."""
        found = self._resolutions.get(ids)
        if found is None:
            cands = tuple(sorted(ids))
            ext: frozenset[str] = frozenset().union(*(self.extension(i) for i in cands))
            kinds = frozenset(self._by_id[i].kind for i in cands)
            found = Resolution(cands, ext, tuple(self._name_words(i) for i in cands), kinds)
            self._resolutions[ids] = found
        return found

    def _name_words(self, entity_id: str) -> tuple[frozenset[str], ...]:
        # The word sets of the names of the entity and of everything it lies within: an unknown name
        # made of some of these words ("Ouahbi") says less than the entity ("Abdellatif Ouahbi").
        found = self._covers.get(entity_id)
        if found is None:
            sets: set[frozenset[str]] = set()
            for i in (entity_id, *sorted(self._ancestors[entity_id])):
                e = self._by_id[i]
                for label in (*e.labels, *e.acronyms):
                    words = name_key(label)
                    if words:
                        sets.add(content_tokens(words))
            found = tuple(sorted(sets, key=sorted))
            self._covers[entity_id] = found
        return found


def _first_word_lengths(table: Mapping[tuple[str, ...], object]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in table:
        if len(key) > out.get(key[0], 0):
            out[key[0]] = len(key)
    return out


def _ancestor_closure(by_id: Mapping[str, Entity]) -> dict[str, frozenset[str]]:
    done: dict[str, frozenset[str]] = {}
    for root in by_id:
        if root in done:
            continue
        # iterative post-order walk, so that deep chains do not hit the recursion limit
        stack: list[tuple[str, int]] = [(root, 0)]
        on_path = {root}
        while stack:
            node, k = stack[-1]
            parents = by_id[node].part_of
            if k < len(parents):
                stack[-1] = (node, k + 1)
                p = parents[k]
                if p in done:
                    continue
                if p in on_path:
                    raise ValueError(f"partOf cycle through '{p}'")
                on_path.add(p)
                stack.append((p, 0))
                continue
            acc: set[str] = set()
            for p in parents:
                acc.add(p)
                acc |= done[p]
            done[node] = frozenset(acc)
            on_path.discard(node)
            stack.pop()
    return done
