"""The bundled dataset, loaded once on first use, and the questions asked of it.

This is the module that loads the data the package ships: it holds the dataset, the lock
that makes the first use thread-safe, the two indexes of the warm path, the module-level
query helpers and the data constants (``GSP``, ``KAZAKHSTAN``, ...), which are read from
the data on first access, not at import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from time import time as _time
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from . import _dates, _snapshot
from ._answers import Answer
from ._model import Record

if TYPE_CHECKING:
    import datetime
    import os

    from ._dataset import Dataset, HasCountryCode
    from ._dates import Day, When
    from ._display import Table
    from ._model import Country, Facility, Forum, Instrument, Kind, KindName, Participation, Presence
    from ._model_founding import Challenge, Mechanism, Pillar, Topic
    from ._model_history import Completeness, DialogueRound, Envoy, Event, EventKind, EventKindName, Series
    from ._model_labour import Convention, Ratification
    from ._model_sources import Source

__all__ = [
    "CIVIL_SOCIETY_FACILITY",
    "CIVIL_SOCIETY_FORUM",
    "CONVENTIONS",
    "COUNTRIES",
    "COVERAGE_START",
    "DATA_AS_OF",
    "FIMI",
    "GSP",
    "GSP_PLUS",
    "HUMAN_RIGHTS_DIALOGUE_TOPICS",
    "HUMAN_RIGHTS_MECHANISMS",
    "INSTRUMENTS",
    "KAZAKHSTAN",
    "KYRGYZSTAN",
    "PILLARS",
    "SOURCES",
    "TAJIKISTAN",
    "TURKMENISTAN",
    "UZBEKISTAN",
    "agreement_for",
    "completeness",
    "convention",
    "conventions_for",
    "countries_bound_by",
    "countries_with",
    "country",
    "default_dataset",
    "dialogue_rounds",
    "envoys_on",
    "instrument",
    "instruments_for",
    "load",
    "participations",
    "ratifications_of",
    "record",
    "source",
    "sources_of",
    "status",
    "table",
    "timeline",
]

R = TypeVar("R", bound="Record")
_lock = threading.Lock()
_bundled: Dataset | None = None
# A read-only index of the bundled dataset, bound when it loads, for the warm path of the most
# frequent call: a hit answers without a second function call (benchmarks/, target 3). A miss, or
# a dataset not loaded yet, goes on to the Dataset method, which gives the same answer. The warm
# path of instruments_for is the dataset's latest_index, valid for the day the clock gives.
_country_index: Mapping[str, Country] = MappingProxyType({})


def default_dataset() -> Dataset:
    """The bundled dataset, loaded once (thread-safely) on first use.

    It is read from the snapshot compiled into the wheel when that matches the JSON files
    beside it, and from the JSON files (checked by the loader) otherwise.
    """
    global _bundled, _country_index
    if _bundled is None:
        with _lock:
            if _bundled is None:
                loaded = _snapshot.read() or _json()
                _country_index = loaded.country_index
                _bundled = loaded
    return _bundled


def _repr_html_(self: Any) -> str:
    """The record as an HTML table for Jupyter: one row per field, sources as links."""
    from ._display import record_html

    return record_html(self, data=default_dataset())


def _answer_html_(self: Any) -> str:
    """The answer as an HTML table for Jupyter, with its doubt and caveat under it."""
    from ._display import answer_html

    return answer_html(self, data=default_dataset())


# Jupyter shows every record and every answer as an HTML table, with source links resolved in the
# bundled dataset.
Record._repr_html_ = _repr_html_  # type: ignore[attr-defined]
Answer._repr_html_ = _answer_html_  # type: ignore[attr-defined]


def _json() -> Dataset:
    from ._loader import load as _load

    return _load()


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """The bundled data, or a dataset of the same shape from the folder ``path``, checked.

    Every problem of a folder's data is reported in one :class:`~eu_ca_partnership.DataError`,
    each with its file and the JSON path of the field (up to 100 problems in a file: then
    reading stops, and says so). Each data file must be a regular file (not a folder, a FIFO or
    a device) of at most 16 MiB, which is checked before it is read; a file that cannot be read
    is a ``DataError`` too.
    """
    from ._loader import load as _load

    return _load(path)


# The data constants: declared here for type checkers, made on first access by __getattr__.
COUNTRIES: tuple[Country, ...]
KAZAKHSTAN: Country
KYRGYZSTAN: Country
TAJIKISTAN: Country
TURKMENISTAN: Country
UZBEKISTAN: Country
INSTRUMENTS: tuple[Instrument, ...]
GSP: Instrument
GSP_PLUS: Instrument
CIVIL_SOCIETY_FORUM: Forum
CIVIL_SOCIETY_FACILITY: Facility
HUMAN_RIGHTS_DIALOGUE_TOPICS: tuple[Topic, ...]
HUMAN_RIGHTS_MECHANISMS: tuple[Mechanism, ...]
PILLARS: tuple[Pillar, ...]
FIMI: Challenge
SOURCES: tuple[Source, ...]
CONVENTIONS: tuple[Convention, ...]
DATA_AS_OF: datetime.date
COVERAGE_START: datetime.date

_CONSTANTS: dict[str, Callable[[Dataset], Any]] = {
    "COUNTRIES": lambda d: d.countries,
    "KAZAKHSTAN": lambda d: d.country("KZ"),
    "KYRGYZSTAN": lambda d: d.country("KG"),
    "TAJIKISTAN": lambda d: d.country("TJ"),
    "TURKMENISTAN": lambda d: d.country("TM"),
    "UZBEKISTAN": lambda d: d.country("UZ"),
    "INSTRUMENTS": lambda d: d.instruments,
    "GSP": lambda d: d.instrument("gsp"),
    "GSP_PLUS": lambda d: d.instrument("gsp-plus"),
    "CIVIL_SOCIETY_FORUM": lambda d: d.instrument("civil-society-forum"),
    "CIVIL_SOCIETY_FACILITY": lambda d: d.instrument("civil-society-facility"),
    "HUMAN_RIGHTS_DIALOGUE_TOPICS": lambda d: d.topics,
    "HUMAN_RIGHTS_MECHANISMS": lambda d: d.mechanisms,
    "PILLARS": lambda d: d.pillars,
    "FIMI": lambda d: d.record("fimi"),
    "SOURCES": lambda d: d.sources,
    "CONVENTIONS": lambda d: d.conventions,
    "DATA_AS_OF": lambda d: d.meta.data_as_of,
    "COVERAGE_START": lambda d: d.meta.coverage_start,
}


def __getattr__(name: str) -> Any:
    """A data constant, read from the bundled dataset on first access (PEP 562)."""
    try:
        make = _CONSTANTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = make(default_dataset())
    globals()[name] = value
    return value


def country(query: str | int | Country | HasCountryCode) -> Country:
    """A country from its name, official or EU name, alias, or ISO alpha-2, alpha-3 or numeric code.

    Case, accents and surrounding whitespace are ignored; a :class:`Country` passes through.

    >>> import eu_ca_partnership as eca
    >>> eca.country(" kyrgyz republic ") is eca.country("KGZ") is eca.country(417)
    True
    """
    try:
        return _country_index[query]  # type: ignore[index]
    except (KeyError, TypeError):  # not a spelling as written, or not a str: the full lookup
        pass  # (outside the handler, so that a miss raises no chained KeyError)
    return (_bundled or default_dataset()).country(query)


def instrument(query: str | Instrument) -> Instrument:
    """An instrument by its id, its name or its short name (case is ignored).

    >>> import eu_ca_partnership as eca
    >>> eca.instrument("gsp+") is eca.instrument("GSP+") is eca.instrument("gsp-plus") is eca.GSP_PLUS
    True
    """
    return (_bundled or default_dataset()).instrument(query)


def instruments_for(
    country: str | int | Country | HasCountryCode,
    *,
    on: Day | None = None,
    kind: Kind | KindName | None = None,
) -> Answer[Instrument]:
    """Every instrument (bilateral and regional) the country takes part in on ``on``.

    ``on`` is a :class:`datetime.date` or an ISO 8601 string; ``None`` means today (the
    computer's clock): after ``DATA_AS_OF``, the latest state the data knows, flagged
    ``unverified``. ``kind`` keeps one :class:`Kind`.

    >>> import eu_ca_partnership as eca
    >>> [i.id for i in eca.instruments_for("Kyrgyzstan", on="2015-06-01", kind="trade-preference")]
    ['gsp']
    """
    if on is None and kind is None and _bundled is not None:
        _, index, clock, until = _bundled.latest_index
        if clock is _dates.today and _time() < until:  # today's: the same clock, before midnight
            try:
                return index[country]  # type: ignore[index]
            except (KeyError, TypeError):  # unsettled, not a spelling as written, or not a str
                pass
    return (_bundled or default_dataset()).instruments_for(country, on=on, kind=kind)


def countries_with(instrument: str | Instrument, *, on: Day | None = None) -> Answer[Country]:
    """The countries taking part in ``instrument`` on ``on``, alphabetical by name.

    >>> import eu_ca_partnership as eca
    >>> [c.name for c in eca.countries_with(eca.GSP_PLUS, on="2020-06-01")]
    ['Kyrgyzstan']
    """
    return (_bundled or default_dataset()).countries_with(instrument, on=on)


def participations(
    country: str | int | Country | HasCountryCode | None = None,
    instrument: str | Instrument | None = None,
    *,
    on: Day | None = None,
) -> tuple[Participation, ...]:
    """The participation records (with their dates and sources), optionally filtered.

    Without ``on`` every period is returned, past and present.

    >>> import eu_ca_partnership as eca
    >>> [(str(p.in_place_by), str(p.end)) for p in eca.participations("UZ", "GSP")]  # start unknown
    [('2007-06-05', '2021-04-09')]
    """
    return (_bundled or default_dataset()).participations(country, instrument, on=on)


def status(
    country: str | int | Country | HasCountryCode, instrument: str | Instrument, *, on: Day | None = None
) -> Presence:
    """Whether ``country`` takes part in ``instrument`` on ``on``: YES, NO or UNKNOWN.

    The answer is a :class:`Presence`, which is also the word it means: it compares equal to
    ``"yes"``, ``"no"`` or ``"unknown"``, and prints as it.

    >>> import eu_ca_partnership as eca
    >>> print(eca.status("Turkmenistan", "GSP", on="2014-01-01"))
    yes
    >>> eca.status("Turkmenistan", "GSP", on="2018-01-01") == "no"
    True
    >>> print(eca.status("Turkmenistan", "GSP", on="2005-01-01"))  # before the earliest list read
    unknown
    """
    return (_bundled or default_dataset()).status(country, instrument, on=on)


def convention(query: str | Convention) -> Convention:
    """A convention of GSP+ (Annex VIII of Regulation (EU) No 978/2012) by id, short name, title or ILO number.

    >>> import eu_ca_partnership as eca
    >>> c = eca.convention("c029")
    >>> c.ilo_number, c.group.value, c.annex_part
    ('C029', 'labour-rights', 'A')
    """
    return (_bundled or default_dataset()).convention(query)


def conventions_for(
    country: str | int | Country | HasCountryCode, *, on: Day | None = None
) -> Answer[Convention]:
    """The conventions ``country`` is bound to implement under GSP+ on ``on``: all 27 of Annex VIII
    while it holds GSP+, none otherwise (the answer's ``remarks`` say why).

    >>> import eu_ca_partnership as eca
    >>> len(eca.conventions_for("Uzbekistan", on="2024-01-01"))
    27
    >>> answer = eca.conventions_for("Tajikistan", on="2024-01-01")
    >>> len(answer), answer.remarks
    (0, ('Tajikistan: GSP, no GSP+ obligations on 2024-01-01',))
    >>> len(eca.conventions_for("Uzbekistan", on="2020-01-01"))
    0
    """
    return (_bundled or default_dataset()).conventions_for(country, on=on)


def countries_bound_by(convention: str | Convention, *, on: Day | None = None) -> Answer[Country]:
    """The countries bound under GSP+ to implement ``convention`` on ``on``.

    >>> import eu_ca_partnership as eca
    >>> [c.name for c in eca.countries_bound_by("C182", on="2018-06-01")]
    ['Kyrgyzstan']
    """
    return (_bundled or default_dataset()).countries_bound_by(convention, on=on)


def ratifications_of(
    country: str | int | Country | HasCountryCode | None = None, convention: str | Convention | None = None
) -> tuple[Ratification, ...]:
    """The recorded days the five became parties to the conventions of GSP+, optionally filtered.

    Only days an official register gives are recorded; ``completeness("ratifications-...")`` says
    what is known to be missing.
    """
    return (_bundled or default_dataset()).ratifications_of(country, convention)


def agreement_for(
    country: str | int | Country | HasCountryCode, *, on: Day | None = None
) -> Instrument | None:
    """The bilateral agreement in force for ``country`` on ``on`` (``None`` if the sources show none).

    >>> import eu_ca_partnership as eca
    >>> eca.agreement_for("Kazakhstan", on="2020-02-29").id, eca.agreement_for("Kazakhstan", on="2026-12-01").id
    ('eu-kazakhstan-pca', 'eu-kazakhstan-epca')
    """
    return (_bundled or default_dataset()).agreement_for(country, on=on)


def dialogue_rounds(
    country: str | int | Country | HasCountryCode, *, on: Day | None = None
) -> Answer[DialogueRound]:
    """The recorded rounds of the EU's human rights dialogue with ``country``, oldest first.

    Without ``on``, every recorded round, scheduled ones included (the latest known state,
    answered for today, with no warning); with ``on``, only the rounds certainly held by that day. A round known only to the year or month
    sorts before the days of that period; one whose year is inferred says so (``year_inferred``).
    The answer's ``completeness`` says how much of the dialogue's series the data holds.

    >>> import eu_ca_partnership as eca
    >>> rounds = eca.dialogue_rounds("Tajikistan")
    >>> last = rounds[-1]
    >>> last.number, str(last.start), last.place
    (15, '2025-10-17', 'Brussels')
    >>> rounds.completeness.series.id
    'eu-tajikistan-human-rights-dialogue-rounds'
    """
    return (_bundled or default_dataset()).dialogue_rounds(country, on=on)


def timeline(
    *,
    country: str | int | Country | HasCountryCode | None = None,
    since: When | None = None,
    until: When | None = None,
    kind: EventKind | EventKindName | None = None,
    region_wide: bool = True,
) -> tuple[Event, ...]:
    """Dated events, oldest first: agreements' milestones, GSP decisions, strategies, summits, ...

    Events are a selection, not a complete series: ``completeness`` says which series of
    events (summits, ministerial meetings, ...) are counted, and how completely.
    ``country`` keeps the events that name it and the region-wide ones (which name no
    country), or only those that name it with ``region_wide=False``. ``since`` and ``until`` (dates or ISO strings, inclusive) keep the events
    that may fall in the range, so an event known only to the year counts for every day of it.
    Unlike ``on``, they reach before the coverage start: the timeline is history.

    >>> import eu_ca_partnership as eca
    >>> [(str(e.date), e.kind.value) for e in eca.timeline(country="UZ", kind="signed")]
    [('1996-06-21', 'signed'), ('2025-10-24', 'signed')]
    """
    return (_bundled or default_dataset()).timeline(
        country=country, since=since, until=until, kind=kind, region_wide=region_wide
    )


def envoys_on(on: Day | None = None) -> Answer[Envoy]:
    """The EU Special Representatives (or interim envoys) for Central Asia in office on ``on``.

    >>> import eu_ca_partnership as eca
    >>> [e.name for e in eca.envoys_on("2019-01-01")]
    ['Peter Burian']
    """
    return (_bundled or default_dataset()).envoys_on(on)


def source(source_id: str) -> Source:
    """The source record with this id."""
    return (_bundled or default_dataset()).source(source_id)


def sources_of(record: Any) -> tuple[Source, ...]:
    """The sources a record cites, including those of its field notes.

    >>> import eu_ca_partnership as eca
    >>> [s.kind.value for s in eca.sources_of(eca.CIVIL_SOCIETY_FACILITY)][:1]
    ['mirror']
    """
    return (_bundled or default_dataset()).sources_of(record)


@overload
def record(record_id: str) -> Record: ...


@overload
def record(record_id: str, kind: type[R]) -> R: ...


def record(record_id: str, kind: type[Record] | None = None) -> Record:
    """Any record that has an id: a country (by its alpha-2 code), an instrument, a participation, an event, a source, ...

    With ``kind`` (a record class), the record must be one of that class, and type checkers know it is.

    >>> import eu_ca_partnership as eca
    >>> eca.record("gsp-plus") is eca.GSP_PLUS, eca.record("KZ") is eca.KAZAKHSTAN
    (True, True)
    >>> eca.record("janos-herman", eca.Envoy).formal_eusr
    False
    """
    data = _bundled or default_dataset()
    return data.record(record_id) if kind is None else data.record(record_id, kind)


def completeness(series: str | Series | Instrument | Country) -> Completeness:
    """How much of a series the data holds, and what it is known to lack.

    ``series`` is a series id, or what the series counts: a dialogue (its id or record),
    an event kind such as ``"ministerial"``, or a country (its human rights dialogue's rounds).
    ``str()`` of the answer says it in one line.

    >>> print(completeness("eu-special-representatives"))
    7 recorded; the sources show 7 held by 2025-03-01; complete
    """
    return (_bundled or default_dataset()).completeness(series)


def table(records: Any, *, data: Dataset | None = None) -> Table:
    """Records (or one record) as a :class:`Table`, which Jupyter shows as an HTML table.

    Each row is a record; the columns are its fields except long prose and nested records
    (``description``, ``note``, ``field_notes``, ...), which a single record's own display shows.
    Sources are links, resolved in ``data`` (the bundled dataset by default).

    >>> import eu_ca_partnership as eca
    >>> shown = eca.table(eca.instruments_for("Tajikistan", on="2026-12-01"))
    >>> len(shown), shown[0].id
    (5, 'gsp')
    >>> "<th" in shown._repr_html_()
    True
    """
    from ._display import Table, make_table

    if isinstance(records, Table) and data is None:
        data = records.data
    return make_table(records, data=data if data is not None else default_dataset())
