"""yamlio: the alias-expansion bound (with and without aliases) and write_atomic's special targets."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest
import yaml

from recoupe import yamlio
from recoupe.errors import InputError
from recoupe.yamlio import parse_yaml, write_atomic


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_quickly() -> None:
    t = time.perf_counter()
    with pytest.raises(InputError) as e:
        parse_yaml(billion_laughs(), "bomb.yaml")
    assert time.perf_counter() - t < 2
    [p] = e.value.problems
    assert (p.file, p.message, p.kind) == ("bomb.yaml", "too many nodes after expanding aliases", "size")


def test_aliases_within_the_bound_still_expand() -> None:
    data, _ = parse_yaml("base: &b {x: 1}\none: *b\ntwo: *b\n", "ok.yaml")
    assert data == {"base": {"x": 1}, "one": {"x": 1}, "two": {"x": 1}}


@pytest.mark.parametrize(
    "text",
    [
        "-\n" * 20_000,  # a node per two characters: implicit nulls
        "?\n",
        "".join(f"k{i}:\n" for i in range(8_000)),
        "[" + ",".join(["{a: }"] * 8_000) + "]",
        "{" + ", ".join(f"? k{i}" for i in range(8_000)) + "}",
    ],
)
def test_without_a_star_the_budget_covers_every_node(text: str) -> None:
    assert "*" not in text
    parse_yaml(text, "many.yaml")  # no "too many nodes"
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert root is not None
    assert yamlio._count_nodes(root) <= 3 * (len(text) + 1)


def test_a_star_in_a_string_is_no_alias() -> None:
    data, _ = parse_yaml('note: "5 * 3"\nlist: [a*, b]\n', "star.yaml")
    assert data == {"note": "5 * 3", "list": ["a*", "b"]}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    # a reader is there before the write (a reader thread might not have opened it yet, and a pipe
    # that nobody reads is refused); the report fits the pipe's buffer, so no thread is needed
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, (b"one ", b"two"))
        assert os.read(reader, 100) == b"one two"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.fifo"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old", "utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()  # renaming over it would have replaced the link (or /dev/stdout)
    assert real.read_text("utf-8") == "new"


def test_devnull_stays_a_device() -> None:
    write_atomic(Path(os.devnull), "x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_modes_follow_the_umask_or_the_replaced_file(tmp_path: Path) -> None:
    new = tmp_path / "new.json"
    old = os.umask(0o027)
    try:
        write_atomic(new, "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert os.umask(old) == old  # write_atomic left the umask alone
    kept = tmp_path / "kept.json"
    kept.write_text("old", "utf-8")
    kept.chmod(0o2664)
    write_atomic(kept, "new")
    assert (kept.read_text("utf-8"), stat.S_IMODE(kept.stat().st_mode)) == ("new", 0o664)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("id: a\ntitle: x\x00y\n", 2, 9, "not valid YAML: character U+0000 is not allowed"),
        # accents before it: the C reader counts bytes, the pure-Python one characters
        ("id: é\ntitle: «ééé»\x07\n", 2, 13, "not valid YAML: character U+0007 is not allowed"),
        ("\ufeffid: a\n\x1b\n", 2, 1, "not valid YAML: character U+001B is not allowed"),
    ],
)
@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
def test_a_character_yaml_refuses_is_located(
    monkeypatch: pytest.MonkeyPatch, loader: type, text: str, line: int, column: int, message: str
) -> None:
    monkeypatch.setattr(yamlio, "_Loader", loader)
    with pytest.raises(InputError) as e:
        parse_yaml(text, "src.yaml")
    [p] = e.value.problems
    assert (p.file, p.line, p.column, p.pointer, p.message, p.kind) == (
        "src.yaml",
        line,
        column,
        "",
        message,
        "syntax",
    )


def test_a_byte_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    f = tmp_path / "src.yaml"
    f.write_bytes("id: a\ntitle: «é»\xa0".encode() + b"\xff rest\n")
    with pytest.raises(InputError) as e:
        yamlio.read_text(f, "src.yaml")
    [p] = e.value.problems
    # byte 21 is the 12th character of line 2: «, é, » and the no-break space take two bytes each
    assert (p.file, p.line, p.column, p.message, p.kind) == (
        "src.yaml",
        2,
        12,
        "not UTF-8 at byte 21 (0xFF)",
        "encoding",
    )
