"""The tests mirror the modules (issue 21 §4): one test file per module, a short list of integration files.

``cchc_data/x.py`` is tested in ``tests/test_x.py``, ``cchc_data/report/runs.py`` in
``tests/test_report_runs.py``; a leading underscore is dropped (``_csvfile.py`` → ``test_csvfile.py``). The
files that test several modules together are listed in :data:`INTEGRATION` (and in ``docs/testing.md``).
"""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cchc_data"
TESTS = ROOT / "tests"

#: Test files that cross modules on purpose, with what they test (keep docs/testing.md in step).
INTEGRATION = {
    "test_benchmarks_synthetic.py": "the benchmark's synthetic data folder loads and validates",
    "test_clients.py": "real client programs: Chromium, LibreOffice, JupyterLab (marked client)",
    "test_corruption.py": "the corruption corpus through every door (validate, load, export, explorer, curate, report)",
    "test_data.py": "the bundled data: the fixes of the second reading hold",
    "test_docs.py": "every public callable has complete numpydoc",
    "test_layout.py": "this file: the tests mirror the modules",
    "test_notebooks.py": "the notebooks run and say what they should (marked slow)",
    "test_packaging.py": "the wheel and the installed package (marked slow)",
}
#: Modules with no test file of their own: the package files only re-export.
NO_TEST_FILE = {"__init__.py", "__main__.py"}


def expected_file(module: Path) -> str:
    """The test file of ``module`` (a path inside ``cchc_data``)."""
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    return "test_" + "_".join(part.lstrip("_") for part in parts) + ".py"


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in NO_TEST_FILE)


def existing_files():
    return sorted(p.name for p in TESTS.glob("test_*.py"))


def test_the_rule_names_the_files_as_the_docs_say():
    assert expected_file(PACKAGE / "numbers.py") == "test_numbers.py"
    assert expected_file(PACKAGE / "_csvfile.py") == "test_csvfile.py"
    assert expected_file(PACKAGE / "report" / "_cache.py") == "test_report_cache.py"
    assert expected_file(PACKAGE / "plotting" / "national.py") == "test_plotting_national.py"


@pytest.mark.parametrize("module", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_has_its_test_file(module):
    assert (TESTS / expected_file(module)).is_file(), f"{module.relative_to(ROOT)} has no {expected_file(module)}"


def test_two_modules_never_share_a_test_file():
    names = [expected_file(m) for m in modules()]
    assert len(names) == len(set(names))


def test_every_test_file_names_a_module_or_is_an_integration_file():
    expected = {expected_file(m) for m in modules()}
    strays = [name for name in existing_files() if name not in expected and name not in INTEGRATION]
    assert not strays, f"{strays}: name each after the module it tests, or add it to INTEGRATION with a reason"
    assert set(INTEGRATION) <= set(existing_files()), "an INTEGRATION entry names a file that does not exist"


def test_integration_files_are_listed_in_the_testing_docs():
    text = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    missing = [name for name in INTEGRATION if name not in text]
    assert not missing, f"docs/testing.md does not list {missing}"


@pytest.mark.parametrize("name", existing_files())
def test_no_test_file_imports_another(name):
    tree = ast.parse((TESTS / name).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    others = sorted(m for m in imported if m.startswith("test_") or m == "conftest")
    assert not others, f"{name} imports {others}: move shared helpers to a helper module (datafolder.py, clients.py …)"


def test_mutmut_runs_test_files_that_exist():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    selection = config["pytest_add_cli_args_test_selection"]
    missing = [path for path in selection if not (ROOT / path).is_file()]
    assert not missing, f"[tool.mutmut] names files that do not exist: {missing}"
    for module in config["only_mutate"]:
        assert f"tests/{expected_file(ROOT / module)}" in selection, f"mutmut does not run the test file of {module}"
