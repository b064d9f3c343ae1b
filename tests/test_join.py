"""The example tables of docs/howto/join.md (tests/data/) still join: one row per country.

Their numbers are made up (see tests/data/README.md); only their keys, ISO 3166-1 alpha-3 codes
and Wikidata QIDs, are real, and they must keep matching the countries of the dataset.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import eu_ca_partnership as eca

TABLES = Path(__file__).resolve().parent / "data"
#: Each example table and the country attribute its key column holds.
KEYS = {
    "example-survey-alpha3.csv": "alpha_3",
    "example-interviews-qid.csv": "qid",
}


def read(name: str) -> list[dict[str, str]]:
    with (TABLES / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_every_example_table_is_tested() -> None:
    assert sorted(path.name for path in TABLES.glob("*.csv")) == sorted(KEYS)


@pytest.mark.parametrize(("name", "key"), KEYS.items())
def test_every_row_finds_its_country_and_each_country_has_one_row(name: str, key: str) -> None:
    rows = read(name)
    countries = [eca.country(row[key]) for row in rows]  # UnknownCountryError if a key matches none
    # the key is the country's own value of that attribute, not a name or code that happens to match
    assert [row[key] for row in rows] == [getattr(country, key) for country in countries]
    assert sorted(country.alpha_2 for country in countries) == sorted(c.alpha_2 for c in eca.COUNTRIES)


@pytest.mark.parametrize("name", KEYS)
def test_example_values_are_counts(name: str) -> None:
    """The one example column holds whole numbers, as the page's sums and merges expect."""
    for row in read(name):
        (value,) = (v for column, v in row.items() if column != KEYS[name])
        assert value.isdigit()
