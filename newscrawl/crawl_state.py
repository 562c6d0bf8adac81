"""What one crawl knows of its site's articles, in one typed object on the spider
(``spider.crawl_state``): filled from the incremental state when the spider opens, kept up to
date by the spider's routing, read back when the run ends (no Scrapy import)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from newscrawl.state import ArticleRecord


@dataclass
class CrawlState:
    """Article ids by what this run knows of them."""

    known: Collection[str] = frozenset()
    """Exported (or found gone) by earlier runs: never requested again (``-a full=1``: none)."""
    rechecked: Mapping[str, ArticleRecord] = field(default_factory=dict)
    """Exported articles to fetch again (``-a recheck_days``), with what was exported of them
    (the change-detection pipeline compares their items with it)."""
    pending: Collection[str] = ()
    """Found by earlier runs but not exported (failed, or never reached by a run that stopped);
    fetched first."""
    lists_end_at_known: bool = True
    """Whether a list page whose articles are all known ends the section (false after an
    interrupted run: its unexported articles may lie further down)."""
    walk_floor: int | None = None
    """Where earlier runs' walks over ids below the oldest article met only missing ids."""
    requested: set[str] = field(default_factory=set)
    """Requested by this run: a second link to one is not turned into a request."""
    fetched: set[str] = field(default_factory=set)
    """Received and parsed by this run, whatever came of it."""
    listed: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Seen so far on each section's list pages."""
    walk_floor_reached: int | None = None
    """Where this run's walk below the oldest article met only missing ids (saved for the next)."""

    @property
    def unfetched(self) -> set[str]:
        """Requested but never received: pending for the next run."""
        return self.requested - self.fetched
