"""A new Python process, for the tests that need one: a fresh import, or eu-ca as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys


def in_fresh_interpreter(code: str) -> str:
    """What ``python -c code`` prints (stripped); a failure of the child fails the test."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip()


def eu_ca(*args: str, columns: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m eu_ca_partnership ARGS``, whatever its exit status, as a pipe sees it.

    A pipe has no terminal width; ``columns`` gives it one, as ``COLUMNS`` does in a shell.
    """
    env = {name: value for name, value in os.environ.items() if name != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "eu_ca_partnership", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
