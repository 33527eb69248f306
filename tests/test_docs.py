"""Every public callable of the documented modules has complete numpydoc with an example that shows a value."""

import importlib
import inspect
import re

import pytest

MODULES = [
    "indicators", "vocabularies", "province_registry", "numbers", "periods", "analysis", "validation", "schema", "datadir",
    "export", "national", "plotting", "plotting.province", "plotting.national", "plotting.files", "curation.extract",
    "curation.curate", "explorer", "params", "i18n", "tables",
    "report", "report.pages", "report.runs", "report.runner",
]  # fmt: skip


def _public_callables():
    for name in MODULES:
        module = importlib.import_module(f"cchc_data.{name}")
        for attr in module.__all__:
            obj = getattr(module, attr)
            if callable(obj):
                yield pytest.param(obj, id=f"{name}.{attr}")


def _sections(doc: str) -> dict[str, str]:
    """Numpydoc sections of a docstring: title -> body."""
    parts = re.split(r"^(\w[\w ]*)\n-{3,}$", doc, flags=re.MULTILINE)
    return {title: body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def _parameters(obj) -> list[str]:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    skip = {"self", "cls"}
    return [p.name for p in signature.parameters.values() if p.name not in skip and p.kind is not p.VAR_KEYWORD]


def _with_default(obj) -> list[str]:
    return [p.name for p in inspect.signature(obj).parameters.values() if p.default is not p.empty]


def _entry_headers(parameters: str):
    """(name, header line) for each entry of a Parameters section (``a, b : int`` gives two)."""
    for line in parameters.splitlines():
        match = re.match(r"^(\w+(?:, \w+)*) ?:(.*)$", line)
        if match:
            for name in match[1].split(", "):
                yield name, match[2]


@pytest.mark.parametrize("obj", list(_public_callables()))
def test_public_callable_has_complete_numpydoc(obj):
    doc = inspect.getdoc(obj)
    assert doc, f"{obj.__qualname__} has no docstring"
    sections = _sections(doc)
    assert "{" + "data_dir}" not in doc, "a shared description was not filled (missing @share_docs?)"
    params = _parameters(obj)
    if params:
        assert "Parameters" in sections, f"{obj.__qualname__}: no Parameters section for {params}"
        documented = set(re.findall(r"^(\w+(?:, \w+)*) ?:", sections["Parameters"], flags=re.MULTILINE))
        names = {n for entry in documented for n in entry.split(", ")}
        missing = [p for p in params if p not in names]
        assert not missing, f"{obj.__qualname__}: parameters not documented: {missing}"
        headers = dict(_entry_headers(sections["Parameters"]))
        no_default = [p for p in _with_default(obj) if not re.search(r"optional|default", headers.get(p, ""))]
        assert not no_default, f"{obj.__qualname__}: say the default (``optional`` or ``default …``) of {no_default}"
    if not inspect.isclass(obj) or not issubclass(obj, BaseException):
        if not inspect.isclass(obj):
            assert "Returns" in sections or "Yields" in sections, f"{obj.__qualname__}: no Returns section"
    assert "Examples" in sections, f"{obj.__qualname__}: no Examples section"
    outputs = [
        line.strip()
        for line in sections["Examples"].splitlines()
        if line.strip() and not line.lstrip().startswith((">>>", "..."))
    ]
    assert any(out not in {"True", "False"} for out in outputs), (
        f"{obj.__qualname__}: the examples show no value (only True/False or nothing)"
    )
