"""Labour rights under GSP+: the 27 conventions of Annex VIII, who is bound to them when, and ratifications."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_ca_partnership as eca
from eu_ca_partnership import Presence
from processes import eu_ca

CONVENTIONS = eca.CONVENTIONS
days = st.dates(min_value=eca.COVERAGE_START, max_value=eca.DATA_AS_OF)


def test_annex_viii_holds_27_conventions_in_two_parts() -> None:
    assert [c.annex_number for c in CONVENTIONS] == list(range(1, 28))
    assert [c.annex_part for c in CONVENTIONS] == ["A"] * 15 + ["B"] * 12
    ilo = [c for c in CONVENTIONS if c.body is eca.ConventionBody.ILO]
    assert [c.ilo_number for c in ilo] == ["C029", "C087", "C098", "C100", "C105", "C111", "C138", "C182"]
    assert all(c.group is eca.ConventionGroup.LABOUR_RIGHTS for c in ilo)
    assert {c.group for c in CONVENTIONS if c.annex_part == "A"} == {
        eca.ConventionGroup.HUMAN_RIGHTS,
        eca.ConventionGroup.LABOUR_RIGHTS,
    }
    assert all(eca.sources_of(c) for c in CONVENTIONS)
    assert [str(c) for c in CONVENTIONS[7:9]] == [
        "Forced Labour Convention (C029)",
        "Freedom of Association Convention (C087)",
    ]


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda c: c.id)
def test_a_convention_is_found_by_its_id_short_name_title_and_ilo_number_in_any_case(
    convention: eca.Convention,
) -> None:
    keys = [convention.id, convention.short_name, convention.title, convention.ilo_number]
    for key in filter(None, keys):
        assert eca.convention(key) is convention
        assert eca.convention(key.upper()) is convention
        assert eca.convention(key.lower()) is convention
    assert eca.convention(convention) is convention


def test_a_convention_not_found_gets_a_worded_error() -> None:
    with pytest.raises(eca.UnknownRecordError, match="no convention matches 'ICPR'; did you mean 'ICCPR'"):
        eca.convention("ICPR")
    with pytest.raises(
        eca.UnknownRecordError, match=r"Accepted: .* eu_ca_partnership.CONVENTIONS lists them"
    ):
        eca.convention("C028")
    with pytest.raises(
        eca.InvalidChoiceError, match="a convention is looked up by a str or a Convention, got int"
    ):
        eca.convention(29)  # type: ignore[arg-type]


@given(days, st.sampled_from(eca.COUNTRIES))
def test_a_country_is_bound_to_all_27_exactly_while_it_holds_gsp_plus(
    day: dt.date, country: eca.Country
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        bound = eca.conventions_for(country, on=day)
    status = eca.status(country, eca.GSP_PLUS, on=day)
    assert bound == (CONVENTIONS if status is Presence.YES else ())
    assert bound.on == day
    if status is not Presence.YES:
        assert len(bound.remarks) == 1
        assert bound.remarks[0].startswith(f"{country.name}: ")
    assert bool(bound.doubts) is (status is Presence.UNKNOWN)


@given(days, st.sampled_from(CONVENTIONS))
def test_the_countries_bound_by_a_convention_are_the_gsp_plus_beneficiaries(
    day: dt.date, convention: eca.Convention
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        assert eca.countries_bound_by(convention, on=day) == eca.countries_with(eca.GSP_PLUS, on=day)
        for country in eca.countries_bound_by(convention, on=day):
            assert convention in eca.conventions_for(country, on=day)


def test_the_questions_of_a_researcher() -> None:
    assert len(eca.conventions_for("Uzbekistan", on="2024-01-01")) == 27
    tajikistan = eca.conventions_for("Tajikistan", on="2024-01-01")
    assert tajikistan == ()
    assert tajikistan.remarks == ("Tajikistan: GSP, no GSP+ obligations on 2024-01-01",)
    kazakhstan = eca.conventions_for("Kazakhstan", on="2024-01-01")
    assert kazakhstan.remarks == ("Kazakhstan: no GSP arrangement, no GSP+ obligations on 2024-01-01",)
    forced_labour = [eca.convention(code) for code in ("C029", "C105")]
    since = [str(eca.participations("KG", eca.GSP_PLUS)[0].start)] * 2
    assert [str(c.annex_number) for c in forced_labour] == ["8", "12"]
    assert since == ["2016-01-27", "2016-01-27"]
    assert [c.name for c in eca.countries_bound_by("C182", on="2018-06-01")] == ["Kyrgyzstan"]


@pytest.mark.parametrize("code", ["KG", "UZ"])
def test_a_gsp_plus_country_had_ratified_each_recorded_convention_before_its_gsp_plus_began(
    code: str,
) -> None:
    """Article 9(1)(b) of Regulation 978/2012: GSP+ only after ratifying all 27."""
    (period,) = eca.participations(code, eca.GSP_PLUS)
    assert period.start is not None
    recorded = eca.ratifications_of(code)
    assert recorded
    for ratification in recorded:
        assert ratification.date.earliest() <= period.start.earliest(), ratification.id
    counted = eca.completeness(f"{eca.country(code).name.lower()}-gsp-plus-ratifications")
    assert counted.series.held == 27
    assert len(counted.recorded) == len(recorded) < 27
    assert not counted.complete


def test_ratifications_filter_by_country_and_convention() -> None:
    every = eca.ratifications_of()
    assert every == eca.default_dataset().ratifications
    by_pair = eca.ratifications_of("Uzbekistan", "C029")
    assert [r.id for r in by_pair] == [
        r.id for r in every if (r.country, r.convention) == ("UZ", "ilo-c029-forced-labour")
    ]
    assert {r.convention for r in eca.ratifications_of(convention="ICCPR")} == {"iccpr"}


def test_eu_ca_conventions_answers_for_a_day_with_the_day_of_ratification() -> None:
    done = eu_ca("conventions", "Uzbekistan", "--on", "2024-01-01")
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["ANNEX", "CONVENTION", "GROUP", "RATIFIED"]
    assert len(lines) == 30  # a heading, 27 conventions, a blank line and the day
    assert (
        lines[-1] == "on 2024-01-01 (facts checked " + eca.DATA_AS_OF.isoformat() + "; unverified after that)"
    )
    assert lines[8].split()[0] == "A8"
    assert lines[8].rstrip().endswith("1992-07-13")
    none = eu_ca("conventions", "TJ", "--on", "2024-01-01")
    assert none.stdout == (
        f"(none)\n\non 2024-01-01 (facts checked {eca.DATA_AS_OF.isoformat()}; unverified after that)\n"
        "note: Tajikistan: GSP, no GSP+ obligations on 2024-01-01\n"
    )
    answer = json.loads(eu_ca("--json", "conventions", "KG", "--on", "2020-01-01").stdout)
    assert len(answer["answer"]) == 27
    assert answer["notes"] == []


def test_after_the_regulation_expires_gsp_plus_obligations_are_not_established() -> None:
    """The GSP regulation is scheduled to expire at the end of 2027: what binds Uzbekistan then is unknown."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        later = eca.conventions_for("Uzbekistan", on="2028-06-01")
    assert later == ()
    assert later.remarks == ("Uzbekistan: GSP+ not established on 2028-06-01",)
    assert [d.instrument for d in later.doubts] == ["gsp-plus"]
    assert later.unverified
