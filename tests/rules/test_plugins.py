"""Python rule plugins: the `recoupe.rules` entry points and local modules, and their located errors.

Entry points are found the real way, through importlib.metadata: a `*.dist-info` folder with an
`entry_points.txt` on a path added to sys.path is exactly what `pip install` leaves behind.
"""

from __future__ import annotations

import itertools
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from recoupe.config import Settings
from recoupe.engine import Engine
from recoupe.errors import InputError, Problem
from recoupe.normalize.values import Normalizer
from recoupe.rules.plugins import discover_rules
from recoupe.testing import Case, build_corpus
from tests.conftest import Runner

_ids = itertools.count()

PLUGIN = '''
from recoupe.rules.base import Draft, Rule


class HedgedOnly(Rule):
    """A point that every source hedges."""

    code = "X-PLG001"
    name = "plugin.hedged-only"
    category = "custom"

    def check(self, group):
        if all(c.claim.hedged for c in group.claims):
            yield Draft(message=f"every source hedges the {group.label}", claims=tuple(group.claims))


class Silent(Rule):
    """Never reports anything."""

    code = "X-PLG002"
    name = "plugin.silent"
    category = "custom"


RULES = [HedgedOnly, Silent]
'''


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """Install a distribution into a throw-away site folder: its modules and a dist-info folder."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    made: list[str] = []

    def install(entry_points: dict[str, str], modules: dict[str, str]) -> str:
        n = next(_ids)
        renamed = {name: f"{name}_{n}" for name in modules}  # fresh names: sys.modules keeps old imports
        for name, source in modules.items():
            (folder / f"{renamed[name]}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            made.append(renamed[name])
        dist = folder / f"myplugin{n}-1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: myplugin{n}\nVersion: 1.0\n")
        lines = [f"{k} = {v.format(**renamed)}" for k, v in entry_points.items()]
        (dist / "entry_points.txt").write_text("[recoupe.rules]\n" + "\n".join(lines) + "\n")
        import importlib

        importlib.invalidate_caches()
        return f"myplugin{n}"

    yield install
    for name in made:
        sys.modules.pop(name, None)


def settings(root: Path, **kw: object) -> Settings:
    return Settings.model_validate({**kw, "root": root})


def problems(s: Settings) -> list[Problem]:
    with pytest.raises(InputError) as info:
        discover_rules(s)
    return info.value.problems


def custom(rules: list[object]) -> list[tuple[str, str, str]]:
    return [(r.code, r.name, r.origin) for r in rules if r.code.startswith("X-")]  # type: ignore[attr-defined]


def test_entry_point_rules_are_discovered_and_run(tmp_path: Path, site: Callable[..., str]) -> None:
    dist = site({"hedged": "{plug}:HedgedOnly", "all": "{plug}"}, {"plug": PLUGIN})
    n = dist.removeprefix("myplugin")
    rules = discover_rules(settings(tmp_path))
    # HedgedOnly through its own entry point; the module's RULES add Silent (HedgedOnly once only)
    assert custom(rules) == [
        ("X-PLG001", "plugin.hedged-only", f"entry point 'hedged = plug_{n}:HedgedOnly' from {dist} 1.0"),
        ("X-PLG002", "plugin.silent", f"entry point 'all = plug_{n}' from {dist} 1.0"),
    ]


def test_an_entry_point_rule_gives_exact_findings(tmp_path: Path, site: Callable[..., str]) -> None:
    site({"hedged": "{plug}:HedgedOnly"}, {"plug": PLUGIN})
    rules = [r for r in discover_rules(settings(tmp_path)) if r.code == "X-PLG001"]
    case = Case.model_validate(
        {
            "name": "t",
            "claims": [
                {"source": "a", "id": "c1", "slot": "quantity:dead", "value": "23", "hedged": True},
                {"source": "b", "id": "c2", "slot": "quantity:dead", "value": "24", "hedged": True},
                {
                    "source": "a",
                    "id": "c3",
                    "slot": "offence",
                    "value": "traite des êtres humains",
                    "hedged": True,
                },
                {"source": "b", "id": "c4", "slot": "offence", "value": "traite des êtres humains"},
            ],
            "expect": [],
        }
    )
    findings = Engine(rules, Normalizer.default()).run(build_corpus(case))
    assert [(f.code, [f"{c.source}/{c.claim}" for c in f.claims], f.severity.value) for f in findings] == [
        ("X-PLG001", ["a/c1", "b/c2"], "warning")
    ]
    assert findings[0].message == "every source hedges the quantity:dead of the event"


def test_a_broken_entry_point_is_a_located_error(tmp_path: Path, site: Callable[..., str]) -> None:
    dist = site(
        {"broken": "{bad}:Rule", "other": "{notrule}:NotARule", "missing": "{notrule}:Nothing"},
        {
            "bad": "import os\n\nraise RuntimeError('plugin setup failed')\n",
            "notrule": "class NotARule:\n    code = 'X-PLG009'\n",
        },
    )
    n = dist.removeprefix("myplugin")
    site_dir = tmp_path / "site"
    found = problems(settings(tmp_path))
    assert [(p.file, p.message, p.kind) for p in found] == [
        (
            f"entry point 'broken = bad_{n}:Rule' from {dist} 1.0",
            f"cannot load: RuntimeError: plugin setup failed ({site_dir}/bad_{n}.py:3)",
            "plugin",
        ),
        (
            f"entry point 'missing = notrule_{n}:Nothing' from {dist} 1.0",
            f"cannot load: AttributeError: module 'notrule_{n}' has no attribute 'Nothing'",
            "plugin",
        ),
        (
            f"entry point 'other = notrule_{n}:NotARule' from {dist} 1.0",
            "NotARule is not a subclass of recoupe.rules.base.Rule",
            "plugin",
        ),
    ]


def test_local_plugins_by_path_and_by_module(tmp_path: Path) -> None:
    n = next(_ids)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "newsroom.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / f"localmod_{n}.py").write_text(
        PLUGIN.replace("X-PLG001", "X-LOC001").replace("X-PLG002", "X-LOC002").replace("plugin.", "local."),
        encoding="utf-8",
    )
    try:
        rules = discover_rules(settings(tmp_path, plugins=["rules/newsroom.py", f"localmod_{n}:HedgedOnly"]))
    finally:
        sys.modules.pop(f"localmod_{n}", None)
    assert custom(rules) == [
        ("X-PLG001", "plugin.hedged-only", "rules/newsroom.py"),
        ("X-PLG002", "plugin.silent", "rules/newsroom.py"),
        ("X-LOC001", "local.hedged-only", f"plugin module 'localmod_{n}:HedgedOnly'"),
    ]
    # the project root is on sys.path only while the plugin is imported
    assert str(tmp_path) not in sys.path


def test_local_plugin_problems_are_located(tmp_path: Path) -> None:
    (tmp_path / "syntax.py").write_text("from recoupe.rules.base import Rule\n\nclass R(Rule)\n    pass\n")
    (tmp_path / "badrule.py").write_text(
        textwrap.dedent(
            '''
            from recoupe.rules.base import Rule

            class Bad(Rule):
                """No proper code, a name that is not dotted, an unknown category."""

                code = "bad1"
                name = "bad"
                category = "contradictions"

            class Clash(Rule):
                """Takes a built-in rule's code."""

                code = "CMP004"
                name = "clash.contradiction"
                category = "contradiction"

            RULES = [Bad, Clash]
            '''
        )
    )
    found = problems(
        settings(
            tmp_path, plugins=["missing.py", "syntax.py", "badrule.py", "no_such_module_xyz", "not a module"]
        )
    )
    assert [(p.file, p.line, p.message, p.kind) for p in found] == [
        (
            "badrule.py", None,
            "rule Bad: code 'bad1' must be capitals, digits and '-', ending in three digits (e.g. 'X-ENT001')",
            "plugin",
        ),
        (
            "badrule.py", None,
            "rule Bad: name 'bad' must be a dotted lower-case name (e.g. 'newsroom.instrument-names')",
            "plugin",
        ),
        (
            "badrule.py", None,
            "rule Bad: category 'contradictions' is not one of agreement, less-specific, partial, contradiction, divergent, update, attribution, parts, "
            "terminology, intra-source, uncorroborated, evidence, reference, normalization, review, custom "
            "(did you mean 'contradiction'?)",
            "plugin",
        ),
        (
            "badrule.py", None,
            "code 'CMP004' of rule CMP004 clash.contradiction (badrule.py) is already used by the built-in "
            "rule CMP004 compare.contradiction",
            "duplicate-code",
        ),
        ("missing.py", None, f"plugin file not found (looked for {tmp_path / 'missing.py'})", "io"),
        (
            "not a module", None,
            "a plugin is a dotted module name (optionally 'module:Class') or a path to a .py file",
            "plugin",
        ),
        (
            "plugin module 'no_such_module_xyz'", None,
            f"no module named 'no_such_module_xyz' in {tmp_path} or the installed packages",
            "plugin",
        ),
        (
            "syntax.py", 3,
            f"cannot import: SyntaxError: expected ':' ({tmp_path / 'syntax.py'}:3)",
            "plugin",
        ),
    ]  # fmt: skip


def test_yaml_rules_cannot_take_a_plugin_code(tmp_path: Path, site: Callable[..., str]) -> None:
    site({"hedged": "{plug}:HedgedOnly"}, {"plug": PLUGIN})
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "x.yaml").write_text(
        "rules:\n  - {kind: require, code: X-PLG001, name: x.date, description: d, slot: date}\n"
    )
    found = problems(settings(tmp_path, rules=["rules"]))
    assert [(p.file, p.line, p.pointer, p.kind) for p in found] == [
        ("rules/x.yaml", 2, "/rules/0/code", "duplicate-code")
    ]
    assert found[0].message.startswith(
        "code 'X-PLG001' is already used by rule X-PLG001 plugin.hedged-only (entry point"
    )


def test_the_cli_reports_a_broken_plugin_with_exit_2_and_no_traceback(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "recoupe.toml").write_text('plugins = ["broken.py"]\n')
    (tmp_path / "broken.py").write_text("import recoupe\n\n1 / 0\n")
    result = run("rules", "list")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        f"error: broken.py:3: cannot import: ZeroDivisionError: division by zero ({tmp_path / 'broken.py'}:3) [plugin]"
        in result.output
    )
