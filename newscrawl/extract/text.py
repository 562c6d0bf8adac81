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


def clean_line(text: str) -> str:
    """Return ``text`` as one tidy line: no control, format or surrogate characters, NFC,
    single spaces."""
    if not text.isprintable():  # printable text has none of them: no need to search
        text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def clean_lines(text: str) -> str:
    """Clean each line of ``text`` with :func:`clean_line` and drop the blank ones."""
    lines = (clean_line(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
