"""Sites given by their address alone (``scrapy crawl auto -a base_url=…``, a sites-file entry
with only ``base_url``): the family of each is recognised at the start of the run by
``scrapy detect`` (its home page through Scrapy's downloader, in a process of its own: a
crawl's reactor cannot run twice), and the family each site was last seen as is kept in the
state folder. A site is crawled as its last-seen family, so that one which changed CMS fails
at once, saying what it looks like now (and is crawled as its new family from the next run)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newscrawl.cms.families import FAMILIES
from newscrawl.names import path_inside

AUTO_SPIDER = "auto"
"""The spider name ``scrapy crawl`` takes for one site given by its address."""
_LAST_SEEN_FILE = "families.json"


def detect(addresses: Sequence[str], settings: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    """``scrapy detect --json`` of the addresses with the ``-s`` options ``settings``
    (``NAME=VALUE``: the crawl's own, so that its home page is fetched as the crawl fetches),
    by address; ``ValueError`` when it gave no answer (its last error line)."""
    options = [part for setting in settings for part in ("-s", setting)]
    command = [sys.executable, "-m", "scrapy", "detect", "--json", *options, *addresses]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        found = json.loads(done.stdout)
    except json.JSONDecodeError:
        lines = done.stderr.strip().splitlines() or ["no output"]
        raise ValueError(f"the family of {', '.join(addresses)} could not be recognised: {lines[-1]}") from None
    return {entry["address"]: entry for entry in found}


def crawled_family(detection: dict[str, Any]) -> str:
    """The crawled family a detection names; ``ValueError`` with a one-line reason otherwise."""
    address = detection["address"]
    if detection["error"]:
        raise ValueError(f"{address}: its home page could not be fetched ({detection['error']})")
    if not detection["crawled"]:
        if detection["family"] in ("", "frameset"):
            raise ValueError(f"{address}: {detection['description']}; give its cms in a sites file if you know it")
        raise ValueError(f"{address} runs {detection['label']}, which newscrawl does not crawl: {detection['description']}")
    return str(detection["family"])


class LastSeen:
    """The family each site given by address was recognised as last, in the state folder."""

    def __init__(self, state_dir: Path) -> None:
        self.path = path_inside(state_dir, _LAST_SEEN_FILE)
        self.families: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else {}

    def family(self, name: str, recognised: str) -> str:
        """The family to crawl ``name`` as: the one it was last seen as, if that is still a
        crawled family, else ``recognised``; ``recognised`` is remembered for the next run."""
        last = self.families.get(name, "")
        self.families[name] = recognised
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.families, indent=1, sort_keys=True), encoding="utf-8")
        return last if last in FAMILIES else recognised
