"""Korean search by character bigrams, made in Python (no database tokenizer needed).

Text becomes its words (runs of letters and digits, NFC, case-folded); a word becomes its
overlapping two-character pieces (``대구시는`` → ``대구 구시 시는``; a one-character word stays
whole), and a boundary token that no piece can equal stands between two words. A query word
is then the phrase of its pieces, which a text holds exactly where the word is a substring of
one of its words: ``대구`` finds ``대구시는`` and ``대구광역시``, also on SQLite's ``unicode61``
and PostgreSQL's ``simple`` full text, which only split on spaces. Pure functions, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

BOUNDARY = "qqq"
"""The token between two words: three characters, so never a piece of a word (at most two)."""
TITLE_GAP = 8
"""Positions left empty between the title and the text in a PostgreSQL document, so that no
phrase reads across them."""
WORDS_CACHED = 8192
"""Words whose tokens are kept (about 2.5 MB): a news text's words are mostly common ones."""
_QUOTED_OR_BARE = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_PAIRS = re.compile(r"(?=(..))", re.DOTALL)
_BETWEEN_WORDS = f" {BOUNDARY} "


def words(text: str) -> list[str]:
    """The words of ``text``: maximal runs of letters and digits (Unicode categories L and N,
    as SQLite's ``unicode61`` reads them), NFC and case-folded."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def tokens(text_words: Sequence[str]) -> list[str]:
    """The index tokens of a sequence of words: each word's overlapping two-character pieces
    (a one-character word whole), :data:`BOUNDARY` between words."""
    found: list[str] = []
    for word in text_words:
        if found:
            found.append(BOUNDARY)
        if len(word) < 2:
            found.append(word)
        else:
            found.extend(map(str.__add__, word[:-1], word[1:]))
    return found


def bigram_text(text: str) -> str:
    """The text to index for ``text``: its tokens joined by spaces, as ``" ".join(tokens(words(text)))``
    (a third of the time: an article's text is indexed on the crawl's thread, and most of its
    words were met before)."""
    return _BETWEEN_WORDS.join(map(_word_pieces, words(text)))


@lru_cache(maxsize=WORDS_CACHED)
def _word_pieces(word: str) -> str:
    """A word's tokens joined by spaces."""
    return " ".join(_PAIRS.findall(word)) or word


@dataclass(frozen=True)
class Query:
    """A parsed search: every phrase must occur (in the title, or in the subtitle and body)."""

    phrases: tuple[tuple[str, ...], ...]
    """Each phrase as its words; a bare query word is a phrase of one word."""

    def phrase_tokens(self) -> list[list[str]]:
        """The tokens of each phrase, in order."""
        return [tokens(phrase) for phrase in self.phrases]


def parse_query(text: str) -> Query:
    """``대구 화재`` → two phrases (both must occur); ``"대구 스마트시티"`` → one phrase of two
    words (must occur in that order, nothing but spaces or punctuation between them). A bare
    word with punctuation inside (``COVID-19``) is the phrase of its words. Raises
    ``ValueError`` when the query has no word."""
    phrases = []
    for match in _QUOTED_OR_BARE.finditer(text):
        phrase = tuple(words(match[1] if match[1] is not None else match[2]))
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    if not phrases:
        raise ValueError(f"the search {text!r} has no word to look for (letters or digits)")
    return Query(tuple(phrases))


def fts5_query(query: Query) -> str:
    """The SQLite FTS5 MATCH expression of ``query``: its phrases joined by ``AND``."""
    return " AND ".join('"' + " ".join(phrase) + '"' for phrase in query.phrase_tokens())


def tsquery(query: Query) -> str:
    """The PostgreSQL ``tsquery`` text of ``query``: each phrase's tokens joined by ``<->``,
    the phrases by ``&``."""
    return " & ".join("(" + " <-> ".join(f"'{token}'" for token in phrase) + ")" for phrase in query.phrase_tokens())


def tsvector(title: str, text: str) -> str:
    """The PostgreSQL ``tsvector`` text of an article: each token with its positions, the
    text's positions after the title's and :data:`TITLE_GAP` (PostgreSQL keeps positions up
    to 16,383: the tokens of a longer text all sit at the last one)."""
    positions: dict[str, list[int]] = {}
    title_tokens = tokens(words(title))
    for offset, token_list in ((1, title_tokens), (len(title_tokens) + TITLE_GAP + 1, tokens(words(text)))):
        for index, token in enumerate(token_list):
            positions.setdefault(token, []).append(min(offset + index, 16383))
    return " ".join(f"'{token}':{','.join(map(str, sorted(set(where))))}" for token, where in positions.items())


def searchable_text(subtitle: str, body: str) -> str:
    """The text searched beside the title: the subtitle, then the body."""
    return f"{subtitle}\n{body}" if subtitle else body

