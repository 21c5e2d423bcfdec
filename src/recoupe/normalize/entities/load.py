"""Loading entity registries: files validated, merged with the built-in places, and checked as a whole.

Every problem in every file (schema errors, an id defined twice, an unknown or cyclic partOf, a name
without any word) is collected and raised as one InputError, each located by file and line. A project
may extend a built-in entity under its id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from pydantic import ValidationError

from recoupe.errors import InputError, Problem, ProblemSink, did_you_mean, pointer, problems_from_validation
from recoupe.normalize.entities.model import EntityEntry, RegistryFile
from recoupe.normalize.entities.names import acronym_key, name_key
from recoupe.normalize.entities.registry import Entity, Registry
from recoupe.yamlio import Marks, read_yaml

BUILTIN_DISPLAY = "recoupe:vocab/places.yaml"


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
        for field, targets in (("partOf", e.part_of), ("memberOf", e.member_of), ("heads", e.heads)):
            for k, target in enumerate(targets):
                if target not in known and target not in broken:
                    hint = did_you_mean(target, known)
                    sink.add(
                        _at(
                            lf,
                            ["entities", e.id, field, k],
                            f"unknown entity '{target}' in {field}{hint}",
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
        member_of=tuple(dict.fromkeys((*project.member_of, *builtin.member_of))),
        heads=tuple(dict.fromkeys((*project.heads, *builtin.heads))),
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
        member_of=tuple(dict.fromkeys(entry.member_of)),
        heads=tuple(dict.fromkeys(entry.heads)),
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
