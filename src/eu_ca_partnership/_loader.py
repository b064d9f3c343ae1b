"""Reading the JSON data files: strict cattrs structuring, then cross-record validation.

Everything wrong with the data is reported as a :class:`DataError` naming the file
and the JSON path of the offending field.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import pathlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from types import GenericAlias
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import importlib_resources
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.preconf.json import JsonConverter, make_converter
from importlib_resources.abc import Traversable

from ._dataset import Dataset
from ._dates import PartialDate
from ._model import (
    Challenge,
    Country,
    DialogueRound,
    Envoy,
    Event,
    Facility,
    FieldNote,
    Forum,
    Instrument,
    Kind,
    Mechanism,
    Meta,
    Participation,
    Pillar,
    Source,
    Topic,
)
from .exceptions import DataError

T = TypeVar("T")

#: Every data file and the record class it holds (a list of them; meta.json holds one object).
TABLES: dict[str, type] = {
    "sources.json": Source,
    "countries.json": Country,
    "instruments.json": Instrument,
    "forums.json": Forum,
    "facilities.json": Facility,
    "participations.json": Participation,
    "dialogue_rounds.json": DialogueRound,
    "events.json": Event,
    "topics.json": Topic,
    "mechanisms.json": Mechanism,
    "pillars.json": Pillar,
    "challenges.json": Challenge,
    "envoys.json": Envoy,
}
META_FILE = "meta.json"


def _strict(kind: type[T] | tuple[type, ...], name: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise TypeError(f"expected {name}, got {type(value).__name__} {value!r}")
        return value

    return structure


def _from_text(parse: Callable[[str], T], name: str) -> Callable[[Any, Any], T]:
    def structure(value: Any, _: Any) -> T:
        if not isinstance(value, str):
            raise TypeError(f"expected {name} as a string, got {type(value).__name__} {value!r}")
        return parse(value)

    return structure


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a decimal number") from None


def _iso_date(text: str) -> dt.date:
    if len(text) != 10:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    return dt.date.fromisoformat(text)


Hook = Callable[[Any, Any], Any]


def _json_array(
    factory: Callable[[Any, cattrs.BaseConverter], Hook],
) -> Callable[[Any, cattrs.BaseConverter], Hook]:
    """Wrap a cattrs collection factory so only a JSON array is accepted (never a string or object)."""

    def make(type_: Any, converter: cattrs.BaseConverter) -> Hook:
        inner = factory(type_, converter)

        def structure(value: Any, target: Any) -> Any:
            if not isinstance(value, list):
                raise TypeError(f"expected a JSON array, got {type(value).__name__} {value!r}")
            return inner(value, target)

        return structure

    return make


def _is_list(type_: Any) -> bool:
    return get_origin(type_) is list


def _is_homogenous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


@functools.cache
def json_converter() -> JsonConverter:
    """The converter, made once per process: cattrs generates its code on first use of each class."""
    return make_json_converter()


def make_json_converter() -> JsonConverter:
    """The one converter for the data: unknown keys rejected, no type coerced into another.

    >>> converter = make_json_converter()
    >>> converter.unstructure(PartialDate(2024, 9))
    '2024-09'
    """
    converter = make_converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(PartialDate, _from_text(PartialDate.parse, "a partial date"))
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook(dt.date, _from_text(_iso_date, "a date"))
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(Decimal, _from_text(_decimal, "a decimal"))
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook_factory(
        _is_homogenous_tuple, _json_array(homogenous_tuple_structure_factory)
    )
    converter.register_structure_hook_factory(_is_list, _json_array(list_structure_factory))
    return converter


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {sorted(exc.extra_fields)}"
    return str(exc) or type(exc).__name__


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    unique = dict(pairs)
    if len(unique) != len(pairs):
        duplicated = sorted(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)
        raise ValueError(f"duplicate key(s) {duplicated} in one object")
    return unique


def _read_json(root: Traversable, name: str) -> Any:
    try:
        text = root.joinpath(name).read_bytes().decode("utf-8")
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except FileNotFoundError:
        raise DataError([f"{name}: file missing @ $"]) from None
    except UnicodeDecodeError as error:
        raise DataError([f"{name}: not UTF-8 ({error.reason} at byte {error.start}) @ $"]) from None
    except json.JSONDecodeError as error:
        raise DataError(
            [f"{name}: not valid JSON ({error.msg}, line {error.lineno} column {error.colno}) @ $"]
        ) from None
    except ValueError as error:
        raise DataError([f"{name}: {error} @ $"]) from None


def _structure(converter: JsonConverter, raw: Any, type_: Any, name: str) -> Any:
    try:
        return converter.structure(raw, type_)
    except Exception as error:  # cattrs wraps every failure; report them all with their paths
        messages = cattrs.transform_error(error, path="$", format_exception=_format_exception)
        raise DataError([f"{name}: {message}" for message in messages]) from None


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load the bundled data, or a dataset of the same shape from a folder.

    >>> data = load()
    >>> len(data.countries)
    5
    >>> load("/nonexistent")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.DataError: invalid data (1 problem(s)):
      meta.json: file missing @ $
    """
    root: Traversable
    if path is None:
        root = importlib_resources.files("eu_ca_partnership").joinpath("data")
    else:
        root = pathlib.Path(os.fspath(path))
    converter = json_converter()
    meta = _structure(converter, _read_json(root, META_FILE), Meta, META_FILE)
    tables = {
        name: tuple(_structure(converter, _read_json(root, name), GenericAlias(list, (cls,)), name))
        for name, cls in TABLES.items()
    }
    problems = list(_cross_check(meta, tables))
    if problems:
        raise DataError(problems)
    return Dataset(
        meta=meta,
        sources=tables["sources.json"],
        countries=tables["countries.json"],
        instruments=tables["instruments.json"] + tables["forums.json"] + tables["facilities.json"],
        all_participations=tables["participations.json"],
        all_dialogue_rounds=tables["dialogue_rounds.json"],
        events=tables["events.json"],
        topics=tables["topics.json"],
        mechanisms=tables["mechanisms.json"],
        pillars=tables["pillars.json"],
        challenges=tables["challenges.json"],
        envoys=tables["envoys.json"],
    )


def _ids(rows: Iterable[Any], key: Callable[[Any], str]) -> set[str]:
    return {key(row) for row in rows}


def _cross_check(meta: Meta, tables: dict[str, tuple[Any, ...]]) -> Iterator[str]:
    """Everything cattrs cannot see: uniqueness, references, order, coverage."""
    sources = _ids(tables["sources.json"], lambda s: s.id)
    countries = _ids(tables["countries.json"], lambda c: c.alpha_2)
    instrument_rows = tables["instruments.json"] + tables["forums.json"] + tables["facilities.json"]
    instruments = _ids(instrument_rows, lambda i: i.id)
    dialogues = {i.id for i in instrument_rows if i.kind is Kind.DIALOGUE}

    if meta.coverage_start > meta.data_as_of:
        yield f"{META_FILE}: coverage_start is after data_as_of @ $.coverage_start"

    yield from _unique("instruments.json, forums.json, facilities.json", instrument_rows, "id")
    for name, key in [
        ("sources.json", "id"),
        ("participations.json", "id"),
        ("events.json", "id"),
        ("topics.json", "id"),
        ("mechanisms.json", "id"),
        ("pillars.json", "id"),
        ("challenges.json", "id"),
        ("envoys.json", "id"),
    ]:
        yield from _unique(name, tables[name], key)
    yield from _unique_names(tables["countries.json"])

    expected_kind = {"forums.json": Kind.FORUM, "facilities.json": Kind.FACILITY}
    for name, kind in expected_kind.items():
        for index, row in enumerate(tables[name]):
            if row.kind is not kind:
                yield f"{name}: kind must be {kind.value!r} here @ $[{index}].kind"

    for name, rows in tables.items():
        for index, row in enumerate(rows):
            where = f"$[{index}]"
            yield from _check_record(name, row, where, sources, countries, instruments)
            if name == "dialogue_rounds.json" and row.dialogue not in dialogues:
                yield f"{name}: unknown dialogue {row.dialogue!r} @ {where}.dialogue"
    kinds = {row.id: row.kind for row in instrument_rows}
    yield from _overlaps(meta, tables["participations.json"], kinds)
    for f_index, forum in enumerate(tables["forums.json"]):
        numbers = [edition.number for edition in forum.editions]
        if numbers != sorted(set(numbers)):
            yield f"forums.json: edition numbers must be unique and ascending @ $[{f_index}].editions"
        for e_index, edition in enumerate(forum.editions):
            where = f"$[{f_index}].editions[{e_index}]"
            yield from _check_record("forums.json", edition, where, sources, countries, instruments)


#: A country holds at most one of these at a time: one GSP arrangement, one agreement in force.
EXCLUSIVE_KINDS = (Kind.TRADE_PREFERENCE, Kind.AGREEMENT)


def _possible_days(row: Participation, data_as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a participation may have held, reading its dates as widely as they allow."""
    first = row.start.earliest() if row.start is not None else dt.date.min
    if row.end is not None:
        last = row.end.latest()
    else:
        last = dt.date.max if row.ongoing else data_as_of - dt.timedelta(days=1)
    return first, last


def _overlaps(meta: Meta, rows: tuple[Participation, ...], kinds: dict[str, Kind]) -> Iterator[str]:
    """Two periods of one country in an exclusive kind must be certainly apart."""
    seen: defaultdict[tuple[str, Kind], list[tuple[int, Participation]]] = defaultdict(list)
    for index, row in enumerate(rows):
        kind = kinds.get(row.instrument)
        if kind is None or kind not in EXCLUSIVE_KINDS:
            continue
        first, last = _possible_days(row, meta.data_as_of)
        earlier = seen[row.country, kind]
        for other_index, other in earlier:
            other_first, other_last = _possible_days(other, meta.data_as_of)
            if first <= other_last and other_first <= last:
                yield (
                    f"participations.json: {row.id!r} may overlap {other.id!r} (index {other_index}); "
                    f"a country holds one {kind.value} at a time @ $[{index}]"
                )
        earlier.append((index, row))


def _check_record(
    name: str,
    row: Any,
    where: str,
    sources: set[str],
    countries: set[str],
    instruments: set[str],
) -> Iterator[str]:
    for index, source_id in enumerate(getattr(row, "sources", ())):
        if source_id not in sources:
            yield f"{name}: unknown source {source_id!r} @ {where}.sources[{index}]"
    if isinstance(row, Participation | Event | Mechanism):
        refs = (
            [("instrument", row.instrument)]
            if not isinstance(row, Mechanism)
            else [(f"instruments[{i}]", ref) for i, ref in enumerate(row.instruments)]
        )
        for path, ref in refs:
            if ref is not None and ref not in instruments:
                yield f"{name}: unknown instrument {ref!r} @ {where}.{path}"
    country_refs: list[tuple[str, str | None]] = []
    if isinstance(row, Participation):
        country_refs = [("country", row.country)]
    elif isinstance(row, Event):
        country_refs = [(f"countries[{i}]", code) for i, code in enumerate(row.countries)]
    elif hasattr(row, "country") and not isinstance(row, Country):
        country_refs = [("country", row.country)]
    for path, code in country_refs:
        if code is not None and code not in countries:
            yield f"{name}: unknown country {code!r} @ {where}.{path}"
    for key in ("start", "date"):
        begin, end = getattr(row, key, None), getattr(row, "end", None)
        if begin is not None and end is not None and end.latest() < begin.earliest():
            yield f"{name}: end {end} is before {key} {begin} @ {where}.end"
    field_names = {a.name for a in attrs.fields(type(row))}
    for index, note in enumerate(getattr(row, "field_notes", ())):
        note_path = f"{where}.field_notes[{index}]"
        if note.field not in field_names:
            yield f"{name}: {note.field!r} is not a field of {type(row).__name__} @ {note_path}.field"
        yield from _check_note_sources(name, note, note_path, sources)


def _check_note_sources(name: str, note: FieldNote, where: str, sources: set[str]) -> Iterator[str]:
    for index, source_id in enumerate(note.sources):
        if source_id not in sources:
            yield f"{name}: unknown source {source_id!r} @ {where}.sources[{index}]"
    for c_index, claim in enumerate(note.claims):
        for index, source_id in enumerate(claim.sources):
            if source_id not in sources:
                yield f"{name}: unknown source {source_id!r} @ {where}.claims[{c_index}].sources[{index}]"


def _unique(name: str, rows: Iterable[Any], key: str) -> Iterator[str]:
    seen: set[str] = set()
    for index, row in enumerate(rows):
        value = getattr(row, key)
        if value in seen:
            yield f"{name}: duplicate {key} {value!r} @ $[{index}].{key}"
        seen.add(value)


def _unique_names(countries: Iterable[Country]) -> Iterator[str]:
    """Every name, alias and code must point at one country only (lookups would be ambiguous)."""
    from ._dataset import normalise

    owner: dict[str, str] = {}
    for index, country in enumerate(countries):
        keys = {normalise(text) for text in country.spellings()}
        for key in sorted(keys):
            if owner.setdefault(key, country.alpha_2) != country.alpha_2:
                yield (
                    f"countries.json: name or code {key!r} is used by {owner[key]} "
                    f"and {country.alpha_2} @ $[{index}]"
                )
