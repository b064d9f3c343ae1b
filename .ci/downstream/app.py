"""A downstream project's code: type-checked against the installed wheel to prove py.typed works."""

import datetime as dt

import eu_ca_partnership as eca


def gsp_plus_holders(on: dt.date) -> list[str]:
    countries: tuple[eca.Country, ...] = eca.countries_with(eca.GSP_PLUS, on=on)
    return [country.name for country in countries]


def launch_month() -> int | None:
    return eca.CIVIL_SOCIETY_FACILITY.launched.month


def agreement_name(code: str) -> str | None:
    agreement = eca.agreement_for(code)
    return None if agreement is None else agreement.name


def kinds() -> list[str]:
    return [kind.value for kind in eca.Kind]
