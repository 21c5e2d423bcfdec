"""The budget of a CEL expression: what is refused when its rule file loads, and what one evaluation
may cost before it is refused instead of run.

The Rust interpreter has no cost limit, and a call into it cannot be interrupted from Python. It
also crashes on some inputs: a sum of 20,000 terms overflows its stack (SIGSEGV), a syntax error
past column 65,535 panics, a 9 MB expression aborts. So nothing reaches it that could do either:
an expression is measured here first (its length, bracket nesting, comprehension nesting, literal
sizes and number of terms), and before each evaluation its cost is estimated from that shape and
the size of the group's lists. The estimate bounds the work: CEL has no loops but its comprehension
macros over finite lists, so an expression of t terms with comprehensions nested d deep over lists
of at most n items does about t * n**d steps (one more factor n when a comprehension's body builds
lists, as `map` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 4_096  # well below the 65,535 columns past which the parser panics
MAX_BRACKETS = 32  # nesting of (), [] and {}
MAX_COMPREHENSIONS = 3  # comprehension macros nested in one another
MAX_LITERAL_ITEMS = 256  # items of one list or map literal
MAX_STRING_CHARS = 1_024  # characters of one string literal
MAX_TERMS = 1_000  # tokens: the interpreter recurses once per operator (a 20,000-term sum crashes it)
# Steps one evaluation may take, as estimated; about a second of the interpreter on this machine
# (benchmarks/bench_cel.py measures some 2e7 steps/s).
BUDGET = 20_000_000

_MACRO = re.compile(r"\.\s*(?:all|exists_one|exists|map|filter)\s*$")
_BUILDS = re.compile(r"\.\s*(?:map|filter)\s*\(|\+|\[")  # a body that builds lists, perhaps
_STRING = re.compile(
    r"""[rRbB]{0,2}(?:\"\"\"(?:\\.|[^\\])*?\"\"\"|'''(?:\\.|[^\\])*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')""",
    re.S,
)
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|&&|\|\||[=!<>]=|[-+*/%!<>?:.]|\x00")
_INDEXED = re.compile(r"[\w\])\x00]\s*$")  # a `[` after a value indexes it; elsewhere it opens a literal


@dataclass(frozen=True, slots=True)
class Shape:
    """What the cost of an expression depends on."""

    terms: int  # tokens, strings counted as one
    comprehensions: int  # deepest nesting of comprehension macros
    widest_literal: int  # items of the largest list or map literal
    builds_lists: bool  # a comprehension whose body may build a list (`map`, `filter`, `+`, `[`)

    def cost(self, widest_list: int) -> int:
        """Estimated steps on data whose longest list has `widest_list` items."""
        n = max(widest_list, self.widest_literal, 1)
        depth = self.comprehensions + (1 if self.builds_lists and self.comprehensions else 0)
        return int(self.terms * n**depth)


class TooCostly(Exception):
    """An expression refused before it reaches the interpreter; `at` is its 0-based offset, if any."""

    def __init__(self, message: str, at: int | None = None) -> None:
        self.message = message
        self.at = at
        super().__init__(message)


def measure(source: str) -> Shape:
    """The shape of `source`, or TooCostly naming the first bound it passes (and where)."""
    if len(source) > MAX_CHARS:
        raise TooCostly(
            f"the expression is {len(source):,} characters long; at most {MAX_CHARS:,} are allowed"
        )
    # strings become one placeholder each (\x00), after their own length is checked
    pieces: list[str] = []
    offsets: list[int] = []  # where each character of the stripped text was in the source
    last = 0
    for m in _STRING.finditer(source):
        if m.end() - m.start() - 2 > MAX_STRING_CHARS:
            raise TooCostly(f"a string literal longer than {MAX_STRING_CHARS:,} characters", m.start())
        pieces.append(source[last : m.start()] + "\x00")
        offsets.extend(range(last, m.start() + 1))
        last = m.end()
    pieces.append(source[last:])
    offsets.extend(range(last, len(source)))
    text = "".join(pieces)
    terms = len(_TOKEN.findall(text))
    if terms > MAX_TERMS:
        raise TooCostly(f"the expression has {terms:,} terms; at most {MAX_TERMS:,} are allowed")
    stack: list[_Open] = []
    deepest = widest = 0
    builds = False
    for i, ch in enumerate(text):
        if ch in "([{":
            before = text[max(0, i - 24) : i]  # enough for `.exists_one  `
            literal = ch == "{" or (ch == "[" and _INDEXED.search(before) is None)
            stack.append(_Open(ch, ch == "(" and _MACRO.search(before) is not None, 1 if literal else 0))
            if len(stack) > MAX_BRACKETS:
                raise TooCostly(f"brackets nested deeper than {MAX_BRACKETS}", offsets[i])
            nested = sum(1 for entry in stack if entry.macro)
            if nested > MAX_COMPREHENSIONS:
                raise TooCostly(f"comprehensions nested deeper than {MAX_COMPREHENSIONS}", offsets[i])
            deepest = max(deepest, nested)
        elif ch in ")]}" and stack:
            entry = stack.pop()
            if entry.macro and _BUILDS.search(text, entry.start, i):
                builds = True
            widest = max(widest, entry.items)
        elif ch == "," and stack and stack[-1].items:
            stack[-1].items += 1
            if stack[-1].items > MAX_LITERAL_ITEMS:
                raise TooCostly(f"a literal with more than {MAX_LITERAL_ITEMS} items", offsets[i])
        if ch in "([{":
            stack[-1].start = i + 1
    return Shape(terms, deepest, widest, builds)


@dataclass(slots=True)
class _Open:
    """A bracket not yet closed: which, whether it opens a comprehension's arguments, and the items
    counted so far when it opens a literal (0 otherwise)."""

    kind: str
    macro: bool
    items: int
    start: int = 0
