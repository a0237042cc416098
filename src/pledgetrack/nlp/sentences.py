"""The sentences of a parsed paragraph, with the parser's mid-sentence splits mended.

The parser sometimes ends a sentence inside a list of capitalised words ("to Detect, Defend,
Disrupt, and | Destroy North Korean ... threats"). A sentence that ends without closing
punctuation and is followed, on the same line, by one that does not open with a determiner or
pronoun is joined to it. Components use ``sentences(doc)`` instead of ``doc.sents``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

_CLOSING = {".", "!", "?", ";", ":", ")", "]", '"', "”", "’", "'"}
_OPENERS = {"DET", "PRON"}


def sentences(doc: Doc) -> list[Span]:
    """The paragraph's sentences (computed once per Doc)."""
    cached = doc.user_data.get("pt_sents")
    if cached is None:
        cached = doc.user_data["pt_sents"] = [doc[s:e] for s, e in _bounds(doc)]
    return cached


def _bounds(doc: Doc) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        if out and _continues(doc, out[-1][1], sent):
            out[-1] = (out[-1][0], sent.end)
        else:
            out.append((sent.start, sent.end))
    return out


def _continues(doc: Doc, end: int, nxt: Span) -> bool:
    words = [t for t in doc[:end] if not t.is_space]
    if not words:
        return False
    last = words[-1]
    if last.text in _CLOSING or last.text.endswith(".") or "\n" in doc[last.i:nxt.start].text_with_ws:
        return False
    first = next((t for t in nxt if not t.is_space), None)
    return first is not None and first.pos_ not in _OPENERS
