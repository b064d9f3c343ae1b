"""The compiled snapshot of the bundled data: the checked records, pickled when the wheel is built.

The JSON files stay the truth; the snapshot is a cache proved equal to them (as Babel ships
CLDR compiled, and zoneinfo reads what zic compiled). At wheel build, :func:`build` runs the
one loader (JSON, cattrs, every check) and pickles the records it returns, in two parts: the
kinds a first answer needs, and the deferred kinds (``RecordKind.deferred``: sources, events, ...), which a dataset unpickles on first access to
any of them. At run time, :func:`read` takes the snapshot only if everything about it matches:

- the file starts with this module's format mark and version;
- it was built by this version of the package, for record classes with the fields they have now;
- the digest of the JSON files each part was made from is the one recorded at build (an edited
  file, or a snapshot from another release, is never used);
- the digest of each pickled part is the one recorded (a corrupt part is never unpickled), and
  what it holds is records of the kinds it should hold.

Each part is checked when it is read: the first part against meta.json and the files of its
kinds, the deferred part (later, if ever) against the files of the deferred kinds.

Otherwise :func:`read` returns ``None`` and the caller loads the JSON; a deferred part that does
not match when it is needed is replaced by the JSON loader's records. A snapshot is only ever
read from the package's own data folder, never from a user's folder (``load(path)``).
"""

from __future__ import annotations

import enum
import importlib
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from . import _model, _version
from ._files import check
from ._kinds import KINDS, META_FILE, RecordKind
from .exceptions import DataError

try:  # the stdlib's C unpickler alone: pickle.py, its Python fallback, costs a first answer 1.5 ms more
    from _pickle import Unpickler
except ImportError:  # pragma: no cover - an interpreter without it
    from pickle import Unpickler

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

    from ._dataset import Dataset

FILE = "snapshot.pickle"
_MARK = b"eu-ca-partnership snapshot 2\n"
_DIGEST_SIZE = 8
_LENGTH_SIZE = 8
# After the mark, for the first part and then the deferred one: the digest of its model module's
# shapes, of the JSON files it was made from and of its pickle; then the length of the first
# part; then the two parts.
_HEADER_SIZE = len(_MARK) + 6 * _DIGEST_SIZE + _LENGTH_SIZE

#: Reads a file of a data folder by its name.
Read = Callable[[str], bytes]


def _digest(parts: Iterable[bytes | memoryview]) -> bytes:
    """A 64-bit check (CRC-32 and Adler-32) of the parts and their lengths, read one at a time.

    It detects a mismatch or a corrupt file, not an adversary: whoever can replace a file of the
    installed package can replace its code too. zlib costs nothing to import; hashlib loads OpenSSL.
    """
    crc, adler = 0, 1
    for part in parts:
        for chunk in (len(part).to_bytes(8, "big"), part):
            crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
    return crc.to_bytes(4, "big") + adler.to_bytes(4, "big")


def schema(deferred: bool) -> bytes:
    """The shape of the record classes of one part's model modules the code expects: each class's
    fields, in order (the modules of the kinds a first answer needs, or of the deferred kinds)."""
    lines = [_version.__version__]
    for module_name in dict.fromkeys(kind.module for kind in KINDS if kind.deferred is deferred):
        module = importlib.import_module(f"{__package__}.{module_name}")
        lines.append(module.__name__)
        lines += [
            f"{cls.__qualname__}({','.join(a.name for a in attrs.fields(cls))})"
            for name in module.__all__
            if attrs.has(cls := getattr(module, name))
        ]
    return "\n".join(lines).encode("utf-8")


def json_digest(read: Read, deferred: bool) -> bytes:
    """The digest of the data files one part is made from, names and bytes, in a fixed order:
    meta.json and the files of the kinds a first answer needs, or those of the deferred kinds.
    ``read`` reads a file by name."""
    names = [file for kind in _stored(deferred) for file, _ in kind.stored_in]
    if not deferred:
        names.insert(0, META_FILE)
    return _digest(part for name in names for part in (name.encode(), read(name)))


#: The modules whose record classes and enumerations a snapshot holds (the registry's), and the
#: other values it holds.
_RECORD_MODULES = frozenset(f"{__package__}.{kind.module}" for kind in KINDS)
_VALUES = frozenset(
    {("datetime", "date"), ("decimal", "Decimal"), ("eu_ca_partnership._dates", "PartialDate")}
)


class _AllowList(Unpickler):
    """An unpickler that makes nothing but records, their enumerations and the values they hold.

    The digests catch a corrupt or stale file, not a forged one; this is what keeps a forged
    pickle from calling anything (``os.system``, ``eval``, ...): every global it names must be a
    record class or an enumeration declared by a model module, ``datetime.date``, ``Decimal`` or
    ``PartialDate``. Anything else is a :class:`DataError`.
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _VALUES:
            return super().find_class(module, name)
        if module in _RECORD_MODULES and not name.startswith("_"):
            declared = sys.modules.get(module) or _import(module)
            found = getattr(declared, name, None) if name in declared.__all__ else None
            if isinstance(found, type) and (attrs.has(found) or issubclass(found, enum.Enum)):
                return found
        raise DataError([f"{FILE}: refers to {module}.{name}, which a snapshot never holds @ $"])


def _import(module: str) -> ModuleType:
    """A model module not imported yet (a deferred kind's, named by a first part): imported."""
    return importlib.import_module(module)


def unpickle(part: bytes | memoryview) -> Any:
    """What a part of the snapshot holds, made by the allow-list unpickler (:class:`DataError` otherwise)."""
    return _AllowList(io.BytesIO(part)).load()


def _stored(deferred: bool) -> list[RecordKind]:
    """The kinds stored in one part of the snapshot (a nested kind is stored in its parents)."""
    return [kind for kind in KINDS if kind.nested is None and kind.deferred is deferred]


def build(folder: Traversable) -> bytes:
    """The snapshot of the data folder ``folder``: loaded and checked by the loader, then pickled."""
    import pickle

    from ._loader import read

    data = read(folder)
    first = pickle.dumps(
        (data.meta, {kind.name: data.records(kind.name) for kind in _stored(False)}),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    deferred = pickle.dumps(
        {kind.name: data.records(kind.name) for kind in _stored(True)}, protocol=pickle.HIGHEST_PROTOCOL
    )

    for part in (first, deferred):  # a record holding a value the allow-list refuses fails the build
        unpickle(part)
    return b"".join(
        [
            _MARK,
            _digest([schema(deferred=False)]),
            json_digest(_reader(folder), deferred=False),
            _digest([first]),
            _digest([schema(deferred=True)]),
            json_digest(_reader(folder), deferred=True),
            _digest([deferred]),
            len(first).to_bytes(_LENGTH_SIZE, "big"),
            first,
            deferred,
        ]
    )


def bundled(name: str) -> bytes:
    """A file of the package's own data folder, read by the loader that imported this module (a zip's too).

    As ``pkgutil.get_data`` reads it, and ``importlib_resources`` would, without importing
    pkgutil, or zipfile, tempfile and pathlib, which cost a first answer a third of its budget.
    """
    loader: Any = __spec__.loader
    path = os.path.join(os.path.dirname(__file__), "data", name)
    check(name, path, absent_ok=True)  # never a FIFO or a device: one would block, the other never end
    return loader.get_data(path)  # type: ignore[no-any-return]


def _reader(folder: Traversable | None) -> Read:
    """What reads a file of ``folder`` (by default, the package's own data folder), checked first."""
    if folder is None:
        return bundled

    def read_file(name: str) -> bytes:
        target = folder.joinpath(name)
        if isinstance(target, os.PathLike):
            check(name, target, absent_ok=True)
        return target.read_bytes()

    return read_file


def read(folder: Traversable | None = None) -> Dataset | None:
    """The dataset of the snapshot, or ``None`` where there is none or it does not match the JSON.

    ``folder`` is a data folder holding a snapshot (for tests); by default, the package's own.
    """
    read_file = _reader(folder)
    try:
        snapshot = read_file(FILE)
        if not snapshot.startswith(_MARK) or len(snapshot) < _HEADER_SIZE:
            return None
        digests = [
            snapshot[at : at + _DIGEST_SIZE]
            for at in range(len(_MARK), _HEADER_SIZE - _LENGTH_SIZE, _DIGEST_SIZE)
        ]
        length = int.from_bytes(snapshot[_HEADER_SIZE - _LENGTH_SIZE : _HEADER_SIZE], "big")
        view = memoryview(snapshot)  # the parts, without copying them
        first, deferred = view[_HEADER_SIZE : _HEADER_SIZE + length], view[_HEADER_SIZE + length :]
        if digests[:3] != [
            _digest([schema(deferred=False)]),
            json_digest(read_file, deferred=False),
            _digest([first]),
        ]:
            return None
    except (OSError, KeyError):  # no snapshot (a checkout, an editable install), or a data file missing
        return None
    return _dataset(first, lambda: _deferred(deferred, digests[3:], read_file, folder))


def _fits(records: Any, kinds: list[RecordKind]) -> bool:
    """Whether unpickled records are those of ``kinds``, each of its kind's classes."""
    return (
        isinstance(records, dict)
        and list(records) == [kind.name for kind in kinds]
        and all(
            isinstance(rows, tuple) and all(type(row) in kind.classes for row in rows)
            for kind, rows in zip(kinds, records.values(), strict=True)
        )
    )


def _dataset(first: memoryview, deferred: Callable[[], Mapping[str, Any]]) -> Dataset | None:
    """The dataset of a checked first part; ``None`` if it cannot be made (the JSON will say why)."""
    from ._dataset import Dataset, Records, paused_collector

    try:
        with paused_collector():
            meta, records = unpickle(first)  # its digests checked by the caller
            if not isinstance(meta, _model.Meta) or not _fits(records, _stored(False)):
                return None
            return Dataset(meta=meta, records=Records(records, deferred=deferred))
    except DataError:  # a forged part: said, never answered from, nor silently replaced
        raise
    except Exception:  # a payload that digests well but does not fit this code: never an answer
        return None


def _deferred(
    part: memoryview, digests: list[bytes], read_file: Read, folder: Traversable | None
) -> Mapping[str, Any]:
    """The records of the deferred kinds: from their part of the snapshot if it matches, else from the JSON."""
    from ._dataset import paused_collector

    kinds = _stored(True)
    try:
        matches = digests == [
            _digest([schema(deferred=True)]),
            json_digest(read_file, deferred=True),
            _digest([part]),
        ]
    except (OSError, KeyError):  # a data file gone: the loader below says which
        matches = False
    if matches:
        try:
            with paused_collector():
                records = unpickle(part)  # its digest checked above
            if _fits(records, kinds):
                return records  # type: ignore[no-any-return]
        except DataError:  # a forged part: said, never answered from
            raise
        except Exception:  # a part that does not fit this code: the JSON below answers
            pass
    from ._loader import bundled_folder, read

    data = read(bundled_folder() if folder is None else folder)
    return {kind.name: data.records(kind.name) for kind in kinds}
