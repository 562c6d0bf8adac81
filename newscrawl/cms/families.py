"""The CMS families the project knows, by the name a sites file gives them."""

from __future__ import annotations

from newscrawl.cms import dadami, ndsoft
from newscrawl.cms.model import Cms
from newscrawl.cms.ndsoft.spider import NdsoftSpider
from newscrawl.cms.spider import CmsSpider

FAMILIES: dict[str, tuple[Cms, type[CmsSpider]]] = {
    cms.name: (cms, spider) for cms, spider in ((dadami.CMS, CmsSpider), (ndsoft.CMS, NdsoftSpider))
}
"""Each family's CMS and the spider class its sites' spiders derive from."""
