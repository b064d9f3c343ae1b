"""The loaded dataset: its records by kind, the indexes built once at load, and every query."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import gc
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, TypeVar, overload

import attrs

from . import _dates
from ._answers import Answer, Doubt, UncertainAnswerWarning, warn_at_caller, warn_unverified
from ._dates import Day, When, as_date, date_range
from ._kinds import BY_NAME, KINDS, RecordKind, ordered, record_name, references
from ._model import Country, Instrument, Kind, KindName, Meta, Participation, Presence, Record, presence
from ._names import APOSTROPHES, close_match, folded, normalise
from .exceptions import (
    InvalidChoiceError,
    OutOfCoverageError,
    UnknownCountryError,
    UnknownInstrumentError,
    UnknownRecordError,
    quoted,
)

if TYPE_CHECKING:
    from ._model_founding import Challenge, Mechanism, Pillar, Topic
    from ._model_history import Completeness, DialogueRound, Envoy, Event, EventKind, EventKindName, Series
    from ._model_labour import Convention, Ratification
    from ._model_sources import Source

__all__ = ["Dataset", "HasCountryCode"]


class HasCountryCode(Protocol):
    """Anything that holds a country's ISO 3166-1 alpha-2 code as a str, such as a pycountry country.

    Every question that takes a country takes one too (and, at run time, an object that holds
    only an ``alpha_3``).
    """

    @property
    def alpha_2(self) -> str:
        """The ISO 3166-1 alpha-2 code, such as ``"KZ"``."""


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector while the records of a dataset are made.

    A load makes many objects and no garbage cycles; the collector's passes over the growing heap
    would only cost time, and make a large load more than linear in its size.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_NONE: Mapping[str, Any] = MappingProxyType({})


def _frozen_index(pairs: Iterable[tuple[str, Any]]) -> Mapping[str, Any]:
    return MappingProxyType(dict(pairs))


def _grouped(rows: Iterable[Any], key: str) -> Mapping[str, tuple[Any, ...]]:
    groups: defaultdict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return MappingProxyType({name: tuple(items) for name, items in groups.items()})


#: Makes the records of the deferred kinds, by kind name (see :class:`Records`).
MakeDeferred = Callable[[], Mapping[str, Iterable[Any]]]


class Records(Mapping[str, tuple[Any, ...]]):
    """Every kind's records by kind name, in the registry's order; each kind's in the dataset's order.

    A nested kind's records are gathered from their parents. A dataset read from the snapshot
    is given the kinds a first answer needs, and ``deferred``, which makes the others
    (``RecordKind.deferred``: sources, events, dialogue rounds, ...). It runs once, under a lock,
    on the first access to any of them, and never for a first answer (benchmarks/, target 1).
    """

    __slots__ = ("_kinds", "_lock", "_make")

    def __init__(self, records: Mapping[str, Iterable[Any]], deferred: MakeDeferred | None = None) -> None:
        self._kinds: dict[str, tuple[Any, ...]] = {}
        self._make = deferred
        self._lock = threading.Lock()
        self._add(records, [kind for kind in KINDS if deferred is None or not kind.deferred])

    def _add(self, records: Mapping[str, Iterable[Any]], kinds: list[RecordKind]) -> None:
        given = [kind.name for kind in kinds if kind.nested is None]
        unknown = sorted(set(records) - set(given))
        if unknown:
            raise ValueError(
                f"records of {', '.join(map(repr, unknown))} cannot be given; "
                f"a dataset is made of the records of {', '.join(map(repr, sorted(given)))}"
            )
        for kind in kinds:
            if kind.nested is None:
                self._kinds[kind.name] = ordered(kind, records.get(kind.name, ()))
        for kind in kinds:
            if kind.nested is not None:
                parents = self._kinds[kind.nested.parent]
                self._kinds[kind.name] = tuple(
                    child for parent in parents for child in getattr(parent, kind.nested.field, ())
                )

    def __getitem__(self, name: str) -> tuple[Any, ...]:
        found = self._kinds.get(name)
        if found is None and self._make is not None and name in BY_NAME:
            with self._lock:
                if self._make is not None:
                    self._add(self._make(), [kind for kind in KINDS if kind.deferred])
                    self._make = None
            found = self._kinds.get(name)
        if found is None:
            raise KeyError(name)
        return found

    @property
    def pending(self) -> tuple[str, ...]:
        """The kinds whose records are not made yet (empty once any deferred kind has been read)."""
        return tuple(name for name in BY_NAME if name not in self._kinds)

    def __contains__(self, name: object) -> bool:
        return name in BY_NAME

    def __iter__(self) -> Iterator[str]:
        return iter(BY_NAME)

    def __len__(self) -> int:
        return len(BY_NAME)

    def __repr__(self) -> str:
        return f"Records({', '.join(BY_NAME)})"


# Not slotted, and no converter: attrs imports `inspect` to make a slotted class with a
# cached_property, or a field with a converter. attrs 26.1.0 imports it anyway; its next release
# will not (attrs PR #1600, merged 2026-07-31), and then this saves a first answer 5 ms.
@attrs.frozen(kw_only=True, unsafe_hash=False, repr=False, init=False, slots=False)
class Dataset:
    """Every record of the partnership, with the queries over them.

    The module-level helpers of :mod:`eu_ca_partnership` are the methods of the
    bundled dataset; :func:`eu_ca_partnership.load` gives others. ``records`` maps
    each kind's name to its records (see :meth:`records`); a kind held inside another
    kind's records (the forum editions) is gathered from them.

    >>> import eu_ca_partnership as eca
    >>> data = eca.load()
    >>> data.instruments_for("TJ", on="2026-12-01", kind="trade-preference")
    (Instrument(id='gsp', name='Generalised Scheme of Preferences (standard arrangement)'),)
    """

    meta: Meta
    _records: Records = attrs.field(alias="records")

    country_index: Mapping[str, Country] = attrs.field(init=False, repr=False, eq=False)
    """Every name and code of every country, as written and normalised: the lookup index."""
    latest_index: ClassVar[tuple[dt.date | None, Mapping[str, Answer[Instrument]], object, float]] = (
        None,
        MappingProxyType({}),
        None,
        0.0,
    )
    """The warm path of a question without a day: a day, ``instruments_for(key)`` on it for each
    key of :attr:`country_index` whose country the sources fully settle that day, the clock that
    gave the day, and the POSIX time until which it is valid (the next midnight). Made by the
    first such question of the day, once its caveat is given; a call checks the clock is the same
    function and the time before its end, which costs less than asking the clock the date. A
    cache, as the indexes made on first use are: not a field of the dataset."""
    _instruments_by_id: Mapping[str, Instrument] = attrs.field(init=False, repr=False, eq=False)
    _by_country: Mapping[str, tuple[Participation, ...]] = attrs.field(init=False, repr=False, eq=False)
    _by_instrument: Mapping[str, tuple[Participation, ...]] = attrs.field(init=False, repr=False, eq=False)
    _rank: Mapping[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __init__(self, *, meta: Meta, records: Mapping[str, Iterable[Any]]) -> None:
        self.__attrs_init__(meta=meta, records=records if isinstance(records, Records) else Records(records))

    def __attrs_post_init__(self) -> None:
        setter = object.__setattr__
        setter(self, "country_index", _frozen_index(self._country_pairs()))
        setter(self, "_by_country", _grouped(self.all_participations, "country"))
        setter(self, "_by_instrument", _grouped(self.all_participations, "instrument"))
        setter(self, "_instruments_by_id", _frozen_index((i.id, i) for i in self.instruments))
        setter(self, "_rank", _frozen_index((i.id, rank) for rank, i in enumerate(self.instruments)))

    # Indexes made on first use: those over every kind would make the deferred kinds, and a
    # first answer about a country looks up no instrument by name.

    @functools.cached_property
    def _instrument_keys(self) -> tuple[Mapping[str, Instrument], Mapping[str, tuple[str, ...]]]:
        return self._instrument_pairs()

    @functools.cached_property
    def _by_id(self) -> Mapping[str, Any]:
        return _frozen_index(
            (getattr(record, kind.id_field), record)
            for kind in KINDS
            if kind.id_field is not None
            for record in self._records[kind.name]
        )

    @functools.cached_property
    def _sources_by_id(self) -> Mapping[str, Source]:
        return _frozen_index((s.id, s) for s in self.sources)

    @functools.cached_property
    def _series_keys(self) -> Mapping[str, Series]:
        values = [s.value for s in self.series if s.value is not None]
        return _frozen_index(
            [(s.value, s) for s in self.series if s.value is not None and values.count(s.value) == 1]
            + [(s.id, s) for s in self.series]
        )

    def __repr__(self) -> str:
        """The date of the data and how many records of each kind it holds (of those read yet)."""
        pending = self._records.pending
        counted = [f"{len(self._records[name])} {name}" for name in BY_NAME if name not in pending]
        if pending:
            counted.append(f"{len(pending)} kinds not read yet")
        return f"Dataset(data_as_of={self.data_as_of.isoformat()!r}: {', '.join(counted)})"

    def records(self, kind: str | None = None) -> tuple[Any, ...]:
        """The records of one kind (a table name, such as ``"participations"``), or of every kind.

        >>> import eu_ca_partnership as eca
        >>> len(eca.default_dataset().records("countries"))
        5
        """
        if kind is None:
            return tuple(record for rows in self._records.values() for record in rows)
        if not isinstance(kind, str):
            raise TypeError(f"a kind is named by a str, got {type(kind).__name__}")
        try:
            return self._records[kind]
        except KeyError:
            accepted = ", ".join(repr(name) for name in self._records)
            raise InvalidChoiceError(
                f"kind={quoted(kind)} is not a record kind; accepted: {accepted}"
            ) from None

    @property
    def countries(self) -> tuple[Country, ...]:
        """The five countries, alphabetical by name."""
        return self._records["countries"]

    @property
    def instruments(self) -> tuple[Instrument, ...]:
        """Every instrument, by kind (as :class:`Kind` lists them), then name."""
        return self._records["instruments"]

    @property
    def all_participations(self) -> tuple[Participation, ...]:
        """Every participation, past and present, as the data lists them."""
        return self._records["participations"]

    @property
    def all_dialogue_rounds(self) -> tuple[DialogueRound, ...]:
        """Every dialogue round of every country, oldest first."""
        return self._records["dialogue_rounds"]

    @property
    def events(self) -> tuple[Event, ...]:
        """Every dated event, oldest first."""
        return self._records["events"]

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The topics of the human rights dialogues."""
        return self._records["topics"]

    @property
    def mechanisms(self) -> tuple[Mechanism, ...]:
        """The mechanisms by which the EU protects and promotes human rights in the region."""
        return self._records["mechanisms"]

    @property
    def pillars(self) -> tuple[Pillar, ...]:
        """The pillars of EU–Central Asia cooperation."""
        return self._records["pillars"]

    @property
    def challenges(self) -> tuple[Challenge, ...]:
        """The challenges the EU and Central Asia face together."""
        return self._records["challenges"]

    @property
    def envoys(self) -> tuple[Envoy, ...]:
        """The EU Special Representatives (and interim envoys) for Central Asia."""
        return self._records["envoys"]

    @property
    def series(self) -> tuple[Series, ...]:
        """The series users count (dialogue rounds, envoys, meetings), with what each lacks."""
        return self._records["series"]

    @property
    def conventions(self) -> tuple[Convention, ...]:
        """The 27 conventions a GSP+ beneficiary must implement (Annex VIII of Regulation (EU) No 978/2012)."""
        return self._records["conventions"]

    @property
    def ratifications(self) -> tuple[Ratification, ...]:
        """The days the five became parties to those conventions, where an official register gives them."""
        return self._records["ratifications"]

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the data cites."""
        return self._records["sources"]

    def _settle(self, day: dt.date) -> None:
        """Make :attr:`latest_index` for ``day``: ``instruments_for(country)`` on it, for the
        countries whose every period the sources settle that day and every instrument describes."""
        if any(_undescribed(tool, day) for tool in self.instruments):
            return
        settled = {}
        for code, rows in self._by_country.items():
            answers = [(row, self._status(row, day)) for row in rows]
            if all(answer is not Presence.UNKNOWN for _, answer in answers):
                held = {row.instrument for row, answer in answers if answer is Presence.YES}
                settled[code] = Answer(self._in_order(held), on=day, data_as_of=self.data_as_of)
        index = {key: settled[c.alpha_2] for key, c in self.country_index.items() if c.alpha_2 in settled}
        warm = (day, MappingProxyType(index), _dates.today, _dates.next_midnight())
        object.__setattr__(self, "latest_index", warm)

    def warm(self) -> Mapping[str, Answer[Instrument]]:
        """The answers of :attr:`latest_index`, if they are still today's (else none)."""
        _, answers, clock, until = self.latest_index
        return answers if clock is _dates.today and time.time() < until else _NONE

    def _in_order(self, instrument_ids: Iterable[str]) -> tuple[Instrument, ...]:
        return tuple(self._instruments_by_id[i] for i in sorted(instrument_ids, key=self._rank.__getitem__))

    def _country_pairs(self) -> Iterable[tuple[str, Country]]:
        for country in self.countries:
            for text in country.spellings():
                yield text, country  # as written: found without normalising the query
                key = normalise(text)
                yield key, country
                if APOSTROPHES[0] in key:  # typed without the apostrophe, in ASCII: "Ozbekiston"
                    yield key.replace(APOSTROPHES[0], ""), country

    def _instrument_pairs(
        self,
    ) -> tuple[Mapping[str, Instrument], Mapping[str, tuple[str, ...]]]:
        exact: dict[str, Instrument] = {}
        short: defaultdict[str, list[Instrument]] = defaultdict(list)
        for instrument in self.instruments:
            exact[instrument.id] = instrument
            exact[instrument.name] = instrument  # as written: found without normalising the query
            exact[normalise(instrument.name)] = instrument
            if instrument.short_name:
                short[normalise(instrument.short_name)].append(instrument)
        ambiguous: dict[str, tuple[str, ...]] = {}
        for key, candidates in short.items():
            if key in exact:
                continue
            if len(candidates) == 1:
                exact[key] = candidates[0]
            else:
                ambiguous[key] = tuple(c.id for c in candidates)
        return MappingProxyType(exact), MappingProxyType(ambiguous)

    # -- lookups -------------------------------------------------------------------------

    @property
    def data_as_of(self) -> dt.date:
        """The day the facts were last checked against their sources."""
        return self.meta.data_as_of

    def country(self, query: str | int | Country | HasCountryCode) -> Country:
        """Like :func:`eu_ca_partnership.country`, answered from this dataset."""
        if type(query) is str:  # the common case first: a name or code as written
            found = self.country_index.get(query)
            if found is not None:
                return found
        if isinstance(query, Country):  # this dataset's own record for it, even from another dataset
            return self.country(query.alpha_2)
        if isinstance(query, int) and not isinstance(
            query, bool
        ):  # a numeric code; too long to be one: named
            query = f"{query:03d}" if query.bit_length() <= 64 else quoted(query)
        if not isinstance(query, str):
            code = _iso_code(query)  # a pycountry country, or any object with ISO 3166-1 codes
            if code is not None:
                return self.country(code)
            raise TypeError(
                f"a country is looked up by a str (name or code), an int (numeric code), a Country, "
                f"or an object with an ISO 3166-1 alpha_2 or alpha_3 (a str), got {type(query).__name__}"
            )
        found = self.country_index.get(query) or self.country_index.get(normalise(query))
        if found is not None:
            return found
        raise self._no_country(query)

    def _no_country(self, query: str) -> UnknownCountryError:
        """The error of a miss: it says when the query names a region of one of the five, or another
        country; otherwise it suggests a name of the five only if the query is close to one."""
        accepted = (
            f"Accepted: a name of {', '.join(c.name for c in self.countries)} (in English, French, German, "
            "Russian or a state language), an ISO 3166-1 code (alpha-2, alpha-3 or numeric) or a Wikidata id"
        )
        place = _places().get(folded(query))
        if place is not None and place.sources:  # a region of one of the five
            country = self.country(place.code)
            return UnknownCountryError(
                f"no country matches {quoted(query)}: {place.name} is a region of {country.name} "
                f"(source: {', '.join(place.sources)}); did you mean {country.name!r}? {accepted}",
                query=query,
                suggestion=country.name,
            )
        if place is not None:  # another country of the world
            return UnknownCountryError(
                f"no country matches {quoted(query)}: {place.name} ({place.code}) is not one of the five "
                f"partner countries. {accepted}",
                query=query,
                suggestion=None,
            )
        return _miss(UnknownCountryError, "country", query, self.country_index, lambda c: c.name, accepted)

    def instrument(self, query: str | Instrument) -> Instrument:
        """Like :func:`eu_ca_partnership.instrument`, answered from this dataset."""
        if isinstance(query, Instrument):
            return self.instrument(query.id)
        if not isinstance(query, str):
            raise TypeError(
                f"an instrument is looked up by a str or an Instrument, got {type(query).__name__}"
            )
        key = normalise(query)
        keys, ambiguous = self._instrument_keys
        found = keys.get(query) or keys.get(key)
        if found is not None:
            return found
        if key in ambiguous:
            candidates = ", ".join(ambiguous[key])
            raise UnknownInstrumentError(
                f"{quoted(query)} names several instruments ({candidates}); use one of these ids",
                query=query,
                suggestion=None,
            )
        raise _miss(
            UnknownInstrumentError,
            "instrument",
            query,
            keys,
            lambda i: i.id,
            "Accepted: an id, name or short name, such as "
            + ", ".join(repr(i.id) for i in self.instruments[:4])
            + " (see INSTRUMENTS for all)",
        )

    def source(self, source_id: str) -> Source:
        """Like :func:`eu_ca_partnership.source`, answered from this dataset."""
        if not isinstance(source_id, str):
            raise TypeError(f"a source id is a str, got {type(source_id).__name__}")
        try:
            return self._sources_by_id[source_id]
        except KeyError:
            raise _miss(
                UnknownRecordError,
                "source",
                source_id,
                self._sources_by_id,
                lambda s: s.id,
                "Accepted: the id of a record in SOURCES",
            ) from None

    @overload
    def record(self, record_id: str) -> Record: ...

    @overload
    def record(self, record_id: str, kind: type[R]) -> R: ...

    def record(self, record_id: str, kind: type[Record] | None = None) -> Record:
        """Like :func:`eu_ca_partnership.record`, answered from this dataset."""
        if not isinstance(record_id, str):
            raise TypeError(f"a record id is a str, got {type(record_id).__name__}")
        if kind is not None and not (isinstance(kind, type) and issubclass(kind, Record)):
            classes = ", ".join(sorted({c.__name__ for k in KINDS if k.id_field for c in k.classes}))
            raise TypeError(f"kind is a record class ({classes}), got {type(kind).__name__} {quoted(kind)}")
        found = self._by_id.get(record_id)
        if found is None:
            raise _miss(
                UnknownRecordError,
                "record",
                record_id,
                self._by_id,
                record_name,
                "Accepted: the id of a record: "
                + ", ".join(f"{kind.name} ({kind.id_field})" for kind in KINDS if kind.id_field),
            )
        if kind is not None and not isinstance(found, kind):
            raise UnknownRecordError(
                f"{quoted(record_id)} is the id of a {type(found).__name__}, not of a {kind.__name__}",
                query=record_id,
                suggestion=None,
            )
        return found  # type: ignore[no-any-return]

    def completeness(self, series: str | Series | Instrument | Country) -> Completeness:
        """Like :func:`eu_ca_partnership.completeness`, answered from this dataset."""
        from ._model_history import Completeness, Series

        if isinstance(series, Series):
            found: Series | None = self._series_keys.get(series.id)
        elif isinstance(series, Instrument):
            found = self._series_keys.get(series.id)
        elif isinstance(series, str):
            found = self._series_keys.get(series)
            if found is None or found.id != series:  # a country before what a series counts ("KG")
                found = self._country_series(series) or found
        elif isinstance(series, Country):
            found = self._country_series(series)
        else:
            raise TypeError(
                f"a series is named by its id (a str), a Series, the Instrument it counts or a Country; got {type(series).__name__}"
            )
        if found is None:
            shown = series if isinstance(series, str) else getattr(series, "id", "")
            raise _miss(
                UnknownRecordError,
                "series",
                shown,
                self._series_keys,
                lambda s: s.id,
                "Accepted: the id of a series, or what it counts (a dialogue's id, an event kind such as "
                "'ministerial'): " + ", ".join(repr(s.id) for s in self.series),
            )
        return Completeness(series=found, recorded=self.members(found))

    def _country_series(self, query: str | Country) -> Series | None:
        """The series of a country's human rights dialogue, if the query names a country and it
        has one; a country with none or several raises an error naming the series about it."""
        try:
            found = self.country(query)
        except UnknownCountryError:
            return None
        counted = self._dialogue_series(found)
        if len(counted) == 1:
            return counted[0]
        slug = found.name.casefold()
        about = [s.id for s in self.series if slug in s.id or s.value == found.alpha_2]
        raise InvalidChoiceError(
            f"{found.name} has {len(counted) or 'no'} dialogue series; name a series: "
            + (", ".join(map(repr, about)) or "eu-ca series lists them")
        )

    def members(self, series: Series) -> tuple[Any, ...]:
        """The records a series counts, in the dataset's order."""
        records = self.records(series.of)
        if series.key is None:
            return records
        return tuple(r for r in records if _holds(getattr(r, series.key, None), series.value))

    def sources_of(self, record: Any) -> tuple[Source, ...]:
        """Like :func:`eu_ca_partnership.sources_of`, answered from this dataset."""
        ids = dict.fromkeys(cited_by(record))
        if not ids:
            raise TypeError(f"{type(record).__name__} is not a sourced record of this dataset")
        return tuple(self.source(source_id) for source_id in ids)

    # -- questions over time ---------------------------------------------------------------

    def day(self, on: Day | None = None, *, history: bool = False) -> dt.date:
        """The day a date argument means: ``None`` is today (the computer's clock); a ``datetime`` its day.

        A day before the data's coverage raises :class:`OutOfCoverageError` (the answer would be
        falsely empty), unless ``history`` is true (series complete since before it: envoys, rounds).
        A day after ``DATA_AS_OF`` is answered with the latest known state (see :attr:`Answer.unverified`).
        """
        if on is None:
            return _dates.today()
        day = as_date(on)
        if not history and day < self.meta.coverage_start:
            raise OutOfCoverageError(
                f"on={day.isoformat()} is before the data's coverage, which starts "
                f"{self.meta.coverage_start.isoformat()}; an answer would be falsely empty"
            )
        return day

    def _answer(
        self,
        records: Iterable[T],
        day: dt.date,
        doubts: Iterable[Doubt] = (),
        remarks: Iterable[str] = (),
        *,
        turns_on_date: bool = False,
        completeness: Completeness | None = None,
    ) -> Answer[T]:
        """The records as an :class:`Answer` for ``day``, warning of its doubts and of a day past the data.

        The caveat of a day past the data is given once per process, and again when the answer
        ``turns_on_date`` (a scheduled end has passed) or leaves out a participation because its
        instrument's legal basis is scheduled to have expired.
        """
        answer = Answer(
            records,
            on=day,
            data_as_of=self.data_as_of,
            doubts=doubts,
            remarks=remarks,
            completeness=completeness,
        )
        for doubt in answer.doubts:
            warn_at_caller(doubt.why, UncertainAnswerWarning)
        if answer.unverified:
            turns_on_date = turns_on_date or any(
                self._expired(doubt.instrument, day) for doubt in answer.doubts
            )
            warn_unverified(answer.notes()[-1], turns_on_date=turns_on_date)
        return answer

    def _expired(self, instrument: str | None, day: dt.date) -> bool:
        """Whether the legal basis of an instrument is scheduled to have expired by ``day``."""
        tool = self._instruments_by_id.get(instrument or "")
        expires = None if tool is None else tool.expires
        return expires is not None and day > expires.latest()

    def _status(self, row: Participation, day: dt.date) -> Presence:
        """Whether a participation holds on ``day``; past ``DATA_AS_OF``, the latest known state, up
        to the end its instrument's legal basis is scheduled to expire (then the sources cannot tell)."""
        answer = row.status_on(day, data_as_of=self.data_as_of)
        if day > self.data_as_of and answer is Presence.YES:
            expires = self._instruments_by_id[row.instrument].expires
            if expires is not None and day > expires.latest():
                return Presence.UNKNOWN
        return answer

    def status(
        self,
        country: str | int | Country | HasCountryCode,
        instrument: str | Instrument,
        *,
        on: Day | None = None,
    ) -> Presence:
        """Like :func:`eu_ca_partnership.status`, answered from this dataset."""
        found = self.country(country)
        tool = self.instrument(instrument)
        day = self.day(on)
        if day > self.data_as_of:
            # the caveat of a day past the data
            self._answer((), day, turns_on_date=self._expired(tool.id, day))
        answers = {
            self._status(p, day) for p in self._by_country.get(found.alpha_2, ()) if p.instrument == tool.id
        }
        for answer in (Presence.YES, Presence.UNKNOWN):
            if answer in answers:
                return answer
        return Presence.UNKNOWN if _undescribed(tool, day) else Presence.NO

    def _held_on(
        self,
        day: dt.date,
        rows: Iterable[Participation],
        described: tuple[Iterable[Country], Iterable[Instrument]] = ((), ()),
    ) -> tuple[list[Participation], list[Doubt]]:
        """The rows that certainly hold on ``day``, and the doubt of those the sources cannot settle.

        ``described`` is the countries and instruments asked about: each pair the data does not
        describe on ``day`` (before the instrument's ``described_from``) and holds no period of
        then is a doubt too, never a silent "no".
        """
        held, doubts, found = [], [], set()
        for row in rows:
            answer = self._status(row, day)
            if answer is Presence.NO:
                continue
            found.add((row.country, row.instrument))
            if answer is Presence.YES:
                held.append(row)
                continue
            why = (
                f"{self.country(row.country).name} in {row.instrument!r} on {day.isoformat()} is not "
                f"established by the sources (participation {row.id!r}); it is left out"
            )
            if day > self.data_as_of and self._expired(row.instrument, day):
                expires = self._instruments_by_id[row.instrument].expires
                why += f"; its legal basis is scheduled to expire on {expires}"
            doubts.append(Doubt(record=row.id, why=why, country=row.country, instrument=row.instrument))
        countries, instruments = described
        doubts += [
            Doubt(
                record=tool.id,
                why=(
                    f"whether {country.name} took part in {tool.id!r} on {day.isoformat()} is not described by "
                    f"the data, which records every country's periods in it from {tool.described_from}"
                ),
                country=country.alpha_2,
                instrument=tool.id,
            )
            for tool in instruments
            if _undescribed(tool, day)
            for country in countries
            if (country.alpha_2, tool.id) not in found
        ]
        return held, doubts

    def participations(
        self,
        country: str | int | Country | HasCountryCode | None = None,
        instrument: str | Instrument | None = None,
        *,
        on: Day | None = None,
    ) -> tuple[Participation, ...]:
        """Like :func:`eu_ca_partnership.participations`, answered from this dataset."""
        rows: Iterable[Participation] = self.all_participations
        if country is not None:
            rows = self._by_country.get(self.country(country).alpha_2, ())
        if instrument is not None:
            tool_id = self.instrument(instrument).id
            rows = [p for p in rows if p.instrument == tool_id]
        if on is None:
            return tuple(rows)
        day = self.day(on)
        countries = self.countries if country is None else [self.country(country)]
        tools = self.instruments if instrument is None else [self.instrument(instrument)]
        held, doubts = self._held_on(day, rows, described=(countries, tools))
        return self._answer(held, day, doubts)

    def instruments_for(
        self,
        country: str | int | Country | HasCountryCode,
        *,
        on: Day | None = None,
        kind: Kind | KindName | None = None,
    ) -> Answer[Instrument]:
        """Like :func:`eu_ca_partnership.instruments_for`, answered from this dataset."""
        settle = on is None and kind is None
        if settle:  # today: settled for most countries by the first question of the day
            index = self.warm()
            settled = index.get(country) if type(country) is str else None
            if settled is None and index:
                settled = index.get(self.country(country).alpha_2)
            if settled is not None:
                return settled
        found = self.country(country)
        wanted = _member(Kind, kind, "kind", "an instrument kind")
        day = self.day(on)
        rows = [
            p
            for p in self._by_country.get(found.alpha_2, ())
            if wanted is None or self._instruments_by_id[p.instrument].kind is wanted
        ]
        tools = [i for i in self.instruments if wanted is None or i.kind is wanted]
        held, doubts = self._held_on(day, rows, described=([found], tools))
        answer = self._answer(self._in_order({p.instrument for p in held}), day, doubts)
        if settle and not self.warm():
            self._settle(day)
        return answer

    def countries_with(self, instrument: str | Instrument, *, on: Day | None = None) -> Answer[Country]:
        """Like :func:`eu_ca_partnership.countries_with`, answered from this dataset."""
        tool = self.instrument(instrument)
        day = self.day(on)
        rows = self._by_instrument.get(tool.id, ())
        held, doubts = self._held_on(day, rows, described=(self.countries, [tool]))
        codes = {p.country for p in held}
        return self._answer((c for c in self.countries if c.alpha_2 in codes), day, doubts)

    def convention(self, query: str | Convention) -> Convention:
        """Like :func:`eu_ca_partnership.convention`, answered from this dataset."""
        from ._model_labour import Convention

        if isinstance(query, Convention):
            return self.convention(query.id)
        if not isinstance(query, str):
            raise InvalidChoiceError(
                f"a convention is looked up by a str or a Convention, got {type(query).__name__}"
            )
        keys = self._convention_keys
        found = keys.get(normalise(query))
        if found is None:
            raise _miss(
                UnknownRecordError,
                "convention",
                query[:200],
                keys,
                lambda c: c.short_name,
                "Accepted: a convention's id, short name, title or ILO number (C029), e.g. 'C029' or "
                "'ICCPR'; eu_ca_partnership.CONVENTIONS lists them.",
            )
        return found

    @functools.cached_property
    def _convention_keys(self) -> Mapping[str, Convention]:
        keys: dict[str, Convention] = {}
        for found in self.conventions:
            for key in (found.id, found.short_name, found.title, found.ilo_number):
                if key is not None:
                    keys.setdefault(normalise(key), found)
        return MappingProxyType(keys)

    def conventions_for(
        self, country: str | int | Country | HasCountryCode, *, on: Day | None = None
    ) -> Answer[Convention]:
        """Like :func:`eu_ca_partnership.conventions_for`, answered from this dataset."""
        found = self.country(country)
        day = self.day(on)
        plus = self._instruments_by_id["gsp-plus"]
        everything, doubts = self._held_on(
            day, self._by_country.get(found.alpha_2, ()), described=([found], [plus])
        )
        doubts = [d for d in doubts if d.instrument == plus.id]
        if any(p.instrument == plus.id for p in everything):
            return self._answer(self.conventions, day, doubts)
        arrangements = [
            tool
            for p in everything
            if (tool := self._instruments_by_id[p.instrument]).kind is Kind.TRADE_PREFERENCE
        ]
        holds = (
            f"{arrangements[0].short_name or arrangements[0].name}" if arrangements else "no GSP arrangement"
        )
        remark = f"{found.name}: {holds}, no GSP+ obligations on {day.isoformat()}"
        if doubts:
            remark = f"{found.name}: GSP+ not established on {day.isoformat()}"
        return self._answer((), day, doubts, remarks=[remark])

    def countries_bound_by(self, convention: str | Convention, *, on: Day | None = None) -> Answer[Country]:
        """Like :func:`eu_ca_partnership.countries_bound_by`, answered from this dataset."""
        self.convention(convention)  # a clear error for an unknown convention
        return self.countries_with("gsp-plus", on=on)

    def ratifications_of(
        self,
        country: str | int | Country | HasCountryCode | None = None,
        convention: str | Convention | None = None,
    ) -> tuple[Ratification, ...]:
        """Like :func:`eu_ca_partnership.ratifications_of`, answered from this dataset."""
        code = None if country is None else self.country(country).alpha_2
        wanted = None if convention is None else self.convention(convention).id
        return tuple(
            r
            for r in self.ratifications
            if (code is None or r.country == code) and (wanted is None or r.convention == wanted)
        )

    def agreement_for(
        self, country: str | int | Country | HasCountryCode, *, on: Day | None = None
    ) -> Instrument | None:
        """Like :func:`eu_ca_partnership.agreement_for`, answered from this dataset."""
        found = self.instruments_for(country, on=on, kind=Kind.AGREEMENT)
        return found[0] if found else None

    def _dialogue_series(self, country: Country) -> list[Series]:
        """The series that count the rounds of a country's dialogues, in the dialogues' order."""
        return [self._series_keys[d] for d in self._dialogues(country) if d in self._series_keys]

    def _dialogues(self, country: Country) -> list[str]:
        """The ids of the dialogues a country takes part in, in the instruments' order."""
        return sorted(
            {
                p.instrument
                for p in self._by_country.get(country.alpha_2, ())
                if self._instruments_by_id[p.instrument].kind is Kind.DIALOGUE
            },
            key=self._rank.__getitem__,
        )

    def dialogue_rounds(
        self, country: str | int | Country | HasCountryCode, *, on: Day | None = None
    ) -> Answer[DialogueRound]:
        """Like :func:`eu_ca_partnership.dialogue_rounds`, answered from this dataset."""
        found = self.country(country)
        dialogues = self._dialogues(found)
        rounds = [r for r in self.all_dialogue_rounds if r.dialogue in dialogues]
        counted = self._dialogue_series(found)
        completeness = self.completeness(counted[0]) if len(counted) == 1 else None
        if on is None:  # every recorded round: the latest known state, for today, warning of nothing
            return Answer(rounds, on=self.day(), data_as_of=self.data_as_of, completeness=completeness)
        day = self.day(on, history=True)
        held = [r for r in rounds if (r.end or r.start).latest() <= day]
        doubts = [
            Doubt(
                record=r.id,
                why=f"the round of {r.start} ({r.id!r}) is known only as scheduled, not as held; it is left out",
                country=found.alpha_2,
                instrument=r.dialogue,
            )
            for r in held
            if not r.confirmed
        ]
        return self._answer([r for r in held if r.confirmed], day, doubts, completeness=completeness)

    def timeline(
        self,
        *,
        country: str | int | Country | HasCountryCode | None = None,
        since: When | None = None,
        until: When | None = None,
        kind: EventKind | EventKindName | None = None,
        region_wide: bool = True,
    ) -> tuple[Event, ...]:
        """Like :func:`eu_ca_partnership.timeline`, answered from this dataset."""
        from ._model_history import EventKind

        wanted = _member(EventKind, kind, "kind", "an event kind")
        code = None if country is None else self.country(country).alpha_2
        first, last = date_range(since, until)
        return tuple(
            event
            for event in self.events
            if (wanted is None or event.kind is wanted)
            and (code is None or (region_wide and not event.countries) or code in event.countries)
            and (first is None or (event.end or event.date).latest() >= first)
            and (last is None or event.date.earliest() <= last)
        )

    def envoys_on(self, on: Day | None = None) -> Answer[Envoy]:
        """Like :func:`eu_ca_partnership.envoys_on`, answered from this dataset."""
        day = self.day(on, history=True)
        in_office, doubts, turns_on_date = [], [], False
        for envoy in self.envoys:
            ended_by = envoy.ended_by.earliest() if envoy.ended_by else self.data_as_of
            answer = presence(day, start=envoy.start, end=envoy.end, ongoing=False, ended_by=ended_by)
            scheduled = envoy.end is not None and envoy.end.earliest() > self.data_as_of
            if answer is Presence.NO and scheduled and day > envoy.end.latest():  # type: ignore[union-attr]
                answer = Presence.UNKNOWN  # a mandate's scheduled end: it may yet be extended
                turns_on_date = True
            if answer is Presence.YES:
                in_office.append(envoy)
            elif answer is Presence.UNKNOWN:
                why = (
                    f"whether {envoy.name} was in office on {day.isoformat()} is not established by the sources "
                    + (
                        f"(the mandate runs to {envoy.end}, unless extended)"
                        if scheduled
                        else "(the term's end is not known to the day)"
                    )
                    + "; left out"
                )
                doubts.append(Doubt(record=envoy.id, why=why))
        remarks = [] if in_office or doubts else [self._vacancy(day)]
        return self._answer(in_office, day, doubts, remarks, turns_on_date=turns_on_date)

    def _vacancy(self, day: dt.date) -> str:
        """Why no envoy was in office on ``day``: before the first, or between two terms."""
        before = [e for e in self.envoys if (e.end or e.ended_by or e.start).latest() < day]
        after = [e for e in self.envoys if e.start.earliest() > day]
        if not before:
            return f"no envoy yet on {day.isoformat()}: the first, {after[0].name}, took office on {after[0].start}"
        last = before[-1]
        ended = f"to {last.end}" if last.end else f"ended by {last.ended_by}"
        if not after:
            return f"no envoy in office on {day.isoformat()}: the last known term, {last.name}'s, ran {ended}"
        return (
            f"the post was vacant on {day.isoformat()}, between the terms of {last.name} ({ended}) and "
            f"{after[0].name} (from {after[0].start})"
        )


def cited_by(record: Any) -> Iterable[str]:
    """The ids of the sources a record cites: its own, then those of the records it holds
    (field notes and their claims, names, editions), in the order they are written."""
    cls: Any = type(record)
    if not attrs.has(cls):
        return
    for name, ref in references(cls).items():
        if ref.kind == "sources":
            yield from getattr(record, name)
    for attribute in attrs.fields(cls):
        value = getattr(record, attribute.name)
        for part in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(part)):
                yield from cited_by(part)


def _undescribed(instrument: Instrument, day: dt.date) -> bool:
    """Whether ``day`` is before the data records every country's periods in ``instrument``."""
    return instrument.described_from is not None and day < instrument.described_from.latest()


def _holds(value: Any, wanted: str | None) -> bool:
    """Whether a field's value is ``wanted``, or holds it in a list (enums by their value)."""
    items = value if isinstance(value, tuple) else (value,)
    return any((item.value if isinstance(item, enum.Enum) else item) == wanted for item in items)


E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
R = TypeVar("R", bound=Record)
U = TypeVar("U", bound=UnknownRecordError)


def _member(cls: type[E], value: object, argument: str, what: str) -> E | None:
    """An enum member from itself or its value (``"trade-preference"``) or name (``"trade_preference"``)."""
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, str):
        key = normalise(value).replace("_", "-")
        for member in cls:
            if key == member.value or key == member.name.lower().replace("_", "-"):
                return member
        accepted = ", ".join(repr(m.value) for m in cls)
        raise InvalidChoiceError(f"{argument}={quoted(value)} is not {what}; accepted: {accepted}")
    raise TypeError(f"{argument} must be a {cls.__name__} or a str, got {type(value).__name__}")


def _iso_code(query: object) -> str | None:
    """The ISO 3166-1 alpha-2 (or else alpha-3) code an object holds as a str, such as a pycountry country."""
    for attribute in ("alpha_2", "alpha_3"):
        code = getattr(query, attribute, None)
        if isinstance(code, str):
            return code
    return None


class Place(NamedTuple):
    """A place a query may name that is none of the five: another country, or a region of one of them."""

    code: str
    """The alpha-2 code of the country: the other country, or the one the region is part of."""
    name: str
    """The English name of the other country, or the region's name as its source writes it."""
    sources: tuple[str, ...] = ()
    """The sources that place a region in its country; none for another country."""


@functools.cache
def _places() -> Mapping[str, Place]:
    """The regions of the five and the world's other countries, by their :func:`folded` names and codes."""
    from ._world import OTHER_COUNTRIES, REGIONS  # only a miss needs them

    places: dict[str, Place] = {}
    for code, (alpha_3, numeric, name, *more) in OTHER_COUNTRIES.items():
        for text in (code, alpha_3, numeric, name, *more):
            places.setdefault(folded(text), Place(code, name))
    for country, names, sources in REGIONS:
        for name in names:
            places[folded(name)] = Place(country, name, sources)
    return MappingProxyType(places)


def _miss(
    error: type[U],
    what: str,
    query: str,
    keys: Mapping[str, Any],
    display: Any,
    accepted: str,
) -> U:
    close = close_match(query, keys)
    suggestion = display(keys[close]) if close is not None else None
    hint = f"; did you mean {suggestion!r}?" if suggestion else "."
    return error(f"no {what} matches {quoted(query)}{hint} {accepted}", query=query, suggestion=suggestion)
