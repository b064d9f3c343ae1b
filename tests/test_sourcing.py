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
from eu_ca_partnership._kinds import KINDS

#: The project's reference fact sheet and its founding document, kept with the tests (the team's
#: own verified notes: each fact with the URL it was read from), so the suite runs anywhere.
REFERENCE = Path(__file__).resolve().parent / "data" / "reference"
FACTS = REFERENCE / "facts.md"
SEED = REFERENCE

DATE_FIELDS = ("start", "end", "ended_by", "date", "in_place_by", "first_held", "launched", "expires")


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
    ("source above", "same article") within its section; the founding document for its id;
    and the excerpt the source record keeps of what was read (the verification trail)."""
    sections = _sections(FACTS.read_text("utf-8"))
    passages: dict[str, list[str]] = {}
    for source in eca.SOURCES:
        found = [source.title]  # what the source calls itself: an act's title carries its date
        found += [source.excerpt.replace("\u2013", "-")] if source.excerpt else []
        for section in sections:
            if any(source.url in block for block in section):
                found += [b for b in section if source.url in b or re.search(r"\babove\b|same article", b)]
        passages[source.id] = found
    passages["founding-factsheet"] = [path.read_text("utf-8") for path in SEED.glob("*.txt")]
    return passages


#: Month names in the other languages of the sources (Russian and Bulgarian as dates write them;
#: Slovenian; Danish, Dutch and Swedish share most of the German or English forms, matched without case).
OTHER_MONTHS = {
    1: (
        "januarja",
        "января",
        "януари",
        "janvier",
        "Januar",
        "enero",
        "gennaio",
        "stycznia",
        "januari",
        "Ιανουαρίου",
    ),
    2: (
        "februarja",
        "февраля",
        "февруари",
        "février",
        "Februar",
        "febrero",
        "febbraio",
        "lutego",
        "februari",
        "Φεβρουαρίου",
    ),
    3: ("marca", "марта", "март", "mars", "März", "marzo", "marca", "maart", "Μαρτίου"),
    4: ("aprila", "апреля", "април", "avril", "abril", "aprile", "kwietnia", "Απριλίου"),
    5: ("maja", "мая", "май", "mai", "mayo", "maggio", "maja", "mei", "maj", "Μαΐου"),
    6: ("junija", "июня", "юни", "juin", "Juni", "junio", "giugno", "czerwca", "Ιουνίου"),
    7: ("julija", "июля", "юли", "juillet", "Juli", "julio", "luglio", "lipca", "Ιουλίου"),
    8: ("avgusta", "августа", "август", "août", "agosto", "sierpnia", "augusti", "Αυγούστου"),
    9: (
        "septembra",
        "сентября",
        "септември",
        "septembre",
        "septiembre",
        "settembre",
        "września",
        "Σεπτεμβρίου",
    ),
    10: (
        "oktobra",
        "октября",
        "октомври",
        "octobre",
        "Oktober",
        "octubre",
        "ottobre",
        "października",
        "Οκτωβρίου",
    ),
    11: ("novembra", "ноября", "ноември", "novembre", "noviembre", "listopada", "Νοεμβρίου"),
    12: (
        "decembra",
        "декабря",
        "декември",
        "décembre",
        "Dezember",
        "diciembre",
        "dicembre",
        "grudnia",
        "Δεκεμβρίου",
    ),
}


def _month_names(month: int) -> str:
    names = {calendar.month_name[month], calendar.month_abbr[month], *OTHER_MONTHS[month]}
    if month == 9:
        names.add("Sept")
    return "|".join(sorted(names, key=len, reverse=True))


def spelt_out(date: eca.PartialDate, passage: str, published: eca.PartialDate | None = None) -> bool:
    """Whether ``passage`` states ``date`` at least as precisely as ``date`` claims.

    ``published`` is the date the source shows for itself: it dates the passage, so it gives the
    year of a day written without one ("on May 9"), and it is itself the day of what the source
    reports as done that day (an adopted text's date, "today").
    """
    if published is not None and (
        published == date
        or (
            published.month is not None
            and date.day is None
            and (published.year, published.month) == (date.year, date.month)
        )
    ):
        return True  # the source is dated that day, or that month for a month: "held this month"
    dated_by_source = published is not None and published.year == date.year
    if not re.search(rf"\b{date.year}\b", passage) and not dated_by_source:
        return False
    if date.month is None:
        return True
    months = f"(?i:{_month_names(date.month)})"
    if date.day is None:
        return bool(
            re.search(rf"\b(?:{months})\b", passage)
            or f"{date.year}-{date.month:02d}" in passage
            or re.search(rf"\b0?{date.month}[./]{date.year}\b", passage)  # 03.2008
        )
    day, mm = date.day, f"{date.month:02d}"
    and_ = r"(?:-|&|and|und|et|y|e|и)"
    suffix = r"(?:st|nd|rd|th|ης|\.)?"
    written = [
        rf"\b0?{day}{suffix}(?:\s*{and_}\s*\d{{1,2}}\.?)?\s+(?:{months})(?!\w)",  # 5 July, 9. und 10. April
        rf"\b\d{{1,2}}\.?\s*{and_}\s*0?{day}{suffix}\s+(?:{months})(?!\w)",  # the end of a range: 6 in 5-6 July
        rf"\b(?:{months})\.?\s+0?{day}{suffix}\b",  # Oct. 9, July 24th
        rf"\b(?:{months})\.?\s+\d{{1,2}}\s*-\s*0?{day}\b",  # the end of a range: 30 in March 24-30
        rf"\b0?{day}[./]0?{date.month}[./]{date.year}\b",  # 15.09.2022, 24/06/2019, 4.7.2023
        rf"\b0?{date.month}/0?{day}/{date.year}\b",  # 3/31/1992 (a US text)
        rf"\b{date.year}[-/]{mm}[-/]{day:02d}\b",  # 2014-10-23, 2014/10/23
    ]
    return any(re.search(pattern, passage) for pattern in written)


def _every_record(data: eca.Dataset) -> Iterator[tuple[str, Any]]:
    """Every record of every kind of the registry, with its kind's name."""
    for kind in KINDS:
        for record in data.records(kind.name):
            yield kind.name, record


def _dated_records(data: eca.Dataset) -> Iterator[tuple[str, Any]]:
    """The records with a date field, of every kind."""
    for name, record in _every_record(data):
        if any(field.name in DATE_FIELDS for field in attrs.fields(type(record))):
            yield name, record


def _derived(record: Any, field: str) -> bool:
    """Dates the data derives say so: in a field note, or flagged inferred (its note gives the reasoning)."""
    inferred = (field == "date" and getattr(record, "date_inferred", False)) or (
        field == "start" and getattr(record, "year_inferred", False)
    )
    return inferred or any(
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


PASSAGES = _passages()


@pytest.mark.parametrize(("label", "field", "record"), _cases(), ids=[c[0] for c in _cases()])
def test_no_date_is_more_precise_than_its_sources(label: str, field: str, record: Any) -> None:
    date: eca.PartialDate = getattr(record, field)
    if _derived(record, field):
        return
    cited = [s.id for s in eca.sources_of(record)]
    found_outside = [s for s in cited if not PASSAGES.get(s) and eca.source(s).note]
    passages = [
        (passage, eca.source(source_id).published)
        for source_id in cited
        for passage in PASSAGES.get(source_id, [])
    ]
    if not passages and found_outside:
        return  # every source was found outside the fact sheet; its note says where
    assert any(spelt_out(date, passage, published) for passage, published in passages), (
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
    assert spelt_out(eca.PartialDate(2008, 4, 10), "am 9. und 10. April 2008 in Ashgabat")
    assert spelt_out(eca.PartialDate(2020, 10, 8), "7 и 8 октября 2020 года")
    assert spelt_out(eca.PartialDate(2022, 3, 30), "On March 24-30, 2022, the mission")
    assert not spelt_out(eca.PartialDate(2022, 3, 31), "On March 24-30, 2022, the mission")
    assert spelt_out(eca.PartialDate(2013, 7, 24), "took place on July 24th", eca.PartialDate(2013, 8))
    assert not spelt_out(eca.PartialDate(2013, 7, 24), "took place on July 24th")  # which year?
    assert spelt_out(eca.PartialDate(2021, 2, 11), "an adopted text", eca.PartialDate(2021, 2, 11))
    assert spelt_out(eca.PartialDate(2015, 9), "came to take part", eca.PartialDate(2015, 9, 25))
    assert not spelt_out(eca.PartialDate(2015, 9, 24), "came to take part", eca.PartialDate(2015, 9, 25))
    assert not spelt_out(eca.PartialDate(2015, 8), "came to take part", eca.PartialDate(2015, 9, 25))
    assert spelt_out(eca.PartialDate(2008, 3), "Minimum Age Convention (C138) - 03.2008")
    assert spelt_out(eca.PartialDate(1992, 3, 31), "ILO Convention 138:3/31/1992")
    assert spelt_out(
        eca.PartialDate(2025, 12, 1), "На 1 декември в европейската столица", eca.PartialDate(2025, 12, 2)
    )
    assert spelt_out(eca.PartialDate(2009, 11, 17), "afgørelse af 17. november 2009")
    assert spelt_out(eca.PartialDate(2018, 5, 11), "PCC in Astana on 10&11 May 2018")
    assert not spelt_out(eca.PartialDate(2008, 4), "Minimum Age Convention (C138) - 03.2008")


def test_every_source_is_cited_by_some_record(data: eca.Dataset) -> None:
    cited = {
        s.id for name, record in _every_record(data) if name != "sources" for s in data.sources_of(record)
    }
    assert {s.id for s in data.sources} - cited == set()


def test_every_source_outside_the_fact_sheet_says_when_it_was_read_and_what_it_says(
    data: eca.Dataset,
) -> None:
    """The verification trail: the day a source was checked, and the passage the records rely on."""
    facts = FACTS.read_text("utf-8")
    for source in data.sources:
        if source.url not in facts and source.id != "founding-factsheet":
            assert source.checked is not None, source.id
            assert source.excerpt or source.note, source.id


def _inferred(record: Any) -> list[str]:
    """The date fields a record flags as inferred (an event's date, a round's start) and holds to the
    month or the day: for a year alone, any mention of the year would match, so nothing can be told."""
    return [
        field
        for field, flag in (("date", "date_inferred"), ("start", "year_inferred"))
        if getattr(record, flag, False) and getattr(record, field).month is not None
    ]


@pytest.mark.parametrize(
    ("label", "field", "record"),
    [
        (f"{name}:{record.id}:{field}", field, record)
        for name, record in _dated_records(eca.default_dataset())
        for field in _inferred(record)
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_flag_never_contradicts_its_value(label: str, field: str, record: Any) -> None:
    """A date flagged as inferred is one no cited source spells out, year included: where one
    does, the flag is wrong (the audit found a round held to the day that still carried it)."""
    date: eca.PartialDate = getattr(record, field)
    passages = [text for source in eca.sources_of(record) for text in (source.title, source.excerpt or "")]
    stated = [
        window
        for passage in passages
        for window in _near_the_year(passage, date.year)
        if spelt_out(date, window)
    ]
    assert not stated, f"{label} = {date} is flagged inferred, but a cited source states it: {stated[0]!r}"


def _near_the_year(passage: str, year: int) -> Iterator[str]:
    """The text around each mention of ``year`` in a passage (where a date would be written with it),
    leaving out the fact sheet's own inferences ("[2022, inferred: ...]")."""
    for found in re.finditer(rf"\b{year}\b", passage):
        window = passage[max(0, found.start() - 40) : found.end() + 40]
        if "infer" not in window.lower():
            yield window
