"""newscrawl: a Scrapy project that crawls Korean regional news sites into clean articles."""
