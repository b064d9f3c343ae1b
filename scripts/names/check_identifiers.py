#!/usr/bin/env python3
"""Check the codes and ISO names of src/eu_ca_partnership/data/countries.json against ISO 3166-1.

A maintainer's tool, run by hand at development time (see README.md next to it). It compares
each country's ``alpha_3``, ``numeric``, ``name`` and ``official_name`` with ISO 3166-1 as
packaged by pycountry (Debian's iso-codes, pinned in requirements.txt); where ISO gives no
official name (Turkmenistan), ``official_name`` must be the ISO name. It also checks that the
Wikidata ``qid`` values are well formed and distinct. No network; exit status 1 on a difference.

    python scripts/names/check_identifiers.py
"""

from __future__ import annotations

import json
import re
import sys
from importlib.metadata import version
from pathlib import Path

try:
    import pycountry
except ImportError:  # not a dependency of the package: a venv of its own, see README.md
    sys.exit(
        "check_identifiers.py needs pycountry: install scripts/names/requirements.txt (see scripts/names/README.md)"
    )

COUNTRIES_FILE = (
    Path(__file__).resolve().parent.parent.parent / "src" / "eu_ca_partnership" / "data" / "countries.json"
)


def problems_of(countries: list[dict[str, str]]) -> list[str]:
    problems = []
    for country in countries:
        code = country["alpha_2"]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is None:
            problems.append(f"{code}: not an ISO 3166-1 alpha-2 code")
            continue
        expected = {
            "alpha_3": iso.alpha_3,
            "numeric": iso.numeric,
            "name": iso.name,
            "official_name": getattr(iso, "official_name", iso.name),
        }
        for field, value in expected.items():
            if country[field] != value:
                problems.append(f"{code}: {field} is {country[field]!r}, ISO 3166-1 has {value!r}")
        if not re.fullmatch(r"Q[1-9][0-9]*", country.get("qid") or ""):
            problems.append(f"{code}: qid {country.get('qid')!r} is not a Wikidata item id")
    qids = [country.get("qid") for country in countries]
    if len(set(qids)) != len(qids):
        problems.append(f"two countries have the same qid: {qids}")
    return problems


def main() -> int:
    countries = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    problems = problems_of(countries)
    if problems:
        print("countries.json differs from ISO 3166-1:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    codes = ", ".join(f"{c['alpha_2']}/{c['alpha_3']}/{c['numeric']}" for c in countries)
    print(f"countries.json agrees with ISO 3166-1 (pycountry {version('pycountry')}): {codes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
