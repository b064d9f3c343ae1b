"""The loader: strict structuring, cross-record checks, and DataError with file and JSON path."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eu_ca_partnership as eca
from eu_ca_partnership._codec import make_json_converter
from eu_ca_partnership._kinds import META_FILE, data_files

PATH = re.compile(r"^[a-z_]+\.json: .+ @ \$[\w\[\].]*$")


def _data_error(folder: Path) -> eca.DataError:
    with pytest.raises(eca.DataError) as caught:
        eca.load(folder)
    for problem in caught.value.errors:
        assert PATH.match(problem), problem
    return caught.value


def test_the_bundled_data_loads_and_is_the_default(data: eca.Dataset) -> None:
    assert eca.load() == data
    assert len(data.countries) == 5


def test_a_copied_folder_loads_the_same(data_copy: Callable[[], Path], data: eca.Dataset) -> None:
    assert eca.load(data_copy()) == data
    assert eca.load(str(data_copy())) == data


def test_every_record_round_trips_through_the_converter(data: eca.Dataset) -> None:
    converter = make_json_converter()
    for record in data.records():
        raw = converter.unstructure(record)
        assert json.loads(json.dumps(raw)) == raw
        assert converter.structure(raw, type(record)) == record
    assert converter.structure(converter.unstructure(data.meta), eca.Meta) == data.meta


def test_the_json_files_are_the_canonical_unstructured_form(
    raw_tables: dict[str, Any], data: eca.Dataset
) -> None:
    """Structuring then unstructuring gives back each file exactly: no default spelt out, nothing lost."""
    converter = make_json_converter()
    for name, cls in data_files().items():
        for row in raw_tables[name]:
            assert converter.unstructure(converter.structure(row, cls)) == row


def _period(country: str, instrument: str, start: dt.date) -> dict[str, Any]:
    """A participation row to add to participations.json, ongoing from ``start``."""
    return {
        "id": f"{country.lower()}-{instrument}-added",
        "country": country,
        "instrument": instrument,
        "start": start.isoformat(),
        "ongoing": True,
        "sources": ["founding-factsheet"],
        "confidence": "low",
    }


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("meta.json", lambda m: m.update(coverage_start=m["data_as_of"])),  # a coverage of one day
        # held in November 2017, ended on 1 November: the first day it may have begun
        ("dialogue_rounds.json", lambda d: d[0].update(start="2017-11", end="2017-11-01")),
        # Turkmenistan's GSP ended on 31 December 2015: another arrangement may begin the next day
        ("participations.json", lambda d: d.append(_period("TM", "gsp-plus", dt.date(2016, 1, 1)))),
        # Kyrgyzstan's GSP, begun on a day not given, known in place on the very day it ended
        ("participations.json", lambda d: d[0].update(in_place_by="2016-01-26")),
    ],
)
def test_data_at_the_edge_of_a_rule_loads(
    changed_data: Callable[..., Path], name: str, change: Callable[[Any], Any]
) -> None:
    assert len(eca.load(changed_data(name, change)).countries) == 5


# -- generated corruptions -----------------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


WRONG_VALUES = [None, 17, -3.5, True, "", "text", [], {}, ["x"], {"a": 1}, "2024-13", "9999-99-99"]
SHAPES = [{}, "text", 3, None, [[]], [1], [{}]]


@st.composite
def corruption_plans(draw: st.DrawFn) -> dict[str, Any]:
    """What to corrupt, as plain choices (applied to a copy of the data by the test)."""
    return {
        "file": draw(st.sampled_from([*sorted(data_files()), META_FILE])),
        "how": draw(
            st.sampled_from(["drop key", "unknown key", "wrong value", "shape", "truncate", "bad bytes"])
        ),
        "cut": draw(st.floats(min_value=0.0, max_value=0.999)),
        "record": draw(st.integers(min_value=0, max_value=10**6)),
        "key": draw(st.integers(min_value=0, max_value=10**6)),
        "value": draw(st.sampled_from(range(len(WRONG_VALUES)))),
        "extra": draw(st.sampled_from(["extra", "Id", "sources_", "year"])),
        "shape": draw(st.sampled_from(range(len(SHAPES)))),
    }


def _apply(plan: dict[str, Any], original: Any) -> Any:
    document = copy.deepcopy(original)
    if plan["how"] == "shape":
        return copy.deepcopy(SHAPES[plan["shape"]])
    records = [p for p in _paths(document) if isinstance(_at(document, p), dict) and _at(document, p)]
    if not records:
        return copy.deepcopy(SHAPES[plan["shape"]])
    record = _at(document, records[plan["record"] % len(records)])
    key = sorted(record)[plan["key"] % len(record)]
    if plan["how"] == "unknown key":
        record[plan["extra"]] = 1
    elif plan["how"] == "drop key":
        del record[key]
    else:
        record[key] = copy.deepcopy(WRONG_VALUES[plan["value"]])
    return document


def _content(plan: dict[str, Any], original: Any) -> bytes | None:
    """The corrupted file's bytes, or None when the plan happens to change nothing."""
    text = json.dumps(original, ensure_ascii=False, indent=2)
    if plan["how"] == "truncate":
        return text.encode("utf-8")[: int(len(text.encode("utf-8")) * plan["cut"])]
    if plan["how"] == "bad bytes":
        encoded = text.encode("utf-8")
        at = int(len(encoded) * plan["cut"])
        return encoded[:at] + b"\xff\xfe" + encoded[at:]
    document = _apply(plan, original)
    return None if document == original else json.dumps(document, ensure_ascii=False).encode("utf-8")


#: Corruptions tried per run: 1,000 in CI (CI=true), fewer on a developer's machine.
CORRUPTION_CASES = 1000 if os.environ.get("CI") else 200


@settings(
    max_examples=CORRUPTION_CASES, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(plan=corruption_plans())
def test_generated_corruptions_fail_with_file_and_path(
    raw_tables: dict[str, Any], data_copy: Callable[[], Path], plan: dict[str, Any]
) -> None:
    name = plan["file"]
    content = _content(plan, raw_tables[name])
    if content is None:
        return  # the "wrong" value happened to equal the original: nothing changed
    folder = data_copy()
    (folder / name).write_bytes(content)
    try:
        eca.load(folder)
    except eca.DataError as error:
        for problem in error.errors:
            assert PATH.match(problem), problem
        return
    # Only what the schema allows may load: dropping an optional key, or a value a field accepts.
    assert plan["how"] in {"drop key", "wrong value"}, plan


@pytest.mark.parametrize(
    ("name", "mutate", "message"),
    [
        (
            "countries.json",
            lambda d: d[0].pop("alpha_2"),
            r"countries.json: required field missing @ \$\[0\].alpha_2",
        ),
        (
            "countries.json",
            lambda d: d[1].update(flag="x"),
            r"countries.json: unknown field\(s\) \['flag'\] @ \$\[1\]",
        ),
        (
            "countries.json",
            lambda d: d[0].update(numeric=398),
            r"countries.json: expected a string, got int 398 @ \$\[0\].numeric",
        ),
        (
            "countries.json",
            lambda d: d[0].update(aliases="Qazaqstan"),
            r"expected a JSON array, got str 'Qazaqstan' @ \$\[0\].aliases",
        ),
        (
            "countries.json",
            lambda d: d[1].update(aliases=["Kazakhstan"]),
            r"'kazakhstan' is used by KZ and KG @ \$\[1\]",
        ),
        (
            "countries.json",
            lambda d: d[0]["names"].append(
                {"name": "Кыргызстан", "lang": "ru", "kind": "short", "sources": ["founding-factsheet"]}
            ),
            r"countries.json: name or code 'кыргызстан' is used by KZ and KG @ \$\[1\]",
        ),
        (
            "countries.json",
            lambda d: d[1].update(qid="Q-813"),
            r"qid 'Q-813' does not match 'Q\[1-9\]\[0-9\]\*' @ \$\[1\].qid",
        ),
        (
            "sources.json",
            lambda d: next(s for s in d if s.get("celex")).update(celex="2012/978"),
            r"celex '2012/978' does not match .* @ \$\[\d+\].celex",
        ),
        (
            "countries.json",
            lambda d: d[0]["names"][0].update(lang="Russian"),
            r"lang 'Russian' does not match .* @ \$\[0\].names\[0\].lang",
        ),
        (
            "participations.json",
            lambda d: d[0].update(country="FR"),
            r"unknown country 'FR' @ \$\[0\].country",
        ),
        (
            "participations.json",
            lambda d: d[0].update(instrument="gsp-max"),
            r"unknown instrument 'gsp-max' @ \$\[0\].instrument",
        ),
        (
            "participations.json",
            lambda d: d[1].update(id=d[0]["id"]),
            r"duplicate id '[a-z-]+', already the id of the record at participations.json \$\[0\] @ \$\[1\].id",
        ),
        (
            "participations.json",
            lambda d: d[1].update(start="2020-01-01", end="2019-12-31", ongoing=False),
            r"end 2019-12-31 is before start 2020-01-01 @ \$\[1\]",
        ),
        (
            "dialogue_rounds.json",
            lambda d: d[0].update(end="2017-11-28"),
            r"dialogue_rounds.json: end 2017-11-28 is before start 2017-11-29 @ \$\[0\].end",
        ),
        (
            "envoys.json",
            lambda d: d[0].update(end="2006-09-30"),
            r"envoys.json: end 2006-09-30 is before start 2006-10-05 @ \$\[0\].end",
        ),
        (
            "forums.json",
            lambda d: d[0]["editions"][0].update(end="2001-01-01"),
            r"forums.json: end 2001-01-01 is before start \S+ @ \$\[0\].editions\[0\].end",
        ),
        (
            "dialogue_rounds.json",
            lambda d: d[1].update(number="12"),
            r"dialogue_rounds.json: expected an integer, got str '12' @ \$\[1\].number",
        ),
        (
            "participations.json",
            lambda d: d[4].update(end="2021-04-10"),
            r"'uzbekistan-gsp-plus' may overlap 'uzbekistan-gsp' \(at \$\[4\]\); "
            r"a country holds one trade-preference at a time @ \$\[5\]",
        ),
        (
            "participations.json",
            lambda d: d[1].update(start="2013-01-01", end="2014-01-01", ongoing=False),
            r"'kyrgyzstan-gsp-plus' may overlap 'kyrgyzstan-gsp' \(at \$\[0\]\)",
        ),
        (
            "participations.json",
            lambda d: d[1].update(in_place_by=d[1].pop("start")),
            r"'kyrgyzstan-gsp-plus' may overlap 'kyrgyzstan-gsp' \(at \$\[0\]\)",
        ),
        (
            "participations.json",
            lambda d: d.append(_period("TM", "gsp-plus", dt.date(2015, 12, 31))),
            r"'tm-gsp-plus-added' may overlap 'turkmenistan-gsp' \(at \$\[3\]\)",
        ),
        (
            "participations.json",
            lambda d: d[1].update(start="2023-02-29"),
            r"'2023-02-29' is not a partial date: February 2023 has 28 days @ \$\[1\].start",
        ),
        (
            "participations.json",
            lambda d: d[0].update(sources=[]),
            r"every record must cite at least one source @ \$\[0\]",
        ),
        (
            "participations.json",
            lambda d: d[0].update(sources=["nowhere"]),
            r"unknown source 'nowhere' @ \$\[0\].sources\[0\]",
        ),
        (
            "participations.json",
            lambda d: d[0].update(ongoing="yes"),
            r"expected true or false, got str 'yes' @ \$\[0\].ongoing",
        ),
        (
            "participations.json",
            lambda d: d[0].update(confidence="certain"),
            r"'certain' is not a valid Confidence @ \$\[0\].confidence",
        ),
        (
            "facilities.json",
            lambda d: d[0]["budget"].update(amount="-4500000"),
            r"amount must be a positive number, got -4500000 @ \$\[0\].budget",
        ),
        (
            "facilities.json",
            lambda d: d[0]["budget"].update(amount=4500000.0),
            r"expected a decimal as a string, got float 4500000.0 @ \$\[0\].budget.amount",
        ),
        (
            "facilities.json",
            lambda d: d[0].update(kind="forum"),
            r"kind must be 'facility' here @ \$\[0\].kind",
        ),
        (
            "forums.json",
            lambda d: d[0]["editions"][1].update(country="XX"),
            r"unknown country 'XX' @ \$\[0\].editions\[1\].country",
        ),
        (
            "forums.json",
            lambda d: d[0]["editions"][2].update(number=1),
            r"edition numbers must be unique and ascending @ \$\[0\].editions$",
        ),
        (
            "instruments.json",
            lambda d: d[0]["field_notes"][0].update(field="colour"),
            r"'colour' is not a field of Instrument @ \$\[0\].field_notes\[0\].field",
        ),
        (
            "mechanisms.json",
            lambda d: d[0]["instruments"].append("nope"),
            r"unknown instrument 'nope' @ \$\[0\].instruments\[5\]",
        ),
        (
            "series.json",
            lambda d: d[0].update(of="forum_edition"),
            r"'forum_edition' is not a kind of record; kinds: countries, .* @ \$\[0\].of",
        ),
        (
            "series.json",
            lambda d: d[1].update(key="dialog"),
            r"'dialog' is not a field of DialogueRound @ \$\[1\].key",
        ),
        (
            "series.json",
            lambda d: d[1].pop("value"),
            r"give both key and value, or neither @ \$\[1\]",
        ),
        (
            "series.json",
            lambda d: d[1].update(complete=True),
            r"a complete series misses nothing @ \$\[1\]",
        ),
        (
            "conventions.json",
            lambda d: d[1].update(annex_number=1),
            r"conventions.json: annex number 1 is also 'genocide-convention'.* @ \$\[1\].annex_number",
        ),
        (
            "conventions.json",
            lambda d: d[0].update(annex_part="B"),
            r"conventions.json: number 1 is not in part B of Annex VIII @ \$\[0\].annex_part",
        ),
        (
            "participations.json",
            lambda d: d[0].update(sources=["Not a slug"]),
            r"source id 'Not a slug' is not a slug @ \$\[0\].sources",
        ),
        (
            "meta.json",
            lambda d: d.update(data_as_of="2026-11"),
            r"meta.json: '2026-11' is not a day; expected YYYY-MM-DD .* @ \$.data_as_of",
        ),
    ],
)
def test_each_kind_of_corruption_is_named_with_its_path(
    changed_data: Callable[..., Path],
    name: str,
    mutate: Callable[[Any], Any],
    message: str,
) -> None:
    error = _data_error(changed_data(name, mutate))
    assert any(re.search(message, problem) for problem in error.errors), error.errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not utf-8", r"countries.json: not UTF-8 .* @ \$"),
        (b'[{"alpha_2": "KZ"', r"countries.json: not valid JSON .* @ \$"),
        (b"", r"countries.json: not valid JSON .* @ \$"),
        (b'[{"alpha_2": "KZ", "alpha_2": "KG"}]', r"duplicate key\(s\) \['alpha_2'\] in one object @ \$"),
        (b"[NaN]", r"NaN is not valid JSON @ \$"),
        (b'{"countries": []}', r"expected a JSON array, got dict .* @ \$"),
    ],
)
def test_unreadable_files_fail_with_the_file_name(
    data_copy: Callable[[], Path], content: bytes, message: str
) -> None:
    folder = data_copy()
    (folder / "countries.json").write_bytes(content)
    error = _data_error(folder)
    assert any(re.search(message, problem) for problem in error.errors), error.errors


def test_a_missing_file_is_named(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / "events.json").unlink()
    assert _data_error(folder).errors == ("events.json: file missing @ $",)


def test_every_problem_is_reported_not_just_the_first(changed_data: Callable[..., Path]) -> None:
    def two_mistakes(document: list[dict[str, Any]]) -> None:
        document[0].pop("name")
        document[2].update(alpha_3=7)

    assert len(_data_error(changed_data("countries.json", two_mistakes)).errors) == 2


def test_meta_is_listed() -> None:
    assert META_FILE == "meta.json"


def test_an_id_is_unique_across_every_file(changed_data: Callable[..., Path]) -> None:
    """A topic may not take the id of an instrument: ``record("gsp")`` would no longer be the GSP."""
    error = _data_error(changed_data("topics.json", lambda d: d[0].update(id="gsp")))
    assert error.errors == (
        "topics.json: duplicate id 'gsp', already the id of the record at instruments.json $[0] @ $[0].id",
    )


@pytest.mark.parametrize("digits", ["٢٠١٧-٠١-٠١", "２０１７", "2017-0١"])
def test_a_date_in_other_digits_fails_at_load(changed_data: Callable[..., Path], digits: str) -> None:
    error = _data_error(changed_data("events.json", lambda d: d[0].update(date=digits)))
    assert any("is not a partial date" in p and p.endswith("@ $[0].date") for p in error.errors), error.errors


@pytest.mark.parametrize("collecting", [True, False])
def test_a_load_leaves_the_garbage_collector_as_it_found_it(
    data_copy: Callable[[], Path], collecting: bool
) -> None:
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if collecting else gc.disable)()
        eca.load(data_copy())
        assert gc.isenabled() is collecting
        with pytest.raises(eca.DataError):
            eca.load("/nonexistent")
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()


def _unknown_end(rows: list[dict[str, Any]]) -> None:
    """Turkmenistan's GSP as if its end were not known: ended, on a day before DATA_AS_OF."""
    period = next(r for r in rows if r["id"] == "turkmenistan-gsp")
    del period["end"]


@pytest.mark.parametrize(
    ("change", "overlaps"),
    [
        # a period that ended on an unknown day may have lasted until the day before DATA_AS_OF
        (
            lambda d: (
                _unknown_end(d),
                d.append(_period("TM", "gsp-plus", eca.DATA_AS_OF - dt.timedelta(days=1))),
            ),
            True,
        ),
        (lambda d: (_unknown_end(d), d.append(_period("TM", "gsp-plus", eca.DATA_AS_OF))), False),
        # an ongoing period has no last day: a later one always overlaps it
        (lambda d: d.append(_period("KG", "gsp", eca.DATA_AS_OF + dt.timedelta(days=400))), True),
        # the day one period ends and the day another begins: one shared day is an overlap
        (
            lambda d: d.append(
                _period("TM", "eu-turkmenistan-pca", dt.date(2000, 1, 1))
                | {"end": "2010-08-01", "ongoing": False}
            ),
            True,
        ),
        (
            lambda d: d.append(
                _period("TM", "eu-turkmenistan-pca", dt.date(2000, 1, 1))
                | {"end": "2010-07-31", "ongoing": False}
            ),
            False,
        ),
    ],
    ids=["unknown-end-day-before", "unknown-end-on-the-day", "ongoing", "shared-day", "day-before"],
)
def test_exclusive_periods_are_apart_at_the_edges(
    changed_data: Callable[..., Path], change: Callable[[Any], Any], overlaps: bool
) -> None:
    folder = changed_data("participations.json", change)
    if overlaps:
        assert any("may overlap" in problem for problem in _data_error(folder).errors)
    else:
        assert len(eca.load(folder).countries) == 5


def test_edition_numbers_are_checked_within_each_forum(changed_data: Callable[..., Path]) -> None:
    """A second forum numbers its editions from 1 again: allowed, as each forum has its own numbering."""

    def second_forum(rows: list[dict[str, Any]]) -> None:
        rows.append(rows[0] | {"id": "another-forum", "name": "Another forum", "short_name": None})

    data = eca.load(changed_data("forums.json", second_forum))
    assert [len(f.editions) for f in data.instruments if f.kind == "forum"] == [6, 6]
