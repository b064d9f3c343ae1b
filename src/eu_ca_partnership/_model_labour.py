"""Labour rights under GSP+: the conventions a beneficiary must ratify and implement, and who ratified them when.

Regulation (EU) No 978/2012 grants the special incentive arrangement (GSP+) to a country that has
ratified the 27 conventions of its Annex VIII (part A: core human rights and labour rights
conventions of the UN and the ILO; part B: conventions on the environment and good governance)
and binds it to implement them. Frozen, slotted attrs classes on :class:`~._model.Record`; the
registry (:data:`._kinds.KINDS`) defers these kinds: a first answer never reads them.
"""

from __future__ import annotations

import enum

from attrs import field, frozen

from ._dates import PartialDate
from ._model import COUNTRY_REF, QID_PATTERN, SOURCES_REF, Confidence, FieldNote, Record
from ._rules import AtLeast, Pattern, cited, ref, slug, text

__all__ = ["Convention", "ConventionBody", "ConventionGroup", "Ratification", "RatificationAct"]


class ConventionBody(enum.StrEnum):
    """The organisation under whose auspices a convention was adopted."""

    UN = "un"
    ILO = "ilo"
    OTHER = "other"


class ConventionGroup(enum.StrEnum):
    """What a convention of Annex VIII protects, as the regulation groups them."""

    HUMAN_RIGHTS = "human-rights"
    LABOUR_RIGHTS = "labour-rights"
    ENVIRONMENT = "environment"
    GOVERNANCE = "governance"


class RatificationAct(enum.StrEnum):
    """How a state became a party to a convention."""

    RATIFICATION = "ratification"
    ACCESSION = "accession"
    SUCCESSION = "succession"


@frozen(kw_only=True, eq=False, repr=False)
class Convention(Record):
    """A convention of Annex VIII of Regulation (EU) No 978/2012, which a GSP+ beneficiary must implement.

    ``annex_part`` and ``annex_number`` place it in the annex (part A, conventions 1-15; part B,
    16-27); ``ilo_number`` is the ILO's number (``"C029"``) and ``untc`` the chapter reference of
    the UN Treaty Collection (``"IV-4"``), where it has one.
    """

    id: str = field(validator=slug)
    title: str = field(validator=text)
    short_name: str = field(validator=text)
    body: ConventionBody = field(repr=False)
    group: ConventionGroup = field(repr=False)
    annex_part: str = field(validator=Pattern(r"[AB]"), repr=False)
    annex_number: int = field(validator=AtLeast(1), repr=False)
    adopted: PartialDate | None = field(default=None, repr=False)
    """The day the convention was adopted (or opened for signature)."""
    ilo_number: str | None = field(default=None, validator=Pattern(r"C[0-9]{3}"), repr=False)
    untc: str | None = field(default=None, validator=text, repr=False)
    qid: str | None = field(default=None, validator=Pattern(QID_PATTERN), repr=False)
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.short_name


@frozen(kw_only=True, eq=False, repr=False)
class Ratification(Record):
    """The day a country became a party to a convention of Annex VIII, as an official register gives it."""

    id: str = field(validator=slug)
    country: str = field(validator=Pattern(r"[A-Z]{2}"), metadata=COUNTRY_REF)
    convention: str = field(validator=slug, metadata=ref("conventions"))
    date: PartialDate
    act: RatificationAct | None = field(default=None, repr=False)
    """Ratification, accession or succession, where the register read says which."""
    note: str | None = field(default=None, validator=text, repr=False)
    sources: tuple[str, ...] = field(validator=cited, metadata=SOURCES_REF, repr=False)
    confidence: Confidence = field(repr=False)
    field_notes: tuple[FieldNote, ...] = field(default=(), repr=False)
