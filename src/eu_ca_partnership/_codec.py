"""The JSON codec: the one cattrs converter, for reading the data files and for writing them.

Reading is strict: unknown keys are refused, no type is coerced into another, a collection
must be a JSON array, and every failure is reported with the JSON path of the field. Writing
gives exactly what the files hold, so ``unstructure(structure(x)) == x`` for valid data.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.preconf.json import JsonConverter, make_converter

from ._dates import PartialDate, parse_day
from ._rules import RuleViolation
from .exceptions import DataError, quoted

T = TypeVar("T")
Hook = Callable[[Any, Any], Any]


def _shown(value: Any) -> str:
    """A value of the data, as a message shows it: its type and its ``repr``, cut to a bounded length."""
    return f"{type(value).__name__} {quoted(value, 200)}"


#: A surrogate code point alone: JSON's ``"\ud800"`` escape reads as one, which is not Unicode text.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_shown(value)}")
    if not value.isascii():
        lone = _SURROGATE.search(value)
        if lone is not None:
            raise ValueError(
                f"a lone surrogate ({lone.group()!r}) at character {lone.start()} is not Unicode text"
            )
    return value


def _strict(kind: type[T], name: str) -> Hook:
    def structure(value: Any, _: Any) -> Any:
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise TypeError(f"expected {name}, got {_shown(value)}")
        return value

    return structure


def _from_text(parse: Callable[[str], T], name: str) -> Callable[[Any, Any], T]:
    def structure(value: Any, _: Any) -> T:
        if not isinstance(value, str):
            raise TypeError(f"expected {name} as a string, got {_shown(value)}")
        return parse(value)

    return structure


def _json_object(type_: Any, converter: cattrs.Converter) -> Hook:
    """cattrs' own hook for a record class, which first checks that the value is a JSON object."""
    inner = converter.gen_structure_attrs_fromdict(type_)

    def structure(value: Any, target: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a JSON object, got {_shown(value)}")
        return inner(value, target)

    return structure


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a decimal number") from None


def _json_array(
    factory: Callable[[Any, cattrs.BaseConverter], Hook],
) -> Callable[[Any, cattrs.BaseConverter], Hook]:
    """Wrap a cattrs collection factory so only a JSON array is accepted (never a string or object)."""

    def make(type_: Any, converter: cattrs.BaseConverter) -> Hook:
        inner = factory(type_, converter)

        def structure(value: Any, target: Any) -> Any:
            if not isinstance(value, list):
                raise TypeError(f"expected a JSON array, got {_shown(value)}")
            return inner(value, target)

        return structure

    return make


def _is_list(type_: Any) -> bool:
    return get_origin(type_) is list


def _is_homogenous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


@functools.cache
def json_converter() -> JsonConverter:
    """The converter, made once per process: cattrs generates its code on first use of each class."""
    return make_json_converter()


def make_json_converter() -> JsonConverter:
    """The one converter for the data: unknown keys rejected, no type coerced into another.

    >>> converter = make_json_converter()
    >>> converter.unstructure(PartialDate(2024, 9))
    '2024-09'
    """
    converter = make_converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    # The vocabularies are StrEnums, so str's hook would match them: read the value as a member, write it plain.
    converter.register_structure_hook(enum.StrEnum, lambda value, type_: type_(value))
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    converter.register_structure_hook(PartialDate, _from_text(PartialDate.parse, "a partial date"))
    converter.register_unstructure_hook(PartialDate, PartialDate.isoformat)
    converter.register_structure_hook(dt.date, _from_text(parse_day, "a date"))
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(Decimal, _from_text(_decimal, "a decimal"))
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook_factory(
        _is_homogenous_tuple, _json_array(homogenous_tuple_structure_factory)
    )
    converter.register_structure_hook_factory(_is_list, _json_array(list_structure_factory))
    converter.register_structure_hook_factory(attrs.has, _json_object)
    return converter


#: Marks, in a message, the field whose rule was broken: attrs checks the rules when the record is
#: made, so cattrs gives the record's path; the field is moved to the end of the path.
_FIELD = "\x00field:"


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra = sorted(exc.extra_fields)
        more = f", ... ({len(extra)} in all)" if len(extra) > 10 else ""
        return f"unknown field(s) [{', '.join(quoted(key, 100) for key in extra[:10])}{more}]"
    if isinstance(exc, RuleViolation):
        return f"{exc}{_FIELD}{exc.field}"
    return str(exc) or type(exc).__name__


def _at_the_field(message: str) -> str:
    """``"qid 'x' does not match ...<mark>qid @ $[1]"`` as ``"qid 'x' does not match ... @ $[1].qid"``."""
    if _FIELD not in message:
        return message
    text, _, rest = message.partition(_FIELD)
    field, _, path = rest.partition(" @ ")
    return f"{text} @ {path}.{field}"


def structure(raw: Any, type_: Any, file: str, path: str = "$") -> Any:
    """``raw`` (parsed JSON, found at ``path`` of ``file``) as ``type_``, or a :class:`DataError`
    listing every problem with its path."""
    try:
        return json_converter().structure(raw, type_)
    except Exception as error:  # cattrs wraps every failure; report them all with their paths
        messages = cattrs.transform_error(error, path=path, format_exception=_format_exception)
        raise DataError([f"{file}: {_at_the_field(message)}" for message in messages]) from None


def unstructure(value: Any, type_: Any = None) -> Any:
    """A record (or records) as the data files write it: plain JSON values, defaults left out.

    >>> unstructure(PartialDate(2024, 9))
    '2024-09'
    """
    return json_converter().unstructure(value, type_)
