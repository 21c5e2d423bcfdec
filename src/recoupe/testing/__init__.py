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

from recoupe.testing.cases import Case, CaseClaim, CaseFile, CaseSource, ExpectedFinding, RuleCase, load_cases
from recoupe.testing.runner import (
    CaseResult,
    assert_case,
    build_corpus,
    rule_case_params,
    run_case,
    run_cases,
)

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
