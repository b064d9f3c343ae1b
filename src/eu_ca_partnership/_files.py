"""Reading one file of a data folder: a regular file of bounded size, or a :class:`DataError`.

The loader reads the data files through :func:`read_file`, and the snapshot reads itself and
the files it was made from through :func:`check`. A file is looked at (``stat``) before it is
read, so that a FIFO or a device is never opened, and a file too large is never read.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from .exceptions import DataError

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = ["MAX_FILE_SIZE", "check", "read_file", "unreadable"]

#: The largest data file the loader reads, in bytes: 16 MiB, over thirty times the largest
#: bundled file. A larger file is refused before it is read.
MAX_FILE_SIZE = 16 * 1024 * 1024

_KINDS_OF_FILE = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def unreadable(name: str, error: OSError) -> DataError:
    """The :class:`DataError` for a file the system would not read (its reason, not its whole path)."""
    if isinstance(error, FileNotFoundError):
        return DataError([f"{name}: file missing @ $"])
    reason = error.strerror or type(error).__name__
    if isinstance(error, NotADirectoryError):
        reason += ": the data folder given is not a folder, or a part of its path is a file"
    return DataError([f"{name}: cannot be read ({reason}) @ $"])


def check(name: str, path: str | os.PathLike[str], *, absent_ok: bool = False) -> int:
    """The size of the regular file at ``path``; a :class:`DataError` naming ``name`` otherwise.

    With ``absent_ok``, a path that is not there (or is inside a zip) is left to the reader: -1.
    """
    try:
        found = os.stat(path)
    except OSError as error:
        if absent_ok and isinstance(error, FileNotFoundError | NotADirectoryError):
            return -1
        raise unreadable(name, error) from None
    except ValueError:  # a path no file can have: "embedded null byte"
        raise DataError(
            [f"{name}: cannot be read (the path of its folder holds a null character) @ $"]
        ) from None
    if not stat.S_ISREG(found.st_mode):
        what = next((said for test, said in _KINDS_OF_FILE if test(found.st_mode)), "not a file")
        raise DataError([f"{name}: not a regular file ({what}) @ $"])
    if found.st_size > MAX_FILE_SIZE:
        raise DataError(
            [f"{name}: {found.st_size} bytes, more than a data file may hold ({MAX_FILE_SIZE}) @ $"]
        )
    return found.st_size


def read_file(root: Traversable, name: str) -> bytes:
    """The bytes of the file ``name`` of the data folder ``root``, checked before it is read.

    A folder on disk is checked with ``stat``; a folder inside a zip (an import from a zip) holds
    what the zip holds, and is read as it is.
    """
    target = root.joinpath(name)
    if not isinstance(target, os.PathLike):  # a zip member: no FIFO, no device, no loop
        try:
            return target.read_bytes()
        except OSError as error:
            raise unreadable(name, error) from None
    check(name, target)
    try:
        with open(target, "rb") as file:
            content = file.read(MAX_FILE_SIZE + 1)  # the file may have grown since it was checked
    except OSError as error:
        raise unreadable(name, error) from None
    if len(content) > MAX_FILE_SIZE:
        raise DataError([f"{name}: more than a data file may hold ({MAX_FILE_SIZE} bytes) @ $"])
    return content
