"""Tests of ``cchc_data.report.pdf`` that need no browser: which Chromium, which pages, which PDFs are fresh.

Printing itself (Chromium through Playwright) is tested with the real program in ``test_clients.py``.
"""

import json
import os
import sys

import pytest

from cchc_data.report.pdf import CHROMIUM_NAMES, chromium_path, write_pdfs


def program(folder, name):
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


class TestChromiumPath:
    def test_cchc_chromium_wins(self, monkeypatch):
        monkeypatch.setenv("CCHC_CHROMIUM", sys.executable)
        assert chromium_path() == sys.executable

    def test_cchc_chromium_that_is_not_a_program_is_named(self, monkeypatch, tmp_path):
        monkeypatch.setenv("CCHC_CHROMIUM", str(tmp_path / "nothing"))
        with pytest.raises(RuntimeError, match=r"^CCHC_CHROMIUM is '.*nothing', which is not a program; unset it"):
            chromium_path()

    def test_the_first_of_the_known_names_on_the_path(self, monkeypatch, tmp_path):
        monkeypatch.delenv("CCHC_CHROMIUM", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))
        later = program(tmp_path, CHROMIUM_NAMES[-1])
        assert chromium_path() == str(later)
        first = program(tmp_path, CHROMIUM_NAMES[0])
        assert chromium_path() == str(first)

    def test_none_installed_says_how_to_install_one(self, monkeypatch, tmp_path):
        monkeypatch.delenv("CCHC_CHROMIUM", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))
        with pytest.raises(RuntimeError, match=r"needs Chromium, which is not installed: install it with `apt-get"):
            chromium_path()


class TestWritePdfs:
    @pytest.fixture
    def suite(self, tmp_path):
        """A suite folder whose manifest lists two pages, a CSV and a page that is missing."""
        for name in ("kh/vi/profile.html", "kh/en/profile.html"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("<html></html>")
        runs = [{"files": ["kh/vi/profile.html", "kh/vi/data.csv"]}, {"files": ["kh/en/profile.html", "gone.html"]}]
        (tmp_path / "manifest.json").write_text(json.dumps({"runs": runs}), encoding="utf-8")
        return tmp_path

    def test_fresh_pdfs_are_kept_and_returned_in_the_manifests_order(self, suite, monkeypatch):
        monkeypatch.setenv("CCHC_CHROMIUM", sys.executable)  # found, never started: nothing to print
        for page in ("kh/vi/profile", "kh/en/profile"):
            pdf = suite / f"{page}.pdf"
            pdf.write_bytes(b"%PDF-1.4 old")
            html = suite / f"{page}.html"
            os.utime(html, (pdf.stat().st_mtime - 10, pdf.stat().st_mtime - 10))
        assert write_pdfs(suite) == [suite / "kh/vi/profile.pdf", suite / "kh/en/profile.pdf"]
        assert (suite / "kh/vi/profile.pdf").read_bytes() == b"%PDF-1.4 old"

    def test_only_the_pages_asked_for(self, suite, monkeypatch):
        monkeypatch.setenv("CCHC_CHROMIUM", sys.executable)
        page = suite / "kh/en/profile.html"
        (suite / "kh/en/profile.pdf").write_bytes(b"%PDF")
        os.utime(page, (0, 0))
        assert write_pdfs(suite, pages=[page]) == [suite / "kh/en/profile.pdf"]

    def test_without_chromium_nothing_is_written(self, suite, monkeypatch, tmp_path):
        monkeypatch.delenv("CCHC_CHROMIUM", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
        with pytest.raises(RuntimeError, match="needs Chromium"):
            write_pdfs(suite)
        assert not list(suite.rglob("*.pdf"))
