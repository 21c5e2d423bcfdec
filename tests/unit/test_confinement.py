"""A pull request cannot make recoupe read outside the corpus, wait on a special file, or loop.

Each case asserts the exact problem (file, line, column, pointer, kind) and that nothing of the
file outside reached the result: the canary below never appears in a message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from recoupe.errors import InputError, Problem
from recoupe.load import load_corpus
from tests.conftest import TEXT, Runner, sha

CANARY = "CANARY-7d1f outside the corpus"
CLAIM = "- {id: c1, slot: place, value: Rabat}\n"


def problems(paths: list[Path]) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_corpus(paths)
    for p in info.value.problems:
        assert "CANARY" not in str(p) and sha(CANARY) not in str(p)
    return info.value.problems


def source_with_text(root: Path, text_path: str) -> Path:
    """claims/ev/src.yaml naming `text_path`; a canary file beside claims/, outside the corpus."""
    folder = root / "claims" / "ev"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "secret.txt").write_text(CANARY, "utf-8")
    body = f"id: src\ntitle: T\nlanguage: fr\ntext:\n  path: {json.dumps(text_path)}\n  sha256: {sha(TEXT)}\nclaims:\n  {CLAIM}"
    (folder / "src.yaml").write_text(body, "utf-8")
    return root / "claims"


def one(paths: list[Path]) -> tuple[str, int | None, int | None, str, str, str]:
    [p] = problems(paths)
    return Path(p.file).name, p.line, p.column, p.pointer, p.kind, p.message


@pytest.mark.parametrize("text_path", ["../../secret.txt", "{root}/secret.txt"])
def test_a_text_outside_the_corpus_is_refused_at_its_line(tmp_path: Path, text_path: str) -> None:
    claims = source_with_text(tmp_path, text_path.format(root=tmp_path))
    name, line, col, ptr, kind, message = one([claims])
    assert (name, line, col, ptr, kind) == ("src.yaml", 5, 9, "/text/path", "outside")
    real = tmp_path.resolve() / "secret.txt"
    assert message.endswith(
        f"is refused: it resolves to {real}, outside the corpus folder ({claims.resolve()}): refused"
    )


def test_an_absolute_system_file_is_refused(tmp_path: Path) -> None:
    claims = source_with_text(tmp_path, "/proc/self/environ")
    name, line, col, ptr, kind, message = one([claims])
    assert (name, line, col, ptr, kind) == ("src.yaml", 5, 9, "/text/path", "outside")
    assert "/proc/" in message and "outside the corpus folder" in message
    assert os.environ.get("PATH", "none") not in message


def test_a_symlink_in_the_corpus_pointing_outside_is_refused(tmp_path: Path) -> None:
    claims = source_with_text(tmp_path, "src.txt")
    (claims / "ev" / "src.txt").symlink_to(tmp_path / "secret.txt")
    [p, q] = problems([claims])
    # the walk refuses the link itself, and the source naming it is refused at its text.path line
    assert (Path(p.file).name, p.line, p.kind) == ("src.txt", None, "outside")
    assert (Path(q.file).name, q.line, q.pointer, q.kind) == ("src.yaml", 5, "/text/path", "outside")


def test_a_json_lines_source_record_pointing_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(CANARY, "utf-8")
    (tmp_path / "claims").mkdir()
    record = {
        "record": "source",
        "id": "s",
        "event": "e",
        "text": {"path": "../secret.txt", "sha256": sha(CANARY)},
    }
    (tmp_path / "claims" / "c.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    name, line, col, ptr, kind, _ = one([tmp_path / "claims"])
    assert (name, line, col, ptr, kind) == ("c.jsonl", 1, None, "/text/path", "outside")


def test_a_text_inside_the_corpus_through_a_symlink_is_read(tmp_path: Path) -> None:
    claims = source_with_text(tmp_path, "link.txt")
    (claims / "texts").mkdir()
    (claims / "texts" / "src.txt").write_text(TEXT, "utf-8")
    (claims / "ev" / "link.txt").symlink_to(claims / "texts" / "src.txt")
    corpus = load_corpus([claims])
    assert corpus.sources["src"].text == TEXT


@pytest.mark.usefixtures("bounded")
def test_a_fifo_text_is_refused_without_waiting(tmp_path: Path) -> None:
    claims = source_with_text(tmp_path, "src.txt")
    os.mkfifo(claims / "ev" / "src.txt")
    name, line, _, ptr, kind, message = one([claims])
    assert (name, line, ptr, kind) == ("src.yaml", 5, "/text/path", "text")
    assert message == "text file 'src.txt' is refused: a named pipe (FIFO), not a regular file: refused"


@pytest.mark.usefixtures("bounded")
def test_dev_zero_through_a_symlink_is_refused(tmp_path: Path) -> None:
    claims = source_with_text(tmp_path, "src.txt")
    (claims / "ev" / "src.txt").symlink_to("/dev/zero")
    found = [(Path(p.file).name, p.line, p.kind) for p in problems([claims])]
    assert found == [("src.txt", None, "outside"), ("src.yaml", 5, "outside")]


@pytest.mark.usefixtures("bounded")
def test_a_text_that_is_a_symlink_loop_or_has_a_nul(tmp_path: Path) -> None:
    claims = source_with_text(tmp_path, "loop.txt")
    (claims / "ev" / "loop.txt").symlink_to("loop.txt")
    found = [(Path(p.file).name, p.line, p.kind, p.message) for p in problems([claims])]
    assert found == [
        ("loop.txt", None, "io", "a symlink that is not followed: symlink loop"),
        ("src.yaml", 5, "text", "text file 'loop.txt' is refused: symlink loop"),
    ]
    claims = source_with_text(tmp_path / "nul", "a\u0000b.txt")
    name, line, _, ptr, kind, message = one([claims])
    assert (name, line, ptr, kind) == ("src.yaml", 5, "/text/path", "text")
    assert message.endswith("is refused: the path contains a NUL character")


@pytest.mark.usefixtures("bounded")
def test_symlinked_folder_cycles_are_walked_once(make_source: Callable[..., Path]) -> None:
    root = make_source(CLAIM)
    (root / "a").symlink_to(".")
    (root / "b").symlink_to(".")
    (root / "ev" / "again").symlink_to("..")
    corpus = load_corpus([root])  # no "already defined": every folder read once
    assert [c.id for c in corpus.claims] == ["c1"]


def test_a_symlinked_folder_is_followed_inside_and_refused_outside(
    make_source: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_source(CLAIM)
    (root / "more").mkdir()
    (root / "more" / "ev-again").symlink_to(root / "ev")  # inside, and already walked: read once
    assert [c.id for c in load_corpus([root]).claims] == ["c1"]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "link").symlink_to(root / "ev")
    [p] = problems([tmp_path / "other"])
    assert (Path(p.file).name, p.line, p.kind) == ("link", None, "outside")
    assert p.message == (
        f"a symlink that is not followed: it resolves to {(root / 'ev').resolve()}, "
        f"outside the corpus folder ({(tmp_path / 'other').resolve()}): refused"
    )


def test_a_name_that_is_not_utf8_is_located(make_source: Callable[..., Path]) -> None:
    root = make_source(CLAIM)
    bad = os.fsencode(root) + b"/ev\xff"
    os.mkdir(bad)
    with open(bad + b"/s.yaml", "wb") as f:
        f.write(b"id: s2\nclaims: []\n")
    name, line, _, _, kind, message = one([root])
    assert (name, line, kind) == ("claims", None, "encoding")
    assert message == "the name 'ev\\xff' is not UTF-8: rename it"


@pytest.mark.usefixtures("bounded")
def test_the_cli_names_a_symlink_loop_without_crashing(run: Runner, tmp_path: Path) -> None:
    claims = source_with_text(tmp_path, "loop.txt")
    (claims / "ev" / "loop.txt").symlink_to("loop.txt")
    result = run("validate", "claims")
    assert result.exit_code == 2
    assert (
        "error: claims/ev/src.yaml:5:9: text file 'loop.txt' is refused: symlink loop at /text/path [text]"
        in (result.stdout + result.stderr).splitlines()
    )


@pytest.mark.parametrize("text_path", ["/etc/passwd", "../../secret.txt"])
def test_pin_writes_no_sha256_of_a_file_outside(run: Runner, tmp_path: Path, text_path: str) -> None:
    claims = source_with_text(tmp_path, text_path)
    before = (claims / "ev" / "src.yaml").read_text("utf-8")
    result = run("pin", "claims")
    assert result.exit_code == 2
    [line, _] = result.stderr.splitlines()
    assert line.startswith(f"error: claims/ev/src.yaml:5: cannot read text '{text_path}': it resolves to ")
    assert line.endswith(
        ", outside the corpus folder (" + str(claims.resolve()) + "): refused at /text/path [missing-text]"
    )
    assert (claims / "ev" / "src.yaml").read_text("utf-8") == before


@pytest.mark.usefixtures("bounded")
@pytest.mark.parametrize(("make", "what"), [("fifo", "a named pipe (FIFO)"), ("zero", "a character device")])
def test_a_special_baseline_is_refused_without_waiting(
    run: Runner, seed_copy: Path, tmp_path: Path, make: str, what: str
) -> None:
    if make == "fifo":
        os.mkfifo(tmp_path / "base.json")
    else:
        (tmp_path / "base.json").symlink_to("/dev/zero")
    result = run("check", "claims", "--no-cache", "--baseline", "base.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"error: base.json: {what}, not a regular file: refused [io]"


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_folder_name_not_utf8_is_located_by_validate_and_check_alike(
    run: Runner, make_source: Callable[..., Path], command: str
) -> None:
    root = make_source(CLAIM)
    bad = os.fsencode(root) + b"/\xe9v\xe9nement"
    os.mkdir(bad)
    with open(bad + b"/s.yaml", "wb") as f:
        f.write(b"id: s2\nclaims: []\n")
    result = run(command, "claims")
    assert result.exit_code == 2
    assert (
        "error: claims: the name '\\xe9v\\xe9nement' is not UTF-8: rename it [encoding]"
        in (result.stdout + result.stderr).splitlines()
    )
