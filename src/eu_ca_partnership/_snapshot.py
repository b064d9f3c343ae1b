"""The compiled snapshot of the bundled data: the checked records, pickled when the wheel is built.

The JSON files stay the truth; the snapshot is a cache proved equal to them (as Babel ships
CLDR compiled, and zoneinfo reads what zic compiled). At wheel build, :func:`build` runs the
one loader (JSON, cattrs, every check) and pickles the records it returns. At run time,
:func:`read` takes the snapshot only if everything about it matches:

- the file starts with this module's format mark and version;
- it was built by this version of the package, for records with the fields they have now;
- the digest of the JSON files beside it is the one recorded at build (an edited file, or a
  snapshot from another release, is never used);
- the digest of the pickled payload is the one recorded (a corrupt file is never unpickled).

Otherwise :func:`read` returns ``None`` and the caller loads the JSON. A snapshot is only ever
read from the package's own data folder, never from a user's folder (``load(path)``).
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from . import _version
from ._kinds import KINDS, META_FILE, data_files

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

    from ._dataset import Dataset

FILE = "snapshot.pickle"
_MARK = b"eu-ca-partnership snapshot 1\n"
_DIGEST_SIZE = 8

#: Reads a file of a data folder by its name.
Read = Callable[[str], bytes]


def _digest(*parts: bytes) -> bytes:
    """A 64-bit check (CRC-32 and Adler-32) of the parts and their lengths.

    It detects a mismatch or a corrupt file, not an adversary: whoever can replace a file of the
    installed package can replace its code too. zlib costs nothing to import; hashlib loads OpenSSL.
    """
    crc, adler = 0, 1
    for part in parts:
        for chunk in (len(part).to_bytes(8, "big"), part):
            crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
    return crc.to_bytes(4, "big") + adler.to_bytes(4, "big")


def schema() -> bytes:
    """The shape of the records the code expects: each kind's classes and their fields, in order."""
    shapes = [
        f"{kind.name}:{cls.__module__}.{cls.__qualname__}({','.join(a.name for a in attrs.fields(cls))})"
        for kind in KINDS
        for cls in kind.classes
    ]
    return "\n".join([_version.__version__, *shapes]).encode("utf-8")


def json_digest(read: Read) -> bytes:
    """The digest of every data file, names and bytes, in a fixed order; ``read`` reads one by name."""
    names = [META_FILE, *data_files()]
    return _digest(*(part for name in names for part in (name.encode(), read(name))))


def build(folder: Traversable) -> bytes:
    """The snapshot of the data folder ``folder``: loaded and checked by the loader, then pickled."""
    from ._loader import read

    data = read(folder)
    payload = pickle.dumps(
        (data.meta, {kind.name: data.records(kind.name) for kind in KINDS if kind.nested is None}),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    files = json_digest(lambda name: folder.joinpath(name).read_bytes())
    return _MARK + _digest(schema()) + files + _digest(payload) + payload


def bundled(name: str) -> bytes:
    """A file of the package's own data folder, read through the package's loader (a zip too).

    ``pkgutil.get_data`` reads it as ``importlib_resources`` would, without importing zipfile,
    tempfile and pathlib, which cost a third of a first answer's budget.
    """
    import pkgutil

    found = pkgutil.get_data("eu_ca_partnership", f"data/{name}")
    if found is None:  # pragma: no cover - every loader that imports this package reads data
        raise FileNotFoundError(name)
    return found


def read(read_file: Read = bundled) -> Dataset | None:
    """The dataset of the snapshot, or ``None`` where there is none or it does not match the JSON.

    ``read_file`` reads a file of the data folder by name: the package's own by default.
    """
    try:
        snapshot = read_file(FILE)
        start = len(_MARK)
        header = [snapshot[start + i * _DIGEST_SIZE : start + (i + 1) * _DIGEST_SIZE] for i in range(3)]
        payload = snapshot[start + 3 * _DIGEST_SIZE :]
        if (
            not snapshot.startswith(_MARK)
            or header[0] != _digest(schema())
            or header[2] != _digest(payload)
            or header[1] != json_digest(read_file)
        ):
            return None
    except (OSError, KeyError):  # no snapshot (a checkout, an editable install), or a data file missing
        return None
    return _dataset(payload)


def _dataset(payload: bytes) -> Dataset | None:
    """The dataset of a checked payload; ``None`` if it cannot be made (the JSON will say why)."""
    from ._dataset import Dataset, paused_collector

    try:
        with paused_collector():
            meta, records = pickle.loads(payload)  # our own file, its digests checked by the caller
            return Dataset(meta=meta, records=records)
    except Exception:  # a payload that digests well but does not fit this code: never an answer
        return None
