"""The dashboard, written again after every run."""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.dashboard import write_dashboard

logger = logging.getLogger(__name__)


class Dashboard:
    """After the run report is written, write ``NEWSCRAWL_REPORT_DIR/dashboard.html`` (and
    ``.json``) from every site's reports there; nothing when that folder does not exist (a
    run whose outputs, and so its report, went elsewhere)."""

    def __init__(self, folder: Path, schedule_minutes: int) -> None:
        self.folder = folder
        self.schedule_minutes = schedule_minutes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Dashboard:
        """Connect after the run report (extensions connect in their order); off with
        ``NEWSCRAWL_DASHBOARD_ENABLED`` false."""
        if not crawler.settings.getbool("NEWSCRAWL_DASHBOARD_ENABLED"):
            raise NotConfigured
        extension = cls(Path(crawler.settings["NEWSCRAWL_REPORT_DIR"]), crawler.settings.getint("NEWSCRAWL_SCHEDULE_MINUTES"))
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        """Write the dashboard; a failure to do so is logged, never fails the run."""
        if not self.folder.is_dir():
            return
        try:
            logger.info("Dashboard: %s", write_dashboard(self.folder, schedule_minutes=self.schedule_minutes))
        except OSError as error:
            logger.error("The dashboard could not be written in %s: %s", self.folder, error)
