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
from eu_ca_partnership._kinds import BY_NAME, KINDS, RecordKind, record_name
from eu_ca_partnership._tables import TABLES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def files(data: eca.Dataset) -> dict[str, dict[str, str]]:
    return {name: fmt.files(data) for name, fmt in FORMATS.items()}


@pytest.fixture(scope="module")
def catalogue(data: eca.Dataset) -> tuple[str, dict[int, tuple[str, str]]]:
    """The catalogue's pages as one text, and the label and title it gives each record."""
    if not (DOCS / "_ext" / "catalogue.py").is_file():
        pytest.skip("the docs are not beside these tests (tests run against an installed wheel)")
    spec = importlib.util.spec_from_file_location("docs_catalogue", DOCS / "_ext" / "catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return "\n".join(module.render(data).values()), module._Catalogue(data).labels


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
class TestEveryKind:
    def test_the_data_holds_some_and_records_gives_them(self, kind: RecordKind, data: eca.Dataset) -> None:
        records = data.records(kind.name)
        assert records
        assert all(type(record) in kind.classes for record in records)
        assert set(records) <= set(data.records())

    def test_an_id_finds_its_record_and_names_it(self, kind: RecordKind, data: eca.Dataset) -> None:
        """What names a record in messages and in ``eu-ca show``: its id, or its repr without one."""
        for record in data.records(kind.name):
            if kind.id_field is None:
                assert record_name(record) == repr(record)
                continue
            assert data.record(getattr(record, kind.id_field)) is record
            assert record_name(record) == str(getattr(record, kind.id_field))

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

    def test_the_catalogue_has_an_entry_for_each_record(
        self, kind: RecordKind, data: eca.Dataset, catalogue: tuple[str, dict[int, tuple[str, str]]]
    ) -> None:
        text, labels = catalogue
        for record in data.records(kind.name):
            if kind.nested is not None and id(record) not in labels:  # a row of its parent's entry
                shown: Any = getattr(record, "name", None) or getattr(record, "number", None)
                assert shown is not None
                assert str(shown) in text, (kind.name, shown)
                continue
            if id(record) in labels:
                label, title = labels[id(record)]
                assert title in text or title.replace("*", "\\*") in text, (kind.name, title)
            else:  # a kind with a page of its own, under its id (sources)
                assert kind.id_field is not None
                label = f"catalogue-{kind.singular}-{getattr(record, kind.id_field)}".lower()
            assert f"({label})=" in text, (kind.name, label)

    def test_its_classes_live_in_the_module_its_row_declares(self, kind: RecordKind) -> None:
        for cls in kind.classes:
            assert cls.__module__ == f"eu_ca_partnership.{kind.module}"


def test_a_first_answers_modules_never_import_a_deferred_kinds_module() -> None:
    """Deferral is the registry's word: importing every module of the kinds a first answer needs
    (and the registry itself) imports no module of a deferred kind."""
    from processes import in_fresh_interpreter

    first = sorted({kind.module for kind in KINDS if not kind.deferred})
    deferred = sorted({kind.module for kind in KINDS if kind.deferred} - set(first))
    assert deferred
    out = in_fresh_interpreter(
        "import importlib, sys\n"
        f"for name in {[*first, '_kinds']!r}: importlib.import_module('eu_ca_partnership.' + name)\n"
        f"print(sorted(m for m in {deferred!r} if 'eu_ca_partnership.' + m in sys.modules))"
    )
    assert out == "[]"
