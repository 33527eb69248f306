"""Tests of ``cchc_data.report.runs``: which runs a suite holds (the grid follows the data), their folders and languages."""

from pathlib import Path

import pytest
from report_helpers import write_suite

import cchc_data as cd
from cchc_data import cli
from cchc_data.report import (
    NOTEBOOKS,
    Run,
    default_runs,
    parse_langs,
    plan_runs,
    run_folder,
    select_runs,
)

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


CHART = FIXTURES / "chart.ipynb"


PAYLOAD = 'x"); import os; os.system("echo pwned") #'


@pytest.fixture
def suite_notebooks(tmp_path):
    """A notebooks folder with the suite's four names, each declaring its parameters; 04 fails in English."""
    folder = write_suite(tmp_path / "project" / "notebooks", fail_audit=True)
    assert sorted(p.name for p in folder.iterdir()) == sorted(NOTEBOOKS)
    return folder


class TestRunFolder:
    def test_run_folder_is_deterministic_ascii_with_diacritics(self):
        folder = run_folder("notebooks/01_province_profile.ipynb", {"province": "Khánh Hòa", "lang": "vi"})
        assert folder == "01_province_profile/province=khanh-hoa,lang=vi"
        assert run_folder(CHART, {"province": "Khánh Hoà", "lang": "vi"}) == "chart/province=khanh-hoa,lang=vi"
        assert run_folder(CHART, {"province": "Đắk Lắk"}) == "chart/province=dak-lak"
        assert Run(CHART, {"province": "Khánh Hòa", "lang": "vi"}).folder == "chart/province=khanh-hoa,lang=vi"
        odd = run_folder(CHART, {"province": PAYLOAD, "lang": "en"})
        assert odd.isascii() and odd.count("/") == 1 and not set(odd) & set("\"' ;#()\\")
        long_a, long_b = (run_folder(CHART, {"p": "x" * 60 + tail}) for tail in "ab")
        assert long_a != long_b and len(long_a) < 60


class TestParseLangs:
    def test_parse_langs_and_cli_reject_unknown_language(self, capsys):
        assert parse_langs("vi,en") == ("vi", "en")
        with pytest.raises(ValueError, match="'fr' is not a supported language; use 'vi' or 'en'"):
            parse_langs("vi,fr")
        assert cli.main(["report", "--lang", "fr"]) == 2
        err = capsys.readouterr().err
        assert "'fr' is not a supported language; use 'vi' or 'en'" in err
        assert "Traceback" not in err


class TestDefaultRuns:
    def test_default_grid_follows_the_data_and_cli_list_says_why(self, suite_notebooks, capsys):
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
        assert (
            comparison.parameters == {"provinces": [], "concepts": [], "lang": "vi"} and comparison.data_scope is None
        )
        assert {r.data_scope for r in runs if r.name == "01_province_profile"} == set(provinces)

        assert (
            cli.main(["report", "--list", "--notebooks", str(suite_notebooks), "--lang", "en", "--only", "03_*"]) == 0
        )
        out = capsys.readouterr().out.splitlines()
        without = sorted(set(provinces) - set(with_targets))
        assert out[-1] == f"{len(with_targets)} runs, {len(without)} left out"
        assert out[: len(with_targets)] == [
            f"03_targets province={p} lang=en  ->  03_targets/province={p},lang=en/" for p in with_targets
        ]
        assert [r.label for r in select_runs(runs, "Khánh Hòa")][:1] == [
            "01_province_profile province=khanh-hoa lang=vi"
        ]
        with pytest.raises(ValueError, match="matches none"):
            select_runs(runs, "no-such-run")
        assert out[len(with_targets) : -1] == [
            f"03_targets province={p} lang=en  left out: no targets in the data" for p in without
        ]

    def test_grid_leaves_out_the_comparison_without_shared_concepts(self, suite_notebooks, data_copy):
        facts = (data_copy / "indicators.csv").read_text(encoding="utf-8").splitlines()
        only_one = [facts[0]] + [line for line in facts[1:] if line.split(",")[1] == "khanh-hoa"]
        (data_copy / "indicators.csv").write_text("\n".join(only_one) + "\n", encoding="utf-8")
        plan = plan_runs(suite_notebooks, langs="vi", data_dir=data_copy)
        assert {r.name for r in plan.runs} == {
            "01_province_profile",
            "03_targets",
            "04_data_audit",
            "05_national_indices",
        }
        assert [(r.label, why) for r, why in plan.left_out] == [
            (
                "02_comparison provinces=all concepts=all lang=vi",
                "no concept has actual facts for two or more provinces",
            )
        ]
