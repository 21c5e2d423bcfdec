"""The entity registry: persons, organisations and places, their names, and the partOf hierarchy.

A registry file is YAML validated by `RegistryFile`. `load_registries` merges several files, and the
built-in places (`recoupe/vocab/places.yaml`), into one `Registry`, which compiles every name into a
token index once. Entity values (entities.py) resolve through that index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal, NamedTuple

from pydantic import ConfigDict, Field, ValidationError

from recoupe.errors import InputError, Problem, ProblemSink, did_you_mean, pointer, problems_from_validation
from recoupe.models import SCHEMA_BASE, Identifier, _Model
from recoupe.textnorm import fold_text, fold_typography, strip_accents
from recoupe.yamlio import Marks, read_yaml

BUILTIN_DISPLAY = "recoupe:vocab/places.yaml"

EntityKind = Literal["person", "organisation", "place", "other"]
LangTag = Annotated[
    str,
    Field(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", description="BCP 47 language tag, e.g. 'fr'."),
]
Name = Annotated[str, Field(min_length=1, max_length=500)]
WikidataId = Annotated[str, Field(pattern=r"^Q[0-9]+$", description="A Wikidata item id, e.g. 'Q1028'.")]


class EntityEntry(_Model):
    """One person, organisation or place, with every name it goes by."""

    model_config = ConfigDict(title="Entity")

    kind: EntityKind = Field(description="person, organisation, place or other.")
    pref_label: Name | Annotated[dict[LangTag, Name], Field(min_length=1)] = Field(
        alias="prefLabel",
        description="The preferred name; either one string, or one per language ({fr: Maroc, en: Morocco}).",
    )
    alt_label: tuple[Name, ...] | dict[LangTag, tuple[Name, ...]] = Field(
        default=(),
        alias="altLabel",
        description="Other names it goes by (short forms, spellings, adjectives); a list, or lists per language.",
    )
    acronyms: tuple[Name, ...] = Field(
        default=(),
        description="Acronyms and codes, matched case-sensitively (e.g. CNCLTP/TIM, MA). Those of three "
        "letters or fewer only match a whole value, never inside a longer one.",
    )
    wikidata: WikidataId | None = Field(default=None, description="Wikidata item id, e.g. 'Q1028'.")
    part_of: tuple[Identifier, ...] = Field(
        default=(),
        alias="partOf",
        description="Ids of the entities this one lies within: a city in its country, a ministry in its "
        "government. A value naming it is NARROWER than one naming any of these.",
    )
    note: str | None = Field(default=None, description="Free text for maintainers.")


class RegistryFile(_Model):
    """A registry file: persons, organisations and places that entity claims resolve to."""

    model_config = ConfigDict(
        title="Registry",
        json_schema_extra={"$id": SCHEMA_BASE + "registry.schema.json"},
    )

    id: Identifier = Field(description="The registry's id, unique across loaded registries.")
    entities: dict[Identifier, EntityEntry] = Field(
        default_factory=dict, description="The entities, by id; ids are unique across loaded registries."
    )


# --- words and tokens: shared by the index (here) and by value parsing (entities.py) ----------------

ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "the", "an"})
PREPOSITIONS = frozenset(
    {
        "a", "au", "aux", "de", "du", "des", "d", "en", "dans", "entre", "par", "pour", "sur", "chez",
        "vers", "avec", "contre", "parmi", "in", "at", "of", "from", "to", "by", "for", "on", "with",
        "between", "among", "against",
    }
)  # fmt: skip
CONJUNCTIONS = frozenset({"et", "and"})
FUNCTION_WORDS = ARTICLES | PREPOSITIONS | CONJUNCTIONS
# Only these are dropped from the front of a registered name: "Le Caire" must also match "au Caire".
_LEADING_NAME_ARTICLES = frozenset({"le", "la", "les", "l", "the"})
# An acronym this short is too often an ordinary word or another body's acronym (ET, CAN, SE...).
SHORT_ACRONYM = 3

_TOKEN_RE = re.compile(r"(?P<abbr>\b(?:[^\W\d_]\.){2,})|(?P<word>\w+)|(?P<sep>[,;:()\[\]{}&|])")


class Token(NamedTuple):
    """A word (sep == '') or a separator of a typography-folded string, with its offsets in it."""

    folded: str  # accents and case folded, as fold_text does: names match on this
    cased: str  # accents folded, case kept: acronyms match on this
    start: int
    end: int
    sep: str


@lru_cache(maxsize=1 << 16)
def _word_forms(raw: str) -> tuple[str, str]:
    cased = strip_accents(raw)
    return cased.casefold(), cased


def tokenize(s: str) -> list[Token]:
    """Words and separators of `s`, which must already be `fold_typography`-ed (offsets refer to it).

    Dotted abbreviations are one word ("U.S." is "US"); other punctuation (- / ' .) only separates words,
    so "CNCLTP/TIM", "CNCLTP-TIM" and "CNCLTP TIM" tokenize alike.
    """
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(s):
        kind = m.lastgroup
        if kind == "sep":
            out.append(Token("", "", m.start(), m.end(), m.group()))
            continue
        raw = m.group()
        if kind == "abbr":
            raw = raw.replace(".", "")
        folded, cased = _word_forms(raw)
        out.append(Token(folded, cased, m.start(), m.end(), ""))
    return out


def content_tokens(folded: Iterable[str]) -> frozenset[str]:
    """The words of a name that carry meaning (no articles, prepositions, conjunctions)."""
    words = tuple(folded)
    kept = frozenset(w for w in words if w not in FUNCTION_WORDS)
    return kept or frozenset(words)


def name_key(label: str) -> tuple[str, ...]:
    """The folded words of a registered name, without a leading article ("Le Caire" -> ("caire",))."""
    words = [t.folded for t in tokenize(fold_typography(label)) if not t.sep]
    i = 0
    while i < len(words) - 1 and words[i] in _LEADING_NAME_ARTICLES:
        i += 1
    return tuple(words[i:])


def acronym_key(acronym: str) -> tuple[str, ...]:
    """The case-kept words of an acronym: "CNCLTP/TIM" -> ("CNCLTP", "TIM")."""
    return tuple(t.cased for t in tokenize(fold_typography(acronym)) if not t.sep)


# --- the compiled registry -------------------------------------------------------------------------


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
        while start < len(folded) - 1 and folded[start] in _LEADING_NAME_ARTICLES:
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
            found = Resolution(cands, ext, tuple(self._name_words(i) for i in cands))
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


# --- loading ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Loaded:
    file: str
    model: RegistryFile
    marks: Marks
    broken: frozenset[str] = frozenset()  # ids of entities that failed validation (reported already)


def _validate(data: object, marks: Marks, display: str, sink: ProblemSink) -> _Loaded | None:
    """Validate one file. Entities that fail are reported and left out, so that the semantic checks
    (unknown partOf, duplicate ids) still run on the others and every problem shows at once."""
    try:
        return _Loaded(display, RegistryFile.model_validate(data), marks)
    except ValidationError as err:
        problems = problems_from_validation(err, display, marks, model=RegistryFile)
    sink.extend(problems)
    if not isinstance(data, dict) or not isinstance(data.get("entities"), dict):
        return None
    broken = {p.pointer.split("/")[2] for p in problems if p.pointer.startswith("/entities/")}
    broken = {b.replace("~1", "/").replace("~0", "~") for b in broken}
    kept = {k: v for k, v in data["entities"].items() if k not in broken}
    try:
        model = RegistryFile.model_validate({**data, "entities": kept})
    except ValidationError:
        return None  # the file's own fields are wrong: already reported
    return _Loaded(display, model, marks, frozenset(broken))


@lru_cache(maxsize=1)
def _builtin() -> _Loaded:
    ref = resources.files("recoupe.vocab").joinpath("places.yaml")
    with resources.as_file(ref) as path:
        data, marks = read_yaml(path, BUILTIN_DISPLAY)
    sink = ProblemSink()
    loaded = _validate(data, marks, BUILTIN_DISPLAY, sink)
    sink.raise_if_any()
    assert loaded is not None  # no problem reported means it validated
    return loaded


def load_registries(paths: Sequence[Path], include_builtin: bool = True) -> Registry:
    """Load, check and merge registry files (and the built-in places) into one Registry.

    Every problem in every file (schema errors, an id defined twice, an unknown or cyclic partOf, a
    name without any word) is collected and raised as one InputError, each located by file and line.
    """
    if not paths and include_builtin:
        return builtin_registry()
    sink = ProblemSink()
    loaded: list[_Loaded] = [_builtin()] if include_builtin else []
    for path in paths:
        display = str(path)
        try:
            data, marks = read_yaml(path, display)
        except InputError as err:
            sink.extend(err.problems)
            continue
        lf = _validate(data, marks, display, sink)
        if lf is not None:
            loaded.append(lf)
    entities = _compile(loaded, sink)
    sink.raise_if_any()
    return Registry(entities, [lf.model.id for lf in loaded], [lf.file for lf in loaded])


@lru_cache(maxsize=1)
def builtin_registry() -> Registry:
    """The built-in places alone, compiled once."""
    lf = _builtin()
    sink = ProblemSink()
    entities = _compile([lf], sink)
    sink.raise_if_any()
    return Registry(entities, [lf.model.id], [lf.file])


def _at(lf: _Loaded, parts: Sequence[str | int], message: str, kind: str, key: bool = False) -> Problem:
    ptr = pointer(parts)
    line, col = lf.marks.find(ptr, key=key)
    return Problem(lf.file, line, col, ptr, message, kind)


def _compile(loaded: Sequence[_Loaded], sink: ProblemSink) -> list[Entity]:
    registry_ids: dict[str, str] = {}
    where: dict[str, _Loaded] = {}
    entities: dict[str, Entity] = {}
    for lf in loaded:
        rid = lf.model.id
        if rid in registry_ids:
            sink.add(
                _at(lf, ["id"], f"registry id '{rid}' is already used by {registry_ids[rid]}", "duplicate-id")
            )
        else:
            registry_ids[rid] = lf.file
        for eid, entry in lf.model.entities.items():
            line = lf.marks.find(pointer(["entities", eid]), key=True)[0]
            if eid in where and where[eid].file == BUILTIN_DISPLAY and lf.file != BUILTIN_DISPLAY:
                # A project may extend a built-in entity (partOf, wikidata, more names) under its id.
                where[eid] = lf
                entities[eid] = _extend(entities[eid], _entity(lf, eid, entry, line, sink))
                continue
            if eid in where:
                first = where[eid]
                first_line = first.marks.find(pointer(["entities", eid]), key=True)[0]
                sink.add(
                    _at(
                        lf,
                        ["entities", eid],
                        f"entity '{eid}' is already defined in {first.file}:{first_line}",
                        "duplicate-id",
                        key=True,
                    )
                )
                continue
            where[eid] = lf
            entities[eid] = _entity(lf, eid, entry, line, sink)

    known = set(entities)
    broken = set().union(*(lf.broken for lf in loaded))
    for e in entities.values():
        lf = where[e.id]
        for k, parent in enumerate(e.part_of):
            if parent not in known and parent not in broken:
                hint = did_you_mean(parent, known)
                sink.add(
                    _at(
                        lf,
                        ["entities", e.id, "partOf", k],
                        f"unknown entity '{parent}' in partOf{hint}",
                        "unknown-id",
                    )
                )
    _report_cycles(list(entities.values()), known, where, sink)
    return list(entities.values())


def _extend(builtin: Entity, project: Entity) -> Entity:
    """A built-in entity extended by a project's entry: the project's fields win, names add up."""
    given = {lang for lang, _ in project.pref_labels}
    return Entity(
        id=project.id,
        kind=project.kind,
        pref_label=project.pref_label,
        labels=tuple(dict.fromkeys((*project.labels, *builtin.labels))),
        acronyms=tuple(dict.fromkeys((*project.acronyms, *builtin.acronyms))),
        wikidata=project.wikidata or builtin.wikidata,
        part_of=tuple(dict.fromkeys((*project.part_of, *builtin.part_of))),
        note=project.note or builtin.note,
        file=project.file,
        line=project.line,
        pref_labels=(*project.pref_labels, *((lg, lb) for lg, lb in builtin.pref_labels if lg not in given)),
    )


def _entity(lf: _Loaded, eid: str, entry: EntityEntry, line: int | None, sink: ProblemSink) -> Entity:
    pref: list[tuple[str, str]] = []
    labels: list[tuple[list[str | int], str]] = []
    if isinstance(entry.pref_label, str):
        pref.append(("", entry.pref_label))
        labels.append((["prefLabel"], entry.pref_label))
    else:
        for lang, label in entry.pref_label.items():
            pref.append((lang, label))
            labels.append((["prefLabel", lang], label))
    if isinstance(entry.alt_label, dict):
        for lang, alts in entry.alt_label.items():
            labels.extend((["altLabel", lang, k], a) for k, a in enumerate(alts))
    else:
        labels.extend((["altLabel", k], a) for k, a in enumerate(entry.alt_label))
    for parts, label in labels:
        if not name_key(label):
            sink.add(_at(lf, ["entities", eid, *parts], f"name '{label}' has no word to match on", "invalid"))
    for k, acr in enumerate(entry.acronyms):
        if not acronym_key(acr):
            sink.add(
                _at(
                    lf,
                    ["entities", eid, "acronyms", k],
                    f"acronym '{acr}' has no word to match on",
                    "invalid",
                )
            )
    names = tuple(dict.fromkeys(label for _, label in labels))
    return Entity(
        id=eid,
        kind=entry.kind,
        pref_label=pref[0][1],
        labels=names,
        acronyms=tuple(dict.fromkeys(entry.acronyms)),
        wikidata=entry.wikidata,
        part_of=tuple(dict.fromkeys(entry.part_of)),
        note=entry.note,
        file=lf.file,
        line=line,
        pref_labels=tuple(pref),
    )


def _report_cycles(
    entities: Sequence[Entity], known: set[str], where: Mapping[str, _Loaded], sink: ProblemSink
) -> None:
    """Report each partOf cycle once, at the edge that closes it (walking in file order)."""
    parents = {e.id: [p for p in e.part_of if p in known] for e in entities}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in parents:
        if root in state:
            continue
        path: list[str] = [root]
        stack: list[int] = [0]
        state[root] = 1
        while path:
            node, k = path[-1], stack[-1]
            if k >= len(parents[node]):
                state[node] = 2
                path.pop()
                stack.pop()
                continue
            stack[-1] = k + 1
            p = parents[node][k]
            if state.get(p) == 1:
                cycle = [*path[path.index(p) :], p]
                sink.add(_cycle_problem(cycle, where))
            elif p not in state:
                state[p] = 1
                path.append(p)
                stack.append(0)


def _cycle_problem(cycle: Sequence[str], where: Mapping[str, _Loaded]) -> Problem:
    """Locate a cycle at an edge a project wrote: the closing one if it can, never in the built-ins."""
    message = "partOf cycle: " + " → ".join(cycle)
    edges = list(pairwise(cycle))
    for node, parent in [edges[-1], *edges]:
        lf = where[node]
        own = lf.model.entities[node].part_of
        if lf.file != BUILTIN_DISPLAY and parent in own:
            return _at(lf, ["entities", node, "partOf", own.index(parent)], message, "cycle")
    node = cycle[-2]
    return _at(where[node], ["entities", node], message, "cycle")
