"""Lookups: every spelling of a country or an instrument reaches the very same record."""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_ca_partnership as eca

CONSTANTS = {
    "KZ": "KAZAKHSTAN",
    "KG": "KYRGYZSTAN",
    "TJ": "TAJIKISTAN",
    "TM": "TURKMENISTAN",
    "UZ": "UZBEKISTAN",
}


def spellings(country: eca.Country) -> list[str]:
    return [
        country.name,
        country.official_name,
        country.eu_name,
        country.alpha_2,
        country.alpha_3,
        country.numeric,
        *country.aliases,
    ]


def _accented(text: str) -> str:
    """Put a combining accent on every vowel: 'Tajikistan' -> 'Tájíkístán'."""
    return "".join(c + "\u0301" if c.lower() in "aeiou" else c for c in text)


transforms = st.sampled_from(
    [
        str.lower,
        str.upper,
        str.swapcase,
        str.title,
        lambda s: f"  {s}\t",
        lambda s: f"\n{s} ",
        _accented,
        lambda s: unicodedata.normalize("NFC", _accented(s)),
    ]
)


@given(st.sampled_from(eca.COUNTRIES), st.data(), transforms)
def test_every_spelling_reaches_the_same_object(country: eca.Country, data: st.DataObject, transform) -> None:  # type: ignore[no-untyped-def]
    spelling = data.draw(st.sampled_from(spellings(country)))
    assert eca.country(transform(spelling)) is country


@pytest.mark.parametrize(("code", "constant"), CONSTANTS.items())
def test_constants_are_the_lookup_results(code: str, constant: str) -> None:
    country = getattr(eca, constant)
    assert eca.country(code) is country
    for spelling in spellings(country):
        assert eca.country(spelling) is country
    assert eca.country(int(country.numeric)) is country
    assert eca.country(country) is country


def test_a_country_record_is_looked_up_by_its_code() -> None:
    renamed = attrs.evolve(eca.KAZAKHSTAN, name="Renamed", official_name="Renamed", eu_name="Renamed")
    assert eca.country(renamed) is eca.KAZAKHSTAN


def test_countries_are_the_five_in_alphabetical_order() -> None:
    names = [c.name for c in eca.COUNTRIES]
    assert names == sorted(names) == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def test_iso_codes_and_names() -> None:
    assert [(c.alpha_2, c.alpha_3, c.numeric) for c in eca.COUNTRIES] == [
        ("KZ", "KAZ", "398"),
        ("KG", "KGZ", "417"),
        ("TJ", "TJK", "762"),
        ("TM", "TKM", "795"),
        ("UZ", "UZB", "860"),
    ]
    assert eca.KYRGYZSTAN.eu_name == eca.KYRGYZSTAN.official_name == "Kyrgyz Republic"


def test_a_near_miss_suggests_the_closest_country() -> None:
    with pytest.raises(eca.UnknownCountryError) as caught:
        eca.country("Tajikstan")
    assert caught.value.suggestion == "Tajikistan"
    assert caught.value.query == "Tajikstan"
    message = str(caught.value)
    assert "'Tajikstan'" in message
    assert "did you mean 'Tajikistan'?" in message
    assert "Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan" in message
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, eca.PartnershipError)


def test_a_far_miss_suggests_nothing() -> None:
    with pytest.raises(eca.UnknownCountryError) as caught:
        eca.country("France")
    assert caught.value.suggestion is None
    assert "did you mean" not in str(caught.value)


@given(st.text(max_size=300))
def test_any_text_gives_a_country_or_our_error(text: str) -> None:
    try:
        found = eca.country(text)
    except eca.UnknownCountryError as error:
        assert str(error)
    else:
        assert found in eca.COUNTRIES


@pytest.mark.parametrize("query", [None, 3.5, b"KZ", ["KZ"], True])
def test_wrong_types_raise_a_worded_type_error(query: object) -> None:
    with pytest.raises(TypeError, match="a country is looked up by"):
        eca.country(query)  # type: ignore[arg-type]


@given(st.sampled_from(eca.INSTRUMENTS), st.sampled_from([str.lower, str.upper, lambda s: f" {s} "]))
def test_instruments_by_id_and_name_ignoring_case(instrument: eca.Instrument, transform) -> None:  # type: ignore[no-untyped-def]
    assert eca.instrument(transform(instrument.id)) is instrument
    assert eca.instrument(transform(instrument.name)) is instrument
    assert eca.instrument(instrument) is instrument


def test_instruments_by_short_name() -> None:
    assert eca.instrument("gsp+") is eca.GSP_PLUS
    assert eca.instrument("GSP") is eca.GSP
    assert eca.instrument("csf") is eca.CIVIL_SOCIETY_FACILITY
    assert eca.instrument("civil society forum") is eca.CIVIL_SOCIETY_FORUM


def test_a_shared_short_name_is_refused_with_the_candidates() -> None:
    with pytest.raises(eca.UnknownInstrumentError, match="names several instruments") as caught:
        eca.instrument("PCA")
    assert "eu-kazakhstan-pca" in str(caught.value)
    assert caught.value.query == "PCA"
    assert caught.value.suggestion is None


def test_an_unknown_instrument_suggests_and_lists() -> None:
    with pytest.raises(eca.UnknownInstrumentError) as caught:
        eca.instrument("gsp-pluss")
    assert caught.value.suggestion == "gsp-plus"
    assert "INSTRUMENTS" in str(caught.value)


@given(st.text(max_size=300))
def test_any_text_gives_an_instrument_or_our_error(text: str) -> None:
    try:
        found = eca.instrument(text)
    except eca.UnknownInstrumentError as error:
        assert str(error)
    else:
        assert found in eca.INSTRUMENTS


def test_a_very_long_query_is_shortened_in_the_message() -> None:
    with pytest.raises(eca.UnknownCountryError) as caught:
        eca.country("x" * 10_000)
    assert len(str(caught.value)) < 400


def test_records_and_sources_by_id() -> None:
    assert eca.record("gsp-plus") is eca.GSP_PLUS
    assert eca.record("fimi") is eca.FIMI
    assert eca.source("founding-factsheet").kind is eca.SourceKind.MIRROR
    with pytest.raises(eca.UnknownRecordError, match="did you mean 'gsp-plus'"):
        eca.record("gsp-plu")
    with pytest.raises(TypeError):
        eca.source(1)  # type: ignore[arg-type]


def _outcome(call: Callable[[], object]) -> tuple[object, list[str]]:
    """What a call gives: its answer or its error, and the warnings it emits."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            answer: object = call()
        except Exception as error:  # the error is part of the outcome compared
            answer = (type(error), str(error))
    return answer, [f"{w.category.__name__}: {w.message}" for w in caught]


spelt = st.sampled_from(eca.COUNTRIES).flatmap(lambda c: st.sampled_from(spellings(c)))
queries = st.one_of(
    spelt,  # as written: what the helpers' own indexes hold
    st.tuples(spelt, transforms).map(lambda pair: pair[1](pair[0])),
    st.sampled_from(eca.COUNTRIES),
    st.text(max_size=30),
    st.integers(min_value=-1, max_value=1000),
    st.none(),
    st.lists(st.text(max_size=3), max_size=2),
)


@given(queries)
def test_the_module_helpers_answer_as_the_dataset_does(data: eca.Dataset, query: object) -> None:
    # eca.country and eca.instruments_for read the bundled dataset's indexes first: whatever
    # they find must be the dataset's own answer, warnings included (Turkmenistan's GSP).
    assert _outcome(lambda: eca.country(query)) == _outcome(lambda: data.country(query))  # type: ignore[arg-type]
    assert _outcome(lambda: eca.instruments_for(query)) == _outcome(  # type: ignore[arg-type]
        lambda: data.instruments_for(query)  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("lookup", "query", "suggestion"),
    [(eca.source, "founding-factshet", "founding-factsheet"), (eca.record, "gsp-plu", "gsp-plus")],
)
def test_an_unknown_id_suggests_the_closest(
    lookup: Callable[[str], Any], query: str, suggestion: str
) -> None:
    with pytest.raises(eca.UnknownRecordError, match=f"did you mean '{suggestion}'") as caught:
        lookup(query)
    assert (caught.value.query, caught.value.suggestion) == (query, suggestion)


@pytest.mark.parametrize(
    ("record_id", "source_id"),
    [
        ("gsp", "eurlexa-reg-2023-2663-en"),  # cited by a field note
        ("eu-turkmenistan-interim-agreement", "eeas-tm-and-eu-old"),  # cited by a claim of a field note
    ],
)
def test_sources_of_includes_those_of_field_notes_and_claims(record_id: str, source_id: str) -> None:
    record = eca.record(record_id)
    assert source_id not in record.sources
    assert source_id in [source.id for source in eca.sources_of(record)]


# -- names in the languages of the region, and the identifiers other data uses ----------------------

NAMES = [(country, name.name) for country in eca.COUNTRIES for name in country.names]
CASES: list[Callable[[str], str]] = [str.lower, str.upper, str.casefold, str.title, lambda s: s]
APOSTROPHES = ["\u02bb", "'", "\u2018", "`", "\u2019"]


def test_every_country_has_names_in_its_state_languages_and_russian() -> None:
    state = {
        "KZ": {"kk-Cyrl"},
        "KG": {"ky-Cyrl"},
        "TJ": {"tg-Cyrl"},
        "TM": {"tk-Latn"},
        "UZ": {"uz-Latn", "uz-Cyrl"},
    }
    for country in eca.COUNTRIES:
        languages = {name.lang for name in country.names}
        assert state[country.alpha_2] | {"ru", "en", "fr", "de"} <= languages, country.alpha_2
        kinds = {(name.lang, name.kind) for name in country.names}
        assert all((lang, eca.NameKind.OFFICIAL) in kinds for lang in state[country.alpha_2] | {"ru"})
        assert all(name.sources for name in country.names)


@given(st.sampled_from(NAMES), st.sampled_from(CASES), st.sampled_from(APOSTROPHES))
def test_every_stored_name_reaches_its_country_in_any_case_and_apostrophe(
    pair: tuple[eca.Country, str], case: Callable[[str], str], apostrophe: str
) -> None:
    country, name = pair
    written = case("".join(apostrophe if char in APOSTROPHES else char for char in name))
    assert eca.country(written) is country
    assert eca.country(f"  {written} ") is country


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Кыргызстан", "KG"),
        ("Казахстан", "KZ"),
        ("Қазақстан", "KZ"),
        ("Тоҷикистон", "TJ"),
        ("Oʻzbekiston", "UZ"),
        ("O‘zbekiston", "UZ"),
        ("O`zbekiston", "UZ"),
        ("Kirghizistan", "KG"),
        ("Ouzbékistan", "UZ"),
        ("kazakstan", "KZ"),
        ("Turkmenia", "TM"),
        ("Kirghizia", "KG"),
        ("Q813", "KG"),
        ("q232", "KZ"),
    ],
)
def test_the_names_people_type(query: str, code: str) -> None:
    assert eca.country(query).alpha_2 == code


def test_kyrgyz_alone_is_the_adjective_of_the_country_and_reaches_it() -> None:
    assert eca.country("Kyrgyz") is eca.KYRGYZSTAN  # a sourced alias (tests/test_lookup_words.py)


def test_did_you_mean_works_in_cyrillic() -> None:
    with pytest.raises(eca.UnknownCountryError, match="did you mean 'Kyrgyzstan'") as caught:
        eca.country("Кыргызтан")
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None  # no internal KeyError chained before it


@pytest.mark.parametrize(
    ("marked", "plain"),
    [
        ("Қ", "К"),
        ("Ң", "Н"),
        ("Ө", "О"),
        ("Ү", "У"),
        ("Ҳ", "Х"),
        ("Ҷ", "Ч"),
        ("Ӣ", "И"),
        ("Ӯ", "У"),
        ("Ғ", "Г"),
        ("Ә", "А"),
        ("Ұ", "У"),
        ("Ў", "У"),
    ],
)
def test_the_letters_of_the_regions_languages_survive_normalisation(marked: str, plain: str) -> None:
    from eu_ca_partnership._names import normalise

    assert normalise(marked) != normalise(plain)
    assert normalise(marked) == normalise(marked.lower()) == marked.lower()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_key_is_the_one_the_unicode_rules_give(text: str) -> None:
    """ASCII text takes a short path; followed by an accented word, the same text takes the long one."""
    from eu_ca_partnership._names import normalise

    assert normalise(f"{text} É") == f"{normalise(text)} e".strip()


def test_every_lookup_error_comes_without_an_internal_one_chained(data: eca.Dataset) -> None:
    misses: list[Callable[[], object]] = [
        lambda: eca.country("Tajikstan"),
        lambda: eca.country(999),
        lambda: eca.instrument("GPS"),
        lambda: eca.record("uzbekistan-gsp-pluss"),
        lambda: eca.source("nowhere"),
        lambda: eca.completeness("no-such-series"),
        lambda: data.country("Tajikstan"),
        lambda: data.record("gsp", eca.Envoy),
    ]
    for miss in misses:
        with pytest.raises(eca.UnknownRecordError) as caught:
            miss()
        assert caught.value.__cause__ is None
        assert caught.value.__context__ is None or caught.value.__suppress_context__
