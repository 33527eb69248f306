"""An interactive explorer of the facts for JupyterLab and Voilà: ipywidgets controls over analysis and plotting.

A thin layer: the controls choose provinces, a domain, a concept or an indicator, the kind, the period and
the language; the numbers come from :mod:`cchc_data.analysis` (``compare`` when a concept is chosen, the
tidy facts otherwise) and the charts from :mod:`cchc_data.plotting`. Every control is an attribute of
:class:`Explorer`, so a test (or a user) can read and set it from Python; what the table shows is
:attr:`Explorer.view`, which is also what "download this view" writes.

Examples
--------
>>> ex = explore(lang="en")
>>> ex.provinces = ["Hà Giang", "khanh hoa"]
>>> ex.item.value = "concept:official_email_accounts"
>>> ex.view[["province", "period", "value", "qualifier"]].values.tolist()
[['ha-giang', '2017', 14000.0, 'more_than'], ['khanh-hoa', '2019', 4600.0, 'none']]
>>> ex.chart_titles
['Official e-mail accounts']
"""

from __future__ import annotations

import base64
import contextlib
import difflib
import html
import io
import re
import warnings
from functools import partial

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from . import analysis, i18n, params, plotting, tables
from ._docstrings import share_docs_in
from ._text import fold
from .datadir import DataWarning
from .indicators import load_indicators, provinces_with_data, sources
from .periods import parse_period
from .plotting._furniture import _as_written
from .province_registry import provinces as registry
from .province_registry import resolve_province
from .validation import data_warning
from .vocabularies import catalog, concepts, domains, search

__all__ = ["explore", "Explorer"]

_KINDS = ("actual", "target", "both")
#: The controls' labels: control name → key in the strings catalogue.
_LABEL_KEYS = {
    "title": "explorer.title",
    "intro": "explorer.intro",
    "language": "explorer.language",
    "provinces": "provinces",
    "domain": "explorer.domain",
    "search": "explorer.search",
    "item": "explorer.item",
    "kind": "explorer.kind",
    "period": "column.period",
}
_MAX_CHARTS = 4  # one chart per province in the per-province views; more would bury the table
_CACHED_CHARTS = 32  # rendered charts kept per explorer, so going back to a view does not redraw it

_CSS = """<style>
.cchc-x table {border-collapse: collapse; font-size: 12.5px; width: 100%;}
.cchc-x th, .cchc-x td {border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top;}
.cchc-x th {background: #f3f3f3; position: sticky; top: 0;}
.cchc-x td.num {text-align: right; white-space: nowrap;}
.cchc-x td.source {min-width: 14em;} .cchc-x td.evidence {min-width: 16em; font-style: italic; color: #333;}
.cchc-x .gloss {color: #666; font-size: 11.5px; font-style: normal;} .cchc-x .table-note {color: #666;}
.cchc-table .widget-html-content, .cchc-notes .widget-html-content, .cchc-message .widget-html-content {
  line-height: 1.4;}
.cchc-x tr.target td {background: #fff8dc;}
.cchc-x tr.flagged td:first-child {border-left: 4px solid #c0392b;}
.cchc-x .muted {color: #666; font-size: 11.5px;}
.cchc-x .error {color: #a61b1b; background: #fdecea; padding: 6px 8px; border-left: 4px solid #a61b1b;}
.cchc-x .notice {color: #444; background: #eef3fb; padding: 6px 8px; border-left: 4px solid #4a78c2;}
</style>"""


def _period_key(label: str):
    p = parse_period(label)
    return (p.start, p.end)


class _Notice(Exception):
    """Not an error: the selection is empty or incomplete; shown as a notice in the app."""


class Explorer:
    """The explorer's widgets, its current view and the code that keeps them in step.

    Controls (ipywidgets, read and set them from Python): :attr:`lang`, :attr:`province_checks` (one
    checkbox per province with data, by slug) and :attr:`province_text` (names as people type them,
    comma-separated, resolved by :func:`cchc_data.resolve_province`), :attr:`domain`, :attr:`search`
    (the catalog's diacritic-insensitive search), :attr:`item` (``""``, ``"concept:<code>"`` or
    ``"indicator:<code>"``), :attr:`kind` (``"actual"``, ``"target"``, ``"both"``) and :attr:`period`.

    Outputs: :attr:`message` (errors and notices), :attr:`charts` (a box of PNG images),
    :attr:`notes` (comparability notes), :attr:`table` and :attr:`download` (HTML widgets).

    State after each change: :attr:`view` (the rows and columns of the table, as numbers), :attr:`chart_data`
    (the analysis frame each chart drew), :attr:`chart_titles`, :attr:`error` (the message shown, or ``""``).

    Parameters
    ----------
    lang : {"vi", "en"}, default "vi"
        The language of the controls, the charts and the table (switchable in the app).
    {data_dir}

    See Also
    --------
    explore : Make one (the usual way in a notebook).

    Examples
    --------
    >>> ex = Explorer(lang="en")
    >>> sorted(ex.province_checks)
    ['dak-lak', 'ha-giang', 'khanh-hoa']
    >>> ex.provinces = ["Hà Giang"]
    >>> ex.kind.value = "target"
    >>> ex.error
    ''
    """

    def __init__(self, *, lang="vi", data_dir=None):
        lang = params.check_lang(lang)
        self.data_dir = data_dir
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataWarning)  # shown in the app instead, in every language
            self._facts = load_indicators(data_dir=data_dir)
        #: The validation errors of the data (``""`` when it validates), shown above the controls.
        self.data_warning = data_warning(data_dir)
        self._catalog = catalog(data_dir=data_dir).set_index("indicator")
        self._concepts = concepts(data_dir=data_dir).set_index("concept")
        self._domains = domains(data_dir=data_dir)
        self._sources = sources(data_dir=data_dir).set_index("source_id")
        reg = registry(data_dir=data_dir).set_index("slug")
        with_data = sorted(provinces_with_data(data_dir=data_dir), key=lambda s: reg.at[s, "name_ascii"])
        self._names = {slug: reg.at[slug, "name_vi"] for slug in with_data}
        self._registry = reg
        self._busy = False
        self._drawn: dict[tuple, tuple[str, bytes, pd.DataFrame | None]] = {}

        layout = w.Layout(width="auto")
        self.lang = w.ToggleButtons(options=[(i18n.t("language_name", code), code) for code in i18n.LANGS], value=lang)
        self.province_checks = {
            slug: w.Checkbox(value=False, description=name, indent=False, layout=w.Layout(width="auto"))
            for slug, name in self._names.items()
        }
        self.province_text = w.Text(continuous_update=False, layout=w.Layout(width="100%", max_width="32em"))
        self.domain = w.Dropdown(layout=layout)
        self.search = w.Text(continuous_update=False, layout=w.Layout(width="100%", max_width="22em"))
        self.item = w.Dropdown(layout=w.Layout(width="100%", max_width="44em"))  # no wider than a phone's screen
        self.kind = w.ToggleButtons()
        self.period = w.Dropdown(layout=layout)
        self.message = w.HTML()
        self.data_notice = w.HTML()
        self.charts = w.VBox(layout=w.Layout(max_height="480px", overflow="auto"))
        self.notes = w.HTML()
        self.table = w.HTML(layout=w.Layout(max_height="560px", overflow="auto"))
        self.download = w.HTML()
        self._labels = {key: w.HTML() for key in _LABEL_KEYS}

        self.view = pd.DataFrame()
        self.chart_data: list[pd.DataFrame] = []
        self.chart_titles: list[str] = []
        self.error = ""
        self._mode = "facts"

        first = max(with_data, key=lambda s: int((self._facts["province"] == s).sum()))
        self.province_checks[first].value = True
        self._set_options(self.kind, self._kind_options(lang), "actual")
        self.domain.options = [("", "")]
        self.item.options = [("", "")]
        self.period.options = [("", "all")]
        for name in ("lang", "province_text", "domain", "search", "item", "kind", "period", "message", "charts",
                     "notes", "table", "download"):  # fmt: skip
            getattr(self, name).add_class(f"cchc-{name.replace('_', '-')}")  # stable hooks for CSS and browser tests
        for slug, box in self.province_checks.items():
            box.add_class(f"cchc-province-{slug}")
        self.widget = self._layout()
        for control in (self.lang, self.domain, self.item, self.kind, self.period, *self.province_checks.values()):
            control.observe(self._changed, names="value")
        self.province_text.observe(self._typed_provinces, names="value")
        self.search.observe(self._changed, names="value")
        self.refresh()

    # --- layout and display ---------------------------------------------------------------------

    def _layout(self) -> w.VBox:
        row = w.Layout(align_items="center", flex_flow="row wrap", grid_gap="4px 12px")
        lb = self._labels
        checks = w.HBox(list(self.province_checks.values()), layout=row)
        controls = w.VBox(
            [
                w.HBox([lb["language"], self.lang], layout=row),
                w.HBox([lb["provinces"], checks], layout=row),
                self.province_text,
                w.HBox([lb["domain"], self.domain, lb["search"], self.search], layout=row),
                w.HBox([lb["item"], self.item], layout=row),
                w.HBox([lb["kind"], self.kind, lb["period"], self.period], layout=row),
            ]
        )
        box = w.VBox(
            [
                lb["title"],
                lb["intro"],
                self.data_notice,
                controls,
                self.message,
                self.charts,
                self.notes,
                self.download,
                self.table,
            ]
        )
        box.add_class("cchc-x")
        return box

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # --- reading and setting the selection ------------------------------------------------------

    @property
    def provinces(self) -> tuple[str, ...]:
        """Slugs of the ticked provinces; set it with names as people type them (or slugs, or codes)."""
        return tuple(slug for slug, box in self.province_checks.items() if box.value)

    @provinces.setter
    def provinces(self, names) -> None:
        names = [names] if isinstance(names, str | int) else list(names)
        slugs = [resolve_province(n, data_dir=self.data_dir) for n in names]
        for slug in slugs:
            if slug not in self.province_checks:  # the library's message names the provinces with data
                load_indicators(province=slug, data_dir=self.data_dir)
        with self._hold():
            for slug, box in self.province_checks.items():
                box.value = slug in slugs
        self.refresh()

    @contextlib.contextmanager
    def _hold(self):
        """Change several controls without recomputing the view after each one."""
        was, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = was

    def _typed_provinces(self, change) -> None:
        text = change["new"].strip()
        if not text:
            return
        lang = self.lang.value
        names = [p for p in re.split(r"[,;\n]", text) if p.strip()]
        slugs = []
        for name in names:
            try:
                slugs.append(resolve_province(name, data_dir=self.data_dir))
            except ValueError as exc:  # said in the reader's language; the library's words stay in .error
                self.error = str(exc)
                self.message.value = (
                    f'<div class="error">{html.escape(self._unknown_province(name.strip(), lang))}</div>'
                )
                return
        without = [s for s in dict.fromkeys(slugs) if s not in self.province_checks]
        parts = {s: [p for p in self._names if self._registry.at[p, "successor"] == s] for s in without}
        if any(not found for found in parts.values()):  # nothing to show for it: say so, keep the selection
            names = ", ".join(self._registry.at[s, "name_vi"] for s, found in parts.items() if not found)
            self.error = i18n.t("explorer.no_data", lang, name=names, names=", ".join(self._names.values()))
            self.message.value = f'<div class="error">{html.escape(self.error)}</div>'
            return
        self.provinces = [s for s in slugs if s in self.province_checks] + [
            p for found in parts.values() for p in found
        ]
        for s, found in parts.items():  # a 2025 province whose former parts have data: say whose data is shown
            parts_names = ", ".join(self._names[p] for p in found)
            self._show_notice(
                i18n.t("explorer.no_data_parts", lang, name=self._registry.at[s, "name_vi"], parts=parts_names)
            )

    def _unknown_province(self, text: str, lang: str) -> str:
        """A typed name that is no province, in the reader's language, with the names closest to it."""
        names = {fold(n): n for n in self._registry["name_vi"]}
        close = [names[k] for k in difflib.get_close_matches(fold(text), list(names), n=3)]
        message = i18n.t("explorer.bad_province", lang, text=text)
        return f"{message} {i18n.t('explorer.did_you_mean', lang, names=', '.join(close))}" if close else message

    def _changed(self, _change) -> None:
        if not self._busy:
            self.refresh()

    # --- options of the dropdowns ---------------------------------------------------------------

    @staticmethod
    def _set_options(control, options, default) -> None:
        values = [v for _, v in options]
        keep = control.value if control.value in values else default if default in values else values[0]
        control.options = options
        control.value = keep

    def _kind_options(self, lang):
        return [(i18n.t(f"explorer.kind_option.{k}", lang), k) for k in _KINDS]

    def _selected_facts(self) -> pd.DataFrame:
        df = self._facts
        return df[df["province"].astype(str).isin(self.provinces)]

    def _update_options(self, lang: str) -> None:
        facts = self._selected_facts()
        dom = self._domains
        counts = facts["domain"].astype(str).value_counts()
        domain_opts = [(i18n.t("explorer.all_domains", lang), "")] + [
            (f"{row[f'label_{lang}']} ({counts[row['domain']]})", row["domain"])
            for _, row in dom.iterrows()
            if counts.get(row["domain"], 0) > 0
        ]
        self._set_options(self.domain, domain_opts, "")
        if self.domain.value:
            facts = facts[facts["domain"].astype(str) == self.domain.value]
        indicators = sorted(set(facts["indicator"]))
        self._search_error = None
        if self.search.value.strip():
            try:
                hits = set(search(self.search.value, data_dir=self.data_dir)["indicator"])
            except ValueError as exc:
                hits, self._search_error = set(indicators), exc
            indicators = [i for i in indicators if i in hits]
        self._matching = set(indicators)
        cat = self._catalog
        concept_codes = sorted({cat.at[i, "concept"] for i in indicators if cat.at[i, "concept"]})
        item_opts = [(i18n.t("explorer.all_items", lang), "")]
        item_opts += [
            (i18n.t("explorer.compare_prefix", lang) + self._concepts.at[c, f"label_{lang}"], f"concept:{c}")
            for c in concept_codes
        ]
        item_opts += sorted(((cat.at[i, f"label_{lang}"], f"indicator:{i}") for i in indicators), key=lambda o: o[0])
        self._set_options(self.item, item_opts, "")
        self._set_options(self.kind, self._kind_options(lang), "actual")
        self._mode = "compare" if self.item.value.startswith("concept:") else "facts"
        if self.item.value.startswith("concept:"):
            facts = facts[facts["concept"] == self.item.value.split(":", 1)[1]]
        elif self.item.value:
            facts = facts[facts["indicator"] == self.item.value.split(":", 1)[1]]
        if self.kind.value != "both":
            facts = facts[facts["kind"].astype(str) == self.kind.value]
        periods = sorted(set(facts["period"]), key=_period_key)
        first = (
            ("latest", i18n.t("explorer.latest", lang))
            if self._mode == "compare"
            else ("all", i18n.t("explorer.all_periods", lang))
        )
        self._set_options(
            self.period, [(first[1], first[0])] + [(i18n.format_period(p, lang), p) for p in periods], first[0]
        )
        for key, label in self._labels.items():
            text = i18n.t(_LABEL_KEYS[key], lang)
            tag = {"title": "h3", "intro": "p"}.get(key, "b")
            label.value = f"<{tag}>{html.escape(text)}</{tag}>"
        self.province_text.placeholder = i18n.t("explorer.province_text", lang)
        self.search.placeholder = i18n.t("explorer.search_hint", lang)
        said = data_warning(self.data_dir, lang=lang) if self.data_warning else ""  # in the reader's language
        self.data_notice.value = (
            f'<div class="error"><b>{html.escape(i18n.t("explorer.data_invalid", lang))}</b> '
            f"{html.escape(i18n.t('explorer.data_detail', lang))}: <code>{html.escape(said)}</code></div>"
            if said
            else ""
        )

    # --- the view ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the options, the table, the chart and the download link from the controls."""
        lang = self.lang.value
        with self._hold():
            self._update_options(lang)
        self.error, self.message.value = "", ""
        try:
            if not self.provinces:
                raise _Notice(i18n.t("explorer.pick_province", lang))
            table, figures, notes = self._compute(lang)
            if self._search_error is not None:
                self._show_error("explorer.bad_search", self._search_error)
            elif self.search.value.strip() and not self.item.options[1:]:
                self._show_notice(i18n.t("explorer.no_hits", lang, text=self.search.value.strip()))
            elif table.empty:
                self._show_notice(i18n.t("explorer.no_facts", lang))
        except _Notice as notice:
            table, figures, notes = pd.DataFrame(), [], []
            self._show_notice(str(notice))
        except ValueError as exc:  # the library's clear messages: shown in the app, never a traceback
            table, figures, notes = pd.DataFrame(), [], []
            self._show_error("explorer.error", exc)
        self.view = table
        drawn = [self._draw(key, draw, data) for key, draw, data in figures]
        self.chart_data = [data for _, _, data in drawn]
        self.chart_titles = [title for title, _, _ in drawn]
        self.charts.children = [self._image(png) for _, png, _ in drawn]
        self.notes.value = self._notes_html(notes, lang)
        self.table.value = self._table_html(table, lang)
        self.download.value = self._download_html(lang)

    def _compute(self, lang):
        kinds = ["actual", "target"] if self.kind.value == "both" else [self.kind.value]
        period = self.period.value
        if self._mode == "compare":
            return self._compare(self.item.value.split(":", 1)[1], kinds, period, lang)
        facts = self._selected_facts()
        if self.domain.value:
            facts = facts[facts["domain"].astype(str) == self.domain.value]
        indicator = self.item.value.split(":", 1)[1] if self.item.value else ""
        if indicator:
            facts = facts[facts["indicator"] == indicator]
        facts = facts[facts["kind"].astype(str).isin(kinds)]
        if self.search.value.strip() and not indicator:
            facts = facts[facts["indicator"].isin(self._matching)]
        if period != "all":
            facts = facts[facts["period"] == period]
        table = self._rows(facts.assign(kind=facts["kind"].astype(str)))
        figures, notes, dd = [], [], self.data_dir
        provinces = [p for p in self.provinces if p in set(facts["province"].astype(str))][:_MAX_CHARTS]
        if indicator:
            for p in provinces:
                if indicator in analysis.indicators_with_breakdowns(p, data_dir=self.data_dir):
                    at = None if period == "all" else period
                    try:
                        data = analysis.breakdown_table(p, indicator, period=at, data_dir=self.data_dir)
                    except ValueError:  # no part by breakdown in the chosen period: no breakdown chart
                        continue
                    if (data["breakdown"] != "").any():
                        draw = partial(plotting.breakdown_chart, p, indicator, period=at, lang=lang, data_dir=dd)
                        figures.append((("breakdown", p, indicator, at, lang), draw, data))
        elif kinds == ["target"]:
            for p in provinces:
                draw = partial(plotting.progress_chart, p, lang=lang, data_dir=dd)
                figures.append((("progress", p, lang), draw, analysis.progress_to_target(p, data_dir=dd)))
        else:
            for p in provinces:
                draw = partial(plotting.profile_chart, p, lang=lang, data_dir=dd)
                figures.append((("profile", p, lang), draw, analysis.profile(p, data_dir=dd)))
            if figures:
                notes.append(i18n.t("explorer.profile_note", lang))
        if not figures and not table.empty:
            notes.append(i18n.t("explorer.no_chart", lang))
        return table, figures, notes

    def _compare(self, concept, kinds, period, lang):
        frames = []
        for kind in kinds:
            frame = analysis.compare(
                concept, provinces=list(self.provinces), period=period, kind=kind, data_dir=self.data_dir
            )
            frames.append(frame.assign(kind=kind, breakdown=""))
        rows = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
        figures, notes = [], []
        actual = frames[0] if kinds[0] == "actual" else pd.DataFrame()
        if not actual.empty:
            drawn = sorted(set(actual["province"].astype(str)))
            draw = partial(plotting.compare_chart, concept, provinces=drawn, period=period, lang=lang,
                           data_dir=self.data_dir)  # fmt: skip
            figures.append((("compare", concept, tuple(drawn), period, lang), draw, actual))
        if "target" in kinds and not rows.empty:
            notes.append(i18n.t("explorer.targets_not_charted", lang))
        notes += self._comparability(rows, lang)
        return self._rows(rows), figures, notes

    def _comparability(self, rows: pd.DataFrame, lang: str) -> list[str]:
        """Notes on what differs between the compared rows (the ``compare()`` notes where it has them)."""
        notes = []
        if rows.empty:
            return notes
        provinces = list(dict.fromkeys(rows["province"].astype(str)))
        missing = [self._names[p] for p in self.provinces if p not in provinces]
        if missing:  # shown as missing, not left out silently
            notes.append(i18n.t("explorer.missing", lang, names=", ".join(missing)))
        if len(provinces) < 2:
            return notes
        for _kind, group in rows.groupby("kind", sort=False):
            if group["period"].nunique() > 1:
                periods = ", ".join(
                    f"{self._names[str(r.province)]} {i18n.format_period(r.period, lang)}"
                    for r in group.drop_duplicates("province").itertuples()
                )
                notes.append(i18n.t("explorer.periods_differ", lang, periods=periods))
        note_col = f"comparability_note_{lang}"
        if note_col in rows:  # compare() carries its own notes: use them
            caveats = rows[rows.get("comparability", "") == "caveat"] if "comparability" in rows else rows
            for r in caveats.drop_duplicates(["province", "indicator"]).itertuples():
                text = getattr(r, note_col)
                if isinstance(text, str) and text:
                    notes.append(f"{self._names[str(r.province)]} – {getattr(r, f'label_{lang}')}: {text}")
        elif rows["indicator"].nunique() > 1:
            labels = "; ".join(
                f"{self._names[str(r.province)]}: {getattr(r, f'label_{lang}')}"
                for r in rows.drop_duplicates(["province", "indicator"]).itertuples()
            )
            notes.append(i18n.t("explorer.definitions_differ", lang, labels=labels))
            if lang == "en":  # the catalog's comparability notes are written in English
                for r in rows.drop_duplicates("indicator").itertuples():
                    text = self._catalog.at[r.indicator, "comparability"]
                    if text:
                        notes.append(f"{r.label_en}: {text}")
        return notes

    # --- rendering ---------------------------------------------------------------------------------

    def _rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The table's rows and columns, as numbers and codes (the CSV) – the HTML is rendered from it."""
        cols = ["fact_id", "province", "province_name", "indicator", "label_vi", "label_en", "breakdown", "period",
                "kind", "value", "unit", "qualifier", "source_id", "evidence", "flag", "note",
                "note_vi"]  # fmt: skip
        out = frame.reset_index(drop=True)
        for col in cols:
            if col not in out:
                out[col] = ""
        out = out[cols].copy()
        for col in ("province", "province_name", "unit", "qualifier", "source_id", "kind"):
            out[col] = out[col].astype(str)
        out["source_title"] = out["source_id"].map(self._sources["title"]).fillna("")
        return out.sort_values(["province", "kind"], kind="stable").reset_index(drop=True)

    def _show_notice(self, text: str) -> None:
        self.message.value = f'<div class="notice">{html.escape(text)}</div>'

    def _show_error(self, key: str, exc: Exception) -> None:
        lang = self.lang.value
        self.error = str(exc)
        self.message.value = (
            f'<div class="error"><b>{html.escape(i18n.t(key, lang))}</b> '
            f'{html.escape(i18n.t("explorer.library_says", lang))}: <code lang="en">{html.escape(str(exc))}</code></div>'
        )

    def _draw(self, key: tuple, draw, data: pd.DataFrame) -> tuple[str, bytes, pd.DataFrame]:
        """Title, PNG and drawn values of a chart; drawn once per key (a domain change keeps the profile)."""
        if key not in self._drawn:
            fig = draw()  # an Axes, or a Figure (profile_chart)
            fig = fig.figure if isinstance(fig, Axes) else fig
            title = fig.get_suptitle() or (fig.axes[0].get_title(loc="left") if fig.axes else "")
            buffer = io.BytesIO()
            # At the charts' own resolution (the layout of their headers is right there), shown at screen size.
            _as_written(fig)
            fig.savefig(buffer, format="png", dpi=plotting.PNG_DPI, facecolor="white", bbox_inches="tight")
            values = getattr(fig, "cchc_values", None)  # the values the chart drew, where plotting attaches them
            plt.close(fig)
            if len(self._drawn) >= _CACHED_CHARTS:
                self._drawn.pop(next(iter(self._drawn)))
            self._drawn[key] = (title, buffer.getvalue(), values)
        title, png, values = self._drawn[key]
        return title, png, data if values is None else values

    @staticmethod
    def _image(png: bytes) -> w.Image:
        width = round(int.from_bytes(png[16:20], "big") * 100 / plotting.PNG_DPI)  # PNG header: IHDR width
        return w.Image(value=png, format="png", width=str(width), layout=w.Layout(max_width="100%"))

    def _notes_html(self, notes: list[str], lang: str) -> str:
        if not notes:
            return ""
        title = i18n.t("explorer.comparability", lang) if self._mode == "compare" else ""
        items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
        head = f"<b>{html.escape(title)}</b>" if title else ""
        return f'<div class="notice">{head}<ul style="margin:2px 0">{items}</ul></div>'

    def _table_html(self, table: pd.DataFrame, lang: str) -> str:
        if table.empty:
            return _CSS
        columns = ["province", "label", "breakdown", "period", "kind", "value", "unit", "source_id", "evidence", "flag"]
        columns = [c for c in columns if c not in ("breakdown", "flag") or (table[c] != "").any()]  # no empty columns
        shown = tables.show_table(table, lang, columns=columns, style="explorer", data_dir=self.data_dir)
        legend = [i18n.t("explorer.rows", lang, n=len(table))]
        if (table["kind"] == "target").any():
            legend.append(i18n.t("explorer.target_legend", lang))
        if (table["flag"] != "").any():
            legend.append(i18n.t("explorer.flag_legend", lang))
        caption = f'<div class="muted">{html.escape(" · ".join(legend))}</div>'
        return f"{_CSS}{caption}{shown.html}"

    def csv(self) -> str:
        """The current view as CSV: the table's rows, its columns in the chosen language plus codes.

        Values are plain numbers (percentages 0–100) with their unit and qualifier in their own columns.
        """
        lang = self.lang.value
        if self.view.empty:
            return ""
        out = self.view.drop(columns=[f"label_{'en' if lang == 'vi' else 'vi'}", "note" if lang == "vi" else "note_vi"])
        out = out.rename(columns={f"label_{lang}": "label", "note_vi": "note"})  # the note in the chosen language
        from ._csvfile import csv_text

        return csv_text(out)  # quoted, formula-like text protected, as the suite's downloads

    def _download_html(self, lang: str) -> str:
        text = self.csv()
        if not text:
            return ""
        data = base64.b64encode(("\ufeff" + text).encode("utf-8")).decode("ascii")  # BOM: Excel reads UTF-8
        parts = [*self.provinces, (self.item.value.split(":", 1)[-1] or self.domain.value or "all"), lang]
        name = "cchc-" + "-".join(p for p in parts if p) + ".csv"
        return (
            f'<a class="cchc-download" download="{html.escape(name)}" href="data:text/csv;charset=utf-8;base64,{data}" '
            f'style="font-weight:bold">⬇ {html.escape(i18n.t("explorer.download", lang))}</a>'
        )


def explore(*, lang="vi", data_dir=None) -> Explorer:
    """Open the explorer: pick provinces, a domain, a concept or indicator, kind, period and language.

    Parameters
    ----------
    lang : {"vi", "en"}, default "vi"
        The language of the controls, the charts and the table (switchable in the app).
    {data_dir}

    Returns
    -------
    Explorer
        Displayed as the app when it is the last expression of a notebook cell; its controls are
        ipywidgets attributes (see :class:`Explorer`).

    Examples
    --------
    >>> ex = explore(lang="en")
    >>> ex.provinces
    ('khanh-hoa',)
    >>> ex.domain.value = "digital_government"
    >>> sorted(set(ex.view["province"])), ex.chart_titles
    (['khanh-hoa'], ['PAR results – Khánh Hòa'])
    >>> ex.province_text.value = "Hà Nội"
    >>> print(ex.error)
    Hà Nội has no data in this collection yet. Provinces with data: Đắk Lắk, Hà Giang, Khánh Hòa.
    """
    return Explorer(lang=lang, data_dir=data_dir)


share_docs_in(globals())
