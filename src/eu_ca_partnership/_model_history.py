"""History: dated events, dialogue rounds, envoys, and the series users count.

Frozen, slotted attrs classes on :class:`~._model.Record`; the registry (:data:`._kinds.KINDS`)
says which kinds a first answer does without (``deferred``).
"""

from __future__ import annotations

import enum
from typing import Any, Literal

from attrs import field, frozen

from ._dates import PartialDate
from ._model import (
    COUNTRY_REF,
    INSTRUMENT_REF,
    QID_PATTERN,
    SOURCES_REF,
    Confidence,
    FieldNote,
    Kind,
    Record,
)
from ._rules import AtLeast, Pattern, cited, ref, slug, text

__all__ = [
    "Completeness",
    "DialogueRound",
    "Envoy",
    "Event",
    "EventKind",
    "EventKindName",
    "Gap",
    "Series",
]


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
    "labour-monitoring",
    "legislation",
    "restrictive-measures",
    "council-conclusions",
    "progress-report",
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


class EventKind(enum.StrEnum):
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
    LABOUR_MONITORING = "labour-monitoring"
    """A report or finding of the ILO's monitoring of labour rights (the third-party monitoring of
    Uzbekistan's cotton harvest), apart from the EU's own GSP monitoring."""
    LEGISLATION = "legislation"
    RESTRICTIVE_MEASURES = "restrictive-measures"
    """A Council act imposing, renewing, amending or lifting restrictive measures (sanctions)."""
    COUNCIL_CONCLUSIONS = "council-conclusions"
    PROGRESS_REPORT = "progress-report"
    """A report on, or review of, the implementation of the EU's strategy for Central Asia."""
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
    procedure: str | None = field(
        default=None,
        validator=Pattern(r"\d{4}/\d{4}[A-Z]?\([A-Z]{3}\)(?:; \d{4}/\d{4}[A-Z]?\([A-Z]{3}\))*"),
        repr=False,
    )
    """The European Parliament's procedure file of a text it adopted: ``"2022/2195(INI)"``
    (several, separated by ``"; "``, where one vote closed more than one)."""
    official_journal: str | None = field(default=None, validator=text, repr=False)
    """Where the Official Journal published the text: ``"OJ C 132, 14.4.2024, p. 1"``."""
    body: str | None = field(default=None, validator=slug, repr=False)
    """The body that met, for a meeting of a series (``"eu-kazakhstan-cooperation-council"``)."""
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


_KIND_NAME = Pattern(r"[a-z]+(?:_[a-z]+)*")


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
