"""pandas DataFrames of the dataset's tables (the optional extra ``pandas``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ._answers import Answer
from ._optional import require

if TYPE_CHECKING:
    import pandas

    from ._dataset import Dataset
    from ._tables import TableSpec

__all__ = ["to_dataframe"]

#: The pandas dtype of each column type of :mod:`._tables`; lists, JSON and decimals stay objects.
DTYPES = {
    "string": "string",
    "integer": "Int64",
    "boolean": "boolean",
    "date": "datetime64[s]",
    "number": "object",
    "list": "object",
    "array": "object",
}


def to_dataframe(table: str | Iterable[Any], *, data: Dataset | None = None) -> pandas.DataFrame:
    """One table of the dataset, or some of its records, as a :class:`pandas.DataFrame`.

    ``table`` is the name of a kind of record (``"participations"``; every name is a key of
    :meth:`Dataset.records`'s kinds, listed in the data catalogue) or records of one kind,
    such as the answer of ``instruments_for``. ``data`` defaults to the bundled dataset.

    One row per record, one column per value, in the records' order:

    - text and enum values (``"trade-preference"``) are ``string`` columns (``<NA>`` when missing);
    - a partial date ``x`` is a ``string`` column as precise as its source (``"2024-09"``), with
      ``x_earliest`` and ``x_latest`` as ``datetime64[s]`` columns: the first and last day it may
      denote (``NaT`` when missing);
    - an amount ``x`` is ``x_amount`` (:class:`~decimal.Decimal` objects, never floats) and
      ``x_currency``;
    - integers are ``Int64`` and flags ``boolean`` (nullable);
    - tuples of ids, codes or values are Python lists (``df.explode("sources")`` gives one row
      per source); ``field_notes`` are lists of dicts, as in the JSON data files.

    The frame of an :class:`~eu_ca_partnership.Answer` keeps what it is about in ``attrs``: ``on``
    and ``data_as_of`` (dates), ``unverified``, and ``doubts`` (a list of dicts: ``record``,
    ``why``, ``country``, ``instrument``).

    Needs pandas: ``pip install ".[pandas]"`` from a checkout (``"eu-ca-partnership[pandas]"`` once
    released); without it this raises
    :class:`~eu_ca_partnership.exceptions.MissingExtraError`, an :class:`ImportError`.
    """
    pd = require("pandas", extra="pandas", feature="to_dataframe()")
    from ._tables import spec_for_records, table_spec

    if data is None:
        from ._bundled import default_dataset

        data = default_dataset()
    spec: TableSpec | None
    if isinstance(table, str):
        spec = table_spec(table)
        rows = spec.rows(data)
    elif isinstance(table, Iterable) and not isinstance(table, bytes | bytearray):
        spec, rows = spec_for_records(table, data)
    else:
        raise TypeError(
            f"a table must be a table name (a str) or an iterable of records, got {type(table).__name__}"
        )
    columns = {
        column.name: pd.Series([column.get(row) for row in rows], dtype=DTYPES[column.type])
        for column in (spec.columns if spec is not None else ())
    }
    frame: pandas.DataFrame = pd.DataFrame(columns)
    if isinstance(table, Answer):
        frame.attrs.update(
            on=table.on,
            data_as_of=table.data_as_of,
            unverified=table.unverified,
            doubts=[attrs.asdict(doubt) for doubt in table.doubts],
        )
    return frame
