"""The shared base of every record, and the partnership itself: countries, instruments, participations.

The other domains have modules of their own: :mod:`._model_sources` (sources),
:mod:`._model_history` (events, dialogue rounds, envoys, series) and :mod:`._model_founding`
(the founding document's topics, mechanisms, pillars and challenges). Which kinds a first
answer does without is the registry's word (``RecordKind.deferred`` in :mod:`._kinds`), not a
module's. Every record is a frozen, slotted attrs class holding only tuples inside.

Every record that states a fact carries ``sources`` (ids of :class:`Source`
records), a ``confidence`` and, where a single field is sourced or doubted
differently from the rest of the record, ``field_notes``. A field that names
another record declares it (``metadata=ref(...)``): the loader checks it, the flat
tables make it a foreign key.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs
from attrs import field, frozen

from ._dates import PartialDate
from ._rules import AtLeast, Pattern, PositiveDecimal, cited, non_empty, ref, slug, text

__all__ = [
    "Claim",
    "Confidence",
    "Country",
    "Facility",
    "FieldNote",
    "Forum",
    "ForumEdition",
    "Instrument",
    "Kind",
    "KindName",
    "Meta",
    "Money",
    "Name",
    "NameKind",
    "Participation",
    "Presence",
    "Record",
    "Scope",
    "Theme",
]

_CODE_2 = Pattern(r"[A-Z]{2}")
#: A CELEX number: sector, year, type and number, an optional suffix, or a consolidated version.
CELEX_PATTERN = r"[0-9CE][0-9]{4}[A-Z]{1,2}[0-9]{4}(?:\([0-9]{2}\))?(?:-[0-9]{8})?"
ELI_PATTERN = r"https?://data\.europa\.eu/eli/\S+"
QID_PATTERN = r"Q[1-9][0-9]*"
#: The metadata of a field naming sources, a country, an instrument (both model modules use them).
SOURCES_REF = ref("sources")
COUNTRY_REF = ref("countries")
INSTRUMENT_REF = ref("instruments")


class Record:
    """The base of every record: equality, hashing and ``repr``, written once.

    attrs generates each record class's ``__init__`` (with its rules) and pickling; equality,
    hashing and ``repr`` are the same for every record, so this one generic copy serves them
    all (``eq=False, repr=False``), instead of a compiled copy per class. That nearly halves
    the cost of defining the model, which every first answer pays.
    Equality and hashing are attrs': the values of the fields, for records of the same class.
    """

    __slots__ = ()
    if TYPE_CHECKING:  # what attrs' functions (fields, evolve, asdict) look for
        __attrs_attrs__: ClassVar[Any]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash((self.__class__, _values(self)))

    def __repr__(self) -> str:
        cls: Any = type(self)
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _shown(cls))
        return f"{cls.__name__}({shown})"


@functools.cache
def _names(cls: Any) -> tuple[str, ...]:
    return tuple(attribute.name for attribute in attrs.fields(cls))


@functools.cache
def _shown(cls: Any) -> tuple[str, ...]:
    return tuple(attribute.name for attribute in attrs.fields(cls) if attribute.repr)


def _values(instance: Any) -> tuple[Any, ...]:
    return tuple(getattr(instance, name) for name in _names(instance.__class__))


class Confidence(enum.StrEnum):
    """How well a fact is established (as ``facts.md`` grades it).

    ``HIGH``: an official EU source states it. ``MEDIUM``: a reputable news
    outlet, or an official EU text reproduced on a third-party site. ``LOW``:
    indirect, weak or conflicting sources.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: The values of :class:`Kind`, for type checkers: ``kind="trade-preference"`` (a test keeps them equal).
KindName = Literal["trade-preference", "agreement", "dialogue", "forum", "facility", "restrictive-measures"]


class Kind(enum.StrEnum):
    """What kind of instrument of the partnership a record is."""

    TRADE_PREFERENCE = "trade-preference"
    AGREEMENT = "agreement"
    DIALOGUE = "dialogue"
    FORUM = "forum"
    FACILITY = "facility"
    RESTRICTIVE_MEASURES = "restrictive-measures"
    """EU restrictive measures (sanctions) concerning a country, such as an arms embargo."""


class Scope(enum.StrEnum):
    """Between whom an instrument works."""

    BILATERAL = "bilateral"
    """The EU and one country."""
    REGIONAL = "regional"
    """The EU and the Central Asian region."""
    UNILATERAL = "unilateral"
    """A scheme the EU grants on its own terms to the countries that qualify, such as the GSP."""


class Theme(enum.StrEnum):
    """What an instrument is a tool for, as the sources describe it."""

    HUMAN_RIGHTS = "human-rights"
    DEMOCRACY = "democracy"
    LABOUR_RIGHTS = "labour-rights"
    CIVIL_SOCIETY = "civil-society"
    YOUTH = "youth"
    TRADE = "trade"


class Presence(enum.StrEnum):
    """Whether a country takes part in an instrument on a date, as far as the sources tell."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class NameKind(enum.StrEnum):
    """What a name of a country is."""

    SHORT = "short"
    """The short name in current use ("Kyrgyzstan", "Кыргызстан")."""
    OFFICIAL = "official"
    """The formal name of the state ("Kyrgyz Republic", "Кыргыз Республикасы")."""
    EXONYM = "exonym"
    """Another name in current use in a language not the state's own ("Kirgistan")."""
    FORMER = "former"
    """A name no longer in official use ("Kirghizia", "Turkmenia")."""


@frozen(kw_only=True, eq=False, repr=False)
class Claim(Record):
    """One of several competing statements about the same field."""

    value: str = field(validator=text)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF)
    confidence: Confidence
    note: str | None = field(default=None, validator=text)


@frozen(kw_only=True, eq=False, repr=False)
class FieldNote(Record):
    """Sourcing that applies to one field of a record rather than to the whole record.

    ``claims`` holds the competing statements where sources disagree.
    """

    field: str = attrs.field(validator=text)
    note: str = attrs.field(validator=text)
    sources: tuple[str, ...] = attrs.field(default=(), metadata=SOURCES_REF)
    confidence: Confidence | None = None
    claims: tuple[Claim, ...] = ()


@frozen(kw_only=True, eq=False, repr=False)
class Meta(Record):
    """Facts about the dataset itself."""

    title: str = field(validator=text)
    data_as_of: dt.date
    coverage_start: dt.date
    license: str = field(validator=text)
    note: str = field(validator=text)


@frozen(kw_only=True, eq=False, repr=False)
class Name(Record):
    """A name of a country in one language and script, with where it was read.

    ``lang`` is a BCP 47 tag: a language, and a script where the language is written in
    more than one (``"kk-Cyrl"``, ``"uz-Latn"``, ``"ru"``).
    """

    name: str = field(validator=text)
    lang: str = field(validator=Pattern(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?"))
    kind: NameKind
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF)
    note: str | None = field(default=None, validator=text, repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class Country(Record):
    """One of the five Central Asian partners.

    ``name`` and ``official_name`` are the ISO 3166-1 names; ``eu_name`` is the name EU
    documents use ("Kyrgyz Republic"); ``names`` holds its names in the state languages,
    Russian, English, French and German, each sourced; ``qid`` its Wikidata item.
    """

    alpha_2: str = field(validator=_CODE_2)
    alpha_3: str = field(validator=Pattern(r"[A-Z]{3}"), repr=False)
    numeric: str = field(validator=Pattern(r"[0-9]{3}"), repr=False)
    name: str = field(validator=text)
    official_name: str = field(validator=text, repr=False)
    eu_name: str = field(validator=text, repr=False)
    aliases: tuple[str, ...] = field(default=(), repr=False)
    names: tuple[Name, ...] = field(default=(), repr=False)
    qid: str | None = field(default=None, validator=Pattern(QID_PATTERN), repr=False)
    """The country's Wikidata item."""
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def spellings(self) -> tuple[str, ...]:
        """Every name and code the country is looked up by, as written in the data.

        >>> Country(alpha_2="KG", alpha_3="KGZ", numeric="417", name="Kyrgyzstan",
        ...     official_name="Kyrgyz Republic", eu_name="Kyrgyz Republic", sources=("s",),
        ...     confidence=Confidence.MEDIUM).spellings()
        ('Kyrgyzstan', 'Kyrgyz Republic', 'KG', 'KGZ', '417')
        """
        names = (self.name, self.official_name, self.eu_name, *self.aliases, *(n.name for n in self.names))
        codes = (self.alpha_2, self.alpha_3, self.numeric, *((self.qid,) if self.qid else ()))
        return (*dict.fromkeys(names), *codes)

    def __str__(self) -> str:
        return self.name


@frozen(kw_only=True, eq=False, repr=False)
class Money(Record):
    """An amount in an ISO 4217 currency.

    >>> Money(amount=Decimal("4500000"), currency="EUR")
    Money(amount=Decimal('4500000'), currency='EUR')
    >>> str(Money(amount=Decimal("4500000"), currency="EUR"))
    'EUR 4,500,000'
    """

    amount: Decimal = field(validator=PositiveDecimal())
    currency: str = field(validator=Pattern(r"[A-Z]{3}"))

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"


@frozen(kw_only=True, eq=False, repr=False)
class Instrument(Record):
    """A tool of the partnership: a trade preference, an agreement, a dialogue, the forum, the facility.

    ``id`` is a stable slug; ``short_name`` the abbreviation in common use.
    """

    id: str = field(validator=slug)
    name: str = field(validator=text)
    short_name: str | None = field(default=None, validator=text, repr=False)
    kind: Kind = field(repr=False)
    scope: Scope = field(repr=False)
    description: str = field(validator=text, repr=False)
    themes: tuple[Theme, ...] = field(default=(), repr=False)
    celex: str | None = field(default=None, validator=Pattern(CELEX_PATTERN), repr=False)
    """The CELEX number of the instrument's legal text (an agreement, a regulation), where one exists."""
    expires: PartialDate | None = field(default=None, repr=False)
    """The last day of the instrument's legal basis, where an act schedules it (unless renewed):
    past ``DATA_AS_OF``, a question about a later day gets ``unknown``."""
    qid: str | None = field(default=None, validator=Pattern(QID_PATTERN), repr=False)
    """The instrument's Wikidata item, where one exists."""
    described_from: PartialDate | None = field(default=None, repr=False)
    """The first day from which the data records every country's periods in it (``None``: the whole
    coverage). Before it, a country without a recorded period is answered ``unknown``, never ``no``."""
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.name


@frozen(kw_only=True, eq=False, repr=False)
class ForumEdition(Record):
    """One meeting of the EU–Central Asia Civil Society Forum.

    ``start`` and ``end`` are as precise as the sources; a field the sources
    leave unconfirmed is ``None`` and explained in ``field_notes``.
    """

    number: int = field(validator=AtLeast(1))
    start: PartialDate
    end: PartialDate | None = field(default=None, repr=False)
    city: str | None = field(default=None, validator=text)
    country: str | None = field(default=None, validator=_CODE_2, metadata=COUNTRY_REF, repr=False)
    theme: str | None = field(default=None, validator=text, repr=False)
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class Forum(Instrument):
    """The EU–Central Asia Civil Society Forum: who meets, since when, how often."""

    first_held: PartialDate = field(repr=False)
    frequency: str = field(validator=text, repr=False)
    participants: tuple[str, ...] = field(validator=non_empty, repr=False)
    editions: tuple[ForumEdition, ...] = field(default=(), repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class Facility(Instrument):
    """A funding facility: its budget, launch and objectives."""

    budget: Money = field(repr=False)
    launched: PartialDate = field(repr=False)
    objectives: tuple[str, ...] = field(validator=non_empty, repr=False)
    implementing_partner: str | None = field(default=None, validator=text, repr=False)
    supporting_partner: str | None = field(default=None, validator=text, repr=False)
    duration_years: int | None = field(default=None, repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class Participation(Record):
    """A country's part in an instrument over a period of time.

    ``start`` and ``end`` (inclusive) are as precise as the sources. Where the
    sources do not say when it began, ``start`` is ``None`` and ``in_place_by``
    gives the earliest date the sources show it in place. ``ongoing`` is true
    when it still applied on the data's ``DATA_AS_OF``; a participation that is
    neither ongoing nor has an ``end`` ended on a date the sources do not establish.
    """

    id: str = field(validator=slug)
    country: str = field(validator=_CODE_2, metadata=COUNTRY_REF)
    instrument: str = field(validator=slug, metadata=INSTRUMENT_REF)
    start: PartialDate | None = None
    in_place_by: PartialDate | None = field(default=None, repr=False)
    end: PartialDate | None = None
    ongoing: bool = field(repr=False)
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        if (self.start is None) == (self.in_place_by is None):
            raise ValueError("give exactly one of start and in_place_by")
        if self.ongoing and self.end is not None:
            raise ValueError("an ongoing participation has no end")
        begin = self.start or self.in_place_by
        if self.end is not None and begin is not None and self.end.latest() < begin.earliest():
            raise ValueError(f"end {self.end} is before start {begin}")

    def status_on(self, day: dt.date, *, data_as_of: dt.date) -> Presence:
        """Whether the country took part on ``day``: YES, NO, or UNKNOWN where the sources cannot tell.

        >>> p = Participation(id="x", country="KG", instrument="gsp-plus",
        ...     start=PartialDate(2016, 1), ongoing=True, sources=("s",),
        ...     confidence=Confidence.HIGH)
        >>> as_of = dt.date(2026, 1, 1)
        >>> [p.status_on(dt.date.fromisoformat(d), data_as_of=as_of).value
        ...  for d in ("2015-12-31", "2016-01-15", "2016-02-01")]
        ['no', 'unknown', 'yes']
        """
        begin = self.start if self.start is not None else self.in_place_by
        assert begin is not None
        return presence(
            day,
            start=begin,
            start_known=self.start is not None,
            end=self.end,
            ongoing=self.ongoing,
            ended_by=data_as_of,
        )


def presence(
    day: dt.date,
    *,
    start: PartialDate,
    start_known: bool = True,
    end: PartialDate | None,
    ongoing: bool,
    ended_by: dt.date,
) -> Presence:
    """Whether a period holds on ``day`` when its dates are only as precise as their sources.

    YES or NO only when every reading of the partial dates (keeping start <= end) agrees;
    an ``end`` of ``None`` that is not ``ongoing`` ended on an unknown day before ``ended_by``.
    ``start_known=False`` makes ``start`` the earliest date the period is known to hold by.
    """
    if start_known and day < start.earliest():
        return Presence.NO
    sure_from = start.latest()
    if end is not None:
        if day > end.latest():
            return Presence.NO
        # start <= end: a start is no later than the latest end, an end no earlier than the start
        sure_from = min(sure_from, end.latest())
        sure_until = max(end.earliest(), start.earliest() if start_known else dt.date.min)
    elif ongoing:
        sure_until = dt.date.max
    else:
        if day >= ended_by:
            return Presence.NO
        sure_until = sure_from if start_known and start.precision == "day" else dt.date.min
    return Presence.YES if sure_from <= day <= sure_until else Presence.UNKNOWN
