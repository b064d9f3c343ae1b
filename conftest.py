"""Every example runs, once: Sybil collects the ``>>>`` examples of the docs and the docstrings.

- Markdown (README.md, docs/**/*.md): ```` ```python ```` blocks, as doctests when they hold
  ``>>>`` and as plain code otherwise. One namespace per file, so a page reads top to bottom.
- Python sources under src/: the examples in docstrings, read from the source text. A
  docstring copied at run time (the module-level helpers take the ``Dataset`` methods'
  docstrings) is therefore not run a second time, as ``--doctest-modules`` would.

The generated data catalogue (docs/catalogue/) and the build output are left out.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.document import PythonDocStringDocument
from sybil.parsers import myst, rest

OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

markdown_examples = Sybil(
    parsers=[
        myst.PythonCodeBlockParser(doctest_optionflags=OPTIONS),
        myst.DocTestDirectiveParser(optionflags=OPTIONS),
        myst.SkipParser(),
    ],
    patterns=["*.md"],
    excludes=["docs/catalogue/*", "docs/_build/*", ".pytest_cache/*"],
    name="markdown",
)

docstring_examples = Sybil(
    parsers=[rest.DocTestParser(optionflags=OPTIONS), rest.SkipParser()],
    path="src",
    patterns=["*.py"],
    excludes=["__main__.py"],
    document_types={".py": PythonDocStringDocument},
    name="docstrings",
)

pytest_collect_file = (markdown_examples + docstring_examples).pytest()
