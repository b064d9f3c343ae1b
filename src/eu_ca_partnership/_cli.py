"""The ``eu-ca`` command: the library's questions at a terminal, as aligned text or ``--json``.

Exit status: 0 for an answer, 1 for an unexpected failure (or a missing optional package),
2 for a bad question (unknown country, malformed date, ...), always with one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from . import _version
from ._dataset import Dataset, UncertainAnswerWarning
from ._dates import PartialDate
from ._export import FORMATS
from ._model import Country, DialogueRound, EventKind, Instrument, Kind, Participation, Source
from ._render import cell
from .exceptions import MissingExtraError, PartnershipError, UnknownCountryError, UnknownRecordError


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
    """A record as the data files write it (the codec)."""
    from ._codec import unstructure

    unstructured: dict[str, Any] = unstructure(record)
    return unstructured


def _with_urls(data: Dataset, record: Any) -> dict[str, Any]:
    return _json_record(record) | {"source_urls": [s.url for s in data.sources_of(record)]}


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    if not rows:
        return "(none)"
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


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
            lines.append(f"{indent}{field.name}: {cell(value) if value not in (None, ()) else '-'}")
    return lines


def _round_row(data: Dataset, meeting: DialogueRound) -> dict[str, Any]:
    inferred = [
        name for name, flag in (("number", meeting.number_inferred), ("year", meeting.year_inferred)) if flag
    ]
    return _with_urls(data, meeting) | {
        "date": cell(meeting.start),
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
        from ._bundled import default_dataset

        as_of = default_dataset().data_as_of.isoformat()
        print(f"eu-ca-partnership {_version.__version__} (data as of {as_of})")
        parser.exit()


ON_HELP = "a date (YYYY-MM-DD); default: the latest the data knows"


def _countries(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    rows = [_country_row(c) for c in data.countries]
    return rows, _table(rows, ["name", "eu_name", "alpha_2", "alpha_3", "numeric"])


def _country_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query")


def _country(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    row = _country_row(data.country(args.query))
    return row, "\n".join(f"{key}: {value}" for key, value in row.items())


def _instruments_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("country")
    parser.add_argument("--on", help=ON_HELP)
    parser.add_argument("--kind", choices=[k.value for k in Kind])


def _instruments(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.instruments_for(args.country, on=args.on, kind=args.kind)
    day = data.meta.data_as_of if args.on is None else args.on  # the periods that hold that day
    periods = {p.instrument: p for p in data.participations(args.country, on=day)}
    rows = [_instrument_row(i) | _period(data, periods[i.id]) for i in found]
    return rows, _table(rows, ["id", "kind", "since", "name"])


def _countries_with_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instrument", help="an id, name or short name, such as GSP+")
    parser.add_argument("--on", help=ON_HELP)


def _countries_with(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    rows = [_country_row(c) for c in data.countries_with(args.instrument, on=args.on)]
    return rows, _table(rows, ["name", "alpha_2"])


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "id", help="the record's id, such as uzbekistan-gsp-plus, or a country's name or code"
    )


def _show(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    try:
        record: Any = data.record(args.id)
    except UnknownRecordError as missing:
        try:  # a country is also named by its names and other codes
            record = data.country(args.id)
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
            {"id": s.id, "kind": s.kind.value, "published": cell(s.published), "url": s.url} for s in sources
        ]
        lines += ["", "Sources:", _table(rows, ["id", "kind", "published", "url"])]
    return answer, "\n".join(lines)


def _timeline_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--country", help="keep the events of this country and the region-wide ones")
    parser.add_argument("--since", help="a date (YYYY-MM-DD): keep the events that may fall on or after it")
    parser.add_argument("--until", help="a date (YYYY-MM-DD): keep the events that may fall on or before it")
    parser.add_argument("--kind", choices=[k.value for k in EventKind], help="keep one kind of event")
    parser.add_argument(
        "--plot",
        metavar="FILE",
        help="draw agreements, GSP status, dialogue rounds and forum editions per country into FILE "
        "(.png, .svg or .pdf; needs the 'plot' extra)",
    )


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


def _rounds_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("country")
    parser.add_argument("--on", help="a date (YYYY-MM-DD): only the rounds certainly held by then")


def _rounds(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    rows = [_round_row(data, r) for r in data.dialogue_rounds(args.country, on=args.on)]
    return rows, _table(rows, ["number", "date", "place", "confidence", "inferred"])


def _sources(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    rows = [_source_row(s) for s in data.sources]
    return rows, _table(rows, ["id", "kind", "url"])


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR")
    parser.add_argument(
        "--format",
        choices=list(FORMATS),
        default=next(iter(FORMATS)),
        help="; ".join(f"{name}: {f.help}" for name, f in FORMATS.items()),
    )
    parser.add_argument("--force", action="store_true", help="replace files of the same name in DIR")


def _export(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    from ._export import export

    written = [str(path) for path in export(args.directory, args.format, overwrite=args.force, data=data)]
    return written, "\n".join(written)


def _schema(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    from ._schema import json_schema

    schema = json_schema()
    return schema, json.dumps(schema, indent=2, ensure_ascii=False)


def _about(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    about = {
        "version": _version.__version__,
        "data_as_of": data.meta.data_as_of.isoformat(),
        "coverage_start": data.meta.coverage_start.isoformat(),
    }
    return about, "\n".join(f"{key}: {value}" for key, value in about.items())


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command that takes no arguments (but ``--json``)."""


@attrs.frozen
class Command:
    """A subcommand: its help, its arguments, and its answer (JSON-able, and as text)."""

    help: str
    answer: Callable[[Dataset, argparse.Namespace], tuple[Any, str]]
    arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments


#: Every command of ``eu-ca``, in the order ``eu-ca --help`` lists them.
COMMANDS: dict[str, Command] = {
    "countries": Command("the five partner countries and their codes", _countries),
    "country": Command("look up one country by name or code", _country, _country_arguments),
    "instruments": Command("the instruments a country takes part in", _instruments, _instruments_arguments),
    "countries-with": Command(
        "the countries taking part in an instrument", _countries_with, _countries_with_arguments
    ),
    "show": Command(
        "one record (instrument, participation, event, source, ...) with its sources", _show, _show_arguments
    ),
    "timeline": Command(
        "dated events, oldest first, or a picture of the partnership over time",
        _timeline,
        _timeline_arguments,
    ),
    "rounds": Command(
        "the rounds of the EU's human rights dialogue with a country", _rounds, _rounds_arguments
    ),
    "sources": Command("every source the data cites, with its URL", _sources),
    "export": Command("write the whole dataset into a folder", _export, _export_arguments),
    "schema": Command("print the JSON Schema of the data files", _schema),
    "about": Command("code version, data date and coverage", _about),
}


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
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(
            name,
            help=command.help,
            description=command.help[0].upper() + command.help[1:] + ".",
            parents=[json_flag],
        )
        command.arguments(sub)
    return parser


def _when(start: PartialDate, end: PartialDate | None) -> str:
    return str(start) if end is None else f"{start} to {end}"


class _UsageError(PartnershipError):
    """A combination of options that does not make sense."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from ._bundled import default_dataset

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UncertainAnswerWarning)
        try:
            answer, text = COMMANDS[args.command].answer(default_dataset(), args)
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
