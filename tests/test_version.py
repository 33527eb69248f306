"""Tests of ``cchc_data._version``: one version, read from the installed metadata."""


class TestVersion:
    def test_version_comes_from_the_installed_metadata(self):
        import tomllib
        from pathlib import Path

        import cchc_data

        pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
        assert cchc_data.__version__ == pyproject["project"]["version"]
