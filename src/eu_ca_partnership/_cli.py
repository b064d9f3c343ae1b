"""The ``eu-ca`` command: the library's questions at a terminal, as aligned text or ``--json``.

Exit status: 0 for an answer, 1 for an unexpected failure (or a missing optional package),
2 for a bad question (unknown country, malformed date, ...), always with one line on stderr.
"""

from __future__ import annotations

import argparse
import enum
import json
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any

import attrs

from . import _version
from ._dataset import Dataset, UncertainAnswerWarning
from ._dates import PartialDate
from ._model import Country, DialogueRound, EventKind, Instrument, Kind, Participation, Source
from .exceptions import MissingExtraError, PartnershipError, UnknownCountryError, UnknownRecordError

#: The formats of ``eu-ca export`` (those of :func:`export`; not imported from there to start fast).
EXPORT_FORMATS = ("json", "csv", "datapackage", "schema")


def _country_row(country: Country) -> dict[str, Any]:
    return {
        "name": country.name,
        "eu_name": country.eu_name,
        "alpha_2": country.alpha_2,
        "alpha_3": country.alpha_3,
        "numeric": country.numeric,
    }


def _instrument_row(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "name": instrument.name,
        "kind": instrument.kind.value,
        "sources": list(instrument.sources),
    }


def _period(data: Dataset, period: Participation) -> dict[str, Any]:
    since = str(period.start) if period.start else f"by {period.in_place_by}"
    return {
        "since": since,
        "until": str(period.end) if period.end else None,
        "participation": period.id,
        "confidence": period.confidence.value,
        "source_urls": [s.url for s in data.sources_of(period)],
    }


def _json_record(record: Any) -> dict[str, Any]:
    """A record as the data files write it (the loader's converter), with its type."""
    from ._loader import json_converter

    unstructured: dict[str, Any] = json_converter().unstructure(record)
    return unstructured


def _with_urls(data: Dataset, record: Any) -> dict[str, Any]:
    return _json_record(record) | {"source_urls": [s.url for s in data.sources_of(record)]}


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    if not rows:
        return "(none)"
    cells = [[_text(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _text(value: Any) -> str:
    """A value for a person: enums as their value, a missing value as empty, tuples joined."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(_text(item) for item in value)
    return str(value)


def _record_text(record: Any, indent: str = "") -> list[str]:
    """Every field of a record, one per line; nested records (field notes, editions) indented.

    A nested record leaves out its empty fields (no claims, no confidence of its own).
    """
    lines = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if indent and value in (None, ()):
            continue
        if isinstance(value, tuple) and value and attrs.has(type(value[0])):
            lines.append(f"{indent}{field.name}:")
            for item in value:
                inner = _record_text(item, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines += inner[1:]
        else:
            lines.append(f"{indent}{field.name}: {_text(value) if value not in (None, ()) else '-'}")
    return lines


def _round_row(data: Dataset, meeting: DialogueRound) -> dict[str, Any]:
    inferred = [
        name for name, flag in (("number", meeting.number_inferred), ("year", meeting.year_inferred)) if flag
    ]
    return _with_urls(data, meeting) | {
        "date": _text(meeting.start),
        "inferred": ", ".join(inferred),
    }


def _source_row(source: Source) -> dict[str, Any]:
    return _json_record(source)


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
        from . import default_dataset

        as_of = default_dataset().data_as_of.isoformat()
        print(f"eu-ca-partnership {_version.__version__} (data as of {as_of})")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eu-ca",
        description="Ask about the EU's partnership with Central Asia on peace, democracy and human rights.",
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help="print the code version and the date the data was last checked, and exit",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
    # --json is accepted after the command too ("eu-ca countries --json").
    json_flag = argparse.ArgumentParser(add_help=False)
    json_flag.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    on_help = "a date (YYYY-MM-DD); default: the latest the data knows"
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=help, description=help[0].upper() + help[1:] + ".", parents=[json_flag]
        )

    command("countries", "the five partner countries and their codes")
    country = command("country", "look up one country by name or code")
    country.add_argument("query")
    instruments = command("instruments", "the instruments a country takes part in")
    instruments.add_argument("country")
    instruments.add_argument("--on", help=on_help)
    instruments.add_argument("--kind", choices=[k.value for k in Kind])
    holders = command("countries-with", "the countries taking part in an instrument")
    holders.add_argument("instrument", help="an id, name or short name, such as GSP+")
    holders.add_argument("--on", help=on_help)
    show = command("show", "one record (instrument, participation, event, source, ...) with its sources")
    show.add_argument("id", help="the record's id, such as uzbekistan-gsp-plus, or a country's name or code")
    timeline = command("timeline", "dated events, oldest first, or a picture of the partnership over time")
    timeline.add_argument("--country", help="keep the events of this country and the region-wide ones")
    timeline.add_argument("--since", help="a date (YYYY-MM-DD): keep the events that may fall on or after it")
    timeline.add_argument(
        "--until", help="a date (YYYY-MM-DD): keep the events that may fall on or before it"
    )
    timeline.add_argument("--kind", choices=[k.value for k in EventKind], help="keep one kind of event")
    timeline.add_argument(
        "--plot",
        metavar="FILE",
        help="draw agreements, GSP status, dialogue rounds and forum editions per country into FILE "
        "(.png, .svg or .pdf; needs the 'plot' extra)",
    )
    rounds = command("rounds", "the rounds of the EU's human rights dialogue with a country")
    rounds.add_argument("country")
    rounds.add_argument("--on", help="a date (YYYY-MM-DD): only the rounds certainly held by then")
    command("sources", "every source the data cites, with its URL")
    export = command("export", "write the whole dataset into a folder")
    export.add_argument("directory", metavar="DIR")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="json: the data files (default); csv: one file per table; datapackage: the CSV files "
        "and a Frictionless datapackage.json; schema: the JSON Schema of the data files",
    )
    export.add_argument("--force", action="store_true", help="replace files of the same name in DIR")
    command("schema", "print the JSON Schema of the data files")
    command("about", "code version, data date and coverage")
    return parser


def _answer(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    """The JSON-able answer and its plain-text rendering."""
    if args.command == "countries":
        rows = [_country_row(c) for c in data.countries]
        return rows, _table(rows, ["name", "eu_name", "alpha_2", "alpha_3", "numeric"])
    if args.command == "country":
        row = _country_row(data.country(args.query))
        return row, "\n".join(f"{key}: {value}" for key, value in row.items())
    if args.command == "instruments":
        found = data.instruments_for(args.country, on=args.on, kind=args.kind)
        day = data.meta.data_as_of if args.on is None else args.on  # the periods that hold that day
        periods = {p.instrument: p for p in data.participations(args.country, on=day)}
        rows = [_instrument_row(i) | _period(data, periods[i.id]) for i in found]
        return rows, _table(rows, ["id", "kind", "since", "name"])
    if args.command == "countries-with":
        rows = [_country_row(c) for c in data.countries_with(args.instrument, on=args.on)]
        return rows, _table(rows, ["name", "alpha_2"])
    if args.command == "show":
        return _show(data, args.id)
    if args.command == "timeline":
        return _timeline(data, args)
    if args.command == "rounds":
        rows = [_round_row(data, r) for r in data.dialogue_rounds(args.country, on=args.on)]
        return rows, _table(rows, ["number", "date", "place", "confidence", "inferred"])
    if args.command == "sources":
        rows = [_source_row(s) for s in data.sources]
        return rows, _table(rows, ["id", "kind", "url"])
    if args.command == "export":
        from ._export import export

        written = [str(path) for path in export(args.directory, args.format, overwrite=args.force, data=data)]
        return written, "\n".join(written)
    if args.command == "schema":
        from ._schema import json_schema

        schema = json_schema()
        return schema, json.dumps(schema, indent=2, ensure_ascii=False)
    about = {
        "version": _version.__version__,
        "data_as_of": data.meta.data_as_of.isoformat(),
        "coverage_start": data.meta.coverage_start.isoformat(),
    }
    return about, "\n".join(f"{key}: {value}" for key, value in about.items())


def _show(data: Dataset, record_id: str) -> tuple[Any, str]:
    try:
        record: Any = data.record(record_id)
    except UnknownRecordError as missing:
        try:  # countries have no id: their names and codes name them
            record = data.country(record_id)
        except UnknownCountryError:
            raise missing from None
    sources = () if isinstance(record, Source) else data.sources_of(record)
    answer = {
        "type": type(record).__name__,
        "record": _json_record(record),
        "sources": [_json_record(s) for s in sources],
    }
    name = record.alpha_2 if isinstance(record, Country) else record.id
    lines = [f"{type(record).__name__} {name}", *_record_text(record)]
    if sources:
        rows = [
            {"id": s.id, "kind": s.kind.value, "published": _text(s.published), "url": s.url} for s in sources
        ]
        lines += ["", "Sources:", _table(rows, ["id", "kind", "published", "url"])]
    return answer, "\n".join(lines)


def _timeline(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    if args.plot is not None:
        if args.kind is not None:
            raise _UsageError("--kind chooses events to list; the picture (--plot) has no kind to choose")
        from ._plot import plot_timeline

        plot_timeline(args.country, since=args.since, until=args.until, path=args.plot, data=data)
        return {"plot": os.fspath(args.plot)}, f"wrote {args.plot}"
    events = data.timeline(country=args.country, since=args.since, until=args.until, kind=args.kind)
    rows = [_with_urls(data, e) | {"when": _when(e.date, e.end)} for e in events]
    return rows, _table(rows, ["when", "kind", "id", "title"])


def _when(start: PartialDate, end: PartialDate | None) -> str:
    return str(start) if end is None else f"{start} to {end}"


class _UsageError(PartnershipError):
    """A combination of options that does not make sense."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from . import default_dataset

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UncertainAnswerWarning)
        try:
            answer, text = _answer(default_dataset(), args)
        except MissingExtraError as error:
            return _fail(str(error), 1)
        except PartnershipError as error:  # arguments are text: a TypeError is a bug, not a bad question
            return _fail(str(error), 2)
        except Exception as error:  # one line, as promised, for what nobody expected
            return _fail(f"unexpected {type(error).__name__}: {error}", 1)
    for category, message in dict.fromkeys((w.category, str(w.message)) for w in caught):
        label = "note" if issubclass(category, UncertainAnswerWarning) else "warning"
        print(f"eu-ca: {label}: {message}", file=sys.stderr)
    try:
        print(json.dumps(answer, indent=2, ensure_ascii=False) if args.json else text)
        sys.stdout.flush()
    except BrokenPipeError:  # "eu-ca sources | head": the reader left; not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _fail(message: str, status: int) -> int:
    print(f"eu-ca: error: {message}".splitlines()[0], file=sys.stderr)
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
