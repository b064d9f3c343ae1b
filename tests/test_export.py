"""export(): canonical JSON that loads back, CSV per table, a valid Data Package, the JSON Schema."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import importlib_resources
import pytest

import eu_ca_partnership as eca
from eu_ca_partnership._tables import META_TABLE, TABLES

BUNDLED = importlib_resources.files("eu_ca_partnership").joinpath("data")


def _names(paths: tuple[Path, ...]) -> list[str]:
    return [path.name for path in paths]


# -- JSON ----------------------------------------------------------------------------------


def test_json_export_loads_back_to_the_same_dataset(tmp_path: Path, data: eca.Dataset) -> None:
    written = eca.export(tmp_path, format="json")
    assert eca.load(tmp_path) == data
    assert all(path.parent == tmp_path for path in written)


def test_json_export_has_the_layout_of_the_bundled_data_folder(tmp_path: Path) -> None:
    written = eca.export(tmp_path / "new" / "folder")
    bundled = sorted(entry.name for entry in BUNDLED.iterdir() if entry.name.endswith(".json"))
    assert _names(written) == bundled
    assert sorted(p.name for p in (tmp_path / "new" / "folder").iterdir()) == bundled


def test_json_export_is_canonical_a_fixed_point(tmp_path: Path) -> None:
    first = eca.export(tmp_path / "a")
    eca.export(tmp_path / "b", data=eca.load(tmp_path / "a"))
    for path in first:
        assert (tmp_path / "b" / path.name).read_bytes() == path.read_bytes(), path.name
        text = path.read_text("utf-8")
        assert text.endswith("\n")
        assert "\\u" not in text  # UTF-8 as such, not escaped


def test_a_folder_with_files_is_refused_unless_overwrite(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(eca.ExportError, match="already holds files"):
        eca.export(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    eca.export(tmp_path, overwrite=True)
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"
    assert eca.load(tmp_path) == eca.load()


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("", "utf-8")
    with pytest.raises(eca.ExportError, match="it is a file"):
        eca.export(target, overwrite=True)


@pytest.mark.parametrize("directory", ["bad\x00name", "/proc/no-such-folder/out"])
def test_a_path_the_system_refuses_is_an_export_error(directory: str) -> None:
    with pytest.raises(eca.ExportError, match="cannot export into"):
        eca.export(directory)


@pytest.mark.parametrize(
    ("directory", "format", "error", "message"),
    [
        ("out", "xlsx", eca.InvalidChoiceError, "not an export format; accepted: 'json', 'csv'"),
        ("out", None, eca.InvalidChoiceError, "not an export format"),
        (42, "json", TypeError, "directory must be a str or a path"),
    ],
)
def test_bad_arguments_get_worded_errors(
    tmp_path: Path, directory: Any, format: Any, error: type[Exception], message: str
) -> None:
    target = tmp_path / directory if isinstance(directory, str) else directory
    with pytest.raises(error, match=message):
        eca.export(target, format=format)
    assert not (tmp_path / "out").exists()


# -- CSV -----------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_csv_export_has_one_file_per_table(tmp_path: Path, data: eca.Dataset) -> None:
    written = eca.export(tmp_path, format="csv")
    assert _names(written) == sorted(f"{name}.csv" for name in [*TABLES, "meta"])
    for spec in [*TABLES.values(), META_TABLE]:
        rows = _read_csv(tmp_path / f"{spec.name}.csv")
        assert len(rows) == len(spec.rows(data)), spec.name
        assert list(rows[0]) == [c.name for c in spec.columns]


def test_csv_cells_are_the_records_values(tmp_path: Path) -> None:
    eca.export(tmp_path, format="csv")
    rows = {row["id"]: row for row in _read_csv(tmp_path / "participations.csv")}
    for record in eca.participations():
        row = rows[record.id]
        for name in ("start", "in_place_by", "end"):
            value = getattr(record, name)
            assert row[name] == ("" if value is None else str(value))
            assert row[f"{name}_earliest"] == ("" if value is None else value.earliest().isoformat())
        assert row["ongoing"] == ("true" if record.ongoing else "false")
        assert row["sources"].split(";") == list(record.sources)
        assert row["confidence"] == record.confidence.value
        notes = json.loads(row["field_notes"]) if row["field_notes"] else []
        assert [n["field"] for n in notes] == [n.field for n in record.field_notes]
    facility = next(r for r in _read_csv(tmp_path / "instruments.csv") if r["id"] == "civil-society-facility")
    assert (facility["budget_amount"], facility["budget_currency"]) == ("4500000", "EUR")
    assert facility["launched"] == "2024-09"
    (meta,) = _read_csv(tmp_path / "meta.csv")
    assert meta["data_as_of"] == eca.DATA_AS_OF.isoformat()


def test_csv_export_refuses_a_list_item_holding_the_separator(
    tmp_path: Path, data_copy: Callable[[], Path]
) -> None:
    folder = data_copy()
    countries = json.loads((folder / "countries.json").read_text("utf-8"))
    countries[0]["aliases"] = ["Qazaqstan; Kazakstan"]
    (folder / "countries.json").write_text(json.dumps(countries), "utf-8")
    with pytest.raises(eca.ExportError, match=r"countries\.csv row 1, aliases: .* holds ';'"):
        eca.export(tmp_path / "out", format="csv", data=eca.load(folder))
    assert not (tmp_path / "out").exists()  # nothing half-written


# -- Data Package --------------------------------------------------------------------------


def test_datapackage_describes_every_csv_with_keys_and_licence(tmp_path: Path, data: eca.Dataset) -> None:
    eca.export(tmp_path, format="datapackage")
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["data_as_of"] == data.meta.data_as_of.isoformat()
    assert [s["path"] for s in package["sources"]] == [s.url for s in data.sources]
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {*TABLES, "meta"}
    for resource in resources.values():
        assert (tmp_path / resource["path"]).is_file()
    assert resources["participations"]["schema"]["primaryKey"] == ["id"]
    assert resources["forum_editions"]["schema"]["primaryKey"] == ["forum", "number"]
    references = {
        (key["fields"][0], key["reference"]["resource"])
        for key in resources["participations"]["schema"]["foreignKeys"]
    }
    assert references == {("country", "countries"), ("instrument", "instruments")}


def _validate(folder: Path) -> Any:
    frictionless = pytest.importorskip("frictionless", reason="validating a Data Package needs frictionless")
    return frictionless.validate(str(folder / "datapackage.json"))


def test_datapackage_is_valid_for_frictionless(tmp_path: Path) -> None:
    eca.export(tmp_path, format="datapackage")
    report = _validate(tmp_path)
    errors = [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]
    assert report.valid, errors[:10]
    checked = {task.name: task.stats["rows"] for task in report.tasks}
    assert checked["participations"] == len(eca.participations())


def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    eca.export(tmp_path, format="datapackage")
    path = tmp_path / "participations.csv"
    path.write_text(
        path.read_text("utf-8").replace("\nkyrgyzstan-gsp,KG,", "\nkyrgyzstan-gsp,XX,", 1), "utf-8"
    )
    report = _validate(tmp_path)
    assert not report.valid
    assert [e.type for task in report.tasks for e in task.errors] == ["foreign-key"]


# -- JSON Schema ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return eca.json_schema()


def _validator(schema: dict[str, Any]) -> Any:
    jsonschema = pytest.importorskip("jsonschema", reason="validating against the schema needs jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _folder(root: Any) -> dict[str, Any]:
    return {
        entry.name: json.loads(entry.read_text("utf-8"))
        for entry in root.iterdir()
        if entry.name.endswith(".json")
    }


def test_every_bundled_json_file_is_valid_against_the_schema(schema: dict[str, Any]) -> None:
    files = _folder(BUNDLED)
    assert set(files) == set(schema["properties"]) == set(schema["required"])
    errors = sorted(_validator(schema).iter_errors(files), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]]


def test_the_json_export_is_valid_against_the_schema(tmp_path: Path, schema: dict[str, Any]) -> None:
    eca.export(tmp_path)
    assert not list(_validator(schema).iter_errors(_folder(tmp_path)))


@pytest.mark.parametrize(
    ("file", "change", "where"),
    [
        ("countries.json", lambda rows: rows[0].update(capital="Astana"), ["countries.json", 0]),
        (
            "participations.json",
            lambda rows: rows[0].update(confidence="certain"),
            ["participations.json", 0],
        ),
        ("participations.json", lambda rows: rows[0].update(start="2014-13"), ["participations.json", 0]),
        ("participations.json", lambda rows: rows[0].update(sources=[]), ["participations.json", 0]),
        ("participations.json", lambda rows: rows[0].pop("ongoing"), ["participations.json", 0]),
        ("events.json", lambda rows: rows[0].update(title=" padded"), ["events.json", 0]),
        ("forums.json", lambda rows: rows[0]["editions"][0].update(number=0), ["forums.json", 0]),
        ("sources.json", lambda rows: rows[0].update(url="ftp://x"), ["sources.json", 0]),
        ("events.json", lambda rows: rows[0].update(title=""), ["events.json", 0]),
        (
            "participations.json",
            lambda rows: rows[0].update(sources=[rows[0]["sources"][0]] * 2),
            ["participations.json", 0],
        ),
        (
            "participations.json",
            lambda rows: rows[0].update(sources=["Not a slug"]),
            ["participations.json", 0],
        ),
        ("forums.json", lambda rows: rows[0].update(participants=[]), ["forums.json", 0]),
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(
    schema: dict[str, Any], data_copy: Callable[[], Path], file: str, change: Any, where: list[Any]
) -> None:
    folder = data_copy()
    rows = json.loads((folder / file).read_text("utf-8"))
    change(rows)
    (folder / file).write_text(json.dumps(rows), "utf-8")
    with pytest.raises(eca.DataError):
        eca.load(folder)
    errors = list(_validator(schema).iter_errors(_folder(folder)))
    assert errors
    assert all(list(e.absolute_path)[:2] == where for e in errors)


def test_the_schema_covers_every_field_of_every_record(schema: dict[str, Any]) -> None:
    for cls in (
        eca.Country,
        eca.Instrument,
        eca.Forum,
        eca.Facility,
        eca.Participation,
        eca.Event,
        eca.DialogueRound,
        eca.ForumEdition,
        eca.Envoy,
        eca.Source,
        eca.Topic,
        eca.Mechanism,
        eca.Pillar,
        eca.Challenge,
        eca.FieldNote,
        eca.Claim,
        eca.Money,
        eca.Meta,
    ):
        definition = schema["$defs"][cls.__name__]
        assert list(definition["properties"]) == [f.name for f in attrs.fields(cls)]
        assert definition["additionalProperties"] is False
    assert schema["$defs"]["Kind"]["enum"] == [k.value for k in eca.Kind]


def test_schema_export_writes_the_schema(tmp_path: Path, schema: dict[str, Any]) -> None:
    (path,) = eca.export(tmp_path, format="schema")
    assert path.name == "schema.json"
    assert json.loads(path.read_text("utf-8")) == schema


def test_the_formats_type_checkers_know_are_the_formats_there_are() -> None:
    from typing import get_args

    from eu_ca_partnership._export import FORMATS, ExportFormat

    assert list(get_args(ExportFormat)) == list(FORMATS)


def test_the_schema_accepts_the_shortest_text_the_loader_accepts(
    schema: dict[str, Any], changed_data: Callable[..., Path]
) -> None:
    folder = changed_data("events.json", lambda rows: rows[0].update(title="X"))
    eca.load(folder)
    assert not list(_validator(schema).iter_errors(_folder(folder)))
