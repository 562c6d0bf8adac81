"""Stats history kept beside the incremental state, for comparisons with earlier runs."""

from __future__ import annotations

import pickle
from collections import deque
from pathlib import Path
from typing import Any

from scrapy import Spider
from spidermon.contrib.stats.statscollectors.local_storage import LocalStorageStatsHistoryCollector

from newscrawl.names import check_site_name, path_inside


class StateDirStatsHistoryCollector(LocalStorageStatsHistoryCollector):
    """Spidermon's local stats history, stored in ``NEWSCRAWL_STATE_DIR`` rather than ``.scrapy``.

    ``spider.stats_history`` keeps holding the earlier runs only, also after this run's stats
    are saved: the monitors and the run report read it once the engine has stopped."""

    def _stats_location(self, spider: Spider) -> Path:
        directory = Path(spider.crawler.settings["NEWSCRAWL_STATE_DIR"])
        directory.mkdir(parents=True, exist_ok=True)
        return path_inside(directory, f"{check_site_name(spider.name)}_stats_history")

    def _persist_stats(self, stats: dict[str, Any], spider: Spider | None = None) -> None:
        spider = spider or self._crawler.spider
        earlier = spider.stats_history  # type: ignore[union-attr]
        history = deque([stats, *earlier], maxlen=earlier.maxlen)
        with self._stats_location(spider).open("wb") as file:
            pickle.dump(history, file)
