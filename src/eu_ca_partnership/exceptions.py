"""The errors this library raises; all of them derive from :class:`PartnershipError`.

>>> import eu_ca_partnership as eca
>>> try:
...     eca.country("Tajikstan")
... except eca.PartnershipError as error:
...     print(type(error).__name__, "-", error)
UnknownCountryError - no country matches 'Tajikstan'; did you mean 'Tajikistan'? Accepted: a name of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan (in English, French, German, Russian or a state language), an ISO 3166-1 code (alpha-2, alpha-3 or numeric) or a Wikidata id
"""

from __future__ import annotations

__all__ = [
    "DataError",
    "ExportError",
    "InvalidChoiceError",
    "InvalidDateError",
    "MissingExtraError",
    "OutOfCoverageError",
    "PartnershipError",
    "UnknownCountryError",
    "UnknownInstrumentError",
    "UnknownRecordError",
]


class PartnershipError(Exception):
    """Base class of every error raised on purpose by this library."""


class UnknownRecordError(PartnershipError, LookupError):
    """A query named something the data does not hold.

    ``query`` is what was asked, ``suggestion`` the closest match (or ``None``).
    """

    def __init__(self, message: str, *, query: object, suggestion: str | None) -> None:
        super().__init__(message)
        self.query = query
        self.suggestion = suggestion


class UnknownCountryError(UnknownRecordError):
    """No Central Asian country matches the query."""


class UnknownInstrumentError(UnknownRecordError):
    """No instrument matches the query."""


class InvalidDateError(PartnershipError, ValueError):
    """A date argument or a date in the data could not be read."""


class InvalidChoiceError(PartnershipError, ValueError):
    """An argument outside a closed vocabulary, such as an unknown ``kind``."""


class OutOfCoverageError(PartnershipError, ValueError):
    """A question about a date the bundled data does not cover.

    The data answers from its coverage start up to ``DATA_AS_OF``; before that it
    would answer empty, after that it cannot know.
    """


class DataError(PartnershipError, ValueError):
    """The data files are corrupt or inconsistent.

    ``errors`` lists every problem found (up to 100 in a file), each as
    ``"<file>: <message> @ <JSON path>"`` and at most 1,000 characters long: a longer value is
    cut, with an ellipsis and its length, its path kept. The message shows the first 20.
    """

    def __init__(self, errors: list[str]) -> None:
        self.errors = tuple(bounded(error) for error in errors)
        shown = "\n  ".join(self.errors[:20])
        more = f"\n  ... and {len(self.errors) - 20} more" if len(self.errors) > 20 else ""
        super().__init__(f"invalid data ({len(self.errors)} problem(s)):\n  {shown}{more}")


class ExportError(PartnershipError, ValueError):
    """An export that cannot be written as asked.

    The target is a file, or a folder that already holds files (pass ``overwrite=True``,
    ``--force`` at the command line), or a value that the format cannot hold faithfully.
    """


class MissingExtraError(PartnershipError, ImportError):
    """An optional feature needs a package that is not installed; the message names the extra.

    ``extra`` is the name of the optional dependency group, such as ``"pandas"``.
    """

    def __init__(self, message: str, *, extra: str, name: str | None = None) -> None:
        super().__init__(message, name=name)
        self.extra = extra


def quoted(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters so a hostile argument cannot flood a message.

    What has no ``repr`` to show (an integer too long to write, a list nested too deep) is named
    by its type.

    >>> quoted("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"
    >>> quoted(10**5000)
    '<int of about 5001 digits>'
    """
    if isinstance(value, int) and value.bit_length() > 10_000:  # repr would refuse (or take long)
        return f"<int of about {int(value.bit_length() * 0.30103) + 1} digits>"
    try:
        text = repr(value)
    except Exception:
        return f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 4] + "...'"


#: The longest problem a :class:`DataError` lists: a longer one is cut, keeping its JSON path.
LONGEST_PROBLEM = 1000


def bounded(problem: str, limit: int = LONGEST_PROBLEM) -> str:
    """``problem`` (``"<file>: <message> @ <path>"``) cut to ``limit`` characters, its path kept.

    >>> bounded("a.json: got " + "x" * 50 + " @ $[0].name", limit=40)
    'a.json: g... (62 characters) @ $[0].name'
    """
    if len(problem) <= limit:
        return problem
    text, at, path = problem.rpartition(" @ ")
    if not at or len(path) > limit // 2:  # no path, or one too long to keep whole
        text, at, path = problem, "", ""
    cut = f"... ({len(text)} characters)"
    return text[: max(0, limit - len(cut) - len(at) - len(path))] + cut + at + path
