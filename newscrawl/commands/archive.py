"""``scrapy archive search|export|import|serve|stats``: the archive that every run writes
into (``NEWSCRAWL_ARCHIVE``), searched, exported, filled from exported files, served, counted."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from sqlalchemy.engine import make_url

from newscrawl.archive.bigrams import parse_query
from newscrawl.archive.export import FORMATS, export_format, write_items
from newscrawl.archive.importer import import_file
from newscrawl.archive.serve import serve
from newscrawl.archive.store import Archive, ArchiveError, Filters, archive_url

_TITLE_WIDTH = 50
_HELP = {
    "search": "print the matching articles, newest first: time, site, title, URL",
    "export": f"write the matching articles to a file ({', '.join(FORMATS)}) in the item format",
    "import": "read JSON Lines that runs exported into the archive (importing twice changes nothing)",
    "serve": "open the archive read-only in Datasette on 127.0.0.1 (Korean search, facets, CSV)",
    "stats": "articles per site and per day, versions, the last run of each site",
}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day YYYY-MM-DD: {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


class Command(ScrapyCommand):
    """The ``archive`` command and its five actions, each with its own ``--help``."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        """The usage line after ``scrapy archive``."""
        return "{search,export,import,serve,stats} [options]"

    def short_desc(self) -> str:
        """The line ``scrapy`` lists."""
        return "Search, export, import, serve or count the archive of every run"

    def long_desc(self) -> str:
        """The description ``--help`` shows."""
        return (
            "The archive every run writes into: NEWSCRAWL_ARCHIVE (a database URL; by default "
            "archive.sqlite3 in NEWSCRAWL_STATE_DIR). Run 'scrapy archive ACTION --help' for each action."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """One sub-command per action, each with Scrapy's global options (``-s NAME=value``)."""
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        for name, text in _HELP.items():
            action = actions.add_parser(name, prog=f"scrapy archive {name}", help=text, description=text[:1].upper() + text[1:] + ".")
            super().add_options(action)
            if name in ("search", "export"):
                self._filters(action, name)
        actions.choices["export"].add_argument("-O", "--output", required=True, metavar="FILE", type=Path,
                                               help=f"the file to write; its suffix names the format ({', '.join(FORMATS)})")
        actions.choices["export"].add_argument("--versions", action="store_true",
                                               help="every version of each article (oldest first), with version, first_seen, last_seen")
        actions.choices["import"].add_argument("files", nargs="+", metavar="FILE", type=Path, help="JSON Lines files of exported items")
        actions.choices["serve"].add_argument("--port", type=int, default=8001, help="the port on 127.0.0.1 (default 8001)")
        actions.choices["stats"].add_argument("--days", type=_positive, default=14, help="the newest publication days shown (default 14)")

    @staticmethod
    def _filters(parser: argparse.ArgumentParser, name: str) -> None:
        if name == "search":
            parser.add_argument("query", help='words that must all occur (대구 화재), or a "quoted phrase"')
        else:
            parser.add_argument("--search", default="", metavar="QUERY", help="only the articles this search finds")
        parser.add_argument("--site", default="", help="only this site (its name, as scrapy list shows)")
        parser.add_argument("--section", default="", help="only this section (its name, 지방자치)")
        parser.add_argument("--since", type=_day, help="published on or after this day (YYYY-MM-DD)")
        parser.add_argument("--until", type=_day, help="published on or before this day (YYYY-MM-DD)")
        parser.add_argument("--limit", type=_positive, default=20 if name == "search" else None,
                            help="at most this many articles" + (" (default 20)" if name == "search" else ""))

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Run the action; an archive that cannot be used ends it with one line and status 1."""
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        assert self.settings is not None
        url = archive_url(self.settings.get("NEWSCRAWL_ARCHIVE"), self.settings["NEWSCRAWL_STATE_DIR"])
        if url is None:
            raise UsageError("the archive is switched off (NEWSCRAWL_ARCHIVE is empty)", print_help=False)
        try:
            self.exitcode = getattr(self, f"_{opts.action}")(url, opts)
        except (ArchiveError, ValueError, OSError) as error:
            print(f"error: {error}", file=sys.stderr)
            self.exitcode = 1

    @staticmethod
    def _filters_of(opts: argparse.Namespace, query: str) -> Filters:
        return Filters(query=query, site=opts.site, section=opts.section, since=opts.since, until=opts.until, limit=opts.limit)

    def _search(self, url: str, opts: argparse.Namespace) -> int:
        parse_query(opts.query)  # a search with no word is refused before the archive is opened
        archive = Archive(url, create=False)
        rows = archive.search(self._filters_of(opts, opts.query))
        archive.close()
        table = [[(row.published_at or "")[:16].replace("T", " "), row.site, _clip(row.title, _TITLE_WIDTH), row.url] for row in rows]
        print(_table(["time", "site", "title", "url"], table))
        print(f"{len(rows)} article{'s' * (len(rows) != 1)}" + (f" (at most {opts.limit}; --limit shows more)" if len(rows) == opts.limit else ""))
        return 0

    def _export(self, url: str, opts: argparse.Namespace) -> int:
        export_format(opts.output)
        archive = Archive(url, create=False)
        count = write_items(archive.items(self._filters_of(opts, opts.search), opts.versions), opts.output, opts.versions)
        archive.close()
        print(f"{opts.output}: {count} {'versions' if opts.versions else 'articles'}")
        return 0

    def _import(self, url: str, opts: argparse.Namespace) -> int:
        archive = Archive(url)
        for path in opts.files:
            print(import_file(archive, path).line())
        archive.close()
        return 0

    def _serve(self, url: str, opts: argparse.Namespace) -> int:
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite":
            raise ArchiveError("serve opens a SQLite archive in Datasette; this archive is on " + parsed.get_backend_name())
        Archive(url, create=False).close()  # its schema version checked
        print(f"Serving {parsed.database} read-only on http://127.0.0.1:{opts.port}/ (Ctrl-C stops)", flush=True)
        return serve(Path(str(parsed.database)), opts.port)

    def _stats(self, url: str, opts: argparse.Namespace) -> int:
        archive = Archive(url, create=False)
        counts = archive.counts()
        archive.close()
        print(f"{archive.shown}: {counts['articles']} articles, {counts['events']} deletion or members-only events\n")
        print(_table(["site", "articles", "versions", "gone", "newest article"],
                     [[s["site"], s["articles"], s["versions"], s["gone"], (s["newest"] or "")[:16].replace("T", " ")] for s in counts["sites"]]))
        days = sorted({entry["day"] for entry in counts["days"] if entry["day"]}, reverse=True)[: opts.days]
        print(f"\nArticles per publication day (newest {len(days)}):")
        print(_table(["day", "site", "articles"], [[d["day"], d["site"], d["articles"]] for d in counts["days"] if d["day"] in days]))
        print("\nLast run per site:")
        print(_table(["site", "node", "started", "finished", "verdict", "exported", "rejected"],
                     [[r["site"], r["node"], r["started_at"], r["finished_at"] or "", r["verdict"] or "running or killed", r["exported"], r["rejected"]]
                      for r in counts["last_runs"]]))
        return 0


def _width(text: str) -> int:
    """Columns a terminal gives ``text`` (Hangul and other wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    clipped = ""
    for character in text:
        if _width(clipped + character) > width - 1:
            break
        clipped += character
    return clipped + "…"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    """Rows under a header, columns padded to their widest cell."""
    cells = [header] + [[str(value) for value in row] for row in rows]
    widths = [max(_width(row[column]) for row in cells) for column in range(len(header))]
    return "\n".join(
        "  ".join(cell + " " * (widths[column] - _width(cell)) for column, cell in enumerate(row)).rstrip() for row in cells
    )
