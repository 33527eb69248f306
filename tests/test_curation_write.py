"""Tests of ``cchc_data.curation._write``: a lock, a re-check and a journaled replace of several tables.

The end-to-end cases (two concurrent applies, a kill between renames, a read-only or symlinked table) are in
``test_curation_curate.py`` through ``cchc curate check --apply``; these test the steps one by one on a tiny
folder the test writes.
"""

import json
import os
import stat
import threading

import pytest

from cchc_data.curation._write import (
    JOURNAL,
    LOCK,
    STAGED,
    WORK,
    TablesChanged,
    WriteRefused,
    data_lock,
    digest,
    recover,
    replace_tables,
    workspace,
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"x\n1\n")
    (tmp_path / "b.csv").write_bytes(b"y\n2\n")
    return tmp_path


def seen(*paths):
    return {p: digest(p.read_bytes()) for p in paths}


class TestDigest:
    def test_is_the_sha256_of_the_bytes_and_differs_when_they_do(self):
        assert digest(b"abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        assert digest(b"abc") != digest(b"abd")


class TestReplaceTables:
    def test_replaces_every_table_and_leaves_no_work_files(self, folder):
        a, b = folder / "a.csv", folder / "b.csv"
        replace_tables(folder, {a: b"x\n3\n", b: b"y\n4\n"}, seen=seen(a, b))
        assert a.read_bytes() == b"x\n3\n" and b.read_bytes() == b"y\n4\n"
        assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "b.csv"]

    def test_keeps_each_files_mode(self, folder):
        a = folder / "a.csv"
        a.chmod(0o640)
        replace_tables(folder, {a: b"new\n"}, seen=seen(a))
        assert stat.S_IMODE(a.stat().st_mode) == 0o640

    def test_a_table_changed_since_it_was_read_is_not_overwritten(self, folder):
        a, b = folder / "a.csv", folder / "b.csv"
        before = seen(a, b)
        b.write_bytes(b"y\nedited by hand\n")
        with pytest.raises(TablesChanged, match=r"^b\.csv changed while the review was checked .*nothing written"):
            replace_tables(folder, {a: b"x\n3\n", b: b"y\n4\n"}, seen=before)
        assert a.read_bytes() == b"x\n1\n" and b.read_bytes() == b"y\nedited by hand\n"

    def test_a_read_only_table_is_refused_before_anything_is_staged(self, folder):
        a, b = folder / "a.csv", folder / "b.csv"
        b.chmod(0o444)
        with pytest.raises(WriteRefused, match=r"^b\.csv is read-only \(mode 444\); nothing written; make it writable"):
            replace_tables(folder, {a: b"x\n3\n", b: b"y\n4\n"}, seen=seen(a, b))
        assert a.read_bytes() == b"x\n1\n"
        assert not list(folder.glob(f".*{STAGED}"))

    def test_a_symlinked_table_is_written_through_to_its_target(self, folder, tmp_path_factory):
        elsewhere = tmp_path_factory.mktemp("real") / "c.csv"
        elsewhere.write_bytes(b"z\n0\n")
        link = folder / "c.csv"
        link.symlink_to(elsewhere)
        replace_tables(folder, {link: b"z\n9\n"}, seen=seen(link))
        assert link.is_symlink() and elsewhere.read_bytes() == b"z\n9\n"


class TestRecover:
    def test_a_journal_left_behind_is_completed(self, folder):
        a = folder / "a.csv"
        staged = folder / f".a.csv{STAGED}"
        staged.write_bytes(b"x\nnew\n")
        (folder / WORK).mkdir()
        (folder / WORK / JOURNAL).write_text(json.dumps({"replace": [[str(staged), str(a)]]}), encoding="utf-8")
        said = recover(folder, [a])
        assert said == ["an interrupted apply was completed (a.csv)"]
        assert a.read_bytes() == b"x\nnew\n" and not staged.exists() and not (folder / WORK).exists()

    def test_a_staged_table_without_a_journal_is_rolled_back(self, folder):
        a = folder / "a.csv"
        (folder / f".a.csv{STAGED}").write_bytes(b"x\nhalf written\n")
        said = recover(folder, [a])
        assert said == ["an interrupted apply was rolled back (the staged a.csv removed; the data is as before)"]
        assert a.read_bytes() == b"x\n1\n" and not (folder / f".a.csv{STAGED}").exists()

    def test_nothing_to_do_says_nothing(self, folder):
        assert recover(folder, [folder / "a.csv"]) == []


class TestDataLock:
    def test_writes_the_holders_pid_and_clears_it_afterwards(self, folder):
        with data_lock(folder, [], required=True) as said:
            assert said == []
            assert (folder / LOCK).read_text() == f"{os.getpid()}\n"
        assert (folder / LOCK).read_text() == ""

    def test_a_second_writer_waits_and_then_is_refused_naming_the_holder(self, folder):
        inside, release = threading.Event(), threading.Event()

        def hold():
            with data_lock(folder, [], required=True):
                inside.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        try:
            assert inside.wait(10)
            with pytest.raises(WriteRefused, match=rf"another `cchc curate check --apply` \(process {os.getpid()}\)"):
                with data_lock(folder, [], required=True, wait=0.3):
                    pass
        finally:
            release.set()
            holder.join()

    def test_an_unwritable_folder_is_refused_only_when_the_caller_writes(self, tmp_path):
        missing = tmp_path / "no-such-folder"
        with pytest.raises(WriteRefused, match=r"^cannot lock the data folder .*nothing written; make it writable"):
            with data_lock(missing, [], required=True):
                pass
        with data_lock(missing, [], required=False) as said:
            assert said == []

    def test_recovers_before_yielding(self, folder):
        (folder / f".a.csv{STAGED}").write_bytes(b"x\nhalf\n")
        with data_lock(folder, [folder / "a.csv"], required=True) as said:
            assert len(said) == 1 and "rolled back" in said[0]


class TestWorkspace:
    def test_is_beside_the_data_and_removed_afterwards(self, folder):
        with workspace(folder) as work:
            assert work.parent == folder / WORK and work.is_dir()
            (work / "copy.csv").write_text("x")
        assert not work.exists() and not (folder / WORK).exists()

    def test_falls_back_to_a_temporary_folder_when_the_data_folder_is_not_writable(self, tmp_path):
        missing = tmp_path / "no-such-folder" / "deeper"
        (tmp_path / "no-such-folder").write_text("a file, not a folder")
        with workspace(missing) as work:
            assert work.is_dir() and work.name.startswith("cchc-curate-")
        assert not work.exists()
