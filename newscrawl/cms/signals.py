"""How a CMS family shows on a home page, as data: the link patterns its pages are reached
by and the marks its templates leave (asset paths, feeds, script variables, vendor footers).
Each family package declares its own; ``newscrawl.cms.uncrawled`` declares the families that
are recognised but not crawled. ``newscrawl.extract.recognise`` weighs them. No Scrapy import."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Channel = Literal["asset", "meta", "script", "text", "href", "attr", "comment"]
"""Where on a home page a mark is looked for (commented-out markup is never read, except by
``comment`` marks, which read only the comments' own text):

- ``asset``: the URLs of stylesheets, scripts, images, frames, feeds and forms (any host);
- ``meta``: each ``<meta>`` as ``name=content`` (``generator=WordPress 6.4``), a line each;
- ``script``: the text of inline scripts;
- ``text``: the visible text, with images' ``alt`` and links' ``title``;
- ``href``: every link's URL, on any host (vendor links in footers);
- ``attr``: the ``class``, ``id``, ``name`` and ``value`` attributes of every element (box codes,
  form values; an editor's classes such as ``fr-view`` or ``smartOutput`` are no family's mark);
- ``comment``: the text of HTML comments (cache and build stamps templates leave).
"""


@dataclass(frozen=True)
class LinkPattern:
    """A URL pattern of the family's pages, counted over the distinct links of a home page
    that stay on the home's own registered domain."""

    name: str
    """What the links are, for the evidence (``article links /news/articleView.html?idxno=``)."""
    pattern: str
    """A regular expression searched (case-insensitively) in a link's ``path?query``."""
    weight: float = 1.0
    """Score per distinct link: 1 for a pattern only this family uses, less for a path other
    software shares (``/news/view.php?idx=``)."""
    cap: int = 40
    """At most this many distinct links count."""
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))


@dataclass(frozen=True)
class Mark:
    """A trace the family's templates leave on a home page, counted once when present."""

    name: str
    """What it is, for the evidence (``RSS feed /data/rss/news.xml``)."""
    channel: Channel
    pattern: str
    """A regular expression searched (case-insensitively) in the channel's text."""
    weight: float
    """Score when present: about 8 for a vendor's own name or variable block, 4–6 for a path
    only the family's installs serve, 1–2 for what other software may share."""
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE | re.MULTILINE))


@dataclass(frozen=True)
class Recognition:
    """The signals of one CMS family on a home page."""

    family: str
    """The family's name (a crawled family's CMS name: ``ndsoft``)."""
    label: str
    """The family as people call it, for sentences (``ND소프트``)."""
    links: tuple[LinkPattern, ...]
    """Its link patterns, specific before generic: a link counts under the first that matches."""
    marks: tuple[Mark, ...] = ()
