"""The other commands: rules list / explain, normalize, vocab lookup, init; config errors; progress."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, Runner, write


def test_rules_list_names_every_builtin(run: Runner) -> None:
    result = run("rules", "list", "--format", "json")
    assert result.exit_code == 0
    rows = {r["code"]: r for r in json.loads(result.stdout)}
    assert {
        "CMP001",
        "CMP002",
        "CMP003",
        "CMP004",
        "TRM001",
        "INT001",
        "COR001",
        "REF001",
        "EVD001",
        "NRM001",
    } <= set(rows)
    assert (rows["CMP004"]["name"], rows["CMP004"]["kind"], rows["CMP004"]["severity"]) == (
        "compare.contradiction",
        "builtin",
        "error",
    )
    text = run("rules", "list").stdout.splitlines()
    assert any(
        line.startswith("CMP002    compare.less-specific")
        and line.rstrip().endswith("One source is less precise than another, without contradicting it.")
        for line in text
    )


def test_rules_explain_shows_the_docstring(run: Runner) -> None:
    result = run("rules", "explain", "TRM001")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "TRM001 terminology.nonstandard (builtin; warning; category terminology)\n"
    )
    assert "Passing (no finding)" in result.stdout and "Failing (one warning)" in result.stdout
    assert run("rules", "explain", "compare.partial").stdout.startswith("CMP003 compare.partial")
    missing = run("rules", "explain", "CMP04")
    assert missing.exit_code == 2
    assert "no rule 'CMP04' (did you mean 'CMP004'?)" in missing.stderr


def test_rules_test_runs_the_builtin_cases(run: Runner) -> None:
    result = run("rules", "test", str(ROOT / "tests" / "rules" / "cases"))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(" passed, 0 failed\n")


def test_rules_test_reports_a_failing_case(run: Runner, tmp_path: Path) -> None:
    write(
        tmp_path / "c.yaml",
        """
        rule: CMP004
        cases:
          - name: wrong-expectation
            claims:
              - {source: a, id: c1, slot: place, value: Rabat}
              - {source: b, id: c2, slot: place, value: Rabat}
            expect:
              - {code: CMP004, claims: [a/c1, b/c2], relation: DISJOINT}
        """,
    )
    result = run("rules", "test", str(tmp_path / "c.yaml"))
    assert result.exit_code == 1
    assert result.stdout == "0 passed, 1 failed\n"
    assert "FAIL wrong-expectation" in result.stderr


def test_normalize_prints_every_claim(run: Runner) -> None:
    result = run("normalize", str(SEED / "declaration-entente.yaml"), "--format", "json")
    assert result.exit_code == 0
    rows = {r["claim"]: r for r in json.loads(result.stdout)}
    date = rows["date-ce-lundi"]["normalized"]
    assert (date["type"], date["weekdays"], date["partial"]) == ("date", [0], True)
    offence = rows["offence-traite-etres-humains"]["normalized"]
    assert offence["concepts"] == ["trafficking-in-persons"]
    text = run("normalize", str(SEED / "declaration-entente.yaml")).stdout
    assert "declaration-entente/date-ce-lundi  date (date): ce lundi  ->  some Monday" in text


def test_vocab_lookup(run: Runner) -> None:
    result = run("vocab", "lookup", "trafic des êtres humains", "--format", "json")
    assert result.exit_code == 0
    concepts = json.loads(result.stdout)["concepts"]
    assert sorted(c["id"] for c in concepts) == ["smuggling-of-migrants", "trafficking-in-persons"]
    assert all(c["nonstandard"] for c in concepts)
    text = run("vocab", "lookup", "protocole d'accord").stdout
    assert text.startswith("memorandum-of-understanding (instruments)")
    assert "broader: " in text
    missing = run("vocab", "lookup", "zorglub")
    assert (missing.exit_code, missing.stdout) == (1, "no concept for « zorglub »\n")


def test_malformed_vocabulary_in_config_is_located(run: Runner, tmp_path: Path) -> None:
    write(
        tmp_path / "terms.yaml",
        """
        id: mine
        concepts:
          smuggling-ring:
            prefLabel: {fr: réseau de passeurs}
            broader: [smugling-of-migrants]
        """,
    )
    (tmp_path / "recoupe.toml").write_text('vocabularies = ["terms.yaml"]\n', "utf-8")
    result = run("vocab", "lookup", "passeurs")
    assert result.exit_code == 2
    assert "terms.yaml:5:" in result.stderr
    assert "did you mean 'smuggling-of-migrants'?" in result.stderr


def test_config_errors_are_located(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "recoupe.toml").write_text(
        'paths = ["claims"]\nfail_onn = "warning"\nselect = "CMP"\n', "utf-8"
    )
    result = run("validate")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: {tmp_path / 'recoupe.toml'}:2: unknown key 'fail_onn' (did you mean 'fail-on'?) at /fail_onn [unknown-key]",
        f"error: {tmp_path / 'recoupe.toml'}:3: input should be a valid list (got 'CMP') at /select [type]",
    ]
    config = tmp_path / "recoupe.toml"
    for content, where, message in [
        (b'paths = ["claims"\n', "2:1", "not valid TOML: unclosed array at the end of the file [syntax]"),
        (
            b'paths = ["claims"]\nfail-on = "error"\nfail-on = "info"\n',
            "3:17",
            "not valid TOML: cannot overwrite a value [syntax]",
        ),
        # a Latin-1 « é »: the file is not UTF-8, which was an internal error
        (b'paths = ["claims"]\nselect = ["\xe9"]\n', "2:12", "not UTF-8 at byte 30 (0xE9) [encoding]"),
    ]:
        config.write_bytes(content)
        result = run("validate")
        assert result.exit_code == 2
        assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
            f"error: {config}:{where}: {message}"
        ]


def test_files_the_config_names_that_do_not_exist_are_located_in_the_config(
    run: Runner, tmp_path: Path
) -> None:
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "people.yaml").write_text("id: people\nentities: {}\n", "utf-8")
    (tmp_path / "recoupe.toml").write_text(
        'paths = ["claims"]\n'
        "registries = [\n"
        '  "vocab/people.yaml",\n'
        '  "vocab/peole.yaml",\n'
        "]\n"
        'rules = ["rulez"]\n'
        'plugins = ["newsroom_rules", "my_rules.py"]\n',
        "utf-8",
    )
    result = run("validate")
    assert result.exit_code == 2
    config = tmp_path / "recoupe.toml"
    # a dotted plugin name is a module, looked for when rules are discovered, not a file
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {config}:2: registry file 'vocab/peole.yaml' not found (looked for {tmp_path / 'vocab' / 'peole.yaml'})"
        " (did you mean 'people.yaml'?) at /registries/1 [missing-file]",
        f"error: {config}:6: rules file or folder 'rulez' not found (looked for {tmp_path / 'rulez'}) at /rules/0 [missing-file]",
        f"error: {config}:7: plugin file 'my_rules.py' not found (looked for {tmp_path / 'my_rules.py'}) at /plugins/1 [missing-file]",
    ]


def test_pyproject_table_is_found_and_cli_wins(run: Runner, tmp_path: Path) -> None:
    from recoupe.config import load_settings

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.recoupe]\nfail-on = "warning"\nignore = ["COR"]\n', "utf-8"
    )
    (tmp_path / "sub").mkdir()
    s = load_settings(tmp_path / "sub")
    assert (s.fail_on, s.ignore, s.root) == ("warning", ["COR"], tmp_path.resolve())
    assert load_settings(tmp_path, fail_on="never").fail_on == "never"


def test_init_writes_a_working_project_and_never_overwrites(run: Runner, tmp_path: Path) -> None:
    result = run("init")
    assert result.exit_code == 0
    assert (tmp_path / "recoupe.toml").is_file() and (tmp_path / "rules" / "example.yaml").is_file()
    assert run("validate").exit_code == 0
    check = run("check", "--format", "json")
    assert check.exit_code == 0, check.output
    codes = [f["code"] for f in json.loads(check.stdout)["findings"]]
    assert codes == ["X-REQ001"]
    again = run("init")
    assert again.exit_code == 2
    assert "recoupe.toml: already exists" in again.stderr


def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from recoupe.cli.progress import progress_display

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr", Tty())
    with progress_display() as say:
        say("checking", 10, 100)
    assert progress_display().enabled
    monkeypatch.setenv("CI", "true")
    assert not progress_display().enabled
    monkeypatch.delenv("CI")
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert not progress_display().enabled


def test_an_internal_error_is_a_message_not_a_traceback(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import recoupe.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(recoupe.api, "check", broken)
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("recoupe: internal error: RuntimeError: boom\nThis is a bug in recoupe")
    assert "Traceback" not in result.output


def test_config_error_in_a_sub_table_is_located(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "recoupe.toml").write_text(
        'paths = ["claims"]\n[tolerances]  # widths\napproximate = 0.2\nplugins = ["x.py"]\n', "utf-8"
    )
    result = run("validate")
    assert result.exit_code == 2
    assert (
        f"error: {tmp_path / 'recoupe.toml'}:4: unknown key 'plugins' at /tolerances/plugins [unknown-key]"
        in result.stderr
    )
