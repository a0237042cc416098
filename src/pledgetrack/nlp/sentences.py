"""The sentences of a parsed paragraph, with the parser's mid-sentence splits mended.

The parser sometimes ends a sentence inside a list of capitalised words ("to Detect, Defend,
Disrupt, and | Destroy North Korean ... threats"). A sentence that ends without closing
punctuation and is followed, on the same line, by one that does not open with a determiner or
pronoun is joined to it. Components use ``sentences(doc)`` instead of ``doc.sents``.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
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


# Abbreviations the parser may end a sentence at: "implement Art. | 5 of the Treaty", "the approx. | 5,000 troops".
_ABBREVIATIONS = {"art.", "arts.", "no.", "nos.", "para.", "paras.", "sec.", "vol.", "approx.", "p.", "pp.", "cf.",
                  "e.g.", "i.e.", "vs.", "fig.", "ch.", "ref.", "op.", "res."}


def _abbreviation_ends(doc: Doc, i: int) -> bool:
    """Whether token ``i`` ends an abbreviation ("Art.", or "Art" then "."): no sentence ends there."""
    token = doc[i]
    if token.lower_ in _ABBREVIATIONS:
        return True
    return token.text == "." and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].lower_ + "." in _ABBREVIATIONS


@Language.factory("pledgetrack_sentence_marks", default_config={})
def make_sentence_marks(nlp: Language, name: str) -> Any:
    """Before the parser: no sentence starts after an abbreviation on the same line ("to implement
    Art. 5 of the Treaty", "the approx. 5,000 troops"), which the parser otherwise often splits at."""

    def marks(doc: Doc) -> Doc:
        for i in range(len(doc) - 1):
            if _abbreviation_ends(doc, i) and "\n" not in doc[i].whitespace_ and not doc[i + 1].is_space:
                doc[i + 1].is_sent_start = False
        return doc

    return marks


def _continues(doc: Doc, end: int, nxt: Span) -> bool:
    words = [t for t in doc[:end] if not t.is_space]
    if not words:
        return False
    last = words[-1]
    if "\n" in doc[last.i:nxt.start].text_with_ws:
        return False
    first = next((t for t in nxt if not t.is_space), None)
    if first is None:
        return False
    if _abbreviation_ends(doc, last.i) or (first.text[:1].islower() and last.text not in {";", ":"}):
        return True  # no sentence ends at an abbreviation, nor does one begin in lower case
    if last.text in _CLOSING or last.text.endswith("."):
        return False
    return first.pos_ not in _OPENERS
