"""to_dataframe: every table as a pandas DataFrame with the right column types (extra ``pandas``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership._kinds import KINDS
from eu_ca_partnership._tables import TABLES

TABLE_NAMES = [kind.name for kind in KINDS]


def test_every_kind_has_its_table_in_the_registry_order() -> None:
    assert list(TABLES) == TABLE_NAMES


pd = pytest.importorskip("pandas", reason="to_dataframe needs the 'pandas' extra")


def _rows(data: eca.Dataset, name: str) -> tuple[Any, ...]:
    rows: tuple[Any, ...] = TABLES[name].rows(data)
    return rows


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_table_has_one_row_per_record(name: str, data: eca.Dataset) -> None:
    frame = eca.to_dataframe(name)
    assert len(frame) == len(_rows(data, name)) > 0
    assert list(frame.columns) == [c.name for c in TABLES[name].columns]
    assert frame.columns.is_unique


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_column_types(name: str) -> None:
    frame = eca.to_dataframe(name)
    for column in TABLES[name].columns:
        series = frame[column.name]
        if column.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(series), column.name
        elif column.type == "string":
            assert isinstance(series.dtype, pd.StringDtype), column.name
        elif column.type == "integer":
            assert str(series.dtype) == "Int64", column.name
        elif column.type == "boolean":
            assert str(series.dtype) == "boolean", column.name
        else:
            assert series.dtype == object, column.name
            for value in series.dropna():
                expected = Decimal if column.type == "number" else list
                assert isinstance(value, expected), (column.name, value)


def test_partial_dates_are_text_with_their_earliest_and_latest_day() -> None:
    frame = eca.to_dataframe("instruments").set_index("id")
    facility = frame.loc["civil-society-facility"]
    assert facility["launched"] == "2024-09"
    assert facility["launched_earliest"] == pd.Timestamp("2024-09-01")
    assert facility["launched_latest"] == pd.Timestamp("2024-09-30")
    assert pd.isna(frame.loc["gsp", "launched"])
    assert pd.isna(frame.loc["gsp", "launched_earliest"])


def test_participations_keep_what_the_sources_leave_open() -> None:
    frame = eca.to_dataframe("participations").set_index("id")
    for row in eca.participations():
        for name in ("start", "in_place_by", "end"):
            value = getattr(row, name)
            cell = frame.loc[row.id, name]
            if value is None:
                assert pd.isna(cell)
                assert pd.isna(frame.loc[row.id, f"{name}_earliest"])
            else:
                assert cell == str(value)
                assert frame.loc[row.id, f"{name}_earliest"].date() == value.earliest()
                assert frame.loc[row.id, f"{name}_latest"].date() == value.latest()
        assert bool(frame.loc[row.id, "ongoing"]) is row.ongoing


def test_amounts_are_decimals_with_their_currency() -> None:
    frame = eca.to_dataframe("instruments").set_index("id")
    assert frame.loc["civil-society-facility", "budget_amount"] == Decimal("4500000")
    assert frame.loc["civil-society-facility", "budget_currency"] == "EUR"
    assert frame["budget_amount"].notna().sum() == 1


def test_enums_are_values_and_tuples_are_lists() -> None:
    frame = eca.to_dataframe("instruments").set_index("id")
    assert frame.loc["gsp", "kind"] == "trade-preference"
    assert frame.loc["gsp", "confidence"] == "high"
    assert frame.loc["gsp", "themes"] == [t.value for t in eca.GSP.themes]
    assert frame.loc["gsp", "sources"] == list(eca.GSP.sources)
    exploded = eca.to_dataframe("participations").explode("sources")
    assert set(exploded["sources"]) <= {s.id for s in eca.SOURCES}


def test_field_notes_are_their_json_form() -> None:
    frame = eca.to_dataframe("participations").set_index("id")
    notes = frame.loc["kyrgyzstan-gsp", "field_notes"]
    record = eca.record("kyrgyzstan-gsp", eca.Participation)
    assert [n["field"] for n in notes] == [n.field for n in record.field_notes]
    assert notes[0]["sources"] == list(record.field_notes[0].sources)


def test_forum_editions_carry_their_forum() -> None:
    frame = eca.to_dataframe("forum-editions")
    assert set(frame["forum"]) == {"civil-society-forum"}
    assert list(frame["number"]) == [e.number for e in eca.CIVIL_SOCIETY_FORUM.editions]
    assert frame["city"].isna().sum() == sum(e.city is None for e in eca.CIVIL_SOCIETY_FORUM.editions)
    assert eca.to_dataframe(eca.CIVIL_SOCIETY_FORUM.editions).equals(frame)


def test_records_give_the_rows_of_their_table() -> None:
    answer = eca.instruments_for("Tajikistan", on="2020-06-01")
    frame = eca.to_dataframe(answer)
    assert list(frame["id"]) == [i.id for i in answer]
    assert list(frame.columns) == list(eca.to_dataframe("instruments").columns)
    assert eca.to_dataframe(eca.table(answer)).equals(frame)
    empty = eca.to_dataframe(eca.countries_with("gsp-plus", on="2014-06-01"))
    assert empty.empty


def test_a_loaded_dataset_can_be_given(data_copy: Any) -> None:
    other = eca.load(data_copy())
    assert eca.to_dataframe("sources", data=other).equals(eca.to_dataframe("sources"))


def test_nothing_is_invented_no_cell_without_a_value() -> None:
    frame = eca.to_dataframe("events").set_index("id")
    for event in eca.timeline():
        assert pd.isna(frame.loc[event.id, "place"]) == (event.place is None)
        assert pd.isna(frame.loc[event.id, "end"]) == (event.end is None)


@pytest.mark.parametrize(
    ("table", "error", "message"),
    [
        ("parties", eca.InvalidChoiceError, "not a table of the dataset"),
        (42, TypeError, "must be a table name"),
        ([eca.GSP, eca.KAZAKHSTAN], TypeError, "records of one table only"),
        ([1, 2], TypeError, "must be a record of the dataset"),
    ],
)
def test_bad_tables_get_worded_errors(table: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        eca.to_dataframe(table)


def test_the_dates_are_real_dates() -> None:
    frame = eca.to_dataframe("events")
    assert frame["date_earliest"].min().date() >= dt.date(1990, 1, 1)
    assert (frame["date_earliest"] <= frame["date_latest"]).all()
