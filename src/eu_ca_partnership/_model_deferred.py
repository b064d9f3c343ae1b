"""The record classes a first answer does not need: sources, history, and the founding document's lists.

Sources, events, dialogue rounds, envoys, series, topics, mechanisms, pillars and challenges are
defined here, apart from :mod:`._model`, so that a first answer (``instruments_for``, ``country``)
neither defines their classes nor unpickles their records: the bundled dataset makes these
kinds on first access to any of them (``RecordKind.deferred``; benchmarks/, target 1).
Everything else about them is as in :mod:`._model`: frozen, slotted attrs classes on
:class:`~._model.Record`.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Literal

from attrs import field, frozen

from ._dates import PartialDate
from ._model import (
    CELEX_PATTERN,
    COUNTRY_REF,
    ELI_PATTERN,
    INSTRUMENT_REF,
    QID_PATTERN,
    SOURCES_REF,
    Confidence,
    FieldNote,
    Kind,
    Record,
)
from ._rules import SLUG_PATTERN, AtLeast, Pattern, cited, ref, slug, text

__all__ = [
    "Challenge",
    "Completeness",
    "DialogueRound",
    "Envoy",
    "Event",
    "EventKind",
    "EventKindName",
    "Gap",
    "Level",
    "Mechanism",
    "Pillar",
    "Series",
    "Source",
    "SourceKind",
    "Topic",
]

_KIND_NAME = Pattern(r"[a-z]+(?:_[a-z]+)*")


class SourceKind(enum.Enum):
    """Who published a source."""

    OFFICIAL_EU = "official-eu"
    """An EU institution on its own domain (EEAS, EUR-Lex, Council, Commission, Parliament)."""
    OFFICIAL_PARTNER = "official-partner"
    """A government of a Central Asian state or of an EU member state."""
    NEWS = "news"
    """A news outlet."""
    MIRROR = "mirror"
    """A third-party copy or aggregation of another text, often an official EU one."""
    CIVIL_SOCIETY = "civil-society"
    """A non-governmental organisation, think tank or research network."""
    EU_FUNDED_PROJECT = "eu-funded-project"
    """The site of a programme or project the EU funds but does not run itself."""
    REFERENCE = "reference"
    """Reference documentation, such as a software package's list of ISO codes."""


class Level(enum.Enum):
    """A level at which cooperation takes place."""

    GLOBAL = "global"
    MULTILATERAL = "multilateral"
    REGIONAL = "regional"
    COUNTRY = "country"


#: The values of :class:`EventKind`, for type checkers (a test keeps them equal).
EventKindName = Literal[
    "negotiating-mandate",
    "negotiations-requested",
    "negotiations-launched",
    "initialled",
    "signed",
    "provisional-application",
    "concluded",
    "in-force",
    "replaced",
    "parliament-consent",
    "parliament-resolution",
    "gsp-excluded",
    "gsp-application",
    "gsp-granted",
    "gsp-monitoring",
    "legislation",
    "strategy",
    "summit",
    "ministerial",
    "high-level-meeting",
    "cooperation-body",
    "appointment",
    "launch",
    "fimi",
    "other",
]


class EventKind(enum.Enum):
    """What a dated event is."""

    NEGOTIATING_MANDATE = "negotiating-mandate"
    NEGOTIATIONS_REQUESTED = "negotiations-requested"
    NEGOTIATIONS_LAUNCHED = "negotiations-launched"
    INITIALLED = "initialled"
    SIGNED = "signed"
    PROVISIONAL_APPLICATION = "provisional-application"
    CONCLUDED = "concluded"
    IN_FORCE = "in-force"
    REPLACED = "replaced"
    PARLIAMENT_CONSENT = "parliament-consent"
    PARLIAMENT_RESOLUTION = "parliament-resolution"
    GSP_EXCLUDED = "gsp-excluded"
    GSP_APPLICATION = "gsp-application"
    GSP_GRANTED = "gsp-granted"
    GSP_MONITORING = "gsp-monitoring"
    LEGISLATION = "legislation"
    STRATEGY = "strategy"
    SUMMIT = "summit"
    MINISTERIAL = "ministerial"
    HIGH_LEVEL_MEETING = "high-level-meeting"
    COOPERATION_BODY = "cooperation-body"
    APPOINTMENT = "appointment"
    LAUNCH = "launch"
    FIMI = "fimi"
    OTHER = "other"


@frozen(kw_only=True, eq=False, repr=False)
class Source(Record):
    """A document a fact was read from.

    ``url`` is where it was read; ``kind`` says who published it, so a mirror
    of an EU text is never mistaken for the EU's own site.
    """

    id: str = field(validator=slug)
    title: str = field(validator=text)
    url: str = field(validator=Pattern(r"https?://\S+"))
    publisher: str | None = field(default=None, validator=text, repr=False)
    published: PartialDate | None = field(default=None, repr=False)
    kind: SourceKind = field(repr=False)
    celex: str | None = field(default=None, validator=Pattern(CELEX_PATTERN), repr=False)
    """The CELEX number of an EU act (EUR-Lex's identifier), where the source is one."""
    eli: str | None = field(default=None, validator=Pattern(ELI_PATTERN), repr=False)
    """The European Legislation Identifier of the act, where one exists."""
    checked: dt.date | None = field(default=None, repr=False)
    """The day the source was last read to check the records that cite it."""
    excerpt: str | None = field(default=None, validator=text, repr=False)
    """What the source says that the records rely on, as read on ``checked``: a short quotation
    or close paraphrase (the verification trail: which passage settles which field)."""
    note: str | None = field(default=None, validator=text, repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class DialogueRound(Record):
    """One round of a bilateral human rights dialogue.

    ``number`` is the dialogue's own number ("the 14th Human Rights Dialogue"), never that of
    a committee: where the round is held within, or back-to-back with, a committee or
    sub-committee, ``meeting`` names that body and ``meeting_number`` is the body's own number
    for the meeting. ``confirmed`` is false for a round known only from an announcement
    before its day; :func:`~eu_ca_partnership.dialogue_rounds` with ``on=`` leaves it out.
    """

    id: str = field(validator=slug)
    dialogue: str = field(
        validator=slug,
        metadata=ref("instruments", accepts=lambda i: i.kind is Kind.DIALOGUE, described="a dialogue"),
    )
    number: int | None = field(default=None, validator=AtLeast(1))
    number_inferred: bool = field(default=False, repr=False)
    start: PartialDate
    end: PartialDate | None = field(default=None, repr=False)
    year_inferred: bool = field(default=False, repr=False)
    place: str | None = field(default=None, validator=text)
    meeting: str | None = field(default=None, validator=text, repr=False)
    meeting_number: int | None = field(default=None, validator=AtLeast(1), repr=False)
    confirmed: bool = field(default=True, repr=False)
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class Event(Record):
    """A dated event of the partnership: a signature, an entry into force, a strategy, a summit."""

    id: str = field(validator=slug)
    date: PartialDate
    end: PartialDate | None = field(default=None, repr=False)
    date_inferred: bool = field(default=False, repr=False)
    kind: EventKind = field(repr=False)
    title: str = field(validator=text)
    number: int | None = field(default=None, validator=AtLeast(1), repr=False)
    """A meeting's number in its own series ("the 19th EU–Central Asia Ministerial Meeting")."""
    reference: str | None = field(default=None, validator=text, repr=False)
    """The official reference of an act or a text: ``"P9_TA(2022)0293"``, ``"JOIN(2019) 9"``."""
    instrument: str | None = field(default=None, validator=slug, metadata=INSTRUMENT_REF, repr=False)
    countries: tuple[str, ...] = field(
        default=(), validator=Pattern(r"[A-Z]{2}", each=True), metadata=COUNTRY_REF, repr=False
    )
    place: str | None = field(default=None, validator=text, repr=False)
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class Topic(Record):
    """An issue that the EU's human rights dialogues with Central Asian partners cover."""

    id: str = field(validator=slug)
    name: str = field(validator=text)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.name


@frozen(kw_only=True, eq=False, repr=False)
class Mechanism(Record):
    """A way the EU protects and promotes human rights in the region, with the instruments that carry it."""

    id: str = field(validator=slug)
    name: str = field(validator=text)
    instruments: tuple[str, ...] = field(
        default=(), validator=Pattern(SLUG_PATTERN, each=True), metadata=INSTRUMENT_REF, repr=False
    )
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.name


@frozen(kw_only=True, eq=False, repr=False)
class Pillar(Record):
    """An area of EU–Central Asia cooperation and, where the source names them, the levels it works at."""

    id: str = field(validator=slug)
    name: str = field(validator=text)
    description: str = field(validator=text, repr=False)
    levels: tuple[Level, ...] = field(default=(), repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.name


@frozen(kw_only=True, eq=False, repr=False)
class Challenge(Record):
    """A challenge the EU and Central Asia face together, such as FIMI."""

    id: str = field(validator=slug)
    name: str = field(validator=text)
    short_name: str | None = field(default=None, validator=text)
    also_known_as: tuple[str, ...] = field(default=(), repr=False)
    description: str = field(validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.name


@frozen(kw_only=True, eq=False, repr=False)
class Envoy(Record):
    """An EU Special Representative (or interim envoy) for Central Asia and the term served.

    Where the day a term ended is not known, ``end`` is ``None`` and ``ended_by`` gives the
    day by which it had certainly ended (a successor's first day), when the sources give one.
    """

    id: str = field(validator=slug)
    name: str = field(validator=text)
    nationality: str | None = field(default=None, validator=text, repr=False)
    start: PartialDate
    end: PartialDate | None = None
    ended_by: PartialDate | None = field(default=None, repr=False)
    formal_eusr: bool = field(default=True, repr=False)
    qid: str | None = field(default=None, validator=Pattern(QID_PATTERN), repr=False)
    """The person's Wikidata item, where one was found."""
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)


@frozen(kw_only=True, eq=False, repr=False)
class Gap(Record):
    """A part of a series that the data is known to lack."""

    what: str = field(validator=text)
    """What is missing, in words: "rounds 1–7 (2008–2014): held, not found"."""
    numbers: tuple[int, ...] = field(default=(), repr=False)
    """The missing numbers, where the series is numbered."""


@frozen(kw_only=True, eq=False, repr=False)
class Series(Record):
    """A series of meetings or terms that users count, and how complete the data holds it.

    Its members are the records of the kind ``of`` (a table name) whose field ``key`` has the
    value ``value``, or holds it in a list (every record of the kind when ``key`` is ``None``). ``held`` is how many the
    sources show were held by ``held_by``, where they show it (a 17th round implies 17);
    ``complete`` says that every one held is recorded; ``missing`` lists what is known to lack.
    """

    id: str = field(validator=slug)
    title: str = field(validator=text)
    of: str = field(validator=_KIND_NAME)
    key: str | None = field(default=None, validator=_KIND_NAME, repr=False)
    value: str | None = field(default=None, validator=text, repr=False)
    held: int | None = field(default=None, validator=AtLeast(0), repr=False)
    held_by: PartialDate | None = field(default=None, repr=False)
    complete: bool = field(repr=False)
    missing: tuple[Gap, ...] = field(default=(), repr=False)
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        if (self.key is None) != (self.value is None):
            raise ValueError("give both key and value, or neither")
        if self.complete and self.missing:
            raise ValueError("a complete series misses nothing")


@frozen(kw_only=True, eq=False, repr=False)
class Completeness(Record):
    """How much of a :class:`Series` the data holds: the records, and what is known to lack.

    ``str()`` says it in one line, so a count is never read as complete when it is not.
    """

    series: Series
    recorded: tuple[Any, ...]
    """The records of the series, in the dataset's order."""

    @property
    def complete(self) -> bool:
        """Whether every member the sources show was held is recorded."""
        return self.series.complete

    @property
    def missing(self) -> tuple[Gap, ...]:
        """What the data is known to lack."""
        return self.series.missing

    def __str__(self) -> str:
        counted = f"{len(self.recorded)} recorded"
        if self.series.held is not None:
            by = f" by {self.series.held_by}" if self.series.held_by else ""
            counted += f"; the sources show {self.series.held} held{by}"
        if self.series.complete:
            return f"{counted}; complete"
        if not self.series.missing:
            return f"{counted}; not known to be complete"
        return f"{counted}; known missing: " + "; ".join(gap.what for gap in self.series.missing)
