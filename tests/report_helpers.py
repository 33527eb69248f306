"""Fixture notebooks for the runner tests, written on the fly: declared parameters, an echo, a chart."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

SUITE_PARAMETERS = {
    "01_province_profile.ipynb": {"province": "khanh-hoa", "lang": "vi"},
    "02_comparison.ipynb": {"provinces": [], "concepts": [], "lang": "vi"},
    "03_targets.ipynb": {"province": "khanh-hoa", "lang": "vi"},
    "04_data_audit.ipynb": {"lang": "vi"},
    "05_national_indices.ipynb": {"lang": "vi"},
}


def write_notebook(path: Path, parameters: dict, *, fail_for: str | None = None, sleep: float = 0) -> Path:
    """A notebook declaring ``parameters`` (+ ``figures_dir``) that echoes them, saves a chart and shows it.

    ``fail_for``: the run with that ``lang`` raises ``ValueError: no report for lang=...``; ``sleep``: seconds
    the run waits in its second cell (to catch it running).
    """
    declared = {**parameters, "figures_dir": "."}
    params = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in declared.items()))
    params.metadata["tags"] = ["parameters"]
    names = [k for k in parameters]
    echo = "import json, time\n"
    echo += f"print('PARAMS ' + json.dumps({{k: globals()[k] for k in {names!r}}}, ensure_ascii=False))\n"
    if sleep:
        echo += f"time.sleep({sleep})\n"
    if fail_for is not None:
        echo += f"if lang == {fail_for!r}:\n    raise ValueError(f'no report for lang={{lang!r}}')\n"
    chart = (
        "from pathlib import Path\nimport matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(figsize=(2, 1.5), dpi=50)\nax.plot([1, 2, 3], [3, 1, 2])\n"
        "Path(figures_dir).mkdir(parents=True, exist_ok=True)\n"
        "fig.savefig(Path(figures_dir) / f'chart_{lang}.png', metadata={'Software': None})\nplt.show()"
    )
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.cells = [params, nbformat.v4.new_markdown_cell("# Fixture / Thử"), nbformat.v4.new_code_cell(echo)]
    nb.cells.append(nbformat.v4.new_code_cell(chart))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_suite(folder: Path, *, fail_audit: bool = False, sleep: float = 0) -> Path:
    """The suite's notebook names in ``folder``, each a fixture declaring that notebook's parameters."""
    for name, parameters in SUITE_PARAMETERS.items():
        fail = "en" if fail_audit and name.startswith("04_") else None
        write_notebook(folder / name, parameters, fail_for=fail, sleep=sleep)
    return folder


def manifest(suite: Path) -> dict:
    return json.loads((suite / "manifest.json").read_text(encoding="utf-8"))
