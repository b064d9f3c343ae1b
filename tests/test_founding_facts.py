"""Every fact of the founding document (../shared/seed/) is answerable through the public API, with its source."""

from __future__ import annotations

from decimal import Decimal

import eu_ca_partnership as eca

FOUNDING = "founding-factsheet"


def cites_founding(record: object) -> bool:
    return FOUNDING in [s.id for s in eca.sources_of(record)]


def test_the_founding_document_is_a_source_with_its_caveat() -> None:
    source = eca.source(FOUNDING)
    assert source.title == "Strengthening Values: EU-Central Asia Cooperation on Democracy and Rights"
    assert source.kind is eca.SourceKind.MIRROR
    assert source.published is None
    assert source.note is not None
    assert "not the official EEAS domain" in source.note


def test_the_civil_society_forum() -> None:
    forum = eca.CIVIL_SOCIETY_FORUM
    assert isinstance(forum, eca.Forum)
    assert forum.frequency == "annual"
    assert forum.first_held.year == 2019
    assert forum.participants == (
        "civil society representatives",
        "researchers",
        "media experts",
        "private sector",
        "government experts",
    )
    assert "contribute to the development of the EU-Central Asia partnership" in forum.description
    assert [e.number for e in forum.editions] == [1, 2, 3, 4, 5, 6]
    assert cites_founding(forum)


def test_the_civil_society_facility() -> None:
    facility = eca.CIVIL_SOCIETY_FACILITY
    assert isinstance(facility, eca.Facility)
    assert facility.budget == eca.Money(amount=Decimal("4500000"), currency="EUR")
    assert (facility.launched.year, facility.launched.month, facility.launched.day) == (2024, 9, None)
    assert len(facility.objectives) == 2
    assert facility.objectives[0].startswith(
        "enhance the participation and competences of Central Asian CSOs"
    )
    assert "youth" in facility.objectives[1]
    assert cites_founding(facility)


def test_the_human_rights_mechanisms_name_the_forum_and_the_facility() -> None:
    names = [m.name for m in eca.HUMAN_RIGHTS_MECHANISMS]
    assert names == [
        "Bilateral human rights dialogues",
        "Capacity building and financial support for Central Asian civil society",
    ]
    dialogues, support = eca.HUMAN_RIGHTS_MECHANISMS
    assert support.instruments == ("civil-society-forum", "civil-society-facility")
    assert {eca.instrument(i).kind for i in dialogues.instruments} == {eca.Kind.DIALOGUE}
    assert all(cites_founding(m) for m in eca.HUMAN_RIGHTS_MECHANISMS)


def test_the_eight_dialogue_topics() -> None:
    assert [t.name for t in eca.HUMAN_RIGHTS_DIALOGUE_TOPICS] == [
        "Fundamental rights and freedoms",
        "Discrimination",
        "Gender equality",
        "Rights of women",
        "Rights of the child",
        "Rights of national and other minorities",
        "Rights of LGBTIQ persons",
        "Protection of human rights defenders and journalists",
    ]
    assert all(cites_founding(t) for t in eca.HUMAN_RIGHTS_DIALOGUE_TOPICS)


def test_labour_rights_trade_instruments() -> None:
    assert [i.short_name for i in eca.instruments_for("Tajikistan", kind="trade-preference")] == ["GSP"]
    assert [c.name for c in eca.countries_with(eca.GSP_PLUS)] == ["Kyrgyzstan", "Uzbekistan"]
    assert (
        eca.GSP_PLUS.name == "Special incentive arrangement for sustainable development and good governance"
    )
    for tool in (eca.GSP, eca.GSP_PLUS):
        assert eca.Theme.LABOUR_RIGHTS in tool.themes
        assert cites_founding(tool)
    pillar = next(p for p in eca.PILLARS if p.id == "labour-rights")
    assert "bilateral agreements" in pillar.description


def test_each_country_has_a_bilateral_agreement_and_a_human_rights_dialogue() -> None:
    for country in eca.COUNTRIES:
        agreements = eca.instruments_for(country, kind=eca.Kind.AGREEMENT)
        dialogues = eca.instruments_for(country, kind="dialogue")
        assert len(agreements) == 1, country
        assert len(dialogues) == 1, country
        assert agreements[0].scope is dialogues[0].scope is eca.Scope.BILATERAL
        assert cites_founding(dialogues[0])


def test_fimi() -> None:
    assert eca.FIMI.name == "Foreign Information Manipulation and Interference"
    assert eca.FIMI.short_name == "FIMI"
    assert eca.FIMI.also_known_as == ("disinformation",)
    assert eca.FIMI.description == "A growing political and security challenge for the EU and Central Asia."
    assert cites_founding(eca.FIMI)


def test_pillars_and_their_levels() -> None:
    levels = {p.id: p.levels for p in eca.PILLARS}
    assert levels["human-rights-and-democracy"] == (eca.Level.REGIONAL, eca.Level.MULTILATERAL)
    assert levels["peace-and-security"] == (eca.Level.GLOBAL, eca.Level.REGIONAL, eca.Level.COUNTRY)
    assert all(cites_founding(p) for p in eca.PILLARS)


def test_every_record_cites_a_source_that_exists(data: eca.Dataset) -> None:
    records = (
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
        *eca.CIVIL_SOCIETY_FORUM.editions,
    )
    for record in records:
        assert record.sources
        assert all(isinstance(s, eca.Source) for s in data.sources_of(record))


def test_urls_are_unique_and_the_bare_ip_mirror_is_never_cited(data: eca.Dataset) -> None:
    urls = [s.url for s in data.sources]
    assert len(urls) == len(set(urls))
    assert not any("222.178.203.72" in url for url in urls)


def test_data_as_of_is_a_date_apart_from_the_version() -> None:
    assert eca.DATA_AS_OF.isoformat() == "2026-12-06"
    assert eca.COVERAGE_START.isoformat() == "1995-01-01"
    assert eca.__version__.count(".") == 2
