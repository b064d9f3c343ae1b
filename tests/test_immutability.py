"""Nothing a user can reach from the public API can be changed."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, MutableMapping
from decimal import Decimal
from typing import Any

import attrs
import pytest

import eu_ca_partnership as eca

ATOMS = (str, int, bool, Decimal, dt.date, enum.Enum, type(None))


def _reachable(value: Any, seen: set[int]) -> list[Any]:
    if id(value) in seen or isinstance(value, ATOMS):
        return []
    seen.add(id(value))
    found = [value]
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            found += _reachable(getattr(value, field.name), seen)
    elif isinstance(value, tuple | frozenset):
        for item in value:
            found += _reachable(item, seen)
    elif hasattr(value, "items"):  # the dataset's read-only indexes, and its records by kind
        for key, item in value.items():
            found += _reachable(key, seen) + _reachable(item, seen)
    return found


def everything() -> list[Any]:
    roots = [getattr(eca, name) for name in eca.__all__ if name.isupper()] + [eca.default_dataset()]
    seen: set[int] = set()
    return [item for root in roots for item in _reachable(root, seen)]


def _read_only_mapping(item: Any) -> bool:
    return isinstance(item, Mapping) and not isinstance(item, MutableMapping)


def test_only_immutable_containers_are_reachable() -> None:
    for item in everything():
        assert attrs.has(type(item)) or isinstance(item, tuple | frozenset) or _read_only_mapping(item), type(
            item
        )


def test_no_record_field_can_be_set_or_deleted() -> None:
    records = [item for item in everything() if attrs.has(type(item))]
    assert len(records) > 100
    for record in records:
        name = attrs.fields(type(record))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, name, None)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(record, name)
        with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
            record.new_attribute = 1


def test_indexes_cannot_be_written() -> None:
    mappings = [item for item in everything() if _read_only_mapping(item)]
    assert {type(item).__name__ for item in mappings} == {"mappingproxy", "Records"}
    for mapping in mappings:
        with pytest.raises(TypeError):
            mapping["x"] = 1
        with pytest.raises((TypeError, AttributeError)):
            mapping.x = 1


def test_returned_collections_do_not_leak_state() -> None:
    answer = eca.instruments_for("Tajikistan")
    assert isinstance(answer, tuple)
    again = list(answer)
    again.clear()
    assert eca.instruments_for("Tajikistan") == answer
    assert isinstance(eca.countries_with("gsp"), tuple)
    assert isinstance(eca.participations("KG"), tuple)
