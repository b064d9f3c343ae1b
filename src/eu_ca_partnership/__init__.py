"""The European Union's partnership with Central Asia on peace, democracy and human rights, as data.

Every record cites its sources. The constants and helpers below read the bundled
data on first use, not at import.

>>> import eu_ca_partnership as eca
>>> [i.short_name for i in eca.instruments_for("Tajikistan", on="2026-12-01", kind="trade-preference")]
['GSP']
>>> [c.name for c in eca.countries_with(eca.GSP_PLUS, on="2026-12-01")]
['Kyrgyzstan', 'Uzbekistan']
>>> eca.CIVIL_SOCIETY_FACILITY.budget.amount, eca.CIVIL_SOCIETY_FACILITY.launched.month
(Decimal('4500000'), 9)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import exceptions
from ._version import __version__ as __version__
from .exceptions import *  # noqa: F403 (the errors are cheap: imported at once)

# The public face is the ``__all__`` of each module below: each name is declared public once,
# where it is defined. Type checkers read these imports; at run time a name is imported from
# its module on first access (PEP 562), so that ``import`` builds no record class and never
# imports cattrs, pandas or matplotlib. The first modules are the most used.
if TYPE_CHECKING:
    from ._answers import *  # noqa: F403
    from ._bundled import *  # noqa: F403
    from ._dataset import *  # noqa: F403
    from ._dates import *  # noqa: F403
    from ._display import *  # noqa: F403
    from ._export import *  # noqa: F403
    from ._frames import *  # noqa: F403
    from ._model import *  # noqa: F403
    from ._model_founding import *  # noqa: F403
    from ._model_history import *  # noqa: F403
    from ._model_labour import *  # noqa: F403
    from ._model_sources import *  # noqa: F403
    from ._plot import *  # noqa: F403
    from ._schema import *  # noqa: F403
else:
    _FACE = (
        "_bundled",
        "_model",
        "_answers",
        "_dataset",
        "_model_history",
        "_model_sources",
        "_model_founding",
        "_model_labour",
        "_dates",
        "_display",
        "_export",
        "_frames",
        "_plot",
        "_schema",
    )

    def _modules() -> Any:
        import importlib

        return (importlib.import_module(f"{__name__}.{name}") for name in _FACE)

    def __getattr__(name: str) -> Any:
        """Resolve a public name from the module that defines it, on first access."""
        if name == "__all__":
            value: Any = sorted(
                {"__version__", *exceptions.__all__, *(n for m in _modules() for n in m.__all__)}
            )
        elif name.startswith("_"):  # private names and probes (__path__, _model, ...) import nothing
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        else:
            module = next((m for m in _modules() if name in m.__all__), None)
            if module is None:
                raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
            value = getattr(module, name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *(globals().get("__all__") or __getattr__("__all__"))})
