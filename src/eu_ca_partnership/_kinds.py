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

import functools
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import attrs

from ._checks import (
    Check,
    Located,
    annex_numbers_unique,
    edition_numbers_ascend,
    exclusive_periods_apart,
    files_match_kinds,
    names_point_at_one_country,
)
from ._model import Kind, Meta
from ._rules import Ref, ref_of

if TYPE_CHECKING:
    from ._model_history import Series

#: The one-object file of facts about the dataset itself.
META_FILE = "meta.json"
META_CLASS = Meta


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
    module: str
    """The model module that defines its classes, grouped by domain: ``"_model_history"``."""
    deferred: bool
    """Whether a first answer does without it: its records are made on first access to any
    deferred kind, from the snapshot's second part, and its module is imported only then."""
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
        return self.model_class(self.class_name)

    @property
    def files(self) -> tuple[tuple[str, type], ...]:
        """The data files holding its records, and the class of each file's records."""
        return tuple((file, self.model_class(name)) for file, name in self.stored_in)

    def model_class(self, name: str) -> type:
        """A class of its model module by name (the module is imported on first need)."""
        return cast(type, getattr(importlib.import_module(f"{__package__}.{self.module}"), name))

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


# -- checks that span kinds: a series names a kind of this registry ----------------------------


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
        module="_model",
        deferred=False,
        id_field="alpha_2",
        sort_key=lambda c: c.name,
        checks=(names_point_at_one_country,),
    ),
    RecordKind(
        name="instruments",
        stored_in=(
            ("instruments.json", "Instrument"),
            ("forums.json", "Forum"),
            ("facilities.json", "Facility"),
        ),
        class_name="Instrument",
        module="_model",
        deferred=False,
        id_field="id",
        sort_key=lambda i: (_KIND_ORDER[i.kind], i.name),
        checks=(files_match_kinds,),
    ),
    RecordKind(
        name="participations",
        stored_in=(("participations.json", "Participation"),),
        class_name="Participation",
        module="_model",
        deferred=False,
        id_field="id",
        checks=(exclusive_periods_apart,),
    ),
    RecordKind(
        name="events",
        stored_in=(("events.json", "Event"),),
        class_name="Event",
        module="_model_history",
        deferred=True,
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="dialogue_rounds",
        stored_in=(("dialogue_rounds.json", "DialogueRound"),),
        class_name="DialogueRound",
        module="_model_history",
        deferred=True,
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="forum_editions",
        nested=Nested(parent="instruments", field="editions", key="forum", primary_key=("forum", "number")),
        class_name="ForumEdition",
        module="_model",
        deferred=False,
        id_field=None,
        checks=(edition_numbers_ascend,),
    ),
    RecordKind(
        name="country_names",
        nested=Nested(
            parent="countries", field="names", key="country", primary_key=("country", "lang", "kind", "name")
        ),
        class_name="Name",
        module="_model",
        deferred=False,
        id_field=None,
    ),
    RecordKind(
        name="envoys",
        stored_in=(("envoys.json", "Envoy"),),
        class_name="Envoy",
        module="_model_history",
        deferred=True,
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="topics",
        stored_in=(("topics.json", "Topic"),),
        class_name="Topic",
        module="_model_founding",
        deferred=True,
        id_field="id",
    ),
    RecordKind(
        name="mechanisms",
        stored_in=(("mechanisms.json", "Mechanism"),),
        class_name="Mechanism",
        module="_model_founding",
        deferred=True,
        id_field="id",
    ),
    RecordKind(
        name="pillars",
        stored_in=(("pillars.json", "Pillar"),),
        class_name="Pillar",
        module="_model_founding",
        deferred=True,
        id_field="id",
    ),
    RecordKind(
        name="challenges",
        stored_in=(("challenges.json", "Challenge"),),
        class_name="Challenge",
        module="_model_founding",
        deferred=True,
        id_field="id",
    ),
    RecordKind(
        name="series",
        stored_in=(("series.json", "Series"),),
        class_name="Series",
        module="_model_history",
        deferred=True,
        id_field="id",
        checks=(_series_count_a_kind,),
    ),
    RecordKind(
        name="conventions",
        stored_in=(("conventions.json", "Convention"),),
        class_name="Convention",
        module="_model_labour",
        deferred=True,
        id_field="id",
        sort_key=lambda c: (c.annex_part, c.annex_number),
        checks=(annex_numbers_unique,),
    ),
    RecordKind(
        name="ratifications",
        stored_in=(("ratifications.json", "Ratification"),),
        class_name="Ratification",
        module="_model_labour",
        deferred=True,
        id_field="id",
        sort_key=_chronological,
    ),
    RecordKind(
        name="sources",
        stored_in=(("sources.json", "Source"),),
        class_name="Source",
        module="_model_sources",
        deferred=True,
        id_field="id",
    ),
)

#: The kinds by name.
BY_NAME: Mapping[str, RecordKind] = {kind.name: kind for kind in KINDS}


def kind_of(record: Any) -> RecordKind | None:
    """The kind a record belongs to (``None`` for a part of a record, such as a field note).

    >>> from eu_ca_partnership._model import Forum
    >>> kind_of(Forum.__new__(Forum)).name
    'instruments'
    """
    for kind in KINDS:
        if type(record) in kind.classes:
            return kind
    return None


def record_name(record: Any) -> str:
    """What names a record across the dataset: its id (a country's alpha-2 code), else its repr.

    >>> import eu_ca_partnership as eca
    >>> record_name(eca.country("Uzbekistan")), record_name(eca.GSP_PLUS)
    ('UZ', 'gsp-plus')
    """
    kind = kind_of(record)
    return str(getattr(record, kind.id_field)) if kind is not None and kind.id_field else repr(record)


def data_files() -> dict[str, type]:
    """Every data file but meta.json, and the class of its records, in registry order."""
    return {name: cls for kind in KINDS for name, cls in kind.files}


@functools.cache
def references(cls: type) -> Mapping[str, Ref]:
    """The fields of ``cls`` that name records of other kinds, and the kind each names."""
    return MappingProxyType(
        {attribute.name: found for attribute in attrs.fields(cls) if (found := ref_of(attribute))}
    )


def ordered(kind: RecordKind, records: Iterable[Any]) -> tuple[Any, ...]:
    """The records of ``kind`` in the dataset's order."""
    return tuple(records) if kind.sort_key is None else tuple(sorted(records, key=kind.sort_key))
