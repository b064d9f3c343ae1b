"""The European Union's partnership with Central Asia on peace, democracy and human rights, as data.

Every record cites its sources. The constants and helpers below read the bundled
data on first use, not at import.

>>> import eu_ca_partnership as eca
>>> [i.short_name for i in eca.instruments_for("Tajikistan", kind="trade-preference")]
['GSP']
>>> [c.name for c in eca.countries_with(eca.GSP_PLUS)]
['Kyrgyzstan', 'Uzbekistan']
>>> eca.CIVIL_SOCIETY_FACILITY.budget.amount, eca.CIVIL_SOCIETY_FACILITY.launched.month
(Decimal('4500000'), 9)
"""

from __future__ import annotations

import threading
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .exceptions import (
    DataError,
    ExportError,
    InvalidChoiceError,
    InvalidDateError,
    MissingExtraError,
    OutOfCoverageError,
    PartnershipError,
    UnknownCountryError,
    UnknownInstrumentError,
    UnknownRecordError,
)

if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping

    from ._dataset import Dataset, UncertainAnswerWarning
    from ._dates import PartialDate
    from ._display import Table, table
    from ._export import export
    from ._frames import to_dataframe
    from ._model import (
        Challenge,
        Claim,
        Confidence,
        Country,
        DialogueRound,
        Envoy,
        Event,
        EventKind,
        Facility,
        FieldNote,
        Forum,
        ForumEdition,
        Instrument,
        Kind,
        Level,
        Mechanism,
        Meta,
        Money,
        Participation,
        Pillar,
        Presence,
        Scope,
        Source,
        SourceKind,
        Theme,
        Topic,
    )
    from ._plot import plot_timeline
    from ._schema import json_schema

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
    DATA_AS_OF: datetime.date
    COVERAGE_START: datetime.date

__all__ = [
    "CIVIL_SOCIETY_FACILITY",
    "CIVIL_SOCIETY_FORUM",
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
    "Challenge",
    "Claim",
    "Confidence",
    "Country",
    "DataError",
    "Dataset",
    "DialogueRound",
    "Envoy",
    "Event",
    "EventKind",
    "ExportError",
    "Facility",
    "FieldNote",
    "Forum",
    "ForumEdition",
    "Instrument",
    "InvalidChoiceError",
    "InvalidDateError",
    "Kind",
    "Level",
    "Mechanism",
    "Meta",
    "MissingExtraError",
    "Money",
    "OutOfCoverageError",
    "PartialDate",
    "Participation",
    "PartnershipError",
    "Pillar",
    "Presence",
    "Scope",
    "Source",
    "SourceKind",
    "Table",
    "Theme",
    "Topic",
    "UncertainAnswerWarning",
    "UnknownCountryError",
    "UnknownInstrumentError",
    "UnknownRecordError",
    "__version__",
    "agreement_for",
    "countries_with",
    "country",
    "default_dataset",
    "dialogue_rounds",
    "envoys_on",
    "export",
    "instrument",
    "instruments_for",
    "json_schema",
    "load",
    "participations",
    "plot_timeline",
    "record",
    "source",
    "sources_of",
    "status",
    "table",
    "timeline",
    "to_dataframe",
]

_lock = threading.Lock()
_bundled: Dataset | None = None
# Two read-only indexes of the bundled dataset, bound when it loads, for the warm path of the
# two most frequent calls: a hit answers without a second function call (benchmarks/, target 3).
# A miss, or a dataset not loaded yet, goes on to the Dataset method, which gives the same answer.
_country_keys: Mapping[str, Country] = MappingProxyType({})
_settled_now_by_key: Mapping[str, tuple[Instrument, ...]] = MappingProxyType({})


def default_dataset() -> Dataset:
    """The bundled dataset, loaded once (thread-safely) on first use."""
    global _bundled, _country_keys, _settled_now_by_key
    if _bundled is None:
        with _lock:
            if _bundled is None:
                from ._loader import load as _load

                loaded = _load()
                _country_keys = loaded._country_keys
                _settled_now_by_key = loaded._settled_now_by_key
                _bundled = loaded
    return _bundled


def load(path: str | Any = None) -> Dataset:
    """The bundled data, or a dataset of the same shape from the folder ``path``."""
    from ._loader import load as _load

    return _load(path)


_CONSTANTS: dict[str, Any] = {
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
    "DATA_AS_OF": lambda d: d.meta.data_as_of,
    "COVERAGE_START": lambda d: d.meta.coverage_start,
}


#: Public names imported from their module on first use (PEP 562), so that ``import`` builds no
#: record class and never imports cattrs, pandas or matplotlib.
_LAZY = {
    "Challenge": "._model",
    "Claim": "._model",
    "Confidence": "._model",
    "Country": "._model",
    "DialogueRound": "._model",
    "Envoy": "._model",
    "Event": "._model",
    "EventKind": "._model",
    "Facility": "._model",
    "FieldNote": "._model",
    "Forum": "._model",
    "ForumEdition": "._model",
    "Instrument": "._model",
    "Kind": "._model",
    "Level": "._model",
    "Mechanism": "._model",
    "Meta": "._model",
    "Money": "._model",
    "Participation": "._model",
    "Pillar": "._model",
    "Presence": "._model",
    "Scope": "._model",
    "Source": "._model",
    "SourceKind": "._model",
    "Theme": "._model",
    "Topic": "._model",
    "Dataset": "._dataset",
    "UncertainAnswerWarning": "._dataset",
    "PartialDate": "._dates",
    "Table": "._display",
    "table": "._display",
    "export": "._export",
    "to_dataframe": "._frames",
    "plot_timeline": "._plot",
    "json_schema": "._schema",
}


def __getattr__(name: str) -> Any:
    """Resolve a class, a function or a data constant on first access (PEP 562)."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    try:
        make = _CONSTANTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = make(default_dataset())
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def country(query: str | int | Country) -> Country:
    """A country from its name, official or EU name, alias, or ISO alpha-2, alpha-3 or numeric code.

    Case, accents and surrounding whitespace are ignored; a :class:`Country` passes through.

    >>> import eu_ca_partnership as eca
    >>> eca.country(" kyrgyz republic ") is eca.country("KGZ") is eca.country(417)
    True
    """
    try:
        return _country_keys[query]  # type: ignore[index]
    except (KeyError, TypeError):  # not a spelling as written, or not a str: the full lookup
        return (_bundled or default_dataset()).country(query)


def instrument(query: str | Instrument) -> Instrument:
    """An instrument by its id, its name or its short name (case is ignored).

    >>> import eu_ca_partnership as eca
    >>> eca.instrument("gsp+") is eca.instrument("GSP+") is eca.instrument("gsp-plus") is eca.GSP_PLUS
    True
    """
    return (_bundled or default_dataset()).instrument(query)


def instruments_for(
    country: str | int | Country, *, on: object = None, kind: Kind | str | None = None
) -> tuple[Instrument, ...]:
    """Every instrument (bilateral and regional) the country takes part in on ``on``.

    ``on`` is a :class:`datetime.date` or an ISO 8601 string; ``None`` means the latest
    state the data knows (``DATA_AS_OF``). ``kind`` keeps one :class:`Kind`.

    >>> import eu_ca_partnership as eca
    >>> [i.id for i in eca.instruments_for("Kyrgyzstan", on="2015-06-01", kind="trade-preference")]
    ['gsp']
    """
    if on is None and kind is None:
        try:
            return _settled_now_by_key[country]  # type: ignore[index]
        except (KeyError, TypeError):  # unsettled, not a spelling as written, or not a str
            pass
    return (_bundled or default_dataset()).instruments_for(country, on=on, kind=kind)


def countries_with(instrument: str | Instrument, *, on: object = None) -> tuple[Country, ...]:
    """The countries taking part in ``instrument`` on ``on``, alphabetical by name.

    >>> import eu_ca_partnership as eca
    >>> [c.name for c in eca.countries_with(eca.GSP_PLUS, on="2020-06-01")]
    ['Kyrgyzstan']
    """
    return (_bundled or default_dataset()).countries_with(instrument, on=on)


def participations(
    country: str | int | Country | None = None,
    instrument: str | Instrument | None = None,
    *,
    on: object = None,
) -> tuple[Participation, ...]:
    """The participation records (with their dates and sources), optionally filtered.

    Without ``on`` every period is returned, past and present.

    >>> import eu_ca_partnership as eca
    >>> [(str(p.start), str(p.end)) for p in eca.participations("UZ", "GSP")]
    [('2014-01-01', '2021-04-09')]
    """
    return (_bundled or default_dataset()).participations(country, instrument, on=on)


def status(country: str | int | Country, instrument: str | Instrument, *, on: object = None) -> Presence:
    """Whether ``country`` takes part in ``instrument`` on ``on``: YES, NO or UNKNOWN.

    >>> import eu_ca_partnership as eca
    >>> eca.status("Turkmenistan", "GSP", on="2014-01-01").value
    'yes'
    >>> eca.status("Turkmenistan", "GSP", on="2018-01-01").value
    'unknown'
    """
    return (_bundled or default_dataset()).status(country, instrument, on=on)


def agreement_for(country: str | int | Country, *, on: object = None) -> Instrument | None:
    """The bilateral agreement in force for ``country`` on ``on`` (``None`` if the sources show none).

    >>> import eu_ca_partnership as eca
    >>> eca.agreement_for("Kazakhstan", on="2020-02-29").id, eca.agreement_for("Kazakhstan").id
    ('eu-kazakhstan-pca', 'eu-kazakhstan-epca')
    """
    return (_bundled or default_dataset()).agreement_for(country, on=on)


def dialogue_rounds(country: str | int | Country, *, on: object = None) -> tuple[DialogueRound, ...]:
    """The recorded rounds of the EU's human rights dialogue with ``country``, oldest first.

    With ``on``, only the rounds certainly held by that day. A round known only to the year
    or month sorts before the days of that period; one whose year is inferred says so
    (``year_inferred``).

    >>> import eu_ca_partnership as eca
    >>> last = eca.dialogue_rounds("Tajikistan")[-1]
    >>> last.number, str(last.start), last.place
    (15, '2025-10-17', 'Brussels')
    """
    return (_bundled or default_dataset()).dialogue_rounds(country, on=on)


def timeline(
    *,
    country: str | int | Country | None = None,
    since: object = None,
    until: object = None,
    kind: EventKind | str | None = None,
) -> tuple[Event, ...]:
    """Dated events, oldest first: agreements' milestones, GSP decisions, strategies, summits, ...

    ``country`` keeps the events that name it and the region-wide ones (which name no
    country). ``since`` and ``until`` (dates or ISO strings, inclusive) keep the events
    that may fall in the range, so an event known only to the year counts for every day of it.
    Unlike ``on``, they reach before the coverage start: the timeline is history.

    >>> import eu_ca_partnership as eca
    >>> [(str(e.date), e.kind.value) for e in eca.timeline(country="UZ", kind="signed")]
    [('1996', 'signed'), ('2025-10-24', 'signed')]
    """
    return (_bundled or default_dataset()).timeline(country=country, since=since, until=until, kind=kind)


def envoys_on(on: object = None) -> tuple[Envoy, ...]:
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


def record(record_id: str) -> Any:
    """Any record that has an id (instrument, participation, event, topic, source, ...)."""
    return (_bundled or default_dataset()).record(record_id)
