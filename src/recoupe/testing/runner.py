"""Running rule cases: a case's claims as a corpus, the rules run on it, and the findings held to the expected ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoupe.errors import InputError, RuleFailed
from recoupe.testing.cases import DEFAULT_EVENT, Case, CaseSource, ExpectedFinding, RuleCase, load_cases

if TYPE_CHECKING:
    from recoupe.corpus import Corpus
    from recoupe.findings import Finding
    from recoupe.normalize.values import Normalizer
    from recoupe.slots import Slots
    from recoupe.yamlio import Marks

__all__ = [
    "CaseResult",
    "assert_case",
    "build_corpus",
    "compare",
    "rule_case_params",
    "run_case",
    "run_cases",
]


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


def _crashed(failed: list[tuple[RuleCase, str]], case: RuleCase, e: BaseException) -> None:
    import traceback

    failed.append((case, "! the run raised:\n" + "".join(traceback.format_exception(e)).rstrip()))


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
        except RuleFailed as e:  # a rule that crashes fails its case; the other cases still run
            _crashed(failed, case, e.__cause__ or e)
            continue
        except InputError:
            raise
        except Exception as e:  # (a built-in rule's crash, likewise)
            _crashed(failed, case, e)
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
