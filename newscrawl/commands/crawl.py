"""``scrapy crawl`` that refuses bad spider arguments with a one-line reason, never runs
alongside another run of the same site and state folder, and exits non-zero when the run
report says FAILED."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawl.extensions.report import STATUS_STAT
from newscrawl.runlock import ALREADY_RUNNING_EXIT, SiteBusy, acquire

logger = logging.getLogger(__name__)


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``, plus an argument check and the site's run lock first and the run
    status last."""

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's options; without ``-o``/``-O`` or ``FEEDS``, the timestamped default
        outputs of ``NEWSCRAWL_DEFAULT_FEEDS``."""
        super().process_options(args, opts)
        assert self.settings is not None
        if not (opts.output or opts.overwrite_output or self.settings.getdict("FEEDS")):
            self.settings.set("FEEDS", self.settings.getdict("NEWSCRAWL_DEFAULT_FEEDS"), priority="project")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Check ``-a`` arguments, take the site's run lock, crawl, and set the exit status:
        1 for a FAILED run, :data:`ALREADY_RUNNING_EXIT` when another run holds the lock."""
        if len(args) != 1:
            super().run(args, opts)
            return
        assert self.crawler_process is not None
        spider_class = self.crawler_process.spider_loader.load(args[0])
        check = getattr(spider_class, "check_arguments", None)
        if check is not None:
            try:
                check(opts.spargs)
            except ValueError as error:
                raise UsageError(str(error), print_help=False) from None
        site = getattr(getattr(spider_class, "site", None), "name", spider_class.name)
        try:
            lock = acquire(Path(self.settings["NEWSCRAWL_STATE_DIR"]), site, self.settings.getfloat("NEWSCRAWL_LOCK_WAIT"))
        except SiteBusy as busy:
            logger.error("%s", busy)
            self.exitcode = ALREADY_RUNNING_EXIT
            return
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        lock.release()
        failed = crawler.stats is not None and crawler.stats.get_value(STATUS_STAT) == "FAILED"
        if self.crawler_process.bootstrap_failed or failed:
            self.exitcode = 1
