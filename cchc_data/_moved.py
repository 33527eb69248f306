"""The old import paths of modules that moved, as aliases of the modules at their new homes.

``import cchc_data.plotting_national`` gives the module :mod:`cchc_data.plotting.national` itself (the
same object, so a monkeypatch or an ``isinstance`` sees one module). The aliases are an import hook
rather than files at the old paths, so that git follows each move as a rename: a branch that edited
the old file has its edits carried to the new one when it merges.

Examples
--------
>>> import cchc_data.plotting_national, cchc_data.plotting.national
>>> cchc_data.plotting_national is cchc_data.plotting.national
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

#: Old module name -> the module's home now.
MOVED = {
    "cchc_data.plotting_national": "cchc_data.plotting.national",
    "cchc_data.extract": "cchc_data.curation.extract",
    "cchc_data.curate": "cchc_data.curation.curate",
    "cchc_data.report.suite": "cchc_data.report._suite",
    "cchc_data.report.execute": "cchc_data.report._execute",
    "cchc_data.report.cache": "cchc_data.report._cache",
}


class _OldPaths(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old module name and loads it as the module at its new home."""

    def __init__(self) -> None:
        self._specs: dict[str, object] = {}

    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name in MOVED else None

    def create_module(self, spec):
        module = importlib.import_module(MOVED[spec.name])
        self._specs[module.__name__] = module.__spec__  # the import system sets the alias's spec on it
        return module

    def exec_module(self, module) -> None:
        module.__spec__ = self._specs.pop(module.__name__)  # the module keeps its own spec and name


def install() -> None:
    """Put the alias finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _OldPaths) for f in sys.meta_path):
        sys.meta_path.append(_OldPaths())


install()
