"""The cache: JSON entries (never pickle) that are checked before they are used, findings cached per
event, and keys taken from the very bytes that were parsed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from recoupe.load.cache import Cache
from tests.conftest import SEED, Runner, cache_stats


@pytest.fixture
def seed(run: Runner, tmp_path: Path) -> Path:
    shutil.copytree(SEED, tmp_path / "claims" / SEED.name)
    return tmp_path


def check(root: Path) -> Any:
    from recoupe.api import check as run_check
    from recoupe.config import load_settings

    return run_check(settings=load_settings(root))


def entries(root: Path) -> list[Path]:
    return sorted((root / ".recoupe_cache").rglob("*.json"))


def kind(entry: Path) -> str:
    return str(json.loads(entry.read_bytes().partition(b"\n")[0])["kind"])


def test_entries_are_json_with_a_header_that_names_format_kind_key_and_checksum(seed: Path) -> None:
    check(seed)
    found = entries(seed)
    assert sorted(kind(e) for e in found) == ["findings", "source", "source"]
    for e in found:
        head, _, body = e.read_bytes().partition(b"\n")
        header = json.loads(head)
        assert sorted(header) == ["format", "key", "kind", "sha256"]
        assert header["format"] == 3 and header["key"] == e.stem
        json.loads(body)  # plain JSON: nothing in it can run code


def test_an_unchanged_event_is_not_checked_again(seed: Path) -> None:
    first = check(seed)
    assert first.extra["cache"] == cache_stats(2, 0, 2, 1, 0)
    again = check(seed)
    assert again.extra["cache"] == cache_stats(0, 2, 0, 0, 1)
    assert again.findings == first.findings


@pytest.mark.parametrize(
    "damage",
    ["flip", "truncate", "empty", "foreign", "swap", "old-format", "fifo"],
)
def test_a_damaged_entry_is_a_miss_rebuilt_and_never_a_wrong_result(seed: Path, damage: str) -> None:
    first = check(seed)
    sources = [e for e in entries(seed) if kind(e) == "source"]
    target = sources[0]
    blob = target.read_bytes()
    # the findings of the event must be computed again too, or the damage would not be seen
    for e in entries(seed):
        if kind(e) == "findings":
            e.unlink()
    if damage == "flip":  # one letter of a claim's value changed, the checksum left as it was
        head, _, body = blob.partition(b"\n")
        i = body.index(b'"value":"') + len(b'"value":"')
        target.write_bytes(head + b"\n" + body[:i] + bytes([body[i] ^ 1]) + body[i + 1 :])
    elif damage == "truncate":
        target.write_bytes(blob[: len(blob) // 2])
    elif damage == "empty":
        target.write_bytes(b"")
    elif damage == "foreign":
        target.write_bytes(b"\x80\x04\x95 a pickle, or anything else\n{}")
    elif damage == "swap":  # another entry's content under this entry's name
        target.write_bytes(sources[1].read_bytes())
    elif damage == "old-format":
        head, _, body = blob.partition(b"\n")
        header = json.loads(head)
        header["format"] = 1
        target.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif damage == "fifo":  # a special file is ignored: neither read (it would hang) nor written through
        target.unlink()
        os.mkfifo(target)
    again = check(seed)
    assert again.extra["cache"] == cache_stats(1, 1, 0 if damage == "fifo" else 1, 1, 0)
    assert again.findings == first.findings
    if damage != "fifo":
        assert target.read_bytes() == blob  # overwritten with the right entry
        assert check(seed).extra["cache"]["hits"] == 2


def test_a_damaged_findings_entry_is_a_miss(seed: Path) -> None:
    first = check(seed)
    [found] = [e for e in entries(seed) if kind(e) == "findings"]
    found.write_bytes(found.read_bytes().replace(b"CMP", b"CMQ", 1))
    again = check(seed)
    assert again.extra["cache"]["events_checked"] == 1
    assert again.findings == first.findings


def test_editing_one_file_checks_its_event_again(seed: Path) -> None:
    first = check(seed)
    src = seed / "claims" / SEED.name / "le360.yaml"
    src.write_text(src.read_text("utf-8").replace("value: Rabat\n", "value: Tunis\n"), "utf-8")
    edited = check(seed)
    assert edited.extra["cache"] == cache_stats(1, 1, 1, 1, 0)
    assert edited.findings != first.findings
    assert any(f.code == "CMP004" and f.slot == "place" for f in edited.findings)


def test_changing_the_rules_config_checks_events_again(seed: Path) -> None:
    check(seed)
    (seed / "recoupe.toml").write_text('ignore = ["CMP001"]\n', "utf-8")
    again = check(seed)
    assert again.extra["cache"]["events_checked"] == 1
    assert not any(f.code == "CMP001" for f in again.findings)


def test_the_key_and_the_claims_come_from_the_same_read(seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file edited while it is being parsed cannot store one version's claims under the other's key."""
    from recoupe.load import yaml_folders

    src = seed / "claims" / SEED.name / "le360.yaml"
    before = src.read_text("utf-8")
    after = before.replace("value: Rabat\n", "value: Tunis\n")
    real = yaml_folders.parse_file

    def edit_while_parsing(text: str, path: Path, shown: str) -> Any:
        if path == src:
            src.write_text(after, "utf-8")  # the edit lands after the read, before the parse
        return real(text, path, shown)

    monkeypatch.setattr(yaml_folders, "parse_file", edit_while_parsing)
    first = check(seed)  # parsed the old bytes, under the old bytes' key
    monkeypatch.setattr(yaml_folders, "parse_file", real)
    assert not any(f.code == "CMP004" and f.slot == "place" for f in first.findings)
    edited = check(seed)  # the new bytes: a miss, parsed
    assert edited.extra["cache"]["parsed"] == 1
    assert any(f.code == "CMP004" and f.slot == "place" for f in edited.findings)
    src.write_text(before, "utf-8")  # back to the old bytes: served from the cache, with the old claims
    reverted = check(seed)
    assert reverted.extra["cache"]["parsed"] == 0
    assert reverted.findings == first.findings


def test_special_files_in_the_cache_folder_are_ignored(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    key = cache.key(b"x")
    cache.store(key, "source", {"a": 1})
    path = cache._path(key)
    path.unlink()
    path.symlink_to("/dev/zero")
    assert cache.load(key, "source") is None
    cache.store(key, "source", {"a": 1})  # a link is not written through either
    assert path.is_symlink()


def test_values_that_json_would_change_are_not_cached() -> None:
    from recoupe.load.cache import json_safe

    assert json_safe({"a": [1, "b", None, 2.5]})
    assert not json_safe({"a": float("nan")})
    assert not json_safe({"a": (1, 2)})
    assert not json_safe({1: "a"})


def test_the_findings_cache_serves_any_number_of_jobs(seed: Path) -> None:
    from recoupe.api import check as run_check
    from recoupe.config import load_settings
    from recoupe.scale.runner import Plan

    first = run_check(settings=load_settings(seed, jobs=1), plan=Plan(1))
    again = run_check(settings=load_settings(seed, jobs=2, fail_on="never"), plan=Plan(2))
    assert again.extra["cache"]["events_cached"] == 1
    assert again.findings == first.findings


def test_a_link_in_the_cache_is_a_miss_and_opens_nothing_outside(tmp_path: Path) -> None:
    # a restored or committed cache could link an entry to any file; even a valid entry elsewhere,
    # which its header and checksum would accept, is not read through a link
    cache = Cache(tmp_path / "c")
    key = cache.key(b"x")
    cache.store(key, "source", {"a": 1})
    path = cache._path(key)
    outside = tmp_path / "outside.json"
    path.rename(outside)
    path.symlink_to(outside)
    assert cache.load(key, "source") is None
    assert cache.counts["source", "misses"] == 1


def test_a_blob_entry_keeps_its_bytes_beside_json_and_is_checked_like_any_entry(tmp_path: Path) -> None:
    from recoupe.load.cache import Cache

    cache = Cache(tmp_path / "c", "salt")
    body = "« 23 morts »\n".encode() * 3
    cache.store_blob("ab" * 32, "piece", {"meta": [1, "x"]}, body)
    assert cache.load_blob("ab" * 32, "piece") == ({"meta": [1, "x"]}, body)
    assert cache.load_blob("ab" * 32, "findings") is None  # another kind: a miss
    entry = tmp_path / "c" / "ab" / f"{'ab' * 32}.json"
    head, meta, rest = entry.read_bytes().split(b"\n", 2)
    assert json.loads(head)["kind"] == "piece" and json.loads(meta) == {"meta": [1, "x"]} and rest == body
    entry.write_bytes(entry.read_bytes().replace(b"23", b"24", 1))
    assert cache.load_blob("ab" * 32, "piece") is None  # its checksum no longer matches
    assert cache.counts["piece", "hits"] == 1 and cache.counts["piece", "misses"] == 1
