"""The examples of the docs run at the root of the repository, wherever pytest was started.

A page can then name a file of the checkout by its path from the root, as a reader at the root
of a checkout would type it: docs/howto/join.md reads the example tables in ``tests/data/``.
Sybil (configured in the root conftest.py) collects the pages; this hook, like any hook of a
conftest.py, applies only to the items in this folder.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    started_in = Path.cwd()
    os.chdir(ROOT)
    try:
        return (yield)
    finally:
        os.chdir(started_in)
