"""The version of the installed package, in a module of its own so that no module imports the package.

Modules inside ``cchc_data`` take ``__version__`` from here, never from ``cchc_data/__init__.py``.

Examples
--------
>>> from cchc_data._version import __version__
>>> __version__.count(".") >= 1 or __version__ == "0+unknown"
True
"""

from importlib.metadata import PackageNotFoundError, version

try:  # one source of truth: pyproject.toml, as installed
    __version__ = version("cchc-analysis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
