"""Writing the whole dataset out: canonical JSON, CSV, a Frictionless Data Package, a JSON Schema."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from . import _version
from ._render import cell
from .exceptions import ExportError, InvalidChoiceError, quoted

if TYPE_CHECKING:
    import pathlib

    from ._dataset import Dataset
    from ._tables import TableSpec

__all__ = ["ExportFormat", "export"]

#: The names of :data:`FORMATS`, for type checkers (a test keeps them equal).
ExportFormat = Literal["json", "csv", "datapackage", "schema"]
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
    import json  # the modules that write are imported when writing, so that eu-ca starts fast

    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _json_files(data: Dataset) -> dict[str, str]:
    """The dataset as the files of the bundled data folder, each as the codec writes it."""
    from ._codec import unstructure
    from ._kinds import KINDS, META_FILE

    files = {META_FILE: _dump_json(unstructure(data.meta))}
    for kind in KINDS:
        for name, cls in kind.files:
            rows = [row for row in data.records(kind.name) if type(row) is cls]
            files[name] = _dump_json([unstructure(row, cls) for row in rows])
    return files


def _csv_cell(column_type: str, value: Any, where: str) -> str:
    """A value as CSV text (see :func:`._render.cell`); an item holding the list separator is refused."""
    if column_type == "list":
        for item in value or ():
            if LIST_DELIMITER in item:
                raise ExportError(
                    f"{where}: the item {quoted(item)} holds {LIST_DELIMITER!r}, the list separator of "
                    "the CSV export; it cannot be written faithfully (use format='json')"
                )
    return cell(value, "csv")


def _csv_text(spec: TableSpec, data: Dataset) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in spec.columns])
    for index, row in enumerate(spec.rows(data)):
        writer.writerow(
            [
                _csv_cell(c.type, c.get(row), f"{spec.name}.csv row {index + 1}, {c.name}")
                for c in spec.columns
            ]
        )
    return buffer.getvalue()


def _csv_files(data: Dataset) -> dict[str, str]:
    from ._tables import META_TABLE, TABLES

    specs = [*TABLES.values(), META_TABLE]
    return {f"{spec.name}.csv": _csv_text(spec, data) for spec in specs}


def _field_descriptor(column: Any) -> dict[str, Any]:
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
        "dialect": {"delimiter": ",", "header": True},  # said, not sniffed: a list cell holds ";"
        "title": spec.title,
        "description": spec.description,
        "schema": schema,
    }


def datapackage(data: Dataset) -> dict[str, Any]:
    """The ``datapackage.json`` describing the CSV files of :func:`export` (Data Package v2)."""
    from ._tables import META_TABLE, TABLES

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


def _datapackage_files(data: Dataset) -> dict[str, str]:
    return {**_csv_files(data), DATAPACKAGE_FILE: _dump_json(datapackage(data))}


def _schema_files(data: Dataset) -> dict[str, str]:
    from ._schema import json_schema

    return {SCHEMA_FILE: _dump_json(json_schema())}


@attrs.frozen
class Format:
    """An export format: what it writes, and the files it renders from a dataset."""

    help: str
    files: Callable[[Dataset], dict[str, str]] = attrs.field(repr=False)


#: The formats :func:`export` writes (and ``eu-ca export --format`` offers), the default first.
FORMATS: dict[str, Format] = {
    "json": Format("the data files, as the loader reads them (the default)", _json_files),
    "csv": Format("one CSV file per table", _csv_files),
    "datapackage": Format("the CSV files and a Frictionless datapackage.json", _datapackage_files),
    "schema": Format("the JSON Schema of the data files", _schema_files),
}


def export(
    directory: str | os.PathLike[str],
    format: ExportFormat = "json",
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
    (['challenges.json', 'conventions.json', 'countries.json'], True)
    """
    if not isinstance(format, str) or format not in FORMATS:
        accepted = ", ".join(repr(name) for name in FORMATS)
        raise InvalidChoiceError(f"format={quoted(format)} is not an export format; accepted: {accepted}")
    if not isinstance(directory, str | os.PathLike):
        raise TypeError(f"directory must be a str or a path, got {type(directory).__name__}")
    if data is None:
        from ._bundled import default_dataset

        data = default_dataset()
    import pathlib

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
        files = FORMATS[format].files(data)  # everything is rendered before anything is written
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
