"""The house rules of src/recoupe, checked: rooms of at most 400 lines, package __init__ files that
only re-export, no import circles, and the public API at its documented import paths."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "recoupe"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in MODULES
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def _is_reexport(node: ast.stmt) -> bool:
    if isinstance(node, ast.Import | ast.ImportFrom):
        return True
    if (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ):
        return True  # the docstring
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return all(isinstance(t, ast.Name) and t.id == "__all__" for t in targets)
    return False


def test_package_init_files_only_re_export() -> None:
    # recoupe/__init__.py is the public facade: it resolves its names lazily (a module __getattr__),
    # so that `import recoupe` and `recoupe --help` stay light
    inits = [p for p in MODULES if p.name == "__init__.py" and p.parent != PACKAGE]
    holding = [
        str(p.relative_to(SRC))
        for p in inits
        if not all(_is_reexport(n) for n in ast.parse(p.read_text("utf-8")).body)
    ]
    assert holding == []


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`, which never runs and so can close no circle."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def _imports(path: Path) -> set[str]:
    """The recoupe modules a module imports when it runs: at its top and inside its functions (a
    lazy import back into a module that imports this one is a circle in the design all the same)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("recoupe"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.startswith("recoupe"):
                out.add(target)
                out.update(f"{target}.{a.name}" for a in node.names)  # `from pkg import module`
    return out


def _graph() -> dict[str, set[str]]:
    known = {module_name(p) for p in MODULES}
    graph = {module_name(p): {m for m in _imports(p) if m in known} for p in MODULES}
    for mod in graph:
        graph[mod].discard(mod)
        # a package's own __init__ re-exports its modules: importing them from inside is no circle
        graph[mod] = {m for m in graph[mod] if not mod.startswith(m + ".")}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circles() -> None:
    assert _circles(_graph()) == []


def test_the_circle_check_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    ("module", "names"),
    [
        (
            "recoupe",
            ["check", "load_corpus", "Finding", "Severity", "Rule", "Relation", "InputError", "Problem"],
        ),
        ("recoupe.rules.base", ["Rule", "Draft", "Group", "RuleContext"]),
        ("recoupe.rules", ["Rule", "Draft", "Group", "RuleContext", "builtin_rules"]),
        ("recoupe.findings", ["Finding", "Severity", "ClaimRef", "PositionRef"]),
        ("recoupe.normalize.relation", ["Relation"]),
        ("recoupe.testing", ["assert_case", "rule_case_params", "load_cases", "run_case", "run_cases"]),
        ("recoupe.reporters", ["REPORTERS", "get_reporter"]),
    ],
)
def test_the_public_api_keeps_its_documented_paths(module: str, names: list[str]) -> None:
    mod = importlib.import_module(module)
    assert [n for n in names if not hasattr(mod, n)] == []


def test_the_architecture_page_names_every_folder() -> None:
    page = (SRC.parent / "docs" / "architecture.md").read_text("utf-8")
    folders = sorted(
        str(p.relative_to(PACKAGE)) + "/"
        for p in PACKAGE.rglob("*")
        if p.is_dir() and (p / "__init__.py").exists()
    )
    # a nested package is named by its last part under its parent's row (`dates/` in normalize/)
    assert [f for f in folders if f"`{f.rstrip('/').split('/')[-1]}/`" not in page] == []
