"""Questions over time: as-of answers, partial dates, and what the sources cannot settle."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_ca_partnership as eca
from eu_ca_partnership import Confidence, PartialDate, Participation, Presence
from eu_ca_partnership._model import presence

AS_OF = dt.date(2026, 1, 1)


PRECISIONS = ("year", "month", "day")


@st.composite
def partial_dates(
    draw: st.DrawFn, low: dt.date = dt.date(2000, 1, 1), precisions: tuple[str, ...] = PRECISIONS
) -> PartialDate:
    day = draw(st.dates(min_value=low, max_value=dt.date(2025, 12, 31)))
    precision = draw(st.sampled_from(precisions))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@st.composite
def participations(
    draw: st.DrawFn,
    endings: tuple[str, ...] = ("ongoing", "ended", "unknown end"),
    precisions: tuple[str, ...] = PRECISIONS,
) -> Participation:
    start = draw(partial_dates(precisions=precisions))
    ending = draw(st.sampled_from(endings))
    end = draw(partial_dates(low=start.earliest(), precisions=precisions)) if ending == "ended" else None
    return Participation(
        id="generated",
        country="KG",
        instrument="gsp",
        start=start,
        end=end,
        ongoing=ending == "ongoing",
        sources=("founding-factsheet",),
        confidence=Confidence.HIGH,
    )


days = st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2026, 12, 31))


def _every_reading(p: Participation, day: dt.date) -> set[bool]:
    """Whether p holds on day, under every reading of its partial dates that keeps start <= end.

    Whether a day lies in [s, e] changes only at s = day, s = day + 1, e = day - 1 and e = day,
    so trying those and the range bounds covers every case.
    """
    assert p.start is not None
    one = dt.timedelta(days=1)
    end_range = (p.end.earliest(), p.end.latest()) if p.end else (dt.date.max, dt.date.max)
    start_range = (p.start.earliest(), p.start.latest())

    def candidates(low: dt.date, high: dt.date, around: tuple[dt.date, ...]) -> set[dt.date]:
        return {low, high} | {d for d in around if low <= d <= high}

    starts = candidates(*start_range, (day, day + one, end_range[0], end_range[1]))
    ends = candidates(*end_range, (day - one, day, start_range[0], start_range[1]))
    return {s <= day <= e for s in starts for e in ends if s <= e}


@given(participations(endings=("ongoing", "ended"), precisions=("day",)), days)
def test_exact_dates_hold_exactly_within_the_closed_interval(p: Participation, day: dt.date) -> None:
    assert p.start is not None
    expected = p.start.earliest() <= day and (p.end is None or day <= p.end.earliest())
    assert (p.status_on(day, data_as_of=AS_OF) is Presence.YES) == expected
    assert p.status_on(day, data_as_of=AS_OF) is not Presence.UNKNOWN


@given(participations(endings=("ongoing", "ended")), days)
def test_partial_dates_answer_yes_or_no_only_when_every_reading_agrees(
    p: Participation, day: dt.date
) -> None:
    readings = _every_reading(p, day)
    status = p.status_on(day, data_as_of=AS_OF)
    if status is Presence.YES:
        assert readings == {True}
    elif status is Presence.NO:
        assert readings == {False}
    else:
        assert readings == {True, False}


@given(participations(endings=("unknown end",)), days)
def test_an_unknown_end_never_pretends(p: Participation, day: dt.date) -> None:
    status = p.status_on(day, data_as_of=AS_OF)
    assert p.start is not None
    if day < p.start.earliest() or day >= AS_OF:
        assert status is Presence.NO
    elif day == p.start.latest() and p.start.precision == "day":
        assert status is Presence.YES
    else:
        assert status is Presence.UNKNOWN


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(1990, 1, 1), Presence.UNKNOWN),
        (dt.date(2015, 6, 1), Presence.UNKNOWN),
        (dt.date(2016, 1, 15), Presence.UNKNOWN),
        (dt.date(2016, 1, 31), Presence.YES),
    ],
)
def test_in_place_by_is_not_a_known_start(day: dt.date, expected: Presence) -> None:
    p = Participation(
        id="generated",
        country="KG",
        instrument="eu-kyrgyzstan-human-rights-dialogue",
        in_place_by=PartialDate(2016, 1),
        ongoing=True,
        sources=("founding-factsheet",),
        confidence=Confidence.HIGH,
    )
    assert p.status_on(day, data_as_of=AS_OF) is expected


@pytest.mark.parametrize(
    ("day", "start_known", "expected"),
    [
        (dt.date(2020, 5, 9), True, Presence.NO),
        (dt.date(2020, 5, 10), True, Presence.YES),
        (dt.date(2020, 5, 11), True, Presence.UNKNOWN),
        (dt.date(2020, 5, 9), False, Presence.UNKNOWN),  # in place by 10 May: it may have begun before
    ],
)
def test_an_end_known_to_the_year_holds_on_the_start_day(
    day: dt.date, start_known: bool, expected: Presence
) -> None:
    answer = presence(
        day,
        start=PartialDate(2020, 5, 10),
        start_known=start_known,
        end=PartialDate(2020),
        ongoing=False,
        ended_by=AS_OF,
    )
    assert answer is expected


coverage_days = st.dates(min_value=eca.COVERAGE_START, max_value=eca.DATA_AS_OF)


@given(coverage_days)
def test_instruments_for_and_countries_with_are_inverse_views(day: dt.date) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        held = {(c.alpha_2, i.id) for c in eca.COUNTRIES for i in eca.instruments_for(c, on=day)}
        holders = {(c.alpha_2, i.id) for i in eca.INSTRUMENTS for c in eca.countries_with(i, on=day)}
    assert held == holders
    for code, instrument_id in held:
        assert eca.status(code, instrument_id, on=day) is Presence.YES


@given(coverage_days, st.sampled_from(eca.COUNTRIES))
def test_a_country_never_holds_two_gsp_arrangements_on_one_day(day: dt.date, country: eca.Country) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        trade = eca.instruments_for(country, on=day, kind=eca.Kind.TRADE_PREFERENCE)
    assert len(trade) <= 1


@given(coverage_days, st.sampled_from(eca.COUNTRIES), st.sampled_from(list(eca.Kind)))
def test_kind_filter_keeps_exactly_that_kind(day: dt.date, country: eca.Country, kind: eca.Kind) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        everything = eca.instruments_for(country, on=day)
        filtered = eca.instruments_for(country, on=day, kind=kind)
        by_value = eca.instruments_for(country, on=day.isoformat(), kind=kind.value)
    assert filtered == by_value == tuple(i for i in everything if i.kind is kind)


def _holders(instrument: eca.Instrument, on: str | None = None) -> list[str]:
    return [c.name for c in eca.countries_with(instrument, on=on)]


def test_gsp_plus_now_and_in_2020() -> None:
    assert _holders(eca.GSP_PLUS) == ["Kyrgyzstan", "Uzbekistan"]
    assert _holders(eca.GSP_PLUS, "2020-06-01") == ["Kyrgyzstan"]


@pytest.mark.parametrize(
    ("instrument", "day", "expected"),
    [
        ("gsp-plus", "2016-01-26", []),
        ("gsp-plus", "2016-01-27", ["Kyrgyzstan"]),
        ("gsp-plus", "2021-04-09", ["Kyrgyzstan"]),
        ("gsp-plus", "2021-04-10", ["Kyrgyzstan", "Uzbekistan"]),
        ("eu-kazakhstan-pca", "2020-02-29", ["Kazakhstan"]),
        ("eu-kazakhstan-pca", "2020-03-01", []),
        ("eu-kazakhstan-epca", "2020-02-29", []),
        ("eu-kazakhstan-epca", "2020-03-01", ["Kazakhstan"]),
        ("civil-society-forum", "2019-07-04", []),
        (
            "civil-society-forum",
            "2019-07-05",
            ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
        ),
        (
            "civil-society-facility",
            "2024-10-01",
            ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
        ),
    ],
)
def test_edges_of_sourced_periods(instrument: str, day: str, expected: list[str]) -> None:
    assert _holders(eca.instrument(instrument), day) == expected


def test_gsp_on_the_first_day_of_the_2014_scheme() -> None:
    assert _holders(eca.GSP, "2014-01-01") == ["Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
    assert eca.status("Kazakhstan", eca.GSP, on="2014-01-01") is Presence.NO


def test_turkmenistan_left_the_gsp_when_its_delegated_regulation_says() -> None:
    """Delegated Regulation (EU) No 1015/2014 removed it from Annex II from 1 January 2016."""
    assert eca.status("TM", "gsp", on="2015-12-31") is Presence.YES
    assert eca.status("TM", "gsp", on="2016-01-01") is Presence.NO
    assert [c.name for c in eca.countries_with(eca.GSP, on="2017-01-01")] == ["Tajikistan", "Uzbekistan"]
    note = next(n for n in eca.participations("TM", "gsp")[0].field_notes if n.field == "end")
    assert note.note.startswith("Derived:")
    assert "legalizedev-reg-del-1015-2014" in note.sources


def test_a_month_precise_launch_is_unknown_within_the_month() -> None:
    assert eca.status("TJ", eca.CIVIL_SOCIETY_FACILITY, on="2024-08-31") is Presence.NO
    assert eca.status("TJ", eca.CIVIL_SOCIETY_FACILITY, on="2024-09-15") is Presence.UNKNOWN
    assert eca.status("TJ", eca.CIVIL_SOCIETY_FACILITY, on="2024-10-01") is Presence.YES


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (None, ["uzbekistan-gsp"]),  # without on=, every period, past and present
        ("2020-01-01", ["uzbekistan-gsp"]),
        ("2021-04-09", ["uzbekistan-gsp"]),
        ("2022-01-01", []),
    ],
)
def test_participations_on_a_day_are_those_that_hold(day: str | None, expected: list[str]) -> None:
    assert [p.id for p in eca.participations("UZ", "GSP", on=day)] == expected


def test_on_accepts_dates_datetimes_and_iso_text() -> None:
    expected = eca.instruments_for("TJ", on=dt.date(2020, 1, 1))
    assert eca.instruments_for("TJ", on="2020-01-01") == expected
    assert eca.instruments_for("TJ", on=dt.datetime(2020, 1, 1, 12, 30)) == expected
    with pytest.raises(eca.InvalidDateError):  # one grammar: what the data files could not hold
        eca.instruments_for("TJ", on=" 2020-01-01 ")


@pytest.mark.parametrize("bad", ["June 2020", "", "yesterday", "today", "2020-6-1", "2020-06"])
def test_malformed_dates_raise_our_error(bad: str) -> None:
    with pytest.raises(eca.InvalidDateError, match="ISO 8601"):
        eca.instruments_for("TJ", on=bad)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("2026-13-01", "on=2026-13-01: month 13 does not exist"),
        ("2026-00-10", "on=2026-00-10: month 0 does not exist"),
        ("2026-01-32", "on=2026-01-32: January 2026 has 31 days"),
        ("2026-01-00", "on=2026-01-00: day 0 does not exist"),
        ("2026-02-30", "on=2026-02-30: February 2026 has 28 days"),
        ("2026-02-29", "on=2026-02-29: February 2026 has 28 days"),
        ("2100-02-29", "on=2100-02-29: February 2100 has 28 days"),
        ("2026-04-31", "on=2026-04-31: April 2026 has 30 days"),
        ("0000-01-01", "on=0000-01-01: year 0 does not exist"),
    ],
)
def test_a_day_the_calendar_lacks_is_named_with_what_it_lacks(bad: str, message: str) -> None:
    with pytest.raises(eca.InvalidDateError) as caught:
        eca.instruments_for("TJ", on=bad)
    assert str(caught.value) == message


@pytest.mark.parametrize("bad", [2020, 2020.5, ["2020-01-01"], object()])
def test_wrong_date_types_raise_a_worded_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=r"on must be a datetime\.date or an ISO 8601 string"):
        eca.countries_with("gsp", on=bad)


def test_dates_outside_the_coverage_raise_instead_of_answering_empty() -> None:
    with pytest.raises(eca.OutOfCoverageError, match="before the data's coverage"):
        eca.instruments_for("KZ", on="1994-12-31")
    with pytest.warns(eca.UncertainAnswerWarning):
        answer = eca.instruments_for("KZ", on="1995-01-01")
    assert answer == ()  # nothing held for certain: the GSP is not described, the dialogue not yet known
    assert {doubt.instrument for doubt in answer.doubts} == {"gsp", "eu-kazakhstan-human-rights-dialogue"}
    assert eca.instruments_for("KZ", on=eca.DATA_AS_OF) == eca.instruments_for("KZ")


def test_a_day_after_the_data_gets_the_latest_known_state_with_a_warning_once() -> None:
    later = eca.DATA_AS_OF + dt.timedelta(days=1)
    with pytest.warns(eca.UnverifiedAnswerWarning, match="after .* when the facts were last checked"):
        answer = eca.instruments_for("KZ", on=later)
    assert answer == eca.instruments_for("KZ")
    assert answer.unverified
    assert answer.on == later
    assert not eca.instruments_for("KZ").unverified
    with warnings.catch_warnings():  # said once per process: nearly every answer is after DATA_AS_OF
        warnings.simplefilter("error")
        assert eca.status("UZ", eca.GSP_PLUS, on=later) is eca.Presence.YES
        again = eca.countries_with(eca.GSP_PLUS, on=later)
    assert again.unverified  # each answer still carries its flag and its note
    assert again.notes()[-1].startswith(f"unverified: {later.isoformat()} is after")


def test_a_far_future_answers_unknown_where_an_end_is_scheduled() -> None:
    """The GSP regulation expires on 31 December 2027; a mandate ends on its last day unless extended.

    Past such an end the answer turns on its day: the caveat is given again, every time."""
    with pytest.warns(eca.UnverifiedAnswerWarning):
        assert eca.status("UZ", eca.GSP_PLUS, on="2027-12-31") is eca.Presence.YES
    with pytest.warns(eca.UnverifiedAnswerWarning):  # unknown says the doubt itself
        assert eca.status("UZ", eca.GSP_PLUS, on="2028-01-01") is eca.Presence.UNKNOWN
    with pytest.warns(eca.UnverifiedAnswerWarning), pytest.warns(eca.UncertainAnswerWarning):
        answer = eca.countries_with(eca.GSP_PLUS, on="2028-01-01")
    assert answer == ()
    assert {d.country for d in answer.doubts} == {"KG", "UZ"}
    stiprais = eca.record("eduards-stiprais", eca.Envoy)
    assert stiprais.end is not None
    assert stiprais.end > eca.DATA_AS_OF
    assert eca.envoys_on(stiprais.end.latest()) == (stiprais,)  # already said once
    with (
        pytest.warns(eca.UnverifiedAnswerWarning),
        pytest.warns(eca.UncertainAnswerWarning, match="unless extended"),
    ):
        assert eca.envoys_on(stiprais.end.latest() + dt.timedelta(days=1)) == ()
    assert eca.agreement_for("KZ", on="2040-01-01") == eca.agreement_for("KZ")  # no end is scheduled


def test_a_question_without_a_day_is_about_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock is one function; after DATA_AS_OF, today gets the latest known state, unverified."""
    from eu_ca_partnership import _dates

    later = eca.DATA_AS_OF + dt.timedelta(days=30)
    monkeypatch.setattr(_dates, "today", lambda: later)
    with pytest.warns(eca.UnverifiedAnswerWarning):
        first = eca.instruments_for("Kyrgyzstan")
    assert first.on == later
    assert first.unverified
    assert first == eca.instruments_for("KG", on=eca.DATA_AS_OF)
    warm = eca.instruments_for("Kyrgyzstan")  # the warm path: the same answer, for today, unwarned
    assert (warm, warm.on, warm.unverified) == (first, later, True)
    assert eca.instruments_for("Kyrgyzstan") is warm
    assert eca.instruments_for(eca.KYRGYZSTAN) is warm
    assert eca.countries_with("GSP+").on == later
    assert eca.envoys_on().on == later
    assert eca.conventions_for("UZ").on == later
    assert eca.participations("UZ", "GSP+", on=None) == eca.participations("UZ", "GSP+")  # every period
    # the day after, the warm path answers for that day, not the last one
    monkeypatch.setattr(_dates, "today", lambda: later + dt.timedelta(days=1))
    assert eca.instruments_for("Kyrgyzstan").on == later + dt.timedelta(days=1)
    # past the GSP regulation's scheduled expiry, today is unknown, and the caveat is given again
    monkeypatch.setattr(_dates, "today", lambda: dt.date(2028, 1, 2))
    with pytest.warns(eca.UnverifiedAnswerWarning):
        assert eca.status("UZ", "GSP+") is eca.Presence.UNKNOWN
    with pytest.warns(eca.UnverifiedAnswerWarning), pytest.warns(eca.UncertainAnswerWarning):
        assert "gsp-plus" not in [i.id for i in eca.instruments_for("UZ")]
    with pytest.warns(eca.UnverifiedAnswerWarning), pytest.warns(eca.UncertainAnswerWarning):
        assert "gsp-plus" not in [i.id for i in eca.instruments_for("UZ")]  # not from a warm path


@pytest.mark.parametrize(
    "spelling", ["trade-preference", "trade_preference", "TRADE_PREFERENCE", " Trade-Preference "]
)
def test_kind_is_read_from_its_value_or_its_name(spelling: str) -> None:
    assert eca.instruments_for("KG", kind=spelling) == (eca.GSP_PLUS,)
    assert eca.instruments_for("KG", on="2015-06-01", kind=spelling) == (eca.GSP,)


def test_unknown_kind_is_refused_with_the_accepted_values() -> None:
    with pytest.raises(ValueError, match="'treaty' is not an instrument kind; accepted: 'trade-preference'"):
        eca.instruments_for("KZ", kind="treaty")
    with pytest.raises(TypeError, match="kind must be a Kind or a str"):
        eca.instruments_for("KZ", kind=3)  # type: ignore[arg-type]


def test_the_kinds_type_checkers_know_are_the_kinds_there_are() -> None:
    from typing import get_args

    from eu_ca_partnership._model import KindName
    from eu_ca_partnership._model_history import EventKindName

    assert list(get_args(KindName)) == [k.value for k in eca.Kind]
    assert list(get_args(EventKindName)) == [k.value for k in eca.EventKind]


def test_an_answer_cannot_be_changed_and_survives_pickling() -> None:
    import pickle

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        answer = eca.countries_with("eu-uzbekistan-visa-ban", on="2008-11-15")
    assert answer.doubts
    with pytest.raises(AttributeError, match="an answer cannot be changed"):
        answer.on = dt.date(2020, 1, 1)  # type: ignore[misc]
    with pytest.raises(AttributeError, match="an answer cannot be changed"):
        del answer.doubts  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(answer))
    assert again == answer
    assert (again.on, again.data_as_of, again.doubts, again.notes()) == (
        answer.on,
        answer.data_as_of,
        answer.doubts,
        answer.notes(),
    )
    for kept in (eca.instruments_for("TJ", on="2020-01-01"), eca.envoys_on("2014-03-01")):
        assert kept or kept.remarks  # records in the first, a remark (a vacancy) in the second
        again = pickle.loads(pickle.dumps(kept))
        assert (tuple(again), again.on, again.remarks) == (tuple(kept), kept.on, kept.remarks)
