"""The part of an article page's bytes worth parsing: its ``<head>``, then the article scope
up to the tag that follows it. Parsing the page whole is the reference this module is held
to (``tests/test_fuzz.py`` compares the two on mutated pages).

Profiled on 60 KB pages (``python -m benchmarks``), lxml's parse is most of a page's cost,
and the article is a fraction of a real page: menus and boxes above it, asides and footer
below it (on ``../shared/realpages`` the body starts at 33 % to 64 % of the bytes). The
cuts are found in the bytes before parsing and confirmed on the tree after it
(:func:`newscrawl.extract.article_page.parse_article_page`); any doubt keeps the whole page.
"""

from __future__ import annotations

_HEAD_END = b"</head>"


def article_region(body: bytes, article_start: str, article_end: str) -> bytes | None:
    """``body`` cut to what an article page's reader needs, or ``None`` when the page has no
    ``article_end`` tag after its start (it is then parsed whole).

    The cut ends with the tag that opens with ``article_end`` (the first part after the
    article). When ``article_start`` (the start of the article scope's opening tag) is
    found after ``</head>``, outside comments and scripts, what lies between the two is left
    out too: the head keeps the metadata and ``<base href>``, the scope keeps every field."""
    if not article_end:
        return None
    end = body.find(article_end.encode("ascii"))
    cut = body.find(b">", end) if end > 0 else -1
    if cut < 0:
        return None
    start = body.find(article_start.encode("ascii"), 0, end) if article_start else -1
    head_end = body.find(_HEAD_END, 0, start) if start > 0 else -1
    if head_end < 0 or _inside_comment_or_script(body, start):
        return body[: cut + 1]
    return body[: head_end + len(_HEAD_END)] + body[start : cut + 1]


def _inside_comment_or_script(body: bytes, position: int) -> bool:
    """Whether ``position`` may lie in a comment or a script: one opened before it and not
    closed between (an upper-case ``<SCRIPT`` counts as open: its end tag is not looked for).
    A pattern a page lacks costs a scan of every byte before ``position``: the rarer ones go
    first."""
    comment = body.rfind(b"<!--", 0, position)
    if comment >= 0 and comment > body.rfind(b"-->", comment, position):
        return True
    if body.rfind(b"<SCRIPT", 0, position) >= 0:
        return True
    return body.rfind(b"<script", 0, position) > body.rfind(b"</script>", 0, position)
