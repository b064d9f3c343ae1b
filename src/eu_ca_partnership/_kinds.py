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
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import attrs

from . import _model
from ._model import Country, Facility, Forum, Kind, Meta, Participation
from ._names import normalise
from ._rules import Ref, ref_of

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

    from ._model_deferred import Series


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
    class_name: str
    """The name of the class of its records (a base class where several files hold subclasses)."""
    id_field: str | None
    """The field that names a record across the dataset (ids are unique over every kind)."""
    stored_in: tuple[tuple[str, str], ...] = ()
    """The data files holding its records and the name of each file's class (one class a file)."""
    nested: Nested | None = None
    """For records held inside another kind's records instead of a file of their own."""
    sort_key: Callable[[Any], Any] | None = None
    """How the dataset orders its records (by default, as the data files list them)."""
    checks: tuple[Check, ...] = ()
    """Rules that need several records at once (beyond ids and references, which every kind gets)."""

    @property
    def record_class(self) -> type:
        """The class of its records."""
        return model_class(self.class_name)

    @property
    def files(self) -> tuple[tuple[str, type], ...]:
        """The data files holding its records, and the class of each file's records."""
        return tuple((file, model_class(name)) for file, name in self.stored_in)

    @property
    def classes(self) -> tuple[type, ...]:
        """Every class its records may have."""
        return tuple(cls for _, cls in self.files) or (self.record_class,)

    @property
    def deferred(self) -> bool:
        """Whether a first answer does without it: its class is in :mod:`._model_deferred`."""
        return not hasattr(_model, self.class_name)

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
        stored_in=(("countries.json", "Country"),),
        class_name="Country",
        id_field="alpha_2",
        sort_key=lambda c: c.name,
        checks=(_names_point_at_one_country,),
    ),
    RecordKind(
        name="instruments",
        stored_in=(
            ("instruments.json", "Instrument"),
            ("forums.json", "Forum"),
            ("facilities.json", "Facility"),
        ),
        class_name="Instrument",
        id_field="id",
        sort_key=lambda i: (_KIND_ORDER[i.kind], i.name),
        checks=(_files_match_kinds,),
    ),
    RecordKind(
        name="participations",
        stored_in=(("participations.json", "Participation"),),
        class_name="Participation",
        id_field="id",
        checks=(_exclusive_periods_apart,),
    ),
    RecordKind(
        name="events",
        stored_in=(("events.json", "Event"),),
        class_name="Event",
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="dialogue_rounds",
        stored_in=(("dialogue_rounds.json", "DialogueRound"),),
        class_name="DialogueRound",
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="forum_editions",
        nested=Nested(parent="instruments", field="editions", key="forum", primary_key=("forum", "number")),
        class_name="ForumEdition",
        id_field=None,
        checks=(_edition_numbers_ascend,),
    ),
    RecordKind(
        name="country_names",
        nested=Nested(
            parent="countries", field="names", key="country", primary_key=("country", "lang", "kind", "name")
        ),
        class_name="Name",
        id_field=None,
    ),
    RecordKind(
        name="envoys",
        stored_in=(("envoys.json", "Envoy"),),
        class_name="Envoy",
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="topics",
        stored_in=(("topics.json", "Topic"),),
        class_name="Topic",
        id_field="id",
    ),
    RecordKind(
        name="mechanisms",
        stored_in=(("mechanisms.json", "Mechanism"),),
        class_name="Mechanism",
        id_field="id",
    ),
    RecordKind(
        name="pillars",
        stored_in=(("pillars.json", "Pillar"),),
        class_name="Pillar",
        id_field="id",
    ),
    RecordKind(
        name="challenges",
        stored_in=(("challenges.json", "Challenge"),),
        class_name="Challenge",
        id_field="id",
    ),
    RecordKind(
        name="series",
        stored_in=(("series.json", "Series"),),
        class_name="Series",
        id_field="id",
        checks=(_series_count_a_kind,),
    ),
    RecordKind(
        name="sources",
        stored_in=(("sources.json", "Source"),),
        class_name="Source",
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


def model_class(name: str) -> type:
    """A record class of the model by name; :mod:`._model_deferred` is imported on first need."""
    found = getattr(_model, name, None)
    if found is None:
        from . import _model_deferred

        found = getattr(_model_deferred, name)
    return cast(type, found)


@functools.cache
def references(cls: type) -> Mapping[str, Ref]:
    """The fields of ``cls`` that name records of other kinds, and the kind each names."""
    return MappingProxyType(
        {attribute.name: found for attribute in attrs.fields(cls) if (found := ref_of(attribute))}
    )


def ordered(kind: RecordKind, records: Iterable[Any]) -> tuple[Any, ...]:
    """The records of ``kind`` in the dataset's order."""
    return tuple(records) if kind.sort_key is None else tuple(sorted(records, key=kind.sort_key))
