"""Reading and writing files with bounded cost and no surprises.

Reads check the size with ``fstat`` before reading and then read at most one
byte past the limit, so a 3 GB file, a symlink to ``/dev/zero`` or a FIFO is
refused at once instead of filling memory or blocking.  Writes go through a
temp file and a rename, honour the umask, write straight into a device such
as ``/dev/null`` (never replacing it), write through a symlink to its target
(never replacing the link), and remove their temp file on any interruption.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from .errors import Problem, UserError


def _size_error(name: str, size: int | None, limit: int, what: str) -> UserError:
    """``size`` None: the data went past the limit while being read (a pipe, or a file still growing)."""
    size_text = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return UserError(Problem(name, 0, 0, f"{what} is {size_text}; the limit is {limit:,} bytes"))


def read_capped(path: str | os.PathLike[str], limit: int, *, name: str | None = None, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, refused before reading when larger than ``limit``."""
    name = name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise UserError(Problem(name, 0, 0, f"cannot read {what}: {getattr(exc, 'strerror', None) or exc}")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise UserError(Problem(name, 0, 0, f"cannot read {what}: {kind}"))
        if info.st_size > limit:
            raise _size_error(name, info.st_size, limit, what)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while we read
            raise _size_error(name, None, limit, what)
        return b"".join(chunks)
    except OSError as exc:
        raise UserError(Problem(name, 0, 0, f"cannot read {what}: {exc.strerror or exc}")) from None
    finally:
        os.close(fd)


def read_stdin(limit: int) -> bytes:
    """Standard input, refused as soon as it passes ``limit`` bytes."""
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise UserError(Problem("<stdin>", 0, 0, "cannot read: standard input is closed"))
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _size_error("<stdin>", None, limit, "input")
    return data


def write_stdout(data: bytes) -> None:
    """``data`` to standard output; a full disk, a closed stdout or a closed pipe is a user error."""
    try:
        if sys.stdout is None:
            raise OSError(9, "standard output is closed")
        sys.stdout.flush()
        fd = sys.stdout.fileno()
        view = memoryview(data)
        while view:  # os.write, not the buffered writer: that reports a write cut short by a closed pipe as success
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise UserError(Problem("-o -", 0, 0, f"cannot write to standard output: {exc.strerror or exc}")) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file and rename: never a half-written file.

    A device or FIFO (``/dev/null``, ``/dev/stdout``) is written directly; a
    symlink is followed, so the link stays and its target is replaced.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise UserError(Problem(str(path), 0, 0, f"cannot write: {exc.strerror or exc}")) from None
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except (OSError, ValueError) as exc:
        raise UserError(Problem(str(path), 0, 0, f"cannot write: {getattr(exc, 'strerror', None) or exc}")) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise UserError(Problem(str(path), 0, 0, f"cannot write: {exc.strerror or exc}")) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
