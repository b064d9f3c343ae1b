"""Importing the package is cheap and has no surprises: no data, no cattrs, no network."""

from __future__ import annotations

from typing import Any

import pytest

import eu_ca_partnership as eca
from processes import in_fresh_interpreter


def test_import_reads_no_data_and_imports_no_cattrs() -> None:
    out = in_fresh_interpreter(
        "import sys, eu_ca_partnership as eca; "
        "print(sorted(m for m in sys.modules if m.startswith(('cattrs', 'pandas', 'eu_ca_partnership._'))))"
    )
    assert out == "['eu_ca_partnership._version']"  # no record class, no data, no cattrs


def test_first_constant_loads_the_data() -> None:
    """Through the snapshot in a wheel (no cattrs then: tests/test_snapshot.py), the JSON otherwise."""
    out = in_fresh_interpreter(
        "import sys, eu_ca_partnership as eca; eca.GSP; "
        "print(sys.modules['eu_ca_partnership._bundled']._bundled is not None)"
    )
    assert out == "True"


def test_dir_lists_the_data_constants_before_the_data_is_read() -> None:
    out = in_fresh_interpreter(
        "import sys, eu_ca_partnership as eca; names = dir(eca); "
        "print(set(eca.__all__) <= set(names), 'KAZAKHSTAN' in names, "
        "sys.modules['eu_ca_partnership._bundled']._bundled is None)"
    )
    assert out == "True True True"


def test_unknown_attributes_raise_attribute_error() -> None:
    out = in_fresh_interpreter(
        "import eu_ca_partnership as eca\n"
        "try:\n    eca.NOT_A_CONSTANT\nexcept AttributeError as e:\n    print(e)"
    )
    assert out == "module 'eu_ca_partnership' has no attribute 'NOT_A_CONSTANT'"


def test_version_is_not_read_from_metadata_at_import() -> None:
    out = in_fresh_interpreter("import sys, eu_ca_partnership; print('importlib.metadata' in sys.modules)")
    assert out == "False"


#: Records to ask about, fetched beforehand: the questions below must not read the data themselves.
GSP_PLUS = eca.record("gsp-plus")
INSTRUMENTS = eca.default_dataset().instruments

#: Every module-level question, each as it may be a process's first call (no dataset read yet).
FIRST_CALLS = {
    "country": lambda eca: eca.country("TJ"),
    "country by number": lambda eca: eca.country(762),
    "instrument": lambda eca: eca.instrument("gsp-plus"),
    "instruments_for": lambda eca: eca.instruments_for("TJ", on="2020-01-01"),
    "instruments_for today": lambda eca: eca.instruments_for("TJ"),
    "countries_with": lambda eca: eca.countries_with("gsp-plus", on="2020-01-01"),
    "participations": lambda eca: eca.participations("UZ", on="2020-01-01"),
    "status": lambda eca: eca.status("UZ", "gsp-plus", on="2022-01-01"),
    "convention": lambda eca: eca.convention("C029"),
    "conventions_for": lambda eca: eca.conventions_for("UZ", on="2022-01-01"),
    "countries_bound_by": lambda eca: eca.countries_bound_by("C029", on="2022-01-01"),
    "ratifications_of": lambda eca: eca.ratifications_of("UZ"),
    "agreement_for": lambda eca: eca.agreement_for("KZ", on="2022-01-01"),
    "dialogue_rounds": lambda eca: eca.dialogue_rounds("TJ", on="2022-01-01"),
    "timeline": lambda eca: eca.timeline(country="TJ", since="2020-01-01", until="2021-01-01"),
    "envoys_on": lambda eca: eca.envoys_on("2022-01-01"),
    "source": lambda eca: eca.source("founding-factsheet"),
    "sources_of": lambda eca: eca.sources_of(GSP_PLUS),
    "record": lambda eca: eca.record("gsp-plus"),
    "record of a kind": lambda eca: eca.record("gsp-plus", eca.Instrument),
    "completeness": lambda eca: eca.completeness("Kazakhstan"),
    "table": lambda eca: list(eca.table(INSTRUMENTS)),
}


@pytest.mark.parametrize("ask", FIRST_CALLS.values(), ids=FIRST_CALLS.keys())
@pytest.mark.filterwarnings("ignore::eu_ca_partnership.UncertainAnswerWarning")
def test_each_question_can_be_a_processs_first(ask: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked before anything has read the data, it reads it and answers as it would later.

    In process: the cache is emptied and the read is the dataset already loaded (a fresh read of
    the JSON for each question would take seconds); ``test_first_constant_loads_the_data`` reads it.
    """
    from eu_ca_partnership import _bundled

    later = ask(eca)
    loaded = _bundled.default_dataset()
    monkeypatch.setattr(_bundled, "_bundled", None)
    monkeypatch.setattr(_bundled, "default_dataset", lambda: loaded)
    assert ask(eca) == later
