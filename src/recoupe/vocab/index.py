"""The compiled vocabulary index: label lookup, resolution of claim values, hierarchy and relation queries.

The index is compiled once: folded labels map to concept sets, and each concept's ancestor and
disjointness sets are precomputed (relate.py), so that resolving a value is a few dictionary lookups and
relating two values a few set operations.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recoupe.normalize.relation import Relation
from recoupe.vocab.fold import clear_fold_caches, fold_tokens
from recoupe.vocab.load import Loaded, Vocabulary, load_files, load_mappings

if TYPE_CHECKING:
    from pathlib import Path

    from recoupe.vocab.model import Concept, PropertyValue

RESOLUTION_CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a value resolved to: a concept set (several when the label is ambiguous) and how it matched."""

    concepts: frozenset[str]
    label: str  # the vocabulary's label that matched, as written there
    text: str  # the value that was resolved
    exact: bool  # the whole value is the label, not just a part of it
    nonstandard: bool
    note: str | None
    preferred: tuple[str, ...]  # each concept's prefLabel, in the value's language, in declaration order
    lang: str  # the matched label's language

    @property
    def ambiguous(self) -> bool:
        return len(self.concepts) > 1


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: str
    label: str
    lang: str
    accented: tuple[str, ...]
    nonstandard: bool
    note: str | None
    vocabulary: str

    @property
    def primary(self) -> str:
        """The label's language without region (« fr » for fr-BE)."""
        return self.lang.partition("-")[0]


_Table = dict[tuple[str, ...], tuple[_Entry, ...]]
_MISSING = object()


class VocabIndex:
    """All loaded vocabularies, compiled: label lookup, hierarchy, and set relations between concept sets.

    Build it with `load_vocabularies` (files) or `VocabIndex.from_data` (mappings). Resolutions and
    relations are cached; the index is immutable, so the caches never go stale.
    """

    def __init__(self, loaded: Loaded) -> None:
        self.vocabularies: Mapping[str, Vocabulary] = {v.id: v for v in loaded.vocabularies}
        self._graph = loaded.graph
        self._owner = loaded.owner
        self._labels = _compile_labels(loaded.graph.concept, loaded.owner)
        self._tables: dict[frozenset[str], tuple[_Table, int]] = {}
        self._slot_tables: dict[str | None, tuple[_Table, int]] = {}
        self._resolved: dict[tuple[str, str | None, str | None], Resolution | None] = {}
        self._related: dict[tuple[frozenset[str], frozenset[str]], Relation] = {}

    @classmethod
    def from_data(cls, documents: Sequence[tuple[str, Any]], include_builtin: bool = False) -> VocabIndex:
        """An index from already-parsed vocabulary mappings, each given with a display name for problems."""
        return cls(load_mappings(documents, include_builtin))

    # -- concepts ------------------------------------------------------------------------------------

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._graph.concept

    def __len__(self) -> int:
        return len(self._graph.concept)

    @property
    def concept_ids(self) -> tuple[str, ...]:
        """Every concept id, in declaration order."""
        return tuple(self._graph.concept)

    def concept(self, concept_id: str) -> Concept:
        """The concept's definition. KeyError for an unknown id."""
        return self._graph.concept[concept_id]

    def vocabulary_of(self, concept_id: str) -> Vocabulary:
        return self._owner[concept_id]

    def pref_label(self, concept_id: str, lang: str | None = None) -> str:
        """The prefLabel in `lang` (or its primary subtag), else English, else the first one given."""
        labels = self._graph.concept[concept_id].pref_label
        if lang is not None:
            found = labels.get(lang) or labels.get(lang.partition("-")[0])
            if found:
                return found
        return labels.get("en") or next(iter(labels.values()))

    def label(self, concept_id: str, lang: str | None = None) -> str:
        """Same as `pref_label`: the name rules use in messages."""
        return self.pref_label(concept_id, lang)

    def properties(self, concept_id: str) -> Mapping[str, PropertyValue]:
        return self._graph.concept[concept_id].properties

    def ancestors(self, concept_id: str) -> frozenset[str]:
        """Strict ancestors by broader. KeyError for an unknown id."""
        return self._graph.ancestors[concept_id]

    def descendants(self, concept_id: str) -> frozenset[str]:
        """Strict descendants by broader. KeyError for an unknown id."""
        return self._graph.descendants[concept_id]

    def broader_chain(self, concept_id: str) -> tuple[str, ...]:
        """From the concept's first broader concept up to a root, following the first broader at each step."""
        chain: list[str] = []
        seen = {concept_id}
        current = self._graph.concept[concept_id]
        while current.broader and current.broader[0] not in seen:
            parent = current.broader[0]
            chain.append(parent)
            seen.add(parent)
            current = self._graph.concept[parent]
        return tuple(chain)

    def same(self, a: str, b: str) -> bool:
        """The same concept, directly or through a shared exactMatch URI."""
        return self._graph.same(a, b)

    def is_disjoint(self, a: str, b: str) -> bool:
        """Declared disjoint, directly or through ancestors (or exactMatch equivalents)."""
        return self._graph.is_disjoint(a, b)

    # -- relations -----------------------------------------------------------------------------------

    def relate_concepts(self, a: Collection[str], b: Collection[str]) -> Relation:
        """Open-world set relation between two unions of concepts (see `Graph.relate`), cached."""
        fa, fb = frozenset(a), frozenset(b)
        key = (fa, fb)
        found = self._related.get(key)
        if found is not None:
            return found
        result = self._graph.relate(fa, fb)
        if len(self._related) >= RESOLUTION_CACHE_SIZE:
            self._related.clear()
        self._related[key] = result
        return result

    def nearest_common_ancestor(self, a: str | Iterable[str], b: str | Iterable[str]) -> str | None:
        """The closest concept that everything in `a` and `b` falls under (see `Graph.nearest_common_ancestor`)."""
        return self._graph.nearest_common_ancestor(a, b)

    # -- resolution ----------------------------------------------------------------------------------

    def resolve(self, value: str, slot: str | None = None, lang: str | None = None) -> Resolution | None:
        """Resolve a claim value to concepts through the vocabularies that apply to `slot`.

        An exact (folded) label match wins; otherwise the longest label found inside the value on word
        boundaries, the earliest one on a tie (French puts the head noun first). None when no label is found.
        """
        key = (value, slot, lang)
        found = self._resolved.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        result = self._resolve(value, slot, lang)
        if len(self._resolved) >= RESOLUTION_CACHE_SIZE:
            self._resolved.clear()
        self._resolved[key] = result
        return result

    def labels_at(self, words: Sequence[str], start: int) -> tuple[int, tuple[tuple[str, str, str], ...]]:
        """The longest label that the folded words `words[start:]` begin with (`fold_tokens` keys):
        its length in words and, for each concept it names, (vocabulary id, concept id, label as
        written). (0, ()) when none does. For finding terms in running text (`recoupe draft`)."""
        table, longest = self._table(None)
        for n in range(min(longest, len(words) - start), 0, -1):
            entries = table.get(tuple(words[start : start + n]))
            if entries:
                return n, tuple((e.vocabulary, e.concept, e.label) for e in entries)
        return 0, ()

    def clear_cache(self) -> None:
        """Forget cached resolutions and relations (for benchmarks: results never go stale)."""
        self._resolved.clear()
        self._related.clear()
        clear_fold_caches()

    def _resolve(self, value: str, slot: str | None, lang: str | None) -> Resolution | None:
        plain, accented = fold_tokens(value)
        if not plain:
            return None
        lang = lang.partition("-")[0] if lang else None
        table, longest = self._table(slot)
        entries = table.get(plain)
        if entries:
            return self._resolution(entries, accented, value, True, lang)
        n = len(plain)
        # The source's language is tried first: a label of another language found inside the value
        # is only used when no label of the source's own language is.
        other: tuple[tuple[_Entry, ...], tuple[str, ...]] | None = None
        for size in range(min(longest, n - 1), 0, -1):
            for start in range(n - size + 1):
                entries = table.get(plain[start : start + size])
                if entries:
                    if lang is None or any(e.primary == lang for e in entries):
                        return self._resolution(entries, accented[start : start + size], value, False, lang)
                    if other is None:
                        other = (entries, accented[start : start + size])
        return self._resolution(other[0], other[1], value, False, lang) if other is not None else None

    def _resolution(
        self, entries: tuple[_Entry, ...], accented: tuple[str, ...], text: str, exact: bool, lang: str | None
    ) -> Resolution:
        chosen = [e for e in entries if e.accented == accented] or list(entries)
        if (
            lang is not None and len(chosen) > 1
        ):  # one wording, two languages, two meanings: the source's wins
            chosen = [e for e in chosen if e.primary == lang] or chosen
        order = self._graph.order
        concepts = sorted({e.concept for e in chosen}, key=order.__getitem__)
        first = chosen[0]
        notes = dict.fromkeys(e.note for e in chosen if e.nonstandard and e.note)
        shown_lang = lang or first.lang
        return Resolution(
            concepts=frozenset(concepts),
            label=first.label,
            text=text,
            exact=exact,
            nonstandard=any(e.nonstandard for e in chosen),
            note=" ".join(n for n in notes if n) or None,
            preferred=tuple(dict.fromkeys(self.pref_label(c, shown_lang) for c in concepts)),
            lang=first.lang,
        )

    def _table(self, slot: str | None) -> tuple[_Table, int]:
        found = self._slot_tables.get(slot)
        if found is not None:
            return found
        allowed = frozenset(v.id for v in self.vocabularies.values() if v.applies(slot))
        table = self._tables.get(allowed)
        if table is None:
            if len(allowed) == len(self.vocabularies):
                labels = self._labels
            else:
                labels = {}
                for k, entries in self._labels.items():
                    kept = tuple(e for e in entries if e.vocabulary in allowed)
                    if kept:
                        labels[k] = kept
            table = (labels, max((len(k) for k in labels), default=0))
            self._tables[allowed] = table
        self._slot_tables[slot] = table
        return table

    def lookup(self, term: str, lang: str | None = None) -> list[dict[str, object]]:
        """What `term` resolves to across all vocabularies, one record per concept (for `recoupe vocab lookup`)."""
        res = self.resolve(term, None, lang)
        if res is None:
            return []
        g = self._graph
        out: list[dict[str, object]] = []
        for cid in sorted(res.concepts, key=g.order.__getitem__):
            c = g.concept[cid]
            out.append(
                {
                    "id": cid,
                    "vocabulary": self._owner[cid].id,
                    "prefLabel": dict(c.pref_label),
                    "matched": res.label,
                    "matchedLang": res.lang,
                    "exact": res.exact,
                    "ambiguous": res.ambiguous,
                    "nonstandard": res.nonstandard,
                    "note": res.note,
                    "preferred": self.pref_label(cid, lang or res.lang),
                    "broader": list(c.broader),
                    "broaderChain": list(self.broader_chain(cid)),
                    # declared on the concept or inherited from its ancestors
                    "disjointWith": sorted(
                        {d for x in g.ancestors[cid] | {cid} for d in g.disjoint[x]}, key=g.order.__getitem__
                    ),
                    "related": list(c.related),
                    "exactMatch": list(c.exact_match),
                    "scopeNote": dict(c.scope_note),
                    "properties": dict(c.properties),
                }
            )
        return out


def _compile_labels(concepts: Mapping[str, Concept], owner: Mapping[str, Vocabulary]) -> _Table:
    table: dict[tuple[str, ...], list[_Entry]] = {}
    seen: set[tuple[tuple[str, ...], str, tuple[str, ...], bool]] = set()

    def add(cid: str, label: str, lang: str, nonstandard: bool, note: str | None) -> None:
        plain, accented = fold_tokens(label)
        mark = (plain, cid, accented, nonstandard)
        if mark in seen:  # « traite des êtres humains » and « traite d'êtres humains » fold alike
            return
        seen.add(mark)
        entry = _Entry(cid, label, lang, accented, nonstandard, note, owner[cid].id)
        table.setdefault(plain, []).append(entry)

    for cid, c in concepts.items():
        for lang, label in c.pref_label.items():
            add(cid, label, lang, False, None)
        for lang, labels in c.alt_label.items():
            for label in labels:
                add(cid, label, lang, False, None)
        for ns in c.nonstandard:
            add(cid, ns.label, ns.lang, True, ns.note)
    return {k: tuple(v) for k, v in table.items()}


def load_vocabularies(paths: Sequence[Path], include_builtin: bool = True) -> VocabIndex:
    """Load, validate and check vocabulary files (after the built-in ones) into one index.

    Raises InputError carrying every problem found, each located by file, line and JSON pointer.
    """
    return VocabIndex(load_files(paths, include_builtin))
