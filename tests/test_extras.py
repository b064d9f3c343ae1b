"""The optional extras: the core never imports them, and a missing one is a worded ImportError."""

from __future__ import annotations

import sys

import pytest

import eu_ca_partnership as eca
from processes import in_fresh_interpreter


def test_import_and_queries_import_neither_pandas_nor_matplotlib() -> None:
    out = in_fresh_interpreter(
        "import sys, eu_ca_partnership as eca\n"
        "eca.instruments_for('TJ'); eca.table(eca.COUNTRIES)._repr_html_(); eca.GSP._repr_html_()\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))"
    )
    assert out == "[]"


@pytest.mark.parametrize(
    ("module", "call", "extra"),
    [
        ("pandas", "eca.to_dataframe('countries')", "pandas"),
        ("matplotlib", "eca.plot_timeline()", "plot"),
    ],
)
def test_a_missing_extra_is_a_worded_import_error(module: str, call: str, extra: str) -> None:
    out = in_fresh_interpreter(
        f"import sys; sys.modules[{module!r}] = None\n"
        "import eu_ca_partnership as eca\n"
        f"try:\n    {call}\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, isinstance(error, eca.PartnershipError), error.extra, error.name)\n"
        "    print(error)\n"
    )
    head, message = out.splitlines()
    assert head == f"MissingExtraError True {extra} {module}"
    assert message.endswith(
        f'install it with: pip install "eu-ca-partnership[{extra}]" '
        f'(from a checkout of the repository: pip install ".[{extra}]")'
    )
    assert message.startswith(
        f"{call.removeprefix('eca.').split('(')[0]}() needs {module}, which is not installed"
    )


def test_a_missing_extra_error_carries_the_extra_and_the_module() -> None:
    error = eca.MissingExtraError("no pandas", extra="pandas", name="pandas")
    assert (str(error), error.extra, error.name) == ("no pandas", "pandas", "pandas")
    assert isinstance(error, ImportError)
    assert isinstance(error, eca.PartnershipError)


@pytest.mark.parametrize(("module", "top"), [("pandas", "pandas"), ("matplotlib.pyplot", "matplotlib")])
def test_a_missing_module_is_named_by_its_distribution(
    module: str, top: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process, as the fresh-interpreter test above does it: the import fails as if not installed."""
    from eu_ca_partnership._optional import require

    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(eca.MissingExtraError) as caught:
        require(module, extra="the-extra", feature="this feature")
    assert (caught.value.extra, caught.value.name) == ("the-extra", top)
    assert str(caught.value).startswith(f"this feature needs {top}, which is not installed; ")
