"""Hostile files and arguments: every problem is the library's own bounded error, never a crash.

Each test reproduces a defect a reliability trial found (D1-D10 and the snapshot's unpickler):
before its fix, the call raised a bare built-in error, hung, or exhausted memory.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership import _bundled, _loader, _model, _snapshot
from eu_ca_partnership._cli import main

#: The longest message a problem may have (its file, its text, its path).
LONGEST_PROBLEM = 1000


def _data_error(folder: Path | str) -> eca.DataError:
    with pytest.raises(eca.DataError) as caught:
        eca.load(folder)
    for problem in caught.value.errors:
        assert len(problem) <= LONGEST_PROBLEM, problem[:200]
    assert len(str(caught.value)) < 25 * LONGEST_PROBLEM
    return caught.value


def _only(error: eca.DataError) -> str:
    assert len(error.errors) == 1, error.errors
    return error.errors[0]


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail, rather than hang, a test that would block on reading a FIFO."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("the read blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- D1: deep nesting ------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_json_nested_too_deep_is_a_data_error(data_copy: Callable[[], Path], depth: int) -> None:
    folder = data_copy()
    (folder / "countries.json").write_text("[" * depth + "]" * depth, "utf-8")
    problem = _only(_data_error(folder))
    # How deep the json module reads depends on the Python version (3.12 reads a thousand levels):
    # either way, a DataError with one bounded problem, never a RecursionError.
    assert "nested too deeply" in problem or (depth == 1_000 and "expected a JSON object" in problem)


def test_a_deep_value_in_a_field_is_a_data_error(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    records = json.loads((folder / "countries.json").read_text("utf-8"))
    text = json.dumps(records).replace('"KZ"', "[" * 900 + "]" * 900, 1)
    (folder / "countries.json").write_text(text, "utf-8")
    assert any(p.endswith("@ $[0].alpha_2") for p in _data_error(folder).errors)


def test_the_bundled_data_path_gives_the_data_error_too(
    data_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data_copy()
    (folder / "events.json").write_text("[" * 100_000, "utf-8")
    monkeypatch.setattr(_loader, "bundled_folder", lambda: folder)
    with pytest.raises(eca.DataError, match=r"events\.json: not valid JSON \(nested too deeply\) @ \$"):
        eca.load()


# -- D2: the file system ---------------------------------------------------------------------------


def test_a_folder_where_a_file_should_be(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / "events.json").unlink()
    (folder / "events.json").mkdir()
    assert _only(_data_error(folder)) == "events.json: not a regular file (a directory) @ $"


def test_a_symlink_loop(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / "events.json").unlink()
    (folder / "events.json").symlink_to(folder / "events.json")
    assert _only(_data_error(folder)).startswith("events.json: cannot be read (")


def test_permission_denied(data_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests run as root, who may read anything: open() is made to refuse, as it would a user."""
    folder = data_copy()
    real_open = builtins.open

    def refusing(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("events.json"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing)
    monkeypatch.setattr(io, "open", refusing)  # what pathlib opens with
    assert _only(_data_error(folder)) == "events.json: cannot be read (Permission denied) @ $"


def test_a_file_passed_as_the_folder(data_copy: Callable[[], Path]) -> None:
    problem = _only(_data_error(data_copy() / "meta.json"))
    assert problem.startswith("meta.json: cannot be read (Not a directory")
    assert problem.endswith("@ $")


def test_a_path_too_long() -> None:
    problem = _only(_data_error("x" * 1_000_000))
    assert problem.startswith("meta.json: cannot be read (File name too long")


# -- D3: size ------------------------------------------------------------------------------------


def test_a_file_over_the_maximum_size_is_refused_before_it_is_read(data_copy: Callable[[], Path]) -> None:
    from eu_ca_partnership import _files

    folder = data_copy()
    with (folder / "sources.json").open("wb") as file:
        file.truncate(_files.MAX_FILE_SIZE + 1)  # sparse: nothing is written, nothing need be read
    problem = _only(_data_error(folder))
    assert problem == (
        f"sources.json: {_files.MAX_FILE_SIZE + 1} bytes, more than a data file may hold "
        f"({_files.MAX_FILE_SIZE}) @ $"
    )


def test_the_maximum_is_generous_for_real_data() -> None:
    from eu_ca_partnership import _files

    largest = max(path.stat().st_size for path in Path(eca.__file__).parent.joinpath("data").glob("*.json"))
    assert 20 * largest <= _files.MAX_FILE_SIZE


def test_junk_records_stop_being_collected(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / "events.json").write_text(json.dumps([{"junk": "x" * 100}] * 20_000), "utf-8")
    error = _data_error(folder)
    assert len(error.errors) == _loader.MAX_PROBLEMS + 1
    assert error.errors[-1] == (
        f"events.json: stopped after {_loader.MAX_PROBLEMS} problems; the rest of the file was not checked @ $"
    )
    assert str(error).endswith(f"... and {len(error.errors) - 20} more")


# -- D7: absurd arguments -------------------------------------------------------------------------

HUGE = 10**5000

ABSURD: dict[str, Callable[[], object]] = {
    "country": lambda: eca.country(HUGE),
    "instruments_for": lambda: eca.instruments_for(HUGE),
    "participations": lambda: eca.participations(HUGE),
    "status": lambda: eca.status(HUGE, "gsp"),
    "agreement_for": lambda: eca.agreement_for(HUGE),
    "dialogue_rounds": lambda: eca.dialogue_rounds(HUGE),
    "timeline": lambda: eca.timeline(country=HUGE),
    "Dataset.country": lambda: eca.default_dataset().country(-HUGE),
}


@pytest.mark.parametrize("call", list(ABSURD))
def test_a_huge_integer_is_an_unknown_country(call: str) -> None:
    with pytest.raises(
        eca.UnknownCountryError, match=r"no country matches '<int of about 5001 digits>'"
    ) as caught:
        ABSURD[call]()
    assert len(str(caught.value)) < 1000
    assert "Accepted: " in str(caught.value)


def test_a_huge_integer_is_not_an_export_format(tmp_path: Path) -> None:
    with pytest.raises(
        eca.InvalidChoiceError, match=r"format=<int of about 5001 digits> is not an export format; accepted"
    ):
        eca.export(tmp_path / "out", format=HUGE)  # type: ignore[arg-type]


def test_quoted_shows_what_repr_cannot() -> None:
    from eu_ca_partnership.exceptions import quoted

    nested: list[Any] = []
    for _ in range(100_000):
        nested = [nested]
    assert quoted(HUGE) == "<int of about 5001 digits>"
    assert quoted(nested) == "<list>"


# -- D8, D9, D10: what a record holds ----------------------------------------------------------


def _edit(folder: Path, name: str, change: Callable[[list[Any]], object]) -> Path:
    records = json.loads((folder / name).read_text("utf-8"))
    change(records)
    (folder / name).write_text(json.dumps(records), "utf-8")  # ASCII: "\ud800" stays an escape
    return folder


@pytest.mark.parametrize("field", ["qid", "alpha_3", "numeric", "names"])
def test_a_huge_value_gives_a_bounded_message(data_copy: Callable[[], Path], field: str) -> None:
    folder = _edit(data_copy(), "countries.json", lambda d: d[0].update({field: "é" * 1_000_000}))
    problem = _only(_data_error(folder))
    assert problem.endswith(f"@ $[0].{field}"), problem[-100:]


def test_a_huge_unknown_key_gives_a_bounded_message(data_copy: Callable[[], Path]) -> None:
    folder = _edit(data_copy(), "countries.json", lambda d: d[0].update({"k" * 5_000_000: 1}))
    problem = _only(_data_error(folder))
    assert problem.startswith("countries.json: unknown field(s)")
    assert problem.endswith("@ $[0]")


def test_data_error_bounds_what_it_is_given() -> None:
    error = eca.DataError(["a.json: " + "x" * 10_000 + " @ $[0].name", "b.json: " + "y" * 10_000])
    first, second = error.errors
    assert first.endswith("... (10008 characters) @ $[0].name")
    assert second.endswith("... (10008 characters)")
    assert all(len(e) <= LONGEST_PROBLEM for e in error.errors)


def test_a_lone_surrogate_is_refused_at_load(data_copy: Callable[[], Path]) -> None:
    folder = _edit(data_copy(), "countries.json", lambda d: d[2].update(name="Kyrgyz\ud800stan"))
    assert _only(_data_error(folder)) == (
        "countries.json: a lone surrogate ('\\ud800') at character 6 is not Unicode text @ $[2].name"
    )


def test_a_lone_surrogate_in_a_nested_record(data_copy: Callable[[], Path]) -> None:
    def change(records: list[Any]) -> None:
        records[0]["names"][0]["note"] = "\udfff"

    problem = _only(_data_error(_edit(data_copy(), "countries.json", change)))
    assert problem.endswith("@ $[0].names[0].note"), problem


@pytest.mark.parametrize(("value", "shown"), [(5, "int 5"), ("KZ", "str 'KZ'"), ([1], "list [1]")])
def test_a_value_where_a_record_should_be(data_copy: Callable[[], Path], value: object, shown: str) -> None:
    folder = _edit(data_copy(), "countries.json", lambda d: d.__setitem__(1, value))
    assert _only(_data_error(folder)) == f"countries.json: expected a JSON object, got {shown} @ $[1]"


def test_a_value_where_a_nested_record_should_be(data_copy: Callable[[], Path]) -> None:
    folder = _edit(data_copy(), "countries.json", lambda d: d[0]["names"].__setitem__(0, 7))
    assert _only(_data_error(folder)) == "countries.json: expected a JSON object, got int 7 @ $[0].names[0]"


def test_meta_that_is_not_an_object(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / "meta.json").write_text("3", "utf-8")
    assert _only(_data_error(folder)) == "meta.json: expected a JSON object, got int 3 @ $"


# -- the snapshot ------------------------------------------------------------------------------


class _Boom:
    """Unpickled, it would run a shell command that leaves a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def _genuine_parts(folder: Path) -> tuple[bytes, bytes]:
    """The two pickled parts of a snapshot built of ``folder``: the first, the deferred."""
    real = _snapshot.build(folder)
    length = int.from_bytes(real[_snapshot._HEADER_SIZE - 8 : _snapshot._HEADER_SIZE], "big")
    return real[_snapshot._HEADER_SIZE :][:length], real[_snapshot._HEADER_SIZE + length :]


def _forged(folder: Path, first: bytes | None = None, deferred: bytes | None = None) -> None:
    """A snapshot whose digests are right for what it holds: as anyone who can write the file makes it."""
    real_first, real_deferred = _genuine_parts(folder)
    first = real_first if first is None else first
    deferred = real_deferred if deferred is None else deferred

    def read(name: str) -> bytes:
        return (folder / name).read_bytes()

    digest = _snapshot._digest
    (folder / _snapshot.FILE).write_bytes(
        b"".join(
            [
                _snapshot._MARK,
                digest([_snapshot.schema(deferred=False)]),
                _snapshot.json_digest(read, deferred=False),
                digest([first]),
                digest([_snapshot.schema(deferred=True)]),
                _snapshot.json_digest(read, deferred=True),
                digest([deferred]),
                len(first).to_bytes(8, "big"),
                first,
                deferred,
            ]
        )
    )


def test_a_forged_first_part_does_not_run(data_copy: Callable[[], Path], tmp_path: Path) -> None:
    folder, marker = data_copy(), tmp_path / "ran"
    _forged(folder, first=pickle.dumps(_Boom(marker)))
    with pytest.raises(eca.DataError) as caught:
        _snapshot.read(folder)
    assert caught.value.errors == (
        "snapshot.pickle: refers to posix.system, which a snapshot never holds @ $",
    )
    assert not marker.exists()


def test_a_forged_deferred_part_does_not_run(data_copy: Callable[[], Path], tmp_path: Path) -> None:
    folder, marker = data_copy(), tmp_path / "ran"
    _forged(folder, deferred=pickle.dumps({"events": (_Boom(marker),)}))
    compiled = _snapshot.read(folder)
    assert compiled is not None
    assert compiled.countries  # the first part is sound
    with pytest.raises(eca.DataError, match=r"snapshot\.pickle: refers to posix\.system"):
        compiled.events  # noqa: B018 - the first access unpickles the deferred part
    assert not marker.exists()


def test_the_real_snapshot_passes_the_allow_list(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    _forged(folder)  # the genuine parts
    compiled = _snapshot.read(folder)
    assert compiled is not None
    assert compiled == eca.load(folder)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("builtins", "eval"),
        ("eu_ca_partnership._snapshot", "build"),
        ("eu_ca_partnership._model", "__builtins__"),
        ("eu_ca_partnership._model", "Nothing"),
        ("eu_ca_partnership._model", "Record"),  # a class, but no record is one of it alone
    ],
)
def test_the_allow_list_admits_only_records_and_their_values(module: str, name: str) -> None:
    payload = b"\x80\x04\x8c" + bytes([len(module)]) + module.encode() + b"\x94\x8c"
    payload += bytes([len(name)]) + name.encode() + b"\x94\x93\x94."
    with pytest.raises(eca.DataError, match=f"refers to {module}.{name}, which a snapshot never holds"):
        _snapshot.unpickle(payload)


def test_a_snapshot_that_is_a_fifo_does_not_hang(data_copy: Callable[[], Path], no_hang: None) -> None:
    folder = data_copy()
    (folder / _snapshot.FILE).unlink(missing_ok=True)  # an installed wheel's copy holds one
    os.mkfifo(folder / _snapshot.FILE)
    with pytest.raises(
        eca.DataError, match=r"^invalid data .*\n  snapshot\.pickle: not a regular file \(a FIFO\) @ \$$"
    ):
        _snapshot.read(folder)


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_data_file_that_is_not_a_regular_file(
    data_copy: Callable[[], Path], no_hang: None, kind: str
) -> None:
    folder = data_copy()
    (folder / "events.json").unlink()
    if kind == "fifo":
        os.mkfifo(folder / "events.json")
    else:
        (folder / "events.json").symlink_to(kind)
    shown = "a FIFO" if kind == "fifo" else "a character device"
    assert _only(_data_error(folder)) == f"events.json: not a regular file ({shown}) @ $"


def test_the_bundled_snapshot_is_read_only_if_a_regular_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_hang: None
) -> None:
    (tmp_path / "data").mkdir()
    os.mkfifo(tmp_path / "data" / _snapshot.FILE)
    monkeypatch.setattr(_snapshot, "__file__", str(tmp_path / "_snapshot.py"))
    with pytest.raises(eca.DataError, match=r"snapshot\.pickle: not a regular file \(a FIFO\) @ \$"):
        _snapshot.bundled(_snapshot.FILE)


# -- the command line: D4, D5, D6 --------------------------------------------------------------


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_bad_data_shows_every_problem_and_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = [f"countries.json: expected a string, got int {i} @ $[{i}].name" for i in range(25)]

    def broken() -> eca.Dataset:
        raise eca.DataError(problems)

    monkeypatch.setattr(_bundled, "default_dataset", broken)
    status, out, err = _run(["countries"], capsys)
    assert (status, out) == (3, "")
    lines = err.splitlines()
    assert lines[0] == "eu-ca: error: invalid data (25 problem(s)):"
    assert lines[1:21] == [f"  {p}" for p in problems[:20]]
    assert lines[21:] == ["  ... and 5 more"]


def test_the_exit_statuses_are_documented(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for status in ("0 an answer", "1 an unexpected failure", "2 a bad question", "3 bad data"):
        assert status in shown
    howto = Path(__file__).resolve().parents[1].joinpath("docs", "howto", "command-line.md")
    if not howto.exists():
        pytest.skip("the documentation sources are not next to these tests")
    assert "3 when the data files are invalid" in " ".join(howto.read_text("utf-8").split())


def _eu_ca(
    *args: str, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "eu_ca_partnership", *args],
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
        **kwargs,
    )


def test_json_is_valid_on_an_ascii_terminal() -> None:
    done = _eu_ca("--json", "show", "UZ", env={"PYTHONIOENCODING": "ascii"}, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    printed = json.loads(done.stdout)
    assert any("é" in str(value) for value in printed["answer"]["record"]["names"]), printed


def test_text_degrades_on_an_ascii_terminal() -> None:
    done = _eu_ca("show", "UZ", env={"PYTHONIOENCODING": "ascii"}, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    assert b"\\xe9" in done.stdout


def test_json_in_this_process_follows_the_stream(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Ascii:
        encoding = "ascii"

    monkeypatch.setattr(sys, "stdout", Ascii())
    from eu_ca_partnership import _cli

    assert _cli._json({"a": "é"}) == '{\n  "a": "\\u00e9"\n}'


def test_a_full_disk_is_one_line_on_stderr() -> None:
    with open("/dev/full", "wb") as full:
        done = _eu_ca("sources", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr == b"eu-ca: error: cannot write the answer: No space left on device\n"


def test_a_closed_stdout_is_one_line_on_stderr() -> None:
    done = _eu_ca("about", stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr == b"eu-ca: error: cannot write the answer: standard output is closed\n"


def test_a_closed_stderr_keeps_errors_off_stdout() -> None:
    done = _eu_ca("country", "Atlantis", stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2))
    assert (done.returncode, done.stdout) == (2, b"")


def test_a_full_stderr_is_not_a_traceback() -> None:
    with open("/dev/full", "wb") as full:
        done = _eu_ca("country", "Atlantis", stdout=subprocess.PIPE, stderr=full)
    assert (done.returncode, done.stdout) == (2, b"")


def test_version_with_bad_data_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> eca.Dataset:
        raise eca.DataError(["meta.json: file missing @ $"])

    monkeypatch.setattr(_bundled, "default_dataset", broken)
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 3
    assert (
        capsys.readouterr().err
        == "eu-ca: error: invalid data (1 problem(s)):\n  meta.json: file missing @ $\n"
    )


def test_a_write_error_in_this_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stream that is not a file (no descriptor to point elsewhere) fails the same way."""

    class Full(io.StringIO):
        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["about"]) == 1
    assert capsys.readouterr().err == "eu-ca: error: cannot write the answer: No space left on device\n"


# -- the edges of the bounds ---------------------------------------------------------------------


def test_the_last_record_reaching_the_bound_says_no_more(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (folder / "events.json").write_text(json.dumps([5] * _loader.MAX_PROBLEMS), "utf-8")
    error = _data_error(folder)
    assert len(error.errors) == _loader.MAX_PROBLEMS
    assert (
        error.errors[-1] == f"events.json: expected a JSON object, got int 5 @ $[{_loader.MAX_PROBLEMS - 1}]"
    )


def test_problems_across_records_are_bounded_too(data_copy: Callable[[], Path]) -> None:
    folder = _edit(data_copy(), "events.json", lambda d: d.extend([d[0]] * (_loader.MAX_PROBLEMS + 5)))
    error = _data_error(folder)
    assert len(error.errors) == _loader.MAX_PROBLEMS + 1
    assert error.errors[-1] == (
        f"data folder: stopped after {_loader.MAX_PROBLEMS} problems; no more were looked for @ $"
    )


def _zipped(folder: Path, tmp_path: Path) -> Any:
    import zipfile

    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(folder.iterdir()):
            zipped.write(path, f"data/{path.name}")
    return zipfile.Path(archive, "data/")


def test_a_folder_inside_a_zip_is_read_as_it_is(
    data_copy: Callable[[], Path], tmp_path: Path, data: eca.Dataset
) -> None:
    folder = data_copy()
    (folder / _snapshot.FILE).unlink(missing_ok=True)  # an installed wheel's copy holds one
    root = _zipped(folder, tmp_path)
    assert _loader.read(root) == data
    assert _snapshot.read(root) is None  # no snapshot in it: the JSON answers


def test_a_snapshot_inside_a_zip_is_read(
    data_copy: Callable[[], Path], tmp_path: Path, data: eca.Dataset
) -> None:
    folder = data_copy()
    (folder / _snapshot.FILE).write_bytes(_snapshot.build(folder))
    compiled = _snapshot.read(_zipped(folder, tmp_path))
    assert compiled is not None
    assert compiled == data


def test_a_file_missing_from_a_zip(data_copy: Callable[[], Path], tmp_path: Path) -> None:
    folder = data_copy()
    (folder / "events.json").unlink()
    with pytest.raises(eca.DataError) as caught:
        _loader.read(_zipped(folder, tmp_path))
    assert caught.value.errors == ("events.json: file missing @ $",)


def test_a_file_that_grew_after_it_was_checked(
    data_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eu_ca_partnership import _files

    folder = data_copy()
    with (folder / "events.json").open("wb") as file:
        file.truncate(_files.MAX_FILE_SIZE + 1)
    monkeypatch.setattr(_files, "check", lambda name, path: 0)  # as if it had been small when checked
    assert _only(_data_error(folder)) == (
        f"events.json: more than a data file may hold ({_files.MAX_FILE_SIZE} bytes) @ $"
    )


def test_a_path_with_a_null_character() -> None:
    assert _only(_data_error("data\x00folder")) == (
        "meta.json: cannot be read (the path of its folder holds a null character) @ $"
    )


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_on_a_full_disk(option: str) -> None:
    with open("/dev/full", "wb") as full:
        done = _eu_ca(option, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr == b"eu-ca: error: cannot write the answer: No space left on device\n"


def test_version_with_stdout_closed() -> None:
    done = _eu_ca("--version", stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr == b"eu-ca: error: cannot write the answer: standard output is closed\n"


def test_help_with_stdout_closed() -> None:
    done = _eu_ca("countries", "--help", stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr == b"eu-ca: error: cannot write the answer: standard output is closed\n"


def test_help_to_a_stream_argparse_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    from eu_ca_partnership import _cli

    _cli._parser().print_help(sys.stderr)
    assert capsys.readouterr().err.startswith("usage: eu-ca")


def test_a_model_module_not_imported_yet_is_imported() -> None:
    assert _snapshot._import("eu_ca_partnership._model") is _model


def test_many_unknown_keys_are_counted_not_all_listed(data_copy: Callable[[], Path]) -> None:
    folder = _edit(data_copy(), "countries.json", lambda d: d[0].update({f"k{i:02}": 1 for i in range(12)}))
    assert _only(_data_error(folder)) == (
        "countries.json: unknown field(s) ['k00', 'k01', 'k02', 'k03', 'k04', 'k05', 'k06', 'k07', "
        "'k08', 'k09', ... (12 in all)] @ $[0]"
    )


def test_a_usage_error_with_stderr_closed_keeps_stdout_clean() -> None:
    done = _eu_ca("--bogus", stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2))
    assert (done.returncode, done.stdout) == (2, b"")


def test_a_usage_error_in_this_process_with_stderr_gone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    with pytest.raises(SystemExit) as leaving:
        main(["--bogus"])
    assert leaving.value.code == 2
    assert capsys.readouterr().out == ""


def test_a_huge_kind_of_record_is_named_briefly() -> None:
    with pytest.raises(TypeError, match=r"got int <int of about 5001 digits>$"):
        eca.record("gsp", HUGE)  # type: ignore[call-overload]


def test_show_names_a_long_query_briefly(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(["show", "q" * 100_000], capsys)
    assert status == 2
    assert len(err) < 1000
    assert "no record, country or instrument matches 'qqqq" in err


def _parts(folder: Path) -> tuple[Any, Any]:
    """The genuine parts of a snapshot of ``folder``, unpickled: (meta, first records), deferred records."""
    first, deferred = _genuine_parts(folder)
    return _snapshot.unpickle(first), _snapshot.unpickle(deferred)


MISFITS = ["not a dict", "a kind renamed", "a kind missing", "rows in a list", "rows of another kind"]


def _misfits(records: dict[str, Any]) -> dict[str, Any]:
    """Records that unpickle and digest well but are not what this code reads: each a way to differ."""
    first, second = list(records)[:2]
    renamed = {("renamed" if name == first else name): rows for name, rows in records.items()}
    as_lists = {name: list(rows) for name, rows in records.items()}
    swapped = {**records, first: records[second]}
    return {
        "not a dict": list(records.items()),
        "a kind renamed": renamed,
        "a kind missing": {name: rows for name, rows in records.items() if name != first},
        "rows in a list": as_lists,
        "rows of another kind": swapped,
    }


@pytest.mark.parametrize("how", MISFITS)
def test_a_first_part_that_does_not_fit_is_not_answered_from(data_copy: Callable[[], Path], how: str) -> None:
    folder = data_copy()
    (meta, records), _ = _parts(folder)
    _forged(folder, first=pickle.dumps((meta, _misfits(records)[how])))
    assert _snapshot.read(folder) is None  # the JSON answers instead (default_dataset falls back)


def test_a_first_part_without_its_meta_is_not_answered_from(data_copy: Callable[[], Path]) -> None:
    folder = data_copy()
    (_, records), _ = _parts(folder)
    _forged(folder, first=pickle.dumps((None, records)))
    assert _snapshot.read(folder) is None


@pytest.mark.parametrize("how", MISFITS)
def test_a_deferred_part_that_does_not_fit_is_read_from_the_json(
    data_copy: Callable[[], Path], how: str
) -> None:
    folder = data_copy()
    _, deferred = _parts(folder)
    _forged(folder, deferred=pickle.dumps(_misfits(deferred)[how]))
    compiled = _snapshot.read(folder)
    assert compiled is not None
    assert compiled.events == eca.load(folder).events


def test_a_deferred_part_is_read_from_the_package_data_when_no_folder_is_named(
    data_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eu_ca_partnership import _loader

    folder = data_copy()
    monkeypatch.setattr(_loader, "bundled_folder", lambda: folder)
    loaded = _snapshot._deferred(memoryview(b""), [], lambda name: (folder / name).read_bytes(), None)
    assert loaded["events"] == eca.load(folder).events


def test_a_genuine_deferred_part_is_answered_from_without_the_loader(
    data_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eu_ca_partnership import _loader

    folder = data_copy()
    loaded = eca.load(folder)
    _forged(folder)  # the genuine parts
    compiled = _snapshot.read(folder)
    assert compiled is not None
    monkeypatch.setattr(_loader, "read", lambda root: pytest.fail("the JSON was read"))
    assert compiled.events == loaded.events
    assert compiled.sources == loaded.sources  # a second deferred kind, once the part is made
