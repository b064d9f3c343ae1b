"""The ``eu-ca`` command: the library's questions at a terminal, as aligned text or ``--json``.

Exit status: 0 for an answer, 1 for an unexpected failure, 2 for a bad question
(unknown country, malformed date, ...), always with one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from . import _version
from ._dataset import Dataset, UncertainAnswerWarning
from ._model import Country, Instrument, Kind, Participation
from .exceptions import PartnershipError


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


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    if not rows:
        return "(none)"
    cells = [[", ".join(v) if isinstance(v := row[c], list) else str(v) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eu-ca",
        description="Ask about the EU's partnership with Central Asia on peace, democracy and human rights.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"eu-ca-partnership {_version.__version__}",
        help="print the code version and exit (the data's date is in 'eu-ca about')",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("countries", help="the five partner countries and their codes")
    country = commands.add_parser("country", help="look up one country by name or code")
    country.add_argument("query")
    instruments = commands.add_parser("instruments", help="the instruments a country takes part in")
    instruments.add_argument("country")
    instruments.add_argument("--on", help="a date (YYYY-MM-DD); default: the latest the data knows")
    instruments.add_argument("--kind", choices=[k.value for k in Kind])
    holders = commands.add_parser("countries-with", help="the countries taking part in an instrument")
    holders.add_argument("instrument", help="an id, name or short name, such as GSP+")
    holders.add_argument("--on", help="a date (YYYY-MM-DD); default: the latest the data knows")
    commands.add_parser("about", help="code version, data date and coverage")
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
        periods = {p.instrument: p for p in data.participations(args.country, on=args.on)}
        rows = [_instrument_row(i) | _period(data, periods[i.id]) for i in found]
        return rows, _table(rows, ["id", "kind", "since", "name"])
    if args.command == "countries-with":
        rows = [_country_row(c) for c in data.countries_with(args.instrument, on=args.on)]
        return rows, _table(rows, ["name", "alpha_2"])
    about = {
        "version": _version.__version__,
        "data_as_of": data.meta.data_as_of.isoformat(),
        "coverage_start": data.meta.coverage_start.isoformat(),
    }
    return about, "\n".join(f"{key}: {value}" for key, value in about.items())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from . import default_dataset

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UncertainAnswerWarning)
        try:
            answer, text = _answer(default_dataset(), args)
        except (PartnershipError, TypeError) as error:
            print(f"eu-ca: error: {error}".splitlines()[0], file=sys.stderr)
            return 2
    for message in dict.fromkeys(str(warning.message) for warning in caught):
        print(f"eu-ca: note: {message}", file=sys.stderr)
    print(json.dumps(answer, indent=2, ensure_ascii=False) if args.json else text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
