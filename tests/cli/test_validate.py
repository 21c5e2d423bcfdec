"""`recoupe validate` and `recoupe schema export` through the CLI, with exact exit codes and messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, Runner, write


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle` (so the tests survive edits of the corpus)."""
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def test_seed_corpus_is_valid(run: Runner) -> None:
    result = run("validate", str(ROOT / "claims"))
    assert result.exit_code == 0, result.output
    n = sum(
        1
        for f in SEED.glob("*.yaml")
        if f.name != "event.yaml"
        for line in f.read_text("utf-8").splitlines()
        if re.match(r"^  - id: ", line)
    )
    assert result.stdout == f"ok: 1 events, 2 sources, {n} claims\n"


def test_corrupted_seed_copy_reports_exactly_the_expected_errors(run: Runner, seed_copy: Path) -> None:
    folder = seed_copy / SEED.name
    le360 = folder / "le360.yaml"
    other = folder / "declaration-entente.yaml"
    # 1. a misspelled key, 2. an unknown slot, 3. an altered quote, in le360.yaml
    text = le360.read_text("utf-8")
    text = text.replace("    value: trafic des êtres humains\n", "    valeu: trafic des êtres humains\n", 1)
    text = text.replace("    slot: place\n", "    slot: plaec\n", 1)
    text = text.replace(
        'quote: "Dans le cadre de la lutte contre le trafic des personnes"',
        'quote: "Dans le cadre de la lutte contre la traite des personnes"',
    )
    le360.write_text(text, "utf-8")
    # 4. an edited text for the other source
    txt = folder / "declaration-entente.txt"
    txt.write_text(txt.read_text("utf-8").replace("ce lundi à Rabat", "ce mardi à Rabat"), "utf-8")

    result = run("validate", str(seed_copy), "--format", "json")
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    got = [(Path(e["file"]).name, e["line"], e["pointer"].rsplit("/", 1)[-1], e["kind"]) for e in errors]
    expected = [
        # the stale pin of a good file is reported with the problems of the others: every problem at once
        ("declaration-entente.yaml", 1, "sha256", "stale-text"),
        ("le360.yaml", line_of(le360, "valeu:"), "valeu", "unknown-key"),
        ("le360.yaml", line_of(le360, "slot: plaec"), "slot", "unknown-slot"),
        ("le360.yaml", line_of(le360, "la traite des personnes"), "quote", "quote"),
    ]
    assert got == sorted(expected, key=lambda g: g[1])
    by_kind = {e["kind"]: e for e in errors}
    assert by_kind["unknown-key"]["message"] == "unknown key 'valeu' (did you mean 'value'?)"
    assert by_kind["unknown-slot"]["message"] == "unknown slot 'plaec' (did you mean 'place'?)"
    assert "the quote has 'la traite' where the text has 'le trafic'" in by_kind["quote"]["message"]

    # once the le360 problems are fixed, the edited text is what remains: a stale pin, exit 2
    le360.write_text((SEED / "le360.yaml").read_text("utf-8"), "utf-8")
    result = run("validate", str(seed_copy))
    assert result.exit_code == 2
    [message] = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    # files are named relative to where recoupe runs
    assert message.startswith(
        f"error: {other.relative_to(seed_copy.parent)}:1: text 'declaration-entente.txt' has sha256 "
    )
    assert message.endswith("at /text/sha256 [stale-text]")


def test_validate_text_output_is_located(run: Runner, seed_copy: Path) -> None:
    le360 = seed_copy / SEED.name / "le360.yaml"
    le360.write_text(le360.read_text("utf-8").replace("    slot: place\n", "    slot: plaec\n", 1), "utf-8")
    result = run("validate", str(seed_copy))
    assert result.exit_code == 2
    n = line_of(le360, "slot: plaec")
    assert result.stderr == ""
    assert result.stdout == (
        f"error: {le360.relative_to(seed_copy.parent)}:{n}:11: unknown slot 'plaec' (did you mean 'place'?) at /claims/"
        f"{_index_of_claim_at(le360, n)}/slot [unknown-slot]\n1 problem found\n"
    )
    assert "Traceback" not in result.output


def _index_of_claim_at(path: Path, line: int) -> int:
    lines = path.read_text("utf-8").splitlines()[:line]
    return sum(1 for x in lines if x.startswith("  - id:")) - 1


def test_bad_usage_exits_2(run: Runner) -> None:
    result = run("validate", "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_schemas_match_the_models(run: Runner) -> None:
    result = run("schema", "export", "--check", "--dir", str(ROOT / "src" / "recoupe" / "schemas"))
    assert result.exit_code == 0, result.output


def test_schema_drift_is_detected(run: Runner, tmp_path: Path) -> None:
    assert run("schema", "export", "--dir", str(tmp_path / "s")).exit_code == 0
    target = tmp_path / "s" / "source.schema.json"
    data = json.loads(target.read_text("utf-8"))
    data["title"] = "changed"
    target.write_text(json.dumps(data), "utf-8")
    result = run("schema", "export", "--check", "--dir", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert result.stderr == f"error: {target} differs from the models; run 'recoupe schema export'\n"


def test_seed_validates_against_the_exported_json_schema() -> None:
    import jsonschema
    import yaml

    schema = json.loads((ROOT / "src" / "recoupe" / "schemas" / "source.schema.json").read_text("utf-8"))
    for f in sorted(SEED.glob("*.yaml")):
        if f.name == "event.yaml":
            continue
        data = yaml.safe_load(f.read_text("utf-8"))
        data["published"] = str(data["published"]) if "published" in data else None
        data = {k: v for k, v in data.items() if v is not None}
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_validate_checks_what_check_loads_and_every_problem_at_once(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad vocabulary fails validate as it fails check; a stale pin is reported beside a schema error."""
    write(tmp_path / "claims" / "ev" / "a.txt", "Vingt-trois morts.\n")
    write(
        tmp_path / "claims" / "ev" / "a.yaml",
        f"""
        id: a
        text: {{path: a.txt, sha256: {"a" * 64}}}
        claims:
          - {{id: dead, slot: "quantity:dead", value: "23"}}
        """,
    )
    write(tmp_path / "claims" / "ev" / "b.yaml", "id: b\nclaims:\n  - {id: dead, slot: plaec, value: x}\n")
    write(tmp_path / "vocab.yaml", "id: desk\nconcepts:\n  x: {labell: y}\n")
    (tmp_path / "recoupe.toml").write_text('vocabularies = ["vocab.yaml"]\nselect = ["CMP04"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        f"error: {tmp_path / 'recoupe.toml'}:2: 'CMP04' matches no rule (did you mean 'CMP004'?) at /select [unknown-rule]",
        f"error: {tmp_path / 'vocab.yaml'}:3:6: missing required field 'prefLabel' at /concepts/x/prefLabel [missing]",
        f"error: {tmp_path / 'vocab.yaml'}:3:7: unknown key 'labell' (did you mean 'altLabel'?) at /concepts/x/labell [unknown-key]",
    ]
    assert lines[3].startswith("error: claims/ev/a.yaml:1: text 'a.txt' has sha256 ")
    assert lines[3].endswith(" [stale-text]")
    assert lines[4:] == [
        "error: claims/ev/b.yaml:3:22: unknown slot 'plaec' (did you mean 'place'?) at /claims/0/slot [unknown-slot]",
        "5 problems found",
    ]
    assert run("check").exit_code == 2
