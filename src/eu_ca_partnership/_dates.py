"""Partial dates: a year, a year-month or a full date, exactly as precise as the source."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

import attrs

from .exceptions import InvalidDateError, quoted

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _check_month(instance: PartialDate, attribute: Any, value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:
        raise ValueError(f"month must be between 1 and 12, got {value}")


def _check_day(instance: PartialDate, attribute: Any, value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        raise ValueError("a day needs a month")
    last = calendar.monthrange(instance.year, instance.month)[1]
    if not 1 <= value <= last:
        raise ValueError(
            f"day must be between 1 and {last} in {instance.year}-{instance.month:02d}, got {value}"
        )


@attrs.frozen(order=False, repr=False)
class PartialDate:
    """A date known to the year, the month or the day, and no more.

    "September 2024" is ``PartialDate(2024, 9)``: its ``day`` is ``None``.
    Comparisons with a :class:`datetime.date` are *certain* comparisons:
    ``p < d`` holds only when every day that ``p`` may denote is before ``d``.

    >>> launched = PartialDate.parse("2024-09")
    >>> launched.year, launched.month, launched.day
    (2024, 9, None)
    >>> str(launched), launched.precision
    ('2024-09', 'month')
    >>> launched < dt.date(2024, 10, 1), launched < dt.date(2024, 9, 15)
    (True, False)
    >>> launched.earliest(), launched.latest()
    (datetime.date(2024, 9, 1), datetime.date(2024, 9, 30))
    """

    year: int = attrs.field(
        validator=attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(9999))
    )
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = attrs.field(default=None, validator=_check_day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        >>> PartialDate.parse("2016-01-27")
        PartialDate('2016-01-27')
        >>> PartialDate.parse("2016-13")
        Traceback (most recent call last):
        ...
        eu_ca_partnership.exceptions.InvalidDateError: '2016-13' is not a valid partial date: month must be between 1 and 12, got 13
        """
        if not isinstance(text, str):
            raise TypeError(f"a partial date is read from a str, got {type(text).__name__}")
        match = _PARTIAL.fullmatch(text)
        if match is None:
            raise InvalidDateError(f"{text!r} is not a partial date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            return cls(year, month, day)
        except ValueError as error:
            raise InvalidDateError(f"{text!r} is not a valid partial date: {error}") from None

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def earliest(self) -> dt.date:
        """The first day this date may denote."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day this date may denote."""
        if self.day is not None:
            return self.earliest()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` is one of the days this date may denote.

        >>> PartialDate(2016, 1).contains(dt.date(2016, 1, 27))
        True
        """
        return self.earliest() <= day <= self.latest()

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological key: a year sorts before its months, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    def __lt__(self, other: object) -> bool:
        bounds = _bounds(other)
        return NotImplemented if bounds is None else self.latest() < bounds[0]

    def __le__(self, other: object) -> bool:
        bounds = _bounds(other)
        return NotImplemented if bounds is None else self.latest() <= bounds[0]

    def __gt__(self, other: object) -> bool:
        bounds = _bounds(other)
        return NotImplemented if bounds is None else self.earliest() > bounds[1]

    def __ge__(self, other: object) -> bool:
        bounds = _bounds(other)
        return NotImplemented if bounds is None else self.earliest() >= bounds[1]


def _bounds(other: object) -> tuple[dt.date, dt.date] | None:
    if isinstance(other, PartialDate):
        return other.earliest(), other.latest()
    if isinstance(other, dt.datetime):
        return None
    if isinstance(other, dt.date):
        return other, other
    return None


def as_date(value: object, *, name: str = "on") -> dt.date:
    """Turn a user's ``on`` argument (a date or an ISO 8601 string) into a date.

    >>> as_date("2020-06-01")
    datetime.date(2020, 6, 1)
    >>> as_date("June 2020")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidDateError: on='June 2020' is not an ISO 8601 date; expected a datetime.date or a string such as '2020-06-01'
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidDateError(
                f"{name}={quoted(value)} is not an ISO 8601 date; "
                "expected a datetime.date or a string such as '2020-06-01'"
            ) from None
    raise TypeError(f"{name} must be a datetime.date or an ISO 8601 string, got {type(value).__name__}")
