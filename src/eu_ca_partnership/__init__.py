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

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from ._dataset import Dataset, UncertainAnswerWarning
from ._dates import PartialDate
from ._display import Table, table
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
    from ._export import export
    from ._frames import to_dataframe
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
    DATA_AS_OF: dt.date
    COVERAGE_START: dt.date

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
_dataset: Dataset | None = None


def default_dataset() -> Dataset:
    """The bundled dataset, loaded once (thread-safely) on first use."""
    global _dataset
    if _dataset is None:
        with _lock:
            if _dataset is None:
                from ._loader import load as _load

                _dataset = _load()
    return _dataset


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


#: Functions imported on first use, so ``import`` stays cheap (and never imports pandas or matplotlib).
_LAZY_FUNCTIONS = {
    "export": "._export",
    "to_dataframe": "._frames",
    "plot_timeline": "._plot",
    "json_schema": "._schema",
}


def __getattr__(name: str) -> Any:
    """Resolve a data constant on first access (PEP 562), so ``import`` reads no data."""
    if name in _LAZY_FUNCTIONS:
        import importlib

        function = getattr(importlib.import_module(_LAZY_FUNCTIONS[name], __name__), name)
        globals()[name] = function
        return function
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
    return default_dataset().country(query)


def instrument(query: str | Instrument) -> Instrument:
    return default_dataset().instrument(query)


def instruments_for(
    country: str | int | Country, *, on: object = None, kind: Kind | str | None = None
) -> tuple[Instrument, ...]:
    return default_dataset().instruments_for(country, on=on, kind=kind)


def countries_with(instrument: str | Instrument, *, on: object = None) -> tuple[Country, ...]:
    return default_dataset().countries_with(instrument, on=on)


def participations(
    country: str | int | Country | None = None,
    instrument: str | Instrument | None = None,
    *,
    on: object = None,
) -> tuple[Participation, ...]:
    return default_dataset().participations(country, instrument, on=on)


def status(country: str | int | Country, instrument: str | Instrument, *, on: object = None) -> Presence:
    return default_dataset().status(country, instrument, on=on)


def agreement_for(country: str | int | Country, *, on: object = None) -> Instrument | None:
    return default_dataset().agreement_for(country, on=on)


def dialogue_rounds(country: str | int | Country, *, on: object = None) -> tuple[DialogueRound, ...]:
    return default_dataset().dialogue_rounds(country, on=on)


def timeline(
    *,
    country: str | int | Country | None = None,
    since: object = None,
    until: object = None,
    kind: EventKind | str | None = None,
) -> tuple[Event, ...]:
    return default_dataset().timeline(country=country, since=since, until=until, kind=kind)


def envoys_on(on: object = None) -> tuple[Envoy, ...]:
    return default_dataset().envoys_on(on)


def source(source_id: str) -> Source:
    return default_dataset().source(source_id)


def sources_of(record: Any) -> tuple[Source, ...]:
    return default_dataset().sources_of(record)


def record(record_id: str) -> Any:
    return default_dataset().record(record_id)


for _helper in (
    country,
    instrument,
    instruments_for,
    countries_with,
    participations,
    status,
    source,
    sources_of,
    record,
):
    _helper.__doc__ = getattr(Dataset, _helper.__name__).__doc__
del _helper
