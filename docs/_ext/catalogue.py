"""The data catalogue: MyST pages written from ``eu_ca_partnership.load()`` before every build.

Nothing here copies a fact by hand. Each page is rendered from the records of the
loaded dataset, generically over their ``attrs`` fields, and the kinds of record come
from the package's registry: a record class that gains a field, a table that gains rows,
or a new kind of record (which gets a page of its own) shows up in the catalogue
without a change here. A few kinds have pages laid out for them (countries, instruments
with their participations, editions and rounds, events by year, sources).

:func:`render` is plain Python (tests call it without Sphinx); :func:`write`
puts the pages in a folder, rewriting only the files whose text changed so that
incremental builds stay incremental; ``setup`` makes it a Sphinx extension that
writes into ``<docs>/catalogue/`` on ``builder-inited``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import eu_ca_partnership as eca
from eu_ca_partnership._kinds import KINDS, RecordKind

FOLDER = "catalogue"
"""The build-time folder, relative to the Sphinx source directory (git-ignored)."""

#: Fields rendered in a record's own way rather than as a plain ``name: value`` row.
_SOURCING = ("sources", "confidence", "field_notes")
#: Fields rendered as a section of their own.
_NESTED = {eca.Forum: ("editions",), eca.Country: ("names",)}

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>#|~%$^!=])")
_LIST_START = re.compile(r"^(\d+)([.)])")


def text(value: str) -> str:
    """Data text made safe for MyST: on one line, every markup character escaped."""
    escaped = _PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))
    escaped = _LIST_START.sub(r"\1\\\2", escaped)
    if escaped[:1] in ("-", "+", ":", "("):
        escaped = "\\" + escaped
    return escaped


def code(value: object) -> str:
    """A value as inline code, whatever backticks it holds."""
    shown = str(value)
    fence = "``" if "`" in shown else "`"
    return f"{fence} {shown} {fence}" if fence == "``" else f"`{shown}`"


def link(label: str, title: str) -> str:
    """A cross-reference to a catalogue target; Sphinx warns (and ``-W`` fails) if it is missing."""
    return f"[{text(title)}](#{label})"


def label_of(kind: str, key: str) -> str:
    """The Sphinx label of a record, ``catalogue-<kind>-<key>``."""
    return f"catalogue-{kind}-{key}".lower()


class _Catalogue:
    """The pages of one dataset, with the labels and back-references between them."""

    def __init__(self, data: eca.Dataset) -> None:
        self.data = data
        self.countries = {c.alpha_2: c for c in data.countries}
        self.instruments = {i.id: i for i in data.instruments}
        self.rounds: defaultdict[str, list[eca.DialogueRound]] = defaultdict(list)
        for row in data.all_dialogue_rounds:
            self.rounds[row.dialogue].append(row)
        self.labels: dict[int, tuple[str, str]] = {}  # id(record) -> (label, title)
        self.cited_by: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        for record, label, title in self._every_record():
            self.labels[id(record)] = (label, title)
            for source_id in _source_ids(record):
                self.cited_by[source_id].append((label, title))

    # -- what there is and what it is called ----------------------------------------------

    def _every_record(self) -> Iterator[tuple[Any, str, str]]:
        data = self.data
        for country in data.countries:
            yield country, label_of("country", country.alpha_2), country.name
        for instrument in data.instruments:
            yield instrument, label_of("instrument", instrument.id), _heading(instrument)
            for participation in self.participations_in(instrument):
                title = f"{self.country_name(participation.country)} in {_short(instrument)}"
                yield participation, label_of("participation", participation.id), title
            for number, edition in enumerate(getattr(instrument, "editions", ()), 1):
                title = f"{_short(instrument)}, edition {edition.number}"
                yield edition, label_of("edition", f"{instrument.id}-{number}"), title
            for number, row in enumerate(self.rounds.get(instrument.id, ()), 1):
                yield row, label_of("round", f"{instrument.id}-{number}"), self.round_title(row, instrument)
        for dialogue, rows in self.rounds.items():
            if dialogue not in self.instruments:
                for number, row in enumerate(rows, 1):
                    yield row, label_of("round", f"{dialogue}-{number}"), self.round_title(row, None)
        for event in data.events:
            yield event, label_of("event", event.id), f"{event.date}: {event.title}"
        for kind in self.other_kinds():
            for number, record in enumerate(data.records(kind.name), 1):
                key = getattr(record, kind.id_field) if kind.id_field else str(number)
                yield record, label_of(kind.singular.replace(" ", "-"), key), _title(record, key)

    def other_kinds(self) -> list[RecordKind]:
        """The kinds with a generic page of their own: every kind without a page laid out for it."""
        return [kind for kind in KINDS if kind.name not in _LAID_OUT and kind.nested is None]

    def participations_in(self, instrument: eca.Instrument) -> tuple[eca.Participation, ...]:
        rows = [p for p in self.data.all_participations if p.instrument == instrument.id]
        return tuple(sorted(rows, key=lambda p: (self.country_name(p.country), _when(p))))

    def completeness(self, record: Any) -> Any:
        """How complete the series that counts a record's rounds, editions or terms is, if one does."""
        try:
            return self.data.completeness(record)
        except eca.UnknownRecordError:
            return None

    def country_name(self, alpha_2: str) -> str:
        found = self.countries.get(alpha_2)
        return found.name if found else alpha_2

    def round_title(self, row: eca.DialogueRound, instrument: eca.Instrument | None) -> str:
        number = f"round {row.number}" if row.number is not None else "unnumbered round"
        when = f" ({row.start})" if row.start is not None else ""
        owner = instrument.name if instrument else row.dialogue
        return f"{owner}, {number}{when}"

    def ref(self, record: Any) -> str:
        label, title = self.labels[id(record)]
        return link(label, title)

    # -- values ---------------------------------------------------------------------------

    def value(self, record: Any, name: str, value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, tuple):
            if not value:
                return "—"
            return ", ".join(self.value(record, name, item) for item in value)
        if isinstance(value, enum.Enum):
            return code(value.value)
        if isinstance(value, (eca.PartialDate, dt.date)):
            return code(value.isoformat() if isinstance(value, dt.date) else value)
        if isinstance(value, (int, Decimal, eca.Money)):
            return text(str(value))
        if isinstance(value, str):
            return self.reference(name, value)
        return text(str(value))

    def reference(self, name: str, value: str) -> str:
        """A field that names another record (a country code, an instrument id) as a link to it."""
        if name in ("country", "countries") and value in self.countries:
            return link(label_of("country", value), self.countries[value].name) + f" ({code(value)})"
        if name in ("instrument", "instruments", "dialogue") and value in self.instruments:
            return link(label_of("instrument", value), self.instruments[value].name)
        if name == "id":
            return code(value)
        return text(value)

    def source_link(self, source_id: str) -> str:
        try:
            found = self.data.source(source_id)
        except eca.UnknownRecordError:
            return f"{code(source_id)} (not in the sources)"
        return f"[{text(found.title)}](<{found.url}>) ({link(label_of('source', found.id), found.id)})"

    # -- records --------------------------------------------------------------------------

    def fields(self, record: Any) -> list[str]:
        """The record's data as a MyST field list: every field, in the class's order, even when empty."""
        nested = next((names for cls, names in _NESTED.items() if isinstance(record, cls)), ())
        lines = []
        for field in attrs.fields(type(record)):
            if field.name in _SOURCING or field.name in nested:
                continue
            lines.append(f":{field.name}: {self.value(record, field.name, getattr(record, field.name))}")
        if hasattr(record, "confidence"):
            lines.append(f":confidence: {self.value(record, 'confidence', record.confidence)}")
        return lines

    def sourcing(self, record: Any) -> list[str]:
        """The record's sources, then its field notes with their competing claims."""
        lines = []
        sources = getattr(record, "sources", ())
        if sources:
            lines += ["", "**Sources**", ""]
            lines += [f"- {self.source_link(s)}" for s in sources]
        notes = getattr(record, "field_notes", ())
        if notes:
            lines += ["", "**Field notes**", ""]
            for note in notes:
                about = [f"- {code(note.field)}: {text(note.note)}"]
                if note.confidence is not None:
                    about.append(f"Confidence: {code(note.confidence.value)}.")
                if note.sources:
                    about.append("Sources: " + "; ".join(self.source_link(s) for s in note.sources) + ".")
                lines.append(" ".join(about))
                if note.claims:
                    lines.append("")
                    lines.append("  **Competing claims**")
                    lines.append("")
                for claim in note.claims:
                    said = [f"  - {code(claim.value)}, confidence {code(claim.confidence.value)}"]
                    if claim.note:
                        said.append(f"({text(claim.note)})")
                    said.append("— " + "; ".join(self.source_link(s) for s in claim.sources) + ".")
                    lines.append(" ".join(said))
                if note.claims:
                    lines.append("")
        return lines

    def entry(self, record: Any, level: int) -> list[str]:
        label, title = self.labels[id(record)]
        return [
            f"({label})=",
            f"{'#' * level} {text(title)}",
            "",
            *self.fields(record),
            *self.sourcing(record),
            "",
        ]

    # -- pages ----------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        kinds = [kind for kind in eca.Kind if any(i.kind is kind for i in self.data.instruments)]
        pages = {
            "index.md": self.index_page(kinds),
            "countries.md": self.countries_page(),
            **{f"instruments-{kind.value}.md": self.instruments_page(kind) for kind in kinds},
            "events.md": self.events_page(),
            **{f"{kind.name}.md": self.kind_page(kind) for kind in self.other_kinds()},
            "sources.md": self.sources_page(),
        }
        orphans = [rows for dialogue, rows in self.rounds.items() if dialogue not in self.instruments]
        if orphans:
            pages["other-dialogue-rounds.md"] = self.orphan_rounds_page(orphans)
        return {name: "\n".join(lines).rstrip() + "\n" for name, lines in pages.items()}

    def index_page(self, kinds: list[eca.Kind]) -> list[str]:
        meta = self.data.meta
        toctree = [
            "countries",
            *(f"instruments-{k.value}" for k in kinds),
            "events",
            *(kind.name for kind in self.other_kinds()),
        ]
        if any(d not in self.instruments for d in self.rounds):
            toctree.append("other-dialogue-rounds")
        toctree.append("sources")
        counts = [(kind.title.lower(), len(self.data.records(kind.name))) for kind in KINDS]
        return [
            "(catalogue)=",
            "# Data catalogue",
            "",
            "Every record of the bundled data, as `eu_ca_partnership.load()` returns it. These pages",
            "are written from the data each time the documentation is built; nothing on them is typed",
            "by hand, so they say exactly what the installed data says.",
            "",
            f":title: {text(meta.title)}",
            f":data_as_of: {code(meta.data_as_of.isoformat())}",
            f":coverage_start: {code(meta.coverage_start.isoformat())}",
            f":license: {text(meta.license)}",
            f":note: {text(meta.note)}",
            f":records: {', '.join(f'{n} {what}' for what, n in counts)}",
            "",
            "How to read an entry:",
            "",
            "- Every field is shown under its attribute name, exactly as recorded; `—` means the data",
            "  records no value (`None`, or an empty list). Dates are as precise as their sources:",
            "  `2024-09` is a month, `1999` a year.",
            "- **confidence** grades the record as a whole: " + _docstring_body(eca.Confidence),
            "- **Sources** link to the page the fact was read from, and to its entry under",
            f"  [Sources](#{label_of('page', 'sources')}), which says who published it.",
            "- **Field notes** give the sourcing of a single field where it differs from the record's,",
            "  and the **competing claims** where sources disagree.",
            "",
            "How complete each series is (a count is complete, or says what it lacks):",
            "",
            *(f"- {text(s.title)}: {text(str(self.data.completeness(s)))}" for s in self.data.series),
            "",
            "```{toctree}",
            ":maxdepth: 1",
            "",
            *toctree,
            "```",
        ]

    def countries_page(self) -> list[str]:
        lines = [f"({label_of('page', 'countries')})=", "# Countries", ""]
        for country in self.data.countries:
            lines += self.entry(country, 2)
            if country.names:
                lines += [
                    "**Names**",
                    "",
                    "| language | kind | name | sources |",
                    "| --- | --- | --- | --- |",
                ]
                for name in country.names:
                    sources = ", ".join(link(label_of("source", s), s) for s in name.sources)
                    lines.append(
                        f"| {code(name.lang)} | {code(name.kind.value)} | {text(name.name)} | {sources} |"
                    )
                lines.append("")
            held = [p for p in self.data.all_participations if p.country == country.alpha_2]
            if held:
                lines += ["**Participations**", ""]
                for row in sorted(held, key=lambda p: (_when(p), p.id)):
                    lines.append(f"- {self.ref(row)}: {_period(row)}")
                lines.append("")
            events = [e for e in self.data.events if country.alpha_2 in e.countries]
            if events:
                lines += ["**Events**", ""]
                lines += [f"- {self.ref(e)}" for e in events]
                lines.append("")
        return lines

    def instruments_page(self, kind: eca.Kind) -> list[str]:
        words = kind.value.replace("-", " ").capitalize()
        title = words[:-1] + "ies" if words.endswith("y") else words + "s"
        lines = [f"({label_of('page', 'instruments-' + kind.value)})=", f"# Instruments: {title}", ""]
        for instrument in (i for i in self.data.instruments if i.kind is kind):
            lines += self.entry(instrument, 2)
            rows = self.participations_in(instrument)
            lines += ["### Participations", ""]
            if rows:
                lines += [
                    "| country | start | in_place_by | end | ongoing | confidence |",
                    "| --- | --- | --- | --- | --- | --- |",
                ]
                for row in rows:
                    cells = [link(self.labels[id(row)][0], self.country_name(row.country))] + [
                        self.value(row, name, getattr(row, name))
                        for name in ("start", "in_place_by", "end", "ongoing", "confidence")
                    ]
                    lines.append("| " + " | ".join(cells) + " |")
                lines.append("")
                for row in rows:
                    lines += self.entry(row, 4)
            else:
                lines += ["No participations are recorded.", ""]
            editions = getattr(instrument, "editions", ())
            if editions:
                lines += ["### Editions", ""]
                for edition in editions:
                    lines += self.entry(edition, 4)
            rounds = self.rounds.get(instrument.id, ())
            if rounds or kind is eca.Kind.DIALOGUE:
                lines += ["### Dialogue rounds", ""]
                lines += (
                    [f"**Completeness:** {text(str(c))}", ""] if (c := self.completeness(instrument)) else []
                )
                if not rounds:
                    lines += ["No rounds are recorded.", ""]
                for row in rounds:
                    lines += self.entry(row, 4)
            events = [e for e in self.data.events if e.instrument == instrument.id]
            if events:
                lines += ["### Events", ""]
                lines += [f"- {self.ref(e)}" for e in events]
                lines.append("")
        return lines

    def orphan_rounds_page(self, groups: Iterable[list[eca.DialogueRound]]) -> list[str]:
        lines = [f"({label_of('page', 'other-dialogue-rounds')})=", "# Other dialogue rounds", ""]
        for rows in groups:
            for row in rows:
                lines += self.entry(row, 2)
        return lines

    def events_page(self) -> list[str]:
        lines = [f"({label_of('page', 'events')})=", "# Events", ""]
        if not self.data.events:
            return [*lines, "No events are recorded.", ""]
        lines += ["In date order; a date known only to the year sorts before the months of that year.", ""]
        by_year: defaultdict[int, list[eca.Event]] = defaultdict(list)
        for event in self.data.events:
            by_year[event.date.year].append(event)
        for year, events in by_year.items():
            lines += [f"## {year}", ""]
            for event in events:
                lines += self.entry(event, 3)
        return lines

    def kind_page(self, kind: RecordKind) -> list[str]:
        """A page listing every record of one kind, in the dataset's order."""
        lines = [f"({label_of('page', kind.name)})=", f"# {text(kind.title)}", "", text(kind.description), ""]
        records = self.data.records(kind.name)
        if not records:
            return [*lines, "None are recorded.", ""]
        for record in records:
            lines += self.entry(record, 2)
        return lines

    def sources_page(self) -> list[str]:
        lines = [
            f"({label_of('page', 'sources')})=",
            "# Sources",
            "",
            "Every document a fact was read from, with the records that cite it.",
            "",
        ]
        for source in sorted(self.data.sources, key=lambda s: s.id):
            label = label_of("source", source.id)
            lines += [f"({label})=", f"## {code(source.id)}", ""]
            lines += [f":title: [{text(source.title)}](<{source.url}>)"]
            for field in attrs.fields(type(source)):
                if field.name in ("id", "title"):
                    continue
                value = getattr(source, field.name)
                shown = code(value) if field.name == "url" else self.value(source, field.name, value)
                lines.append(f":{field.name}: {shown}")
            citing = self.cited_by.get(source.id, [])
            lines += ["", "**Cited by**" if citing else "Cited by no record.", ""]
            lines += [f"- {link(lab, title)}" for lab, title in citing]
            lines.append("")
        return lines


#: The kinds whose records have a page laid out for them (or appear on another kind's page).
_LAID_OUT = {"countries", "instruments", "participations", "events", "dialogue_rounds", "sources"}


def _title(record: Any, key: str) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", None) or key)


def _source_ids(record: Any) -> list[str]:
    ids = dict.fromkeys(getattr(record, "sources", ()))
    for note in getattr(record, "field_notes", ()):
        ids.update(dict.fromkeys(note.sources))
        for claim in note.claims:
            ids.update(dict.fromkeys(claim.sources))
    return list(ids)


def _short(instrument: eca.Instrument) -> str:
    return instrument.short_name or instrument.name


def _heading(instrument: eca.Instrument) -> str:
    short = instrument.short_name
    return f"{instrument.name} ({short})" if short and short not in instrument.name else instrument.name


def _when(record: Any) -> tuple[int, int, int]:
    for name in ("start", "in_place_by", "date"):
        value = getattr(record, name, None)
        if value is not None:
            return value.sort_key()  # type: ignore[no-any-return]
    return (0, 0, 0)


def _period(row: eca.Participation) -> str:
    begin = f"from {row.start}" if row.start is not None else f"in place by {row.in_place_by}"
    if row.end is not None:
        return f"{begin} to {row.end}"
    return f"{begin}, ongoing" if row.ongoing else f"{begin}, end not established"


def _docstring_body(obj: object) -> str:
    """A docstring without its summary line, reST literals turned into MyST code (enum names as their values)."""
    body = " ".join((obj.__doc__ or "").strip().split("\n\n")[1:])
    parts = body.split("``")
    shown = []
    for index, part in enumerate(parts):
        if index % 2:
            shown.append(code(part.lower()))
        elif part.strip():
            shown.append(
                (" " if part[0].isspace() else "") + text(part) + (" " if part[-1].isspace() else "")
            )
    return "".join(shown)


def render(data: eca.Dataset) -> dict[str, str]:
    """The catalogue pages of ``data``: file name -> MyST text."""
    return _Catalogue(data).pages()


def write(data: eca.Dataset, folder: Path) -> list[str]:
    """Write the pages into ``folder``, touching only changed files; returns the names written."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = render(data)
    written = []
    for name, content in pages.items():
        target = folder / name
        if not target.exists() or target.read_text("utf-8") != content:
            target.write_text(content, "utf-8")
            written.append(name)
    for stale in folder.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    return written


def _on_builder_inited(app: Any) -> None:
    from sphinx.util import logging

    written = write(eca.load(), Path(app.srcdir) / FOLDER)
    if written:
        logging.getLogger(__name__).info("catalogue: wrote %s", ", ".join(written))


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
