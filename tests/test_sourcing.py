"""Data as data: no date is more precise than the sources it cites say.

For every dated field, some passage of the project's reference fact sheet (or of the founding
document) that cites one of the record's sources must spell the date out at that precision:
a day needs its day, month and year; a month its month and year; a year its year. Dates that
the data derives from another (marked "Derived:" in a field note) are exempt, and so are
records whose sources were found outside the fact sheet (their notes say so).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import eu_ca_partnership as eca

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT.parent / "shared" / "reference" / "facts.md"
SEED = ROOT.parent / "shared" / "seed"

pytestmark = pytest.mark.skipif(
    not FACTS.exists(), reason="the reference fact sheet is not beside this checkout"
)

DATE_FIELDS = ("start", "end", "ended_by", "date", "in_place_by", "first_held", "launched")


def _blocks(text: str) -> list[str]:
    """Paragraph-like passages: a top-level bullet with its sub-bullets, a table row, a heading."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        top_level = line.startswith(("- ", "|", "#")) or not line.strip()
        if top_level or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return ["\n".join(block).replace("\u2013", "-").replace("\u2014", "-") for block in blocks]


def _sections(text: str) -> list[list[str]]:
    sections: list[list[str]] = [[]]
    for block in _blocks(text):
        if block.startswith("#"):
            sections.append([])
        sections[-1].append(block)
    return sections


def _passages() -> dict[str, list[str]]:
    """For each source, the passages that cite it, including those that point back to it
    ("source above", "same article") within its section; the founding document for its id."""
    sections = _sections(FACTS.read_text("utf-8"))
    passages: dict[str, list[str]] = {}
    for source in eca.SOURCES:
        found = []
        for section in sections:
            if any(source.url in block for block in section):
                found += [b for b in section if source.url in b or re.search(r"\babove\b|same article", b)]
        passages[source.id] = found
    passages["founding-factsheet"] = [path.read_text("utf-8") for path in SEED.glob("*.txt")]
    return passages


def _month_names(month: int) -> str:
    names = {calendar.month_name[month], calendar.month_abbr[month]}
    if month == 9:
        names.add("Sept")
    return "|".join(sorted(names, key=len, reverse=True))


def spelt_out(date: eca.PartialDate, passage: str) -> bool:
    """Whether ``passage`` states ``date`` at least as precisely as ``date`` claims."""
    if not re.search(rf"\b{date.year}\b", passage):
        return False
    if date.month is None:
        return True
    months = _month_names(date.month)
    if date.day is None:
        return bool(re.search(rf"\b(?:{months})\b", passage) or f"{date.year}-{date.month:02d}" in passage)
    day, mm = date.day, f"{date.month:02d}"
    written = [
        rf"\b0?{day}(?:\s*(?:-|and)\s*\d{{1,2}})?\s+(?:{months})\b",  # 5 July, 5-6 July, 21 and 23 June
        rf"\b\d{{1,2}}\s*(?:-|and)\s*0?{day}\s+(?:{months})\b",  # the end of a range: 6 in 5-6 July
        rf"\b(?:{months})\.?\s+0?{day}\b",  # Oct. 9
        rf"\b0?{day}[./]0?{date.month}[./]{date.year}\b",  # 15.09.2022, 24/06/2019, 4.7.2023
        rf"\b{mm}/0?{day}/{date.year}\b",
        rf"\b{date.year}-{mm}-{day:02d}\b",
    ]
    return any(re.search(pattern, passage) for pattern in written)


def _dated_records(data: eca.Dataset) -> Iterator[tuple[str, Any]]:
    for name in ("instruments", "all_participations", "all_dialogue_rounds", "events", "envoys"):
        for record in getattr(data, name):
            yield name, record
    for edition in eca.CIVIL_SOCIETY_FORUM.editions:
        yield "forum editions", edition


def _derived(record: Any, field: str) -> bool:
    """Dates the data derives, and dates checked with the search tool, say so in a field note."""
    return any(
        note.field == field and (note.note.startswith("Derived") or "search tool" in note.note)
        for note in record.field_notes
    )


def _cases() -> list[tuple[str, str, Any]]:
    data = eca.default_dataset()
    cases = []
    for table, record in _dated_records(data):
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.name in DATE_FIELDS and isinstance(value, eca.PartialDate):
                label = f"{table}:{getattr(record, 'id', None) or getattr(record, 'number', '')}:{field.name}"
                cases.append((label, field.name, record))
    return cases


PASSAGES = _passages() if FACTS.exists() else {}


@pytest.mark.parametrize(("label", "field", "record"), _cases(), ids=[c[0] for c in _cases()])
def test_no_date_is_more_precise_than_its_sources(label: str, field: str, record: Any) -> None:
    date: eca.PartialDate = getattr(record, field)
    if _derived(record, field):
        return
    cited = [s.id for s in eca.sources_of(record)]
    found_outside = [s for s in cited if not PASSAGES.get(s) and eca.source(s).note]
    passages = [passage for source_id in cited for passage in PASSAGES.get(source_id, [])]
    if not passages and found_outside:
        return  # every source was found outside the fact sheet; its note says where
    assert any(spelt_out(date, passage) for passage in passages), (
        f"{label} = {date}: no passage citing {cited} states it at {date.precision} precision"
    )


def test_the_checker_refuses_added_precision() -> None:
    passage = "The Facility was launched in September 2024, per the founding page."
    assert spelt_out(eca.PartialDate(2024, 9), passage)
    assert spelt_out(eca.PartialDate(2024), passage)
    assert not spelt_out(eca.PartialDate(2024, 9, 1), passage)
    assert not spelt_out(eca.PartialDate(2024, 10), passage)
    assert spelt_out(eca.PartialDate(2019, 7, 6), "on 5-6 July 2019 in Bishkek")
    assert not spelt_out(eca.PartialDate(2019, 7, 7), "on 5-6 July 2019 in Bishkek")


def test_every_source_is_cited_by_some_record(data: eca.Dataset) -> None:
    cited = {s.id for _, record in _dated_records(data) for s in data.sources_of(record)}
    for record in (*data.countries, *data.topics, *data.mechanisms, *data.pillars, *data.challenges):
        cited.update(s.id for s in data.sources_of(record))
    assert {s.id for s in data.sources} - cited == set()


def test_every_source_outside_the_fact_sheet_says_where_it_came_from(data: eca.Dataset) -> None:
    facts = FACTS.read_text("utf-8")
    for source in data.sources:
        if source.url not in facts and source.id != "founding-factsheet":
            assert source.note is not None, source.id
            assert "search tool" in source.note, source.id
