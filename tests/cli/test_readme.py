"""The README's examples work as written: its YAML rules, its Python plugin and its rule-test case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, Runner, write

README = (ROOT / "README.md").read_text("utf-8")


def block(lang: str, starts: str) -> str:
    for m in re.finditer(rf"```{lang}\n(.*?)```", README, re.S):
        if m.group(1).lstrip().startswith(starts):
            return m.group(1)
    raise AssertionError(f"no ```{lang} block starting with {starts!r} in the README")


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "proj"
    write(
        root / "claims" / "e" / "a.yaml",
        """
        id: a
        claims:
          - {id: c1, slot: "quantity:dead", value: "23", hedged: true}
          - {id: d1, slot: date, value: 1er août 2022}
        """,
    )
    write(
        root / "claims" / "e" / "b.yaml",
        """
        id: b
        claims:
          - {id: c2, slot: "quantity:dead", value: "37", hedged: true}
        """,
    )
    (root / "rules").mkdir()
    (root / "rules" / "newsroom.yaml").write_text(block("yaml", "# rules/newsroom.yaml"), "utf-8")
    (root / "my_rules.py").write_text(block("python", "# my_rules.py"), "utf-8")
    (root / "recoupe.toml").write_text('rules = ["rules"]\nplugins = ["my_rules.py"]\n', "utf-8")
    monkeypatch.chdir(root)
    return root


def test_readme_rules_and_plugin_run(run: Runner, proj: Path) -> None:
    result = run("check", "--format", "json", "--select", "X-", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    found = [
        (f["code"], f["slot"], [f"{c['source']}/{c['claim']}" for c in f["claims"]])
        for f in json.loads(result.stdout)["findings"]
    ]
    assert found == [
        ("X-REQ001", "date", ["a/d1"]),
        ("X-DEAD001", "quantity:dead", ["a/c1", "b/c2"]),  # a warning sorts before info
        ("X-EXP001", "quantity:dead", ["a/c1", "b/c2"]),
    ]


def test_readme_rule_case_passes(run: Runner, proj: Path) -> None:
    case = block("yaml", "rule: X-DEAD001").replace(
        "[../rules/newsroom.yaml]", "[../rules/newsroom.yaml]\nplugins: [../my_rules.py]"
    )
    (proj / "cases").mkdir()
    (proj / "cases" / "dead.yaml").write_text(case, "utf-8")
    result = run("rules", "test", "cases")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 passed, 0 failed\n"


def test_readme_config_example_is_valid() -> None:
    import tomllib

    from recoupe.config import Settings

    data = tomllib.loads(block("toml", "[tool.recoupe]"))["tool"]["recoupe"]
    settings = Settings.model_validate(data)
    assert (settings.ignore, settings.severity, settings.fail_on) == (
        ["COR001"],
        {"CMP003": "error"},
        "error",
    )
