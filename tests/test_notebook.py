"""The example notebook docs/examples/tour.ipynb runs from top to bottom in a real Jupyter kernel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "examples" / "tour.ipynb"

if not NOTEBOOK.is_file():  # the tests copied away from the source tree, as .ci/packaging runs them
    pytest.skip(f"the example notebook is not at {NOTEBOOK}", allow_module_level=True)

nbclient = pytest.importorskip(
    "nbclient",
    reason="running the example notebook needs nbclient, ipykernel and nbformat (the 'test' extra)",
)
nbformat = pytest.importorskip("nbformat", reason="running the example notebook needs nbformat")
pytest.importorskip("ipykernel", reason="running the example notebook needs ipykernel")


@pytest.fixture(scope="module")
def executed() -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    return notebook


def _code_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _texts(cell: Any) -> list[dict[str, str]]:
    """What a reader reads of a cell's outputs: streams and text forms (pictures are compared by kind)."""
    return [
        {"stream": output.get("text", "")}
        if output.output_type == "stream"
        else {kind: value for kind, value in output.get("data", {}).items() if kind.startswith("text/")}
        | {"kinds": ",".join(sorted(output.get("data", {})))}
        for output in cell.outputs
    ]


def test_the_notebook_is_stored_with_the_outputs_the_code_gives_today(executed: Any) -> None:
    """The stored outputs are for readers on a code host; ``python scripts/execute_notebook.py`` renews them."""
    stored = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(stored)
    for kept, ran in zip(_code_cells(stored), _code_cells(executed), strict=True):
        assert kept.outputs, f"no stored output: run scripts/execute_notebook.py ({kept.source!r})"
        assert "execution" not in kept.metadata, "timings stored: run scripts/execute_notebook.py"
        assert _texts(kept) == _texts(ran), f"stale output: run scripts/execute_notebook.py ({kept.source!r})"


def test_every_cell_runs_without_error_or_warning(executed: Any) -> None:
    for cell in _code_cells(executed):
        assert cell.outputs, cell.source
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                cell.source,
                output.text,
            )


def test_records_and_tables_display_as_html_and_the_timeline_as_a_picture(executed: Any) -> None:
    shown = {cell.source: cell.outputs for cell in _code_cells(executed)}
    facility = shown["eca.CIVIL_SOCIETY_FACILITY"][0]["data"]
    assert facility["text/html"].startswith('<table class="eu-ca-record">')
    assert facility["text/plain"].startswith("Facility(id='civil-society-facility'")
    table = shown['eca.table(eca.instruments_for("Tajikistan", on=eca.DATA_AS_OF))'][0]["data"]["text/html"]
    assert 'href="https://' in table
    assert "(facts checked " in table  # an answer's table names its day
    pictures = [
        output for outputs in shown.values() for output in outputs if "image/png" in output.get("data", {})
    ]
    assert len(pictures) == 2
