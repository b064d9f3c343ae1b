"""The less travelled paths: odd arguments, data shapes the bundled data does not have, and
the model's own checks. Each test states what a user (or a data editor) would see."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import eu_ca_partnership as eca
from eu_ca_partnership import _schema, _tables
from eu_ca_partnership._display import record_html
from eu_ca_partnership._rules import Pattern, Text


def _problems(folder: Path) -> str:
    with pytest.raises(eca.DataError) as caught:
        eca.load(folder)
    return "\n".join(caught.value.errors)


# -- the package and its helpers ---------------------------------------------------------------


def test_countries_may_be_given_by_numeric_code_or_record() -> None:
    by_name = eca.instruments_for("Tajikistan")
    assert eca.instruments_for(762) == by_name
    assert eca.instruments_for(eca.TAJIKISTAN) == by_name
    assert eca.instruments_for(" tajikistan ") == by_name


def test_a_country_record_from_another_dataset_maps_to_this_one(data_copy: Callable[[], Path]) -> None:
    other = eca.load(data_copy())
    assert eca.country(other.country("TJ")) is eca.TAJIKISTAN


def test_record_and_partial_date_refuse_wrong_types() -> None:
    with pytest.raises(TypeError, match="a record id is a str, got int"):
        eca.record(5)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"kind is a record class \(.*Envoy.*\), got str 'envoys'"):
        eca.record("janos-herman", "envoys")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"kind is a record class .*, got type <class 'int'>"):
        eca.record("janos-herman", int)  # type: ignore[type-var]
    with pytest.raises(TypeError, match="a partial date is read from a str, got int"):
        eca.PartialDate.parse(2024)  # type: ignore[arg-type]


def test_records_print_as_their_names() -> None:
    assert str(eca.GSP) == "Generalised Scheme of Preferences (standard arrangement)"
    assert str(eca.TAJIKISTAN) == "Tajikistan"
    assert str(eca.HUMAN_RIGHTS_DIALOGUE_TOPICS[0]) == "Fundamental rights and freedoms"
    assert str(eca.HUMAN_RIGHTS_MECHANISMS[0]) == "Bilateral human rights dialogues"
    assert str(eca.PILLARS[0]) == eca.PILLARS[0].name
    assert str(eca.FIMI) == "Foreign Information Manipulation and Interference"


def test_display_refuses_what_is_not_a_record_and_keeps_a_table() -> None:
    with pytest.raises(TypeError, match="must be a record of the dataset, got int"):
        record_html(3)
    shown = eca.table(eca.COUNTRIES)
    assert eca.table(shown) == shown


# -- what the bundled data does not have -------------------------------------------------------


def test_an_answer_the_sources_cannot_settle_on_data_as_of_warns(changed_data: Callable[..., Path]) -> None:
    """With data checked mid-September 2024, the Facility (launched "September 2024") is unsettled."""
    folder = changed_data("meta.json", lambda m: m.update(data_as_of="2024-09-15"))
    data = eca.load(folder)
    with pytest.warns(eca.UncertainAnswerWarning, match="civil-society-facility"):
        answer = data.instruments_for("Tajikistan", on=data.data_as_of)
    assert eca.CIVIL_SOCIETY_FACILITY.id not in [i.id for i in answer]
    assert data.status("TJ", "civil-society-facility", on=data.data_as_of) is eca.Presence.UNKNOWN


def test_an_instrument_without_a_short_name_is_found_by_id_and_name(
    changed_data: Callable[..., Path],
) -> None:
    def drop_short_name(rows: list[dict[str, Any]]) -> None:
        next(row for row in rows if row["id"] == "gsp-plus").pop("short_name")

    data = eca.load(changed_data("instruments.json", drop_short_name))
    assert data.instrument("gsp-plus").short_name is None
    assert data.instrument(eca.GSP_PLUS.name).id == "gsp-plus"
    with pytest.raises(eca.UnknownInstrumentError):
        data.instrument("GSP+")


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "facilities.json",
            lambda d: d[0]["budget"].update(amount="4.5 million"),
            r"'4.5 million' is not a decimal number",
        ),
        (
            "meta.json",
            lambda m: m.update(coverage_start="2027-01-01"),
            r"coverage_start is after data_as_of @ \$.coverage_start",
        ),
        (
            "dialogue_rounds.json",
            lambda d: d[0].update(dialogue="gsp"),
            r"unknown dialogue 'gsp' @ \$\[0\].dialogue",
        ),
        (
            "events.json",
            lambda d: d[0].update(date="2020-01-01", end="2019-01-01"),
            r"end 2019-01-01 is before date 2020-01-01 @ \$\[0\].end",
        ),
        (
            "instruments.json",
            lambda d: d[0]["field_notes"][0].update(sources=["nowhere"]),
            r"unknown source 'nowhere' @ \$\[0\].field_notes\[0\].sources\[0\]",
        ),
        (
            "instruments.json",
            lambda d: d[0]["field_notes"][0].update(
                claims=[{"value": "x", "sources": ["nowhere"], "confidence": "low"}]
            ),
            r"unknown source 'nowhere' @ \$\[0\].field_notes\[0\].claims\[0\].sources\[0\]",
        ),
        (
            "topics.json",
            lambda d: d[0].update(sources=["Not A Slug"]),
            r"source id 'Not A Slug' is not a slug",
        ),
        (
            "topics.json",
            lambda d: d[0].update(sources=["founding-factsheet", "founding-factsheet"]),
            r"a source is cited twice",
        ),
        (
            "participations.json",
            lambda d: d[1].update(in_place_by="2010"),
            r"give exactly one of start and in_place_by",
        ),
        (
            "participations.json",
            lambda d: d[0].update(ongoing=True, end="2020-01-01"),
            r"an ongoing participation has no end",
        ),
        ("envoys.json", lambda d: d[0].pop("start"), r"required field missing @ \$\[0\].start"),
    ],
)
def test_data_mistakes_the_bundled_data_does_not_make(
    changed_data: Callable[..., Path],
    name: str,
    change: Callable[[Any], Any],
    message: str,
) -> None:
    assert re.search(message, _problems(changed_data(name, change)))


# -- the model's own checks, on records built directly -----------------------------------------


def _participation(**dates: eca.PartialDate) -> eca.Participation:
    return eca.Participation(
        id="built",
        country="KG",
        instrument="gsp",
        ongoing=False,
        sources=("founding-factsheet",),
        confidence=eca.Confidence.HIGH,
        **dates,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("begin", ["start", "in_place_by"])
def test_a_participation_built_directly_cannot_end_before_it_begins(begin: str) -> None:
    with pytest.raises(ValueError, match="end 2019 is before start 2020"):
        _participation(**{begin: eca.PartialDate(2020)}, end=eca.PartialDate(2019))


@pytest.mark.parametrize("begin", ["start", "in_place_by"])
def test_a_participation_may_end_on_the_first_day_it_may_have_begun(begin: str) -> None:
    built = _participation(**{begin: eca.PartialDate(2020, 5)}, end=eca.PartialDate(2020, 5, 1))
    assert str(built.end) == "2020-05-01"


@pytest.mark.parametrize("name", ["", "padded ", "padded\n"])  # a leading space: in test_export
def test_text_fields_refuse_empty_or_padded_text(name: str) -> None:
    with pytest.raises(ValueError, match="name must be non-empty text without surrounding spaces"):
        eca.Topic(id="padded", name=name, sources=("founding-factsheet",), confidence=eca.Confidence.HIGH)


# -- the command line's rarer exits ------------------------------------------------------------


def test_an_unexpected_failure_exits_1_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from eu_ca_partnership import _cli

    def broken(*args: Any) -> Any:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setitem(_cli.COMMANDS, "countries", _cli.Command("broken", broken))
    assert _cli.main(["countries"]) == 1
    assert capsys.readouterr().err == "eu-ca: error: unexpected RuntimeError: disk on fire\n"


def test_a_reader_that_leaves_early_is_not_an_error() -> None:
    done = subprocess.run(
        f"{sys.executable} -m eu_ca_partnership sources | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.startswith("ID")
    assert "Traceback" not in done.stderr
    assert "BrokenPipe" not in done.stderr


# -- generators of tables and schema, on shapes the model may grow into ------------------------


def test_a_union_of_two_types_has_no_flat_column() -> None:
    with pytest.raises(TypeError, match="no flat column for the union"):
        _tables._plain(int | str)
    assert _tables._plain(int | None) == (int, True)


def test_a_column_takes_the_pattern_of_a_single_value_only() -> None:
    assert _tables.regex_of(Pattern(r"[A-Z]{2}")) == "[A-Z]{2}"
    assert _tables.regex_of(Pattern(r"[A-Z]{2}", each=True)) is None  # a list cell has no pattern
    assert _tables.regex_of(Text()) is None


def test_schema_constraints_reach_array_items_and_references() -> None:
    array = {"type": "array", "items": {"type": "string"}}
    assert _schema._constrain(array, Pattern("[a-z]+", each=True).json_schema()) == {
        "type": "array",
        "items": {"type": "string", "pattern": "^(?:[a-z]+)$"},
    }
    reference = {"$ref": "#/$defs/PartialDate"}
    assert _schema._constrain(reference, {"description": "when"}) == {
        "allOf": [reference, {"description": "when"}]
    }


def test_tables_are_named_by_text() -> None:
    with pytest.raises(TypeError, match="a table is named by a str, got int"):
        _tables.table_spec(3)


def test_several_countries_can_be_plotted(tmp_path: Path) -> None:
    figure = eca.plot_timeline(["KZ", "Tajikistan"], since=dt.date(2019, 1, 1), path=tmp_path / "two.png")
    assert (tmp_path / "two.png").stat().st_size > 0
    assert figure is not None


def test_a_closed_pipe_at_output_is_not_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """What `eu-ca sources | head` does once the output is larger than the pipe holds."""
    from eu_ca_partnership import _cli

    with (tmp_path / "stdout").open("w") as stand_in:

        class ReaderLeft:
            def write(self, text: str) -> int:
                raise BrokenPipeError

            def flush(self) -> None:
                raise BrokenPipeError

            def fileno(self) -> int:
                return stand_in.fileno()

        monkeypatch.setattr(sys, "stdout", ReaderLeft())
        assert _cli.main(["sources"]) == 0


# -- the rules of the records, where the data files cannot reach them ---------------------------


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: eca.PartialDate(2020, 13), ValueError, "month must be between 1 and 12"),
        (lambda: eca.PartialDate(2020, None, 5), ValueError, "a day needs a month"),
        (lambda: eca.PartialDate(2023, 2, 29), ValueError, "day must be between 1 and 28 in 2023-02, got 29"),
        (lambda: eca.PartialDate(0), ValueError, "year must be between 1 and 9999"),
        (lambda: eca.Money(amount=5, currency="EUR"), TypeError, "amount must be a Decimal, got int"),
        (
            lambda: attrs.evolve(eca.CIVIL_SOCIETY_FORUM, participants=()),
            ValueError,
            "participants must hold at least one item",
        ),
    ],
)
def test_a_record_made_by_hand_obeys_the_rules(make: Callable[[], Any], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        make()


def test_a_dataset_is_made_of_the_kinds_that_have_files(data: eca.Dataset) -> None:
    with pytest.raises(ValueError, match="records of 'forum_editions' cannot be given"):
        eca.Dataset(meta=data.meta, records={"forum_editions": ()})


def test_records_are_asked_for_by_the_name_of_their_kind(data: eca.Dataset) -> None:
    assert data.records("forum_editions") == eca.CIVIL_SOCIETY_FORUM.editions
    with pytest.raises(TypeError, match="a kind is named by a str, got type"):
        data.records(eca.Country)  # type: ignore[arg-type]
    with pytest.raises(
        eca.InvalidChoiceError, match="kind='meetings' is not a record kind; accepted: 'countries'"
    ):
        data.records("meetings")


def test_a_folder_is_named_by_a_path() -> None:
    with pytest.raises(TypeError, match="path must be a str or a path to a data folder, got int"):
        eca.load(42)  # type: ignore[arg-type]
