"""The one value renderer: a record's value as a cell of text, HTML or CSV.

Every place that shows a value (``eu-ca``, the HTML display, the CSV export, the flat
tables) renders it here, so an enum, a partial date or a missing value reads the same
everywhere: an enum as its value (``trade-preference``), a date as precise as its source
(``2024-09``), a missing value as an empty cell, never a guess.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Literal

import attrs

from ._dates import PartialDate

Style = Literal["text", "html", "csv"]


def nested_records(value: Any) -> bool:
    """Whether a field's value is records held inside a record (field notes, editions, names).

    >>> import eu_ca_partnership as eca
    >>> nested_records(eca.KAZAKHSTAN.names), nested_records(eca.KAZAKHSTAN.sources), nested_records(())
    (True, False, False)
    """
    return isinstance(value, tuple) and bool(value) and attrs.has(type(value[0]))


def plain(value: Any) -> Any:
    """A value as plain data for a table column: enums as values, partial dates as text,
    tuples as lists, records (field notes, claims) in the JSON form of the data files.

    >>> plain((PartialDate(2024, 9), None))
    ['2024-09', None]
    """
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if attrs.has(type(value)):
        from ._codec import unstructure  # only field notes and claims need the codec

        return unstructure(value)
    return value


def cell(value: Any, style: Style = "text") -> str:
    """One value as a cell: empty when missing; ``yes``/``no`` (``true``/``false`` in CSV); lists
    joined by ``", "`` (by ``";"`` in CSV); records and mappings as JSON in CSV; HTML escaped.

    >>> cell((True, PartialDate(2024, 9), None)), cell([1.5, "a"], "csv"), cell("<b>", "html")
    ('yes, 2024-09, ', '1.5;a', '&lt;b&gt;')
    >>> cell({"field": "end"}, "csv"), cell([{"field": "end"}], "csv")
    ('{"field":"end"}', '[{"field":"end"}]')
    """
    shown = _text(value, style)
    if style != "html":
        return shown
    from html import escape  # only the HTML display needs it (html.entities costs a terminal 1.5 ms)

    return escape(shown, quote=True)


def _text(value: Any, style: Style) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        if style == "csv":
            return "true" if value else "false"
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, PartialDate | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal) and style == "csv":
        return format(value, "f")
    if style == "csv" and (isinstance(value, dict) or attrs.has(type(value))):
        return _json(value)
    if isinstance(value, tuple | list):
        if style == "csv" and any(isinstance(item, dict) or attrs.has(type(item)) for item in value):
            return _json(value)
        return (";" if style == "csv" else ", ").join(_text(item, style) for item in value)
    return str(value)


def _json(value: Any) -> str:
    import json  # only a CSV cell of records needs it

    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))
