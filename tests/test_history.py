"""The verified history: agreements over time, GSP periods, dialogue rounds, the timeline, the envoys."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eu_ca_partnership as eca
from eu_ca_partnership import Kind, Presence
from eu_ca_partnership._kinds import KINDS

ONE_DAY = dt.timedelta(days=1)
coverage_days = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2026, 11, 28))


def _quietly(call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        return call()


def _exact_edges() -> list[tuple[str, dt.date, bool]]:
    """For every day-precise start and end inside the coverage: the day before/after and the day itself."""
    cases = []
    low, high = dt.date(2014, 1, 2), dt.date(2026, 11, 27)
    for p in eca.participations():
        if p.start is not None and p.start.precision == "day" and low <= p.start.earliest() <= high:
            cases += [(p.id, p.start.earliest() - ONE_DAY, False), (p.id, p.start.earliest(), True)]
        if p.end is not None and p.end.precision == "day" and low <= p.end.earliest() <= high:
            cases += [(p.id, p.end.earliest(), True), (p.id, p.end.earliest() + ONE_DAY, False)]
    return cases


@pytest.mark.parametrize(("participation_id", "day", "held"), _exact_edges())
def test_as_of_answers_at_the_edges_of_every_exact_period(
    participation_id: str, day: dt.date, held: bool
) -> None:
    period = eca.record(participation_id)
    instrument = eca.instrument(period.instrument)
    assert (instrument in _quietly(lambda: eca.instruments_for(period.country, on=day))) is held
    assert (eca.country(period.country) in _quietly(lambda: eca.countries_with(instrument, on=day))) is held


def test_there_are_edges_to_check() -> None:
    assert len(_exact_edges()) >= 16


@given(coverage_days, st.sampled_from(eca.COUNTRIES))
def test_agreements_in_force_never_overlap(day: dt.date, country: eca.Country) -> None:
    agreements = _quietly(lambda: eca.instruments_for(country, on=day, kind=Kind.AGREEMENT))
    assert len(agreements) == 1
    assert eca.agreement_for(country, on=day) is agreements[0]


@pytest.mark.parametrize(
    ("country", "day", "agreement"),
    [
        ("KZ", "2014-01-01", "eu-kazakhstan-pca"),
        ("KZ", "2020-02-29", "eu-kazakhstan-pca"),
        ("KZ", "2020-03-01", "eu-kazakhstan-epca"),
        ("KG", None, "eu-kyrgyzstan-pca"),
        ("TJ", "2019-06-01", "eu-tajikistan-pca"),
        ("TM", None, "eu-turkmenistan-interim-agreement"),
        ("UZ", "2019-06-01", "eu-uzbekistan-pca"),
        ("UZ", None, "eu-uzbekistan-pca"),
    ],
)
def test_the_agreement_in_force(country: str, day: str | None, agreement: str) -> None:
    found = eca.agreement_for(country, on=day)
    assert found is not None
    assert found.id == agreement


def test_signed_agreements_not_yet_in_force_have_their_milestones() -> None:
    for agreement, kinds in [
        ("eu-kyrgyzstan-epca", {"negotiating-mandate", "initialled", "signed", "parliament-consent"}),
        ("eu-uzbekistan-epca", {"negotiating-mandate", "negotiations-launched", "initialled", "signed"}),
        ("eu-kazakhstan-epca", {"signed", "in-force"}),
        ("eu-turkmenistan-pca", {"signed"}),
    ]:
        events = [e for e in eca.timeline() if e.instrument == agreement]
        assert kinds <= {e.kind.value for e in events}, agreement
    assert not eca.countries_with("eu-kyrgyzstan-epca")
    assert not eca.countries_with("eu-uzbekistan-epca")
    assert not eca.countries_with("eu-turkmenistan-pca")


def test_gsp_history_per_country() -> None:
    def holds(code: str, day: str) -> list[str]:
        return [
            i.short_name or i.id
            for i in _quietly(lambda: eca.instruments_for(code, on=day, kind="trade-preference"))
        ]

    assert holds("KZ", "2014-01-01") == []
    assert holds("KG", "2015-12-31") == ["GSP"]
    assert holds("KG", "2016-02-01") == ["GSP+"]
    assert holds("TJ", "2025-01-01") == ["GSP"]
    assert holds("UZ", "2020-06-01") == ["GSP"]
    assert holds("UZ", "2021-05-01") == ["GSP+"]
    excluded = eca.timeline(country="KZ", kind="gsp-excluded")
    assert [str(e.date) for e in excluded] == ["2014-01-01"]


def test_the_gsp_extension_to_2027_is_recorded() -> None:
    extension = [e for e in eca.timeline(kind="legislation") if "2023/2663" in e.title]
    assert len(extension) == 1
    assert str(extension[0].date) == "2023-11-22"


@pytest.mark.parametrize(
    ("country", "first", "last"),
    [
        ("Kazakhstan", "2008-10-15", (16, "2025-03-06", "Brussels")),
        ("Kyrgyzstan", "2017", (14, "2024-11-21", "Bishkek")),
        ("Tajikistan", "2014-06-17", (15, "2025-10-17", "Brussels")),
        ("Turkmenistan", "2008-06", (17, "2025-06-17", "Brussels")),
        ("Uzbekistan", "2007-05-09", (None, "2025-06-24", "Brussels")),  # a sub-committee's 21st
    ],
)
def test_dialogue_rounds_first_and_last(country: str, first: str, last: tuple[int, str, str]) -> None:
    rounds = eca.dialogue_rounds(country)
    assert str(rounds[0].start) == first
    assert (rounds[-1].number, str(rounds[-1].start), rounds[-1].place) == last


def test_dialogue_rounds_are_in_order_and_flag_inference() -> None:
    for country in eca.COUNTRIES:
        rounds = eca.dialogue_rounds(country)
        keys = [r.start.sort_key() for r in rounds if r.start]
        assert keys == sorted(keys)
        numbers = [r.number for r in rounds if r.number is not None]
        assert numbers == sorted(numbers)
    kazakh_16th = eca.dialogue_rounds("KZ")[-1]
    assert kazakh_16th.year_inferred
    kyrgyz_13th = next(r for r in eca.dialogue_rounds("KG") if r.number == 13)
    assert kyrgyz_13th.number_inferred
    assert not any(r.number == 9 for r in eca.dialogue_rounds("KG"))  # no source numbers it: not invented


def test_the_14th_turkmen_round_was_in_ashgabat() -> None:
    """An error of the audit: the round of 25 November 2022 had no number and no place."""
    (held,) = [r for r in eca.dialogue_rounds("TM") if str(r.start) == "2022-11-25"]
    assert (held.number, held.place, held.confidence) == (14, "Ashgabat", eca.Confidence.HIGH)
    assert any(s.kind is eca.SourceKind.OFFICIAL_EU for s in eca.sources_of(held))


def test_a_committees_number_is_never_the_dialogues() -> None:
    """Uzbekistan's 15th to 21st are the Justice and Home Affairs Sub-Committee's numbers."""
    uzbek = eca.dialogue_rounds("UZ")
    numbered = [r.number for r in uzbek if r.number is not None]
    assert max(numbered) <= 9
    sub = [r for r in uzbek if r.meeting_number is not None]
    assert [r.meeting_number for r in sub] == [15, 16, 17, 18, 20, 21]
    assert {r.number for r in sub} == {None}
    assert all("Sub-Committee" in (r.meeting or "") for r in sub)


@pytest.mark.parametrize("country", ["KZ", "KG", "TJ", "TM", "UZ"])
def test_each_dialogues_rounds_say_what_is_missing(country: str) -> None:
    (dialogue,) = {r.dialogue for r in eca.dialogue_rounds(country)}
    counted = eca.completeness(dialogue)
    assert counted.recorded == eca.dialogue_rounds(country)
    assert not counted.complete
    assert counted.missing
    assert str(counted).startswith(f"{len(counted.recorded)} recorded")
    assert "known missing: " in str(counted)


@given(st.sampled_from(["KZ", "KG", "TJ", "TM", "UZ"]))
def test_numbers_rise_with_time_and_no_two_rounds_share_a_day(country: str) -> None:
    rounds = eca.dialogue_rounds(country)
    numbered = [(r.start.sort_key(), r.number) for r in rounds if r.number is not None]
    assert [n for _, n in sorted(numbered)] == sorted(n for _, n in numbered)
    assert len({n for _, n in numbered}) == len(numbered)  # a number once
    meetings = [(r.start.sort_key(), r.meeting_number) for r in rounds if r.meeting_number is not None]
    assert [n for _, n in sorted(meetings)] == sorted(n for _, n in meetings)
    days = [r.start for r in rounds if r.start.precision == "day"]
    assert len(days) == len(set(days))


def test_rounds_and_events_are_sorted_by_date_whatever_the_file_order(data: eca.Dataset) -> None:
    records = {kind.name: reversed(data.records(kind.name)) for kind in KINDS if kind.nested is None}
    shuffled = eca.Dataset(meta=data.meta, records=records)
    rounds = [r.start.sort_key() for r in shuffled.dialogue_rounds("TJ")]
    events = [e.date.sort_key() for e in shuffled.timeline()]
    assert rounds == sorted(rounds)
    assert events == sorted(events)


def test_dialogue_rounds_as_of_a_date() -> None:
    with pytest.warns(eca.UncertainAnswerWarning, match="known only as scheduled"):
        rounds = eca.dialogue_rounds("Tajikistan", on="2023-12-13")
    assert rounds[-1].number == 13
    assert "tajikistan-hrd-2014-06-17" in {d.record for d in rounds.doubts}  # announced, not known held
    assert "tajikistan-hrd-2014-06-17" not in {r.id for r in rounds}
    with pytest.warns(eca.UncertainAnswerWarning):
        assert eca.dialogue_rounds("Tajikistan", on="2023-12-14")[-1].number == 14


def test_forum_editions_show_gaps_and_doubts() -> None:
    editions = eca.CIVIL_SOCIETY_FORUM.editions
    years = [e.start.year for e in editions]
    assert years == [2019, 2020, 2021, 2023, 2025, 2026]
    assert not {2022, 2024} & set(years)
    second, sixth = editions[1], editions[5]
    assert second.country is None
    assert sixth.country is None
    assert sixth.start.precision == "year"
    assert any(n.field == "country" and n.claims for n in second.field_notes)
    assert any(n.field == "frequency" for n in eca.CIVIL_SOCIETY_FORUM.field_notes)


def test_facility_details() -> None:
    facility = eca.CIVIL_SOCIETY_FACILITY
    assert facility.implementing_partner == "UNOPS"
    assert facility.supporting_partner == "Danish Institute for Human Rights (DIHR)"
    assert facility.duration_years == 4
    assert "National Youth Sounding Boards" in facility.description


def test_strategic_frame() -> None:
    dates = [str(e.date) for e in eca.timeline(kind="strategy")]
    assert "2019-05-15" in dates  # the Joint Communication
    assert any(d.startswith("2007-06") for d in dates)
    conclusions = [str(e.date) for e in eca.timeline(kind="council-conclusions")]
    assert {"2015-06-22", "2019-06-17"} <= set(conclusions)  # the Council's conclusions on the Strategy
    summit = eca.timeline(kind="summit")
    assert [(str(e.date), e.place) for e in summit] == [("2025-04-04", "Samarkand")]
    assert any(n.claims for n in summit[0].field_notes)


def test_envoys_over_time() -> None:
    assert [e.name for e in eca.envoys_on("2019-01-01")] == ["Peter Burian"]
    assert [e.name for e in eca.envoys_on()] == ["Eduards Stiprais"]
    assert eca.envoys_on("2025-01-15") == ()  # between Hakala (to 31 Dec 2024) and Stiprais (from 1 Mar 2025)
    assert [e.name for e in eca.envoys_on("2015-04-15")] == ["Peter Burian"]
    # named in April 2014 for six months: in office in June, not known to the day in October
    assert [e.name for e in eca.envoys_on("2014-06-01")] == ["János Herman"]
    with pytest.warns(eca.UncertainAnswerWarning, match="János Herman"):
        assert eca.envoys_on("2014-10-15") == ()


def test_the_first_special_representative_was_jan_kubis() -> None:
    """Appointed by Joint Action 2005/588/CFSP of 28 July 2005; envoys are history before the coverage."""
    first = min(eca.default_dataset().envoys, key=lambda e: e.start.sort_key())
    assert (first.name, str(first.start)) == ("Ján Kubiš", "2005-07-28")
    assert [e.name for e in eca.envoys_on("2006-01-01")] == ["Ján Kubiš"]
    assert any(s.celex == "32005E0588" for s in eca.sources_of(first))
    assert eca.envoys_on("2005-07-27") == ()  # before the post existed


def test_terms_of_envoys_do_not_overlap_and_the_series_is_complete() -> None:
    envoys = sorted(eca.default_dataset().envoys, key=lambda e: e.start.sort_key())
    for before, after in itertools.pairwise(envoys):
        assert before.end is not None
        assert before.end.latest() <= after.start.earliest(), (before.id, after.id)
    counted = eca.completeness("eu-special-representatives")
    assert counted.complete
    assert len(counted.recorded) == counted.series.held


# Hand-overs the sources date to the day: the successor's mandate began the day after the
# predecessor's ended (Council Decision 2012/328/CFSP: Flor from 1 July 2012; Council Decision
# (CFSP) 2021/1013: Hakala from 1 July 2021, when Burian's extended mandate had run to 30 June).
HANDED_OVER = [("pierre-morel", "patricia-flor"), ("peter-burian", "terhi-hakala")]


@pytest.mark.parametrize(("before", "after"), HANDED_OVER)
def test_no_gap_between_envoys_where_the_sources_date_the_hand_over(before: str, after: str) -> None:
    left, right = eca.record(before, eca.Envoy), eca.record(after, eca.Envoy)
    assert left.end is not None
    assert left.end.precision == right.start.precision == "day"
    assert left.end.latest() + dt.timedelta(days=1) == right.start.earliest()
    handover = right.start.earliest()
    assert [e.name for e in eca.envoys_on(handover - dt.timedelta(days=1))] == [left.name]
    assert [e.name for e in eca.envoys_on(handover)] == [right.name]


def test_fimi_initiatives_are_dated_and_sourced() -> None:
    fimi = eca.timeline(kind="fimi")
    assert len(fimi) >= 5
    assert all(e.sources for e in fimi)
    assert eca.timeline(kind="fimi", since="2025-12-04", until="2025-12-04")


# -- the timeline query ----------------------------------------------------------------------


@given(
    st.one_of(st.none(), st.sampled_from(eca.COUNTRIES)),
    st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2027, 1, 1))),
    st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2027, 1, 1))),
    st.one_of(st.none(), st.sampled_from(list(eca.EventKind))),
)
def test_timeline_filters(
    country: eca.Country | None, since: dt.date | None, until: dt.date | None, kind: eca.EventKind | None
) -> None:
    if since is not None and until is not None and until < since:
        with pytest.raises(eca.InvalidDateError, match="is before since="):  # an empty range is refused
            eca.timeline(country=country, since=since, until=until, kind=kind)
        return
    found = eca.timeline(country=country, since=since, until=until, kind=kind)
    everything = eca.timeline()
    assert set(found) <= set(everything)
    keys = [e.date.sort_key() for e in found]
    assert keys == sorted(keys)
    for event in everything:
        may_fall_in = (since is None or (event.end or event.date).latest() >= since) and (
            until is None or event.date.earliest() <= until
        )
        concerns = country is None or not event.countries or country.alpha_2 in event.countries
        expected = may_fall_in and concerns and (kind is None or event.kind is kind)
        assert (event in found) is expected


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(["year", "month", "day"]),
)
def test_a_partial_bound_is_all_of_its_days(day: dt.date, precision: str) -> None:
    """since=2015 keeps what may fall from 1 January 2015; until=2024-09 what may fall by 30 September."""
    bound = eca.PartialDate(
        day.year,
        *(() if precision == "year" else (day.month,) if precision == "month" else (day.month, day.day)),
    )
    assert eca.timeline(since=bound) == eca.timeline(since=bound.earliest())
    assert eca.timeline(until=str(bound)) == eca.timeline(until=bound.latest())
    assert eca.timeline(since=str(bound), until=bound) == eca.timeline(
        since=bound.earliest(), until=bound.latest()
    )


def test_timeline_reaches_before_the_coverage_and_checks_its_arguments() -> None:
    assert eca.timeline(until="1999-12-31")
    with pytest.raises(eca.InvalidDateError, match="since="):
        eca.timeline(since="last year")
    with pytest.raises(eca.InvalidChoiceError, match="kind='coup' is not an event kind"):
        eca.timeline(kind="coup")
    with pytest.raises(eca.UnknownCountryError):
        eca.timeline(country="Mongolia")


# -- the loader keeps exclusive periods apart, on generated timelines ------------------------


@st.composite
def gsp_timelines(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Two GSP arrangements for one country, with arbitrary (maybe overlapping) dates."""

    def period(instrument: str) -> dict[str, Any]:
        start = draw(st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2026, 1, 1)))
        ending = draw(st.sampled_from(["ongoing", "ended", "unknown"]))
        row: dict[str, Any] = {"id": f"generated-{instrument}", "country": "TJ", "instrument": instrument}
        row["start"] = start.isoformat()
        if ending == "ended":
            row["end"] = draw(st.dates(min_value=start, max_value=dt.date(2026, 11, 1))).isoformat()
        row["ongoing"] = ending == "ongoing"
        row["sources"] = ["founding-factsheet"]
        row["confidence"] = "low"
        return row

    return [period("gsp"), period("gsp-plus")]


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(gsp_timelines())
def test_the_loader_refuses_overlapping_arrangements(
    raw_tables: dict[str, Any], data_copy: Callable[[], Path], generated: list[dict[str, Any]]
) -> None:
    rows = [
        p
        for p in copy.deepcopy(raw_tables["participations.json"])
        if p["country"] != "TJ" or p["instrument"] not in ("gsp", "gsp-plus")
    ]
    folder = data_copy()
    (folder / "participations.json").write_text(json.dumps(rows + generated), "utf-8")
    try:
        data = eca.load(folder)
    except eca.DataError as error:
        assert any("may overlap" in problem and "trade-preference" in problem for problem in error.errors)
        return
    for day in (dt.date(2014, 1, 1) + dt.timedelta(days=n) for n in range(0, 4715, 7)):
        statuses = [data.status("TJ", tool, on=day) for tool in ("gsp", "gsp-plus")]
        assert statuses.count(Presence.YES) <= 1
        assert not (Presence.YES in statuses and Presence.UNKNOWN in statuses)


def test_a_series_neither_complete_nor_with_known_gaps_says_so() -> None:
    envoys = eca.completeness("eu-special-representatives")
    unsure = eca.Completeness(series=attrs.evolve(envoys.series, complete=False), recorded=envoys.recorded)
    assert str(unsure).endswith("; not known to be complete")
    assert not unsure.complete
    assert unsure.missing == ()


@pytest.mark.parametrize("bad", [42, None, b"KZ"])
def test_a_series_is_named_by_its_id(bad: object) -> None:
    with pytest.raises(
        TypeError,
        match=r"a series is named by its id \(a str\), a Series, the Instrument it counts or a Country; got ",
    ):
        eca.completeness(bad)  # type: ignore[arg-type]


def _when(member: Any) -> Any:
    return (member.start if hasattr(member, "start") else member.date).sort_key()


@pytest.mark.parametrize("series", [s.id for s in eca.default_dataset().records("series")])
def test_in_every_series_numbers_rise_with_time_and_never_repeat(series: str) -> None:
    """Within one numbering (a dialogue's, a committee's, the ministerials'), a later member never
    has a lower number, and no number is used twice; a complete series holds what was held."""
    counted = eca.completeness(series)
    assert counted.recorded, series
    for numbering in ("number", "meeting_number"):
        dated = sorted(
            (_when(member), getattr(member, numbering))
            for member in counted.recorded
            if getattr(member, numbering, None) is not None
        )
        numbers = [number for _, number in dated]
        assert numbers == sorted(numbers), (series, numbering, dated)
        assert len(set(numbers)) == len(numbers), (series, numbering)
    if counted.complete:
        assert len(counted.recorded) == counted.series.held


def test_a_completeness_reads_as_one_line_with_every_gap() -> None:
    """The count recorded, the count the sources show held and by when, then complete or the gaps."""
    kazakh = eca.completeness("eu-kazakhstan-human-rights-dialogue-rounds")
    gaps = [gap.what for gap in kazakh.missing]
    assert len(gaps) > 1
    assert str(kazakh) == (
        f"{len(kazakh.recorded)} recorded; the sources show 16 held by 2025-03-06; known missing: "
        + "; ".join(gaps)
    )
    forum = eca.completeness("civil-society-forum-editions")
    assert str(forum) == "6 recorded; the sources show 6 held by 2026-02-05; complete"
    undated = attrs.evolve(forum, series=attrs.evolve(forum.series, held_by=None))
    assert str(undated) == "6 recorded; the sources show 6 held; complete"
    uncounted = attrs.evolve(forum, series=attrs.evolve(forum.series, held=None, complete=False))
    assert str(uncounted) == "6 recorded; not known to be complete"


def test_a_rounds_doubt_names_its_country_and_dialogue() -> None:
    with pytest.warns(eca.UncertainAnswerWarning, match="known only as scheduled"):
        answer = eca.dialogue_rounds("Tajikistan", on="2022-01-01")
    assert answer.doubts
    assert {(d.country, d.instrument) for d in answer.doubts} == {
        ("TJ", "eu-tajikistan-human-rights-dialogue")
    }


def test_a_series_may_count_records_by_an_item_of_a_list_field(data: eca.Dataset) -> None:
    """A series keyed on a list (an event's ``countries``) counts the records that hold the value."""
    ministerials = next(s for s in data.series if s.of == "events" and s.key == "kind")
    by_country = attrs.evolve(ministerials, key="countries", value="KZ")
    members = data.members(by_country)
    assert members
    assert members == tuple(e for e in data.events if "KZ" in e.countries)
