"""Serve the replica over real HTTP on 127.0.0.1.

``python -m tests.replica.server --port 8021`` serves it until interrupted; tests use
:class:`ReplicaServer` as a context manager on a free port.
"""

from __future__ import annotations

import argparse
import re
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.replica import render
from tests.replica.articles import ARTICLES, SECTIONS, Article


@dataclass(frozen=True)
class Page:
    """A canned HTTP response."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    fault: str = ""
    """How the transfer breaks after half the body: ``reset`` (TCP reset), ``hang`` (nothing
    more is ever sent) or ``close`` (closed short of the announced Content-Length)."""


ROBOTS_TXT = Page(b"User-agent: *\nDisallow: /bbs/\n", "text/plain")
NOT_FOUND = Page(b"<html><body><h1>404 Not Found</h1></body></html>", status=404)


_ARTICLE_PATHS = re.compile(r"/(?:news|article)/(\d+)")


def replica_page(articles: list[Article], path: str, query: dict[str, list[str]], skin: str = "reference") -> Page:
    """The response of the replica holding ``articles`` (article pages in ``skin``) to a GET of
    ``path`` with ``query``; an article answers at each of the CMS's URL forms."""
    if path == "/robots.txt":
        return ROBOTS_TXT
    if path in ("/", "/index.php"):
        return Page(render.home_page(articles).encode())
    if path == "/news/list.php":
        code = query.get("mcode", [""])[0]
        page = query.get("page", ["1"])[0]
        if code in SECTIONS and page.isdigit() and int(page) > 0:
            return Page(render.list_page(articles, code, int(page)).encode())
    in_path = _ARTICLE_PATHS.fullmatch(path)
    if path in ("/news/view.php", "/m/view.php") or in_path:
        idx = in_path[1] if in_path else query.get("idx", [""])[0]
        article = next((a for a in articles if str(a.idx) == idx), None)
        if article is not None:
            return _article_response(articles, article, skin)
    return NOT_FOUND


def _article_response(articles: list[Article], article: Article, skin: str) -> Page:
    if article.kind == "deleted_404":
        return NOT_FOUND
    if article.kind == "deleted_alert":
        return Page(render.DELETED_ALERT_PAGE.encode())
    body = render.article_page(articles, article, skin).encode(article.encoding)
    label = "euc-kr" if article.encoding == "cp949" else article.encoding
    with_charset = article.charset_in in ("both", "header")
    return Page(body, f"text/html; charset={label}" if with_charset else "text/html")


class _Server(ThreadingHTTPServer):
    # Room for a burst of connections: with the default backlog of 5, extra connection
    # attempts are dropped and retried a second later, which looks like a stalled server.
    request_queue_size = 128


class ReplicaServer:
    """The replica on a free port of 127.0.0.1, in a background thread.

    ``extra`` maps a path-with-query (``/news/view.php?idx=78931``) to a :class:`Page`
    served instead of the replica's own (tests mount reference pages this way), or to a list
    of pages served one per request before the replica's own.
    ``articles`` (oldest first) defaults to a copy of the replica's; tests append to it to
    publish new articles while the server runs. ``skin`` is the article markup (one of
    :data:`render.SKINS`); ``section_codes`` renames the replica's section codes, as each
    install of the CMS generates its own.
    """

    def __init__(
        self,
        port: int = 0,
        extra: dict[str, Page | list[Page]] | None = None,
        articles: list[Article] | None = None,
        delay: float = 0.0,
        rewrite: dict[bytes, bytes] | None = None,
        skin: str = "reference",
        section_codes: dict[str, str] | None = None,
        host: str = "127.0.0.1",
        pages: Callable[[list[Article], str, dict[str, list[str]], str], Page] | None = None,
    ) -> None:
        self.extra: dict[str, Page | list[Page]] = dict(extra or {})
        self.delay = delay
        """Seconds to wait before answering an article page (a slow server)."""
        self.section_codes = dict(section_codes or {})
        self.rewrite: dict[bytes, bytes] = dict(rewrite or {})
        """Byte replacements applied to every page served (a site redesign)."""
        self.rewrite.update({code.encode(): own.encode() for code, own in self.section_codes.items()})
        self.skin = skin
        self.pages = pages or replica_page
        """The site: the page for a path, a query and a skin (another CMS's replica)."""
        self.articles: list[Article] = list(ARTICLES if articles is None else articles)
        self.outage_after: int | None = None
        """Once this many requests were served, every request but robots.txt answers 503."""
        self.requests: list[str] = []
        self.request_times: list[float] = []
        """``time.monotonic()`` of each request, in the order of :attr:`requests`."""
        handler = self._handler_class()
        self.released = threading.Event()
        """Set on exit: responses left hanging (``fault="hang"``) end."""
        self.host = host
        self.httpd = _Server((host, port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://<host>:<port>``."""
        return f"http://{self.host}:{self.httpd.server_address[1]}"

    def __enter__(self) -> ReplicaServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def respond(self, target: str) -> Page:
        """The page for a request target (path and query)."""
        self.requests.append(target)
        self.request_times.append(time.monotonic())
        if self.delay and target.startswith("/news/view.php"):
            time.sleep(self.delay)
        if self.outage_after is not None and len(self.requests) > self.outage_after and target != "/robots.txt":
            return Page(b"<html><body>Service Unavailable</body></html>", status=503)
        mounted = self.extra.get(target)
        if isinstance(mounted, Page):
            page = mounted
        elif mounted:
            page = mounted.pop(0)
        else:
            parts = urlsplit(target)
            query = parse_qs(parts.query)
            replica_codes = {own: code for code, own in self.section_codes.items()}
            if "mcode" in query:
                query["mcode"] = [replica_codes.get(code, code) for code in query["mcode"]]
            page = self.pages(self.articles, parts.path, query, self.skin)
        body = page.body
        for old, new in self.rewrite.items():
            body = body.replace(old, new)
        return replace(page, body=body)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page = server.respond(self.path)
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                for name, value in page.headers:
                    self.send_header(name, value)
                self.end_headers()
                if page.fault:
                    self._break_transfer(page)
                else:
                    self.wfile.write(page.body)

            def _break_transfer(self, page: Page) -> None:
                self.wfile.write(page.body[: len(page.body) // 2])
                self.wfile.flush()
                self.close_connection = True
                if page.fault == "hang":
                    server.released.wait(120)
                elif page.fault == "reset":
                    # Linger 0: close() sends a TCP reset instead of an orderly end.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()

            def finish(self) -> None:
                """Ignore the socket a reset fault closed already."""
                try:
                    super().finish()
                except (OSError, ValueError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: tests read ``ReplicaServer.requests`` instead."""

        return Handler


def main() -> None:
    """Serve the replica until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8021)
    parser.add_argument("--skin", choices=render.SKINS, default="reference", help="the article markup served")
    options = parser.parse_args()
    try:
        server = ReplicaServer(options.port, skin=options.skin)
    except OSError as error:
        parser.exit(1, f"cannot serve the replica on 127.0.0.1:{options.port}: {error.strerror or error} (another program holds the port? try --port {options.port + 1})\n")
    with server:
        print(f"Serving the news21 replica at {server.base_url} (Ctrl-C to stop)", flush=True)
        try:
            server.thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
