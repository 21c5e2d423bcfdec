"""Built-in rules are tested by data: YAML cases in cases/, run by the public recoupe.testing harness.

Meta-tests keep the conventions: every built-in rule has a docstring with a passing and a failing
example, and at least one case that gives a finding and one that gives none.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from recoupe.rules import builtin_rules
from recoupe.testing import RuleCase, assert_case, load_cases, rule_case_params

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case", rule_case_params(CASES))
def test_rule_case(case: RuleCase) -> None:
    assert_case(case)


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_every_builtin_rule_has_a_failing_and_a_passing_case(rule: object) -> None:
    code = rule.code  # type: ignore[attr-defined]
    cases = [c for c in load_cases(CASES) if code in c.rules]
    assert any(c.case.expect for c in cases), f"{code} has no case that expects a finding"
    assert any(not c.case.expect for c in cases), f"{code} has no case that expects no finding"


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_every_builtin_rule_is_documented_with_examples(rule: object) -> None:
    doc = inspect.getdoc(type(rule)) or ""
    assert doc.splitlines()[0].endswith("."), "the first line is a sentence"
    assert "Passing (no finding)" in doc and "Failing (" in doc
    module = inspect.getmodule(type(rule))
    assert module is not None and module.__doc__ and module.__doc__.startswith(rule.code)  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", rule_case_params(Path(__file__).parent / "project"))
def test_project_rule_case(case: RuleCase) -> None:
    """The bundled corpus's own YAML rules (rules/ at the repository root) are tested the same way."""
    assert_case(case)
