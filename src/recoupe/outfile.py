"""Writing files: atomically through a temporary file beside the target, checked before any work,
with a failure reported as the write's (with its path), and temporary files of killed runs removed.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from recoupe.errors import InputError, Problem

# A temporary file is named after its target, the writing process and a random part; one whose
# process is gone (killed mid-write) is removed by the next write into its folder.
_TEMP = re.compile(r"^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$")
_LEGACY_TEMP = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")  # the names before the process was in them
STALE_AFTER = 24 * 3600  # a temporary file left by another host (its pid means nothing here)
PIPE_WAITS = 20  # times 50 ms: how long a named pipe may wait for its reader to open it
_cleaned: set[str] = set()  # folders already cleaned by this process: once each is enough


def write_failed(path: Path | str, e: OSError | str) -> InputError:
    """A write that failed, as a located problem: not a bug of recoupe, and with the path."""
    why = e if isinstance(e, str) else _reason(e)
    return InputError([Problem(str(path), None, None, "", f"cannot write: {why}", "write")])


def check_target(path: Path) -> None:
    """Raise what writing `path` would fail on, before any work: a folder, a missing folder, a
    read-only place, a name too long, or a named pipe that nobody reads (writing would wait forever).

    A real probe, not permission bits: root passes every access() test and still cannot create a
    file in /proc or on a read-only mount.
    """
    if "\x00" in str(path):
        raise write_failed(path, "the path contains a NUL character")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise write_failed(path, f"{path.parent} is not a folder") from None
    except OSError as e:
        raise write_failed(path, e) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise write_failed(path, "it is a folder")
    if st is not None and stat.S_ISFIFO(st.st_mode):
        _open_through(path).close()
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        return  # a device (/dev/null, a terminal): written through in place
    parent = path.parent
    if not parent.is_dir():
        raise write_failed(path, f"the folder {parent} does not exist")
    try:
        fd, tmp = _create_beside(path)
    except OSError as e:
        raise write_failed(path, e) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def write_atomic(path: Path, data: str | bytes | Iterable[bytes]) -> None:
    """Write to a temp file beside `path`, then rename: readers never see half a file.

    `data` may be an iterable of byte chunks, so a large report is written as it is made. A target
    that exists but is no regular file (/dev/null, a pipe) or is a symlink (/dev/stdout) is written
    through, in place: a rename would replace the device node or the link itself, not write to what
    it stands for. The file gets the mode a plain open() would give it (or the permissions of the
    file it replaces), not mkstemp's private 0600, so CI can upload it. A failure raises InputError
    naming the path.
    """
    chunks: Iterable[bytes]
    if isinstance(data, str):
        chunks = (data.encode("utf-8"),)
    elif isinstance(data, bytes):
        chunks = (data,)
    else:
        chunks = data
    try:
        st: os.stat_result | None = os.lstat(path)  # lstat: a symlink to a regular file is no regular file
    except FileNotFoundError:
        st = None
    except (OSError, ValueError) as e:
        raise write_failed(
            path, e if isinstance(e, OSError) else "the path contains a NUL character"
        ) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _open_through(path) as f:
            try:
                for chunk in chunks:
                    f.write(chunk)
            except OSError as e:
                raise write_failed(path, e) from None
        return
    try:
        if st is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(path.parent)
        fd, tmp = _create_beside(path)
    except OSError as e:
        raise write_failed(path, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
        if st is not None:  # keep the replaced file's permissions, but no setuid, setgid or sticky bit
            os.chmod(tmp, stat.S_IMODE(st.st_mode) & 0o777)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise write_failed(path, e) from None
        raise


def remove_stale(folder: Path) -> int:
    """Remove the temporary files that killed writers left in `folder` (once per process); how many.

    Only regular files named as our temporary files are, whose process is gone (or, for a name
    without a process or one from another host, that were last written a day ago or more).
    """
    key = os.fspath(folder)
    if key in _cleaned:
        return 0
    _cleaned.add(key)
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(".tmp")):
            continue
        m = _TEMP.match(name)
        if m is None and _LEGACY_TEMP.match(name) is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        gone = m is not None and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1)))
        if gone or now - st.st_mtime >= STALE_AFTER:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # (another user's process: alive; a number no pid can be: treated as alive)
    return True


def _open_through(path: Path) -> io.BufferedWriter:
    """Open a non-regular target for writing in place; a named pipe with no reader is refused
    rather than waited on (O_NONBLOCK makes that open fail at once, with ENXIO)."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(PIPE_WAITS + 1):
        try:
            fd = os.open(path, flags)
            break
        except OSError as e:
            if e.errno != errno.ENXIO:
                raise write_failed(path, e) from None
            if attempt == PIPE_WAITS:  # a reader that is about to open it has had a second to
                raise write_failed(path, "a named pipe (FIFO) that nobody reads: refused") from None
            time.sleep(0.05)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "wb")


def _create_beside(path: Path) -> tuple[int, str]:
    """Create a new temp file beside `path`, as a plain open() would: mode 0o666 less the umask.

    mkstemp makes 0600 files, and reading the umask means setting it (os.umask), which races with
    any thread creating a file meanwhile; letting the kernel apply it at creation does neither.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name beside {path}")  # pragma: no cover


def _reason(e: OSError) -> str:
    if e.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return e.strerror or type(e).__name__
