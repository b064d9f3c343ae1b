"""Proof of trust: hostile input, concurrency, no network, data read only as JSON."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_ca_partnership as eca

HOSTILE_TEXT = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        ["\x00", "\u202e", "KZ\x00", "🇰🇿", "ＫＺ", "Kazakhstan" * 1000, "\ud800", "  \t\n", "398.0", "-1"]
    ),
)
WRONG_TYPES = st.one_of(
    st.none(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.booleans(),
    st.binary(max_size=20),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(object()),
    st.just(dt.time(12, 0)),
)
DATES = st.one_of(
    st.dates(),
    st.datetimes(),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "2014-01-01", "2013-12-31", "2026-11-28", "2026-11-29"]),
)

#: Every public helper, called with one drawn argument in each position it has.
HELPERS: dict[str, Callable[[Any], Any]] = {
    "country": lambda q: eca.country(q),
    "instrument": lambda q: eca.instrument(q),
    "instruments_for": lambda q: eca.instruments_for(q),
    "instruments_for(on=)": lambda q: eca.instruments_for("TJ", on=q),
    "instruments_for(kind=)": lambda q: eca.instruments_for("TJ", kind=q),
    "countries_with": lambda q: eca.countries_with(q),
    "countries_with(on=)": lambda q: eca.countries_with("gsp", on=q),
    "participations": lambda q: eca.participations(q),
    "participations(instrument)": lambda q: eca.participations(None, q),
    "participations(on=)": lambda q: eca.participations(on=q),
    "status": lambda q: eca.status(q, "gsp"),
    "status(on=)": lambda q: eca.status("TM", "gsp", on=q),
    "agreement_for": lambda q: eca.agreement_for(q),
    "agreement_for(on=)": lambda q: eca.agreement_for("KZ", on=q),
    "dialogue_rounds": lambda q: eca.dialogue_rounds(q),
    "dialogue_rounds(on=)": lambda q: eca.dialogue_rounds("KG", on=q),
    "timeline(country=)": lambda q: eca.timeline(country=q),
    "timeline(since=)": lambda q: eca.timeline(since=q),
    "timeline(until=)": lambda q: eca.timeline(until=q),
    "timeline(kind=)": lambda q: eca.timeline(kind=q),
    "envoys_on": lambda q: eca.envoys_on(q),
    "source": lambda q: eca.source(q),
    "sources_of": lambda q: eca.sources_of(q),
    "record": lambda q: eca.record(q),
}


#: The helpers that take text in the position drawn: every one but sources_of, which takes a record.
TAKE_TEXT = frozenset(HELPERS) - {"sources_of"}


def _answer_or_our_error(helper: str, argument: Any) -> None:
    """A result, our own error, or a TypeError that says what was wrong; nothing else.

    Text is never the wrong type where a helper takes text: there, only our own error may come
    back. A TypeError from deeper down (unicodedata's "argument 2 must be str") is a bug.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", eca.UncertainAnswerWarning)
        warnings.simplefilter("ignore", eca.UnverifiedAnswerWarning)
        try:
            HELPERS[helper](argument)
        except eca.PartnershipError as error:
            assert str(error), helper
            assert len(str(error)) < 1000, helper
        except TypeError as error:
            message = str(error)
            assert not (isinstance(argument, str) and helper in TAKE_TEXT), (helper, message)
            assert (
                " must be " in message
                or "looked up by" in message
                or " is a str" in message
                or "not a sourced record" in message
            ), (helper, message)


@given(st.sampled_from(sorted(HELPERS)), HOSTILE_TEXT)
def test_every_helper_survives_hostile_text(helper: str, text: str) -> None:
    _answer_or_our_error(helper, text)


@given(st.sampled_from(sorted(HELPERS)), WRONG_TYPES)
def test_every_helper_survives_wrong_types(helper: str, value: Any) -> None:
    _answer_or_our_error(helper, value)


@given(st.sampled_from([h for h in HELPERS if "on=" in h or "since" in h or "until" in h]), DATES)
def test_every_date_argument_survives_boundary_dates(helper: str, value: Any) -> None:
    _answer_or_our_error(helper, value)


@pytest.mark.parametrize(
    "argv",
    [
        ["instruments", "TJ", "--on", "9999-12-31"],
        ["instruments", "TJ", "--on", "0001-01-01"],
        ["country", "x" * 100_000],
        ["countries-with", "\u202egsp"],
        ["instruments", "TJ", "--kind", "nonsense"],
        ["--json", "country", "🇰🇿"],
    ],
)
def test_the_command_line_survives_hostile_input(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "eu_ca_partnership", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr
    if done.returncode == 2:
        assert done.stderr.startswith("eu-ca: ") or done.stderr.startswith("usage: ")


def _fresh(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_threads_racing_on_first_access_load_once_and_see_the_same_objects() -> None:
    out = _fresh(
        """
import threading
import eu_ca_partnership as eca
import eu_ca_partnership._loader as loader
import eu_ca_partnership._snapshot as snapshot

calls = []  # every first load asks the snapshot (a wheel's), then the JSON loader if there is none
def counting(read):
    def count(*args):
        calls.append(read.__module__)
        return read(*args)
    return count
snapshot.read = counting(snapshot.read)
loader.load = counting(loader.load)

barrier = threading.Barrier(24)
seen = []
def worker(n):
    barrier.wait()
    kinds = ("GSP_PLUS", "TJ", "answer", "COUNTRIES", "SOURCES", "fimi")  # the last two: deferred kinds
    kind = kinds[n % len(kinds)]
    value = {
        "GSP_PLUS": lambda: eca.GSP_PLUS, "TJ": lambda: eca.country("TJ"),
        "answer": lambda: eca.instruments_for("Tajikistan"), "COUNTRIES": lambda: eca.COUNTRIES,
        "SOURCES": lambda: eca.SOURCES, "fimi": lambda: eca.record("fimi"),
    }[kind]()
    seen.append((kind, id(value)))
threads = [threading.Thread(target=worker, args=(n,)) for n in range(24)]
for t in threads: t.start()
for t in threads: t.join()
print(calls.count("eu_ca_partnership._snapshot"), calls.count("eu_ca_partnership._loader") <= 1,
      len({(kind, ident) for kind, ident in seen if kind != "answer"}), len(seen))
"""
    )
    loads, json_at_most_once, distinct, total = out.split()
    assert loads == "1"
    assert json_at_most_once == "True"
    assert distinct == "5"  # one object per constant or lookup, whichever thread asked first
    assert total == "24"


def test_import_and_every_query_work_with_the_network_disabled() -> None:
    out = _fresh(
        """
import socket
class NoNetwork(socket.socket):
    def __init__(self, *args, **kwargs):
        raise RuntimeError("network access attempted")
socket.socket = NoNetwork
socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(RuntimeError("network access attempted"))
import warnings
warnings.simplefilter("ignore")
import eu_ca_partnership as eca
answers = [
    eca.instruments_for("Tajikistan"), eca.countries_with(eca.GSP_PLUS, on="2020-06-01"),
    eca.timeline(country="UZ"), eca.dialogue_rounds("KG"), eca.envoys_on("2019-01-01"),
    eca.agreement_for("KZ"), eca.sources_of(eca.FIMI), eca.load(),
]
print(all(answers))
"""
    )
    assert out == "True"


def test_the_data_folder_holds_only_json_and_the_loader_reads_only_json() -> None:
    import importlib_resources

    from eu_ca_partnership._kinds import META_FILE, data_files
    from eu_ca_partnership._snapshot import FILE

    names = {
        entry.name for entry in importlib_resources.files("eu_ca_partnership").joinpath("data").iterdir()
    }
    assert names - {FILE} == {*data_files(), META_FILE}  # and the snapshot, in a wheel
    source = importlib_resources.files("eu_ca_partnership").joinpath("_loader.py").read_text("utf-8")
    for forbidden in ("pickle", "eval(", "exec(", "yaml", "marshal", "__import__"):
        assert forbidden not in source
