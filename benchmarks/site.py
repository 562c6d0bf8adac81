"""A replica of N articles in the news21 markup (skin B), with pages the size of the real site's
(about 60 KB: header, menus, aside and footer included), served fast on 127.0.0.1.

Pages are rendered on request from the test replica's templates (``tests/replica/render.py``),
so the crawler meets exactly the markup it is tested on, padded with the furniture a real
page carries around the article.
"""

from __future__ import annotations

import threading
from functools import cached_property
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.replica import render
from tests.replica.articles import SECTIONS, Article, make_article

LIST_SIZE = 20
"""Entries per list page, as on the real site."""
PAGE_BYTES = 60_000
"""The size each article page is padded to."""
SKIN = "B"
"""The article markup: skin B, news21's own (the crawler tries a site's own skin first)."""

_CITIES = ["포항", "경주", "안동", "구미", "김천", "영주", "상주", "문경", "경산", "영천"]


def _furniture(kilobytes: int, count: int) -> list[str]:
    """Blocks a real page carries beside the article, about ``kilobytes`` KB of HTML: ranking
    boxes (linking the newest of the site's ``count`` articles), inline styles, tracking and
    advertising scripts. Real Korean news pages run at about 65 to 130 bytes per element;
    these blocks keep to that density."""
    blocks = []
    number = 0
    while sum(len(block.encode()) for block in blocks) < kilobytes * 1000:
        city = _CITIES[number % len(_CITIES)]
        items = "".join(
            f'<li><a href="/news/view.php?idx={5001 + count - 1 - (number * 8 + n) % count}&amp;mcode=m72mass272">'
            f"{city} 소식 {n}: 주민 설명회와 지역 행사, 도로 공사 일정에 관한 안내</a></li>"
            for n in range(8)
        )
        blocks.append(
            f'<div class="sideBox rank{number}"><h3>{city} 지역 소식</h3><ol class="rankList">{items}</ol></div>\n'
            f"<style>.rank{number} li{{margin:0 0 4px;padding:2px 6px;border-bottom:1px solid #eee;"
            f"font-size:14px;line-height:1.6;color:#333}}.rank{number} a:hover{{text-decoration:underline}}</style>\n"
            f"<script>window.siteTrack=window.siteTrack||[];siteTrack.push({{box:'rank{number}',items:8,"
            f"region:'{escape(city)}',slot:'side-{number}',lazy:true,refresh:300,sizes:[[300,250],[300,600]]}});"
            f"if(window.adQueue){{adQueue.push(function(){{adQueue.display('side-{number}')}})}}</script>\n"
        )
        number += 1
    return blocks


class BenchSite:
    """``count`` articles, oldest first, spread over the replica's three news sections."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.sections = [code for code in SECTIONS if code != "m96mass296"]

    def article(self, position: int) -> Article:
        """The article at ``position`` (0 is the oldest), with a body of a real article's length."""
        article = make_article(position)
        article.section = self.sections[position % len(self.sections)]
        extra = make_article(position + 1).paragraphs + make_article(position + 2).paragraphs
        article.paragraphs = article.paragraphs + extra
        return article

    @cached_property
    def furniture(self) -> tuple[str, str]:
        """The padding of every page: half between the header and the article, half before the
        footer. On the real Korean pages of ../shared/realpages the article body starts at a
        third to two thirds of the page's bytes."""
        sample = render.article_page([self.article(0)], self.article(0), SKIN)
        blocks = _furniture(max(0, PAGE_BYTES - len(sample.encode())) // 1000, self.count)
        return "".join(blocks[: len(blocks) // 2]), "".join(blocks[len(blocks) // 2 :])

    def page(self, path: str, query: dict[str, list[str]]) -> tuple[int, str]:
        """Status and HTML for a GET of ``path`` with ``query``."""
        if path == "/":
            return 200, render.home_page([self.article(self.count - 1)])
        if path == "/news/list.php":
            code, page = query.get("mcode", [""])[0], query.get("page", ["1"])[0]
            if code in SECTIONS and page.isdigit() and int(page) > 0:
                return 200, self._padded(self._list(code, int(page)))
        if path == "/news/view.php":
            idx = query.get("idx", [""])[0]
            position = int(idx) - 5001 if idx.isdigit() else -1
            if 0 <= position < self.count:
                window = [self.article(p) for p in range(max(0, position - 1), min(self.count, position + 2))]
                return 200, self._padded(render.article_page(window, window[position - max(0, position - 1)], SKIN))
        return 404, "<html><body>404</body></html>"

    def _list(self, code: str, page: int) -> str:
        if code not in self.sections:
            return render.list_html(code, page, 1, [])
        step = len(self.sections)
        first = self.sections.index(code)
        in_section = (self.count - first + step - 1) // step
        last = max(1, -(-in_section // LIST_SIZE))
        newest = first + (in_section - 1) * step
        positions = [newest - step * n for n in range((page - 1) * LIST_SIZE, min(page * LIST_SIZE, in_section))]
        return render.list_html(code, page, last, [self.article(p) for p in positions])

    def _padded(self, html: str) -> str:
        above, below = self.furniture
        html = html.replace('  <div id="container">', above + '  <div id="container">', 1)
        return html.replace('  <div id="footer">', below + '  <div id="footer">', 1)

    def urls(self, base_url: str) -> list[str]:
        """Every page a full crawl fetches: the home page, each list page, each article."""
        urls = [base_url + "/"]
        for code in SECTIONS:
            in_section = len(range(self.sections.index(code), self.count, 3)) if code in self.sections else 0
            pages = max(1, -(-in_section // LIST_SIZE))
            urls += [f"{base_url}/news/list.php?mcode={code}&page={n}" for n in range(1, pages + 1)]
        urls += [f"{base_url}/news/view.php?idx={5001 + p}" for p in range(self.count)]
        return urls


class BenchServer:
    """:class:`BenchSite` over HTTP/1.1 with keep-alive on a free port of 127.0.0.1."""

    def __init__(self, site: BenchSite) -> None:
        self.site = site
        self.requests = 0
        """Requests served since the last :meth:`reset`."""
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests += 1
                parts = urlsplit(self.path)
                status, html = server.site.page(parts.path, parse_qs(parts.query))
                body = html.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        class Server(ThreadingHTTPServer):
            request_queue_size = 256

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def reset(self) -> None:
        """Start counting requests from zero."""
        self.requests = 0

    def __enter__(self) -> BenchServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
