"""`cables serve`: a real server in a subprocess, fetched with urllib while files change."""

from __future__ import annotations

import http.client
import io
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cables.diagnostics import Diagnostic
from cables.progress import NORMAL, Reporter
from cables.serve import SCRIPT_PATH, PreviewServer, findings_page, with_live_reload
from conftest import copy_edition, digest, replace_in

DOCUMENT = "tei/documents/1963-05-09-cc-notification.xml"
PAGE = "1963-05-09-cc-notification.html"
TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """A running `cables serve` and what it has printed so far."""

    def __init__(self, project: Path, port: int, log: Path) -> None:
        self.project = project
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self.stdout = (log / "stdout").open("w")
        self.stderr = (log / "stderr").open("w")
        # Files, not pipes: a chatty server must never block on a full pipe.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cables", "serve", "--port", str(port)],
            cwd=project,
            stdout=self.stdout,
            stderr=self.stderr,
        )

    def output(self) -> str:
        return (self.log / "stdout").read_text() + (self.log / "stderr").read_text()

    def fetch(self, path: str) -> tuple[int, str, dict[str, str]]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8"), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)

    def version(self) -> int:
        return int(self.fetch("/__cables/version")[1])

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.output()}"
            try:
                if condition():
                    return
            except (urllib.error.URLError, ConnectionError, ValueError):
                pass  # not listening yet, or between two writes
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}:\n{self.output()}")

    def wait_for_rebuild(self, after: int) -> int:
        self.wait_for(f"a build after version {after}", lambda: self.version() > after)
        return self.version()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stdout.close()
        self.stderr.close()
        return self.process.returncode


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = copy_edition(tmp_path / "edition")
    log = tmp_path / "log"
    log.mkdir()
    running = Preview(project, free_port(), log)
    try:
        yield running
    finally:
        running.stop()


@pytest.mark.slow
def test_serve_rebuilds_on_save_shows_findings_and_stops_on_ctrl_c(preview: Preview) -> None:
    project = preview.project
    preview.wait_for("the first build", lambda: preview.version() >= 1)
    assert f"serving build/site at {preview.base}/" in preview.output()

    # Pages come from build/site/, with the live-reload script added to the response only.
    status, home, headers = preview.fetch("/")
    assert status == 200 and "China and Romania" in home
    assert f'<script src="{SCRIPT_PATH}" data-version="1"></script></body>' in home
    assert headers["Cache-Control"] == "no-store"
    assert "__cables" not in (project / "build/site/index.html").read_text(encoding="utf-8")
    status, page, _ = preview.fetch("/" + PAGE)
    assert status == 200 and SCRIPT_PATH in page
    status, script, headers = preview.fetch(SCRIPT_PATH)
    assert status == 200 and "location.reload" in script
    assert headers["Content-Type"].startswith("text/javascript")
    status, stylesheet, _ = preview.fetch("/assets/edition.css")
    assert status == 200 and SCRIPT_PATH not in stylesheet
    assert preview.fetch("/no-such-page.html")[0] == 404

    # Saving a change rebuilds the site, and the page shows it.
    version = preview.version()
    replace_in(project / DOCUMENT, "<head>Header</head>", "<head>Header as revised</head>")
    version = preview.wait_for_rebuild(version)
    preview.wait_for(
        "the revised page", lambda: "Header as revised" in preview.fetch("/" + PAGE)[1]
    )
    assert "Header as revised" in (project / "build/site" / PAGE).read_text(encoding="utf-8")
    good_build = digest(project / "build/site")

    # An invalid file: every page shows the findings, escaped, and the good build stays.
    replace_in(
        project / DOCUMENT,
        'ref="../authority/persons.xml#per-peng-zhen"',
        'ref="../authority/persons.xml#&lt;script&gt;alert(1)&lt;/script&gt;"',
    )
    version = preview.wait_for_rebuild(version)
    for path in ("/", "/" + PAGE, "/persons.html"):
        status, shown, _ = preview.fetch(path)
        assert status == 200
        assert "The edition has errors" in shown
        assert "[pointer-unresolved]" in shown
        assert f"{DOCUMENT}:" in shown
        assert "#&lt;script&gt;alert(1)&lt;/script&gt;" in shown
        assert "<script>alert(1)" not in shown
        assert f'<script src="{SCRIPT_PATH}" data-version="{version}"></script>' in shown
    assert digest(project / "build/site") == good_build
    assert "[pointer-unresolved]" in preview.output()

    # Fixed again: the pages come back.
    replace_in(
        project / DOCUMENT,
        'ref="../authority/persons.xml#&lt;script&gt;alert(1)&lt;/script&gt;"',
        'ref="../authority/persons.xml#per-peng-zhen"',
    )
    preview.wait_for_rebuild(version)
    preview.wait_for(
        "the page instead of the findings",
        lambda: "Header as revised" in preview.fetch("/" + PAGE)[1],
    )

    assert preview.stop() in (0, 130)
    output = preview.output()
    assert "Traceback" not in output
    assert "preview stopped" in output
    assert not list((project / "build").glob(".staging-*"))


def request(port: int, method: str, path: str, host: str | None) -> tuple[int, bytes]:
    """A request with exactly the Host header given (none when None)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.slow
def test_serve_answers_only_requests_for_a_local_host(preview: Preview) -> None:
    preview.wait_for("the first build", lambda: preview.version() >= 1)
    port = int(preview.base.rsplit(":", 1)[1])
    for host in ("127.0.0.1", f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", "[::1]",
                 f"[::1]:{port}"):  # fmt: skip
        status, body = request(port, "GET", "/", host)
        assert status == 200 and b"China and Romania" in body, host
    # A page that made its own name point at 127.0.0.1 (DNS rebinding) gets nothing,
    # whatever it asks for and however.
    for host in ("attacker.example", f"attacker.example:{port}", f"localhost:{port + 1}",
                 "127.0.0.1.attacker.example", "localhost.", "", None):  # fmt: skip
        for method, path in (("GET", "/"), ("GET", "/" + PAGE), ("HEAD", "/"),
                             ("GET", "/__cables/version"), ("POST", "/")):  # fmt: skip
            status, body = request(port, method, path, host)
            assert (status, body) == (403, b""), (host, method, path)


def test_server_listens_on_loopback_only(tmp_path: Path) -> None:
    server = PreviewServer(0, tmp_path, Reporter(io.StringIO(), NORMAL))
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.slow
def test_serve_refuses_a_port_in_use(tmp_path: Path) -> None:
    project = copy_edition(tmp_path / "edition")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "cables", "serve", "--port", str(port)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"port {port} is in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_findings_page_escapes_what_it_quotes() -> None:
    finding = Diagnostic(
        "tei/documents/a.xml", 3, 4, "error", "xsd", "<b>bold</b> & <script>x()</script>", "<i>"
    )
    page = findings_page([finding], 1).decode("utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;" in page
    assert "hint: &lt;i&gt;" in page
    assert "<script>x()" not in page and "<b>" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_live_reload_script_goes_before_the_end_of_the_body() -> None:
    assert with_live_reload(b"<html><body><p>x</p></BODY></html>", 7) == (
        b'<html><body><p>x</p><script src="/__cables/live-reload.js" data-version="7">'
        b"</script></BODY></html>"
    )
    assert with_live_reload(b"<p>fragment</p>", 1).startswith(b"<p>fragment</p><script ")
