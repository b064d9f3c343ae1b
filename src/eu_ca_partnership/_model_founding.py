"""The founding document's lists: dialogue topics, human rights mechanisms, pillars and challenges.

Frozen, slotted attrs classes on :class:`~._model.Record`; the registry (:data:`._kinds.KINDS`)
says which kinds a first answer does without (``deferred``).
"""

from __future__ import annotations

import enum

from attrs import field, frozen

from ._model import (
    INSTRUMENT_REF,
    SOURCES_REF,
    Confidence,
    FieldNote,
    Record,
)
from ._rules import SLUG_PATTERN, Pattern, cited, slug, text

__all__ = [
    "Challenge",
    "Level",
    "Mechanism",
    "Pillar",
    "Topic",
]


class Level(enum.StrEnum):
    """A level at which cooperation takes place."""

    GLOBAL = "global"
    MULTILATERAL = "multilateral"
    REGIONAL = "regional"
    COUNTRY = "country"


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
