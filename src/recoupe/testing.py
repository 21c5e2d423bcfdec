"""Rule tests as data: YAML case files (claims in, the exact findings out), their loader and runner.

Public, so that plugin authors test their rules with the same harness as the built-in ones. A case
file names the rule(s) under test and lists cases; each case gives claims (and, optionally, their
sources) and the exact findings the rule(s) must give, order aside:

    rule: CMP004                     # or `rules: [CMP004, REF001]`; codes or dotted names
    rules_files: [../my-rules.yaml]  # YAML rule files to load, relative to this file
    plugins: []                      # local plugin modules or .py paths, relative to this file
    vocabularies: []                 # extra vocabulary files
    registries: []                   # extra entity registries
    cases:
      - name: trafficking-vs-smuggling-is-a-contradiction
        sources:                     # optional; a source not listed is an article with no date
          a: {published: 2022-08-01}
        claims:                      # claim fields, plus `source` (and `event`, default "e")
          - {source: a, id: c1, slot: offence, value: traite des êtres humains}
          - {source: b, id: c2, slot: offence, value: trafic illicite de migrants}
        expect:                      # [] means no finding at all
          - {code: CMP004, claims: [a/c1, b/c2], relation: DISJOINT}

An expected finding matches a finding with the same code, the same set of claims and the same
relation (none when `relation` is left out), and, when given, the same severity and a message that
contains `message_contains`. A case passes when every expected finding matches one finding and no
finding is left over.

In pytest:

    from recoupe.testing import assert_case, rule_case_params

    @pytest.mark.parametrize("case", rule_case_params("tests/rules/cases"))
    def test_rule_case(case):
        assert_case(case)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationError

from recoupe.errors import InputError, Problem, did_you_mean, problems_from_validation
from recoupe.models import SCHEMA_BASE, ClaimBody, Identifier, SourceKind, _Model
from recoupe.yamlio import Marks, read_yaml

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.corpus import Corpus
    from recoupe.findings import Finding
    from recoupe.normalize.values import Normalizer
    from recoupe.rules.base import Rule
    from recoupe.slots import Slots

__all__ = [
    "Case",
    "CaseClaim",
    "CaseFile",
    "CaseResult",
    "CaseSource",
    "ExpectedFinding",
    "RuleCase",
    "assert_case",
    "build_corpus",
    "load_cases",
    "rule_case_params",
    "run_case",
    "run_cases",
]

CASE_SUFFIXES = (".yaml", ".yml")
DEFAULT_EVENT = "e"

# -------------------------------------------------------------------------------------------------
# The file format
# -------------------------------------------------------------------------------------------------

Level = Literal["error", "warning", "info"]
RelationName = Literal["EQUAL", "NARROWER", "BROADER", "OVERLAP", "DISJOINT", "UNKNOWN"]
ClaimPath = Annotated[
    str,
    Field(pattern=r"^[^/\s]+/[^/\s]+$", description="A claim as 'source/claim id'.", examples=["a/c1"]),
]


class CaseSource(_Model):
    """A source of a case. Every field is optional: a source not listed is an undated article in French."""

    model_config = ConfigDict(title="Case source")

    kind: SourceKind = "article"
    published: dt.date | dt.datetime | None = Field(
        default=None, description="Publication date; relative dates in claims resolve against it."
    )
    language: str = Field(default="fr", pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
    outlet: str | None = None
    title: str | None = None
    text: str | None = Field(
        default=None, description="The source's text; claims' quotes are located in it when given."
    )
    stale: bool = Field(
        default=False, description="Pretend the text changed since its claims were pinned to it."
    )


class CaseClaim(ClaimBody):
    """A claim of a case: the fields of a claim in a source file, plus its `source`."""

    model_config = ConfigDict(title="Case claim")

    source: Identifier = Field(description="The id of the source that makes the claim.")


class ExpectedFinding(_Model):
    """A finding the rule(s) under test must give."""

    model_config = ConfigDict(title="Expected finding")

    code: str = Field(min_length=1, description="The rule code.")
    claims: tuple[ClaimPath, ...] = Field(description="The claims the finding names, in any order.")
    relation: RelationName | None = Field(
        default=None, description="The finding's relation; leave it out for a finding without one."
    )
    severity: Level | None = Field(default=None, description="When given, the finding's severity.")
    message_contains: str | None = Field(
        default=None, min_length=1, description="When given, a part of the finding's message."
    )


class Case(_Model):
    """One test: claims in, the exact findings out."""

    model_config = ConfigDict(title="Rule case")

    name: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="Unique in its file; shown in test ids."
    )
    description: str | None = None
    events: tuple[Identifier, ...] = Field(
        default=(), description="The corpus's events; default those the claims name (or 'e')."
    )
    sources: dict[Identifier, CaseSource] = Field(default_factory=dict)
    claims: tuple[CaseClaim, ...] = ()
    expect: tuple[ExpectedFinding, ...] = Field(description="Every finding expected; [] for none.")


class CaseFile(_Model):
    """A file of rule test cases."""

    model_config = ConfigDict(
        title="recoupe rule cases", json_schema_extra={"$id": SCHEMA_BASE + "rule-cases.schema.json"}
    )

    rule: str | None = Field(
        default=None, min_length=1, description="The code (or name) of the rule under test."
    )
    rules: tuple[str, ...] = Field(default=(), description="The rules under test, when there are several.")
    rules_files: tuple[str, ...] = Field(
        default=(), description="YAML rule files to load, relative to this file."
    )
    plugins: tuple[str, ...] = Field(
        default=(), description="Local plugin modules or .py paths, relative to this file."
    )
    vocabularies: tuple[str, ...] = Field(default=(), description="Extra vocabulary files.")
    registries: tuple[str, ...] = Field(default=(), description="Extra entity registry files.")
    slots: tuple[str, ...] = Field(default=(), description="Extra slot vocabulary files.")
    cases: tuple[Case, ...] = Field(description="The test cases.")


# -------------------------------------------------------------------------------------------------
# Loading
# -------------------------------------------------------------------------------------------------


@dataclass
class _Setup:
    """What the cases of one file share: the rules to run and the normalizer, each built once."""

    file: Path
    shown: str
    data: CaseFile
    marks: Marks
    slots: Slots

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.data.rule,) if self.data.rule else self.data.rules

    @cached_property
    def settings(self) -> Settings:
        from recoupe.config import Settings

        d = self.data
        return Settings.model_validate(
            {
                "rules": list(d.rules_files),
                "plugins": list(d.plugins),
                "vocabularies": list(d.vocabularies),
                "registries": list(d.registries),
                "slots": list(d.slots),
                "root": self.file.parent.resolve(),
            }
        )

    @cached_property
    def rules(self) -> list[Rule]:
        """The rules under test, found among every rule the case file's settings make available."""
        from recoupe.rules.plugins import discover_rules

        available = discover_rules(self.settings)
        chosen: list[Rule] = []
        problems = []
        ptr = "/rule" if self.data.rule else "/rules"
        for i, code in enumerate(self.codes):
            rule = next((r for r in available if code in (r.code, r.name)), None)
            if rule is None:
                at = ptr if self.data.rule else f"{ptr}/{i}"
                line, col = self.marks.find(at)
                hint = did_you_mean(code, [r.code for r in available] + [r.name for r in available])
                problems.append(Problem(self.shown, line, col, at, f"no rule '{code}'{hint}", "unknown-rule"))
            elif rule not in chosen:
                chosen.append(rule)
        if problems:
            raise InputError(problems)
        return chosen

    @cached_property
    def normalizer(self) -> Normalizer:
        from recoupe.normalize.values import Normalizer

        return Normalizer.from_settings(self.settings)


@dataclass(slots=True, eq=False)
class RuleCase:
    """One case, ready to run: where it is written, and what its file sets up."""

    file: Path
    name: str
    line: int | None
    case: Case
    index: int  # in its file's `cases`
    setup: _Setup = field(repr=False)

    @property
    def rules(self) -> tuple[str, ...]:
        return self.setup.codes

    def __str__(self) -> str:
        where = f"{self.setup.shown}:{self.line}" if self.line is not None else self.setup.shown
        return f"{self.name} ({where})"


def _case_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in CASE_SUFFIXES and p.is_file())
    return [path]


def load_cases(path_or_dir: str | Path | Sequence[str | Path]) -> list[RuleCase]:
    """Every case of a case file, of the case files in a folder (recursively), or of several paths.

    Raises InputError with every problem found: bad YAML, unknown keys, missing fields, duplicate
    case names or claim ids, unknown slots, and expectations naming claims the case does not have.
    """
    from recoupe.slots import load_slots

    paths = [path_or_dir] if isinstance(path_or_dir, (str, Path)) else list(path_or_dir)
    out: list[RuleCase] = []
    problems: list[Problem] = []
    builtin_slots = load_slots()
    for p in paths:
        path = Path(p)
        if not path.exists():
            problems.append(Problem(str(path), None, None, "", "no such file or folder", "io"))
            continue
        for file in _case_files(path):
            try:
                out.extend(_load_file(file, builtin_slots))
            except InputError as e:
                problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return out


def _load_file(file: Path, builtin_slots: Slots) -> list[RuleCase]:
    from recoupe.slots import load_slots

    shown = str(file)
    raw, marks = read_yaml(file, shown)
    try:
        data = CaseFile.model_validate(raw)
    except ValidationError as e:
        raise InputError(problems_from_validation(e, shown, marks, model=CaseFile)) from None
    problems: list[Problem] = []

    def at(ptr: str, message: str, kind: str) -> None:
        line, col = marks.find(ptr)
        problems.append(Problem(shown, line, col, ptr, message, kind))

    if bool(data.rule) == bool(data.rules):
        at("", "name the rule under test with 'rule', or several with 'rules' (not both)", "missing")
    slots = load_slots([file.parent / s for s in data.slots]) if data.slots else builtin_slots
    setup = _Setup(file, shown, data, marks, slots)
    cases = []
    names: set[str] = set()
    for i, case in enumerate(data.cases):
        base = f"/cases/{i}"
        if case.name in names:
            at(f"{base}/name", f"duplicate case name '{case.name}'", "duplicate-id")
        names.add(case.name)
        ids: set[str] = set()
        for j, c in enumerate(case.claims):
            ref = f"{c.source}/{c.id}"
            if ref in ids:
                at(
                    f"{base}/claims/{j}/id",
                    f"duplicate claim id '{c.id}' in source '{c.source}'",
                    "duplicate-id",
                )
            ids.add(ref)
            if slots.get(c.slot) is None:
                at(f"{base}/claims/{j}/slot", slots.unknown_message(c.slot), "unknown-slot")
        for k, exp in enumerate(case.expect):
            for m, ref in enumerate(exp.claims):
                if ref not in ids:
                    at(
                        f"{base}/expect/{k}/claims/{m}",
                        f"no claim '{ref}' in this case{did_you_mean(ref, ids)}",
                        "unknown-claim",
                    )
        cases.append(RuleCase(file, case.name, marks.find(base)[0], case, i, setup))
    if problems:
        raise InputError(problems)
    return cases


# -------------------------------------------------------------------------------------------------
# Running
# -------------------------------------------------------------------------------------------------


def build_corpus(
    case: Case, slots: Slots | None = None, file: str = "<case>", marks: Marks | None = None, base: str = ""
) -> Corpus:
    """An in-memory corpus of a case's claims and sources, as the loader would have made it."""
    from recoupe.corpus import Corpus, LoadedClaim, LoadedEvent, LoadedSource
    from recoupe.load.evidence import FoldedText, QuoteMatch, fold_source, locate, sha256_hex
    from recoupe.models import Event, SourceBase, TextRef
    from recoupe.slots import load_slots

    slots = slots or load_slots()
    corpus = Corpus()
    events = (
        case.events or tuple(dict.fromkeys(c.event or DEFAULT_EVENT for c in case.claims)) or (DEFAULT_EVENT,)
    )
    for ev in events:
        corpus.events[ev] = LoadedEvent(Event(id=ev), None)
    folded: dict[str, FoldedText] = {}
    for sid in dict.fromkeys([*case.sources, *(c.source for c in case.claims)]):
        spec = case.sources.get(sid) or CaseSource()
        text = spec.text if spec.text is not None else ("" if spec.stale else None)
        ref = None
        if text is not None:
            pinned = sha256_hex(text.encode("utf-8"))
            ref = TextRef(
                path=f"{sid}.txt", sha256=pinned if not spec.stale else sha256_hex(b"as first pinned")
            )
        source = SourceBase(
            id=sid,
            kind=spec.kind,
            published=spec.published,
            language=spec.language,
            outlet=spec.outlet,
            title=spec.title,
            text=ref,
        )
        line = marks.find(f"{base}/sources/{sid}")[0] if marks is not None and sid in case.sources else None
        loaded = LoadedSource(source, file, line, DEFAULT_EVENT)
        if text is not None:
            loaded.text_file = f"{sid}.txt"
            loaded.text = text
            folded[sid] = fold_source(text)
            loaded.actual_sha256 = sha256_hex(text.encode("utf-8"))
            loaded.stale = spec.stale
        corpus.sources[sid] = loaded
    for j, c in enumerate(case.claims):
        slot = slots.get(c.slot)
        line = marks.find(f"{base}/claims/{j}")[0] if marks is not None else None
        claim = LoadedClaim(
            c,
            c.source,
            c.event or DEFAULT_EVENT,
            c.subject or "",
            c.type or (slot.type if slot is not None else "text"),
            file,
            line,
        )
        src = corpus.sources[c.source]
        folded_text = folded.get(c.source)
        if c.quote is not None and folded_text is not None and not src.stale:
            found = locate(c.quote, folded_text, c.occurrence)
            if isinstance(found, QuoteMatch):
                claim.start, claim.end = found.start, found.end
        corpus.claims.append(claim)
    return corpus


@dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of one case: the findings, and those expected but missing or found but not expected."""

    case: RuleCase
    findings: tuple[Finding, ...]
    missing: tuple[ExpectedFinding, ...]
    unexpected: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected

    @property
    def diff(self) -> str:
        """What differs, one line per finding: '-' expected but missing, '+' found but not expected."""
        lines = [f"- {_show_expected(e)}" for e in self.missing]
        lines += [f"+ {_show_finding(f)}" for f in self.unexpected]
        return "\n".join(lines)


def _refs(f: Finding) -> frozenset[str]:
    return frozenset(f"{c.source}/{c.claim}" for c in f.claims)


def _matches(e: ExpectedFinding, f: Finding) -> bool:
    relation = f.relation.value if f.relation is not None else None
    return (
        e.code == f.code
        and frozenset(e.claims) == _refs(f)
        and e.relation == relation
        and (e.severity is None or e.severity == f.severity.value)
        and (e.message_contains is None or e.message_contains in f.message)
    )


def _show_expected(e: ExpectedFinding) -> str:
    parts = [e.code, "[" + ", ".join(sorted(e.claims)) + "]", e.relation or "(no relation)"]
    if e.severity:
        parts.append(e.severity)
    if e.message_contains:
        parts.append(f"message containing {e.message_contains!r}")
    return " ".join(parts)


def _show_finding(f: Finding) -> str:
    relation = f.relation.value if f.relation is not None else "(no relation)"
    return f"{f.code} [{', '.join(sorted(_refs(f)))}] {relation} {f.severity.value}: {f.message}"


def compare(
    expected: Sequence[ExpectedFinding], findings: Sequence[Finding]
) -> tuple[list[ExpectedFinding], list[Finding]]:
    """Pair expectations with findings; return those left on each side.

    The most constrained expectations choose first, so that a loose one cannot take the finding a
    stricter one needs.
    """
    left = list(findings)
    missing: list[ExpectedFinding] = []
    order = sorted(expected, key=lambda e: -((e.severity is not None) + (e.message_contains is not None)))
    for e in order:
        hit = next((f for f in left if _matches(e, f)), None)
        if hit is None:
            missing.append(e)
        else:
            left.remove(hit)
    return missing, left


def run_case(case: RuleCase, *, normalizer: Normalizer | None = None) -> CaseResult:
    """Run the rule(s) under test on the case's claims and compare the findings with the expected ones.

    `normalizer` replaces the one the case file's vocabularies and registries make (built once per file).
    """
    from recoupe.engine import Engine

    setup = case.setup
    corpus = build_corpus(case.case, setup.slots, setup.shown, setup.marks, f"/cases/{case.index}")
    engine = Engine(setup.rules, normalizer or setup.normalizer, slots=setup.slots)
    findings = engine.run(corpus)
    missing, unexpected = compare(case.case.expect, findings)
    return CaseResult(case, tuple(findings), tuple(missing), tuple(unexpected))


def assert_case(case: RuleCase, *, normalizer: Normalizer | None = None) -> CaseResult:
    """Run a case; raise AssertionError with the difference when it fails (for pytest)."""
    result = run_case(case, normalizer=normalizer)
    if not result.passed:
        raise AssertionError(f"rule case {case} failed:\n{result.diff}")
    return result


def run_cases(paths: Sequence[str | Path]) -> tuple[list[RuleCase], list[tuple[RuleCase, str]]]:
    """Run every case under `paths`: the cases that passed, and those that failed with their diff (or,
    for a rule that raised, the traceback).

    Raises InputError for case files (or the rule files and plugins they load) that are not valid.
    """
    passed: list[RuleCase] = []
    failed: list[tuple[RuleCase, str]] = []
    for case in load_cases(paths):
        try:
            result = run_case(case)
        except InputError:
            raise
        except Exception as e:  # a rule that crashes fails its case; the other cases still run
            import traceback

            failed.append((case, "! the run raised:\n" + "".join(traceback.format_exception(e)).rstrip()))
            continue
        if result.passed:
            passed.append(case)
        else:
            failed.append((case, result.diff))
    return passed, failed


def rule_case_params(path: str | Path) -> list[Any]:
    """The cases under `path` as `pytest.param`s with readable ids, for `pytest.mark.parametrize`."""
    import pytest

    root = Path(path)
    params = []
    for case in load_cases(root):
        rel = case.file.relative_to(root) if root.is_dir() else Path(case.file.name)
        params.append(pytest.param(case, id=f"{rel.with_suffix('').as_posix()}::{case.name}"))
    return params
