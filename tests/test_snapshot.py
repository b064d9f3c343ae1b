"""The compiled snapshot: equal to the JSON it was built from, and never used when it does not match."""

from __future__ import annotations

import pickle
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import importlib_resources
import pytest

import eu_ca_partnership as eca
from eu_ca_partnership import _snapshot, _version
from eu_ca_partnership._kinds import KINDS, META_FILE


@pytest.fixture
def folder(data_copy: Callable[[], Path]) -> Path:
    """A copy of the bundled data folder with a snapshot built from it."""
    made = data_copy()
    (made / _snapshot.FILE).write_bytes(_snapshot.build(made))
    return made


def _reader(folder: Path) -> _snapshot.Read:
    return lambda name: (folder / name).read_bytes()


def test_the_snapshot_gives_the_json_dataset_field_by_field(folder: Path, data: eca.Dataset) -> None:
    compiled = _snapshot.read(_reader(folder))
    assert compiled is not None
    assert compiled.meta == data.meta
    for kind in KINDS:
        ours, theirs = compiled.records(kind.name), data.records(kind.name)
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            assert type(a) is type(b)
            assert attrs.asdict(a, recurse=True) == attrs.asdict(b, recurse=True)
    assert compiled == data
    assert compiled.instruments_for("Tajikistan") == data.instruments_for("Tajikistan")


def test_no_snapshot_is_no_answer(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / _snapshot.FILE).unlink(missing_ok=True)  # an installed wheel's data folder has one
    assert _snapshot.read(_reader(folder)) is None


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda f: (f / "events.json").write_bytes((f / "events.json").read_bytes() + b" "),
            id="json edited",
        ),
        pytest.param(lambda f: (f / META_FILE).unlink(), id="a data file missing"),
        pytest.param(lambda f: _flip(f / _snapshot.FILE, -10), id="payload corrupt"),
        pytest.param(lambda f: _flip(f / _snapshot.FILE, 40), id="header corrupt"),
        pytest.param(lambda f: _flip(f / _snapshot.FILE, 0), id="not a snapshot"),
        pytest.param(lambda f: _cut(f / _snapshot.FILE), id="truncated"),
    ],
)
def test_a_snapshot_that_does_not_match_is_never_used(folder: Path, spoil: Callable[[Path], object]) -> None:
    spoil(folder)
    assert _snapshot.read(_reader(folder)) is None


def test_a_snapshot_of_another_release_is_never_used(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_version, "__version__", "1999.1.0")
    assert _snapshot.read(_reader(folder)) is None


def test_a_payload_that_does_not_fit_the_code_is_never_an_answer(folder: Path) -> None:
    snapshot = (folder / _snapshot.FILE).read_bytes()
    header = snapshot[: len(_snapshot._MARK) + 2 * _snapshot._DIGEST_SIZE]
    payload = pickle.dumps(("not a meta", {"countries": ("not a country",)}))
    (folder / _snapshot.FILE).write_bytes(header + _snapshot._digest(payload) + payload)
    assert _snapshot.read(_reader(folder)) is None


def test_the_json_files_are_read_when_there_is_no_snapshot(folder: Path) -> None:
    """A user's folder is always read as JSON: a snapshot there is ignored, even a matching one."""
    (folder / _snapshot.FILE).write_bytes(b"anything")
    assert eca.load(folder) == eca.default_dataset()


def _flip(path: Path, at: int) -> None:
    content = bytearray(path.read_bytes())
    content[at] ^= 0xFF
    path.write_bytes(bytes(content))


def _cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


INSTALLED = importlib_resources.files("eu_ca_partnership").joinpath("data", _snapshot.FILE)


@pytest.mark.skipif(not INSTALLED.is_file(), reason="no snapshot: a source checkout (the wheel has one)")
def test_the_installed_package_answers_from_its_snapshot() -> None:
    from processes import in_fresh_interpreter

    out = in_fresh_interpreter(
        "import sys, eu_ca_partnership as eca; eca.instruments_for('Tajikistan'); "
        "print(sorted(m for m in ('cattrs', 'json', 'eu_ca_partnership._loader') if m in sys.modules))"
    )
    assert out == "[]"


def test_the_build_hook_puts_the_snapshot_in_the_wheel(tmp_path: Path) -> None:
    """What hatch_build.py does at wheel build, run on a copy of the checkout's data."""
    hook_file = Path(__file__).parent.parent / "hatch_build.py"
    if not hook_file.is_file():
        pytest.skip("hatch_build.py is not beside these tests (tests run against an installed wheel)")
    hatchling = pytest.importorskip("hatchling.builders.hooks.plugin.interface")
    sys.path.insert(0, str(hook_file.parent))
    try:
        from hatch_build import SnapshotBuildHook
    finally:
        sys.path.remove(str(hook_file.parent))
    root = tmp_path / "checkout"
    source = Path(eca.__file__).parent
    shutil.copytree(source, root / "src" / "eu_ca_partnership")
    hook = SnapshotBuildHook(str(root), {}, None, None, str(tmp_path / "build"), "wheel")
    assert isinstance(hook, hatchling.BuildHookInterface)
    build_data: dict[str, dict[str, str]] = {"force_include": {}}
    hook.initialize("standard", build_data)
    ((built, target),) = build_data["force_include"].items()
    assert target == f"eu_ca_partnership/data/{_snapshot.FILE}"
    assert (
        _snapshot.read(
            lambda name: (Path(built) if name == _snapshot.FILE else source / "data" / name).read_bytes()
        )
        is not None
    )
    assert not (tmp_path / "build").exists()  # nothing beside the wheel in its output folder
    hook.finalize("standard", build_data, str(tmp_path / "build" / "some.whl"))
    assert not Path(built).exists()  # the scratch copy is gone once the wheel is written
    hook.initialize("editable", editable := {"force_include": {}})
    assert editable == {"force_include": {}}
    hook.finalize("editable", editable, str(tmp_path / "build" / "some.whl"))


def test_the_package_reads_its_own_data_files_by_name() -> None:
    assert (
        _snapshot.bundled(META_FILE)
        == importlib_resources.files("eu_ca_partnership").joinpath("data", META_FILE).read_bytes()
    )
