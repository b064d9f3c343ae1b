"""Partial dates, and the one grammar of dates the package reads: ASCII digits only.

``PARTIAL_DATE_PATTERN`` is the whole grammar of a partial date, calendar included (a day
must exist in its month, 29 February only in a leap year). The parser, the loader, the query
helpers, the JSON Schema and the flat tables all use it, so they accept exactly the same text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeAlias

import attrs

from .exceptions import InvalidDateError, quoted

__all__ = ["Day", "PartialDate", "When"]

_YEAR = r"(?!0000)[0-9]{4}"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
#: A day, ``YYYY-MM-DD``, that exists in the calendar (ASCII digits only).
DAY_PATTERN = rf"{_YEAR}-{_MONTH_DAY}|(?!0000){_LEAP_YEAR}-02-29"
#: A partial date: ``YYYY``, ``YYYY-MM`` or a day as in :data:`DAY_PATTERN`.
PARTIAL_DATE_PATTERN = rf"{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{DAY_PATTERN}"

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def today() -> dt.date:
    """The day a question without a day is about: this computer's date (the one clock of the package).

    Tests replace it (``monkeypatch.setattr(eu_ca_partnership._dates, "today", ...)``) to pin a day.
    """
    return dt.date.today()


def next_midnight() -> float:
    """The POSIX time of the next midnight on this computer's clock: until then, the day is the same."""
    return dt.datetime.combine(dt.date.today() + dt.timedelta(days=1), dt.time()).timestamp()


def _days_in(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _DAYS_IN_MONTH[month - 1] + leap


def calendar_problem(text: str) -> str | None:
    """Why ``text``, written as a date should be, names no date; ``None`` if it is not written so.

    Only text of the grammar's shape (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` in ASCII digits) has
    a calendar problem: a year 0, a month or a day that does not exist.

    >>> calendar_problem("2026-13-01"), calendar_problem("2026-02-30"), calendar_problem("2026-01-32")
    ('month 13 does not exist', 'February 2026 has 28 days', 'January 2026 has 31 days')
    >>> calendar_problem("2024-02-29"), calendar_problem("June 2020")
    (None, None)
    """
    if re.fullmatch(r"[0-9]{4}(?:-[0-9]{2}){0,2}", text) is None:
        return None
    year, *rest = (int(part) for part in text.split("-"))
    if year == 0:
        return "year 0 does not exist"
    if not rest:
        return None
    month, *day = rest
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    if day and day[0] == 0:
        return "day 0 does not exist"
    last = _days_in(year, month)
    if day and day[0] > last:
        return f"{_MONTH_NAMES[month - 1]} {text[:4]} has {last} days"
    return None


def _check_month(instance: PartialDate, attribute: object, value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:
        raise ValueError(f"month must be between 1 and 12, got {value}")


def _check_day(instance: PartialDate, attribute: object, value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        raise ValueError("a day needs a month")
    last = _days_in(instance.year, instance.month)
    if not 1 <= value <= last:
        raise ValueError(
            f"day must be between 1 and {last} in {instance.year}-{instance.month:02d}, got {value}"
        )


def _check_year(instance: PartialDate, attribute: object, value: int) -> None:
    if not 1 <= value <= 9999:
        raise ValueError(f"year must be between 1 and 9999, got {value}")


@attrs.frozen(eq=False, order=False, repr=False, getstate_setstate=False)
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

    year: int = attrs.field(validator=_check_year)
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = attrs.field(default=None, validator=_check_day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ASCII digits; the day must exist).

        >>> PartialDate.parse("2016-01-27")
        PartialDate('2016-01-27')
        >>> PartialDate.parse("2016-13")
        Traceback (most recent call last):
        ...
        eu_ca_partnership.exceptions.InvalidDateError: '2016-13' is not a partial date: month 13 does not exist
        >>> PartialDate.parse("September 2016")
        Traceback (most recent call last):
        ...
        eu_ca_partnership.exceptions.InvalidDateError: 'September 2016' is not a partial date; expected YYYY, YYYY-MM or YYYY-MM-DD, in ASCII digits, naming a day that exists
        """
        if not isinstance(text, str):
            raise TypeError(f"a partial date is read from a str, got {type(text).__name__}")
        if re.fullmatch(PARTIAL_DATE_PATTERN, text) is None:  # compiled on first use, then cached
            problem = calendar_problem(text)
            if problem is not None:
                raise InvalidDateError(f"{quoted(text)} is not a partial date: {problem}")
            raise InvalidDateError(
                f"{quoted(text)} is not a partial date; expected YYYY, YYYY-MM or YYYY-MM-DD, "
                "in ASCII digits, naming a day that exists"
            )
        year, month, day = (int(part) for part in (text[:4], text[5:7] or 0, text[8:] or 0))
        return cls(year, month or None, day or None)

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
            return dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return dt.date(self.year, month, _days_in(self.year, month))

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` is one of the days this date may denote.

        >>> PartialDate(2016, 1).contains(dt.date(2016, 1, 27))
        True
        """
        return self.earliest() <= day <= self.latest()

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological key: a year sorts before its months, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    def isoformat(self) -> str:
        """The date as precise as it is known: ``"2024"``, ``"2024-09"`` or ``"2024-09-15"``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    # Equality, hashing and pickling by hand: a few lines instead of code attrs compiles at import.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not PartialDate:
            return NotImplemented
        return self.sort_key() == other.sort_key()

    def __hash__(self) -> int:
        return hash((PartialDate, self.year, self.month, self.day))

    def __reduce__(self) -> tuple[type[PartialDate], tuple[int, int | None, int | None]]:
        return PartialDate, (self.year, self.month, self.day)

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


def parse_day(text: str) -> dt.date:
    """Read a day, ``YYYY-MM-DD``, in ASCII digits; anything else is an :class:`InvalidDateError`.

    >>> parse_day("2020-02-29")
    datetime.date(2020, 2, 29)
    >>> parse_day("٢٠٢٠-٠٢-٢٩")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidDateError: '٢٠٢٠-٠٢-٢٩' is not a day; expected YYYY-MM-DD in ASCII digits, naming a day that exists
    >>> parse_day("2021-02-29")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidDateError: '2021-02-29' is not a day: February 2021 has 28 days
    """
    if re.fullmatch(DAY_PATTERN, text) is None:
        problem = calendar_problem(text)
        if problem is not None and len(text) == 10:
            raise InvalidDateError(f"{quoted(text)} is not a day: {problem}")
        raise InvalidDateError(
            f"{quoted(text)} is not a day; expected YYYY-MM-DD in ASCII digits, naming a day that exists"
        )
    return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))


def as_date(value: object, *, name: str = "on") -> dt.date:
    """Turn a user's ``on`` argument (a date or an ISO 8601 string, ``YYYY-MM-DD``) into a date.

    >>> as_date("2020-06-01")
    datetime.date(2020, 6, 1)
    >>> as_date("June 2020")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidDateError: on='June 2020' is not an ISO 8601 date; expected a datetime.date or a string such as '2020-06-01'
    >>> as_date("2026-02-30")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidDateError: on=2026-02-30: February 2026 has 28 days
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_day(value)
        except InvalidDateError:
            problem = calendar_problem(value) if len(value) == 10 else None
            if problem is not None:  # written as a day, but not one of the calendar
                raise InvalidDateError(f"{name}={value}: {problem}") from None
            raise InvalidDateError(
                f"{name}={quoted(value)} is not an ISO 8601 date; "
                "expected a datetime.date or a string such as '2020-06-01'"
            ) from None
    raise TypeError(f"{name} must be a datetime.date or an ISO 8601 string, got {type(value).__name__}")


#: A day a question is asked about: a :class:`datetime.date` or its ISO 8601 text, ``"2020-06-01"``.
Day: TypeAlias = dt.date | str
#: A bound of a range: a day, or a :class:`PartialDate` or its text (``"2015"``, ``"2024-09"``).
When: TypeAlias = dt.date | str | PartialDate


def as_bound(value: object, *, name: str, last: bool) -> dt.date:
    """The first (or, with ``last``, the last) day a range's bound may mean.

    >>> as_bound("2015", name="since", last=False), as_bound("2024-09", name="until", last=True)
    (datetime.date(2015, 1, 1), datetime.date(2024, 9, 30))
    """
    if isinstance(value, PartialDate):
        return value.latest() if last else value.earliest()
    if isinstance(value, str):
        try:
            partial = PartialDate.parse(value)
        except InvalidDateError:
            problem = calendar_problem(value)
            if problem is not None:  # written as a date, but not one of the calendar
                raise InvalidDateError(f"{name}={value}: {problem}") from None
            raise InvalidDateError(
                f"{name}={quoted(value)} is not a date; expected a day (2020-06-01), a month (2024-09) "
                "or a year (2015)"
            ) from None
        return partial.latest() if last else partial.earliest()
    if isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    raise TypeError(
        f"{name} must be a datetime.date, a PartialDate or an ISO 8601 string, got {type(value).__name__}"
    )


def date_range(since: object, until: object) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a range whose bounds may be partial; an inverted range is refused.

    >>> date_range("2015", "2015-06")
    (datetime.date(2015, 1, 1), datetime.date(2015, 6, 30))
    >>> date_range("2020", "2019")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.InvalidDateError: until='2019' is before since='2020': the range is empty
    """
    first = None if since is None else as_bound(since, name="since", last=False)
    last = None if until is None else as_bound(until, name="until", last=True)
    if first is not None and last is not None and last < first:
        raise InvalidDateError(
            f"until={quoted(str(until))} is before since={quoted(str(since))}: the range is empty"
        )
    return first, last
