"""The registry of record kinds: one row per kind, and everything that lists kinds reads it.

A row names the kind's data files and the class each holds, its id field, how its
records are ordered, and the checks that span several of its records. The references a kind holds
to other kinds are declared on its class's fields (``metadata=ref(...)``), where they
are read by :func:`references`.

The loader (reading, checks, id uniqueness, references), the dataset's id index, the flat
tables and every export, the JSON Schema, the HTML display, the docs catalogue and
``eu-ca show`` all derive from :data:`KINDS`. Adding a kind costs its class, one row here,
its data file and its tests (see CONTRIBUTING.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from . import _model
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
    Kind,
    Mechanism,
    Meta,
    Name,
    Participation,
    Pillar,
    Series,
    Source,
    Topic,
)
from ._names import normalise
from ._rules import Ref, ref_of

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable


def bundled_folder() -> Traversable:
    """The data folder inside the installed package (a zip member when imported from a zip)."""
    import importlib_resources

    return importlib_resources.files("eu_ca_partnership").joinpath("data")


#: The one-object file of facts about the dataset itself.
META_FILE = "meta.json"
META_CLASS = Meta


class Located(NamedTuple):
    """A record as read: its file, its JSON path, and (for a nested record) the record holding it."""

    file: str
    path: str
    record: Any
    parent: Any = None


#: A check over the records of one kind: their located rows, every kind's records by id, and the
#: dataset's meta. It yields one message per problem, ``"<file>: <message> @ <path>"``.
Check = Callable[[list[Located], Mapping[str, Mapping[str, Any]], Meta], Iterator[str]]


class Nested(NamedTuple):
    """Records held inside the records of another kind (the editions inside a forum)."""

    parent: str
    """The kind whose records hold them."""
    field: str
    """The field of the parent that holds them."""
    key: str
    """The column that names the parent in a flat table (``"forum"``)."""
    primary_key: tuple[str, ...]
    """The columns that name one of them in a flat table (``("forum", "number")``)."""


class RecordKind(NamedTuple):
    """One kind of record: where it is stored, how it is named and ordered, and what it must obey.

    (A named tuple, not an attrs class: the registry is read at every import of the package.)
    """

    name: str
    """The table name, also the file name of its CSV export: ``"participations"``."""
    record_class: type
    """The class of its records (a base class where several files hold subclasses)."""
    id_field: str | None
    """The field that names a record across the dataset (ids are unique over every kind)."""
    files: tuple[tuple[str, type], ...] = ()
    """The data files holding its records and the class of each file's records (one class a file)."""
    nested: Nested | None = None
    """For records held inside another kind's records instead of a file of their own."""
    sort_key: Callable[[Any], Any] | None = None
    """How the dataset orders its records (by default, as the data files list them)."""
    checks: tuple[Check, ...] = ()
    """Rules that need several records at once (beyond ids and references, which every kind gets)."""

    @property
    def classes(self) -> tuple[type, ...]:
        """Every class its records may have."""
        return tuple(cls for _, cls in self.files) or (self.record_class,)

    @property
    def singular(self) -> str:
        """What one record is called: ``"country"``, ``"dialogue round"``."""
        words = self.name.replace("_", " ")
        return words[:-3] + "y" if words.endswith("ies") else words.removesuffix("s")

    @property
    def title(self) -> str:
        """``"Dialogue rounds"``."""
        return self.name.replace("_", " ").capitalize()

    @property
    def description(self) -> str:
        """The first paragraph of its class's docstring, on one line."""
        return " ".join((self.record_class.__doc__ or self.name).strip().split("\n\n")[0].split())


# -- ordering ------------------------------------------------------------------------------------


def _chronological(record: Any) -> tuple[int, int, int]:
    when = getattr(record, "date", None) or getattr(record, "start", None)
    return when.sort_key() if when is not None else (0, 0, 0)


_KIND_ORDER = {kind: index for index, kind in enumerate(Kind)}


# -- checks that span records of one kind ----------------------------------------------------------


def _files_match_kinds(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """A forum is in forums.json with the kind ``forum``; a facility likewise."""
    expected = {Forum: Kind.FORUM, Facility: Kind.FACILITY}
    for row in rows:
        kind = expected.get(type(row.record))
        if kind is not None and row.record.kind is not kind:
            yield f"{row.file}: kind must be {kind.value!r} here @ {row.path}.kind"


def _names_point_at_one_country(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """Every name, alias and code points at one country only (a lookup would be ambiguous)."""
    owner: dict[str, str] = {}
    for row in rows:
        country: Country = row.record
        for key in sorted({normalise(text) for text in country.spellings()}):
            if owner.setdefault(key, country.alpha_2) != country.alpha_2:
                yield (
                    f"{row.file}: name or code {key!r} is used by {owner[key]} "
                    f"and {country.alpha_2} @ {row.path}"
                )


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


def _exclusive_periods_apart(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """Two periods of one country in an exclusive kind of instrument must be certainly apart."""
    seen: defaultdict[tuple[str, Kind], list[tuple[Located, Participation]]] = defaultdict(list)
    for row in rows:
        period: Participation = row.record
        instrument = ids["instruments"].get(period.instrument)
        if instrument is None or instrument.kind not in EXCLUSIVE_KINDS:
            continue
        first, last = _possible_days(period, meta.data_as_of)
        earlier = seen[period.country, instrument.kind]
        for other_row, other in earlier:
            other_first, other_last = _possible_days(other, meta.data_as_of)
            if first <= other_last and other_first <= last:
                yield (
                    f"{row.file}: {period.id!r} may overlap {other.id!r} (at {other_row.path}); "
                    f"a country holds one {instrument.kind.value} at a time @ {row.path}"
                )
        earlier.append((row, period))


def _edition_numbers_ascend(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """Within one forum, edition numbers are unique and ascending."""
    by_forum: defaultdict[int, list[Located]] = defaultdict(list)
    for row in rows:
        by_forum[id(row.parent)].append(row)
    for editions in by_forum.values():
        numbers = [row.record.number for row in editions]
        if numbers != sorted(set(numbers)):
            where = editions[0].path.rsplit("[", 1)[0]
            yield f"{editions[0].file}: edition numbers must be unique and ascending @ {where}"


def _series_count_a_kind(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """A series counts the records of a kind, by one of that kind's fields."""
    for row in rows:
        series: Series = row.record
        kind = BY_NAME.get(series.of)
        if kind is None:
            yield f"{row.file}: {series.of!r} is not a kind of record; kinds: {', '.join(BY_NAME)} @ {row.path}.of"
        elif series.key is not None and series.key not in {a.name for a in attrs.fields(kind.record_class)}:
            yield f"{row.file}: {series.key!r} is not a field of {kind.record_class.__name__} @ {row.path}.key"


# -- the registry --------------------------------------------------------------------------------

KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        name="countries",
        files=(("countries.json", Country),),
        record_class=Country,
        id_field="alpha_2",
        sort_key=lambda c: c.name,
        checks=(_names_point_at_one_country,),
    ),
    RecordKind(
        name="instruments",
        files=(("instruments.json", Instrument), ("forums.json", Forum), ("facilities.json", Facility)),
        record_class=Instrument,
        id_field="id",
        sort_key=lambda i: (_KIND_ORDER[i.kind], i.name),
        checks=(_files_match_kinds,),
    ),
    RecordKind(
        name="participations",
        files=(("participations.json", Participation),),
        record_class=Participation,
        id_field="id",
        checks=(_exclusive_periods_apart,),
    ),
    RecordKind(
        name="events",
        files=(("events.json", Event),),
        record_class=Event,
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="dialogue_rounds",
        files=(("dialogue_rounds.json", DialogueRound),),
        record_class=DialogueRound,
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="forum_editions",
        nested=Nested(parent="instruments", field="editions", key="forum", primary_key=("forum", "number")),
        record_class=ForumEdition,
        id_field=None,
        checks=(_edition_numbers_ascend,),
    ),
    RecordKind(
        name="country_names",
        nested=Nested(
            parent="countries", field="names", key="country", primary_key=("country", "lang", "kind", "name")
        ),
        record_class=Name,
        id_field=None,
    ),
    RecordKind(
        name="envoys",
        files=(("envoys.json", Envoy),),
        record_class=Envoy,
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="topics",
        files=(("topics.json", Topic),),
        record_class=Topic,
        id_field="id",
    ),
    RecordKind(
        name="mechanisms",
        files=(("mechanisms.json", Mechanism),),
        record_class=Mechanism,
        id_field="id",
    ),
    RecordKind(
        name="pillars",
        files=(("pillars.json", Pillar),),
        record_class=Pillar,
        id_field="id",
    ),
    RecordKind(
        name="challenges",
        files=(("challenges.json", Challenge),),
        record_class=Challenge,
        id_field="id",
    ),
    RecordKind(
        name="series",
        files=(("series.json", Series),),
        record_class=Series,
        id_field="id",
        checks=(_series_count_a_kind,),
    ),
    RecordKind(
        name="sources",
        files=(("sources.json", Source),),
        record_class=Source,
        id_field="id",
    ),
)

#: The kinds by name.
BY_NAME: Mapping[str, RecordKind] = {kind.name: kind for kind in KINDS}


def kind_of(record: Any) -> RecordKind | None:
    """The kind a record belongs to (``None`` for a part of a record, such as a field note).

    >>> kind_of(Forum.__new__(Forum)).name
    'instruments'
    """
    for kind in KINDS:
        if type(record) in kind.classes:
            return kind
    return None


def data_files() -> dict[str, type]:
    """Every data file but meta.json, and the class of its records, in registry order."""
    return {name: cls for kind in KINDS for name, cls in kind.files}


@functools.cache
def references(cls: type) -> Mapping[str, Ref]:
    """The fields of ``cls`` that name records of other kinds, and the kind each names."""
    return MappingProxyType(
        {attribute.name: found for attribute in attrs.fields(cls) if (found := ref_of(attribute))}
    )


def record_classes() -> tuple[type, ...]:
    """Every record class of the model: the kinds' classes and the parts they hold (notes, money)."""
    return tuple(
        cls for name in _model.__all__ if isinstance(cls := getattr(_model, name), type) and attrs.has(cls)
    )


def ordered(kind: RecordKind, records: Iterable[Any]) -> tuple[Any, ...]:
    """The records of ``kind`` in the dataset's order."""
    return tuple(records) if kind.sort_key is None else tuple(sorted(records, key=kind.sort_key))
