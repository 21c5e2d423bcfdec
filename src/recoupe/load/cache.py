"""A content-addressed cache under .recoupe_cache/: parsed claims files, and each event's findings.

An entry is plain JSON, never pickle: a cache restored from an untrusted CI cache, or committed by
mistake, is data and cannot run code. Each entry starts with a header line that names the format
version, the kind of entry, its own key and the sha256 of the body; a body that does not match all
four (corrupt, truncated, written by another version, or copied under another entry's name) is a
miss, rebuilt and overwritten, never an error and never a result. Entries are written to a
temporary file and renamed, so concurrent runs sharing the folder never read half an entry; what
is not a regular file in the folder (a FIFO, a device, a link) is ignored.

Keys hash the bytes that were parsed, from the very read that parsed them, with the recoupe version
and everything normalization depends on (vocabularies, registries, slots, tolerances).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from recoupe import __version__, safefile
from recoupe.yamlio import write_atomic

FORMAT = 3  # the entry layout; 1 was pickle, 2 had no blobs
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # a larger "entry" is no entry of ours: not even read


def _dumps(value: Any) -> bytes:
    import orjson  # (the CLI imports it anyway to write reports; not at start-up)

    return orjson.dumps(value)


def _loads(blob: bytes) -> Any:
    import orjson

    return orjson.loads(blob)


def json_safe(value: Any) -> bool:
    """Whether `value` comes back from JSON exactly as it is (no NaN, no tuples, no other types)."""
    import orjson

    try:
        return bool(orjson.loads(orjson.dumps(value)) == value)
    except (TypeError, orjson.JSONEncodeError):
        return False


class Cache:
    def __init__(self, folder: Path, salt: str = "") -> None:
        self.folder = folder
        self.salt = f"{__version__}\x00{FORMAT}\x00{salt}"
        # (kind, "hits" | "misses" | "writes") -> count; `hits` and `writes` count claims files
        self.counts: Counter[tuple[str, str]] = Counter()

    @property
    def hits(self) -> int:
        return self.counts["source", "hits"]

    @property
    def writes(self) -> int:
        return self.counts["source", "writes"]

    @staticmethod
    def fingerprint_files(paths: Iterable[Path], *extra: str) -> str:
        """What a normalization depends on, as one hash: file contents and settings."""
        h = hashlib.sha256()
        for p in sorted(paths):
            h.update(str(p).encode())
            blob = _read_regular(p, safefile.current.file_bytes)
            h.update(b"<missing>" if blob is None else blob)
        for e in extra:
            h.update(e.encode())
        return h.hexdigest()

    def key(self, data: bytes, *parts: str) -> str:
        h = hashlib.sha256(self.salt.encode())
        for p in parts:
            h.update(p.encode() + b"\x00")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str, kind: str) -> Any | None:
        """The value stored under `key` as `kind`, or None (counted as a miss) for anything else."""
        value = self._read(key, kind)
        self.counts[kind, "misses" if value is None else "hits"] += 1
        return value

    def has(self, key: str) -> bool:
        """Whether an entry is there under `key` (a regular file; what it holds is checked on load)."""
        try:
            return stat.S_ISREG(os.lstat(self._path(key)).st_mode)
        except OSError:
            return False

    def _read(self, key: str, kind: str) -> Any | None:
        body = self._verified(key, kind)
        if body is None:
            return None
        try:
            return _loads(body)
        except ValueError:  # (orjson.JSONDecodeError is one)
            return None

    def load_blob(self, key: str, kind: str) -> tuple[Any, bytes] | None:
        """What `store_blob` stored under `key` as `kind` (its JSON value and its bytes), or None."""
        body = self._verified(key, kind)
        value = None
        if body is not None:
            head, newline, blob = body.partition(b"\n")
            try:
                value = (_loads(head), blob) if newline else None
            except ValueError:
                value = None
        self.counts[kind, "misses" if value is None else "hits"] += 1
        return value

    def _verified(self, key: str, kind: str) -> bytes | None:
        """The body of the entry under `key`, when its header names this format, `kind`, `key` and the
        body's sha256; None for anything else."""
        blob = _read_regular(self._path(key), follow=False)
        if blob is None:
            return None
        head, newline, body = blob.partition(b"\n")
        if not newline:
            return None
        try:
            header = _loads(head)
        except ValueError:
            return None
        expected = {"format": FORMAT, "kind": kind, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
        return body if header == expected else None

    def store(self, key: str, kind: str, value: Any) -> None:
        self._write(key, kind, [_dumps(value)])

    def store_blob(self, key: str, kind: str, value: Any, blob: bytes) -> None:
        """`value` (JSON) with `blob` (bytes, kept as they are: no JSON string to escape and decode)."""
        self._write(key, kind, [_dumps(value), b"\n", blob])

    def _write(self, key: str, kind: str, parts: list[bytes]) -> None:
        path = self._path(key)
        try:
            st: os.stat_result | None = os.lstat(path)
        except OSError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            return  # write_atomic would write through a FIFO or device in place: leave it alone
        if not self.folder.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            # keep the cache out of version control without asking the user to edit .gitignore
            (self.folder / ".gitignore").write_text("*\n", "utf-8")
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part)
        header = _dumps({"format": FORMAT, "kind": kind, "key": key, "sha256": digest.hexdigest()})
        write_atomic(path, [header, b"\n", *parts])
        self.counts[kind, "writes"] += 1


def _read_regular(path: Path, limit: int = MAX_ENTRY_BYTES, *, follow: bool = True) -> bytes | None:
    """A regular file's bytes, or None: a FIFO or device is neither waited on nor read (safefile).

    Cache entries are read with `follow=False`: recoupe never writes a link there, so a link in a
    restored or committed cache is a miss, and nothing outside the cache is opened through it.
    """
    try:
        return safefile.read_regular(path, limit, follow=follow)
    except safefile.Refused:
        return None
