"""The eu-ca command, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import eu_ca_partnership as eca


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eu_ca_partnership", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_instruments_for_tajikistan_as_a_table() -> None:
    done = run("instruments", "Tajikistan")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["ID", "KIND", "SINCE", "NAME"]
    assert lines[1].split()[:3] == ["gsp", "trade-preference", "2014-01-01"]
    assert done.stderr == ""


def test_instruments_as_json_carry_their_sources() -> None:
    done = run("--json", "instruments", "uzbekistan", "--on", "2021-04-10", "--kind", "trade-preference")
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert row["id"] == "gsp-plus"
    assert row["since"] == "2021-04-10"
    assert all(url.startswith("http") for url in row["source_urls"])


def test_countries_with_gsp_plus_in_2020() -> None:
    done = run("--json", "countries-with", "GSP+", "--on", "2020-06-01")
    assert [c["name"] for c in json.loads(done.stdout)] == ["Kyrgyzstan"]


def test_uncertain_answers_carry_a_note_on_stderr() -> None:
    done = run("countries-with", "gsp", "--on", "2017-01-01")
    assert done.returncode == 0
    assert "Turkmenistan" in done.stderr
    assert "Turkmenistan" not in done.stdout


def test_countries_and_country() -> None:
    assert [c["alpha_2"] for c in json.loads(run("--json", "countries").stdout)] == [
        c.alpha_2 for c in eca.COUNTRIES
    ]
    assert json.loads(run("--json", "country", "KGZ").stdout)["eu_name"] == "Kyrgyz Republic"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("instruments", "Tajikstan"), "did you mean 'Tajikistan'?"),
        (("instruments", "TJ", "--on", "2020-13-01"), "not an ISO 8601 date"),
        (("instruments", "TJ", "--on", "2001-01-01"), "before the data's coverage"),
        (("countries-with", "PCA"), "names several instruments"),
    ],
)
def test_bad_questions_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2() -> None:
    assert run("instruments").returncode == 2
    assert run("nonsense").returncode == 2


def test_version_and_about() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"eu-ca-partnership {eca.__version__} (data as of {eca.DATA_AS_OF})"
    about = json.loads(run("--json", "about").stdout)
    assert about == {"version": eca.__version__, "data_as_of": "2026-11-28", "coverage_start": "2014-01-01"}


# -- the commands that cover the rest of the API ------------------------------------------------


def _header(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[0].split()


def test_json_is_accepted_after_the_command_too() -> None:
    assert json.loads(run("countries", "--json").stdout) == json.loads(run("--json", "countries").stdout)


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


def test_show_as_json_is_the_record_as_the_data_files_hold_it() -> None:
    answer = json.loads(run("--json", "show", "civil-society-facility").stdout)
    assert answer["type"] == "Facility"
    assert answer["record"]["budget"] == {"amount": "4500000", "currency": "EUR"}
    assert answer["record"]["launched"] == "2024-09"
    assert [s["id"] for s in answer["sources"]] == [s.id for s in eca.sources_of(eca.CIVIL_SOCIETY_FACILITY)]


def test_show_a_country_by_name_or_code() -> None:
    done = run("show", "kyrgyz republic")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Country KG\n")
    assert json.loads(run("--json", "show", "KGZ").stdout)["record"]["eu_name"] == "Kyrgyz Republic"


def test_show_a_source_and_an_unknown_id() -> None:
    done = run("show", "founding-factsheet")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Source founding-factsheet\n")
    assert "kind: mirror" in done.stdout
    bad = run("show", "uzbekistan-gsp-pluss")
    assert bad.returncode == 2
    assert "did you mean 'uzbekistan-gsp-plus'?" in bad.stderr


def test_timeline_filters_like_the_api() -> None:
    done = run("--json", "timeline", "--country", "UZ", "--kind", "signed")
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)
    assert [e["id"] for e in events] == [e.id for e in eca.timeline(country="UZ", kind="signed")]
    assert all(e["source_urls"] for e in events)
    text = run("timeline", "--since", "2025-01-01", "--until", "2025-12-31")
    assert _header(text) == ["WHEN", "KIND", "ID", "TITLE"]
    assert len(text.stdout.splitlines()) - 1 == len(eca.timeline(since="2025-01-01", until="2025-12-31"))


def test_timeline_rejects_an_unknown_kind_and_a_bad_date() -> None:
    assert run("timeline", "--kind", "party").returncode == 2
    bad = run("timeline", "--since", "2020-02-30")
    assert bad.returncode == 2
    assert "not an ISO 8601 date" in bad.stderr


def test_rounds_lists_the_dialogue_rounds_and_flags_what_is_inferred() -> None:
    done = run("rounds", "Kyrgyzstan")
    assert _header(done) == ["NUMBER", "DATE", "PLACE", "CONFIDENCE", "INFERRED"]
    rows = json.loads(run("--json", "rounds", "KG").stdout)
    rounds = eca.dialogue_rounds("KG")
    assert [r.get("number") for r in rows] == [r.number for r in rounds]
    assert rows[0]["inferred"] == "year"  # round 8: the year 2017 is inferred
    assert run("rounds", "Kirgizstan").returncode == 2


def test_sources_lists_every_source() -> None:
    rows = json.loads(run("--json", "sources").stdout)
    assert [r["id"] for r in rows] == [s.id for s in eca.SOURCES]
    assert _header(run("sources")) == ["ID", "KIND", "URL"]


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


def test_export_csv_and_datapackage_and_schema(tmp_path: Path) -> None:
    done = run("--json", "export", str(tmp_path / "dp"), "--format", "datapackage")
    assert done.returncode == 0, done.stderr
    names = {Path(p).name for p in json.loads(done.stdout)}
    assert {"datapackage.json", "participations.csv", "forum_editions.csv"} <= names
    assert run("export", str(tmp_path / "s"), "--format", "schema").returncode == 0
    assert (tmp_path / "s" / "schema.json").is_file()
    assert run("export", str(tmp_path / "x"), "--format", "xlsx").returncode == 2


def test_schema_prints_the_json_schema() -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "participations.json" in schema["properties"]


def test_timeline_plot_needs_no_kind() -> None:
    done = run("timeline", "--plot", "never-written.png", "--kind", "signed")
    assert done.returncode == 2
    assert "--plot" in done.stderr
    assert not Path("never-written.png").exists()


def test_timeline_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the picture needs the 'plot' extra (matplotlib)")
    target = tmp_path / "timeline.png"
    done = run("timeline", "--plot", str(target), "--country", "KG", "--since", "2015-01-01")
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
    before = run("timeline", "--plot", str(target), "--since", "2010-01-01")
    assert before.returncode == 2
    assert "before the data's coverage" in before.stderr


def test_a_missing_optional_package_is_one_line_and_exit_1(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None; "
        "from eu_ca_partnership._cli import main; "
        f"raise SystemExit(main(['timeline', '--plot', {str(tmp_path / 'x.png')!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert 'pip install "eu-ca-partnership[plot]"' in done.stderr


def test_every_command_has_help() -> None:
    for command in (
        "countries",
        "country",
        "instruments",
        "countries-with",
        "show",
        "timeline",
        "rounds",
        "sources",
        "export",
        "schema",
        "about",
    ):
        done = run(command, "--help")
        assert done.returncode == 0, command
        assert done.stdout.startswith("usage: eu-ca " + command)


def test_the_export_formats_are_the_functions() -> None:
    from eu_ca_partnership._cli import EXPORT_FORMATS
    from eu_ca_partnership._export import FORMATS

    assert EXPORT_FORMATS == FORMATS


def test_an_empty_answer_is_said_plainly() -> None:
    done = run("countries-with", "eu-kyrgyzstan-epca")
    assert (done.returncode, done.stdout.strip()) == (0, "(none)")
