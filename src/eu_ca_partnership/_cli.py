"""The ``eu-ca`` command: the library's questions at a terminal, as aligned text or ``--json``.

Every answer carries its doubt: under the text, a ``note:`` line for each record the sources
leave unsettled and for a day past ``DATA_AS_OF``; in ``--json``, an object whose shape
:data:`ANSWER_SCHEMA` publishes (``eu-ca schema --answer``).

Exit status (:data:`EXIT_STATUSES`): 0 for an answer, 1 for an unexpected failure (or a missing
optional package, or an answer that could not be written), 2 for a bad question (unknown country,
malformed date, ...), with one line on stderr; 3 for invalid data files, with every problem (at
most twenty, then how many more) on stderr, each naming its file and field.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from . import _dates, _version
from ._answers import Answer, UncertainAnswerWarning, UnverifiedAnswerWarning
from ._dataset import Dataset
from ._dates import PartialDate
from ._kinds import record_name
from ._model import Country, Instrument, Kind, Participation
from ._render import cell, nested_records
from .exceptions import DataError, MissingExtraError, PartnershipError, UnknownRecordError, quoted

if TYPE_CHECKING:
    from ._model_history import Completeness, DialogueRound

DAY_HELP = "a day (YYYY-MM-DD) or today"
ON_HELP = f"{DAY_HELP}; default: today"
RANGE_HELP = "a day, a month (YYYY-MM) or a year (YYYY)"


def _day(text: str) -> str:
    """An ``--on`` argument: ``today`` is this computer's date; any other text is the library's to read."""
    return _dates.today().isoformat() if text.casefold() == "today" else text


@attrs.frozen
class Reply:
    """What a command answers: the JSON-able answer, its text, and the query's :class:`Answer`."""

    answer: Any
    text: str
    about: Answer[Any] | None = None
    """The answer of the question about a day, with its day, doubt and caveat (``None`` for others)."""
    extra: dict[str, Any] = attrs.field(factory=dict)
    """More keys of the ``--json`` object (``completeness``)."""


# -- rows and text -------------------------------------------------------------------------------


def _country_row(country: Country) -> dict[str, Any]:
    return {
        "name": country.name,
        "eu_name": country.eu_name,
        "alpha_2": country.alpha_2,
        "alpha_3": country.alpha_3,
        "numeric": country.numeric,
        "qid": country.qid,
    }


def _instrument_row(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "name": instrument.name,
        "short_name": instrument.short_name,
        "kind": instrument.kind.value,
        "scope": instrument.scope.value,
        "sources": list(instrument.sources),
    }


def _period(data: Dataset, period: Participation, *, urls: bool) -> dict[str, Any]:
    """A period's dates and sourcing; its source URLs with ``urls`` (for ``--json``: no table
    shows them, and a text answer then reads no source, which a first answer does without)."""
    since = str(period.start) if period.start else f"by {period.in_place_by}"
    return {
        "since": since,
        "until": str(period.end) if period.end else None,
        "participation": period.id,
        "confidence": period.confidence.value,
    } | ({"source_urls": [s.url for s in data.sources_of(period)]} if urls else {})


def _until(period: Participation) -> str:
    """A period's end in words, for a table: its date, ``ongoing``, or ``ended, date unknown``."""
    if period.end is not None:
        return str(period.end)
    return "ongoing" if period.ongoing else "ended, date unknown"


def _shown(rows: Sequence[dict[str, Any]], periods: Sequence[Participation]) -> list[dict[str, Any]]:
    """Rows of periods as a table shows them: the end in words (``--json`` keeps ``until`` a date or null)."""
    return [row | {"until": _until(period)} for row, period in zip(rows, periods, strict=True)]


def _participation_row(data: Dataset, period: Participation, *, urls: bool) -> dict[str, Any]:
    return (
        {"country": period.country, "instrument": period.instrument}
        | _period(data, period, urls=urls)
        | {"ongoing": period.ongoing}
    )


def _json_record(record: Any) -> dict[str, Any]:
    """A record as the data files write it (the codec)."""
    from ._codec import unstructure

    unstructured: dict[str, Any] = unstructure(record)
    return unstructured


def _with_urls(data: Dataset, record: Any) -> dict[str, Any]:
    return _json_record(record) | {"source_urls": [s.url for s in data.sources_of(record)]}


def _width() -> int | None:
    """The terminal's width, when the output is a terminal (or COLUMNS says one); else no wrapping."""
    if os.environ.get("COLUMNS", "").isdigit() or getattr(sys.stdout, "isatty", bool)():
        import shutil

        return max(40, shutil.get_terminal_size().columns)
    return None


def _prose(text: str, indent: str = "") -> list[str]:
    """A line of prose; on a terminal, wrapped at word boundaries, its later lines indented."""
    room = _width()
    if room is None:
        return [text]
    import textwrap  # only a terminal's lines are wrapped

    return textwrap.wrap(text, room, subsequent_indent=indent + "    ")


#: Columns a user copies or types again (ids, kinds, codes, URLs): wrapped only once the others
#: cannot narrow further.
_KEPT_WHOLE = frozenset(
    {"id", "kind", "url", "instrument", "participation", "country", "alpha_2", "alpha_3", "numeric"}
)


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Aligned columns; on a terminal, the widest columns wrap so that every line fits its width.

    Text columns narrow first, down to their longest word (10 characters at least, a day's width),
    so that ids and words stay whole where they can; then the widest columns narrow, to 12
    characters at least.
    """
    if not rows:
        return "(none)"
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    room = _width()
    if room is not None:
        longest_word = [
            max([10, *(len(word) for r in cells for word in r[i].split())]) for i in range(len(columns))
        ]
        while sum(widths) + 2 * (len(widths) - 1) > room:
            text = [i for i, c in enumerate(columns) if c not in _KEPT_WHOLE and widths[i] > longest_word[i]]
            narrowable = text or [i for i, width in enumerate(widths) if width > 12]
            if not narrowable:
                break
            widths[max(narrowable, key=widths.__getitem__)] -= 1
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    for row in cells:
        parts = [
            _wrapped(value, w) if room is not None else [value] for value, w in zip(row, widths, strict=True)
        ]
        for depth in range(max(len(part) for part in parts)):
            shown = [part[depth] if depth < len(part) else "" for part in parts]
            lines.append("  ".join(v.ljust(w) for v, w in zip(shown, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _wrapped(value: str, width: int) -> list[str]:
    import textwrap  # only a terminal's lines are wrapped

    return textwrap.wrap(value, width, break_on_hyphens=False) or [""]


def _fields(pairs: dict[str, Any]) -> str:
    return "\n".join(line for key, value in pairs.items() for line in _prose(f"{key}: {cell(value)}"))


def _record_text(record: Any, indent: str = "") -> list[str]:
    """Every field of a record, one per line; nested records (field notes, editions) indented.

    A nested record leaves out its empty fields (no claims, no confidence of its own).
    """
    lines = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if indent and value in (None, ()):
            continue
        if nested_records(value):
            lines.append(f"{indent}{field.name}:")
            for item in value:
                inner = _record_text(item, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines += inner[1:]
        else:
            lines += _prose(
                f"{indent}{field.name}: {cell(value) if value not in (None, ()) else '-'}", indent
            )
    return lines


def _round_row(data: Dataset, meeting: DialogueRound) -> dict[str, Any]:
    inferred = [
        name for name, flag in (("number", meeting.number_inferred), ("year", meeting.year_inferred)) if flag
    ]
    date = cell(meeting.start) + ("" if meeting.confirmed else " (scheduled, not known held)")
    return _with_urls(data, meeting) | {"date": date, "inferred": ", ".join(inferred)}


def _counted(text: str, counted: Sequence[Completeness]) -> tuple[str, dict[str, Any]]:
    """A table's text with a line under it for each series it counts, and the ``--json`` key."""
    text += "".join("\n\n" + "\n".join(_prose(f"{c.series.title}: {c}")) for c in counted)
    return text, {"completeness": [_completeness(c) for c in counted]}


def _completeness(found: Completeness) -> dict[str, Any]:
    return {
        "series": found.series.id,
        "recorded": len(found.recorded),
        "held": found.series.held,
        "held_by": None if found.series.held_by is None else str(found.series.held_by),
        "complete": found.complete,
        "missing": [gap.what for gap in found.missing],
        "summary": str(found),
    }


# -- the commands ------------------------------------------------------------------------------


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command that takes no arguments (but ``--json``)."""


def _countries(data: Dataset, args: argparse.Namespace) -> Reply:
    rows = [_country_row(c) for c in data.countries]
    return Reply(rows, _table(rows, ["name", "eu_name", "alpha_2", "alpha_3", "numeric"]))


def _country_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="a name in any of its languages, or an ISO code or Wikidata id")


def _country(data: Dataset, args: argparse.Namespace) -> Reply:
    row = _country_row(data.country(args.query))
    return Reply(row, _fields(row))


def _instruments_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("country", nargs="?", help="a country; without one, every instrument of the data")
    parser.add_argument("--on", type=_day, help=ON_HELP)
    parser.add_argument("--kind", choices=[k.value for k in Kind])


def _instruments(data: Dataset, args: argparse.Namespace) -> Reply:
    if args.country is None:
        if args.on is not None:
            raise _UsageError("--on asks about one country's instruments: name the country")
        listed = [i for i in data.instruments if args.kind is None or i.kind.value == args.kind]
        rows = [_instrument_row(i) for i in listed]
        return Reply(rows, _table(rows, ["id", "kind", "scope", "name"]))
    found = data.instruments_for(args.country, on=args.on, kind=args.kind)
    by_instrument = {p.instrument: p for p in data.participations(args.country, on=found.on)}
    periods = [by_instrument[i.id] for i in found]
    rows = [
        _instrument_row(i) | _period(data, p, urls=args.json) for i, p in zip(found, periods, strict=True)
    ]
    return Reply(rows, _table(_shown(rows, periods), ["id", "kind", "since", "until", "name"]), found)


def _countries_with_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instrument", help="an id, name or short name, such as GSP+")
    parser.add_argument("--on", type=_day, help=ON_HELP)


def _countries_with(data: Dataset, args: argparse.Namespace) -> Reply:
    found = data.countries_with(args.instrument, on=args.on)
    rows = [_country_row(c) for c in found]
    return Reply(rows, _table(rows, ["name", "alpha_2"]), found)


def _conventions_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("country")
    parser.add_argument("--on", type=_day, help=ON_HELP)


def _conventions(data: Dataset, args: argparse.Namespace) -> Reply:
    found = data.conventions_for(args.country, on=args.on)
    ratified = {r.convention: r for r in data.ratifications_of(args.country)}
    rows = [
        {
            "annex": f"{c.annex_part}{c.annex_number}",
            "id": c.id,
            "convention": c.short_name,
            "group": c.group.value,
            "ratified": str(ratified[c.id].date) if c.id in ratified else None,
        }
        for c in found
    ]
    return Reply(rows, _table(rows, ["annex", "convention", "group", "ratified"]), found)


def _status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("country")
    parser.add_argument("instrument", help="an id, name or short name, such as GSP+")
    parser.add_argument("--on", type=_day, help=ON_HELP)


def _status(data: Dataset, args: argparse.Namespace) -> Reply:
    country, instrument = data.country(args.country), data.instrument(args.instrument)
    answer = data.status(country, instrument, on=args.on)
    held = data.participations(country, instrument, on=args.on or _dates.today())
    assert isinstance(held, Answer)
    periods = [_participation_row(data, p, urls=args.json) for p in held]
    row = {
        "country": country.alpha_2,
        "instrument": instrument.id,
        "on": held.on.isoformat(),
        "status": answer.value,
        "participations": periods,
    }
    text = f"{country.name} in {instrument.short_name or instrument.name}: {answer.value}"
    if held:
        text += "\n\n" + _table(_shown(periods, held), ["since", "until", "participation"])
    return Reply(row, text, held)


def _participations_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "country", nargs="?", help="a country; without one, every country (an instrument alone: its periods)"
    )
    parser.add_argument("instrument", nargs="?", help="an instrument; without one, every instrument")
    parser.add_argument("--on", type=_day, help=f"{DAY_HELP}; without it, every period, past and present")


def _participations(data: Dataset, args: argparse.Namespace) -> Reply:
    country, instrument = args.country, args.instrument
    if country is not None and instrument is None and not _names_country(data, country):
        country, instrument = None, country  # "eu-ca participations gsp": an instrument, every country
    found = data.participations(country, instrument, on=args.on)
    rows = [_participation_row(data, p, urls=args.json) for p in found]
    about = found if isinstance(found, Answer) else None
    columns = ["country", "instrument", "since", "until", "participation"]
    return Reply(rows, _table(_shown(rows, found), columns), about)


def _names_country(data: Dataset, query: str) -> bool:
    """Whether ``query`` names a country; if not but it names an instrument, it is one (else the
    country's error, which says what a country may be)."""
    from .exceptions import UnknownCountryError, UnknownInstrumentError

    try:
        data.country(query)
    except UnknownCountryError:
        try:
            data.instrument(query)
        except UnknownInstrumentError:
            return True
        return False
    return True


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "id",
        metavar="QUERY",
        help="a record's id (uzbekistan-gsp-plus), a country's name or code, an instrument's name or "
        "short name (GSP+)",
    )


def _show(data: Dataset, args: argparse.Namespace) -> Reply:
    from ._model_sources import Source

    record = _find(data, args.id)
    sources = () if isinstance(record, Source) else data.sources_of(record)
    answer = {
        "type": type(record).__name__,
        "record": _json_record(record),
        "sources": [_json_record(s) for s in sources],
    }
    name = record_name(record)
    lines = [f"{type(record).__name__} {name}", *_record_text(record)]
    if sources:
        rows = [
            {"id": s.id, "kind": s.kind.value, "published": cell(s.published), "url": s.url} for s in sources
        ]
        lines += ["", "Sources:", _table(rows, ["id", "kind", "published", "url"])]
    return Reply(answer, "\n".join(lines))


def _find(data: Dataset, query: str) -> Any:
    """A record by its id, or a country or an instrument by any name or code a lookup accepts."""
    suggestions = []
    for lookup in (data.record, data.country, data.instrument):
        try:
            return lookup(query)
        except UnknownRecordError as missing:  # the others are its subclasses
            suggestions.append(missing.suggestion)
    import difflib

    def closeness(found: str) -> float:  # of the three lookups' suggestions, the one nearest the query
        return difflib.SequenceMatcher(None, query.casefold(), found.casefold()).ratio()

    suggestion = max((s for s in suggestions if s), key=closeness, default=None)
    raise UnknownRecordError(
        f"no record, country or instrument matches {quoted(query)}"
        + (f"; did you mean {suggestion!r}?" if suggestion else "")
        + " Accepted: an id (eu-ca sources, eu-ca instruments list some), a country's name or code, "
        "an instrument's name or short name",
        query=query,
        suggestion=suggestion,
    )


def _timeline_arguments(parser: argparse.ArgumentParser) -> None:
    from ._model_history import EventKind

    parser.add_argument("--country", help="keep the events of this country and the region-wide ones")
    parser.add_argument(
        "--only-country",
        action="store_true",
        help="with --country: leave out the region-wide events (those that name no country)",
    )
    parser.add_argument("--since", help=f"{RANGE_HELP}: keep the events that may fall on or after it")
    parser.add_argument("--until", help=f"{RANGE_HELP}: keep the events that may fall on or before it")
    parser.add_argument("--kind", choices=[k.value for k in EventKind], help="keep one kind of event")
    parser.add_argument(
        "--plot",
        metavar="FILE",
        help="draw agreements, GSP status, dialogue rounds and forum editions per country into FILE "
        "(.png, .svg or .pdf; needs the 'plot' extra)",
    )


def _timeline(data: Dataset, args: argparse.Namespace) -> Reply:
    if args.plot is not None:
        if args.kind is not None:
            raise _UsageError("--kind chooses events to list; the picture (--plot) has no kind to choose")
        from ._plot import plot_timeline

        plot_timeline(args.country, since=args.since, until=args.until, path=args.plot, data=data)
        return Reply({"plot": os.fspath(args.plot)}, f"wrote {args.plot}")
    if args.only_country and args.country is None:
        raise _UsageError("--only-country keeps one country's own events: name it with --country")
    events = data.timeline(
        country=args.country,
        since=args.since,
        until=args.until,
        kind=args.kind,
        region_wide=not args.only_country,
    )
    rows = [_with_urls(data, e) | {"when": _when(e.date, e.end)} for e in events]
    text = _table(rows, ["when", "kind", "id", "title"]) + "\n\n" + SELECTION
    return Reply(rows, text)


#: What the events table says under it (``eu-ca timeline``).
SELECTION = "events are a selection, not a complete series; see eu-ca series"


def _rounds_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("country")
    parser.add_argument(
        "--on", type=_day, help="a day (YYYY-MM-DD) or today: only the rounds certainly held by then"
    )


def _rounds(data: Dataset, args: argparse.Namespace) -> Reply:
    found = data.dialogue_rounds(args.country, on=args.on)
    rows = [_round_row(data, r) for r in found]
    table = _table(rows, ["number", "date", "place", "meeting_number", "confidence", "inferred"])
    if any(row["inferred"] for row in rows):
        table += "\n\n" + "\n".join(_prose(INFERRED))
    text, extra = _counted(table, [found.completeness] if found.completeness is not None else [])
    return Reply(rows, text, found, extra)


#: What the INFERRED column of ``eu-ca rounds`` means, said under the table.
INFERRED = (
    "INFERRED: the round's number or year is worked out from other rounds and sources, not read "
    "in a source (eu-ca show ID gives the reasoning)"
)


def _envoys_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", type=_day, help=f"{DAY_HELP}; without it, every envoy since 2005")


def _envoys(data: Dataset, args: argparse.Namespace) -> Reply:
    found: Any = data.envoys if args.on is None else data.envoys_on(args.on)
    rows = [_with_urls(data, e) | {"term": _when(e.start, e.end)} for e in found]
    shown = [
        row | {"status": "EUSR" if e.formal_eusr else "special envoy, not a formal EUSR"}
        for row, e in zip(rows, found, strict=True)
    ]
    text, extra = _counted(
        _table(shown, ["term", "name", "status", "nationality"]),
        [data.completeness("eu-special-representatives")],
    )
    return Reply(rows, text, found if isinstance(found, Answer) else None, extra)


def _series(data: Dataset, args: argparse.Namespace) -> Reply:
    counted = [data.completeness(series) for series in data.series]
    rows = [_completeness(c) for c in counted]
    return Reply(
        rows,
        _table(
            [{"series": c.series.id, "completeness": str(c)} for c in counted], ["series", "completeness"]
        ),
    )


def _sources(data: Dataset, args: argparse.Namespace) -> Reply:
    rows = [_json_record(s) for s in data.sources]
    return Reply(rows, _table(rows, ["id", "kind", "url"]))


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    from ._export import FORMATS

    parser.add_argument("directory", metavar="DIR")
    parser.add_argument(
        "--format",
        choices=list(FORMATS),
        default=next(iter(FORMATS)),
        help="; ".join(f"{name}: {f.help}" for name, f in FORMATS.items()),
    )
    parser.add_argument("--force", action="store_true", help="replace files of the same name in DIR")


def _export(data: Dataset, args: argparse.Namespace) -> Reply:
    from ._export import export

    written = [str(path) for path in export(args.directory, args.format, overwrite=args.force, data=data)]
    return Reply(written, "\n".join(written))


def _schema_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answer",
        action="store_true",
        help="the JSON Schema of what eu-ca --json prints, not of the data files",
    )


def _schema(data: Dataset, args: argparse.Namespace) -> Reply:
    from ._schema import json_schema

    schema = ANSWER_SCHEMA if args.answer else json_schema()
    return Reply(schema, _json(schema))


def _completion_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=["bash", "zsh", "tcsh"])


def _completion(data: Dataset, args: argparse.Namespace) -> Reply:
    from ._optional import require

    shtab = require("shtab", extra="completion", feature="eu-ca completion")
    script: str = shtab.complete(_parser(), shell=args.shell)
    return Reply(script, script)


def _about(data: Dataset, args: argparse.Namespace) -> Reply:
    about = {
        "version": _version.__version__,
        "data_as_of": data.meta.data_as_of.isoformat(),
        "coverage_start": data.meta.coverage_start.isoformat(),
    }
    return Reply(about, _fields(about))


@attrs.frozen
class Command:
    """A subcommand: its help, its answer, and the arguments it takes."""

    help: str
    answer: Callable[[Dataset, argparse.Namespace], Reply]
    arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments


#: Every command of ``eu-ca``, in the order ``eu-ca --help`` lists them.
COMMANDS: dict[str, Command] = {
    "countries": Command("the five partner countries and their codes", _countries),
    "country": Command("look up one country by any of its names or codes", _country, _country_arguments),
    "instruments": Command(
        "the instruments a country takes part in, or every instrument", _instruments, _instruments_arguments
    ),
    "countries-with": Command(
        "the countries taking part in an instrument", _countries_with, _countries_with_arguments
    ),
    "status": Command(
        "whether a country takes part in an instrument: yes, no or unknown", _status, _status_arguments
    ),
    "conventions": Command(
        "the conventions a country is bound to implement under GSP+, and when it ratified them",
        _conventions,
        _conventions_arguments,
    ),
    "participations": Command(
        "the periods of countries in instruments, with their dates and sources",
        _participations,
        _participations_arguments,
    ),
    "show": Command(
        "one record (a country, instrument, event, source, ...) with its sources", _show, _show_arguments
    ),
    "timeline": Command(
        "dated events, oldest first, or a picture of the partnership over time",
        _timeline,
        _timeline_arguments,
    ),
    "rounds": Command(
        "the rounds of the EU's human rights dialogue with a country, and what is missing",
        _rounds,
        _rounds_arguments,
    ),
    "envoys": Command(
        "the EU Special Representatives for Central Asia and their terms", _envoys, _envoys_arguments
    ),
    "series": Command("how complete each series is (dialogue rounds, envoys, meetings, ...)", _series),
    "sources": Command("every source the data cites, with its URL", _sources),
    "export": Command("write the whole dataset into a folder", _export, _export_arguments),
    "schema": Command(
        "print the JSON Schema of the data files (or of --json answers)", _schema, _schema_arguments
    ),
    "completion": Command(
        "print a shell completion script (needs the 'completion' extra)", _completion, _completion_arguments
    ),
    "about": Command("code version, data date and coverage", _about),
}

#: The JSON Schema of what ``eu-ca --json`` prints, whatever the command.
ANSWER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "eu-ca --json answer",
    "description": (
        "What eu-ca prints with --json: the answer, the day it is about, when the facts were last "
        "checked, and what the sources leave uncertain. 'answer' is the command's own answer (a list "
        "of rows or one object)."
    ),
    "type": "object",
    "properties": {
        "command": {"type": "string", "enum": list(COMMANDS)},
        "answer": {"type": ["array", "object", "string"]},
        "on": {
            "description": "The day the question is about (null when it is about no day).",
            "type": ["string", "null"],
            "format": "date",
        },
        "data_as_of": {
            "description": "The day the facts were last checked.",
            "type": "string",
            "format": "date",
        },
        "unverified": {
            "description": "Whether 'on' is after 'data_as_of': the answer is then the latest known state.",
            "type": "boolean",
        },
        "uncertain": {
            "description": "Each record the answer leaves out because the sources can neither confirm nor rule it out.",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "record": {"type": "string"},
                    "country": {"type": ["string", "null"]},
                    "instrument": {"type": ["string", "null"]},
                    "why": {"type": "string"},
                },
                "required": ["record", "country", "instrument", "why"],
                "additionalProperties": False,
            },
        },
        "notes": {
            "description": "Other caveats, one sentence each.",
            "type": "array",
            "items": {"type": "string"},
        },
        "completeness": {
            "description": "How complete the series behind the answer are (eu-ca rounds, eu-ca envoys).",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "series": {"type": "string"},
                    "recorded": {"type": "integer"},
                    "held": {"type": ["integer", "null"]},
                    "held_by": {"type": ["string", "null"]},
                    "complete": {"type": "boolean"},
                    "missing": {"type": "array", "items": {"type": "string"}},
                    "summary": {"type": "string"},
                },
                "required": ["series", "recorded", "held", "held_by", "complete", "missing", "summary"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["command", "answer", "on", "data_as_of", "unverified", "uncertain", "notes"],
    "additionalProperties": False,
}


# -- running it ------------------------------------------------------------------------------------


class _Version(argparse.Action):
    """``--version``: the code version and the date of the data (read only when asked)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from ._bundled import default_dataset

        try:
            as_of = default_dataset().data_as_of.isoformat()
        except DataError as error:
            parser.exit(_fail(str(error), 3, whole=True))
        parser.exit(_written(f"eu-ca-partnership {_version.__version__} (data as of {as_of})"))


JSON_HELP = "print JSON for scripts: the answer, the day, DATA_AS_OF and what is uncertain"

#: What the exit status of ``eu-ca`` means, as ``eu-ca --help`` says it.
EXIT_STATUSES = (
    "exit status: 0 an answer; 1 an unexpected failure, a missing optional package, or an answer "
    "that could not be written; 2 a bad question (an unknown country, a malformed date, ...); "
    "3 bad data (the data files are invalid: each problem is shown with its file and field)"
)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose help, when it cannot be written, says so (argparse drops the error)."""

    def print_help(self, file: Any = None) -> None:
        if file is not None:
            return super().print_help(file)
        status = _written(self.format_help().rstrip("\n"))
        if status:
            raise SystemExit(status)
        return None

    def error(self, message: str) -> NoReturn:
        if sys.stderr is None:  # argparse would print the usage on stdout: say nothing, give the status
            self.exit(2)
        super().error(message)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``eu-ca``: of every command, or of the one command ``only``.

    A command line needs only its own command's parser: each parser argparse makes looks up
    translations of its words on disk, and the other fifteen would cost a terminal answer 5 ms.
    """
    parser = _Parser(
        prog="eu-ca",
        description="Ask about the EU's partnership with Central Asia on peace, democracy and human rights.",
        epilog=EXIT_STATUSES,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help="print the code version and the date the data was last checked, and exit",
    )
    parser.add_argument("--json", action="store_true", help=JSON_HELP)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        if only is None or name == only:
            sub = commands.add_parser(
                name, help=command.help, description=command.help[0].upper() + command.help[1:] + "."
            )
            # --json is accepted after the command too ("eu-ca countries --json"), and its help says so.
            sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=JSON_HELP)
            command.arguments(sub)
    return parser


def _when(start: PartialDate, end: PartialDate | None) -> str:
    return str(start) if end is None else f"{start} to {end}"


class _UsageError(PartnershipError):
    """A combination of options that does not make sense."""


#: The library's words for its arguments, and what a terminal user typed instead.
TERMINAL_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(on|since|until|kind|format)=(?=['\d])", r"--\1 "),
    (r"expected a datetime\.date or a string such as '2020-06-01'", "expected a day such as 2020-06-01"),
    (r"pass overwrite=True \(--force\)", "add --force"),
    (r"\(see INSTRUMENTS for all\)", "(eu-ca instruments lists them all)"),
    (r"(?<!-m )\bpip install", "python -m pip install"),
)


def terminal_words(message: str) -> str:
    """An error of the library, in the words of the command line.

    >>> terminal_words("on='June 2020' is not an ISO 8601 date; expected a datetime.date or a string such as '2020-06-01'")
    "--on 'June 2020' is not an ISO 8601 date; expected a day such as 2020-06-01"
    """
    for pattern, replacement in TERMINAL_WORDS:
        message = re.sub(pattern, replacement, message)
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):  # what the terminal cannot print is escaped, never a crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    words = sys.argv[1:] if argv is None else argv
    named = next((word for word in words if word in COMMANDS), None)  # only flags come before it
    args = _parser(named).parse_args(words)
    from ._bundled import default_dataset

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            data = default_dataset()
            reply = COMMANDS[args.command].answer(data, args)
        except MissingExtraError as error:
            return _fail(terminal_words(str(error)), 1)
        except DataError as error:  # not the question: the data; every problem (bounded), with its file
            return _fail(str(error), 3, whole=True)
        except PartnershipError as error:  # arguments are text: a TypeError is a bug, not a bad question
            return _fail(terminal_words(str(error)), 2)
        except Exception as error:  # one line, as promised, for what nobody expected
            return _fail(f"unexpected {type(error).__name__}: {error}", 1)
    answered = reply.about
    expected = (UncertainAnswerWarning, UnverifiedAnswerWarning)  # said by the answer itself
    notes = [*(answered.notes() if answered is not None else ())]
    notes += list(dict.fromkeys(str(w.message) for w in caught if not issubclass(w.category, expected)))
    if args.json:
        envelope = {
            "command": args.command,
            "answer": reply.answer,
            "on": None if answered is None else answered.on.isoformat(),
            "data_as_of": data.data_as_of.isoformat(),
            "unverified": answered is not None and answered.unverified,
            "uncertain": [] if answered is None else [attrs.asdict(d) for d in answered.doubts],
            "notes": notes,
            **reply.extra,
        }
        output = _json(envelope)
    else:
        day = [] if answered is None else ["", *_prose(day_line(answered))]
        output = reply.text + "".join(
            f"\n{line}"
            for line in day
            + ([""] if notes and not day else [])
            + [wrapped for n in notes for wrapped in _prose(f"note: {n}")]
        )
    return _written(output)


def day_line(answer: Answer[Any]) -> str:
    """The day an answer is about, and when its facts were checked: said once under a text answer.

    >>> import datetime as dt
    >>> day_line(Answer((), on=dt.date(2026, 12, 8), data_as_of=dt.date(2026, 12, 6)))
    'on 2026-12-08 (facts checked 2026-12-06; unverified after that)'
    """
    return (
        f"on {answer.on.isoformat()} (facts checked {answer.data_as_of.isoformat()}; unverified after that)"
    )


def _written(output: str) -> int:
    """Print ``output`` and flush stdout: 0, or 1 with one line on stderr if it could not be written."""
    if sys.stdout is None:  # started with its standard output closed ("eu-ca about >&-")
        return _fail("cannot write the answer: standard output is closed", 1)
    try:
        print(output)
        sys.stdout.flush()
    except BrokenPipeError:  # "eu-ca sources | head": the reader left; not an error worth a traceback
        _discard_stdout()
    except OSError as error:  # "eu-ca sources > /dev/full"
        _discard_stdout()
        return _fail(f"cannot write the answer: {error.strerror or type(error).__name__}", 1)
    return 0


def _discard_stdout() -> None:
    """What is left in the buffer of stdout goes nowhere: the interpreter's last flush finds no error."""
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's StringIO): nothing is flushed at exit
        return
    os.dup2(os.open(os.devnull, os.O_WRONLY), fileno)


def _json(answer: Any) -> str:
    """The answer as JSON: non-ASCII as itself where stdout can encode it, as ``\\u`` escapes otherwise."""
    import json  # only --json and the schemas need it

    text = json.dumps(answer, indent=2, ensure_ascii=False)
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):  # escaped, JSON stays JSON ("\xe9" is not)
        return json.dumps(answer, indent=2, ensure_ascii=True)
    return text


def _fail(message: str, status: int, *, whole: bool = False) -> int:
    """Say ``message`` on stderr (its first line, or ``whole``) and give ``status``; never on stdout."""
    if sys.stderr is not None:  # with stderr closed, print() would write on stdout
        try:
            print(
                f"eu-ca: error: {message}" if whole else f"eu-ca: error: {message}".splitlines()[0],
                file=sys.stderr,
            )
            sys.stderr.flush()
        except OSError:  # stderr full or gone: the status says it
            pass
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
