"""Tests of ``cchc_data.report._execute``: one run's execution (parameters checked before a kernel starts; a kernel that dies while starting is retried)."""

import json

import pytest
from report_helpers import write_notebook

from cchc_data.report import Run, run_suite
from cchc_data.report import _execute as execute


def _notebook(path):
    nb = {"cells": [], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


class TestExecuteRun:
    @pytest.mark.parametrize(
        "message", ["Kernel died before replying to kernel_info", "Kernel didn't respond in 60 seconds"]
    )
    @pytest.mark.parametrize(("failures", "status"), [(1, "ok"), (2, "ok"), (3, "failed")])
    def test_a_kernel_that_does_not_start_is_retried(self, tmp_path, monkeypatch, failures, status, message):
        import papermill

        calls = []

        def fake_execute(notebook, output, **kwargs):
            calls.append(kwargs["start_timeout"])
            if len(calls) <= failures:
                raise RuntimeError(message)
            (tmp_path / "run" / "nb.ipynb").write_text((tmp_path / "nb.ipynb").read_text(), encoding="utf-8")

        monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
        result = execute.execute_run(str(_notebook(tmp_path / "nb.ipynb")), str(tmp_path / "run"), {"lang": "en"}, "t")
        assert result["status"] == status
        assert calls == [180] * min(failures + 1, 3)  # a slow start on a busy machine is given three minutes
        if status == "failed":
            assert result["error"] == f"RuntimeError: {message}"

    def test_other_kernel_errors_are_not_retried(self, tmp_path, monkeypatch):
        import papermill

        calls = []

        def fake_execute(notebook, output, **kwargs):
            calls.append(output)
            raise RuntimeError("Kernel died")

        monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
        result = execute.execute_run(str(_notebook(tmp_path / "nb.ipynb")), str(tmp_path / "run"), {"lang": "en"}, "t")
        assert result["status"] == "failed" and len(calls) == 1


class TestCheckDeclared:
    def test_undeclared_parameter_name_is_refused_before_any_kernel(self, tmp_path):
        nb = write_notebook(tmp_path / "nb.ipynb", {"province": "khanh-hoa", "lang": "vi"})
        out = tmp_path / "reports"
        with pytest.raises(
            ValueError,
            match=r"nb province=x lang=vi provnice=y: nb.ipynb declares no parameter 'provnice'; its parameters: lang, province",
        ):
            run_suite([Run(nb, {"province": "x", "lang": "vi", "provnice": "y"})], output_root=out, progress=False)
        assert not list(out.glob(".build-*")) and not list(out.glob("*T*Z"))  # no build left, nothing published


class TestImportPapermill:
    def test_papermill_is_imported_without_the_iri_grammar_which_stays_importable(self):
        import subprocess
        import sys

        code = (
            "import sys\n"
            "from cchc_data.report._execute import import_papermill\n"
            "import_papermill()\n"
            "print('rfc3987_syntax' in sys.modules)\n"
            "import jsonschema\n"
            "print('iri' in jsonschema.FormatChecker.checkers)\n"
            "import rfc3987_syntax\n"  # hidden only while papermill was imported: it imports normally afterwards
            "print(rfc3987_syntax.__name__)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.split() == ["False", "False", "rfc3987_syntax"]

    def test_an_earlier_import_of_jsonschema_is_left_as_it_is(self):
        import subprocess
        import sys

        code = (
            "import sys, jsonschema\n"
            "from cchc_data.report._execute import import_papermill\n"
            "import_papermill()\n"
            "print('iri' in jsonschema.FormatChecker.checkers)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.split() == ["True"]
