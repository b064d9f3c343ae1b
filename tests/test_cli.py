"""The eu-ca command, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

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
    assert run("--version").stdout.strip() == f"eu-ca-partnership {eca.__version__}"
    about = json.loads(run("--json", "about").stdout)
    assert about == {"version": eca.__version__, "data_as_of": "2026-11-28", "coverage_start": "2014-01-01"}
