"""Packaging: declared dependencies agree, the wheel carries the data, the README example runs."""

import ast
import contextlib
import io
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(req: str) -> str:
    return re.sub(r"\s+", "", req.strip().lower())


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r): _spec(r) for r in project["dependencies"]}
    conda = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:\n", 1)[1].splitlines():
        m = re.match(r"^  - ([A-Za-z][^:#]*?)\s*$", line)
        if m and _name(m.group(1)) not in {"python", "pip"}:
            conda[_name(m.group(1))] = _spec(m.group(1))
    assert conda == declared


def test_lock_pins_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {_name(line) for line in lock.splitlines() if "==" in line and not line.startswith("#")}
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    assert wanted <= pinned, wanted - pinned


def test_readme_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(import cchc_data as cd\n.*?)```", readme, re.S)
    assert block, "README must show the three-line example"
    lines = [ln for ln in block.group(1).splitlines() if ln.strip()]
    assert len(lines) <= 3
    namespace = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    df = namespace["df"]
    assert set(df["province"]) == {"ha-giang"} and len(df) > 20


def test_readme_examples_print_what_the_readme_shows():
    """Each ```python block followed by a bare ``` block prints exactly that block (one namespace, in order)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pairs = re.findall(r"```python\n(.*?)```\n\n```\n(.*?)```", readme, re.S)
    assert len(pairs) >= 3, "README must show three API examples with their output"
    namespace = {}
    for code, shown in pairs:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), namespace)
        assert out.getvalue() == shown, f"README example prints something else now:\n{code}"


def test_readme_is_a_front_door_with_its_reference_in_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 12_000
    for link in re.findall(r"\]\(((?:docs|data|benchmarks)/[^)#]+)", readme):
        assert (ROOT / link).is_file(), f"README links {link}, which does not exist"
    for doc in (ROOT / "docs").glob("*.md"):
        for link in re.findall(r"\]\((?![a-z]+:)([^)#]+)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / link).exists(), f"{doc.name} links {link}, which does not exist"


@pytest.mark.slow
def test_wheel_install_ships_the_data(tmp_path):
    """Build the wheel, install it (no deps) in a fresh venv that borrows this venv's libraries, load data and words."""
    dist = tmp_path / "dist"
    from hatchling.builders.wheel import WheelBuilder

    wheel = Path(next(WheelBuilder(str(ROOT)).build(directory=str(dist), versions=["standard"])))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # unpack the wheel into the new venv (what an installer does for a pure-Python wheel)
    import zipfile

    zipfile.ZipFile(wheel).extractall(site)
    # borrow this environment's third-party libraries, after the venv's own site-packages
    Path(site, "zz_borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    code = (
        "import cchc_data as cd, pathlib, sys;"
        "p = pathlib.Path(cd.__file__).resolve();"
        f"assert str(p).startswith({str(venv.resolve())!r}), p;"
        "assert cd.data_dir() == (p.parent / 'data'), cd.data_dir();"
        "df = cd.load_indicators(province='Khánh Hòa');"
        "from cchc_data.citation import citation_file, bibtex;"
        "assert citation_file() == p.parent / 'CITATION.cff' and bibtex().startswith('@misc');"
        "from cchc_data import i18n;"
        "assert i18n.STRINGS_FILE == p.parent / 'strings.csv', i18n.STRINGS_FILE;"
        "assert i18n.t('value.kind.target', 'vi') == 'mục tiêu';"
        "print(len(df), cd.validate().ok)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"CCHC_DATA_DIR", "PYTHONPATH"}}
    out = subprocess.run([py, "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path, env=env)
    n, ok = out.stdout.split()
    assert int(n) > 100 and ok == "True"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(command):
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed in this environment (it comes with the test extra)")
    out = subprocess.run([ruff, *command, "cchc_data", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_module_names_do_not_hide_the_functions_re_exported_by_the_package():
    """`import cchc_data.<module> as m` gives the module; no module shares a name with a re-exported function."""
    import importlib
    import pkgutil
    import types

    import cchc_data

    for info in pkgutil.iter_modules(cchc_data.__path__):
        if info.name == "__main__":  # runs the command line
            continue
        module = importlib.import_module(f"cchc_data.{info.name}")
        assert isinstance(module, types.ModuleType)
        if info.name in cchc_data.__all__:
            assert isinstance(getattr(cchc_data, info.name), types.ModuleType), info.name
    import cchc_data.province_registry as registry

    assert isinstance(registry, types.ModuleType) and callable(cchc_data.provinces)


def test_no_module_of_the_package_imports_from_its_init():
    """Modules take what they need from the module that defines it (``_version``, ``validation``…), never from
    ``cchc_data/__init__.py``: ``from . import i18n`` (a submodule) is fine, ``from . import __version__`` is not."""
    package = ROOT / "cchc_data"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path == package / "__init__.py":
            continue
        inner = path.relative_to(package).parts[:-1]  # the sub-package the module is in
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                offenders += [f"{path.name}: import {a.name}" for a in node.names if a.name == "cchc_data"]
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0 and node.module != "cchc_data":
                    continue
                if node.level and (node.module is not None or node.level != len(inner) + 1):
                    continue  # from .x import y, or from . import y inside a sub-package
                for alias in node.names:
                    name = alias.name
                    if not ((package / f"{name}.py").exists() or (package / name / "__init__.py").exists()):
                        offenders.append(
                            f"{path.relative_to(package)}: from {'.' * node.level or 'cchc_data'} import {name}"
                        )
    assert not offenders, "import from the defining module instead: " + "; ".join(offenders)
