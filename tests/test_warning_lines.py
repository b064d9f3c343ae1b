"""A warning names the line that asked the question, not a line of the package.

``eca.status(...)`` calls ``Dataset.status``, which calls the code that warns; ``agreement_for``
goes through ``instruments_for`` too. However deep the package's own calls, the warning's file
and line are the caller's, so ``-W`` options and filters by module see the user's code.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership._answers import warn_at_caller

LATER = (eca.DATA_AS_OF + dt.timedelta(days=30)).isoformat()
DATA = eca.default_dataset()

#: Every question that can warn, asked of the module and of a Dataset; each call on one line.
UNVERIFIED: dict[str, Callable[[], Any]] = {
    "eca.instruments_for": lambda: eca.instruments_for("UZ", on=LATER),
    "eca.countries_with": lambda: eca.countries_with("gsp", on=LATER),
    "eca.participations": lambda: eca.participations("KG", on=LATER),
    "eca.status": lambda: eca.status("UZ", "gsp-plus", on=LATER),
    "eca.agreement_for": lambda: eca.agreement_for("KZ", on=LATER),
    "eca.dialogue_rounds": lambda: eca.dialogue_rounds("TJ", on=LATER),
    "eca.envoys_on": lambda: eca.envoys_on(LATER),
    "Dataset.instruments_for": lambda: DATA.instruments_for("UZ", on=LATER),
    "Dataset.countries_with": lambda: DATA.countries_with("gsp", on=LATER),
    "Dataset.participations": lambda: DATA.participations("KG", on=LATER),
    "Dataset.status": lambda: DATA.status("UZ", "gsp-plus", on=LATER),
    "Dataset.agreement_for": lambda: DATA.agreement_for("KZ", on=LATER),
    "Dataset.dialogue_rounds": lambda: DATA.dialogue_rounds("TJ", on=LATER),
    "Dataset.envoys_on": lambda: DATA.envoys_on(LATER),
}
UNCERTAIN: dict[str, Callable[[], Any]] = {
    "eca.instruments_for": lambda: eca.instruments_for("Turkmenistan", on="2005-01-01"),
    "eca.countries_with": lambda: eca.countries_with("GSP", on="2005-01-01"),
    "eca.participations": lambda: eca.participations("TM", on="2005-01-01"),
    "Dataset.instruments_for": lambda: DATA.instruments_for("Turkmenistan", on="2005-01-01"),
    "Dataset.countries_with": lambda: DATA.countries_with("GSP", on="2005-01-01"),
    "Dataset.participations": lambda: DATA.participations("TM", on="2005-01-01"),
}


def _caught(ask: Callable[[], Any]) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ask()
    return caught


@pytest.mark.parametrize("ask", UNVERIFIED.values(), ids=UNVERIFIED.keys())
def test_an_unverified_answer_warns_at_the_callers_line(ask: Callable[[], Any]) -> None:
    caught = _caught(ask)
    assert eca.UnverifiedAnswerWarning in [w.category for w in caught]
    assert {(w.filename, w.lineno) for w in caught} == {(__file__, ask.__code__.co_firstlineno)}


@pytest.mark.parametrize("ask", UNCERTAIN.values(), ids=UNCERTAIN.keys())
def test_an_uncertain_answer_warns_at_the_callers_line(ask: Callable[[], Any]) -> None:
    caught = _caught(ask)
    assert caught
    assert {w.category for w in caught} == {eca.UncertainAnswerWarning}
    assert {(w.filename, w.lineno) for w in caught} == {(__file__, ask.__code__.co_firstlineno)}


def test_a_filter_by_the_callers_module_applies() -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=eca.UnverifiedAnswerWarning, module=__name__)
        with pytest.raises(eca.UnverifiedAnswerWarning):
            eca.status("UZ", "gsp-plus", on=LATER)


def test_outside_the_package_the_direct_caller_is_named() -> None:
    def say() -> None:
        warn_at_caller("said here", UserWarning)

    caught = _caught(say)
    assert (caught[0].filename, caught[0].lineno) == (__file__, say.__code__.co_firstlineno + 1)


def test_a_script_sees_its_own_line(tmp_path: Path) -> None:
    script = tmp_path / "ask.py"
    script.write_text(
        f"import eu_ca_partnership as eca\n\n\neca.status('UZ', 'gsp-plus', on={LATER!r})\n", "utf-8"
    )
    shown = subprocess.run(
        [sys.executable, "-W", "always", str(script)], capture_output=True, text=True, check=True
    ).stderr
    assert shown.startswith(f"{script}:4: UnverifiedAnswerWarning: unverified: {LATER} is after")
