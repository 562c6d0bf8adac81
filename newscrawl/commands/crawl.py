"""``scrapy crawl`` that refuses bad spider arguments with a one-line reason, never runs
alongside another run of the same site and state folder, crawls many sites in one process
(``scrapy crawl sites -a file=sites.toml``), crawls a site given by its address alone
(``scrapy crawl auto -a base_url=…``, its CMS recognised first), and exits non-zero when a run
report says FAILED."""

from __future__ import annotations

import argparse
import difflib
import logging
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.log import get_scrapy_root_handler

from newscrawl.alerts import alert_actions
from newscrawl.auto import AUTO_SPIDER, LastSeen, crawled_family, detect
from newscrawl.cms.families import FAMILIES
from newscrawl.cms.model import Site, SiteProfile
from newscrawl.cms.spider import CmsSpider, spider_classes
from newscrawl.dashboard import write_dashboard
from newscrawl.extract.urls import normalize_base_url
from newscrawl.keys import EXPORTED_STAT, FAILURES_STAT, STATUS_STAT
from newscrawl.multisite import SITES_SPIDER, FreezeHeapWhenOpen, output_root, read_sites_file, site_feeds, site_spider, summary_lines
from newscrawl.runlock import ALREADY_RUNNING_EXIT, RunLock, SiteBusy, acquire
from newscrawl.sitelog import SitesRunLog
from newscrawl.sites_file import SiteEntry, site_name

logger = logging.getLogger(__name__)
_PER_SITE = SETTINGS_PRIORITIES["cmdline"] + 10
# In a sites run, each site's log counts are of its own records, through one handler for all.
_SITE_LOG_COUNT = {"scrapy.extensions.logcount.LogCount": None, "newscrawl.extensions.site_log_count.SiteLogCount": 0}


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``, plus a check of the site's name and arguments and the site's run
    lock first and the run status last."""

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's options; without ``-o``/``-O`` or ``FEEDS``, the timestamped default
        outputs of ``NEWSCRAWL_DEFAULT_FEEDS``; then the alerts, the site's name and its ``-a``
        arguments checked, each refused with one line (exit status 2) before Scrapy starts."""
        super().process_options(args, opts)
        assert self.settings is not None
        # The -s NAME=VALUE options, passed on to the recognition of bare addresses.
        self.setting_options: list[str] = list(opts.set)
        if not (opts.output or opts.overwrite_output or self.settings.getdict("FEEDS")):
            self.settings.set("FEEDS", self.settings.getdict("NEWSCRAWL_DEFAULT_FEEDS"), priority="project")
        # Checked before Scrapy starts (and logs its versions): a wrong name or argument is one line.
        _check_alerts(self.settings)
        if len(args) == 1 and args[0] not in (SITES_SPIDER, AUTO_SPIDER):
            _check(_load(get_spider_loader(self.settings), args[0]), opts.spargs)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Take the site's run lock, crawl, and set the exit status: 1 for a FAILED run,
        :data:`ALREADY_RUNNING_EXIT` when another run holds the lock."""
        if len(args) != 1:
            super().run(args, opts)
            return
        if args[0] == SITES_SPIDER:
            self._run_sites(opts)
            return
        assert self.crawler_process is not None
        spider_class: type[Spider]
        if args[0] == AUTO_SPIDER:  # its family known only once its home page is recognised
            spider_class = self._auto_spider(opts.spargs)
            _check(spider_class, opts.spargs)
        else:
            spider_class = self.crawler_process.spider_loader.load(args[0])  # checked in process_options
        lock = self._lock(spider_class)
        if lock is None:
            self.exitcode = ALREADY_RUNNING_EXIT
            return
        crawler = self._create_crawler(spider_class)
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        lock.release()
        if self.crawler_process.bootstrap_failed or _status(crawler) == "FAILED":
            self.exitcode = 1

    def _run_sites(self, opts: argparse.Namespace) -> None:
        """Crawl every site of ``-a file=`` in this process, one crawler each; log a line per
        site as it ends and one summary at the end; exit 1 when any site FAILED, else 75 when
        one was still crawling."""
        assert self.crawler_process is not None and self.settings is not None
        arguments = {key: value for key, value in opts.spargs.items() if key != "_job"}  # Scrapyd's job id
        path, text = arguments.pop("file", ""), arguments.pop("toml", "")
        if arguments or not (path or text):
            raise UsageError("a sites run takes -a file=sites.toml (or the file's text as -a toml=…)", print_help=False)
        if opts.output or opts.overwrite_output:
            raise UsageError("a sites run writes each site's files under output/<site>/: leave out -o/-O", print_help=False)
        loader = self.crawler_process.spider_loader
        try:
            entries = read_sites_file(text or Path(path).read_text(encoding="utf-8"), loader)
        except (OSError, ValueError) as error:
            raise UsageError(f"{path or 'the sites file'}: {error}", print_help=False) from None
        entries = self._recognised(entries, loader.list())
        root = output_root(self.settings.getdict("FEEDS"), self.settings["NEWSCRAWL_REPORT_DIR"])
        runs: list[tuple[str, Crawler, RunLock]] = []
        busy: list[str] = []
        for entry in entries:
            spider_class, spider_arguments = site_spider(entry, loader)
            _check(spider_class, spider_arguments)
            lock = self._lock(spider_class)
            if lock is None:
                busy.append(entry.name)
                continue
            crawler = self.crawler_process.create_crawler(spider_class)
            # Above the command line's priority: the process's own settings are merged into each
            # crawler again when it starts, and a job server's FEEDS must not win there.
            crawler.settings.set("FEEDS", site_feeds(root), priority=_PER_SITE)
            crawler.settings.set("NEWSCRAWL_REPORT_DIR", str(root), priority=_PER_SITE)
            crawler.settings.set("NEWSCRAWL_DASHBOARD_ENABLED", False, priority=_PER_SITE)  # once, below
            crawler.settings.set("EXTENSIONS", {**crawler.settings.getdict("EXTENSIONS"), **_SITE_LOG_COUNT}, priority=_PER_SITE)
            self.crawler_process.crawl(crawler, **spider_arguments)
            runs.append((entry.name, crawler, lock))
        FreezeHeapWhenOpen([crawler for _, crawler, _ in runs])
        handler = get_scrapy_root_handler()
        if handler is not None and handler.level > logging.DEBUG:  # at debug level, every line
            SitesRunLog().install()
        self.crawler_process.start()
        verdicts = []
        for name, crawler, lock in runs:
            lock.release()
            stats = crawler.stats.get_stats() if crawler.stats else {}
            verdicts.append((name, _status(crawler) or "FAILED", stats.get(EXPORTED_STAT, 0), stats.get(FAILURES_STAT, [])))
        lines = summary_lines(verdicts, busy)
        if runs:
            page = write_dashboard(root, schedule_minutes=self.settings.getint("NEWSCRAWL_SCHEDULE_MINUTES"))
            lines.append(f"dashboard: {page}")
        logger.info("Sites run: %s", "\n  ".join(lines))
        if self.crawler_process.bootstrap_failed or any(verdict[1] != "OK" for verdict in verdicts):
            self.exitcode = 1
        elif busy:
            self.exitcode = ALREADY_RUNNING_EXIT

    def _auto_spider(self, arguments: dict[str, str]) -> type[CmsSpider]:
        """The spider of the site at ``-a base_url``, as the family its home page shows (or,
        when it was seen before, the family it was last seen as: a change fails the crawl at
        once); refused with one line when that family is not crawled or not clear."""
        try:
            address = normalize_base_url(arguments.get("base_url", ""))
        except ValueError as error:
            raise UsageError(f"scrapy crawl {AUTO_SPIDER} takes the site's address: {error}", print_help=False) from None
        entry = self._recognised([SiteEntry(site_name(address), base_url=address)], ())[0]
        family = FAMILIES[entry.cms]
        profile = SiteProfile(Site(entry.name, address), family.cms)
        return spider_classes({entry.name: profile}, family.spider, __name__)[entry.name]

    def _recognised(self, entries: list[SiteEntry], known: Collection[str]) -> list[SiteEntry]:
        """The entries, those given by address alone (an unknown name, no cms) with the family
        to crawl them as (see :class:`LastSeen`); refused with one line (exit status 2) when
        one's home page shows no crawled family."""
        bare = [entry for entry in entries if entry.name not in known and not entry.cms]
        if not bare:
            return entries
        assert self.settings is not None
        try:
            found = detect([entry.base_url for entry in bare], self.setting_options)
            last_seen = LastSeen(Path(self.settings["NEWSCRAWL_STATE_DIR"]))
            families = {entry.name: last_seen.family(entry.name, crawled_family(found[entry.base_url])) for entry in bare}
        except (OSError, ValueError, KeyError) as error:
            raise UsageError(str(error), print_help=False) from None
        return [replace(entry, cms=families[entry.name]) if entry.name in families else entry for entry in entries]

    def _lock(self, spider_class: Any) -> RunLock | None:
        """The run lock of the spider's site, or ``None`` (logged) when another run holds it."""
        assert self.settings is not None
        site = getattr(getattr(spider_class, "site", None), "name", spider_class.name)
        try:
            return acquire(Path(self.settings["NEWSCRAWL_STATE_DIR"]), site, self.settings.getfloat("NEWSCRAWL_LOCK_WAIT"))
        except SiteBusy as busy:
            logger.error("%s", busy)
            return None


def _load(loader: Any, name: str) -> Any:
    """The spider class named ``name``; an unknown name is refused with one line naming the
    close matches (``scrapy sites`` lists them all)."""
    try:
        return loader.load(name)
    except KeyError:
        close = difflib.get_close_matches(name, loader.list(), n=3)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise UsageError(f"no site named {name!r}; {hint}scrapy sites lists them all", print_help=False) from None


def _check(spider_class: Any, arguments: dict[str, str]) -> None:
    """Refuse bad spider arguments with the spider's one-line reason."""
    check = getattr(spider_class, "check_arguments", None)
    if check is not None:
        try:
            check(arguments)
        except ValueError as error:
            raise UsageError(str(error), print_help=False) from None


def _check_alerts(settings: Any) -> None:
    """Refuse, before anything is crawled, alerts that are switched on but cannot be sent."""
    try:
        alert_actions(settings)
    except ValueError as error:
        raise UsageError(str(error), print_help=False) from None


def _status(crawler: Crawler) -> str | None:
    return crawler.stats.get_value(STATUS_STAT) if crawler.stats is not None else None
