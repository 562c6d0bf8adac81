"""The spiders Scrapy lists: one per site of each CMS family, made from the families' sites
lists (the routing lives in ``newscrawl.cms``)."""
