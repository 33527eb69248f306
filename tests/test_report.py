"""The report runner: output layout, offline HTML, publishing, failure handling, lock, CLI.

The slow tests run tiny fixture notebooks (tests/fixtures/notebooks) through papermill with jobs=2; the
successful suite is built once per module and shared.
"""

import base64
import fcntl
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from report_helpers import write_suite

import cchc_data as cd
from cchc_data import cli
from cchc_data.report import (
    NOTEBOOKS,
    Run,
    SuiteLocked,
    _prune,
    _switch_latest,
    default_runs,
    external_references,
    notebook_to_html,
    parse_langs,
    plan_runs,
    run_folder,
    run_suite,
    select_runs,
)

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
CHART = FIXTURES / "chart.ipynb"
PAYLOAD = 'x"); import os; os.system("echo pwned") #'
EXTERNAL_SRC = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)
# a 1x1 PNG
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


def _tree(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _outputs_text(nb_path: Path) -> list[str]:
    nb = nbformat.read(nb_path, as_version=4)
    lines = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text") or out.get("data", {}).get("text/plain", "")
            lines += "".join(text).splitlines()
    return lines


# --------------------------------------------------------------------------------------------------
# Fast: folders, languages, selection, argument checks, lock, publishing primitives, HTML


def test_run_folder_is_deterministic_ascii_with_diacritics():
    folder = run_folder("notebooks/01_province_profile.ipynb", {"province": "Khánh Hòa", "lang": "vi"})
    assert folder == "01_province_profile/province=khanh-hoa,lang=vi"
    assert run_folder(CHART, {"province": "Khánh Hoà", "lang": "vi"}) == "chart/province=khanh-hoa,lang=vi"
    assert run_folder(CHART, {"province": "Đắk Lắk"}) == "chart/province=dak-lak"
    assert Run(CHART, {"province": "Khánh Hòa", "lang": "vi"}).folder == "chart/province=khanh-hoa,lang=vi"
    odd = run_folder(CHART, {"province": PAYLOAD, "lang": "en"})
    assert odd.isascii() and odd.count("/") == 1 and not set(odd) & set("\"' ;#()\\")
    long_a, long_b = (run_folder(CHART, {"p": "x" * 60 + tail}) for tail in "ab")
    assert long_a != long_b and len(long_a) < 60


def test_parse_langs_and_cli_reject_unknown_language(capsys):
    assert parse_langs("vi,en") == ("vi", "en")
    with pytest.raises(ValueError, match="'fr' is not a supported language; use 'vi' or 'en'"):
        parse_langs("vi,fr")
    assert cli.main(["report", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "'fr' is not a supported language; use 'vi' or 'en'" in err
    assert "Traceback" not in err


@pytest.fixture
def suite_notebooks(tmp_path):
    """A notebooks folder with the suite's four names, each declaring its parameters; 04 fails in English."""
    folder = write_suite(tmp_path / "project" / "notebooks", fail_audit=True)
    assert sorted(p.name for p in folder.iterdir()) == sorted(NOTEBOOKS)
    return folder


def test_default_grid_follows_the_data_and_cli_list_says_why(suite_notebooks, capsys):
    facts = cd.load_indicators()
    provinces = sorted(facts["province"].unique())
    with_targets = sorted(facts.loc[facts["kind"] == "target", "province"].unique())
    assert with_targets and set(with_targets) < set(provinces)  # the bundled data has a province without targets
    runs = default_runs(suite_notebooks, langs="vi,en")
    assert len(runs) == 2 * (len(provinces) + len(with_targets) + 3)  # + comparison, audit, national indices
    labels = [r.label for r in runs]
    assert f"01_province_profile province={provinces[0]} lang=vi" in labels
    assert "02_comparison provinces=all concepts=all lang=en" in labels
    assert {r.parameters["province"] for r in runs if r.name == "03_targets"} == set(with_targets)
    comparison = next(r for r in runs if r.name == "02_comparison")
    assert comparison.parameters == {"provinces": [], "concepts": [], "lang": "vi"} and comparison.data_scope is None
    assert {r.data_scope for r in runs if r.name == "01_province_profile"} == set(provinces)

    assert cli.main(["report", "--list", "--notebooks", str(suite_notebooks), "--lang", "en", "--only", "03_*"]) == 0
    out = capsys.readouterr().out.splitlines()
    without = sorted(set(provinces) - set(with_targets))
    assert out[-1] == f"{len(with_targets)} runs, {len(without)} left out"
    assert out[: len(with_targets)] == [
        f"03_targets province={p} lang=en  ->  03_targets/province={p},lang=en/" for p in with_targets
    ]
    assert [r.label for r in select_runs(runs, "Khánh Hòa")][:1] == ["01_province_profile province=khanh-hoa lang=vi"]
    with pytest.raises(ValueError, match="matches none"):
        select_runs(runs, "no-such-run")
    assert out[len(with_targets) : -1] == [
        f"03_targets province={p} lang=en  left out: no targets in the data" for p in without
    ]


def test_grid_leaves_out_the_comparison_without_shared_concepts(suite_notebooks, data_copy):
    facts = (data_copy / "indicators.csv").read_text(encoding="utf-8").splitlines()
    only_one = [facts[0]] + [line for line in facts[1:] if line.split(",")[1] == "khanh-hoa"]
    (data_copy / "indicators.csv").write_text("\n".join(only_one) + "\n", encoding="utf-8")
    plan = plan_runs(suite_notebooks, langs="vi", data_dir=data_copy)
    assert {r.name for r in plan.runs} == {"01_province_profile", "03_targets", "04_data_audit", "05_national_indices"}
    assert [(r.label, why) for r, why in plan.left_out] == [
        ("02_comparison provinces=all concepts=all lang=vi", "no concept has actual facts for two or more provinces")
    ]


def test_missing_notebooks_exit_2(tmp_path, capsys):
    assert cli.main(["report", "--list", "--notebooks", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "01_province_profile.ipynb" in err and "Traceback" not in err


def test_run_suite_rejects_bad_arguments(tmp_path):
    out = tmp_path / "reports"
    with pytest.raises(ValueError, match="figures_dir"):
        run_suite([(CHART, {"figures_dir": "x"})], output_root=out)
    with pytest.raises(ValueError, match="would both write"):
        run_suite([(CHART, {"province": "Khánh Hòa"}), (CHART, {"province": "khanh-hoa"})], output_root=out)
    with pytest.raises(ValueError, match="has type"):
        run_suite([(CHART, {"province": object()})], output_root=out)
    with pytest.raises(ValueError, match="jobs=0"):
        run_suite([(CHART, {})], output_root=out, jobs=0)
    with pytest.raises(FileNotFoundError, match="nope.ipynb"):
        run_suite([(tmp_path / "nope.ipynb", {})], output_root=out)


def test_second_suite_is_refused_while_one_runs(tmp_path):
    root = tmp_path / "reports"
    root.mkdir()
    with open(root / ".lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running suite holds
        with pytest.raises(SuiteLocked, match="another report suite is already running"):
            run_suite([(CHART, {"lang": "vi"})], output_root=root, progress=False)
    assert sorted(p.name for p in root.iterdir()) == [".lock"]  # nothing built, nothing published


def test_switch_latest_and_prune_keep_the_published_suite(tmp_path):
    names = ["20250101T000000Z", "20250102T000000Z", "20250102T000000Z-1", "20250103T000000Z"]
    names += ["failed-20250101T000000Z", "failed-20250104T000000Z"]
    for name in names:
        (tmp_path / name).mkdir()
    _switch_latest(tmp_path, tmp_path / "20250101T000000Z")
    assert os.readlink(tmp_path / "latest") == "20250101T000000Z"
    _prune(tmp_path, 1)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["20250101T000000Z", "20250103T000000Z", "failed-20250104T000000Z", "latest"]
    _switch_latest(tmp_path, tmp_path / "20250103T000000Z")  # replaces the symlink in place
    assert os.readlink(tmp_path / "latest") == "20250103T000000Z"
    assert not list(tmp_path.glob(".latest-*"))


def test_notebook_to_html_is_offline_outputs_only(tmp_path):
    nb = nbformat.v4.new_notebook()
    injected = nbformat.v4.new_code_cell("province = 'SECRET_INJECTED'")
    injected.metadata["tags"] = ["injected-parameters"]
    code = nbformat.v4.new_code_cell("SECRET_SOURCE = 1")
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
        nbformat.v4.new_output("stream", name="stdout", text="Khánh Hòa ok\n"),
    ]
    nb.cells = [injected, nbformat.v4.new_markdown_cell("# Tiêu đề / Title"), code]
    src = tmp_path / "x.ipynb"
    nbformat.write(nb, src)
    page = notebook_to_html(src, tmp_path / "x.html", lang="vi").read_text(encoding="utf-8")
    assert f"data:image/png;base64,{PNG}" in page
    assert "Khánh Hòa ok" in page and "Tiêu đề / Title" in page
    assert "SECRET_SOURCE" not in page and "SECRET_INJECTED" not in page
    assert not EXTERNAL_SRC.search(page) and external_references(page) == []
    assert "require.min.js" not in page and "MathJax" not in page.replace("mathjax", "")
    assert '<html lang="vi">' in page


# --------------------------------------------------------------------------------------------------
# Slow: real suites


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """One successful suite of two chart runs (a Vietnamese name, a code-injection attempt)."""
    base = tmp_path_factory.mktemp("suite")
    runs = [Run(CHART, {"province": "Khánh Hòa", "lang": "vi"}), Run(CHART, {"province": PAYLOAD, "lang": "en"})]
    result = run_suite(runs, output_root=base / "reports", jobs=2, figures_root=base / "figures", progress=False)
    return base, result


@pytest.mark.slow
def test_successful_suite_is_published_with_index_and_manifest(published):
    base, result = published
    root = base / "reports"
    assert result.ok and result.latest == root / "latest"
    assert (root / "latest").is_symlink() and (root / "latest").resolve() == result.path.resolve()
    assert re.fullmatch(r"\d{8}T\d{6}Z", os.readlink(root / "latest"))
    assert not list(root.glob(".build-*")) and not list(root.glob("failed-*"))

    manifest = json.loads((root / "latest" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok" and manifest["jobs"] == 2
    assert manifest["package_version"] == cd.__version__ and manifest["data_version"] == cd.data_version()
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", manifest["data_checksum"])
    assert manifest["started"] <= manifest["finished"]
    assert [r["status"] for r in manifest["runs"]] == ["ok", "ok"]
    assert [r["parameters"]["province"] for r in manifest["runs"]] == ["Khánh Hòa", PAYLOAD]
    assert all(r["duration_s"] > 0 and r["error"] == "" for r in manifest["runs"])
    # CPU time of the worker and its kernel: starting a kernel alone takes more than 0.3 s of CPU
    assert all(0.3 < r["cpu_s"] <= 2 * r["duration_s"] for r in manifest["runs"]), manifest["runs"]

    index = (root / "latest" / "index.html").read_text(encoding="utf-8")
    assert "Báo cáo" in index and "reports" in index
    for r in manifest["runs"]:
        assert f'href="{r["folder"]}/chart.html"' in index
    # the index holds the contents in both languages; each has the runs in its build details
    assert index.count('<tr class="ok">') == 2 * 2 and 'class="failed"' not in index
    assert not EXTERNAL_SRC.search(index)

    run_dir = root / "latest" / "chart" / "province=khanh-hoa,lang=vi"  # the ASCII folder of "Khánh Hòa"
    assert sorted(p.name for p in run_dir.iterdir()) == ["chart.html", "chart.ipynb", "figures"]
    assert (run_dir / "figures" / "chart_vi.png").read_bytes().startswith(b"\x89PNG")
    assert (base / "figures" / "chart" / "province=khanh-hoa,lang=vi" / "chart_vi.png").is_file()  # copied out


@pytest.mark.slow
def test_report_html_is_self_contained_outputs_only(published):
    _, result = published
    page = (result.path / "chart" / "province=khanh-hoa,lang=vi" / "chart.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert 'PARAMS {"province": "Khánh Hòa", "lang": "vi"}' in page
    assert "SECRET_INPUT_MARKER" not in page  # input code hidden
    assert "figures_dir" not in page and "injected" not in page.lower()  # injected-parameters cell removed
    assert not EXTERNAL_SRC.search(page), EXTERNAL_SRC.findall(page)


@pytest.mark.slow
def test_parameters_arrive_as_values_not_code(published):
    _, result = published
    run = next(r for r in result.results if r.run.parameters["province"] == PAYLOAD)
    lines = _outputs_text(result.path / run.run.folder / "chart.ipynb")
    echoed = [json.loads(line.removeprefix("PARAMS ")) for line in lines if line.startswith("PARAMS ")]
    assert echoed == [{"province": PAYLOAD, "lang": "en"}]
    assert "pwned" not in [line.strip() for line in lines]  # os.system never ran...
    assert "pwned" not in [line.strip() for line in run.log.splitlines()]  # ...not even to the kernel's stdout


@pytest.mark.slow
def test_failed_suite_keeps_latest_and_the_failed_build(published, suite_notebooks, tmp_path, capsys):
    root = tmp_path / "reports"
    shutil.copytree(published[0] / "reports", root, symlinks=True)
    target, before = os.readlink(root / "latest"), _tree(root / "latest")

    argv = ["report", "--notebooks", str(suite_notebooks), "--output", str(root), "--only", "04_data_audit"]
    assert cli.main([*argv, "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert "04_data_audit lang=en" in err and "ValueError: no report for lang='en'" in err
    assert "Traceback" not in err
    assert (
        re.search(r"\[\d/2\] FAILED 04_data_audit lang=en", out)
        and "[" in out
        and " ok     04_data_audit lang=vi" in out
    )

    assert os.readlink(root / "latest") == target and _tree(root / "latest") == before
    (failed,) = root.glob("failed-*")
    assert str(failed) in err
    manifest = json.loads((failed / "manifest.json").read_text(encoding="utf-8"))
    status = {r["parameters"]["lang"]: r for r in manifest["runs"]}
    assert manifest["status"] == "failed"
    assert status["vi"]["status"] == "ok" and status["en"]["status"] == "failed"  # one failure stops nothing
    assert "no report for lang='en'" in status["en"]["error"]
    partial = failed / "04_data_audit" / "lang=en" / "04_data_audit.ipynb"
    assert _outputs_text(partial) == ['PARAMS {"lang": "en"}']  # the partial notebook keeps what ran
    index = (failed / "index.html").read_text(encoding="utf-8")
    assert 'class="failed"' in index and 'href="04_data_audit/lang=en/04_data_audit.ipynb"' in index
    assert not list(root.glob(".build-*"))
    assert not (suite_notebooks.parent / "figures").exists()  # figures are copied only after a publish
