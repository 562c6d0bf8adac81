"""The three levels as data: a CMS (URL scheme, page furniture shared by its installs), its
skins (selectors and patterns of one article markup), and its sites (installs: name, brand,
address, skin). No Scrapy import: extraction reads these, spiders route with them."""

from __future__ import annotations

from dataclasses import dataclass, field

from newscrawl.cms.listing import ListMarkup
from newscrawl.names import check_site_name


@dataclass(frozen=True)
class UrlScheme:
    """Where a CMS puts its pages, and the forms one article's URL takes."""

    home_path: str
    list_path: str
    section_param: str
    page_param: str
    article_id_param: str
    """The query parameter holding the article id (``idx``)."""
    article_forms: dict[str, str]
    """Article URL forms by name, as templates with ``{id}`` (``"canonical":
    "/news/view.php?idx={id}"``); every form of one id is one article."""
    list_query: str = ""
    """Query parameters every list URL carries besides the section and page (``view_type=sm``)."""


@dataclass(frozen=True)
class Rule:
    """One way of reading a field: a CSS selector, named for the stats
    (``newscrawl/rule/<field>/<name>``). Rules anchor on ids, classes, ``itemprop`` and
    labels, never on tag names or positions, which vary between installs of one skin."""

    name: str
    css: str


Rules = tuple[Rule, ...]
"""A field's rules, tried in order: the first that gives a valid value wins."""


@dataclass(frozen=True)
class Selectors:
    """Where one skin's article pages keep each field, as ordered rules, and the page's frame
    (list pages are the CMS's :class:`~newscrawl.cms.listing.ListMarkup`)."""

    article_scope: str
    """The part of an article page holding the title, byline, body and neighbour links; the
    article's rules look inside it (the whole page when it is missing)."""
    title: Rules
    """The headline element: its first line is the title."""
    byline: Rules
    """Byline items: the dated lines (found by their labels), and the reporter first unless
    :attr:`author` finds one. Items nested in another item are read on their own."""
    section: Rules
    """The element naming the article's main section (a breadcrumb link: the first one that
    is not the home link)."""
    subtitle: Rules
    """Subtitle elements, their lines the subtitle (inside the body container on some skins:
    never body)."""
    body: Rules
    """The article body container."""
    body_furniture: str
    """Elements that are never article text (inline ads, related boxes, page furniture),
    dropped from the body, subtitle and byline, where broken markup can also put them.
    Simple selectors only (tag, ``#id``, ``.class``, ``[attr^=…]``; no combinators)."""
    prev_link: str
    """Link to the previous (older) article; empty where the skin has none."""
    next_link: str
    """Link to the next (newer) article; empty where the skin has none."""
    members_only_link: str
    """A body made only of this link is a members-only article."""
    page_end: str
    """An element at the very end of every page (the footer): a page without it was cut short,
    by the server or by the parser giving up on too deeply nested markup."""
    author: Rules = ()
    """The reporter's element, when it is not the first byline item."""
    captions: str = ""
    """Elements holding an image and its caption text (the caption needs no marker)."""


@dataclass(frozen=True)
class Skin:
    """One article markup of a CMS, as selectors and patterns."""

    name: str
    """Short name, counted in the stats as ``newscrawl/skin/<name>``."""
    selectors: Selectors
    marker: str
    """A CSS selector that finds something only on this skin's pages: the skin a page is in
    is the first whose marker matches it (its fields are still read by every rule)."""
    published_labels: tuple[str, ...]
    """Byline labels in front of the publication date (``등록``, ``기사등록``)."""
    modified_labels: tuple[str, ...]
    """Byline labels in front of the modification date (``수정``, ``최종수정``)."""
    caption_marker: str = "▲"
    """The marker opening a photo caption paragraph."""
    article_start: str = ""
    """The start of the article scope's opening tag, in ASCII (``<div id="contents"``): with
    ``article_end``, what lies between the page's head and that tag is not parsed."""
    article_end: str = ""
    """The start of the tag that opens the part of an article page after the article (its
    aside), in ASCII: the page is parsed only up to that tag when the article scope closes
    before it. Empty: every page is parsed whole."""


@dataclass(frozen=True)
class Cms:
    """A CMS family: its URL scheme, its skins, and what all its installs share."""

    name: str
    scheme: UrlScheme
    skins: tuple[Skin, ...]
    """Every known skin, tried in this order after the site's own."""
    lists: ListMarkup
    """The list navigation: home menu, list layouts, pagination."""
    promo_lines: tuple[str, ...] = ()
    """Regular expressions; a body or subtitle line matching one (whole line) is promotional."""
    deleted_page: str = ""
    """Regular expression found in the HTML of a page that only says the article is gone."""


@dataclass(frozen=True)
class Site:
    """One install of a CMS: one entry of its sites list."""

    name: str
    """Short name: the spider name and the ``site`` field of every item."""
    base_url: str
    """The live site's scheme and host, without a trailing slash."""
    brand: str = ""
    """The outlet's name as readers know it (empty when not known)."""
    skin: str = ""
    """The skin its article pages use, when known; pages are checked against every skin."""
    url_form: str = "canonical"
    """The article URL form the site links with; requests and items use it."""
    aliases: tuple[str, ...] = ()
    """Other host names serving the site (``www.`` or not)."""

    def __post_init__(self) -> None:
        check_site_name(self.name)  # it names the site's files and folders


@dataclass(frozen=True)
class SiteProfile:
    """A site with its CMS: everything extraction and routing read about one install."""

    site: Site
    cms: Cms
    skins: tuple[Skin, ...] = field(init=False)
    """The CMS's skins, the site's own first."""

    def __post_init__(self) -> None:
        own = tuple(skin for skin in self.cms.skins if skin.name == self.site.skin)
        object.__setattr__(self, "skins", own + tuple(skin for skin in self.cms.skins if skin not in own))

    @property
    def name(self) -> str:
        """The site's short name."""
        return self.site.name

    @property
    def base_url(self) -> str:
        """The live site's address."""
        return self.site.base_url

    @property
    def scheme(self) -> UrlScheme:
        """The CMS's URL scheme."""
        return self.cms.scheme

    @property
    def hosts(self) -> frozenset[str]:
        """Host names that serve this site; links to other hosts are not followed."""
        host = self.site.base_url.split("://", 1)[-1].split("/", 1)[0]
        return frozenset((host, *self.site.aliases))
