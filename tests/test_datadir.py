"""Tests of ``cchc_data.datadir``: the files a data folder names are the files read, whole and as text."""

import pytest
from corruptions import CASES, rows

import cchc_data as cd
from cchc_data.cli import main


@pytest.fixture(scope="module")
def facts_of_bundled():
    return cd.load_indicators()


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


class TestReadRaw:
    def test_the_file_the_package_names_is_the_file_read(self, data_copy):
        """validate and load read facts.csv, named by the package; the corrupt indicators.csv is never read."""
        CASES["resource points elsewhere"](data_copy)
        assert cd.validate(data_copy).ok
        frame = cd.load_indicators(data_dir=data_copy)
        assert frame["fact_id"].tolist() == [r["fact_id"] for r in rows(data_copy, "facts")]
        assert frame.at[0, "value"] == float(rows(data_copy, "facts")[0]["value"])

    def test_cr_inside_a_quoted_cell_is_kept(self, data_copy):
        CASES["CR inside a quoted cell"](data_copy)
        frame = cd.load_indicators(data_dir=data_copy)
        assert frame.at[0, "note"] == "first line\rsecond line"

    def test_bom_and_crlf_give_the_same_frame(self, data_copy, facts_of_bundled):
        CASES["UTF-8 byte-order mark"](data_copy)
        CASES["CRLF line ends"](data_copy)
        assert list(cd.catalog(data_dir=data_copy).columns) == list(cd.catalog().columns)
        frame = cd.load_indicators(data_dir=data_copy)
        assert frame["label_vi"].tolist() == facts_of_bundled["label_vi"].tolist()

    def test_nfd_text_loads_as_nfc(self, data_copy, facts_of_bundled):
        CASES["NFD text"](data_copy)
        frame = cd.load_indicators(data_dir=data_copy)
        assert frame["label_vi"].tolist() == facts_of_bundled["label_vi"].tolist()

    def test_out_of_folder_file_is_never_printed(self, data_copy, capsys):
        """A resource path to a file outside the folder: no line of that file reaches the output."""
        secret = data_copy.parent / "secret.csv"
        secret.write_text("unit,label_vi,label_en,symbol\nTOP-SECRET-LINE,x,y,z\n", encoding="utf-8")
        CASES["path out of the folder"](data_copy)
        for engine in ("fast", "frictionless"):
            _run(capsys, "validate", str(data_copy), "--engine", engine)
        CASES["link out of the folder"](data_copy)
        for engine in ("fast", "frictionless"):
            code, out, err = _run(capsys, "validate", str(data_copy), "--engine", engine)
            assert "SECRET" not in out + err and code == 1

    def test_same_size_same_mtime_replacement_is_seen(self, data_copy):
        """Unpacking a release can replace a table with one of the same size and modification time."""
        import os

        frame = cd.load_indicators(data_dir=data_copy)
        path = data_copy / "indicators.csv"
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        value = rows(data_copy, "indicators")[0]["value"]
        changed = text.replace(f",{value},", f",{int(value) + 1 if int(value) < 9 else int(value) - 1},", 1)
        assert len(changed) == len(text) and changed != text
        tmp = data_copy / "indicators.tmp"
        tmp.write_text(changed, encoding="utf-8")
        os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(tmp, path)
        assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
        again = cd.load_indicators(data_dir=data_copy)
        assert again.at[0, "value"] != frame.at[0, "value"]

    def test_in_place_rewrite_with_same_size_and_mtime_is_seen(self, data_copy):
        """The same, written into the same inode: the change time still differs."""
        import os

        cd.catalog(data_dir=data_copy)
        path = data_copy / "units.csv"
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("minute,phút", "minute,phuT"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert "phuT" in cd.units(data_dir=data_copy).set_index("unit").at["minute", "label_vi"]


class TestChecksum:
    def test_checksum_covers_exactly_what_the_package_names(self, data_copy):
        from cchc_data.datadir import checksum

        before = checksum(data_copy)
        (data_copy / "notes.txt").write_text("not a table", encoding="utf-8")
        assert checksum(data_copy) == before
        CASES["text value"](data_copy)
        assert checksum(data_copy) != before
