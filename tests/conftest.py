"""Shared fixtures: the bundled dataset and a writable copy of its files."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import importlib_resources
import pytest
from hypothesis import settings

import eu_ca_partnership as eca

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("mutation", max_examples=10, deadline=None)  # see docs/mutation.md
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

DATA_FILES = sorted(
    entry.name
    for entry in importlib_resources.files("eu_ca_partnership").joinpath("data").iterdir()
    if entry.name.endswith(".json")
)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test asks its questions on ``DATA_AS_OF`` unless it names a day or moves the clock
    itself, so that nothing changes as the calendar moves on; and each starts in a process not yet
    told that an answer is unverified. (The examples of the docs and docstrings name their days.)"""
    from eu_ca_partnership import _answers, _dates

    as_of = eca.DATA_AS_OF
    monkeypatch.setattr(_dates, "today", lambda: as_of)
    monkeypatch.setattr(_answers, "_unverified_said", False)


@pytest.fixture(scope="session")
def data() -> eca.Dataset:
    return eca.default_dataset()


@pytest.fixture(scope="session")
def raw_tables() -> dict[str, Any]:
    """The bundled JSON, parsed, keyed by file name (do not mutate: copy first)."""
    root = importlib_resources.files("eu_ca_partnership").joinpath("data")
    return {name: json.loads(root.joinpath(name).read_text("utf-8")) for name in DATA_FILES}


@pytest.fixture
def data_copy(tmp_path: Path) -> Callable[[], Path]:
    """A fresh copy of the bundled data folder, to corrupt and load."""

    def make() -> Path:
        target = tmp_path / f"data-{len(list(tmp_path.iterdir()))}"
        with importlib_resources.as_file(
            importlib_resources.files("eu_ca_partnership").joinpath("data")
        ) as source:
            shutil.copytree(source, target)
        return target

    return make


@pytest.fixture
def changed_data(
    data_copy: Callable[[], Path], raw_tables: dict[str, Any]
) -> Callable[[str, Callable[[Any], object]], Path]:
    """A copy of the data folder in which ``change`` has edited the parsed content of one file."""

    def make(name: str, change: Callable[[Any], object]) -> Path:
        document = copy.deepcopy(raw_tables[name])
        change(document)
        folder = data_copy()
        (folder / name).write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        return folder

    return make
