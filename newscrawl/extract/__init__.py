"""Pure extraction and cleaning functions: no Scrapy import, table-tested."""
