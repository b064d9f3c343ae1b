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
import re
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ._dataset import Dataset
from ._dates import PartialDate
from ._model import (
    Challenge,
    Country,
    DialogueRound,
    Envoy,
    Event,
    Facility,
    Forum,
    ForumEdition,
    Instrument,
    Mechanism,
    Meta,
    Money,
    Participation,
    Pillar,
    Source,
    Topic,
)
from .exceptions import InvalidChoiceError, quoted

#: The pattern of a partial date as the data writes it (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
PARTIAL_DATE_PATTERN = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"


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
    """The regular expression a field must fully match, if an attrs ``matches_re`` validator says so."""
    for inner in getattr(validator, "_validators", ()):  # attrs.validators.and_
        found = regex_of(inner)
        if found is not None:
            return found
    pattern = getattr(validator, "pattern", None)
    return pattern.pattern if isinstance(pattern, re.Pattern) else None


def _converter() -> Any:
    from ._loader import json_converter

    return json_converter()


def _value(value: Any) -> Any:
    """A record's value as a flat cell: enums as values, tuples as lists, field notes as JSON."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        if value and attrs.has(type(value[0])):
            return [_converter().unstructure(item) for item in value]
        return [_value(item) for item in value]
    return value


def _field_columns(
    cls: type, attribute: attrs.Attribute[Any], hint: Any, record_of: Callable[[Any], Any]
) -> list[Column]:
    name = attribute.name
    inner, optional = _plain(hint)
    # A cell is required when the record always has a value: not optional, and for a tuple not empty.
    no_default = attribute.default is attrs.NOTHING
    required = not optional and (no_default or typing.get_origin(inner) is not tuple)

    def raw(row: Any) -> Any:
        return _value(getattr(record_of(row), name, None))

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


def _doc(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).strip().split("\n\n")[0].replace("\n", " ")


def _editions(data: Dataset) -> tuple[tuple[str, ForumEdition], ...]:
    return tuple(
        (forum.id, edition)
        for forum in data.instruments
        if isinstance(forum, Forum)
        for edition in forum.editions
    )


def _table(
    name: str,
    classes: Sequence[type],
    rows: Callable[[Dataset], tuple[Any, ...]],
    *,
    key: tuple[str, ...] = ("id",),
    refs: tuple[tuple[str, str, str], ...] = (),
    skip: Iterable[str] = (),
) -> TableSpec:
    return TableSpec(
        name=name,
        title=name.replace("_", " ").capitalize(),
        description=_doc(classes[0]),
        columns=_columns(classes, skip=skip),
        primary_key=key,
        foreign_keys=refs,
        rows=rows,
        classes=tuple(classes),
    )


def _build() -> dict[str, TableSpec]:
    instrument_ref = ("instrument", "instruments", "id")
    country_ref = ("country", "countries", "alpha_2")
    editions = TableSpec(
        name="forum_editions",
        title="Forum editions",
        description=_doc(ForumEdition),
        columns=(
            Column(
                name="forum",
                type="string",
                required=True,
                get=lambda row: row[0],
                description="The id of the forum (an instrument).",
            ),
            *_columns([ForumEdition], record_of=lambda row: row[1]),
        ),
        primary_key=("forum", "number"),
        foreign_keys=(("forum", "instruments", "id"), country_ref),
        rows=_editions,
        classes=(ForumEdition,),
    )
    specs = [
        _table("countries", [Country], lambda d: d.countries, key=("alpha_2",)),
        _table(
            "instruments",
            [Instrument, Forum, Facility],
            lambda d: d.instruments,
            skip=("editions",),
        ),
        _table(
            "participations",
            [Participation],
            lambda d: d.all_participations,
            refs=(country_ref, instrument_ref),
        ),
        _table("events", [Event], lambda d: d.events, refs=(instrument_ref,)),
        _table(
            "dialogue_rounds",
            [DialogueRound],
            lambda d: d.all_dialogue_rounds,
            key=(),
            refs=(("dialogue", "instruments", "id"),),
        ),
        editions,
        _table("envoys", [Envoy], lambda d: d.envoys),
        _table("sources", [Source], lambda d: d.sources),
        _table("topics", [Topic], lambda d: d.topics),
        _table("mechanisms", [Mechanism], lambda d: d.mechanisms),
        _table("pillars", [Pillar], lambda d: d.pillars),
        _table("challenges", [Challenge], lambda d: d.challenges),
    ]
    return {spec.name: spec for spec in specs}


TABLES: dict[str, TableSpec] = _build()

#: The one-row table of facts about the dataset itself (exports only).
META_TABLE = _table("meta", [Meta], lambda d: (d.meta,), key=())


def table_spec(name: object) -> TableSpec:
    """The table called ``name`` (``"dialogue_rounds"``, ``"dialogue-rounds"`` and ``"Dialogue rounds"`` alike).

    >>> [c.name for c in table_spec("forum-editions").columns][:4]
    ['forum', 'number', 'start', 'start_earliest']
    >>> table_spec("parties")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidChoiceError: table='parties' is not a table of the dataset; accepted: 'countries', 'instruments', 'participations', 'events', 'dialogue_rounds', 'forum_editions', 'envoys', 'sources', 'topics', 'mechanisms', 'pillars', 'challenges'
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

    A forum edition's row carries the id of its forum in ``data`` (``None`` if not found there).
    """
    records = tuple(records)
    found: set[str] = set()
    for record in records:
        for spec in TABLES.values():
            if type(record) in spec.classes:
                found.add(spec.name)
                break
        else:
            raise TypeError(
                "a table row must be a record of the dataset (Country, Instrument, Participation, ...), "
                f"got {type(record).__name__}"
            )
    if len(found) > 1:
        raise TypeError(f"records of one table only, got records of {', '.join(sorted(found))}")
    if not found:
        return None, ()
    spec = TABLES[found.pop()]
    if spec.name != "forum_editions":
        return spec, records
    forum_of = {edition: forum for forum, edition in _editions(data)}
    return spec, tuple((forum_of.get(edition), edition) for edition in records)
