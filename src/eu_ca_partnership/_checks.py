"""The rules that span several records of one kind: the domain's checks, which the registry names.

A check is given the located rows of its kind, every kind's records by id, and the dataset's
meta, and yields one message per problem, ``"<file>: <message> @ <path>"`` (see :data:`Check`).
The loader runs them; a row of :data:`._kinds.KINDS` lists those of its kind.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from ._model import Country, Facility, Forum, Kind, Meta, Participation
from ._names import normalise

__all__: list[str] = []


class Located(NamedTuple):
    """A record as read: its file, its JSON path, and (for a nested record) the record holding it."""

    file: str
    path: str
    record: Any
    parent: Any = None


#: A check over the records of one kind: their located rows, every kind's records by id, and the
#: dataset's meta. It yields one message per problem, ``"<file>: <message> @ <path>"``.
Check = Callable[[list[Located], Mapping[str, Mapping[str, Any]], Meta], Iterator[str]]


def files_match_kinds(rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta) -> Iterator[str]:
    """A forum is in forums.json with the kind ``forum``; a facility likewise."""
    expected = {Forum: Kind.FORUM, Facility: Kind.FACILITY}
    for row in rows:
        kind = expected.get(type(row.record))
        if kind is not None and row.record.kind is not kind:
            yield f"{row.file}: kind must be {kind.value!r} here @ {row.path}.kind"


def names_point_at_one_country(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """Every name, alias and code points at one country only (a lookup would be ambiguous)."""
    owner: dict[str, str] = {}
    for row in rows:
        country: Country = row.record
        for key in sorted({normalise(text) for text in country.spellings()}):
            if owner.setdefault(key, country.alpha_2) != country.alpha_2:
                yield (
                    f"{row.file}: name or code {key!r} is used by {owner[key]} "
                    f"and {country.alpha_2} @ {row.path}"
                )


#: A country holds at most one of these at a time: one GSP arrangement, one agreement in force.
EXCLUSIVE_KINDS = (Kind.TRADE_PREFERENCE, Kind.AGREEMENT)


def _possible_days(row: Participation, data_as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a participation may have held, reading its dates as widely as they allow."""
    first = row.start.earliest() if row.start is not None else dt.date.min
    if row.end is not None:
        last = row.end.latest()
    else:
        last = dt.date.max if row.ongoing else data_as_of - dt.timedelta(days=1)
    return first, last


def exclusive_periods_apart(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """Two periods of one country in an exclusive kind of instrument must be certainly apart."""
    seen: defaultdict[tuple[str, Kind], list[tuple[Located, Participation]]] = defaultdict(list)
    for row in rows:
        period: Participation = row.record
        instrument = ids["instruments"].get(period.instrument)
        if instrument is None or instrument.kind not in EXCLUSIVE_KINDS:
            continue
        first, last = _possible_days(period, meta.data_as_of)
        earlier = seen[period.country, instrument.kind]
        for other_row, other in earlier:
            other_first, other_last = _possible_days(other, meta.data_as_of)
            if first <= other_last and other_first <= last:
                yield (
                    f"{row.file}: {period.id!r} may overlap {other.id!r} (at {other_row.path}); "
                    f"a country holds one {instrument.kind.value} at a time @ {row.path}"
                )
        earlier.append((row, period))


def edition_numbers_ascend(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """Within one forum, edition numbers are unique and ascending."""
    by_forum: defaultdict[int, list[Located]] = defaultdict(list)
    for row in rows:
        by_forum[id(row.parent)].append(row)
    for editions in by_forum.values():
        numbers = [row.record.number for row in editions]
        if numbers != sorted(set(numbers)):
            where = editions[0].path.rsplit("[", 1)[0]
            yield f"{editions[0].file}: edition numbers must be unique and ascending @ {where}"


def annex_numbers_unique(
    rows: list[Located], ids: Mapping[str, Mapping[str, Any]], meta: Meta
) -> Iterator[str]:
    """Each convention has its own number in Annex VIII, and each part's numbers follow on (A: 1-15, B: 16-27)."""
    seen: dict[int, str] = {}
    for row in rows:
        number, part = row.record.annex_number, row.record.annex_part
        if number in seen:
            yield f"{row.file}: annex number {number} is also {seen[number]!r}'s @ {row.path}.annex_number"
        seen[number] = row.record.id
        if (part == "A") != (number <= ANNEX_PART_A_LAST):
            yield f"{row.file}: number {number} is not in part {part} of Annex VIII @ {row.path}.annex_part"


#: The last number of part A of Annex VIII of Regulation (EU) No 978/2012 (part B holds 16-27).
ANNEX_PART_A_LAST = 15
