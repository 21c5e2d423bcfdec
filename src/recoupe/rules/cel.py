"""CEL for YAML `expression` rules: compile once with located errors, evaluate sandboxed.

The Common Expression Language is evaluated by a Rust interpreter (package
`common-expression-language`). Expressions see plain data only (strings, numbers, booleans, null,
lists and maps); no Python function is ever registered, so an expression cannot reach Python, the
file system or the network, and every expression terminates (CEL has no loops beyond its
comprehension macros over finite lists, and its regular expressions run in linear time).

Mistakes that do not depend on the data are caught when the rule file is loaded, with their line and
column inside the expression: syntax errors, unknown variables, unknown functions, unknown fields
(found by evaluating once on sample data) and results that are not true or false.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from recoupe.errors import did_you_mean, line_col
from recoupe.rules.cel_budget import BUDGET, Shape, TooCostly, measure

# The functions the Rust interpreter provides natively. Anything else is refused at load time: CEL
# itself only finds an unknown function when a group reaches the call.
FUNCTIONS = frozenset(
    {
        "size", "contains", "startsWith", "endsWith", "matches",
        "int", "uint", "double", "string", "bytes", "dyn", "type",
        "timestamp", "duration",
        "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear",
        "getHours", "getMinutes", "getSeconds", "getMilliseconds",
        "has", "all", "exists", "exists_one", "map", "filter",
        "of", "ofNonZeroValue", "none", "hasValue", "value", "or", "orValue",
    }
)  # fmt: skip

# CEL's type names read as variables to the parser: `type(x) == map`.
TYPE_NAMES = frozenset(
    {"int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type"}
)

_PARSE_ERROR = re.compile(r"ERROR: <input>:(\d+):(\d+): (?:Syntax error: )?([^\n]*)")
_OPERATOR = re.compile(r"[^A-Za-z0-9_]|^_|_$")  # "_+_", "!_", "@in", "_[_]": operators, not functions
# Comprehension macros bind a name: `claims.exists(c, c.hedged)` binds `c`.
_BOUND = re.compile(r"\.\s*(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,")
_EXPECTING = re.compile(r" expecting \{.*\}$")


@dataclass(frozen=True, slots=True)
class CelProblem:
    """Why an expression was refused; `line` and `column` (1-based) are inside the expression."""

    message: str
    line: int | None = None
    column: int | None = None
    kind: str = "cel-syntax"

    def where(self) -> str:
        if self.line is None:
            return ""
        return f"expression line {self.line}, column {self.column}"


class CelCompileError(Exception):
    def __init__(self, problem: CelProblem) -> None:
        self.problem = problem
        super().__init__(problem.message)


class CelEvaluationError(Exception):
    """An expression failed on one group's data, or did not give true or false."""


class CelOverBudget(CelEvaluationError):
    """An expression that would cost more than its budget on one group's data: not evaluated."""


# What the interpreter may raise that is no Exception: a Rust panic (pyo3's PanicException derives
# from BaseException). Caught as a failure of the expression, so that it never ends the process.
_ESCAPES = (KeyboardInterrupt, SystemExit, GeneratorExit)


@dataclass(frozen=True, slots=True)
class Expression:
    """A compiled CEL predicate and the variables it reads."""

    source: str
    program: Any  # cel.Program; the extension ships no type information mypy can use
    variables: frozenset[str]
    shape: Shape

    def uses(self, name: str) -> bool:
        return name in self.variables

    def evaluate(self, context: Any, widest_list: int = 0) -> bool:
        """True or false for one context (a `cel.Context` or a mapping of plain data) whose longest
        list has `widest_list` items.

        Raises CelOverBudget, without evaluating, when that would cost more than the budget; and
        CelEvaluationError with a readable reason; never lets the interpreter's exception out.
        """
        cost = self.shape.cost(widest_list)
        if cost > BUDGET:
            raise CelOverBudget(
                f"over budget: about {cost:,} steps on lists of {widest_list:,} items, more than the "
                f"{BUDGET:,} allowed (nest fewer comprehensions, or select fewer claims)"
            )
        try:
            result = self.program.execute(context)
        except KeyError as e:
            raise CelEvaluationError(f"no field {e.args[0]!r}" if e.args else "no such field") from None
        except _ESCAPES:
            raise
        except BaseException as e:  # the interpreter maps CEL errors onto assorted Python exceptions
            raise CelEvaluationError(_first_line(str(e)) or type(e).__name__) from None
        if not isinstance(result, bool):
            raise CelEvaluationError(
                f"the expression must give true or false, not {_cel_type(result)} {_short(result)}"
            )
        return result


def new_context(variables: Mapping[str, Any]) -> Any:
    """A reusable evaluation context: converting the data once makes each evaluation ~10x cheaper."""
    import cel

    return cel.Context(dict(variables))


def compile_expression(
    source: str,
    variables: Collection[str],
    sample: Mapping[str, Any] | None = None,
) -> Expression:
    """Compile `source`, allowing only `variables` and the native functions.

    With `sample` (plain data shaped like the real variables) the expression is also evaluated once, so
    that a misspelt field or a non-boolean result is reported now rather than on every group.
    Raises CelCompileError.
    """
    import cel

    if not source.strip():
        raise CelCompileError(CelProblem("the expression is empty", 1, 1))
    try:  # before the interpreter sees it: some expressions crash it (see cel_budget)
        shape = measure(source)
    except TooCostly as e:
        line, col = line_col(source, e.at) if e.at is not None else (None, None)
        raise CelCompileError(CelProblem(e.message, line, col, "cel-budget")) from None
    if (cost := shape.cost(0)) > BUDGET:
        raise CelCompileError(
            CelProblem(
                f"over budget on its own literals: about {cost:,} steps, more than {BUDGET:,}",
                kind="cel-budget",
            )
        )
    try:
        program = cel.compile(source)
    except _ESCAPES:
        raise
    except BaseException as e:  # ValueError for parse errors, a Rust panic for some: all refused alike
        raise CelCompileError(_parse_problem(str(e))) from None
    bound = set(_BOUND.findall(source))
    used = frozenset(program.variables())
    for name in sorted(used - bound - TYPE_NAMES - set(variables)):
        line, col = _position(source, rf"(?<![\w.]){re.escape(name)}\b")
        raise CelCompileError(
            CelProblem(
                f"unknown variable '{name}'{did_you_mean(name, variables)}; "
                f"the variables are {', '.join(sorted(variables))}",
                line,
                col,
                "cel-name",
            )
        )
    for fn in sorted(program.functions()):
        if _OPERATOR.search(fn) or fn in FUNCTIONS:
            continue
        line, col = _position(source, rf"\b{re.escape(fn)}\s*\(")
        raise CelCompileError(
            CelProblem(f"unknown function '{fn}'{did_you_mean(fn, FUNCTIONS)}", line, col, "cel-name")
        )
    expr = Expression(source, program, frozenset(used - bound - TYPE_NAMES), shape)
    if sample is not None:
        _check_on_sample(expr, sample)
    return expr


def _check_on_sample(expr: Expression, sample: Mapping[str, Any]) -> None:
    """Evaluate once on sample data; only mistakes no real data could avoid are errors."""
    try:
        result = expr.program.execute(dict(sample))
    except KeyError as e:
        field = str(e.args[0]) if e.args else ""
        line, col = _position(expr.source, rf"\.\s*({re.escape(field)})\b")
        if line is None:  # a map indexed with data (`m[c.source]`): the data decides, not the rule
            return
        raise CelCompileError(
            CelProblem(f"unknown field '{field}'{did_you_mean(field, _keys(sample))}", line, col, "cel-name")
        ) from None
    except _ESCAPES:
        raise
    except BaseException:
        return  # e.g. an index out of range on the sample: real groups may well have the data
    if not isinstance(result, bool):
        raise CelCompileError(
            CelProblem(f"the expression must give true or false, not {_cel_type(result)}", 1, 1, "cel-type")
        )


def _parse_problem(text: str) -> CelProblem:
    m = _PARSE_ERROR.search(text)
    if m is None:
        return CelProblem(f"not a valid CEL expression: {_first_line(text)}")
    message = _EXPECTING.sub("", m.group(3)).strip()
    return CelProblem(f"CEL syntax error: {message}", int(m.group(1)), int(m.group(2)))


def _position(source: str, pattern: str) -> tuple[int | None, int | None]:
    """Line and column of the first match of `pattern` (of its first group, if it has one)."""
    m = re.search(pattern, source)
    if m is None:
        return None, None
    return line_col(source, m.start(1) if m.re.groups else m.start())


def _keys(data: Any) -> set[str]:
    """Every map key in nested sample data, for 'did you mean'."""
    out: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            out.update(str(k) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _cel_type(value: Any) -> str:
    if value is None:
        return "null"
    return {str: "a string", int: "an int", float: "a double", list: "a list", dict: "a map"}.get(
        type(value), type(value).__name__
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def position_in_file(
    file_text: str, value_line: int, value_column: int, expression: str, line: int, column: int
) -> tuple[int, int] | None:
    """Where (line, column) of an expression falls in the YAML file its scalar was read from.

    `value_line`/`value_column` (1-based) are where the scalar starts. Plain and quoted one-line
    scalars and literal blocks (`|`) map exactly; for anything else (folded blocks, plain scalars
    over several lines, escapes) we return None rather than guess.
    """
    lines = file_text.splitlines()
    l0, c0 = value_line - 1, value_column - 1
    if l0 >= len(lines):
        return None
    first = lines[l0]
    style = first[c0 : c0 + 1]
    expr_lines = expression.split("\n")
    if style == "|":
        body = [ln for ln in lines[l0 + 1 :] if ln.strip()]
        if not body:
            return None
        indent = len(body[0]) - len(body[0].lstrip(" "))
        at = l0 + line  # the block's first line follows the indicator, and leading blank lines are kept
        if line > len(expr_lines) or at >= len(lines) or lines[at][indent:] != expr_lines[line - 1]:
            return None
        return at + 1, indent + column
    if len(expr_lines) != 1:
        return None
    start = c0 + 1 if style in ("'", '"') else c0
    if first[start : start + len(expression)] != expression:
        return None
    return value_line, start + column
