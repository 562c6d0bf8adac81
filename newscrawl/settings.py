"""Project defaults. Everything here can be overridden with ``-s NAME=value``."""

import os

from newscrawl.items import ARTICLE_FIELDS
from newscrawl.schema import ARTICLE_SCHEMA

BOT_NAME = "newscrawl"
# What an operator reads: no item dumps (Scrapy logs every item at DEBUG); -s LOG_LEVEL=DEBUG
# shows every request and item again.
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.ItemlessLogFormatter"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
COMMANDS_MODULE = "newscrawl.commands"

# Polite by default: this crawler runs against small news servers.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# One site per crawl: few requests in the downloader at once, so that after a backoff wait
# only a handful go out before the next failure is seen.
CONCURRENT_REQUESTS = 4
DOWNLOAD_DELAY = 1
# The delay is a floor between two requests to a site, not an average (Scrapy would vary it
# from 0.5 to 1.5 times); a robots.txt Crawl-delay asking for more raises it.
DOWNLOAD_DELAY_JITTER = 0
DOWNLOAD_HANDLERS = {
    "http": "newscrawl.pace.PacedDownloadHandler",
    "https": "newscrawl.pace.PacedDownloadHandler",
}
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Faults: a server that struggles is given time (Retry-After, else exponential backoff)
# before each retry; NEWSCRAWL_ERROR_BUDGET failures in a row stop the crawl. Redirects off
# the site or in a loop are refused; pages are decoded with the encoding their bytes are in
# (declared, else a fallback) or refused. Oversize pages and stalled downloads are cut off.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.RobotsTxtInOneLine": 100,
    "newscrawl.middlewares.BackoffMiddleware": 560,
    "newscrawl.middlewares.EncodingMiddleware": 580,
    "newscrawl.middlewares.RedirectGuardMiddleware": 650,
    "newscrawl.middlewares.CrawlDelayMiddleware": 660,
}
NEWSCRAWL_RETRY_AFTER_MAX = 600
NEWSCRAWL_BACKOFF_BASE = 2.0
NEWSCRAWL_BACKOFF_MAX = 120.0
NEWSCRAWL_ERROR_BUDGET = 10
# Retries go before new requests, so that an outage shows as failures in a row quickly
# instead of every queued page being tried once first.
RETRY_PRIORITY_ADJUST = 1
NEWSCRAWL_FALLBACK_ENCODINGS = ["cp949"]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024
DOWNLOAD_WARNSIZE = 1024 * 1024

# Scrapy parses the source of every callback to warn about generators that return a value,
# once per spider class: a sites run has a class per site (the callbacks are the project's own,
# and tested). A profile of 100 sites in one process: 1,108 parses, 2 s of its 20 s of CPU.
WARN_ON_GENERATOR_RETURN_VALUE = False

# No control ports into the process (telnet console, remote control server).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Incremental by default: exported articles are remembered in .newscrawl/state.sqlite3.
NEWSCRAWL_STATE_ENABLED = True
NEWSCRAWL_STATE_DIR = ".newscrawl"
# One run per site and state folder: a second one exits at once with status 75 (another run
# is still crawling), or waits up to this many seconds for it to finish first.
NEWSCRAWL_LOCK_WAIT = 0
# One archive across runs and sites (scrapy archive --help): a database URL; unset, the SQLite
# file archive.sqlite3 in the state folder; empty, no archive. Also read from the environment
# (a PostgreSQL URL's password stays out of ps and Scrapyd's job list).
NEWSCRAWL_ARCHIVE: str | None = os.environ.get("NEWSCRAWL_ARCHIVE")
# The node a run names in the archive's runs table: empty, this machine's host name (the fleet
# command passes each Scrapyd node's URL).
NEWSCRAWL_NODE = ""
EXTENSIONS = {
    # Feeds that say when an item is stored, and stop the crawl when one cannot be written;
    # an item is stored once the feeds and the archive hold it (newscrawl/extensions/archive.py).
    "scrapy.extensions.feedexport.FeedExporter": None,
    "newscrawl.extensions.archive.ArchivingFeedExporter": 0,
    "newscrawl.extensions.incremental.IncrementalState": 500,
    "newscrawl.extensions.monitoring.Monitoring": 510,
    "newscrawl.extensions.report.RunReport": 520,
    "newscrawl.extensions.dashboard.Dashboard": 525,
    "newscrawl.extensions.progress.Progress": 530,
    "newscrawl.extensions.rejects_file.RejectsFile": 540,
    "newscrawl.extensions.error_budget.ErrorBudget": 550,
    "newscrawl.extensions.handler_errors.HandlerErrors": 560,
}
NEWSCRAWL_PROGRESS_INTERVAL = 60
# Sites whose articles have no previous/next links (ND소프트): article ids walked per run, and
# how many missing ids in a row below the oldest article end the walk there.
NEWSCRAWL_WALK_BUDGET = 500
NEWSCRAWL_WALK_MISSES = 20

# Monitoring (spidermon): a run that looks broken is FAILED in its report and exits non-zero.
STATS_CLASS = "newscrawl.stats.StateDirStatsHistoryCollector"
SPIDERMON_ENABLED = True
# Run once the engine stopped: the feeds are closed and stored by then.
SPIDERMON_ENGINE_STOP_MONITORS = ("newscrawl.monitors.RunMonitors",)
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
SPIDERMON_VALIDATION_SCHEMAS = [ARTICLE_SCHEMA]
SPIDERMON_MAX_ITEM_VALIDATION_ERRORS = 0
# Field coverage is counted over parsed articles by newscrawl's FieldCoveragePipeline (type
# ParsedArticle), which spidermon turns into coverage when the spider closes; its own count
# over exported items (a stat per field per item) is read by nothing here.
SPIDERMON_ADD_FIELD_COVERAGE = False
SPIDERMON_FIELD_COVERAGE_RULES = {
    "ParsedArticle/title": 0.9,
    "ParsedArticle/body": 0.9,
    "ParsedArticle/published_at": 0.9,
    "ParsedArticle/section": 0.9,
    "ParsedArticle/author": 0.5,
}
SPIDERMON_MAX_STORED_STATS = 30
NEWSCRAWL_MAX_ERROR_RATE = 0.2
# More article pages than this share read from their metadata (no skin matched): FAILED.
NEWSCRAWL_MAX_FALLBACK_SHARE = 0.2
NEWSCRAWL_MAX_DROP = 0.5
NEWSCRAWL_HISTORY_RUNS = 5
# Alerts on a FAILED run, one message per failed site: any of email, slack, telegram,
# discord (newscrawl/alerts.py), each configured by spidermon's own settings for it
# (SPIDERMON_SMTP_*/SPIDERMON_EMAIL_*, SPIDERMON_SLACK_*, SPIDERMON_TELEGRAM_*, SPIDERMON_DISCORD_*).
NEWSCRAWL_ALERTS: list[str] = []
# These may come from the environment too (a server's systemd EnvironmentFile, a Scrapyd node's
# environment): passwords and tokens given with -s show in `ps` and in Scrapyd's job list.
# A -s on the command line still wins.
_ALERT_SETTINGS = ("NEWSCRAWL_ALERTS", "SPIDERMON_SMTP_", "SPIDERMON_EMAIL_", "SPIDERMON_SLACK_", "SPIDERMON_TELEGRAM_", "SPIDERMON_DISCORD_")
globals().update({name: value for name, value in os.environ.items() if name.startswith(_ALERT_SETTINGS)})
NEWSCRAWL_REPORT_DIR = "output"
# The dashboard is written again after each run; a sites run writes it once, at its end.
NEWSCRAWL_DASHBOARD_ENABLED = True
# Minutes between two scheduled runs of a site: the dashboard marks a site stale (overdue) when
# its last run finished longer ago than this (plus a quarter).
NEWSCRAWL_SCHEDULE_MINUTES = 60

# One output of a callback at a time: Scrapy runs CONCURRENT_ITEMS asyncio tasks per
# response to process its items and requests concurrently, and every pipeline here is
# synchronous, so more only costs tasks (16 of them: 7% of a 200-site run's CPU, sampled).
CONCURRENT_ITEMS = 1

ITEM_PIPELINES = {
    "newscrawl.pipelines.promo.PromoStrippingPipeline": 200,
    "newscrawl.pipelines.dates.DateNormalizationPipeline": 300,
    "newscrawl.pipelines.coverage.FieldCoveragePipeline": 350,
    "newscrawl.pipelines.validation.RequiredFieldsPipeline": 400,
    "newscrawl.pipelines.changes.ChangeDetectionPipeline": 450,
    "newscrawl.pipelines.dedupe.DuplicateArticlesPipeline": 500,
    "newscrawl.pipelines.schema.SchemaValidationPipeline": 800,
}
NEWSCRAWL_EXTRA_PROMO_LINES: list[str] = []

# Without -o/-O (or FEEDS), each run writes a new, timestamped file set (and its report)
# under output/; the crawl command puts these in FEEDS only then (FEEDS would merge them
# with the -o/-O files). Their item files are made with the first item: an unchanged site's
# hourly run writes its report only. (A file named with -o/-O is written in any case.)
NEWSCRAWL_DEFAULT_FEEDS = {
    "output/%(name)s/%(time)s.jsonl": {"format": "jsonlines", "store_empty": False},
    "output/%(name)s/%(time)s.csv": {"format": "csv", "store_empty": False},
}

# Exports: fixed column order, Hangul unescaped in JSON, Excel-ready CSV.
FEED_EXPORT_FIELDS = ARTICLE_FIELDS
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {"csv": "newscrawl.exporters.ExcelCsvItemExporter"}
