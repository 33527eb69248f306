"""The notebooks: structure, papermill runs with non-default parameters, and bad parameters."""

import json
import re
from pathlib import Path

import nbformat
import pytest

import cchc_data as cd
from cchc_data import analysis

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# one typed parameter per line with a comment; an optional one is annotated "Optional[str]" (a string, so the
# cell needs no import), which papermill's --help-notebook reads where it cannot read `str | None`
PARAM_LINE = re.compile(r'^(\w+): (str|list|int|float|bool|"Optional\[str\]") = .+  # \S.*$')
LANG_TAGS = {"lang-vi", "lang-en"}
FIGURES_DIR = 'figures_dir: "Optional[str]" = None  # folder for charts; None: the project\'s figures/ folder'


EXPLORER = "00_explore"  # the interactive explorer: needs a kernel, writes no figures, not in the report suite


def test_the_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == [
        EXPLORER,
        "01_province_profile",
        "02_comparison",
        "03_targets",
        "04_data_audit",
        "05_national_indices",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_structure(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert tagged == [code[0]], "the first code cell, and only it, is tagged parameters"
    lines = [ln for ln in code[0].source.splitlines() if ln.strip()]
    assert lines and all(PARAM_LINE.match(ln) for ln in lines), lines
    names = [PARAM_LINE.match(ln).group(1) for ln in lines]
    assert "lang" in names and ("figures_dir" in names or path.stem == EXPLORER)
    # the next cell validates every parameter through the library
    for name in names:
        assert re.search(rf"^{name} = params\.check_\w+\({name}\)$", code[1].source, re.M), name
    for cell in code:
        assert not re.search(r"^\s*(def|class|lambda)\b", cell.source, re.M), "no definitions in notebooks"
        if cell.metadata.get("keep_output"):  # the few cells nbval compares keep their expected output
            assert cell.source.startswith("# NBVAL_CHECK_OUTPUT") and cell.outputs
            assert "remove-from-page" in cell.metadata.get("tags", []), "nbval checks stay out of published pages"
        else:
            assert not cell.outputs and cell.execution_count is None, "commit notebooks without outputs (nbstripout)"
    assert FIGURES_DIR in code[0].source.splitlines() or path.stem == EXPLORER


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_narrative_is_written_once_per_language(path):
    """Every markdown cell is tagged lang-vi or lang-en, in vi/en pairs, so each page is in one language."""
    if path.stem == EXPLORER:
        pytest.skip("the explorer is a live app whose controls switch language; its short intro is in both")
    nb = nbformat.read(path, as_version=4)
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    tags = [set(c.metadata.get("tags", [])) & LANG_TAGS for c in markdown]
    assert all(len(t) == 1 for t in tags), "each markdown cell has exactly one language tag"
    assert [t.pop() for t in tags] == ["lang-vi", "lang-en"] * (len(markdown) // 2)
    for vi, en in zip(markdown[::2], markdown[1::2], strict=True):
        assert vi.source.count("#") == en.source.count("#"), (vi.source[:40], en.source[:40])
        assert not re.search(r"\b(the|and|of|with)\b", vi.source.replace("`", "")), vi.source[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_stripped(path, tmp_path):
    """`make strip` (nbstripout, then the execution count nbval needs on checked cells) changes nothing."""
    import notebook_hygiene

    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    notebook_hygiene.main([str(copy)])
    assert copy.read_bytes() == path.read_bytes(), f"run `make strip` on {path.name} before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_documents_every_parameter(path):
    import papermill

    inspected = papermill.inspect_notebook(str(path))
    nb = nbformat.read(path, as_version=4)
    tagged = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    lines = [ln for ln in tagged.source.splitlines() if ln.strip()]
    declared = [PARAM_LINE.match(ln).group(1) for ln in lines]
    assert list(inspected) == declared, "papermill --help-notebook documents every parameter"
    for name, spec in inspected.items():
        assert spec["help"], f"{name} has a help comment"
        assert spec["inferred_type_name"] in {"str", "list", "int", "float", "bool", "Optional[str]"}


def _run(tmp_path, name, **parameters):
    import papermill

    out = tmp_path / f"{name}-out.ipynb"
    parameters.setdefault("figures_dir", str(tmp_path / "figures"))
    papermill.execute_notebook(
        str(ROOT / "notebooks" / f"{name}.ipynb"),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    return nbformat.read(out, as_version=4), Path(parameters["figures_dir"])


def _page_text(nb) -> str:
    """What the published page shows: the outputs of cells not tagged remove-from-page."""
    chunks = []
    for cell in nb.cells:
        if "remove-from-page" in cell.metadata.get("tags", []):
            continue
        for o in cell.get("outputs", []):
            chunks.append(o.get("text", ""))
            chunks.append(json.dumps(o.get("data", {}).get("text/html", ""), ensure_ascii=False))
    return re.sub(r"data:image/\w+;base64,[A-Za-z0-9+/=]+", "", "\n".join(chunks))  # not the embedded charts


def _text(nb) -> str:
    chunks = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            chunks.append(o.get("text", ""))
            chunks.append(json.dumps(o.get("data", {}).get("text/plain", ""), ensure_ascii=False))
            chunks.append(o.get("data", {}).get("text/html", ""))
            chunks.append(o.get("evalue", ""))
    return "\n".join(chunks)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("notebook", "parameters"),
    [
        # every province with data, in both languages, written the ways users type them
        *[
            (notebook, {"province": province, "lang": lang})
            for notebook in ("01_province_profile", "03_targets")
            for province in ("Khánh Hoà", "02", "dak-lak")
            for lang in ("vi", "en")
        ],
        ("02_comparison", {"provinces": ["Khánh Hòa", "Hà Giang"], "concepts": ["digital_certificates"], "lang": "en"}),
        ("04_data_audit", {"lang": "en"}),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(f"{k}={v}" for k, v in v.items()),
)
def test_notebook_runs_with_parameters(tmp_path, notebook, parameters):
    nb, figures = _run(tmp_path, notebook, **parameters)
    # papermill raises on a cell error, so assert what ran instead: every code cell, in order, with output
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    every_png = sorted(p.name for p in figures.glob("*.png"))
    phones = [p for p in every_png if p.endswith("-phone.png")]  # a phone rendering (PNG only) beside a chart
    pngs = [p for p in every_png if p not in phones]
    svgs = sorted(p.name for p in figures.glob("*.svg"))
    assert [p[:-4] for p in pngs] == [s[:-4] for s in svgs]
    assert all(p.removesuffix("-phone.png") + ".png" in pngs for p in phones), phones
    no_targets = notebook == "03_targets" and analysis.progress_to_target(parameters["province"]).empty
    assert bool(pngs) != no_targets, "a chart for every report, except targets of a province without any"
    lang = parameters["lang"]
    assert all(p.endswith(f"-{lang}.png") for p in pngs), pngs
    text = _text(nb)
    for raw in ("NaN", "Series(", "dtype:", "<NA>"):
        assert raw not in _page_text(nb), raw
    if notebook == "02_comparison":
        label = cd.concepts().set_index("concept").at["digital_certificates", "label_en"]
        assert f"Comparing Khánh Hòa, Hà Giang on: {label}." in text
        assert "compare-digital-certificates-en.png" in pngs
    if notebook == "04_data_audit":
        assert "valid: True | 0 errors" in text
        assert "Data version 0.1.0 is valid: 0 errors" in text
    if notebook == "03_targets" and parameters["province"] == "dak-lak":  # an empty report says so
        assert {
            "en": "No targets are recorded for Đắk Lắk in the sources collected.",
            "vi": "Các nguồn đã thu thập không ghi nhận mục tiêu nào của Đắk Lắk.",
        }[lang] in text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("notebook", "parameters", "message"),
    [
        ("01_province_profile", {"province": "Atlantis"}, "'Atlantis' is not a known province"),
        ("01_province_profile", {"province": "Tuyên Quang"}, "has no curated data yet; provinces with data"),
        ("03_targets", {"province": 12.5}, "parameter province must be a province name"),
        ("04_data_audit", {"lang": "fr"}, "'fr' is not a supported language; use 'vi' or 'en'"),
        ("02_comparison", {"concepts": ["fibre"]}, "'fibre' is not a known concept"),
        (
            "01_province_profile",
            {"province": 'x"); import pathlib; pathlib.Path("PWNED").touch() #'},
            "is not a known province",
        ),
    ],
    ids=["unknown-province", "no-data", "wrong-type", "bad-lang", "unknown-concept", "code-in-value"],
)
def test_bad_parameters_stop_with_a_clear_error(tmp_path, notebook, parameters, message):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as info:
        _run(tmp_path, notebook, **parameters)
    assert message in str(info.value.evalue)
    assert info.value.exec_count == 3, "the validation cell (after parameters and injected parameters) stops the run"
    assert not (ROOT / "notebooks" / "PWNED").exists() and not Path("PWNED").exists()
