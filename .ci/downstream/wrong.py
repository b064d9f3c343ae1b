"""Code that misuses the API: mypy must reject every line marked "mistake", which proves the types
reach dependents (.ci/packaging checks each marked line gets its own error)."""

import eu_ca_partnership as eca

name: int = eca.TAJIKISTAN.name  # mistake: a name is text
month: str = eca.CIVIL_SOCIETY_FACILITY.launched.month  # mistake: a month is a number (or None)
eca.instruments_for("TJ", on=2020)  # mistake: a year as a number is not a date
eca.instruments_for("TJ", on=[2020, 6, 1])  # mistake: nor is a list
eca.instruments_for("TJ", kind="trade")  # mistake: not a kind of instrument
eca.timeline(kind="coup")  # mistake: not a kind of event
eca.timeline(since=2015)  # mistake: a year is "2015", a date or a PartialDate
eca.export("out", format="xlsx")  # mistake: not an export format
envoy: eca.Envoy = eca.record("janos-herman")  # mistake: record() is any record unless asked by kind
_ = eca.record("janos-herman", eca.Envoy).short_name  # mistake: an envoy has no short name
_ = eca.countries_with(eca.GSP).doubts[0].reason  # mistake: a doubt says "why"
eca.to_dataframe("countries").no_such_method()  # mistake: a pandas DataFrame
eca.plot_timeline("KZ").no_such_method()  # mistake: a matplotlib Figure
eca.KAZAKHSTAN.name = "Kazakstan"  # mistake: records are frozen
eca.contry("KZ")  # mistake: the helper is country()
