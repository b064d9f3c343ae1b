"""How names and codes are matched: the one normalisation of a lookup key.

A key ignores case (Latin and Cyrillic alike), the accents of Latin letters ("Ouzbékistan",
"Türkmenistan"), surrounding and repeated white space, and which apostrophe an Uzbek name is
written with ("Oʻzbekiston", "O'zbekiston", "O‘zbekiston", "O`zbekiston" are one key). The
letters of Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic keep their marks (Қ, Ң, Ө, Ү, Ҳ, Ҷ, Ӣ, Ӯ,
Ғ, Ә, Ұ, Һ, І, Ў): "Ӣ" is not "И".
"""

from __future__ import annotations

import unicodedata

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
