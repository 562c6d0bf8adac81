"""How a home page of the ``view.php?idx=`` family shows it (``../shared/FAMILIES.md`` part B):
article links carrying ``mcode``, ``list.php?mcode=`` menus, the mobile ``/m/`` pages. It has no
vendor mark, and ``/news/view.php?idx=`` alone is a path other PHP sites use, so that path
counts little; the Froala editor's ``fr-view`` class is no family mark."""

from __future__ import annotations

from newscrawl.cms.signals import LinkPattern, Mark, Recognition

RECOGNITION = Recognition(
    family="dadami",
    label="다다미디어 view.php",
    links=(
        LinkPattern("article links /news/view.php?idx=…&mcode=", r"^(?:/m)?/news/view\.php\?(?:[^#]*&)?idx=\d+[^#]*&mcode=|^/news/view\.php\?mcode=[^#&]+&idx=\d"),
        LinkPattern("article links /article/N?mcode=", r"^/article/\d+\?(?:[^#]*&)?mcode="),
        LinkPattern("list links /news/list.php?mcode=", r"^(?:/m)?/news/list\.php\?(?:[^#]*&)?mcode="),
        LinkPattern("mobile lists /m/listkey.php", r"^/m/listkey\.php"),
        LinkPattern("article links /m/view.php?idx=", r"^/m/view\.php\?(?:[^#]*&)?idx=\d", weight=0.5, cap=10),
        LinkPattern("article links /news/view.php?idx= (a path other PHP sites share)", r"^/news/view\.php\?(?:[^#]*&)?idx=\d", weight=0.25, cap=8),
    ),
    marks=(Mark("list boxes div.basicList", "attr", r"(?:^|\s)basicList(?:\s|$)", 1.5),),
)
"""The ``view.php?idx=`` family's signals."""
