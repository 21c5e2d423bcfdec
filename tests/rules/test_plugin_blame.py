"""A plugin that misbehaves is blamed by name (its file, line and rule code), exit 2: whatever it
raises at import or while checking, and whatever it yields that is no Draft."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import Runner

RULE = '''
from recoupe.rules.base import Rule


class Boom(BaseException):
    pass


class Bad(Rule):
    """Misbehaves."""

    code = "X-BAD001"
    name = "bad.rule"
    category = "custom"

    def check(self, group):
        BODY
'''


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("yield 42", 9, "rule X-BAD001 (bad.rule) yielded int 42, not a Draft"),
        ("yield None", 9, "rule X-BAD001 (bad.rule) yielded NoneType None, not a Draft"),
        ("raise Boom('in check')", 17, "rule X-BAD001 (bad.rule) raised Boom: in check"),
        (
            "raise ValueError('x' * 5000)",
            17,
            "rule X-BAD001 (bad.rule) raised ValueError: " + "x" * 200 + "... (5,000 characters)",
        ),
    ],
)
def test_a_plugin_check_is_blamed_on_the_plugin(
    run: Runner, seed_copy: Path, tmp_path: Path, body: str, line: int, message: str
) -> None:
    (tmp_path / "bad.py").write_text(
        RULE.replace("BODY", body + ("\n        yield" if "raise" in body else "")), "utf-8"
    )
    (tmp_path / "recoupe.toml").write_text('plugins = ["bad.py"]\n', "utf-8")
    result = run("check", "claims", "--no-cache", "--format", "json")
    assert result.exit_code == 2
    assert f"error: bad.py:{line}: {message} [plugin-error]" in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "class Boom(BaseException):\n    pass\n\nraise Boom('at import')\n",
            "cannot import: Boom: at import",
        ),
        ("raise SystemExit(3)\n", "cannot import: SystemExit: 3"),
    ],
)
def test_any_exception_at_import_is_the_plugins(
    run: Runner, seed_copy: Path, tmp_path: Path, code: str, message: str
) -> None:
    (tmp_path / "bad.py").write_text(textwrap.dedent(code), "utf-8")
    (tmp_path / "recoupe.toml").write_text('plugins = ["bad.py"]\n', "utf-8")
    result = run("check", "claims", "--no-cache")
    assert result.exit_code == 2
    last = code.strip().count("\n") + 1
    assert (
        result.stderr.splitlines()[0]
        == f"error: bad.py:{last}: {message} ({tmp_path / 'bad.py'}:{last}) [plugin]"
    )
