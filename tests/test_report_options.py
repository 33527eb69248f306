"""Options are checked before anything runs (issue 25, item 5): nothing is created, ``latest`` is untouched."""

import socket
import threading
import time

import pytest
from report_helpers import write_suite

from cchc_data import cli


def _base(tmp_path, data_copy, notebooks):
    return ["report", "--notebooks", str(notebooks), "--data-dir", str(data_copy), "--lang", "vi", "--only", "04_*"]


def test_figures_pointing_at_a_file_is_refused_before_latest_is_touched(tmp_path, data_copy, capsys):
    notebooks = write_suite(tmp_path / "notebooks")
    out = tmp_path / "reports"
    a_file = tmp_path / "figures.txt"
    a_file.write_text("not a folder")
    code = cli.main([*_base(tmp_path, data_copy, notebooks), "--output", str(out), "--figures", str(a_file)])
    err = capsys.readouterr().err
    assert code == 2 and f"--figures {a_file}" in err and "not a folder" in err and "Traceback" not in err
    assert not out.exists()  # nothing ran, nothing was published


def test_an_empty_lang_is_refused(tmp_path, data_copy, capsys):
    notebooks = write_suite(tmp_path / "notebooks")
    out = tmp_path / "reports"
    argv = ["report", "--notebooks", str(notebooks), "--data-dir", str(data_copy), "--output", str(out), "--lang", ""]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "--lang" in err and "no language" in err and "vi,en" in err
    assert not out.exists()


def test_output_inside_the_data_folder_is_refused(tmp_path, data_copy, capsys):
    notebooks = write_suite(tmp_path / "notebooks")
    for out in (data_copy / "reports", data_copy):
        assert cli.main([*_base(tmp_path, data_copy, notebooks), "--output", str(out)]) == 2
        err = capsys.readouterr().err
        assert "--output" in err and "inside the data folder" in err
        assert not (data_copy / "reports").exists()


def test_a_scheduler_that_is_not_dask_times_out_with_a_message(tmp_path, data_copy, capsys):
    pytest.importorskip("distributed")
    notebooks = write_suite(tmp_path / "notebooks")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    accepted = []

    def silent():  # accepts and says nothing, for a bounded time
        server.settimeout(30)
        try:
            conn, _ = server.accept()
            accepted.append(conn)
        except OSError:
            pass

    thread = threading.Thread(target=silent, daemon=True)
    thread.start()
    started = time.monotonic()
    argv = [*_base(tmp_path, data_copy, notebooks), "--output", str(tmp_path / "reports")]
    code = cli.main([*argv, "--scheduler", f"tcp://127.0.0.1:{port}"])
    took = time.monotonic() - started
    for conn in accepted:
        conn.close()
    server.close()
    err = capsys.readouterr().err
    assert code == 2 and took < 40
    assert f"tcp://127.0.0.1:{port}" in err and "did not answer" in err and "Dask scheduler" in err
    assert not (tmp_path / "reports").exists()
