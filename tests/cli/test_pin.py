"""`recoupe pin`: re-pinning changed texts, refusing broken quotes, keeping the YAML byte for byte."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Runner, sha, write

TEXT = "Le Maroc et le Niger ont signé, ce lundi à Rabat, une déclaration d'entente.\n"
EDITED = "Le Maroc et le Niger ont signé, ce lundi 1er août à Rabat, une déclaration d'entente.\n"
SOURCE = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
id: src   # the source
language: fr
text:
  path: src.txt     # kept beside
  sha256: {pin}  # pinned by hand
claims:
  # --- where ---
  - id: place
    slot: place
    value: Rabat
    quote: "à Rabat"   # still there after the edit
  - id: date
    slot: date
    value: ce lundi
    quote: 'ce lundi à Rabat'
"""


def corpus(tmp_path: Path, text: str, body: str = SOURCE, pin: str | None = None) -> Path:
    folder = tmp_path / "claims" / "ev"
    write(folder / "event.yaml", "id: ev\n")
    (folder / "src.txt").write_text(text, encoding="utf-8")
    (folder / "src.yaml").write_text(body.replace("{pin}", pin or sha(TEXT)), encoding="utf-8")
    return folder / "src.yaml"


def test_pin_writes_the_new_sha_when_every_quote_holds(run: Runner, tmp_path: Path) -> None:
    yaml = corpus(tmp_path, EDITED, SOURCE.replace("'ce lundi à Rabat'", "ce lundi"))
    before = yaml.read_text(encoding="utf-8")
    result = run("pin", "claims")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"pinned claims/ev/src.yaml (sha256 {sha(EDITED)[:12]}…, was {sha(TEXT)[:12]}…)\n"
        "1 pinned, 0 refused, 0 unchanged\n"
    )
    # comments, quoting and layout byte for byte: only the hash differs
    assert yaml.read_text(encoding="utf-8") == before.replace(sha(TEXT), sha(EDITED))
    assert run("validate", "claims").exit_code == 0
    again = run("pin", "claims")
    assert (again.exit_code, again.stdout) == (0, "0 pinned, 0 refused, 1 unchanged\n")


def test_pin_refuses_a_source_with_a_broken_quote_and_shows_the_closest_passage(
    run: Runner, tmp_path: Path
) -> None:
    yaml = corpus(tmp_path, EDITED)
    before = yaml.read_bytes()
    result = run("pin", "claims/ev/src.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "refused claims/ev/src.yaml: 1 quote no longer in the new text (fix them, or pin anyway with --force)\n"
        "  claims/ev/src.yaml:16 claim 'date': « ce lundi à Rabat »: quote not found in the text; "
        "closest passage (69% alike): « ce lundi 1er ao»; the quote has 'à Rabat' where the text has '1er ao'\n"
        "0 pinned, 1 refused, 0 unchanged\n"
    )
    assert yaml.read_bytes() == before
    forced = run("pin", "--force", "claims")
    assert forced.exit_code == 0
    assert forced.stdout.startswith(f"pinned claims/ev/src.yaml (sha256 {sha(EDITED)[:12]}…")
    assert yaml.read_bytes() == before.replace(sha(TEXT).encode(), sha(EDITED).encode())


def test_pin_writes_a_missing_sha_and_the_errors_name_the_command(run: Runner, tmp_path: Path) -> None:
    body = SOURCE.replace("  sha256: {pin}  # pinned by hand\n", "")
    yaml = corpus(tmp_path, TEXT, body)
    missing = run("validate", "claims")
    assert missing.exit_code == 2
    assert (
        "error: claims/ev/src.yaml:5:3: missing required field 'sha256'; run 'recoupe pin' to compute and "
        "write it at /text/sha256 [missing]" in missing.stdout
    )
    assert run("pin", "claims").stdout.startswith("pinned claims/ev/src.yaml")
    assert yaml.read_text(encoding="utf-8") == body.replace(
        "  path: src.txt     # kept beside\n", f"  path: src.txt     # kept beside\n  sha256: {sha(TEXT)}\n"
    )
    (yaml.parent / "src.txt").write_text(EDITED, encoding="utf-8")
    stale = run("validate", "claims")
    assert stale.exit_code == 2
    assert "check them, then run 'recoupe pin' to update the pin" in stale.stdout


def test_pin_adds_the_sha_to_a_flow_mapping(run: Runner, tmp_path: Path) -> None:
    body = "id: src\ntext: {path: src.txt}  # flow\nclaims: []\n"
    yaml = corpus(tmp_path, TEXT, body)
    assert run("pin", "claims").exit_code == 0
    assert (
        yaml.read_text(encoding="utf-8")
        == f"id: src\ntext: {{path: src.txt, sha256: {sha(TEXT)}}}  # flow\nclaims: []\n"
    )
    assert run("validate", "claims").exit_code == 0


def test_pin_reports_bad_yaml_with_its_location_and_writes_nothing(run: Runner, tmp_path: Path) -> None:
    good = corpus(tmp_path, EDITED, SOURCE.replace("'ce lundi à Rabat'", "ce lundi"))
    before = good.read_bytes()
    write(tmp_path / "claims" / "ev" / "zz.yaml", "id: zz\ntext: [path: a\n")
    result = run("pin", "claims")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: claims/ev/zz.yaml:3:1: not valid YAML:")
    assert good.read_bytes() == before  # nothing half-written: the good source was not pinned either
