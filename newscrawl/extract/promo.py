"""Promotional text: lines of site furniture, sign-offs and copyright inside article text."""

from __future__ import annotations

import re
from collections.abc import Iterable


def compile_promo_lines(patterns: Iterable[str]) -> re.Pattern[str]:
    """Combine whole-line ``patterns`` into one pattern to use with :func:`strip_promo_lines`."""
    combined = "|".join(f"(?:{pattern})" for pattern in patterns)
    if not combined:
        raise ValueError("at least one promotional line pattern is needed")
    return re.compile(combined)


def strip_promo_lines(text: str, promo: re.Pattern[str]) -> str:
    """Return ``text`` without the lines that ``promo`` matches whole (after trimming)."""
    kept = (line for line in text.split("\n") if not promo.fullmatch(line.strip()))
    return "\n".join(kept)
