"""Sources: the documents every record cites.

Frozen, slotted attrs classes on :class:`~._model.Record`; the registry (:data:`._kinds.KINDS`)
says which kinds a first answer does without (``deferred``).
"""

from __future__ import annotations

import datetime as dt
import enum

from attrs import field, frozen

from ._dates import PartialDate
from ._model import (
    CELEX_PATTERN,
    ELI_PATTERN,
    Record,
)
from ._rules import Pattern, slug, text

__all__ = [
    "Source",
    "SourceKind",
]


class SourceKind(enum.StrEnum):
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
