"""Importing the package is cheap and has no surprises: no data, no cattrs, no network."""

from __future__ import annotations

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
