"""The checks every kind of record gets, read from the registry: a new kind is tested here for free.

A kind of the registry (``_kinds.KINDS``) must reach every output without a change elsewhere:
the loader, ``Dataset.records``, ``record(id)``, the flat tables, the JSON, CSV and Data Package
exports, the JSON Schema, the HTML display and the docs catalogue.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import eu_ca_partnership as eca
from eu_ca_partnership._export import FORMATS
from eu_ca_partnership._kinds import BY_NAME, KINDS, RecordKind
from eu_ca_partnership._tables import TABLES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def files(data: eca.Dataset) -> dict[str, dict[str, str]]:
    return {name: fmt.files(data) for name, fmt in FORMATS.items()}


@pytest.fixture(scope="module")
def catalogue(data: eca.Dataset) -> str:
    if not (DOCS / "_ext" / "catalogue.py").is_file():
        pytest.skip("the docs are not beside these tests (tests run against an installed wheel)")
    spec = importlib.util.spec_from_file_location("docs_catalogue", DOCS / "_ext" / "catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return "\n".join(module.render(data).values())


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
class TestEveryKind:
    def test_the_data_holds_some_and_records_gives_them(self, kind: RecordKind, data: eca.Dataset) -> None:
        records = data.records(kind.name)
        assert records
        assert all(type(record) in kind.classes for record in records)
        assert set(records) <= set(data.records())

    def test_an_id_finds_its_record(self, kind: RecordKind, data: eca.Dataset) -> None:
        if kind.id_field is None:
            pytest.skip(f"{kind.name} have no id")
        for record in data.records(kind.name):
            assert data.record(getattr(record, kind.id_field)) is record

    def test_the_flat_table_has_a_row_a_record(self, kind: RecordKind, data: eca.Dataset) -> None:
        assert len(TABLES[kind.name].rows(data)) == len(data.records(kind.name))

    def test_the_exports_carry_it(self, kind: RecordKind, files: dict[str, dict[str, str]]) -> None:
        assert f"{kind.name}.csv" in files["csv"]
        resources = json.loads(files["datapackage"]["datapackage.json"])["resources"]
        assert kind.name in {resource["name"] for resource in resources}
        holders = kind.files or BY_NAME[kind.nested.parent].files  # type: ignore[union-attr]
        for name, _ in holders:
            assert name in files["json"]
            assert name in json.loads(files["schema"]["schema.json"])["properties"]

    def test_the_html_display_shows_it(self, kind: RecordKind, data: eca.Dataset) -> None:
        record = data.records(kind.name)[0]
        page: str = record._repr_html_()
        for field in attrs.fields(type(record)):
            assert f">{field.name}</th>" in page

    def test_the_catalogue_lists_it(self, kind: RecordKind, data: eca.Dataset, catalogue: str) -> None:
        first: Any = data.records(kind.name)[0]
        shown = (
            getattr(first, "name", None) or getattr(first, "title", None) or getattr(first, "number", None)
        )
        assert str(shown) in catalogue
