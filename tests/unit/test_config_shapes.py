"""Configs of any shape: every wrong-typed table around the settings, and a file the config names
that is no regular file, give a located problem (exit 2), never a crash; the limits are settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recoupe import safefile
from recoupe.config import load_settings
from recoupe.errors import InputError
from tests.conftest import Runner


def problem(tmp_path: Path, name: str, text: str) -> tuple[str, int | None, str, str, str]:
    (tmp_path / name).write_text(text, "utf-8")
    with pytest.raises(InputError) as info:
        load_settings(start=tmp_path)
    [p] = info.value.problems
    return Path(p.file).name, p.line, p.pointer, p.kind, p.message


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "recoupe.toml",
            "recoupe = 5\n",
            (1, "/recoupe", "'recoupe' must be a table of settings, not a number"),
        ),
        (
            "recoupe.toml",
            'recoupe = "x"\n',
            (1, "/recoupe", "'recoupe' must be a table of settings, not a string"),
        ),
        ("pyproject.toml", "tool = 5\n", (1, "/tool", "'tool' must be a table of settings, not a number")),
        ("pyproject.toml", "tool = [1]\n", (1, "/tool", "'tool' must be a table of settings, not a list")),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool]\nrecoupe = "x"\n',
            (5, "/tool/recoupe", "'tool.recoupe' must be a table of settings, not a string"),
        ),
        (
            "pyproject.toml",
            "[tool]\nrecoupe = true\n",
            (2, "/tool/recoupe", "'tool.recoupe' must be a table of settings, not true or false"),
        ),
    ],
)
def test_a_wrong_typed_table_is_located(
    tmp_path: Path, name: str, text: str, expected: tuple[int, str, str]
) -> None:
    assert problem(tmp_path, name, text) == (name, expected[0], expected[1], "type", expected[2])


@pytest.mark.parametrize(
    ("text", "line", "ptr"),
    [
        ("[recoupe]\npaths = 5\n", 2, "/paths"),
        ("[recoupe]\ntolerances = 5\n", 2, "/tolerances"),
        ("[recoupe]\nlimits = 5\n", 2, "/limits"),
        ("[recoupe.limits]\ndepth = 0\n", 2, "/limits/depth"),
        ("[recoupe]\nseverity = [1]\n", 2, "/severity"),
    ],
)
def test_a_wrong_typed_setting_is_located(tmp_path: Path, text: str, line: int, ptr: str) -> None:
    name, got_line, got_ptr, kind, _ = problem(tmp_path, "recoupe.toml", text)
    assert (name, got_line, got_ptr, kind) == ("recoupe.toml", line, ptr, "type")


def test_a_config_named_file_may_be_anywhere_but_must_be_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "vocab.yaml")
    (tmp_path / "recoupe.toml").write_text('vocabularies = ["vocab.yaml", "/dev/zero"]\n', "utf-8")
    with pytest.raises(InputError) as info:
        load_settings(start=tmp_path)
    assert [(p.line, p.pointer, p.kind, p.message) for p in info.value.problems] == [
        (
            1,
            "/vocabularies/0",
            "special-file",
            "vocabulary file 'vocab.yaml' is a named pipe (FIFO), not a regular file: refused",
        ),
        (
            1,
            "/vocabularies/1",
            "special-file",
            "vocabulary file '/dev/zero' is a character device, not a regular file: refused",
        ),
    ]


def test_limits_are_settings_and_hold_for_the_run(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "recoupe.toml").write_text("[recoupe.limits]\nclaims-per-file = 1\n", "utf-8")
    (tmp_path / "claims" / "ev").mkdir(parents=True)
    (tmp_path / "claims" / "ev" / "s.yaml").write_text(
        "id: s\nclaims:\n  - {id: a, slot: place, value: Rabat}\n  - {id: b, slot: place, value: Rabat}\n",
        "utf-8",
    )
    try:
        result = run("validate", "claims")
    finally:
        safefile.set_limits(safefile.Limits())
    assert (result.exit_code, (result.stdout + result.stderr).splitlines()[0]) == (
        2,
        "error: claims/ev/s.yaml:3:3: 2 claims: a file may hold at most 1 (split it, or use JSON Lines) at /claims [size]",
    )


@pytest.mark.parametrize("kind", ["{a: 1}", "[1]", "5"])
def test_a_rule_kind_of_any_shape_is_located(tmp_path: Path, kind: str) -> None:
    from recoupe.rules.kinds.loader import load_rule_files

    path = tmp_path / "r.yaml"
    path.write_text(f"rules:\n  - kind: {kind}\n    code: X-A001\n", "utf-8")
    with pytest.raises(InputError) as info:
        load_rule_files([path])
    [p] = info.value.problems
    assert (p.line, p.pointer, p.kind) == (2, "/rules/0/kind", "unknown-kind")
