"""The 미디어온 family as the registry sees it: the all-articles list and the feed on top of the
shared routing."""

from __future__ import annotations

from newscrawl.cms.family import Family
from newscrawl.cms.mediaon import CMS
from newscrawl.cms.mediaon.sites import SITES
from newscrawl.cms.mediaon.spider import MediaonSpider

FAMILY = Family(CMS, SITES, MediaonSpider)
"""Its CMS, its installs and their spider (its ``recognition`` module says how its home pages show it)."""
