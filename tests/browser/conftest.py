"""A real browser on the built book: the site served on 127.0.0.1, one Chromium per worker for the pages it visits.

Chromium is Debian's: its headless shell (`apt-get install chromium-headless-shell`, the build of Chromium that
Playwright itself runs headless tests in, and twice as fast to load a page), else the full `chromium`. Playwright only
drives it and never downloads a browser. Without Chromium these tests are skipped, except under CI (CI=true), where
that is a failure.
Set BOOK_HTML to a built site's folder to test that site instead of building the book.
"""
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM_NAMES = ("chromium-headless-shell", "chromium", "chromium-browser")
# The network is closed: no sandbox as root, and none of Chromium's own calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path():
    return next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Module scope: pytest stops the browser whenever a worker turns to another file's tests, so that Playwright's event
# loop is never running when nbval or nbclient start theirs in the same process.
@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        reason = "no Chromium on this machine (apt-get install chromium-headless-shell)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def build_the_book() -> str:
    """A strict build of the book (incremental, so a fresh site is reused): "" if it built, else what went wrong."""
    build = subprocess.run([BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going"],
                           cwd=ROOT, capture_output=True, text=True)
    return "" if build.returncode == 0 else f"the book does not build:\n{build.stdout[-3000:]}\n{build.stderr[-3000:]}"


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Path:
    """The built book: BOOK_HTML if set, else a strict build, made once per test run however many pytest-xdist
    workers ask for it (the first builds; the others wait, then read how it went)."""
    if os.environ.get("BOOK_HTML"):
        return Path(os.environ["BOOK_HTML"])
    if not hasattr(request.config, "workerinput"):  # no workers: nobody to share the build with
        problem = build_the_book()
    else:
        outcome = tmp_path_factory.getbasetemp().parent / "book-build-outcome"  # shared by this run's workers only
        with FileLock(f"{outcome}.lock"):
            if not outcome.exists():
                outcome.write_text(build_the_book(), encoding="utf-8")
            problem = outcome.read_text(encoding="utf-8")
    assert not problem, problem
    return ROOT / "_build" / "html"


@functools.cache
def gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text files gzip-compressed to a browser that accepts it (what a reader's
    browser downloads), the rest as they are; and logs nothing."""
    COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".ipynb", ".txt"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not (path.is_file() and path.suffix in self.COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The site's address on 127.0.0.1, served from a thread as GitHub Pages serves it (PagesLikeHandler)."""
    handler = functools.partial(PagesLikeHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{httpd.server_port}/"
        httpd.shutdown()


@pytest.fixture(scope="session")
def student_edition_folder(tmp_path_factory) -> Path:
    """A freshly built student edition (tools/student_edition.py), in a temporary folder."""
    import student_edition

    output = tmp_path_factory.mktemp("edition")
    student_edition.build(output)
    return output / student_edition.NAME


@pytest.fixture(scope="session")
def jupyterlab(student_edition_folder, tmp_path_factory):
    """JupyterLab on the student edition, on a free port of 127.0.0.1 with no token; stopped afterwards."""
    port, home = free_port(), tmp_path_factory.mktemp("jupyter-home")
    environment = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    lab = subprocess.Popen(
        [BIN / "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}", "--IdentityProvider.token=",
         f"--ServerApp.root_dir={student_edition_folder}", f"--LabApp.workspaces_dir={home}",
         f"--LabApp.user_settings_dir={home}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(url + "api", lab)
        yield url
    finally:
        lab.terminate()
        lab.wait(timeout=20)


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "JupyterLab stopped while starting"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer at {url} within {timeout} s")
