"""Notebook parameters: GSO codes as numbers, repeated items merged, figures_dir resolved and checked."""

import os
import time
from pathlib import Path

import pytest

from cchc_data import params


class TestCheckProvinces:
    def test_gso_code_as_a_number_is_accepted(self):
        assert params.check_province(56) == "khanh-hoa"
        assert params.check_provinces([2, "56"]) == ["ha-giang", "khanh-hoa"]
        assert params.check_provinces(56) == ["khanh-hoa"]

    @pytest.mark.parametrize("bad", [True, 5.6, None, ["Khánh Hòa"]])
    def test_province_of_another_type_is_refused(self, bad):
        with pytest.raises(TypeError, match=r"parameter province must be a province name, slug or GSO code"):
            params.check_province(bad)

    def test_repeated_provinces_are_merged_fast(self):
        start = time.perf_counter()
        assert params.check_provinces(["Khánh Hòa"] * 10_000 + ["khanh-hoa", 56, "Hà Giang"]) == [
            "khanh-hoa",
            "ha-giang",
        ]
        assert time.perf_counter() - start < 5  # it took 155 s when each copy was checked


class TestCheckConcepts:
    def test_repeated_concepts_are_merged(self):
        assert params.check_concepts(["digital_certificates"] * 3) == ["digital_certificates"]


class TestCheckFiguresDir:
    def test_default_figures_dir_is_the_checkouts_whatever_the_working_directory(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        root = Path(params.__file__).resolve().parent.parent
        assert params.check_figures_dir(None) == root / "figures"
        assert not (tmp_path / "figures").exists() and not (tmp_path.parent / "figures").exists()

    def test_default_figures_dir_outside_a_checkout_is_the_working_directorys(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(params, "__file__", str(tmp_path / "site-packages" / "cchc_data" / "params.py"))
        assert params.project_figures_dir() == tmp_path / "figures"

    def test_relative_figures_dir_is_made_absolute(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        out = params.check_figures_dir("figs")
        assert out == tmp_path / "figs" and out.is_absolute() and out.is_dir()

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("", r"^parameter figures_dir is empty; give a folder path, or None for the project's figures/ folder$"),
            ("   ", r"^parameter figures_dir is empty"),
            ("/proc/self", r"^cannot use '/proc/self' as the figures folder: .*; give a writable folder$"),
        ],
    )
    def test_bad_figures_dir_is_refused(self, value, message):
        with pytest.raises(ValueError, match=message):
            params.check_figures_dir(value)

    def test_figures_dir_that_is_a_file_is_refused(self, tmp_path):
        (tmp_path / "f").write_text("x")
        with pytest.raises(ValueError, match=r"as the figures folder: it is a file, not a folder$"):
            params.check_figures_dir(tmp_path / "f")

    @pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
    def test_read_only_figures_dir_is_refused(self, tmp_path):
        tmp_path.chmod(0o500)
        try:
            with pytest.raises(ValueError, match="give a writable folder"):
                params.check_figures_dir(tmp_path / "figs")
        finally:
            tmp_path.chmod(0o700)

    def test_figures_dir_of_another_type_is_refused(self):
        with pytest.raises(TypeError, match=r"parameter figures_dir must be a folder path as a string, or None, got 3"):
            params.check_figures_dir(3)
