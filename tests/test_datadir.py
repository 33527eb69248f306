"""Tests of ``cchc_data.datadir``: the files a data folder names are the files read, whole and as text."""

import json
import shutil

import pytest
from corruptions import CASES, rows

import cchc_data as cd
from cchc_data import datadir
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


class TestDataDir:
    def test_the_argument_wins_over_the_environment(self, data_copy, monkeypatch, tmp_path):
        other = tmp_path / "other"
        shutil.copytree(data_copy, other)
        monkeypatch.setenv(datadir.DATA_DIR_ENV, str(other))
        assert datadir.data_dir() == other.resolve()
        assert datadir.data_dir(data_copy) == data_copy.resolve()

    def test_without_either_it_is_the_bundled_data(self):
        assert datadir.data_dir() == datadir.bundled_dir()
        assert (datadir.bundled_dir() / "datapackage.json").is_file()

    def test_a_relative_path_is_made_absolute(self, data_copy, monkeypatch):
        monkeypatch.chdir(data_copy.parent)
        assert datadir.data_dir(data_copy.name) == data_copy.resolve()

    @pytest.mark.parametrize("where", ["missing", "empty", "env"])
    def test_a_folder_without_datapackage_json_is_named_with_the_fix(self, tmp_path, monkeypatch, where):
        folder = tmp_path / "somewhere"
        if where != "missing":
            folder.mkdir()
        if where == "env":
            monkeypatch.setenv(datadir.DATA_DIR_ENV, str(folder))
        with pytest.raises(
            cd.DataError, match=r"is not a cchc data folder \(no datapackage\.json\); point CCHC_DATA_DIR"
        ):
            datadir.data_dir(None if where == "env" else folder)


class TestTableNames:
    def test_are_the_resources_of_the_package_in_its_order(self, data_copy):
        package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
        package["resources"].reverse()
        (data_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
        assert datadir.table_names(data_copy) == [r["name"] for r in package["resources"]]
        assert datadir.table_names(data_copy) == list(reversed(datadir.table_names()))


class TestDataVersion:
    def test_is_the_packages_version_and_follows_an_edit(self, data_copy):
        path = data_copy / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        assert datadir.data_version(data_copy) == package["version"]
        package["version"] = "9.8.7"
        path.write_text(json.dumps(package), encoding="utf-8")
        assert datadir.data_version(data_copy) == "9.8.7"
        del package["version"]
        path.write_text(json.dumps(package, indent=1), encoding="utf-8")
        assert datadir.data_version(data_copy) == "unversioned"
