#!/usr/bin/env python3
"""Generate the ``names`` of the five countries in src/eu_ca_partnership/data/countries.json.

A maintainer's tool, run by hand at development time; the package and its tests never run it.
It needs Babel, pinned in requirements.txt next to it (see README.md there), and reads:

* the short names of CLDR (the Unicode Common Locale Data Repository) as shipped by Babel, in
  the locales of ``CLDR_LOCALES``;
* supplement.json, next to it, kept by hand: every other name (official names, exonyms, former
  names) with the source it was read in. Its sources are keyed by the ids of their records in
  src/eu_ca_partnership/data/sources.json, which the names cite.

It also writes, from supplement.json, the ``aliases`` of each country (the adjectives of the
five, with one field note on ``aliases`` citing their sources), and src/eu_ca_partnership/_world.py:
the English short names of every other country of ISO 3166-1 (from pycountry, with CLDR's
English names), and the regions of the five that a cited source places in its country.

A name given by several sources becomes one entry citing each of them, the best first
(``PRIORITIES``); its note is the note of the best source followed by the short line
(``also``) of each other, unless supplement.json gives the note of that name in ``notes``.
A source marked ``weak`` (a blog, an aggregator) is not cited, and a name only such sources give
is left out.

    python scripts/names/generate_names.py           # print the generated names as JSON
    python scripts/names/generate_names.py --check   # exit 1 unless countries.json has exactly them
    python scripts/names/generate_names.py --write   # write them (names, aliases) and _world.py
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

try:
    import babel
    import pycountry
    from babel import Locale
    from babel.core import get_cldr_version
    from babel.localedata import locale_identifiers
except ImportError:  # not a dependency of the package: a venv of its own, see README.md
    sys.exit(
        "generate_names.py needs Babel and pycountry: install scripts/names/requirements.txt "
        "(see scripts/names/README.md)"
    )

HERE = Path(__file__).resolve().parent
SUPPLEMENT = HERE / "supplement.json"
DATA = HERE.parent.parent / "src" / "eu_ca_partnership" / "data"
COUNTRIES_FILE = DATA / "countries.json"
SOURCES_FILE = DATA / "sources.json"
WORLD_FILE = DATA.parent / "_world.py"

COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ")
#: Babel's locale -> the BCP 47 tag of the names read from it.
CLDR_LOCALES = {
    "kk": "kk-Cyrl",
    "ky": "ky-Cyrl",
    "tg": "tg-Cyrl",
    "tk": "tk-Latn",
    "uz": "uz-Latn",
    "uz_Cyrl": "uz-Cyrl",
    "ru": "ru",
    "en": "en",
    "fr": "fr",
    "de": "de",
}
LANGUAGES = {
    "kk": "Kazakh",
    "ky": "Kyrgyz",
    "tg": "Tajik",
    "tk": "Turkmen",
    "uz": "Uzbek",
    "ru": "Russian",
    "en": "English",
    "fr": "French",
    "de": "German",
}
#: The kinds of name, in the order the data lists them.
KINDS = ("short", "official", "exonym", "former")
#: The best source of a name first: the UN's list of country names, CLDR, a state's own
#: sources, then the others; sources of the same rank in the order supplement.json lists them.
PRIORITIES = ("ungegn", "cldr", "state", "other")
#: Letters that must have survived in these names (not replaced by look-alikes of another script).
REQUIRED_LETTERS = (
    ("KZ", "kk-Cyrl", "short", "Ққ"),
    ("KZ", "kk-Cyrl", "official", "Ққ"),
    ("TJ", "tg-Cyrl", "short", "ҷ"),
    ("TJ", "tg-Cyrl", "official", "Ҷҳҷ"),
    ("UZ", "uz-Cyrl", "short", "Ў"),
    ("UZ", "uz-Cyrl", "official", "Ў"),
    ("UZ", "uz-Latn", "short", "ʻ"),
    ("UZ", "uz-Latn", "official", "ʻ"),
    ("TM", "tk-Latn", "short", "ü"),
)
#: Uzbek Latin writes oʻ and gʻ with U+02BB, never with these.
BAD_UZBEK_APOSTROPHES = frozenset("\u2018\u2019'\u02bc`\u00b4")


@dataclasses.dataclass(frozen=True)
class Reading:
    """One name as one source gives it."""

    country: str
    lang: str
    kind: str
    name: str
    record: str | None  # the source record the data cites; None: a weak source, not cited
    rank: tuple[int, int]  # (priority, position in supplement.json): the best source first
    note: str  # the note when this source is the name's best
    also: str  # the line added to the note of a name whose best source is another

    @property
    def key(self) -> str:
        return f"{self.country}|{self.lang}|{self.kind}|{self.name}"


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def cldr_readings(supplement: dict[str, Any]) -> list[Reading]:
    """The CLDR short names, citing the source record of the CLDR version supplement.json names."""
    cldr = supplement["cldr"]
    version = str(get_cldr_version())
    if version != cldr["version"]:
        raise SystemExit(
            f"Babel {babel.__version__} ships CLDR {version}; the data cites CLDR {cldr['version']} "
            f"({cldr['record']}). Install requirements.txt, or add a source record for CLDR {version} "
            "to sources.json and name it in supplement.json."
        )
    available = set(locale_identifiers())
    readings = []
    for locale, tag in CLDR_LOCALES.items():
        if locale not in available:
            raise SystemExit(f"Babel {babel.__version__} has no locale {locale}")
        territories = Locale.parse(locale).territories
        language = LANGUAGES[tag.split("-")[0]]
        for country in COUNTRIES:
            name = territories.get(country)
            if name:
                readings.append(
                    Reading(
                        country=country,
                        lang=tag,
                        kind="short",
                        name=name,
                        record=cldr["record"],
                        rank=(PRIORITIES.index("cldr"), 0),
                        note=f"CLDR territory display name of {country} in {language}.",
                        also=f"Same form in CLDR {version}.",
                    )
                )
    return readings


def supplement_readings(supplement: dict[str, Any]) -> list[Reading]:
    sources = supplement["sources"]
    readings = []
    for position, entry in enumerate(supplement["names"]):
        source_id = entry["source"]
        source = sources.get(source_id)
        if source is None:
            raise SystemExit(f"supplement.json: unknown source {source_id!r} in {entry}")
        if entry["country"] not in COUNTRIES or entry["kind"] not in KINDS:
            raise SystemExit(f"supplement.json: unknown country or kind in {entry}")
        also = source.get("also", "{note}").replace("{note}", entry["note"])
        readings.append(
            Reading(
                country=entry["country"],
                lang=entry["lang"],
                kind=entry["kind"],
                name=entry["name"],
                record=None if "weak" in source else source_id,
                rank=(PRIORITIES.index(source["priority"]), position),
                note=entry["note"],
                also=also,
            )
        )
    return readings


def merge(readings: Iterable[Reading], notes: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """One name per (country, language, kind, spelling), citing its cited sources, the best first."""
    groups: dict[str, list[Reading]] = {}
    for reading in readings:
        groups.setdefault(reading.key, []).append(reading)
    unknown = sorted(set(notes) - set(groups))
    if unknown:
        raise SystemExit(f"supplement.json: notes for names no source gives: {unknown}")
    names: dict[str, list[dict[str, Any]]] = {country: [] for country in COUNTRIES}
    for key, group in groups.items():
        best_of_each: dict[str, Reading] = {}  # the best reading of each cited source
        for reading in sorted(group, key=lambda r: r.rank):
            if reading.record is not None:
                best_of_each.setdefault(reading.record, reading)
        if not best_of_each:  # only weak sources give it
            continue
        best, *others = best_of_each.values()
        names[best.country].append(
            {
                "name": best.name,
                "lang": best.lang,
                "kind": best.kind,
                "sources": list(best_of_each),
                "note": notes.get(key) or " ".join([best.note, *(r.also for r in others)]),
            }
        )
    for entries in names.values():
        entries.sort(key=lambda n: (n["lang"], KINDS.index(n["kind"]), n["name"]))
    return names


def generate() -> dict[str, list[dict[str, Any]]]:
    supplement = load_json(SUPPLEMENT)
    return merge(cldr_readings(supplement) + supplement_readings(supplement), supplement["notes"])


CONFIDENCES = ("high", "medium", "low")


def aliases(supplement: dict[str, Any]) -> dict[str, tuple[list[str], dict[str, Any] | None]]:
    """Each country's aliases, and the field note on ``aliases`` that cites their sources."""
    made: dict[str, tuple[list[str], dict[str, Any] | None]] = {}
    for code in COUNTRIES:
        entries = [e for e in supplement.get("aliases", []) if e["country"] == code]
        for entry in entries:
            if entry["source"] not in known_sources():
                raise SystemExit(f"supplement.json: {entry['source']!r} is not a source of sources.json")
        if not entries:
            made[code] = ([], None)
            continue
        note = {
            "field": "aliases",
            "note": "The adjective of the country, which the lookup accepts as a name. "
            + " ".join(e["note"] for e in entries),
            "sources": list(dict.fromkeys(e["source"] for e in entries)),
            "confidence": max((e["confidence"] for e in entries), key=CONFIDENCES.index),
        }
        made[code] = ([e["name"] for e in entries], note)
    return made


def with_aliases(country: dict[str, Any], made: tuple[list[str], dict[str, Any] | None]) -> dict[str, Any]:
    """The country record with its aliases and their field note as generated (the note last)."""
    names, note = made
    updated = {key: value for key, value in country.items() if key != "aliases"}
    notes = [n for n in country.get("field_notes", []) if n["field"] != "aliases"]
    ordered: dict[str, Any] = {}
    for key, value in updated.items():
        if key == "names" and names:
            ordered["aliases"] = names
        ordered[key] = value
    if names and "aliases" not in ordered:
        ordered["aliases"] = names
    if note is not None:
        notes.append(note)
    if notes:
        ordered["field_notes"] = notes
    else:
        ordered.pop("field_notes", None)
    return ordered


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry(key: str, values: list[str], indent: str = "    ") -> list[str]:
    """One entry of a dict literal as ``ruff format`` writes it: on one line if it fits."""
    line = f"{indent}{_literal(key)}: ({', '.join(map(_literal, values))}{',' if len(values) == 1 else ''}),"
    if len(line) <= 110:
        return [line]
    return [f"{indent}{_literal(key)}: (", *(f"{indent}    {_literal(v)}," for v in values), f"{indent}),"]


def world_module(supplement: dict[str, Any]) -> str:
    """The text of _world.py: the other countries of ISO 3166-1, and the regions of the five."""
    english = Locale.parse("en").territories
    lines = [
        '"""The world\'s other countries, and the regions of the five: what a lookup that misses tells apart.',
        "",
        "Generated by scripts/names/generate_names.py --write (see scripts/names/README.md); do not edit.",
        "",
        f"``OTHER_COUNTRIES``: every country of ISO 3166-1 but the five, as pycountry {pycountry_version()}",
        "packages it (Debian iso-codes): alpha-3 and numeric codes, then the English names: the territory",
        f"name of Unicode CLDR {get_cldr_version()} (Babel {babel.__version__}, source ``cldr-49-babel``), then",
        "ISO's common, short and official names where they differ.",
        "",
        "``REGIONS``: regions of the five as a source the data cites names them (``supplement.json``):",
        "the alpha-2 code of the country, the names, the ids of the sources.",
        '"""',
        "",
        "OTHER_COUNTRIES: dict[str, tuple[str, ...]] = {",
    ]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if country.alpha_2 in COUNTRIES:
            continue
        names = [
            english.get(country.alpha_2),
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
        ]
        values = [country.alpha_3, country.numeric, *dict.fromkeys(n for n in names if n)]
        lines += _entry(country.alpha_2, values)
    lines += ["}", "REGIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ("]
    for region in supplement.get("regions", []):
        if region["country"] not in COUNTRIES:
            raise SystemExit(f"supplement.json: unknown country in {region}")
        if region["source"] not in known_sources():
            raise SystemExit(f"supplement.json: {region['source']!r} is not a source of sources.json")
        lines += [
            "    (",
            f"        {_literal(region['country'])},",
            f"        ({', '.join(map(_literal, region['names']))}),",
            f"        ({_literal(region['source'])},),",
            "    ),",
        ]
    lines.append(")")
    return "\n".join(lines) + "\n"


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def known_sources() -> set[str]:
    return {source["id"] for source in load_json(SOURCES_FILE)}


def script_of(letter: str) -> str | None:
    if not letter.isalpha():
        return None
    name = unicodedata.name(letter, "")
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    if name.startswith("LATIN") or name == "MODIFIER LETTER TURNED COMMA":
        return "Latn"
    return "other"


def problems_of(names: dict[str, list[dict[str, Any]]]) -> list[str]:
    """NFC, one script per name, U+02BB in Uzbek Latin, and the letters of REQUIRED_LETTERS."""
    problems = []
    for country, entries in names.items():
        for entry in entries:
            name, lang = entry["name"], entry["lang"]
            where = f"{country} {lang} {name!r}"
            if unicodedata.normalize("NFC", name) != name:
                problems.append(f"{where}: not in NFC")
            script = "Cyrl" if lang == "ru" or lang.endswith("-Cyrl") else "Latn"
            for letter in name:
                if script_of(letter) not in (None, script):
                    problems.append(
                        f"{where}: {letter!r} (U+{ord(letter):04X} {unicodedata.name(letter, '?')}) is not {script}"
                    )
            if lang == "uz-Latn" and BAD_UZBEK_APOSTROPHES.intersection(name):
                problems.append(f"{where}: Uzbek Latin writes U+02BB (ʻ)")
    for country, lang, kind, letters in REQUIRED_LETTERS:
        spellings = [n["name"] for n in names[country] if (n["lang"], n["kind"]) == (lang, kind)]
        for letter in letters:
            if not any(letter in spelling for spelling in spellings):
                problems.append(f"{country} {lang} {kind}: no name {spellings} has {letter!r}")
    return problems


def uncited_records(names: dict[str, list[dict[str, Any]]]) -> list[str]:
    known = {source["id"] for source in load_json(SOURCES_FILE)}
    cited = {record for entries in names.values() for entry in entries for record in entry["sources"]}
    return sorted(cited - known)


def differences(names: dict[str, list[dict[str, Any]]], countries: list[dict[str, Any]]) -> list[str]:
    """How the names of countries.json differ from ``names``, one line each."""
    stored = {country["alpha_2"]: country.get("names", []) for country in countries}
    lines: list[str] = []
    for code in COUNTRIES:
        generated, kept = names[code], stored.get(code, [])
        if generated == kept:
            continue
        before = len(lines)
        by_key = {(n["lang"], n["kind"], n["name"]): n for n in kept}
        new_keys = {(n["lang"], n["kind"], n["name"]) for n in generated}
        for entry in generated:
            old = by_key.get((entry["lang"], entry["kind"], entry["name"]))
            label = f"{code} {entry['lang']} {entry['kind']} {entry['name']!r}"
            if old is None:
                lines.append(f"{label}: generated, not in countries.json")
                continue
            for field in sorted(set(entry) | set(old)):
                if entry.get(field) != old.get(field):
                    lines.append(f"{label}: {field} is {old.get(field)!r}, generated {entry.get(field)!r}")
        for key, old in by_key.items():
            if key not in new_keys:
                lines.append(
                    f"{code} {old['lang']} {old['kind']} {old['name']!r}: in countries.json, not generated"
                )
        if len(lines) == before:
            lines.append(f"{code}: the same names in another order")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--check", action="store_true", help="compare with countries.json; exit 1 if they differ"
    )
    action.add_argument("--write", action="store_true", help="replace the names in countries.json")
    args = parser.parse_args(argv)

    names = generate()
    problems = problems_of(names) + [
        f"cites {record!r}, which is not a source of sources.json" for record in uncited_records(names)
    ]
    if problems:
        print("The generated names have problems:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    summary = (
        f"{sum(map(len, names.values()))} names from CLDR {get_cldr_version()} (Babel {babel.__version__}) "
        f"and supplement.json: " + ", ".join(f"{code} {len(entries)}" for code, entries in names.items())
    )
    supplement = load_json(SUPPLEMENT)
    made = aliases(supplement)
    world = world_module(supplement)
    if args.check:
        countries = load_json(COUNTRIES_FILE)
        lines = differences(names, countries)
        for country in countries:
            code = country["alpha_2"]
            if code in made and with_aliases(country, made[code]) != country:
                lines.append(f"{code}: the aliases or their field note differ from supplement.json")
        if not WORLD_FILE.is_file() or WORLD_FILE.read_text(encoding="utf-8") != world:
            lines.append(f"{WORLD_FILE.name} differs from the generated module")
        if lines:
            print(f"{COUNTRIES_FILE} differs from the generated names:", *lines, sep="\n  ", file=sys.stderr)
            return 1
        print(
            f"{summary}; countries.json has exactly these names and aliases; {WORLD_FILE.name} is as generated."
        )
    elif args.write:
        countries = load_json(COUNTRIES_FILE)
        for index, country in enumerate(countries):
            if country["alpha_2"] in names:
                country["names"] = names[country["alpha_2"]]
                countries[index] = with_aliases(country, made[country["alpha_2"]])
        COUNTRIES_FILE.write_text(
            json.dumps(countries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        WORLD_FILE.write_text(world, encoding="utf-8")
        print(f"{summary}; written to {COUNTRIES_FILE} and {WORLD_FILE}.")
    else:
        print(json.dumps(names, ensure_ascii=False, indent=2))
        print(summary, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
