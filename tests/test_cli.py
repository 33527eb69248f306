"""Tests of cchc_data/cli.py, the `cchc` command (its runner commands are tested in test_report*.py)."""

from datafolder import csv_rows, expected_summary, fact, schema_kinds, write_facts

import cchc_data as cd
from cchc_data.cli import main


class TestMain:
    def test_cchc_summary_prints_the_counts(self, capsys):
        assert main(["summary"]) == 0
        out = capsys.readouterr().out.splitlines()
        kinds = schema_kinds(cd.data_dir())
        assert out[0].split() == ["province", "domain", "source_id", *kinds, "facts"]  # no index column
        printed = {}
        for line in out[1:]:
            province, domain, source, *counts = line.split()
            assert len(counts) == len(kinds) + 1, line
            printed[(province, domain, source)] = tuple(map(int, counts))
        assert printed == expected_summary(cd.data_dir())

    def test_cchc_summary_on_another_folder(self, data_copy, capsys):
        write_facts(data_copy, [fact(1, "dossiers_online_share", "2025", "target", "50")])
        assert main(["summary", "--data-dir", str(data_copy)]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 2
        domain = {r["indicator"]: r["domain"] for r in csv_rows(data_copy, "catalog")}["dossiers_online_share"]
        # actual 0, plan 0, target 1, facts 1
        assert lines[1].split() == ["khanh-hoa", domain, "kh-2022-programme", "0", "0", "1", "1"]
