"""write_atomic: whole files or nothing, readable modes, devices left alone, chunks streamed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from recoupe.yamlio import write_atomic


def test_writes_chunks_and_a_readable_mode(tmp_path: Path) -> None:
    target = tmp_path / "out" / "r.json"
    old = os.umask(0o022)
    try:
        write_atomic(target, (b"{", b'"a": 1', b"}"))
    finally:
        os.umask(old)
    assert target.read_text("utf-8") == '{"a": 1}'
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)
    write_atomic(target, "again")  # replacing a file keeps its mode
    assert (target.read_text("utf-8"), stat.S_IMODE(target.stat().st_mode)) == ("again", 0o600)
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]  # no temp file left behind


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old", "utf-8")

    def broken() -> object:
        yield b"new, half"
        raise RuntimeError("the reporter failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken())  # type: ignore[arg-type]
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_a_device_is_written_in_place() -> None:
    write_atomic(Path(os.devnull), "discarded")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
