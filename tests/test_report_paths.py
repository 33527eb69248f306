"""The README's command as a user types it: `cchc report` from the project root with the default relative output.

Regression test for issue 10 §1: a relative ``reports`` output reached the kernels as a relative ``figures_dir``,
which they resolved against ``notebooks/``; the published runs had no figures and charts piled up under the sources.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_cli_from_project_root_with_relative_output_publishes_figures(tmp_path):
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    for nb in (ROOT / "notebooks").glob("0*.ipynb"):
        (project / "notebooks" / nb.name).write_bytes(nb.read_bytes())
    (project / "figures").mkdir()
    before = _files(project)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    env.pop("CCHC_DATA_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "cchc_data", "report", "--lang", "vi", "--only", "*ha-giang lang=vi", "--jobs", "2"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    latest = project / "reports" / "latest"
    runs = sorted(p.parent.relative_to(latest).as_posix() for p in latest.glob("*/*/*.html"))
    assert runs and all("province=ha-giang,lang=vi" in r for r in runs)
    for run in runs:
        published = sorted(p.name for p in (latest / run / "figures").iterdir())
        assert any(name.endswith(".png") for name in published), f"{run} published no figures"
        copied = sorted(p.name for p in (project / "figures" / run).iterdir())
        assert copied == published
    # nothing new beside the sources: only reports/ and figures/ changed
    new = {f for f in _files(project) - before if not f.startswith(("reports/", "figures/"))}
    assert new == set()
