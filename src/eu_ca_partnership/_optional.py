"""Optional dependencies: imported only when a feature that needs them is used."""

from __future__ import annotations

import importlib
from typing import Any

from .exceptions import MissingExtraError


def require(module: str, *, extra: str, feature: str) -> Any:
    """Import ``module`` for ``feature``, or raise :class:`MissingExtraError` naming the extra.

    >>> require("json", extra="none", feature="reading JSON").dumps([1])
    '[1]'
    >>> require("no_such_module_here", extra="pandas", feature="to_dataframe()")
    Traceback (most recent call last):
    ...
    eu_ca_partnership.exceptions.MissingExtraError: to_dataframe() needs no_such_module_here, which is not installed; install it with: pip install "eu-ca-partnership[pandas]" (from a checkout of the repository: pip install ".[pandas]")
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top = module.partition(".")[0]
        raise MissingExtraError(
            f"{feature} needs {top}, which is not installed; install it with: "
            f'pip install "eu-ca-partnership[{extra}]" (from a checkout of the repository: '
            f'pip install ".[{extra}]")',
            extra=extra,
            name=top,
        ) from error
