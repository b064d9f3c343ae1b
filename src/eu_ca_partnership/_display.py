"""HTML for Jupyter: a record as a table of its fields, records as a table of rows.

Sources are shown as links to their URLs, resolved in the dataset given (without one, a source
is shown by its id). Nothing is shown that the records do not hold: a missing value is an empty
cell, never a guess. The module that loads the bundled dataset gives every record class its
``_repr_html_`` and :func:`eu_ca_partnership.table` its default dataset.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, overload

import attrs

from ._answers import Answer
from ._dates import PartialDate
from ._render import cell, nested_records

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["Table"]

_STYLE = "text-align:left;vertical-align:top"
#: Long prose a table of many records leaves out, as it leaves out nested records; a record's own view shows them.
LONG_FIELDS = frozenset({"description", "note", "objectives", "participants"})


def _escape(value: object) -> str:
    return cell(str(value), "html")


def _link(url: str, text: str, title: str | None = None) -> str:
    shown = f' title="{_escape(title)}"' if title else ""
    return f'<a href="{_escape(url)}"{shown} target="_blank" rel="noopener noreferrer">{_escape(text)}</a>'


def _source_links(ids: Iterable[str], data: Dataset | None) -> str:
    from .exceptions import UnknownRecordError

    links = []
    for source_id in ids:
        try:
            source = None if data is None else data.source(source_id)
        except UnknownRecordError:
            source = None
        # a source not in the dataset (or no dataset to look in): the id, without a link
        links.append(_escape(source_id) if source is None else _link(source.url, source_id, source.title))
    return ", ".join(links)


def _value_html(name: str, value: Any, data: Dataset | None) -> str:
    if name == "sources" and isinstance(value, tuple):
        return _source_links(value, data)
    if name == "url" and isinstance(value, str) and value.startswith(("http://", "https://")):
        return _link(value, value)
    if isinstance(value, PartialDate) and value.precision != "day":
        span = f"{value.earliest().isoformat()} to {value.latest().isoformat()}"
        return f'<span title="{span}">{value}</span>'
    if nested_records(value):
        if name == "field_notes":
            return _notes_html(value, data)
        return records_html(value, data=data)
    return cell(value, "html")


def _notes_html(notes: tuple[Any, ...], data: Dataset | None) -> str:
    """Field notes as a list: the field, the note, its confidence and sources, and competing claims."""
    items = []
    for note in notes:
        about = []
        if note.confidence is not None:
            about.append(_escape(note.confidence.value))
        if note.sources:
            about.append(_source_links(note.sources, data))
        text = f"<b>{_escape(note.field)}</b>: {_escape(note.note)}"
        if about:
            text += f" ({'; '.join(about)})"
        if note.claims:
            claims = "".join(
                f"<li>{_escape(claim.value)} ({_escape(claim.confidence.value)}; "
                f"{_source_links(claim.sources, data)})"
                + (f" {_escape(claim.note)}" if claim.note else "")
                + "</li>"
                for claim in note.claims
            )
            text += f"<ul>{claims}</ul>"
        items.append(f"<li>{text}</li>")
    return f"<ul style='margin:0;padding-left:1.2em'>{''.join(items)}</ul>"


def record_html(record: Any, *, data: Dataset | None = None) -> str:
    """A record as an HTML table: one row per field, sources as links resolved in ``data``.

    >>> import eu_ca_partnership as eca
    >>> page = record_html(eca.GSP_PLUS, data=eca.default_dataset())
    >>> page.startswith('<table class="eu-ca-record">'), 'href="https://' in page
    (True, True)
    >>> 'href=' in record_html(eca.GSP_PLUS)  # no dataset to resolve the sources in: their ids
    False
    """
    if not attrs.has(type(record)):
        raise TypeError(f"a record to show must be a record of the dataset, got {type(record).__name__}")
    rows = "".join(
        f'<tr><th style="{_STYLE}">{_escape(field.name)}</th>'
        f'<td style="{_STYLE}">{_value_html(field.name, getattr(record, field.name), data)}</td></tr>'
        for field in attrs.fields(type(record))
    )
    caption = _escape(repr(record))
    return f'<table class="eu-ca-record"><caption>{caption}</caption><tbody>{rows}</tbody></table>'


def _columns(records: Iterable[Any]) -> list[str]:
    names: dict[str, None] = {}
    nested: set[str] = set()
    for record in records:
        fields = [f.name for f in attrs.fields(type(record)) if f.name not in LONG_FIELDS]
        names.update(dict.fromkeys(fields))
        nested.update(name for name in fields if nested_records(getattr(record, name)))
    return [name for name in names if name not in nested]


def records_html(records: Iterable[Any], *, data: Dataset | None = None) -> str:
    """Records as an HTML table: one row per record, one column per short field, sources as links."""
    rows = tuple(records)
    columns = _columns(rows)
    head = "".join(f'<th style="{_STYLE}">{_escape(name)}</th>' for name in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="{_STYLE}">{_value_html(name, getattr(row, name, None), data)}</td>'
            for name in columns
        )
        + "</tr>"
        for row in rows
    )
    return f'<table class="eu-ca-records"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def answer_html(answer: Any, *, data: Dataset | None = None) -> str:
    """An :class:`~eu_ca_partnership.Answer` as an HTML table, with its doubt and caveat under it."""
    caption = (
        f"{len(answer)} record(s) on {answer.on.isoformat()} (facts as of {answer.data_as_of.isoformat()})"
    )
    table = records_html(answer, data=data).replace(
        "<thead>", f"<caption>{_escape(caption)}</caption><thead>", 1
    )
    notes = "".join(f"<li>{_escape(note)}</li>" for note in answer.notes())
    return table + (f'<ul class="eu-ca-notes">{notes}</ul>' if notes else "")


@attrs.frozen
class Table:
    """Records shown as one table in Jupyter; otherwise a read-only sequence of the records.

    Made by :func:`eu_ca_partnership.table`. Iterating, indexing and ``len`` reach the records.
    """

    records: tuple[Any, ...]
    data: Dataset | None = attrs.field(default=None, repr=False, eq=False)
    answer: Any = attrs.field(default=None, repr=False, eq=False)
    """The :class:`~eu_ca_partnership.Answer` the records are, if they are one: the caption names
    its day and its notes (doubts, remarks, the caveat of a day after ``DATA_AS_OF``)."""

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.records)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Any, ...]: ...

    def __getitem__(self, index: int | slice) -> Any:
        return self.records[index]

    @property
    def caption(self) -> str:
        """What the table shows: how many records of which kinds; for an answer, its day and notes."""
        kinds = sorted({type(record).__name__ for record in self.records})
        caption = f"{len(self.records)} record(s)" + (f": {', '.join(kinds)}" if kinds else "")
        if self.answer is None:
            return caption
        caption += (
            f" on {self.answer.on.isoformat()} (facts checked {self.answer.data_as_of.isoformat()}; "
            "unverified after that)"
        )
        return "\n".join([caption, *(f"note: {note}" for note in self.answer.notes())])

    def _repr_html_(self) -> str:
        caption = "<br>".join(_escape(line) for line in self.caption.splitlines())
        table = records_html(self.records, data=self.data)
        return table.replace("<thead>", f"<caption>{caption}</caption><thead>", 1)


def make_table(records: Any, *, data: Dataset | None) -> Table:
    """Records (or one record) as a :class:`Table`, sources resolved in ``data``; see :func:`eu_ca_partnership.table`."""
    if isinstance(records, Table):
        return Table(records.records, data, records.answer)
    if attrs.has(type(records)) and type(records).__name__ != "Dataset":
        records = (records,)
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        raise TypeError(f"records must be a record or an iterable of records, got {type(records).__name__}")
    rows = tuple(records)
    for row in rows:
        if not attrs.has(type(row)):
            raise TypeError(f"each row must be a record of the dataset, got {type(row).__name__}")
    return Table(rows, data, records if isinstance(records, Answer) else None)
