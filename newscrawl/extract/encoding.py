"""Which encoding really decodes a page, whatever its header or ``<meta>`` claims."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from itertools import chain

PERMISSIVE_CODECS = frozenset(("iso8859-1", "cp1252", "ascii", "iso8859-15"))
"""Codecs of single-byte labels that old servers send by default (``iso-8859-1``,
``windows-1252``, ``us-ascii``, which w3lib reads as cp1252): they decode nearly any bytes, so
such a label proves nothing about a page's encoding."""
_HANGUL = re.compile("[\uac00-\ud7a3]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# A fallback that overrules a permissive label must read as Korean: most of its non-ASCII
# characters Hangul syllables (Latin-1 prose read as CP949 comes out as Hanja and symbols).
_MIN_HANGUL_SHARE = 0.5


def decoding_encoding(body: bytes, declared: Iterable[str | None], fallbacks: Iterable[str]) -> str | None:
    """The first encoding that decodes ``body`` without a single error, trying UTF-8 first,
    then the ``declared`` encodings (HTTP header, ``<meta>``), then the site's ``fallbacks``;
    a declared single-byte label of :data:`PERMISSIVE_CODECS` only after all of them, and
    then a fallback only when its text reads as Korean.

    UTF-8 goes first because bytes that happen to be valid UTF-8 while meaning something
    else practically never occur in Korean text, while pages declaring EUC-KR over UTF-8
    bytes do. ``None`` when nothing decodes: the page would only come out as mojibake.
    ``declared`` is read only when UTF-8 fails (a generator can defer finding them).
    """
    tried: set[str] = set()
    permissive: list[str] = []
    candidates = chain((("utf-8", False),), ((name, False) for name in declared), ((name, True) for name in fallbacks))
    for name, is_fallback in candidates:
        codec = codec_name(name)
        if codec is None or codec in tried:
            continue
        tried.add(codec)
        if codec in PERMISSIVE_CODECS and not is_fallback:
            permissive.append(codec)
            continue
        text = _strictly_decoded(body, codec)
        if text is not None and not (is_fallback and permissive and not reads_as_korean(text)):
            return codec
    return next((codec for codec in permissive if _strictly_decoded(body, codec) is not None), None)


def reads_as_korean(text: str) -> bool:
    """Whether most non-ASCII characters of ``text`` are Hangul syllables."""
    non_ascii = len(_NON_ASCII.findall(text))
    return non_ascii > 0 and len(_HANGUL.findall(text)) >= _MIN_HANGUL_SHARE * non_ascii


def _strictly_decoded(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
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
