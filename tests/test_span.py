"""The whole span of the coverage: every answer is sourced or says it cannot tell, never a silent "no".

From ``eca.COVERAGE_START`` (1 January 1995) to ``eca.DATA_AS_OF``, each instrument's state for each
country is ``yes`` or ``no`` only where the participations settle it, and ``unknown`` (with a doubt in
list answers) where the data does not describe the instrument yet. Records agree with their series:
a participation is in place no later than its first recorded meeting.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_ca_partnership as eca
from eu_ca_partnership import Presence

days = st.dates(min_value=eca.COVERAGE_START, max_value=eca.DATA_AS_OF)
countries = st.sampled_from(eca.COUNTRIES)
instruments = st.sampled_from(eca.INSTRUMENTS)
before = st.dates(min_value=dt.date(1950, 1, 1), max_value=eca.COVERAGE_START - dt.timedelta(days=1))


def _quietly(call, *args, **kwargs):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        return call(*args, **kwargs)


def _described(instrument: eca.Instrument, day: dt.date) -> bool:
    return instrument.described_from is None or day >= instrument.described_from.latest()


@given(days, countries, instruments)
def test_status_on_any_day_agrees_with_the_participations(
    day: dt.date, country: eca.Country, instrument: eca.Instrument
) -> None:
    periods = eca.participations(country, instrument)
    answers = {p.status_on(day, data_as_of=eca.DATA_AS_OF) for p in periods}
    status = eca.status(country, instrument, on=day)
    if Presence.YES in answers:
        assert status is Presence.YES
    elif Presence.UNKNOWN in answers or not _described(instrument, day):
        assert status is Presence.UNKNOWN
    else:
        assert status is Presence.NO


@given(days, countries, instruments)
def test_no_day_is_answered_no_without_a_sourced_reason(
    day: dt.date, country: eca.Country, instrument: eca.Instrument
) -> None:
    """A "no" needs the instrument described on that day (its periods complete), and every period of
    the country in it certainly not holding then: started later, or ended earlier by a sourced date."""
    if eca.status(country, instrument, on=day) is not Presence.NO:
        return
    assert _described(instrument, day)
    for period in eca.participations(country, instrument):
        begins = period.start or period.in_place_by
        assert begins is not None
        later = period.start is not None and day < period.start.earliest()
        ended = period.end is not None and period.end.latest() < day
        over_by_the_check = period.end is None and not period.ongoing and day >= eca.DATA_AS_OF
        assert later or ended or over_by_the_check, (period.id, str(day))
        assert eca.sources_of(period)


@given(days, countries, instruments)
def test_a_list_answer_names_in_its_doubts_what_status_calls_unknown(
    day: dt.date, country: eca.Country, instrument: eca.Instrument
) -> None:
    status = eca.status(country, instrument, on=day)
    holders = _quietly(eca.countries_with, instrument, on=day)
    doubted = {(d.country, d.instrument) for d in holders.doubts}
    assert (country in holders) is (status is Presence.YES)
    assert ((country.alpha_2, instrument.id) in doubted) is (status is Presence.UNKNOWN)
    held = _quietly(eca.instruments_for, country, on=day)
    assert (instrument in held) is (status is Presence.YES)
    assert ((country.alpha_2, instrument.id) in {(d.country, d.instrument) for d in held.doubts}) is (
        status is Presence.UNKNOWN
    )


@given(before, countries)
def test_answers_before_the_coverage_still_raise(day: dt.date, country: eca.Country) -> None:
    for ask in (
        lambda: eca.status(country, eca.GSP, on=day),
        lambda: eca.instruments_for(country, on=day),
        lambda: eca.countries_with(eca.GSP, on=day),
        lambda: eca.conventions_for(country, on=day),
        lambda: eca.participations(country, on=day),
    ):
        with pytest.raises(eca.OutOfCoverageError, match="before the data's coverage"):
            ask()


@pytest.mark.parametrize(
    "period",
    [p for p in eca.participations() if eca.instrument(p.instrument).kind is eca.Kind.DIALOGUE],
    ids=lambda p: p.id,
)
def test_a_dialogue_is_in_place_no_later_than_its_first_recorded_round(period: eca.Participation) -> None:
    """No later, and no less precise: "by 2008" with a first round on 15 October 2008 is refused."""
    rounds = [
        r
        for r in eca.default_dataset().all_dialogue_rounds
        if r.dialogue == period.instrument and r.confirmed
    ]
    assert rounds
    first = min(rounds, key=lambda r: (r.start.earliest(), r.start.latest()))
    begins = period.start or period.in_place_by
    assert begins is not None
    assert begins.latest() <= first.start.latest(), (str(begins), first.id, str(first.start))


def test_the_widened_span_answers_the_questions_of_before_2014() -> None:
    assert dt.date(1995, 1, 1) == eca.COVERAGE_START
    assert eca.status("Kazakhstan", "GSP", on="2010-01-01") is Presence.YES  # Annex I of Regulation 732/2008
    assert eca.status("Kazakhstan", "GSP", on="2005-01-01") is Presence.UNKNOWN  # before any list read
    assert eca.status("Kazakhstan", "GSP", on="2014-01-01") is Presence.NO  # left out of Regulation 978/2012
    assert eca.status("Uzbekistan", "eu-uzbekistan-arms-embargo", on="2007-01-01") is Presence.YES
    assert eca.status("Uzbekistan", "eu-uzbekistan-arms-embargo", on="2009-11-14") is Presence.NO
    assert (
        eca.status("Kazakhstan", "eu-kazakhstan-pca", on="1998-01-01") is Presence.NO
    )  # signed, not in force
    assert eca.status("Kyrgyzstan", "GSP+", on="2010-01-01") is Presence.NO  # no Central Asian state had it
    in_force = [c.alpha_2 for c in eca.COUNTRIES if eca.agreement_for(c, on="2000-01-01")]
    assert in_force == ["KZ", "KG", "UZ"]


def test_a_country_without_a_period_before_the_description_starts_is_unknown_with_a_doubt(
    changed_data: Callable[..., Path],
) -> None:
    """``described_from``: before it, a country with no recorded period is not a silent "no"."""

    def without_kazakhstan(rows: list[dict[str, Any]]) -> None:
        rows.remove(next(r for r in rows if r["id"] == "kazakhstan-gsp"))

    data = eca.load(changed_data("participations.json", without_kazakhstan))
    assert data.status("KZ", "gsp", on="2005-01-01") is Presence.UNKNOWN
    assert data.status("KZ", "gsp", on="2010-01-01") is Presence.NO  # described from 2007-06-05
    with pytest.warns(eca.UncertainAnswerWarning, match="not described by the data"):
        held = data.instruments_for("KZ", on="2005-01-01", kind="trade-preference")
    assert held == ()
    assert [(d.country, d.instrument) for d in held.doubts if "not described" in d.why] == [("KZ", "gsp")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        holders = data.countries_with("gsp", on="2005-01-01")
        periods = data.participations("KZ", "gsp", on="2005-01-01")
    assert ("KZ", "gsp") in {(d.country, d.instrument) for d in holders.doubts}
    assert [d.why for d in periods.doubts] == [
        "whether Kazakhstan took part in 'gsp' on 2005-01-01 is not described by the data, which records "
        "every country's periods in it from 2007-06-05"
    ]
