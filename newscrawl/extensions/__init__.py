"""Scrapy extensions: incremental state, progress, run report."""
