"""Notebook display: records and tables of records as HTML, sources as links, repr() short."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

import eu_ca_partnership as eca


class _Structure(HTMLParser):
    """Parses HTML and checks every tag opened is closed, in order."""

    VOID = frozenset({"br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.links: list[dict[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)
        if tag == "a":
            self.links.append(dict(attrs_))

    def handle_endtag(self, tag: str) -> None:
        assert self.open, tag
        assert self.open[-1] == tag, (tag, self.open)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    return parser


def all_records(data: eca.Dataset) -> list[Any]:
    return [
        *data.countries,
        *data.instruments,
        *data.all_participations,
        *data.all_dialogue_rounds,
        *data.events,
        *data.topics,
        *data.mechanisms,
        *data.pillars,
        *data.challenges,
        *data.envoys,
        *data.sources,
        data.meta,
        *eca.CIVIL_SOCIETY_FORUM.editions,
    ]


def test_every_record_renders_as_well_formed_html_with_every_field(data: eca.Dataset) -> None:
    for record in all_records(data):
        page = record._repr_html_()
        parsed = parse(page)
        for field in attrs.fields(type(record)):
            assert f">{field.name}</th>" in page, (record, field.name)
        assert parsed.text


def test_sources_are_links_to_their_urls(data: eca.Dataset) -> None:
    record = eca.participations("UZ", "GSP+")[0]
    links = parse(record._repr_html_()).links
    cited = eca.sources_of(record)
    assert {link["href"] for link in links} == {s.url for s in cited}
    assert all(link["rel"] == "noopener noreferrer" for link in links)
    titles = {link["title"] for link in links}
    assert {s.title for s in cited} <= titles


def test_field_notes_and_competing_claims_are_shown(data: eca.Dataset) -> None:
    claims = [
        (record, claim)
        for record in all_records(data)
        for note in getattr(record, "field_notes", ())
        for claim in note.claims
    ]
    assert claims
    for record, claim in claims:
        assert html.escape(claim.value, quote=True) in record._repr_html_()


def test_text_is_escaped() -> None:
    hostile = eca.Topic(
        id="x",
        name="<script>alert('x')</script> & co",
        sources=("founding-factsheet",),
        confidence=eca.Confidence.LOW,
    )
    page = hostile._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    parse(page)


def test_an_unknown_source_id_is_shown_without_a_link() -> None:
    stray = eca.Topic(id="x", name="X", sources=("not-a-source",), confidence=eca.Confidence.LOW)
    page = stray._repr_html_()
    assert "not-a-source" in page
    assert parse(page).links == []


def test_partial_dates_show_as_recorded_with_their_span() -> None:
    page = eca.CIVIL_SOCIETY_FACILITY._repr_html_()
    assert '<span title="2024-09-01 to 2024-09-30">2024-09</span>' in page
    assert "EUR 4,500,000" in page


def test_repr_stays_short_and_valid_looking() -> None:
    assert repr(eca.GSP_PLUS) == (
        "Instrument(id='gsp-plus', name='Special incentive arrangement for sustainable development "
        "and good governance')"
    )
    for record in (eca.KAZAKHSTAN, eca.participations("KG")[0], eca.SOURCES[0], eca.timeline()[0]):
        text = repr(record)
        assert len(text) < 300
        assert re.fullmatch(r"[A-Z]\w+\(.*\)", text)
        for verbose in ("note=", "field_notes=", "sources=", "description="):
            assert verbose not in text


def test_table_is_a_read_only_sequence_of_the_records() -> None:
    answer = eca.instruments_for("Tajikistan")
    shown = eca.table(answer)
    assert isinstance(shown, eca.Table)
    assert tuple(shown) == answer
    assert len(shown) == len(answer)
    assert shown[0] is answer[0]
    assert shown[1:] == answer[1:]
    assert shown == eca.table(list(answer))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        shown.records = ()  # type: ignore[misc]
    assert isinstance(eca.instruments_for("Tajikistan"), tuple)  # the answers stay plain tuples


def test_table_html_has_a_row_per_record_and_links(data: eca.Dataset) -> None:
    rows = eca.participations("KG")
    page = eca.table(rows)._repr_html_()
    parsed = parse(page)
    assert page.count("<tr>") == len(rows) + 1
    assert {link["href"] for link in parsed.links} == {eca.source(i).url for r in rows for i in r.sources}
    assert ">note</th>" not in page  # long prose stays in the record's own view
    assert ">in_place_by</th>" in page


def test_table_of_mixed_records_and_of_nothing() -> None:
    page = eca.table([eca.KAZAKHSTAN, eca.GSP])._repr_html_()
    assert ">alpha_2</th>" in page
    assert ">kind</th>" in page
    assert "2 record(s): Country, Instrument" in page
    assert "0 record(s)" in eca.table(())._repr_html_()
    assert len(eca.table(eca.GSP)) == 1


@pytest.mark.parametrize("bad", ["gsp", b"gsp", 3, None, [1, 2]])
def test_table_of_something_else_is_a_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="must be a record"):
        eca.table(bad)


def test_the_html_of_a_table_is_stable_and_repr_is_valid_looking() -> None:
    shown = eca.table(eca.COUNTRIES)
    assert shown._repr_html_() == eca.table(eca.COUNTRIES)._repr_html_()
    assert repr(shown).startswith("Table(records=(Country(alpha_2='KZ', name='Kazakhstan'),")


def test_an_answer_shows_its_doubt_and_its_caveat_in_html() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doubted = eca.countries_with("eu-uzbekistan-visa-ban", on="2008-11-15")
        later = eca.countries_with(eca.GSP_PLUS, on=eca.DATA_AS_OF + dt.timedelta(days=3))
    page = doubted._repr_html_()
    assert page.startswith('<table class="eu-ca-records"><caption>0 record(s) on 2008-11-15')
    assert "uncertain: Uzbekistan in &#x27;eu-uzbekistan-visa-ban&#x27; on 2008-11-15" in page
    assert "unverified" in later._repr_html_()
    assert '<ul class="eu-ca-notes">' not in eca.countries_with(eca.GSP_PLUS, on="2020-06-01")._repr_html_()


def test_a_table_leaves_out_nested_records_which_each_records_own_view_shows() -> None:
    countries = eca.table(eca.COUNTRIES)._repr_html_()
    assert "<th" in countries
    assert ">names</th>" not in countries
    assert ">qid</th>" in countries
    assert ">names</th>" in eca.KAZAKHSTAN._repr_html_()
    assert ">editions</th>" not in eca.table([eca.CIVIL_SOCIETY_FORUM])._repr_html_()


def test_an_answers_html_links_its_sources_as_its_table_does() -> None:
    rows = eca.instruments_for("KG", on="2020-01-01")
    links = {link["href"] for link in parse(rows._repr_html_()).links}
    assert links == {eca.source(i).url for r in rows for i in r.sources}


def test_a_table_shown_again_keeps_the_dataset_its_sources_resolve_in() -> None:
    other = eca.load()  # the same facts, another Dataset
    shown = eca.table(eca.participations("KG"), data=other)
    assert eca.table(shown).data is other
    assert eca.table(shown, data=eca.default_dataset()).data is eca.default_dataset()
    assert eca.table(eca.participations("KG")).data is eca.default_dataset()
