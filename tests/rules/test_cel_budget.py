"""CEL with a budget: what could hang or crash the interpreter is refused at load time, at its line
and column; what would cost too much on a group's data is an error finding, not a hang; and
message templates reach no Python object whatever the attack's form."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from recoupe.engine import Engine
from recoupe.errors import InputError
from recoupe.normalize.values import Normalizer
from recoupe.rules import cel
from recoupe.rules.cel_budget import BUDGET
from recoupe.rules.kinds.loader import load_rule_files
from recoupe.testing import Case, build_corpus

L30 = "[" + ", ".join(str(i) for i in range(30)) + "]"
L100 = "[" + ", ".join(str(i) for i in range(100)) + "]"


def rule_file(tmp_path: Path, when: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - kind: expression\n    code: X-BUD001\n    name: x.budget\n    description: d\n"
        f"    when: '{when}'\n",
        "utf-8",
    )
    return path


def refused(tmp_path: Path, when: str) -> tuple[int | None, int | None, str, str]:
    with pytest.raises(InputError) as info:
        load_rule_files([rule_file(tmp_path, when)])
    [p] = info.value.problems
    assert (Path(p.file).name, p.pointer) == ("rules.yaml", "/rules/0/when")
    return p.line, p.column, p.kind, p.message


def test_comprehensions_nested_six_deep_are_refused_where_the_fourth_opens(tmp_path: Path) -> None:
    when = "".join(f"{L30}.all(x{i}, " for i in range(6)) + "true" + ")" * 6
    line, col, kind, message = refused(tmp_path, when)
    fourth = 3 * len(f"{L30}.all(x0, ") + len(L30) + len(".all")
    assert (line, col, kind) == (6, 12 + fourth, "cel-budget")
    assert message == f"comprehensions nested deeper than 3 (at expression line 1, column {fourth + 1})"


def test_nested_maps_over_literal_lists_are_over_budget_at_load(tmp_path: Path) -> None:
    line, col, kind, message = refused(tmp_path, f"{L100}.map(x, {L100}.map(y, {L100})).size() > 0")
    assert (line, col, kind) == (6, None, "cel-budget")
    assert message.startswith("over budget on its own literals: about ")
    assert message.endswith(f" steps, more than {BUDGET:,}")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("1" + " + 1" * 20_000, "the expression is 80,001 characters long; at most 4,096 are allowed"),
        ("1 + " + " " * 70_000 + ")", "the expression is 70,005 characters long; at most 4,096 are allowed"),
        ("1" + " + 1" * 1_000, "the expression has 2,001 terms; at most 1,000 are allowed"),
        (
            "size(" + "[" * 40 + "]" * 40 + ") == 1",
            "brackets nested deeper than 32 (at expression line 1, column 37)",
        ),
        (
            "size(" + "[" + ", ".join(["1"] * 300) + "]) > 0",
            "a literal with more than 256 items (at expression line 1, column 773)",
        ),
        (
            '"' + "a" * 2_000 + '" == "a"',
            "a string literal longer than 1,024 characters (at expression line 1, column 1)",
        ),
    ],
)
def test_what_crashes_the_interpreter_never_reaches_it(tmp_path: Path, when: str, message: str) -> None:
    # (20,000 terms made it SIGSEGV, column 65,536 panic, 9 MB abort: each is refused before it runs)
    _, _, kind, got = refused(tmp_path, when.replace("'", "''"))
    assert (kind, got) == ("cel-budget", message)


def test_a_9_mb_expression_is_refused_by_the_yaml_reader_and_by_the_budget(tmp_path: Path) -> None:
    assert refused(tmp_path, "x" * 9_000_000)[1:] == (11, "size", "a value longer than 100,000 characters")
    with pytest.raises(cel.CelCompileError) as info:
        cel.compile_expression("x" * 9_000_000, ("x",))
    assert info.value.problem == cel.CelProblem(
        "the expression is 9,000,000 characters long; at most 4,096 are allowed", None, None, "cel-budget"
    )


def test_a_panic_in_the_binding_is_a_located_error_not_an_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cel as binding

    class PanicException(BaseException):  # what pyo3 raises for a Rust panic: no Exception
        pass

    def panic(source: str) -> None:
        raise PanicException("Formatting argument out of range")

    monkeypatch.setattr(binding, "compile", panic)
    line, _, kind, message = refused(tmp_path, "true")
    assert (line, kind, message) == (
        6,
        "cel-syntax",
        "not a valid CEL expression: Formatting argument out of range",
    )


def test_a_group_too_large_for_the_budget_is_an_error_finding(tmp_path: Path) -> None:
    [rule] = load_rule_files([rule_file(tmp_path, 'claims.all(a, claims.all(b, claims.all(c, a.id != "")))')])
    claims = [
        {"source": f"s{i % 5}", "id": f"c{i}", "slot": "quantity:dead", "value": "23"} for i in range(150)
    ]
    case = Case.model_validate({"name": "t", "claims": claims, "expect": []})
    [finding] = [
        f for f in Engine([rule], Normalizer.default()).run(build_corpus(case)) if f.code == "X-BUD001"
    ]
    assert finding.severity.value == "error"
    assert finding.message.startswith(
        f"rule X-BUD001 ({tmp_path / 'rules.yaml'}:2) could not be evaluated on the quantity:dead of the event: "
        "over budget: about "
    )
    assert finding.message.endswith(
        f" steps on lists of 150 items, more than the {BUDGET:,} allowed (nest fewer comprehensions, or select fewer claims)"
    )
    # the same rule on a small group is evaluated
    small = Case.model_validate({"name": "t", "claims": claims[:10], "expect": []})
    assert [
        f.code for f in Engine([rule], Normalizer.default()).run(build_corpus(small)) if f.code == "X-BUD001"
    ] == ["X-BUD001"]


def test_an_evaluation_that_raises_a_base_exception_is_a_failure_of_the_expression() -> None:
    class PanicException(BaseException):
        pass

    class Program:
        def execute(self, context: object) -> bool:
            raise PanicException("attempt to subtract with overflow")

    expr = cel.compile_expression("true", ())
    broken = cel.Expression(expr.source, Program(), expr.variables, expr.shape)
    with pytest.raises(cel.CelEvaluationError, match=r"^attempt to subtract with overflow$"):
        broken.evaluate({})


@pytest.mark.parametrize(
    "template",
    [
        "{source.__class__}",
        "{source[0]}",
        "{source.__class__.__mro__}",
        "{0.__class__}",
        "{source!r}",
        "{source:>{width}}",
        "{__import__}",
        "{event.__globals__[os]}",
    ],
)
def test_every_template_attack_form_is_refused_at_its_line(tmp_path: Path, template: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        textwrap.dedent(
            f"""\
            rules:
              - kind: substitution
                code: X-SBX009
                name: x.format
                description: d
                avoid: [a]
                prefer: b
                message: "{template}"
            """
        ),
        "utf-8",
    )
    with pytest.raises(InputError) as info:
        load_rule_files([path])
    [p] = info.value.problems
    assert (p.line, p.pointer, p.kind) == (8, "/rules/0/message", "template")
