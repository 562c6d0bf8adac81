"""The ND소프트 family as the registry sees it: feeds and the walk over ids on top of the
shared routing."""

from __future__ import annotations

from newscrawl.cms.family import Family
from newscrawl.cms.ndsoft import CMS
from newscrawl.cms.ndsoft.sites import SITES
from newscrawl.cms.ndsoft.spider import NdsoftSpider

FAMILY = Family(CMS, SITES, NdsoftSpider)
"""Its CMS, its installs and their spider (its ``recognition`` module says how its home pages show it)."""
