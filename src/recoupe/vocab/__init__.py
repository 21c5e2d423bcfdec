"""Vocabularies: loading and checking SKOS-like files, and the compiled index that resolves and relates terms.

Loading validates every file, then checks the graph as a whole (unknown ids, broader cycles, concept ids
defined twice, concepts that cannot have members because of disjointness) and reports every problem with
its file and line. The index is compiled once: folded labels map to concept sets, and each concept's
ancestor and disjointness sets are precomputed, so that resolving a value is a few dictionary lookups and
relating two values a few set operations.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from recoupe.errors import InputError, Problem, did_you_mean, pointer
from recoupe.normalize.relation import Relation, from_inclusion
from recoupe.textnorm import fold_typography, strip_accents

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

    from recoupe.vocab.model import Concept, PropertyValue, VocabularyFile
    from recoupe.yamlio import Marks

__all__ = [
    "BUILTIN_VOCABULARIES",
    "Resolution",
    "VocabIndex",
    "Vocabulary",
    "builtin_vocabulary_paths",
    "fold_label",
    "load_vocabularies",
]

# An explicit list, not a glob: vocab/ also holds files of other formats (slots.yaml).
BUILTIN_VOCABULARIES = (
    "offences.yaml",
    "instruments.yaml",
    "observances.yaml",
    "cooperation.yaml",
    "actions.yaml",
    "event-kinds.yaml",
    "domains.yaml",
)
RESOLUTION_CACHE_SIZE = 200_000

# ---------------------------------------------------------------------------------------------------
# Label folding
# ---------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(
    {
        # French articles and prepositions; "à" arrives accent-stripped as "a", "d" and "l" are d' and l'
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "en", "a",
        # English
        "the", "an", "of",
        # other elided words (j', m', n', s', t', qu', c'): they never distinguish two labels
        "j", "m", "n", "s", "t", "qu", "c",
    }
)  # fmt: skip
_VOWELS = frozenset("aeiouy")


def _stem(word: str) -> str:
    """Fold French and English regular plurals (and a final mute e) the same way on every side.

    This is not a linguistic stemmer: it only has to map a word's singular and plural to one key.
    Dropping a final "e" after the plural "s" is what makes "boxes"/"box", "personnes"/"personne" and
    "activities"/"activity" (via y -> i) meet; short words are left alone so that "pas" or "ans" survive.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux"):
        word = word[:-3] + "al"
    elif word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == "y" and word[-2] not in _VOWELS:
        word = word[:-1] + "i"
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    return word


@lru_cache(maxsize=131072)
def _fold_word(word: str) -> tuple[str, str] | None:
    """One casefolded word's key without and with accents, or None for an article or preposition.

    Cached on its own: values rarely repeat whole in a large corpus, but their words do.
    """
    # ligatures do not decompose: « œuvre » would otherwise never meet « oeuvre »
    bare = strip_accents(word).replace("œ", "oe").replace("æ", "ae")
    if bare in _STOPWORDS:
        return None
    return _stem(bare), _stem(word)


@lru_cache(maxsize=65536)
def _fold_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folded words of `text`, without and with accents, aligned word for word.

    Matching uses the accent-free words; the accented ones only break ties between labels that differ
    by accents alone (« traite », trafficking, and « traité », treaty).
    """
    plain: list[str] = []
    accented: list[str] = []
    for word in _WORD.findall(fold_typography(text).casefold()):
        folded = _fold_word(word)
        if folded is not None:
            plain.append(folded[0])
            accented.append(folded[1])
    return tuple(plain), tuple(accented)


def fold_label(text: str) -> str:
    """The matching key of a label or value: case, accents, apostrophes, articles, prepositions and plurals folded.

    The key is for comparison only; it is not meant to be read (« la traite d'êtres humains » -> "trait etr humain").
    """
    return " ".join(_fold_tokens(text)[0])


# ---------------------------------------------------------------------------------------------------
# Loaded vocabularies and the concept graph
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Doc:
    """One validated vocabulary file, with what is needed to locate problems in it."""

    file: str
    data: VocabularyFile
    marks: Marks | None

    def at(self, ptr: str, message: str, kind: str, key: bool = False) -> Problem:
        """A problem at `ptr`'s value, or at its key when the key itself is what is wrong."""
        line, col = self.marks.find(ptr, key=key) if self.marks is not None else (None, None)
        return Problem(self.file, line, col, ptr, message, kind)

    def where(self, ptr: str) -> str:
        line = self.marks.find(ptr, key=True)[0] if self.marks is not None else None
        return f"{self.file}:{line}" if line is not None else self.file


@dataclass(frozen=True, slots=True)
class _Graph:
    """The hierarchy over all loaded concepts, closed once at build time."""

    order: dict[str, int]  # declaration order: the tie-breaker wherever a choice must be stable
    owner: dict[str, Vocabulary]
    concept: dict[str, Concept]
    ancestors: dict[str, frozenset[str]]  # strict, by broader
    descendants: dict[str, frozenset[str]]  # strict
    disjoint: dict[str, frozenset[str]]  # declared, made symmetric
    # The same, over exactMatch classes: each concept maps to its class's representative.
    rep: dict[str, str]
    up: dict[str, frozenset[str]]  # representative -> itself and the representatives above it
    excluded: dict[str, frozenset[str]]  # representative -> representatives declared disjoint with its `up`


class Vocabulary:
    """One loaded vocabulary: its metadata and concepts; hierarchy queries see all loaded vocabularies."""

    __slots__ = ("_graph", "applies_to", "concepts", "file", "id", "title")

    def __init__(
        self,
        id: str,
        title: Mapping[str, str],
        applies_to: tuple[str, ...],
        file: str,
        concepts: Mapping[str, Concept],
    ) -> None:
        self.id = id
        self.title = title
        self.applies_to = applies_to
        self.file = file
        self.concepts = concepts
        self._graph: _Graph | None = None

    def __repr__(self) -> str:
        return f"Vocabulary({self.id!r}, {len(self.concepts)} concepts, file={self.file!r})"

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __iter__(self) -> Iterator[str]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    def applies(self, slot: str | None) -> bool:
        """Whether term claims of `slot` resolve through this vocabulary (a family 'x:y' matches 'x')."""
        if slot is None or not self.applies_to:
            return True
        return slot in self.applies_to or slot.partition(":")[0] in self.applies_to

    def ancestors(self, concept_id: str) -> frozenset[str]:
        """Strict ancestors by broader, across vocabularies. KeyError for an unknown id."""
        return self._g().ancestors[concept_id]

    def descendants(self, concept_id: str) -> frozenset[str]:
        """Strict descendants by broader, across vocabularies. KeyError for an unknown id."""
        return self._g().descendants[concept_id]

    def _g(self) -> _Graph:
        if self._graph is None:  # pragma: no cover - only the loader creates vocabularies
            raise RuntimeError("vocabulary not attached to an index")
        return self._graph


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


_Table = dict[tuple[str, ...], tuple[_Entry, ...]]
_MISSING = object()


class VocabIndex:
    """All loaded vocabularies, compiled: label lookup, hierarchy, and set relations between concept sets.

    Build it with `load_vocabularies` (files) or `VocabIndex.from_data` (mappings). Resolutions and
    relations are cached; the index is immutable, so the caches never go stale.
    """

    def __init__(self, vocabularies: Sequence[Vocabulary], graph: _Graph, labels: _Table) -> None:
        self.vocabularies: Mapping[str, Vocabulary] = {v.id: v for v in vocabularies}
        self._graph = graph
        self._labels = labels
        self._tables: dict[frozenset[str], tuple[_Table, int]] = {}
        self._slot_tables: dict[str | None, tuple[_Table, int]] = {}
        self._resolved: dict[tuple[str, str | None, str | None], Resolution | None] = {}
        self._related: dict[tuple[frozenset[str], frozenset[str]], Relation] = {}

    @classmethod
    def from_data(cls, documents: Sequence[tuple[str, Any]], include_builtin: bool = False) -> VocabIndex:
        """An index from already-parsed vocabulary mappings, each given with a display name for problems."""
        docs = list(_builtin_docs()) if include_builtin else []
        problems: list[Problem] = []
        known: set[str] = set()
        for name, data in documents:
            doc, found = _validate(data, name, None)
            if doc is None:
                problems.extend(found)
                known |= _raw_concept_ids(data)
            else:
                docs.append(doc)
        return _build(docs, problems, known)

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
        return self._graph.owner[concept_id]

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
        rep = self._graph.rep
        return rep[a] == rep[b]

    def is_disjoint(self, a: str, b: str) -> bool:
        """Declared disjoint, directly or through ancestors (or exactMatch equivalents)."""
        g = self._graph
        return not g.excluded[g.rep[a]].isdisjoint(g.up[g.rep[b]])

    # -- relations -----------------------------------------------------------------------------------

    def relate_concepts(self, a: Collection[str], b: Collection[str]) -> Relation:
        """Open-world set relation between two unions of concepts.

        A ⊆ B when each concept of A is, or falls under, some concept of B. A and B are disjoint when
        every pair is declared disjoint. Siblings nobody declared disjoint may share members: OVERLAP.
        An empty set or an unknown concept id gives UNKNOWN.
        """
        fa, fb = frozenset(a), frozenset(b)
        key = (fa, fb)
        found = self._related.get(key)
        if found is not None:
            return found
        g = self._graph
        try:
            ra = {g.rep[c] for c in fa}
            rb = {g.rep[c] for c in fb}
        except KeyError:
            return Relation.UNKNOWN
        if not ra or not rb:
            return Relation.UNKNOWN
        up, excluded = g.up, g.excluded
        a_in_b = all(not up[x].isdisjoint(rb) for x in ra)
        b_in_a = all(not up[y].isdisjoint(ra) for y in rb)
        disjoint = all(not excluded[x].isdisjoint(up[y]) for x in ra for y in rb)
        result = from_inclusion(a_in_b, b_in_a, disjoint)
        if len(self._related) >= RESOLUTION_CACHE_SIZE:
            self._related.clear()
        self._related[key] = result
        return result

    def nearest_common_ancestor(self, a: str | Iterable[str], b: str | Iterable[str]) -> str | None:
        """The closest concept that everything in `a` and `b` falls under (a concept counts as its own).

        "Closest" is the smallest total number of broader steps from each concept; ties go to the concept
        declared first. None when they share no ancestor.
        """
        concepts = {a} if isinstance(a, str) else set(a)
        concepts |= {b} if isinstance(b, str) else set(b)
        if not concepts:
            return None
        common: dict[str, int] | None = None
        for c in concepts:
            dist = self._distances_up(c)
            common = dist if common is None else {k: d + dist[k] for k, d in common.items() if k in dist}
        if not common:
            return None
        found, order = common, self._graph.order
        return min(found, key=lambda k: (found[k], order[k]))

    def _distances_up(self, concept_id: str) -> dict[str, int]:
        dist = {concept_id: 0}
        queue = deque([concept_id])
        concepts = self._graph.concept
        while queue:
            c = queue.popleft()
            for p in concepts[c].broader:
                if p not in dist:
                    dist[p] = dist[c] + 1
                    queue.append(p)
        return dist

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

    def clear_cache(self) -> None:
        """Forget cached resolutions and relations (for benchmarks: results never go stale)."""
        self._resolved.clear()
        self._related.clear()
        _fold_tokens.cache_clear()
        _fold_word.cache_clear()

    def _resolve(self, value: str, slot: str | None, lang: str | None) -> Resolution | None:
        plain, accented = _fold_tokens(value)
        if not plain:
            return None
        table, longest = self._table(slot)
        entries = table.get(plain)
        if entries:
            return self._resolution(entries, accented, value, True, lang)
        n = len(plain)
        for size in range(min(longest, n - 1), 0, -1):
            for start in range(n - size + 1):
                entries = table.get(plain[start : start + size])
                if entries:
                    return self._resolution(entries, accented[start : start + size], value, False, lang)
        return None

    def _resolution(
        self, entries: tuple[_Entry, ...], accented: tuple[str, ...], text: str, exact: bool, lang: str | None
    ) -> Resolution:
        chosen = [e for e in entries if e.accented == accented] or list(entries)
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
                    "vocabulary": g.owner[cid].id,
                    "prefLabel": dict(c.pref_label),
                    "matched": res.label,
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


# ---------------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------------


def builtin_vocabulary_paths() -> tuple[Traversable, ...]:
    """The built-in vocabulary files, as package resources (plain paths in a normal install)."""
    base = resources.files("recoupe").joinpath("vocab")
    return tuple(base.joinpath(name) for name in BUILTIN_VOCABULARIES)


@lru_cache(maxsize=1)
def _builtin_docs() -> tuple[_Doc, ...]:
    # Validated models are frozen, so every index can share them; parsing happens once per process.
    from recoupe.yamlio import parse_yaml

    docs: list[_Doc] = []
    problems: list[Problem] = []
    for name, res in zip(BUILTIN_VOCABULARIES, builtin_vocabulary_paths(), strict=True):
        shown = f"<builtin>/{name}"
        data, marks = parse_yaml(res.read_text("utf-8"), shown)
        doc, found = _validate(data, shown, marks)
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
    if problems:  # pragma: no cover - the test suite loads the built-ins
        raise InputError(problems)
    return tuple(docs)


def load_vocabularies(paths: Sequence[Path], include_builtin: bool = True) -> VocabIndex:
    """Load, validate and check vocabulary files (after the built-in ones) into one index.

    Raises InputError carrying every problem found, each located by file, line and JSON pointer.
    """
    from recoupe.yamlio import read_yaml

    docs = list(_builtin_docs()) if include_builtin else []
    problems: list[Problem] = []
    known: set[str] = set()
    for path in paths:
        try:
            data, marks = read_yaml(path)
        except InputError as e:
            problems.extend(e.problems)
            continue
        doc, found = _validate(data, str(path), marks)
        if doc is None:
            problems.extend(found)
            # Their concepts exist, even if the file is wrong: do not also call references to them unknown.
            known |= _raw_concept_ids(data)
        else:
            docs.append(doc)
    return _build(docs, problems, known)


def _validate(data: Any, file: str, marks: Marks | None) -> tuple[_Doc | None, list[Problem]]:
    from pydantic import ValidationError

    from recoupe.errors import problems_from_validation
    from recoupe.vocab.model import VocabularyFile

    try:
        return _Doc(file, VocabularyFile.model_validate(data), marks), []
    except ValidationError as e:
        return None, problems_from_validation(e, file, marks, model=VocabularyFile)


def _raw_concept_ids(data: Any) -> set[str]:
    if isinstance(data, dict) and isinstance(data.get("concepts"), dict):
        return {str(k) for k in data["concepts"]}
    return set()


_REFERENCE_FIELDS = (("broader", "broader"), ("related", "related"), ("disjoint_with", "disjointWith"))


def _build(docs: Sequence[_Doc], problems: list[Problem], known_elsewhere: set[str]) -> VocabIndex:
    """Check the concept graph across all documents, then compile the index. Raises InputError."""
    # -- ids: vocabularies and concepts are each unique across files
    vocab_first: dict[str, _Doc] = {}
    home: dict[str, tuple[_Doc, Vocabulary]] = {}
    vocabularies: list[Vocabulary] = []
    for doc in docs:
        vf = doc.data
        if vf.id in vocab_first:
            problems.append(
                doc.at(
                    "/id",
                    f"vocabulary '{vf.id}' is already defined in {vocab_first[vf.id].where('/id')}",
                    "duplicate",
                )
            )
            continue
        vocab_first[vf.id] = doc
        own: dict[str, Concept] = {}
        vocab = Vocabulary(vf.id, vf.title, vf.applies_to, doc.file, own)
        for cid, concept in vf.concepts.items():
            ptr = pointer(["concepts", cid])
            if cid in home:
                first = home[cid][0]
                problems.append(
                    doc.at(
                        ptr,
                        f"concept '{cid}' is already defined in {first.where(ptr)}",
                        "duplicate",
                        key=True,
                    )
                )
                continue
            home[cid] = (doc, vocab)
            own[cid] = concept
        vocabularies.append(vocab)

    concepts = {cid: doc.data.concepts[cid] for cid, (doc, _) in home.items()}

    # -- references
    for cid, (doc, _) in home.items():
        c = concepts[cid]
        for attr, alias in _REFERENCE_FIELDS:
            refs: tuple[str, ...] = getattr(c, attr)
            for i, ref in enumerate(refs):
                if ref not in concepts and ref not in known_elsewhere:
                    problems.append(
                        doc.at(
                            pointer(["concepts", cid, alias, i]),
                            f"unknown concept '{ref}' in {alias}{did_you_mean(ref, concepts)}",
                            "unknown-concept",
                        )
                    )

    # -- labels must keep at least one word once folded, or they would match nothing (or everything)
    for cid, (doc, _) in home.items():
        for ptr, label in _labels_with_pointers(cid, concepts[cid]):
            if not _fold_tokens(label)[0]:
                problems.append(
                    doc.at(ptr, f"label '{label}' has no words left once articles are folded", "label")
                )

    parents = {
        cid: tuple(dict.fromkeys(p for p in c.broader if p in concepts)) for cid, c in concepts.items()
    }
    order = {cid: i for i, cid in enumerate(concepts)}

    # -- broader cycles, one problem per strongly connected component
    for cycle in _cycles(parents, order):
        head = cycle[0]
        idx = concepts[head].broader.index(cycle[1 % len(cycle)])
        shown = " → ".join([*cycle, head])
        problems.append(
            home[head][0].at(pointer(["concepts", head, "broader", idx]), f"broader cycle: {shown}", "cycle")
        )

    ancestors = {cid: _reach(cid, parents) for cid in concepts}
    children: dict[str, list[str]] = {cid: [] for cid in concepts}
    for cid, ps in parents.items():
        for p in ps:
            children[p].append(cid)
    descendants = {cid: _reach(cid, children) for cid in concepts}

    declared: dict[str, set[str]] = {cid: set() for cid in concepts}
    site: dict[tuple[str, str], tuple[_Doc, str]] = {}
    for cid, (doc, _) in home.items():
        for i, other in enumerate(concepts[cid].disjoint_with):
            if other in concepts:
                declared[cid].add(other)
                declared[other].add(cid)
                ptr = pointer(["concepts", cid, "disjointWith", i])
                site.setdefault((cid, other), (doc, ptr))
                site.setdefault((other, cid), (doc, ptr))
    disjoint = {cid: frozenset(s) for cid, s in declared.items()}

    problems.extend(_unsatisfiable(concepts, parents, ancestors, disjoint, site, home, order))

    # -- exactMatch classes: a union-find over shared URIs; the first-declared member represents the class
    rep = _exact_match_classes(concepts, order)
    members: dict[str, list[str]] = {}
    for cid in concepts:
        members.setdefault(rep[cid], []).append(cid)
    rep_parents = {r: tuple({rep[p] for m in ms for p in parents[m]} - {r}) for r, ms in members.items()}
    up = {r: _reach(r, rep_parents) | {r} for r in members}
    rep_disjoint = {r: {rep[d] for m in ms for d in disjoint[m]} for r, ms in members.items()}
    excluded = {r: frozenset(set[str]().union(*(rep_disjoint[x] for x in up[r]))) for r in members}
    if not problems:
        # exactMatch can merge what the hierarchy alone keeps apart; only worth saying when nothing else is wrong
        for r in members:
            if not excluded[r].isdisjoint(up[r]):
                doc = home[r][0]
                problems.append(
                    doc.at(
                        pointer(["concepts", r, "exactMatch"]),
                        f"concept '{r}' cannot have members: through exactMatch it falls under concepts declared disjoint",
                        "disjoint",
                    )
                )
    if problems:
        raise InputError(problems)

    graph = _Graph(
        order=order,
        owner={cid: v for cid, (_, v) in home.items()},
        concept=concepts,
        ancestors=ancestors,
        descendants=descendants,
        disjoint=disjoint,
        rep=rep,
        up={r: frozenset(s) for r, s in up.items()},
        excluded=excluded,
    )
    for v in vocabularies:
        v._graph = graph
    return VocabIndex(vocabularies, graph, _compile_labels(concepts, home))


def _labels_with_pointers(cid: str, c: Concept) -> Iterator[tuple[str, str]]:
    for lang, label in c.pref_label.items():
        yield pointer(["concepts", cid, "prefLabel", lang]), label
    for lang, labels in c.alt_label.items():
        for i, label in enumerate(labels):
            yield pointer(["concepts", cid, "altLabel", lang, i]), label
    for i, ns in enumerate(c.nonstandard):
        yield pointer(["concepts", cid, "nonstandard", i, "label"]), ns.label


def _reach(start: str, edges: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Everything reachable from `start` in one or more steps (cycles tolerated)."""
    seen: set[str] = set()
    stack = list(edges[start])
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(edges[n])
    return frozenset(seen)


def _cycles(parents: Mapping[str, tuple[str, ...]], order: Mapping[str, int]) -> list[list[str]]:
    """One broader cycle per strongly connected component that has one, starting at its first-declared concept."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in parents:
        if root in index:
            continue
        # Iterative Tarjan: a frame is (node, iterator over its parents).
        work: list[tuple[str, Iterator[str]]] = [(root, iter(parents[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(parents[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp: list[str] = []
                while True:
                    n = stack.pop()
                    on_stack.discard(n)
                    comp.append(n)
                    if n == node:
                        break
                if len(comp) > 1 or node in parents[node]:
                    components.append(comp)
    cycles: list[list[str]] = []
    for comp in sorted(components, key=lambda c: min(order[n] for n in c)):
        inside = set(comp)
        start = min(comp, key=order.__getitem__)
        cycles.append(_shortest_cycle(start, parents, inside))
    return cycles


def _shortest_cycle(start: str, parents: Mapping[str, tuple[str, ...]], inside: set[str]) -> list[str]:
    back: dict[str, str] = {}
    queue = deque([start])
    while queue:
        n = queue.popleft()
        for p in parents[n]:
            if p not in inside:
                continue
            if p == start:
                path = [n]
                while path[-1] != start:
                    path.append(back[path[-1]])
                return path[::-1]
            if p not in back:
                back[p] = n
                queue.append(p)
    return [start]  # pragma: no cover - a strongly connected component always has a way back


def _unsatisfiable(
    concepts: Mapping[str, Concept],
    parents: Mapping[str, tuple[str, ...]],
    ancestors: Mapping[str, frozenset[str]],
    disjoint: Mapping[str, frozenset[str]],
    site: Mapping[tuple[str, str], tuple[_Doc, str]],
    home: Mapping[str, tuple[_Doc, Vocabulary]],
    order: Mapping[str, int],
) -> list[Problem]:
    """Concepts that disjointness leaves empty; reported where the contradiction starts, not on every descendant."""
    problems: list[Problem] = []
    for cid in concepts:
        up = ancestors[cid] | {cid}
        own = sorted((y for y in disjoint[cid] if y in up), key=order.__getitem__)
        if own:
            other = own[0]
            doc, ptr = site[(cid, other)]
            what = "itself" if other == cid else f"its own ancestor '{other}'"
            problems.append(doc.at(ptr, f"concept '{cid}' is declared disjoint with {what}", "disjoint"))
            continue
        if any(_has_clash(p, ancestors, disjoint) for p in parents[cid]):
            continue  # already reported higher up
        clash = sorted(
            ((x, y) for x in up for y in disjoint[x] if y in up), key=lambda p: (order[p[0]], order[p[1]])
        )
        if clash:
            x, y = clash[0]
            problems.append(
                home[cid][0].at(
                    pointer(["concepts", cid, "broader"]),
                    f"concept '{cid}' falls under both '{x}' and '{y}', which are declared disjoint",
                    "disjoint",
                )
            )
    return problems


def _has_clash(
    cid: str, ancestors: Mapping[str, frozenset[str]], disjoint: Mapping[str, frozenset[str]]
) -> bool:
    up = ancestors[cid] | {cid}
    return any(not disjoint[x].isdisjoint(up) for x in up)


def _exact_match_classes(concepts: Mapping[str, Concept], order: Mapping[str, int]) -> dict[str, str]:
    parent = {cid: cid for cid in concepts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_uri: dict[str, str] = {}
    for cid, c in concepts.items():
        for uri in c.exact_match:
            other = by_uri.setdefault(uri, cid)
            ra, rb = find(cid), find(other)
            if ra != rb:
                # keep the first-declared concept as the representative
                if order[ra] < order[rb]:
                    parent[rb] = ra
                else:
                    parent[ra] = rb
    return {cid: find(cid) for cid in concepts}


def _compile_labels(concepts: Mapping[str, Concept], home: Mapping[str, tuple[_Doc, Vocabulary]]) -> _Table:
    table: dict[tuple[str, ...], list[_Entry]] = {}
    seen: set[tuple[tuple[str, ...], str, tuple[str, ...], bool]] = set()

    def add(cid: str, label: str, lang: str, nonstandard: bool, note: str | None) -> None:
        plain, accented = _fold_tokens(label)
        mark = (plain, cid, accented, nonstandard)
        if mark in seen:  # « traite des êtres humains » and « traite d'êtres humains » fold alike
            return
        seen.add(mark)
        entry = _Entry(cid, label, lang, accented, nonstandard, note, home[cid][1].id)
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
