"""Stats history kept beside the incremental state, for comparisons with earlier runs."""

from __future__ import annotations

from pathlib import Path

from scrapy import Spider
from spidermon.contrib.stats.statscollectors.local_storage import LocalStorageStatsHistoryCollector


class StateDirStatsHistoryCollector(LocalStorageStatsHistoryCollector):
    """Spidermon's local stats history, stored in ``NEWSCRAWL_STATE_DIR`` rather than ``.scrapy``."""

    def _stats_location(self, spider: Spider) -> Path:
        directory = Path(spider.crawler.settings["NEWSCRAWL_STATE_DIR"])
        directory.mkdir(parents=True, exist_ok=True)
        return directory / f"{spider.name}_stats_history"
