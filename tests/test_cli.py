"""The eu-ca command.

Most tests call :func:`eu_ca_partnership._cli.main` in this process (:func:`run`), so that
coverage and mutation testing (docs/mutation.md) see them. A few run ``python -m
eu_ca_partnership`` in a subprocess (:func:`run_in_subprocess`), as a user runs it: the entry
point, the exit status of the process, and a check that both ways print the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sys
import warnings
from contextlib import redirect_stderr, redirect_stdout
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership import _dates
from eu_ca_partnership._cli import ANSWER_SCHEMA, COMMANDS, main
from processes import eu_ca


@dataclasses.dataclass(frozen=True)
class Done:
    """What a run of eu-ca left behind: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def _warning_filters_of_a_fresh_interpreter() -> None:
    """The filters of ``python`` run without -W or PYTHONWARNINGS, in place of pytest's.

    The project's pytest settings turn every warning into an error; main() must meet the
    filters a user's process has, or an in-process run could answer differently.
    """
    warnings.resetwarnings()
    for category in (ResourceWarning, ImportWarning, PendingDeprecationWarning, DeprecationWarning):
        warnings.simplefilter("ignore", category)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")


def run(*args: str) -> Done:
    """``eu-ca ARGS``, run in this process by calling main()."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with warnings.catch_warnings(), redirect_stdout(stdout), redirect_stderr(stderr):
        _warning_filters_of_a_fresh_interpreter()
        try:
            status = main(list(args))
        except SystemExit as leaving:  # argparse: --help and --version (0), usage errors (2)
            if leaving.code is None or isinstance(leaving.code, int):
                status = leaving.code or 0
            else:  # as the interpreter does with SystemExit("message")
                print(leaving.code, file=sys.stderr)
                status = 1
    return Done(status, stdout.getvalue(), stderr.getvalue())


def run_in_subprocess(*args: str, columns: int | None = None) -> Done:
    """``python -m eu_ca_partnership ARGS`` in a new process: the end-to-end path."""
    done = eu_ca(*args, columns=columns)
    return Done(done.returncode, done.stdout, done.stderr)


def _header(done: Done) -> list[str]:
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[0].split()


def _envelope(*args: str) -> Any:
    """The whole object eu-ca --json prints: the answer, its day, DATA_AS_OF, what is uncertain."""
    done = run("--json", *args)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(printed, ANSWER_SCHEMA)  # every answer has the published shape
    return printed


def _json(*args: str) -> Any:
    """The answer of eu-ca --json, without what is around it."""
    return _envelope(*args)["answer"]


# -- end to end, in a real process ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("countries-with", "gsp", "--on", "2017-01-01"),  # an answer and a note under it
        ("--json", "show", "civil-society-facility"),  # JSON with non-ASCII text
        ("instruments", "Tajikstan"),  # a bad question: exit 2, one line
        ("timeline", "--kind", "party"),  # argparse's usage error: exit 2
    ],
)
def test_in_process_runs_print_what_a_real_process_prints(
    args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # argparse and the notes wrap to the terminal's width
    in_process, real = run(*args), run_in_subprocess(*args, columns=80)
    assert real.returncode == (2 if "error:" in real.stderr else 0)
    assert in_process == real


def test_python_dash_m_exits_with_the_status_main_returns() -> None:
    done = run_in_subprocess("--json", "country", "KGZ")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["answer"]["alpha_2"] == "KG"
    bad = run_in_subprocess("rounds", "Kirgizstan")
    assert bad.returncode == 2
    assert bad.stderr.startswith("eu-ca: error: no country matches 'Kirgizstan'")


def test_output_survives_a_terminal_that_cannot_print_it() -> None:
    """Characters the terminal's encoding lacks are escaped, not a traceback."""
    import os
    import subprocess

    env = os.environ | {"PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "eu_ca_partnership", "show", "janos-herman"],
        capture_output=True,
        text=True,
        encoding="ascii",
        errors="strict",
        env=env,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "name: J\\xe1nos Herman" in done.stdout


def test_the_eu_ca_script_is_main() -> None:
    scripts = metadata.entry_points(group="console_scripts", name="eu-ca")
    if not scripts:
        pytest.skip("eu-ca-partnership is not installed (no console scripts to check)")
    (script,) = scripts
    assert script.value == "eu_ca_partnership._cli:main"
    assert script.load() is main


# -- the first questions -------------------------------------------------------------------------


def test_instruments_for_tajikistan_as_a_table() -> None:
    done = run("instruments", "Tajikistan")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["ID", "KIND", "SINCE", "UNTIL", "NAME"]
    assert lines[1].split()[:5] == [
        "gsp",
        "trade-preference",
        "by",
        "2007-06-05",
        "ongoing",
    ]  # in place by, start unknown
    assert lines[-2:] == [
        "",
        f"on {eca.DATA_AS_OF.isoformat()} (facts checked {eca.DATA_AS_OF.isoformat()}; unverified after that)",
    ]  # today, named once
    assert done.stderr == ""


def test_instruments_as_json_carry_their_sources() -> None:
    done = run("--json", "instruments", "uzbekistan", "--on", "2021-04-10", "--kind", "trade-preference")
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)["answer"]
    assert row["id"] == "gsp-plus"
    assert row["since"] == "2021-04-10"
    assert all(url.startswith("http") for url in row["source_urls"])


def test_an_instrument_row_joins_the_instrument_and_the_participation() -> None:
    (row,) = _json("instruments", "uzbekistan", "--on", "2021-04-10", "--kind", "trade-preference")
    instrument, period = eca.record("gsp-plus"), eca.record("uzbekistan-gsp-plus")
    assert row == {
        "id": "gsp-plus",
        "name": instrument.name,
        "short_name": "GSP+",
        "kind": "trade-preference",
        "scope": "unilateral",
        "sources": list(instrument.sources),
        "since": "2021-04-10",
        "until": None,
        "participation": "uzbekistan-gsp-plus",
        "confidence": period.confidence.value,
        "source_urls": [s.url for s in eca.sources_of(period)],  # the participation's sources
    }
    assert list(row) == [
        *("id", "name", "short_name", "kind", "scope", "sources"),
        *("since", "until", "participation", "confidence", "source_urls"),
    ]


def test_an_ended_participation_has_an_until_and_an_undated_start_is_by() -> None:
    (ended,) = _json("instruments", "KG", "--on", "2015-01-01", "--kind", "trade-preference")
    assert (ended["participation"], ended["since"], ended["until"]) == (
        "kyrgyzstan-gsp",
        "by 2007-06-05",
        "2016-01-26",
    )
    dialogue = eca.record("kazakhstan-human-rights-dialogue")
    assert dialogue.start is None
    rows = {row["participation"]: row for row in _json("instruments", "KZ")}
    assert rows[dialogue.id]["since"] == f"by {dialogue.in_place_by}"
    assert rows[dialogue.id]["until"] is None
    text = run("instruments", "KZ").stdout.splitlines()
    (line,) = [line for line in text if line.startswith(dialogue.instrument + " ")]
    assert f"  by {dialogue.in_place_by}  " in line


def test_instruments_show_the_period_that_holds_on_the_day(
    changed_data: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two periods of one instrument, since/until are those of the period that holds."""

    def earlier_period(rows: list[dict[str, Any]]) -> None:  # listed last, an earlier embargo
        first = next(r for r in rows if r["id"] == "uzbekistan-arms-embargo")
        rows.append(
            first | {"id": "uzbekistan-arms-embargo-earlier", "start": "1998-01-01", "end": "1999-12-31"}
        )

    data = eca.load(changed_data("participations.json", earlier_period))
    from eu_ca_partnership import _bundled

    monkeypatch.setattr(_bundled, "default_dataset", lambda: data)
    for day, expected in (
        ("2007-01-01", ("uzbekistan-arms-embargo", "2005-11-14", "2009-11-13")),
        ("1999-01-01", ("uzbekistan-arms-embargo-earlier", "1998-01-01", "1999-12-31")),
    ):
        (row,) = (
            r for r in _json("instruments", "UZ", "--on", day) if r["id"] == "eu-uzbekistan-arms-embargo"
        )
        assert (row["participation"], row["since"], row["until"]) == expected


def test_instruments_keep_the_kind_and_the_day_asked() -> None:
    agreements = _json("instruments", "UZ", "--kind", "agreement")
    assert [row["id"] for row in agreements] == [i.id for i in eca.instruments_for("UZ", kind="agreement")]
    assert {row["kind"] for row in agreements} == {"agreement"}
    assert [row["id"] for row in _json("instruments", "UZ", "--on", "2016-01-01")] == [
        i.id for i in eca.instruments_for("UZ", on="2016-01-01")
    ]
    assert "gsp" in [row["id"] for row in _json("instruments", "UZ", "--on", "2016-01-01")]
    assert "gsp" not in [row["id"] for row in _json("instruments", "UZ")]
    bad = run("instruments", "TJ", "--kind", "nonsense")
    assert bad.returncode == 2
    assert bad.stderr.startswith("usage: eu-ca instruments")
    assert "invalid choice: 'nonsense'" in bad.stderr


def test_countries_with_gsp_plus_in_2020() -> None:
    assert [c["name"] for c in _json("countries-with", "GSP+", "--on", "2020-06-01")] == ["Kyrgyzstan"]


def test_countries_with_is_a_table_of_names_and_codes_for_the_day_asked() -> None:
    latest = run("countries-with", "GSP+")
    assert latest.returncode == 0, latest.stderr
    holders = eca.countries_with("GSP+")
    width = max(len(c.name) for c in holders)
    assert latest.stdout.splitlines() == [
        "NAME".ljust(width) + "  ALPHA_2",
        *(f"{c.name.ljust(width)}  {c.alpha_2}" for c in holders),
        "",
        f"on {eca.DATA_AS_OF.isoformat()} (facts checked {eca.DATA_AS_OF.isoformat()}; unverified after that)",
    ]
    assert [c["alpha_2"] for c in _json("countries-with", "GSP+")] == [c.alpha_2 for c in holders]
    assert _json("countries-with", "GSP+", "--on", "2020-06-01")[0] == {
        "name": "Kyrgyzstan",
        "eu_name": "Kyrgyz Republic",
        "alpha_2": "KG",
        "alpha_3": "KGZ",
        "numeric": "417",
        "qid": "Q813",
    }


def test_uncertain_answers_carry_a_note_under_the_table() -> None:
    done = run("countries-with", "Visa ban", "--on", "2008-11-15")  # it ended in November 2008
    assert (done.returncode, done.stderr) == (0, "")
    table, notes = done.stdout.split("\n\n")
    assert table == "(none)"
    assert notes == (
        f"on 2008-11-15 (facts checked {eca.DATA_AS_OF.isoformat()}; unverified after that)\n"
        "note: uncertain: Uzbekistan in 'eu-uzbekistan-visa-ban' on 2008-11-15 is not established by the "
        "sources (participation 'uzbekistan-visa-ban'); it is left out\n"
    )


def test_doubt_survives_json() -> None:
    """A script gets the doubt with the answer, not only on stderr."""
    done = run("--json", "countries-with", "Visa ban", "--on", "2008-11-15")
    assert (done.returncode, done.stderr) == (0, "")
    printed = _envelope("countries-with", "Visa ban", "--on", "2008-11-15")
    assert printed["answer"] == []
    assert printed["uncertain"] == [
        {
            "record": "uzbekistan-visa-ban",
            "why": "Uzbekistan in 'eu-uzbekistan-visa-ban' on 2008-11-15 is not established by the sources "
            "(participation 'uzbekistan-visa-ban'); it is left out",
            "country": "UZ",
            "instrument": "eu-uzbekistan-visa-ban",
        }
    ]
    assert (printed["on"], printed["data_as_of"], printed["unverified"]) == (
        "2008-11-15",
        eca.DATA_AS_OF.isoformat(),
        False,
    )
    # instruments asks the data twice (the instruments, then their periods): still one doubt
    twice = _envelope("instruments", "UZ", "--on", "2008-11-15", "--kind", "restrictive-measures")
    assert [d["record"] for d in twice["uncertain"]] == ["uzbekistan-visa-ban"]
    assert twice["notes"] == ["uncertain: " + twice["uncertain"][0]["why"]]


def test_a_day_after_the_data_is_answered_and_said_to_be_unverified() -> None:
    later = (eca.DATA_AS_OF + dt.timedelta(days=10)).isoformat()
    printed = _envelope("countries-with", "GSP+", "--on", later)
    assert [c["alpha_2"] for c in printed["answer"]] == [c.alpha_2 for c in eca.countries_with(eca.GSP_PLUS)]
    assert printed["unverified"] is True
    assert printed["notes"][-1].startswith(f"unverified: {later} is after {eca.DATA_AS_OF}")
    text = run("countries-with", "GSP+", "--on", later)
    assert text.stdout.splitlines()[-1].startswith(f"note: unverified: {later} is after")
    # the GSP regulation expires on 31 December 2027: the sources cannot tell what comes after
    far = _envelope("status", "UZ", "GSP+", "--on", "2028-06-01")
    assert far["answer"]["status"] == "unknown"
    assert "scheduled to expire on 2027-12-31" in far["uncertain"][0]["why"]


def test_countries_and_country() -> None:
    assert [c["alpha_2"] for c in _json("countries")] == [c.alpha_2 for c in eca.COUNTRIES]
    assert _json("country", "KGZ")["eu_name"] == "Kyrgyz Republic"
    assert _json("country", "Кыргызстан")["alpha_2"] == "KG"  # a name in the state language
    assert _json("country", "Q813")["alpha_2"] == "KG"  # a Wikidata id


def test_countries_is_an_aligned_table() -> None:
    done = run("countries")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "NAME          EU_NAME          ALPHA_2  ALPHA_3  NUMERIC\n"
        "Kazakhstan    Kazakhstan       KZ       KAZ      398\n"
        "Kyrgyzstan    Kyrgyz Republic  KG       KGZ      417\n"
        "Tajikistan    Tajikistan       TJ       TJK      762\n"
        "Turkmenistan  Turkmenistan     TM       TKM      795\n"
        "Uzbekistan    Uzbekistan       UZ       UZB      860\n"
    )
    rows = _json("countries")
    assert rows[0] == {
        "name": "Kazakhstan",
        "eu_name": "Kazakhstan",
        "alpha_2": "KZ",
        "alpha_3": "KAZ",
        "numeric": "398",
        "qid": "Q232",
    }
    assert list(rows[0]) == ["name", "eu_name", "alpha_2", "alpha_3", "numeric", "qid"]


@pytest.mark.parametrize(
    "args",
    [("instruments", "UZ"), ("sources",), ("rounds", "KG"), ("timeline", "--country", "TJ")],
)
def test_tables_have_no_trailing_spaces(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) > 2
    assert [line for line in lines if line != line.rstrip()] == []


def test_country_prints_one_field_a_line() -> None:
    done = run("country", "kgz")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "name: Kyrgyzstan\neu_name: Kyrgyz Republic\nalpha_2: KG\nalpha_3: KGZ\nnumeric: 417\nqid: Q813\n"
    )
    assert _json("country", "Kyrgyz Republic") == {
        "name": "Kyrgyzstan",
        "eu_name": "Kyrgyz Republic",
        "alpha_2": "KG",
        "alpha_3": "KGZ",
        "numeric": "417",
        "qid": "Q813",
    }
    bad = run("country", "Kirgizstan")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("eu-ca: error: no country matches 'Kirgizstan'; did you mean 'Kyrgyzstan'?")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("instruments", "Tajikstan"), "did you mean 'Tajikistan'?"),
        (("instruments", "TJ", "--on", "2020-13-01"), "--on 2020-13-01: month 13 does not exist"),
        (("status", "UZ", "GSP+", "--on", "2026-02-30"), "--on 2026-02-30: February 2026 has 28 days"),
        (("instruments", "TJ", "--on", "2020-6-1"), "--on '2020-6-1' is not an ISO 8601 date"),
        (("instruments", "TJ", "--on", "1994-12-31"), "before the data's coverage"),
        (("countries-with", "PCA"), "names several instruments"),
        (("rounds", "KG", "--on", "June"), "not an ISO 8601 date; expected a day such as 2020-06-01"),
        (("timeline", "--until", "2020-02-30"), "--until 2020-02-30: February 2020 has 29 days"),
        (("timeline", "--until", "2020-02-3"), "--until '2020-02-3' is not a date"),
        (("timeline", "--since", "2020", "--until", "2019"), "--until '2019' is before --since '2020'"),
        (("instruments", "--on", "2020-01-01"), "--on asks about one country's instruments"),
        (("show", "GPS+"), "did you mean"),
    ],
)
def test_bad_questions_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("eu-ca: error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("instruments", "TJ"),
        ("countries-with", "GSP+"),
        ("status", "UZ", "GSP+"),
        ("participations", "UZ"),
        ("rounds", "KG"),
        ("envoys",),
    ],
)
@pytest.mark.parametrize("word", ["today", "Today", "TODAY"])
def test_on_today_is_this_computers_date(
    args: tuple[str, ...], word: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = eca.DATA_AS_OF + dt.timedelta(days=3)
    monkeypatch.setattr(_dates, "today", lambda: later)
    printed = _envelope(*args, "--on", word)
    assert printed["on"] == later.isoformat()
    assert printed["unverified"] is True


@pytest.mark.parametrize(
    "args",
    [
        ("instruments", "KZ"),
        ("countries-with", "GSP+"),
        ("status", "UZ", "GSP+"),
        ("conventions", "UZ"),
    ],
)
def test_without_on_a_question_is_about_today(args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    later = eca.DATA_AS_OF + dt.timedelta(days=3)
    monkeypatch.setattr(_dates, "today", lambda: later)
    printed = _envelope(*args)
    assert (printed["on"], printed["unverified"]) == (later.isoformat(), True)
    assert any(note.startswith(f"unverified: {later.isoformat()} is after") for note in printed["notes"])


def test_today_is_a_word_of_the_command_line_only() -> None:
    with pytest.raises(eca.InvalidDateError, match="ISO 8601"):
        eca.status("UZ", "GSP+", on="today")
    assert "or today" in run("status", "--help").stdout


def test_usage_errors_exit_2() -> None:
    assert run("status", "KZ").returncode == 2
    assert run("nonsense").returncode == 2


def test_usage_errors_say_what_is_missing() -> None:
    nothing = run()  # a command is required
    assert (nothing.returncode, nothing.stdout) == (2, "")
    assert nothing.stderr.startswith("usage: eu-ca")
    assert nothing.stderr.endswith("eu-ca: error: the following arguments are required: COMMAND\n")
    missing = run("status", "KZ")
    assert missing.stderr.startswith("usage: eu-ca status")
    assert "the following arguments are required: instrument" in missing.stderr
    assert "invalid choice: 'nonsense'" in run("nonsense").stderr


PYTHON_WORDS = ("datetime.date", "=None", "=True", "INSTRUMENTS", "PartialDate", "on=", "since=", "until=")


@pytest.mark.parametrize(
    "args",
    [
        ("instruments", "TJ", "--on", "June 2020"),
        ("instruments", "TJ", "--kind", "agreement", "--on", "1994-01-01"),
        ("countries-with", "nothing-of-the-kind"),
        ("timeline", "--since", "yesterday"),
        ("timeline", "--since", "2020", "--until", "2019"),
        ("rounds", "KG", "--on", "2020"),
        ("envoys", "--on", "2020-02-30"),
        ("status", "KZ", "GSP", "--on", "1990-01-01"),
    ],
)
def test_errors_speak_the_terminals_words(args: tuple[str, ...], tmp_path: Path) -> None:
    done = run(*args)
    assert done.returncode == 2, done.stdout
    assert not [word for word in PYTHON_WORDS if word in done.stderr], done.stderr


def test_an_export_refused_says_which_option_to_add(tmp_path: Path) -> None:
    assert run("export", str(tmp_path)).returncode == 0
    again = run("export", str(tmp_path))
    assert "add --force" in again.stderr
    assert not [word for word in PYTHON_WORDS if word in again.stderr]


def test_version_and_about() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"eu-ca-partnership {eca.__version__} (data as of {eca.DATA_AS_OF})"
    about = _json("about")
    assert about == {
        "version": eca.__version__,
        "data_as_of": eca.DATA_AS_OF.isoformat(),
        "coverage_start": "1995-01-01",
    }


def test_version_exits_before_any_command_and_about_prints_one_field_a_line() -> None:
    version = run("--version", "countries")
    assert (version.returncode, version.stderr) == (0, "")
    assert version.stdout == f"eu-ca-partnership {eca.__version__} (data as of {eca.DATA_AS_OF})\n"
    about = run("about")
    assert (about.returncode, about.stderr) == (0, "")
    assert about.stdout == (
        f"version: {eca.__version__}\ndata_as_of: {eca.DATA_AS_OF}\ncoverage_start: 1995-01-01\n"
    )


# -- the commands that cover the rest of the API ------------------------------------------------


def test_json_is_accepted_after_the_command_too() -> None:
    assert json.loads(run("countries", "--json").stdout) == json.loads(run("--json", "countries").stdout)


def test_json_is_indented_and_keeps_non_ascii_text() -> None:
    done = run("--json", "sources")
    assert done.stdout.startswith('{\n  "command": "sources",\n  "answer": [\n    {\n      "id": ')
    assert "–" in done.stdout  # an en dash in a title, written as such
    assert "\\u2013" not in done.stdout


def test_show_prints_any_record_with_its_sources() -> None:
    done = run("show", "uzbekistan-gsp-plus")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Participation uzbekistan-gsp-plus"
    assert "start: 2021-04-10" in lines
    assert "Sources:" in lines
    record = eca.record("uzbekistan-gsp-plus")
    for source in eca.sources_of(record):
        assert source.url in done.stdout


def test_show_prints_every_field_and_a_table_of_the_sources() -> None:
    record = eca.record("kazakhstan-human-rights-dialogue")
    sources = eca.sources_of(record)
    assert record.field_notes == ()
    done = run("show", "kazakhstan-human-rights-dialogue")
    assert (done.returncode, done.stderr) == (0, "")
    fields, _, table = done.stdout.partition("\n\nSources:\n")
    assert fields.splitlines() == [
        "Participation kazakhstan-human-rights-dialogue",
        "id: kazakhstan-human-rights-dialogue",
        "country: KZ",
        f"instrument: {record.instrument}",
        "start: -",  # a missing value
        f"in_place_by: {record.in_place_by}",
        "end: -",
        "ongoing: yes",  # a bool
        f"note: {record.note}",
        "sources: " + ", ".join(record.sources),  # a tuple
        f"confidence: {record.confidence.value}",  # an enum
        "field_notes: -",  # an empty tuple
    ]
    lines = table.splitlines()
    assert lines[0].split() == ["ID", "KIND", "PUBLISHED", "URL"]
    assert len(lines) == 1 + len(sources)
    for line, source in zip(lines[1:], sources, strict=True):
        published = [] if source.published is None else [str(source.published)]
        assert line.split() == [source.id, source.kind.value, *published, source.url]
    assert lines[0].index("URL") == lines[1].index(sources[0].url)  # aligned
    assert {s.published is None for s in sources} == {True, False}  # a blank cell and a date
    assert "ongoing: no" in run("show", "kyrgyzstan-gsp").stdout.splitlines()


def _nested_lines(note: Any) -> list[str]:
    """What show prints of a field note: its set fields only, its claims indented under it."""
    lines = [f"  - field: {note.field}", f"    note: {note.note}"]
    if note.sources:
        lines.append("    sources: " + ", ".join(note.sources))
    if note.confidence is not None:
        lines.append(f"    confidence: {note.confidence.value}")
    if note.claims:
        lines.append("    claims:")
    for claim in note.claims:
        lines += [f"      - value: {claim.value}", "        sources: " + ", ".join(claim.sources)]
        lines.append(f"        confidence: {claim.confidence.value}")
        lines += [f"        note: {claim.note}"] if claim.note else []
    return lines


@pytest.mark.parametrize("record_id", ["eusr-post-created", "ca-strategy-2007", "kyrgyzstan-hrd-2018-06-26"])
def test_show_indents_nested_records_and_leaves_out_their_empty_fields(record_id: str) -> None:
    record = eca.record(record_id)
    assert any(n.claims for n in record.field_notes)  # competing claims, nested twice
    done = run("show", record_id)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    start = lines.index("field_notes:")
    expected = [line for note in record.field_notes for line in _nested_lines(note)]
    assert lines[start + 1 : start + 1 + len(expected)] == expected
    assert lines[start + 1 + len(expected) : start + 3 + len(expected)] == ["", "Sources:"]


def test_show_says_what_is_inferred() -> None:
    assert "date_inferred: no" in run("show", "eusr-post-created").stdout.splitlines()
    assert "date_inferred: yes" in run("show", "uz-cotton-boycott-lifted-2022").stdout.splitlines()


def test_show_as_json_is_the_record_as_the_data_files_hold_it() -> None:
    answer = _json("show", "civil-society-facility")
    assert answer["type"] == "Facility"
    assert answer["record"]["budget"] == {"amount": "4500000", "currency": "EUR"}
    assert answer["record"]["launched"] == "2024-09"
    assert [s["id"] for s in answer["sources"]] == [s.id for s in eca.sources_of(eca.CIVIL_SOCIETY_FACILITY)]


def test_show_as_json_has_the_record_and_its_sources_whole(raw_tables: dict[str, Any]) -> None:
    answer = _json("show", "eusr-post-created")
    assert list(answer) == ["type", "record", "sources"]
    (raw,) = [e for e in raw_tables["events.json"] if e["id"] == "eusr-post-created"]
    assert answer["type"] == "Event"
    assert answer["record"] == raw
    by_id = {s["id"]: s for s in raw_tables["sources.json"]}
    assert answer["sources"] == [by_id[s.id] for s in eca.sources_of(eca.record("eusr-post-created"))]
    text = run("show", "civil-society-facility").stdout.splitlines()
    assert "budget: EUR 4,500,000" in text


def test_show_a_country_by_name_or_code() -> None:
    done = run("show", "kyrgyz republic")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Country KG\n")
    assert _json("show", "KGZ")["record"]["eu_name"] == "Kyrgyz Republic"
    assert _json("show", "Қырғызстан")["type"] == "Country"  # a name in Kazakh


def test_show_an_instrument_by_its_short_name() -> None:
    """GSP+ is the special incentive arrangement, not "gsp" (a different instrument)."""
    shown = _json("show", "GSP+")
    assert (shown["type"], shown["record"]["id"]) == ("Instrument", "gsp-plus")
    assert _json("show", "Generalised Scheme of Preferences (standard arrangement)")["record"]["id"] == "gsp"


def test_show_a_source_and_an_unknown_id() -> None:
    done = run("show", "founding-factsheet")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Source founding-factsheet\n")
    assert "kind: mirror" in done.stdout
    bad = run("show", "uzbekistan-gsp-pluss")
    assert bad.returncode == 2
    assert "did you mean 'uzbekistan-gsp-plus'?" in bad.stderr


def test_a_source_shown_has_no_sources_and_an_unknown_id_is_not_a_country_error() -> None:
    done = run("show", "founding-factsheet")
    assert "Sources:" not in done.stdout
    assert done.stdout.splitlines()[-1].startswith("note: ")
    assert _json("show", "founding-factsheet")["sources"] == []
    assert _json("show", "KG")["type"] == "Country"
    bad = run("show", "Kirgizstan")  # no id, country or instrument: a suggestion of a country's name
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith(
        "eu-ca: error: no record, country or instrument matches 'Kirgizstan'; did you mean 'Kyrgyzstan'?"
    )
    assert bad.stderr.count("\n") == 1


def test_timeline_filters_like_the_api() -> None:
    events = _json("timeline", "--country", "UZ", "--kind", "signed")
    assert [e["id"] for e in events] == [e.id for e in eca.timeline(country="UZ", kind="signed")]
    assert all(e["source_urls"] for e in events)
    text = run("timeline", "--since", "2025-01-01", "--until", "2025-12-31")
    assert _header(text) == ["WHEN", "KIND", "ID", "TITLE"]
    header, *lines, blank, selection = text.stdout.splitlines()
    assert (blank, selection) == ("", "events are a selection, not a complete series; see eu-ca series")
    kind, title = header.index("KIND"), header.index("TITLE")
    events = eca.timeline(since="2025-01-01", until="2025-12-31")
    assert [line[kind:title].split() for line in lines] == [[e.kind.value, e.id] for e in events]


def test_timeline_bounds_each_end_on_its_own() -> None:
    def ids(*args: str) -> list[str]:
        return [e["id"] for e in _json("timeline", *args)]

    assert ids("--since", "2025-06-01") == [e.id for e in eca.timeline(since="2025-06-01")]
    assert ids("--until", "2010-12-31") == [e.id for e in eca.timeline(until="2010-12-31")]
    assert ids("--country", "KG") == [e.id for e in eca.timeline(country="KG")]
    assert len(ids()) == len(eca.timeline())


def test_timeline_shows_dates_as_precise_as_the_sources(raw_tables: dict[str, Any]) -> None:
    rows = {row["id"]: row for row in _json("timeline")}
    assert rows["kz-pca-in-force"]["when"] == "1999-07-01"  # a day
    assert rows["tj-interim-agreement-applied"]["when"] == "2005-05"  # a month
    assert rows["tj-epca-requested"]["when"] == "2019-11"
    assert rows["kg-epca-signed"]["when"] == "2024-06-25"  # a day
    assert rows["ca-strategy-2007"]["when"] == "2007-06-21 to 2007-06-22"  # a span
    (raw,) = [e for e in raw_tables["events.json"] if e["id"] == "ca-strategy-2007"]
    urls = [s.url for s in eca.sources_of(eca.record("ca-strategy-2007"))]
    assert rows["ca-strategy-2007"] == raw | {"source_urls": urls, "when": "2007-06-21 to 2007-06-22"}
    lines = run("timeline", "--kind", "strategy").stdout.splitlines()
    (line,) = [line for line in lines if " ca-strategy-2007 " in line]
    assert line.split("  ")[0] == "2007-06-21 to 2007-06-22"
    assert line.endswith(eca.record("ca-strategy-2007").title)


def test_timeline_rejects_an_unknown_kind_and_a_bad_date() -> None:
    assert run("timeline", "--kind", "party").returncode == 2
    bad = run("timeline", "--since", "2020-02-30")
    assert bad.returncode == 2
    assert "--since 2020-02-30: February 2020 has 29 days" in bad.stderr
    bad = run("timeline", "--since", "Feb 2020")
    assert "--since 'Feb 2020' is not a date; expected a day (2020-06-01), a month (2024-09)" in bad.stderr


def test_timeline_takes_years_and_months_as_bounds() -> None:
    """--since 2015 is the whole of 2015 and after; --until 2024-09 the whole of September."""
    assert [e["id"] for e in _json("timeline", "--since", "2015", "--until", "2015")] == [
        e.id for e in eca.timeline(since="2015-01-01", until="2015-12-31")
    ]
    assert [e["id"] for e in _json("timeline", "--until", "2024-09")] == [
        e.id for e in eca.timeline(until="2024-09-30")
    ]


def test_timeline_lines_wrap_to_the_terminals_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("timeline").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for command in (
        ("countries-with", "gsp", "--on", "2017-01-01"),
        ("rounds", "KG"),
        ("envoys",),
        ("show", "janos-herman"),
    ):
        shown = run(*command).stdout.splitlines()
        assert max(len(line) for line in shown) <= 80, command
    monkeypatch.delenv("COLUMNS")  # not a terminal: one line a row, whatever its length
    assert max(len(line) for line in run("timeline").stdout.splitlines()) > 80


@pytest.mark.parametrize("columns", [90, 100])  # five columns: below 87, an id must wrap too
def test_ids_stay_whole_while_the_text_beside_them_can_wrap(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = run("instruments", "Tajikistan").stdout.splitlines()
    assert max(len(line) for line in shown) <= columns
    shown = shown[:-2]  # the day under the table
    ids = [line.split()[0] for line in shown[1:] if line[0] != " "]  # the first line of each row
    assert ids == [i.id for i in eca.instruments_for("Tajikistan")]  # eu-tajikistan-human-rights-dialogue too
    names = " ".join(line[shown[0].index("NAME") :] for line in shown[1:])
    assert names.split() == " ".join(i.name for i in eca.instruments_for("Tajikistan")).split()  # no word cut


def test_a_table_too_wide_for_the_terminal_narrows_no_column_below_12(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "40")  # the narrowest terminal eu-ca assumes: 4 columns cannot fit
    shown = run("instruments", "Tajikistan").stdout.splitlines()
    assert [shown[0].index(name) for name in ("KIND", "SINCE", "UNTIL", "NAME")] == [14, 28, 40, 49]
    assert max(len(line) for line in shown) == 61  # the lines overflow instead: NAME is 12 wide too


def test_rounds_lists_the_dialogue_rounds_and_flags_what_is_inferred() -> None:
    done = run("rounds", "Kyrgyzstan")
    assert _header(done) == ["NUMBER", "DATE", "PLACE", "MEETING_NUMBER", "CONFIDENCE", "INFERRED"]
    rows = _json("rounds", "KG")
    rounds = eca.dialogue_rounds("KG")
    assert [r.get("number") for r in rows] == [r.number for r in rounds]
    assert rows[0]["inferred"] == "year"  # round 8: the year 2017 is inferred
    assert run("rounds", "Kirgizstan").returncode == 2


def test_a_round_row_is_the_record_with_its_date_and_what_is_inferred(raw_tables: dict[str, Any]) -> None:
    rows = _json("rounds", "KG")
    by_id = {r["id"]: r for r in raw_tables["dialogue_rounds.json"]}
    rounds = eca.dialogue_rounds("KG")
    raw = [by_id[r.id] for r in rounds]
    assert [(row.get("number"), row["inferred"]) for row in rows] == [
        (8, "year"),
        (None, "year"),
        (None, ""),
        (10, ""),
        (11, "year"),
        (12, ""),
        (13, "number"),
        (14, ""),
    ]
    assert rows == [
        record
        | {"source_urls": [s.url for s in eca.sources_of(r)], "date": str(r.start), "inferred": inferred}
        for record, r, inferred in zip(raw, rounds, [row["inferred"] for row in rows], strict=True)
    ]
    lines = run("rounds", "KG").stdout.split("\n\n")[0].splitlines()
    numbers = [line[: len("NUMBER")].strip() for line in lines[1:]]
    assert numbers == ["" if r.number is None else str(r.number) for r in rounds]  # none: blank
    assert lines[1].split() == ["8", "2017", "high", "year"]  # no place: blank
    placed = next(i for i, r in enumerate(rounds) if r.place)
    assert f"  {rounds[placed].place}  " in lines[1 + placed]


def test_rounds_say_how_complete_they_are() -> None:
    """A count a user reads is complete or says what it lacks."""
    done = run("rounds", "Uzbekistan")
    completeness = eca.completeness("eu-uzbekistan-human-rights-dialogue")
    assert f"\n\n{completeness.series.title}: {completeness}\n\non " in done.stdout
    assert "known missing: " in done.stdout
    (counted,) = _envelope("rounds", "UZ")["completeness"]
    assert counted["recorded"] == len(eca.dialogue_rounds("UZ"))
    assert counted["complete"] is False
    assert counted["missing"] == [gap.what for gap in completeness.missing]


def test_rounds_keep_a_committees_number_apart_from_the_dialogues() -> None:
    rows = _json("rounds", "UZ")
    sub_committees = [r for r in rows if r.get("meeting_number")]
    assert {r.get("number") for r in sub_committees} == {None}
    assert 21 in {r["meeting_number"] for r in sub_committees}


def test_rounds_on_a_day_are_those_certainly_held_by_then() -> None:
    held = _json("rounds", "KG", "--on", "2020-01-01")
    assert [r["start"] for r in held] == [str(r.start) for r in eca.dialogue_rounds("KG", on="2020-01-01")]
    assert 0 < len(held) < len(_json("rounds", "KG"))


def test_sources_lists_every_source() -> None:
    rows = _json("sources")
    assert [r["id"] for r in rows] == [s.id for s in eca.SOURCES]
    assert _header(run("sources")) == ["ID", "KIND", "URL"]


def test_sources_are_the_data_file_and_a_table_of_id_kind_url(raw_tables: dict[str, Any]) -> None:
    assert _json("sources") == raw_tables["sources.json"]
    lines = run("sources").stdout.splitlines()
    assert [line.split() for line in lines[1:]] == [[s.id, s.kind.value, s.url] for s in eca.SOURCES]


def test_export_writes_json_that_loads_back(tmp_path: Path) -> None:
    target = tmp_path / "out"
    done = run("export", str(target), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert eca.load(target) == eca.load()
    again = run("export", str(target), "--format", "json")
    assert again.returncode == 2
    assert "already holds files" in again.stderr
    assert again.stderr.count("\n") == 1
    assert run("export", str(target), "--format", "json", "--force").returncode == 0


def test_export_lists_what_it_wrote_and_writes_json_by_default(tmp_path: Path) -> None:
    target = tmp_path / "out"
    done = run("export", str(target))
    assert (done.returncode, done.stderr) == (0, "")
    written = done.stdout.splitlines()
    assert sorted(written) == sorted(str(p) for p in target.iterdir())
    assert {Path(p).suffix for p in written} == {".json"}
    assert "participations.json" in {Path(p).name for p in written}
    assert eca.load(target) == eca.load()
    assert _json("export", str(tmp_path / "again")) == [
        str(tmp_path / "again" / Path(p).name) for p in written
    ]


def test_export_csv_and_datapackage_and_schema(tmp_path: Path) -> None:
    names = {Path(p).name for p in _json("export", str(tmp_path / "dp"), "--format", "datapackage")}
    assert {"datapackage.json", "participations.csv", "forum_editions.csv"} <= names
    assert run("export", str(tmp_path / "s"), "--format", "schema").returncode == 0
    assert (tmp_path / "s" / "schema.json").is_file()
    assert run("export", str(tmp_path / "x"), "--format", "xlsx").returncode == 2


def test_export_formats_are_checked_by_the_parser(tmp_path: Path) -> None:
    bad = run("export", str(tmp_path / "x"), "--format", "xlsx")
    assert bad.stderr.startswith("usage: eu-ca export")
    assert "invalid choice: 'xlsx'" in bad.stderr
    assert not (tmp_path / "x").exists()
    csv = run("export", str(tmp_path / "csv"), "--format", "csv")
    assert csv.returncode == 0, csv.stderr
    assert {Path(p).suffix for p in csv.stdout.splitlines()} == {".csv"}


def test_schema_prints_the_json_schema() -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "participations.json" in schema["properties"]


def test_schema_is_the_same_with_and_without_json() -> None:
    from eu_ca_partnership._schema import json_schema

    text = run("schema")
    assert (text.returncode, text.stderr) == (0, "")
    assert text.stdout == json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    assert _json("schema") == json_schema()


def test_the_shape_of_json_answers_is_published() -> None:
    assert _json("schema", "--answer") == ANSWER_SCHEMA
    assert set(ANSWER_SCHEMA["properties"]["command"]["enum"]) == set(COMMANDS)


def test_timeline_plot_needs_no_kind(tmp_path: Path) -> None:
    target = tmp_path / "never-written.png"
    done = run("timeline", "--plot", str(target), "--kind", "signed")
    assert done.returncode == 2
    assert "--plot" in done.stderr
    assert done.stderr == (
        "eu-ca: error: --kind chooses events to list; the picture (--plot) has no kind to choose\n"
    )
    assert not target.exists()


def test_timeline_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the picture needs the 'plot' extra (matplotlib)")
    target = tmp_path / "timeline.png"
    done = run("timeline", "--plot", str(target), "--country", "KG", "--since", "2015-01-01")
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
    assert done.stdout == f"wrote {target}\n"
    before = run("timeline", "--plot", str(target), "--since", "1994-06-01")
    assert before.returncode == 2
    assert "before the data's coverage" in before.stderr


def test_timeline_plot_draws_what_was_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eu_ca_partnership import _plot

    asked: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(_plot, "plot_timeline", lambda *args, **kwargs: asked.append((args, kwargs)))
    target = tmp_path / "kg.svg"
    assert run("timeline", "--plot", str(target), "--country", "KG", "--until", "2020-12-31").returncode == 0
    assert asked == [
        (("KG",), {"since": None, "until": "2020-12-31", "path": str(target), "data": eca.default_dataset()})
    ]


def test_timeline_plot_answers_with_the_file_in_json(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the picture needs the 'plot' extra (matplotlib)")
    target = tmp_path / "timeline.svg"
    assert _json("timeline", "--plot", str(target), "--until", "2016-12-31") == {"plot": str(target)}
    assert target.read_text("utf-8").lstrip().startswith("<?xml")
    backwards = run("timeline", "--plot", str(target), "--since", "2020-01-01", "--until", "2019-01-01")
    assert backwards.returncode == 2
    assert "--until 2019-01-01 is before --since 2020-01-01" in backwards.stderr


def test_a_missing_optional_package_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("matplotlib", "matplotlib.figure", "matplotlib.lines", "matplotlib.patches"):
        monkeypatch.setitem(sys.modules, module, None)  # None: "import matplotlib" fails
    done = run("timeline", "--plot", str(tmp_path / "x.png"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert 'python -m pip install "eu-ca-partnership[plot]"' in done.stderr
    assert 'python -m pip install ".[plot]"' in done.stderr  # what works from a checkout
    assert done.stderr.startswith("eu-ca: error: plot_timeline() needs matplotlib")
    assert not (tmp_path / "x.png").exists()


def test_a_type_error_is_a_surprise_not_a_bad_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """The arguments are always text, so a TypeError can only be a bug: exit 1, one line."""

    def wrong_type(*args: object, **kwargs: object) -> Any:
        raise TypeError("a record id is a str, got int\nsecond line")

    monkeypatch.setattr(eca.Dataset, "record", wrong_type)
    done = run("show", "gsp")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "eu-ca: error: unexpected TypeError: a record id is a str, got int\n"


def test_only_uncertain_answers_are_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any other warning raised while answering is shown as a warning, not as a note on the answer."""
    answer = eca.Dataset.countries_with

    def warns(*args: Any, **kwargs: Any) -> Any:
        warnings.warn("something else", UserWarning, stacklevel=1)
        return answer(*args, **kwargs)

    monkeypatch.setattr(eca.Dataset, "countries_with", warns)
    done = run("countries-with", "Visa ban", "--on", "2008-11-15")
    assert (done.returncode, done.stderr) == (0, "")
    notes = done.stdout.split("\n\n")[1].splitlines()[1:]
    assert notes[0].startswith("note: uncertain: Uzbekistan")
    assert notes[1:] == ["note: something else"]
    assert _envelope("countries-with", "Visa ban", "--on", "2008-11-15")["notes"][1:] == ["something else"]


def test_every_command_has_help_that_offers_json() -> None:
    for command in COMMANDS:
        done = run(command, "--help")
        assert done.returncode == 0, command
        assert done.stdout.startswith("usage: eu-ca " + command)
        assert "--json" in done.stdout


def test_help_describes_the_program_and_each_command_in_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps the descriptions to the terminal's width
    done = run("--help")
    assert done.returncode == 0
    assert "Ask about the EU's partnership with Central Asia" in done.stdout
    assert "\n\nThe five partner countries and their codes.\n" in run("countries", "--help").stdout
    assert "\n\nLook up one country by any of its names or codes.\n" in run("country", "--help").stdout
    assert "--json" in done.stdout


def test_export_offers_every_format_of_the_function(capsys: pytest.CaptureFixture[str]) -> None:
    from eu_ca_partnership._export import FORMATS

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for name, format in FORMATS.items():
        assert f"{name}: {format.help}" in shown


def test_an_empty_answer_is_said_plainly() -> None:
    done = run("countries-with", "eu-kyrgyzstan-epca")
    assert (done.returncode, done.stdout.split("\n\n")[0]) == (0, "(none)")
    assert _json("countries-with", "eu-kyrgyzstan-epca") == []


# -- the commands of a complete eu-ca --------------------------------------------------------------


def test_instruments_without_a_country_lists_every_instrument() -> None:
    rows = _json("instruments")
    assert [r["id"] for r in rows] == [i.id for i in eca.INSTRUMENTS]
    assert [r["id"] for r in _json("instruments", "--kind", "forum")] == ["civil-society-forum"]
    assert _header(run("instruments")) == ["ID", "KIND", "SCOPE", "NAME"]


def test_status_answers_yes_no_or_unknown_with_the_periods() -> None:
    yes = _envelope("status", "Uzbekistan", "GSP+", "--on", "2022-01-01")
    assert yes["answer"]["status"] == "yes"
    assert [p["participation"] for p in yes["answer"]["participations"]] == ["uzbekistan-gsp-plus"]
    no = _json("status", "KZ", "GSP")
    assert (no["status"], no["participations"]) == ("no", [])
    assert run(
        "status", "TM", "gsp", "--on", "2017-01-01"
    ).stdout.startswith(
        "Turkmenistan in GSP: no\n\non 2017-01-01"  # removed from 1 January 2016 (Delegated Regulation 1015/2014)
    )
    assert run("status", "UZ", "visa ban", "--on", "2008-11-15").stdout.startswith(
        "Uzbekistan in Visa ban: unknown\n\non 2008-11-15"  # lifted in November 2008, its day not known
    )


def test_participations_of_a_country_and_an_instrument() -> None:
    rows = _json("participations", "UZ")
    assert [r["participation"] for r in rows] == [p.id for p in eca.participations("UZ")]
    assert _envelope("participations", "UZ")["on"] is None  # every period: about no day
    on = _envelope("participations", "KG", "GSP+", "--on", "2020-01-01")
    assert [r["participation"] for r in on["answer"]] == ["kyrgyzstan-gsp-plus"]
    assert on["on"] == "2020-01-01"
    assert _header(run("participations")) == ["COUNTRY", "INSTRUMENT", "SINCE", "UNTIL", "PARTICIPATION"]


def test_envoys_and_their_completeness() -> None:
    printed = _envelope("envoys")
    assert printed["answer"][0]["name"] == "Ján Kubiš"
    assert printed["completeness"][0]["complete"] is True
    on = _envelope("envoys", "--on", "2014-06-01")
    assert [r["name"] for r in on["answer"]] == ["János Herman"]
    assert run("envoys").stdout.rstrip().endswith("; complete")


def test_series_lists_how_complete_each_series_is() -> None:
    rows = _json("series")
    assert [r["series"] for r in rows] == [s.id for s in eca.default_dataset().series]
    assert all(r["summary"] == str(eca.completeness(r["series"])) for r in rows)
    assert _header(run("series")) == ["SERIES", "COMPLETENESS"]


def test_completion_prints_a_script_for_the_shell() -> None:
    pytest.importorskip("shtab", reason="completion needs the 'completion' extra (shtab)")
    done = run("completion", "bash")
    assert done.returncode == 0, done.stderr
    assert "eu-ca" in done.stdout
    assert "countries-with" in done.stdout  # the commands are completed


def test_completion_without_shtab_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shtab", None)
    done = run("completion", "zsh")
    assert done.returncode == 1
    assert "eu-ca-partnership[completion]" in done.stderr
