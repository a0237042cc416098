"""Split a heading that a converter glued onto the first paragraph of a statement."""
from __future__ import annotations

import re

from pledgetrack.config import settings
from pledgetrack.ingest.dates import DATE_PATTERN

_TITLE_LOWER = frozenset(["of", "the", "in", "and", "for", "on", "to", "a", "an", "between", "at", "with", "by", "among", "following"])
_PLACE = r"[A-Z][a-z]+(?:,?\s+D\.\s?C\.)?"
_DATE_LEAD = re.compile(rf"^\((?:{DATE_PATTERN.pattern})\)(?=\s+[A-Z])")


def split_glued_headings(text: str) -> str:
    """Put "Title October 2, 2013, Seoul" and "(April 19, 2019)" on lines of their own."""
    paragraphs = text.split("\n\n")
    for i in range(min(settings().ingest.head_paragraphs, len(paragraphs))):
        paragraphs[i] = _split(paragraphs[i])
    return "\n\n".join(paragraphs)


def _split(para: str) -> str:
    lead = _DATE_LEAD.match(para)
    if lead:
        return para[: lead.end()] + "\n\n" + para[lead.end():].lstrip()
    for date in DATE_PATTERN.finditer(para[:300]):
        head = para[: date.start()].rstrip(" (,")
        if not _title_like(head):
            continue
        tail = re.match(rf"\)?(?:,\s*{_PLACE})?\)?\s+(?=[A-Z(])", para[date.end():])
        if tail and len(para) - date.end() - tail.end() > 40:
            cut = date.end() + tail.end()
            return para[:cut].rstrip() + "\n\n" + para[cut:]
        return para
    return para


def _title_like(head: str) -> bool:
    """A run of 3-30 capitalised words (function words aside) with no sentence break."""
    words = head.split()
    if not 3 <= len(words) <= 30 or re.search(r"[a-z]{2}[.!?]\s", head):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w[0] in "(“\"'" or w.lower() in _TITLE_LOWER for w in words)
