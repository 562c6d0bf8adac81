"""The spider of ``scrapy detect``: fetch each address's home page through Scrapy's downloader
(robots.txt, politeness, redirects on the site, encodings as in a crawl), follow a frameset's
main frame, and recognise the CMS family of what it shows."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from newscrawl.cms.families import FAMILIES
from newscrawl.cms.recognised import RECOGNISED
from newscrawl.extract.recognise import FRAMESET, Verdict, recognise, registered_domain
from newscrawl.rejects import failure_reason

MAX_FRAMES = 2
"""Framesets followed one inside another at most."""


@dataclass
class Detection:
    """What one address's home page looks like, or why it could not be read."""

    address: str
    """The address as given."""
    url: str = ""
    """The page recognised (after redirects, or the frame followed)."""
    verdict: Verdict | None = None
    frames: list[str] = field(default_factory=list)
    """The frames followed from the home page to :attr:`url`."""
    error: str = ""
    """Why no page could be recognised (``http_404: …``, ``unreachable: …``)."""

    @property
    def crawled(self) -> bool:
        """Whether the project crawls the family recognised."""
        return self.verdict is not None and self.verdict.family in FAMILIES

    def as_json(self) -> dict[str, Any]:
        """The detection as a JSON object (``scrapy detect --json``)."""
        verdict = self.verdict
        return {
            "address": self.address,
            "url": self.url,
            "family": verdict.family if verdict else "",
            "label": verdict.label if verdict else "",
            "crawled": self.crawled,
            "confidence": verdict.confidence if verdict else 0.0,
            "signals": [
                {"signal": item.signal, "count": item.count, "detail": item.detail, "score": item.score} for item in (verdict.evidence if verdict else ())
            ],
            "scores": verdict.scores if verdict else {},
            "frames": self.frames,
            "note": verdict.note if verdict else "",
            "description": verdict.describe() if verdict else "",
            "error": self.error,
        }


class DetectSpider(Spider):
    """Fetches each address's home page (and a frameset's main frame) and recognises its family."""

    name = "detect"

    def __init__(self, addresses: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.detections = {address: Detection(address) for address in addresses}
        """Each address's detection, in the order given."""
        self.allowed_domains = sorted({registered_domain(urlsplit(address).hostname or "") for address in addresses})

    async def start(self) -> AsyncIterator[Request]:
        """Each address's home page."""
        for address in self.detections:
            yield self._request(address, address)

    def parse_home(self, response: Response, address: str) -> Iterator[Request]:
        """Recognise the page; for a frameset on the home's own site, fetch its main frame."""
        detection = self.detections[address]
        detection.url = response.url
        encoding = http_content_type_encoding((response.headers.get(b"Content-Type") or b"").decode("latin-1"))
        detection.verdict = recognise(response.body, response.url, RECOGNISED, encoding, home_url=address)
        frame = detection.verdict.frame_url
        on_site = registered_domain(urlsplit(frame).hostname or "") in self.allowed_domains
        if detection.verdict.family == FRAMESET and frame and on_site and len(detection.frames) < MAX_FRAMES:
            detection.frames.append(frame)
            yield self._request(frame, address)

    def failed(self, failure: Failure) -> None:
        """Record why an address's page could not be fetched."""
        request = failure.request  # type: ignore[attr-defined]
        reason, detail = failure_reason(failure.value)
        self.detections[request.cb_kwargs["address"]].error = f"{reason}: {detail}"

    def _request(self, url: str, address: str) -> Request:
        return Request(url, callback=self.parse_home, errback=self.failed, cb_kwargs={"address": address}, dont_filter=True)
