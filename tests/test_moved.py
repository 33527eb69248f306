"""Old import paths of moved modules (cchc_data._moved) give the modules at their new homes."""

import importlib
import subprocess
import sys

import pytest

from cchc_data import _moved


class TestMovedModules:
    @pytest.mark.parametrize(("old", "new"), sorted(_moved.MOVED.items()))
    def test_old_path_is_the_moved_module(self, old, new):
        module = importlib.import_module(old)
        assert module is importlib.import_module(new)
        assert module.__name__ == new and module.__spec__.name == new  # the alias does not rename the module

    @pytest.mark.parametrize("old", sorted(_moved.MOVED))
    def test_old_path_in_a_fresh_interpreter(self, old):
        """``import cchc_data.<old>`` and ``from <parent> import <old>`` before anything else is imported."""
        parent, leaf = old.rsplit(".", 1)
        code = f"import {old} as a; from {parent} import {leaf} as b; assert a is b, (a, b); print(a.__name__)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == _moved.MOVED[old]

    def test_unknown_name_is_not_found(self):
        with pytest.raises(ModuleNotFoundError, match="cchc_data.plotting_nationals"):
            importlib.import_module("cchc_data.plotting_nationals")

    def test_finder_installed_once(self):
        _moved.install()
        assert sum(isinstance(f, _moved._OldPaths) for f in sys.meta_path) == 1
