"""The dataset as flat tables: one row per record, one column per value.

The CSV and Data Package exports and :func:`to_dataframe` share these tables, so a column
means the same everywhere:

- a partial date ``x`` is the column ``x``, as precise as its source (``"2024-09"``), plus
  ``x_earliest`` and ``x_latest``, the first and last day it may denote;
- an amount of money ``x`` is ``x_amount`` (a :class:`~decimal.Decimal`) and ``x_currency``;
- an enum is its value (``"trade-preference"``);
- a tuple of ids, codes, names or enum values is a list;
- ``field_notes`` keep the JSON form of the data files (a list of objects);
- the editions of the Civil Society Forum are their own table, ``forum_editions``, with the
  id of their forum in the column ``forum``.

Nothing is added that the records do not hold: ``*_earliest`` and ``*_latest`` only spell out
what a partial date means.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ._dataset import Dataset
from ._dates import PARTIAL_DATE_PATTERN, PartialDate
from ._kinds import BY_NAME, KINDS, META_CLASS, RecordKind, kind_of, references
from ._model import Money
from ._render import plain
from .exceptions import InvalidChoiceError, quoted


@attrs.frozen(kw_only=True)
class Column:
    """One column of a flat table, with its Frictionless Data type and how to read it off a row."""

    name: str
    type: str
    """``string``, ``integer``, ``boolean``, ``date``, ``number``, ``list`` (of strings) or ``array`` (JSON)."""
    required: bool
    get: Callable[[Any], Any] = attrs.field(repr=False, eq=False)
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True)
class TableSpec:
    """A flat table of the dataset: its columns, keys and rows."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]
    """``(column, table, column of that table)``."""
    rows: Callable[[Dataset], tuple[Any, ...]] = attrs.field(repr=False, eq=False)
    classes: tuple[type, ...] = attrs.field(repr=False)


def _plain(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None`` and whether ``None`` was allowed."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no flat column for the union {hint!r}")
        return args[0], True
    return hint, False


def regex_of(validator: Any) -> str | None:
    """The regular expression a single value must fully match, if its rule says so."""
    regex = getattr(validator, "regex", None)
    return regex if isinstance(regex, str) and not getattr(validator, "each", False) else None


def _field_columns(
    cls: type, attribute: attrs.Attribute[Any], hint: Any, record_of: Callable[[Any], Any]
) -> list[Column]:
    name = attribute.name
    inner, optional = _plain(hint)
    # A cell is required when the record always has a value: not optional, and for a tuple not empty.
    no_default = attribute.default is attrs.NOTHING
    required = not optional and (no_default or typing.get_origin(inner) is not tuple)

    def raw(row: Any) -> Any:
        return plain(getattr(record_of(row), name, None))

    if inner is PartialDate:

        def bound(which: str) -> Callable[[Any], dt.date | None]:
            def get(row: Any) -> dt.date | None:
                value = getattr(record_of(row), name, None)
                return None if value is None else getattr(value, which)()

            return get

        return [
            Column(
                name=name,
                type="string",
                required=required,
                get=raw,
                pattern=PARTIAL_DATE_PATTERN,
                description="A date as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD.",
            ),
            Column(
                name=f"{name}_earliest",
                type="date",
                required=required,
                get=bound("earliest"),
                description=f"The first day that {name} may denote.",
            ),
            Column(
                name=f"{name}_latest",
                type="date",
                required=required,
                get=bound("latest"),
                description=f"The last day that {name} may denote.",
            ),
        ]
    if inner is Money:

        def part(which: str) -> Callable[[Any], Any]:
            def get(row: Any) -> Any:
                value = getattr(record_of(row), name, None)
                return None if value is None else getattr(value, which)

            return get

        return [
            Column(name=f"{name}_amount", type="number", required=required, get=part("amount")),
            Column(
                name=f"{name}_currency",
                type="string",
                required=required,
                get=part("currency"),
                pattern="[A-Z]{3}",
                description="An ISO 4217 currency code.",
            ),
        ]
    simple = {str: "string", int: "integer", bool: "boolean", dt.date: "date", Decimal: "number"}
    if inner in simple:
        return [
            Column(
                name=name,
                type=simple[inner],
                required=required,
                get=raw,
                pattern=regex_of(attribute.validator),
            )
        ]
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        values = tuple(member.value for member in inner)
        return [Column(name=name, type="string", required=required, get=raw, enum=values)]
    if typing.get_origin(inner) is tuple:
        item = typing.get_args(inner)[0]
        if attrs.has(item):
            description = "The field notes of the record, as the JSON data files hold them."
            return [Column(name=name, type="array", required=False, get=raw, description=description)]
        return [Column(name=name, type="list", required=required, get=raw)]
    raise TypeError(f"no flat column for {cls.__name__}.{name} of type {hint!r}")  # pragma: no cover


def _columns(
    classes: Sequence[type],
    *,
    skip: Iterable[str] = (),
    record_of: Callable[[Any], Any] = lambda row: row,
) -> tuple[Column, ...]:
    """The columns of the fields of ``classes`` (a base class and its subclasses), in field order."""
    per_class: list[dict[str, Column]] = []
    for cls in classes:
        hints = typing.get_type_hints(cls)
        columns: dict[str, Column] = {}
        for attribute in attrs.fields(cls):
            if attribute.name in skip:
                continue
            for column in _field_columns(cls, attribute, hints[attribute.name], record_of):
                columns[column.name] = column
        per_class.append(columns)
    merged: dict[str, Column] = {}
    for columns in per_class:
        for name, column in columns.items():
            if name not in merged:
                required = all(name in c and c[name].required for c in per_class)
                merged[name] = attrs.evolve(column, required=required)
    return tuple(merged.values())


def _spec(kind: RecordKind) -> TableSpec:
    """The flat table of a kind: a column per value, its id as the key, its references as foreign keys."""
    held = {other.nested.field for other in KINDS if other.nested and other.nested.parent == kind.name}
    if kind.nested is None:
        columns = _columns(kind.classes, skip=held)
        key: tuple[str, ...] = (kind.id_field,) if kind.id_field else ()

        def rows(data: Dataset) -> tuple[Any, ...]:
            return data.records(kind.name)

    else:
        nested = kind.nested
        parent = BY_NAME[nested.parent]
        parent_column = Column(
            name=nested.key,
            type="string",
            required=True,
            get=lambda row: row[0],
            description=f"The id of the {parent.singular} that holds it.",
        )
        columns = (parent_column, *_columns(kind.classes, skip=held, record_of=lambda row: row[1]))
        key = nested.primary_key

        def rows(data: Dataset) -> tuple[Any, ...]:
            return tuple(_children(kind, data))

    types = {column.name: column.type for column in columns}
    foreign_keys = tuple(
        (name, ref.kind, BY_NAME[ref.kind].id_field or "")
        for name, ref in references(kind.record_class).items()
        if types.get(name) == "string"  # a list of ids (sources, countries) is a list cell, not a key
    )
    if kind.nested is not None:
        parent = BY_NAME[kind.nested.parent]
        foreign_keys = ((kind.nested.key, parent.name, parent.id_field or ""), *foreign_keys)
    return TableSpec(
        name=kind.name,
        title=kind.title,
        description=kind.description,
        columns=columns,
        primary_key=key,
        foreign_keys=foreign_keys,
        rows=rows,
        classes=kind.classes,
    )


def _children(kind: RecordKind, data: Dataset) -> Iterable[tuple[str, Any]]:
    """The records of a nested kind, each with the id of the record that holds it."""
    assert kind.nested is not None
    parent = BY_NAME[kind.nested.parent]
    for record in data.records(parent.name):
        for child in getattr(record, kind.nested.field, ()):
            yield getattr(record, parent.id_field or ""), child


#: Every flat table, one per kind, in the registry's order.
TABLES: dict[str, TableSpec] = {kind.name: _spec(kind) for kind in KINDS}

#: The one-row table of facts about the dataset itself (exports only).
META_TABLE = TableSpec(
    name="meta",
    title="Meta",
    description=" ".join((META_CLASS.__doc__ or "").split()),
    columns=_columns([META_CLASS]),
    primary_key=(),
    foreign_keys=(),
    rows=lambda d: (d.meta,),
    classes=(META_CLASS,),
)


def table_spec(name: object) -> TableSpec:
    """The table called ``name`` (``"dialogue_rounds"``, ``"dialogue-rounds"`` and ``"Dialogue rounds"`` alike).

    >>> [c.name for c in table_spec("forum-editions").columns][:4]
    ['forum', 'number', 'start', 'start_earliest']
    >>> table_spec("parties")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidChoiceError: table='parties' is not a table of the dataset; accepted: 'countries', 'instruments', ...
    """
    if not isinstance(name, str):
        raise TypeError(f"a table is named by a str, got {type(name).__name__}")
    key = "_".join(name.strip().lower().replace("-", " ").replace("_", " ").split())
    if key in TABLES:
        return TABLES[key]
    accepted = ", ".join(repr(table) for table in TABLES)
    raise InvalidChoiceError(f"table={quoted(name)} is not a table of the dataset; accepted: {accepted}")


def spec_for_records(records: Iterable[Any], data: Dataset) -> tuple[TableSpec | None, tuple[Any, ...]]:
    """The table that records of one kind belong to (``None`` for no records), and their rows.

    A nested record's row carries the id of the record holding it in ``data`` (``None`` if not there).
    """
    records = tuple(records)
    kinds: dict[str, RecordKind] = {}
    for record in records:
        kind = kind_of(record)
        if kind is None:
            raise TypeError(
                "a table row must be a record of the dataset (Country, Instrument, Participation, ...), "
                f"got {type(record).__name__}"
            )
        kinds[kind.name] = kind
    if len(kinds) > 1:
        raise TypeError(f"records of one table only, got records of {', '.join(sorted(kinds))}")
    if not kinds:
        return None, ()
    (kind,) = kinds.values()
    spec = TABLES[kind.name]
    if kind.nested is None:
        return spec, records
    holder = {child: key for key, child in _children(kind, data)}
    return spec, tuple((holder.get(record), record) for record in records)
