"""The API reference: every name in ``eu_ca_partnership.__all__``, documented by autodoc.

``.. public-api:: GROUP`` (used inside ``{eval-rst}``) expands to the autodoc
directives of the public names in one group. The groups split ``__all__`` by
what each name is, so a name added to ``__all__`` lands in a group without a
change to the docs; a check at the end of reading warns (and ``-W`` fails the
build) if any public name is still undocumented.

The module-level helpers are the methods of the bundled :class:`Dataset`, with
their docstrings copied; autodoc shows them under the helper's own signature.
Types from the private modules (``eu_ca_partnership._model.Country``) are
resolved to their public names (``eu_ca_partnership.Country``).
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import types
import typing
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

import eu_ca_partnership as eca

MODULE = "eu_ca_partnership"
GROUPS = ("queries", "dataset", "records", "enums", "errors", "types", "constants")

#: Reading order within a group; public names not listed here follow, alphabetically.
ORDER = [
    # queries
    "country",
    "instrument",
    "instruments_for",
    "countries_with",
    "participations",
    "status",
    "agreement_for",
    "dialogue_rounds",
    "timeline",
    "envoys_on",
    "source",
    "sources_of",
    "record",
    "load",
    "default_dataset",
    # records
    "Country",
    "Instrument",
    "Forum",
    "ForumEdition",
    "Facility",
    "Participation",
    "DialogueRound",
    "Event",
    "Envoy",
    "Pillar",
    "Topic",
    "Mechanism",
    "Challenge",
    "Source",
    "FieldNote",
    "Claim",
    "Meta",
    "PartialDate",
    "Money",
    # enums
    "Presence",
    "Confidence",
    "Kind",
    "Scope",
    "Theme",
    "EventKind",
    "SourceKind",
    "Level",
    # errors
    "PartnershipError",
    "UnknownRecordError",
    "UnknownCountryError",
    "UnknownInstrumentError",
    "InvalidDateError",
    "InvalidChoiceError",
    "OutOfCoverageError",
    "DataError",
    "UncertainAnswerWarning",
    # constants
    "__version__",
    "DATA_AS_OF",
    "COVERAGE_START",
    "COUNTRIES",
    "KAZAKHSTAN",
    "KYRGYZSTAN",
    "TAJIKISTAN",
    "TURKMENISTAN",
    "UZBEKISTAN",
    "INSTRUMENTS",
    "GSP",
    "GSP_PLUS",
    "CIVIL_SOCIETY_FORUM",
    "CIVIL_SOCIETY_FACILITY",
    "PILLARS",
    "HUMAN_RIGHTS_DIALOGUE_TOPICS",
    "HUMAN_RIGHTS_MECHANISMS",
    "FIMI",
    "SOURCES",
]

#: What a constant means (its value is read from the data at build time).
MEANING = {
    "__version__": "The version of the code, ``YYYY.N.P`` (see :doc:`compatibility`).",
    "DATA_AS_OF": "The day the facts were last checked against their sources. Questions with no "
    "``on=`` date are answered for this day; a later day gets the latest known state, marked unverified.",
    "COVERAGE_START": "The first day the data answers questions about; earlier dates raise "
    ":exc:`OutOfCoverageError`.",
}

_PRIVATE_PATH = re.compile(rf"^{MODULE}\.(?:_\w+|exceptions)\.(\w+)$")
logger = logging.getLogger(__name__)


def group_of(name: str) -> str:
    """Which group of the reference a public name belongs to."""
    obj = getattr(eca, name)
    if inspect.isfunction(obj):
        return "queries"
    if obj is eca.Dataset:
        return "dataset"
    if isinstance(obj, types.UnionType) or typing.get_origin(obj) is typing.Literal:
        return "types"
    if isinstance(obj, type):
        if issubclass(obj, BaseException):
            return "errors"
        if issubclass(obj, enum.Enum):
            return "enums"
        return "records"
    return "constants"


def _group_or_none(name: str) -> str | None:
    try:
        return group_of(name)
    except Exception as error:  # a name in __all__ that cannot be imported is reported, not fatal
        logger.warning("public name %s.%s cannot be documented: %r", MODULE, name, error)
        return None


def names_in(group: str) -> list[str]:
    names = [name for name in eca.__all__ if _group_or_none(name) == group]
    rank = {name: index for index, name in enumerate(ORDER)}
    return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


def _describe_value(name: str, value: Any) -> list[str]:
    """A constant's description: its meaning, and what it holds in the data being documented."""
    lines = [MEANING[name]] if name in MEANING else []
    if isinstance(value, tuple) and value and all(hasattr(item, "id") for item in value):
        kind = type(value[0]).__name__
        lines.append(
            f"A tuple of {len(value)} :class:`{kind}` records in this data"
            + ("; see the :ref:`data catalogue <catalogue>`." if kind != "Source" else ".")
        )
    elif isinstance(value, tuple) and value and isinstance(value[0], eca.Country):
        lines.append(f"The {len(value)} countries, by name: see :ref:`catalogue-page-countries`.")
    elif isinstance(value, eca.Country):
        lines.append(
            f"The :class:`Country` record of :ref:`{value.name} <catalogue-country-{value.alpha_2.lower()}>`."
        )
    elif isinstance(value, eca.Instrument):
        lines.append(
            f"The :class:`{type(value).__name__}` record ``{value.id}``: "
            f":ref:`{value.name} <catalogue-instrument-{value.id}>`."
        )
    elif hasattr(value, "id") and hasattr(value, "name"):
        kind = type(value).__name__
        lines.append(
            f"The :class:`{kind}` record ``{value.id}``: :ref:`catalogue-{kind.lower()}-{value.id}`."
        )
    return lines


def _rst(name: str) -> list[str]:
    target = f"{MODULE}.{name}"
    group = group_of(name)
    if group == "queries":
        return [f".. autofunction:: {target}", ""]
    if group == "dataset":
        return [f".. autoclass:: {target}", "   :members:", ""]
    if group == "records":
        lines = [f".. autoclass:: {target}", "   :members:", "   :undoc-members:"]
        if getattr(eca, name).__bases__ != (object,):
            lines.append("   :show-inheritance:")
        return [*lines, ""]
    if group == "enums":
        return [f".. autoclass:: {target}", "   :members:", "   :undoc-members:", ""]
    if group == "errors":
        return [f".. autoexception:: {target}", "   :show-inheritance:", ""]
    if group == "types":
        return [f".. autodata:: {target}", ""]
    value = getattr(eca, name)
    lines = [f".. autodata:: {target}"]
    if not isinstance(value, (str, dt.date)):
        lines.append("   :no-value:")
    lines.append("")
    lines += [f"   {line}" for line in _describe_value(name, value)]
    return [*lines, ""]


class PublicApi(SphinxDirective):
    """``.. public-api:: GROUP``: autodoc entries for the public names of one group."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        group = self.arguments[0]
        if group not in GROUPS:
            raise self.error(f"unknown group {group!r}; expected one of {', '.join(GROUPS)}")
        lines = [f".. currentmodule:: {MODULE}", ""]
        for name in names_in(group):
            lines += _rst(name)
        source = f"<public-api {group}>"
        return nested_parse_to_nodes(self.state, StringList(lines, source=source))


def _check_every_name(app: Any, env: Any) -> None:
    documented = env.get_domain("py").objects
    for name in eca.__all__:
        if f"{MODULE}.{name}" not in documented:
            logger.warning("public name %s.%s is not in the API reference", MODULE, name)


def _public_name(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``eu_ca_partnership._model.Country`` (a runtime ``__module__``) to the public name."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    domain = env.get_domain("py")
    if target in eca.__all__:  # a type alias named in an annotation (Day, KindName)
        return domain.resolve_xref(
            env, node["refdoc"], app.builder, "obj", f"{MODULE}.{target}", node, contnode
        )
    match = _PRIVATE_PATH.match(target)
    if match is None or match.group(1) not in eca.__all__:
        return None
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], f"{MODULE}.{match.group(1)}", node, contnode
    )


def _no_attrs_internals(app: Any, what: str, name: str, obj: Any, skip: bool, options: Any) -> bool | None:
    """Leave out what attrs adds to a record class (``__attrs_attrs__``, the generated dunders)."""
    if name.startswith("__attrs"):
        return True
    if name == "__init__" and (getattr(obj, "__doc__", None) or "").startswith("Method generated by attrs"):
        return True
    return None


def _no_value_docstring(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """A constant has no docstring of its own: drop the one autodoc takes from its value's type."""
    if what == "data" and name.startswith(f"{MODULE}."):
        lines.clear()


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("public-api", PublicApi)
    app.connect("autodoc-process-docstring", _no_value_docstring)
    app.connect("env-check-consistency", _check_every_name)
    app.connect("missing-reference", _public_name)
    app.connect("autodoc-skip-member", _no_attrs_internals)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
