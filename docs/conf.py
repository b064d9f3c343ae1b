"""Sphinx configuration: MyST Markdown, the Furo theme, autodoc, and the build-time data catalogue.

Build strictly, as CI does: ``sphinx-build -n -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import eu_ca_partnership as eca

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "eu-ca-partnership"
author = "eu-ca-partnership developers"
copyright = "eu-ca-partnership developers; code MIT, data CC BY 4.0"
release = eca.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "catalogue",  # writes catalogue/*.md from eu_ca_partnership.load() before reading
    "public_api",  # the API reference of every name in eu_ca_partnership.__all__
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
# Shown as recorded: quotes and dashes in the data are not "smartened".
smartquotes = False

# -- MyST -------------------------------------------------------------------------------------
myst_enable_extensions = ["fieldlist"]
myst_heading_anchors = 3

# -- autodoc ----------------------------------------------------------------------------------
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
autodoc_member_order = "bysource"
autodoc_class_signature = "separated"
python_use_unqualified_type_names = True
add_module_names = False

# Nitpicky (-n): every cross-reference must resolve. Without network access there is no
# intersphinx inventory for the standard library or the optional extras (pandas, matplotlib),
# so their names are left as plain text; every name of this package must resolve.
nitpick_ignore_regex = [
    ("py:class", r"(datetime|decimal|os|pathlib|collections\.abc)\.\w+"),
    ("py:class", r"(pandas|matplotlib)(\.\w+)+"),
    # type variables: of Answer[...], and of record(id, kind) (a record of the class asked for)
    ("py:(class|obj)", r"eu_ca_partnership\._(answers|bundled|dataset)\.(T_co|R)"),
    ("py:class", r"Figure"),  # matplotlib's, named as the return type of plot_timeline
]

# -- HTML -------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"eu-ca-partnership {release}"
html_static_path = ["_static"]
html_css_files = ["catalogue.css"]
html_show_sourcelink = True

# -- linkcheck --------------------------------------------------------------------------------
# CI has no network: the link check covers the internal links only. Set
# DOCS_LINKCHECK_EXTERNAL=1 to also check the sources' URLs.
linkcheck_ignore = [] if os.environ.get("DOCS_LINKCHECK_EXTERNAL") else [r"https?://.*"]
