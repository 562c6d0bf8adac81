"""Which encoding really decodes a page, whatever its header or ``<meta>`` claims."""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from itertools import chain


def decoding_encoding(body: bytes, declared: Iterable[str | None], fallbacks: Iterable[str]) -> str | None:
    """The first encoding that decodes ``body`` without a single error, trying UTF-8 first,
    then the ``declared`` encodings (HTTP header, ``<meta>``), then the site's ``fallbacks``.

    UTF-8 goes first because bytes that happen to be valid UTF-8 while meaning something
    else practically never occur in Korean text, while pages declaring EUC-KR over UTF-8
    bytes do. ``None`` when nothing decodes: the page would only come out as mojibake.
    ``declared`` is read only when UTF-8 fails (a generator can defer finding them).
    """
    tried: set[str] = set()
    for name in chain(("utf-8",), declared, fallbacks):
        codec = codec_name(name)
        if codec is None or codec in tried:
            continue
        tried.add(codec)
        try:
            body.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None


def codec_name(name: str | None) -> str | None:
    """Python's name for an encoding label, EUC-KR read as its superset CP949; ``None`` when
    the label is unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return "cp949" if codec == "euc_kr" else codec
