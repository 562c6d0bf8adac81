"""``scrapy crawl`` that refuses bad spider arguments with a one-line reason."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``, plus an argument check before any request is made."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Check ``-a`` arguments with the spider's ``check_arguments``, then crawl."""
        if len(args) == 1 and self.crawler_process is not None:
            spider_class = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spider_class, "check_arguments", None)
            if check is not None:
                try:
                    check(opts.spargs)
                except ValueError as error:
                    raise UsageError(str(error), print_help=False) from None
        super().run(args, opts)
