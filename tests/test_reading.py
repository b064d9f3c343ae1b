"""Answers a reader cannot misread (issue 24): each names its day, its doubt and its series."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import warnings

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership import _dates
from test_cli import run


def _text(*args: str) -> str:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- 2. every text answer names its day once -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("instruments", "KZ", "--on", "2020-06-01"),
        ("countries-with", "GSP+", "--on", "2020-06-01"),
        ("status", "UZ", "GSP+", "--on", "2020-06-01"),
        ("conventions", "UZ", "--on", "2020-06-01"),
        ("participations", "UZ", "--on", "2020-06-01"),
        ("rounds", "KG", "--on", "2020-06-01"),
        ("envoys", "--on", "2020-06-01"),
    ],
)
def test_a_text_answer_names_its_day_once(args: tuple[str, ...]) -> None:
    shown = _text(*args)
    line = f"on 2020-06-01 (facts checked {eca.DATA_AS_OF.isoformat()}; unverified after that)"
    assert shown.count("on 2020-06-01 (") == 1
    assert line in shown.splitlines()


def test_a_text_answer_about_no_day_names_none() -> None:
    assert "facts checked" not in _text("participations", "UZ")
    assert "facts checked" not in _text("countries")


def test_today_is_named_and_flagged_after_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    later = eca.DATA_AS_OF + dt.timedelta(days=5)
    monkeypatch.setattr(_dates, "today", lambda: later)
    lines = _text("status", "UZ", "GSP+").splitlines()
    assert lines[0] == "Uzbekistan in GSP+: yes"
    assert (
        f"on {later.isoformat()} (facts checked {eca.DATA_AS_OF.isoformat()}; unverified after that)" in lines
    )
    assert any(line.startswith(f"note: unverified: {later.isoformat()} is after") for line in lines)


# -- 3. ended versus ongoing, in words --------------------------------------------------------------


def test_until_says_ongoing_or_the_end() -> None:
    rows = {line.split()[-1]: line for line in _text("participations", "KZ").splitlines()[1:]}
    assert "ongoing" in rows["kazakhstan-epca"]
    assert "2020-02-29" in rows["kazakhstan-pca"]
    assert "by 2007-06-05" in rows["kazakhstan-gsp"]  # a start known only as in place by a day
    assert _text("--json", "participations", "KZ").count('"until": null') == 4  # --json keeps null


def test_until_says_an_end_not_given_is_an_end() -> None:
    from eu_ca_partnership._cli import _until

    ongoing = eca.record("kazakhstan-epca", eca.Participation)
    import attrs

    assert _until(ongoing) == "ongoing"
    assert _until(attrs.evolve(ongoing, ongoing=False)) == "ended, date unknown"
    assert _until(eca.record("kazakhstan-pca", eca.Participation)) == "2020-02-29"


def test_instruments_and_status_show_until() -> None:
    instruments = _text("instruments", "TJ", "--on", "2026-01-01").splitlines()
    assert instruments[0].split()[:4] == ["ID", "KIND", "SINCE", "UNTIL"]
    assert "ongoing" in instruments[1]
    status = _text("status", "KZ", "GSP", "--on", "2010-01-01").splitlines()
    assert status[0] == "Kazakhstan in GSP: yes"
    assert status[2].split() == ["SINCE", "UNTIL", "PARTICIPATION"]
    assert status[3].split() == ["by", "2007-06-05", "2013-12-31", "kazakhstan-gsp"]
    assert _text("status", "KZ", "GSP", "--on", "2020-01-01").splitlines()[1] == ""  # no period: no table


# -- 4. a table and a frame keep the day -----------------------------------------------------------


def test_a_table_of_an_answer_names_its_day_and_notes() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doubted = eca.countries_with("eu-uzbekistan-visa-ban", on="2008-11-15")
        later = eca.countries_with(eca.GSP_PLUS, on=eca.DATA_AS_OF + dt.timedelta(days=3))
    shown = eca.table(doubted)
    assert shown.caption.splitlines()[0] == (
        f"0 record(s) on 2008-11-15 (facts checked {eca.DATA_AS_OF.isoformat()}; unverified after that)"
    )
    assert shown.caption.splitlines()[1].startswith("note: uncertain: Uzbekistan in 'eu-uzbekistan-visa-ban'")
    assert "<br>note: uncertain: Uzbekistan in" in shown._repr_html_()
    assert "note: unverified:" in eca.table(later).caption
    assert eca.table(eca.table(later)).caption == eca.table(later).caption  # a table of a table keeps it
    assert eca.table(eca.COUNTRIES).caption == "5 record(s): Country"


def test_a_frame_of_an_answer_keeps_its_day_and_doubt() -> None:
    pytest.importorskip("pandas", reason="to_dataframe needs the 'pandas' extra")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doubted = eca.countries_with("eu-uzbekistan-visa-ban", on="2008-11-15")
    frame = eca.to_dataframe(doubted)
    assert frame.attrs["on"] == dt.date(2008, 11, 15)
    assert frame.attrs["data_as_of"] == eca.DATA_AS_OF
    assert frame.attrs["unverified"] is False
    assert [d["record"] for d in frame.attrs["doubts"]] == [d.record for d in doubted.doubts]
    assert set(frame.attrs["doubts"][0]) == {"record", "why", "country", "instrument"}
    assert eca.to_dataframe("countries").attrs == {}


# -- 5. a country's own events -----------------------------------------------------------------------


def test_a_country_timeline_can_leave_out_the_region_wide_events() -> None:
    both = eca.timeline(country="KZ")
    own = eca.timeline(country="KZ", region_wide=False)
    assert own
    assert all("KZ" in e.countries for e in own)
    assert {e.id for e in both} - {e.id for e in own} == {e.id for e in both if not e.countries}
    shown = json.loads(_text("--json", "timeline", "--country", "KZ", "--only-country"))["answer"]
    assert [row["id"] for row in shown] == [e.id for e in own]
    assert run("timeline", "--only-country").returncode == 2


def test_the_events_table_says_it_is_a_selection() -> None:
    assert (
        _text("timeline", "--since", "2025")
        .rstrip()
        .endswith("events are a selection, not a complete series; see eu-ca series")
    )


# -- 6. envoys -------------------------------------------------------------------------------------


def test_the_envoys_table_shows_each_formal_status() -> None:
    lines = _text("envoys").splitlines()
    assert lines[0].split() == ["TERM", "NAME", "STATUS", "NATIONALITY"]
    herman = next(line for line in lines if "János Herman" in line)
    assert "special envoy, not a formal EUSR" in herman
    assert "EUSR" in next(line for line in lines if "Peter Burian" in line)


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2006-08-01", "between the terms of Ján Kubiš (to 2006-07-05) and Pierre Morel (from 2006-10-05)"),
        ("2014-03-01", "between the terms of Patricia Flor (to 2014-02) and János Herman (from 2014-04-09)"),
        (
            "2025-02-01",
            "between the terms of Terhi Hakala (to 2024-12-31) and Eduards Stiprais (from 2025-03-01)",
        ),
        ("2005-01-01", "no envoy yet on 2005-01-01: the first, Ján Kubiš, took office on 2005-07-28"),
    ],
)
def test_a_day_in_a_gap_between_envoys_says_so(day: str, said: str) -> None:
    answer = eca.envoys_on(day)
    assert answer == ()
    assert said in answer.remarks[0]
    shown = _text("envoys", "--on", day)
    assert shown.startswith("(none)")
    assert said in shown


def test_no_envoy_after_the_last_term_says_so(data: eca.Dataset) -> None:
    said = data._vacancy(dt.date(2040, 1, 1))
    assert (
        said == "no envoy in office on 2040-01-01: the last known term, Eduards Stiprais's, ran to 2027-02-28"
    )
    assert eca.envoys_on("2019-01-01").remarks == ()


# -- 7. completeness travels with the series ---------------------------------------------------------


def test_dialogue_rounds_carry_their_completeness() -> None:
    every = eca.dialogue_rounds("Kazakhstan")
    assert isinstance(every, eca.Answer)
    assert every.on == eca.DATA_AS_OF  # today (the tests' clock)
    assert every.completeness.series.id == "eu-kazakhstan-human-rights-dialogue-rounds"
    with pytest.warns(eca.UncertainAnswerWarning):
        held = eca.dialogue_rounds("Kazakhstan", on="2016-01-01")
    assert held.completeness is every.completeness or held.completeness.series is every.completeness.series
    assert pickle.loads(pickle.dumps(held)).completeness.series.id == held.completeness.series.id


def test_completeness_of_a_country_is_its_dialogues() -> None:
    assert eca.completeness("Kazakhstan").series.id == "eu-kazakhstan-human-rights-dialogue-rounds"
    assert eca.completeness(eca.UZBEKISTAN).series.id == "eu-uzbekistan-human-rights-dialogue-rounds"
    assert eca.completeness("KG").series.id == "eu-kyrgyzstan-human-rights-dialogue-rounds"
    assert eca.completeness("kyrgyzstan-gsp-plus-ratifications").series.of == "ratifications"
    with pytest.raises(eca.UnknownRecordError, match="no series matches 'Atlantis'"):
        eca.completeness("Atlantis")


def test_completeness_of_a_country_with_no_dialogue_series_names_the_choices(
    changed_data: object,
) -> None:
    folder = changed_data(  # type: ignore[operator]
        "series.json",
        lambda rows: rows.remove(
            next(r for r in rows if r["id"] == "eu-kyrgyzstan-human-rights-dialogue-rounds")
        ),
    )
    data = eca.load(folder)
    with pytest.raises(
        eca.InvalidChoiceError, match="Kyrgyzstan has no dialogue series; name a series: "
    ) as raised:
        data.completeness("KG")
    assert "'eu-kyrgyzstan-cooperation-council-meetings'" in str(raised.value)
    assert "'kyrgyzstan-gsp-plus-ratifications'" in str(raised.value)
    assert data.dialogue_rounds("KG").completeness is None


def test_the_inferred_column_is_explained() -> None:
    shown = _text("rounds", "KG")
    assert "INFERRED: the round's number or year is worked out" in shown
    assert "INFERRED:" not in _text("rounds", "KG", "--on", "2017-01-01")


# -- 8. an instrument's periods for every country -----------------------------------------------------


def test_conventions_take_today_too(monkeypatch: pytest.MonkeyPatch) -> None:
    later = eca.DATA_AS_OF + dt.timedelta(days=2)
    monkeypatch.setattr(_dates, "today", lambda: later)
    assert json.loads(_text("--json", "conventions", "UZ", "--on", "today"))["on"] == later.isoformat()
    assert "default: today" not in run("participations", "--help").stdout


def test_participations_of_an_instrument_alone() -> None:
    rows = json.loads(_text("--json", "participations", "gsp"))["answer"]
    assert sorted(row["country"] for row in rows) == ["KG", "KZ", "TJ", "TM", "UZ"]
    assert {row["instrument"] for row in rows} == {"gsp"}
    assert json.loads(_text("--json", "participations", "UZ"))["answer"][0]["country"] == "UZ"
    bad = run("participations", "Atlantis")
    assert bad.returncode == 2
    assert "no country matches 'Atlantis'" in bad.stderr


def test_a_period_ended_on_an_unknown_day_is_over_by_data_as_of() -> None:
    import attrs

    ended = attrs.evolve(eca.record("kazakhstan-epca", eca.Participation), ongoing=False)
    assert ended.status_on(eca.DATA_AS_OF, data_as_of=eca.DATA_AS_OF) is eca.Presence.NO
    assert ended.status_on(dt.date(2021, 1, 1), data_as_of=eca.DATA_AS_OF) is eca.Presence.UNKNOWN


def test_a_clock_before_every_instrument_is_described_keeps_no_warm_answer(
    data: eca.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_dates, "today", lambda: dt.date(2000, 1, 1))  # a computer with a wrong clock
    with pytest.warns(eca.UncertainAnswerWarning):
        first = data.instruments_for("KZ")
    assert first.on == dt.date(2000, 1, 1)
    assert data.latest_index[0] != dt.date(2000, 1, 1)  # the GSP is not described then: nothing is kept
    with pytest.warns(eca.UncertainAnswerWarning):
        assert data.instruments_for("KZ") == first


def test_the_warm_path_ends_at_midnight(data: eca.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that runs past midnight answers for the new day: the warm answers end with the day."""
    import time

    from eu_ca_partnership import _bundled

    first = data.instruments_for("UZ")
    warm = data.warm()["UZ"]
    assert eca.instruments_for("UZ") is warm
    day, _, clock, until = data.latest_index
    assert (day, clock) == (first.on, _dates.today)
    assert time.time() < until <= time.time() + 86400 + 3600
    monkeypatch.setattr(time, "time", lambda: until + 1)
    monkeypatch.setattr(_bundled, "_time", lambda: until + 1)
    assert data.warm() == {}
    again = eca.instruments_for("UZ")
    assert again == first
    assert again is not warm  # answered again, not from the warm path


def test_the_warm_path_answers_only_the_question_without_a_day_or_a_kind(data: eca.Dataset) -> None:
    eca.instruments_for("UZ")  # the first answer for today settles the warm path
    warm = eca.instruments_for("UZ")
    assert eca.instruments_for("UZ") is warm
    past = eca.instruments_for("UZ", on="2010-01-01")
    assert past.on == dt.date(2010, 1, 1)
    assert [i.id for i in past] != [i.id for i in warm]
    agreements = eca.instruments_for("UZ", kind="agreement")
    assert agreements
    assert {i.kind for i in agreements} == {eca.Kind.AGREEMENT}
    assert eca.instruments_for("UZ", on=warm.on, kind="agreement") == agreements
