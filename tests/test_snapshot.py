"""The compiled snapshot: equal to the JSON it was built from, and never used when it does not match."""

from __future__ import annotations

import pickle
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import attrs
import importlib_resources
import pytest

import eu_ca_partnership as eca
from eu_ca_partnership import _snapshot, _version
from eu_ca_partnership._kinds import BY_NAME, KINDS, META_FILE


@pytest.fixture
def folder(data_copy: Callable[[], Path]) -> Path:
    """A copy of the bundled data folder with a snapshot built from it."""
    made = data_copy()
    (made / _snapshot.FILE).write_bytes(_snapshot.build(made))
    return made


DEFERRED = [kind.name for kind in KINDS if kind.deferred]
FIRST_PART = _snapshot._HEADER_SIZE  # where the first part (the kinds a first answer needs) begins


def _same_records(ours: eca.Dataset, theirs: eca.Dataset) -> None:
    assert ours.meta == theirs.meta
    for kind in KINDS:
        mine, other = ours.records(kind.name), theirs.records(kind.name)
        assert len(mine) == len(other)
        for a, b in zip(mine, other, strict=True):
            assert type(a) is type(b)
            assert attrs.asdict(a, recurse=True) == attrs.asdict(b, recurse=True)
    assert ours == theirs


def test_the_snapshot_gives_the_json_dataset_field_by_field(folder: Path, data: eca.Dataset) -> None:
    compiled = _snapshot.read(folder)
    assert compiled is not None
    _same_records(compiled, data)
    assert compiled.instruments_for("Tajikistan") == data.instruments_for("Tajikistan")


def test_the_deferred_kinds_are_the_ones_a_first_answer_does_without() -> None:
    assert DEFERRED == [
        "events",
        "dialogue_rounds",
        "envoys",
        "topics",
        "mechanisms",
        "pillars",
        "challenges",
        "series",
        "conventions",
        "ratifications",
        "sources",
    ]
    for kind in KINDS:  # a nested kind is made with the records that hold it
        if kind.nested is not None:
            assert kind.deferred is BY_NAME[kind.nested.parent].deferred


def test_a_first_answer_makes_no_deferred_kind(folder: Path) -> None:
    compiled = _snapshot.read(folder)
    assert compiled is not None
    assert compiled.records("countries")
    assert compiled.instruments_for("Tajikistan")
    compiled.countries_with("gsp-plus", on="2020-06-01")
    compiled.participations("UZ", "GSP")
    compiled.agreement_for("KZ")
    assert compiled.status("TM", "GSP", on="2014-01-01") is eca.Presence.YES
    assert compiled.instrument("GSP").id == "gsp"
    assert compiled.country("KGZ").alpha_2 == "KG"
    assert compiled._records.pending == tuple(DEFERRED)
    assert repr(compiled).endswith(f"100 country_names, {len(DEFERRED)} kinds not read yet)")
    assert compiled.sources  # any one of them makes them all
    assert compiled._records.pending == ()
    assert f"{len(compiled.sources)} sources)" in repr(compiled)


def test_a_datasets_records_are_a_mapping_of_every_kind_that_makes_none_to_list_them(folder: Path) -> None:
    compiled = _snapshot.read(folder)
    assert compiled is not None
    records = compiled._records
    assert list(records) == [kind.name for kind in KINDS]
    assert len(records) == len(KINDS)
    assert "sources" in records
    assert "nothing" not in records
    assert repr(records) == f"Records({', '.join(kind.name for kind in KINDS)})"
    with pytest.raises(KeyError):
        records["nothing"]
    assert records.pending == tuple(DEFERRED)  # nothing above made a deferred kind
    assert dict(records.items()) == {kind.name: compiled.records(kind.name) for kind in KINDS}
    assert records.pending == ()


def test_a_deferred_kind_is_made_once_when_threads_race_for_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = []
    deferred = _snapshot._deferred
    monkeypatch.setattr(_snapshot, "_deferred", lambda *args: made.append(1) or deferred(*args))
    compiled = _snapshot.read(folder)
    assert compiled is not None
    barrier = threading.Barrier(8)
    seen: list[tuple[str, int]] = []

    def worker(n: int) -> None:
        barrier.wait()
        kind = ("sources", "events")[n % 2]
        seen.append((kind, id(compiled.records(kind))))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [1]
    assert len(seen) == 8
    assert len(set(seen)) == 2  # every thread saw the same records


def test_no_snapshot_is_no_answer(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / _snapshot.FILE).unlink(missing_ok=True)  # an installed wheel's data folder has one
    assert _snapshot.read(folder) is None


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda f: _edit(f / "countries.json"), id="json edited"),
        pytest.param(lambda f: _edit(f / "forums.json"), id="json of a subclass edited"),
        pytest.param(lambda f: (f / META_FILE).unlink(), id="a data file missing"),
        pytest.param(lambda f: _flip(f / _snapshot.FILE, FIRST_PART + 10), id="first part corrupt"),
        pytest.param(lambda f: _flip(f / _snapshot.FILE, len(_snapshot._MARK) + 2), id="header corrupt"),
        pytest.param(lambda f: _flip(f / _snapshot.FILE, 0), id="not a snapshot"),
        pytest.param(lambda f: _cut(f / _snapshot.FILE, FIRST_PART - 1), id="cut in the header"),
        pytest.param(lambda f: _cut(f / _snapshot.FILE, FIRST_PART + 100), id="cut in the first part"),
    ],
)
def test_a_snapshot_that_does_not_match_is_never_used(folder: Path, spoil: Callable[[Path], object]) -> None:
    spoil(folder)
    assert _snapshot.read(folder) is None


def test_a_snapshot_of_another_release_is_never_used(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_version, "__version__", "1999.1.0")
    assert _snapshot.read(folder) is None


def _with_parts(folder: Path, first: bytes | None = None, deferred: bytes | None = None) -> None:
    """Replace a part of the folder's snapshot, with a header whose digests match the new part."""
    snapshot = (folder / _snapshot.FILE).read_bytes()
    mark, size = len(_snapshot._MARK), _snapshot._DIGEST_SIZE
    digests = [snapshot[mark + i * size : mark + (i + 1) * size] for i in range(6)]
    length = int.from_bytes(snapshot[FIRST_PART - _snapshot._LENGTH_SIZE : FIRST_PART], "big")
    old_first, old_deferred = snapshot[FIRST_PART : FIRST_PART + length], snapshot[FIRST_PART + length :]
    first, deferred = first or old_first, deferred or old_deferred
    digests[2], digests[5] = _snapshot._digest([first]), _snapshot._digest([deferred])
    length_bytes = len(first).to_bytes(_snapshot._LENGTH_SIZE, "big")
    (folder / _snapshot.FILE).write_bytes(
        _snapshot._MARK + b"".join(digests) + length_bytes + first + deferred
    )


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(("not a meta", {"countries": ("not a country",)}), id="not a meta"),
        pytest.param((None, {}), id="no meta, no records"),
        "a string",
    ],
)
def test_a_first_part_that_does_not_fit_the_code_is_never_an_answer(folder: Path, payload: object) -> None:
    _with_parts(folder, first=pickle.dumps(payload))
    assert _snapshot.read(folder) is None


def test_a_first_part_holding_records_of_the_wrong_kind_is_never_an_answer(
    folder: Path, data: eca.Dataset
) -> None:
    records = {
        kind.name: data.records(kind.name) for kind in KINDS if kind.nested is None and not kind.deferred
    }
    records["countries"] = data.instruments[:5]
    _with_parts(folder, first=pickle.dumps((data.meta, records)))
    assert _snapshot.read(folder) is None


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda f: _flip(f / _snapshot.FILE, -10), id="deferred part corrupt"),
        pytest.param(
            lambda f: _flip(f / _snapshot.FILE, len(_snapshot._MARK) + 3 * _snapshot._DIGEST_SIZE + 2),
            id="deferred shapes of other code",
        ),
        pytest.param(lambda f: _edit(f / "events.json"), id="json of a deferred kind edited"),
        pytest.param(lambda f: _with_parts(f, deferred=pickle.dumps({"sources": ()})), id="kinds missing"),
        pytest.param(lambda f: _with_parts(f, deferred=pickle.dumps(("not", "a dict"))), id="not records"),
        pytest.param(lambda f: _with_parts(f, deferred=b"not a pickle"), id="not a pickle"),
    ],
)
def test_a_deferred_part_that_does_not_fit_gives_way_to_the_json(
    folder: Path, data: eca.Dataset, spoil: Callable[[Path], object]
) -> None:
    spoil(folder)
    compiled = _snapshot.read(folder)
    assert compiled is not None  # the first part matches: a first answer still reads it
    _same_records(compiled, data)  # and the deferred kinds are the JSON loader's


def test_the_json_files_are_read_when_there_is_no_snapshot(folder: Path) -> None:
    """A user's folder is always read as JSON: a snapshot there is ignored, even a matching one."""
    (folder / _snapshot.FILE).write_bytes(b"anything")
    assert eca.load(folder) == eca.default_dataset()


def test_a_deferred_file_gone_is_a_data_error_when_its_kinds_are_read(folder: Path) -> None:
    (folder / "sources.json").unlink()
    compiled = _snapshot.read(folder)
    assert compiled is not None
    assert compiled.instruments_for("Tajikistan")  # the first part does without it
    with pytest.raises(eca.DataError, match=r"sources\.json: file missing"):
        compiled.records("sources")


def _edit(path: Path) -> None:
    """The same records, in a file that is no longer the one the snapshot was made from."""
    path.write_bytes(path.read_bytes() + b" ")


def _flip(path: Path, at: int) -> None:
    content = bytearray(path.read_bytes())
    content[at] ^= 0xFF
    path.write_bytes(bytes(content))


def _cut(path: Path, size: int) -> None:
    path.write_bytes(path.read_bytes()[:size])


#: The model modules of the deferred kinds, as the registry declares them.
DEFERRED_MODULES = tuple(sorted({f"eu_ca_partnership.{kind.module}" for kind in KINDS if kind.deferred}))

INSTALLED = importlib_resources.files("eu_ca_partnership").joinpath("data", _snapshot.FILE)


@pytest.mark.skipif(not INSTALLED.is_file(), reason="no snapshot: a source checkout (the wheel has one)")
def test_the_installed_package_answers_from_its_snapshot() -> None:
    from processes import in_fresh_interpreter

    out = in_fresh_interpreter(
        "import sys, eu_ca_partnership as eca; eca.instruments_for('Tajikistan'); "
        f"print(sorted(m for m in ('cattrs', 'json', 'eu_ca_partnership._loader', *{DEFERRED_MODULES!r}) "
        "if m in sys.modules))"
    )
    assert out == "[]"


@pytest.mark.skipif(not INSTALLED.is_file(), reason="no snapshot: a source checkout (the wheel has one)")
def test_the_classes_of_a_first_answer_make_attrs_import_nothing_more() -> None:
    # attrs imports inspect (5 ms and more) to make a class with a converter, or a slotted class
    # with a cached_property: none of the classes a first answer makes may need it.
    from processes import in_fresh_interpreter

    out = in_fresh_interpreter(
        "import sys, attrs; before = set(sys.modules); import eu_ca_partnership as eca; "
        "eca.instruments_for('Tajikistan'); "
        "print('inspect' in before, sorted(m for m in ('inspect', 'ast', 'dis', 'tokenize') "
        "if m in set(sys.modules) - before))"
    )
    if out.startswith("True"):
        pytest.skip("this attrs imports inspect itself (attrs 26.1.0 does; its PR #1600 ends that)")
    assert out == "False []"


@pytest.mark.skipif(not INSTALLED.is_file(), reason="no snapshot: a source checkout (the wheel has one)")
def test_a_terminal_answer_reads_no_source_and_builds_one_parser() -> None:
    from processes import in_fresh_interpreter

    out = in_fresh_interpreter(
        "import contextlib, io, sys, argparse\n"
        "made = []\n"
        "argparse.ArgumentParser.__init__ = (lambda init: lambda *a, **k: made.append(1) or init(*a, **k))("
        "argparse.ArgumentParser.__init__)\n"
        "from eu_ca_partnership._cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as shown:\n"
        "    main(['instruments', 'Tajikistan'])\n"
        "print(shown.getvalue().splitlines()[1].split()[0], len(made), sorted(m for m in ('json', 'textwrap', "
        f"*{DEFERRED_MODULES!r}) if m in sys.modules))"
    )
    assert out == "gsp 2 []"  # the answer; the parsers of eu-ca and of its one command; nothing else


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
    data = tmp_path / "data"
    shutil.copytree(source / "data", data)
    shutil.copyfile(built, data / _snapshot.FILE)
    assert _snapshot.read(data) is not None
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


@pytest.mark.parametrize("deferred", [False, True])
def test_a_parts_schema_states_each_class_of_its_kinds_with_its_fields(deferred: bool) -> None:
    """What the schema digest guards: a class of the part gaining, losing or reordering a field."""
    from eu_ca_partnership._kinds import KINDS

    text = _snapshot.schema(deferred=deferred).decode()
    for kind in KINDS:
        for cls in kind.classes:
            line = f"{cls.__qualname__}({','.join(a.name for a in attrs.fields(cls))})"
            assert (line in text.splitlines()) is (kind.deferred is deferred), (kind.name, cls)


def test_a_snapshot_built_of_a_folder_answers_for_it_from_both_parts(
    data_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its digests are of that folder's files (not the package's), so both parts are used: the
    deferred part too, without the loader."""
    import json

    from eu_ca_partnership import _loader

    folder = data_copy()
    changed = []
    for name, field in (("instruments.json", "description"), ("events.json", "note")):
        rows = json.loads((folder / name).read_text("utf-8"))
        rows[0][field] = "Changed in this copy only."
        changed.append(rows[0]["id"])
        (folder / name).write_text(json.dumps(rows), "utf-8")
    (folder / _snapshot.FILE).write_bytes(_snapshot.build(folder))
    compiled = _snapshot.read(folder)
    assert compiled is not None
    assert compiled.instrument(changed[0]).description == "Changed in this copy only."
    monkeypatch.setattr(_loader, "read", lambda root: pytest.fail("the JSON was read"))
    assert {event.id: event.note for event in compiled.events}[changed[1]] == "Changed in this copy only."
