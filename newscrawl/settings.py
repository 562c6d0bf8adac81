"""Project defaults. Everything here can be overridden with ``-s NAME=value``."""

from newscrawl.items import ARTICLE_FIELDS

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
COMMANDS_MODULE = "newscrawl.commands"

# Polite by default: this crawler runs against small news servers.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# No control ports into the process (telnet console, remote control server).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Incremental by default: exported articles are remembered in .newscrawl/state.sqlite3.
NEWSCRAWL_STATE_ENABLED = True
NEWSCRAWL_STATE_DIR = ".newscrawl"
EXTENSIONS = {
    "newscrawl.extensions.incremental.IncrementalState": 500,
}

ITEM_PIPELINES = {
    "newscrawl.pipelines.text.TextCleaningPipeline": 100,
    "newscrawl.pipelines.promo.PromoStrippingPipeline": 200,
    "newscrawl.pipelines.dates.DateNormalizationPipeline": 300,
    "newscrawl.pipelines.validation.RequiredFieldsPipeline": 400,
    "newscrawl.pipelines.dedupe.DuplicateArticlesPipeline": 500,
}
NEWSCRAWL_EXTRA_PROMO_LINES: list[str] = []

# Exports: fixed column order, Hangul unescaped in JSON, Excel-ready CSV.
FEED_EXPORT_FIELDS = ARTICLE_FIELDS
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {"csv": "newscrawl.exporters.ExcelCsvItemExporter"}
