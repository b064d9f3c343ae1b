"""Reading a data folder: strict structuring of each file, then the checks that span records.

What is read and checked comes from the registry of kinds (:mod:`._kinds`). Everything wrong
with the data is reported as a :class:`DataError` naming the file and the JSON path of the
offending field; every problem is listed, not only the first (up to :data:`MAX_PROBLEMS` in a
file: a file of junk stops being read there). A data file is checked before it is read: a
regular file of at most :data:`MAX_FILE_SIZE` bytes.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import pathlib
import typing
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from importlib_resources.abc import Traversable

from ._checks import Located
from ._codec import structure
from ._dataset import Dataset, paused_collector
from ._dates import PartialDate
from ._files import MAX_FILE_SIZE, read_file
from ._kinds import BY_NAME, KINDS, META_CLASS, META_FILE, references
from ._model import FieldNote, Meta
from .exceptions import DataError

__all__ = ["MAX_FILE_SIZE", "MAX_PROBLEMS", "load"]

#: The most problems one :class:`DataError` collects from a file; past them, reading stops.
MAX_PROBLEMS = 100


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """The bundled data, or a dataset of the same shape from the folder ``path``, checked.

    >>> data = load()
    >>> len(data.countries)
    5
    >>> load("/nonexistent")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.DataError: invalid data (1 problem(s)):
      meta.json: file missing @ $
    """
    if path is not None and not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str or a path to a data folder, got {type(path).__name__}")
    return read(bundled_folder() if path is None else pathlib.Path(os.fspath(path)))


def bundled_folder() -> Traversable:
    """The data folder inside the installed package (a zip member when imported from a zip)."""
    import importlib_resources

    return importlib_resources.files("eu_ca_partnership").joinpath("data")


def read(root: Traversable) -> Dataset:
    """Read and check every data file of the folder ``root``."""
    with paused_collector():
        return _read(root)


def _read(root: Traversable) -> Dataset:
    meta: Meta = structure(read_json(root, META_FILE), META_CLASS, META_FILE)
    located = _located(root)
    problems = list(itertools.islice(_problems(meta, located), MAX_PROBLEMS + 1))
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [
            f"data folder: stopped after {MAX_PROBLEMS} problems; no more were looked for @ $"
        ]
    if problems:
        raise DataError(problems)
    return Dataset(
        meta=meta,
        records={kind.name: [row.record for row in located[kind.name]] for kind in KINDS if not kind.nested},
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    unique = dict(pairs)
    if len(unique) != len(pairs):
        duplicated = sorted(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)
        raise ValueError(f"duplicate key(s) {duplicated} in one object")
    return unique


def read_json(root: Traversable, name: str) -> Any:
    """The parsed content of one data file; duplicate keys, NaN and non-UTF-8 text are refused.

    The file must be a regular file of at most :data:`MAX_FILE_SIZE` bytes, checked before it is read.
    """
    content = read_file(root, name)
    try:
        return json.loads(
            content.decode("utf-8"), object_pairs_hook=_unique_keys, parse_constant=_reject_constant
        )
    except UnicodeDecodeError as error:
        raise DataError([f"{name}: not UTF-8 ({error.reason} at byte {error.start}) @ $"]) from None
    except json.JSONDecodeError as error:
        raise DataError(
            [f"{name}: not valid JSON ({error.msg}, line {error.lineno} column {error.colno}) @ $"]
        ) from None
    except ValueError as error:
        raise DataError([f"{name}: {error} @ $"]) from None
    except RecursionError:
        raise DataError([f"{name}: not valid JSON (nested too deeply) @ $"]) from None


def _records(raw: Any, cls: type, file: str) -> list[Any]:
    """The records of one file, each structured on its own; at most :data:`MAX_PROBLEMS` problems kept.

    A file of junk records costs the problems it reports, not one failure per record.
    """
    if not isinstance(raw, list):
        structure(raw, list[cls], file)  # type: ignore[valid-type] # says it is not a JSON array
    rows: list[Any] = []
    problems: list[str] = []
    for index, row in enumerate(raw):
        try:
            rows.append(structure(row, cls, file, f"$[{index}]"))
        except DataError as error:
            problems += error.errors
            if len(problems) >= MAX_PROBLEMS:
                problems = problems[:MAX_PROBLEMS]
                if index < len(raw) - 1:
                    problems.append(
                        f"{file}: stopped after {MAX_PROBLEMS} problems; the rest of the file was not checked @ $"
                    )
                break
    if problems:
        raise DataError(problems)
    return rows


def _located(root: Traversable) -> dict[str, list[Located]]:
    """Every record of every kind with its file and path; nested kinds gathered from their parents."""
    located: dict[str, list[Located]] = {kind.name: [] for kind in KINDS}
    for kind in KINDS:
        for file, cls in kind.files:
            rows = _records(read_json(root, file), cls, file)
            located[kind.name] += [Located(file, f"$[{index}]", row) for index, row in enumerate(rows)]
    for kind in KINDS:
        if kind.nested is not None:
            for parent in located[kind.nested.parent]:
                children = getattr(parent.record, kind.nested.field, ())
                located[kind.name] += [
                    Located(parent.file, f"{parent.path}.{kind.nested.field}[{index}]", child, parent.record)
                    for index, child in enumerate(children)
                ]
    return located


def _problems(meta: Meta, located: dict[str, list[Located]]) -> Iterator[str]:
    """Everything one file cannot show: unique ids, references, order, and each kind's own checks."""
    if meta.coverage_start > meta.data_as_of:
        yield f"{META_FILE}: coverage_start is after data_as_of @ $.coverage_start"
    ids: dict[str, dict[str, Any]] = defaultdict(dict)
    first_seen: dict[str, Located] = {}
    for kind in KINDS:
        id_field = kind.id_field
        if id_field is None:
            continue
        for row in located[kind.name]:
            key = getattr(row.record, id_field)
            ids[kind.name][key] = row.record
            other = first_seen.setdefault(key, row)
            if other is not row:
                yield (
                    f"{row.file}: duplicate id {key!r}, already the id of the record at "
                    f"{other.file} {other.path} @ {row.path}.{id_field}"
                )
    for kind in KINDS:
        if kind.nested is None:
            for row in located[kind.name]:
                yield from _check_record(row.file, row.path, row.record, ids)
    for kind in KINDS:
        for check in kind.checks:
            yield from check(located[kind.name], ids, meta)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(attribute.name for attribute in attrs.fields(cls))


def _holds_records(hint: Any) -> bool:
    return (isinstance(hint, type) and attrs.has(hint)) or any(
        _holds_records(a) for a in typing.get_args(hint)
    )


@functools.cache
def _record_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold records (field notes, claims, editions, money)."""
    return tuple(name for name, hint in typing.get_type_hints(cls).items() if _holds_records(hint))


def _check_record(file: str, where: str, record: Any, ids: Mapping[str, Mapping[str, Any]]) -> Iterator[str]:
    """A record's references, its dates' order and its field notes; then the records it holds."""
    cls: type = type(record)
    for name, ref in references(cls).items():
        value = getattr(record, name)
        values = value if isinstance(value, tuple) else (value,)
        for index, target_id in enumerate(values):
            if target_id is None:
                continue
            target = ids.get(ref.kind, {}).get(target_id)
            if target is None or (ref.accepts is not None and not ref.accepts(target)):
                path = f"{where}.{name}" + (f"[{index}]" if isinstance(value, tuple) else "")
                noun = ref.described.removeprefix("a ") if ref.described else BY_NAME[ref.kind].singular
                yield f"{file}: unknown {noun} {target_id!r} @ {path}"
    for key in ("start", "date"):
        begin, end = getattr(record, key, None), getattr(record, "end", None)
        if (
            isinstance(begin, PartialDate)
            and isinstance(end, PartialDate)
            and end.latest() < begin.earliest()
        ):
            yield f"{file}: end {end} is before {key} {begin} @ {where}.end"
    for name in _record_fields(cls):
        value = getattr(record, name)
        for index, part in enumerate(value if isinstance(value, tuple) else (value,)):
            if part is None:
                continue
            path = f"{where}.{name}" + (f"[{index}]" if isinstance(value, tuple) else "")
            if isinstance(part, FieldNote) and part.field not in _field_names(cls):
                yield f"{file}: {part.field!r} is not a field of {cls.__name__} @ {path}.field"
            yield from _check_record(file, path, part, ids)
