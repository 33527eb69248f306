"""Helpers for tests/test_clients.py: find the real client programs, run JupyterLab, serve a folder.

The clients are Debian's, never a download: ``/usr/bin/chromium`` (driven by Playwright's Python API with
``executable_path``; ``playwright install`` is not needed) and LibreOffice's ``soffice``. Without them the
tests skip, unless ``CCHC_REQUIRE_CLIENTS=1`` (set by ``.ci/run``) makes a missing client a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
"""Screenshots land here (git-ignored); CI can keep the folder as an artifact."""
LAB_SETTINGS = ROOT / "jupyter" / "lab" / "user-settings"
"""The project's JupyterLab settings: Noto Sans Mono in code cells, no news pop-up (``make lab`` uses them too)."""

REQUIRE_ENV = "CCHC_REQUIRE_CLIENTS"
INSTALL = "apt-get install -y --no-install-recommends chromium libreoffice-calc fonts-noto-mono"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# --------------------------------------------------------------------------------------------------
# Finding the clients


def missing_client(what: str) -> None:
    """Skip the test for lack of ``what``, or fail it when CI requires the clients."""
    message = f"{what}; install the real clients with `{INSTALL}` (as root, Debian/Ubuntu)"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {message}", pytrace=False)
    pytest.skip(message)


def chromium() -> str:
    """Path of Debian's Chromium (``CHROMIUM`` overrides), with Playwright's Python package importable."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        missing_client("Chromium is not installed (no `chromium` on PATH)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing_client("the `playwright` Python package is missing from the venv (run `make install`)")
    return path


def soffice() -> str:
    """Path of LibreOffice's ``soffice`` (``SOFFICE`` overrides)."""
    path = os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice") or ""
    if not os.access(path, os.X_OK):
        missing_client("LibreOffice is not installed (no `soffice` on PATH)")
    return path


def require_font(family: str) -> None:
    """Fail or skip unless fontconfig knows ``family``."""
    fc_list = shutil.which("fc-list")
    found = fc_list and subprocess.run([fc_list, f":family={family}", "family"], capture_output=True, text=True).stdout
    if not found:
        missing_client(f"the font {family!r} is not installed (Debian package fonts-noto-mono)")


@contextlib.contextmanager
def browser(executable: str):
    """A headless Chromium (Playwright), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class PageErrors:
    """Collects console errors and uncaught exceptions of a Playwright page."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.messages.append(f"pageerror: {exc}"))

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.messages.append(f"console.error: {msg.text} ({msg.location.get('url', '')})")


def screenshot_path(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


# --------------------------------------------------------------------------------------------------
# Servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser dropped a connection: not news
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1 from a thread; yields the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


class JupyterLab:
    """``jupyter lab`` from this venv on 127.0.0.1, a free port and a random token, isolated from ~/.jupyter.

    JupyterLab reads its user settings from :data:`LAB_SETTINGS`; config, data, runtime and workspaces are
    in ``home`` (a temporary folder). The kernel is the venv's ``python3``. Use as a context manager: the
    server is stopped by its own PID on exit (SIGTERM, then SIGKILL after a timeout), whatever happened.
    """

    def __init__(self, root_dir: Path, home: Path, *, settings_dir: Path = LAB_SETTINGS, start_timeout: float = 90):
        self.root_dir = Path(root_dir)
        self.home = Path(home)
        self.settings_dir = Path(settings_dir)
        self.start_timeout = start_timeout
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = self.home / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict:
        env = dict(os.environ)
        for name in ("config", "data", "runtime", "workspaces"):
            (self.home / name).mkdir(parents=True, exist_ok=True)
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(self.settings_dir),
            JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
            JUPYTER_CONFIG_DIR=str(self.home / "config"),
            JUPYTER_DATA_DIR=str(self.home / "data"),
            JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        env.pop("MPLBACKEND", None)  # tests/conftest.py sets Agg; the kernel must use its inline backend
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_TOKEN", None)
        return env

    def start(self) -> JupyterLab:
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.extension_manager=readonly",  # no queries to PyPI
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
            cmd.append("--allow-root")
        env = self.env()
        self.log = open(self.log_path, "wb")  # closed in stop()
        self.proc = subprocess.Popen(
            cmd, cwd=self.root_dir, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + self.start_timeout
        status_url = f"{self.url}api/status?token={self.token}"
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"jupyter lab exited with {self.proc.returncode} before answering:\n{self.log_tail()}"
                )
            with contextlib.suppress(OSError):
                if http_status(status_url) == 200:
                    return self
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"jupyter lab did not answer on {self.url} in {self.start_timeout:.0f} s:\n{self.log_tail()}"
                )
            time.sleep(0.25)

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM the server (by PID), SIGKILL it if it has not exited after ``timeout`` seconds."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        with contextlib.suppress(AttributeError):
            self.log.close()

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def lab_url(self, path: str) -> str:
        return f"{self.url}lab/tree/{path}?token={self.token}"

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(f"{self.url}api/{path}?token={self.token}", method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Shut down every notebook session (and its kernel) through the REST API."""
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")

    def __enter__(self) -> JupyterLab:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------------
# LibreOffice


def convert_with_soffice(executable: str, source: Path, fmt: str, outdir: Path, profile: Path, timeout: float = 180):
    """``soffice --headless --convert-to fmt`` with its own profile, killed (whole process group) after ``timeout``.

    Returns the converted file (``outdir/<stem>.<extension of fmt>``).
    """
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        executable,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to",
        fmt,
        "--outdir",
        str(outdir),
        str(source),
    ]
    # soffice is a launcher script whose child (soffice.bin) does the work: give it its own group to kill.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"soffice did not convert {source.name} to {fmt} within {timeout:.0f} s") from None
    text = out.decode(errors="replace")
    target = outdir / f"{source.stem}.{fmt.split(':')[0]}"
    assert proc.returncode == 0 and target.is_file(), f"soffice failed (exit {proc.returncode}):\n{text}"
    return target
