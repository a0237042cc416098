"""Repair words broken at a line end by a hyphen ("opera-" + "tional")."""
from __future__ import annotations

import re

from pledgetrack.ingest.lexicon import english_words, is_suffix

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Words after a hyphen that mark a suspended compound ("low- and middle-income").
_CONJUNCTIONS = frozenset({"and", "or", "nor", "to", "through", "as", "but", "versus", "vs"})
_INLINE_BREAK = re.compile(r"\b([^\W\d_]{2,})- ([a-z][^\W\d_]*)\b")


def document_vocabulary(text: str) -> tuple[set[str], set[str]]:
    """Words written solid and compounds written with a hyphen in ``text``, lower-cased."""
    solid: set[str] = set()
    hyphenated: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        (hyphenated if "-" in word else solid).add(word)
    return solid, hyphenated


def join_hyphenated(left: str, right: str, vocab: tuple[set[str], set[str]]) -> str:
    """How ``left`` (ending in "-") and ``right`` read as one word: solid, or keeping the hyphen."""
    head = re.search(r"[^\W\d_]+$", left[:-1])
    tail = re.match(r"[^\W\d_]+", right)
    if not head or not tail:
        return left + right
    first, second = head.group(0), tail.group(0)
    solid, hyphenated = vocab
    joined = (first + second).lower()
    if second[0].isupper() or f"{first}-{second}".lower() in hyphenated:
        return left + right
    if joined in solid or joined in english_words() or is_suffix(second):
        return left[:-1] + right
    return left + right


def repair_inline_breaks(text: str, vocab: tuple[set[str], set[str]]) -> str:
    """Close "opera- tional" and "cross- domain" gaps that a converter left inside a line."""
    def fix(match: re.Match[str]) -> str:
        if match.group(2).lower() in _CONJUNCTIONS:
            return match.group(0)
        return join_hyphenated(match.group(1) + "-", match.group(2), vocab)

    return _INLINE_BREAK.sub(fix, text)
