"""Tests of ``cchc_data.plotting.province``: the province charts draw exactly the values of the analysis tables, in one visual language, in either language."""

import re
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import analysis, i18n
from cchc_data import plotting as pl
from cchc_data.tables import cite_source

LANGS = ["vi", "en"]


def texts(ax):
    return [t.get_text() for t in ax.texts]


def collections(ax, gid):
    """The scatters of one role (``gid``), flagged ones (``gid-flagged``) included."""
    return [c for c in ax.collections if c.get_gid() in {gid, f"{gid}-flagged"}]


def collection(ax, gid):
    """The offsets of every mark of one role, in row order (marks are grouped by style when drawn)."""
    found = [c.get_offsets() for c in collections(ax, gid)]
    xy = np.concatenate(found) if found else np.empty((0, 2))
    return xy[np.argsort(xy[:, 1], kind="stable")]


def yticklabels(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def one_of_each(lang):
    """Every chart once, as (name, figure)."""
    return [
        ("compare", pl.compare_chart("official_email_accounts", lang=lang).figure),
        ("coverage", pl.coverage_heatmap(by="domain", lang=lang).figure),
        ("breakdown", pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang=lang).figure),
        ("progress", pl.progress_chart("Khánh Hòa", lang=lang).figure),
        ("part_whole", pl.part_whole_chart("Hà Giang", lang=lang).figure),
        ("profile", pl.profile_chart("Hà Giang", lang=lang)),
    ]


def _progress_texts(ax):
    return [t.get_text() for a in ax.figure.axes for t in a.texts if t.get_gid() == "progress-text"]


CALLS = {
    "compare_chart": lambda lang: pl.compare_chart("digital_certificates", lang=lang),
    "coverage_heatmap": lambda lang: pl.coverage_heatmap(lang=lang),
    "breakdown_chart": lambda lang: pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang=lang),
    "progress_chart": lambda lang: pl.progress_chart("Khánh Hòa", lang=lang),
    "part_whole_chart": lambda lang: pl.part_whole_chart(lang=lang),
    "profile_chart": lambda lang: pl.profile_chart("Hà Giang", lang=lang),
}


RED = matplotlib.colors.to_rgba(pl._FLAG_RED)


WHITE = (1.0, 1.0, 1.0, 1.0)


CHARTS = {
    "compare": lambda: pl.compare_chart("official_email_accounts", lang="en").figure,
    "series": lambda: pl.concept_series_chart("edocs_sent_share", "Khánh Hòa", lang="en").figure,
    "coverage": lambda: pl.coverage_heatmap(lang="en").figure,
    "breakdown": lambda: pl.breakdown_chart("Khánh Hòa", "vertical_agency_dossiers_online", lang="en").figure,
    "progress": lambda: pl.progress_chart("Khánh Hòa", lang="en").figure,
    "part_whole": lambda: pl.part_whole_chart(lang="en").figure,
    "profile": lambda: pl.profile_chart("Khánh Hòa", lang="en"),
}


class TestCharts:
    def test_backend_is_off_screen(self):
        assert matplotlib.get_backend().lower() == "agg"

    def test_progress_status_past_deadline_without_actual_is_cannot_tell(self):
        before = analysis.progress_to_target("Khánh Hòa", as_of="2021-Q1").set_index("fact_id")
        after = analysis.progress_to_target("Khánh Hòa", as_of="2026").set_index("fact_id")
        iso = before.index[before["indicator"] == "iso_qms_converted"][0]
        assert before.at[iso, "status"] == "not met yet"  # 69 in 2020 of 184 by 2021: the deadline is ahead
        assert after.at[iso, "status"] == "cannot tell"  # 2021 passed, no 2021 actual: not "not met"
        due_2025 = after[(after["target_period"] == "2025") & after["actual"].isna()]
        assert len(due_2025) and set(due_2025["status"]) == {"cannot tell"}
        due_2030 = after[after["target_period"] == "2030"]
        assert set(due_2030["status"]) == {"no actual yet"}
        assert "not met" not in set(after["status"])

    def test_progress_status_an_actual_covering_the_deadline_decides(self, monkeypatch):
        from types import SimpleNamespace

        target = SimpleNamespace(period="2021", value=184.0, qualifier="none")
        assert analysis._deadline_status({"value": 69.0, "qualifier": "none", "period": "2021-Q4"}, target,
                                         as_of=2030 * 12) == "not met"  # fmt: skip
        assert analysis._deadline_status({"value": 190.0, "qualifier": "none", "period": "2020"}, target,
                                         as_of=2030 * 12) == "met"  # fmt: skip
        assert analysis._deadline_status(None, target, as_of=2021 * 12) == "no actual yet"

    @pytest.mark.parametrize("lang", LANGS)
    def test_every_chart_has_footer_with_sources_and_version(self, lang):
        version = cd.data_version()
        words = ("Nguồn", "Phiên bản dữ liệu") if lang == "vi" else ("Sources", "Data version")
        known = {cite_source(i, lang, short=True) for i in cd.sources()["source_id"]}
        for name, fig in one_of_each(lang):
            footer = pl.footer_text(fig).replace("\n", " ")
            assert version in footer and all(w in footer for w in words), name
            listed = re.search(rf"{words[0]}: (.*?) ·", footer.replace("\n", " ")).group(1).split("; ")
            assert listed and set(listed) <= known, (name, listed)  # sources by short title, never by internal id

    def test_titles_differ_between_languages(self):
        for (name, vi), (_, en) in zip(one_of_each("vi"), one_of_each("en"), strict=True):
            vi_titles = [a.get_title(loc="left") for a in vi.axes] + [vi.get_suptitle()]
            en_titles = [a.get_title(loc="left") for a in en.axes] + [en.get_suptitle()]
            assert vi_titles != en_titles, name

    @pytest.mark.parametrize("lang", LANGS)
    def test_vietnamese_glyphs_render_without_warnings(self, lang):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for _name, fig in one_of_each(lang):
                fig.canvas.draw()

    @pytest.mark.parametrize("name", list(CALLS))
    def test_bad_language(self, name):
        with pytest.raises(ValueError, match=r"^'fr' is not a supported language; use 'vi' or 'en'$"):
            CALLS[name]("fr")
        assert not plt.get_fignums()  # failed before opening a figure

    @pytest.mark.parametrize("name", ["breakdown_chart", "progress_chart", "profile_chart"])
    def test_unknown_province(self, name):
        fn = getattr(pl, name)
        args = ("Atlantis", "dossiers_on_time_share") if name == "breakdown_chart" else ("Atlantis",)
        with pytest.raises(ValueError, match="'Atlantis' is not a known province"):
            fn(*args)

    def test_progress_footer_names_the_sources_of_targets_and_actuals(self):
        table = analysis.progress_to_target("Khánh Hòa")
        matched = table[table["actual_source_id"] != ""]
        assert not matched.empty, "a target with an actual (the ISO 9001:2015 conversion)"
        footer = pl.footer_text(pl.progress_chart("Khánh Hòa", lang="en")).replace("\n", " ")
        for source in set(table["source_id"]) | set(matched["actual_source_id"]):
            assert cite_source(source, "en", short=True) in footer

    def test_plan_contents_are_hatched_and_labelled_plan(self):
        ax = pl.part_whole_chart("Khánh Hòa", lang="en")
        table = analysis.part_whole_shares(cd.load_indicators(province="Khánh Hòa"))
        bars = {p.get_gid().removeprefix("bar:"): p for p in ax.patches if str(p.get_gid()).startswith("bar:")}
        plans = table[table["kind"] == "plan"]
        assert len(plans) >= 3
        for row in table.itertuples():
            assert bool(bars[row.fact_id].get_hatch()) == (row.kind == "plan")
        assert sum(t.startswith("plan ") for t in texts(ax)) == len(plans)
        assert any(t.startswith("Content of an approved plan") for t in pl.legend_texts(ax))

    def test_one_visual_language_targets_hollow_flags_red_everywhere(self):
        # profile: 11.3 % is printed in a non-Vietnamese format: a printing slip (grey edge, †), not a contradiction
        fig = pl.profile_chart("Khánh Hòa", lang="en")
        flagged = [c for a in fig.axes for c in a.collections if str(c.get_gid()).endswith("-flagged")]
        assert flagged and all(tuple(e) == RED for c in flagged for e in c.get_edgecolors())
        slips = [c for a in fig.axes for c in a.collections if str(c.get_gid()).endswith("-slip")]
        assert slips and all(tuple(e) != RED for c in slips for e in c.get_edgecolors())
        targets = [c for a in fig.axes for c in a.collections if c.get_gid() == "target"]
        assert targets and all(tuple(f) == WHITE for c in targets for f in c.get_facecolors())
        all_texts = [t.get_text() for a in fig.axes for t in a.texts]
        assert "11.3% †" in all_texts and "⚠ 11.3%" not in all_texts
        legend = [t for a in fig.axes for t in pl.legend_texts(a)]
        assert any(t.replace("\n", " ").startswith("† grey edge: a printing slip") for t in legend)
        assert any(t.replace("\n", " ").startswith("⚠ red edge: inconsistent source") for t in legend)
        # progress: target hollow, actual solid; a flagged target written with ⚠
        ax = pl.progress_chart("Khánh Hòa", lang="en")
        assert all(
            tuple(f) == WHITE for a in ax.figure.axes for c in collections(a, "target") for f in c.get_facecolors()
        )
        assert any(t.startswith("⚠ target 184") for a in ax.figure.axes for t in texts(a))
        # coverage: a cell counting flagged facts says so
        cov = pl.coverage_heatmap(by="domain", lang="en")
        assert any(t.get_text().endswith("⚠") for t in cov.texts)
        assert "inconsistent" in pl._subtitle(cov)

    @pytest.mark.parametrize("name", list(CHARTS))
    def test_every_chart_attaches_the_values_it_drew(self, name):
        fig = CHARTS[name]()
        values = fig.cchc_values
        assert list(values.columns[: len(pl.VALUE_COLUMNS)]) == pl.VALUE_COLUMNS
        assert len(values) > 0 and values["fact_id"].ne("").all()
        facts = cd.load_indicators().set_index("fact_id")
        if name != "part_whole":  # derived shares are not facts; their part is
            assert (values["value"].to_numpy() == facts.loc[values["fact_id"], "value"].to_numpy()).all()
        assert set(values["kind"]) <= {"actual", "plan", "target"}

    def test_drawn_values_match_the_marks(self):
        ax = pl.compare_chart("digital_certificates", lang="vi")
        assert ax.figure.cchc_values["value"].tolist() == collection(ax, "values")[:, 0].tolist()
        ax = pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang="vi")
        bars = ax.figure.cchc_values[ax.figure.cchc_values["drawn_as"] == "bar"]
        assert bars["value"].tolist() == [p.get_width() for p in ax.patches if str(p.get_gid()).startswith("bar:")]
        fig = pl.part_whole_chart("Hà Giang", lang="vi").figure
        assert fig.cchc_values["value"].round(1).tolist() == [round(p.get_width(), 1) for p in fig.axes[0].patches]
        cov = pl.coverage_heatmap(by="domain", lang="vi")
        counted = cov.figure.cchc_values.groupby(["row", "province"]).size()
        assert counted.sum() == len(cd.load_indicators())

    def test_breakdown_groups_share_the_provinces_colour_and_headers_take_no_bar_slot(self):
        ax = pl.breakdown_chart("khanh-hoa", "dossiers_on_time_share", lang="en")
        colour = matplotlib.colors.to_hex(pl.province_colors()["khanh-hoa"])
        bars = [p for p in ax.patches if str(p.get_gid()).startswith("bar:")]
        assert {matplotlib.colors.to_hex(b.get_facecolor()) for b in bars} == {colour}
        ticks = dict(zip([t.get_text().strip() for t in ax.get_yticklabels()], ax.get_yticks(), strict=True))
        bar_rows = sorted(b.get_y() + b.get_height() / 2 for b in bars)
        steps = np.diff(bar_rows)
        assert steps.max() < 2  # between groups a header, not a whole empty row and a header
        assert ticks["Sector"] not in bar_rows and bar_rows[2] < ticks["Sector"] < bar_rows[3]
        plt.close(ax.figure)

    def test_flags_drawn_alike_share_one_legend_entry_and_the_caveat_swatch_is_a_dotted_ring(self):
        fig = pl.profile_chart("khanh-hoa", lang="en")
        for ax in fig.axes:
            texts = pl.legend_texts(ax)
            assert sum(t.startswith("⚠ red edge") for t in texts) <= 1
        plt.close(fig)
        ax = pl.compare_chart("official_email_accounts", lang="en")
        legend = ax.get_legend()
        ring = next(
            h
            for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)
            if t.get_text().startswith("Dotted ring")
        )
        assert isinstance(ring, matplotlib.patches.Circle) and ring._dash_pattern[1]  # dotted, as the chart draws it
        plt.close(ax.figure)

    def test_draw_forms_look_nothing_up_in_a_data_folder(self, monkeypatch):
        frames = {
            "compare": pl.chart_frame(analysis.compare("digital_certificates")),
            "series": pl.chart_frame(analysis.concept_series("eoffice_agencies", "Khánh Hòa")),
            "breakdown": pl.chart_frame(analysis.breakdown_table("Khánh Hòa", "dossiers_on_time_share")),
            "part_whole": pl.chart_frame(analysis.part_whole_shares()),
        }
        footers = {}

        def refuse(*args, **kwargs):
            raise AssertionError("a draw_* function looked something up in a data folder")

        from cchc_data import indicators, tables
        from cchc_data.plotting import _furniture

        for module, name in ((tables, "cite_source"), (indicators, "sources"), (_furniture, "units"),
                             (_furniture, "data_version"), (_furniture, "provinces")):  # fmt: skip
            monkeypatch.setattr(module, name, refuse)
        palette = {"khanh-hoa": "#111111", "ha-giang": "#222222", "dak-lak": "#333333"}
        footers["compare"] = pl.footer_text(pl.draw_compare(frames["compare"], lang="en", palette=palette))
        footers["series"] = pl.footer_text(pl.draw_series(frames["series"], lang="en", color="#111111"))
        footers["breakdown"] = pl.footer_text(pl.draw_breakdown(frames["breakdown"], lang="en", color="#111111"))
        footers["part_whole"] = pl.footer_text(pl.draw_part_whole(frames["part_whole"], lang="en", palette=palette))
        for name, frame in frames.items():
            footer = " ".join(footers[name].split())
            for cite in frame["source_cite_en"].unique():
                assert " ".join(cite.split()) in footer, (name, cite)
            assert footer.endswith(f"Data version {frame.attrs['data_version']}")

    def test_draw_form_draws_what_the_id_form_draws(self):
        by_id = pl.compare_chart("official_email_accounts", lang="en")
        drawn = pl.draw_compare(pl.chart_frame(analysis.compare("official_email_accounts")), lang="en", latest=True)
        assert [t.get_text() for t in drawn.texts] == [t.get_text() for t in by_id.texts]
        assert pl.footer_text(drawn) == pl.footer_text(by_id)
        pd.testing.assert_frame_equal(drawn.figure.cchc_values, by_id.figure.cchc_values)

    def test_coverage_marks_only_contradictions(self):
        facts = cd.load_indicators()
        ax = pl.coverage_heatmap(by="indicator", lang="en")
        n_cells = sum(1 for p in ax.patches if p.get_gid() == "flagged-cell")
        cells = facts[facts["flag"].map(pl._severity) == "contradiction"][["indicator", "province"]].drop_duplicates()
        assert n_cells == len(cells)


class TestCompareChart:
    def test_compare_chart_uses_province_colours(self):
        ax = pl.compare_chart("digital_certificates")
        c = analysis.compare("digital_certificates")
        colours = pl.province_colors()
        by_row = {}
        for marks in collections(ax, "values"):
            for (_x, y), edge in zip(
                marks.get_offsets(), np.broadcast_to(marks.get_edgecolors(), (len(marks.get_offsets()), 4)), strict=True
            ):
                by_row[int(y)] = tuple(edge)
        expected = [matplotlib.colors.to_rgba(colours[p]) for p in c["province"]]
        assert [by_row[i] for i in range(len(c))] == expected

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("concept", ["official_email_accounts", "digital_certificates", "edocs_sent_share"])
    def test_compare_chart_plots_compare_values_in_order(self, concept, lang):
        c = analysis.compare(concept)
        ax = pl.compare_chart(concept, lang=lang)
        xy = collection(ax, "values")
        assert xy[:, 0].tolist() == c["value"].tolist()
        assert xy[:, 1].tolist() == list(range(len(c)))
        assert yticklabels(ax) == c["province_name"].astype(str).tolist()
        assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first (largest) row at the top
        assert ax.get_title(loc="left") == cd.concepts().set_index("concept").at[concept, f"label_{lang}"]
        for row in c.itertuples():
            assert any(f"({i18n.format_period(row.period, lang)})" in t for t in texts(ax))

    def test_compare_chart_labels_qualifier_period_and_local_number_format(self):
        vi = pl.compare_chart("official_email_accounts", lang="vi")
        en = pl.compare_chart("official_email_accounts", lang="en")
        assert "> 14.000 (2017) [1]" in texts(vi)
        assert "> 14,000 (2017) [1]" in texts(en)
        assert vi.get_title(loc="left") != en.get_title(loc="left")
        assert vi.get_xlabel().endswith("(số lượng)") and en.get_xlabel().endswith("(count)")
        # a bound (> 14.000) is said by its symbol, explained in the legend; hollow means target only
        assert any(t.startswith("≈ > ≥ < ≤") for t in pl.legend_texts(vi)) and any(
            "as printed" in t for t in pl.legend_texts(en)
        )
        faces = [tuple(f) for m in collections(en, "values") for f in m.get_facecolors()]
        assert faces and (1.0, 1.0, 1.0, 1.0) not in faces  # achieved values are solid

    def test_compare_chart_tick_labels_use_language_separators(self):
        vi = pl.compare_chart("official_email_accounts", lang="vi")
        vi.figure.canvas.draw()
        ticks = [t.get_text() for t in vi.get_xticklabels()]
        assert any("." in t for t in ticks) and not any("," in t for t in ticks)

    def test_compare_chart_percent_axis_and_periods_differ_note(self):
        c = analysis.compare("edocs_sent_share")
        assert c["period"].nunique() > 1
        vi = pl.compare_chart("edocs_sent_share", lang="vi")
        en = pl.compare_chart("edocs_sent_share", lang="en")
        assert vi.get_xlabel().endswith("(%)") and vi.get_xlim() == (0.0, 100.0)
        assert i18n.t("chart.periods_differ", "vi") in pl._subtitle(vi)
        assert "Periods differ" in pl._subtitle(en)
        assert any(t.startswith("≈ 70%") for t in texts(en))

    def test_compare_chart_same_period_has_no_periods_differ_note(self):
        c = analysis.compare("digital_certificates", provinces="Khánh Hòa")
        ax = pl.compare_chart("digital_certificates", provinces="Khánh Hòa", lang="en")
        assert c["period"].nunique() == 1
        assert "Periods differ" not in pl._subtitle(ax)

    def test_compare_chart_successor_names(self):
        ax = pl.compare_chart("digital_certificates", successors=True)
        assert "Hà Giang → Tuyên Quang" in yticklabels(ax)
        assert "Khánh Hòa" in yticklabels(ax)

    def test_compare_chart_several_indicators_of_one_province(self, monkeypatch):
        real = analysis.compare("digital_certificates")
        kh = real[real["province"] == "khanh-hoa"].iloc[0].to_dict()
        other = {**kh, "indicator": "digital_certificates_issued", "label_vi": "Số chứng thư số đã cấp",
                 "label_en": "Digital certificates issued", "value": 1000.0}  # fmt: skip
        fake = pd.concat([real, pd.DataFrame([other])], ignore_index=True).sort_values("value", ascending=False)
        monkeypatch.setattr(analysis, "compare", lambda *a, **k: fake.reset_index(drop=True))
        ax = pl.compare_chart("digital_certificates", lang="en")
        assert yticklabels(ax).count("Khánh Hòa") == 2
        kh_texts = [" ".join(t.split()) for t in texts(ax) if "Q1 2021" in t]
        assert any("Digital certificates issued" in t for t in kh_texts)
        assert any(kh["label_en"] in t for t in kh_texts)
        assert len(collection(ax, "values")) == len(fake)

    def test_compare_chart_readable_for_63_provinces(self, monkeypatch):
        base = analysis.compare("official_email_accounts").iloc[0].to_dict()
        reg = cd.provinces()
        rows = [
            {
                **base,
                "province": r.slug,
                "province_name": r.name_vi,
                "value": float(100 + 37 * i),
                "period": str(2017 + i % 4),
            }
            for i, r in enumerate(reg.itertuples())
        ]
        fake = pd.DataFrame(rows).sort_values("value", ascending=False, ignore_index=True)
        monkeypatch.setattr(analysis, "compare", lambda *a, **k: fake)
        ax = pl.compare_chart("official_email_accounts", lang="vi")
        fig = ax.figure
        assert len(ax.get_yticks()) == 63 and yticklabels(ax) == fake["province_name"].tolist()
        assert fig.get_figheight() >= 0.3 * 63
        fig.canvas.draw()
        boxes = sorted((t.get_window_extent() for t in ax.get_yticklabels()), key=lambda b: b.y0)
        assert all(lower.y1 <= upper.y0 for lower, upper in zip(boxes, boxes[1:], strict=False))  # no overlap
        assert len(pl.compare_chart("official_email_accounts", lang="vi").get_yticks()) == 63
        small = pl._new_axes(None, 2)
        assert small.figure.get_figheight() < fig.get_figheight()

    def test_compare_chart_draws_on_given_axes_and_merges_footers(self):
        fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4), layout="constrained")
        assert pl.compare_chart("official_email_accounts", ax=left) is left
        pl.compare_chart("edocs_sent_share", ax=right)
        ids = set(analysis.compare("official_email_accounts")["source_id"]) | set(
            analysis.compare("edocs_sent_share")["source_id"]
        )
        footer = pl.footer_text(fig).replace("\n", " ")
        assert all(cite_source(i, "vi", short=True) in footer for i in ids)

    def test_compare_chart_errors(self):
        with pytest.raises(ValueError, match=r"'nope' is not a known concept; use one of .*'digital_certificates'"):
            pl.compare_chart("nope")
        with pytest.raises(TypeError, match="one concept per chart"):
            pl.compare_chart(["digital_certificates", "edocs_sent_share"])
        with pytest.raises(ValueError, match="'Atlantis' is not a known province"):
            pl.compare_chart("digital_certificates", provinces="Atlantis")
        with pytest.raises(ValueError, match="no facts of concept 'digital_certificates'"):
            pl.compare_chart("digital_certificates", period="1999")

    @pytest.mark.parametrize("lang", LANGS)
    def test_compare_chart_shows_each_caveated_provinces_note_in_its_language(self, lang):
        c = analysis.compare("edocs_sent_share")
        ax = pl.compare_chart("edocs_sent_share", lang=lang)
        subtitle = pl._subtitle(ax).replace("\n", " ")
        caveated = c[c["comparability"] == "caveat"]
        assert len(caveated) >= 1
        for row in caveated.itertuples():
            note = " ".join(getattr(row, f"comparability_note_{lang}").split())
            assert f"{row.province_name} ({i18n.format_period(row.period, lang)}): {note}" in " ".join(subtitle.split())
            other = "en" if lang == "vi" else "vi"
            assert getattr(row, f"comparability_note_{other}") not in subtitle
        definition = cd.concepts().set_index("concept").at["edocs_sent_share", f"definition_{lang}"]
        assert " ".join(definition.split()) in " ".join(subtitle.split())
        # the caveated marks are ringed and numbered; the one measuring the definition is not
        rings = collection(ax, "caveat")
        assert sorted(rings[:, 1].tolist()) == caveated.index.tolist()
        labels = [t for t in texts(ax) if t.endswith("]")]
        assert len(labels) == len(caveated)
        assert any(t.startswith(("Vòng chấm", "Dotted ring")) for t in pl.legend_texts(ax))
        assert "definitions differ" not in subtitle.lower() and "định nghĩa chỉ tiêu khác" not in subtitle.lower()

    def test_compare_chart_strict_draws_only_the_definition(self):
        ax = pl.compare_chart("edocs_sent_share", strict=True, lang="en")
        assert yticklabels(ax) == ["Khánh Hòa"] and not collection(ax, "caveat").size
        with pytest.raises(ValueError, match="strict=True"):
            pl.compare_chart("official_email_accounts", strict=True)


class TestCoverageHeatmap:
    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("by", ["concept", "domain", "indicator"])
    def test_coverage_heatmap_masks_zero_cells(self, by, lang):
        m = analysis.coverage(by=by)
        ax = pl.coverage_heatmap(by=by, lang=lang)
        shown = ax.images[0].get_array()
        assert (np.ma.getmaskarray(shown) == (m.to_numpy() == 0)).all()
        assert np.array_equal(shown.filled(0), m.to_numpy())
        cells = texts(ax)
        assert cells.count("–") == int((m.to_numpy() == 0).sum())
        assert "0" not in cells
        names = cd.provinces().set_index("slug")["name_vi"]
        assert [t.get_text() for t in ax.get_xticklabels()] == [names[c] for c in m.columns]
        if by == "domain":
            labels = cd.domains().set_index("domain")[f"label_{lang}"]
            assert yticklabels(ax) == [labels[d] for d in m.index]
        elif by == "concept":
            labels = cd.concepts().set_index("concept")[f"label_{lang}"]
            assert yticklabels(ax) == [labels[c] for c in m.index]
        assert ("không phải số 0" if lang == "vi" else "not a zero") in pl._subtitle(ax)

    @pytest.mark.parametrize("lang", LANGS)
    def test_coverage_heatmap_phone_rendering_keeps_the_province_names_apart(self, lang, monkeypatch, tmp_path):
        from cchc_data.plotting import files

        ax = pl.coverage_heatmap(by="concept", lang=lang)
        seen, save = {}, files._save_laid_out

        def measured(fig, path, bbox, **kwargs):  # the phone rendering as laid out when it is written
            renderer = fig.canvas.get_renderer()
            boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels()]
            note = next(t for t in ax.texts if t.get_gid() == "cchc-subtitle").get_window_extent(renderer)
            seen["gaps"] = [b.x0 - a.x1 for a, b in zip(boxes, boxes[1:], strict=False)]
            seen["under_note"] = note.y0 - max(b.y1 for b in boxes)
            return save(fig, path, bbox, **kwargs)

        monkeypatch.setattr(files, "_save_laid_out", measured)
        assert files.save_phone_figure(ax.figure, tmp_path / "coverage-phone.png") is not None
        assert [t.get_text() for t in ax.get_xticklabels()] == ["Đắk\nLắk", "Hà\nGiang", "Khánh\nHòa"]
        assert min(seen["gaps"]) > 5  # pixels between neighbouring names ("Hà GiangKhánh Hòa" ran together)
        assert seen["under_note"] > 0  # the notes under the title moved up by the lines the names gained
        plt.close(ax.figure)

    @pytest.mark.parametrize("by", ["concept", "domain"])
    @pytest.mark.parametrize("lang", LANGS)
    def test_coverage_heatmap_has_a_phone_rendering(self, by, lang, tmp_path):
        """The Vietnamese domains' long names left the plot under the phone's minimum: no phone rendering."""
        from cchc_data.plotting import files

        ax = pl.coverage_heatmap(by=by, lang=lang)
        assert files.save_phone_figure(ax.figure, tmp_path / "coverage-phone.png") is not None
        plt.close(ax.figure)

    def test_coverage_heatmap_missing_colour_is_not_on_the_scale(self):
        ax = pl.coverage_heatmap()
        image = ax.images[0]
        bad = image.cmap.get_bad()
        scale = image.cmap(np.linspace(0, 1, 64))
        assert np.min(np.abs(scale - bad).sum(axis=1)) > 0.1

    def test_coverage_heatmap_bad_by(self):
        with pytest.raises(
            ValueError, match="'province' is not a known grouping; use one of 'concept', 'indicator', 'domain'"
        ):
            pl.coverage_heatmap(by="province")


class TestBreakdownChart:
    @pytest.mark.parametrize("lang", LANGS)
    def test_breakdown_chart_bars_total_and_labels(self, lang):
        t = analysis.breakdown_table("Khánh Hòa", "dossiers_on_time_share")
        ax = pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang=lang)
        parts = t[t["breakdown"] != ""]
        order = sorted(parts["dimension"].unique(), key=["level", "sector", "agency"].index)
        expected = pd.concat([parts[parts["dimension"] == d] for d in order])
        assert [p.get_width() for p in ax.patches] == expected["value"].tolist()
        labels = [label.strip() for label in yticklabels(ax)]
        headers = [i18n.value_label("dimension", d, lang) for d in order]
        assert [x for x in labels if x in headers] == headers
        assert [x for x in labels if x not in headers] == expected[f"breakdown_label_{lang}"].tolist()
        (total,) = [line for line in ax.lines if line.get_gid() == "total"]
        assert total.get_xdata()[0] == 98.63
        assert ("98,63%" if lang == "vi" else "98.63%") in pl._subtitle(ax)
        period = "quý I/2021" if lang == "vi" else "Q1 2021"
        assert period in ax.get_title(loc="left") and "Khánh Hòa" in ax.get_title(loc="left")
        assert ax.get_xlabel().endswith("(%)")
        assert ax.get_xlabel().startswith(str(t[f"label_{lang}"].iloc[0]))

    def test_breakdown_chart_english_labels(self):
        ax = pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang="en")
        labels = [label.strip() for label in yticklabels(ax)]
        assert {"Government level", "Provincial level", "Sector", "Land"} <= set(labels)
        assert "99.76%" in texts(ax)

    def test_breakdown_chart_errors(self):
        with pytest.raises(ValueError, match="'nope' is not a known indicator"):
            pl.breakdown_chart("Khánh Hòa", "nope")
        with pytest.raises(ValueError, match="'Atlantis' is not a known province"):
            pl.breakdown_chart("Atlantis", "dossiers_on_time_share")

    @pytest.mark.parametrize("lang", LANGS)
    def test_breakdown_chart_marks_the_flagged_total_and_says_what_is_wrong(self, lang):
        ax = pl.breakdown_chart("Khánh Hòa", "vertical_agency_dossiers_online", lang=lang)
        (total,) = [line for line in ax.lines if line.get_gid() == "total-flagged"]
        assert matplotlib.colors.to_rgba(total.get_color()) == RED and total.get_xdata()[0] == 170397
        bars = [p for p in ax.patches if str(p.get_gid()).startswith("bar:")]
        assert len(bars) == 4 and all(tuple(b.get_edgecolor()) == RED for b in bars)
        meaning = i18n.value_label("flag", "total_equals_part", lang)
        assert any(meaning.split()[0] in t for t in pl.legend_texts(ax))
        assert ("295.292" if lang == "vi" else "295,292") in pl._subtitle(ax)
        assert pl._subtitle(ax).startswith("⚠") and all(
            t.startswith("⚠") for t in texts(ax) if t[0].isdigit() or t[0] == "⚠"
        )

    def test_breakdown_chart_draws_targets_hollow_never_like_results(self):
        ax = pl.breakdown_chart("Khánh Hòa", "procedure_satisfaction_share", period="2030", lang="en")
        bars = [p for p in ax.patches if str(p.get_gid()).startswith("bar:")]
        assert bars and all(tuple(b.get_facecolor()) == WHITE for b in bars)
        labels = [t.get_text() for t in ax.texts if t.get_gid() != "cchc-subtitle"]
        assert labels and all(t.startswith("target") for t in labels)
        (total,) = [line for line in ax.lines if line.get_gid() == "total"]
        assert total.get_linestyle() == ":"
        assert "Target (hollow)" in pl.legend_texts(ax) and "Achieved (actual)" not in pl.legend_texts(ax)
        achieved = pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang="en")
        assert all(tuple(b.get_facecolor()) != WHITE for b in achieved.patches if str(b.get_gid()).startswith("bar:"))

    @pytest.mark.parametrize(
        ("lang", "text"),
        [("vi", "Biểu đồ chỉ thể hiện kỳ 2030 (mục tiêu); số liệu phân tổ của kỳ 2025 có trong bảng."),
         ("en", "Only 2030 is drawn (target); the breakdown for 2025 is in the table.")],
    )  # fmt: skip
    def test_breakdown_chart_that_picks_one_period_says_so(self, lang, text):
        ax = pl.breakdown_chart("Khánh Hòa", "procedure_satisfaction_share", lang=lang)
        assert text in pl._subtitle(ax)
        assert set(ax.figure.cchc_values["period"]) == {"2030"}
        one = pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang=lang)
        assert "2025" not in pl._subtitle(one) and (
            "chỉ thể hiện" not in pl._subtitle(one) and "Only" not in pl._subtitle(one)
        )


class TestProgressChart:
    @pytest.mark.parametrize("lang", LANGS)
    def test_progress_chart_draws_every_target_and_its_actual_with_a_status(self, lang):
        p = analysis.progress_to_target("Khánh Hòa", as_of="2026")
        ax = pl.progress_chart("Khánh Hòa", lang=lang, as_of="2026")
        drawn = ax.figure.cchc_values
        targets, actuals = drawn[drawn["kind"] == "target"], drawn[drawn["kind"] == "actual"]
        assert sorted(targets["fact_id"]) == sorted(p["fact_id"])
        assert sorted(actuals["fact_id"]) == sorted(p.loc[p["actual"].notna(), "actual_fact_id"])
        assert len(actuals) >= 2  # the ISO counts: drawn, not "not drawn: count"
        # counts on their own panel and axis: never on the 0-100 axis
        panels = ax.figure.axes[: drawn["panel"].nunique()]
        assert panels[0].get_xlim() == (0.0, 100.0)
        count_panel = panels[int(drawn.loc[drawn["unit"] == "count", "panel"].iloc[0])]
        xy = collection(count_panel, "actual")
        assert sorted(xy[:, 0].tolist()) == sorted(actuals.loc[actuals["unit"] == "count", "value"].tolist())
        assert count_panel.get_xlim()[1] > 227
        words = _progress_texts(ax)
        assert len(words) == len(p)
        for status in p["status"].unique():
            label = i18n.value_label("status", status, lang)
            assert sum(t.endswith(f"→ {label}") for t in words) == int((p["status"] == status).sum())
        # a target without an actual: its target and status only (no actual, never a zero)
        assert sum(len(t.split(" · ")) == 2 for t in words) == int(p["actual"].isna().sum()) > 0

    def test_progress_chart_qualifier_flags_and_legend(self):
        ax = pl.progress_chart("Khánh Hòa", lang="en", as_of="2026")
        words = _progress_texts(ax)
        assert any("target ≥ 90%" in t for t in words)
        assert any(t.startswith("⚠ target 184 · actual 69 (2020)") for t in words)
        flagged = [c for a in ax.figure.axes for c in a.collections if c.get_gid() == "target-flagged"]
        assert flagged and all(tuple(e) == RED for c in flagged for e in c.get_edgecolors())
        legend = pl.legend_texts(ax.figure.axes[-1])
        assert "Achieved (actual)" in legend and "Target (hollow)" in legend
        assert any("two statements of the source disagree" in t.replace("\n", " ") for t in legend)

    def test_progress_chart_province_without_targets(self):
        assert analysis.progress_to_target("Hà Giang").empty
        ax = pl.progress_chart("Hà Giang", lang="en")
        assert "No targets recorded for Hà Giang" in texts(ax)
        assert not ax.collections

    def test_progress_chart_unknown_province(self):
        with pytest.raises(ValueError, match="'Atlantis' is not a known province"):
            pl.progress_chart("Atlantis")

    @pytest.mark.parametrize("lang", LANGS)
    def test_progress_chart_phone_rendering_says_each_status_after_its_label(self, lang, tmp_path):
        """The column of words right of the plot left a phone no room: on a phone they follow the row's label."""
        from cchc_data.plotting import files

        ax = pl.progress_chart("khanh-hoa", lang=lang)
        fig = ax.figure
        words = {a: [t.get_text() for t in a.texts if t.get_gid() == "progress-text"] for a in fig.axes}
        assert files.save_phone_figure(fig, tmp_path / "progress-phone.png") is not None
        for axis, said in words.items():
            if not said:
                continue
            labels = [" ".join(t.get_text().split()) for t in axis.get_yticklabels()]
            assert [label.endswith(" ".join(w.split())) for label, w in zip(labels, said, strict=True)] == [True] * len(
                said
            )
            assert not [t for t in axis.texts if t.get_gid() == "progress-text" and t.get_text()]
        plt.close(fig)


class TestPartWholeChart:
    @pytest.mark.parametrize(
        ("lang", "text"), [("vi", "191/195 · 97,9% (tính toán) (2017)"), ("en", "191/195 · 97.9% (derived) (2017)")]
    )
    def test_part_whole_chart_shows_191_of_195(self, lang, text):
        s = analysis.part_whole_shares(cd.load_indicators(province="Hà Giang"))
        ax = pl.part_whole_chart("Hà Giang", lang=lang)
        assert text in texts(ax)
        widths = [p.get_width() for p in ax.patches]
        assert widths == s["share"].tolist()
        assert round(widths[s.index[s["part"] == 191][0]], 1) == 97.9
        assert ("tính từ hai số" if lang == "vi" else "derived from the two counts") in pl._subtitle(ax)
        assert ax.get_xlim() == (0.0, 100.0)

    @pytest.mark.parametrize("lang", LANGS)
    def test_part_whole_chart_is_titled_for_shares_of_a_whole_and_holds_only_those(self, lang):
        ax = pl.part_whole_chart(lang=lang)
        title = ax.get_title(loc="left")
        assert ("Thành phần trên tổng số" if lang == "vi" else "Parts of a whole") in title
        assert "hoàn thành" not in title.lower() and "completion" not in title.lower()
        drawn = ax.figure.cchc_values
        cat = cd.catalog().set_index("indicator")
        assert len(drawn) and (drawn["indicator"].map(cat["whole"]) != "").all()
        assert "par_portal_article_views" not in set(drawn["indicator"])  # views are not a part of visits
        # rows from several periods: said under the title
        assert ("kỳ khác nhau" if lang == "vi" else "different periods") in pl._subtitle(ax)

    @pytest.mark.parametrize(("lang", "printed"), [("vi", "theo nguồn 99,99%"), ("en", "printed 99.99%")])
    def test_part_whole_chart_shows_a_printed_share_as_printed(self, lang, printed):
        ax = pl.part_whole_chart("Khánh Hòa", lang=lang)
        drawn = ax.figure.cchc_values.set_index("indicator")
        assert drawn.at["vertical_agency_dossiers_on_time", "value"] == 99.99  # not a recomputed 100.0
        assert drawn.at["vertical_agency_dossiers_on_time", "value_origin"] == "printed"
        assert drawn.at["egov_units_level2", "value_origin"] == "derived"
        bar = next(
            p for p in ax.patches if p.get_gid() == f"bar:{drawn.at['vertical_agency_dossiers_on_time', 'fact_id']}"
        )
        assert bar.get_width() == 99.99
        assert any(t.startswith("362") and printed in t for t in texts(ax))
        assert not any("100,0%" in t or "100.0%" in t for t in texts(ax) if t.startswith("362"))

    @pytest.mark.parametrize("lang", LANGS)
    def test_part_whole_chart_has_a_phone_rendering_with_each_rows_words_after_its_label(self, lang, tmp_path):
        """Words beside the bars stuck out of a phone-wide figure and long labels left the bars no room: the
        Khánh Hòa profile's one chart without a phone rendering. On a phone the words follow the row's label."""
        from matplotlib.image import imread

        from cchc_data.plotting import files

        ax = pl.part_whole_chart("khanh-hoa", lang=lang)
        fig = ax.figure
        said = [t.get_text() for t in ax.texts if t.get_gid() == "part-whole-text"]
        assert len(said) == len(ax.get_yticks()) == len(fig.cchc_values)
        phone = files.save_phone_figure(fig, tmp_path / "part-whole-phone.png")
        assert phone is not None
        labels = [" ".join(t.get_text().split()) for t in ax.get_yticklabels()]
        assert [label.endswith(" ".join(w.split())) for label, w in zip(labels, said, strict=True)] == [True] * len(
            said
        )
        assert not [t for t in ax.texts if t.get_gid() == "part-whole-text" and t.get_text()]
        height, width = imread(phone).shape[:2]
        assert width < fig.get_figwidth() * files._PHONE_DPI / 2 and height > width  # half the desktop's width
        plt.close(fig)

    def test_part_whole_chart_all_provinces_names_them(self):
        s = analysis.part_whole_shares()
        ax = pl.part_whole_chart(lang="en")
        assert len(ax.get_yticks()) == len(s)
        for label, name in zip(yticklabels(ax), s["province_name"].astype(str), strict=True):
            assert label.startswith(f"{name}: ")
        tiny = s[(s["share"] < 0.1) & s["printed_share"].isna()]
        for row in tiny.itertuples():  # a tiny share does not read as zero
            assert not any(t.startswith(f"{row.part:.0f}/") and " 0.0%" in t for t in texts(ax))


class TestProfileChart:
    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("province", ["Hà Giang", "Khánh Hòa", "Đắk Lắk"])
    def test_profile_chart_draws_every_total_counts_included_in_panels_by_domain_and_unit(self, province, lang):
        prof = analysis.profile(province)
        fig = pl.profile_chart(province, lang=lang)
        assert isinstance(fig, matplotlib.figure.Figure)
        totals = prof[prof["breakdown"] == ""]
        drawn = fig.cchc_values
        assert sorted(drawn["fact_id"]) == sorted(totals["fact_id"])  # counts too, not only percentages
        if province == "Khánh Hòa":
            assert (drawn["unit"] == "count").sum() > 50
        panels = totals.groupby(["domain", "unit"], observed=True).size()
        assert len(fig.axes) == len(panels)  # one panel per domain and unit, none empty
        for axis in fig.axes:
            assert axis.axison and yticklabels(axis)
            scatters = [c for c in axis.collections if isinstance(c, matplotlib.collections.PathCollection)]
            marks = np.concatenate([c.get_offsets() for c in scatters])
            assert len(marks) == len(yticklabels(axis))
        for axis in fig.axes:
            unit_rows = drawn[drawn["row_label"].isin(yticklabels(axis))]
            assert unit_rows["unit"].nunique() == 1
            if unit_rows["unit"].iloc[0] == "percent":
                assert axis.get_xlim()[1] == 100.0
        labels = [label for axis in fig.axes for label in yticklabels(axis)]
        assert len(labels) == len(set(labels)) == len(totals)  # rows told apart (breakdown, period)
        for row in totals.itertuples():
            assert any(f"({i18n.format_period(row.period, lang)})" in label for label in labels)
        left = int((prof["breakdown"] != "").sum())
        footer = pl.footer_text(fig).replace("\n", " ")
        if left:
            assert (f"{left} dòng phân tổ" if lang == "vi" else f"The {left} breakdown rows") in footer
        assert "Not drawn" not in footer and "Không vẽ:" not in footer
        assert fig.get_suptitle().endswith(
            cd.provinces().set_index("slug").at[cd.resolve_province(province), "name_vi"]
        )

    @pytest.mark.parametrize("lang", LANGS)
    def test_profile_chart_of_the_shares_leaves_counts_to_the_table_and_says_how_many(self, lang, tmp_path):
        prof = analysis.profile("Khánh Hòa")
        totals = prof[prof["breakdown"] == ""]
        fig = pl.profile_chart("Khánh Hòa", units=["percent"], lang=lang)
        drawn = fig.cchc_values
        assert sorted(drawn["fact_id"]) == sorted(totals.loc[totals["unit"] == "percent", "fact_id"])
        assert len(fig.axes) == totals.loc[totals["unit"] == "percent", "domain"].nunique()  # a panel per domain
        assert all(axis.get_xlim()[1] == 100.0 for axis in fig.axes)
        others = int((totals["unit"] != "percent").sum())
        footer = pl.footer_text(fig).replace("\n", " ")
        assert (f"{others} số liệu tổng" if lang == "vi" else f"The {others} totals in counts") in footer
        assert sum(a.get_legend() is not None for a in fig.axes) == 1  # one legend for every panel
        assert fig.get_figheight() < 20  # the chart of every total was ~62 inches tall
        phone = pl.save_phone_figure(fig, tmp_path / "p-phone.png")
        assert phone is not None and phone.is_file()  # its row labels rewrapped: a phone gets its own rendering
        lines = [line for a in fig.axes for t in a.get_yticklabels() for line in t.get_text().split("\n")]
        assert max(map(len, lines)) <= 30
        plt.close(fig)

    def test_profile_chart_on_given_figure(self):
        fig = plt.figure(figsize=(10, 8))
        assert pl.profile_chart("Đắk Lắk", fig=fig) is fig
        totals = analysis.profile("Đắk Lắk").query("breakdown == ''")
        assert len(fig.axes) == len(totals.groupby(["domain", "unit"], observed=True).size())


class TestConceptSeriesChart:
    def test_concept_series_chart_never_joins_different_definitions(self, monkeypatch):
        ax = pl.concept_series_chart("eoffice_agencies", "Khánh Hòa", lang="vi")
        assert not ax.lines  # 198 (2019) and 190 (2021-Q1) count different sets
        assert "[1] Khánh Hòa (quý I/2021)" in pl._subtitle(ax) and "không đọc được là thay đổi" in pl._subtitle(ax)
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "quý I/2021"]
        real = analysis.concept_series("eoffice_agencies", "Khánh Hòa")
        same = real.assign(comparability="same", line="same", joined=[False, True], indicator="agencies_using_eoffice")
        monkeypatch.setattr(analysis, "concept_series", lambda *a, **k: same)
        joined = pl.concept_series_chart("eoffice_agencies", "Khánh Hòa", lang="en")
        (line,) = joined.lines
        assert line.get_ydata().tolist() == [198.0, 190.0] and not collection(joined, "caveat").size
        # periods as readers write them in each language, never the data's code "2021-Q1"
        assert [t.get_text() for t in joined.get_xticklabels()] == ["2019", "Q1 2021"]
        assert not any("2021-Q1" in t for t in texts(joined) + [pl._subtitle(joined)])


class TestDrawCompare:
    def test_draw_compare_of_a_frame_without_sources_cites_their_ids(self):
        frame = analysis.compare("digital_certificates")  # not described by chart_frame
        ax = pl.draw_compare(frame, lang="en")
        footer = " ".join(pl.footer_text(ax).split())
        assert all(sid in footer for sid in frame["source_id"]) and footer.endswith("Data version –")
        assert "source_title" not in ax.figure.cchc_values

    def test_draw_compare_refuses_an_empty_frame(self):
        with pytest.raises(ValueError, match="draw_compare needs at least one row"):
            pl.draw_compare(analysis.compare("digital_certificates").iloc[0:0])
