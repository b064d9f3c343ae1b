"""Code that misuses the API: mypy must reject it, which proves the types reach dependents."""

import eu_ca_partnership as eca

name: int = eca.TAJIKISTAN.name
month: str = eca.CIVIL_SOCIETY_FACILITY.launched.month
