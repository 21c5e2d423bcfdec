"""Reading files a pull request may have written: regular files only, never blocking, bounded in
size, and (for what a corpus names) confined to the corpus folder after following symlinks.

A claims repository is untrusted input. A FIFO would block an ordinary open() forever, /dev/zero
reports a size of 0 and then never ends, and a symlink or a `../..` can point anywhere on the CI
runner (/proc/self/environ holds its tokens). Every reader goes through here.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

# O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer that never comes; a regular
# file ignores the flag. O_NOCTTY: a terminal named as a file must not become our controlling one.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of each kind of input recoupe reads before refusing it with a located error."""

    file_bytes: int = 64 * 1024 * 1024  # a claims, config, vocabulary, rules or baseline file
    text_bytes: int = 64 * 1024 * 1024  # a source's text
    line_bytes: int = 1024 * 1024  # one line of a JSON Lines file
    depth: int = 100  # nesting of lists and mappings in YAML, JSON and JSON Lines
    claims_per_file: int = 100_000  # claims in one YAML or JSON source file (held whole in memory)
    string_chars: int = 100_000  # one string value


# The limits in force: set once from the settings (config.load_settings), read by every reader. A
# module value rather than a parameter, as the readers sit many calls below any command.
current = Limits()


def set_limits(limits: Limits) -> None:
    global current
    current = limits


class Refused(Exception):
    """A file that is not read: why, worded for the user, and a problem kind."""

    def __init__(self, reason: str, kind: str = "io") -> None:
        self.reason = reason
        self.kind = kind
        super().__init__(reason)


def describe(mode: int) -> str:
    """What a file that is not a regular file is, for the message refusing it."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path | str, limit: int, *, follow: bool = True) -> bytes:
    """The whole of a regular file of at most `limit` bytes; Refused otherwise. Never blocks.

    The size is checked on the open file and again while reading: stat says 0 for /dev/zero, and a
    file may grow after it was measured. With `follow=False` a symbolic link is refused, not opened.
    """
    try:
        fd = os.open(path, _FLAGS if follow else _FLAGS | os.O_NOFOLLOW)
    except ValueError:  # a NUL in the path
        raise Refused("the path contains a NUL character") from None
    except OSError as e:
        raise Refused(_reason(e), "missing" if isinstance(e, FileNotFoundError) else "io") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "folder" if stat.S_ISDIR(st.st_mode) else "special-file"
            raise Refused(f"{describe(st.st_mode)}, not a regular file: refused", kind)
        if st.st_size > limit:
            raise Refused(f"file is larger than {_size(limit)}", "size")
        # one read for the common case (a third cheaper per text than a buffered read to the end)
        data = os.read(fd, st.st_size + 1)
        if len(data) == st.st_size:
            return data
        chunks = [data]
        got = len(data)
        while got <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            got += len(chunk)
        raise Refused(f"file is larger than {_size(limit)}", "size")
    except OSError as e:
        raise Refused(_reason(e)) from None
    finally:
        os.close(fd)


def open_regular(path: Path | str) -> int:
    """A descriptor of a regular file, for reading as a stream (JSON Lines); Refused otherwise."""
    try:
        fd = os.open(path, _FLAGS)
    except ValueError:
        raise Refused("the path contains a NUL character") from None
    except OSError as e:
        raise Refused(_reason(e), "missing" if isinstance(e, FileNotFoundError) else "io") from None
    try:
        st = os.fstat(fd)
    except OSError as e:  # pragma: no cover - fstat of a descriptor just opened
        os.close(fd)
        raise Refused(_reason(e)) from None
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise Refused(f"{describe(st.st_mode)}, not a regular file: refused", "special-file")
    os.set_blocking(fd, True)
    return fd


def resolve(path: Path) -> Path:
    """`path` with every symlink followed; Refused when it does not exist or loops."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except ValueError:
        raise Refused("the path contains a NUL character") from None
    except OSError as e:
        raise Refused(_reason(e), "missing" if isinstance(e, FileNotFoundError) else "io") from None


def confine(path: Path, roots: tuple[Path, ...]) -> Path:
    """`path` resolved, if it lies inside one of `roots` (resolved folders); Refused otherwise.

    No byte of a refused file is read: a pull request cannot make recoupe read outside the corpus.
    """
    real = resolve(path)
    if any(real == root or real.is_relative_to(root) for root in roots):
        return real
    where = " or ".join(str(r) for r in roots) or "the corpus folder"
    raise Refused(f"it resolves to {real}, outside the corpus folder ({where}): refused", "outside")


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def _reason(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symlink loop"
    return e.strerror or type(e).__name__


def _size(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 and n % 2**20 == 0 else f"{n:,} bytes"
