"""Loading vocabularies: the built-in files and the project's, validated one by one, then checked as a whole.

The checks across files (unknown ids, broader cycles, concept ids defined twice, concepts that
disjointness leaves without members) report every problem with its file and line. What comes out
(`Loaded`) is what index.py compiles, from files or from already-parsed mappings alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from recoupe.errors import InputError, Problem, did_you_mean, pointer
from recoupe.vocab.extend import apply_extensions
from recoupe.vocab.fold import fold_tokens
from recoupe.vocab.relate import Graph, close, cycles

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

    from recoupe.vocab.model import Concept, VocabularyFile
    from recoupe.yamlio import Marks

# An explicit list, not a glob: vocab/ also holds files of other formats (slots.yaml).
BUILTIN_VOCABULARIES = (
    "offences.yaml",
    "instruments.yaml",
    "observances.yaml",
    "cooperation.yaml",
    "actions.yaml",
    "event-kinds.yaml",
    "domains.yaml",
    "modalities.yaml",
)


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
        self._graph: Graph | None = None

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

    def _g(self) -> Graph:
        if self._graph is None:  # pragma: no cover - only the loader creates vocabularies
            raise RuntimeError("vocabulary not attached to an index")
        return self._graph


@dataclass(frozen=True, slots=True)
class Loaded:
    """Vocabularies checked as a whole: what an index is compiled from."""

    vocabularies: tuple[Vocabulary, ...]
    graph: Graph
    owner: dict[str, Vocabulary]  # concept id -> the vocabulary that defines it


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


def load_files(paths: Sequence[Path], include_builtin: bool = True) -> Loaded:
    """Load, validate and check vocabulary files (after the built-in ones).

    Raises InputError carrying every problem found, each located by file, line and JSON pointer.
    """
    problems: list[Problem] = []
    return _check_all(_read(paths, problems), problems, include_builtin)


def load_mappings(documents: Sequence[tuple[str, Any]], include_builtin: bool = False) -> Loaded:
    """Validate and check already-parsed vocabulary mappings, each given with a display name for problems."""
    return _check_all(((name, data, None) for name, data in documents), [], include_builtin)


def _read(paths: Sequence[Path], problems: list[Problem]) -> Iterator[tuple[str, Any, Marks | None]]:
    from recoupe.yamlio import read_yaml

    for path in paths:
        try:
            data, marks = read_yaml(path)
        except InputError as e:
            problems.extend(e.problems)
            continue
        yield str(path), data, marks


def _check_all(
    parsed: Iterable[tuple[str, Any, Marks | None]], problems: list[Problem], include_builtin: bool
) -> Loaded:
    docs = list(_builtin_docs()) if include_builtin else []
    known: set[str] = set()
    for file, data, marks in parsed:
        doc, found = _validate(data, file, marks)
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


def _build(docs: Sequence[_Doc], problems: list[Problem], known_elsewhere: set[str]) -> Loaded:
    """Check the concept graph across all documents, then close it. Raises InputError."""
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
                        f"concept '{cid}' is already defined in {first.where(ptr)}"
                        + (
                            "; to add labels, broader links or notes to it, list it under `extend:`"
                            if first.file.startswith("<builtin>/") and not doc.file.startswith("<builtin>/")
                            else ""
                        ),
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
            if not fold_tokens(label)[0]:
                problems.append(
                    doc.at(ptr, f"label '{label}' has no words left once articles are folded", "label")
                )

    concepts = apply_extensions(docs, concepts, problems)
    parents = {
        cid: tuple(dict.fromkeys(p for p in c.broader if p in concepts)) for cid, c in concepts.items()
    }
    order = {cid: i for i, cid in enumerate(concepts)}

    # -- broader cycles, one problem per strongly connected component
    for cycle in cycles(parents, order):
        head = cycle[0]
        idx = concepts[head].broader.index(cycle[1 % len(cycle)])
        shown = " → ".join([*cycle, head])
        problems.append(
            home[head][0].at(pointer(["concepts", head, "broader", idx]), f"broader cycle: {shown}", "cycle")
        )

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

    graph = close(concepts, parents, disjoint, order)
    problems.extend(_unsatisfiable(concepts, parents, graph.ancestors, disjoint, site, home, order))
    if not problems:
        # exactMatch can merge what the hierarchy alone keeps apart; only worth saying when nothing else is wrong
        for r, up in graph.up.items():  # one entry per exactMatch class, keyed by its representative
            if not graph.excluded[r].isdisjoint(up):
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

    for v in vocabularies:
        v._graph = graph
    return Loaded(tuple(vocabularies), graph, {cid: v for cid, (_, v) in home.items()})


def _labels_with_pointers(cid: str, c: Concept) -> Iterator[tuple[str, str]]:
    for lang, label in c.pref_label.items():
        yield pointer(["concepts", cid, "prefLabel", lang]), label
    for lang, labels in c.alt_label.items():
        for i, label in enumerate(labels):
            yield pointer(["concepts", cid, "altLabel", lang, i]), label
    for i, ns in enumerate(c.nonstandard):
        yield pointer(["concepts", cid, "nonstandard", i, "label"]), ns.label


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
