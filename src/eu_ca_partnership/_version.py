"""The code version (CalVer ``YYYY.N.P``; see docs/compatibility.md). The data has its own date, ``DATA_AS_OF``."""

__version__ = "2026.1.0"
