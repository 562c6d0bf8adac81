"""What a CMS family package declares in its ``family`` module: its CMS, its installs and the
spider class that routes them. The registry (``newscrawl.cms.families``) and the spiders Scrapy
lists (``newscrawl.spiders.families``) find every such package by itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newscrawl.cms.model import Cms, Site, SiteProfile

if TYPE_CHECKING:
    from newscrawl.cms.spider import CmsSpider


@dataclass(frozen=True)
class Family:
    """A CMS family: the object its package's ``family`` module names ``FAMILY``."""

    cms: Cms
    sites: tuple[Site, ...]
    """Its known installs; adding an outlet is one entry."""
    spider: type[CmsSpider]
    """The spider class each of its sites' spiders derives from."""
    profiles: dict[str, SiteProfile] = field(init=False)
    """Each site with the CMS, by name."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "profiles", {site.name: SiteProfile(site, self.cms) for site in self.sites})

    @property
    def name(self) -> str:
        """The family's name, as a sites file gives it (``cms = "ndsoft"``)."""
        return self.cms.name
