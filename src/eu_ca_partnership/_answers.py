"""Answers that keep their doubt: the records, the day asked, and what the sources leave unsettled.

An :class:`Answer` is a tuple of records (equal to a plain tuple of them), which also says the
day it answers for, the day the facts were last checked, whether it lies beyond that day
(``unverified``), and the :class:`Doubt` of each record it leaves out because the sources can
neither confirm nor rule it out. The same doubt is also raised as a warning, at the caller's
line (``warn_at_caller``), and shown at the terminal, in ``--json``, and in the HTML display
(the module that loads the bundled dataset gives answers their ``_repr_html_``).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import warnings
from collections.abc import Iterable
from typing import Any, TypeVar

from attrs import field, frozen

from ._model import Record
from ._rules import text

__all__ = ["Answer", "Doubt", "UncertainAnswerWarning", "UnverifiedAnswerWarning"]

T_co = TypeVar("T_co", covariant=True)


class UncertainAnswerWarning(UserWarning):
    """An answer leaves out a participation that the sources can neither confirm nor rule out."""


class UnverifiedAnswerWarning(UserWarning):
    """An answer is about a day after ``DATA_AS_OF``: the latest known state, not verified for that day."""


#: Where the package's modules are: frames there are the package's own, not a caller's.
_PACKAGE = os.path.dirname(__file__) + os.sep


def warn_at_caller(message: str, category: type[Warning]) -> None:
    """Warn with the caller's file and line: the first frame outside the package.

    However many of the package's functions lie between (``eca.status`` calls
    ``Dataset.status``, ``agreement_for`` calls ``instruments_for``), the warning names the line
    that asked the question, so a filter by module or a ``-W`` option sees the user's code.
    Python 3.12 has ``warnings.warn(skip_file_prefixes=...)``; this counts the frames itself,
    the same on every version.
    """
    frame = sys._getframe(1)
    level = 2  # stacklevel 1 is this function, 2 the one that called it
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)


#: Whether this process has been warned that an answer lies after ``DATA_AS_OF``: a question
#: without a day is about today, so nearly every answer does; it is said once, and again only when
#: an answer turns on its day (see :func:`warn_unverified`).
_unverified_said = False


def warn_unverified(message: str, *, turns_on_date: bool) -> None:
    """Give the :class:`UnverifiedAnswerWarning` at the caller's line: once per process, and again
    whenever the answer itself turns on the day (a scheduled end has passed, making it unknown)."""
    global _unverified_said
    if _unverified_said and not turns_on_date:
        return
    _unverified_said = True
    warn_at_caller(message, UnverifiedAnswerWarning)


@frozen(kw_only=True, eq=False, repr=False)
class Doubt(Record):
    """A record an answer leaves out because the sources can neither confirm nor rule it out."""

    record: str = field(validator=text)
    """The id of the record in doubt: a participation, an envoy, a dialogue round."""
    why: str = field(validator=text)
    country: str | None = None
    """The alpha-2 code of the country it concerns, if one."""
    instrument: str | None = None
    """The id of the instrument it concerns, if one."""


class Answer(tuple[T_co, ...]):
    """The records that answer a question about a day, with the doubt the sources leave.

    A tuple of the records: it compares equal to a plain tuple of them, and indexes, iterates
    and unpacks like one. It also holds ``on`` (the day asked), ``data_as_of`` (the day the facts
    were last checked), ``unverified`` (whether ``on`` is after that day), ``doubts``, and
    ``remarks``: what a reader needs to read the answer right ("Tajikistan: standard GSP, no GSP+
    obligations" for an empty one), and ``completeness``: for the records of a series (the rounds of
    a dialogue), how much of it the data holds (a :class:`Completeness`; ``None`` for others).
    Nothing of it can be changed.

    >>> import eu_ca_partnership as eca
    >>> answer = eca.countries_with(eca.GSP_PLUS, on="2020-06-01")
    >>> answer == (eca.KYRGYZSTAN,), str(answer.on), answer.unverified, answer.doubts
    (True, '2020-06-01', False, ())
    """

    on: dt.date
    data_as_of: dt.date
    doubts: tuple[Doubt, ...]
    remarks: tuple[str, ...]
    completeness: Any

    def __new__(
        cls,
        records: Iterable[T_co] = (),
        *,
        on: dt.date,
        data_as_of: dt.date,
        doubts: Iterable[Doubt] = (),
        remarks: Iterable[str] = (),
        completeness: Any = None,
    ) -> Answer[T_co]:
        made = super().__new__(cls, records)
        made.__dict__.update(
            on=on,
            data_as_of=data_as_of,
            doubts=tuple(doubts),
            remarks=tuple(remarks),
            completeness=completeness,
        )
        return made

    @property
    def unverified(self) -> bool:
        """Whether the day asked is after ``DATA_AS_OF``: the answer is then the latest known state."""
        return self.on > self.data_as_of

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"an answer cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"an answer cannot be changed (tried to delete {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return _answer, (tuple(self), self.on, self.data_as_of, self.doubts, self.remarks, self.completeness)

    def notes(self) -> tuple[str, ...]:
        """The remarks, doubt and caveat of the answer, one sentence each (what a terminal shows under it)."""
        said = [*self.remarks, *(f"uncertain: {doubt.why}" for doubt in self.doubts)]
        if self.unverified:
            said.append(
                f"unverified: {self.on.isoformat()} is after {self.data_as_of.isoformat()}, when the facts were "
                "last checked; this is the latest known state"
            )
        return tuple(said)


def _answer(
    records: tuple[Any, ...],
    on: dt.date,
    data_as_of: dt.date,
    doubts: tuple[Doubt, ...],
    remarks: tuple[str, ...] = (),
    completeness: Any = None,
) -> Answer[Any]:
    return Answer(
        records, on=on, data_as_of=data_as_of, doubts=doubts, remarks=remarks, completeness=completeness
    )
