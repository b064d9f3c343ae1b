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

from . import _model
from ._dates import PartialDate
from ._tables import PARTIAL_DATE_PATTERN

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The validators of the model, as JSON Schema keywords (a field's own validators only).
_TEXT = {"type": "string", "minLength": 1, "pattern": r"^\S(?:[\s\S]*\S)?$"}
_SLUG = {"type": "string", "pattern": rf"^(?:{_model._SLUG})$"}
_KNOWN_FUNCTIONS: dict[Any, dict[str, Any]] = {
    _model._text: _TEXT,
    _model._optional_text: _TEXT,
    _model._cited: {"type": "array", "items": _SLUG, "minItems": 1, "uniqueItems": True},
}
#: Validators the schema leaves to the loader, with the reason.
_LEFT_TO_THE_LOADER = {"Money._positive": "an amount must be positive (checked when the data is loaded)"}


def _validator_keywords(validator: Any) -> tuple[dict[str, Any], list[str]]:
    """JSON Schema keywords for an attrs validator, and notes on what the loader checks instead."""
    if validator is None:
        return {}, []
    inner = getattr(validator, "_validators", None)  # attrs.validators.and_
    if inner is not None:
        keywords: dict[str, Any] = {}
        notes: list[str] = []
        for each in inner:
            more, more_notes = _validator_keywords(each)
            keywords.update(more)
            notes += more_notes
        return keywords, notes
    if isinstance(validator, types.FunctionType) and validator in _KNOWN_FUNCTIONS:
        return dict(_KNOWN_FUNCTIONS[validator]), []
    name = type(validator).__name__
    if name == "_MatchesReValidator":
        return {"pattern": f"^(?:{validator.pattern.pattern})$"}, []
    if name == "_MinLengthValidator":
        return {"minItems": validator.min_length}, []
    if name == "_NumberValidator" and validator.compare_op in (">=", "<="):
        return {"minimum" if validator.compare_op == ">=" else "maximum": validator.bound}, []
    if name == "_InstanceOfValidator":
        return {}, []
    qualname = getattr(validator, "__qualname__", name)
    if qualname in _LEFT_TO_THE_LOADER:
        return {}, [_LEFT_TO_THE_LOADER[qualname]]
    raise TypeError(f"the schema generator does not know the validator {qualname}")  # pragma: no cover


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "PartialDate": {
                "description": (PartialDate.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "),
                "type": "string",
                "pattern": f"^{PARTIAL_DATE_PATTERN}$",
            },
            "Date": {
                "description": "A day, YYYY-MM-DD.",
                "type": "string",
                "format": "date",
                "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
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
    """Apply a field's validator keywords to its type, leaving ``null`` alone in ``X | None``."""
    if "anyOf" in schema:
        return {
            "anyOf": [
                choice if choice == {"type": "null"} else _constrain(choice, keywords)
                for choice in schema["anyOf"]
            ]
        }
    if schema.get("type") == "array" and keywords.get("type") == "array":
        return {**schema, **keywords}
    if schema.get("type") == "array" and "pattern" in keywords:
        return {**schema, "items": _constrain(schema["items"], keywords)}
    if "$ref" in schema:
        return {"allOf": [schema, keywords]}
    return {**schema, **keywords}


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
    from ._loader import META_FILE, TABLES

    generator = _Generator()
    properties: dict[str, Any] = {META_FILE: generator.type_schema(_model.Meta)}
    for name, cls in TABLES.items():
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
