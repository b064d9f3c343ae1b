"""The documentation stays true: console examples, the data catalogue and CITATION.cff.

The ``>>>`` examples of the docs and docstrings are run by Sybil (see the root conftest.py);
this module checks what Sybil does not run.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest

import eu_ca_partnership as eca
from processes import eu_ca

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
if not (DOCS / "conf.py").is_file():  # the tests run against an installed wheel, sources elsewhere
    pytest.skip("the documentation sources are not next to these tests", allow_module_level=True)
GENERATED = ("docs/catalogue/", "docs/_build/")
PAGES = [
    page
    for page in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
    if not page.relative_to(ROOT).as_posix().startswith(GENERATED)
]
_CONSOLE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def console_examples() -> list[tuple[str, str, str]]:
    """Every ``$ eu-ca ...`` line of a console block, with the output shown after it."""
    found = []
    for page in PAGES:
        for block in _CONSOLE.findall(page.read_text("utf-8")):
            command, shown = None, []
            for line in [*block.splitlines(), "$ "]:
                if line.startswith("$ "):
                    if command is not None and command.startswith("eu-ca "):
                        found.append((page.relative_to(ROOT).as_posix(), command, "\n".join(shown)))
                    command, shown = line[2:], []
                else:
                    shown.append(line)
    return found


EXAMPLES = console_examples()


def test_the_docs_have_console_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("page", "command", "shown"), EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in EXAMPLES])
def test_console_example_prints_what_the_page_shows(page: str, command: str, shown: str) -> None:
    args = shlex.split(command)[1:]
    done = eu_ca(*args)
    # A terminal shows the errors (stderr) before the answer and its notes (stdout).
    assert (done.stderr + done.stdout).rstrip("\n") == shown.rstrip("\n")
    assert done.returncode == (2 if "eu-ca: error:" in shown else 0)


# -- the data catalogue ------------------------------------------------------------------------


def _catalogue() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_catalogue", DOCS / "_ext" / "catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    rendered: dict[str, str] = _catalogue().render(eca.load())
    return rendered


def test_catalogue_has_an_entry_for_every_record(pages: dict[str, str]) -> None:
    data = eca.load()
    text = "\n".join(pages.values())
    labels = re.findall(r"^\((catalogue-[^)]+)\)=$", text, re.MULTILINE)
    assert len(labels) == len(set(labels)), "a label is used twice"
    for country in data.countries:
        assert f"(catalogue-country-{country.alpha_2.lower()})=" in pages["countries.md"]
    for instrument in data.instruments:
        assert f"(catalogue-instrument-{instrument.id})=" in pages[f"instruments-{instrument.kind.value}.md"]
    for kind, rows in [
        ("participation", data.all_participations),
        ("event", data.events),
        ("envoy", data.envoys),
        ("source", data.sources),
    ]:
        for row in rows:
            assert f"(catalogue-{kind}-{row.id})=" in text
    rounds = [label for label in labels if label.startswith("catalogue-round-")]
    assert len(rounds) == len(data.all_dialogue_rounds)
    editions = [label for label in labels if label.startswith("catalogue-edition-")]
    assert len(editions) == len(eca.CIVIL_SOCIETY_FORUM.editions)


def test_catalogue_shows_participation_dates_exactly_as_recorded(pages: dict[str, str]) -> None:
    text = "\n".join(pages.values())
    for row in eca.load().all_participations:
        entry = text.split(f"(catalogue-participation-{row.id})=", 1)[1].split("\n(catalogue-", 1)[0]
        for name in ("start", "in_place_by", "end"):
            value = getattr(row, name)
            assert f":{name}: {f'`{value}`' if value is not None else '—'}\n" in entry, (row.id, name)
        assert f":ongoing: {'yes' if row.ongoing else 'no'}\n" in entry
        assert f":confidence: `{row.confidence.value}`\n" in entry


def test_catalogue_shows_competing_claims(pages: dict[str, str]) -> None:
    text = "\n".join(pages.values())
    claims = [
        claim
        for record in eca.load().all_participations
        for note in record.field_notes
        for claim in note.claims
    ]
    assert claims
    assert text.count("**Competing claims**") >= 1
    for claim in claims:
        assert f"`{claim.value}`, confidence `{claim.confidence.value}`" in text


def test_catalogue_pages_are_rewritten_only_when_they_change(tmp_path: Path) -> None:
    catalogue = _catalogue()
    data = eca.load()
    assert set(catalogue.write(data, tmp_path)) == set(catalogue.render(data))
    (tmp_path / "stale.md").write_text("# Gone\n", "utf-8")
    assert catalogue.write(data, tmp_path) == []
    assert not (tmp_path / "stale.md").exists()


# -- CITATION.cff ------------------------------------------------------------------------------


def test_citation_file_matches_the_package() -> None:
    path = ROOT / "CITATION.cff"
    if not path.is_file():
        pytest.skip("CITATION.cff is not in this tree (an sdist)")
    text = path.read_text("utf-8")
    assert re.search(r'^version: "([^"]+)"$', text, re.MULTILINE)[1] == eca.__version__  # type: ignore[index]
    assert re.search(r"^cff-version: 1\.2\.0$", text, re.MULTILINE)
    assert '  - name: "eu-ca-partnership developers"' in text
    assert re.search(r"^license: MIT$", text, re.MULTILINE)  # the code's; the message names the data's


def test_the_project_urls_are_the_same_everywhere() -> None:
    """The metadata, CITATION.cff and the docs name one repository."""
    import tomllib

    path = ROOT / "CITATION.cff"
    if not path.is_file():
        pytest.skip("CITATION.cff is not in this tree (an sdist)")
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Changelog", "Issues"}
    text = path.read_text("utf-8")
    assert f'repository-code: "{urls["Homepage"]}"' in text
    assert f'url: "{urls["Documentation"]}"' in text
    assert urls["Changelog"].startswith(urls["Homepage"])
    assert urls["Issues"] == urls["Homepage"] + "/issues"
