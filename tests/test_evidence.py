"""Every evidence fragment occurs verbatim in its source text (needs the texts: CCHC_SOURCES_DIR)."""

import os

import pytest

import cchc_data as cd

SOURCES = os.environ.get("CCHC_SOURCES_DIR")

if not SOURCES:
    if os.environ.get("CI"):
        pytest.fail("CI must run the evidence test: set CCHC_SOURCES_DIR to the folder of source texts", pytrace=False)
    pytest.skip(
        "CCHC_SOURCES_DIR is not set: point it at the folder of source texts (CI uses ../shared/seeds)",
        allow_module_level=True,
    )


def test_every_evidence_fragment_is_in_its_source():
    problems = cd.verify_evidence(SOURCES)
    assert not problems, "\n".join(map(str, problems))


def test_every_source_text_is_present():
    for name in cd.sources()["text_file"]:
        assert os.path.isfile(os.path.join(SOURCES, name)), name


def test_a_tampered_fragment_is_caught(data_copy):
    path = data_copy / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    first = cd.load_indicators().at[0, "evidence"]
    path.write_text(text.replace(first, first + " (bịa)", 1), encoding="utf-8")
    problems = cd.verify_evidence(SOURCES, data_dir=data_copy)
    assert len(problems) == 1 and "does not occur in" in problems[0].message
