"""Every name a run is described by, in one place: the stat keys the crawl counts under, the
reasons a page is not exported, and the finish reasons of a crawl stopped early (no Scrapy
import). The report, the monitors, the dashboard and the archive read them from here."""

from __future__ import annotations

# --- The run as a whole -----------------------------------------------------------------

STATUS_STAT = "newscrawl/run/status"
"""``OK`` or ``FAILED``; ``scrapy crawl`` exits with status 1 on ``FAILED``."""
FAILURES_STAT = "newscrawl/run/failures"
"""Stat holding the failed monitors' messages, one sentence each."""
MONITORED_STAT = "newscrawl/run/monitors"
"""Stat holding how many monitors ran; absent when the monitors themselves broke."""
EXPORTED_STAT = "newscrawl/items_stored"
"""Stat counting the items every feed holds: the run's exported items (an item handed to a
feed that failed is scraped, not exported)."""
STOP_DETAIL_STAT = "newscrawl/stopped_at_once"
"""Stat holding why a crawl was stopped at once, in words (what could not be fetched; what the
home page shows), for the run's verdict to say in one sentence."""
REJECTS_FILE_STAT = "newscrawl/rejects_file"
"""Stat holding the path of the run's rejects file."""

HANDLER_ERRORS_STAT = "newscrawl/errors/signal_handlers"
"""Stat counting the errors raised in signal handlers (Scrapy logs them and goes on)."""
HANDLER_ERROR_DETAIL_STAT = "newscrawl/errors/signal_handler_last"
"""Stat naming the last handler that raised and its error, in words."""

ERROR_BUDGET_STAT = "newscrawl/error_budget/exhausted"
"""Requests failed in a row when the error budget ran out."""

# --- Finish reasons of a crawl stopped early --------------------------------------------

FEED_FAILED_REASON = "feed_failed"
"""The finish reason of a crawl stopped because a feed could not be written."""
ERROR_BUDGET_REASON = "error_budget_exhausted"
"""The finish reason of a crawl stopped by :class:`ErrorBudget` after failures in a row."""
UNREACHABLE_REASON = "site_unreachable"
"""The finish reason of a crawl stopped because the site could not be reached at all."""
UNKNOWN_SECTION_REASON = "unknown_section"
"""The finish reason of a crawl asked for a section its site's menu does not offer."""
NOT_NDSOFT_REASON = "not_ndsoft"
"""The finish reason of a crawl whose address's home page links no article the ND소프트 way."""

CMS_CHANGED_REASON = "cms_changed"
"""The finish reason of a crawl whose home page shows another CMS family than the site's."""

# --- Pages not exported ------------------------------------------------------------------

DROPPED_PREFIX = "newscrawl/dropped/"
"""Stats ``newscrawl/dropped/<reason>``: pages not exported, by reason."""
PARSE_ERROR_REASON = "parse_error"
"""A page whose parsing raised (a bug; Scrapy logs the traceback)."""
MISSING_REASON = "missing"
"""An article id that is not used (a soft 404, a redirect, a 404): remembered, never fetched again."""

# --- How pages were read -----------------------------------------------------------------

SKIN_PREFIX = "newscrawl/skin/"
"""Stats ``newscrawl/skin/<name>``: article pages read with each skin (``unknown``: none)."""
RULE_PREFIX = "newscrawl/rule/"
"""Stats ``newscrawl/rule/<field>/<rule>``: article pages whose field each rule read (``meta``:
the page's metadata)."""
FALLBACK_PREFIX = "newscrawl/fallback/"
"""Stats ``newscrawl/fallback/<field>``: article pages whose field came from metadata."""
FALLBACK_PAGES_STAT = "newscrawl/fallback_pages"
"""Stat counting the article pages that needed the metadata for at least one field."""
LIST_LAYOUT_PREFIX = "newscrawl/list_layout/"
"""List pages counted by the list layout that read them."""

HOME_FAMILY_STAT = "newscrawl/home_family"
"""The family the run's home page was recognised as (``unknown`` when none clearly)."""

# --- Routing -----------------------------------------------------------------------------

LIST_PAGES_STAT = "newscrawl/list_pages"
"""Section list pages read."""
LIST_ENTRIES_STAT = "newscrawl/list_entries"
"""Article entries on those list pages."""
ESTIMATE_PREFIX = "newscrawl/estimate/"
"""Stats ``newscrawl/estimate/<section>``: entries on page 1 × the last page number."""
LINKS_FOLLOWED_STAT = "newscrawl/links/followed"
"""Article requests made for links found anywhere on a page (boxes, undeclared neighbour links)."""
FEED_ENTRIES_STAT = "newscrawl/feed_entries"
"""Items of the site's feeds read."""
WALK_REQUESTS_STAT = "newscrawl/walk/requests"
"""Article ids requested by the walk over ids."""
SKIPPED_PREFIX = "newscrawl/skipped/"
"""Stats ``newscrawl/skipped/<why>``: articles not exported by choice (``other_section``,
``out_of_window``, ``feed_out_of_window``), not faults."""
RECHECK_UNCHANGED_STAT = "newscrawl/recheck/unchanged"
"""Rechecked articles found unchanged (``-a recheck_days``): not exported again."""
RECHECK_UPDATED_STAT = "newscrawl/recheck/updated"
"""Rechecked articles found changed: exported again as updates."""
DUPLICATES_STAT = "newscrawl/duplicates"
"""Items dropped as a second copy of an article this run exported."""

# --- Downloads -----------------------------------------------------------------------------

MIN_GAP_STAT = "newscrawl/pace/min_gap_ms"
"""Stat: the smallest gap between two requests sent to one site, in milliseconds."""
ENCODING_CORRECTED_STAT = "newscrawl/encoding/corrected"
"""Pages decoded with another encoding than the one they declared."""
CRAWL_DELAY_STAT = "newscrawl/crawl_delay"
"""The robots.txt ``Crawl-delay`` kept as the site's delay, in seconds."""
FAILED_FEEDS_STAT = "newscrawl/feeds/failed"
"""Stat listing the feeds that could not be written, a sentence each naming the feed and the error."""
STORE_FAILED_PREFIX = "feedexport/failed_count/"
"""Scrapy's stats of feeds whose storage failed when the crawl ended, by storage type."""
