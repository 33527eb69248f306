"""Any executor: a suite on a two-worker Dask LocalCluster publishes the same pages as the local pool."""

import pytest
from report_helpers import manifest, write_notebook

from cchc_data.report import Run, run_suite

distributed = pytest.importorskip("distributed", reason="the [dask] extra (distributed) is not installed")


def _pages(suite):
    return {
        p.relative_to(suite).as_posix(): p.read_bytes() for p in sorted(suite.rglob("*.html")) if p.name != "index.html"
    }


@pytest.mark.slow
def test_suite_on_a_local_dask_cluster_equals_a_local_run(tmp_path):
    nb = write_notebook(tmp_path / "notebooks" / "chart.ipynb", {"province": "khanh-hoa", "lang": "vi"})
    runs = [Run(nb, {"province": p, "lang": lang}) for p in ("Khánh Hòa", "Hà Giang") for lang in ("vi", "en")]
    local = run_suite(runs, output_root=tmp_path / "local", figures_root=tmp_path / "fig-local", jobs=2, progress=False)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = run_suite(
            runs, output_root=tmp_path / "dask", figures_root=tmp_path / "fig-dask", executor=client.get_executor(),
            progress=False, force=True,
        )  # fmt: skip
        assert len({info["host"] + str(info["id"]) for info in client.scheduler_info()["workers"].values()}) == 2
    assert remote.ok and remote.latest is not None
    assert [r.cache for r in remote.results] == ["executed"] * 4
    assert [r["status"] for r in manifest(remote.path)["runs"]] == ["ok"] * 4
    pages = _pages(remote.path)
    assert len(pages) == 4 and pages == _pages(local.path)  # byte for byte
    for r in remote.results:
        figures = sorted(p.name for p in (remote.path / r.run.folder / "figures").iterdir())
        assert figures == [f"chart_{r.run.parameters['lang']}.png"]
        assert (tmp_path / "fig-dask" / r.run.folder / figures[0]).read_bytes() == (
            local.path / r.run.folder / "figures" / figures[0]
        ).read_bytes()


@pytest.mark.slow
def test_unreachable_scheduler_is_a_message(tmp_path, capsys):
    from cchc_data import cli

    argv = ["report", "--output", str(tmp_path / "reports"), "--scheduler", "tcp://127.0.0.1:9", "--only", "04_*"]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in err and "Traceback" not in err
    assert not (tmp_path / "reports").exists()
