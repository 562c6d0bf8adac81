"""The ``view.php?idx=`` family as the registry sees it: the shared routing is enough."""

from __future__ import annotations

from newscrawl.cms.dadami import CMS
from newscrawl.cms.dadami.sites import SITES
from newscrawl.cms.family import Family
from newscrawl.cms.spider import CmsSpider

FAMILY = Family(CMS, SITES, CmsSpider)
"""Its CMS, its installs and their spider (its ``recognition`` module says how its home pages show it)."""
