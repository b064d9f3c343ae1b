"""The vocabularies are plain words: every public enum compares equal to its value and prints as it."""

from __future__ import annotations

import contextlib
import enum
import io
import json
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership._codec import make_json_converter, unstructure
from eu_ca_partnership.exceptions import DataError

#: Every enum the package exports.
PUBLIC_ENUMS = tuple(
    getattr(eca, name)
    for name in eca.__all__
    if isinstance(getattr(eca, name), type) and issubclass(getattr(eca, name), enum.Enum)
)
MEMBERS = [member for cls in PUBLIC_ENUMS for member in cls]


def test_every_public_enum_is_a_str_enum() -> None:
    assert {cls.__name__ for cls in PUBLIC_ENUMS} >= {"Presence", "Kind", "Confidence", "EventKind"}
    assert all(issubclass(cls, enum.StrEnum) for cls in PUBLIC_ENUMS)


def test_a_status_is_the_word_it_means() -> None:
    answer = eca.status("UZ", "gsp-plus", on="2024-01-01")
    assert answer == "yes"
    assert answer is eca.Presence.YES
    assert answer != "no"
    with contextlib.redirect_stdout(io.StringIO()) as shown:
        print(answer)
    assert shown.getvalue() == "yes\n"
    assert f"{answer}" == str(answer) == "yes"


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_member_equals_prints_and_hashes_as_its_value(member: enum.Enum) -> None:
    assert member == member.value
    assert str(member) == f"{member}" == member.value
    assert hash(member) == hash(member.value)
    assert {member.value: 1}[member] == 1  # a dict keyed by words finds a member, and the reverse
    assert type(member)(member.value) is member
    assert json.dumps(member) == json.dumps(member.value)
    assert pickle.loads(pickle.dumps(member)) is member


def test_the_repr_still_names_the_member() -> None:
    assert repr(eca.Presence.UNKNOWN) == "<Presence.UNKNOWN: 'unknown'>"


def test_the_codec_reads_members_and_writes_plain_strings() -> None:
    converter = make_json_converter()
    assert converter.structure("trade-preference", eca.Kind) is eca.Kind.TRADE_PREFERENCE
    written = unstructure(eca.GSP)
    assert written["kind"] == "trade-preference"
    assert type(written["kind"]) is str  # plain JSON, not a member
    assert type(unstructure(eca.Presence.YES)) is str


def test_the_codec_still_refuses_a_word_outside_the_vocabulary(changed_data: Callable[..., Path]) -> None:
    def wrong_kind(instruments: list[dict[str, object]]) -> None:
        instruments[0]["kind"] = "treaty"

    with pytest.raises(DataError, match="'treaty' is not a valid Kind"):
        eca.load(changed_data("instruments.json", wrong_kind))


def test_a_record_loaded_holds_members_not_strings() -> None:
    assert type(eca.GSP.kind) is eca.Kind
    assert type(eca.participations("UZ", "gsp")[0].confidence) is eca.Confidence


def test_the_json_schema_lists_the_words() -> None:
    defs = eca.json_schema()["$defs"]
    in_the_files = [cls for cls in PUBLIC_ENUMS if cls.__name__ in defs]
    assert len(in_the_files) == len(PUBLIC_ENUMS) - 1  # Presence is an answer, not a field
    for cls in in_the_files:
        assert defs[cls.__name__]["enum"] == [member.value for member in cls]
        assert all(type(value) is str for value in defs[cls.__name__]["enum"])
