"""Text normalization shared by every text field."""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

# Planes that hold control (Cc), format (Cf) and surrogate (Cs) code points; scanning only
# these keeps the import fast. The property tests check the whole of Unicode.
_SCANNED = chain(range(0x20000), range(0xE0000, 0xE1000))
_UNSAFE = [
    code for code in _SCANNED if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs") and not chr(code).isspace()
]


def _ranges(codes: list[int]) -> str:
    """A regular-expression character class body of ``codes``, as ranges (matched faster)."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges)


# Controls, lone surrogates, bidirectional overrides, zero-width characters, the byte-order
# mark and soft hyphens: invisible or harmful, never meaningful in an article.
_INVISIBLE = re.compile(f"[{_ranges(_UNSAFE)}]+")


def visible_nfc(text: str) -> str:
    """``text`` in NFC without control, format and surrogate characters; whitespace and
    line breaks as they were."""
    # Printable text holds none of them (checked in C, much faster than the search); the
    # no-break and ideographic spaces and line breaks of ordinary text count as printable.
    if not text.isprintable() and not _with_plain_spaces(text).isprintable():
        text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def _with_plain_spaces(text: str) -> str:
    """``text`` with its no-break spaces, ideographic spaces and line breaks made spaces."""
    return text.replace("\u00a0", " ").replace("\u3000", " ").replace("\n", " ")


def clean_line(text: str) -> str:
    """Return ``text`` as one tidy line: no control, format or surrogate characters, NFC,
    single spaces."""
    return " ".join(visible_nfc(text).split())
