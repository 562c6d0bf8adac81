"""The one-pass text flattening (an XSLT stylesheet) gives exactly what a plain walk over the
tree gives, on generated markup: block and inline elements, line breaks, table cells, images
with and without a source, comments, and the characters it uses as marks."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extract.fast_text import Image, reference_tokens, tokens

WORDS = st.sampled_from(["시의회", "예산", " ", "  ", "\n", "의결했다.", "2024", "\u241e", "\u241f", "\u200b", "&amp;", "가\u0301"])
TEXT = st.lists(WORDS, max_size=4).map("".join)
TAGS = st.sampled_from(["p", "div", "span", "b", "li", "td", "th", "tr", "h2", "figure", "figcaption", "section", "em", "a"])


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    """An HTML fragment of nested elements, text, images, breaks and comments."""
    parts = []
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        kind = draw(st.sampled_from(["text", "element", "element", "img", "lazy", "bare-img", "br", "comment"]))
        if kind == "text":
            parts.append(draw(TEXT))
        elif kind == "element":
            tag = draw(TAGS)
            parts.append(f"<{tag}>{draw(fragments(depth + 1))}</{tag}>{draw(TEXT)}")
        elif kind == "img":
            parts.append(f'<img src="/p/{draw(st.integers(1, 9))}.jpg">')
        elif kind == "lazy":
            parts.append(f'<img src=" " data-src="/lazy/{draw(st.integers(1, 9))}.jpg">')
        elif kind == "bare-img":
            parts.append("<img alt='장식'>")
        elif kind == "br":
            parts.append("<br>")
        else:
            parts.append(f"<!-- {draw(TEXT)} -->")
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(fragments())
def test_the_fast_flattening_equals_the_plain_walk(fragment: str) -> None:
    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    assert tokens(root) == reference_tokens(root)


def test_lines_images_and_cells_on_a_known_fragment() -> None:
    root = lxml.html.fromstring(
        "<div><p>첫 <b>문단</b>이다.</p>둘째<br>줄<img src='/a.jpg'><table><tr><td>가</td><td>나</td></tr></table></div>"
    )
    expected = ["첫 문단이다.", "둘째", "줄", Image("/a.jpg"), "가 나"]
    assert tokens(root) == expected
    assert reference_tokens(root) == expected
