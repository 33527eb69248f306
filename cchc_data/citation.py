"""How to cite the dataset and its charts: read from ``CITATION.cff``, in the page's language and as BibTeX."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import i18n

__all__ = ["citation_file", "dataset_citation", "bibtex", "chart_citation"]


def citation_file() -> Path:
    """The project's ``CITATION.cff``: inside the installed package, else at the repository's root.

    Returns
    -------
    pathlib.Path
        The file's path.

    Raises
    ------
    FileNotFoundError
        If neither place has one (the message names both).

    Examples
    --------
    >>> citation_file().name
    'CITATION.cff'
    """
    here = Path(__file__).resolve().parent
    for path in (here / "CITATION.cff", here.parent / "CITATION.cff"):
        if path.is_file():
            return path
    raise FileNotFoundError(f"no CITATION.cff in {here} or {here.parent}; reinstall the package")


@cache
def _cff() -> dict:
    import yaml  # PyYAML comes with papermill, a dependency

    return yaml.safe_load(citation_file().read_text(encoding="utf-8"))


def _authors(cff: dict) -> list[str]:
    names = []
    for a in cff.get("authors", []):
        name = a.get("name") or " ".join(p for p in (a.get("given-names"), a.get("family-names")) if p)
        names.append(name)
    return names


def dataset_citation(lang: str) -> str:
    """The dataset's citation in ``lang``: authors, title, version, date released, data version.

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of the words around the names, in any case.

    Returns
    -------
    str
        One line of text.

    Examples
    --------
    >>> dataset_citation("en").startswith("cchc-analysis contributors, cchc-analysis: source-cited")
    True
    """
    from .datadir import data_version
    from .tables import _date

    lang = i18n.check_lang(lang)
    cff = _cff()
    return i18n.t(
        "dataset_citation",
        lang,
        authors="; ".join(_authors(cff)),
        title=cff["title"],
        version=cff.get("version", ""),
        date=_date(cff.get("date-released", ""), lang) or str(cff.get("date-released", "")),  # as readers write it
        data_version=data_version(),
    )


def bibtex() -> str:
    """The dataset's BibTeX entry, from ``CITATION.cff`` and the data version.

    Returns
    -------
    str
        A ``@misc`` entry.

    Examples
    --------
    >>> print(bibtex().splitlines()[0])
    @misc{cchc_analysis_0_1_0,
    """
    from .datadir import data_version

    cff = _cff()
    version = str(cff.get("version", ""))
    year = str(cff.get("date-released", ""))[:4]
    key = "cchc_analysis_" + version.replace(".", "_")
    authors = " and ".join("{" + a + "}" for a in _authors(cff))
    fields = {
        "author": authors,
        "title": "{" + cff["title"] + "}",
        "year": year,
        "version": version,
        "note": f"Data version {data_version()}; software {cff.get('license', '')}, data CC BY 4.0",
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{key},\n{body}\n}}"


def chart_citation(title: str, name: str, number: int, lang: str) -> str:
    """ "Cite this chart": its title, its place in the suite (chart ``number`` of the page, file ``name``), the
    data version.

    Parameters
    ----------
    title : str
        The chart's title as drawn.
    name : str
        The chart's file name without extension (where it sits among the suite's figures).
    number : int
        The chart's number on its page (1 for the first).
    lang : {"vi", "en"}
        Language of the sentence, in any case.

    Returns
    -------
    str
        One sentence.

    Examples
    --------
    >>> chart_citation("Official e-mail accounts", "compare-official_email_accounts-en", 2, "en")[:60]
    'Cite this chart: “Official e-mail accounts”, chart 2 of this'
    """
    from .datadir import data_version

    lang = i18n.check_lang(lang)
    return i18n.t("chart_citation", lang, title=title, number=number, name=name, data_version=data_version())
