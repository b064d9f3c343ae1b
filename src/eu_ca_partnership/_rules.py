"""The rules a record's fields obey: attrs validators that also say what they mean in JSON Schema.

Each rule is an attrs validator (called with the instance, the attribute and the value) with a
``json_schema()`` method, so the schema generator and the flat tables read a field's rule from
its own object instead of from attrs' internals. A rule that one file cannot express (a positive
amount) says what the loader checks instead, in ``loader_note``. Rules are plain classes, not
attrs classes: the model makes dozens of them at import, and a plain class costs nothing to define.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import attrs

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


class RuleViolation(ValueError):
    """A field broke its rule; ``field`` names it, so the loader's message ends at the field's path."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Rule:
    """A field's rule: called as an attrs validator; :meth:`json_schema` states it in JSON Schema."""

    __slots__ = ()
    #: What the loader checks instead, where one file cannot express the rule.
    loader_note: str | None = None
    #: The arguments the rule was made with, in order (for ``repr``).
    arguments: tuple[str, ...] = ()

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        raise NotImplementedError  # pragma: no cover

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema keywords that state the rule."""
        raise NotImplementedError  # pragma: no cover

    def __repr__(self) -> str:
        shown = ", ".join(repr(getattr(self, name)) for name in self.arguments)
        return f"{type(self).__name__}({shown})"


class Pattern(Rule):
    """The value (or, with ``each``, every item) must fully match ``regex`` (compiled on first use).

    >>> Pattern("[A-Z]{2}").json_schema(), Pattern("[A-Z]{2}", each=True)
    ({'pattern': '^(?:[A-Z]{2})$'}, Pattern('[A-Z]{2}', True))
    """

    __slots__ = ("each", "regex")
    arguments = ("regex", "each")

    def __init__(self, regex: str, each: bool = False) -> None:
        self.regex = regex
        self.each = each

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        for item in value if self.each else (value,):
            if item is not None and re.fullmatch(self.regex, item) is None:
                raise RuleViolation(
                    attribute.name, f"{attribute.name} {item!r} does not match {self.regex!r}"
                )

    def json_schema(self) -> dict[str, Any]:
        pattern = {"pattern": f"^(?:{self.regex})$"}
        return {"items": pattern} if self.each else pattern


class Text(Rule):
    """Non-empty text without surrounding white space (``None`` passes where the field allows it)."""

    __slots__ = ()

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and (not value.strip() or value != value.strip()):
            raise RuleViolation(
                attribute.name, f"{attribute.name} must be non-empty text without surrounding spaces"
            )

    def json_schema(self) -> dict[str, Any]:
        return {"minLength": 1, "pattern": r"^\S(?:[\s\S]*\S)?$"}


class Cited(Rule):
    """At least one source id, each a slug, none twice."""

    __slots__ = ()

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if not value:
            raise RuleViolation(attribute.name, "every record must cite at least one source")
        for source_id in value:
            if not re.fullmatch(SLUG_PATTERN, source_id):
                raise RuleViolation(attribute.name, f"source id {source_id!r} is not a slug")
        if len(set(value)) != len(value):
            raise RuleViolation(attribute.name, "a source is cited twice")

    def json_schema(self) -> dict[str, Any]:
        return {"minItems": 1, "uniqueItems": True, "items": {"pattern": f"^(?:{SLUG_PATTERN})$"}}


class NonEmpty(Rule):
    """At least one item."""

    __slots__ = ()

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if not value:
            raise RuleViolation(attribute.name, f"{attribute.name} must hold at least one item")

    def json_schema(self) -> dict[str, Any]:
        return {"minItems": 1}


class AtLeast(Rule):
    """An integer no smaller than ``bound`` (``None`` passes where the field allows it)."""

    __slots__ = ("bound",)
    arguments = ("bound",)

    def __init__(self, bound: int) -> None:
        self.bound = bound

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and value < self.bound:
            raise RuleViolation(
                attribute.name, f"{attribute.name} must be at least {self.bound}, got {value}"
            )

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": self.bound}


class PositiveDecimal(Rule):
    """A finite :class:`~decimal.Decimal` above zero."""

    __slots__ = ()
    loader_note = "an amount must be positive (checked when the data is loaded)"

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Decimal) -> None:
        if not isinstance(value, Decimal):
            raise TypeError(f"{attribute.name} must be a Decimal, got {type(value).__name__}")
        if not value.is_finite() or value <= 0:
            raise RuleViolation(attribute.name, f"{attribute.name} must be a positive number, got {value}")

    def json_schema(self) -> dict[str, Any]:
        return {}


text = Text()
cited = Cited()
non_empty = NonEmpty()
slug = Pattern(SLUG_PATTERN)


class Ref(NamedTuple):
    """A field holds the id (or ids) of records of another kind; ``accepts`` narrows which records."""

    kind: str
    accepts: Callable[[Any], bool] | None = None
    described: str | None = None
    """What an accepted record is, for the loader's message (``"a dialogue"``)."""


def ref(
    kind: str, *, accepts: Callable[[Any], bool] | None = None, described: str | None = None
) -> dict[str, Ref]:
    """The metadata of a field that holds the id (or ids) of records of the kind ``kind``.

    The loader checks every such reference, and the flat tables turn it into a foreign key.
    """
    return {"ref": Ref(kind, accepts, described)}


def ref_of(attribute: attrs.Attribute[Any]) -> Ref | None:
    """The reference a field holds, if it holds one."""
    found = attribute.metadata.get("ref")
    return found if isinstance(found, Ref) else None
