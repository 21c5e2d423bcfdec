"""A content-addressed cache of parsed and normalized claims files, under .recoupe_cache/.

The key of a source file is the hash of its bytes, the recoupe version and everything normalization
depends on (vocabularies, registries, slots, tolerances). The text a file pins is re-hashed on every
run, so an edited text is never served from the cache. Any entry that cannot be read back exactly
is dropped and rebuilt: the cache is never trusted over the files.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from recoupe import __version__
from recoupe.yamlio import write_atomic

_MAGIC = b"recoupe-cache-1\n"


class Cache:
    def __init__(self, folder: Path, salt: str = "") -> None:
        self.folder = folder
        self.salt = f"{__version__}\x00{salt}"
        self.hits = 0
        self.misses = 0
        self.writes = 0

    @staticmethod
    def fingerprint_files(paths: Iterable[Path], *extra: str) -> str:
        """What a normalization depends on, as one hash: file contents and settings."""
        h = hashlib.sha256()
        for p in sorted(paths):
            h.update(str(p).encode())
            try:
                h.update(p.read_bytes())
            except OSError:
                h.update(b"<missing>")
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
        return self.folder / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> Any | None:
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            if not blob.startswith(_MAGIC):
                raise ValueError("not a recoupe cache entry")
            value = pickle.loads(blob[len(_MAGIC) :])  # our own files, keyed by content hash
        except Exception:  # a corrupt or foreign entry: forget it and rebuild
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        self.hits += 1
        return value

    def store(self, key: str, value: Any) -> None:
        path = self._path(key)
        if not self.folder.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            # keep the cache out of version control without asking the user to edit .gitignore
            (self.folder / ".gitignore").write_text("*\n", "utf-8")
        write_atomic(path, _MAGIC + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self.writes += 1
