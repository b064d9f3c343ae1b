"""How names and codes are matched: the one normalisation of a lookup key.

A key ignores case (Latin and Cyrillic alike), the accents of Latin letters ("Ouzbékistan",
"Türkmenistan"), surrounding and repeated white space, and which apostrophe an Uzbek name is
written with ("Oʻzbekiston", "O'zbekiston", "O‘zbekiston", "O`zbekiston" are one key). The
letters of Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic keep their marks (Қ, Ң, Ө, Ү, Ҳ, Ҷ, Ӣ, Ӯ,
Ғ, Ә, Ұ, Һ, І, Ў): "Ӣ" is not "И".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

#: The apostrophes Uzbek Latin is written with, all read as the first (U+02BB, the official one).
APOSTROPHES = "\u02bb'\u2018\u2019`\u02bc\u00b4"
_ONE_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHES[1:], APOSTROPHES[0]))


def normalise(text: str) -> str:
    """The lookup key of a name or code.

    >>> normalise("  Türkmenistan ")
    'turkmenistan'
    >>> normalise("O'zbekiston") == normalise("Oʻzbekiston") == normalise("O‘ZBEKISTON")
    True
    >>> normalise("ҚАЗАҚСТАН"), normalise("Тоҷикистон"), normalise("Ӣ") == normalise("И")
    ('қазақстан', 'тоҷикистон', False)
    """
    if text.isascii():  # codes and most names: no accent to strip, no letter to compose
        return " ".join(text.translate(_ONE_APOSTROPHE).casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_ONE_APOSTROPHE))
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and _is_latin(kept[-1]):
            continue  # an accent of a Latin letter: "é" is "e"
        kept.append(char)
    folded = unicodedata.normalize("NFC", "".join(kept)).casefold()
    return " ".join(folded.split())


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def folded(text: str) -> str:
    """A key to measure a miss against: :func:`normalise`, with ``+`` read as ``plus`` and
    hyphens and underscores as spaces.

    >>> folded("Uzbekistan GSP+") == folded("uzbekistan-gsp-plus")
    True
    """
    spaced = normalise(text).replace("+", " plus ").replace("-", " ").replace("_", " ")
    return " ".join(spaced.split())


def distance(a: str, b: str, limit: int) -> int:
    """The edits (insert, delete, replace, swap two neighbours) that make ``a`` into ``b``, or
    ``limit + 1`` as soon as it is certain that more than ``limit`` are needed.

    >>> distance("tajikstan", "tajikistan", 2), distance("gps", "gsp", 2), distance("afghanistan", "tajikistan", 2)
    (1, 1, 3)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        above, row = row, [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            row[j] = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        before = above
    return min(row[-1], limit + 1)


def close_match(query: str, keys: Iterable[str]) -> str | None:
    """The key nearest ``query``, if it is close: at most one edit for every four letters of the
    query (one at least), measured on :func:`folded` keys; ``None`` otherwise.

    Only a slip of the keyboard is offered: "Tajikstan" is close to "Tajikistan", while
    "Afghanistan" is not close to "Tajikistan", nor "Karakalpakstan" to "Kazakhstan".

    >>> keys = ["Tajikistan", "Kazakhstan", "uzbekistan-gsp", "uzbekistan-gsp-plus"]
    >>> close_match("Tajikstan", keys), close_match("Uzbekistan GSP+", keys)
    ('Tajikistan', 'uzbekistan-gsp-plus')
    >>> close_match("Afghanistan", keys), close_match("Karakalpakstan", keys)
    (None, None)
    """
    import difflib  # only a miss needs it

    wanted = folded(query)
    if not wanted:
        return None
    by_fold: dict[str, str] = {}
    for key in keys:
        by_fold.setdefault(folded(key), key)
    limit = max(1, len(wanted) // 4)
    best: tuple[int, str] | None = None
    for candidate in difflib.get_close_matches(wanted, list(by_fold), n=5, cutoff=0.6):
        edits = distance(wanted, candidate, limit)
        if edits <= limit and (best is None or edits < best[0]):
            best = (edits, by_fold[candidate])
    return None if best is None else best[1]
