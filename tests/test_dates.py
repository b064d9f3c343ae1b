"""PartialDate: exactly as precise as its source, and honest when compared with a day."""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import eu_ca_partnership as eca
from eu_ca_partnership import InvalidDateError, PartialDate
from eu_ca_partnership._dates import calendar_problem, next_midnight, parse_day


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


days = st.dates(min_value=dt.date(1989, 1, 1), max_value=dt.date(2031, 12, 31))


@given(partial_dates())
def test_text_round_trip(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date


@given(partial_dates())
def test_bounds_are_ordered_and_contained(date: PartialDate) -> None:
    assert date.earliest() <= date.latest()
    assert date.contains(date.earliest())
    assert date.contains(date.latest())
    assert (date.earliest() == date.latest()) == (date.precision == "day")


@given(partial_dates(), days)
def test_comparisons_are_certain(date: PartialDate, day: dt.date) -> None:
    """p < d only when every day p may denote is before d; never both p < d and p >= d."""
    assert (date < day) == all(candidate < day for candidate in (date.earliest(), date.latest()))
    assert (date > day) == (date.earliest() > day)
    assert not (date < day and date >= day)
    assert not (date > day and date <= day)
    if date.contains(day) and date.precision != "day":
        assert not date < day
        assert not date > day


@given(partial_dates(), partial_dates())
def test_sort_key_agrees_with_certain_order(a: PartialDate, b: PartialDate) -> None:
    if a < b:
        assert a.sort_key() < b.sort_key()


@pytest.mark.parametrize(
    ("date", "earliest", "latest"),
    [
        (PartialDate(1996), dt.date(1996, 1, 1), dt.date(1996, 12, 31)),
        (PartialDate(2024, 2), dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (PartialDate(2024, 9, 15), dt.date(2024, 9, 15), dt.date(2024, 9, 15)),
    ],
)
def test_first_and_last_day_of_each_precision(date: PartialDate, earliest: dt.date, latest: dt.date) -> None:
    assert (date.earliest(), date.latest()) == (earliest, latest)


def test_a_year_sorts_before_its_months_and_a_month_before_its_days() -> None:
    assert PartialDate(2024).sort_key() < PartialDate(2024, 1).sort_key() < PartialDate(2024, 1, 1).sort_key()


COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@pytest.mark.parametrize(
    ("date", "other", "holding"),
    [
        (PartialDate(2024, 9), dt.date(2024, 9, 30), {"<="}),
        (PartialDate(2024, 9), dt.date(2024, 9, 1), {">="}),
        (PartialDate(2024, 9), dt.date(2024, 10, 1), {"<", "<="}),
        (PartialDate(2024, 9, 15), PartialDate(2024, 9), set()),
        (PartialDate(2024, 9, 1), PartialDate(2024, 9), {"<="}),
        (PartialDate(2024, 9, 30), PartialDate(2024, 9), {">="}),
        (PartialDate(2024, 8), PartialDate(2024, 9, 1), {"<", "<="}),
    ],
)
def test_comparisons_at_the_bounds(
    date: PartialDate, other: dt.date | PartialDate, holding: set[str]
) -> None:
    assert {name for name, compare in COMPARISONS.items() if compare(date, other)} == holding


def test_september_2024_is_a_month() -> None:
    launched = PartialDate.parse("2024-09")
    assert (launched.year, launched.month, launched.day) == (2024, 9, None)
    assert launched.latest() == dt.date(2024, 9, 30)


@pytest.mark.parametrize(
    "text",
    ["2024-9", "24", "2024-00", "2024-13", "2023-02-29", "2024-04-31", "2024/09", " 2024", "", "0000"],
)
def test_malformed_text_is_rejected(text: str) -> None:
    with pytest.raises(InvalidDateError, match="partial date"):
        PartialDate.parse(text)


def test_leap_day_is_accepted() -> None:
    assert PartialDate.parse("2020-02-29").latest() == dt.date(2020, 2, 29)


def test_day_without_month_is_rejected() -> None:
    with pytest.raises(ValueError, match="a day needs a month"):
        PartialDate(2020, None, 3)


def test_not_comparable_with_datetime_or_text() -> None:
    with pytest.raises(TypeError):
        _ = PartialDate(2020) < "2021"  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = PartialDate(2020) < dt.datetime(2021, 1, 1)


# -- one grammar: the parser, the query helpers and the JSON Schema accept the same text ----------------

SCHEMA_PATTERN = re.compile(eca.json_schema()["$defs"]["PartialDate"]["pattern"])
DAY_SCHEMA_PATTERN = re.compile(eca.json_schema()["$defs"]["Date"]["pattern"])

#: Text near the grammar: ASCII and other Unicode digits, dashes, signs, spaces.
near_dates = st.text(alphabet="0123456789-٠١٢٣٤٥٦٧٨٩０１２３４５６７８９ +", max_size=12)


def _parses(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except InvalidDateError:
        return False
    return True


@given(st.from_regex(SCHEMA_PATTERN, fullmatch=True))
def test_what_the_schema_accepts_parses(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@given(
    st.one_of(
        near_dates,
        st.dates().map(dt.date.isoformat),
        st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 99)),
    )
)
@example("0000")
@example("1900-02-29")
@example("2000-02-29")
def test_the_parser_and_the_schema_accept_exactly_the_same_text(text: str) -> None:
    assert _parses(text) == bool(SCHEMA_PATTERN.fullmatch(text)), text


@given(st.one_of(near_dates, st.dates().map(dt.date.isoformat), st.dates().map(lambda d: f"{d:%Y-%m}-31")))
@example(" 2020-01-01")
@example("2020-02-30")
def test_a_day_of_a_query_and_of_the_schema_is_the_same_day(text: str) -> None:
    try:
        eca.default_dataset().day(text)  # in coverage or not, the text is read the same way
        accepted = True
    except eca.OutOfCoverageError:
        accepted = True
    except InvalidDateError:
        accepted = False
    assert accepted == bool(DAY_SCHEMA_PATTERN.fullmatch(text)), text


@pytest.mark.parametrize("text", ["٢٠٢٤-٠٩", "２０２４", "2024-0٩", "2017-01-0١"])
def test_other_digits_are_refused_at_a_query(text: str) -> None:
    with pytest.raises(InvalidDateError):
        PartialDate.parse(text)
    with pytest.raises(InvalidDateError):
        eca.status("UZ", "GSP", on=text)


@given(near_dates)
def test_a_text_the_parser_refuses_has_a_calendar_problem_only_if_written_as_a_date(text: str) -> None:
    problem = calendar_problem(text)
    if _parses(text):
        assert problem is None
    elif problem is not None:
        assert re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", text)
        assert problem.endswith(("does not exist", "days"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-13-01", "month 13 does not exist"),
        ("2026-13", "month 13 does not exist"),
        ("2026-00", "month 0 does not exist"),
        ("0000", "year 0 does not exist"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2026-12-32", "December 2026 has 31 days"),
        ("2026-06-00", "day 0 does not exist"),
        ("2026", None),
        ("2026-06", None),
        ("2024-02-29", None),
        ("2026-1-01", None),
        ("٢٠٢٦-١٣-٠١", None),  # other digits: not written as a date at all
        ("20261301", None),
    ],
)
def test_the_calendar_problem_of_a_text(text: str, problem: str | None) -> None:
    assert calendar_problem(text) == problem


def test_each_parser_says_what_the_calendar_lacks() -> None:
    with pytest.raises(InvalidDateError, match=r"^'2026-13' is not a partial date: month 13 does not exist$"):
        PartialDate.parse("2026-13")
    with pytest.raises(InvalidDateError, match=r"^'2026-02-30' is not a day: February 2026 has 28 days$"):
        parse_day("2026-02-30")
    with pytest.raises(InvalidDateError, match=r"^'2026-13' is not a day; expected YYYY-MM-DD"):
        parse_day("2026-13")  # written as a month, not as a day
    with pytest.raises(InvalidDateError, match=r"^since=2026-13: month 13 does not exist$"):
        eca.timeline(since="2026-13")
    with pytest.raises(InvalidDateError, match=r"^until=2023-02-29: February 2023 has 28 days$"):
        eca.timeline(until="2023-02-29")


def test_the_day_changes_at_the_next_midnight_of_this_computers_clock() -> None:
    """Until then, an answer about today may be reused (``Dataset.warm``)."""
    before = dt.date.today()
    midnight = dt.datetime.fromtimestamp(next_midnight())
    after = dt.date.today()  # the test itself may straddle a midnight
    assert midnight.time() == dt.time()
    assert midnight.date() in {before + dt.timedelta(days=1), after + dt.timedelta(days=1)}


def test_partial_dates_are_equal_only_at_the_same_precision() -> None:
    assert PartialDate(2020, 5) == PartialDate(2020, 5)
    assert not PartialDate(2020, 5) != PartialDate(2020, 5)  # noqa: SIM202 - the operator under test
    assert PartialDate(2020, 5) != PartialDate(2020, 5, 1)
    assert PartialDate(2020) != dt.date(2020, 1, 1)  # a year is not one of its days
    assert PartialDate(2020, 5) != "2020-05"
