"""``python -m benchmarks.links``: the CPU cost per article page of finding the articles it
links to (``newscrawl.extract.links``), against lxml's parse of the same page, on the
benchmark replica's 60 KB pages (a ranking box of 8 links per KB of furniture).

Both run turn by turn on each page (see :func:`benchmarks.measure.cpu_ms`); the first pass
fills the links cache as a crawl's first pages do, and is reported apart.
"""

from __future__ import annotations

import argparse
import statistics

from benchmarks.measure import cpu_ms, lxml_only
from benchmarks.site import BenchSite
from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.extract.links import article_ids_linked

BASE_URL = "http://127.0.0.1:8021"


def main() -> None:
    """Print the median milliseconds per page of each work."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repetitions", type=int, default=3)
    options = parser.parse_args()
    site, profile = BenchSite(options.articles), PROFILES["news21"]
    pages = []
    for position in range(options.articles):
        url = f"{BASE_URL}/news/view.php?idx={5001 + position}"
        pages.append((url, site.page("/news/view.php", {"idx": [str(5001 + position)]})[1].encode()))
    first = cpu_ms({"links": (lambda page: article_ids_linked(profile, page[0], page[1]), pages[:1])}, 1)["links"][0]
    timings = cpu_ms(
        {"links": (lambda page: article_ids_linked(profile, page[0], page[1]), pages), "lxml": (lxml_only, pages)},
        options.repetitions,
    )
    links, lxml = statistics.median(timings["links"]), statistics.median(timings["lxml"])
    print(f"{len(pages)} pages of {statistics.mean(len(body) for _, body in pages) / 1000:.0f} KB, {options.repetitions} repetitions")
    print(f"links_ms.first_page     {first:7.3f}")
    print(f"links_ms.median         {links:7.3f}")
    print(f"lxml_ms.median          {lxml:7.3f}")
    print(f"links / lxml            {links / lxml:7.2f} x")


if __name__ == "__main__":
    main()
