"""The same text from two files: a sketch of a document's words to find it, whatever the file.

Two renderings of one communiqué differ in dashes, "U.S." against "US" and where a line breaks;
their word 5-gram shingles (dots dropped, lower case) are still almost all shared, while two
communiqués of one series share few (measured on the sample corpus: 0.98 for the two copies of
one communiqué, at most 0.15 between consecutive meetings). The sketch keeps the ``K`` smallest
shingle hashes (a bottom-k sketch), so comparing a new document with every stored one is cheap.
``K`` and ``SHINGLE`` make the stored sketches, so they are fixed; the similarity that makes two
texts one document is the configuration's ``store.same_text``.
"""
from __future__ import annotations

import hashlib
import re

from ..config import settings

K = 128  # hashes kept per document
SHINGLE = 5  # words per shingle
_WORD = re.compile(r"[^\W_]+")


def fingerprint(text: str) -> list[int]:
    """The bottom-k sketch of ``text``'s word shingles (sorted 63-bit hashes)."""
    words = _WORD.findall(text.replace(".", "").replace("’", "").replace("'", "").lower())
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") >> 1
              for g in grams}
    return sorted(hashes)[:K]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:K]
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def same_text(a: list[int], b: list[int]) -> bool:
    return similarity(a, b) >= settings().store.same_text
