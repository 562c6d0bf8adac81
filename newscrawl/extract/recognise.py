"""Which CMS family a home page shows (``../shared/FAMILIES.md`` part B): the distinct links on
the home's own registered domain counted per family URL pattern, plus the asset, feed, meta,
script and footer marks each family declares (``newscrawl.cms.signals``), never reading
commented-out markup. A family is named only when it clearly leads; a frameset is reported
with its main frame, for the caller to fetch and recognise in turn."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import tldextract
from lxml import etree
from lxml.html import HTMLParser, document_fromstring
from w3lib.encoding import html_body_declared_encoding

from newscrawl.cms.signals import Channel, Recognition
from newscrawl.extract.encoding import PERMISSIVE_CODECS, codec_name, decoding_encoding

FRAMESET = "frameset"
"""The verdict's family for a frameset home: its links live in a frame."""
MIN_SCORE = 5.0
"""The least score that names a family: five links of a pattern only it uses, or one vendor
mark (a path other software shares counts too little to reach it alone)."""
LEAD = 0.5
"""The runner-up's score may be at most this share of the winner's for the winner to be named."""
STRONG = 12.0
"""A score from which the evidence counts as full (a dozen family links, or links and marks)."""
_STOCK_MARK = 4.0  # a mark this strong is one of the family's stock templates' own
_FALLBACK_ENCODINGS = ("cp949",)
_ASSET_ATTRIBUTES = ("src", "href", "action", "data-src")
_ASSET_TAGS = frozenset(("link", "script", "img", "iframe", "frame", "embed", "source", "input", "form", "object"))
_FORM_ATTRIBUTES = ("class", "id", "name", "value")
_INVISIBLE = frozenset(("script", "style", "noscript"))
# Never fetched again: the Public Suffix List snapshot the package ships.
_DOMAINS = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_PARSER = HTMLParser(encoding="utf-8", remove_blank_text=False)


@dataclass(frozen=True)
class Evidence:
    """One signal found on a home page."""

    signal: str
    """The signal's name (``article links /news/article.html?no=``)."""
    detail: str
    """What was found: how many links and one of them, or the text the mark matched."""
    score: float
    count: int = 0
    """Distinct links counted (0 for a mark)."""

    @property
    def text(self) -> str:
        """The evidence in a few words (``34 article links /news/article.html?no=``)."""
        return f"{self.count} {self.signal}" if self.count else self.signal


@dataclass(frozen=True)
class Verdict:
    """What a home page looks like."""

    family: str
    """The family's name, :data:`FRAMESET`, or empty when no family clearly leads."""
    label: str
    """The family as people call it (``미디어온``), or ``unknown``."""
    confidence: float
    """0 to 1: how strong the winner's evidence is (its score against :data:`STRONG`) times how
    far it leads (one minus the runner-up's share of its score)."""
    evidence: tuple[Evidence, ...]
    """The two or three signals that decided it, strongest first (for an undecided page, the
    leading candidates' strongest)."""
    scores: dict[str, float] = field(default_factory=dict)
    """Every family with any signal, by name, highest first."""
    frame_url: str = ""
    """A frameset's main frame, to fetch and recognise instead."""
    note: str = ""
    """What else to know (a URL scheme without the family's stock marks, the candidates)."""

    @property
    def decided(self) -> bool:
        """Whether a family (not a frameset, not nothing) was named."""
        return bool(self.family) and self.family != FRAMESET

    def describe(self) -> str:
        """What the home page shows, for a sentence: its strongest family links, then its
        strongest mark (``its home page has 34 article links /news/article.html?no= and RSS
        feed /data/rss/news.xml (미디어온)``)."""
        if self.family == FRAMESET:
            return f"its home page is a frameset whose main frame is {self.frame_url or 'not given'}"
        if not self.family:
            return f"its home page shows no CMS family clearly ({self.note})"
        links = [item for item in self.evidence if item.count][:1]
        marks = [item for item in self.evidence if not item.count]
        shown = (links + marks)[:2]  # its URLs first: they say most plainly what it is
        return f"its home page has {' and '.join(item.text for item in shown)} ({self.label})"


@dataclass
class _Home:
    """What a home page offers the recogniser."""

    links: dict[str, str] = field(default_factory=dict)
    """Each distinct same-site link's ``path?query``, to its URL as written."""
    channels: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in _CHANNELS})
    frames: list[tuple[str, str, str]] = field(default_factory=list)
    """A frameset's frames: name, source, share of the window (``*``, ``80%``, ``120``)."""


_CHANNELS: tuple[Channel, ...] = ("asset", "meta", "script", "text", "href", "attr", "comment")


def recognise(body: bytes, url: str, families: Iterable[Recognition], encoding: str | None = None, home_url: str = "") -> Verdict:
    """The family the page at ``url`` shows among ``families``; links count when they stay on
    the registered domain of ``home_url`` (default ``url``: a frame is judged for its home's
    site). ``body`` is decoded with the encoding the server declares (``encoding``), else the
    one its ``<meta>`` declares, else the one its bytes are in, any stray bytes replaced (the
    signals are ASCII paths and names, and templates leave EUC-KR bytes in UTF-8 pages)."""
    home = _read(body, url, encoding, registered_domain(urlsplit(home_url or url).hostname or ""))
    if home.frames and len(home.links) < MIN_SCORE:
        frame = _main_frame(home.frames)
        return Verdict(FRAMESET, "a frameset home", 0.0, (), frame_url=urljoin(url, frame) if frame else "")
    found = {family.family: (family, _evidence(family, home)) for family in families}
    scores = {name: round(sum(item.score for item in evidence), 2) for name, (_, evidence) in found.items()}
    ranked = sorted((name for name in scores if scores[name] > 0), key=lambda name: (-scores[name], name))
    ordered_scores = {name: scores[name] for name in ranked}
    if not ranked:
        return Verdict("", "unknown", 0.0, (), note="no family's signals")
    first = scores[ranked[0]]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    confidence = round(min(1.0, first / STRONG) * (1 - second / first), 2)
    candidates = ", ".join(f"{name} {scores[name]:g}" for name in ranked[:3])
    if first < MIN_SCORE or second > LEAD * first:
        leading = tuple(found[name][1][0] for name in ranked[:2])
        return Verdict("", "unknown", confidence, leading, ordered_scores, note=f"candidates: {candidates}")
    family, evidence = found[ranked[0]]
    note = ""
    if any(mark.weight >= _STOCK_MARK for mark in family.marks) and all(item.count for item in evidence):
        note = "only its URL scheme: none of its assets, feeds or vendor marks (a custom skin?)"
    return Verdict(family.family, family.label, confidence, tuple(evidence[:3]), ordered_scores, note=note)


def registered_domain(host: str) -> str:
    """The domain a host belongs to under the public suffix list (``www.kgnews.co.kr`` →
    ``kgnews.co.kr``); an IP address or a single-label host is its own."""
    return _registered(host.lower().rstrip("."))


@lru_cache(maxsize=4096)
def _registered(host: str) -> str:
    return _DOMAINS(host).top_domain_under_public_suffix or host


def _evidence(family: Recognition, home: _Home) -> list[Evidence]:
    """The family's signals found on the home page, strongest first."""
    counts: dict[int, list[str]] = {}
    for key in home.links:
        for number, pattern in enumerate(family.links):
            if pattern.regex.search(key):
                counts.setdefault(number, []).append(key)
                break
    evidence = [
        Evidence(family.links[number].name, keys[0], round(min(len(keys), family.links[number].cap) * family.links[number].weight, 2), len(keys))
        for number, keys in counts.items()
    ]
    for mark in family.marks:
        texts = home.channels[mark.channel]
        match = next((found for text in texts if (found := mark.regex.search(text))), None)
        if match is not None:
            evidence.append(Evidence(mark.name, " ".join(match[0].split())[:80], mark.weight))
    return sorted(evidence, key=lambda item: -item.score)


def _read(body: bytes, url: str, encoding: str | None, domain: str) -> _Home:
    """The same-site links, the channels' texts and the frames of a page."""
    home = _Home()
    text = body.decode(_encoding(body, encoding), errors="replace")
    try:
        root = document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):  # an empty or markup-less page
        return home
    base = urljoin(url, next(iter(root.xpath("//base/@href")), ""))
    channels = home.channels
    for element in root.iter():
        tag = element.tag
        if tag is etree.Comment:
            channels["comment"].append(element.text or "")
        elif isinstance(tag, str):
            _read_element(element, tag.lower(), base, domain, home)
            if tag.lower() not in _INVISIBLE and element.text:
                channels["text"].append(element.text)
        if element.tail:
            channels["text"].append(element.tail)
    return home


def _read_element(element: etree._Element, tag: str, base: str, domain: str, home: _Home) -> None:
    attributes = element.attrib
    channels = home.channels
    channels["attr"].extend(attributes[name] for name in _FORM_ATTRIBUTES if name in attributes)
    if tag in ("a", "area"):
        href = attributes.get("href", "").strip()
        if href:
            absolute = urljoin(base, href)
            channels["href"].append(absolute)
            key = _same_site_key(absolute, domain)
            if key is not None:
                home.links.setdefault(key, href)
        if "title" in attributes:
            channels["text"].append(attributes["title"])
    elif tag == "meta":
        name = attributes.get("name") or attributes.get("property") or attributes.get("http-equiv") or ""
        channels["meta"].append(f"{name.strip().lower()}={attributes.get('content', '').strip()}")
    elif tag == "script" and not attributes.get("src") and element.text:
        channels["script"].append(element.text)
    elif tag == "img" and "alt" in attributes:
        channels["text"].append(attributes["alt"])
    if tag in _ASSET_TAGS:
        channels["asset"].extend(urljoin(base, attributes[name].strip()) for name in _ASSET_ATTRIBUTES if attributes.get(name, "").strip())
    if tag == "frame" and attributes.get("src", "").strip():
        parent = element.getparent()
        shares = (parent.get("rows") or parent.get("cols") or "").split(",") if parent is not None else []
        index = [child for child in parent if isinstance(child.tag, str)].index(element) if parent is not None else 0
        share = shares[index].strip() if index < len(shares) else ""
        home.frames.append((attributes.get("name", "") or attributes.get("id", ""), attributes["src"].strip(), share))


def _same_site_key(url: str, domain: str) -> str | None:
    """``path?query`` of an http(s) URL on ``domain`` (its host or a subdomain), else ``None``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or registered_domain(parts.hostname) != domain:
        return None
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _main_frame(frames: list[tuple[str, str, str]]) -> str:
    """The frame holding a frameset's content: one named ``main``, else the one given the rest
    of the window (``*``), else the largest, else the first."""
    for name, source, _ in frames:
        if "main" in name.lower() or "main" in urlsplit(source).path.lower():
            return source
    for _, source, share in frames:
        if "*" in share:
            return source
    return max(frames, key=lambda frame: _share(frame[2]))[1]


def _share(share: str) -> float:
    digits = share.rstrip("%").strip()
    return float(digits) if digits.isdigit() else -math.inf


def _encoding(body: bytes, declared: str | None) -> str:
    """The declared encoding, unless it is a single-byte label that proves nothing."""
    trusted = (codec for codec in (codec_name(declared), codec_name(html_body_declared_encoding(body))) if codec not in PERMISSIVE_CODECS)
    return (
        next((codec for codec in trusted if codec), None)
        or decoding_encoding(body, (), _FALLBACK_ENCODINGS)
        or "utf-8"
    )
