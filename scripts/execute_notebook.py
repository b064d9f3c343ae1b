"""Run the example notebook and store its outputs: ``python scripts/execute_notebook.py``.

Needs the test extra (nbclient, nbformat, ipykernel, and the pandas and plot extras). It runs
docs/examples/tour.ipynb from its own folder, as the test suite does, and writes it back with
its outputs, without timing metadata so that a re-run changes only what the code changed.
"""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "examples" / "tour.ipynb"


def main() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # timings of an earlier run
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    nbformat.write(notebook, NOTEBOOK)
    print(f"executed and stored: {NOTEBOOK}")


if __name__ == "__main__":
    main()
