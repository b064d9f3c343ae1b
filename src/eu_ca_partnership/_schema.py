"""A JSON Schema of the data files, generated from the attrs records of the model.

The schema describes the data folder as one JSON object whose keys are the file names
(``"meta.json"``, ``"sources.json"``, ...) and whose values are the files' contents, so one
validation checks every file. It states what a single file may hold: field names and types,
required fields, enum values, patterns of ids, codes and dates, non-empty text and lists.
What needs several records at once (unique ids, references between files, periods that must
not overlap, a day that exists in its month) is checked by :func:`eu_ca_partnership.load`.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from ._dates import DAY_PATTERN, PARTIAL_DATE_PATTERN, PartialDate
from ._kinds import KINDS, META_CLASS, META_FILE

__all__ = ["json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _validator_keywords(validator: Any) -> tuple[dict[str, Any], list[str]]:
    """JSON Schema keywords for a field's rule (see :mod:`._rules`), and what the loader checks instead."""
    if validator is None:
        return {}, []
    keywords: dict[str, Any] = validator.json_schema()
    note = validator.loader_note
    return keywords, [note] if note else []


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "PartialDate": {
                "description": (PartialDate.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "),
                "type": "string",
                "pattern": f"^(?:{PARTIAL_DATE_PATTERN})$",
            },
            "Date": {
                "description": "A day, YYYY-MM-DD.",
                "type": "string",
                "format": "date",
                "pattern": f"^(?:{DAY_PATTERN})$",
            },
            "Decimal": {
                "description": "A decimal number written as a string, so that it is exact.",
                "type": "string",
                "pattern": r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$",
            },
        }

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            choices = [self.type_schema(arg) for arg in typing.get_args(hint)]
            return {"anyOf": choices}
        if hint is type(None):
            return {"type": "null"}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(typing.get_args(hint)[0])}
        simple = {str: "string", int: "integer", bool: "boolean"}
        if hint in simple:
            return {"type": simple[hint]}
        if hint is PartialDate:
            return self.ref("PartialDate")
        if hint is dt.date:
            return self.ref("Date")
        if hint is Decimal:
            return self.ref("Decimal")
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            if hint.__name__ not in self.defs:
                self.defs[hint.__name__] = {
                    "description": _first_paragraph(hint),
                    "type": "string",
                    "enum": [member.value for member in hint],
                }
            return self.ref(hint.__name__)
        if isinstance(hint, type) and attrs.has(hint):
            self.record(hint)
            return self.ref(hint.__name__)
        raise TypeError(f"the schema generator does not know the type {hint!r}")  # pragma: no cover

    def record(self, cls: type) -> None:
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # reserve the name: records may refer to each other
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        loader_checks: list[str] = []
        for attribute in attrs.fields(cls):
            schema = self.type_schema(hints[attribute.name])
            keywords, notes = _validator_keywords(attribute.validator)
            loader_checks += notes
            if keywords:
                schema = _constrain(schema, keywords)
            properties[attribute.name] = schema
            if attribute.default is attrs.NOTHING:
                required.append(attribute.name)
        description = _first_paragraph(cls)
        if loader_checks:
            description += " Not stated here: " + "; ".join(loader_checks) + "."
        self.defs[cls.__name__] = {
            "description": description,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def _first_paragraph(cls: type) -> str:
    return " ".join((cls.__doc__ or cls.__name__).strip().split("\n\n")[0].split())


def _constrain(schema: dict[str, Any], keywords: dict[str, Any]) -> dict[str, Any]:
    """Apply a field's rule to its type: to each choice but ``null`` in ``X | None``, to the items of a list."""
    if "anyOf" in schema:
        return {
            "anyOf": [
                choice if choice == {"type": "null"} else _constrain(choice, keywords)
                for choice in schema["anyOf"]
            ]
        }
    if "$ref" in schema:
        return {"allOf": [schema, keywords]}
    merged = dict(schema)
    for key, value in keywords.items():
        merged[key] = _constrain(schema["items"], value) if key == "items" else value
    return merged


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the data folder, generated from the model's records.

    The folder is one object: each key a file name, each value that file's contents.

    >>> import eu_ca_partnership as eca
    >>> schema = eca.json_schema()
    >>> schema["properties"]["countries.json"]
    {'type': 'array', 'items': {'$ref': '#/$defs/Country'}}
    >>> schema["$defs"]["Confidence"]["enum"]
    ['high', 'medium', 'low']
    """
    generator = _Generator()
    properties: dict[str, Any] = {META_FILE: generator.type_schema(META_CLASS)}
    for kind in KINDS:
        for name, cls in kind.files:
            properties[name] = {"type": "array", "items": generator.type_schema(cls)}
    return {
        "$schema": DIALECT,
        "title": "eu-ca-partnership data files",
        "description": (
            "The data folder of eu-ca-partnership as one object: each key is a file name, each value "
            "that file's contents. Generated from the package's attrs records. What needs several "
            "records at once (unique ids, references between files, periods that must not overlap, "
            "a day that exists in its month) is checked when the data is loaded, not here."
        ),
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
        "$defs": dict(sorted(generator.defs.items())),
    }
