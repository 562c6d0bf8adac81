"""Spider arguments are checked before the crawl starts."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.arguments import parse_arguments
from newscrawl.cms.dadami.sites import PROFILES

PROFILE = PROFILES["news21"]


def test_defaults_crawl_the_live_site() -> None:
    args = parse_arguments(PROFILE)
    assert args.base_url == "https://news21tongsin.co.kr"
    assert args.sections == () and args.since is None and args.until is None and args.article_id is None
    assert not args.full and args.recheck_days == 0


def test_full_and_recheck_days() -> None:
    args = parse_arguments(PROFILE, full="1", recheck_days="7")
    assert args.full and args.recheck_days == 7


def test_all_arguments() -> None:
    args = parse_arguments(
        PROFILE,
        base_url="http://127.0.0.1:8021/",
        sections="m72mass272, m73mass273",
        since="2024-03-01",
        until="2024-03-31",
    )
    assert args.base_url == "http://127.0.0.1:8021"
    assert args.sections == ("m72mass272", "m73mass273")
    assert (args.since, args.until) == (date(2024, 3, 1), date(2024, 3, 31))
    assert args.in_window(date(2024, 3, 1)) and args.in_window(date(2024, 3, 31))
    assert not args.in_window(date(2024, 2, 29)) and not args.in_window(date(2024, 4, 1))


def test_url_sets_the_article_and_the_base() -> None:
    args = parse_arguments(PROFILE, url="http://127.0.0.1:9000/news/view.php?idx=5004&amp;mcode=x#c")
    assert (args.article_id, args.base_url) == ("5004", "http://127.0.0.1:9000")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"since": "2024/03/01"}, "since must be a date like"),
        ({"until": "2024-02-30"}, "until is not a real date"),
        ({"since": "2024-03-02", "until": "2024-03-01"}, "since (2024-03-02) is after until"),
        ({"base_url": "news21tongsin.co.kr"}, "base_url must be an http(s) URL"),
        ({"url": "http://127.0.0.1/news/view.php?idx=x"}, "url must be an article URL"),
        ({"url": "http://127.0.0.1/news/list.php?idx=5"}, "url must be an article URL"),
        ({"full": "yes"}, "full must be 1"),
        ({"recheck_days": "a week"}, "recheck_days must be a whole number"),
        ({"recheck_days": "-3"}, "recheck_days must be a whole number"),
    ],
)
def test_bad_arguments(arguments: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_arguments(PROFILE, **arguments)
