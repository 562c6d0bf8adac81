"""Text normalization shared by every text field."""

from __future__ import annotations

import unicodedata

# Zero-width characters and the byte-order mark: invisible, never meaningful in an article.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def clean_line(text: str) -> str:
    """Return ``text`` as one tidy line: NFC, no invisible characters, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())


def clean_lines(text: str) -> str:
    """Clean each line of ``text`` with :func:`clean_line` and drop the blank ones."""
    lines = (clean_line(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
