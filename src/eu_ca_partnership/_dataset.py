"""The loaded dataset: its records, the indexes built once at load, and every query."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from ._dates import PartialDate, as_date
from ._model import (
    Challenge,
    Country,
    DialogueRound,
    Envoy,
    Event,
    EventKind,
    Instrument,
    Kind,
    Mechanism,
    Meta,
    Participation,
    Pillar,
    Presence,
    Source,
    Topic,
    presence,
)
from .exceptions import (
    InvalidChoiceError,
    OutOfCoverageError,
    UnknownCountryError,
    UnknownInstrumentError,
    UnknownRecordError,
    quoted,
)

_KIND_ORDER = {kind: index for index, kind in enumerate(Kind)}


class UncertainAnswerWarning(UserWarning):
    """An answer leaves out a participation that the sources can neither confirm nor rule out."""


def normalise(text: str) -> str:
    """The lookup key of a name or code: no accents, case or extra whitespace.

    >>> normalise("  Türkmenistan ")
    'turkmenistan'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def _frozen_index(pairs: Iterable[tuple[str, Any]]) -> Mapping[str, Any]:
    return MappingProxyType(dict(pairs))


def _grouped(rows: Iterable[Any], key: str) -> Mapping[str, tuple[Any, ...]]:
    groups: defaultdict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return MappingProxyType({name: tuple(items) for name, items in groups.items()})


def _chronological(row: Any) -> tuple[int, int, int]:
    when: PartialDate | None = getattr(row, "date", None) or getattr(row, "start", None)
    return when.sort_key() if when is not None else (0, 0, 0)


def _in_date_order(rows: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(rows, key=_chronological))


def _by_name(rows: Iterable[Country]) -> tuple[Country, ...]:
    return tuple(sorted(rows, key=lambda c: c.name))


def _by_kind_and_name(rows: Iterable[Instrument]) -> tuple[Instrument, ...]:
    return tuple(sorted(rows, key=lambda i: (_KIND_ORDER[i.kind], i.name)))


@attrs.frozen(kw_only=True)
class Dataset:
    """Every record of the partnership, with the queries over them.

    The module-level helpers of :mod:`eu_ca_partnership` are the methods of the
    bundled dataset; :func:`eu_ca_partnership.load` gives others.

    >>> import eu_ca_partnership as eca
    >>> data = eca.load()
    >>> data.instruments_for("TJ", kind="trade-preference")
    (Instrument(id='gsp', name='Generalised Scheme of Preferences (standard arrangement)'),)
    """

    meta: Meta
    sources: tuple[Source, ...]
    countries: tuple[Country, ...] = attrs.field(converter=_by_name)
    instruments: tuple[Instrument, ...] = attrs.field(converter=_by_kind_and_name)
    all_participations: tuple[Participation, ...]
    all_dialogue_rounds: tuple[DialogueRound, ...] = attrs.field(converter=_in_date_order)
    events: tuple[Event, ...] = attrs.field(converter=_in_date_order)
    topics: tuple[Topic, ...]
    mechanisms: tuple[Mechanism, ...]
    pillars: tuple[Pillar, ...]
    challenges: tuple[Challenge, ...]
    envoys: tuple[Envoy, ...]

    _country_keys: Mapping[str, Country] = attrs.field(init=False, repr=False)
    _instrument_keys: Mapping[str, Instrument] = attrs.field(init=False, repr=False)
    _ambiguous_keys: Mapping[str, tuple[str, ...]] = attrs.field(init=False, repr=False)
    _by_id: Mapping[str, Any] = attrs.field(init=False, repr=False)
    _sources_by_id: Mapping[str, Source] = attrs.field(init=False, repr=False)
    _by_country: Mapping[str, tuple[Participation, ...]] = attrs.field(init=False, repr=False)
    _by_instrument: Mapping[str, tuple[Participation, ...]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        setter = object.__setattr__
        setter(self, "_country_keys", _frozen_index(self._country_pairs()))
        keys, ambiguous = self._instrument_pairs()
        setter(self, "_instrument_keys", keys)
        setter(self, "_ambiguous_keys", ambiguous)
        setter(self, "_sources_by_id", _frozen_index((s.id, s) for s in self.sources))
        setter(self, "_by_country", _grouped(self.all_participations, "country"))
        setter(self, "_by_instrument", _grouped(self.all_participations, "instrument"))
        records: list[Any] = [
            *self.instruments,
            *self.all_participations,
            *self.events,
            *self.topics,
            *self.mechanisms,
            *self.pillars,
            *self.challenges,
            *self.envoys,
            *self.sources,
        ]
        setter(self, "_by_id", _frozen_index((r.id, r) for r in records))

    def _country_pairs(self) -> Iterable[tuple[str, Country]]:
        for country in self.countries:
            names = (country.name, country.official_name, country.eu_name, *country.aliases)
            codes = (country.alpha_2, country.alpha_3, country.numeric)
            for text in (*names, *codes):
                yield normalise(text), country

    def _instrument_pairs(
        self,
    ) -> tuple[Mapping[str, Instrument], Mapping[str, tuple[str, ...]]]:
        exact: dict[str, Instrument] = {}
        short: defaultdict[str, list[Instrument]] = defaultdict(list)
        for instrument in self.instruments:
            exact[normalise(instrument.id)] = instrument
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

    def country(self, query: str | int | Country) -> Country:
        """A country from its name, official or EU name, alias, or ISO alpha-2, alpha-3 or numeric code.

        Case, accents and surrounding whitespace are ignored; a :class:`Country` passes through.

        >>> import eu_ca_partnership as eca
        >>> eca.country(" kyrgyz republic ") is eca.country("KGZ") is eca.country(417)
        True
        """
        if isinstance(query, Country):
            if query in self.countries:
                return query
            return self.country(query.alpha_2)
        if isinstance(query, int) and not isinstance(query, bool):
            query = f"{query:03d}"
        if not isinstance(query, str):
            raise TypeError(
                f"a country is looked up by a str (name or code), an int (numeric code) "
                f"or a Country, got {type(query).__name__}"
            )
        found = self._country_keys.get(normalise(query))
        if found is not None:
            return found
        accepted = ", ".join(c.name for c in self.countries)
        raise _miss(
            UnknownCountryError,
            "country",
            query,
            self._country_keys,
            lambda c: c.name,
            f"Accepted: a name, official name, alias, alpha-2, alpha-3 or numeric code of {accepted}",
        )

    def instrument(self, query: str | Instrument) -> Instrument:
        """An instrument by its id, its name or its short name (case is ignored).

        >>> import eu_ca_partnership as eca
        >>> eca.instrument("gsp+") is eca.instrument("GSP_PLUS".replace("_PLUS", "+")) is eca.GSP_PLUS
        True
        """
        if isinstance(query, Instrument):
            return self.instrument(query.id)
        if not isinstance(query, str):
            raise TypeError(
                f"an instrument is looked up by a str or an Instrument, got {type(query).__name__}"
            )
        key = normalise(query)
        found = self._instrument_keys.get(key)
        if found is not None:
            return found
        if key in self._ambiguous_keys:
            candidates = ", ".join(self._ambiguous_keys[key])
            raise UnknownInstrumentError(
                f"{quoted(query)} names several instruments ({candidates}); use one of these ids",
                query=query,
                suggestion=None,
            )
        raise _miss(
            UnknownInstrumentError,
            "instrument",
            query,
            self._instrument_keys,
            lambda i: i.id,
            "Accepted: an id, name or short name, such as "
            + ", ".join(repr(i.id) for i in self.instruments[:4])
            + " (see INSTRUMENTS for all)",
        )

    def source(self, source_id: str) -> Source:
        """The source record with this id."""
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

    def record(self, record_id: str) -> Any:
        """Any record that has an id (instrument, participation, event, topic, source, ...)."""
        if not isinstance(record_id, str):
            raise TypeError(f"a record id is a str, got {type(record_id).__name__}")
        try:
            return self._by_id[record_id]
        except KeyError:
            raise _miss(
                UnknownRecordError,
                "record",
                record_id,
                self._by_id,
                lambda r: r.id,
                "Accepted: the id of an instrument, participation, event, topic, mechanism or source",
            ) from None

    def sources_of(self, record: Any) -> tuple[Source, ...]:
        """The sources a record cites, including those of its field notes.

        >>> import eu_ca_partnership as eca
        >>> [s.kind.value for s in eca.sources_of(eca.CIVIL_SOCIETY_FACILITY)][:1]
        ['mirror']
        """
        ids: dict[str, None] = dict.fromkeys(getattr(record, "sources", ()))
        for note in getattr(record, "field_notes", ()):
            ids.update(dict.fromkeys(note.sources))
            for claim in note.claims:
                ids.update(dict.fromkeys(claim.sources))
        if not ids:
            raise TypeError(f"{type(record).__name__} is not a sourced record of this dataset")
        return tuple(self.source(source_id) for source_id in ids)

    # -- questions over time ---------------------------------------------------------------

    def _day(self, on: object = None) -> dt.date:
        """The day a question is asked about: ``on`` checked against the data's coverage.

        ``None`` means the latest state the data knows, ``DATA_AS_OF``.
        """
        if on is None:
            return self.meta.data_as_of
        day = as_date(on)
        if day < self.meta.coverage_start:
            raise OutOfCoverageError(
                f"on={day.isoformat()} is before the data's coverage, which starts "
                f"{self.meta.coverage_start.isoformat()}; an answer would be falsely empty"
            )
        if day > self.meta.data_as_of:
            raise OutOfCoverageError(
                f"on={day.isoformat()} is after {self.meta.data_as_of.isoformat()}, when the data "
                "was last checked; pass on=None for the latest known state"
            )
        return day

    def status(
        self, country: str | int | Country, instrument: str | Instrument, *, on: object = None
    ) -> Presence:
        """Whether ``country`` takes part in ``instrument`` on ``on``: YES, NO or UNKNOWN.

        >>> import eu_ca_partnership as eca
        >>> eca.status("Turkmenistan", "GSP", on="2014-01-01").value
        'yes'
        >>> eca.status("Turkmenistan", "GSP", on="2018-01-01").value
        'unknown'
        """
        found = self.country(country)
        tool = self.instrument(instrument)
        day = self._day(on)
        return self._presence(found.alpha_2, tool.id, day)

    def _presence(self, alpha_2: str, instrument_id: str, day: dt.date) -> Presence:
        answers = {
            p.status_on(day, data_as_of=self.meta.data_as_of)
            for p in self._by_country.get(alpha_2, ())
            if p.instrument == instrument_id
        }
        for answer in (Presence.YES, Presence.UNKNOWN):
            if answer in answers:
                return answer
        return Presence.NO

    def _held_on(self, day: dt.date, rows: Iterable[Participation]) -> list[Participation]:
        """The rows that certainly hold on ``day``; warns about those the sources cannot settle."""
        held, unsettled = [], []
        for row in rows:
            presence = row.status_on(day, data_as_of=self.meta.data_as_of)
            if presence is Presence.YES:
                held.append(row)
            elif presence is Presence.UNKNOWN:
                unsettled.append(row)
        for row in unsettled:
            warnings.warn(
                f"{self.country(row.country).name} in {row.instrument!r} on {day.isoformat()} is "
                f"not established by the sources (participation {row.id!r}); it is left out",
                UncertainAnswerWarning,
                stacklevel=3,
            )
        return held

    def participations(
        self,
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
        rows: Iterable[Participation] = self.all_participations
        if country is not None:
            rows = self._by_country.get(self.country(country).alpha_2, ())
        if instrument is not None:
            tool_id = self.instrument(instrument).id
            rows = [p for p in rows if p.instrument == tool_id]
        if on is not None:
            rows = self._held_on(self._day(on), rows)
        return tuple(rows)

    def instruments_for(
        self,
        country: str | int | Country,
        *,
        on: object = None,
        kind: Kind | str | None = None,
    ) -> tuple[Instrument, ...]:
        """Every instrument (bilateral and regional) the country takes part in on ``on``.

        ``on`` is a :class:`datetime.date` or an ISO 8601 string; ``None`` means the latest
        state the data knows (``DATA_AS_OF``). ``kind`` keeps one :class:`Kind`.

        >>> import eu_ca_partnership as eca
        >>> [i.id for i in eca.instruments_for("Kyrgyzstan", on="2015-06-01", kind="trade-preference")]
        ['gsp']
        """
        found = self.country(country)
        wanted = _member(Kind, kind, "kind", "an instrument kind")
        day = self._day(on)
        rows = [
            p
            for p in self._by_country.get(found.alpha_2, ())
            if wanted is None or self._by_id[p.instrument].kind is wanted
        ]
        held = {p.instrument for p in self._held_on(day, rows)}
        return tuple(i for i in self.instruments if i.id in held)

    def countries_with(self, instrument: str | Instrument, *, on: object = None) -> tuple[Country, ...]:
        """The countries taking part in ``instrument`` on ``on``, alphabetical by name.

        >>> import eu_ca_partnership as eca
        >>> [c.name for c in eca.countries_with(eca.GSP_PLUS, on="2020-06-01")]
        ['Kyrgyzstan']
        """
        tool = self.instrument(instrument)
        day = self._day(on)
        held = {p.country for p in self._held_on(day, self._by_instrument.get(tool.id, ()))}
        return tuple(c for c in self.countries if c.alpha_2 in held)

    def agreement_for(self, country: str | int | Country, *, on: object = None) -> Instrument | None:
        """The bilateral agreement in force for ``country`` on ``on`` (``None`` if the sources show none).

        >>> import eu_ca_partnership as eca
        >>> eca.agreement_for("Kazakhstan", on="2020-02-29").id, eca.agreement_for("Kazakhstan").id
        ('eu-kazakhstan-pca', 'eu-kazakhstan-epca')
        """
        found = self.instruments_for(country, on=on, kind=Kind.AGREEMENT)
        return found[0] if found else None

    def dialogue_rounds(
        self, country: str | int | Country, *, on: object = None
    ) -> tuple[DialogueRound, ...]:
        """The recorded rounds of the EU's human rights dialogue with ``country``, oldest first.

        With ``on``, only the rounds certainly held by that day. Rounds the sources
        do not date sort first; a round whose year is inferred says so (``year_inferred``).

        >>> import eu_ca_partnership as eca
        >>> last = eca.dialogue_rounds("Tajikistan")[-1]
        >>> last.number, str(last.start), last.place
        (15, '2025-10-17', 'Brussels')
        """
        found = self.country(country)
        dialogues = {
            p.instrument
            for p in self._by_country.get(found.alpha_2, ())
            if self._by_id[p.instrument].kind is Kind.DIALOGUE
        }
        rounds = [r for r in self.all_dialogue_rounds if r.dialogue in dialogues]
        if on is not None:
            day = self._day(on)
            rounds = [r for r in rounds if r.start is not None and (r.end or r.start).latest() <= day]
        return tuple(rounds)

    def timeline(
        self,
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
        wanted = _member(EventKind, kind, "kind", "an event kind")
        code = None if country is None else self.country(country).alpha_2
        first = None if since is None else as_date(since, name="since")
        last = None if until is None else as_date(until, name="until")
        return tuple(
            event
            for event in self.events
            if (wanted is None or event.kind is wanted)
            and (code is None or not event.countries or code in event.countries)
            and (first is None or (event.end or event.date).latest() >= first)
            and (last is None or event.date.earliest() <= last)
        )

    def envoys_on(self, on: object = None) -> tuple[Envoy, ...]:
        """The EU Special Representatives (or interim envoys) for Central Asia in office on ``on``.

        >>> import eu_ca_partnership as eca
        >>> [e.name for e in eca.envoys_on("2019-01-01")]
        ['Peter Burian']
        """
        day = self._day(on)
        in_office = []
        for envoy in self.envoys:
            if envoy.start is None:
                continue
            ended_by = envoy.ended_by.earliest() if envoy.ended_by else self.data_as_of
            answer = presence(day, start=envoy.start, end=envoy.end, ongoing=False, ended_by=ended_by)
            if answer is Presence.YES:
                in_office.append(envoy)
            elif answer is Presence.UNKNOWN:
                warnings.warn(
                    f"whether {envoy.name} was in office on {day.isoformat()} is not established by the "
                    "sources (the term's end is not recorded); left out",
                    UncertainAnswerWarning,
                    stacklevel=2,
                )
        return tuple(in_office)


E = TypeVar("E", bound=enum.Enum)


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


def _miss(
    error: type[UnknownRecordError],
    what: str,
    query: str,
    keys: Mapping[str, Any],
    display: Any,
    accepted: str,
) -> UnknownRecordError:
    close = difflib.get_close_matches(normalise(query), list(keys), n=1, cutoff=0.6)
    suggestion = display(keys[close[0]]) if close else None
    hint = f"; did you mean {suggestion!r}?" if suggestion else "."
    return error(f"no {what} matches {quoted(query)}{hint} {accepted}", query=query, suggestion=suggestion)
