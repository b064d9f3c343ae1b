"""Writing the whole dataset out: canonical JSON, CSV, a Frictionless Data Package, a JSON Schema."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import pathlib
from decimal import Decimal
from typing import Any

from . import _version
from ._dataset import Dataset
from ._model import Facility, Forum, Instrument
from ._tables import META_TABLE, TABLES, Column, TableSpec
from .exceptions import ExportError, InvalidChoiceError, quoted

#: The formats :func:`export` writes.
FORMATS = ("json", "csv", "datapackage", "schema")
#: The separator of the items of a list in a CSV cell (no item of the data contains it).
LIST_DELIMITER = ";"
SCHEMA_FILE = "schema.json"
DATAPACKAGE_FILE = "datapackage.json"
_LICENCES = {
    "CC-BY-4.0": {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0",
    }
}


def _dump_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _json_files(data: Dataset) -> dict[str, str]:
    """The dataset as the files of the bundled data folder, each as the converter writes it."""
    from ._loader import META_FILE, TABLES, json_converter

    converter = json_converter()
    rows: dict[str, tuple[Any, ...]] = {
        "sources.json": data.sources,
        "countries.json": data.countries,
        "instruments.json": tuple(i for i in data.instruments if type(i) is Instrument),
        "forums.json": tuple(i for i in data.instruments if type(i) is Forum),
        "facilities.json": tuple(i for i in data.instruments if type(i) is Facility),
        "participations.json": data.all_participations,
        "dialogue_rounds.json": data.all_dialogue_rounds,
        "events.json": data.events,
        "topics.json": data.topics,
        "mechanisms.json": data.mechanisms,
        "pillars.json": data.pillars,
        "challenges.json": data.challenges,
        "envoys.json": data.envoys,
    }
    if set(rows) != set(TABLES):  # pragma: no cover - a new data file must be exported too
        raise AssertionError(
            f"export and loader disagree on the data files: {sorted(set(rows) ^ set(TABLES))}"
        )
    files = {META_FILE: _dump_json(converter.unstructure(data.meta))}
    for name, cls in TABLES.items():
        files[name] = _dump_json([converter.unstructure(row, cls) for row in rows[name]])
    return files


def _cell(column: Column, value: Any, where: str) -> str:
    """A value as CSV text: empty when missing, lists joined by ``;``, JSON for field notes."""
    if value is None or value == []:
        return ""
    if column.type == "array":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if column.type == "list":
        for item in value:
            if LIST_DELIMITER in item:
                raise ExportError(
                    f"{where}: the item {quoted(item)} holds {LIST_DELIMITER!r}, the list separator of "
                    "the CSV export; it cannot be written faithfully (use format='json')"
                )
        return LIST_DELIMITER.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_text(spec: TableSpec, data: Dataset) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in spec.columns])
    for index, row in enumerate(spec.rows(data)):
        writer.writerow(
            [_cell(c, c.get(row), f"{spec.name}.csv row {index + 1}, {c.name}") for c in spec.columns]
        )
    return buffer.getvalue()


def _csv_files(data: Dataset) -> dict[str, str]:
    specs = [*TABLES.values(), META_TABLE]
    return {f"{spec.name}.csv": _csv_text(spec, data) for spec in specs}


def _field_descriptor(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type}
    if column.description:
        field["description"] = column.description
    if column.type == "list":
        field["delimiter"] = LIST_DELIMITER
        field["itemType"] = "string"
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(spec: TableSpec) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field_descriptor(column) for column in spec.columns]}
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": table, "fields": [target]}}
            for column, table, target in spec.foreign_keys
        ]
    return {
        "name": spec.name,
        "type": "table",
        "path": f"{spec.name}.csv",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": spec.title,
        "description": spec.description,
        "schema": schema,
    }


def datapackage(data: Dataset) -> dict[str, Any]:
    """The ``datapackage.json`` describing the CSV files of :func:`export` (Data Package v2)."""
    licence = _LICENCES.get(data.meta.license, {"name": data.meta.license})
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "eu-ca-partnership",
        "title": data.meta.title,
        "description": data.meta.note,
        "version": _version.__version__,
        "data_as_of": data.meta.data_as_of.isoformat(),
        "coverage_start": data.meta.coverage_start.isoformat(),
        "licenses": [licence],
        "sources": [{"title": source.title, "path": source.url} for source in data.sources],
        "resources": [_resource(spec) for spec in (*TABLES.values(), META_TABLE)],
    }


def _files(data: Dataset, format: str) -> dict[str, str]:
    if format == "json":
        return _json_files(data)
    if format == "csv":
        return _csv_files(data)
    if format == "datapackage":
        return {**_csv_files(data), DATAPACKAGE_FILE: _dump_json(datapackage(data))}
    from ._schema import json_schema

    return {SCHEMA_FILE: _dump_json(json_schema())}


def export(
    directory: str | os.PathLike[str],
    format: str = "json",
    *,
    overwrite: bool = False,
    data: Dataset | None = None,
) -> tuple[pathlib.Path, ...]:
    """Write the whole dataset into ``directory`` (created if needed); returns the files written.

    ``format`` is one of:

    - ``"json"``: the files of the bundled data folder, as the loader reads them, so
      ``load(directory) == load()``;
    - ``"csv"``: one CSV file per table (see :func:`to_dataframe` for the columns), UTF-8,
      lists joined by ``;``, field notes as JSON, a missing value as an empty cell;
    - ``"datapackage"``: the CSV files and a ``datapackage.json`` (Frictionless Data Package v2)
      with each column's type, the primary and foreign keys, the licence and the sources;
    - ``"schema"``: ``schema.json``, the JSON Schema of the data files (:func:`json_schema`).

    A folder that already holds files is refused unless ``overwrite=True``, which replaces
    the files of the same name and leaves the others. ``data`` defaults to the bundled dataset.

    >>> import tempfile, eu_ca_partnership as eca
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = eca.export(folder, format="json")
    ...     same = eca.load(folder) == eca.load()
    >>> [path.name for path in written][:3], same
    (['challenges.json', 'countries.json', 'dialogue_rounds.json'], True)
    """
    if not isinstance(format, str) or format not in FORMATS:
        accepted = ", ".join(repr(name) for name in FORMATS)
        raise InvalidChoiceError(f"format={quoted(format)} is not an export format; accepted: {accepted}")
    if not isinstance(directory, str | os.PathLike):
        raise TypeError(f"directory must be a str or a path, got {type(directory).__name__}")
    if data is None:
        from . import default_dataset

        data = default_dataset()
    target = pathlib.Path(directory)
    shown = quoted(os.fspath(target))
    try:
        if target.exists() and not target.is_dir():
            raise ExportError(f"cannot export into {shown}: it is a file, not a folder")
        if target.is_dir() and not overwrite and any(target.iterdir()):
            raise ExportError(
                f"{shown} already holds files; choose an empty or new folder, "
                "or pass overwrite=True (--force) to replace the files of the same name"
            )
        files = _files(data, format)  # everything is rendered before anything is written
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name in sorted(files):
            path = target / name
            path.write_text(files[name], encoding="utf-8", newline="\n")
            written.append(path)
    except (OSError, ValueError) as error:  # a path the system refuses (permissions, a NUL byte, ...)
        if isinstance(error, ExportError):
            raise
        raise ExportError(f"cannot export into {shown}: {error}") from error
    return tuple(written)
