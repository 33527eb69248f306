"""Committed notebooks carry no outputs, except the few cells nbval compares.

``python tests/notebook_hygiene.py notebooks/*.ipynb`` (``make strip``) runs nbstripout, then gives the
cells marked ``keep_output`` (those starting with ``# NBVAL_CHECK_OUTPUT``) back the execution count
nbval needs to compare them: nbval skips a cell whose count is empty, and nbstripout always empties it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat


def mark_checked_cells(path: Path) -> bool:
    """Give every ``keep_output`` cell with outputs an execution count of 1; return whether it changed."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("keep_output") and cell.outputs:
            if cell.execution_count != 1:
                cell.execution_count, changed = 1, True
            for output in cell.outputs:
                if "execution_count" in output and output["execution_count"] != 1:
                    output["execution_count"], changed = 1, True
    if changed:
        nbformat.write(nb, path)
    return changed


def main(paths: list[str]) -> int:
    subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", *paths], check=True)
    for path in paths:
        mark_checked_cells(Path(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
