"""Text normalization shared by every text field."""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

# Planes that hold control (Cc), format (Cf) and surrogate (Cs) code points; scanning only
# these keeps the import fast. The property tests check the whole of Unicode.
_SCANNED = chain(range(0x20000), range(0xE0000, 0xE1000))
_UNSAFE = "".join(
    chr(code)
    for code in _SCANNED
    if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs") and not chr(code).isspace()
)
# Controls, lone surrogates, bidirectional overrides, zero-width characters, the byte-order
# mark and soft hyphens: invisible or harmful, never meaningful in an article.
_INVISIBLE = re.compile(f"[{re.escape(_UNSAFE)}]+")


def clean_line(text: str) -> str:
    """Return ``text`` as one tidy line: no control, format or surrogate characters, NFC,
    single spaces."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return " ".join(text.split())


def clean_lines(text: str) -> str:
    """Clean each line of ``text`` with :func:`clean_line` and drop the blank ones."""
    lines = (clean_line(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
