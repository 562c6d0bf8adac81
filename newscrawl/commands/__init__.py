"""Project commands: ``crawl`` checks spider arguments before the crawl starts."""
