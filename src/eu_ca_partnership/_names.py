"""How names and codes are matched: the one normalisation of a lookup key."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """The lookup key of a name or code: no accents, case or extra whitespace.

    >>> normalise("  Türkmenistan ")
    'turkmenistan'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
