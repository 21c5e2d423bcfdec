"""The public rule-test harness: case files, exact comparison of findings, located errors, pytest ids."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from recoupe.errors import InputError, Problem
from recoupe.models import SCHEMA_BASE
from recoupe.testing import CaseFile, load_cases, rule_case_params, run_case, run_cases

RULES = """
rules:
  - kind: compare
    code: X-CMP001
    name: newsroom.counts
    description: Counts must agree.
    relations: {DISJOINT: error, OVERLAP: warning}
    slots: ["quantity:"]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_cases(path)
    return info.value.problems


def where(p: Problem) -> tuple[str, int | None, int | None, str, str, str]:
    return (Path(p.file).name, p.line, p.column, p.pointer, p.kind, p.message)


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    write(tmp_path / "rules" / "counts.yaml", RULES)
    write(
        tmp_path / "cases" / "counts.yaml",
        """
        rule: X-CMP001
        rules_files: [../rules/counts.yaml]
        cases:
          - name: different-counts-contradict
            claims:
              - {source: a, id: c1, slot: "quantity:dead", value: "23"}
              - {source: b, id: c2, slot: "quantity:dead", value: "37"}
            expect:
              - {code: X-CMP001, claims: [b/c2, a/c1], relation: DISJOINT, severity: error, message_contains: "« 37 »"}
          - name: equal-counts-say-nothing
            claims:
              - {source: a, id: c1, slot: "quantity:dead", value: "23"}
              - {source: b, id: c2, slot: "quantity:dead", value: "vingt-trois"}
            expect: []
          - name: wrong-expectations
            claims:
              - {source: a, id: c1, slot: "quantity:dead", value: "23"}
              - {source: b, id: c2, slot: "quantity:dead", value: "37"}
              - {source: a, id: c3, slot: "quantity:attempts", value: "quelque 15.000"}
              - {source: b, id: c4, slot: "quantity:attempts", value: "plus de 14 000"}
            expect:
              - {code: X-CMP001, claims: [a/c1, b/c2], relation: DISJOINT, severity: warning}
        """,
    )
    return tmp_path / "cases"


def test_cases_pass_or_fail_with_an_exact_diff(cases_dir: Path) -> None:
    passed, failed = run_cases([cases_dir])
    assert [c.name for c in passed] == ["different-counts-contradict", "equal-counts-say-nothing"]
    assert [(c.name, diff) for c, diff in failed] == [
        (
            "wrong-expectations",
            "- X-CMP001 [a/c1, b/c2] DISJOINT warning\n"
            "+ X-CMP001 [a/c3, b/c4] OVERLAP warning: a says « quelque 15.000 », b says « plus de 14 000 »: "
            "OVERLAP (quantity:attempts of the event)\n"
            "+ X-CMP001 [a/c1, b/c2] DISJOINT error: a says « 23 », b says « 37 »: DISJOINT "
            "(quantity:dead of the event)",
        )
    ]
    case = failed[0][0]
    assert str(case) == f"wrong-expectations ({cases_dir / 'counts.yaml'}:15)"
    assert case.rules == ("X-CMP001",)


def test_run_case_gives_the_findings_and_both_sides_of_a_mismatch(cases_dir: Path) -> None:
    case = load_cases(cases_dir / "counts.yaml")[2]
    result = run_case(case)
    assert not result.passed
    assert [(e.code, e.claims, e.relation, e.severity) for e in result.missing] == [
        ("X-CMP001", ("a/c1", "b/c2"), "DISJOINT", "warning")
    ]
    assert sorted((f.code, f.relation.value if f.relation else None) for f in result.unexpected) == [
        ("X-CMP001", "DISJOINT"),
        ("X-CMP001", "OVERLAP"),
    ]
    # findings point at the claims' lines in the case file
    assert sorted((c.claim, c.file, c.line) for f in result.findings for c in f.claims)[:2] == [
        ("c1", str(cases_dir / "counts.yaml"), 17),
        ("c2", str(cases_dir / "counts.yaml"), 18),
    ]


def test_a_strict_expectation_is_matched_before_a_loose_one(tmp_path: Path) -> None:
    write(tmp_path / "rules.yaml", RULES.replace("slots", "types: [quantity]\n    slots"))
    path = write(
        tmp_path / "case.yaml",
        """
        rules: [X-CMP001]
        rules_files: [rules.yaml]
        cases:
          - name: same-claims-two-findings
            claims:
              - {source: a, id: c1, slot: "quantity:dead", value: "23"}
              - {source: b, id: c2, slot: "quantity:dead", value: "37"}
            expect:
              - {code: X-CMP001, claims: [a/c1, b/c2], relation: DISJOINT}
        """,
    )
    assert run_case(load_cases(path)[0]).passed


def test_sources_can_be_dated_pinned_to_a_text_or_stale(tmp_path: Path) -> None:
    path = write(
        tmp_path / "case.yaml",
        """
        rules: [EVD001, REF001]
        cases:
          - name: stale-text-and-reference
            sources:
              ref: {kind: reference}
              art: {published: 2022-08-01, text: "Signée ce lundi à Rabat.", outlet: Le360}
              old: {stale: true}
            claims:
              - {source: ref, id: r1, slot: date, value: 1er août 2022}
              - {source: art, id: c1, slot: date, value: ce lundi, quote: ce lundi}
              - {source: old, id: o1, slot: date, value: 3 août 2022}
            expect:
              - {code: EVD001, claims: [old/o1], severity: error}
        """,
    )
    result = run_case(load_cases(path)[0])
    assert result.passed, result.diff
    quoted = next(c for f in result.findings for c in f.claims if c.claim == "o1")
    assert quoted.source == "old"


def test_quotes_are_located_in_a_case_source_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "case.yaml",
        """
        rule: X-EXP001
        rules_files: [rules.yaml]
        cases:
          - name: quoted
            sources:
              a: {text: "Le Maroc et le Niger ont signé, ce lundi à Rabat."}
            claims:
              - {source: a, id: c1, slot: place, value: Rabat, quote: à Rabat}
            expect:
              - {code: X-EXP001, claims: [a/c1]}
        """,
    )
    write(
        tmp_path / "rules.yaml",
        """
        rules:
          - {kind: expression, code: X-EXP001, name: x.quoted, description: d, when: "claims.all(c, c.quote != null)"}
        """,
    )
    result = run_case(load_cases(path)[0])
    assert result.passed, result.diff
    ref = result.findings[0].claims[0]
    assert (ref.quote, ref.start, ref.end) == ("à Rabat", 41, 48)


def test_case_file_problems_are_located(tmp_path: Path) -> None:
    path = write(
        tmp_path / "case.yaml",
        """
        rule: CMP004
        rules: [CMP001]
        cases:
          - name: one
            claims:
              - {source: a, id: c1, slot: offense, value: x}
              - {source: a, id: c1, slot: offence, value: y}
            expect:
              - {code: CMP004, claims: [a/c1, b/c1]}
          - name: one
            claims: []
            expect: []
        """,
    )
    assert [where(p) for p in problems(path)] == [
        (
            "case.yaml", 1, 1, "", "missing",
            "name the rule under test with 'rule', or several with 'rules' (not both)",
        ),
        ("case.yaml", 6, 35, "/cases/0/claims/0/slot", "unknown-slot", "unknown slot 'offense' (did you mean 'offence'?)"),
        ("case.yaml", 7, 25, "/cases/0/claims/1/id", "duplicate-id", "duplicate claim id 'c1' in source 'a'"),
        (
            "case.yaml", 9, 39, "/cases/0/expect/0/claims/1", "unknown-claim",
            "no claim 'b/c1' in this case (did you mean 'a/c1'?)",
        ),
        ("case.yaml", 10, 11, "/cases/1/name", "duplicate-id", "duplicate case name 'one'"),
    ]  # fmt: skip


def test_schema_errors_are_located(tmp_path: Path) -> None:
    path = write(
        tmp_path / "case.yaml",
        """
        rule: CMP004
        cases:
          - name: no-expect
            claim: []
        """,
    )
    assert [where(p) for p in problems(path)] == [
        ("case.yaml", 3, 5, "/cases/0/expect", "missing", "missing required field 'expect'"),
        ("case.yaml", 4, 5, "/cases/0/claim", "unknown-key", "unknown key 'claim' (did you mean 'claims'?)"),
    ]


def test_an_unknown_rule_is_an_input_error_at_the_rule_key(tmp_path: Path) -> None:
    path = write(
        tmp_path / "case.yaml",
        """
        rule: CPM004
        cases:
          - {name: x, claims: [], expect: []}
        """,
    )
    with pytest.raises(InputError) as info:
        run_cases([path])
    assert [where(p) for p in info.value.problems] == [
        ("case.yaml", 1, 7, "/rule", "unknown-rule", "no rule 'CPM004' (did you mean 'CMP004'?)")
    ]


def test_a_crashing_rule_fails_its_case_and_the_others_still_run(tmp_path: Path) -> None:
    write(
        tmp_path / "crash.py",
        '''
        from recoupe.rules.base import Rule

        class Crash(Rule):
            """Raises on every group."""

            code = "X-CRS001"
            name = "crash.always"
            category = "custom"

            def check(self, group):
                raise ValueError("rule bug")
        ''',
    )
    path = write(
        tmp_path / "case.yaml",
        """
        rule: X-CRS001
        plugins: [crash.py]
        cases:
          - name: crashes
            claims: [{source: a, id: c1, slot: offence, value: x}]
            expect: []
          - name: nothing-to-check
            claims: []
            expect: []
        """,
    )
    passed, failed = run_cases([path])
    assert [c.name for c in passed] == ["nothing-to-check"]
    [(case, diff)] = failed
    assert case.name == "crashes"
    assert diff.startswith("! the run raised:\nTraceback")
    assert diff.endswith("ValueError: rule bug")


def test_rule_case_params_have_readable_ids(cases_dir: Path) -> None:
    write(
        cases_dir / "nested" / "more.yaml",
        "rule: CMP004\ncases:\n  - {name: empty, claims: [], expect: []}\n",
    )
    params = rule_case_params(cases_dir)
    assert [p.id for p in params] == [
        "counts::different-counts-contradict",
        "counts::equal-counts-say-nothing",
        "counts::wrong-expectations",
        "nested/more::empty",
    ]
    assert params[0].values[0].name == "different-counts-contradict"


def test_the_case_file_schema_has_its_id() -> None:
    schema = CaseFile.model_json_schema()
    assert schema["$id"] == SCHEMA_BASE + "rule-cases.schema.json"
