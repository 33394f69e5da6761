"""`cables serve`: a local preview of the web edition, rebuilt whenever a source is saved.

Serves build/site/ on 127.0.0.1, polls tei/, schema/, xslt/ and edition.toml for changes,
rebuilds with build(), and reloads open pages through a script that the server adds to
HTML responses (the files on disk stay as built). While the sources have errors, every page
shows the findings instead, and build/site/ keeps the last good build.
"""

from __future__ import annotations

import errno
import functools
import json
import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import builder as E

from cables.build import build
from cables.config import CONFIG_NAME, Edition, load_edition
from cables.diagnostics import ERROR, Diagnostic, summary_line
from cables.errors import CablesError
from cables.outputs import remove_stale_staging, terminate_as_interrupt
from cables.progress import Reporter, show_warnings
from cables.search_index import script_json
from cables.supervise import stop_group
from cables.transform import customisation_files

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Seconds between two looks at the sources, and the quiet time a change must settle for
#: (editors often save a file in several writes).
POLL_SECONDS = 0.5
SETTLE_SECONDS = 0.3
VERSION_PATH = "/__cables/version"
SCRIPT_PATH = "/__cables/live-reload.js"

#: Asks the server for the build's version once a second and reloads the page when it
#: changed. Without JavaScript the preview still works; the page is just not reloaded.
#: Values reach the script only as JSON written by script_json, the one escaping rule for
#: the scripts cables writes.
LIVE_RELOAD_SCRIPT = f"""\
(function () {{
  "use strict";
  var version = document.currentScript.getAttribute("data-version");
  function poll() {{
    fetch({script_json(json.dumps(VERSION_PATH))}, {{ cache: "no-store" }})
      .then(function (response) {{ return response.text(); }})
      .then(function (current) {{
        if (current.trim() !== version) {{ window.location.reload(); }}
        else {{ window.setTimeout(poll, 1000); }}
      }})
      .catch(function () {{ window.setTimeout(poll, 2000); }});
  }}
  window.setTimeout(poll, 1000);
}})();
""".encode()

FINDINGS_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }
h1 { color: #9b1c1c; }
li { margin-bottom: 0.8rem; }
code { font-family: ui-monospace, monospace; }
.error { color: #9b1c1c; font-weight: bold; }
.warning { color: #8a5a00; font-weight: bold; }
.hint { color: #444; }
"""


@dataclass(frozen=True)
class PreviewState:
    """What the server shows: the build's version and, while the sources have errors, the
    page of findings that replaces every HTML page. Replaced whole, never changed."""

    version: int = 0
    findings_page: bytes | None = None


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, site: Path, reporter: Reporter) -> None:
        self.site = site
        self.reporter = reporter
        self.state = PreviewState()
        handler = functools.partial(PreviewHandler, directory=str(site))
        super().__init__((HOST, port), handler)

    def handle_error(self, request: Any, client_address: Any) -> None:  # noqa: ARG002
        # A browser that goes away mid-response is no reason for a traceback.
        error = sys.exc_info()[1]
        self.reporter.detail(f"serve: request from {client_address[0]} failed: {error}")


#: The names a browser on this machine reaches the preview by. A request naming any other
#: host comes from a page that made its own name point at 127.0.0.1 ("DNS rebinding"),
#: which could otherwise read the unpublished edition.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def local_host(host: str | None, port: int) -> bool:
    """Whether a Host header names this machine's preview: a local name, with no port or
    with the server's own."""
    if host is None:
        return False
    name, colon, given = host.strip().lower().rpartition(":")
    if not colon or name.endswith(":"):  # no port, or the colons of an IPv6 address only
        name, given = host.strip().lower(), str(port)
    return name in LOCAL_HOSTS and given == str(port)


class PreviewHandler(SimpleHTTPRequestHandler):
    server: PreviewServer

    def parse_request(self) -> bool:
        # Every method, before anything is read from the site: a foreign Host gets 403
        # and no content.
        if not super().parse_request():
            return False
        if local_host(self.headers.get("Host"), self.server.server_address[1]):
            return True
        self.send_response(HTTPStatus.FORBIDDEN)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        return False

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        state = self.server.state
        if path == VERSION_PATH:
            self._send(str(state.version).encode(), "text/plain; charset=utf-8", send_body)
        elif path == SCRIPT_PATH:
            self._send(LIVE_RELOAD_SCRIPT, "text/javascript; charset=utf-8", send_body)
        elif self._is_page(path) and state.findings_page is not None:
            page = with_live_reload(state.findings_page, state.version)
            self._send(page, "text/html; charset=utf-8", send_body)
        elif self._is_page(path) and (page_file := self._page_file(path)) is not None:
            page = with_live_reload(page_file.read_bytes(), state.version)
            self._send(page, "text/html; charset=utf-8", send_body)
        elif send_body:
            super().do_GET()
        else:
            super().do_HEAD()

    @staticmethod
    def _is_page(path: str) -> bool:
        return path.endswith(("/", ".html", ".htm"))

    def _page_file(self, path: str) -> Path | None:
        file = Path(self.translate_path(path))
        if path.endswith("/"):
            file = file / "index.html"
        return file if file.is_file() else None

    def _send(self, body: bytes, content_type: str, send_body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        self.server.reporter.detail("serve: " + format % args)


def with_live_reload(page: bytes, version: int) -> bytes:
    """The page with the live-reload script added before </body> (or at its end)."""
    script = etree.tostring(
        E.SCRIPT("", src=SCRIPT_PATH, **{"data-version": str(version)}), method="html"
    )
    at = page.lower().rfind(b"</body>")
    if at == -1:
        return page + script
    return page[:at] + script + page[at:]


def findings_page(diagnostics: list[Diagnostic], files_checked: int) -> bytes:
    """The page shown in place of every page while the sources have errors."""
    errors = [d for d in diagnostics if d.severity == ERROR]
    items = []
    # The errors first: they are why the page is shown.
    for finding in sorted(diagnostics, key=lambda d: d.severity != ERROR):
        parts: list[Any] = [
            E.CODE(f"{finding.path}:{finding.line}:{finding.column}"),
            " ",
            E.SPAN(finding.severity, E.CLASS(finding.severity)),
            f": {finding.message} [{finding.rule}]",
        ]
        if finding.hint:
            parts += [E.BR(), E.SPAN(f"hint: {finding.hint}", E.CLASS("hint"))]
        items.append(E.LI(*parts))
    title = f"cables preview: {len(errors)} error{'' if len(errors) == 1 else 's'}"
    return _page(
        title,
        E.H1("The edition has errors"),
        E.P(
            "Nothing was rebuilt: build/site/ keeps the last good build. "
            "This page reloads by itself when the files are saved again."
        ),
        E.OL(*items),
        E.P(summary_line(diagnostics, files_checked)),
    )


def error_page(error: CablesError) -> bytes:
    """The page shown when the preview cannot be built at all (a stylesheet or config fault)."""
    return _page(
        "cables preview: the build failed",
        E.H1("The preview could not be built"),
        E.PRE(str(error)),
        E.P("build/site/ keeps the last good build. This page reloads when files are saved."),
    )


def _page(title: str, *body: Any) -> bytes:
    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.TITLE(title), E.STYLE(FINDINGS_STYLE)),
        E.BODY(*body),
        lang="en",
    )
    return etree.tostring(page, method="html", encoding="UTF-8", doctype="<!DOCTYPE html>")


def watched_files(edition: Edition) -> Iterator[Path]:
    """The sources of the web edition: tei/, schema/, xslt/, edition.toml and the files of
    the project's customisation layer."""
    yield edition.root / CONFIG_NAME
    yield from customisation_files(edition)
    folders = {
        *edition.tei_dirs,
        edition.xsd_path.parent,
        edition.schematron_path.parent,
        edition.xslt_dir,
    }
    for folder in sorted(folders):
        if folder.is_file():
            yield folder  # a register [corpus] names by itself
        elif folder.is_dir() and not folder.is_relative_to(edition.build_dir):
            for path in folder.rglob("*"):
                # Editors' swap and backup files come and go; they are not sources. The
                # build folder may lie inside a corpus folder ([corpus] documents = ".").
                if path.name.startswith((".", "#")) or path.name.endswith(("~", ".swp")):
                    continue
                if path.is_relative_to(edition.build_dir):
                    continue
                yield path


def snapshot(edition: Edition) -> dict[Path, tuple[int, int]]:
    """Size and modification time of every source file, to compare with a later look."""
    found = {}
    for path in watched_files(edition):
        try:
            status = path.stat()
        except OSError:
            continue  # removed while we looked
        if path.is_file():
            found[path] = (status.st_mtime_ns, status.st_size)
    return found


class Preview:
    """The watch-and-rebuild loop: runs in the main thread, so Ctrl-C stops a build cleanly."""

    def __init__(self, root: Path, server: PreviewServer, reporter: Reporter) -> None:
        self.root = root
        self.server = server
        self.reporter = reporter
        self.edition = load_edition(root)

    def publish(self, findings: bytes | None) -> None:
        version = self.server.state.version + 1
        self.server.state = PreviewState(version, findings)

    def rebuild(self) -> None:
        """Build in a spawned child (in a process group of its own, sandboxed like
        `cables build`), so that Ctrl-C stops even a long stylesheet run at once; the
        child prints what the editor reads and sends back the page to show, if any."""
        context = multiprocessing.get_context("spawn")
        receiving, sending = context.Pipe(duplex=False)
        verbosity, interactive = self.reporter.verbosity, self.reporter.interactive
        child = context.Process(
            target=_rebuild_in_child,
            args=(str(self.root), verbosity, interactive, sending),
            name="cables-rebuild",
        )
        child.start()
        sending.close()
        try:
            while not receiving.poll(0.1):
                if not child.is_alive():
                    break
            page = receiving.recv() if receiving.poll() else None
            child.join()
        except KeyboardInterrupt:
            if child.pid is not None:
                stop_group(child.pid)
            remove_stale_staging(self.edition.build_dir)
            raise
        except EOFError:  # the child died without a word
            child.join()
            page = error_page(CablesError(f"the rebuild ended with status {child.exitcode}"))
        finally:
            receiving.close()
        if child.exitcode != 0 and page is None:
            page = error_page(CablesError(f"the rebuild ended with status {child.exitcode}"))
        try:
            self.edition = load_edition(self.root)  # for the files to watch
        except CablesError:
            pass
        self.publish(page)

    def watch(self) -> None:
        seen = snapshot(self.edition)
        self.rebuild()
        while True:
            time.sleep(POLL_SECONDS)
            current = snapshot(self.edition)
            if current == seen:
                continue
            while True:  # wait until the editor has finished writing
                time.sleep(SETTLE_SECONDS)
                settled = snapshot(self.edition)
                if settled == current:
                    break
                current = settled
            changed = sorted(
                {p for p in current.keys() | seen.keys() if current.get(p) != seen.get(p)}
            )
            seen = current
            self.reporter.info(
                "changed: "
                + ", ".join(_shown(path, self.root) for path in changed[:3])
                + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
            )
            self.rebuild()


def _rebuild_in_child(root: str, verbosity: int, interactive: bool, sending: Connection) -> None:
    """In the spawned child of Preview.rebuild: build, print, send the page to show."""
    from cables.sandbox import sandbox_edition

    os.setpgid(0, 0)  # stopped with its workers as one group
    reporter = Reporter(sys.stderr, verbosity, interactive)
    show_warnings(reporter)
    started = time.monotonic()
    temporary = None
    try:
        edition = load_edition(Path(root))  # edition.toml may have changed too
        temporary = sandbox_edition(edition)
        # A bar on a terminal; without one, step lines only when asked for (--verbose).
        show = reporter.interactive or reporter.verbose
        result = build(edition, ("html",), progress=reporter if show else None)
    except CablesError as error:
        print(f"cables: the preview could not be built: {error}", file=sys.stderr)
        sending.send(error_page(error))
        return
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    checked = result.check
    if checked.errors:
        for finding in checked.diagnostics:
            if finding.severity == ERROR or reporter.verbose:
                print(finding.format_text(), file=sys.stderr)
        print(
            f"cables: {summary_line(checked.diagnostics, checked.files_checked)}; "
            "the browser shows the findings, build/site/ keeps the last good build",
            file=sys.stderr,
            flush=True,
        )
        sending.send(findings_page(checked.diagnostics, checked.files_checked))
        return
    reporter.info(
        f"rebuilt build/site in {time.monotonic() - started:.1f} s "
        f"({summary_line(checked.diagnostics, checked.files_checked)})"
    )
    sending.send(None)


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def open_server(port: int | None, site: Path, reporter: Reporter) -> PreviewServer:
    """A server on `port`, or on 8000 or else any free port when none is given."""
    try:
        return PreviewServer(DEFAULT_PORT if port is None else port, site, reporter)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise CablesError(f"cannot serve on {HOST}: {error.strerror}") from None
        if port is not None:
            raise CablesError(
                f"port {port} is in use",
                hint="choose another with --port N, or leave --port out to take a free one",
            ) from None
    return PreviewServer(0, site, reporter)


def serve(root: Path, port: int | None, reporter: Reporter) -> int:
    """Serve and rebuild until Ctrl-C (or SIGTERM); returns the exit status."""
    edition = load_edition(root)
    server = open_server(port, edition.build_dir / "site", reporter)
    host, bound = str(server.server_address[0]), server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, name="cables-serve", daemon=True)
    thread.start()
    print(f"serving build/site at http://{host}:{bound}/ (Ctrl-C to stop)", flush=True)
    try:
        with terminate_as_interrupt():
            Preview(edition.root, server, reporter).watch()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    print("cables: preview stopped", file=sys.stderr)
    return 0


__all__ = ["PreviewState", "findings_page", "serve", "with_live_reload"]
